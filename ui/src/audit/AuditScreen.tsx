import { useEffect, useState } from 'preact/hooks';
import type {
  Account,
  AuditExport,
  AuditFilter,
  AuditProblem,
  AuditSelection,
  AuditVerification,
  PublicError,
} from '../ipc/backend';
import { useBackend } from '../ipc/context';
import { toPublicError } from '../ipc/errors';
import { useI18n, type MessageKey } from '../i18n';
import { formatDateTime, formatDay, INVALID_DAY, parseDay } from '../i18n/dates';
import { DayField } from '../forms/DayField';
import { Field, FormError } from '../forms/Field';
import { valueOf } from '../forms/focus';
import { LongWorkProgress } from '../progress/LongWorkProgress';
import { actionLabel, AUDIT_ACTIONS, detailsText, targetLabel } from './labels';

/** What the filter form holds: days as typed, '' for "any". */
interface FilterForm {
  action: string;
  actor: string;
  from: string;
  to: string;
  text: string;
}

const EMPTY_FORM: FilterForm = { action: '', actor: '', from: '', to: '', text: '' };
const NO_FILTER: AuditFilter = { action: null, actor: null, from: null, to: null, text: '' };

type ExportResult =
  | { kind: 'saved'; exported: AuditExport }
  | { kind: 'cancelled' }
  | { kind: 'stopped'; error: PublicError }
  | { kind: 'failed'; error: PublicError };

/** The form as a filter, or the day fields that cannot be read. */
function filterOf(form: FilterForm): { filter: AuditFilter } | { invalid: ('from' | 'to')[] } {
  const from = parseDay(form.from);
  const to = parseDay(form.to);
  if (from === INVALID_DAY || to === INVALID_DAY) {
    return { invalid: (['from', 'to'] as const).filter((field) => (field === 'from' ? from : to) === INVALID_DAY) };
  }
  return {
    filter: { action: form.action || null, actor: form.actor || null, from, to, text: form.text.trim() },
  };
}

/**
 * Supervisors' audit log: whether the hash chain holds, the entries newest
 * first with filters, and a CSV export of what the filters select. Entries,
 * names and filters live in this component's state only, so they go when the
 * app locks.
 */
export function AuditScreen() {
  const backend = useBackend();
  const i18n = useI18n();
  const { t } = i18n;
  const [form, setForm] = useState<FilterForm>(EMPTY_FORM);
  const [invalid, setInvalid] = useState<('from' | 'to')[]>([]);
  const [filter, setFilter] = useState<AuditFilter>(NO_FILTER);
  const [selection, setSelection] = useState<AuditSelection | null>(null);
  const [verification, setVerification] = useState<AuditVerification | null>(null);
  const [people, setPeople] = useState<Account[]>([]);
  const [problem, setProblem] = useState<PublicError | null>(null);
  const [exporting, setExporting] = useState(false);
  const [exportResult, setExportResult] = useState<ExportResult | null>(null);
  /** Bumped after an export, whose own entry then shows and is verified. */
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    backend.listAccounts().then(setPeople, (reason: unknown) => setProblem(toPublicError(reason)));
  }, [backend]);

  useEffect(() => {
    let current = true;
    setVerification(null);
    backend.verifyAuditLog().then(
      (result) => current && setVerification(result),
      (reason: unknown) => current && setProblem(toPublicError(reason)),
    );
    return () => {
      current = false;
    };
  }, [backend, generation]);

  useEffect(() => {
    let current = true;
    backend.auditEntries(filter).then(
      (result) => {
        if (!current) return;
        setSelection(result);
        setProblem(null);
      },
      (reason: unknown) => current && setProblem(toPublicError(reason)),
    );
    return () => {
      current = false;
    };
  }, [backend, filter, generation]);

  /** Applies `next` (the form, or the form with a changed select) as the filter. */
  function apply(next: FilterForm) {
    const built = filterOf(next);
    if ('invalid' in built) {
      setInvalid(built.invalid);
      document.getElementById(`audit-${built.invalid[0]}`)?.focus();
      return;
    }
    setInvalid([]);
    // Written back in full, so "1.2.26" shows how it was read.
    setForm({ ...next, from: built.filter.from ? formatDay(built.filter.from) : '', to: built.filter.to ? formatDay(built.filter.to) : '' });
    setFilter(built.filter);
    setExportResult(null);
  }

  async function exportCsv() {
    if (exporting) return;
    setExporting(true);
    setExportResult(null);
    try {
      const exported = await backend.exportAuditLog(filter);
      setExportResult(exported === null ? { kind: 'cancelled' } : { kind: 'saved', exported });
      if (exported !== null) setGeneration((n) => n + 1);
    } catch (reason) {
      const error = toPublicError(reason);
      setExportResult({ kind: error.code === 'longWorkCancelled' ? 'stopped' : 'failed', error });
    } finally {
      setExporting(false);
    }
  }

  const names = new Map(people.map((person) => [person.id, person.displayName]));
  const who = (actor: string | null) =>
    actor === null ? t('audit.system') : (names.get(actor) ?? t('audit.unknownPerson', { id: actor.slice(0, 8) }));

  return (
    <div class="audit">
      <p class="panel-intro">{t('audit.intro')}</p>
      <ChainBanner verification={verification} />
      <FormError id="audit-error" text={problem ? i18n.localize(problem.message) : undefined} />

      <form
        id="audit-filters"
        class="audit-filters"
        aria-label={t('audit.filters')}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          apply(form);
        }}
      >
        <Field id="audit-action" label={t('audit.action')}>
          {(a11y) => (
            <select {...a11y} value={form.action} onChange={(e) => apply({ ...form, action: valueOf(e) })}>
              <option value="">{t('audit.anyAction')}</option>
              {AUDIT_ACTIONS.map((code) => (
                <option key={code} value={code}>
                  {actionLabel(i18n, code)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="audit-person" label={t('audit.person')}>
          {(a11y) => (
            <select {...a11y} value={form.actor} onChange={(e) => apply({ ...form, actor: valueOf(e) })}>
              <option value="">{t('audit.anyPerson')}</option>
              {people.map((person) => (
                <option key={person.id} value={person.id}>
                  {person.displayName} ({person.login})
                </option>
              ))}
            </select>
          )}
        </Field>
        {(['from', 'to'] as const).map((field) => (
          <DayField
            key={field}
            id={`audit-${field}`}
            label={t(`audit.${field}`)}
            value={form[field]}
            error={invalid.includes(field) ? t('audit.invalidDay') : undefined}
            onInput={(text) => setForm({ ...form, [field]: text })}
          />
        ))}
        <Field id="audit-text" label={t('audit.text')} hint={t('audit.textHint')}>
          {(a11y) => (
            <input
              {...a11y}
              type="search"
              autoComplete="off"
              spellcheck={false}
              value={form.text}
              onInput={(e) => setForm({ ...form, text: valueOf(e) })}
            />
          )}
        </Field>
        <div class="audit-filter-actions">
          <button id="audit-apply" type="submit" class="button button-primary">
            {t('audit.apply')}
          </button>
          <button id="audit-clear" type="button" class="button button-secondary" onClick={() => apply(EMPTY_FORM)}>
            {t('audit.clear')}
          </button>
        </div>
      </form>

      <section id="audit-export" class="audit-export" aria-labelledby="audit-export-button">
        <button
          id="audit-export-button"
          type="button"
          class="button button-secondary"
          disabled={exporting || selection === null}
          aria-describedby="audit-export-intro"
          onClick={() => void exportCsv()}
        >
          {exporting ? t('audit.exporting') : t('audit.export')}
        </button>
        <p id="audit-export-intro" class="field-hint">
          {t('audit.exportIntro')}
        </p>
        {exporting && <LongWorkProgress id="audit-export-progress" work="longWork.auditLog" />}
        <p id="audit-export-result" class={exportResult?.kind === 'saved' ? 'form-status' : 'reports-export-note'} role="status">
          {exportResult?.kind === 'saved'
            ? t('audit.exported', { path: exportResult.exported.path, count: exportResult.exported.entries })
            : exportResult?.kind === 'cancelled'
              ? t('audit.exportCancelled')
              : exportResult?.kind === 'stopped'
                ? i18n.localize(exportResult.error.message)
                : null}
        </p>
        {exportResult?.kind === 'failed' && (
          <FormError id="audit-export-error" text={i18n.localize(exportResult.error.message)} />
        )}
      </section>

      {selection === null ? (
        <p class="panel-intro" role="status">
          {t('audit.loading')}
        </p>
      ) : (
        <>
          <p id="audit-count" class="audit-count" role="status">
            {selection.matching > selection.entries.length
              ? t('audit.showingNewest', { shown: selection.entries.length, count: selection.matching })
              : t('audit.matching', { count: selection.matching })}
          </p>
          {selection.entries.length === 0 ? (
            <p id="audit-empty" class="calls-empty">
              {t('audit.empty')}
            </p>
          ) : (
            <div class="table-scroll" tabIndex={0} aria-labelledby="audit-table-caption">
              <table id="audit-table" class="table audit-table">
                <caption id="audit-table-caption" class="visually-hidden">
                  {t('audit.tableLabel')}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t('audit.col.seq')}</th>
                    <th scope="col">{t('audit.col.time')}</th>
                    <th scope="col">{t('audit.col.who')}</th>
                    <th scope="col">{t('audit.col.action')}</th>
                    <th scope="col">{t('audit.col.target')}</th>
                    <th scope="col">{t('audit.col.details')}</th>
                  </tr>
                </thead>
                <tbody>
                  {selection.entries.map((entry) => (
                    <tr key={entry.id} data-seq={entry.seq}>
                      <td class="audit-seq">{entry.seq}</td>
                      <td class="audit-time">
                        <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
                      </td>
                      <td>{who(entry.actor)}</td>
                      <td class="audit-action">{actionLabel(i18n, entry.action)}</td>
                      <td class="audit-target">{targetLabel(i18n, entry)}</td>
                      <td class="audit-details">{detailsText(entry.details)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </div>
  );
}

const PROBLEMS: Record<AuditProblem, MessageKey> = {
  altered: 'audit.problem.altered',
  forged: 'audit.problem.forged',
  unlinked: 'audit.problem.unlinked',
  fork: 'audit.problem.fork',
};

/**
 * The chain check at the top: green with the count, or red naming this
 * device's first broken entry and each other device's, with what is wrong;
 * entries of other devices that have not arrived are listed, not alarmed.
 */
function ChainBanner({ verification }: { verification: AuditVerification | null }) {
  const { t } = useI18n();
  if (verification === null) {
    return (
      <div id="audit-chain" class="notice" role="status">
        {t('audit.verifying')}
      </div>
    );
  }
  const gaps = verification.gaps.map((gap) => (
    <li key={`${gap.deviceId}-${gap.after}`}>
      {t('audit.gap', { from: gap.after + 1, to: gap.before - 1, device: gap.deviceId.slice(0, 8) })}
    </li>
  ));
  if (verification.firstBroken === null && verification.otherDevicesBroken.length === 0) {
    return (
      <div id="audit-chain" class="audit-chain audit-chain-intact" role="status">
        <p class="audit-chain-title">{t('audit.intact', { count: verification.entries })}</p>
        {gaps.length > 0 && <ul class="audit-chain-gaps">{gaps}</ul>}
      </div>
    );
  }
  const own = verification.firstBroken;
  return (
    <div id="audit-chain" class="audit-chain audit-chain-broken" role="alert">
      {own !== null && (
        <p class="audit-chain-title">
          {t('audit.broken', { seq: own })}
          {verification.problem !== null && `: ${t(PROBLEMS[verification.problem])}`}
        </p>
      )}
      {verification.otherDevicesBroken.map((link) => (
        <p key={`${link.deviceId}-${link.seq}`} class="audit-chain-title">
          {t('audit.brokenOtherDevice', { seq: link.seq, device: link.deviceId.slice(0, 8) })}
          {`: ${t(PROBLEMS[link.problem])}`}
        </p>
      ))}
      <p>{t('audit.brokenHint')}</p>
      {gaps.length > 0 && <ul class="audit-chain-gaps">{gaps}</ul>}
    </div>
  );
}
