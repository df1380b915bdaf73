import { useEffect, useState } from 'preact/hooks';
import type { PublicError, RetentionRun } from '../ipc/backend';
import { useBackend } from '../ipc/context';
import { toPublicError } from '../ipc/errors';
import { useI18n } from '../i18n';
import { formatDate } from '../i18n/dates';
import { FormError } from '../forms/Field';
import { NumberSettingForm } from './NumberSettingForm';

/**
 * Supervisors: how many years the organisation keeps calls in full, and a
 * retention run on demand (every unlock runs one too). A run anonymises what
 * is past the period, so its result says how many calls and from before which
 * day; a run that would anonymise more than 100 at once waits for the
 * supervisor to confirm the number, and a clock the server contradicted
 * holds it.
 */
export function RetentionPanel() {
  const backend = useBackend();
  const i18n = useI18n();
  const { t } = i18n;
  const [years, setYears] = useState<number | null>(null);
  const [loadError, setLoadError] = useState<PublicError | null>(null);
  const [saving, setSaving] = useState(false);
  const [running, setRunning] = useState(false);
  const [run, setRun] = useState<RetentionRun | null>(null);
  const [runError, setRunError] = useState<PublicError | null>(null);

  useEffect(() => {
    backend.retentionYears().then(setYears, (reason: unknown) => setLoadError(toPublicError(reason)));
  }, [backend]);

  async function runNow(confirmed: boolean) {
    if (saving || running) return;
    setRunning(true);
    setRun(null);
    setRunError(null);
    try {
      setRun(await backend.runRetention(confirmed));
    } catch (reason) {
      setRunError(toPublicError(reason));
    } finally {
      setRunning(false);
    }
  }

  function runText(done: RetentionRun): string {
    const values = { count: done.held ? done.due : done.anonymised, cutoff: formatDate(done.cutoff) };
    switch (done.held) {
      case 'awaitingConfirmation':
        return t('settings.retention.held.confirm', values);
      case 'clockDisagrees':
        return t('settings.retention.held.clock');
      case null:
        return t('settings.retention.ran', values);
    }
  }

  return (
    <section class="panel" aria-labelledby="retention-title">
      <h2 id="retention-title" class="panel-title">
        {t('settings.retention.title')}
      </h2>
      {loadError && <FormError text={i18n.localize(loadError.message)} />}
      <NumberSettingForm
        id="settings-retention"
        label={t('settings.retention.label')}
        hint={t('settings.retention.hint')}
        value={years}
        min={1}
        max={50}
        outOfRange="settings.retention.outOfRange"
        backendFields={['retentionYears']}
        saveLabel={t('settings.retention.save')}
        busyLabel={t('settings.retention.busy')}
        savedText={(saved) => t('settings.retention.saved', { years: saved })}
        save={(wanted) => backend.setRetentionYears(wanted)}
        disabled={running}
        onBusy={setSaving}
      />
      <div class="form-actions">
        <button id="retention-run" type="button" class="button button-secondary" disabled={saving || running} onClick={() => void runNow(false)}>
          {running ? t('settings.retention.running') : t('settings.retention.run')}
        </button>
      </div>
      <p id="retention-result" class="form-status" role="status">
        {run ? runText(run) : null}
      </p>
      {run?.held === 'awaitingConfirmation' && (
        <div class="form-actions">
          <button id="retention-confirm" type="button" class="button button-danger" disabled={running} onClick={() => void runNow(true)}>
            {t('settings.retention.confirm', { count: run.due })}
          </button>
        </div>
      )}
      {runError && <FormError id="retention-error" text={i18n.localize(runError.message)} />}
    </section>
  );
}
