import { createContext } from 'preact';
import { useContext, useEffect, useRef } from 'preact/hooks';

/** Saves what a draft form holds now; resolves once it is saved or refused. */
export type Flush = () => Promise<unknown>;

/**
 * The call forms with a draft open: the auto-lock asks whether a call is in
 * progress (it then warns before locking) and saves every open draft before
 * it locks, so the draft is still there after unlocking.
 */
export interface OpenDrafts {
  /** A draft form opened; the returned function says it closed. */
  open(flush: Flush): () => void;
  /** Whether a call is being logged right now. */
  any(): boolean;
  /** Saves every open draft; never rejects (a refusal is the form's to show). */
  flushAll(): Promise<void>;
}

export function openDrafts(): OpenDrafts {
  const flushes = new Set<Flush>();
  return {
    open(flush) {
      flushes.add(flush);
      return () => flushes.delete(flush);
    },
    any: () => flushes.size > 0,
    flushAll: async () => {
      await Promise.all([...flushes].map((flush) => flush().catch(() => undefined)));
    },
  };
}

/** Outside a main screen (a component rendered alone in a test) nothing listens. */
export const OpenDraftsContext = createContext<OpenDrafts>(openDrafts());

/** Counts this form as an open draft while `open`, saving through the latest `flush`. */
export function useOpenDraft(open: boolean, flush: Flush): void {
  const drafts = useContext(OpenDraftsContext);
  const latest = useRef(flush);
  latest.current = flush;
  useEffect(() => (open ? drafts.open(() => latest.current()) : undefined), [drafts, open]);
}
