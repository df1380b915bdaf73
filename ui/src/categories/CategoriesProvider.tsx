// The organisation's categories of calls for every screen of a session: read
// once after unlocking, again after a change made here and after each sync
// round (which may bring another laptop's changes).
import { createContext, type ComponentChildren } from 'preact';
import { useContext, useMemo } from 'preact/hooks';
import type { Backend, Category } from '../ipc/backend';
import { useSyncedList, type SyncedList } from '../sync/useSyncedList';

export type Categories = SyncedList<Category>;

const read = (backend: Backend) => backend.listCategories();

const CategoriesContext = createContext<Categories | null>(null);

/** The categories the session's provider holds; a component outside it is a bug, so it throws. */
export function useCategories(): Categories {
  const categories = useContext(CategoriesContext);
  if (!categories) throw new Error('useCategories() outside a CategoriesProvider');
  return categories;
}

export function CategoriesProvider({ children }: { children: ComponentChildren }) {
  const { list, problem, reload } = useSyncedList(read);
  const value = useMemo(() => ({ list, problem, reload }), [list, problem, reload]);
  return <CategoriesContext.Provider value={value}>{children}</CategoriesContext.Provider>;
}
