import { useI18n } from '../i18n';
import { Field } from './Field';
import { valueOf } from './focus';

interface NewPassphraseFieldsProps {
  /** The first field's id; the repeat field's is `${id}-repeat`. */
  id: string;
  label: string;
  repeatLabel: string;
  passphrase: string;
  repeat: string;
  onPassphrase: (value: string) => void;
  onRepeat: (value: string) => void;
  error?: string;
  repeatError?: string;
}

/**
 * A passphrase someone else will use, typed twice side by side: adding an
 * account and resetting a forgotten passphrase ask for it the same way.
 */
export function NewPassphraseFields(props: NewPassphraseFieldsProps) {
  const { t } = useI18n();
  return (
    <div class="form-row">
      <Field id={props.id} label={props.label} hint={t('form.passphraseHint')} error={props.error}>
        {(a11y) => (
          <input
            {...a11y}
            type="password"
            autoComplete="new-password"
            value={props.passphrase}
            onInput={(e) => props.onPassphrase(valueOf(e))}
          />
        )}
      </Field>
      <Field id={`${props.id}-repeat`} label={props.repeatLabel} error={props.repeatError}>
        {(a11y) => (
          <input
            {...a11y}
            type="password"
            autoComplete="new-password"
            value={props.repeat}
            onInput={(e) => props.onRepeat(valueOf(e))}
          />
        )}
      </Field>
    </div>
  );
}
