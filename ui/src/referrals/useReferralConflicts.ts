// Supervisors: the directory entries edited on two laptops at once, read when
// the directory opens, again after a pick and after each sync round (which may
// bring new ones, or another laptop's pick).
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { PublicError, ReferralConflict } from '../ipc/backend';
import { useBackend } from '../ipc/context';
import { toPublicError } from '../ipc/errors';

export interface ReferralConflicts {
  /** Null until read. */
  list: readonly ReferralConflict[] | null;
  /** Why the last reading failed; null once one succeeds. */
  problem: PublicError | null;
  /** Reads the list again; resolves to the new list, or null when it could not be read or a later reading overtook it. */
  reload: () => Promise<readonly ReferralConflict[] | null>;
}

export function useReferralConflicts(): ReferralConflicts {
  const backend = useBackend();
  const [list, setList] = useState<ReferralConflict[] | null>(null);
  const [problem, setProblem] = useState<PublicError | null>(null);
  /** Bumped by every reading and on the way out: only the latest answer lands. */
  const request = useRef(0);

  const reload = useCallback(async () => {
    const mine = ++request.current;
    try {
      const found = await backend.referralConflicts();
      if (mine !== request.current) return null;
      setList(found);
      setProblem(null);
      return found;
    } catch (reason) {
      if (mine === request.current) setProblem(toPublicError(reason));
      return null;
    }
  }, [backend]);

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
