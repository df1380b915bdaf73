import type { Backend } from './backend';
import { toPublicError } from './errors';

/**
 * The backend as the screens get it: a command refused with `locked` (the
 * shell locked on its own, and its `locked` event is still on the way) is
 * reported to `onLocked` here, once for every screen. The caller gets the
 * command's own promise, refusal included, so it stops what it was doing and
 * its answers come no later than before.
 */
export function reportingLocked(backend: Backend, onLocked: () => void): Backend {
  const watched: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(backend)) {
    if (typeof method !== 'function') continue;
    watched[name] = (...args: unknown[]) => {
      const answer = method.apply(backend, args) as Promise<unknown>;
      answer.then(undefined, (reason: unknown) => {
        if (toPublicError(reason).code === 'locked') onLocked();
      });
      return answer;
    };
  }
  return watched as unknown as Backend;
}
