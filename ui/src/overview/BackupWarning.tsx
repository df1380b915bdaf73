import { useI18n } from '../i18n';
import { formatDateTime } from '../i18n/dates';
import type { Section } from '../app/sections';
import { failedBackup, useBackupSchedule } from '../settings/useBackupSchedule';

/**
 * The last scheduled backup failed: said on the overview until one
 * succeeds. A supervisor is taken to the settings to fix it; a consultant is
 * asked to tell one.
 */
export function BackupWarning({ supervisor, onSection }: { supervisor: boolean; onSection: (section: Section) => void }) {
  const { t } = useI18n();
  const [status] = useBackupSchedule();
  const failed = failedBackup(status);
  if (!failed) return null;
  const at = formatDateTime(failed.at);
  return (
    <div id="overview-backup-failed" class="overview-warning" role="alert">
      <p>{t(supervisor ? 'overview.backupFailed.supervisor' : 'overview.backupFailed.consultant', { at })}</p>
      {supervisor && (
        <button id="overview-backup-settings" type="button" class="button button-secondary" onClick={() => onSection('settings')}>
          {t('overview.backupFailed.open')}
        </button>
      )}
    </div>
  );
}
