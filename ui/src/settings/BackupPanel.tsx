import { useState } from 'preact/hooks';
import type { BackupSummary, PublicError } from '../ipc/backend';
import { useBackend } from '../ipc/context';
import { toPublicError } from '../ipc/errors';
import { useI18n } from '../i18n';
import { formatSize } from '../i18n/sizes';
import { FormError } from '../forms/Field';
import { LongWorkProgress } from '../progress/LongWorkProgress';

type Result =
  | { kind: 'saved'; summary: BackupSummary }
  | { kind: 'cancelled' }
  | { kind: 'stopped'; error: PublicError }
  | { kind: 'failed'; error: PublicError };

/**
 * Supervisors: an encrypted backup of the whole store, written where they
 * choose in the backend's save dialog (the webview never names a path).
 */
export function BackupPanel() {
  const backend = useBackend();
  const i18n = useI18n();
  const { t, locale } = i18n;
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result | null>(null);

  async function backUp() {
    if (busy) return;
    setBusy(true);
    setResult(null);
    try {
      const summary = await backend.backUp();
      setResult(summary === null ? { kind: 'cancelled' } : { kind: 'saved', summary });
    } catch (reason) {
      const error = toPublicError(reason);
      setResult({ kind: error.code === 'longWorkCancelled' ? 'stopped' : 'failed', error });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="panel" aria-labelledby="backup-title">
      <h2 id="backup-title" class="panel-title">
        {t('settings.backup.title')}
      </h2>
      <p class="panel-intro" id="backup-intro">
        {t('settings.backup.intro')}
      </p>
      <div class="form-actions">
        <button
          id="backup-now"
          type="button"
          class="button button-primary"
          disabled={busy}
          aria-describedby="backup-intro"
          onClick={() => void backUp()}
        >
          {busy ? t('settings.backup.busy') : t('settings.backup.now')}
        </button>
      </div>
      {busy && <LongWorkProgress id="backup-progress" work="longWork.backup" />}
      <p id="backup-result" class={result?.kind === 'saved' ? 'form-status' : 'reports-export-note'} role="status">
        {result?.kind === 'saved'
          ? t('settings.backup.done', { path: result.summary.path, size: formatSize(result.summary.bytes, locale) })
          : result?.kind === 'cancelled'
            ? t('settings.backup.cancelled')
            : result?.kind === 'stopped'
              ? i18n.localize(result.error.message)
              : null}
      </p>
      {result?.kind === 'failed' && <FormError id="backup-error" text={i18n.localize(result.error.message)} />}
    </section>
  );
}
