import type { AuditAction, AuditEntry } from '../ipc/backend';
import type { I18n, MessageKey } from '../i18n';
import { formatDateTime } from '../i18n/dates';

/**
 * Every action code in the order of the Rust enum. A `Record` over the
 * generated `AuditAction`, so a new action fails the type check until it has
 * a label here and in every locale.
 */
const ACTION_LABELS: Record<AuditAction, MessageKey> = {
  referralCreated: 'audit.actionLabel.referralCreated',
  referralEdited: 'audit.actionLabel.referralEdited',
  referralRetired: 'audit.actionLabel.referralRetired',
  referralRestored: 'audit.actionLabel.referralRestored',
  referralConflictResolved: 'audit.actionLabel.referralConflictResolved',
  referralsImported: 'audit.actionLabel.referralsImported',
  referralsExported: 'audit.actionLabel.referralsExported',
  confidentialAddressOpened: 'audit.actionLabel.confidentialAddressOpened',
  referralSheetPrinted: 'audit.actionLabel.referralSheetPrinted',
  confidentialAddressPrinted: 'audit.actionLabel.confidentialAddressPrinted',
  backupCreated: 'audit.actionLabel.backupCreated',
  backupScheduleSet: 'audit.actionLabel.backupScheduleSet',
  backupRestored: 'audit.actionLabel.backupRestored',
  signedIn: 'audit.actionLabel.signedIn',
  deviceSetUp: 'audit.actionLabel.deviceSetUp',
  deviceJoined: 'audit.actionLabel.deviceJoined',
  accountAdded: 'audit.actionLabel.accountAdded',
  accountChanged: 'audit.actionLabel.accountChanged',
  passphraseChanged: 'audit.actionLabel.passphraseChanged',
  passphraseReset: 'audit.actionLabel.passphraseReset',
  callOpened: 'audit.actionLabel.callOpened',
  callSummaryPrinted: 'audit.actionLabel.callSummaryPrinted',
  callCreated: 'audit.actionLabel.callCreated',
  callEdited: 'audit.actionLabel.callEdited',
  followUpDone: 'audit.actionLabel.followUpDone',
  followUpHandedOver: 'audit.actionLabel.followUpHandedOver',
  casesMerged: 'audit.actionLabel.casesMerged',
  callDraftDiscarded: 'audit.actionLabel.callDraftDiscarded',
  syncRegistered: 'audit.actionLabel.syncRegistered',
  deviceEnrolled: 'audit.actionLabel.deviceEnrolled',
  deviceRevoked: 'audit.actionLabel.deviceRevoked',
  keysShared: 'audit.actionLabel.keysShared',
  reportExported: 'audit.actionLabel.reportExported',
  callAnonymised: 'audit.actionLabel.callAnonymised',
  callErased: 'audit.actionLabel.callErased',
  retentionRun: 'audit.actionLabel.retentionRun',
  retentionRuleSet: 'audit.actionLabel.retentionRuleSet',
  auditExported: 'audit.actionLabel.auditExported',
  recordQuarantined: 'audit.actionLabel.recordQuarantined',
  ctdcExported: 'audit.actionLabel.ctdcExported',
  callListExported: 'audit.actionLabel.callListExported',
  categoryAdded: 'audit.actionLabel.categoryAdded',
  categoryRetired: 'audit.actionLabel.categoryRetired',
  categoryRestored: 'audit.actionLabel.categoryRestored',
  categoryDeleted: 'audit.actionLabel.categoryDeleted',
};

export const AUDIT_ACTIONS = Object.keys(ACTION_LABELS) as AuditAction[];

const TARGET_LABELS: Readonly<Record<string, MessageKey>> = {
  account: 'audit.target.account',
  call: 'audit.target.call',
  device: 'audit.target.device',
  organisation: 'audit.target.organisation',
  referral: 'audit.target.referral',
};

/**
 * The translated name of an action. An entry synced from a newer app version
 * may carry a code this one does not know; it is shown as stored.
 */
export function actionLabel({ t }: I18n, code: string): string {
  const key = (ACTION_LABELS as Record<string, MessageKey | undefined>)[code];
  return key ? t(key) : code;
}

/** "Call 3f2a…" — the kind translated, the id as stored. */
export function targetLabel({ t }: I18n, entry: AuditEntry): string {
  if (!entry.targetId) return '';
  const key = entry.targetKind ? TARGET_LABELS[entry.targetKind] : undefined;
  const kind = key ? t(key) : (entry.targetKind ?? '');
  return kind ? `${kind} ${entry.targetId}` : entry.targetId;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** A detail's value: instants in Rīga time like the rest of the screen, text as it is. */
function valueText(value: unknown): string {
  if (typeof value !== 'string') return JSON.stringify(value);
  return INSTANT.test(value) ? formatDateTime(value) : value;
}

/**
 * `{"failedAttemptsBefore":0}` → `failedAttemptsBefore: 0`. The details are
 * options and counts by design (never personal data), so they are shown as
 * stored, one `name: value` pair after another.
 */
export function detailsText(details: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(details);
  } catch {
    return details;
  }
  if (parsed === null) return '';
  if (typeof parsed !== 'object' || Array.isArray(parsed)) return JSON.stringify(parsed);
  return Object.entries(parsed as Record<string, unknown>)
    .filter(([, value]) => value !== null)
    .map(([name, value]) => `${name}: ${valueText(value)}`)
    .join(', ');
}
