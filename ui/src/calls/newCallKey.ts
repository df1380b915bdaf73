import { useEffect, useRef } from 'preact/hooks';

/**
 * Alt+N starts a call while the screen that calls this is shown: the calls
 * list and the overview, so a phone ringing finds the key working wherever
 * the consultant is looking.
 */
export function useNewCallKey(start: () => void): void {
  const latest = useRef(start);
  latest.current = start;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey && !event.ctrlKey && !event.metaKey && (event.code === 'KeyN' || event.key.toLowerCase() === 'n')) {
        event.preventDefault();
        latest.current();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}
