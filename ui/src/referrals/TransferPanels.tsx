import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { ImportSummary, PublicError, TransferFormat } from '../ipc/backend';
import { useBackend } from '../ipc/context';
import { toPublicError } from '../ipc/errors';
import { useI18n } from '../i18n';
import { Field, FormError } from '../forms/Field';
import { ChoiceSelect } from '../forms/ChoiceSelect';
import { TRANSFER_FORMATS } from './options';
import { LongWorkProgress } from '../progress/LongWorkProgress';

type ImportResult =
  | { kind: 'done'; summary: ImportSummary }
  | { kind: 'rejected'; error: PublicError; format: TransferFormat }
  | { kind: 'stopped'; error: PublicError }
  | { kind: 'failed'; error: PublicError }
  | { kind: 'noFile' }
  | { kind: 'unreadable' };

interface TransferSectionProps {
  kind: 'import' | 'export';
  format: TransferFormat;
  onFormat: (format: TransferFormat) => void;
  /** More fields beside the format select. */
  fields?: ComponentChildren;
  children: ComponentChildren;
}

/** The frame both panels share: title, intro and the format select. */
function TransferSection({ kind, format, onFormat, fields, children }: TransferSectionProps) {
  const { t } = useI18n();
  const keys = kind === 'import' ? 'referralImport' : 'referralExport';
  return (
    <section id={`referrals-${kind}`} class="panel" aria-labelledby={`referrals-${kind}-title`}>
      <h2 id={`referrals-${kind}-title`} class="panel-title">
        {t(`${keys}.title`)}
      </h2>
      <p class="panel-intro">{t(`${keys}.intro`)}</p>
      <div class="form-row">
        <Field id={`referral-${kind}-format`} label={t(`${keys}.format`)}>
          {(a11y) => (
            <ChoiceSelect
              a11y={a11y}
              choices={TRANSFER_FORMATS}
              value={format}
              labelOf={(choice) => t(`transferFormat.${choice}`)}
              onChange={onFormat}
            />
          )}
        </Field>
        {fields}
      </div>
      {children}
    </section>
  );
}

/** The format a file's name suggests, if any. */
function formatOf(name: string): TransferFormat | null {
  const lower = name.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.json')) return 'hsds';
  return null;
}

/**
 * Imports a CSV or HSDS JSON file picked in the webview (its text goes to the
 * backend, which checks the whole file before writing anything).
 */
export function ImportPanel({ onImported }: { onImported: (summary: ImportSummary) => void }) {
  const backend = useBackend();
  const i18n = useI18n();
  const { t } = i18n;
  const [format, setFormat] = useState<TransferFormat>('csv');
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ImportResult | null>(null);

  async function submit() {
    if (busy) return;
    if (!file) {
      setResult({ kind: 'noFile' });
      document.getElementById('referral-import-file')?.focus();
      return;
    }
    setBusy(true);
    setResult(null);
    try {
      let contents: string;
      try {
        contents = await file.text();
      } catch {
        setResult({ kind: 'unreadable' });
        return;
      }
      try {
        const summary = await backend.importReferrals(format, contents);
        setResult({ kind: 'done', summary });
        onImported(summary);
      } catch (reason) {
        const error = toPublicError(reason);
        if (error.code === 'importRejected') setResult({ kind: 'rejected', error, format });
        else setResult({ kind: error.code === 'longWorkCancelled' ? 'stopped' : 'failed', error });
      }
    } finally {
      setBusy(false);
    }
  }

  const problemKey = (of: TransferFormat) => (of === 'csv' ? 'referralImport.problemCsv' : 'referralImport.problemHsds');

  return (
    <TransferSection
      kind="import"
      format={format}
      onFormat={setFormat}
      fields={
        <Field
          id="referral-import-file"
          label={t('referralImport.file')}
          error={result?.kind === 'noFile' ? t('referralImport.noFile') : undefined}
        >
          {(a11y) => (
            <input
              {...a11y}
              type="file"
              class="input-file"
              accept=".csv,.json,text/csv,application/json"
              onChange={(e) => {
                const picked = e.currentTarget.files?.[0] ?? null;
                setFile(picked);
                const suggested = picked ? formatOf(picked.name) : null;
                if (suggested) setFormat(suggested);
                if (result?.kind === 'noFile') setResult(null);
              }}
            />
          )}
        </Field>
      }
    >
      <div class="form-actions">
        <button id="referral-import-submit" type="button" class="button button-primary" disabled={busy} onClick={() => void submit()}>
          {busy ? t('referralImport.busy') : t('referralImport.submit')}
        </button>
      </div>
      {busy && <LongWorkProgress id="referral-import-progress" work="longWork.import" />}
      <p id="referral-import-result" class="form-status" role="status">
        {result?.kind === 'done'
          ? t('referralImport.done', { ...result.summary })
          : result?.kind === 'stopped'
            ? i18n.localize(result.error.message)
            : null}
      </p>
      {result?.kind === 'unreadable' && <FormError id="referral-import-error" text={t('referralImport.readFailed')} />}
      {result?.kind === 'failed' && <FormError id="referral-import-error" text={i18n.localize(result.error.message)} />}
      {result?.kind === 'rejected' && (
        <div id="referral-import-problems" class="import-problems" role="alert">
          <p class="import-problems-title">
            {t('referralImport.rejected')}
          </p>
          {(result.error.problems ?? []).length === 0 ? (
            <p>{i18n.localize(result.error.message)}</p>
          ) : (
            <ol class="import-problem-list">
              {(result.error.problems ?? []).map((problem, index) => (
                <li key={index} class="import-problem">
                  {t(problemKey(result.format), {
                    line: problem.line,
                    column: problem.column,
                    message: i18n.localize(problem.message),
                  })}
                </li>
              ))}
            </ol>
          )}
        </div>
      )}
    </TransferSection>
  );
}

type ExportResult = { kind: 'saved'; path: string } | { kind: 'cancelled' } | { kind: 'failed'; error: PublicError };

/** Exports the directory; the backend asks where to save it. */
export function ExportPanel() {
  const backend = useBackend();
  const i18n = useI18n();
  const { t } = i18n;
  const [format, setFormat] = useState<TransferFormat>('csv');
  const [includeConfidential, setIncludeConfidential] = useState(false);
  const [includeRetired, setIncludeRetired] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ExportResult | null>(null);

  async function submit() {
    if (busy) return;
    setBusy(true);
    setResult(null);
    try {
      const path = await backend.exportReferrals({ format, includeConfidential, includeRetired });
      setResult(path === null ? { kind: 'cancelled' } : { kind: 'saved', path });
    } catch (reason) {
      setResult({ kind: 'failed', error: toPublicError(reason) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <TransferSection kind="export" format={format} onFormat={setFormat}>
      <div class="referral-export-options">
        <label class="check check-danger">
          <input
            id="referral-export-confidential"
            type="checkbox"
            checked={includeConfidential}
            aria-describedby={includeConfidential ? 'referral-export-warning' : undefined}
            onChange={(e) => setIncludeConfidential(e.currentTarget.checked)}
          />
          <span>{t('referralExport.includeConfidential')}</span>
        </label>
        {includeConfidential && (
          <p id="referral-export-warning" class="referral-warning referral-warning-danger" role="alert">
            {t('referralExport.confidentialWarning')}
          </p>
        )}
        <label class="check">
          <input
            id="referral-export-retired"
            type="checkbox"
            checked={includeRetired}
            onChange={(e) => setIncludeRetired(e.currentTarget.checked)}
          />
          <span>{t('referralExport.includeRetired')}</span>
        </label>
      </div>
      <div class="form-actions">
        <button id="referral-export-submit" type="button" class="button button-primary" disabled={busy} onClick={() => void submit()}>
          {busy ? t('referralExport.busy') : t('referralExport.submit')}
        </button>
      </div>
      <p id="referral-export-result" class="form-status" role="status">
        {result?.kind === 'saved'
          ? t('referralExport.done', { path: result.path })
          : result?.kind === 'cancelled'
            ? t('referralExport.cancelled')
            : null}
      </p>
      {result?.kind === 'failed' && <FormError id="referral-export-error" text={i18n.localize(result.error.message)} />}
    </TransferSection>
  );
}
