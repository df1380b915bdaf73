import { useEffect, useState } from 'preact/hooks';
import type { PublicError } from '../ipc/backend';
import { toPublicError } from '../ipc/errors';
import { useSecondsLeft } from './countdown';

/** A passphrase form's attempts: busy, the last refusal, and the countdown after too many. */
export interface PassphraseAttempts {
  busy: boolean;
  /** The last refusal; "too many attempts" is gone in the render that ends the wait. */
  error: PublicError | null;
  setError: (error: PublicError | null) => void;
  /** While the backend refuses to try again; `secondsLeft` counts down. */
  throttled: boolean;
  secondsLeft: number;
  /** Refusals so far: an effect on it moves focus to where the fix is. */
  failures: number;
  /**
   * Runs `attempt` unless one is running or the wait is not over. A refusal
   * is kept (and a throttle starts the countdown) and `onRefused` runs, to
   * clear the passphrase. After a success the form stays busy: it is leaving.
   */
  run: (attempt: () => Promise<void>, onRefused: () => void) => Promise<void>;
}

/** Shared by the sign-in and the restore form, which the backend throttles alike. */
export function usePassphraseAttempts(): PassphraseAttempts {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<PublicError | null>(null);
  const [retryUntil, setRetryUntil] = useState<number | null>(null);
  const [failures, setFailures] = useState(0);
  const secondsLeft = useSecondsLeft(retryUntil);
  const throttled = retryUntil !== null && secondsLeft > 0;
  const waitOver = retryUntil !== null && secondsLeft === 0;

  // When the wait is over, the "try again in …" message is no longer true.
  useEffect(() => {
    if (waitOver) {
      setRetryUntil(null);
      setError((current) => (current?.code === 'throttled' ? null : current));
    }
  }, [waitOver]);

  async function run(attempt: () => Promise<void>, onRefused: () => void) {
    if (busy || throttled) return;
    setBusy(true);
    try {
      await attempt();
    } catch (reason) {
      const failure = toPublicError(reason);
      setError(failure);
      onRefused();
      if (failure.code === 'throttled' && failure.retryAfterSeconds) {
        setRetryUntil(Date.now() + failure.retryAfterSeconds * 1000);
      }
      setBusy(false);
      setFailures((n) => n + 1);
    }
  }

  return {
    busy,
    error: waitOver && error?.code === 'throttled' ? null : error,
    setError,
    throttled,
    secondsLeft,
    failures,
    run,
  };
}
