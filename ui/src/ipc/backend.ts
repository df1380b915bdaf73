// The seam between the UI and the desktop shell. Screens depend on `Backend`
// only, so tests hand them a fake; `commands.ts` implements it over Tauri IPC.
import type { Account } from './bindings/Account';
import type { AccountChange } from './bindings/AccountChange';
import type { AppStatus } from './bindings/AppStatus';
import type { AuditExport } from './bindings/AuditExport';
import type { AuditFilter } from './bindings/AuditFilter';
import type { AuditSelection } from './bindings/AuditSelection';
import type { AuditVerification } from './bindings/AuditVerification';
import type { BackupSummary } from './bindings/BackupSummary';
import type { BackupInterval } from './bindings/BackupInterval';
import type { BackupScheduleStatus } from './bindings/BackupScheduleStatus';
import type { RetentionRun } from './bindings/RetentionRun';
import type { CallDetails } from './bindings/CallDetails';
import type { Category } from './bindings/Category';
import type { CallFilter } from './bindings/CallFilter';
import type { CallVersion } from './bindings/CallVersion';
import type { Case } from './bindings/Case';
import type { CaseMatch } from './bindings/CaseMatch';
import type { Region } from './bindings/Region';
import type { Colleague } from './bindings/Colleague';
import type { DeviceList } from './bindings/DeviceList';
import type { ChosenFile } from './bindings/ChosenFile';
import type { Enrolment } from './bindings/Enrolment';
import type { FirstRunSetup } from './bindings/FirstRunSetup';
import type { Language } from './bindings/Language';
import type { FollowUpItem } from './bindings/FollowUpItem';
import type { ExportOptions } from './bindings/ExportOptions';
import type { ImportSummary } from './bindings/ImportSummary';
import type { Municipality } from './bindings/Municipality';
import type { ReferralConflict } from './bindings/ReferralConflict';
import type { ReferralEntry } from './bindings/ReferralEntry';
import type { ReferralInput } from './bindings/ReferralInput';
import type { ReferralQuery } from './bindings/ReferralQuery';
import type { ReferralSheet } from './bindings/ReferralSheet';
import type { PrintedSheet } from './bindings/PrintedSheet';
import type { CallSummaryRequest } from './bindings/CallSummaryRequest';
import type { PrintedCallSummary } from './bindings/PrintedCallSummary';
import type { TransferFormat } from './bindings/TransferFormat';
import type { NewAccount } from './bindings/NewAccount';
import type { NewCategory } from './bindings/NewCategory';
import type { RepeatCaller } from './bindings/RepeatCaller';
import type { ExportedReport } from './bindings/ExportedReport';
import type { CallColumn } from './bindings/CallColumn';
import type { CallListFormat } from './bindings/CallListFormat';
import type { CtdcExported } from './bindings/CtdcExported';
import type { ExportedCallList } from './bindings/ExportedCallList';
import type { Report } from './bindings/Report';
import type { ReportFormat } from './bindings/ReportFormat';
import type { ReportRequest } from './bindings/ReportRequest';
import type { NewDevice } from './bindings/NewDevice';
import type { SavedEnrolment } from './bindings/SavedEnrolment';
import type { SessionInfo } from './bindings/SessionInfo';
import type { CallPage } from './bindings/CallPage';
import type { StoredCall } from './bindings/StoredCall';
import type { SyncReport } from './bindings/SyncReport';
import type { SyncStatus } from './bindings/SyncStatus';
import type { QuarantinedRecord } from './bindings/QuarantinedRecord';
import type { WorkProgress } from './bindings/WorkProgress';
import type { UpdateStatus } from './bindings/UpdateStatus';
import type { LockedEvent } from './shell/LockedEvent';

export type { Account } from './bindings/Account';
export type { AccountChange } from './bindings/AccountChange';
export type { AppStatus } from './bindings/AppStatus';
export type { AuditAction } from './bindings/AuditAction';
export type { ReferralSheet } from './bindings/ReferralSheet';
export type { SheetContact } from './bindings/SheetContact';
export type { SheetLanguage } from './bindings/SheetLanguage';
export type { PrintedSheet } from './bindings/PrintedSheet';
export type { CallSummaryRequest } from './bindings/CallSummaryRequest';
export type { SummaryPart } from './bindings/SummaryPart';
export type { PrintedCallSummary } from './bindings/PrintedCallSummary';
export type { AuditEntry } from './bindings/AuditEntry';
export type { AuditExport } from './bindings/AuditExport';
export type { AuditFilter } from './bindings/AuditFilter';
export type { AuditSelection } from './bindings/AuditSelection';
export type { AuditProblem } from './bindings/AuditProblem';
export type { AuditVerification } from './bindings/AuditVerification';
export type { BackupSummary } from './bindings/BackupSummary';
export type { BackupInterval } from './bindings/BackupInterval';
export type { BackupScheduleStatus } from './bindings/BackupScheduleStatus';
export type { ScheduledBackupResult } from './bindings/ScheduledBackupResult';
export type { RetentionRun } from './bindings/RetentionRun';
export type { ErrorCode } from './bindings/ErrorCode';
export type { Case } from './bindings/Case';
export type { CaseMatch } from './bindings/CaseMatch';
export type { ChosenFile } from './bindings/ChosenFile';
export type { Colleague } from './bindings/Colleague';
export type { Enrolment } from './bindings/Enrolment';
export type { FirstRunSetup } from './bindings/FirstRunSetup';
export type { Language } from './bindings/Language';
export type { DeviceState } from './bindings/DeviceState';
export type { Localized } from './bindings/Localized';
export type { NewAccount } from './bindings/NewAccount';
export type { NewCategory } from './bindings/NewCategory';
export type { Organisation } from './bindings/Organisation';
export type { PublicError } from './bindings/PublicError';
export type { Region } from './bindings/Region';
export type { Role } from './bindings/Role';
export type { SessionInfo } from './bindings/SessionInfo';
export type { AgeGroup } from './bindings/AgeGroup';
export type { CallDetails } from './bindings/CallDetails';
export type { CallOutcome } from './bindings/CallOutcome';
export type { TraffickingIndicator } from './bindings/TraffickingIndicator';
export type { Category } from './bindings/Category';
export type { CategoryKind } from './bindings/CategoryKind';
export type { CtdcExploitation } from './bindings/CtdcExploitation';
export type { CallFilter } from './bindings/CallFilter';
export type { CallStatus } from './bindings/CallStatus';
export type { CallVersion } from './bindings/CallVersion';
export type { CallerLanguage } from './bindings/CallerLanguage';
export type { CallerRole } from './bindings/CallerRole';
export type { ContactBack } from './bindings/ContactBack';
export type { Direction } from './bindings/Direction';
export type { FollowUp } from './bindings/FollowUp';
export type { FollowUpItem } from './bindings/FollowUpItem';
export type { Gender } from './bindings/Gender';
export type { Line } from './bindings/Line';
export type { Referral } from './bindings/Referral';
export type { ReferralStatus } from './bindings/ReferralStatus';
export type { SharedDetail } from './bindings/SharedDetail';
export type { RepeatCaller } from './bindings/RepeatCaller';
export type { RiskLevel } from './bindings/RiskLevel';
export type { CallPage } from './bindings/CallPage';
export type { StoredCall } from './bindings/StoredCall';
export type { Subject } from './bindings/Subject';
export type { SyncReport } from './bindings/SyncReport';
export type { SyncStatus } from './bindings/SyncStatus';
export type { SyncProgress } from './bindings/SyncProgress';
export type { WorkProgress } from './bindings/WorkProgress';
export type { UpdateStatus } from './bindings/UpdateStatus';
export type { UpdateOffer } from './bindings/UpdateOffer';
export type { WorkUnit } from './bindings/WorkUnit';
export type { DeviceInfo } from './bindings/DeviceInfo';
export type { DeviceList } from './bindings/DeviceList';
export type { NewDevice } from './bindings/NewDevice';
export type { SavedEnrolment } from './bindings/SavedEnrolment';
export type { Area } from './bindings/Area';
export type { ExportOptions } from './bindings/ExportOptions';
export type { ImportProblem } from './bindings/ImportProblem';
export type { ImportSummary } from './bindings/ImportSummary';
export type { Municipality } from './bindings/Municipality';
export type { Phone } from './bindings/Phone';
export type { ReferralConflict } from './bindings/ReferralConflict';
export type { ReferralEntry } from './bindings/ReferralEntry';
export type { ReferralInput } from './bindings/ReferralInput';
export type { ReferralQuery } from './bindings/ReferralQuery';
export type { ReferralVersion } from './bindings/ReferralVersion';
export type { ServiceType } from './bindings/ServiceType';
export type { Texts } from './bindings/Texts';
export type { TransferFormat } from './bindings/TransferFormat';
export type { Breakdown } from './bindings/Breakdown';
export type { BreakdownKind } from './bindings/BreakdownKind';
export type { Cell } from './bindings/Cell';
export type { Counts } from './bindings/Counts';
export type { ExportedReport } from './bindings/ExportedReport';
export type { CallColumn } from './bindings/CallColumn';
export type { CallListFormat } from './bindings/CallListFormat';
export type { CtdcExported } from './bindings/CtdcExported';
export type { ExportedCallList } from './bindings/ExportedCallList';
export type { Publication } from './bindings/Publication';
export type { Report } from './bindings/Report';
export type { ReportFormat } from './bindings/ReportFormat';
export type { ReportRequest } from './bindings/ReportRequest';
export type { ReportRow } from './bindings/ReportRow';

/** Why the backend locked the app on its own (payload of the `locked` event). */
export type { QuarantinedRecord } from './bindings/QuarantinedRecord';
export type { QuarantineReason } from './bindings/QuarantineReason';
export type { LockReason } from './shell/LockReason';
export type { LockedEvent } from './shell/LockedEvent';

/**
 * Every method rejects with a `PublicError` (never anything else), so callers
 * can branch on `code` and show `message` in the person's language.
 */
export interface Backend {
  appStatus(): Promise<AppStatus>;
  setUp(setup: FirstRunSetup, passphrase: string): Promise<SessionInfo>;
  /** The backend asks for the supervisor's enrolment package file and reads it; null when cancelled. */
  chooseEnrolmentPackage(): Promise<ChosenFile | null>;
  /** Sets the device up from an enrolment package and signs the new account in; the first sync follows. */
  joinOrganisation(enrolment: Enrolment, passphrase: string): Promise<SessionInfo>;
  unlock(login: string, passphrase: string): Promise<SessionInfo>;
  lock(): Promise<void>;
  /**
   * The quick exit (the header's button; the global key does the same in the
   * shell): locks, hides the window from the screen and the task switcher,
   * and empties the clipboard if it still holds what the app copied.
   */
  quickExit(): Promise<void>;
  /**
   * Puts text on the clipboard through the shell, the app's only way to copy,
   * so the quick exit knows what the app put there; false when refused.
   */
  copyText(text: string): Promise<boolean>;
  setLanguage(language: Language): Promise<void>;
  /** Activity ping that postpones auto-lock. */
  touch(): Promise<void>;
  changePassphrase(current: string, next: string): Promise<void>;
  listAccounts(): Promise<Account[]>;
  addAccount(account: NewAccount, passphrase: string): Promise<Account>;
  /**
   * Supervisors: another account's role, home region and whether it is
   * disabled (it then unlocks no laptop once the change has synced); one's own
   * role and disabling oneself are refused (`ownAccountChange`).
   */
  changeAccount(id: string, change: AccountChange): Promise<Account>;
  /** Supervisors: a new passphrase for someone who forgot theirs; only for a login on this laptop (`unknownAccount`). */
  resetPassphrase(login: string, passphrase: string): Promise<void>;
  /** Supervisors: a login and a first passphrase on this laptop for a colleague whose account arrived by sync. */
  admitAccount(id: string, login: string, passphrase: string): Promise<Account>;
  setAutoLockMinutes(minutes: number): Promise<void>;
  /** Subscribes to the backend's `locked` event; resolves to an unsubscribe function. */
  onLocked(handler: (event: LockedEvent) => void): Promise<() => void>;

  // Calls. Drafts belong to the person who started them; finished calls are
  // edited with history kept.
  /** A new draft: started now, in the consultant's home region. */
  startCall(): Promise<StoredCall>;
  /** Autosave of a draft: partial details are fine, a filled-in invalid field is refused (`field`). */
  saveCallDraft(id: string, details: CallDetails): Promise<StoredCall>;
  /**
   * Whether a call that started at `startedAt` (RFC 3339, as `CallDetails.startedAt`)
   * began before the organisation's retention period: finishing it then keeps
   * its statistics only (no notes, advice, case reference or contact preference).
   */
  isPastRetention(startedAt: string): Promise<boolean>;
  /** Needs line, caller role and a subject; sets the end time if there is none. */
  finishCall(id: string, details: CallDetails): Promise<StoredCall>;
  /** Edits a finished call; the earlier version stays in its history. */
  editCall(id: string, details: CallDetails): Promise<StoredCall>;
  discardCallDraft(id: string): Promise<void>;
  /** The signed-in person's unfinished drafts (after a crash or a lock). */
  ownCallDrafts(): Promise<StoredCall[]>;
  getCall(id: string): Promise<StoredCall>;
  callHistory(id: string): Promise<CallVersion[]>;
  /**
   * An erasure request (supervisors only): the finished call and its whole
   * history go on every device; the audit log keeps that it happened. Cannot
   * be undone, so the UI asks for a typed confirmation first.
   */
  eraseCall(id: string): Promise<void>;
  /** Finished calls, newest first. */
  findCalls(filter: CallFilter): Promise<CallPage>;
  /** Open follow-ups, overdue first. */
  followUps(): Promise<FollowUpItem[]>;
  /** Marks a call's open follow-up done, with what came of it. */
  completeFollowUp(id: string, outcome: string): Promise<StoredCall>;
  /** Who a follow-up of `region` can go to: its consultants and every supervisor, by name. */
  colleagues(region: Region): Promise<Colleague[]>;
  /** Gives every open follow-up of `from` to `to`, all or none (oneself, or a supervisor for anyone); how many. */
  handOverFollowUps(from: string, to: string): Promise<number>;
  /** A case's calls the person may read, oldest first, and how many more are in other regions. */
  getCase(caseRef: string): Promise<Case>;
  /** Cases whose reference starts with `typed`, the most recently called first. */
  findCases(typed: string): Promise<CaseMatch[]>;
  /** Supervisors: every call of case `from` moves into case `into`, history kept; how many. */
  mergeCases(from: string, into: string): Promise<number>;
  /** Stores only a keyed hash of `number`; may copy the earlier case ref into the draft. */
  setCallerNumber(id: string, number: string): Promise<RepeatCaller>;
  nextCaseRef(): Promise<string>;
  /** ISO 3166-1 alpha-2 codes, the common destinations first, then the rest alphabetically. */
  countryCodes(): Promise<string[]>;

  // The organisation's categories of calls (the subjects a call is about).
  // Everyone reads them; supervisors manage them, and every change reaches
  // the other laptops at their next sync.
  /** Every category, retired ones included, in the order they are listed. */
  listCategories(): Promise<Category[]>;
  /** Supervisors: a new category; a bad field is `invalidInput` with `field`, a code in use `categoryCodeTaken`. */
  addCategory(category: NewCategory): Promise<Category>;
  /** Supervisors: a retired category is offered for no new call; calls that have it keep it. */
  setCategoryRetired(code: string, retired: boolean): Promise<Category>;
  /** Supervisors: only a category no call names (`categoryInUse`: retire it instead). */
  deleteCategory(code: string): Promise<void>;

  // The referral directory. Everyone searches and reads it; supervisors keep
  // it up to date. A shelter's confidential address never comes in search
  // results: supervisors get it with `getReferral`, consultants open it on
  // purpose with `openConfidentialAddress` (recorded in the audit log).
  /** Ranked best first (by organisation name when no words were typed). */
  searchReferrals(query: ReferralQuery): Promise<ReferralEntry[]>;
  getReferral(id: string): Promise<ReferralEntry>;
  /** Audited on the backend before the address is returned. */
  openConfidentialAddress(id: string): Promise<string>;
  /** Adds (`id` null) or replaces an entry; supervisors only; a bad field is `invalidInput` with `field`. */
  saveReferral(id: string | null, input: ReferralInput): Promise<ReferralEntry>;
  /** Retired entries drop out of searches but stay linked from old calls; supervisors only. */
  setReferralRetired(id: string, retired: boolean): Promise<ReferralEntry>;
  /** All or nothing: a rejected file is `importRejected` with every problem by line and column. */
  importReferrals(format: TransferFormat, contents: string): Promise<ImportSummary>;
  /** The backend asks where to save (native dialog); resolves to the path, or null when cancelled. */
  exportReferrals(options: ExportOptions): Promise<string | null>;
  /**
   * The caller's referral sheet as a PDF: the backend asks where to save
   * (native dialog) and audits it; null when cancelled. Directory contacts
   * only, a confidential address only where `includeConfidentialAddress`.
   */
  printReferralSheet(sheet: ReferralSheet): Promise<PrintedSheet | null>;
  /** One call's summary as a PDF with the ticked parts (asks where to save); null when cancelled. */
  printCallSummary(request: CallSummaryRequest): Promise<PrintedCallSummary | null>;
  municipalities(): Promise<Municipality[]>;
  /** Loads the starter directory built into the app (supervisors); loading it again changes nothing. */
  loadStarterReferrals(): Promise<ImportSummary>;
  /**
   * Entries two supervisors edited at once on different laptops (supervisors):
   * every screen shows the newer edit (`current`), the others wait as `rivals`.
   */
  referralConflicts(): Promise<ReferralConflict[]>;
  /** Keeps the version stamped `keep` (the current one or a rival) on every laptop; resolves to the entry as now kept. */
  resolveReferralConflict(entryId: string, keep: string): Promise<ReferralEntry>;

  // Reports (supervisors only): finished calls counted over a period of Rīga
  // days and a set of regions. In publication mode small counts arrive
  // already hidden; the UI never sees them.
  runReport(request: ReportRequest): Promise<Report>;
  /**
   * The backend asks where to save (a file for XLSX, a folder for CSV), then
   * writes the report there in `language`; resolves to what was written, or
   * null when the dialog was cancelled.
   */
  exportReport(request: ReportRequest, format: ReportFormat, language: Language): Promise<ExportedReport | null>;
  /**
   * The request's cases as one CTDC file (asks where to save): k-anonymous in
   * publication mode, every case as recorded otherwise; null when cancelled.
   */
  exportCtdc(request: ReportRequest): Promise<CtdcExported | null>;
  /**
   * The calls of the request's period and regions with only `columns` (asks
   * where to save); free text only when its column is among them. Null when
   * cancelled.
   */
  exportCallList(
    request: ReportRequest,
    columns: CallColumn[],
    format: CallListFormat,
    language: Language,
  ): Promise<ExportedCallList | null>;

  // Offline sync. The shell also runs a round in the background every few
  // minutes and emits `sync-status` when a round starts or ends.
  /** Where sync stands: connected or not, a round running, changes waiting, the last error. */
  syncStatus(): Promise<SyncStatus>;
  /** Runs one round now; resolves to null when a round was already running. */
  syncNow(): Promise<SyncReport | null>;
  /** Stops the running round after the page being applied; it resumes at the next round. */
  cancelSync(): Promise<void>;
  /** The backend asks for the server's certificate (PEM) and checks it; null when cancelled. */
  chooseServerCertificate(): Promise<ChosenFile | null>;
  /**
   * Registers the organisation on a sync server with this device as its first
   * device (supervisors); the first round follows in the background.
   */
  registerSyncServer(
    serverUrl: string,
    deviceName: string,
    serverCertificate: string | null,
    registrationSecret: string | null,
  ): Promise<SyncStatus>;
  // Updates the organisation controls: a release a supervisor signed, checked here.
  /** What the last update check found. Not activity for the auto-lock. */
  updateStatus(): Promise<UpdateStatus>;
  /** Fetches and checks the organisation's update manifest now. */
  checkForUpdate(): Promise<UpdateStatus>;
  /** Installs the offered update and restarts; refused with `callFormOpen` while a call form is open. */
  installUpdate(): Promise<void>;
  /** Subscribes to the backend's `update-status` event (its background checks). */
  onUpdateStatus(handler: (status: UpdateStatus) => void): Promise<() => void>;
  /** Subscribes to the backend's `sync-status` event; resolves to an unsubscribe function. */
  onSyncStatus(handler: (status: SyncStatus) => void): Promise<() => void>;
  /**
   * Records another device sent that this one could not apply, newest first
   * (supervisors): what they are and why, never their content.
   */
  quarantinedRecords(): Promise<QuarantinedRecord[]>;

  // The organisation's devices on the sync server (supervisors). Each waits on
  // the server; none holds up the other commands meanwhile.
  /** Every device the server knows, revoked ones too, and which one is this computer. */
  listDevices(): Promise<DeviceList>;
  /**
   * Enrols a device: the backend checks the request, asks where to save its
   * package (native dialog), enrols it on the server and writes the package;
   * null when the dialog was cancelled (nothing was enrolled). The answer
   * carries the one-time code: show it once and keep it nowhere.
   */
  enrolDevice(device: NewDevice): Promise<SavedEnrolment | null>;
  /** Its token stops working at once; what it already synced stays. */
  revokeDevice(deviceId: string): Promise<void>;

  // The audit log (supervisors only).
  /** The entries the filter selects, newest first: the newest 500 and how many match in all. */
  auditEntries(filter: AuditFilter): Promise<AuditSelection>;
  /** Walks the whole hash chain; `firstBroken` names the first entry that does not follow. */
  verifyAuditLog(): Promise<AuditVerification>;
  /** The backend asks where to save, then writes every selected entry as CSV; null when cancelled. */
  exportAuditLog(filter: AuditFilter): Promise<AuditExport | null>;

  // Backups and retention. Backing up and the retention period are for
  // supervisors; choosing and restoring a backup work while locked.
  /**
   * The backend asks where to save (hotline-YYYY-MM-DD.backup), then writes the backup; null when cancelled.
   * Reports to `longWorkProgress`; stopped, it rejects with `longWorkCancelled` and leaves no file.
   */
  backUp(): Promise<BackupSummary | null>;
  /** This laptop's backup schedule, the last scheduled backup's result and when the next is due. */
  backupSchedule(): Promise<BackupScheduleStatus>;
  /**
   * Supervisors: backs up every day or week, keeping the newest `keep`. The backend asks for the
   * folder when `chooseFolder` is set or none was chosen before; null when that was cancelled.
   * The first backup is written at once.
   */
  scheduleBackups(interval: BackupInterval, keep: number, chooseFolder: boolean): Promise<BackupScheduleStatus | null>;
  /** Supervisors: stops scheduled backups on this laptop; written files stay. */
  stopScheduledBackups(): Promise<BackupScheduleStatus>;
  /** Subscribes to the backend's `backup-status` event, sent after each scheduled backup. */
  onBackupStatus(handler: (status: BackupScheduleStatus) => void): Promise<() => void>;
  /** The backend asks which backup file to restore and keeps it; resolves to its path, or null when cancelled. */
  chooseBackup(): Promise<string | null>;
  /**
   * Restores the chosen backup with a supervisor's login and passphrase, and signs that supervisor in.
   * Reports to `longWorkProgress`; stopped before its checks end, it rejects with `longWorkCancelled`
   * and the device is as it was.
   */
  restoreBackup(login: string, passphrase: string): Promise<SessionInfo>;

  // Long work (backups, restores, exports, imports) while its command runs.
  /** How far the running work is; null when none runs. Not activity for the auto-lock. */
  longWorkProgress(): Promise<WorkProgress | null>;
  /** Stops the running work where that loses nothing; its command then rejects with `longWorkCancelled`. */
  cancelLongWork(): Promise<void>;
  /** Years a call is kept in full before it is anonymised. */
  retentionYears(): Promise<number>;
  /** Sets the organisation's period; it reaches every laptop at its next sync. */
  setRetentionYears(years: number): Promise<void>;
  /**
   * Anonymises the calls past the period now (an unlock does it too). More
   * than 100 due at once are held until `confirmed`; a clock the sync server
   * contradicted holds every run.
   */
  runRetention(confirmed: boolean): Promise<RetentionRun>;
}
