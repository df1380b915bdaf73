import { useEffect, useRef, useState } from 'preact/hooks';
import type { PublicError, UpdateStatus } from '../ipc/backend';
import { useBackend } from '../ipc/context';
import { toPublicError } from '../ipc/errors';
import { useI18n } from '../i18n';
import { formatDate } from '../i18n/dates';
import { FormError } from '../forms/Field';
import { ModalDialog } from '../layout/ModalDialog';
import type { OpenDrafts } from '../calls/openDrafts';

/** Being offline, or not connected yet, is no news about updates. */
const QUIET: ReadonlySet<string> = new Set(['serverUnreachable', 'syncNotConfigured', 'serverBusy', 'locked']);

/** Whether the status is worth a place in the header. */
export function updateNews(status: UpdateStatus | null): 'offer' | 'refused' | null {
  if (!status) return null;
  if (status.offer) return 'offer';
  if (status.problem && !QUIET.has(status.problem.code)) return 'refused';
  return null;
}

/**
 * The header's update notice: an update a supervisor signed and this laptop
 * checked ("Atjauninājums 1.5.0"), or a manifest that was refused, which a
 * supervisor should hear about. The dialog names the version and its notes,
 * installs only when the person agrees, and not while a call form is open
 * (installing restarts the app). Checks once when the main screen opens,
 * and follows the shell's background checks (`update-status`).
 */
interface UpdateNoticeProps {
  /** The main screen's open call forms: installing waits while any is open. */
  drafts: OpenDrafts;
}

export function UpdateNotice({ drafts }: UpdateNoticeProps) {
  const backend = useBackend();
  const { t, localize } = useI18n();
  const [status, setStatus] = useState<UpdateStatus | null>(null);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<PublicError | null>(null);
  const alive = useRef(true);

  useEffect(() => {
    alive.current = true;
    const show = (next: UpdateStatus) => {
      if (alive.current) setStatus(next);
    };
    let unsubscribe: (() => void) | null = null;
    void backend.onUpdateStatus(show).then((stop) => {
      if (alive.current) unsubscribe = stop;
      else stop();
    });
    backend
      .updateStatus()
      .then((current) => {
        show(current);
        if (!current.checkedAt) return backend.checkForUpdate().then(show);
        return undefined;
      })
      .catch(() => undefined);
    return () => {
      alive.current = false;
      unsubscribe?.();
    };
  }, [backend]);

  const news = updateNews(status);
  if (!status || !news) return null;
  const callOpen = drafts.any();

  async function checkAgain() {
    setBusy(true);
    setProblem(null);
    try {
      const next = await backend.checkForUpdate();
      if (alive.current) setStatus(next);
    } catch (reason) {
      if (alive.current) setProblem(toPublicError(reason));
    } finally {
      if (alive.current) setBusy(false);
    }
  }

  async function install() {
    setBusy(true);
    setProblem(null);
    try {
      await backend.installUpdate();
    } catch (reason) {
      if (alive.current) setProblem(toPublicError(reason));
    } finally {
      if (alive.current) setBusy(false);
    }
  }

  const offer = status.offer;
  return (
    <>
      <button
        id="update-notice"
        type="button"
        class={news === 'offer' ? 'sync-indicator' : 'sync-indicator update-notice-refused'}
        onClick={() => setOpen(true)}
      >
        {offer ? t('update.offered', { version: offer.version }) : t('update.refused')}
      </button>
      {open && (
        <ModalDialog
          name="update"
          title={offer ? t('update.title', { version: offer.version }) : t('update.refusedTitle')}
          intro={
            offer
              ? t('update.intro', { current: status.currentVersion, signedAt: formatDate(offer.signedAt) })
              : t('update.refusedIntro')
          }
          ready
          onClose={() => setOpen(false)}
        >
          {offer && offer.notes && (
            <p id="update-notes" class="update-notes">
              {offer.notes}
            </p>
          )}
          {!offer && status.problem && (
            <p id="update-refusal" class="update-refusal" role="alert">
              {localize(status.problem.message)}
            </p>
          )}
          {offer && callOpen && (
            <p id="update-call-open" class="update-call-open">
              {t('update.callOpen')}
            </p>
          )}
          <FormError id="update-error" text={problem ? localize(problem.message) : undefined} />
          <div class="form-actions">
            {offer ? (
              <button
                id="update-install"
                type="button"
                class="button button-primary"
                disabled={busy || callOpen}
                onClick={() => void install()}
              >
                {t('update.install')}
              </button>
            ) : (
              <button id="update-check" type="button" class="button button-primary" disabled={busy} onClick={() => void checkAgain()}>
                {t('update.checkAgain')}
              </button>
            )}
            <button id="update-later" type="button" class="button button-secondary" onClick={() => setOpen(false)}>
              {t('update.later')}
            </button>
          </div>
        </ModalDialog>
      )}
    </>
  );
}
