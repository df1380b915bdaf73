import { useEffect, useState } from 'preact/hooks';

/**
 * Whole seconds left until `until` (a `Date.now()` timestamp), re-rendering
 * once a second while it runs; 0 when there is no deadline or it has passed.
 */
export function useSecondsLeft(until: number | null): number {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (until === null) return undefined;
    const timer = setInterval(() => {
      setTick((n) => n + 1);
      if (Date.now() >= until) clearInterval(timer);
    }, 1000);
    return () => clearInterval(timer);
  }, [until]);
  return until === null ? 0 : Math.max(0, Math.ceil((until - Date.now()) / 1000));
}
