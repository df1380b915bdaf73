// Test support: an in-memory `Backend` whose methods are Vitest mocks.
// Never imported by the app itself.
//
// It keeps the state a test can see (calls, directory entries, the audit
// list, devices, sync status) and decides nothing core decides: whatever core
// computes (formatted phones, opening hours, search results, import
// problems, report counts, refusals of invalid input) comes from the answers
// recorded from the real core in `fixtures/` (see `fixtures.ts`).
import { vi, type Mock } from 'vitest';
import type {
  Account,
  AppStatus,
  AuditAction,
  AuditEntry,
  AuditFilter,
  Backend,
  BackupScheduleStatus,
  CallDetails,
  CallFilter,
  CallVersion,
  Category,
  Colleague,
  DeviceInfo,
  LockedEvent,
  PublicError,
  QuarantinedRecord,
  ReferralConflict,
  ReferralEntry,
  ReferralInput,
  ReferralVersion,
  Report,
  ReportRequest,
  SessionInfo,
  CallPage,
  StoredCall,
  SyncStatus,
  UpdateStatus,
} from '../ipc/backend';
import { rigaDay } from '../i18n/dates';
import { coreRefusal, EMPTY_STATE, type Exchange, find, fixtureState, recorded, replay } from './fixtures';

export type FakeBackend = { [K in keyof Backend]: Mock<Backend[K]> } & {
  /** Fires the backend's `locked` event, as auto-lock does. */
  emitLocked(reason: LockedEvent['reason']): void;
  /** The fake's stored calls by id (drafts and finished), for tests to seed and inspect. */
  calls: Map<string, StoredCall>;
  /** Kept versions of finished calls by id, oldest first (as core keeps them). */
  histories: Map<string, CallVersion[]>;
  /** The directory by id as a supervisor reads it; seed it with `seedDirectory` or `useFixtureState`. */
  referrals: Map<string, ReferralEntry>;
  /**
   * Entries edited on two laptops at once, as `referralConflicts` lists them;
   * tests push to it. Keeping a version takes it off and writes the kept
   * version's fields over the entry in `referrals` (what core derives from
   * them, such as the phones as read aloud, stays as it was).
   */
  conflicts: ReferralConflict[];
  /** The audit log, oldest first; `auditEntries` filters it as the backend does. */
  audit: AuditEntry[];
  /** Changes what `syncStatus` answers from now on (it does not emit `sync-status`). */
  setSyncStatus(patch: Partial<SyncStatus>): void;
  /** Fires the backend's `sync-status` event with the current status, after applying `patch`. */
  emitSyncStatus(patch?: Partial<SyncStatus>): void;
  /** Tells the app a scheduled backup ran, as the backend's `backup-status` event does. */
  emitBackupStatus(status: BackupScheduleStatus): void;
  /** Records set aside as not applicable, as `quarantinedRecords` lists them; tests push to it. */
  quarantined: QuarantinedRecord[];
  /** The server's device list, this computer first; `enrolDevice` and `revokeDevice` change it. */
  devices: DeviceInfo[];
  /** The accounts as `listAccounts` lists them; tests push to it, `addAccount` and `changeAccount` change it. */
  accounts: Account[];
  /**
   * The organisation's categories as `listCategories` lists them, core's
   * starter set at first; tests push to it, and adding, retiring and
   * deleting change it.
   */
  categories: Category[];
  /**
   * Which recorded state of the store the fake stands in (see `fixtures.ts`):
   * answers that depend on the data are looked up for it.
   */
  state: string;
};

export const supervisor: Account = {
  id: 'acc-1',
  login: 'anna',
  displayName: 'Anna Bērziņa',
  role: 'supervisor',
  homeRegion: 'riga',
  createdAt: '2025-11-20T09:00:00Z',
  disabledAt: null,
};

export const consultant: Account = {
  id: 'acc-2',
  login: 'juris',
  displayName: 'Juris Ozols',
  role: 'consultant',
  homeRegion: 'latgale',
  createdAt: '2025-11-21T10:00:00Z',
  disabledAt: null,
};

export function sessionFor(account: Account): SessionInfo {
  return {
    account,
    organisation: { id: 'org-1', name: 'Patvērums Drošā māja', createdAt: '2025-11-20T09:00:00Z' },
    autoLockMinutes: 10,
  };
}

/** What the fake's enrolment packages start with, as real ones do. */
const ENROLMENT_PREFIX = 'hotline-enrolment-v1:';
/** The code that opens the fake's enrolment package (core's real packages cannot be sealed offline). */
export const ENROLMENT_CODE = 'ABCD-EFGH-JKMN-PQRS';

/** This computer's id in the fake's device list. */
export const THIS_DEVICE = 'dev-0';
/** The one-time code the fake's `enrolDevice` issues. */
export const ISSUED_CODE = 'K7QM-2XWD-9HTR-C4NB';

/** A device on the server for tests; `patch` overrides a consultant's laptop seen this morning. */
export function deviceInfo(patch: Partial<DeviceInfo> = {}): DeviceInfo {
  return {
    deviceId: 'dev-1',
    deviceName: 'Latgales klēpjdators',
    role: 'consultant',
    region: 'latgale',
    enrolledAt: '2026-11-02T09:00:00Z',
    lastSeenAt: '2026-11-23T07:30:00Z',
    revokedAt: null,
    ...patch,
  };
}

/** The categories every laptop starts with, as core lists them (recorded: the subjects, then the lines). */
const STARTER_CATEGORIES: readonly Category[] = fixtureState('starterCategories').categories ?? [];

/** A device that has never been connected to a sync server: the fake's starting point. */
const NOT_CONNECTED: SyncStatus = {
  connected: false,
  serverUrl: null,
  syncing: false,
  waiting: 0,
  lastSyncedAt: null,
  lastError: null,
  lastRefused: 0,
  quarantined: 0,
};

/** A connected device's sync status; `patch` overrides a clean, just-synced one. */
export function syncStatus(patch: Partial<SyncStatus> = {}): SyncStatus {
  return {
    connected: true,
    serverUrl: 'https://sync.example.lv',
    syncing: false,
    waiting: 0,
    lastSyncedAt: new Date().toISOString(),
    lastError: null,
    lastRefused: 0,
    quarantined: 0,
    ...patch,
  };
}

/** An audit entry for tests: `seq` also makes its id and hash unique. */
export function auditEntry(
  seq: number,
  action: AuditAction,
  at: string,
  actor: string | null,
  target: { kind: string; id: string } | null = null,
  details = 'null',
): AuditEntry {
  return {
    seq,
    id: `audit-${seq}`,
    at,
    actor,
    action,
    targetKind: target?.kind ?? null,
    targetId: target?.id ?? null,
    details,
    hash: seq.toString(16).padStart(64, '0'),
    deviceId: null,
  };
}

/**
 * The entries `filter` selects, newest first, as `audit_entries` selects them.
 * Still the fake's own: core offers no way to put a test's own entries in a
 * real log (it is append-only and begins with the set-up's entries).
 */
function selectAudit(log: readonly AuditEntry[], filter: AuditFilter): AuditEntry[] {
  const text = filter.text.trim().toLowerCase();
  return [...log].reverse().filter((entry) => {
    const day = rigaDay(new Date(entry.at));
    return (
      (filter.action === null || entry.action === filter.action) &&
      (filter.actor === null || entry.actor === filter.actor) &&
      (filter.from === null || day >= filter.from) &&
      (filter.to === null || day <= filter.to) &&
      (text === '' || (entry.targetId ?? '').toLowerCase().includes(text))
    );
  });
}

/**
 * A refusal as the backend sends it. Tests read it in Latvian or English; one
 * that reads the Russian gives the whole message in `extra`.
 */
export function publicError(code: PublicError['code'], lv: string, en: string, extra: Partial<PublicError> = {}): PublicError {
  return { code, message: { lv, en, ru: en }, ...extra };
}

/** A new draft as core's `start_call` makes it for `as`, started now. */
function newDraft(as: Account): StoredCall {
  const blank = recorded({ method: 'startCall', as: as.role, state: EMPTY_STATE, args: [] }).ok as StoredCall;
  const now = new Date().toISOString();
  return { ...blank, updatedAt: now, details: { ...blank.details, startedAt: now } };
}

/** An account as core lists it among the colleagues a follow-up can go to. */
export function colleague({ id, displayName, role, homeRegion }: Account): Colleague {
  return { id, displayName, role, homeRegion };
}

/** A second consultant of Latgale, Juris's colleague, for hand-overs. */
export const secondConsultant: Account = {
  id: 'acc-3',
  login: 'liga',
  displayName: 'Līga Kalniņa',
  role: 'consultant',
  homeRegion: 'latgale',
  createdAt: '2025-11-22T10:00:00Z',
  disabledAt: null,
};

/** A stored call for tests: a supervisor's draft as core starts it, with `details` filled in. */
export function storedCall(id: string, status: StoredCall['status'], details: Partial<CallDetails> = {}): StoredCall {
  const blank = newDraft(supervisor);
  const startedAt = details.startedAt ?? '2026-11-23T09:30:00Z';
  return {
    ...blank,
    id,
    status,
    updatedAt: startedAt,
    version: status === 'final' ? 1 : 0,
    details: { ...blank.details, startedAt, ...details },
  };
}

/** Puts the fake in a recorded state: its directory entries and calls, as core held them. */
export function useFixtureState(fake: FakeBackend, name: string): void {
  const state = structuredClone(fixtureState(name));
  fake.state = name;
  fake.referrals.clear();
  for (const entry of state.referrals ?? []) fake.referrals.set(entry.id, entry);
  for (const call of state.calls ?? []) fake.calls.set(call.id, call);
}

/** The directory the tests share, as core keeps it: a shelter with a confidential address, an NGO line, a municipal service, the police, a retired embassy. */
export function seedDirectory(fake: FakeBackend): void {
  useFixtureState(fake, 'directory');
}

/** What a supervisor edits of `entry` (its fields without the ones core derives). */
function inputOf(entry: ReferralEntry): ReferralInput {
  const { key, organisation, service, description, serviceTypes, areas, address, confidentialAddress } = entry;
  const { phones, email, web, messenger, hours, languages, notes, verifiedOn, verifiedBy } = entry;
  return structuredClone({
    key, organisation, service, description, serviceTypes, areas, address, confidentialAddress,
    phones, email, web, messenger, hours, languages, notes, verifiedOn, verifiedBy,
  });
}

/**
 * A version of `entry` in a conflict: its fields with `changes`, made by
 * `updatedBy` at `updatedAt`. Whether two edits conflict, and which is newer,
 * is core's to say: a test puts both versions in a conflict itself.
 */
export function referralVersion(
  stamp: string,
  entry: ReferralEntry,
  changes: Partial<ReferralInput>,
  made: Pick<ReferralVersion, 'updatedAt' | 'updatedBy'>,
): ReferralVersion {
  return { stamp, entry: { ...inputOf(entry), ...changes }, retired: entry.retired, ...made };
}

/** The report core made for `request` over the calls of state `name`. */
export function recordedReport(name: string, request: ReportRequest): Report {
  return structuredClone(recorded({ method: 'runReport', as: 'supervisor', state: name, args: [request] }).ok as Report);
}

/**
 * A report over a store with no finished call: core's rows (each line and
 * region is listed even when empty, as core lists them) with every count 0,
 * taken from a recorded report, so a supervisor's overview opens on any
 * state without a recording for each day a test runs on.
 */
function reportOfNothing(request: ReportRequest): Report {
  const zero = (): Report['total'] => ({ calls: { kind: 'exact', count: 0 }, cases: { kind: 'exact', count: 0 } });
  const shape = recordedReport('november', { from: '2026-11-01', to: '2026-11-30', regions: [], publication: null });
  return {
    ...shape,
    from: request.from,
    to: request.to,
    total: zero(),
    breakdowns: shape.breakdowns.map((breakdown) => ({
      ...breakdown,
      total: zero(),
      rows: breakdown.rows.map((row) => ({ ...row, counts: zero() })),
    })),
  };
}

/**
 * The refusal of a question about calls a test seeded itself: they never
 * were in core, so no answer over them can be recorded, and a test that
 * shows one hands it in (`mockResolvedValue`). Quiet, unlike an answer
 * missing from a recorded state: screens that ask in passing (the overview
 * the app opens on) just show a refusal the test does not look at.
 */
function seededOnly(method: keyof Backend): Error {
  return new Error(`no ${method} answer over calls a test seeded itself: hand one in with mockResolvedValue`);
}

/** Whether a call filter asks for every finished call. */
function unfiltered(filter: CallFilter): boolean {
  return (
    !filter.from &&
    !filter.to &&
    filter.regions.length === 0 &&
    filter.lines.length === 0 &&
    filter.subjects.length === 0 &&
    !filter.followUpDueBy &&
    !filter.text &&
    !filter.caseRef &&
    !filter.before
  );
}

/** A call's details as a test can pin them: the start and end times are the clock's. */
function pinnable(details: unknown): unknown {
  const { startedAt: _started, endedAt: _ended, ...rest } = details as CallDetails;
  return rest;
}

export function fakeBackend(status: AppStatus): FakeBackend {
  const listeners = new Set<(event: LockedEvent) => void>();
  const syncListeners = new Set<(status: SyncStatus) => void>();
  const backupListeners = new Set<(status: BackupScheduleStatus) => void>();
  let backups: BackupScheduleStatus = { schedule: null, last: null, lastWritten: null, nextDue: null };
  let sync: SyncStatus = { ...NOT_CONNECTED };
  let updates: UpdateStatus = { currentVersion: '0.1.0', readsRecordSchema: 3, checking: false };
  const done = () => Promise.resolve();
  const calls = new Map<string, StoredCall>();
  const histories = new Map<string, CallVersion[]>();
  const referrals = new Map<string, ReferralEntry>();
  const audit: AuditEntry[] = [];
  const conflicts: ReferralConflict[] = [];
  const quarantined: QuarantinedRecord[] = [];
  const devices: DeviceInfo[] = [
    deviceInfo({ deviceId: THIS_DEVICE, deviceName: 'Rīgas birojs 1', role: 'supervisor', region: 'riga', enrolledAt: '2025-11-20T09:00:00Z' }),
  ];
  const accounts: Account[] = [supervisor, consultant];
  const categories: Category[] = STARTER_CATEGORIES.map((starter) => structuredClone(starter));
  /** The held category with `code`; a test that asks about another seeds it first. */
  const categoryAt = (code: string) => {
    const index = categories.findIndex((held) => held.code === code);
    if (index < 0) throw new Error(`the fake lists no category ${code}: push it to \`categories\` first`);
    return index;
  };
  let retentionYears = 5;
  const account = status.session?.account ?? supervisor;
  let nextId = 1;

  /** The recorded answer to this call in the fake's state; a call nobody recorded rejects, naming it. */
  const ask = <T>(method: keyof Backend, args: unknown[], comparable?: (args: unknown[]) => unknown): Promise<T> => {
    try {
      return replay<T>(recorded({ method, as: account.role, state: fake.state, args }, comparable));
    } catch (error) {
      return Promise.reject(error);
    }
  };
  /** Like `ask`, for calls that change the directory: the fake moves to the state core was left in. */
  const change = <T>(method: keyof Backend, args: unknown[]): Promise<T> => {
    let exchange: Exchange;
    try {
      exchange = recorded({ method, as: account.role, state: fake.state, args });
    } catch (error) {
      return Promise.reject(error);
    }
    if (exchange.next) useFixtureState(fake, exchange.next);
    return replay<T>(exchange);
  };
  const found = (id: string) => {
    const call = calls.get(id);
    return call ? Promise.resolve(call) : Promise.reject(coreRefusal('callNotFound'));
  };
  const store = (call: StoredCall) => {
    calls.set(call.id, call);
    return call;
  };
  /** The refusal core recorded for finishing a call with these details, if it refused them. */
  const refusedToFinish = (details: CallDetails): Exchange | undefined =>
    find({ method: 'finishCall', as: account.role, state: fake.state, args: [null, details] }, (args) => pinnable(args[1]));
  const version = (call: StoredCall): CallVersion => ({
    version: call.version,
    editedOnTwoDevices: false,
    editedAt: call.updatedAt,
    editedBy: account.id,
    editedByName: account.displayName,
    changedFields: [],
    details: call.details,
  });
  const notConnected = () => (sync.connected ? undefined : coreRefusal('syncNotConfigured'));
  /** An entry as the directory's state lists it (a search, a consultant's reading). */
  const listed = (id: string) => fixtureState(fake.state).listed?.find((entry) => entry.id === id);

  const fake: FakeBackend = {
    state: EMPTY_STATE,
    appStatus: vi.fn<Backend['appStatus']>(() => Promise.resolve(status)),
    setUp: vi.fn<Backend['setUp']>((setup) =>
      Promise.resolve(
        sessionFor({ ...supervisor, login: setup.login, displayName: setup.displayName, homeRegion: setup.homeRegion }),
      ),
    ),
    chooseEnrolmentPackage: vi.fn<Backend['chooseEnrolmentPackage']>(() =>
      Promise.resolve({ name: 'latgale-laptop.txt', text: `${ENROLMENT_PREFIX}c2VhbGVk\n` }),
    ),
    joinOrganisation: vi.fn<Backend['joinOrganisation']>((enrolment) => {
      if (!enrolment.package.trim().startsWith(ENROLMENT_PREFIX)) return Promise.reject(coreRefusal('enrolmentInvalid'));
      // The fake's package opens with its code, typed in any case, with or without hyphens.
      if (enrolment.code.replace(/[\s-]/g, '').toUpperCase() !== ENROLMENT_CODE.replace(/-/g, '')) {
        return Promise.reject(coreRefusal('enrolmentCodeWrong'));
      }
      return Promise.resolve(sessionFor({ ...consultant, login: enrolment.login, displayName: enrolment.displayName }));
    }),
    unlock: vi.fn<Backend['unlock']>(() => Promise.resolve(sessionFor(supervisor))),
    lock: vi.fn<Backend['lock']>(done),
    quickExit: vi.fn<Backend['quickExit']>(done),
    copyText: vi.fn<Backend['copyText']>(() => Promise.resolve(true)),
    setLanguage: vi.fn<Backend['setLanguage']>(done),
    touch: vi.fn<Backend['touch']>(done),
    changePassphrase: vi.fn<Backend['changePassphrase']>(done),
    accounts,
    listAccounts: vi.fn<Backend['listAccounts']>(() => Promise.resolve(accounts.map((listed) => ({ ...listed })))),
    addAccount: vi.fn<Backend['addAccount']>((account) => {
      const added: Account = { ...account, id: `acc-${account.login}`, createdAt: '2025-11-23T12:00:00Z', disabledAt: null };
      accounts.push(added);
      return Promise.resolve({ ...added });
    }),
    // Which changes core refuses (one's own role, disabling oneself) is core's
    // to say: a test that shows a refusal hands it in with `mockRejectedValueOnce`.
    changeAccount: vi.fn<Backend['changeAccount']>((id, change) => {
      const index = accounts.findIndex((listed) => listed.id === id);
      if (index < 0) throw new Error(`the fake lists no account ${id}: push it to \`accounts\` first`);
      const before = accounts[index];
      const changed: Account = {
        ...before,
        role: change.role,
        homeRegion: change.homeRegion,
        disabledAt: change.disabled ? (before.disabledAt ?? '2025-11-23T12:00:00Z') : null,
      };
      accounts[index] = changed;
      return Promise.resolve({ ...changed });
    }),
    resetPassphrase: vi.fn<Backend['resetPassphrase']>(done),
    admitAccount: vi.fn<Backend['admitAccount']>((id, login) => {
      const index = accounts.findIndex((listed) => listed.id === id);
      if (index < 0) throw new Error(`the fake lists no account ${id}: push it to \`accounts\` first`);
      accounts[index] = { ...accounts[index], login };
      return Promise.resolve({ ...accounts[index] });
    }),
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
    referrals,

    startCall: vi.fn<Backend['startCall']>(() => Promise.resolve(store({ ...newDraft(account), id: `call-${nextId++}` }))),
    saveCallDraft: vi.fn<Backend['saveCallDraft']>((id, details) =>
      found(id).then((call) => store({ ...call, details, updatedAt: new Date().toISOString() })),
    ),
    // Where the retention period begins is core's to say: a test that shows a call past it hands the answer in.
    isPastRetention: vi.fn<Backend['isPastRetention']>(() => Promise.resolve(false)),
    finishCall: vi.fn<Backend['finishCall']>((id, details) =>
      found(id).then((call) => {
        const refusal = refusedToFinish(details);
        if (refusal) return replay<StoredCall>(refusal);
        const now = new Date().toISOString();
        const final = store({
          ...call,
          status: 'final',
          version: 1,
          updatedAt: now,
          details: { ...details, endedAt: details.endedAt ?? now },
        });
        histories.set(id, [version(final)]);
        return final;
      }),
    ),
    editCall: vi.fn<Backend['editCall']>((id, details) =>
      found(id).then((call) => {
        const edit = recorded({ method: 'editCall', as: account.role, state: fake.state, args: [id, details] }, (args) =>
          pinnable(args[1]),
        );
        if (edit.error) return Promise.reject(edit.error);
        const answer = edit.ok as StoredCall;
        histories.set(id, edit.history as CallVersion[]);
        return store({ ...call, version: answer.version, updatedAt: answer.updatedAt, details });
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
    callHistory: vi.fn<Backend['callHistory']>((id) => Promise.resolve([...(histories.get(id) ?? [])])),
    eraseCall: vi.fn<Backend['eraseCall']>((id) => {
      if (account.role !== 'supervisor') return Promise.reject(coreRefusal('supervisorOnly'));
      return found(id).then(() => {
        calls.delete(id);
        histories.delete(id);
        const seq = audit.length + 1;
        audit.push(auditEntry(seq, 'callErased', new Date().toISOString(), account.id, { kind: 'call', id }));
      });
    }),
    findCalls: vi.fn<Backend['findCalls']>((filter) => {
      const finished = [...calls.values()].filter((call) => call.status === 'final');
      // Nothing to filter, or no filter: the list as it is, newest first; any other question is core's.
      if (finished.length > 0 && !unfiltered(filter)) {
        if (fake.state === EMPTY_STATE) return Promise.reject(seededOnly('findCalls'));
        return ask<CallPage>('findCalls', [filter]);
      }
      return Promise.resolve({
        calls: finished.sort((a, b) => b.details.startedAt.localeCompare(a.details.startedAt)),
        next: null,
      });
    }),
    // Which follow-ups are open and which overdue is core's to say: a test that shows some hands them in.
    followUps: vi.fn<Backend['followUps']>(() => Promise.resolve([])),
    completeFollowUp: vi.fn<Backend['completeFollowUp']>((id, outcome) => ask('completeFollowUp', [id, outcome])),
    // Who counts as a colleague of a region is core's rule too: a test that offers some hands them in.
    colleagues: vi.fn<Backend['colleagues']>(() => Promise.resolve([])),
    handOverFollowUps: vi.fn<Backend['handOverFollowUps']>((from, to) => ask('handOverFollowUps', [from, to])),
    // Which calls make a case, and who may read them, is core's to say.
    getCase: vi.fn<Backend['getCase']>((caseRef) => ask('getCase', [caseRef])),
    findCases: vi.fn<Backend['findCases']>(() => Promise.resolve([])),
    mergeCases: vi.fn<Backend['mergeCases']>((from, into) => ask('mergeCases', [from, into])),
    setCallerNumber: vi.fn<Backend['setCallerNumber']>((id, number) =>
      found(id).then(() => ask('setCallerNumber', [id, number], (args) => args[1])),
    ),
    nextCaseRef: vi.fn<Backend['nextCaseRef']>(() => ask('nextCaseRef', [])),
    countryCodes: vi.fn<Backend['countryCodes']>(() => ask('countryCodes', [])),

    // Which categories core refuses to add or delete (a taken code, one in
    // use) is core's to say: a test that shows a refusal hands it in.
    categories,
    listCategories: vi.fn<Backend['listCategories']>(() => Promise.resolve(structuredClone(categories))),
    addCategory: vi.fn<Backend['addCategory']>((added) => {
      categories.push({ ...structuredClone(added), retired: false });
      return Promise.resolve(structuredClone(categories[categories.length - 1]));
    }),
    setCategoryRetired: vi.fn<Backend['setCategoryRetired']>((code, retired) => {
      const index = categoryAt(code);
      categories[index] = { ...categories[index], retired };
      return Promise.resolve(structuredClone(categories[index]));
    }),
    deleteCategory: vi.fn<Backend['deleteCategory']>((code) => {
      categories.splice(categoryAt(code), 1);
      return done();
    }),

    searchReferrals: vi.fn<Backend['searchReferrals']>((query) =>
      ask<string[]>('searchReferrals', [query]).then((ids) => ids.map((id) => structuredClone(listed(id)!))),
    ),
    getReferral: vi.fn<Backend['getReferral']>((id) => {
      const entry = account.role === 'supervisor' ? referrals.get(id) : listed(id);
      return entry ? Promise.resolve(structuredClone(entry)) : Promise.reject(coreRefusal('referralNotFound'));
    }),
    openConfidentialAddress: vi.fn<Backend['openConfidentialAddress']>((id) => {
      const entry = referrals.get(id);
      return entry ? Promise.resolve(entry.confidentialAddress) : Promise.reject(coreRefusal('referralNotFound'));
    }),
    saveReferral: vi.fn<Backend['saveReferral']>((id, input) => change('saveReferral', [id, input])),
    setReferralRetired: vi.fn<Backend['setReferralRetired']>((id, retired) => change('setReferralRetired', [id, retired])),
    importReferrals: vi.fn<Backend['importReferrals']>((format, contents) => change('importReferrals', [format, contents])),
    exportReferrals: vi.fn<Backend['exportReferrals']>((options) =>
      Promise.resolve(options.format === 'csv' ? '/home/anna/referrals.csv' : '/home/anna/referrals-hsds.json'),
    ),
    printReferralSheet: vi.fn<Backend['printReferralSheet']>((sheet) =>
      Promise.resolve({
        path: '/home/janis/kontakti.pdf',
        contacts: sheet.contacts.length,
        confidentialAddresses: sheet.contacts.filter((contact) => contact.includeConfidentialAddress).length,
      }),
    ),
    printCallSummary: vi.fn<Backend['printCallSummary']>((request) =>
      Promise.resolve({ path: '/home/janis/zvana-kopsavilkums.pdf', parts: request.parts }),
    ),
    municipalities: vi.fn<Backend['municipalities']>(() => ask('municipalities', [])),
    loadStarterReferrals: vi.fn<Backend['loadStarterReferrals']>(() => change('loadStarterReferrals', [])),
    conflicts,
    referralConflicts: vi.fn<Backend['referralConflicts']>(() =>
      account.role === 'supervisor' ? Promise.resolve(structuredClone(conflicts)) : Promise.reject(coreRefusal('supervisorOnly')),
    ),
    resolveReferralConflict: vi.fn<Backend['resolveReferralConflict']>((entryId, keep) => {
      if (account.role !== 'supervisor') return Promise.reject(coreRefusal('supervisorOnly'));
      const index = conflicts.findIndex((conflict) => conflict.entryId === entryId);
      const conflict = conflicts[index];
      const kept = conflict && [conflict.current, ...conflict.rivals].find((version) => version.stamp === keep);
      const entry = referrals.get(entryId);
      if (!kept || !entry) throw new Error(`the fake holds no version ${keep} of ${entryId}: seed the entry and push its conflict first`);
      conflicts.splice(index, 1);
      const resolved: ReferralEntry = { ...entry, ...structuredClone(kept.entry), retired: kept.retired, updatedAt: kept.updatedAt };
      referrals.set(entryId, resolved);
      return Promise.resolve(structuredClone(resolved));
    }),

    runReport: vi.fn<Backend['runReport']>((request) => {
      const held = find({ method: 'runReport', as: account.role, state: fake.state, args: [request] });
      if (held) return replay<Report>(held);
      if (![...calls.values()].some((call) => call.status === 'final')) return Promise.resolve(reportOfNothing(request));
      if (fake.state === EMPTY_STATE) return Promise.reject(seededOnly('runReport'));
      return ask('runReport', [request]);
    }),
    exportReport: vi.fn<Backend['exportReport']>((request, format) =>
      ask<Report>('runReport', [request]).then((report) => ({
        files:
          format === 'csv'
            ? ['/home/anna/atskaite/00-report.csv', '/home/anna/atskaite/01-month.csv', '/home/anna/atskaite/02-region.csv']
            : [`/home/anna/report.${format}`],
        report,
      })),
    ),

    // How many cases a CTDC file holds and leaves out is core's to say: a test
    // that shows the numbers hands the answer in.
    exportCtdc: vi.fn<Backend['exportCtdc']>((request) =>
      account.role === 'supervisor'
        ? Promise.resolve({
            path: `/home/anna/ctdc-${request.from}-${request.to}.csv`,
            rows: 0,
            suppressed: { kind: 'exact', count: 0 },
            publication: request.publication,
          })
        : Promise.reject(coreRefusal('supervisorOnly')),
    ),
    exportCallList: vi.fn<Backend['exportCallList']>((request, columns, format) =>
      account.role === 'supervisor'
        ? Promise.resolve({ path: `/home/anna/calls-${request.from}-${request.to}.${format}`, calls: 0, columns: [...columns] })
        : Promise.reject(coreRefusal('supervisorOnly')),
    ),

    syncStatus: vi.fn<Backend['syncStatus']>(() => Promise.resolve({ ...sync })),
    syncNow: vi.fn<Backend['syncNow']>(() => {
      const problem = notConnected();
      if (problem) return Promise.reject(problem);
      if (sync.syncing) return Promise.resolve(null);
      const report = { pushed: sync.waiting, pulled: 0, refused: 0, quarantined: 0 };
      sync = { ...sync, waiting: 0, lastSyncedAt: new Date().toISOString(), lastError: null, lastRefused: 0 };
      return Promise.resolve(report);
    }),
    cancelSync: vi.fn<Backend['cancelSync']>(() => {
      if (sync.syncing) sync = { ...sync, syncing: false, progress: undefined };
      return Promise.resolve();
    }),
    chooseServerCertificate: vi.fn<Backend['chooseServerCertificate']>(() =>
      Promise.resolve({ name: 'org-ca.pem', text: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n' }),
    ),
    registerSyncServer: vi.fn<Backend['registerSyncServer']>((serverUrl, deviceName, serverCertificate) => {
      if (sync.connected) return Promise.reject(coreRefusal('alreadyConnected'));
      // Core refuses a bad address before it reaches for the network; a good one the fake takes as reachable.
      const refused = find({
        method: 'registerSyncServer',
        as: account.role,
        state: EMPTY_STATE,
        args: [serverUrl, deviceName, serverCertificate],
      });
      if (refused) return replay(refused);
      sync = { ...NOT_CONNECTED, connected: true, serverUrl };
      return Promise.resolve({ ...sync });
    }),
    updateStatus: vi.fn<Backend['updateStatus']>(() => Promise.resolve({ ...updates })),
    checkForUpdate: vi.fn<Backend['checkForUpdate']>(() => {
      updates = { ...updates, checkedAt: '2026-12-07T09:00:00Z' };
      return Promise.resolve({ ...updates });
    }),
    installUpdate: vi.fn<Backend['installUpdate']>(() => Promise.resolve()),
    onUpdateStatus: vi.fn<Backend['onUpdateStatus']>(() => Promise.resolve(() => undefined)),
    onSyncStatus: vi.fn<Backend['onSyncStatus']>((handler) => {
      syncListeners.add(handler);
      return Promise.resolve(() => syncListeners.delete(handler));
    }),
    quarantined,
    quarantinedRecords: vi.fn<Backend['quarantinedRecords']>(() =>
      account.role === 'supervisor'
        ? Promise.resolve(quarantined.map((record) => ({ ...record })))
        : Promise.reject(coreRefusal('supervisorOnly')),
    ),
    devices,
    listDevices: vi.fn<Backend['listDevices']>(() => {
      const problem = notConnected();
      if (problem) return Promise.reject(problem);
      return Promise.resolve({ thisDevice: THIS_DEVICE, devices: devices.map((device) => ({ ...device })) });
    }),
    enrolDevice: vi.fn<Backend['enrolDevice']>((device) => {
      const problem = notConnected();
      if (problem) return Promise.reject(problem);
      const deviceId = `dev-${devices.length}`;
      devices.push(deviceInfo({ ...device, deviceId, enrolledAt: new Date().toISOString(), lastSeenAt: null }));
      return Promise.resolve({
        ...device,
        deviceId,
        path: '/home/anna/hotline-enrolment.enrol',
        code: ISSUED_CODE,
        expiresAt: '2026-11-30T10:00:00Z',
      });
    }),
    revokeDevice: vi.fn<Backend['revokeDevice']>((deviceId) => {
      const problem = notConnected();
      if (problem) return Promise.reject(problem);
      const device = devices.find((known) => known.deviceId === deviceId);
      if (device && !device.revokedAt) device.revokedAt = new Date().toISOString();
      return done();
    }),
    setSyncStatus(patch) {
      sync = { ...sync, ...patch };
    },
    emitBackupStatus(status) {
      backups = status;
      for (const listener of backupListeners) listener(structuredClone(status));
    },
    emitSyncStatus(patch = {}) {
      sync = { ...sync, ...patch };
      for (const listener of syncListeners) listener({ ...sync });
    },

    audit,
    auditEntries: vi.fn<Backend['auditEntries']>((filter) => {
      const selected = selectAudit(audit, filter);
      return Promise.resolve({ entries: selected.slice(0, 500), matching: selected.length });
    }),
    verifyAuditLog: vi.fn<Backend['verifyAuditLog']>(() => Promise.resolve({ entries: audit.length, firstBroken: null, problem: null, otherDevicesBroken: [], gaps: [] })),
    exportAuditLog: vi.fn<Backend['exportAuditLog']>((filter) =>
      Promise.resolve({ path: '/home/anna/audit-log-2026-11-23.csv', entries: selectAudit(audit, filter).length }),
    ),

    backUp: vi.fn<Backend['backUp']>(() =>
      Promise.resolve({ path: '/home/anna/hotline-2026-11-23.backup', bytes: 2_621_440, createdAt: new Date().toISOString() }),
    ),
    backupSchedule: vi.fn<Backend['backupSchedule']>(() => Promise.resolve(structuredClone(backups))),
    scheduleBackups: vi.fn<Backend['scheduleBackups']>((interval, keep) => {
      if (account.role !== 'supervisor') return Promise.reject(coreRefusal('supervisorOnly'));
      const at = new Date().toISOString();
      const path = `/media/usb/backups/hotline-scheduled-${at.slice(0, 10)}-080000.backup`;
      backups = {
        schedule: { interval, keep, folder: backups.schedule?.folder ?? '/media/usb/backups' },
        last: { at, outcome: { kind: 'written', path, bytes: 2_621_440 } },
        lastWritten: at,
        nextDue: new Date(Date.now() + (interval === 'daily' ? 1 : 7) * 86_400_000).toISOString(),
      };
      return Promise.resolve(structuredClone(backups));
    }),
    stopScheduledBackups: vi.fn<Backend['stopScheduledBackups']>(() => {
      if (account.role !== 'supervisor') return Promise.reject(coreRefusal('supervisorOnly'));
      backups = { ...backups, schedule: null, nextDue: null };
      return Promise.resolve(structuredClone(backups));
    }),
    onBackupStatus: vi.fn<Backend['onBackupStatus']>((handler) => {
      backupListeners.add(handler);
      return Promise.resolve(() => backupListeners.delete(handler));
    }),
    chooseBackup: vi.fn<Backend['chooseBackup']>(() => Promise.resolve('/media/usb/hotline-2026-11-20.backup')),
    restoreBackup: vi.fn<Backend['restoreBackup']>(() => Promise.resolve(sessionFor(supervisor))),
    longWorkProgress: vi.fn<Backend['longWorkProgress']>(() => Promise.resolve(null)),
    cancelLongWork: vi.fn<Backend['cancelLongWork']>(() => Promise.resolve()),
    retentionYears: vi.fn<Backend['retentionYears']>(() => Promise.resolve(retentionYears)),
    setRetentionYears: vi.fn<Backend['setRetentionYears']>((years) => {
      retentionYears = years;
      return done();
    }),
    runRetention: vi.fn<Backend['runRetention']>(() => ask('runRetention', [])),
  };
  return fake;
}
