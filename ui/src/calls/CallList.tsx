import { useEffect, useRef, useState } from 'preact/hooks';
import type {
  CallFilter,
  FollowUpItem,
  Line,
  PublicError,
  Region,
  SessionInfo,
  StoredCall,
  Subject,
} from '../ipc/backend';
import { useBackend } from '../ipc/context';
import { toPublicError } from '../ipc/errors';
import { useI18n, type MessageKey } from '../i18n';
import { formatDateTime, formatDay, INVALID_DAY, parseDay, rigaDay } from '../i18n/dates';
import { DayField } from '../forms/DayField';
import { Field, FormError } from '../forms/Field';
import { FilterSelect } from '../forms/FilterSelect';
import { valueOf } from '../forms/focus';
import { REGIONS } from '../forms/regions';
import { useCategories } from '../categories/CategoriesProvider';
import { codesOf } from '../categories/choices';
import { useCategoryNames } from '../categories/names';
import { CallRow } from './CallRow';
import { CaseRefInput } from './caseMatches';
import { FollowUpList } from './FollowUpList';
import { NewCallButton } from './NewCallButton';

/** Search waits this long after the last keystroke. */
export const SEARCH_DEBOUNCE_MS = 250;

interface CallListProps {
  session: SessionInfo;
  /** Back from a call: focus returns to "New call". */
  returning: boolean;
  onOpenForm: (call: StoredCall) => void;
  onOpenCall: (id: string) => void;
}

interface Filters {
  /** The date boxes hold what was typed (dd.mm.yyyy), not ISO days: see `readDays`. */
  from: string;
  to: string;
  region: Region | '';
  line: Line | '';
  subject: Subject | '';
  dueOnly: boolean;
  dueBy: string;
  /** A case reference as typed and committed; blank for any. */
  caseRef: string;
}

const NO_FILTERS: Filters = { from: '', to: '', region: '', line: '', subject: '', dueOnly: false, dueBy: '', caseRef: '' };

/** One date box read: the ISO day it filters by, or why it filters by nothing. */
interface DayFilter {
  day: string | null;
  problem: MessageKey | null;
}

function readDay(text: string): DayFilter {
  const day = parseDay(text);
  return day === INVALID_DAY ? { day: null, problem: 'calls.dateInvalid' } : { day, problem: null };
}

/**
 * The days the date boxes stand for. A box with a problem filters nothing, so a
 * typo never hides calls without saying why; "to" before "from" is a problem of
 * "to", and "from" still applies.
 */
function readDays(filters: Filters): Record<'from' | 'to' | 'dueBy', DayFilter> {
  const from = readDay(filters.from);
  const to = readDay(filters.to);
  const backwards = from.day !== null && to.day !== null && to.day < from.day;
  return { from, to: backwards ? { day: null, problem: 'calls.dateOrder' } : to, dueBy: readDay(filters.dueBy) };
}

function toCallFilter(filters: Filters, text: string): CallFilter {
  const days = readDays(filters);
  return {
    from: days.from.day,
    to: days.to.day,
    regions: filters.region ? [filters.region] : [],
    lines: filters.line ? [filters.line] : [],
    subjects: filters.subject ? [filters.subject] : [],
    // A blank or unreadable "due by" means today, as it did before a day was typed.
    followUpDueBy: filters.dueOnly ? days.dueBy.day ?? rigaDay(new Date()) : null,
    text: text.trim() || null,
    caseRef: filters.caseRef.trim() || null,
    before: null,
  };
}

interface FilterDayProps {
  id: string;
  label: string;
  /** The text last handed to `onCommit` (or reset by "Clear filters"). */
  value: string;
  error: string | undefined;
  onCommit: (text: string) => void;
}

/**
 * The case filter: known cases are offered while typing, and the list is
 * filtered when typing is done (Enter, a pick, or leaving the box), never
 * by a half-typed reference.
 */
function FilterCaseRef({ value, onCommit }: { value: string; onCommit: (caseRef: string) => void }) {
  const { t } = useI18n();
  const [typed, setTyped] = useState(value);
  useEffect(() => setTyped(value), [value]);
  const commit = () => {
    if (typed.trim() !== value) onCommit(typed.trim());
  };
  return (
    <Field id="calls-case-ref" label={t('calls.caseRefFilter')}>
      {(a11y) => <CaseRefInput a11y={a11y} value={typed} onInput={setTyped} onChange={commit} onEnter={commit} />}
    </Field>
  );
}

/**
 * A day filter. The text reaches the filters only when typing is done (Enter,
 * or leaving the box), so a half-typed day neither flashes an error nor runs a
 * search for "23.11.20" (year 2020) on the way to 2026. A readable day is
 * written back in full, which shows how "1.2.26" was read.
 */
function FilterDay({ id, label, value, error, onCommit }: FilterDayProps) {
  const [typed, setTyped] = useState(value);
  useEffect(() => setTyped(value), [value]);

  function commit(text: string) {
    const day = parseDay(text);
    const tidy = day === null ? '' : day === INVALID_DAY ? text : formatDay(day);
    setTyped(tidy);
    if (tidy !== value) onCommit(tidy);
  }

  return <DayField id={id} label={label} value={typed} error={error} onInput={setTyped} onCommit={commit} />;
}

/** The calls list: new call, unfinished drafts, filters and search, follow-ups. */
export function CallList({ session, returning, onOpenForm, onOpenCall }: CallListProps) {
  const backend = useBackend();
  const i18n = useI18n();
  const { t } = i18n;
  const categories = useCategories();
  const names = useCategoryNames();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [text, setText] = useState('');
  const [searchText, setSearchText] = useState('');
  const [calls, setCalls] = useState<StoredCall[] | null>(null);
  /** Where the older calls start; null when the list holds the last of them. */
  const [next, setNext] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [followUps, setFollowUps] = useState<FollowUpItem[]>([]);
  /** Bumped to read the follow-ups again after they changed hands. */
  const [followUpsAsked, setFollowUpsAsked] = useState(0);
  const [drafts, setDrafts] = useState<StoredCall[]>([]);
  const [problem, setProblem] = useState<PublicError | null>(null);
  const [starting, setStarting] = useState(false);
  const newButton = useRef<HTMLButtonElement>(null);
  const request = useRef(0);

  useEffect(() => {
    if (returning) newButton.current?.focus();
    let current = true;
    backend.ownCallDrafts().then(
      (found) => current && setDrafts(found),
      (reason: unknown) => current && setProblem(toPublicError(reason)),
    );
    return () => {
      current = false;
    };
  }, [backend]);

  useEffect(() => {
    let current = true;
    backend.followUps().then(
      (found) => current && setFollowUps(found),
      (reason: unknown) => current && setProblem(toPublicError(reason)),
    );
    return () => {
      current = false;
    };
  }, [backend, followUpsAsked]);

  // The search box waits for a pause in typing.
  useEffect(() => {
    const timer = setTimeout(() => setSearchText(text), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text]);

  // Asks the backend again only when the question changes: retyping an unreadable
  // day, or typing today into a blank "due by", changes no filter.
  const query = toCallFilter(filters, searchText);
  const queryKey = JSON.stringify(query);
  useEffect(() => {
    const mine = ++request.current;
    setLoadingMore(false);
    backend.findCalls(query).then(
      (page) => {
        if (mine !== request.current) return;
        setCalls(page.calls);
        setNext(page.next);
        setProblem(null);
      },
      (reason: unknown) => mine === request.current && setProblem(toPublicError(reason)),
    );
  }, [backend, queryKey]);

  /** Reads the next page of older calls under the list already shown. */
  function showOlder() {
    if (next === null || loadingMore) return;
    const mine = request.current;
    setLoadingMore(true);
    backend.findCalls({ ...query, before: next }).then(
      (page) => {
        if (mine !== request.current) return;
        setCalls((shown) => [...(shown ?? []), ...page.calls]);
        setNext(page.next);
        setLoadingMore(false);
      },
      (reason: unknown) => {
        if (mine !== request.current) return;
        setProblem(toPublicError(reason));
        setLoadingMore(false);
      },
    );
  }

  useEffect(
    () => () => {
      // A late answer must not land after the list is gone.
      request.current += 1;
    },
    [],
  );

  async function start() {
    if (starting) return;
    setStarting(true);
    try {
      onOpenForm(await backend.startCall());
    } catch (reason) {
      setProblem(toPublicError(reason));
      setStarting(false);
    }
  }

  const set = (patch: Partial<Filters>) => setFilters((current) => ({ ...current, ...patch }));
  const subjects: readonly Subject[] = codesOf(categories.list ?? [], 'subject');
  const lines: readonly Line[] = codesOf(categories.list ?? [], 'line');
  const days = readDays(filters);
  const dayError = (day: DayFilter) => (day.problem ? t(day.problem) : undefined);
  const filtered = JSON.stringify(filters) !== JSON.stringify(NO_FILTERS) || text.trim() !== '';
  const newest = drafts.reduce<StoredCall | null>(
    (best, draft) => (best === null || draft.updatedAt > best.updatedAt ? draft : best),
    null,
  );
  const today = rigaDay(new Date());
  const todays = (calls ?? []).filter((call) => rigaDay(new Date(call.details.startedAt)) === today);
  const earlier = (calls ?? []).filter((call) => rigaDay(new Date(call.details.startedAt)) !== today);

  return (
    <div class="calls">
      <div class="calls-main">
        <div class="calls-toolbar">
          <NewCallButton id="call-new" buttonRef={newButton} disabled={starting} onStart={() => void start()} />
        </div>
        {newest && (
          <div id="draft-resume" class="draft-banner" role="region" aria-label={t('drafts.resume')}>
            <p>{t('drafts.banner', { date: formatDateTime(newest.details.startedAt) })}</p>
            <button id="draft-resume-button" type="button" class="button button-primary" onClick={() => onOpenForm(newest)}>
              {t('drafts.resume')}
            </button>
          </div>
        )}
        <FormError id="calls-error" text={problem ? i18n.localize(problem.message) : undefined} />

        <form class="calls-filters" role="search" aria-label={t('calls.filters')} onSubmit={(e) => e.preventDefault()}>
          <div class="calls-search">
            <Field id="calls-search" label={t('calls.search')} hint={t('calls.searchHint')}>
              {(a11y) => <input {...a11y} type="search" autoComplete="off" value={text} onInput={(e) => setText(valueOf(e))} />}
            </Field>
          </div>
          <div class="calls-filter-row">
            <FilterDay
              id="calls-from"
              label={t('calls.from')}
              value={filters.from}
              error={dayError(days.from)}
              onCommit={(from) => set({ from })}
            />
            <FilterDay
              id="calls-to"
              label={t('calls.to')}
              value={filters.to}
              error={dayError(days.to)}
              onCommit={(to) => set({ to })}
            />
            <FilterCaseRef value={filters.caseRef} onCommit={(caseRef) => set({ caseRef })} />
            {session.account.role === 'supervisor' && (
              <FilterSelect
                id="calls-region"
                label={t('calls.region')}
                values={REGIONS}
                value={filters.region}
                labelOf={(region) => t(`region.${region}`)}
                anyLabel={t('calls.any')}
                onChange={(region) => set({ region })}
              />
            )}
            <FilterSelect
              id="calls-line"
              label={t('calls.line')}
              values={lines}
              value={filters.line}
              labelOf={names.choice}
              anyLabel={t('calls.any')}
              onChange={(line) => set({ line })}
            />
            <FilterSelect
              id="calls-subject"
              label={t('calls.subject')}
              values={subjects}
              value={filters.subject}
              labelOf={names.choice}
              anyLabel={t('calls.any')}
              onChange={(subject) => set({ subject })}
            />
          </div>
          <div class={filters.dueOnly ? 'calls-filter-row calls-filter-row-beside-field' : 'calls-filter-row'}>
            <label class="check">
              <input
                id="calls-due-only"
                type="checkbox"
                checked={filters.dueOnly}
                onChange={(e) => set({ dueOnly: e.currentTarget.checked, dueBy: filters.dueBy || formatDay(rigaDay(new Date())) })}
              />
              <span>{t('calls.dueOnly')}</span>
            </label>
            {filters.dueOnly && (
              <FilterDay
                id="calls-due-by"
                label={t('calls.dueBy')}
                value={filters.dueBy}
                error={dayError(days.dueBy)}
                onCommit={(dueBy) => set({ dueBy })}
              />
            )}
            {filtered && (
              <button
                id="calls-clear"
                type="button"
                class="button button-quiet"
                onClick={() => {
                  setFilters(NO_FILTERS);
                  setText('');
                }}
              >
                {t('calls.clearFilters')}
              </button>
            )}
          </div>
        </form>

        <section id="calls-list" class="calls-list" aria-labelledby="calls-list-title" aria-busy={calls === null ? 'true' : 'false'}>
          <h2 id="calls-list-title" class="visually-hidden">
            {t('nav.calls')}
          </h2>
          {calls === null && <p class="muted">{t('calls.loading')}</p>}
          {calls !== null && calls.length === 0 && (
            <p id="calls-empty" class="calls-empty">
              {filtered ? t('calls.emptyFiltered') : t('calls.emptyNone')}
            </p>
          )}
          {todays.length > 0 && (
            <>
              <h3 class="calls-group-title">{t('calls.today')}</h3>
              <ul class="call-rows">
                {todays.map((call) => (
                  <CallRow key={call.id} call={call} onOpen={() => onOpenCall(call.id)} />
                ))}
              </ul>
            </>
          )}
          {earlier.length > 0 && (
            <>
              <h3 class="calls-group-title">{t('calls.earlier')}</h3>
              <ul class="call-rows">
                {earlier.map((call) => (
                  <CallRow key={call.id} call={call} onOpen={() => onOpenCall(call.id)} />
                ))}
              </ul>
            </>
          )}
          {next !== null && (
            <div class="calls-more">
              <p id="calls-shown" class="muted">
                {t('calls.shownSoFar', { count: calls?.length ?? 0 })}
              </p>
              <button id="calls-more" type="button" class="button" disabled={loadingMore} onClick={showOlder}>
                {loadingMore ? t('calls.loading') : t('calls.showOlder')}
              </button>
            </div>
          )}
        </section>
      </div>

      <FollowUpList
        session={session}
        items={followUps}
        onOpenCall={onOpenCall}
        onDone={(id) => setFollowUps((items) => items.filter((item) => item.call.id !== id))}
        onHandedOver={() => setFollowUpsAsked((count) => count + 1)}
      />
    </div>
  );
}
