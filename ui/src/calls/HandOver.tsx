import { useEffect, useRef, useState } from 'preact/hooks';
import type { Colleague, PublicError, SessionInfo } from '../ipc/backend';
import { useBackend } from '../ipc/context';
import { toPublicError } from '../ipc/errors';
import { useI18n } from '../i18n';
import { FormError } from '../forms/Field';
import { valueOf } from '../forms/focus';
import { useColleagues } from './colleagues';

interface HandOverProps {
  session: SessionInfo;
  /**
   * The people who have open follow-ups in the list: a supervisor hands
   * over anyone's, a consultant only their own.
   */
  holders: Colleague[];
  /** After a hand-over: how many went, so the list can be read again. */
  onHandedOver: (count: number) => void;
}

/**
 * Handing all of a person's open follow-ups to a colleague at a shift
 * change, in one step that core does all or not at all. Keyboard-first like
 * marking one done: the button opens the form with the first choice
 * focused, Escape closes it.
 */
export function HandOver({ session, holders, onHandedOver }: HandOverProps) {
  const backend = useBackend();
  const i18n = useI18n();
  const { t } = i18n;
  const me = session.account;
  const supervisor = me.role === 'supervisor';
  const choices = supervisor ? holders : holders.filter((holder) => holder.id === me.id);
  const [open, setOpen] = useState(false);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<PublicError | null>(null);
  const first = useRef<HTMLSelectElement>(null);

  const giver = choices.find((holder) => holder.id === from) ?? choices[0] ?? null;
  const takers = useColleagues(open && giver ? giver.homeRegion : null).filter((colleague) => colleague.id !== giver?.id);
  const taker = takers.find((colleague) => colleague.id === to) ?? takers[0] ?? null;

  // The "to" list comes a moment after the form opens: focus waits for it.
  const ready = takers.length > 0;
  useEffect(() => {
    if (open) first.current?.focus();
  }, [open, ready]);

  if (choices.length === 0) return null;
  if (!open) {
    return (
      <button type="button" id="follow-ups-hand-over" class="button button-quiet" onClick={() => setOpen(true)}>
        {t('followUps.handOver')}
      </button>
    );
  }

  const close = () => {
    setOpen(false);
    setProblem(null);
  };

  const save = async (event: Event) => {
    event.preventDefault();
    if (saving || !giver || !taker) return;
    setSaving(true);
    setProblem(null);
    try {
      const count = await backend.handOverFollowUps(giver.id, taker.id);
      setSaving(false);
      setOpen(false);
      onHandedOver(count);
    } catch (reason) {
      setProblem(toPublicError(reason));
      setSaving(false);
    }
  };

  const name = (person: Colleague) => (person.id === me.id ? t('call.followUpMe', { name: person.displayName }) : person.displayName);

  return (
    <form
      id="follow-ups-hand-over-form"
      class="follow-up-hand-over"
      onSubmit={save}
      onKeyDown={(event) => {
        if (event.key === 'Escape') close();
      }}
    >
      {supervisor && (
        <label class="field">
          <span>{t('followUps.handOverFrom')}</span>
          <select id="follow-ups-hand-over-from" ref={first} value={giver?.id ?? ''} onChange={(event) => setFrom(valueOf(event))}>
            {choices.map((holder) => (
              <option key={holder.id} value={holder.id}>
                {name(holder)}
              </option>
            ))}
          </select>
        </label>
      )}
      {takers.length > 0 ? (
        <label class="field">
          <span>{t('followUps.handOverTo')}</span>
          <select
            id="follow-ups-hand-over-to"
            ref={supervisor ? undefined : first}
            value={taker?.id ?? ''}
            onChange={(event) => setTo(valueOf(event))}
          >
            {takers.map((colleague) => (
              <option key={colleague.id} value={colleague.id}>
                {name(colleague)}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <p class="muted">{t('followUps.handOverNobody')}</p>
      )}
      <div class="inline-row">
        <button type="submit" id="follow-ups-hand-over-submit" class="button" disabled={saving || !taker}>
          {t('followUps.handOverSubmit')}
        </button>
        <button type="button" class="button button-quiet" onClick={close}>
          {t('followUps.handOverCancel')}
        </button>
      </div>
      <FormError text={problem ? i18n.localize(problem.message) : undefined} />
    </form>
  );
}
