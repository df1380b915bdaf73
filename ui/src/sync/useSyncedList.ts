// A list read from the backend that other laptops can change: read when the
// screen opens, again on demand and after each sync round ends (which may
// bring their changes). Only the latest reading lands.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Backend, PublicError } from '../ipc/backend';
import { useBackend } from '../ipc/context';
import { toPublicError } from '../ipc/errors';

export interface SyncedList<T> {
  /** Null until read. */
  list: readonly T[] | null;
  /** Why the last reading failed; null once one succeeds. */
  problem: PublicError | null;
  /** Reads the list again; resolves to the new list, or null when it could not be read or a later reading overtook it. */
  reload: () => Promise<readonly T[] | null>;
}

/** `read` must be stable (a module-level function), or every render reads again. */
export function useSyncedList<T>(read: (backend: Backend) => Promise<T[]>): SyncedList<T> {
  const backend = useBackend();
  const [list, setList] = useState<T[] | null>(null);
  const [problem, setProblem] = useState<PublicError | null>(null);
  /** Bumped by every reading and on the way out: only the latest answer lands. */
  const request = useRef(0);

  const reload = useCallback(async () => {
    const mine = ++request.current;
    try {
      const found = await read(backend);
      if (mine !== request.current) return null;
      setList(found);
      setProblem(null);
      return found;
    } catch (reason) {
      if (mine === request.current) setProblem(toPublicError(reason));
      return null;
    }
  }, [backend, read]);

  useEffect(() => {
    let current = true;
    void reload();
    let unsubscribe: (() => void) | undefined;
    backend
      .onSyncStatus((status) => {
        if (current && !status.syncing) void reload();
      })
      .then((off) => {
        if (current) unsubscribe = off;
        else off();
      })
      .catch(() => undefined);
    return () => {
      current = false;
      request.current += 1;
      unsubscribe?.();
    };
  }, [backend, reload]);

  return { list, problem, reload };
}
