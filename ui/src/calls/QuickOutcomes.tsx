import { useEffect, useRef } from 'preact/hooks';
import type { CallOutcome } from '../ipc/backend';
import { useI18n } from '../i18n';
import { QUICK_OUTCOMES } from './options';

interface QuickOutcomesProps {
  disabled: boolean;
  /** Records the outcome and finishes the call. */
  onPick: (outcome: CallOutcome) => void;
}

/**
 * One function key per quick outcome: a single key, free everywhere else in
 * the app (Alt+digits pick sections), far from the keys typed during a call.
 */
const QUICK_KEYS = ['F7', 'F8', 'F9'] as const;

/** The quick outcome a key asks for, if any. */
function outcomeOfKey(event: KeyboardEvent): CallOutcome | undefined {
  if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return undefined;
  const index = QUICK_KEYS.findIndex((key) => key === event.key);
  return index >= 0 ? QUICK_OUTCOMES[index] : undefined;
}

/**
 * Calls without a conversation (silence, a wrong number, a hang-up), each
 * finished with one button or one key (F7, F8, F9) while the form has the focus.
 */
export function QuickOutcomes({ disabled, onPick }: QuickOutcomesProps) {
  const { t } = useI18n();
  const group = useRef<HTMLDivElement>(null);
  const pick = useRef(onPick);
  pick.current = onPick;

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const outcome = outcomeOfKey(event);
      const form = group.current?.closest('form');
      const focused = document.activeElement;
      // Focus elsewhere (the navigation, a dialog) leaves the keys to it.
      if (!outcome || event.repeat || !form || (focused && focused !== document.body && !form.contains(focused))) return;
      event.preventDefault();
      pick.current(outcome);
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);

  return (
    <div ref={group} class="quick-outcomes" role="group" aria-labelledby="call-quick-title" aria-describedby="call-quick-hint">
      <span id="call-quick-title" class="quick-outcomes-title">
        {t('call.quickTitle')}
      </span>
      {QUICK_OUTCOMES.map((outcome, index) => (
        <button
          key={outcome}
          id={`call-quick-${outcome}`}
          type="button"
          class="button button-secondary"
          disabled={disabled}
          aria-keyshortcuts={QUICK_KEYS[index]}
          onClick={() => onPick(outcome)}
        >
          {t(`callOutcome.${outcome}`)}
          <kbd class="button-key" aria-hidden="true">
            {QUICK_KEYS[index]}
          </kbd>
        </button>
      ))}
      <p id="call-quick-hint" class="field-hint">
        {t('call.quickHint')}
      </p>
    </div>
  );
}
