import { useRef, useState } from 'preact/hooks';
import type { Account, Region, Role } from '../ipc/backend';
import { useBackend } from '../ipc/context';
import { useI18n } from '../i18n';
import { Field, FormError, FormStatus } from '../forms/Field';
import { useFocusFirstInvalid, valueOf } from '../forms/focus';
import { type FormProblems, messageText, noProblems, problemsFrom } from '../forms/problems';
import { RoleRegionFields } from '../forms/RoleRegionFields';
import { NewLoginField } from '../forms/NewLoginField';
import { NewPassphraseFields } from '../forms/NewPassphraseFields';

type AccountField = 'login' | 'displayName' | 'role' | 'region' | 'passphrase' | 'passphraseRepeat';

const FIELD_FOR: Readonly<Record<string, AccountField>> = {
  login: 'login',
  displayName: 'displayName',
  role: 'role',
  homeRegion: 'region',
  region: 'region',
  passphrase: 'passphrase',
};

interface AddAccountFormProps {
  onAdded: (account: Account) => void;
}

/** Supervisors: creates a consultant or supervisor account on this computer. */
export function AddAccountForm({ onAdded }: AddAccountFormProps) {
  const backend = useBackend();
  const i18n = useI18n();
  const { t } = i18n;
  const [login, setLogin] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('consultant');
  const [region, setRegion] = useState<Region>('riga');
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [added, setAdded] = useState<string | null>(null);
  const [problems, setProblems] = useState<FormProblems<AccountField>>(noProblems);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(form, problems);

  const fieldError = (field: AccountField) => messageText(i18n, problems.fields[field]);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    setAdded(null);
    if (passphrase !== repeat) {
      setProblems({ fields: { passphraseRepeat: { key: 'form.passphraseMismatch' } } });
      return;
    }
    setProblems(noProblems());
    setBusy(true);
    try {
      const account = await backend.addAccount({ login, displayName, role, homeRegion: region }, passphrase);
      onAdded(account);
      setAdded(account.login);
      setLogin('');
      setDisplayName('');
      setPassphrase('');
      setRepeat('');
    } catch (reason) {
      setProblems(problemsFrom(reason, FIELD_FOR));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="panel" aria-labelledby="account-add-title">
      <h2 id="account-add-title" class="panel-title">
        {t('settings.addAccount.title')}
      </h2>
      <p class="panel-intro">{t('settings.addAccount.intro')}</p>
      <form ref={form} class="form" onSubmit={submit} noValidate aria-busy={busy ? 'true' : 'false'}>
        <FormError text={messageText(i18n, problems.form)} />
        <div class="form-row">
          <Field id="account-add-display-name" label={t('settings.addAccount.displayName')} error={fieldError('displayName')}>
            {(a11y) => (
              <input {...a11y} type="text" autoComplete="off" value={displayName} onInput={(e) => setDisplayName(valueOf(e))} />
            )}
          </Field>
          <NewLoginField
            id="account-add-login"
            label={t('settings.addAccount.login')}
            value={login}
            onInput={setLogin}
            error={fieldError('login')}
          />
        </div>
        <RoleRegionFields
          idPrefix="account-add"
          roleLabel={t('settings.addAccount.role')}
          regionLabel={t('settings.addAccount.region')}
          role={role}
          region={region}
          onRole={setRole}
          onRegion={setRegion}
          roleError={fieldError('role')}
          regionError={fieldError('region')}
        />
        <NewPassphraseFields
          id="account-add-passphrase"
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
          <button id="account-add-submit" type="submit" class="button button-primary" disabled={busy}>
            {busy ? t('settings.addAccount.busy') : t('settings.addAccount.submit')}
          </button>
        </div>
        <FormStatus text={added === null ? undefined : t('settings.addAccount.done', { login: added })} />
      </form>
    </section>
  );
}
