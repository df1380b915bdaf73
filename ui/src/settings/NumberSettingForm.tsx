import { useEffect, useRef, useState } from 'preact/hooks';
import { type MessageKey, useI18n } from '../i18n';
import { Field, FormError, FormStatus } from '../forms/Field';
import { useFocusFirstInvalid, valueOf } from '../forms/focus';
import { type FormProblems, messageText, noProblems, problemsFrom } from '../forms/problems';

interface NumberSettingFormProps {
  /** The box's id; the button's is `${id}-save`. */
  id: string;
  label: string;
  hint: string;
  /** The value in force, or null while it is being read. */
  value: number | null;
  min: number;
  max: number;
  /** Said beside the box when the text is not a whole number from `min` to `max`. */
  outOfRange: MessageKey;
  /** The names the backend gives this setting when it refuses it (`PublicError.field`). */
  backendFields: readonly string[];
  saveLabel: string;
  busyLabel: string;
  savedText: (value: number) => string;
  save: (value: number) => Promise<void>;
  onSaved?: (value: number) => void;
  /** Something else in the panel is running; saving waits for it. */
  disabled?: boolean;
  onBusy?: (busy: boolean) => void;
}

/**
 * A setting that is one whole number (auto-lock minutes, retention years):
 * checked for its range here, so a typo never reaches the backend, and a
 * refusal from the backend shown beside the box all the same.
 */
export function NumberSettingForm(props: NumberSettingFormProps) {
  const { id, label, hint, value, min, max, outOfRange, backendFields, saveLabel, busyLabel, savedText, save, onSaved } = props;
  const { disabled = false, onBusy } = props;
  const i18n = useI18n();
  const [text, setText] = useState(value === null ? '' : String(value));
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<number | null>(null);
  const [problems, setProblems] = useState<FormProblems<'value'>>(noProblems);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(form, problems);

  useEffect(() => {
    if (value !== null) setText(String(value));
  }, [value]);

  function busyNow(next: boolean) {
    setBusy(next);
    onBusy?.(next);
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (busy || disabled) return;
    setSaved(null);
    const wanted = Number(text.trim());
    if (!/^\d+$/.test(text.trim()) || wanted < min || wanted > max) {
      setProblems({ fields: { value: { key: outOfRange } } });
      return;
    }
    setProblems(noProblems());
    busyNow(true);
    try {
      await save(wanted);
      setSaved(wanted);
      onSaved?.(wanted);
    } catch (reason) {
      setProblems(problemsFrom(reason, Object.fromEntries(backendFields.map((field) => [field, 'value' as const]))));
    } finally {
      busyNow(false);
    }
  }

  return (
    <form ref={form} class="form form-inline" onSubmit={submit} noValidate aria-busy={busy ? 'true' : 'false'}>
      <FormError text={messageText(i18n, problems.form)} />
      <div class="inline-row">
        <Field id={id} label={label} hint={hint} error={messageText(i18n, problems.fields.value)}>
          {(a11y) => (
            <input
              {...a11y}
              class="input-number"
              type="number"
              inputMode="numeric"
              min={min}
              max={max}
              step={1}
              value={text}
              onInput={(e) => setText(valueOf(e))}
            />
          )}
        </Field>
        <button id={`${id}-save`} type="submit" class="button button-primary" disabled={busy || disabled}>
          {busy ? busyLabel : saveLabel}
        </button>
      </div>
      <FormStatus text={saved === null ? undefined : savedText(saved)} />
    </form>
  );
}
