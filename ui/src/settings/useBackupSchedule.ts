import { useEffect, useState } from 'preact/hooks';
import type { BackupScheduleStatus } from '../ipc/backend';
import { useBackend } from '../ipc/context';

/**
 * This laptop's backup schedule as the backend last told it, kept current by
 * the `backup-status` event each scheduled backup sends. `null` until the
 * first answer, and when it cannot be read (the settings panel then shows
 * the form for an unset schedule; the overview shows nothing).
 */
export function useBackupSchedule(): [BackupScheduleStatus | null, (status: BackupScheduleStatus) => void] {
  const backend = useBackend();
  const [status, setStatus] = useState<BackupScheduleStatus | null>(null);
  useEffect(() => {
    let current = true;
    backend.backupSchedule().then(
      (found) => current && setStatus(found),
      () => undefined,
    );
    const unsubscribe = backend.onBackupStatus((changed) => current && setStatus(changed));
    return () => {
      current = false;
      void unsubscribe.then((stop) => stop());
    };
  }, [backend]);
  return [status, setStatus];
}

/** The last scheduled backup, when it failed: what the warning shows. */
export function failedBackup(status: BackupScheduleStatus | null) {
  const last = status?.last;
  return last?.outcome.kind === 'failed' ? { at: last.at, error: last.outcome.error } : null;
}
