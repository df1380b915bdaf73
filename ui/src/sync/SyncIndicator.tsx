import { useEffect, useRef, useState } from 'preact/hooks';
import type { PublicError, SyncStatus } from '../ipc/backend';
import { useBackend } from '../ipc/context';
import { toPublicError } from '../ipc/errors';
import { useI18n } from '../i18n';
import { SyncIcon } from '../layout/icons';
import { stateText, SYNC_POLL_MS, syncState, waitingText } from './status';
import { SyncProgressBar } from './SyncProgressBar';

/** Whether a key press is Ctrl+Shift+S ("sync now"). */
function isSyncShortcut(event: KeyboardEvent): boolean {
  return (
    event.ctrlKey &&
    event.shiftKey &&
    !event.altKey &&
    !event.metaKey &&
    (event.code === 'KeyS' || event.key.toLowerCase() === 's')
  );
}

/**
 * The header's sync indicator: where sync stands, as a button that syncs now
 * (also Ctrl+Shift+S). Asks the backend every 30 s and on every `sync-status`
 * event, which the shell sends when a background round starts or ends.
 */
export function SyncIndicator() {
  const backend = useBackend();
  const { t, locale, localize } = useI18n();
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [problem, setProblem] = useState<PublicError | null>(null);
  const [running, setRunning] = useState(false);
  // Redraws "N min ago"; the time itself is read while rendering.
  const [, setTick] = useState(0);
  const alive = useRef(true);
  const busy = useRef(false);
  const button = useRef<HTMLButtonElement>(null);
  const refocus = useRef(false);

  function show(next: SyncStatus) {
    if (!alive.current) return;
    setStatus(next);
    setProblem(null);
  }

  function load() {
    backend.syncStatus().then(show, (reason: unknown) => {
      if (alive.current) setProblem(toPublicError(reason));
    });
  }

  /** One round now, then the status again; the button stays disabled until both are done. */
  async function syncNow() {
    if (busy.current) return;
    busy.current = true;
    // Disabled while it runs, the button drops focus; it gets it back afterwards.
    refocus.current = document.activeElement === button.current;
    setRunning(true);
    try {
      let failure: PublicError | null = null;
      try {
        await backend.syncNow();
      } catch (reason) {
        failure = toPublicError(reason);
        // The app is signing out: the backend told it (see `ipc/locked.ts`).
        if (failure.code === 'locked') return;
      }
      const next = await backend.syncStatus();
      if (!alive.current) return;
      setStatus(next);
      // "Not set up" is what the indicator says already; a failed round is in
      // `lastError`; a stopped round is what the person asked for.
      const shown = failure && !next.lastError && failure.code !== 'syncNotConfigured' && failure.code !== 'syncCancelled';
      setProblem(shown ? failure : null);
    } catch (reason) {
      if (alive.current) setProblem(toPublicError(reason));
    } finally {
      busy.current = false;
      if (alive.current) setRunning(false);
    }
  }

  useEffect(() => {
    alive.current = true;
    load();
    const timer = setInterval(() => {
      setTick((tick) => tick + 1);
      load();
    }, SYNC_POLL_MS);
    let unsubscribe: (() => void) | undefined;
    let disposed = false;
    backend
      .onSyncStatus(show)
      .then((off) => {
        if (disposed) off();
        else unsubscribe = off;
      })
      .catch(() => undefined);
    return () => {
      alive.current = false;
      disposed = true;
      clearInterval(timer);
      unsubscribe?.();
    };
  }, [backend]);

  useEffect(() => {
    if (running || !refocus.current) return;
    refocus.current = false;
    const active = document.activeElement;
    if (!active || active === document.body || active === button.current) button.current?.focus();
  }, [running]);

  const syncRef = useRef(syncNow);
  syncRef.current = syncNow;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isSyncShortcut(event)) {
        event.preventDefault();
        void syncRef.current();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  if (!status && !problem) return null;

  const state = syncState(status, problem, running);
  const error = state === 'error' || state === 'offline' ? problem ?? status?.lastError ?? null : null;
  const waiting = status?.waiting ?? 0;
  const showWaiting = waiting > 0 && (state === 'ok' || state === 'offline' || state === 'error');
  const refused = status?.connected ? status.lastRefused : 0;
  const progress = state === 'syncing' ? status?.progress : undefined;

  /** Stops the running round; the next status event (or poll) shows where sync stands. */
  function cancel() {
    backend.cancelSync().catch((reason: unknown) => {
      if (alive.current) setProblem(toPublicError(reason));
    });
  }

  const label = stateText(t, state, status, Date.now());
  const waitingLabel = showWaiting ? waitingText(t, locale, waiting) : '';
  const refusedLabel = refused > 0 ? t('sync.refused', { count: refused }) : '';
  const details = [
    state === 'notConnected' ? t('sync.notConnectedHint') : '',
    error ? localize(error.message) : '',
    refused > 0 ? t('sync.refusedWarning', { count: refused }) : '',
  ].filter(Boolean);

  return (
    <div class="sync">
      <button
        id="sync-indicator"
        ref={button}
        type="button"
        class={`sync-indicator sync-${state}`}
        disabled={running}
        aria-label={t('sync.label', { state: [label, waitingLabel, refusedLabel].filter(Boolean).join(', ') })}
        aria-describedby={details.length ? 'sync-details' : undefined}
        aria-keyshortcuts="Control+Shift+S"
        title={[...details, t('sync.hint')].join('\n')}
        onClick={() => void syncNow()}
      >
        <SyncIcon />
        <span id="sync-state" class="sync-state">
          <span class="sync-label">{label}</span>
          {waitingLabel && ' '}
          {waitingLabel && (
            <span id="sync-waiting" class="sync-waiting">
              {waitingLabel}
            </span>
          )}
        </span>
        {refusedLabel && (
          <span id="sync-refused" class="badge badge-refused">
            {refusedLabel}
          </span>
        )}
      </button>
      {progress && <SyncProgressBar progress={progress} onCancel={cancel} />}
      {details.length > 0 && (
        <span id="sync-details" class="visually-hidden">
          {details.join(' ')}
        </span>
      )}
    </div>
  );
}
