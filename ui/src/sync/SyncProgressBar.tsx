import type { SyncProgress } from '../ipc/backend';
import { useI18n } from '../i18n';

interface SyncProgressBarProps {
  progress: SyncProgress;
  /** Stops the round after the page being applied; nothing received is lost. */
  onCancel: () => void;
}

/**
 * How far a round's download is (records received of those the server had
 * when it began), so a laptop joining a large organisation shows it is
 * working; with a button that stops it, to be continued at the next round.
 */
export function SyncProgressBar({ progress, onCancel }: SyncProgressBarProps) {
  const { t, locale } = useI18n();
  const number = new Intl.NumberFormat(locale);
  const text = t('sync.progress', { received: number.format(progress.received), total: number.format(progress.total) });
  return (
    <div id="sync-progress" class="sync-progress">
      <progress id="sync-progress-bar" max={Math.max(progress.total, 1)} value={progress.received} aria-label={text} />
      <span id="sync-progress-text" class="sync-progress-text">
        {text}
      </span>
      <button id="sync-cancel" type="button" class="sync-cancel" onClick={onCancel}>
        {t('sync.cancel')}
      </button>
    </div>
  );
}
