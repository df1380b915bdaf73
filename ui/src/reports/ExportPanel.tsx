import { useEffect, useState } from 'preact/hooks';
import type { ExportedReport, Language, PublicError, ReportFormat, ReportRequest } from '../ipc/backend';
import { useBackend } from '../ipc/context';
import { toPublicError } from '../ipc/errors';
import { ALL_LOCALES, type MessageKey, useI18n } from '../i18n';
import { Field, FormError } from '../forms/Field';
import { ChoiceSelect } from '../forms/ChoiceSelect';

interface ExportPanelProps {
  /** The request of the report on screen. */
  request: ReportRequest;
}

type ExportResult =
  | { kind: 'saved'; format: ReportFormat; exported: ExportedReport }
  | { kind: 'cancelled' }
  | { kind: 'failed'; error: PublicError };

const FORMATS: readonly ReportFormat[] = ['xlsx', 'csv', 'pdf'];

const BUTTON_TEXT: Readonly<Record<ReportFormat, MessageKey>> = {
  xlsx: 'reports.exportXlsx',
  csv: 'reports.exportCsv',
  pdf: 'reports.exportPdf',
};

/** The folder a file is in, for "saved in …"; paths may use either separator (Windows, Linux). */
export function folderOf(path: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return cut > 0 ? path.slice(0, cut) : path;
}

/**
 * Saves the report on screen as an XLSX workbook or a folder of CSV files.
 * The backend asks where (a native dialog), so the webview never names a
 * path; a closed dialog saves nothing and says so without claiming success.
 */
export function ExportPanel({ request }: ExportPanelProps) {
  const backend = useBackend();
  const i18n = useI18n();
  const { t, locale } = i18n;
  const [language, setLanguage] = useState<Language>(locale);
  const [busy, setBusy] = useState<ReportFormat | null>(null);
  const [result, setResult] = useState<ExportResult | null>(null);
  // A new report on screen: what was said about saving the last one no longer applies.
  useEffect(() => setResult(null), [request]);

  async function save(format: ReportFormat) {
    if (busy) return;
    setBusy(format);
    setResult(null);
    try {
      const exported = await backend.exportReport(request, format, language);
      setResult(exported === null ? { kind: 'cancelled' } : { kind: 'saved', format, exported });
    } catch (reason) {
      setResult({ kind: 'failed', error: toPublicError(reason) });
    } finally {
      setBusy(null);
    }
  }

  const savedText = (saved: Extract<ExportResult, { kind: 'saved' }>) => {
    const [first = ''] = saved.exported.files;
    return saved.format === 'csv'
      ? t('reports.exportedCsv', { count: saved.exported.files.length, folder: folderOf(first) })
      : t('reports.exportedFile', { path: first });
  };

  return (
    <section id="reports-export" class="reports-export" aria-labelledby="reports-export-title">
      <h3 id="reports-export-title" class="report-section-title">
        {t('reports.export')}
      </h3>
      <p class="panel-intro">{t('reports.exportIntro')}</p>
      <div class="reports-export-row">
        <Field id="reports-export-language" label={t('reports.exportLanguage')}>
          {(a11y) => (
            <ChoiceSelect
              a11y={a11y}
              choices={ALL_LOCALES}
              value={language}
              labelOf={(choice) => t(`language.${choice}.name`)}
              onChange={setLanguage}
            />
          )}
        </Field>
        {FORMATS.map((format) => (
          <button
            key={format}
            id={`reports-export-${format}`}
            type="button"
            class="button button-secondary"
            disabled={busy !== null}
            onClick={() => void save(format)}
          >
            {busy === format ? t('reports.exporting') : t(BUTTON_TEXT[format])}
          </button>
        ))}
      </div>
      <p
        id="reports-export-result"
        class={result?.kind === 'saved' ? 'form-status' : 'reports-export-note'}
        role="status"
      >
        {result?.kind === 'saved' ? savedText(result) : result?.kind === 'cancelled' ? t('reports.exportCancelled') : null}
      </p>
      {result?.kind === 'failed' && <FormError id="reports-export-error" text={i18n.localize(result.error.message)} />}
    </section>
  );
}
