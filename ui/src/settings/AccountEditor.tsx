import { useEffect, useRef, useState } from 'preact/hooks';
import type { Account, Region, Role } from '../ipc/backend';
import { useBackend } from '../ipc/context';
import { useI18n } from '../i18n';
import { FormError, FormStatus } from '../forms/Field';
import { NewPassphraseFields } from '../forms/NewPassphraseFields';
import { useFocusFirstInvalid } from '../forms/focus';
import { type FormProblems, messageText, noProblems, problemsFrom } from '../forms/problems';
import { RoleRegionFields } from '../forms/RoleRegionFields';
import { AdmitAccountForm } from './AdmitAccountForm';

/**
 * Whether the account can sign in on this laptop. An account that only
 * arrived by sync has no passphrase here, and core lists it under a
 * placeholder login that starts with "~" (no real login can).
 */
export function signsInHere(account: Account): boolean {
  return !account.login.startsWith('~');
}

/**
 * What names the account in element ids: its login, or for a synced account
 * (whose placeholder login is long and means nothing) the start of its id.
 */
export function accountHandle(account: Account): string {
  return signsInHere(account) ? account.login : account.id.slice(0, 8);
}

type ChangeField = 'role' | 'region';

const CHANGE_FIELD_FOR: Readonly<Record<string, ChangeField>> = {
  role: 'role',
  homeRegion: 'region',
  region: 'region',
};

interface AccountEditorProps {
  /** Another person's account: one's own is never edited here (core refuses most of it anyway). */
  account: Account;
  /** Core's answer after a saved change: the account as it now is. */
  onSaved: (account: Account) => void;
  /** Cancel or Escape: nothing changed (a passphrase reset stays done). */
  onClose: () => void;
}

/**
 * A supervisor's changes to one staff account: role, home region and
 * disabling it, and, when the person signs in on this laptop, a new
 * passphrase for a forgotten one. Keyboard-first like the follow-up forms:
 * the role gets focus when the editor opens, Escape closes it.
 */
export function AccountEditor({ account, onSaved, onClose }: AccountEditorProps) {
  const backend = useBackend();
  const i18n = useI18n();
  const { t } = i18n;
  const [role, setRole] = useState<Role>(account.role);
  const [region, setRegion] = useState<Region>(account.homeRegion);
  const [disabled, setDisabled] = useState(account.disabledAt !== null);
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<FormProblems<ChangeField>>(noProblems);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(form, problems);

  useEffect(() => {
    document.getElementById('account-edit-role')?.focus();
  }, []);

  const fieldError = (field: ChangeField) => messageText(i18n, problems.fields[field]);

  async function save(event: Event) {
    event.preventDefault();
    if (busy) return;
    setProblems(noProblems());
    setBusy(true);
    try {
      const changed = await backend.changeAccount(account.id, { role, homeRegion: region, disabled });
      setBusy(false);
      onSaved(changed);
    } catch (reason) {
      setProblems(problemsFrom(reason, CHANGE_FIELD_FOR));
      setBusy(false);
    }
  }

  return (
    <div
      id="account-editor"
      class="account-editor"
      role="group"
      aria-labelledby="account-edit-title"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onClose();
        }
      }}
    >
      <h3 id="account-edit-title" class="account-editor-title">
        {t('settings.editAccount.title', { name: account.displayName })}
      </h3>
      <p class="panel-intro">{t('settings.editAccount.intro')}</p>
      <form ref={form} class="form" onSubmit={save} noValidate aria-busy={busy ? 'true' : 'false'}>
        <FormError text={messageText(i18n, problems.form)} />
        <RoleRegionFields
          idPrefix="account-edit"
          roleLabel={t('settings.editAccount.role')}
          regionLabel={t('settings.editAccount.region')}
          role={role}
          region={region}
          onRole={setRole}
          onRegion={setRegion}
          roleError={fieldError('role')}
          regionError={fieldError('region')}
        />
        <label class="check check-danger">
          <input
            id="account-edit-disabled"
            type="checkbox"
            checked={disabled}
            onChange={(e) => setDisabled(e.currentTarget.checked)}
          />
          <span>{t('settings.editAccount.disabled')}</span>
        </label>
        <div class="form-actions">
          <button id="account-edit-save" type="submit" class="button button-primary" disabled={busy}>
            {busy ? t('settings.editAccount.saving') : t('settings.editAccount.save')}
          </button>
          <button id="account-edit-cancel" type="button" class="button button-secondary" aria-keyshortcuts="Escape" onClick={onClose}>
            {t('settings.editAccount.cancel')}
          </button>
        </div>
      </form>
      {signsInHere(account) ? (
        <ResetPassphraseForm login={account.login} />
      ) : (
        <AdmitAccountForm account={account} onAdmitted={onSaved} />
      )}
    </div>
  );
}

type ResetField = 'passphrase' | 'passphraseRepeat';

const RESET_FIELD_FOR: Readonly<Record<string, ResetField>> = {
  passphrase: 'passphrase',
};

/**
 * A new passphrase for someone who forgot theirs. It unlocks this laptop
 * only: the key it wraps is this laptop's, so a synced account has none to reset.
 */
function ResetPassphraseForm({ login }: { login: string }) {
  const backend = useBackend();
  const i18n = useI18n();
  const { t } = i18n;
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [problems, setProblems] = useState<FormProblems<ResetField>>(noProblems);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(form, problems);

  const fieldError = (field: ResetField) => messageText(i18n, problems.fields[field]);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    setDone(false);
    if (passphrase !== repeat) {
      setProblems({ fields: { passphraseRepeat: { key: 'form.passphraseMismatch' } } });
      return;
    }
    setProblems(noProblems());
    setBusy(true);
    try {
      await backend.resetPassphrase(login, passphrase);
      setDone(true);
      setPassphrase('');
      setRepeat('');
    } catch (reason) {
      setProblems(problemsFrom(reason, RESET_FIELD_FOR));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      ref={form}
      id="account-reset"
      class="form account-reset"
      onSubmit={submit}
      noValidate
      aria-busy={busy ? 'true' : 'false'}
      aria-labelledby="account-reset-title"
    >
      <h3 id="account-reset-title" class="account-editor-title">
        {t('settings.resetPassphrase.title')}
      </h3>
      <p class="panel-intro">{t('settings.resetPassphrase.intro')}</p>
      <FormError text={messageText(i18n, problems.form)} />
      <NewPassphraseFields
        id="account-reset-passphrase"
        label={t('settings.resetPassphrase.passphrase')}
        repeatLabel={t('settings.resetPassphrase.repeat')}
        passphrase={passphrase}
        repeat={repeat}
        onPassphrase={setPassphrase}
        onRepeat={setRepeat}
        error={fieldError('passphrase')}
        repeatError={fieldError('passphraseRepeat')}
      />
      <div class="form-actions">
        <button id="account-reset-submit" type="submit" class="button button-secondary" disabled={busy}>
          {busy ? t('settings.resetPassphrase.busy') : t('settings.resetPassphrase.submit')}
        </button>
      </div>
      <FormStatus text={done ? t('settings.resetPassphrase.done', { login }) : undefined} />
    </form>
  );
}
