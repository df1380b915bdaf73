import { useEffect, useRef, useState } from 'preact/hooks';
import type { PublicError, SessionInfo } from '../ipc/backend';
import { toPublicError } from '../ipc/errors';
import { type MessageKey, useI18n } from '../i18n';
import { FormError } from '../forms/Field';
import { usePassphraseAttempts } from './attempt';
import { CredentialFields } from './CredentialFields';
import { LongWorkProgress } from '../progress/LongWorkProgress';

export interface RestoreActions {
  /** The backend's file dialog; the path it keeps, or null when cancelled. */
  chooseBackup: () => Promise<string | null>;
  restoreBackup: (login: string, passphrase: string) => Promise<SessionInfo>;
}

interface RestorePanelProps extends RestoreActions {
  /** The path picked in the dialog that opened this panel. */
  path: string;
  initialLogin: string;
  onRestored: (session: SessionInfo, path: string) => void;
  onBack: () => void;
}

/** Choosing the backup to restore in the backend's dialog, before the panel opens. */
export interface BackupChoice {
  /** The backup chosen, once the dialog answered with one. */
  chosen: string | null;
  choosing: boolean;
  /** The dialog was closed without a file: said, so the click is not lost. */
  cancelled: boolean;
  problem: PublicError | null;
  choose: () => Promise<void>;
  /** Back from the panel to the screen that offered it. */
  forget: () => void;
}

export function useBackupChoice(restore: RestoreActions): BackupChoice {
  const [chosen, setChosen] = useState<string | null>(null);
  const [choosing, setChoosing] = useState(false);
  const [cancelled, setCancelled] = useState(false);
  const [problem, setProblem] = useState<PublicError | null>(null);
  async function choose() {
    if (choosing) return;
    setChoosing(true);
    setCancelled(false);
    setProblem(null);
    try {
      const path = await restore.chooseBackup();
      if (path === null) setCancelled(true);
      else setChosen(path);
    } catch (reason) {
      setProblem(toPublicError(reason));
    } finally {
      setChoosing(false);
    }
  }
  return { chosen, choosing, cancelled, problem, choose, forget: () => setChosen(null) };
}

/** What to do next, for the refusals a person can act on (a backup the backend rejects says so itself). */
const HELP: Partial<Record<PublicError['code'], MessageKey>> = {
  wrongCredentials: 'restore.help.wrongCredentials',
  supervisorOnly: 'restore.help.supervisorOnly',
  throttled: 'restore.help.throttled',
};

/**
 * Restoring a damaged device from a backup: the file chosen in the backend's
 * dialog, then a supervisor's login and passphrase as they were when the
 * backup was made. The backend checks the whole backup before it replaces
 * anything, so a refusal here has changed nothing.
 */
export function RestorePanel(props: RestorePanelProps) {
  const { chooseBackup, restoreBackup, initialLogin, onRestored, onBack } = props;
  const { t, localize } = useI18n();
  const [path, setPath] = useState(props.path);
  const [login, setLogin] = useState(initialLogin);
  const [passphrase, setPassphrase] = useState('');
  const { busy, error, setError, throttled, secondsLeft, failures, run } = usePassphraseAttempts();
  const loginInput = useRef<HTMLInputElement>(null);
  const passphraseInput = useRef<HTMLInputElement>(null);
  const chooseButton = useRef<HTMLButtonElement>(null);

  useEffect(() => (login ? passphraseInput : loginInput).current?.focus(), []);
  // After a refusal (once the buttons are enabled again), put the person where
  // the fix is: another file, or the passphrase again.
  useEffect(() => {
    if (failures > 0) (error?.code === 'backupInvalid' ? chooseButton : passphraseInput).current?.focus();
  }, [failures]);

  async function chooseOther() {
    if (busy) return;
    const chosen = await chooseBackup().catch((reason: unknown) => {
      setError(toPublicError(reason));
      return null;
    });
    if (chosen !== null) {
      setPath(chosen);
      setError(null);
      passphraseInput.current?.focus();
    }
  }

  async function submit(event: Event) {
    event.preventDefault();
    await run(
      async () => onRestored(await restoreBackup(login, passphrase), path),
      () => setPassphrase(''),
    );
  }

  const help = error ? HELP[error.code] : undefined;
  let submitLabel = t('restore.submit');
  if (busy) submitLabel = t('restore.busy');
  else if (throttled) submitLabel = t('unlock.retryIn', { seconds: secondsLeft });

  return (
    <section id="restore" aria-labelledby="restore-title">
      <h1 id="restore-title" class="card-title">
        {t('restore.title')}
      </h1>
      <p id="restore-file" class="notice">
        {t('restore.file', { path })}
      </p>
      <p class="card-intro">{t('restore.intro')}</p>
      <form class="form" onSubmit={submit} noValidate aria-busy={busy ? 'true' : 'false'}>
        {busy && <LongWorkProgress id="restore-progress" work="longWork.restore" />}
        <FormError id="restore-error" text={error ? localize(error.message) : undefined} />
        {help && (
          <p id="restore-help" class="field-hint">
            {t(help)}
          </p>
        )}
        <CredentialFields
          form="restore"
          login={login}
          onLogin={setLogin}
          passphrase={passphrase}
          onPassphrase={setPassphrase}
          loginInput={loginInput}
          passphraseInput={passphraseInput}
        />
        <div class="form-actions">
          <button id="restore-submit" type="submit" class="button button-primary button-wide" disabled={busy || throttled}>
            {submitLabel}
          </button>
        </div>
        <div class="form-actions restore-secondary">
          <button
            id="restore-choose-other"
            ref={chooseButton}
            type="button"
            class="button button-secondary"
            disabled={busy}
            onClick={() => void chooseOther()}
          >
            {t('restore.chooseOther')}
          </button>
          <button id="restore-back" type="button" class="button button-secondary" disabled={busy} onClick={onBack}>
            {t('restore.back')}
          </button>
        </div>
      </form>
    </section>
  );
}
