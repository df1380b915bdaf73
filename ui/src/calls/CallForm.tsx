import { useEffect, useRef, useState } from 'preact/hooks';
import type {
  CallDetails,
  CallOutcome,
  PublicError,
  Referral,
  ReferralEntry,
  Region,
  RepeatCaller,
  SessionInfo,
  StoredCall,
} from '../ipc/backend';
import { useBackend } from '../ipc/context';
import { toPublicError } from '../ipc/errors';
import { type MessageKey, useI18n } from '../i18n';
import { formatDate, formatDay, formatElapsed, formatTime, INVALID_DAY, parseDay, rigaDay } from '../i18n/dates';
import { DayField } from '../forms/DayField';
import { Field, FormError } from '../forms/Field';
import { valueOf } from '../forms/focus';
import { type Message, messageText } from '../forms/problems';
import { REGIONS } from '../forms/regions';
import { ReferralPicker } from '../referrals/ReferralPicker';
import { ReferralSheetDialog } from '../referrals/ReferralSheetDialog';
import { phoneLines, referralLabel } from '../referrals/options';
import { useCategories } from '../categories/CategoriesProvider';
import { choicesOf } from '../categories/choices';
import { useCategoryNames } from '../categories/names';
import { AssigneeField } from './AssigneeField';
import { CaseRefInput } from './caseMatches';
import { OutcomeField } from './OutcomeField';
import { QuickOutcomes } from './QuickOutcomes';
import { ReferralConsent } from './ReferralConsent';
import { ReferralStatusField, withStatus } from './ReferralStatusField';
import { RetentionNotice, usePastRetention } from './RetentionNotice';
import { SCREENING_FIRST, ScreeningChecklist } from './ScreeningChecklist';
import { SubjectChoices } from './SubjectChoices';
import { useOpenDraft } from './openDrafts';
import { useAutosave } from './useAutosave';
import {
  AGE_GROUPS,
  CALLER_LANGUAGES,
  CALLER_ROLES,
  CONTACT_BACK,
  DIRECTIONS,
  GENDERS,
  RISK_LEVELS,
  countryNamer,
  splitCountries,
} from './options';

interface CallFormProps {
  session: SessionInfo;
  call: StoredCall;
  /** A draft being logged (autosaved, finished) or a finished call being edited. */
  mode: 'draft' | 'edit';
  countries: readonly string[];
  onFinished: (call: StoredCall) => void;
  onSavedEdit: (call: StoredCall) => void;
  onBack: () => void;
}

/** Where each backend field name is shown (the control focused when it is wrong). */
const CONTROL_FOR: Readonly<Record<string, string>> = {
  line: 'call-line',
  direction: 'call-direction',
  region: 'call-region',
  callerRole: 'call-caller-role',
  gender: 'call-gender',
  ageGroup: 'call-age-group',
  language: 'call-language',
  contactBack: 'call-contact-back',
  subjects: 'call-subjects',
  country: 'call-country',
  risk: 'call-risk',
  immediateDanger: 'call-danger',
  outcome: 'call-outcome',
  indicators: SCREENING_FIRST,
  adviceGiven: 'call-advice',
  referrals: 'call-referral-add',
  followUp: 'call-follow-up-due',
  notes: 'call-notes',
  caseRef: 'call-case-ref',
  callerNumber: 'call-caller-number',
  endedAt: 'call-line',
};

type Problems = { form?: Message; fields: Record<string, Message> };

/** What the backend receives: blank referrals and a follow-up without a date are left out. */
function forSending(details: CallDetails): CallDetails {
  return {
    ...details,
    referrals: details.referrals.filter((referral) => referral.to.trim() !== ''),
    followUp: details.followUp && details.followUp.due ? details.followUp : null,
  };
}

/** A whole dd.mm.yyyy (four-digit year) while typing: taken at once, so autosave keeps it. */
const COMPLETE_DAY = /^\s*\d{1,2}\.\d{1,2}\.\d{4}\s*$/;

function tomorrow(): string {
  return rigaDay(new Date(Date.now() + 24 * 60 * 60 * 1000));
}

/** The running call duration, mm:ss since the call started. */
function CallTimer({ startedAt }: { startedAt: string }) {
  const { t } = useI18n();
  const started = new Date(startedAt).getTime();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return (
    <p class="call-timer">
      <span class="call-timer-label">{t('call.timer')}</span>{' '}
      <time id="call-timer" role="timer" aria-live="off">
        {formatElapsed(now - started)}
      </time>
    </p>
  );
}

/** Logging a call while talking: grouped fields, autosave, finish with Ctrl+Enter. */
export function CallForm(props: CallFormProps) {
  const { session, call, mode, countries, onFinished, onSavedEdit, onBack } = props;
  const backend = useBackend();
  const i18n = useI18n();
  const { t, locale } = i18n;
  const [details, setDetails] = useState<CallDetails>(call.details);
  const [problems, setProblems] = useState<Problems>({ fields: {} });
  const [busy, setBusy] = useState(false);
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const [number, setNumber] = useState('');
  const [repeat, setRepeat] = useState<RepeatCaller | null>(null);
  const [focusRequest, setFocusRequest] = useState<{ id: string } | null>({ id: 'call-line' });
  /** The follow-up's due day as typed (dd.mm.yyyy); `details.followUp.due` holds the last readable one. */
  const [dueText, setDueText] = useState(() => (call.details.followUp?.due ? formatDay(call.details.followUp.due) : ''));
  const dueTextRef = useRef(dueText);
  dueTextRef.current = dueText;
  /** Directory entries of linked referrals, for their phones. */
  const [linked, setLinked] = useState<Record<string, ReferralEntry>>({});
  const [printingSheet, setPrintingSheet] = useState(false);
  const askedFor = useRef(new Set<string>());

  /** The details as of the last change, for handlers that run before the next render. */
  const latest = useRef(details);
  const alive = useRef(true);
  useEffect(
    () => () => {
      alive.current = false;
    },
    [],
  );
  const autosave = useAutosave({
    enabled: mode === 'draft',
    save: () => backend.saveCallDraft(call.id, forSending(latest.current)),
    onSaved: () => setProblems({ fields: {} }),
    onRefused: (reason) => showError(reason, false),
  });
  useOpenDraft(mode === 'draft', autosave.saveNow);
  const status = autosave.status;
  const pastRetention = usePastRetention(mode === 'draft' ? details.startedAt : null);

  useEffect(() => {
    if (!focusRequest) return;
    const target = document.getElementById(focusRequest.id);
    // The subjects are a group of checkboxes: its first one takes the focus.
    (target instanceof HTMLFieldSetElement ? target.querySelector('input') : target)?.focus();
  }, [focusRequest]);

  function showError(reason: unknown, focus: boolean): PublicError {
    const error = toPublicError(reason);
    const control = error.field !== undefined ? CONTROL_FOR[error.field] : undefined;
    if (error.field !== undefined && control) {
      setProblems({ fields: { [error.field]: { localized: error.message } } });
      if (focus) setFocusRequest({ id: control });
    } else {
      setProblems({ form: { localized: error.message }, fields: {} });
    }
    return error;
  }

  /** Applies a change to the form; `field` is the backend name whose error it clears. */
  function change(patch: Partial<CallDetails>, field?: keyof CallDetails) {
    const next = { ...latest.current, ...patch };
    latest.current = next;
    autosave.changed();
    setDetails(next);
    if (field && problems.fields[field]) {
      const fields = { ...problems.fields };
      delete fields[field];
      setProblems({ ...problems, fields });
    }
  }

  const optional = <T extends string>(value: string) => (value === '' ? null : (value as T));

  function clearProblem(field: string) {
    setProblems((current) => {
      if (!current.fields[field]) return current;
      const fields = { ...current.fields };
      delete fields[field];
      return { ...current, fields };
    });
  }

  /**
   * Takes the typed due day into the details. An unreadable day is flagged and
   * leaves the last readable one in place; returns whether it was readable.
   */
  function commitDue(text: string, tidy: boolean): boolean {
    const followUp = latest.current.followUp;
    if (!followUp) return true;
    const day = parseDay(text);
    if (day === INVALID_DAY) {
      setProblems((current) => ({ ...current, fields: { ...current.fields, followUp: { key: 'calls.dateInvalid' } } }));
      return false;
    }
    if (tidy) setDueText(day === null ? '' : formatDay(day));
    const due = day ?? '';
    if (due !== followUp.due) change({ followUp: { ...followUp, due } }, 'followUp');
    else clearProblem('followUp');
    return true;
  }

  /** Finishes (or saves the edit); `quick` first records a call without a conversation. */
  async function finish(quick?: CallOutcome) {
    if (busy) return;
    if (quick) change({ outcome: quick }, 'outcome');
    if (!commitDue(dueTextRef.current, true)) {
      setFocusRequest({ id: 'call-follow-up-due' });
      return;
    }
    const current = latest.current;
    if (current.followUp && !current.followUp.due) {
      setProblems({ fields: { followUp: { key: 'call.followUpDueMissing' } } });
      setFocusRequest({ id: 'call-follow-up-due' });
      return;
    }
    setBusy(true);
    await autosave.hold();
    try {
      const result =
        mode === 'draft'
          ? await backend.finishCall(call.id, forSending(current))
          : await backend.editCall(call.id, forSending(current));
      autosave.close();
      if (mode === 'draft') onFinished(result);
      else onSavedEdit(result);
    } catch (reason) {
      if (alive.current) showError(reason, true);
    } finally {
      if (alive.current) setBusy(false);
    }
  }

  async function back() {
    if (mode === 'edit') {
      autosave.close();
      onBack();
      return;
    }
    if (!commitDue(dueTextRef.current, true)) {
      setFocusRequest({ id: 'call-follow-up-due' });
      return;
    }
    if (await autosave.saveNow()) {
      autosave.close();
      onBack();
    } else if (alive.current) {
      setFocusRequest({ id: 'call-save-status' });
    }
  }

  async function discard() {
    autosave.close();
    try {
      await autosave.hold();
      await backend.discardCallDraft(call.id);
      onBack();
    } catch (reason) {
      autosave.reopen();
      if (alive.current) showError(reason, false);
    }
  }

  async function checkNumber() {
    if (!number.trim()) {
      setFocusRequest({ id: 'call-caller-number' });
      return;
    }
    try {
      const result = await backend.setCallerNumber(call.id, number);
      // Only the backend's keyed hash is kept; the digits leave the UI now.
      setNumber('');
      setRepeat(result);
      const fields = { ...problems.fields };
      delete fields.callerNumber;
      setProblems({ ...problems, fields });
      if (result.caseRef && !latest.current.caseRef) change({ caseRef: result.caseRef }, 'caseRef');
    } catch (reason) {
      showError(reason, true);
    }
  }

  async function newCaseRef() {
    try {
      change({ caseRef: await backend.nextCaseRef() }, 'caseRef');
    } catch (reason) {
      showError(reason, false);
    }
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Enter' && event.ctrlKey && !event.altKey) {
      event.preventDefault();
      void finish();
    } else if (event.key === 'Escape' && !confirmDiscard) {
      event.preventDefault();
      void back();
    } else if (event.altKey && !event.ctrlKey && !event.metaKey && (event.code === 'KeyT' || event.key.toLowerCase() === 't')) {
      event.preventDefault();
      setFocusRequest({ id: SCREENING_FIRST });
    }
  }

  const error = (field: string) => messageText(i18n, problems.fields[field]);
  const countryName = countryNamer(locale);
  const { common, rest } = splitCountries(countries);
  const sortedRest = [...rest].sort((a, b) => countryName(a).localeCompare(countryName(b), locale));

  // A consultant records calls of their home region only (the backend
  // refuses others: the device holds no other region's key).
  const regions: readonly Region[] = session.account.role === 'supervisor' ? REGIONS : [session.account.homeRegion];
  const categories = useCategories().list;
  const names = useCategoryNames();
  /** The organisation's active lines, and the call's own line even if retired since: editing a call never loses it. */
  const lines = choicesOf(categories ?? [], 'line', call.details.line ? [call.details.line] : []);

  function select<T extends string>(
    id: string,
    field: keyof CallDetails,
    label: MessageKey,
    values: readonly T[],
    name: (value: T) => string,
    empty: MessageKey | null,
  ) {
    const value = (details[field] as T | null) ?? '';
    return (
      <Field id={id} label={t(label)} error={error(field)}>
        {(a11y) => (
          <select
            {...a11y}
            value={value}
            onChange={(e) => change({ [field]: empty ? optional<T>(valueOf(e)) : valueOf(e) } as Partial<CallDetails>, field)}
          >
            {empty && <option value="">{t(empty)}</option>}
            {values.map((item) => (
              <option key={item} value={item}>
                {name(item)}
              </option>
            ))}
          </select>
        )}
      </Field>
    );
  }

  function setReferral(index: number, update: (referral: Referral) => Referral) {
    const referrals = latest.current.referrals.map((r, i) => (i === index ? update(r) : r));
    change({ referrals }, 'referrals');
  }

  /** A referral picked from the directory: linked to its entry, consent still to be asked. */
  function attachEntry(entry: ReferralEntry) {
    askedFor.current.add(entry.id);
    setLinked((current) => ({ ...current, [entry.id]: entry }));
    const referral: Referral = { to: referralLabel(entry), entryId: entry.id, callerConsented: false };
    change({ referrals: [...latest.current.referrals, referral] }, 'referrals');
  }

  // Linked referrals of a resumed draft or an edited call: fetch their entries for the phones.
  const linkedIds = details.referrals.flatMap((referral) => (referral.entryId ? [referral.entryId] : []));
  useEffect(() => {
    for (const id of linkedIds) {
      if (askedFor.current.has(id)) continue;
      askedFor.current.add(id);
      backend.getReferral(id).then(
        (entry) => alive.current && setLinked((current) => ({ ...current, [id]: entry })),
        () => undefined,
      );
    }
  }, [linkedIds.join(' ')]);

  const followUp = details.followUp;
  const referralsError = error('referrals');
  /** The directory entries this call refers to, once each: what the caller's referral sheet can carry. */
  const sheetIds = [...new Set(linkedIds)];
  let statusText = '';
  if (status.kind === 'idle' && details !== call.details) statusText = t('call.notSavedYet');
  else if (status.kind === 'saving') statusText = t('call.saving');
  else if (status.kind === 'saved') statusText = t('call.saved', { time: formatTime(status.at) });
  else if (status.kind === 'failed') statusText = t('call.saveError', { error: i18n.localize(status.error.message) });

  const repeatHere = repeat
    ? repeat.previousCalls === 0
      ? t(repeat.calledAnotherLine ? 'call.repeatNoneHere' : 'call.repeatNone')
      : [
          t('call.repeat', {
            count: repeat.previousCalls,
            date: repeat.lastCallAt ? formatDate(repeat.lastCallAt) : t('call.none'),
          }),
          repeat.caseRef ? t('call.repeatCase', { caseRef: repeat.caseRef }) : '',
        ]
          .filter(Boolean)
          .join(', ')
    : '';
  // Another region's calls are not on this laptop: only that they exist.
  const repeatText = repeat?.calledAnotherLine ? `${repeatHere} ${t('call.repeatOtherLine')}` : repeatHere;

  const submit = (event: Event) => event.preventDefault();

  return (
    <form id="call-form" class="call-form" noValidate onSubmit={submit} onKeyDown={onKeyDown} aria-labelledby="call-form-title">
      <div class="call-form-head">
        <h2 id="call-form-title" class="call-form-title">
          {mode === 'draft' ? t('call.formTitle') : t('call.editTitle')}
        </h2>
        {mode === 'draft' && <CallTimer startedAt={details.startedAt} />}
        {mode === 'draft' && (
          <p
            id="call-save-status"
            tabIndex={-1}
            class={status.kind === 'failed' ? 'status-message status-message-failed' : 'status-message'}
            role="status"
          >
            {statusText}
          </p>
        )}
      </div>
      {mode === 'draft' && <RetentionNotice id="call-retention" past={pastRetention} live />}
      <p class="shortcut-hint">{mode === 'draft' ? t('call.shortcuts') : t('call.editShortcuts')}</p>
      {mode === 'draft' && <QuickOutcomes disabled={busy} onPick={(outcome) => void finish(outcome)} />}
      <FormError id="call-form-error" text={messageText(i18n, problems.form)} />
      {details.immediateDanger && (
        <p id="call-danger-banner" class="danger-banner" role="alert">
          {t('call.dangerBanner')}
        </p>
      )}

      <fieldset class="form-group">
        <legend>{t('call.groupCall')}</legend>
        <div class="form-row form-row-3">
          {select('call-line', 'line', 'call.line', lines, names.choice, 'call.choose')}
          {select('call-direction', 'direction', 'call.direction', DIRECTIONS, (v) => t(`direction.${v}`), null)}
          {select('call-region', 'region', 'call.region', regions, (v) => t(`region.${v}`), null)}
        </div>
      </fieldset>

      <fieldset class="form-group">
        <legend>{t('call.groupCaller')}</legend>
        <div class="form-row form-row-3">
          {select('call-caller-role', 'callerRole', 'call.callerRole', CALLER_ROLES, (v) => t(`callerRole.${v}`), 'call.choose')}
          {select('call-gender', 'gender', 'call.gender', GENDERS, (v) => t(`gender.${v}`), 'call.notGiven')}
          {select('call-age-group', 'ageGroup', 'call.ageGroup', AGE_GROUPS, (v) => t(`ageGroup.${v}`), 'call.notGiven')}
          {select('call-language', 'language', 'call.language', CALLER_LANGUAGES, (v) => t(`callerLanguage.${v}`), 'call.notGiven')}
          {select('call-contact-back', 'contactBack', 'call.contactBack', CONTACT_BACK, (v) => t(`contactBack.${v}`), 'call.notGiven')}
        </div>
        {mode === 'draft' && (
          <div class="inline-row">
            <Field id="call-caller-number" label={t('call.callerNumber')} hint={t('call.callerNumberHint')} error={error('callerNumber')}>
              {(a11y) => (
                <input
                  {...a11y}
                  class="input-narrow"
                  type="tel"
                  autoComplete="off"
                  value={number}
                  onInput={(e) => setNumber(valueOf(e))}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter' && !e.ctrlKey) {
                      e.preventDefault();
                      void checkNumber();
                    }
                  }}
                />
              )}
            </Field>
            <button id="call-caller-number-check" type="button" class="button button-secondary" onClick={() => void checkNumber()}>
              {t('call.callerNumberCheck')}
            </button>
          </div>
        )}
        <p id="repeat-caller" class={repeat ? 'notice' : 'visually-hidden'} role="status">
          {repeatText}
        </p>
      </fieldset>

      <fieldset class="form-group">
        <legend>{t('call.groupSubject')}</legend>
        <SubjectChoices
          kept={call.details.subjects}
          value={details.subjects}
          error={error('subjects')}
          onChange={(subjects) => change({ subjects }, 'subjects')}
        />
        <div class="form-row">
          <Field id="call-country" label={t('call.country')} error={error('country')}>
            {(a11y) => (
              <select {...a11y} value={details.country ?? ''} onChange={(e) => change({ country: optional<string>(valueOf(e)) }, 'country')}>
                <option value="">{t('call.notGiven')}</option>
                <optgroup label={t('call.countryCommon')}>
                  {common.map((code) => (
                    <option key={code} value={code}>
                      {countryName(code)}
                    </option>
                  ))}
                </optgroup>
                <optgroup label={t('call.countryAll')}>
                  {sortedRest.map((code) => (
                    <option key={code} value={code}>
                      {countryName(code)}
                    </option>
                  ))}
                </optgroup>
              </select>
            )}
          </Field>
          {select('call-risk', 'risk', 'call.risk', RISK_LEVELS, (v) => t(`risk.${v}`), 'call.notGiven')}
        </div>
        <label class="check check-danger">
          <input
            id="call-danger"
            type="checkbox"
            checked={details.immediateDanger}
            onChange={(e) => change({ immediateDanger: e.currentTarget.checked }, 'immediateDanger')}
          />
          <span>{t('call.danger')}</span>
        </label>
      </fieldset>

      <ScreeningChecklist value={details.indicators} onChange={(indicators) => change({ indicators }, 'indicators')} />

      <fieldset class="form-group">
        <legend>{t('call.groupResult')}</legend>
        <OutcomeField value={details.outcome} error={error('outcome')} onChange={(outcome) => change({ outcome }, 'outcome')} />
        <Field id="call-advice" label={t('call.advice')} error={error('adviceGiven')}>
          {(a11y) => (
            <textarea {...a11y} rows={3} value={details.adviceGiven} onInput={(e) => change({ adviceGiven: valueOf(e) }, 'adviceGiven')} />
          )}
        </Field>
        <fieldset id="call-referrals" class={referralsError ? 'choice-group field-invalid' : 'choice-group'}>
          <legend class="choice-legend">{t('call.referrals')}</legend>
          {details.referrals.length === 0 && <p class="field-hint">{t('call.referralsNone')}</p>}
          <ol class="referral-list">
            {details.referrals.map((referral, index) => (
              <li key={index} class={referral.entryId ? 'call-referral-item call-referral-linked' : 'call-referral-item'}>
                <Field id={`call-referral-${index}-to`} label={t('call.referralTo', { number: index + 1 })}>
                  {(a11y) => (
                    <input
                      {...a11y}
                      class="call-referral-to"
                      type="text"
                      value={referral.to}
                      onInput={(e) => {
                        const to = valueOf(e);
                        setReferral(index, (current) => ({ ...current, to }));
                      }}
                    />
                  )}
                </Field>
                {referral.entryId && (
                  <p id={`call-referral-${index}-linked`} class="call-referral-directory">
                    <span class="badge badge-linked">{t('call.referralLinked')}</span>
                    {linked[referral.entryId] && linked[referral.entryId]!.phonesDisplay.length > 0 && (
                      <span id={`call-referral-${index}-phones`} class="call-referral-phones">
                        {t('call.referralPhones', { phones: phoneLines(linked[referral.entryId]!).join(', ') })}
                      </span>
                    )}
                  </p>
                )}
                <ReferralConsent index={index} referral={referral} onChange={(update) => setReferral(index, update)} />
                <ReferralStatusField
                  id={`call-referral-${index}-status`}
                  number={index + 1}
                  value={referral.status}
                  onChange={(status) => setReferral(index, (current) => withStatus(current, status))}
                />
                <button
                  type="button"
                  class="button button-quiet"
                  onClick={() => {
                    change({ referrals: latest.current.referrals.filter((_, i) => i !== index) }, 'referrals');
                    setFocusRequest({ id: 'call-referral-add' });
                  }}
                >
                  {t('call.referralRemove', { number: index + 1 })}
                </button>
              </li>
            ))}
          </ol>
          {referralsError && <p class="field-error">{referralsError}</p>}
          <div class="call-referral-add-row">
            <ReferralPicker onPick={attachEntry} onError={(reason) => showError(reason, false)} />
            <button
              id="call-referral-add"
              type="button"
              class="button button-secondary"
              onClick={() => {
                const index = latest.current.referrals.length;
                change({ referrals: [...latest.current.referrals, { to: '', entryId: null, callerConsented: false }] }, 'referrals');
                setFocusRequest({ id: `call-referral-${index}-to` });
              }}
            >
              {t('call.referralAdd')}
            </button>
            <button
              id="call-referral-sheet"
              type="button"
              class="button button-secondary"
              disabled={sheetIds.length === 0}
              title={sheetIds.length === 0 ? t('sheet.needsLinked') : undefined}
              onClick={() => setPrintingSheet(true)}
            >
              {t('sheet.print')}
            </button>
          </div>
          {printingSheet && (
            <ReferralSheetDialog
              entryIds={sheetIds}
              onClose={() => {
                setPrintingSheet(false);
                setFocusRequest({ id: 'call-referral-sheet' });
              }}
            />
          )}
        </fieldset>
        <label class="check">
          <input
            id="call-follow-up"
            type="checkbox"
            checked={followUp !== null}
            onChange={(e) => {
              const due = tomorrow();
              setDueText(e.currentTarget.checked ? formatDay(due) : '');
              change({ followUp: e.currentTarget.checked ? { due, assignee: session.account.id, doneAt: null } : null }, 'followUp');
            }}
          />
          <span>{t('call.followUpNeeded')}</span>
        </label>
        {followUp && (
          <div class="inline-row">
            <DayField
              id="call-follow-up-due"
              label={t('call.followUpDue')}
              value={dueText}
              error={error('followUp')}
              narrow
              onInput={(typed) => {
                setDueText(typed);
                if (COMPLETE_DAY.test(typed) && parseDay(typed) !== INVALID_DAY) commitDue(typed, false);
              }}
              onCommit={(typed) => commitDue(typed, true)}
            />
            <AssigneeField
              region={details.region}
              me={session.account}
              value={followUp.assignee}
              onChange={(assignee) => change({ followUp: { ...followUp, assignee } }, 'followUp')}
            />
          </div>
        )}
      </fieldset>

      <fieldset class="form-group">
        <legend>{t('call.groupNotes')}</legend>
        <Field id="call-notes" label={t('call.notes')} hint={t('call.notesHint')} error={error('notes')}>
          {(a11y) => (
            <textarea {...a11y} class="call-notes" rows={8} value={details.notes} onInput={(e) => change({ notes: valueOf(e) }, 'notes')} />
          )}
        </Field>
        <div class="inline-row">
          <Field id="call-case-ref" label={t('call.caseRef')} hint={t('call.caseRefHint')} error={error('caseRef')}>
            {(a11y) => (
              <CaseRefInput
                a11y={a11y}
                value={details.caseRef ?? ''}
                onInput={(typed) => change({ caseRef: optional<string>(typed) }, 'caseRef')}
              />
            )}
          </Field>
          <button id="call-case-ref-new" type="button" class="button button-secondary" onClick={() => void newCaseRef()}>
            {t('call.caseRefNew')}
          </button>
        </div>
      </fieldset>

      <RetentionNotice id="call-retention-finish" past={pastRetention} live={false} />
      <div class="form-actions call-actions">
        {mode === 'draft' ? (
          <button
            id="call-finish"
            type="button"
            class="button button-primary"
            disabled={busy}
            aria-keyshortcuts="Control+Enter"
            aria-describedby={pastRetention ? 'call-retention-finish' : undefined}
            onClick={() => void finish()}
          >
            {busy ? t('call.finishing') : t('call.finish')}
          </button>
        ) : (
          <button id="call-save-edit" type="button" class="button button-primary" disabled={busy} aria-keyshortcuts="Control+Enter" onClick={() => void finish()}>
            {busy ? t('call.saving') : t('call.saveEdit')}
          </button>
        )}
        <button id="call-back" type="button" class="button button-secondary" aria-keyshortcuts="Escape" onClick={() => void back()}>
          {mode === 'draft' ? t('call.back') : t('call.cancelEdit')}
        </button>
        {mode === 'draft' && !confirmDiscard && (
          <button id="call-discard" type="button" class="button button-quiet button-danger" onClick={() => {
              setConfirmDiscard(true);
              setFocusRequest({ id: 'call-discard-cancel' });
            }}>
            {t('call.discard')}
          </button>
        )}
      </div>
      {confirmDiscard && (
        <div class="confirm" role="alertdialog" aria-labelledby="call-discard-question">
          <p id="call-discard-question">{t('call.discardConfirm')}</p>
          <div class="form-actions">
            <button id="call-discard-confirm" type="button" class="button button-danger-solid" onClick={() => void discard()}>
              {t('call.discardYes')}
            </button>
            <button
              id="call-discard-cancel"
              type="button"
              class="button button-secondary"
              onClick={() => {
                setConfirmDiscard(false);
                setFocusRequest({ id: 'call-finish' });
              }}
            >
              {t('call.discardNo')}
            </button>
          </div>
        </div>
      )}
    </form>
  );
}
