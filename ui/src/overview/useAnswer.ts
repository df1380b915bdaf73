import { useEffect, useRef, useState } from 'preact/hooks';
import type { Backend, PublicError } from '../ipc/backend';
import { useBackend } from '../ipc/context';
import { toPublicError } from '../ipc/errors';

/** One tile's data: the last answer, why the last question failed, and whether one is under way. */
export interface Answer<T> {
  value: T | null;
  problem: PublicError | null;
  loading: boolean;
}

/**
 * Asks the backend on mount and again whenever `asked` changes (the
 * overview's refresh). The last answer stays on screen while the next one
 * comes and after a refusal, so a refresh never blanks a tile.
 */
export function useAnswer<T>(ask: (backend: Backend) => Promise<T>, asked: number): Answer<T> {
  const backend = useBackend();
  const [answer, setAnswer] = useState<Answer<T>>({ value: null, problem: null, loading: true });
  const latest = useRef(ask);
  latest.current = ask;
  useEffect(() => {
    let current = true;
    setAnswer((was) => ({ ...was, loading: true }));
    latest.current(backend).then(
      (value) => current && setAnswer({ value, problem: null, loading: false }),
      (reason: unknown) => current && setAnswer((was) => ({ value: was.value, problem: toPublicError(reason), loading: false })),
    );
    return () => {
      current = false;
    };
  }, [backend, asked]);
  return answer;
}
