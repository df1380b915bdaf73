//! An unlocked store: the signed-in account, its database writer, its
//! readers and the data key. Dropping the session (locking) closes the
//! connections and zeroizes the key; a read still in flight on a
//! [`SessionReader`] finishes first and then closes its own.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use crate::accounts::{
    self, check_new_passphrase, normalise_login, Account, AccountChange, NewAccount, Organisation,
};
use crate::audit::{AuditAction, AuditEvent};
use crate::backup_schedule;
use crate::error::{Error, InvalidReason, Result};
use crate::store::checkpointer::{Checkpointer, CHECKPOINT_EVERY};
use crate::store::connection::open_encrypted;
use crate::store::crypto::{DataKey, WrappedKey};
use crate::store::keyring::{KeyRing, KeyRingEntry};
use crate::store::readers::Readers;
use crate::store::{settings, DataDir};
use crate::sync::{Replica, SyncState};

pub const DEFAULT_AUTO_LOCK_MINUTES: u32 = 10;
pub const MAX_AUTO_LOCK_MINUTES: u32 = 240;
const AUTO_LOCK_SETTING: &str = "auto_lock_minutes";

/// What the UI shows about the signed-in person and the device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SessionInfo {
    pub account: Account,
    pub organisation: Organisation,
    pub auto_lock_minutes: u32,
}

#[derive(Debug)]
pub struct Session {
    dir: DataDir,
    connection: Connection,
    readers: Arc<Readers>,
    /// Moves the writer's log into the file, so a save never does.
    _checkpointer: Checkpointer,
    last_report: Arc<LastReport>,
    data_key: DataKey,
    account: Account,
    organisation: Organisation,
}

impl Session {
    pub(crate) fn new(
        dir: DataDir,
        connection: Connection,
        data_key: DataKey,
        account: Account,
        organisation: Organisation,
    ) -> Result<Self> {
        let database = dir.database();
        let checkpointer = Checkpointer::take_over(
            &database,
            &connection,
            open_encrypted(&database, &data_key)?,
            CHECKPOINT_EVERY,
        )?;
        Ok(Self {
            readers: Readers::new(database, data_key.duplicate()),
            _checkpointer: checkpointer,
            last_report: Arc::default(),
            dir,
            connection,
            data_key,
            account,
            organisation,
        })
    }

    pub fn account(&self) -> &Account {
        &self.account
    }

    pub fn organisation(&self) -> &Organisation {
        &self.organisation
    }

    pub fn info(&self) -> Result<SessionInfo> {
        Ok(SessionInfo {
            account: self.account.clone(),
            organisation: self.organisation.clone(),
            auto_lock_minutes: self.auto_lock_minutes()?,
        })
    }

    /// Locks: closes the database and zeroizes the data key.
    pub fn lock(self) {
        drop(self);
    }

    fn require_supervisor(&self) -> Result<()> {
        if self.account.is_supervisor() {
            Ok(())
        } else {
            Err(Error::SupervisorOnly)
        }
    }

    /// Adds a local account (supervisors only) that can unlock this device with
    /// its own passphrase.
    pub fn add_account(
        &mut self,
        new: NewAccount,
        passphrase: &str,
        now: DateTime<Utc>,
    ) -> Result<Account> {
        self.require_supervisor()?;
        let new = new.validated()?;
        check_new_passphrase(passphrase)?;
        let mut key_ring = self.key_ring()?;
        let transaction = self.connection.transaction()?;
        let account = accounts::insert_account(&transaction, &new, Some(self.account.id), now)?;
        crate::audit::record(
            &transaction,
            Some(self.account.id),
            AuditEvent::new(AuditAction::AccountAdded)
                .target("account", account.id)
                .details(serde_json::json!({
                    "role": account.role.code(),
                    "region": account.home_region.code(),
                })),
            now,
        )?;
        let wrapped = WrappedKey::wrap(
            &self.data_key,
            passphrase,
            &KeyRingEntry::wrap_context(account.id),
        )?;
        key_ring.put(account.id, &account.login, wrapped);
        // The key ring is saved before the commit: if saving fails the account
        // row is rolled back and nothing is half-added.
        key_ring.save()?;
        transaction.commit()?;
        Ok(account)
    }

    /// The device's accounts (supervisors only).
    pub fn accounts(&self) -> Result<Vec<Account>> {
        self.require_supervisor()?;
        accounts::all_accounts(&self.connection)
    }

    /// Changes a staff account's role, region or whether it is disabled
    /// (supervisors only, audited). The change syncs, so a disabled person
    /// can unlock no laptop of the organisation once it has synced. A
    /// supervisor cannot demote or disable themselves, so an organisation
    /// never loses its last supervisor by a slip.
    pub fn change_account(
        &mut self,
        id: uuid::Uuid,
        change: AccountChange,
        now: DateTime<Utc>,
    ) -> Result<Account> {
        self.require_supervisor()?;
        if id == self.account.id && (change.disabled || change.role != self.account.role) {
            return Err(Error::OwnAccountChange);
        }
        let transaction = self.connection.transaction()?;
        let account = accounts::account_by_id(&transaction, id)?.ok_or(Error::UnknownAccount)?;
        let changed = accounts::change_account(&transaction, &account, change, now)?;
        crate::audit::record(
            &transaction,
            Some(self.account.id),
            AuditEvent::new(AuditAction::AccountChanged)
                .target("account", id)
                .details(serde_json::json!({
                    "role": changed.role.code(),
                    "region": changed.home_region.code(),
                    "disabled": changed.disabled_at.is_some(),
                })),
            now,
        )?;
        transaction.commit()?;
        accounts::forget_disabled_keys(&self.connection, &self.dir)?;
        if id == self.account.id {
            self.account = changed.clone();
        }
        Ok(changed)
    }

    /// Lets a colleague whose account arrived by sync sign in on this laptop
    /// too (supervisors only, audited as an added account): one step, a
    /// login and a first passphrase, no second account for the same person.
    pub fn admit_account(
        &mut self,
        id: uuid::Uuid,
        login: &str,
        passphrase: &str,
        now: DateTime<Utc>,
    ) -> Result<Account> {
        self.require_supervisor()?;
        let login = normalise_login(login)?;
        check_new_passphrase(passphrase)?;
        let account =
            accounts::account_by_id(&self.connection, id)?.ok_or(Error::UnknownAccount)?;
        if account.disabled_at.is_some() {
            return Err(Error::AccountDisabled);
        }
        if !accounts::is_placeholder_login(&account.login) {
            return Err(Error::LoginTaken);
        }
        let mut key_ring = self.key_ring()?;
        let transaction = self.connection.transaction()?;
        accounts::set_local_login(&transaction, id, &login)?;
        crate::audit::record(
            &transaction,
            Some(self.account.id),
            AuditEvent::new(AuditAction::AccountAdded)
                .target("account", id)
                .details(serde_json::json!({
                    "role": account.role.code(),
                    "region": account.home_region.code(),
                    "fromSync": true,
                })),
            now,
        )?;
        let wrapped =
            WrappedKey::wrap(&self.data_key, passphrase, &KeyRingEntry::wrap_context(id))?;
        key_ring.put(id, &login, wrapped);
        key_ring.save()?;
        transaction.commit()?;
        Ok(Account { login, ..account })
    }

    /// Changes the signed-in account's passphrase: the data key is rewrapped,
    /// the database is not re-encrypted.
    pub fn change_passphrase(
        &mut self,
        current: &str,
        new: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        check_new_passphrase(new)?;
        let mut key_ring = self.key_ring()?;
        let context = KeyRingEntry::wrap_context(self.account.id);
        let entry = key_ring
            .find(&self.account.login)
            .ok_or(Error::UnknownAccount)?;
        entry.wrapped.unwrap(current, &context)?;
        self.rewrap(
            &mut key_ring,
            self.account.clone(),
            new,
            AuditAction::PassphraseChanged,
            now,
        )
    }

    /// Sets a new passphrase for another account (supervisors only), for a
    /// consultant who has forgotten theirs.
    pub fn reset_passphrase(&mut self, login: &str, new: &str, now: DateTime<Utc>) -> Result<()> {
        self.require_supervisor()?;
        check_new_passphrase(new)?;
        let login = normalise_login(login)?;
        let account =
            accounts::account_by_login(&self.connection, &login)?.ok_or(Error::UnknownAccount)?;
        let mut key_ring = self.key_ring()?;
        self.rewrap(
            &mut key_ring,
            account,
            new,
            AuditAction::PassphraseReset,
            now,
        )
    }

    fn rewrap(
        &mut self,
        key_ring: &mut KeyRing,
        account: Account,
        new: &str,
        action: AuditAction,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let wrapped =
            WrappedKey::wrap(&self.data_key, new, &KeyRingEntry::wrap_context(account.id))?;
        key_ring.put(account.id, &account.login, wrapped);
        let transaction = self.connection.transaction()?;
        accounts::record_passphrase_change(&transaction, account.id, now)?;
        crate::audit::record(
            &transaction,
            Some(self.account.id),
            AuditEvent::new(action).target("account", account.id),
            now,
        )?;
        key_ring.save()?;
        transaction.commit()?;
        Ok(())
    }

    fn key_ring(&self) -> Result<KeyRing> {
        KeyRing::load(self.dir.key_ring())?.ok_or(Error::NotSetUp)
    }

    pub fn auto_lock_minutes(&self) -> Result<u32> {
        settings::get_number(
            &self.connection,
            AUTO_LOCK_SETTING,
            DEFAULT_AUTO_LOCK_MINUTES,
        )
    }

    /// Sets this device's idle time before it locks itself (supervisors only).
    pub fn set_auto_lock_minutes(&mut self, minutes: u32) -> Result<()> {
        self.require_supervisor()?;
        if !(1..=MAX_AUTO_LOCK_MINUTES).contains(&minutes) {
            return Err(Error::invalid("autoLockMinutes", InvalidReason::OutOfRange));
        }
        settings::set(&self.connection, AUTO_LOCK_SETTING, &minutes.to_string())
    }

    /// The calls this account may see and change.
    pub fn call_log(&self) -> crate::calls::CallLog<'_> {
        crate::calls::CallLog {
            connection: &self.connection,
            account: &self.account,
        }
    }

    /// The referral directory as this account may read and change it.
    pub fn directory(&self) -> crate::referrals::Directory<'_> {
        crate::referrals::Directory {
            connection: &self.connection,
            account: &self.account,
        }
    }

    /// Whether this device anonymises old calls at unlock: a supervisor's
    /// device only, since a consultant's device may not write removals (the
    /// permission table); theirs arrive from a supervisor's device.
    pub(crate) fn runs_retention(&self) -> Result<bool> {
        crate::sync::identity::is_supervisor_device(&self.connection)
    }

    /// The retention period and its runs.
    pub fn retention(&self) -> crate::calls::Retention<'_> {
        crate::calls::Retention {
            connection: &self.connection,
            account: &self.account,
        }
    }

    /// The organisation's call subjects.
    pub fn categories(&self) -> crate::categories::Categories<'_> {
        crate::categories::Categories {
            connection: &self.connection,
            account: &self.account,
        }
    }

    /// Sync: status, the server connection, and a round's store steps.
    pub fn sync(&self) -> SyncState<'_> {
        crate::sync::SyncState {
            connection: &self.connection,
            dir: &self.dir,
            account: &self.account,
            organisation: &self.organisation,
        }
    }

    /// Counts of calls for a period and regions (supervisors only), as of
    /// `now` (which decides whether an open follow-up is overdue).
    pub fn report(
        &self,
        request: &crate::reports::ReportRequest,
        now: DateTime<Utc>,
    ) -> Result<crate::reports::Report> {
        self.reader().report(request, now)
    }

    /// The reads that may take long, on connections of their own: the
    /// caller can let go of the session (and its writer) while they run.
    pub fn reader(&self) -> SessionReader {
        SessionReader {
            readers: Arc::clone(&self.readers),
            account: self.account.clone(),
            organisation: self.organisation.clone(),
            last_report: Arc::clone(&self.last_report),
        }
    }

    /// Writes the files of an export prepared on a reader and audits them
    /// together (`SessionReader::prepare_report_export` and its kin).
    pub fn record_export<T>(
        &self,
        prepared: crate::reports::PreparedExport<T>,
        now: DateTime<Utc>,
    ) -> Result<T> {
        prepared.record(&self.connection, &self.account, now)
    }

    /// Runs a report and writes it where the supervisor chose, as XLSX,
    /// CSV or PDF; the export is recorded in the audit log (supervisors only).
    pub fn export_report(
        &self,
        request: &crate::reports::ReportRequest,
        export: &crate::reports::ReportExport,
        now: DateTime<Utc>,
    ) -> Result<crate::reports::ExportedReport> {
        let prepared = self.reader().prepare_report_export(request, export, now)?;
        self.record_export(prepared, now)
    }

    /// Writes one call's summary with the ticked parts to `path`; audited.
    /// Whoever may open the call may print it: its consultant, the
    /// consultants of its region once it is finished, and supervisors.
    pub fn print_call_summary(
        &self,
        request: &crate::reports::CallSummaryRequest,
        path: &std::path::Path,
        now: DateTime<Utc>,
    ) -> Result<crate::reports::PrintedCallSummary> {
        let call = self.call_log().get(request.call_id)?;
        crate::reports::print_call_summary(
            &self.connection,
            &self.account,
            &call,
            request,
            path,
            now,
        )
    }

    /// Writes the period's cases as a CTDC/HTCDS file to `path`, k-anonymous
    /// in publication mode; the export is audited (supervisors only).
    pub fn export_ctdc(
        &self,
        request: &crate::reports::ReportRequest,
        path: &std::path::Path,
        now: DateTime<Utc>,
    ) -> Result<crate::reports::CtdcExported> {
        let prepared = self
            .reader()
            .prepare_ctdc(request, path, &crate::progress::Unwatched)?;
        self.record_export(prepared, now)
    }

    /// Writes the period's calls with the chosen columns (at least one; free
    /// text only when chosen) as XLSX or CSV; audited (supervisors only).
    pub fn export_call_list(
        &self,
        export: &crate::reports::CallListExport,
        now: DateTime<Utc>,
    ) -> Result<crate::reports::ExportedCallList> {
        let prepared = self
            .reader()
            .prepare_call_list(export, &crate::progress::Unwatched)?;
        self.record_export(prepared, now)
    }

    /// The audit log, oldest first (supervisors only).
    pub fn audit_entries(&self) -> Result<Vec<crate::audit::AuditEntry>> {
        self.require_supervisor()?;
        crate::audit::entries(&self.connection)
    }

    /// The entries `filter` selects, newest first, as many as the screen
    /// shows (supervisors only).
    pub fn find_audit_entries(
        &self,
        filter: &crate::audit_export::AuditFilter,
    ) -> Result<crate::audit_export::AuditSelection> {
        self.require_supervisor()?;
        crate::audit_export::select(&self.connection, filter)
    }

    /// Writes every entry `filter` selects to `out` as CSV; the export is
    /// recorded in the audit log (supervisors only).
    pub fn export_audit_log(
        &self,
        filter: &crate::audit_export::AuditFilter,
        out: &std::path::Path,
        now: DateTime<Utc>,
    ) -> Result<crate::audit_export::AuditExport> {
        self.export_audit_log_watched(filter, out, now, &crate::progress::Unwatched)
    }

    /// [`Session::export_audit_log`], telling `work` the entries rendered;
    /// stopped, it writes and records nothing.
    pub fn export_audit_log_watched(
        &self,
        filter: &crate::audit_export::AuditFilter,
        out: &std::path::Path,
        now: DateTime<Utc>,
        work: &dyn crate::progress::WorkWatcher,
    ) -> Result<crate::audit_export::AuditExport> {
        self.require_supervisor()?;
        crate::audit_export::export(&self.connection, &self.account, filter, out, now, work)
    }

    /// Writes an encrypted backup of the whole store to `out` (supervisors
    /// only). It opens with the passphrase of any account of this device.
    pub fn backup(
        &self,
        out: &std::path::Path,
        now: DateTime<Utc>,
    ) -> Result<crate::backup::BackupSummary> {
        self.backup_watched(out, now, &crate::progress::Unwatched)
    }

    /// [`Session::backup`], telling `work` the pages copied; stopped, it
    /// leaves no file and records nothing.
    pub fn backup_watched(
        &self,
        out: &std::path::Path,
        now: DateTime<Utc>,
        work: &dyn crate::progress::WorkWatcher,
    ) -> Result<crate::backup::BackupSummary> {
        self.require_supervisor()?;
        self.write_backup(out, now, false, work)
    }

    fn write_backup(
        &self,
        out: &std::path::Path,
        now: DateTime<Utc>,
        scheduled: bool,
        work: &dyn crate::progress::WorkWatcher,
    ) -> Result<crate::backup::BackupSummary> {
        let key_ring = KeyRing::load(self.dir.key_ring())?.ok_or(Error::NotSetUp)?;
        let source = crate::backup::BackupSource {
            connection: &self.connection,
            data_key: &self.data_key,
            key_ring: &key_ring,
            organisation_id: self.organisation.id,
        };
        let summary = crate::backup::write(&source, out, now, work)?;
        self.record_audit(
            AuditEvent::new(AuditAction::BackupCreated)
                .details(serde_json::json!({ "bytes": summary.bytes, "scheduled": scheduled })),
            now,
        )?;
        Ok(summary)
    }

    /// This laptop's backup schedule and how it last went. Any account may
    /// read it: a failed backup is a warning everyone should see.
    pub fn backup_schedule(&self) -> Result<backup_schedule::BackupScheduleStatus> {
        backup_schedule::status(&self.connection)
    }

    /// Sets (or with `None` stops) this laptop's scheduled backups
    /// (supervisors only). The folder is not named in the audit log.
    pub fn set_backup_schedule(
        &self,
        schedule: Option<&backup_schedule::BackupSchedule>,
        now: DateTime<Utc>,
    ) -> Result<backup_schedule::BackupScheduleStatus> {
        self.require_supervisor()?;
        if let Some(schedule) = schedule {
            backup_schedule::validate(schedule)?;
        }
        backup_schedule::store(&self.connection, schedule)?;
        let details = schedule.map_or_else(
            || serde_json::json!({ "stopped": true }),
            |schedule| serde_json::json!({ "interval": schedule.interval, "keep": schedule.keep }),
        );
        self.record_audit(
            AuditEvent::new(AuditAction::BackupScheduleSet).details(details),
            now,
        )?;
        self.backup_schedule()
    }

    /// Writes the scheduled backup if one is due, whoever is signed in, and
    /// removes the oldest beyond the number kept. A failure is kept as the
    /// schedule's last result rather than returned, so the app shows it as a
    /// warning; `Err` only when the store itself cannot be read or written.
    pub fn run_scheduled_backup(
        &self,
        now: DateTime<Utc>,
    ) -> Result<Option<backup_schedule::ScheduledBackupResult>> {
        let Some(schedule) = backup_schedule::due(&self.connection, now)? else {
            return Ok(None);
        };
        let written = self
            .write_backup(
                &backup_schedule::file_for(&schedule, now),
                now,
                true,
                &crate::progress::Unwatched,
            )
            .and_then(|summary| {
                backup_schedule::prune(&schedule.folder, schedule.keep)?;
                Ok(summary)
            });
        let outcome = match written {
            Ok(summary) => backup_schedule::ScheduledBackupOutcome::Written {
                path: summary.path,
                bytes: summary.bytes,
            },
            Err(error) => backup_schedule::ScheduledBackupOutcome::Failed {
                error: error.to_public(),
            },
        };
        let result = backup_schedule::ScheduledBackupResult { at: now, outcome };
        backup_schedule::record(&self.connection, &result)?;
        Ok(Some(result))
    }

    /// Appends an event by the signed-in account to the audit log.
    pub(crate) fn record_audit(&self, event: AuditEvent, now: DateTime<Utc>) -> Result<()> {
        crate::audit::record(&self.connection, Some(self.account.id), event, now)
    }

    /// Checks every audit log this device holds, its own and other
    /// devices', against the signing keys of the certificates it trusts
    /// (supervisors only).
    pub fn verify_audit_log(&self) -> Result<crate::audit::AuditVerification> {
        self.require_supervisor()?;
        let signing_keys = match crate::sync::identity::trust_store(&self.connection) {
            Ok(trust) => trust
                .certificates()
                .map(|certificate| (certificate.device_id, certificate.signing_key.clone()))
                .collect(),
            Err(Error::SyncNotConfigured) => crate::audit::SigningKeys::new(),
            Err(error) => return Err(error),
        };
        crate::audit::verify(&self.connection, &signing_keys)
    }
}

impl Replica for Session {
    fn sync_step<T>(&self, step: impl FnOnce(&SyncState<'_>) -> Result<T>) -> Result<T> {
        step(&self.sync())
    }
}

/// The signed-in account's long reads (reports, call and directory
/// searches) on the session's read-only connections: cheap to clone and
/// free of the session's borrow, so the app runs them without holding the
/// writer that the call form saves through.
#[derive(Debug, Clone)]
pub struct SessionReader {
    readers: Arc<Readers>,
    account: Account,
    organisation: crate::accounts::Organisation,
    last_report: Arc<LastReport>,
}

/// The report this session counted last, with the request it answers: an
/// export of the same request writes exactly what the screen shows (its
/// cover says when it was counted) instead of counting it all again. Gone
/// with the session when the app locks.
#[derive(Debug, Default)]
struct LastReport(
    std::sync::Mutex<Option<(crate::reports::ReportRequest, crate::reports::Report)>>,
);

impl LastReport {
    fn get(&self, request: &crate::reports::ReportRequest) -> Option<crate::reports::Report> {
        let kept = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        kept.as_ref()
            .filter(|(counted_for, _)| counted_for == request)
            .map(|(_, report)| report.clone())
    }

    fn keep(&self, request: &crate::reports::ReportRequest, report: &crate::reports::Report) {
        *self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) =
            Some((request.clone(), report.clone()));
    }
}

impl SessionReader {
    fn require_supervisor(&self) -> Result<()> {
        if self.account.is_supervisor() {
            Ok(())
        } else {
            Err(Error::SupervisorOnly)
        }
    }

    /// A report's files rendered on a reader; written and audited by
    /// `Session::record_export` (supervisors only).
    pub fn prepare_report_export(
        &self,
        request: &crate::reports::ReportRequest,
        export: &crate::reports::ReportExport,
        now: DateTime<Utc>,
    ) -> Result<crate::reports::PreparedExport<crate::reports::ExportedReport>> {
        self.require_supervisor()?;
        let report = match self.last_report.get(request) {
            Some(shown) => shown,
            None => self.report(request, now)?,
        };
        crate::reports::prepare_report_export(
            &self.account,
            &self.organisation,
            report,
            export,
            now,
        )
    }

    /// The CTDC file rendered on a reader (supervisors only), telling `work`
    /// the cases built; stopped, it writes nothing.
    pub fn prepare_ctdc(
        &self,
        request: &crate::reports::ReportRequest,
        path: &std::path::Path,
        work: &dyn crate::progress::WorkWatcher,
    ) -> Result<crate::reports::PreparedExport<crate::reports::CtdcExported>> {
        self.require_supervisor()?;
        self.readers.read(|connection| {
            crate::reports::prepare_ctdc(connection, &self.account, request, path, work)
        })
    }

    /// The call list rendered on a reader (supervisors only), telling `work`
    /// the calls rendered; stopped, it writes nothing.
    pub fn prepare_call_list(
        &self,
        export: &crate::reports::CallListExport,
        work: &dyn crate::progress::WorkWatcher,
    ) -> Result<crate::reports::PreparedExport<crate::reports::ExportedCallList>> {
        self.require_supervisor()?;
        self.readers.read(|connection| {
            crate::reports::prepare_call_list(connection, &self.account, export, work)
        })
    }

    /// Counts of calls for a period and regions (supervisors only), as of
    /// `now` (which decides whether an open follow-up is overdue).
    pub fn report(
        &self,
        request: &crate::reports::ReportRequest,
        now: DateTime<Utc>,
    ) -> Result<crate::reports::Report> {
        self.require_supervisor()?;
        let report = self
            .readers
            .read(|connection| crate::reports::run(connection, &self.account, request, now))?;
        self.last_report.keep(request, &report);
        Ok(report)
    }

    /// A page of the finished calls `filter` selects among those the
    /// account may read.
    pub fn find_calls(&self, filter: &crate::calls::CallFilter) -> Result<crate::calls::CallPage> {
        self.readers.read(|connection| {
            crate::calls::CallLog {
                connection,
                account: &self.account,
            }
            .find(filter)
        })
    }

    /// Directory entries matching `query`, as the account may see them.
    pub fn search_referrals(
        &self,
        query: &crate::referrals::ReferralQuery,
        now: DateTime<Utc>,
    ) -> Result<Vec<crate::referrals::ReferralEntry>> {
        self.readers.read(|connection| {
            crate::referrals::Directory {
                connection,
                account: &self.account,
            }
            .search(query, now)
        })
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::mpsc;
    use std::time::Duration;

    use super::*;
    use crate::reports::ReportRequest;
    use crate::{DataDir, Device};

    /// Long enough for any save on this machine; reached only if the save
    /// waits for the report, which is the failure this test looks for.
    const DEADLOCK_GUARD: Duration = Duration::from_secs(60);

    /// Guards `SessionReader::report` running on `self.readers` (and the
    /// shell's `run_report` taking a reader, not the session): a report that
    /// ran on the writer would hold it, and the save below would never
    /// finish while the report is held inside its query.
    #[test]
    fn a_save_completes_while_a_report_runs_on_a_reader() {
        let temp = tempfile::tempdir().expect("tempdir");
        let device = Device::new(DataDir::at(temp.path().join("data")));
        let now = Utc::now();
        let session = crate::testkit::set_up_supervisor(&device, now).expect("set up");

        // The next read on this reader (the report) stops at its first step
        // until told to go on.
        let (report_running, running) = mpsc::channel();
        let (go_on, wait_for_save) = mpsc::channel::<()>();
        let armed = Arc::new(AtomicBool::new(false));
        let arm = Arc::clone(&armed);
        session
            .readers
            .read(|reader| {
                reader.progress_handler(
                    1,
                    Some(move || {
                        if arm.swap(false, Ordering::SeqCst) {
                            let _ = report_running.send(());
                            let _ = wait_for_save.recv();
                        }
                        false
                    }),
                )?;
                Ok(())
            })
            .expect("hold the reader");
        armed.store(true, Ordering::SeqCst);
        let reader = session.reader();
        let today = crate::calls::riga_day(now);
        let request = ReportRequest {
            from: today,
            to: today,
            regions: Vec::new(),
            publication: None,
        };
        let report = std::thread::spawn(move || reader.report(&request, now));
        running
            .recv_timeout(DEADLOCK_GUARD)
            .expect("the report started reading");

        let (done, save_finished) = mpsc::channel();
        let saving = std::thread::spawn(move || {
            let call = crate::testkit::callers::log_call_from(&session, "+37120000001", now, now);
            done.send(call.map(|call| call.id))
                .expect("report the save");
            session
        });
        let saved = save_finished.recv_timeout(DEADLOCK_GUARD);
        go_on.send(()).expect("let the report go on");
        drop(go_on);
        let saved = saved
            .expect("the save finished while the report was inside its query")
            .expect("the call was saved");
        let session = saving.join().expect("save thread");

        report.join().expect("report thread").expect("report");
        let listed = session
            .reader()
            .find_calls(&crate::calls::CallFilter::default());
        assert!(listed
            .expect("find")
            .calls
            .iter()
            .any(|call| call.id == saved));
    }
}
