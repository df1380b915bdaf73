import { useEffect, useRef, useState } from 'preact/hooks';
import type { PublicError } from '../ipc/bindings/PublicError';
import type { StoredCall } from '../ipc/bindings/StoredCall';
import { useBackend } from '../ipc/context';
import { toPublicError } from '../ipc/errors';
import { useI18n } from '../i18n';
import { FormError } from '../forms/Field';

interface FollowUpDoneProps {
  callId: string;
  /** The call as core saved it, its follow-up now done. */
  onDone: (call: StoredCall) => void;
}

/**
 * Marks one follow-up done from the list, with what came of it: one button,
 * then an outcome box that Enter saves and Escape closes, so a consultant
 * never leaves the keyboard.
 */
export function FollowUpDone({ callId, onDone }: FollowUpDoneProps) {
  const backend = useBackend();
  const i18n = useI18n();
  const { t } = i18n;
  const [open, setOpen] = useState(false);
  const [outcome, setOutcome] = useState('');
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<PublicError | null>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (open) input.current?.focus();
  }, [open]);

  if (!open) {
    return (
      <button type="button" class="follow-up-done" id={`follow-up-done-${callId}`} onClick={() => setOpen(true)}>
        {t('followUps.markDone')}
      </button>
    );
  }

  const save = async (event: Event) => {
    event.preventDefault();
    if (saving) return;
    setSaving(true);
    setProblem(null);
    try {
      onDone(await backend.completeFollowUp(callId, outcome));
    } catch (reason) {
      setProblem(toPublicError(reason));
      setSaving(false);
    }
  };

  return (
    <form class="follow-up-outcome" onSubmit={save}>
      <label class="visually-hidden" for={`follow-up-outcome-${callId}`}>
        {t('followUps.outcome')}
      </label>
      <input
        id={`follow-up-outcome-${callId}`}
        type="text"
        value={outcome}
        placeholder={t('followUps.outcome')}
        ref={input}
        maxLength={2000}
        onInput={(event) => setOutcome(event.currentTarget.value)}
        onKeyDown={(event) => {
          // Enter saves here, not by the form's implicit submit, which a
          // keydown does not trigger everywhere.
          if (event.key === 'Enter') void save(event);
          if (event.key === 'Escape') {
            setOpen(false);
            setProblem(null);
          }
        }}
      />
      <button type="submit" disabled={saving}>
        {t('followUps.done')}
      </button>
      <FormError text={problem ? i18n.localize(problem.message) : undefined} />
    </form>
  );
}
