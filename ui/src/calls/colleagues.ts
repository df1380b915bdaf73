import { useEffect, useState } from 'preact/hooks';
import type { Colleague, Region } from '../ipc/backend';
import { useBackend } from '../ipc/context';

/**
 * The people a follow-up of `region` can go to, as core lists them; empty
 * until they come, and if they cannot (the lists that use this always keep
 * the person who has the follow-up now, so nothing is lost).
 */
export function useColleagues(region: Region | null): Colleague[] {
  const backend = useBackend();
  const [colleagues, setColleagues] = useState<Colleague[]>([]);
  useEffect(() => {
    let current = true;
    if (region === null) {
      setColleagues([]);
    } else {
      backend.colleagues(region).then(
        (found) => current && setColleagues(found),
        () => current && setColleagues([]),
      );
    }
    return () => {
      current = false;
    };
  }, [backend, region]);
  return colleagues;
}
