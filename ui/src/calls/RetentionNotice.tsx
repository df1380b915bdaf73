import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../i18n';
import { useBackend } from '../ipc/context';

/**
 * Whether finishing a call that started at `startedAt` keeps its statistics
 * only (it began before the organisation's retention period); null asks
 * nothing. The backend is asked again only when the start changes; an answer
 * about an earlier start is dropped, and a failed question counts as no (the
 * backend still decides when the call is finished).
 */
export function usePastRetention(startedAt: string | null): boolean {
  const backend = useBackend();
  const [past, setPast] = useState(false);
  useEffect(() => {
    if (startedAt === null) {
      setPast(false);
      return;
    }
    let current = true;
    backend.isPastRetention(startedAt).then(
      (answer) => current && setPast(answer),
      () => current && setPast(false),
    );
    return () => {
      current = false;
    };
  }, [startedAt]);
  return past;
}

interface RetentionNoticeProps {
  id: string;
  past: boolean;
  /**
   * The copy a screen reader reads out when it appears: a status region that
   * is always in the page, so it is announced once. The other copy (by the
   * finish button, which names it in `aria-describedby`) is only there while
   * the call is past the period.
   */
  live: boolean;
}

/** Says before finishing that the call will be kept as statistics only. */
export function RetentionNotice({ id, past, live }: RetentionNoticeProps) {
  const { t } = useI18n();
  if (!past && !live) return null;
  return (
    <p id={id} class={past ? 'retention-notice' : 'visually-hidden'} role={live ? 'status' : undefined}>
      {past ? t('call.pastRetention') : ''}
    </p>
  );
}
