import { useEffect, useState } from 'preact/hooks';
import type { CallColumn, CallListFormat, ExportedCallList, Language, PublicError, ReportRequest } from '../ipc/backend';
import { useBackend } from '../ipc/context';
import { toPublicError } from '../ipc/errors';
import { useI18n } from '../i18n';
import { Field, FormError } from '../forms/Field';
import { ChoiceSelect } from '../forms/ChoiceSelect';
import { LongWorkProgress } from '../progress/LongWorkProgress';

interface CallListPanelProps {
  /** The request of the report on screen: the list takes its period and regions. */
  request: ReportRequest;
}

/** The columns that describe a call, in the order hotline-core writes them. */
export const RECORDED_COLUMNS: readonly CallColumn[] = [
  'id',
  'startedAt',
  'endedAt',
  'region',
  'line',
  'direction',
  'callerRole',
  'gender',
  'ageGroup',
  'language',
  'subjects',
  'country',
  'risk',
  'immediateDanger',
  'caseRef',
  'followUpDue',
  'followUpDone',
  'outcome',
  'indicators',
];

/** The text typed during a call: personal, so apart and never ticked unless on purpose. */
export const FREE_TEXT_COLUMNS: readonly CallColumn[] = ['adviceGiven', 'referrals', 'notes'];

const ALL_COLUMNS: readonly CallColumn[] = [...RECORDED_COLUMNS, ...FREE_TEXT_COLUMNS];
const LANGUAGES: readonly Language[] = ['lv', 'en', 'ru'];
const FORMATS: readonly CallListFormat[] = ['xlsx', 'csv'];

type CallListResult =
  | { kind: 'saved'; exported: ExportedCallList }
  | { kind: 'cancelled' }
  | { kind: 'stopped'; error: PublicError }
  | { kind: 'failed'; error: PublicError };

/**
 * Saves the calls of the report's period and regions as a list with only
 * the columns the supervisor ticks (none at first: what leaves is chosen,
 * never assumed). The backend asks where (a native dialog) and writes
 * exactly those columns, free text only when its own column is ticked.
 */
export function CallListPanel({ request }: CallListPanelProps) {
  const backend = useBackend();
  const i18n = useI18n();
  const { t, locale } = i18n;
  const [columns, setColumns] = useState<ReadonlySet<CallColumn>>(new Set());
  const [language, setLanguage] = useState<Language>(locale === 'lv' ? 'lv' : 'en');
  const [busy, setBusy] = useState<CallListFormat | null>(null);
  const [noColumns, setNoColumns] = useState(false);
  const [result, setResult] = useState<CallListResult | null>(null);
  useEffect(() => setResult(null), [request]);

  function tick(column: CallColumn, on: boolean) {
    const next = new Set(columns);
    if (on) next.add(column);
    else next.delete(column);
    setColumns(next);
    if (next.size > 0) setNoColumns(false);
  }

  async function save(format: CallListFormat) {
    if (busy) return;
    const chosen = ALL_COLUMNS.filter((column) => columns.has(column));
    if (chosen.length === 0) {
      setNoColumns(true);
      document.getElementById(`call-list-column-${RECORDED_COLUMNS[0]}`)?.focus();
      return;
    }
    setBusy(format);
    setResult(null);
    try {
      const exported = await backend.exportCallList(request, chosen, format, language);
      setResult(exported === null ? { kind: 'cancelled' } : { kind: 'saved', exported });
    } catch (reason) {
      const error = toPublicError(reason);
      setResult({ kind: error.code === 'longWorkCancelled' ? 'stopped' : 'failed', error });
    } finally {
      setBusy(null);
    }
  }

  const checkbox = (column: CallColumn) => (
    <label key={column} class="check">
      <input
        id={`call-list-column-${column}`}
        type="checkbox"
        checked={columns.has(column)}
        onChange={(event) => tick(column, event.currentTarget.checked)}
      />
      <span>{t(`callColumn.${column}`)}</span>
    </label>
  );

  return (
    <section id="reports-call-list" class="reports-export" aria-labelledby="reports-call-list-title">
      <h3 id="reports-call-list-title" class="report-section-title">
        {t('reports.callList')}
      </h3>
      <p class="panel-intro">{t('reports.callListIntro')}</p>
      <fieldset
        id="call-list-columns"
        class={noColumns ? 'reports-group field-invalid' : 'reports-group'}
        aria-describedby={noColumns ? 'call-list-columns-error' : undefined}
      >
        <legend>{t('reports.callListColumns')}</legend>
        <div class="reports-regions">{RECORDED_COLUMNS.map(checkbox)}</div>
      </fieldset>
      <fieldset class="reports-group" aria-describedby="call-list-free-text-hint">
        <legend>{t('reports.callListFreeText')}</legend>
        <p class="field-hint" id="call-list-free-text-hint">
          {t('reports.callListFreeTextHint')}
        </p>
        <div class="reports-regions">{FREE_TEXT_COLUMNS.map(checkbox)}</div>
      </fieldset>
      {noColumns && (
        <p class="field-error" id="call-list-columns-error">
          {t('reports.callListNoColumns')}
        </p>
      )}
      <div class="reports-export-row">
        <Field id="call-list-language" label={t('reports.exportLanguage')}>
          {(a11y) => (
            <ChoiceSelect
              a11y={a11y}
              choices={LANGUAGES}
              value={language}
              labelOf={(choice) => t(`language.${choice}.name`)}
              onChange={setLanguage}
            />
          )}
        </Field>
        {FORMATS.map((format) => (
          <button
            key={format}
            id={`call-list-save-${format}`}
            type="button"
            class="button button-secondary"
            disabled={busy !== null}
            onClick={() => void save(format)}
          >
            {busy === format ? t('reports.exporting') : t(format === 'xlsx' ? 'reports.exportXlsx' : 'reports.exportCsv')}
          </button>
        ))}
      </div>
      {busy !== null && <LongWorkProgress id="call-list-progress" work="longWork.callList" />}
      <p id="call-list-result" class={result?.kind === 'saved' ? 'form-status' : 'reports-export-note'} role="status">
        {result?.kind === 'saved'
          ? t('reports.callListSaved', {
              path: result.exported.path,
              calls: result.exported.calls,
              columns: result.exported.columns.length,
            })
          : result?.kind === 'cancelled'
            ? t('reports.exportCancelled')
            : result?.kind === 'stopped'
              ? i18n.localize(result.error.message)
              : null}
      </p>
      {result?.kind === 'failed' && <FormError id="call-list-error" text={i18n.localize(result.error.message)} />}
    </section>
  );
}
