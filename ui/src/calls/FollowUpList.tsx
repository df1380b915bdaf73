import { useState } from 'preact/hooks';
import type { Colleague, FollowUpItem, SessionInfo, StoredCall } from '../ipc/backend';
import { useI18n } from '../i18n';
import { formatDateTime, formatDay } from '../i18n/dates';
import { FormStatus } from '../forms/Field';
import { useCategoryNames } from '../categories/names';
import { FollowUpDone } from './FollowUpDone';
import { HandOver } from './HandOver';

interface FollowUpListProps {
  session: SessionInfo;
  /** Every open follow-up the account sees, overdue first, as core listed them. */
  items: FollowUpItem[];
  onOpenCall: (id: string) => void;
  /** One follow-up was marked done: it leaves the list. */
  onDone: (callId: string) => void;
  /** Follow-ups changed hands: the list is read again. */
  onHandedOver: () => void;
}

/** The people who hold the listed follow-ups, each once, in list order. */
function holdersOf(items: FollowUpItem[]): Colleague[] {
  const holders = new Map<string, Colleague>();
  for (const { assignee } of items) {
    if (assignee && !holders.has(assignee.id)) holders.set(assignee.id, assignee);
  }
  return [...holders.values()];
}

/**
 * The follow-ups panel beside the calls list: what is due and by whom,
 * overdue ones marked, each one closable with its outcome, and a hand-over
 * of a person's whole list at a shift change.
 */
export function FollowUpList({ session, items, onOpenCall, onDone, onHandedOver }: FollowUpListProps) {
  const { t } = useI18n();
  const [handedOver, setHandedOver] = useState<number | null>(null);
  return (
    <aside id="follow-ups" class="follow-ups panel" aria-labelledby="follow-ups-title">
      <h2 id="follow-ups-title" class="panel-title" tabIndex={-1}>
        {t('followUps.title')}
      </h2>
      {items.length === 0 ? (
        <p class="muted">{t('followUps.empty')}</p>
      ) : (
        <ul class="follow-up-list">
          {items.map(({ call, overdue, assignee }) => (
            <li key={call.id} class={overdue ? 'follow-up overdue' : 'follow-up'}>
              <button type="button" class="follow-up-open" onClick={() => onOpenCall(call.id)}>
                <FollowUpSummary call={call} overdue={overdue} />
                {assignee?.id !== session.account.id && (
                  <span class="follow-up-assignee">
                    {t('followUps.assignedTo', { name: assignee ? assignee.displayName : t('followUps.unknownColleague') })}
                  </span>
                )}
              </button>
              <FollowUpDone callId={call.id} onDone={(done) => onDone(done.id)} />
            </li>
          ))}
        </ul>
      )}
      <HandOver
        session={session}
        holders={holdersOf(items)}
        onHandedOver={(count) => {
          setHandedOver(count);
          onHandedOver();
        }}
      />
      <FormStatus text={handedOver === null ? undefined : t('followUps.handedOver', { count: handedOver })} />
    </aside>
  );
}

/** What a follow-up's row says: overdue or not, when it is due, and which call. */
export function FollowUpSummary({ call, overdue }: { call: StoredCall; overdue: boolean }) {
  const { t } = useI18n();
  const names = useCategoryNames();
  return (
    <>
      {overdue && <span class="badge badge-danger">{t('followUps.overdue')}</span>}
      <span class="follow-up-due">
        {t('followUps.due', { date: call.details.followUp ? formatDay(call.details.followUp.due) : t('call.none') })}
      </span>
      <span class="follow-up-what">
        {[call.details.caseRef, names.subjects(call.details.subjects), formatDateTime(call.details.startedAt)]
          .filter(Boolean)
          .join(' · ')}
      </span>
    </>
  );
}
