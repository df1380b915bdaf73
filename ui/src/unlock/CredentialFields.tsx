import type { Ref } from 'preact';
import { Field } from '../forms/Field';
import { valueOf } from '../forms/focus';
import { useI18n } from '../i18n';

interface CredentialFieldsProps {
  /** `unlock-login`, `restore-passphrase`…: the ids, and the label keys. */
  form: 'unlock' | 'restore';
  login: string;
  onLogin: (login: string) => void;
  passphrase: string;
  onPassphrase: (passphrase: string) => void;
  loginInput: Ref<HTMLInputElement>;
  passphraseInput: Ref<HTMLInputElement>;
}

/** Login and passphrase, as the sign-in and the restore form ask for them. */
export function CredentialFields(props: CredentialFieldsProps) {
  const { form, login, onLogin, passphrase, onPassphrase, loginInput, passphraseInput } = props;
  const { t } = useI18n();
  return (
    <>
      <Field id={`${form}-login`} label={t(`${form}.login`)}>
        {(a11y) => (
          <input
            {...a11y}
            ref={loginInput}
            type="text"
            autoComplete="username"
            autoCapitalize="none"
            spellcheck={false}
            value={login}
            onInput={(e) => onLogin(valueOf(e))}
          />
        )}
      </Field>
      <Field id={`${form}-passphrase`} label={t(`${form}.passphrase`)}>
        {(a11y) => (
          <input
            {...a11y}
            ref={passphraseInput}
            type="password"
            autoComplete="current-password"
            value={passphrase}
            onInput={(e) => onPassphrase(valueOf(e))}
          />
        )}
      </Field>
    </>
  );
}
