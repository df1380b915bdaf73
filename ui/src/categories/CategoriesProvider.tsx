// The organisation's categories of calls for every screen of a session: read
// once after unlocking, again after a change made here and after each sync
// round (which may bring another laptop's changes).
import { createContext, type ComponentChildren } from 'preact';
import { useCallback, useContext, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Category, PublicError } from '../ipc/backend';
import { useBackend } from '../ipc/context';
import { toPublicError } from '../ipc/errors';

export interface Categories {
  /** Every category, retired ones too, in the order they are listed; null until read. */
  list: readonly Category[] | null;
  /** Why the last reading failed; null once one succeeds. */
  problem: PublicError | null;
  /** Reads the list again; resolves once the new list is in. */
  reload: () => Promise<void>;
}

const CategoriesContext = createContext<Categories | null>(null);

/** The categories the session's provider holds; a component outside it is a bug, so it throws. */
export function useCategories(): Categories {
  const categories = useContext(CategoriesContext);
  if (!categories) throw new Error('useCategories() outside a CategoriesProvider');
  return categories;
}

export function CategoriesProvider({ children }: { children: ComponentChildren }) {
  const backend = useBackend();
  const [list, setList] = useState<Category[] | null>(null);
  const [problem, setProblem] = useState<PublicError | null>(null);
  /** Bumped by every reading and on the way out: only the latest answer lands. */
  const request = useRef(0);

  const reload = useCallback(async () => {
    const mine = ++request.current;
    try {
      const found = await backend.listCategories();
      if (mine !== request.current) return;
      setList(found);
      setProblem(null);
    } catch (reason) {
      if (mine === request.current) setProblem(toPublicError(reason));
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

  const value = useMemo(() => ({ list, problem, reload }), [list, problem, reload]);
  return <CategoriesContext.Provider value={value}>{children}</CategoriesContext.Provider>;
}
