//! The call log on the encrypted store: drafts saved as the consultant types,
//! finishing a call, edits that keep every earlier version, and repeat-caller
//! recognition by keyed hash.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::Serialize;
use ts_rs::TS;
use uuid::Uuid;

use super::record::{CallDetails, CallStatus, Completeness, StoredCall};
use super::statistics_only;
use super::{caller_number, caller_seen, riga_day};
use crate::accounts::{account_by_id, Account};
use crate::audit::{self, AuditAction, AuditEvent};
use crate::categories::{check_line, check_subjects};
use crate::changes::{clock, outbox, RecordKind};
use crate::codes::code_of;
use crate::error::{Error, InvalidReason, Result};
use crate::store::rows::{parse_time, parse_uuid};

/// Calls as the signed-in account may see and change them.
#[derive(Debug)]
pub struct CallLog<'a> {
    pub(crate) connection: &'a Connection,
    pub(crate) account: &'a Account,
}

/// "Called 3 times before, last on 12.10.2026, case K-0042."
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RepeatCaller {
    /// The calls this laptop holds, which a consultant's holds of their
    /// own region only.
    pub previous_calls: u32,
    pub last_call_at: Option<DateTime<Utc>>,
    pub case_ref: Option<String>,
    /// The number has called another region's line (known to every
    /// laptop, with nothing of those calls).
    pub called_another_line: bool,
}

/// One kept version of a finished call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CallVersion {
    pub version: u32,
    pub edited_at: DateTime<Utc>,
    pub edited_by: Uuid,
    pub edited_by_name: String,
    /// The fields that differ from the version before (empty for the first).
    pub changed_fields: Vec<String>,
    /// Another device edited the same earlier version at the same time: both
    /// edits are kept, the later one is the current record.
    pub edited_on_two_devices: bool,
    pub details: CallDetails,
}

pub(crate) const CALL_COLUMNS: &str =
    "id, status, consultant, caller_number_hash IS NOT NULL, updated_at, version, details,
     EXISTS (SELECT 1 FROM call_version a JOIN call_version b
             ON b.call_id = a.call_id AND b.base_stamp = a.base_stamp AND b.stamp > a.stamp
             WHERE a.call_id = call.id)";

/// How many columns [`CALL_COLUMNS`] names: a query may add its own after them.
pub(crate) const CALL_COLUMN_COUNT: usize = 8;

pub(crate) fn call_from_row(row: &Row<'_>) -> rusqlite::Result<StoredCall> {
    let status: String = row.get(1)?;
    let details: String = row.get(6)?;
    Ok(StoredCall {
        id: parse_uuid(row, 0)?,
        status: if status == "final" {
            CallStatus::Final
        } else {
            CallStatus::Draft
        },
        consultant: parse_uuid(row, 2)?,
        has_caller_number: row.get(3)?,
        updated_at: parse_time(row, 4)?,
        version: row.get(5)?,
        details: serde_json::from_str(&details).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(6, rusqlite::types::Type::Text, Box::new(e))
        })?,
        edited_on_two_devices: row.get(7)?,
    })
}

impl CallLog<'_> {
    /// Starts a call now, as a draft in the consultant's home region.
    pub fn start(&self, now: DateTime<Utc>) -> Result<StoredCall> {
        let id = Uuid::new_v4();
        let details = CallDetails::starting(now, self.account.home_region);
        let transaction = self.connection.unchecked_transaction()?;
        transaction.execute(
            "INSERT INTO call (id, status, consultant, region, started_at, updated_at, version, details)
             VALUES (?1, 'draft', ?2, ?3, ?4, ?4, 0, '{}')",
            params![id.to_string(), self.account.id.to_string(), details.region.code(), now.to_rfc3339()],
        )?;
        write_details(&transaction, id, &details, now)?;
        transaction.commit()?;
        self.get(id)
    }

    /// Autosave: replaces a draft's details. Partial details are fine; each
    /// field that is filled in must be valid.
    pub fn save_draft(
        &self,
        id: Uuid,
        details: CallDetails,
        now: DateTime<Utc>,
    ) -> Result<StoredCall> {
        let call = self.get_own_draft(id)?;
        let details = details.normalised(Completeness::Draft)?;
        check_categories(self.connection, &details, Some(&call.details))?;
        self.check_assignee(&details)?;
        let transaction = self.connection.unchecked_transaction()?;
        write_details(&transaction, call.id, &details, now)?;
        transaction.commit()?;
        self.get(id)
    }

    /// Finishes a draft: every required field must be there; the end time is
    /// now unless already set. The finished record is version 1 of its history.
    pub fn finish(&self, id: Uuid, details: CallDetails, now: DateTime<Utc>) -> Result<StoredCall> {
        let call = self.get_own_draft(id)?;
        let mut details = details.normalised(Completeness::Final)?;
        check_categories(self.connection, &details, Some(&call.details))?;
        self.check_final(&details)?;
        details.ended_at.get_or_insert(now);
        let transaction = self.connection.unchecked_transaction()?;
        let details = as_kept(&transaction, call.id, details, now)?;
        write_details(&transaction, call.id, &details, now)?;
        transaction.execute(
            "UPDATE call SET status = 'final' WHERE id = ?1",
            [id.to_string()],
        )?;
        insert_version(&transaction, id, self.account.id, &[], &details, now)?;
        note_caller_seen(&transaction, id, &details, now)?;
        self.audit(
            &transaction,
            AuditEvent::new(AuditAction::CallCreated).target("call", id),
            now,
        )?;
        transaction.commit()?;
        self.get(id)
    }

    /// Records calls that are already complete (from `hotline call add` or the
    /// sample generator) as finished, version 1 each, in one transaction: all
    /// are added or, if one is invalid, none.
    pub fn add_finished(
        &self,
        calls: impl IntoIterator<Item = CallDetails>,
        now: DateTime<Utc>,
    ) -> Result<Vec<Uuid>> {
        let transaction = self.connection.unchecked_transaction()?;
        let mut ids = Vec::new();
        for details in calls {
            let mut details = details.normalised(Completeness::Final)?;
            check_categories(&transaction, &details, None)?;
            self.check_final(&details)?;
            details.ended_at.get_or_insert(now);
            let id = Uuid::new_v4();
            transaction
                .prepare_cached(
                    "INSERT INTO call (id, status, consultant, region, started_at, updated_at, version, details)
                     VALUES (?1, 'final', ?2, ?3, ?4, ?5, 0, '{}')",
                )?
                .execute(params![
                    id.to_string(),
                    self.account.id.to_string(),
                    details.region.code(),
                    details.started_at.to_rfc3339(),
                    now.to_rfc3339()
                ])?;
            let details = as_kept(&transaction, id, details, now)?;
            write_details(&transaction, id, &details, now)?;
            insert_version(&transaction, id, self.account.id, &[], &details, now)?;
            self.audit(
                &transaction,
                AuditEvent::new(AuditAction::CallCreated).target("call", id),
                now,
            )?;
            ids.push(id);
        }
        transaction.commit()?;
        Ok(ids)
    }

    /// Edits a finished call; the previous version stays in the history.
    pub fn edit(&self, id: Uuid, details: CallDetails, now: DateTime<Utc>) -> Result<StoredCall> {
        let call = self.get_finished(id)?;
        self.require_may_edit(&call)?;
        self.save_edit(call, details, AuditEvent::new(AuditAction::CallEdited), now)
    }

    /// A finished call that was not erased: the only kind that is edited.
    pub(super) fn get_finished(&self, id: Uuid) -> Result<StoredCall> {
        let call = self.get(id)?;
        if call.status != CallStatus::Final {
            return Err(Error::CallNotFinal);
        }
        if super::removal_of(self.connection, id)?.is_some() {
            return Err(Error::CallRemoved);
        }
        Ok(call)
    }

    /// Keeps `details` as the call's new version, audited as `event` with
    /// the fields that changed; the caller checked who may.
    pub(super) fn save_edit(
        &self,
        call: StoredCall,
        details: CallDetails,
        event: AuditEvent,
        now: DateTime<Utc>,
    ) -> Result<StoredCall> {
        let id = call.id;
        let transaction = self.connection.unchecked_transaction()?;
        self.write_edit(&transaction, call, details, event, now)?;
        transaction.commit()?;
        self.get(id)
    }

    /// Finished calls where `condition` holds (SQL over `call`, `?1` bound to
    /// `value`), in `order`, from the regions this account may read; erased
    /// and anonymised calls are left out, as they belong to no case or
    /// follow-up any more.
    pub(super) fn readable_calls(
        &self,
        condition: &str,
        value: &str,
        order: &str,
    ) -> Result<Vec<StoredCall>> {
        let mut statement = self.connection.prepare(&format!(
            "SELECT {CALL_COLUMNS} FROM call
             WHERE status = 'final' AND {condition} AND (?2 OR region = ?3)
               AND id NOT IN (SELECT call_id FROM call_removal)
             ORDER BY {order}"
        ))?;
        let calls = statement
            .query_map(
                params![
                    value,
                    self.account.is_supervisor(),
                    self.account.home_region.code()
                ],
                call_from_row,
            )?
            .collect::<rusqlite::Result<_>>()?;
        Ok(calls)
    }

    /// [`save_edit`](Self::save_edit) inside the caller's transaction, so
    /// that several edits land together or not at all.
    pub(super) fn write_edit(
        &self,
        transaction: &Connection,
        call: StoredCall,
        details: CallDetails,
        event: AuditEvent,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let details = details.normalised(Completeness::Final)?;
        check_categories(transaction, &details, Some(&call.details))?;
        self.check_final(&details)?;
        let changed = changed_fields(&call.details, &details)?;
        if changed.is_empty() {
            return Ok(());
        }
        write_details(transaction, call.id, &details, now)?;
        insert_version(
            transaction,
            call.id,
            self.account.id,
            &changed,
            &details,
            now,
        )?;
        self.audit(
            transaction,
            event
                .target("call", call.id)
                .details(serde_json::json!({ "changedFields": changed })),
            now,
        )
    }

    /// Throws away a draft started by mistake; finished calls are never deleted here.
    pub fn discard_draft(&self, id: Uuid, now: DateTime<Utc>) -> Result<()> {
        self.get_own_draft(id)?;
        let transaction = self.connection.unchecked_transaction()?;
        transaction.execute(
            "DELETE FROM call_text WHERE rowid = (SELECT text_key FROM call WHERE id = ?1)",
            [id.to_string()],
        )?;
        transaction.execute("DELETE FROM call WHERE id = ?1", [id.to_string()])?;
        self.audit(
            &transaction,
            AuditEvent::new(AuditAction::CallDraftDiscarded).target("call", id),
            now,
        )?;
        transaction.commit()?;
        Ok(())
    }

    /// The signed-in account's unfinished calls, newest first: after a crash
    /// or a lock they are offered again.
    pub fn own_drafts(&self) -> Result<Vec<StoredCall>> {
        let mut statement = self.connection.prepare(&format!(
            "SELECT {CALL_COLUMNS} FROM call WHERE status = 'draft' AND consultant = ?1
             ORDER BY started_at DESC"
        ))?;
        let drafts = statement
            .query_map([self.account.id.to_string()], call_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(drafts)
    }

    /// One call opened to read: the same as [`get`](Self::get), and audited.
    pub fn open(&self, id: Uuid, now: DateTime<Utc>) -> Result<StoredCall> {
        let call = self.get(id)?;
        self.audit(
            self.connection,
            AuditEvent::new(AuditAction::CallOpened).target("call", id),
            now,
        )?;
        Ok(call)
    }

    fn audit(&self, connection: &Connection, event: AuditEvent, now: DateTime<Utc>) -> Result<()> {
        audit::record(connection, Some(self.account.id), event, now)
    }

    /// One call, if the signed-in account may see it.
    pub fn get(&self, id: Uuid) -> Result<StoredCall> {
        let call = self
            .connection
            .query_row(
                &format!("SELECT {CALL_COLUMNS} FROM call WHERE id = ?1"),
                [id.to_string()],
                call_from_row,
            )
            .optional()?
            .ok_or(Error::CallNotFound)?;
        if !self.may_see(&call) {
            return Err(Error::CallNotFound);
        }
        Ok(call)
    }

    /// Every kept version of a finished call, oldest first.
    pub fn history(&self, id: Uuid) -> Result<Vec<CallVersion>> {
        self.get(id)?;
        let mut statement = self.connection.prepare(
            "SELECT v.edited_at, v.edited_by, coalesce(a.display_name, ''),
                    v.changed_fields, v.details,
                    EXISTS (SELECT 1 FROM call_version o WHERE o.call_id = v.call_id
                            AND o.base_stamp = v.base_stamp AND o.stamp != v.stamp)
             FROM call_version v LEFT JOIN account a ON a.id = v.edited_by
             WHERE v.call_id = ?1 ORDER BY v.stamp",
        )?;
        let versions = statement
            .query_map([id.to_string()], |row| {
                Ok((
                    parse_time(row, 0)?,
                    parse_uuid(row, 1)?,
                    row.get::<_, String>(2)?,
                    row.get::<_, String>(3)?,
                    row.get::<_, String>(4)?,
                    row.get::<_, bool>(5)?,
                ))
            })?
            .zip(1..)
            .map(|(row, version)| {
                let (edited_at, edited_by, edited_by_name, changed, details, concurrent) = row?;
                Ok(CallVersion {
                    version,
                    edited_at,
                    edited_by,
                    edited_by_name,
                    changed_fields: serde_json::from_str(&changed).map_err(corrupt)?,
                    edited_on_two_devices: concurrent,
                    details: serde_json::from_str(&details).map_err(corrupt)?,
                })
            })
            .collect::<Result<_>>()?;
        Ok(versions)
    }

    /// Records the caller's number as a keyed hash only, and tells whether the
    /// person called before. A draft without a case reference takes the one
    /// from the earlier calls.
    pub fn set_caller_number(
        &self,
        id: Uuid,
        number: &str,
        now: DateTime<Utc>,
    ) -> Result<RepeatCaller> {
        let call = self.get_own_draft(id)?;
        let normalised = caller_number::normalise(number)?;
        let transaction = self.connection.unchecked_transaction()?;
        let key = caller_number::organisation_secret(&transaction)?;
        let hash = caller_number::hash(&key, &normalised);
        // Only calls this account may read: a consultant signed in on a
        // supervisor's laptop learns nothing of other regions' calls here.
        let supervisor = self.account.is_supervisor();
        let region = self.account.home_region.code();
        let (previous_calls, last_call_at): (u32, Option<String>) = transaction.query_row(
            "SELECT count(*), max(started_at) FROM call
             WHERE caller_number_hash = ?1 AND id != ?2 AND status = 'final'
               AND (?3 OR region = ?4)",
            params![hash, id.to_string(), supervisor, region],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?;
        let called_another_line =
            caller_seen::seen_elsewhere(&transaction, &hash, call.details.region)?;
        let case_ref: Option<String> = transaction
            .query_row(
                "SELECT case_ref FROM call
                 WHERE caller_number_hash = ?1 AND id != ?2 AND case_ref IS NOT NULL
                   AND (?3 OR region = ?4)
                 ORDER BY started_at DESC LIMIT 1",
                params![hash, id.to_string(), supervisor, region],
                |row| row.get(0),
            )
            .optional()?;
        transaction.execute(
            "UPDATE call SET caller_number_hash = ?2 WHERE id = ?1",
            params![id.to_string(), hash],
        )?;
        if call.details.case_ref.is_none() && case_ref.is_some() {
            let details = CallDetails {
                case_ref: case_ref.clone(),
                ..call.details
            };
            write_details(&transaction, id, &details, now)?;
        }
        transaction.commit()?;
        Ok(RepeatCaller {
            previous_calls,
            last_call_at: last_call_at
                .as_deref()
                .and_then(|text| DateTime::parse_from_rfc3339(text).ok())
                .map(|time| time.with_timezone(&Utc)),
            case_ref,
            called_another_line,
        })
    }

    /// Whether a call that started at `started_at` would be kept as its
    /// statistics only, being older than the organisation's retention
    /// period: the call form and the CLI say so before it is saved.
    pub fn is_past_retention(&self, started_at: DateTime<Utc>, now: DateTime<Utc>) -> Result<bool> {
        statistics_only::is_past_retention(self.connection, started_at, now)
    }

    /// The next case reference this device hands out ("K-7QX2-14"), unique
    /// across the organisation ([`super::case_ref`]).
    pub fn next_case_ref(&self) -> Result<String> {
        super::case_ref::next(self.connection, clock::device_id(self.connection)?)
    }

    /// The rules a finished call meets beyond its own fields: a consultant
    /// records calls of their own region only (the device holds no other
    /// region's key, so it could not sync them), and a follow-up goes to an
    /// account of this organisation.
    fn check_final(&self, details: &CallDetails) -> Result<()> {
        if !self.account.is_supervisor() && details.region != self.account.home_region {
            return Err(Error::invalid("region", InvalidReason::NotYourRegion));
        }
        self.check_assignee(details)
    }

    /// A follow-up goes to someone who can see the call: an account of its
    /// region or a supervisor.
    fn check_assignee(&self, details: &CallDetails) -> Result<()> {
        let Some(follow_up) = &details.follow_up else {
            return Ok(());
        };
        let Some(assignee) = account_by_id(self.connection, follow_up.assignee)? else {
            return Err(Error::invalid("followUp", InvalidReason::Unknown));
        };
        if !assignee.is_supervisor() && assignee.home_region != details.region {
            return Err(Error::invalid(
                "followUp",
                InvalidReason::AssigneeNotInRegion,
            ));
        }
        Ok(())
    }

    fn get_own_draft(&self, id: Uuid) -> Result<StoredCall> {
        let call = self.get(id)?;
        if call.status != CallStatus::Draft {
            return Err(Error::CallAlreadyFinished);
        }
        if call.consultant != self.account.id {
            return Err(Error::CallNotFound);
        }
        Ok(call)
    }

    fn may_see(&self, call: &StoredCall) -> bool {
        match call.status {
            CallStatus::Draft => call.consultant == self.account.id,
            CallStatus::Final => {
                self.account.is_supervisor() || call.details.region == self.account.home_region
            }
        }
    }

    pub(super) fn require_may_edit(&self, call: &StoredCall) -> Result<()> {
        if self.account.is_supervisor() || call.consultant == self.account.id {
            Ok(())
        } else {
            Err(Error::SupervisorOnly)
        }
    }
}

/// Writes the details and everything derived from them (filter columns,
/// subjects, the full-text index) in the caller's transaction.
/// A call that started before the organisation's retention period is kept
/// as its statistics only from the moment it is finished, as a retention run
/// would leave it: historical figures can be entered without their personal
/// data ever being stored (the call form says so before finishing).
fn as_kept(
    connection: &Connection,
    id: Uuid,
    details: CallDetails,
    now: DateTime<Utc>,
) -> Result<CallDetails> {
    if !statistics_only::is_past_retention(connection, details.started_at, now)? {
        return Ok(details);
    }
    connection.execute(
        "UPDATE call SET caller_number_hash = NULL WHERE id = ?1",
        [id.to_string()],
    )?;
    let secret = caller_number::organisation_secret(connection)?;
    Ok(statistics_only::anonymised(&details, &secret))
}

/// The key of a call's row in the notes index: the millisecond it started,
/// then its row number to tell apart calls of the same millisecond (two
/// calls would need row numbers 2^20 apart to clash). The index keeps rows
/// in key order, so a search reads it newest first and stops at its limit.
/// Migration 19 computes the same key in SQL for the calls it found.
fn text_key(started_at: DateTime<Utc>, rowid: i64) -> i64 {
    started_at.timestamp_millis() * TEXT_KEY_SPAN + rowid.rem_euclid(TEXT_KEY_SPAN)
}

const TEXT_KEY_SPAN: i64 = 1 << 20;

/// The smallest `text_key` of a call that started at `instant` or later:
/// a period's bounds as keys, so a range reads one index.
pub(crate) fn first_text_key(instant: DateTime<Utc>) -> i64 {
    instant.timestamp_millis() * TEXT_KEY_SPAN
}

/// The millisecond a call with this `text_key` started.
pub(crate) fn started_ms(text_key: i64) -> i64 {
    text_key.div_euclid(TEXT_KEY_SPAN)
}

pub(crate) fn write_details(
    connection: &Connection,
    id: Uuid,
    details: &CallDetails,
    now: DateTime<Utc>,
) -> Result<()> {
    let json = serde_json::to_string(details).map_err(corrupt)?;
    let follow_up = details.follow_up.as_ref();
    let (rowid, old_text_key): (i64, Option<i64>) = connection
        .prepare_cached("SELECT rowid, text_key FROM call WHERE id = ?1")?
        .query_row([id.to_string()], |row| Ok((row.get(0)?, row.get(1)?)))?;
    let text_key = text_key(details.started_at, rowid);
    connection.prepare_cached(
        "UPDATE call SET region = ?2, line = ?3, started_at = ?4, updated_at = ?5, case_ref = ?6,
                follow_up_due = ?7, follow_up_done = ?8, follow_up_assignee = ?9, details = ?10,
                text_key = ?11
         WHERE id = ?1",
    )?.execute(
        params![
            id.to_string(),
            details.region.code(),
            details.line.as_ref().map(code_of),
            details.started_at.to_rfc3339(),
            now.to_rfc3339(),
            details.case_ref,
            follow_up.map(|f| f.due.to_string()),
            follow_up.is_some_and(|f| f.done_at.is_some()),
            follow_up.map(|f| f.assignee.to_string()),
            json,
            text_key,
        ],
    )?;
    connection
        .prepare_cached("DELETE FROM call_subject WHERE call_id = ?1")?
        .execute([id.to_string()])?;
    for subject in &details.subjects {
        connection
            .prepare_cached("INSERT INTO call_subject (call_id, subject) VALUES (?1, ?2)")?
            .execute(params![id.to_string(), code_of(subject)])?;
    }
    if let Some(old) = old_text_key {
        connection
            .prepare_cached("DELETE FROM call_text WHERE rowid = ?1")?
            .execute([old])?;
    }
    let referrals: Vec<&str> = details.referrals.iter().map(|r| r.to.as_str()).collect();
    connection
        .prepare_cached(
            "INSERT INTO call_text (rowid, notes, advice, referrals) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![
            text_key,
            details.notes,
            details.advice_given,
            referrals.join("\n")
        ])?;
    Ok(())
}

/// Keeps `details` as the call's newest version, stamped and queued for sync;
/// it names the version it was edited from, so an edit of the same version on
/// another device shows up as "edited on two devices".
fn insert_version(
    connection: &Connection,
    id: Uuid,
    editor: Uuid,
    changed: &[String],
    details: &CallDetails,
    now: DateTime<Utc>,
) -> Result<()> {
    let stamp = outbox::record_change(connection, RecordKind::Call, id, now)?;
    store_version(
        connection,
        id,
        &VersionRow {
            stamp: stamp.to_string(),
            base_stamp: current_stamp(connection, id)?,
            edited_at: now,
            edited_by: editor,
            changed_fields: changed.to_vec(),
        },
        details,
    )?;
    Ok(())
}

/// A stored version's bookkeeping, as kept and as synced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct VersionRow {
    pub stamp: String,
    pub base_stamp: Option<String>,
    pub edited_at: DateTime<Utc>,
    pub edited_by: Uuid,
    pub changed_fields: Vec<String>,
}

pub(crate) fn current_stamp(connection: &Connection, id: Uuid) -> Result<Option<String>> {
    Ok(connection
        .prepare_cached("SELECT stamp FROM call WHERE id = ?1")?
        .query_row([id.to_string()], |row| row.get(0))
        .optional()?
        .flatten())
}

/// Inserts a version (ignored if already kept) and, when it is the newest,
/// makes it the call's current stamp. Returns whether it was new.
pub(crate) fn store_version(
    connection: &Connection,
    id: Uuid,
    row: &VersionRow,
    details: &CallDetails,
) -> Result<bool> {
    let inserted = connection
        .prepare_cached(
            "INSERT OR IGNORE INTO call_version
                 (call_id, stamp, base_stamp, edited_at, edited_by, changed_fields, details)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(params![
            id.to_string(),
            row.stamp,
            row.base_stamp,
            row.edited_at.to_rfc3339(),
            row.edited_by.to_string(),
            serde_json::to_string(&row.changed_fields).map_err(corrupt)?,
            serde_json::to_string(details).map_err(corrupt)?,
        ])?;
    connection
        .prepare_cached(
            "UPDATE call SET
                 stamp = (SELECT max(stamp) FROM call_version WHERE call_id = ?1),
                 version = (SELECT count(*) FROM call_version WHERE call_id = ?1)
             WHERE id = ?1",
        )?
        .execute([id.to_string()])?;
    Ok(inserted == 1)
}

/// The names of the top-level fields that differ, alphabetically.
fn changed_fields(before: &CallDetails, after: &CallDetails) -> Result<Vec<String>> {
    let before = serde_json::to_value(before).map_err(corrupt)?;
    let after = serde_json::to_value(after).map_err(corrupt)?;
    let (Some(before), Some(after)) = (before.as_object(), after.as_object()) else {
        return Ok(Vec::new());
    };
    Ok(after
        .iter()
        .filter(|(name, value)| before.get(*name) != Some(*value))
        .map(|(name, _)| name.clone())
        .collect())
}

fn corrupt(error: serde_json::Error) -> Error {
    Error::DatabaseCorrupt(format!("a stored call is not valid: {error}"))
}

/// The subjects and line of `details` are the organisation's categories; a
/// retired one only if the call had it before (`had`).
fn check_categories(
    connection: &Connection,
    details: &CallDetails,
    had: Option<&CallDetails>,
) -> Result<()> {
    check_subjects(
        connection,
        &details.subjects,
        had.map_or(&[], |had| &had.subjects),
    )?;
    check_line(
        connection,
        details.line.as_ref(),
        had.and_then(|had| had.line.as_ref()),
    )
}

/// Tells every laptop that the number of call `id`, if it has one, called
/// its region's line.
fn note_caller_seen(
    connection: &Connection,
    id: Uuid,
    details: &CallDetails,
    now: DateTime<Utc>,
) -> Result<()> {
    let hash: Option<String> = connection.query_row(
        "SELECT caller_number_hash FROM call WHERE id = ?1",
        [id.to_string()],
        |row| row.get(0),
    )?;
    match hash {
        Some(hash) => caller_seen::note(
            connection,
            &hash,
            details.region,
            riga_day(details.started_at),
            now,
        ),
        None => Ok(()),
    }
}
