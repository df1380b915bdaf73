// Test support: an in-memory `Backend` whose methods are Vitest mocks.
// Never imported by the app itself.
import { vi, type Mock } from 'vitest';
import type {
  Account,
  AppStatus,
  Backend,
  CallDetails,
  CallVersion,
  LockedEvent,
  PublicError,
  SessionInfo,
  StoredCall,
} from './backend';

export type FakeBackend = { [K in keyof Backend]: Mock<Backend[K]> } & {
  /** Fires the backend's `locked` event, as auto-lock does. */
  emitLocked(reason: LockedEvent['reason']): void;
  /** The fake's stored calls by id (drafts and finished), for tests to seed and inspect. */
  calls: Map<string, StoredCall>;
  /** Kept versions of finished calls by id. */
  histories: Map<string, CallVersion[]>;
};

export const supervisor: Account = {
  id: 'acc-1',
  login: 'anna',
  displayName: 'Anna Bērziņa',
  role: 'supervisor',
  homeRegion: 'riga',
  createdAt: '2025-11-20T09:00:00Z',
};

export const consultant: Account = {
  id: 'acc-2',
  login: 'juris',
  displayName: 'Juris Ozols',
  role: 'consultant',
  homeRegion: 'latgale',
  createdAt: '2025-11-21T10:00:00Z',
};

export function sessionFor(account: Account): SessionInfo {
  return {
    account,
    organisation: { id: 'org-1', name: 'Patvērums Drošā māja', createdAt: '2025-11-20T09:00:00Z' },
    autoLockMinutes: 10,
  };
}

export function publicError(code: PublicError['code'], lv: string, en: string, extra: Partial<PublicError> = {}): PublicError {
  return { code, message: { lv, en }, ...extra };
}

/** An empty draft's details, as `start_call` makes them. */
export function blankDetails(startedAt: string, region: Account['homeRegion'] = 'riga'): CallDetails {
  return {
    startedAt,
    endedAt: null,
    line: null,
    direction: 'incoming',
    region,
    callerRole: null,
    gender: null,
    ageGroup: null,
    language: null,
    contactBack: null,
    subjects: [],
    country: null,
    risk: null,
    immediateDanger: false,
    adviceGiven: '',
    referrals: [],
    followUp: null,
    notes: '',
    caseRef: null,
  };
}

/** A stored call for tests; `details` override the blank ones. */
export function storedCall(id: string, status: StoredCall['status'], details: Partial<CallDetails> = {}): StoredCall {
  const startedAt = details.startedAt ?? '2026-11-23T09:30:00Z';
  return {
    id,
    status,
    consultant: supervisor.id,
    hasCallerNumber: false,
    updatedAt: startedAt,
    version: status === 'final' ? 1 : 0,
    details: { ...blankDetails(startedAt), ...details },
  };
}

const invalid = (field: string, lv: string, en: string) => publicError('invalidInput', lv, en, { field });

/** Lower case without diacritics, as the backend's search compares words. */
const folded = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

function changedFields(before: CallDetails, after: CallDetails): string[] {
  return (Object.keys(after) as (keyof CallDetails)[]).filter(
    (key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]),
  );
}

export function fakeBackend(status: AppStatus): FakeBackend {
  const listeners = new Set<(event: LockedEvent) => void>();
  const done = () => Promise.resolve();
  const calls = new Map<string, StoredCall>();
  const histories = new Map<string, CallVersion[]>();
  const account = status.session?.account ?? supervisor;
  let nextId = 1;
  const found = (id: string) => {
    const call = calls.get(id);
    return call ? Promise.resolve(call) : Promise.reject(publicError('callNotFound', 'Zvans nav atrasts.', 'Call not found.'));
  };
  const store = (call: StoredCall) => {
    calls.set(call.id, call);
    return call;
  };
  const required = (details: CallDetails): PublicError | undefined => {
    if (!details.line) return invalid('line', 'Izvēlieties līniju.', 'Choose a line.');
    if (!details.callerRole) return invalid('callerRole', 'Norādiet zvanītāju.', 'Choose the caller.');
    if (details.subjects.length === 0) return invalid('subjects', 'Izvēlieties tematu.', 'Choose a subject.');
    return undefined;
  };
  const version = (call: StoredCall, changed: string[]): CallVersion => ({
    version: call.version,
    editedAt: call.updatedAt,
    editedBy: account.id,
    editedByName: account.displayName,
    changedFields: changed,
    details: call.details,
  });
  return {
    appStatus: vi.fn<Backend['appStatus']>(() => Promise.resolve(status)),
    setUp: vi.fn<Backend['setUp']>((setup) =>
      Promise.resolve(
        sessionFor({ ...supervisor, login: setup.login, displayName: setup.displayName, homeRegion: setup.homeRegion }),
      ),
    ),
    unlock: vi.fn<Backend['unlock']>(() => Promise.resolve(sessionFor(supervisor))),
    lock: vi.fn<Backend['lock']>(done),
    setLanguage: vi.fn<Backend['setLanguage']>(done),
    touch: vi.fn<Backend['touch']>(done),
    changePassphrase: vi.fn<Backend['changePassphrase']>(done),
    listAccounts: vi.fn<Backend['listAccounts']>(() => Promise.resolve([supervisor, consultant])),
    addAccount: vi.fn<Backend['addAccount']>((account) =>
      Promise.resolve({ ...account, id: `acc-${account.login}`, createdAt: '2025-11-23T12:00:00Z' }),
    ),
    setAutoLockMinutes: vi.fn<Backend['setAutoLockMinutes']>(done),
    onLocked: vi.fn<Backend['onLocked']>((handler) => {
      listeners.add(handler);
      return Promise.resolve(() => listeners.delete(handler));
    }),
    emitLocked(reason) {
      for (const listener of listeners) listener({ reason });
    },
    calls,
    histories,

    startCall: vi.fn<Backend['startCall']>(() => {
      const startedAt = new Date().toISOString();
      const call = storedCall(`call-${nextId++}`, 'draft', blankDetails(startedAt, account.homeRegion));
      return Promise.resolve(store({ ...call, consultant: account.id }));
    }),
    saveCallDraft: vi.fn<Backend['saveCallDraft']>((id, details) =>
      found(id).then((call) => store({ ...call, details, updatedAt: new Date().toISOString() })),
    ),
    finishCall: vi.fn<Backend['finishCall']>((id, details) =>
      found(id).then((call) => {
        const problem = required(details);
        if (problem) throw problem;
        const now = new Date().toISOString();
        const final = store({
          ...call,
          status: 'final',
          version: 1,
          updatedAt: now,
          details: { ...details, endedAt: details.endedAt ?? now },
        });
        histories.set(id, [version(final, [])]);
        return final;
      }),
    ),
    editCall: vi.fn<Backend['editCall']>((id, details) =>
      found(id).then((call) => {
        const problem = required(details);
        if (problem) throw problem;
        const changed = changedFields(call.details, details);
        if (changed.length === 0) return call;
        const edited = store({ ...call, version: call.version + 1, updatedAt: new Date().toISOString(), details });
        histories.set(id, [...(histories.get(id) ?? []), version(edited, changed)]);
        return edited;
      }),
    ),
    discardCallDraft: vi.fn<Backend['discardCallDraft']>((id) => {
      calls.delete(id);
      return done();
    }),
    ownCallDrafts: vi.fn<Backend['ownCallDrafts']>(() =>
      Promise.resolve([...calls.values()].filter((call) => call.status === 'draft')),
    ),
    getCall: vi.fn<Backend['getCall']>(found),
    callHistory: vi.fn<Backend['callHistory']>((id) => Promise.resolve([...(histories.get(id) ?? [])].reverse())),
    findCalls: vi.fn<Backend['findCalls']>((filter) => {
      const words = folded(filter.text ?? '').split(/\s+/).filter(Boolean);
      const matches = [...calls.values()].filter((call) => {
        if (call.status !== 'final') return false;
        const d = call.details;
        if (filter.lines.length && (!d.line || !filter.lines.includes(d.line))) return false;
        if (filter.subjects.length && !d.subjects.some((s) => filter.subjects.includes(s))) return false;
        if (filter.regions.length && !filter.regions.includes(d.region)) return false;
        const haystack = folded([d.notes, d.adviceGiven, ...d.referrals.map((r) => r.to)].join(' '));
        return words.every((word) => haystack.includes(word));
      });
      matches.sort((a, b) => b.details.startedAt.localeCompare(a.details.startedAt));
      return Promise.resolve(matches);
    }),
    followUps: vi.fn<Backend['followUps']>(() =>
      Promise.resolve(
        [...calls.values()]
          .filter((call) => call.status === 'final' && call.details.followUp && !call.details.followUp.doneAt)
          .map((call) => ({ call, overdue: false })),
      ),
    ),
    setCallerNumber: vi.fn<Backend['setCallerNumber']>((id, number) => {
      if (!/^\+?[\d\s-]{6,}$/.test(number.trim())) {
        return Promise.reject(invalid('callerNumber', 'Nederīgs tālruņa numurs.', 'Not a valid phone number.'));
      }
      return found(id).then((call) => {
        if (!call.details.caseRef) store({ ...call, hasCallerNumber: true, details: { ...call.details, caseRef: 'K-0042' } });
        return { previousCalls: 3, lastCallAt: '2026-10-12T08:15:00Z', caseRef: 'K-0042' };
      });
    }),
    nextCaseRef: vi.fn<Backend['nextCaseRef']>(() => Promise.resolve('K-0043')),
    countryCodes: vi.fn<Backend['countryCodes']>(() => Promise.resolve(['LV', 'GB', 'IE', 'DE', 'AD', 'AT', 'FR'])),
  };
}
