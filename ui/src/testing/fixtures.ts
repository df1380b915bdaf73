// Test support: answers recorded from the real hotline-core. The Rust test
// `crates/core/tests/ui_fixtures.rs` opens a real encrypted store, sets up an
// organisation, and calls core the way the UI tests' backend calls come in,
// at pinned times; it writes what core answered to `fixtures/*.json` and
// fails when they are stale (`UPDATE_FIXTURES=1 cargo test -p hotline-core
// --test ui_fixtures` rewrites them). The fake backend replays them, so the
// phone numbers, opening hours, search results, import problems, report
// counts and refusals a UI test sees are core's, and a rule changed in Rust
// fails the UI test that depends on it.
import type { Backend, Category, ErrorCode, PublicError, ReferralEntry, Role, StoredCall } from '../ipc/backend';

/** One call into core and its answer. */
export interface Exchange {
  method: keyof Backend;
  /** Who asked; absent for data that is the same for everyone (the municipalities). */
  as?: Role;
  /** The data the answer depends on (the directory's entries, the calls), by the name of its state. */
  state?: string;
  args: unknown[];
  ok?: unknown;
  error?: PublicError;
  /** The state the call left behind (a saved entry, an import). */
  next?: string;
  /** For an edit: the call's history after it, oldest first (as `call_history` answers). */
  history?: unknown[];
}

/** What the store held at a point of a scenario, as core showed it. */
export interface FixtureState {
  /** The directory as a supervisor reads each entry. */
  referrals?: ReferralEntry[];
  /**
   * The same entries as a search lists them, which is also how a consultant
   * reads them (no confidential addresses). A recorded search answers with
   * the ids it found; these say what each looks like.
   */
  listed?: ReferralEntry[];
  /** Stored calls, as `get_call` returns them. */
  calls?: StoredCall[];
  /** The organisation's categories, as `list_categories` lists them. */
  categories?: Category[];
}

interface FixtureFile {
  states?: Record<string, FixtureState>;
  exchanges?: Exchange[];
  /** Core's refusals by code, for the ones the fake gives from its own state (a call it does not hold). */
  refusals?: Partial<Record<ErrorCode, PublicError>>;
  /** Files the tests pick, as core wrote them (an HSDS export). */
  files?: Record<string, string>;
}

const files = import.meta.glob<FixtureFile>('./fixtures/*.json', { eager: true, import: 'default' });

const STATES: Record<string, FixtureState> = Object.assign({}, ...Object.values(files).map((file) => file.states ?? {}));
const EXCHANGES: readonly Exchange[] = Object.values(files).flatMap((file) => file.exchanges ?? []);
const REFUSALS: Partial<Record<ErrorCode, PublicError>> = Object.assign({}, ...Object.values(files).map((file) => file.refusals ?? {}));
const FILES: Record<string, string> = Object.assign({}, ...Object.values(files).map((file) => file.files ?? {}));

/** The store's state when a test seeds nothing: a new organisation. */
export const EMPTY_STATE = 'empty';

export function fixtureState(name: string): FixtureState {
  const state = STATES[name];
  if (!state) throw new Error(`no fixture state "${name}": add it to crates/core/tests/ui_fixtures.rs`);
  return state;
}

/** A file a test picks, as core wrote it. */
export function fixtureFile(name: string): string {
  const text = FILES[name];
  if (text === undefined) throw new Error(`no fixture file "${name}": add it to crates/core/tests/ui_fixtures.rs`);
  return text;
}

/** The refusal core gives with `code`, message and all. */
export function coreRefusal(code: ErrorCode): PublicError {
  const refusal = REFUSALS[code];
  if (!refusal) throw new Error(`no recorded refusal "${code}": add it to crates/core/tests/ui_fixtures.rs`);
  return structuredClone(refusal);
}

/** JSON with sorted keys and no `undefined`, so two values compare by content. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}

interface Asked {
  method: keyof Backend;
  as: Role;
  state: string;
  args: unknown[];
}

/**
 * The recorded exchange for a call, compared after `comparable` (which leaves
 * out what a test cannot pin, such as a draft's start time); undefined when
 * core was never asked this in a scenario.
 */
export function find(asked: Asked, comparable: (args: unknown[]) => unknown = (args) => args): Exchange | undefined {
  const wanted = canonical(comparable(asked.args));
  return EXCHANGES.find(
    (exchange) =>
      exchange.method === asked.method &&
      (exchange.as === undefined || exchange.as === asked.as) &&
      (exchange.state === undefined || exchange.state === asked.state) &&
      canonical(comparable(exchange.args)) === wanted,
  );
}

/**
 * Like `find`, for calls whose answer only core can give: one nobody recorded
 * fails loudly, naming what to add to the Rust scenario (the screen itself
 * would only show an internal error).
 */
export function recorded(asked: Asked, comparable?: (args: unknown[]) => unknown): Exchange {
  const found = find(asked, comparable);
  if (found) return found;
  const message =
    `no recorded answer for ${asked.method} as ${asked.as} in state "${asked.state}" with ${canonical(asked.args)}: ` +
    'record it in crates/core/tests/ui_fixtures.rs, then UPDATE_FIXTURES=1 cargo test -p hotline-core --test ui_fixtures';
  console.error(message);
  throw new Error(message);
}

/** The recorded answer (a copy: screens and tests may change what they get), or its refusal as a rejected promise. */
export function replay<T>(exchange: Exchange): Promise<T> {
  return exchange.error ? Promise.reject(structuredClone(exchange.error)) : Promise.resolve(structuredClone(exchange.ok) as T);
}
