import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { AppStatus, Backend, Language, LockReason, PublicError, SessionInfo } from '../ipc/backend';
import { BackendContext } from '../ipc/context';
import { toPublicError } from '../ipc/errors';
import { reportingLocked } from '../ipc/locked';
import { createI18n, I18nContext, loadLocale, messagesOf } from '../i18n';
import { onDemand } from '../lib/onDemand';
import { SetupScreen } from '../setup/SetupScreen';
import { UnlockScreen } from '../unlock/UnlockScreen';
import { StartScreen } from './StartScreen';

/**
 * The main screen and every section under it: a chunk of its own, which
 * nobody needs before signing in. Loaded in the background once the first
 * screen is up, so it is there by the time a passphrase has been typed.
 */
export const mainScreen = onDemand(() => import('./MainScreen'));
const MAIN_SCREEN_PRELOAD_DELAY_MS = 1000;

/** Which screen is up. Sensitive data lives only in `main` and the components under it. */
export type Screen =
  | { kind: 'starting' }
  | { kind: 'startFailed'; error: PublicError }
  | { kind: 'setup' }
  | { kind: 'unlock'; login: string; notice: LockReason | null }
  | { kind: 'main'; session: SessionInfo; restoredFrom?: string; tour?: boolean };

export function screenFor(status: AppStatus): Screen {
  if (status.session) return { kind: 'main', session: status.session };
  if (status.state === 'notSetUp') return { kind: 'setup' };
  return { kind: 'unlock', login: '', notice: null };
}

/** Whether the first screen drawn from `launch` is still the right one for `status`. */
function agrees(launch: AppStatus, status: AppStatus): boolean {
  return launch.state === status.state && launch.language === status.language && status.session === null;
}

interface AppProps {
  backend: Backend;
  /**
   * Where the device stood when the app was launched (`launchStatus.ts`),
   * with its language already loaded: the first screen is drawn from it at
   * once. Without it the app asks the backend first.
   */
  launchStatus?: AppStatus | null;
}

/** The shell: asks the backend where the device stands and shows the matching screen. */
export function App({ backend, launchStatus = null }: AppProps) {
  const [language, setLanguage] = useState<Language>(launchStatus?.language ?? 'lv');
  const [screen, setScreen] = useState<Screen>(launchStatus ? screenFor(launchStatus) : { kind: 'starting' });
  const [mainModule, setMainModule] = useState(mainScreen.current);
  const i18n = useMemo(() => createI18n(language), [language]);
  /** Set when the person locks; the backend is told once the main screen is gone. */
  const lockRequested = useRef(false);
  /** The last lock request, which an unlock must wait for. */
  const pendingLock = useRef<Promise<void>>(Promise.resolve());

  const follow = useCallback(async (status: AppStatus) => {
    await loadLocale(status.language);
    setLanguage(status.language);
    setScreen(screenFor(status));
  }, []);

  const start = useCallback(async () => {
    setScreen({ kind: 'starting' });
    try {
      await follow(await backend.appStatus());
    } catch (reason) {
      setScreen({ kind: 'startFailed', error: toPublicError(reason) });
    }
  }, [backend, follow]);

  useEffect(() => {
    if (!launchStatus) {
      void start();
      return;
    }
    // The first screen is up already; the backend still has the last word
    // (the page reloaded after set-up, say). If it cannot answer, the screen
    // stays: it came from the same backend a moment ago.
    backend
      .appStatus()
      .then((status) => (agrees(launchStatus, status) ? undefined : follow(status)))
      .catch(() => undefined);
  }, [backend, launchStatus, start, follow]);

  // The main screen's chunk: at once when it is needed, else in the background.
  const needsMain = screen.kind === 'main';
  useEffect(() => {
    if (mainModule) return undefined;
    const load = () =>
      mainScreen.load().then(setMainModule, (reason: unknown) => {
        if (needsMain) setScreen({ kind: 'startFailed', error: toPublicError(reason) });
      });
    if (needsMain) {
      void load();
      return undefined;
    }
    const timer = setTimeout(() => void load(), MAIN_SCREEN_PRELOAD_DELAY_MS);
    return () => clearTimeout(timer);
  }, [mainModule, needsMain]);

  // Auto-lock (or a lock from elsewhere): drop the session and ask to sign in again.
  const showLocked = useCallback((reason: LockReason) => {
    setScreen((current) => {
      if (current.kind === 'main') return { kind: 'unlock', login: current.session.account.login, notice: reason };
      if (current.kind === 'unlock') return { ...current, notice: current.notice ?? reason };
      return current;
    });
  }, []);

  /** What the screens get: a command refused with `locked` drops the session like the event does. */
  const screensBackend = useMemo(() => reportingLocked(backend, () => showLocked('idle')), [backend, showLocked]);

  useEffect(() => {
    let unsubscribe: (() => void) | undefined;
    let disposed = false;
    backend
      .onLocked((event) => showLocked(event.reason))
      .then((off) => {
        if (disposed) off();
        else unsubscribe = off;
      })
      .catch(() => undefined);
    return () => {
      disposed = true;
      unsubscribe?.();
    };
  }, [backend, showLocked]);

  useLayoutEffect(() => {
    document.documentElement.lang = language;
    if (screen.kind !== 'main') document.title = i18n.t('app.name');
  }, [language, screen.kind, i18n]);

  // The main screen is out of the DOM by now: only then tell the backend to lock.
  useLayoutEffect(() => {
    if (screen.kind === 'unlock' && lockRequested.current) {
      lockRequested.current = false;
      pendingLock.current = backend.lock().catch(() => undefined);
    }
  }, [screen, backend]);

  const lockNow = useCallback((reason: LockReason) => {
    setScreen((current) => {
      if (current.kind !== 'main') return current;
      lockRequested.current = true;
      return { kind: 'unlock', login: current.session.account.login, notice: reason };
    });
  }, []);

  const changeLanguage = useCallback(
    (next: Language) => {
      // The first switch loads the texts (a few milliseconds, from the app's
      // own files) and happens once they are in, so nothing shows half in one language.
      if (messagesOf(next)) setLanguage(next);
      else
        loadLocale(next)
          .then(() => setLanguage(next))
          .catch(() => undefined);
      // Remembered by the backend; if that fails the switch still holds for this session.
      backend.setLanguage(next).catch(() => undefined);
    },
    [backend],
  );

  const unlock = useCallback(
    async (login: string, passphrase: string) => {
      await pendingLock.current;
      return backend.unlock(login, passphrase);
    },
    [backend],
  );

  const showMain = useCallback((session: SessionInfo) => setScreen({ kind: 'main', session }), []);
  /** After set-up: the main screen opens with the shortcut tour, once. */
  const showFirstMain = useCallback((session: SessionInfo) => setScreen({ kind: 'main', session, tour: true }), []);

  const restore = useMemo(
    () => ({
      chooseBackup: () => backend.chooseBackup(),
      restoreBackup: async (login: string, passphrase: string) => {
        await pendingLock.current;
        return backend.restoreBackup(login, passphrase);
      },
    }),
    [backend],
  );
  const showRestored = useCallback(
    (session: SessionInfo, path: string) => setScreen({ kind: 'main', session, restoredFrom: path }),
    [],
  );

  return (
    <I18nContext.Provider value={i18n}>
      <BackendContext.Provider value={screensBackend}>
        {screen.kind === 'starting' && <StartScreen error={null} onRetry={start} />}
        {screen.kind === 'startFailed' && <StartScreen error={screen.error} onRetry={start} />}
        {screen.kind === 'setup' && (
          <SetupScreen
            language={language}
            onLanguage={changeLanguage}
            onDone={showFirstMain}
            restore={restore}
            onRestored={showRestored}
          />
        )}
        {screen.kind === 'unlock' && (
          <UnlockScreen
            initialLogin={screen.login}
            notice={screen.notice}
            language={language}
            onLanguage={changeLanguage}
            unlock={unlock}
            onUnlocked={showMain}
            restore={restore}
            onRestored={showRestored}
          />
        )}
        {screen.kind === 'main' && !mainModule && <StartScreen error={null} onRetry={start} />}
        {screen.kind === 'main' && mainModule && (
          <mainModule.MainScreen
            key={screen.session.account.id}
            session={screen.session}
            restoredFrom={screen.restoredFrom ?? null}
            tour={screen.tour ?? false}
            language={language}
            onLanguage={changeLanguage}
            onSessionChange={showMain}
            onLock={lockNow}
          />
        )}
      </BackendContext.Provider>
    </I18nContext.Provider>
  );
}
