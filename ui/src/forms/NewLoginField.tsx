import { useI18n } from '../i18n';
import { Field } from './Field';
import { valueOf } from './focus';

interface NewLoginFieldProps {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  error?: string;
}

/** A login being chosen for someone: typed as is, never autocorrected, with the rule as its hint. */
export function NewLoginField({ id, label, value, onInput, error }: NewLoginFieldProps) {
  const { t } = useI18n();
  return (
    <Field id={id} label={label} hint={t('form.loginHint')} error={error}>
      {(a11y) => (
        <input
          {...a11y}
          type="text"
          autoComplete="off"
          autoCapitalize="none"
          spellcheck={false}
          value={value}
          onInput={(e) => onInput(valueOf(e))}
        />
      )}
    </Field>
  );
}
