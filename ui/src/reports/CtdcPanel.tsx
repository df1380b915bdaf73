import { useEffect, useState } from 'preact/hooks';
import type { CtdcExported, PublicError, ReportRequest } from '../ipc/backend';
import { useBackend } from '../ipc/context';
import { toPublicError } from '../ipc/errors';
import { useI18n } from '../i18n';
import { FormError } from '../forms/Field';
import { LongWorkProgress } from '../progress/LongWorkProgress';
import { cellText } from './cells';

interface CtdcPanelProps {
  /** The request of the report on screen: its period, regions and publication mode (with k) make the file. */
  request: ReportRequest;
}

type CtdcResult =
  | { kind: 'saved'; exported: CtdcExported }
  | { kind: 'cancelled' }
  | { kind: 'stopped'; error: PublicError }
  | { kind: 'failed'; error: PublicError };

/**
 * Saves the cases of the report on screen as one CTDC file. Publication mode
 * and k come from the report form, so the file is exactly as anonymous as
 * the report it sits under, and the panel says which before anything is
 * saved. The backend asks where (a native dialog), so the webview never
 * names a path.
 */
export function CtdcPanel({ request }: CtdcPanelProps) {
  const backend = useBackend();
  const i18n = useI18n();
  const { t } = i18n;
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<CtdcResult | null>(null);
  // A new report on screen: what was said about the last file no longer applies.
  useEffect(() => setResult(null), [request]);

  async function save() {
    if (busy) return;
    setBusy(true);
    setResult(null);
    try {
      const exported = await backend.exportCtdc(request);
      setResult(exported === null ? { kind: 'cancelled' } : { kind: 'saved', exported });
    } catch (reason) {
      const error = toPublicError(reason);
      setResult({ kind: error.code === 'longWorkCancelled' ? 'stopped' : 'failed', error });
    } finally {
      setBusy(false);
    }
  }

  const k = request.publication?.minCell;

  const savedText = ({ path, rows, suppressed, publication }: CtdcExported) =>
    publication
      ? t('reports.ctdcSavedPublished', { path, rows, suppressed: cellText(suppressed) })
      : t('reports.ctdcSavedInternal', { path, rows });

  return (
    <section id="reports-ctdc" class="reports-export" aria-labelledby="reports-ctdc-title">
      <h3 id="reports-ctdc-title" class="report-section-title">
        {t('reports.ctdc')}
      </h3>
      <p class="panel-intro">{t('reports.ctdcIntro')}</p>
      <p id="reports-ctdc-mode" class={k === undefined ? 'reports-ctdc-mode' : 'reports-ctdc-mode reports-ctdc-mode-published'}>
        {k === undefined ? t('reports.ctdcInternal') : t('reports.ctdcPublished', { k })}
      </p>
      <div class="reports-export-row">
        <button
          id="reports-ctdc-save"
          type="button"
          class="button button-secondary"
          disabled={busy}
          aria-describedby="reports-ctdc-mode"
          onClick={() => void save()}
        >
          {busy ? t('reports.exporting') : t('reports.ctdcSave')}
        </button>
      </div>
      {busy && <LongWorkProgress id="reports-ctdc-progress" work="longWork.ctdc" />}
      <p id="reports-ctdc-result" class={result?.kind === 'saved' ? 'form-status' : 'reports-export-note'} role="status">
        {result?.kind === 'saved'
          ? savedText(result.exported)
          : result?.kind === 'cancelled'
            ? t('reports.exportCancelled')
            : result?.kind === 'stopped'
              ? i18n.localize(result.error.message)
              : null}
      </p>
      {result?.kind === 'failed' && <FormError id="reports-ctdc-error" text={i18n.localize(result.error.message)} />}
    </section>
  );
}
