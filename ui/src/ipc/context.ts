// The backend reaches the screens through context, not props: the app puts
// it in once (`App`), tests put the fake in the same way.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Backend } from './backend';

export const BackendContext = createContext<Backend | null>(null);

/** The backend the app (or a test) provided; a component outside it is a bug, so it throws. */
export function useBackend(): Backend {
  const backend = useContext(BackendContext);
  if (!backend) throw new Error('useBackend() outside a BackendContext.Provider');
  return backend;
}
