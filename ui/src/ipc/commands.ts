// The real `Backend`: typed wrappers over the shell's Tauri commands. This
// module (with the rest of `ipc/`) is the only importer of `@tauri-apps/*`.
import { invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import type { Account } from './bindings/Account';
import type { AppStatus } from './bindings/AppStatus';
import type { AuditExport } from './bindings/AuditExport';
import type { AuditSelection } from './bindings/AuditSelection';
import type { AuditVerification } from './bindings/AuditVerification';
import type { BackupSummary } from './bindings/BackupSummary';
import type { BackupScheduleStatus } from './bindings/BackupScheduleStatus';
import type { RetentionRun } from './bindings/RetentionRun';
import type { CallVersion } from './bindings/CallVersion';
import type { CtdcExported } from './bindings/CtdcExported';
import type { ExportedCallList } from './bindings/ExportedCallList';
import type { Category } from './bindings/Category';
import type { Case } from './bindings/Case';
import type { CaseMatch } from './bindings/CaseMatch';
import type { ChosenFile } from './bindings/ChosenFile';
import type { Colleague } from './bindings/Colleague';
import type { DeviceList } from './bindings/DeviceList';
import type { FollowUpItem } from './bindings/FollowUpItem';
import type { ImportSummary } from './bindings/ImportSummary';
import type { Municipality } from './bindings/Municipality';
import type { ReferralConflict } from './bindings/ReferralConflict';
import type { ReferralEntry } from './bindings/ReferralEntry';
import type { PrintedSheet } from './bindings/PrintedSheet';
import type { PrintedCallSummary } from './bindings/PrintedCallSummary';
import type { RepeatCaller } from './bindings/RepeatCaller';
import type { ExportedReport } from './bindings/ExportedReport';
import type { Report } from './bindings/Report';
import type { CallPage } from './bindings/CallPage';
import type { StoredCall } from './bindings/StoredCall';
import type { SavedEnrolment } from './bindings/SavedEnrolment';
import type { SessionInfo } from './bindings/SessionInfo';
import type { SyncReport } from './bindings/SyncReport';
import type { SyncStatus } from './bindings/SyncStatus';
import type { UpdateStatus } from './bindings/UpdateStatus';
import type { WorkProgress } from './bindings/WorkProgress';
import type { QuarantinedRecord } from './bindings/QuarantinedRecord';
import type { Backend } from './backend';
import type { CommandName } from './shell/CommandName';
import type { LockedEvent } from './shell/LockedEvent';
import { toPublicError } from './errors';

/** Calls a command; rejects only with a `PublicError`. Argument keys are camelCase. */
async function call<T>(command: CommandName, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (reason) {
    throw toPublicError(reason);
  }
}

export const tauriBackend: Backend = {
  appStatus: () => call<AppStatus>('app_status'),
  setUp: (setup, passphrase) => call<SessionInfo>('set_up', { setup, passphrase }),
  chooseEnrolmentPackage: () => call<ChosenFile | null>('choose_enrolment_package'),
  joinOrganisation: (enrolment, passphrase) => call<SessionInfo>('join_organisation', { enrolment, passphrase }),
  unlock: (login, passphrase) => call<SessionInfo>('unlock', { login, passphrase }),
  lock: () => call<null>('lock').then(() => undefined),
  quickExit: () => call<null>('quick_exit').then(() => undefined),
  copyText: (text) => call<boolean>('copy_text', { text }),
  setLanguage: (language) => call<null>('set_language', { language }).then(() => undefined),
  touch: () => call<null>('touch').then(() => undefined),
  changePassphrase: (current, next) =>
    call<null>('change_passphrase', { current, new: next }).then(() => undefined),
  listAccounts: () => call<Account[]>('list_accounts'),
  addAccount: (account, passphrase) => call<Account>('add_account', { account, passphrase }),
  changeAccount: (id, change) => call<Account>('change_account', { id, change }),
  resetPassphrase: (login, passphrase) =>
    call<null>('reset_passphrase', { login, passphrase }).then(() => undefined),
  admitAccount: (id, login, passphrase) => call<Account>('admit_account', { id, login, passphrase }),
  setAutoLockMinutes: (minutes) =>
    call<null>('set_auto_lock_minutes', { minutes }).then(() => undefined),
  onLocked: (handler) => listen<LockedEvent>('locked', (event) => handler(event.payload)),

  startCall: () => call<StoredCall>('start_call'),
  saveCallDraft: (id, details) => call<StoredCall>('save_call_draft', { id, details }),
  isPastRetention: (startedAt) => call<boolean>('is_past_retention', { startedAt }),
  finishCall: (id, details) => call<StoredCall>('finish_call', { id, details }),
  editCall: (id, details) => call<StoredCall>('edit_call', { id, details }),
  discardCallDraft: (id) => call<null>('discard_call_draft', { id }).then(() => undefined),
  ownCallDrafts: () => call<StoredCall[]>('own_call_drafts'),
  getCall: (id) => call<StoredCall>('get_call', { id }),
  callHistory: (id) => call<CallVersion[]>('call_history', { id }),
  eraseCall: (id) => call<null>('erase_call', { id }).then(() => undefined),
  findCalls: (filter) => call<CallPage>('find_calls', { filter }),
  followUps: () => call<FollowUpItem[]>('follow_ups'),
  completeFollowUp: (id, outcome) => call<StoredCall>('complete_follow_up', { id, outcome }),
  colleagues: (region) => call<Colleague[]>('colleagues', { region }),
  handOverFollowUps: (from, to) => call<number>('hand_over_follow_ups', { from, to }),
  getCase: (caseRef) => call<Case>('get_case', { caseRef }),
  findCases: (typed) => call<CaseMatch[]>('find_cases', { typed }),
  mergeCases: (from, into) => call<number>('merge_cases', { from, into }),
  setCallerNumber: (id, number) => call<RepeatCaller>('set_caller_number', { id, number }),
  nextCaseRef: () => call<string>('next_case_ref'),
  countryCodes: () => call<string[]>('country_codes'),

  listCategories: () => call<Category[]>('list_categories'),
  addCategory: (category) => call<Category>('add_category', { category }),
  setCategoryRetired: (code, retired) => call<Category>('set_category_retired', { code, retired }),
  deleteCategory: (code) => call<null>('delete_category', { code }).then(() => undefined),

  searchReferrals: (query) => call<ReferralEntry[]>('search_referrals', { query }),
  getReferral: (id) => call<ReferralEntry>('get_referral', { id }),
  openConfidentialAddress: (id) => call<string>('open_confidential_address', { id }),
  saveReferral: (id, input) => call<ReferralEntry>('save_referral', { id, input }),
  setReferralRetired: (id, retired) => call<ReferralEntry>('set_referral_retired', { id, retired }),
  importReferrals: (format, contents) => call<ImportSummary>('import_referrals', { format, contents }),
  exportReferrals: (options) => call<string | null>('export_referrals', { options }),
  printReferralSheet: (sheet) => call<PrintedSheet | null>('print_referral_sheet', { sheet }),
  printCallSummary: (request) => call<PrintedCallSummary | null>('print_call_summary', { request }),
  municipalities: () => call<Municipality[]>('municipalities'),
  loadStarterReferrals: () => call<ImportSummary>('load_starter_referrals'),
  referralConflicts: () => call<ReferralConflict[]>('referral_conflicts'),
  resolveReferralConflict: (entryId, keep) => call<ReferralEntry>('resolve_referral_conflict', { entryId, keep }),

  runReport: (request) => call<Report>('run_report', { request }),
  exportReport: (request, format, language) =>
    call<ExportedReport | null>('export_report', { request, format, language }),
  exportCtdc: (request) => call<CtdcExported | null>('export_ctdc', { request }),
  exportCallList: (request, columns, format, language) =>
    call<ExportedCallList | null>('export_call_list', { request, columns, format, language }),

  syncStatus: () => call<SyncStatus>('sync_status'),
  syncNow: () => call<SyncReport | null>('sync_now'),
  cancelSync: () => call<void>('cancel_sync'),
  chooseServerCertificate: () => call<ChosenFile | null>('choose_server_certificate'),
  registerSyncServer: (serverUrl, deviceName, serverCertificate, registrationSecret) =>
    call<SyncStatus>('register_sync_server', { serverUrl, deviceName, serverCertificate, registrationSecret }),
  updateStatus: () => call<UpdateStatus>('update_status'),
  checkForUpdate: () => call<UpdateStatus>('check_for_update'),
  installUpdate: () => call<void>('install_update'),
  onUpdateStatus: (handler) => listen<UpdateStatus>('update-status', (event) => handler(event.payload)),
  onSyncStatus: (handler) => listen<SyncStatus>('sync-status', (event) => handler(event.payload)),
  quarantinedRecords: () => call<QuarantinedRecord[]>('quarantined_records'),
  listDevices: () => call<DeviceList>('list_devices'),
  enrolDevice: (device) => call<SavedEnrolment | null>('enrol_device', { device }),
  revokeDevice: (deviceId) => call<null>('revoke_device', { deviceId }).then(() => undefined),

  auditEntries: (filter) => call<AuditSelection>('audit_entries', { filter }),
  verifyAuditLog: () => call<AuditVerification>('verify_audit_log'),
  exportAuditLog: (filter) => call<AuditExport | null>('export_audit_log', { filter }),

  backUp: () => call<BackupSummary | null>('back_up'),
  backupSchedule: () => call<BackupScheduleStatus>('backup_schedule'),
  scheduleBackups: (interval, keep, chooseFolder) =>
    call<BackupScheduleStatus | null>('schedule_backups', { interval, keep, chooseFolder }),
  stopScheduledBackups: () => call<BackupScheduleStatus>('stop_scheduled_backups'),
  onBackupStatus: (handler) => listen<BackupScheduleStatus>('backup-status', (event) => handler(event.payload)),
  chooseBackup: () => call<string | null>('choose_backup'),
  restoreBackup: (login, passphrase) => call<SessionInfo>('restore_backup', { login, passphrase }),
  longWorkProgress: () => call<WorkProgress | null>('long_work_progress'),
  cancelLongWork: () => call<void>('cancel_long_work'),
  retentionYears: () => call<number>('retention_years'),
  setRetentionYears: (years) => call<null>('set_retention_years', { years }).then(() => undefined),
  runRetention: (confirmed) => call<RetentionRun>('run_retention', { confirmed }),
};
