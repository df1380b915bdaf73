import { useRef, useState } from 'preact/hooks';
import type { Account } from '../ipc/backend';
import { useBackend } from '../ipc/context';
import { useI18n } from '../i18n';
import { FormError } from '../forms/Field';
import { NewLoginField } from '../forms/NewLoginField';
import { NewPassphraseFields } from '../forms/NewPassphraseFields';
import { useFocusFirstInvalid } from '../forms/focus';
import { type FormProblems, messageText, noProblems, problemsFrom } from '../forms/problems';

type AdmitField = 'login' | 'passphrase' | 'passphraseRepeat';

const ADMIT_FIELD_FOR: Readonly<Record<string, AdmitField>> = {
  login: 'login',
  passphrase: 'passphrase',
};

interface AdmitAccountFormProps {
  /** A colleague's account that arrived by sync and has no login here yet. */
  account: Account;
  /** Core's answer: the account with its login on this laptop. */
  onAdmitted: (account: Account) => void;
}

/**
 * Lets a colleague sign in on this laptop too, in one step: a login here and
 * a first passphrase. Their account, role and region stay the organisation's;
 * only the login and the passphrase are this laptop's.
 */
export function AdmitAccountForm({ account, onAdmitted }: AdmitAccountFormProps) {
  const backend = useBackend();
  const i18n = useI18n();
  const { t } = i18n;
  const [login, setLogin] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<FormProblems<AdmitField>>(noProblems);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(form, problems);

  const fieldError = (field: AdmitField) => messageText(i18n, problems.fields[field]);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    if (passphrase !== repeat) {
      setProblems({ fields: { passphraseRepeat: { key: 'form.passphraseMismatch' } } });
      return;
    }
    setProblems(noProblems());
    setBusy(true);
    try {
      const admitted = await backend.admitAccount(account.id, login, passphrase);
      setBusy(false);
      onAdmitted(admitted);
    } catch (reason) {
      setProblems(problemsFrom(reason, ADMIT_FIELD_FOR));
      setBusy(false);
    }
  }

  return (
    <form
      ref={form}
      id="account-admit"
      class="form account-reset"
      onSubmit={submit}
      noValidate
      aria-busy={busy ? 'true' : 'false'}
      aria-labelledby="account-admit-title"
    >
      <h3 id="account-admit-title" class="account-editor-title">
        {t('settings.admitAccount.title')}
      </h3>
      <p class="panel-intro">{t('settings.admitAccount.intro')}</p>
      <FormError text={messageText(i18n, problems.form)} />
      <NewLoginField
        id="account-admit-login"
        label={t('settings.addAccount.login')}
        value={login}
        onInput={setLogin}
        error={fieldError('login')}
      />
      <NewPassphraseFields
        id="account-admit-passphrase"
        label={t('settings.addAccount.passphrase')}
        repeatLabel={t('settings.addAccount.passphraseRepeat')}
        passphrase={passphrase}
        repeat={repeat}
        onPassphrase={setPassphrase}
        onRepeat={setRepeat}
        error={fieldError('passphrase')}
        repeatError={fieldError('passphraseRepeat')}
      />
      <div class="form-actions">
        <button id="account-admit-submit" type="submit" class="button button-secondary" disabled={busy}>
          {busy ? t('settings.admitAccount.busy') : t('settings.admitAccount.submit')}
        </button>
      </div>
    </form>
  );
}
