import { useEffect, useState } from 'preact/hooks';
import type { WorkProgress } from '../ipc/backend';
import { useBackend } from '../ipc/context';
import { type I18n, type MessageKey, useI18n } from '../i18n';
import { formatSize } from '../i18n/sizes';

/** How often the bar asks the backend how far the work is. */
const POLL_MS = 250;
/** The screen reader hears every quarter, not every poll. */
const ANNOUNCE_EVERY_PERCENT = 25;

const UNIT_TEXT: Record<WorkProgress['unit'], MessageKey> = {
  records: 'longWork.records',
  calls: 'longWork.calls',
  pages: 'longWork.pages',
  bytes: 'longWork.bytes',
};

interface LongWorkProgressProps {
  /** Prefix of the ids inside, so a panel's bar can be told from another's. */
  id: string;
  /** What runs, as the person would say it ("Saving the backup"). */
  work: MessageKey;
}

/** "1 200 of 5 000 records", or "2,5 MB of 10 MB" for bytes, in the current language. */
export function progressText({ t, locale }: I18n, progress: WorkProgress): string {
  const format =
    progress.unit === 'bytes'
      ? (value: number) => formatSize(value, locale)
      : (value: number) => new Intl.NumberFormat(locale).format(value);
  return t(UNIT_TEXT[progress.unit], { done: format(progress.done), total: format(progress.total) });
}

/**
 * How far a backup, restore, export or import is, shown while its command
 * runs: a bar, "Saving the backup: 1 200 of 5 000 pages", and a Stop button
 * once the work reports (it stops where that loses nothing, and the
 * command then fails with `longWorkCancelled`). The backend is asked every
 * quarter second; a screen reader hears each quarter of the way.
 */
export function LongWorkProgress({ id, work }: LongWorkProgressProps) {
  const backend = useBackend();
  const i18n = useI18n();
  const { t } = i18n;
  const [progress, setProgress] = useState<WorkProgress | null>(null);
  const [stopping, setStopping] = useState(false);

  useEffect(() => {
    let live = true;
    const ask = () => {
      backend.longWorkProgress().then(
        (answer) => {
          if (live) setProgress(answer);
        },
        () => undefined,
      );
    };
    ask();
    const timer = setInterval(ask, POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [backend]);

  function stop() {
    setStopping(true);
    backend.cancelLongWork().catch(() => setStopping(false));
  }

  const workName = t(work);
  const status = t('longWork.status', { work: workName, progress: progress ? progressText(i18n, progress) : t('longWork.starting') });
  const percent = progress && progress.total > 0 ? Math.floor((progress.done * 100) / progress.total) : 0;
  const announced = percent - (percent % ANNOUNCE_EVERY_PERCENT);
  return (
    <div id={id} class="long-work" aria-busy="true">
      <progress
        id={`${id}-bar`}
        aria-labelledby={`${id}-text`}
        {...(progress ? { max: Math.max(progress.total, 1), value: progress.done } : {})}
      />
      <span id={`${id}-text`} class="long-work-text">
        {status}
      </span>
      {progress && (
        <button id={`${id}-stop`} type="button" class="button button-secondary long-work-stop" disabled={stopping} onClick={stop}>
          {stopping ? t('longWork.stopping') : t('longWork.stop')}
        </button>
      )}
      <p id={`${id}-announce`} class="visually-hidden" role="status" aria-live="polite">
        {progress ? t('longWork.announce', { work: workName, percent: announced }) : ''}
      </p>
    </div>
  );
}
