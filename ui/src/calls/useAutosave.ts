import { useEffect, useRef, useState } from 'preact/hooks';
import type { PublicError } from '../ipc/backend';
import { toPublicError } from '../ipc/errors';

/** Autosave this long after the last change… */
export const AUTOSAVE_DEBOUNCE_MS = 1000;
/** …and at least this often while there are unsaved changes. */
export const AUTOSAVE_INTERVAL_MS = 5000;

export type SaveStatus =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  | { kind: 'failed'; error: PublicError };

interface AutosaveOptions {
  /** Off (a finished call being edited): nothing is saved unless asked. */
  enabled: boolean;
  /** Sends what the form holds now. */
  save: () => Promise<unknown>;
  /** A save went through while the form was still up. */
  onSaved: () => void;
  /** A save was refused while the form was still up. */
  onRefused: (reason: unknown) => void;
}

export interface Autosave {
  /** "Saved" appears only after a save from this form, so it always means the latest typing. */
  status: SaveStatus;
  /** The form changed: saved after a pause in typing, or by the periodic save while typing goes on. */
  changed(): void;
  /** Saves now if anything changed since the last save; resolves to whether it is all saved. */
  saveNow(): Promise<boolean>;
  /** Drops the save waiting for a pause and waits for one under way: the caller sends the form itself next. */
  hold(): Promise<void>;
  /** No more saves, not even of what is left when the form goes (finished, discarded, left). */
  close(): void;
  /** Saving again after `close` (a discard that failed). */
  reopen(): void;
}

/**
 * The draft's autosave: about a second after the last change, every few
 * seconds while changes keep coming, and what is left when the form goes
 * (back, lock). One save at a time, the newest details each time; a version
 * the backend refused as invalid is not sent again until it changes.
 */
export function useAutosave(options: AutosaveOptions): Autosave {
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' });
  const latest = useRef(options);
  latest.current = options;
  // Every change bumps `version`; the others say which version got where.
  const version = useRef(0);
  const savedVersion = useRef(0);
  const refusedVersion = useRef(-1);
  const running = useRef<Promise<boolean> | null>(null);
  const debounce = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const alive = useRef(true);
  const closed = useRef(false);

  function saveNow(): Promise<boolean> {
    clearTimeout(debounce.current);
    if (!latest.current.enabled || closed.current) return Promise.resolve(true);
    if (running.current) return running.current.then(() => saveNow());
    if (version.current === savedVersion.current) return Promise.resolve(true);
    const sending = version.current;
    setStatus({ kind: 'saving' });
    const attempt = latest.current.save().then(
      () => {
        savedVersion.current = sending;
        if (alive.current) {
          setStatus({ kind: 'saved', at: new Date() });
          latest.current.onSaved();
        }
        return true;
      },
      (reason: unknown) => {
        const error = toPublicError(reason);
        if (error.code === 'invalidInput') refusedVersion.current = sending;
        if (alive.current) {
          setStatus({ kind: 'failed', error });
          latest.current.onRefused(reason);
        }
        return false;
      },
    );
    const tracked = attempt.then((saved) => {
      running.current = null;
      return saved;
    });
    running.current = tracked;
    return tracked;
  }
  const saveRef = useRef(saveNow);
  saveRef.current = saveNow;

  // While dirty, save at least every few seconds (the debounce alone would wait
  // for a pause in typing). On unmount (back, lock) send what is left.
  useEffect(() => {
    if (!options.enabled) return undefined;
    const interval = setInterval(() => {
      const dirty = version.current !== savedVersion.current && version.current !== refusedVersion.current;
      if (dirty && !running.current) void saveRef.current();
    }, AUTOSAVE_INTERVAL_MS);
    return () => {
      clearInterval(interval);
      clearTimeout(debounce.current);
      alive.current = false;
      if (!closed.current && version.current !== savedVersion.current) {
        latest.current.save().catch(() => undefined);
      }
    };
  }, []);

  return {
    status,
    changed() {
      version.current += 1;
      if (!latest.current.enabled) return;
      clearTimeout(debounce.current);
      debounce.current = setTimeout(() => void saveRef.current(), AUTOSAVE_DEBOUNCE_MS);
    },
    saveNow,
    hold() {
      clearTimeout(debounce.current);
      return running.current ? running.current.then(() => undefined) : Promise.resolve();
    },
    close() {
      clearTimeout(debounce.current);
      closed.current = true;
    },
    reopen() {
      closed.current = false;
    },
  };
}
