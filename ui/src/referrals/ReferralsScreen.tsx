import { useEffect, useRef, useState } from 'preact/hooks';
import type {
  Municipality,
  PublicError,
  ReferralEntry,
  ReferralQuery,
  Region,
  ServiceType,
  SessionInfo,
} from '../ipc/backend';
import { SEARCH_RESULTS } from '../ipc/bindings/limits';
import { useBackend } from '../ipc/context';
import { toPublicError } from '../ipc/errors';
import { type MessageKey, useI18n } from '../i18n';
import { Field, FormError, FormStatus } from '../forms/Field';
import { FilterSelect } from '../forms/FilterSelect';
import { valueOf } from '../forms/focus';
import { REGIONS } from '../forms/regions';
import { ReferralBadges } from './ReferralBadges';
import { ReferralDetail } from './ReferralDetail';
import { ReferralSheetDialog } from './ReferralSheetDialog';
import { ReferralConflicts } from './ReferralConflicts';
import { ReferralForm } from './ReferralForm';
import { ExportPanel, ImportPanel } from './TransferPanels';
import {
  comboboxProps,
  DIRECTORY_LANGUAGES,
  type DirectoryLanguage,
  REFERRAL_SEARCH_DEBOUNCE_MS,
  SERVICE_TYPES,
  VERIFIED_WITHIN,
  inLanguage,
} from './options';

interface ReferralsScreenProps {
  session: SessionInfo;
}

interface Filters {
  region: Region | '';
  municipality: string;
  serviceType: ServiceType | '';
  language: DirectoryLanguage | '';
  openNow: boolean;
  verifiedWithin: (typeof VERIFIED_WITHIN)[number] | '';
  includeRetired: boolean;
}

const NO_FILTERS: Filters = {
  region: '',
  municipality: '',
  serviceType: '',
  language: '',
  openNow: false,
  verifiedWithin: '',
  includeRetired: false,
};

type View = { kind: 'browse' } | { kind: 'form'; id: string | null } | { kind: 'transfer' };

const optionId = (entry: ReferralEntry) => `referral-option-${entry.id}`;

/** One search result: opens the entry's detail on click (or Enter from the search box). */
function ReferralRow(props: { entry: ReferralEntry; active: boolean; open: boolean; onOpen: () => void }) {
  const { entry, active, open, onOpen } = props;
  const i18n = useI18n();
  const { t, locale } = i18n;
  const classes = ['referral-row', active ? 'referral-row-active' : '', open ? 'referral-row-open' : ''].filter(Boolean).join(' ');
  return (
    <li role="presentation">
      <button
        type="button"
        id={optionId(entry)}
        class={classes}
        role="option"
        aria-selected={active ? 'true' : 'false'}
        data-key={entry.key}
        tabIndex={-1}
        onClick={onOpen}
      >
        <span class="referral-row-name">{inLanguage(entry.organisation, locale)}</span>
        <span class="referral-row-service">{inLanguage(entry.service, locale)}</span>
        <span class="referral-row-phones">{entry.phonesDisplay.join(', ') || t('referrals.noPhones')}</span>
        <span class="referral-row-hours">{entry.hoursText ? i18n.localize(entry.hoursText) : t('referrals.hoursUnknown')}</span>
        <ReferralBadges entry={entry} />
      </button>
    </li>
  );
}

/**
 * The referral directory: search as you type with filters, the chosen entry's
 * detail beside the results, and for supervisors the entry form, import and
 * export. Everything lives in this component's state, so it goes on lock.
 */
export function ReferralsScreen({ session }: ReferralsScreenProps) {
  const backend = useBackend();
  const i18n = useI18n();
  const { t } = i18n;
  const supervisor = session.account.role === 'supervisor';
  const [view, setView] = useState<View>({ kind: 'browse' });
  const [text, setText] = useState('');
  const [searchText, setSearchText] = useState('');
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [results, setResults] = useState<ReferralEntry[] | null>(null);
  const [searching, setSearching] = useState(true);
  /** The search text the shown results answer, so a test (or a reader) knows the list has settled. */
  const [answered, setAnswered] = useState<string | null>(null);
  const [active, setActive] = useState(-1);
  const [selected, setSelected] = useState<ReferralEntry | null>(null);
  /** The contacts gathered for the caller's referral sheet, in the order added. */
  const [sheet, setSheet] = useState<string[]>([]);
  const [printing, setPrinting] = useState(false);
  const [municipalities, setMunicipalities] = useState<Municipality[]>([]);
  const [problem, setProblem] = useState<PublicError | null>(null);
  const [status, setStatus] = useState<MessageKey | null>(null);
  const [refresh, setRefresh] = useState(0);
  const [focusRequest, setFocusRequest] = useState<{ id: string } | null>({ id: 'referrals-search' });
  const request = useRef(0);
  /** Enter was pressed before the results for the typed text came: open the first when they do. */
  const openWhenFound = useRef(false);

  useEffect(() => {
    if (focusRequest) document.getElementById(focusRequest.id)?.focus();
  }, [focusRequest]);

  /** The empty directory's way forward for a supervisor: the starter directory built into the app. */
  async function loadStarter() {
    try {
      await backend.loadStarterReferrals();
      setRefresh((n) => n + 1);
    } catch (reason) {
      setProblem(toPublicError(reason));
    }
  }

  useEffect(() => {
    let current = true;
    backend.municipalities().then(
      (found) => current && setMunicipalities(found),
      (reason: unknown) => current && setProblem(toPublicError(reason)),
    );
    return () => {
      current = false;
    };
  }, [backend]);

  useEffect(() => {
    const timer = setTimeout(() => setSearchText(text), REFERRAL_SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text]);

  const query: ReferralQuery = {
    text: searchText.trim() || null,
    region: filters.region || null,
    municipality: filters.municipality || null,
    serviceType: filters.serviceType || null,
    language: filters.language || null,
    openNow: filters.openNow,
    verifiedWithinMonths: filters.verifiedWithin ? Number(filters.verifiedWithin) : null,
    includeRetired: supervisor && filters.includeRetired,
  };
  const queryKey = JSON.stringify(query);
  useEffect(() => {
    const mine = ++request.current;
    setSearching(true);
    backend.searchReferrals(query).then(
      (found) => {
        if (mine !== request.current) return;
        setResults(found);
        setAnswered(query.text ?? '');
        setSearching(false);
        setActive(-1);
        setProblem(null);
        if (openWhenFound.current) {
          openWhenFound.current = false;
          if (found[0]) open(found[0], 0);
        }
      },
      (reason: unknown) => {
        if (mine !== request.current) return;
        setSearching(false);
        openWhenFound.current = false;
        setProblem(toPublicError(reason));
      },
    );
  }, [backend, queryKey, refresh]);

  // A late answer must not land after the screen is gone.
  useEffect(
    () => () => {
      request.current += 1;
    },
    [],
  );

  // Keep the highlighted result in sight while moving with the arrows.
  useEffect(() => {
    const entry = active >= 0 ? results?.[active] : undefined;
    if (entry) document.getElementById(optionId(entry))?.scrollIntoView?.({ block: 'nearest' });
  }, [active]);

  function open(entry: ReferralEntry, index: number) {
    setSelected(entry);
    setActive(index);
    setStatus(null);
    setFocusRequest({ id: 'referral-detail-title' });
  }

  function onSearchKey(event: KeyboardEvent) {
    const count = results?.length ?? 0;
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      if (count) setActive(Math.min(active + 1, count - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive(Math.max(active - 1, -1));
    } else if (event.key === 'Enter' && !event.ctrlKey && !event.altKey) {
      event.preventDefault();
      if (text !== searchText || searching) {
        // Results for what was just typed are on their way: open the best one when it comes.
        openWhenFound.current = true;
        setSearchText(text);
        return;
      }
      const index = active >= 0 ? active : 0;
      const entry = results?.[index];
      if (entry) open(entry, index);
    } else if (event.key === 'Escape' && text) {
      event.preventDefault();
      setText('');
    }
  }

  const set = (patch: Partial<Filters>) => setFilters((current) => ({ ...current, ...patch }));
  const filtered = JSON.stringify(filters) !== JSON.stringify(NO_FILTERS) || text.trim() !== '';

  /** A version of an entry edited on two laptops was kept: the directory shows it from now on. */
  function conflictResolved(entry: ReferralEntry, conflictsLeft: boolean) {
    setSelected((shown) => (shown?.id === entry.id ? entry : shown));
    setStatus('referralConflicts.kept');
    setRefresh((n) => n + 1);
    setFocusRequest({ id: conflictsLeft ? 'referral-conflicts-title' : 'referrals-search' });
  }

  function backToBrowse(focus: string, entry?: ReferralEntry) {
    if (entry) setSelected(entry);
    setView({ kind: 'browse' });
    setFocusRequest({ id: focus });
  }

  if (view.kind === 'form') {
    return (
      <div class="referrals referrals-editing">
        <ReferralForm
          key={view.id ?? 'new'}
          id={view.id}
          municipalities={municipalities}
          onSaved={(entry) => {
            setStatus('referrals.saved');
            setRefresh((n) => n + 1);
            backToBrowse('referral-detail-title', entry);
          }}
          onCancel={() => backToBrowse(selected ? 'referral-detail-title' : 'referrals-search')}
        />
      </div>
    );
  }

  if (view.kind === 'transfer') {
    return (
      <div class="referrals referrals-transfer">
        <div class="referrals-toolbar">
          <button id="referrals-back" type="button" class="button button-secondary" onClick={() => backToBrowse('referrals-search')}>
            {t('referrals.backToSearch')}
          </button>
        </div>
        <ImportPanel onImported={() => setRefresh((n) => n + 1)} />
        <ExportPanel />
      </div>
    );
  }

  const regionMunicipalities = (region: Region) => municipalities.filter((m) => m.region === region);
  const shownRegions = filters.region ? [filters.region] : REGIONS;
  const activeEntry = active >= 0 ? results?.[active] : undefined;
  const count = results?.length ?? 0;

  return (
    <div class="referrals">
      {supervisor && <ReferralConflicts municipalities={municipalities} onResolved={conflictResolved} />}
      {printing && (
        <ReferralSheetDialog
          entryIds={sheet}
          onClose={(printed) => {
            setPrinting(false);
            // A printed sheet was that caller's: the next caller starts from no contacts.
            if (printed) setSheet([]);
            setFocusRequest({ id: printed ? 'referrals-search' : 'referrals-print-sheet' });
          }}
        />
      )}
      <div class="referrals-toolbar">
        <button
          id="referrals-print-sheet"
          type="button"
          class="button button-secondary"
          disabled={sheet.length === 0}
          aria-describedby={sheet.length === 0 ? 'referrals-print-sheet-hint' : undefined}
          onClick={() => setPrinting(true)}
        >
          {t('sheet.printCount', { count: sheet.length })}
        </button>
        {sheet.length === 0 && (
          <span id="referrals-print-sheet-hint" class="muted">
            {t('sheet.addHint')}
          </span>
        )}
      </div>
      {supervisor && (
        <div class="referrals-toolbar">
          <button
            id="referral-new"
            type="button"
            class="button button-primary"
            onClick={() => {
              setStatus(null);
              setView({ kind: 'form', id: null });
            }}
          >
            {t('referrals.new')}
          </button>
          <button
            id="referrals-transfer"
            type="button"
            class="button button-secondary"
            onClick={() => {
              setStatus(null);
              setView({ kind: 'transfer' });
            }}
          >
            {t('referrals.transfer')}
          </button>
        </div>
      )}
      <div id="referrals-status">
        <FormStatus text={status ? t(status) : undefined} />
      </div>
      <FormError id="referrals-error" text={problem ? i18n.localize(problem.message) : undefined} />

      <div class="referrals-browse">
        <form class="referrals-filters" role="search" aria-label={t('referrals.filters')} onSubmit={(e) => e.preventDefault()}>
          <Field id="referrals-search" label={t('referrals.search')} hint={t('referrals.searchHint')}>
            {(a11y) => (
              <input
                {...a11y}
                type="search"
                class="referrals-search-input"
                {...comboboxProps('referrals-results', count > 0, activeEntry && optionId(activeEntry))}
                value={text}
                onInput={(e) => setText(valueOf(e))}
                onKeyDown={onSearchKey}
              />
            )}
          </Field>
          <div class="referrals-filter-row">
            <FilterSelect
              id="referrals-region"
              label={t('referrals.region')}
              values={REGIONS}
              value={filters.region}
              labelOf={(region) => t(`region.${region}`)}
              anyLabel={t('referrals.any')}
              onChange={(region) => {
                const keeps = !region || municipalities.some((m) => m.code === filters.municipality && m.region === region);
                set({ region, municipality: keeps ? filters.municipality : '' });
              }}
            />
            <Field id="referrals-municipality" label={t('referrals.municipality')}>
              {(a11y) => (
                <select {...a11y} value={filters.municipality} onChange={(e) => set({ municipality: valueOf(e) })}>
                  <option value="">{t('referrals.any')}</option>
                  {shownRegions.map((region) => (
                    <optgroup key={region} label={t(`region.${region}`)}>
                      {regionMunicipalities(region).map((m) => (
                        <option key={m.code} value={m.code}>
                          {m.name}
                        </option>
                      ))}
                    </optgroup>
                  ))}
                </select>
              )}
            </Field>
            <FilterSelect
              id="referrals-service-type"
              label={t('referrals.serviceType')}
              values={SERVICE_TYPES}
              value={filters.serviceType}
              labelOf={(type) => t(`serviceType.${type}`)}
              anyLabel={t('referrals.any')}
              onChange={(serviceType) => set({ serviceType })}
            />
            <FilterSelect
              id="referrals-language"
              label={t('referrals.language')}
              values={DIRECTORY_LANGUAGES}
              value={filters.language}
              labelOf={(code) => t(`directoryLanguage.${code}`)}
              anyLabel={t('referrals.anyLanguage')}
              onChange={(language) => set({ language })}
            />
            <FilterSelect
              id="referrals-verified"
              label={t('referrals.verifiedWithin')}
              values={VERIFIED_WITHIN}
              value={filters.verifiedWithin}
              labelOf={(months) => t(`referrals.verified${months}`)}
              anyLabel={t('referrals.verifiedAny')}
              onChange={(verifiedWithin) => set({ verifiedWithin })}
            />
          </div>
          <div class="referrals-filter-row">
            <label class="check">
              <input
                id="referrals-open-now"
                type="checkbox"
                checked={filters.openNow}
                onChange={(e) => set({ openNow: e.currentTarget.checked })}
              />
              <span>{t('referrals.openNowFilter')}</span>
            </label>
            {supervisor && (
              <label class="check">
                <input
                  id="referrals-include-retired"
                  type="checkbox"
                  checked={filters.includeRetired}
                  onChange={(e) => set({ includeRetired: e.currentTarget.checked })}
                />
                <span>{t('referrals.includeRetired')}</span>
              </label>
            )}
            {filtered && (
              <button
                id="referrals-clear"
                type="button"
                class="button button-quiet"
                onClick={() => {
                  setFilters(NO_FILTERS);
                  setText('');
                  setFocusRequest({ id: 'referrals-search' });
                }}
              >
                {t('referrals.clearFilters')}
              </button>
            )}
          </div>
        </form>

        <section id="referrals-list" class="referrals-list" aria-labelledby="referrals-list-title" aria-busy={searching ? 'true' : 'false'}
          data-searched={searching ? undefined : (answered ?? undefined)}
        >
          <h2 id="referrals-list-title" class="visually-hidden">
            {t('referrals.results')}
          </h2>
          <p id="referrals-count" class="referrals-count" role="status">
            {results === null
              ? t('referrals.loading')
              : t(query.text && count >= SEARCH_RESULTS ? 'referrals.countFirst' : 'referrals.count', { count })}
          </p>
          {results !== null && count === 0 && (
            <div id="referrals-empty" class="calls-empty">
              <p>{filtered ? t('referrals.emptyNothing') : supervisor ? t('referrals.emptyDirectory') : t('referrals.emptyDirectoryConsultant')}</p>
              {!filtered && supervisor && (
                <button id="referrals-load-starter" type="button" class="button button-primary" onClick={() => void loadStarter()}>
                  {t('referrals.loadStarter')}
                </button>
              )}
            </div>
          )}
          <ul id="referrals-results" class="referral-rows" role="listbox" aria-label={t('referrals.results')}>
            {(results ?? []).map((entry, index) => (
              <ReferralRow
                key={entry.id}
                entry={entry}
                active={index === active}
                open={entry.id === selected?.id}
                onOpen={() => open(entry, index)}
              />
            ))}
          </ul>
        </section>

        <div class="referrals-side">
          {selected ? (
            <ReferralDetail
              key={selected.id}
              session={session}
              entry={selected}
              municipalities={municipalities}
              onEdit={(entry) => {
                setStatus(null);
                setView({ kind: 'form', id: entry.id });
              }}
              onRetired={(entry, retired) => {
                setSelected(entry);
                setStatus(retired ? 'referrals.retiredDone' : 'referrals.restoredDone');
                setRefresh((n) => n + 1);
              }}
              onBack={() => setFocusRequest({ id: 'referrals-search' })}
              inSheet={sheet.includes(selected.id)}
              onToggleSheet={(id) => setSheet((ids) => (ids.includes(id) ? ids.filter((other) => other !== id) : [...ids, id]))}
            />
          ) : (
            <section id="referral-detail-empty" class="referral-detail-empty">
              <p>{t('referrals.noSelection')}</p>
            </section>
          )}
        </div>
      </div>
    </div>
  );
}
