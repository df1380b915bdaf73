/** The backend needs at most one activity ping per this many milliseconds. */
export const TOUCH_INTERVAL_MS = 20_000;

/**
 * Returns a function to call on every keystroke or click: it passes the first
 * call through to `touch` and then at most one per `intervalMs`.
 */
export function throttledPing(
  touch: () => void,
  intervalMs: number = TOUCH_INTERVAL_MS,
  now: () => number = Date.now,
): () => void {
  let last = Number.NEGATIVE_INFINITY;
  return () => {
    const at = now();
    if (at - last < intervalMs) return;
    last = at;
    touch();
  };
}
