import { useEffect, useState } from 'preact/hooks';
import type { BackupInterval, BackupScheduleStatus, PublicError } from '../ipc/backend';
import { useBackend } from '../ipc/context';
import { toPublicError } from '../ipc/errors';
import { type MessageKey, useI18n } from '../i18n';
import { formatDateTime } from '../i18n/dates';
import { Field, FormError } from '../forms/Field';
import { formatSize } from '../i18n/sizes';
import { failedBackup, useBackupSchedule } from './useBackupSchedule';

const MAX_KEEP = 60;

type Outcome = { kind: 'notice'; key: MessageKey } | { kind: 'failed'; error: PublicError } | { kind: 'keep' };

/**
 * Supervisors: this laptop backs up by itself every day or week into a
 * folder chosen in the backend's dialog, keeping the newest few. The last
 * result stays on screen, a failure as a warning, until the next one.
 */
export function BackupSchedulePanel() {
  const backend = useBackend();
  const i18n = useI18n();
  const { t, locale } = i18n;
  const [status, setStatus] = useBackupSchedule();
  const schedule = status?.schedule ?? null;
  const [every, setEvery] = useState<BackupInterval>('daily');
  const [keep, setKeep] = useState('7');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  // The form starts from the schedule in force.
  useEffect(() => {
    if (!schedule) return;
    setEvery(schedule.interval);
    setKeep(String(schedule.keep));
  }, [schedule?.interval, schedule?.keep]);

  async function change(action: () => Promise<BackupScheduleStatus | null>, done: MessageKey, cancelled: MessageKey) {
    if (busy) return;
    setBusy(true);
    setOutcome(null);
    try {
      const changed = await action();
      if (changed) setStatus(changed);
      setOutcome({ kind: 'notice', key: changed ? done : cancelled });
    } catch (reason) {
      setOutcome({ kind: 'failed', error: toPublicError(reason) });
    } finally {
      setBusy(false);
    }
  }

  function save(chooseFolder: boolean) {
    const count = Number(keep);
    if (!Number.isInteger(count) || count < 1 || count > MAX_KEEP) {
      setOutcome({ kind: 'keep' });
      document.getElementById('backup-schedule-keep')?.focus();
      return;
    }
    void change(() => backend.scheduleBackups(every, count, chooseFolder), 'settings.backupSchedule.saved', 'settings.backupSchedule.cancelled');
  }

  const failed = failedBackup(status);
  const last = status?.last;
  const nextDue = status?.nextDue;
  const intervalLabel = (chosen: BackupInterval) => t(chosen === 'daily' ? 'settings.backupSchedule.daily' : 'settings.backupSchedule.weekly');

  return (
    <section class="panel" aria-labelledby="backup-schedule-title">
      <h2 id="backup-schedule-title" class="panel-title">
        {t('settings.backupSchedule.title')}
      </h2>
      <p class="panel-intro">{t('settings.backupSchedule.intro')}</p>
      <p id="backup-schedule-state" class="notice">
        {schedule
          ? t('settings.backupSchedule.on', { interval: intervalLabel(schedule.interval), folder: schedule.folder, keep: schedule.keep })
          : t('settings.backupSchedule.off')}
        {schedule && nextDue && (
          <>
            {' '}
            {new Date(nextDue) <= new Date()
              ? t('settings.backupSchedule.dueNow')
              : t('settings.backupSchedule.next', { at: formatDateTime(nextDue) })}
          </>
        )}
      </p>
      {last?.outcome.kind === 'written' && (
        <p id="backup-schedule-last" class="form-status">
          {t('settings.backupSchedule.lastWritten', {
            at: formatDateTime(last.at),
            path: last.outcome.path,
            size: formatSize(last.outcome.bytes, locale),
          })}
        </p>
      )}
      {failed && (
        <p id="backup-schedule-failed" class="form-error" role="alert">
          {t('settings.backupSchedule.failed', { at: formatDateTime(failed.at), reason: i18n.localize(failed.error.message) })}
        </p>
      )}
      <form
        class="backup-schedule-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          save(!schedule);
        }}
      >
        <Field id="backup-schedule-interval" label={t('settings.backupSchedule.interval')}>
          {(control) => (
            <select {...control} value={every} onChange={(event) => setEvery(event.currentTarget.value as BackupInterval)}>
              <option value="daily">{t('settings.backupSchedule.daily')}</option>
              <option value="weekly">{t('settings.backupSchedule.weekly')}</option>
            </select>
          )}
        </Field>
        <Field
          id="backup-schedule-keep"
          label={t('settings.backupSchedule.keep')}
          hint={t('settings.backupSchedule.keepHint')}
          error={outcome?.kind === 'keep' ? t('settings.backupSchedule.keepOutOfRange') : undefined}
        >
          {(control) => (
            <input {...control} type="number" min={1} max={MAX_KEEP} value={keep} onInput={(event) => setKeep(event.currentTarget.value)} />
          )}
        </Field>
        <div class="form-actions">
          <button id="backup-schedule-save" type="submit" class="button button-primary" disabled={busy}>
            {busy ? t('settings.backupSchedule.busy') : t(schedule ? 'settings.backupSchedule.save' : 'settings.backupSchedule.start')}
          </button>
          {schedule && (
            <>
              <button id="backup-schedule-folder" type="button" class="button button-secondary" disabled={busy} onClick={() => save(true)}>
                {t('settings.backupSchedule.changeFolder')}
              </button>
              <button
                id="backup-schedule-stop"
                type="button"
                class="button button-secondary"
                disabled={busy}
                onClick={() => void change(() => backend.stopScheduledBackups(), 'settings.backupSchedule.stopped', 'settings.backupSchedule.stopped')}
              >
                {t('settings.backupSchedule.stop')}
              </button>
            </>
          )}
        </div>
      </form>
      <p id="backup-schedule-result" class="form-status" role="status">
        {outcome?.kind === 'notice' ? t(outcome.key) : null}
      </p>
      {outcome?.kind === 'failed' && <FormError id="backup-schedule-error" text={i18n.localize(outcome.error.message)} />}
    </section>
  );
}
