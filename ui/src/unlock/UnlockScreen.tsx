import { useEffect, useRef, useState } from 'preact/hooks';
import type { Language, LockReason, PublicError, SessionInfo } from '../ipc/backend';
import { toPublicError } from '../ipc/errors';
import { useI18n } from '../i18n';
import { Field, FormError } from '../forms/Field';
import { valueOf } from '../forms/focus';
import { LockedFrame } from '../layout/LockedFrame';
import { useSecondsLeft } from './countdown';

interface UnlockScreenProps {
  /** Prefilled after a lock, so the person only types the passphrase. */
  initialLogin: string;
  notice: LockReason | null;
  language: Language;
  onLanguage: (language: Language) => void;
  unlock: (login: string, passphrase: string) => Promise<SessionInfo>;
  onUnlocked: (session: SessionInfo) => void;
}

/** Sign-in with login and passphrase; shows throttling as a countdown. */
export function UnlockScreen(props: UnlockScreenProps) {
  const { initialLogin, notice, language, onLanguage, unlock, onUnlocked } = props;
  const { t, localize } = useI18n();
  const [login, setLogin] = useState(initialLogin);
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<PublicError | null>(null);
  const [retryUntil, setRetryUntil] = useState<number | null>(null);
  const [failures, setFailures] = useState(0);
  const secondsLeft = useSecondsLeft(retryUntil);
  const loginInput = useRef<HTMLInputElement>(null);
  const passphraseInput = useRef<HTMLInputElement>(null);

  useEffect(() => (initialLogin ? passphraseInput : loginInput).current?.focus(), []);
  // After a failed attempt the passphrase was cleared: type it again right there.
  useEffect(() => {
    if (failures > 0) passphraseInput.current?.focus();
  }, [failures]);
  // When the wait is over, the "try again in …" message is no longer true.
  useEffect(() => {
    if (retryUntil !== null && secondsLeft === 0) {
      setRetryUntil(null);
      setError((current) => (current?.code === 'throttled' ? null : current));
    }
  }, [retryUntil, secondsLeft]);

  const throttled = retryUntil !== null && secondsLeft > 0;

  async function submit(event: Event) {
    event.preventDefault();
    if (busy || throttled) return;
    setBusy(true);
    try {
      onUnlocked(await unlock(login, passphrase));
    } catch (reason) {
      const failure = toPublicError(reason);
      setError(failure);
      setPassphrase('');
      if (failure.code === 'throttled' && failure.retryAfterSeconds) {
        setRetryUntil(Date.now() + failure.retryAfterSeconds * 1000);
      }
      setFailures((n) => n + 1);
      setBusy(false);
    }
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
        <Field id="unlock-login" label={t('unlock.login')}>
          {(a11y) => (
            <input
              {...a11y}
              ref={loginInput}
              type="text"
              autoComplete="username"
              autoCapitalize="none"
              spellcheck={false}
              value={login}
              onInput={(e) => setLogin(valueOf(e))}
            />
          )}
        </Field>
        <Field id="unlock-passphrase" label={t('unlock.passphrase')}>
          {(a11y) => (
            <input
              {...a11y}
              ref={passphraseInput}
              type="password"
              autoComplete="current-password"
              value={passphrase}
              onInput={(e) => setPassphrase(valueOf(e))}
            />
          )}
        </Field>
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
    </LockedFrame>
  );
}
