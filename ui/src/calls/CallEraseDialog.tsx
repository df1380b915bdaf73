import { useEffect, useRef, useState } from 'preact/hooks';
import type { PublicError } from '../ipc/backend';
import { useBackend } from '../ipc/context';
import { toPublicError } from '../ipc/errors';
import { useI18n } from '../i18n';
import { Field, FormError } from '../forms/Field';
import { ModalDialog } from '../layout/ModalDialog';

/**
 * What the supervisor types to confirm an erasure: the start of the call's
 * id, upper case. Short enough to type, and it names this call and no
 * other the supervisor could have open by mistake.
 */
export function callReference(id: string): string {
  return id.slice(0, 8).toUpperCase();
}

interface CallEraseDialogProps {
  callId: string;
  onErased: () => void;
  onClose: () => void;
}

/**
 * An erasure request: what erasing does, then the call's reference typed
 * back before the backend is asked. The erasure cannot be undone, so a
 * stray Enter or click must not be enough.
 */
export function CallEraseDialog({ callId, onErased, onClose }: CallEraseDialogProps) {
  const backend = useBackend();
  const i18n = useI18n();
  const { t } = i18n;
  const reference = callReference(callId);
  const [typed, setTyped] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const [problem, setProblem] = useState<PublicError | null>(null);
  const [busy, setBusy] = useState(false);
  const alive = useRef(true);

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  async function erase() {
    if (busy) return;
    if (typed.trim().toUpperCase() !== reference) {
      setMismatch(true);
      document.getElementById('call-erase-reference')?.focus();
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      await backend.eraseCall(callId);
      if (alive.current) onErased();
    } catch (reason) {
      if (alive.current) setProblem(toPublicError(reason));
    } finally {
      if (alive.current) setBusy(false);
    }
  }

  return (
    <ModalDialog name="call-erase" title={t('call.eraseTitle')} intro={t('call.eraseIntro')} ready onClose={onClose}>
      <form
        class="call-erase-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void erase();
        }}
        // Enter in the box confirms, as the button does (and only once: the default submit is stopped).
        onKeyDown={(event) => {
          if (event.key !== 'Enter' || !(event.target instanceof HTMLInputElement)) return;
          event.preventDefault();
          void erase();
        }}
      >
        <FormError id="call-erase-error" text={problem ? i18n.localize(problem.message) : undefined} />
        <Field
          id="call-erase-reference"
          label={t('call.eraseConfirmLabel')}
          hint={t('call.eraseReference', { reference })}
          error={mismatch ? t('call.eraseMismatch', { reference }) : undefined}
        >
          {(a11y) => (
            <input
              {...a11y}
              type="text"
              autoComplete="off"
              spellcheck={false}
              value={typed}
              onInput={(event) => {
                setTyped(event.currentTarget.value);
                setMismatch(false);
              }}
            />
          )}
        </Field>
        <div class="form-actions">
          <button id="call-erase-confirm" type="submit" class="button button-danger-solid" disabled={busy}>
            {busy ? t('call.erasing') : t('call.eraseConfirm')}
          </button>
          <button id="call-erase-cancel" type="button" class="button button-secondary" onClick={onClose}>
            {t('call.eraseCancel')}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
