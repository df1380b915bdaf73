import { useRef, useState } from 'preact/hooks';
import type { FollowUpItem } from '../ipc/backend';
import { useI18n } from '../i18n';
import { rigaDay } from '../i18n/dates';

interface Reminder {
  overdue: number;
  today: number;
}

/** How many of `me`'s own follow-ups are overdue and how many are due `today` (a Rīga day). */
export function reminderFor(items: FollowUpItem[], me: string, today: string): Reminder | null {
  const mine = items.filter((item) => item.call.details.followUp?.assignee === me);
  const overdue = mine.filter((item) => item.overdue).length;
  const dueToday = mine.filter((item) => !item.overdue && item.call.details.followUp?.due === today).length;
  return overdue + dueToday > 0 ? { overdue, today: dueToday } : null;
}

interface FollowUpReminderProps {
  /** The follow-up list as first read after unlocking; `null` until it comes. */
  items: FollowUpItem[] | null;
  /** The signed-in account: only their own follow-ups are reminded of. */
  me: string;
  /** Takes the person to the follow-up list. */
  onShow: () => void;
}

/**
 * Said once after unlocking: the person's own overdue follow-ups and those
 * due today, so a shift starts with what was promised to callers. It keeps
 * the first answer: marking one done later does not bring it back.
 */
export function FollowUpReminder({ items, me, onShow }: FollowUpReminderProps) {
  const { t } = useI18n();
  const first = useRef<FollowUpItem[] | null>(null);
  if (first.current === null) first.current = items;
  const [dismissed, setDismissed] = useState(false);
  const reminder = first.current && !dismissed ? reminderFor(first.current, me, rigaDay(new Date())) : null;

  if (!reminder) return null;
  const said = [
    reminder.overdue > 0 ? t('reminder.overdue', { count: reminder.overdue }) : '',
    reminder.today > 0 ? t('reminder.today', { count: reminder.today }) : '',
  ].filter(Boolean);
  return (
    <div id="follow-up-reminder" class="notice top-notice" role="status">
      <p>{said.join(' ')}</p>
      <button
        id="follow-up-reminder-show"
        type="button"
        class="button button-primary"
        onClick={() => {
          setDismissed(true);
          onShow();
        }}
      >
        {t('reminder.show')}
      </button>
      <button id="follow-up-reminder-dismiss" type="button" class="button button-secondary" onClick={() => setDismissed(true)}>
        {t('reminder.dismiss')}
      </button>
    </div>
  );
}
