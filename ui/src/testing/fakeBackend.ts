// Test support: an in-memory `Backend` whose methods are Vitest mocks.
// Never imported by the app itself.
import { vi, type Mock } from 'vitest';
import type {
  Account,
  AppStatus,
  Area,
  AuditAction,
  AuditEntry,
  AuditFilter,
  Backend,
  Breakdown,
  BreakdownKind,
  CallDetails,
  CallVersion,
  Cell,
  Counts,
  DeviceInfo,
  ImportProblem,
  Localized,
  LockedEvent,
  Municipality,
  PublicError,
  ReferralEntry,
  ReferralInput,
  Report,
  ReportRequest,
  SessionInfo,
  StoredCall,
  SyncStatus,
  TransferFormat,
} from '../ipc/backend';
import { rigaDay } from '../i18n/dates';

export type FakeBackend = { [K in keyof Backend]: Mock<Backend[K]> } & {
  /** Fires the backend's `locked` event, as auto-lock does. */
  emitLocked(reason: LockedEvent['reason']): void;
  /** The fake's stored calls by id (drafts and finished), for tests to seed and inspect. */
  calls: Map<string, StoredCall>;
  /** Kept versions of finished calls by id. */
  histories: Map<string, CallVersion[]>;
  /**
   * The directory by id, confidential addresses included (the fake blanks them
   * as the backend does). Seed with `addReferral` or `seedDirectory`.
   */
  referrals: Map<string, ReferralEntry>;
  /** The audit log, oldest first; `auditEntries` filters it as the backend does. */
  audit: AuditEntry[];
  /** Changes what `syncStatus` answers from now on (it does not emit `sync-status`). */
  setSyncStatus(patch: Partial<SyncStatus>): void;
  /** Fires the backend's `sync-status` event with the current status, after applying `patch`. */
  emitSyncStatus(patch?: Partial<SyncStatus>): void;
  /** The server's device list, this computer first; `enrolDevice` and `revokeDevice` change it. */
  devices: DeviceInfo[];
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

/** What the fake's enrolment packages start with, as real ones do. */
const ENROLMENT_PREFIX = 'hotline-enrolment-v1:';
/** The code that opens the fake's enrolment package. */
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

/** A device that has never been connected to a sync server: the fake's starting point. */
export const NOT_CONNECTED: SyncStatus = {
  connected: false,
  serverUrl: null,
  syncing: false,
  waiting: 0,
  lastSyncedAt: null,
  lastError: null,
  lastRefused: 0,
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

/** The entries `filter` selects, newest first, as `audit_entries` selects them. */
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
    editedOnTwoDevices: false,
    details: { ...blankDetails(startedAt), ...details },
  };
}

const invalid = (field: string, lv: string, en: string) => publicError('invalidInput', lv, en, { field });

/** Lower case without diacritics, as the backend's search compares words. */
const folded = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

// ---- The referral directory ----------------------------------------------

/** The municipalities as `municipalities` lists them (docs/referrals-csv.md). */
export const MUNICIPALITIES: readonly Municipality[] = (
  [
    ['riga', 'Rīga', 'riga'], ['jurmala', 'Jūrmala', 'riga'], ['adazu-novads', 'Ādažu novads', 'riga'],
    ['kekavas-novads', 'Ķekavas novads', 'riga'], ['marupes-novads', 'Mārupes novads', 'riga'],
    ['olaines-novads', 'Olaines novads', 'riga'], ['ropazu-novads', 'Ropažu novads', 'riga'],
    ['salaspils-novads', 'Salaspils novads', 'riga'], ['saulkrastu-novads', 'Saulkrastu novads', 'riga'],
    ['siguldas-novads', 'Siguldas novads', 'riga'], ['ogres-novads', 'Ogres novads', 'riga'],
    ['daugavpils', 'Daugavpils', 'latgale'], ['rezekne', 'Rēzekne', 'latgale'],
    ['augsdaugavas-novads', 'Augšdaugavas novads', 'latgale'], ['balvu-novads', 'Balvu novads', 'latgale'],
    ['kraslavas-novads', 'Krāslavas novads', 'latgale'], ['livanu-novads', 'Līvānu novads', 'latgale'],
    ['ludzas-novads', 'Ludzas novads', 'latgale'], ['preilu-novads', 'Preiļu novads', 'latgale'],
    ['rezeknes-novads', 'Rēzeknes novads', 'latgale'], ['varaklanu-novads', 'Varakļānu novads', 'latgale'],
    ['liepaja', 'Liepāja', 'kurzeme'], ['ventspils', 'Ventspils', 'kurzeme'],
    ['dienvidkurzemes-novads', 'Dienvidkurzemes novads', 'kurzeme'], ['kuldigas-novads', 'Kuldīgas novads', 'kurzeme'],
    ['saldus-novads', 'Saldus novads', 'kurzeme'], ['talsu-novads', 'Talsu novads', 'kurzeme'],
    ['tukuma-novads', 'Tukuma novads', 'kurzeme'], ['ventspils-novads', 'Ventspils novads', 'kurzeme'],
    ['aluksnes-novads', 'Alūksnes novads', 'vidzeme'], ['cesu-novads', 'Cēsu novads', 'vidzeme'],
    ['gulbenes-novads', 'Gulbenes novads', 'vidzeme'], ['limbazu-novads', 'Limbažu novads', 'vidzeme'],
    ['madonas-novads', 'Madonas novads', 'vidzeme'], ['smiltenes-novads', 'Smiltenes novads', 'vidzeme'],
    ['valkas-novads', 'Valkas novads', 'vidzeme'], ['valmieras-novads', 'Valmieras novads', 'vidzeme'],
    ['jelgava', 'Jelgava', 'zemgale'], ['aizkraukles-novads', 'Aizkraukles novads', 'zemgale'],
    ['bauskas-novads', 'Bauskas novads', 'zemgale'], ['dobeles-novads', 'Dobeles novads', 'zemgale'],
    ['jelgavas-novads', 'Jelgavas novads', 'zemgale'], ['jekabpils-novads', 'Jēkabpils novads', 'zemgale'],
  ] as const
).map(([code, name, region]) => ({ code, name, region }));

/** A directory entry's editable part; `patch` overrides the blank one. */
export function referralInput(patch: Partial<ReferralInput> & Pick<ReferralInput, 'key'>): ReferralInput {
  return {
    organisation: { lv: '', en: '', ru: '' },
    service: { lv: '', en: '', ru: '' },
    description: { lv: '', en: '', ru: '' },
    serviceTypes: ['other'],
    areas: [{ kind: 'nationwide' }],
    address: '',
    confidentialAddress: '',
    phones: [],
    email: '',
    web: '',
    messenger: '',
    hours: '',
    languages: ['lv'],
    notes: { lv: '', en: '', ru: '' },
    verifiedOn: null,
    verifiedBy: '',
    ...patch,
  };
}

/** `+37167898343` → `+371 67898343`; short national numbers stay as they are. */
function phoneDisplay(number: string): string {
  const match = /^\+371(\d{8})$/.exec(number);
  return match ? `+371 ${match[1]}` : number;
}

function normalisedPhone(number: string): string | null {
  const digits = number.replace(/[\s-]/g, '');
  if (/^\d{8}$/.test(digits)) return `+371${digits}`;
  if (/^\+\d{7,15}$/.test(digits) || /^\d{3,6}$/.test(digits)) return digits;
  return null;
}

const DAY = '(Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
const SPAN = '\\d{2}:\\d{2}-\\d{2}:\\d{2}';
const HOURS_RULE = new RegExp(`^(24/7|${DAY}(-${DAY})? ${SPAN}|\\d{4}-\\d{2}-\\d{2} (closed|${SPAN}))$`);

const regionsOf = (areas: readonly Area[]) =>
  (['riga', 'latgale', 'kurzeme', 'vidzeme', 'zemgale'] as const).filter((region) =>
    areas.some(
      (area) =>
        area.kind === 'nationwide' ||
        (area.kind === 'municipality' && MUNICIPALITIES.some((m) => m.code === area.code && m.region === region)),
    ),
  );

/**
 * An entry as the backend would show it. The fake does not evaluate opening
 * hours: `24/7` is open, other hours are closed, none is unknown (tests set
 * `openNow` through `extra` when it matters).
 */
export function referralEntry(id: string, input: ReferralInput, extra: Partial<ReferralEntry> = {}): ReferralEntry {
  const phonesDisplay = input.phones.map((phone) => phoneDisplay(phone.number));
  const contact = [
    `${input.organisation.lv} — ${input.service.lv}`,
    ...input.phones.map((phone, i) => (phone.label ? `${phonesDisplay[i]} (${phone.label})` : phonesDisplay[i]!)),
    ...[input.email, input.web, input.messenger, input.address].filter(Boolean),
  ].join('\n');
  const yearAgo = new Date(Date.now() - 365 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
  return {
    ...input,
    id,
    retired: false,
    hasConfidentialAddress: input.confidentialAddress !== '',
    updatedAt: '2026-11-20T09:00:00Z',
    regions: regionsOf(input.areas),
    phonesDisplay,
    hoursText: input.hours ? { lv: input.hours, en: input.hours } : null,
    openNow: input.hours ? input.hours === '24/7' : null,
    needsVerification: input.verifiedOn === null || input.verifiedOn <= yearAgo,
    contactText: contact,
    ...extra,
  };
}

/** A small directory: an NGO line, a shelter with a confidential address, a municipal service, the police, a retired embassy. */
export function seedDirectory(fake: FakeBackend): void {
  const add = (id: string, input: ReferralInput, extra: Partial<ReferralEntry> = {}) =>
    fake.referrals.set(id, referralEntry(id, input, extra));
  add(
    'ref-dm',
    referralInput({
      key: 'drosa-maja-riga',
      organisation: { lv: 'Patvērums “Drošā māja”', en: 'Shelter “Safe House”', ru: '' },
      service: { lv: 'Konsultācijas cilvēku tirdzniecības jautājumos', en: 'Counselling on human trafficking', ru: '' },
      description: { lv: 'Konsultācijas klātienē Rīgā un pa tālruni.', en: 'Counselling in Riga and by phone.', ru: '' },
      serviceTypes: ['ngo', 'socialService', 'legalAid'],
      address: 'Lāčplēša iela 75 - 1 B, Rīga',
      phones: [
        { number: '+37167898343', label: 'I-V 9:00-20:00' },
        { number: '+37128612120', label: 'Uzticības tālrunis' },
      ],
      web: 'https://patverums-dm.lv',
      messenger: 'Skype: PatverumsDM',
      hours: 'Mon-Fri 09:00-20:00',
      languages: ['lv', 'ru', 'en'],
      notes: { lv: 'Katram numuram savs darba laiks.', en: 'Each number has its own hours.', ru: '' },
      verifiedOn: '2026-10-01',
      verifiedBy: 'Anna Bērziņa',
    }),
    { openNow: true },
  );
  add(
    'ref-shelter',
    referralInput({
      key: 'drosa-maja-drosa-patversme',
      organisation: { lv: 'Patvērums “Drošā māja”', en: 'Shelter “Safe House”', ru: '' },
      service: { lv: 'Droša patversme cietušajiem', en: 'Safe shelter for victims', ru: '' },
      serviceTypes: ['shelter'],
      confidentialAddress: 'Slepenā iela 1, Rīga',
      phones: [{ number: '+37125565098', label: '' }],
      hours: '24/7',
    }),
  );
  add(
    'ref-rezekne',
    referralInput({
      key: 'rezeknes-novada-socialais-dienests',
      organisation: { lv: 'Rēzeknes novada pašvaldības sociālais dienests', en: 'Rēzekne Municipality Social Service', ru: '' },
      service: { lv: 'Sociālā palīdzība', en: 'Social assistance', ru: 'Социальная помощь' },
      serviceTypes: ['socialService'],
      areas: [{ kind: 'municipality', code: 'rezeknes-novads' }],
      address: 'Atbrīvošanas aleja 95A, Rēzekne',
      phones: [{ number: '+37164607188', label: '' }],
      hours: 'Mon-Fri 08:30-17:00',
      languages: ['lv', 'ru'],
    }),
    { openNow: false },
  );
  add(
    'ref-police',
    referralInput({
      key: 'valsts-policija-110',
      organisation: { lv: 'Valsts policija', en: 'State Police', ru: 'Государственная полиция' },
      service: { lv: 'Ārkārtas izsaukumi', en: 'Emergency calls', ru: 'Экстренные вызовы' },
      serviceTypes: ['police'],
      phones: [{ number: '110', label: '' }],
      hours: '24/7',
      languages: ['lv', 'ru', 'en'],
      verifiedOn: '2026-09-15',
      verifiedBy: 'Anna Bērziņa',
    }),
  );
  add(
    'ref-embassy',
    referralInput({
      key: 'lv-embassy-gb',
      organisation: { lv: 'Latvijas vēstniecība Lielbritānijā', en: 'Embassy of Latvia in the UK', ru: '' },
      service: { lv: 'Konsulārā palīdzība', en: 'Consular assistance', ru: '' },
      serviceTypes: ['embassy'],
      areas: [{ kind: 'abroad', country: 'GB' }],
    }),
    { retired: true },
  );
}

/** The searchable text of an entry, folded like the backend folds it. */
function referralHaystack(entry: ReferralEntry): string {
  const texts = (t: { lv: string; en: string; ru: string }) => `${t.lv} ${t.en} ${t.ru}`;
  const places = entry.areas.map((area) =>
    area.kind === 'municipality'
      ? `${area.code} ${MUNICIPALITIES.find((m) => m.code === area.code)?.name ?? ''}`
      : area.kind === 'abroad'
        ? area.country
        : 'nationwide',
  );
  return folded(
    [
      texts(entry.organisation),
      texts(entry.service),
      texts(entry.description),
      texts(entry.notes),
      entry.address,
      entry.serviceTypes.join(' '),
      ...places,
    ].join(' '),
  );
}

/** Splits one CSV line into fields; quotes may hold commas and doubled quotes. */
function csvFields(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else field += c;
  }
  fields.push(field);
  return fields;
}

/** The fake import's reading of a file: rows by key, or the problems found. */
function readImport(format: TransferFormat, contents: string): { rows: ReferralInput[]; problems: ImportProblem[] } {
  const rows: ReferralInput[] = [];
  const problems: ImportProblem[] = [];
  const badKey = (line: number, column: string) =>
    problems.push({
      line,
      column,
      message: {
        lv: 'Atslēgā drīkst būt tikai mazie latīņu burti, cipari un domuzīme.',
        en: 'A key may only contain lower-case letters a-z, digits and hyphens.',
      },
    });
  const keyOk = (key: string) => /^[a-z0-9-]+$/.test(key);
  if (format === 'hsds') {
    const records = JSON.parse(contents) as { name?: string; x_hotline?: { key?: string } }[];
    records.forEach((record, i) => {
      const key = record.x_hotline?.key ?? '';
      if (!keyOk(key)) badKey(i + 1, 'x_hotline.key');
      else rows.push(referralInput({ key, service: { lv: record.name ?? '', en: '', ru: '' } }));
    });
    return { rows, problems };
  }
  const lines = contents.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = csvFields(lines[0] ?? '');
  lines.slice(1).forEach((line, i) => {
    if (line.trim() === '') return;
    const values = csvFields(line);
    const cell = (name: string) => values[header.indexOf(name)] ?? '';
    const key = cell('key');
    if (!keyOk(key)) {
      badKey(i + 2, 'key');
      return;
    }
    rows.push(
      referralInput({
        key,
        organisation: { lv: cell('organisation_lv'), en: cell('organisation_en'), ru: cell('organisation_ru') },
        service: { lv: cell('service_lv'), en: cell('service_en'), ru: cell('service_ru') },
      }),
    );
  });
  return { rows, problems };
}

// ---- Reports ---------------------------------------------------------------

const ALL_REGIONS = ['riga', 'latgale', 'kurzeme', 'vidzeme', 'zemgale'] as const;

/** Every `yyyy-mm` from `from`'s month to `to`'s. */
function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [year, month] = from.split('-').map(Number) as [number, number];
  const last = to.slice(0, 7);
  for (;;) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    if (key > last) return months;
    months.push(key);
    [year, month] = month === 12 ? [year + 1, 1] : [year, month + 1];
  }
}

/**
 * The report the backend would make from `stored`, for the breakdowns the
 * screen charts and one more (month, region, subject, country). In publication
 * mode counts from 1 to k−1 come as "small"; the fake withholds no
 * complementary cells (tests that need "x" hand the screen their own report).
 */
export function fakeReport(stored: Iterable<StoredCall>, request: ReportRequest): Report {
  const regions = request.regions.length > 0 ? [...request.regions] : [...ALL_REGIONS];
  const calls = [...stored].filter((call) => {
    const day = rigaDay(new Date(call.details.startedAt));
    return call.status === 'final' && regions.includes(call.details.region) && day >= request.from && day <= request.to;
  });
  const k = request.publication?.minCell;
  const cell = (count: number): Cell =>
    k !== undefined && count > 0 && count < k ? { kind: 'small', below: k } : { kind: 'exact', count };
  const counts = (of: StoredCall[]): Counts => ({
    calls: cell(of.length),
    cases: cell(new Set(of.flatMap((call) => (call.details.caseRef ? [call.details.caseRef] : []))).size),
  });
  const same = (text: string): Localized => ({ lv: text, en: text });
  const breakdown = (kind: BreakdownKind, title: Localized, fixed: string[], keysOf: (call: StoredCall) => string[]): Breakdown => {
    const keys = [...new Set([...fixed, ...calls.flatMap(keysOf)])];
    return {
      kind,
      title,
      note: { lv: 'Katrs zvans ir vienā rindā.', en: 'Each call is in one row.' },
      rows: keys.map((key) => ({ key, label: same(key), counts: counts(calls.filter((call) => keysOf(call).includes(key))) })),
      total: counts(calls.filter((call) => keysOf(call).length > 0)),
    };
  };
  return {
    from: request.from,
    to: request.to,
    regions,
    generatedAt: new Date().toISOString(),
    publication: request.publication,
    total: counts(calls),
    breakdowns: [
      breakdown('month', { lv: 'Pa mēnešiem', en: 'By month' }, monthsBetween(request.from, request.to), (call) => [
        rigaDay(new Date(call.details.startedAt)).slice(0, 7),
      ]),
      breakdown('region', { lv: 'Pa reģioniem', en: 'By region' }, regions, (call) => [call.details.region]),
      breakdown('subject', { lv: 'Pa tēmām', en: 'By subject' }, [], (call) => call.details.subjects),
      breakdown('country', { lv: 'Pa galamērķa valstīm', en: 'By destination country' }, [], (call) => [
        call.details.country ?? 'notRecorded',
      ]),
    ],
  };
}

function changedFields(before: CallDetails, after: CallDetails): string[] {
  return (Object.keys(after) as (keyof CallDetails)[]).filter(
    (key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]),
  );
}

export function fakeBackend(status: AppStatus): FakeBackend {
  const listeners = new Set<(event: LockedEvent) => void>();
  const syncListeners = new Set<(status: SyncStatus) => void>();
  let sync: SyncStatus = { ...NOT_CONNECTED };
  const done = () => Promise.resolve();
  const calls = new Map<string, StoredCall>();
  const histories = new Map<string, CallVersion[]>();
  const referrals = new Map<string, ReferralEntry>();
  const audit: AuditEntry[] = [];
  const devices: DeviceInfo[] = [
    deviceInfo({ deviceId: THIS_DEVICE, deviceName: 'Rīgas birojs 1', role: 'supervisor', region: 'riga', enrolledAt: '2025-11-20T09:00:00Z' }),
  ];
  let retentionYears = 5;
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
  const referralFound = (id: string) => {
    const entry = referrals.get(id);
    return entry
      ? Promise.resolve(entry)
      : Promise.reject(publicError('referralNotFound', 'Ieraksts katalogā nav atrasts.', 'Directory entry not found.'));
  };
  const supervisorOnly = () =>
    account.role === 'supervisor'
      ? undefined
      : publicError('supervisorOnly', 'To var darīt tikai supervizors.', 'Only a supervisor can do this.');
  const notConnected = () =>
    sync.connected
      ? undefined
      : publicError('syncNotConfigured', 'Šis dators nav pieslēgts sinhronizācijas serverim.', 'This computer is not connected to a sync server.');
  const asShown = (entry: ReferralEntry): ReferralEntry =>
    account.role === 'supervisor' ? entry : { ...entry, confidentialAddress: '' };
  const invalidReferral = (input: ReferralInput): PublicError | undefined => {
    if (!/^[a-z0-9-]+$/.test(input.key.trim())) {
      return invalid('key', 'Atslēgā drīkst būt tikai mazie latīņu burti, cipari un domuzīme.', 'A key may only contain a-z, 0-9 and hyphens.');
    }
    if (!input.organisation.lv.trim()) return invalid('organisation', 'Norādiet organizācijas nosaukumu latviski.', 'Give the organisation’s name in Latvian.');
    if (!input.service.lv.trim()) return invalid('service', 'Norādiet pakalpojumu latviski.', 'Give the service in Latvian.');
    if (input.serviceTypes.length === 0) return invalid('serviceTypes', 'Izvēlieties vismaz vienu veidu.', 'Choose at least one type.');
    if (input.areas.length === 0) return invalid('areas', 'Norādiet, kur pakalpojums pieejams.', 'Say where the service is available.');
    if (input.phones.some((phone) => normalisedPhone(phone.number) === null)) {
      return invalid('phones', 'Nederīgs tālruņa numurs.', 'Not a valid phone number.');
    }
    if (input.email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(input.email)) return invalid('email', 'Nederīga e-pasta adrese.', 'Not a valid e-mail address.');
    if (input.web && !/^https?:\/\//.test(input.web)) return invalid('web', 'Adresei jāsākas ar https://.', 'The address must start with https://.');
    const rules = input.hours.split(';').map((rule) => rule.trim()).filter(Boolean);
    if (!rules.every((rule) => HOURS_RULE.test(rule))) {
      return invalid('hours', 'Darba laiku neizdevās nolasīt.', 'The opening hours could not be read.');
    }
    return undefined;
  };
  const version = (call: StoredCall, changed: string[]): CallVersion => ({
    version: call.version,
    editedOnTwoDevices: false,
    editedAt: call.updatedAt,
    editedBy: account.id,
    editedByName: account.displayName,
    changedFields: changed,
    details: call.details,
  });
  const fake: FakeBackend = {
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
      if (!enrolment.package.trim().startsWith(ENROLMENT_PREFIX)) {
        return Promise.reject(publicError('enrolmentInvalid', 'Tas nav derīgs pieslēgšanas pakets.', 'This is not a valid enrolment package.'));
      }
      if (enrolment.code.replace(/[\s-]/g, '').toUpperCase() !== ENROLMENT_CODE.replace(/-/g, '')) {
        return Promise.reject(publicError('enrolmentCodeWrong', 'Kods neatver šo paketi.', 'The code does not open this package.'));
      }
      if (!/^[a-z0-9._-]{2,32}$/.test(enrolment.login)) {
        return Promise.reject(invalid('login', 'Nederīgs lietotājvārds.', 'Not a valid login.'));
      }
      return Promise.resolve(sessionFor({ ...consultant, login: enrolment.login, displayName: enrolment.displayName }));
    }),
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
    referrals,

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

    searchReferrals: vi.fn<Backend['searchReferrals']>((query) => {
      const words = folded(query.text ?? '').split(/[^\p{L}\p{N}]+/u).filter(Boolean);
      const since = query.verifiedWithinMonths
        ? (() => {
            const day = new Date();
            day.setMonth(day.getMonth() - query.verifiedWithinMonths!);
            return day.toISOString().slice(0, 10);
          })()
        : null;
      const matches = [...referrals.values()].filter((entry) => {
        if (entry.retired && !query.includeRetired) return false;
        if (query.region && !entry.regions.includes(query.region)) return false;
        if (
          query.municipality &&
          !entry.areas.some((a) => a.kind === 'nationwide' || (a.kind === 'municipality' && a.code === query.municipality))
        ) {
          return false;
        }
        if (query.serviceType && !entry.serviceTypes.includes(query.serviceType)) return false;
        if (query.language && !entry.languages.includes(query.language)) return false;
        if (query.openNow && entry.openNow !== true) return false;
        if (since && (!entry.verifiedOn || entry.verifiedOn < since)) return false;
        const haystack = referralHaystack(entry);
        return words.every((word) => haystack.includes(word));
      });
      matches.sort((a, b) => folded(a.organisation.lv).localeCompare(folded(b.organisation.lv)) || a.key.localeCompare(b.key));
      return Promise.resolve(matches.map((entry) => ({ ...entry, confidentialAddress: '' })));
    }),
    getReferral: vi.fn<Backend['getReferral']>((id) => referralFound(id).then(asShown)),
    openConfidentialAddress: vi.fn<Backend['openConfidentialAddress']>((id) =>
      referralFound(id).then((entry) => entry.confidentialAddress),
    ),
    saveReferral: vi.fn<Backend['saveReferral']>((id, input) => {
      const problem = supervisorOnly() ?? invalidReferral(input);
      if (problem) return Promise.reject(problem);
      const key = input.key.trim();
      const taken = [...referrals.values()].some((entry) => entry.key === key && entry.id !== id);
      if (taken) {
        return Promise.reject(publicError('referralKeyTaken', 'Šāda atslēga jau ir katalogā.', 'This key is already in the directory.'));
      }
      const phones = input.phones.map((phone) => ({ ...phone, number: normalisedPhone(phone.number)! }));
      if (id === null) {
        const entry = referralEntry(`ref-${nextId++}`, { ...input, key, phones });
        referrals.set(entry.id, entry);
        return Promise.resolve(entry);
      }
      return referralFound(id).then((old) => {
        const entry = referralEntry(id, { ...input, key, phones }, { retired: old.retired });
        referrals.set(id, entry);
        return entry;
      });
    }),
    setReferralRetired: vi.fn<Backend['setReferralRetired']>((id, retired) => {
      const problem = supervisorOnly();
      if (problem) return Promise.reject(problem);
      return referralFound(id).then((old) => {
        const entry = { ...old, retired };
        referrals.set(id, entry);
        return entry;
      });
    }),
    importReferrals: vi.fn<Backend['importReferrals']>((format, contents) => {
      const problem = supervisorOnly();
      if (problem) return Promise.reject(problem);
      let read: ReturnType<typeof readImport>;
      try {
        read = readImport(format, contents);
      } catch {
        return Promise.reject(publicError('importRejected', 'Failu neizdevās nolasīt.', 'The file could not be read.', { problems: [] }));
      }
      if (read.problems.length) {
        return Promise.reject(
          publicError('importRejected', 'Fails netika importēts.', 'The file was not imported.', { problems: read.problems }),
        );
      }
      const summary = { added: 0, updated: 0, unchanged: 0 };
      for (const row of read.rows) {
        const old = [...referrals.values()].find((entry) => entry.key === row.key);
        if (!old) {
          const entry = referralEntry(`ref-${nextId++}`, row);
          referrals.set(entry.id, entry);
          summary.added += 1;
        } else if (old.organisation.lv === row.organisation.lv && old.service.lv === row.service.lv) {
          summary.unchanged += 1;
        } else {
          referrals.set(old.id, referralEntry(old.id, { ...old, organisation: row.organisation, service: row.service }));
          summary.updated += 1;
        }
      }
      return Promise.resolve(summary);
    }),
    exportReferrals: vi.fn<Backend['exportReferrals']>((options) => {
      const problem = supervisorOnly();
      if (problem) return Promise.reject(problem);
      return Promise.resolve(options.format === 'csv' ? '/home/anna/referrals.csv' : '/home/anna/referrals-hsds.json');
    }),
    municipalities: vi.fn<Backend['municipalities']>(() => Promise.resolve([...MUNICIPALITIES])),
    loadStarterReferrals: vi.fn<Backend['loadStarterReferrals']>(() => {
      const problem = supervisorOnly();
      if (problem) return Promise.reject(problem);
      const before = referrals.size;
      seedDirectory(fake);
      const added = referrals.size - before;
      return Promise.resolve({ added, updated: 0, unchanged: referrals.size - added });
    }),

    runReport: vi.fn<Backend['runReport']>((request) => {
      const problem = supervisorOnly();
      return problem ? Promise.reject(problem) : Promise.resolve(fakeReport(calls.values(), request));
    }),
    exportReport: vi.fn<Backend['exportReport']>((request, format) => {
      const problem = supervisorOnly();
      if (problem) return Promise.reject(problem);
      const files =
        format === 'csv'
          ? ['/home/anna/atskaite/00-report.csv', '/home/anna/atskaite/01-month.csv', '/home/anna/atskaite/02-region.csv']
          : [`/home/anna/report.${format}`];
      return Promise.resolve({ files, report: fakeReport(calls.values(), request) });
    }),

    syncStatus: vi.fn<Backend['syncStatus']>(() => Promise.resolve({ ...sync })),
    syncNow: vi.fn<Backend['syncNow']>(() => {
      if (!sync.connected) {
        return Promise.reject(
          publicError('syncNotConfigured', 'Šis dators nav pievienots sinhronizācijai.', 'This computer is not set up for sync.'),
        );
      }
      if (sync.syncing) return Promise.resolve(null);
      const report = { pushed: sync.waiting, pulled: 0, refused: 0 };
      sync = { ...sync, waiting: 0, lastSyncedAt: new Date().toISOString(), lastError: null, lastRefused: 0 };
      return Promise.resolve(report);
    }),
    chooseServerCertificate: vi.fn<Backend['chooseServerCertificate']>(() =>
      Promise.resolve({ name: 'org-ca.pem', text: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n' }),
    ),
    registerSyncServer: vi.fn<Backend['registerSyncServer']>((serverUrl, deviceName) => {
      const problem = supervisorOnly();
      if (problem) return Promise.reject(problem);
      if (sync.connected) {
        return Promise.reject(publicError('alreadyConnected', 'Jau pieslēgts.', 'Already connected.'));
      }
      const url = serverUrl.trim().replace(/\/+$/, '');
      if (!/^https:\/\/[^\s/]+|^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?/.test(url)) {
        return Promise.reject(invalid('serverUrl', 'Nederīga servera adrese.', 'Invalid server address.'));
      }
      if (!deviceName.trim()) return Promise.reject(invalid('deviceName', 'Lauks ir jāaizpilda.', 'This field is required.'));
      sync = { ...NOT_CONNECTED, connected: true, serverUrl: url };
      return Promise.resolve({ ...sync });
    }),
    onSyncStatus: vi.fn<Backend['onSyncStatus']>((handler) => {
      syncListeners.add(handler);
      return Promise.resolve(() => syncListeners.delete(handler));
    }),
    devices,
    listDevices: vi.fn<Backend['listDevices']>(() => {
      const problem = supervisorOnly() ?? notConnected();
      if (problem) return Promise.reject(problem);
      return Promise.resolve({ thisDevice: THIS_DEVICE, devices: devices.map((device) => ({ ...device })) });
    }),
    enrolDevice: vi.fn<Backend['enrolDevice']>((device) => {
      const problem = supervisorOnly() ?? notConnected();
      if (problem) return Promise.reject(problem);
      if (!device.deviceName.trim()) return Promise.reject(invalid('deviceName', 'Lauks ir jāaizpilda.', 'This field is required.'));
      const deviceId = `dev-${devices.length}`;
      devices.push(deviceInfo({ ...device, deviceId, enrolledAt: new Date().toISOString(), lastSeenAt: null }));
      const expiresAt = new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString();
      return Promise.resolve({ ...device, deviceId, path: '/home/anna/hotline-enrolment.enrol', code: ISSUED_CODE, expiresAt });
    }),
    revokeDevice: vi.fn<Backend['revokeDevice']>((deviceId) => {
      const problem = supervisorOnly() ?? notConnected();
      if (problem) return Promise.reject(problem);
      const device = devices.find((known) => known.deviceId === deviceId);
      if (device && !device.revokedAt) device.revokedAt = new Date().toISOString();
      return done();
    }),
    setSyncStatus(patch) {
      sync = { ...sync, ...patch };
    },
    emitSyncStatus(patch = {}) {
      sync = { ...sync, ...patch };
      for (const listener of syncListeners) listener({ ...sync });
    },

    audit,
    auditEntries: vi.fn<Backend['auditEntries']>((filter) => {
      const problem = supervisorOnly();
      if (problem) return Promise.reject(problem);
      const selected = selectAudit(audit, filter);
      return Promise.resolve({ entries: selected.slice(0, 500), matching: selected.length });
    }),
    verifyAuditLog: vi.fn<Backend['verifyAuditLog']>(() => Promise.resolve({ entries: audit.length, firstBroken: null, otherDeviceBroken: null })),
    exportAuditLog: vi.fn<Backend['exportAuditLog']>((filter) => {
      const problem = supervisorOnly();
      if (problem) return Promise.reject(problem);
      return Promise.resolve({ path: '/home/anna/audit-log-2026-11-23.csv', entries: selectAudit(audit, filter).length });
    }),

    backUp: vi.fn<Backend['backUp']>(() => {
      const problem = supervisorOnly();
      if (problem) return Promise.reject(problem);
      return Promise.resolve({ path: '/home/anna/hotline-2026-11-23.backup', bytes: 2_621_440, createdAt: new Date().toISOString() });
    }),
    chooseBackup: vi.fn<Backend['chooseBackup']>(() => Promise.resolve('/media/usb/hotline-2026-11-20.backup')),
    restoreBackup: vi.fn<Backend['restoreBackup']>(() => Promise.resolve(sessionFor(supervisor))),
    retentionYears: vi.fn<Backend['retentionYears']>(() => Promise.resolve(retentionYears)),
    setRetentionYears: vi.fn<Backend['setRetentionYears']>((years) => {
      const problem = supervisorOnly();
      if (problem) return Promise.reject(problem);
      if (!Number.isInteger(years) || years < 1 || years > 50) {
        return Promise.reject(invalid('retentionYears', 'Vērtība ir ārpus atļautā diapazona.', 'The value is outside the allowed range.'));
      }
      retentionYears = years;
      return done();
    }),
    runRetention: vi.fn<Backend['runRetention']>(() => {
      const cutoff = new Date();
      cutoff.setFullYear(cutoff.getFullYear() - retentionYears);
      return Promise.resolve({ retentionYears, cutoff: cutoff.toISOString(), anonymised: 0 });
    }),
  };
  return fake;
}
