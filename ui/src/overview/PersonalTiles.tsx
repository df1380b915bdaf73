// The tiles about the signed-in person's own work: what they left unfinished,
// what they promised to do, and the calls of the day.
import type { CallFilter, CallPage, SessionInfo, StoredCall } from '../ipc/backend';
import { useI18n } from '../i18n';
import { formatDateTime } from '../i18n/dates';
import { useCategoryNames } from '../categories/names';
import { CallRow } from '../calls/CallRow';
import { FollowUpSummary } from '../calls/FollowUpList';
import type { CallsOpening } from '../calls/CallsScreen';
import { assignedTo } from './followUps';
import { Tile } from './Tile';
import { useAnswer } from './useAnswer';

/** Today's calls listed on the overview; the calls section has the rest. */
export const TODAY_SHOWN = 5;

interface TileProps {
  asked: number;
  onOpenCall: (opening: CallsOpening) => void;
}

/** Drafts left by a lock or a crash, newest first, each with the button that takes the call up again. */
export function DraftsTile({ asked, onOpenCall }: TileProps) {
  const { t } = useI18n();
  const names = useCategoryNames();
  const answer = useAnswer((backend) => backend.ownCallDrafts(), asked);
  return (
    <Tile id="overview-drafts" title={t('overview.drafts.title')} answer={answer}>
      {(drafts) =>
        drafts.length === 0 ? (
          <p class="muted">{t('overview.drafts.empty')}</p>
        ) : (
          <ul class="overview-list">
            {[...drafts]
              .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
              .map((draft) => {
                const started = formatDateTime(draft.details.startedAt);
                const what = [draft.details.caseRef, draft.details.line && names.name(draft.details.line)].filter(Boolean).join(' · ');
                return (
                  <li key={draft.id} class="overview-item" data-id={draft.id}>
                    <span>
                      {t('overview.drafts.started', { date: started })}
                      {what && <span class="muted"> · {what}</span>}
                    </span>
                    <button
                      type="button"
                      class="button button-primary"
                      aria-label={t('overview.drafts.resumeLabel', { date: started })}
                      onClick={() => onOpenCall({ kind: 'form', call: draft })}
                    >
                      {t('drafts.resume')}
                    </button>
                  </li>
                );
              })}
          </ul>
        )
      }
    </Tile>
  );
}

/** The open follow-ups assigned to the signed-in person, overdue ones marked; each opens its call. */
export function MyFollowUpsTile({ asked, onOpenCall, session }: TileProps & { session: SessionInfo }) {
  const { t } = useI18n();
  const answer = useAnswer((backend) => backend.followUps().then((items) => assignedTo(items, session.account.id)), asked);
  return (
    <Tile id="overview-my-follow-ups" title={t('overview.myFollowUps.title')} answer={answer}>
      {(items) =>
        items.length === 0 ? (
          <p class="muted">{t('overview.myFollowUps.empty')}</p>
        ) : (
          <>
            <p id="overview-my-follow-ups-counts" class="overview-counts">
              {t('overview.myFollowUps.counts', { open: items.length, overdue: items.filter((item) => item.overdue).length })}
            </p>
            <ul class="follow-up-list">
              {items.map(({ call, overdue }) => (
                <li key={call.id} class={overdue ? 'follow-up overdue' : 'follow-up'} data-id={call.id}>
                  <button type="button" class="follow-up-open" onClick={() => onOpenCall({ kind: 'view', id: call.id })}>
                    <FollowUpSummary call={call} overdue={overdue} />
                  </button>
                </li>
              ))}
            </ul>
          </>
        )
      }
    </Tile>
  );
}

/** Every finished call that started on the Rīga day `day`, as the calls list would show them. */
export function callsOfDay(day: string): CallFilter {
  return { from: day, to: day, regions: [], lines: [], subjects: [], followUpDueBy: null, caseRef: null, text: null, before: null };
}

/**
 * Today's finished calls: how many, and the newest few. One page is all the
 * overview reads, so when more follow it says "more than" instead of a count
 * that would be wrong.
 */
export function TodayTile({ asked, onOpenCall, today, onShowAll }: TileProps & { today: string; onShowAll: () => void }) {
  const { t } = useI18n();
  const answer = useAnswer<CallPage>((backend) => backend.findCalls(callsOfDay(today)), asked);
  return (
    <Tile id="overview-today" title={t('overview.today.title')} answer={answer}>
      {({ calls, next }) =>
        calls.length === 0 ? (
          <p class="muted">{t('overview.today.empty')}</p>
        ) : (
          <>
            <p id="overview-today-count" class="overview-counts">
              {next === null
                ? t('overview.today.count', { count: calls.length })
                : t('overview.today.more', { count: calls.length })}
            </p>
            <ul class="call-rows">
              {calls.slice(0, TODAY_SHOWN).map((call: StoredCall) => (
                <CallRow key={call.id} call={call} onOpen={() => onOpenCall({ kind: 'view', id: call.id })} />
              ))}
            </ul>
            <button id="overview-today-all" type="button" class="button button-secondary" onClick={onShowAll}>
              {t('overview.today.all')}
            </button>
          </>
        )
      }
    </Tile>
  );
}
