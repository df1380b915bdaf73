import { useEffect, useMemo, useState } from 'preact/hooks';
import type { PublicError, SessionInfo } from '../ipc/backend';
import { useBackend } from '../ipc/context';
import { toPublicError } from '../ipc/errors';
import { useI18n } from '../i18n';
import { rigaDay } from '../i18n/dates';
import { FormError } from '../forms/Field';
import type { Section } from '../app/sections';
import type { CallsOpening } from '../calls/CallsScreen';
import { NewCallButton } from '../calls/NewCallButton';
import { weekSoFar } from '../reports/period';
import { DraftsTile, MyFollowUpsTile, TodayTile } from './PersonalTiles';
import { CallCountsTile, SyncTile, TeamFollowUpsTile } from './TeamTiles';
import { BackupWarning } from './BackupWarning';

interface OverviewScreenProps {
  session: SessionInfo;
  /** Opens a draft's form or a finished call in the calls section. */
  onOpenCall: (opening: CallsOpening) => void;
  onSection: (section: Section) => void;
}

/**
 * The first section after unlocking: what waits for the person. A
 * consultant sees their unfinished calls, their follow-ups and today's calls;
 * a supervisor sees the calls of today and this week by line and region,
 * the follow-ups of each colleague, the state of sync and their own
 * unfinished calls. Everything is read again on Refresh, whenever the section opens, and
 * when the window comes back to the front. "New call" and Alt+N work here
 * too, so a ringing phone never waits for the person to find the calls list.
 */
export function OverviewScreen({ session, onOpenCall, onSection }: OverviewScreenProps) {
  const backend = useBackend();
  const i18n = useI18n();
  const { t } = i18n;
  const [asked, setAsked] = useState(0);
  const [starting, setStarting] = useState(false);
  const [problem, setProblem] = useState<PublicError | null>(null);
  const refresh = () => setAsked((count) => count + 1);
  // The day and week are fixed per question, so a refresh after midnight moves on to the new day.
  const { today, week } = useMemo(() => {
    const now = new Date();
    return { today: rigaDay(now), week: weekSoFar(now) };
  }, [asked]);

  useEffect(() => {
    window.addEventListener('focus', refresh);
    return () => window.removeEventListener('focus', refresh);
  }, []);

  async function start() {
    if (starting) return;
    setStarting(true);
    try {
      onOpenCall({ kind: 'form', call: await backend.startCall() });
    } catch (reason) {
      setProblem(toPublicError(reason));
      setStarting(false);
    }
  }

  const supervisor = session.account.role === 'supervisor';
  return (
    <div class="overview">
      <div class="overview-toolbar">
        <NewCallButton id="overview-new-call" disabled={starting} onStart={() => void start()} />
        <button id="overview-refresh" type="button" class="button button-secondary" onClick={refresh}>
          {t('overview.refresh')}
        </button>
      </div>
      <FormError id="overview-error" text={problem ? i18n.localize(problem.message) : undefined} />
      <BackupWarning supervisor={supervisor} onSection={onSection} />
      <div class="overview-grid">
        {supervisor ? (
          <>
            <CallCountsTile asked={asked} today={{ from: today, to: today }} week={week} />
            <TeamFollowUpsTile asked={asked} />
            <SyncTile asked={asked} onSection={onSection} />
            <DraftsTile asked={asked} onOpenCall={onOpenCall} />
          </>
        ) : (
          <>
            <DraftsTile asked={asked} onOpenCall={onOpenCall} />
            <MyFollowUpsTile asked={asked} onOpenCall={onOpenCall} session={session} />
            <TodayTile asked={asked} onOpenCall={onOpenCall} today={today} onShowAll={() => onSection('calls')} />
          </>
        )}
      </div>
    </div>
  );
}
