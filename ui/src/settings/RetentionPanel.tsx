import { useEffect, useRef, useState } from 'preact/hooks';
import type { PublicError, RetentionRun } from '../ipc/backend';
import { useBackend } from '../ipc/context';
import { toPublicError } from '../ipc/errors';
import { useI18n } from '../i18n';
import { formatDate } from '../i18n/dates';
import { Field, FormError, FormStatus } from '../forms/Field';
import { useFocusFirstInvalid, valueOf } from '../forms/focus';
import { type FormProblems, messageText, noProblems, problemsFrom } from '../forms/problems';

const MIN_YEARS = 1;
const MAX_YEARS = 50;

/**
 * Supervisors: how many years calls are kept in full, and a retention run on
 * demand (every unlock runs one too). A run anonymises what is past the
 * period, so its result says how many calls and from before which day.
 */
export function RetentionPanel() {
  const backend = useBackend();
  const i18n = useI18n();
  const { t } = i18n;
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState<'save' | 'run' | null>(null);
  const [saved, setSaved] = useState<number | null>(null);
  const [run, setRun] = useState<RetentionRun | null>(null);
  const [runError, setRunError] = useState<PublicError | null>(null);
  const [problems, setProblems] = useState<FormProblems<'years'>>(noProblems);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(form, problems);

  useEffect(() => {
    backend.retentionYears().then(
      (years) => setValue(String(years)),
      (reason: unknown) => setProblems(problemsFrom(reason, {})),
    );
  }, [backend]);

  async function save(event: Event) {
    event.preventDefault();
    if (busy) return;
    setSaved(null);
    const wanted = Number(value.trim());
    if (!/^\d+$/.test(value.trim()) || wanted < MIN_YEARS || wanted > MAX_YEARS) {
      setProblems({ fields: { years: { key: 'settings.retention.outOfRange' } } });
      return;
    }
    setProblems(noProblems());
    setBusy('save');
    try {
      await backend.setRetentionYears(wanted);
      setSaved(wanted);
    } catch (reason) {
      setProblems(problemsFrom(reason, { retentionYears: 'years' }));
    } finally {
      setBusy(null);
    }
  }

  async function runNow() {
    if (busy) return;
    setBusy('run');
    setRun(null);
    setRunError(null);
    try {
      setRun(await backend.runRetention());
    } catch (reason) {
      setRunError(toPublicError(reason));
    } finally {
      setBusy(null);
    }
  }

  return (
    <section class="panel" aria-labelledby="retention-title">
      <h2 id="retention-title" class="panel-title">
        {t('settings.retention.title')}
      </h2>
      <form ref={form} class="form form-inline" onSubmit={save} noValidate aria-busy={busy === 'save' ? 'true' : 'false'}>
        <FormError text={messageText(i18n, problems.form)} />
        <div class="inline-row">
          <Field
            id="settings-retention"
            label={t('settings.retention.label')}
            hint={t('settings.retention.hint')}
            error={messageText(i18n, problems.fields.years)}
          >
            {(a11y) => (
              <input
                {...a11y}
                class="input-number"
                type="number"
                inputMode="numeric"
                min={MIN_YEARS}
                max={MAX_YEARS}
                step={1}
                value={value}
                onInput={(e) => setValue(valueOf(e))}
              />
            )}
          </Field>
          <button id="settings-retention-save" type="submit" class="button button-primary" disabled={busy !== null}>
            {busy === 'save' ? t('settings.retention.busy') : t('settings.retention.save')}
          </button>
        </div>
        <FormStatus text={saved === null ? undefined : t('settings.retention.saved', { years: saved })} />
      </form>
      <div class="form-actions">
        <button id="retention-run" type="button" class="button button-secondary" disabled={busy !== null} onClick={() => void runNow()}>
          {busy === 'run' ? t('settings.retention.running') : t('settings.retention.run')}
        </button>
      </div>
      <p id="retention-result" class="form-status" role="status">
        {run ? t('settings.retention.ran', { count: run.anonymised, cutoff: formatDate(run.cutoff) }) : null}
      </p>
      {runError && <FormError id="retention-error" text={i18n.localize(runError.message)} />}
    </section>
  );
}
