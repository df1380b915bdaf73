import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CallDetails, CallVersion, PublicError, ReferralStatus, SessionInfo, StoredCall } from '../ipc/backend';
import { useBackend } from '../ipc/context';
import { toPublicError } from '../ipc/errors';
import { useI18n } from '../i18n';
import { formatDateTime, formatDay, rigaDay } from '../i18n/dates';
import { FormError, FormStatus } from '../forms/Field';
import { useColleagues } from './colleagues';
import { useCategoryNames } from '../categories/names';
import { changedFieldName, countryNamer, indicatorsText } from './options';
import { ReferralSummary } from './ReferralSummary';
import { CallSummaryDialog } from './CallSummaryDialog';
import { CallEraseDialog } from './CallEraseDialog';
import { ReferralSheetDialog } from '../referrals/ReferralSheetDialog';
import { withStatus } from './ReferralStatusField';

interface CallViewProps {
  session: SessionInfo;
  id: string;
  countries: readonly string[];
  onEdit: (call: StoredCall) => void;
  onOpenCase: (caseRef: string) => void;
  /** The call was erased on request: it is gone, so the view must go too. */
  onErased: () => void;
  onBack: () => void;
}

interface CallFieldsProps {
  details: CallDetails;
  session: SessionInfo;
  /** Given where the reader may edit the call: referral statuses are changed in place. */
  onReferralStatus?: (index: number, status: ReferralStatus) => void;
}

/** Every field of a call, read-only (but for the referral statuses, given `onReferralStatus`). */
export function CallFields({ details, session, onReferralStatus }: CallFieldsProps) {
  const { t, locale } = useI18n();
  const names = useCategoryNames();
  const none = t('call.none');
  const countryName = countryNamer(locale);
  const followUp = details.followUp;
  const assignee = useColleagues(followUp ? details.region : null).find((colleague) => colleague.id === followUp?.assignee);
  const assigneeName = !followUp
    ? ''
    : followUp.assignee === session.account.id
      ? t('call.followUpMe', { name: session.account.displayName })
      : (assignee?.displayName ?? t('followUps.unknownColleague'));
  /** Label, value, and whether the value takes the whole width. */
  const rows: [string, ComponentChildren, boolean?][] = [
    [t('call.started'), formatDateTime(details.startedAt)],
    [t('call.ended'), details.endedAt ? formatDateTime(details.endedAt) : none],
    [t('call.line'), details.line ? names.name(details.line) : none],
    [t('call.direction'), t(`direction.${details.direction}`)],
    [t('call.region'), t(`region.${details.region}`)],
    [t('call.callerRole'), details.callerRole ? t(`callerRole.${details.callerRole}`) : none],
    [t('call.gender'), details.gender ? t(`gender.${details.gender}`) : none],
    [t('call.ageGroup'), details.ageGroup ? t(`ageGroup.${details.ageGroup}`) : none],
    [t('call.language'), details.language ? t(`callerLanguage.${details.language}`) : none],
    [t('call.contactBack'), details.contactBack ? t(`contactBack.${details.contactBack}`) : none],
    [t('call.groupSubject'), names.subjects(details.subjects) || none],
    [t('call.country'), details.country ? countryName(details.country) : none],
    [t('call.risk'), details.risk ? t(`risk.${details.risk}`) : none],
    [t('call.danger'), details.immediateDanger ? t('call.yes') : t('call.no')],
    [t('call.indicators'), indicatorsText(t, details.indicators)],
    [t('call.outcome'), details.outcome ? t(`callOutcome.${details.outcome}`) : none],
    [t('call.advice'), details.adviceGiven || none],
    [
      t('call.referrals'),
      details.referrals.length ? <ReferralSummary referrals={details.referrals} onStatus={onReferralStatus} /> : none,
      true,
    ],
    [
      t('call.followUpNeeded'),
      followUp
        ? [
            formatDay(followUp.due),
            t('followUps.assignedTo', { name: assigneeName }),
            followUp.doneAt ? t('call.followUpDoneOn', { date: formatDay(rigaDay(new Date(followUp.doneAt))) }) : '',
            followUp.outcome ?? '',
          ]
            .filter(Boolean)
            .join(' · ')
        : t('call.no'),
    ],
    [t('call.caseRef'), details.caseRef ?? none],
    [t('call.notes'), details.notes || none],
  ];
  return (
    <dl class="call-fields">
      {rows.map(([label, value, wide]) => (
        <div key={label} class={wide ? 'call-field call-field-wide' : 'call-field'}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** One version in the history: who, when, what changed; expands to its fields. */
function HistoryEntry({ version, session }: { version: CallVersion; session: SessionInfo }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const changed = version.changedFields.length
    ? t('call.historyChanged', { fields: version.changedFields.map((f) => changedFieldName(t, f)).join(', ') })
    : t('call.historyFirst');
  const parallel = version.editedOnTwoDevices ? ` (${t('call.historyParallel')})` : '';
  return (
    <li class={version.editedOnTwoDevices ? 'history-entry history-parallel' : 'history-entry'}>
      <details open={open} onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
        <summary aria-label={`${t('call.historyEntry', { version: version.version, date: formatDateTime(version.editedAt), name: version.editedByName })} — ${changed}${parallel}. ${t('call.historyShow', { version: version.version })}`}>
          <span class="history-title">
            {t('call.historyEntry', { version: version.version, date: formatDateTime(version.editedAt), name: version.editedByName })}
          </span>{' '}
          — <span class="history-changed">{changed}</span>
          {version.editedOnTwoDevices && (
            <>
              {' '}
              <span class="badge badge-conflict">{t('call.historyParallel')}</span>
            </>
          )}
        </summary>
        {open && <CallFields details={version.details} session={session} />}
      </details>
    </li>
  );
}

/** A finished call, read-only, with "Edit" and its history of versions. */
export function CallView({ session, id, onEdit, onOpenCase, onErased, onBack }: CallViewProps) {
  const backend = useBackend();
  const i18n = useI18n();
  const { t } = i18n;
  const [call, setCall] = useState<StoredCall | null>(null);
  const [history, setHistory] = useState<CallVersion[]>([]);
  const [problem, setProblem] = useState<PublicError | null>(null);
  const [statusSaved, setStatusSaved] = useState<string | undefined>(undefined);
  const [printing, setPrinting] = useState<'summary' | 'sheet' | 'erase' | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    let current = true;
    Promise.all([backend.getCall(id), backend.callHistory(id)]).then(
      ([found, versions]) => {
        if (!current) return;
        setCall(found);
        setHistory([...versions].sort((a, b) => b.version - a.version));
      },
      (reason: unknown) => current && setProblem(toPublicError(reason)),
    );
    return () => {
      current = false;
    };
  }, [backend, id]);

  useEffect(() => {
    if (call) heading.current?.focus();
  }, [call !== null]);

  /** A referral's new status, saved at once as an edit of the call. */
  async function saveReferralStatus(shown: StoredCall, index: number, status: ReferralStatus) {
    const referrals = shown.details.referrals.map((referral, i) => (i === index ? withStatus(referral, status) : referral));
    setProblem(null);
    setStatusSaved(undefined);
    try {
      const saved = await backend.editCall(shown.id, { ...shown.details, referrals });
      setCall(saved);
      setStatusSaved(t('call.referralStatusSaved', { number: index + 1 }));
      const versions = await backend.callHistory(shown.id);
      setHistory([...versions].sort((a, b) => b.version - a.version));
    } catch (reason) {
      setProblem(toPublicError(reason));
    }
  }

  /** Who may edit the call may also say, right here, where its referrals stand. */
  const editable = call?.status === 'final';
  /** Only a supervisor may erase, and only a finished call (core refuses the rest too). */
  const erasable = editable && session.account.role === 'supervisor';

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Escape') {
      event.preventDefault();
      onBack();
    }
  }

  /** The directory entries the call referred to, once each: what a referral sheet can carry. */
  const sheetIds = [...new Set(call?.details.referrals.flatMap((referral) => (referral.entryId ? [referral.entryId] : [])) ?? [])];

  function closePrinting(focus: string) {
    setPrinting(null);
    document.getElementById(focus)?.focus();
  }

  return (
    <section id="call-view" class="call-view" aria-labelledby="call-view-title" onKeyDown={onKeyDown}>
      <div class="call-form-head">
        <h2 id="call-view-title" class="call-form-title" tabIndex={-1} ref={heading}>
          {call ? t('call.viewTitle', { date: formatDateTime(call.details.startedAt) }) : t('call.loading')}
        </h2>
        <div class="form-actions">
          {call && editable && (
            <button id="call-edit" type="button" class="button button-primary" onClick={() => onEdit(call)}>
              {t('call.edit')}
            </button>
          )}
          {call?.details.caseRef && (
            <button id="call-open-case" type="button" class="button button-secondary" onClick={() => onOpenCase(call.details.caseRef!)}>
              {t('case.open', { caseRef: call.details.caseRef })}
            </button>
          )}
          {call && (
            <button id="call-print-summary" type="button" class="button button-secondary" onClick={() => setPrinting('summary')}>
              {t('summary.print')}
            </button>
          )}
          {sheetIds.length > 0 && (
            <button id="call-print-sheet" type="button" class="button button-secondary" onClick={() => setPrinting('sheet')}>
              {t('sheet.print')}
            </button>
          )}
          {call && erasable && (
            <button id="call-erase" type="button" class="button button-secondary button-danger" onClick={() => setPrinting('erase')}>
              {t('call.erase')}
            </button>
          )}
          <button id="call-view-back" type="button" class="button button-secondary" aria-keyshortcuts="Escape" onClick={onBack}>
            {t('call.back')}
          </button>
        </div>
      </div>
      {call && printing === 'summary' && <CallSummaryDialog callId={call.id} onClose={() => closePrinting('call-print-summary')} />}
      {printing === 'sheet' && <ReferralSheetDialog entryIds={sheetIds} onClose={() => closePrinting('call-print-sheet')} />}
      {call && printing === 'erase' && (
        <CallEraseDialog callId={call.id} onErased={onErased} onClose={() => closePrinting('call-erase')} />
      )}
      <FormError text={problem ? i18n.localize(problem.message) : undefined} />
      <FormStatus text={statusSaved} />
      {call?.details.immediateDanger && (
        <p class="danger-banner" role="note">
          {t('calls.danger')}
        </p>
      )}
      {call?.editedOnTwoDevices && (
        <p id="call-conflict" class="conflict-banner" role="note">
          {t('call.conflict')}
        </p>
      )}
      {call && (
        <CallFields
          details={call.details}
          session={session}
          onReferralStatus={editable ? (index, status) => void saveReferralStatus(call, index, status) : undefined}
        />
      )}
      {call && (
        <section class="panel history" aria-labelledby="call-history-title">
          <h3 id="call-history-title" class="panel-title">
            {t('call.history')}
          </h3>
          <ol id="call-history" class="history-list">
            {history.map((version) => (
              <HistoryEntry key={version.version} version={version} session={session} />
            ))}
          </ol>
        </section>
      )}
    </section>
  );
}
