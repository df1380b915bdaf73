import { useEffect, useRef, useState } from 'preact/hooks';
import type { Language, LockReason, SessionInfo } from '../ipc/backend';
import { useI18n } from '../i18n';
import { FormError } from '../forms/Field';
import { LockedFrame } from '../layout/LockedFrame';
import { usePassphraseAttempts } from './attempt';
import { CredentialFields } from './CredentialFields';
import { type RestoreActions, RestorePanel, useBackupChoice } from './RestorePanel';

interface UnlockScreenProps {
  /** Prefilled after a lock, so the person only types the passphrase. */
  initialLogin: string;
  notice: LockReason | null;
  language: Language;
  onLanguage: (language: Language) => void;
  unlock: (login: string, passphrase: string) => Promise<SessionInfo>;
  onUnlocked: (session: SessionInfo) => void;
  restore: RestoreActions;
  /** Signed in as the supervisor who restored the backup at `path`. */
  onRestored: (session: SessionInfo, path: string) => void;
}

/**
 * Sign-in with login and passphrase; shows throttling as a countdown. When
 * the database turns out damaged, offers to restore it from a backup.
 */
export function UnlockScreen(props: UnlockScreenProps) {
  const { initialLogin, notice, language, onLanguage, unlock, onUnlocked, restore, onRestored } = props;
  const { t, localize } = useI18n();
  const [login, setLogin] = useState(initialLogin);
  const [passphrase, setPassphrase] = useState('');
  const { busy, error, setError, throttled, secondsLeft, failures, run } = usePassphraseAttempts();
  const loginInput = useRef<HTMLInputElement>(null);
  const passphraseInput = useRef<HTMLInputElement>(null);
  const restoreButton = useRef<HTMLButtonElement>(null);
  const backup = useBackupChoice(restore);
  const corrupt = error?.code === 'databaseCorrupt';

  useEffect(() => (initialLogin ? passphraseInput : loginInput).current?.focus(), []);
  // After a failed attempt the passphrase was cleared: type it again right
  // there, unless the database is damaged and restoring is the way on.
  useEffect(() => {
    if (failures > 0) (corrupt ? restoreButton : passphraseInput).current?.focus();
  }, [failures]);
  async function submit(event: Event) {
    event.preventDefault();
    await run(
      async () => onUnlocked(await unlock(login, passphrase)),
      () => setPassphrase(''),
    );
  }

  // A dialog that failed to open says so where the unlock's errors are.
  useEffect(() => {
    if (backup.problem) setError(backup.problem);
  }, [backup.problem]);

  if (backup.chosen !== null) {
    return (
      <LockedFrame id="screen-unlock" language={language} onLanguage={onLanguage}>
        <RestorePanel
          {...restore}
          path={backup.chosen}
          initialLogin={login}
          onRestored={onRestored}
          onBack={backup.forget}
        />
      </LockedFrame>
    );
  }

  let submitLabel = t('unlock.submit');
  if (busy) submitLabel = t('unlock.busy');
  else if (throttled) submitLabel = t('unlock.retryIn', { seconds: secondsLeft });

  return (
    <LockedFrame id="screen-unlock" language={language} onLanguage={onLanguage}>
      <h1 class="card-title">{t('unlock.title')}</h1>
      {notice && !error && (
        <p class="notice" role="status">
          {t(notice === 'idle' ? 'unlock.lockedIdle' : 'unlock.lockedManual')}
        </p>
      )}
      <p class="card-intro">{t('unlock.intro')}</p>
      <form class="form" onSubmit={submit} noValidate aria-busy={busy ? 'true' : 'false'}>
        <FormError id="unlock-error" text={error ? localize(error.message) : undefined} />
        <CredentialFields
          form="unlock"
          login={login}
          onLogin={setLogin}
          passphrase={passphrase}
          onPassphrase={setPassphrase}
          loginInput={loginInput}
          passphraseInput={passphraseInput}
        />
        <div class="form-actions">
          <button
            id="unlock-submit"
            type="submit"
            class="button button-primary button-wide"
            disabled={busy || throttled}
          >
            {submitLabel}
          </button>
        </div>
      </form>
      {corrupt && (
        <section id="restore-offer" class="restore-offer" aria-labelledby="restore-offer-text">
          <p id="restore-offer-text">{t('restore.offer')}</p>
          <button
            id="restore-start"
            ref={restoreButton}
            type="button"
            class="button button-secondary button-wide"
            disabled={backup.choosing}
            onClick={() => void backup.choose()}
          >
            {backup.choosing ? t('restore.choosing') : t('restore.start')}
          </button>
          <p id="restore-choose-result" class="field-hint" role="status">
            {backup.cancelled ? t('restore.chooseCancelled') : null}
          </p>
        </section>
      )}
    </LockedFrame>
  );
}
