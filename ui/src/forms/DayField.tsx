import { useI18n } from '../i18n';
import { Field } from './Field';
import { valueOf } from './focus';

interface DayFieldProps {
  id: string;
  label: string;
  /** The text as typed; reading it as a day is the caller's (`parseDay`). */
  value: string;
  error?: string | undefined;
  hint?: string;
  /** Narrow beside other fields, as in the call form. */
  narrow?: boolean;
  onInput: (text: string) => void;
  /**
   * Typing is done: the box was left after a change, or Enter was pressed.
   * Without it Enter submits the surrounding form, as in any text box.
   */
  onCommit?: (text: string) => void;
}

/**
 * A day typed as dd.mm.yyyy. Not `<input type="date">`: WebKitGTK shows that
 * as mm/dd/yyyy whatever the language. Plain text that the caller reads with
 * `parseDay`, so "1.2.26" works and an unreadable day can be said so beside it.
 */
export function DayField({ id, label, value, error, hint, narrow = false, onInput, onCommit }: DayFieldProps) {
  const { t } = useI18n();
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      {(a11y) => (
        <input
          {...a11y}
          type="text"
          class={narrow ? 'input-day input-narrow' : 'input-day'}
          autoComplete="off"
          spellcheck={false}
          placeholder={t('calls.datePlaceholder')}
          value={value}
          onInput={(e) => onInput(valueOf(e))}
          onChange={onCommit && ((e) => onCommit(valueOf(e)))}
          onKeyDown={
            onCommit &&
            ((e) => {
              // Ctrl+Enter is the form's (finishing a call reads the day itself).
              if (e.key !== 'Enter' || e.ctrlKey) return;
              e.preventDefault();
              onCommit(e.currentTarget.value);
            })
          }
        />
      )}
    </Field>
  );
}
