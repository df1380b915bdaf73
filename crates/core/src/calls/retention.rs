//! Retention and erasure of calls.
//!
//! After the organisation's retention period a call is anonymised: its free
//! text, case reference, caller-number link and every earlier version go, and
//! only the fields the statistics count stay. On an erasure request (GDPR
//! art. 17) a supervisor deletes a call outright, history and all.
//!
//! Either leaves a tombstone in `call_removal` that syncs like any change
//! (`RecordKind::CallRemoval`), so every device removes the call too, and a
//! version of it that arrives later, from a device that was offline, is
//! ignored instead of bringing it back. Of two tombstones for one call,
//! erasure wins over anonymisation, and of two anonymisations the newer
//! stamp: every device ends in the same state whatever order they arrive in.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use super::log::{write_details, CallLog};
use super::record::{CallDetails, CallStatus};
use super::retention_rule::{self, RetentionRule};
use super::statistics_only::{anonymised, cutoff_from, trusted_now};
use crate::accounts::Account;
use crate::audit::{self, AuditAction, AuditEvent};
use crate::changes::{outbox, RecordKind};
use crate::error::{Error, Result};
use crate::region::Region;

/// A run that would anonymise more calls than this at once waits for a
/// supervisor's confirmation: a newly shortened rule, or a clock the server
/// could not check, should never strip years of calls unseen.
pub const CONFIRM_ABOVE: u32 = 100;

/// How a call was removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) enum RemovalMode {
    /// Statistics kept, everything that could identify the caller gone.
    Anonymised,
    /// Nothing kept.
    Erased,
}

impl RemovalMode {
    fn code(self) -> &'static str {
        match self {
            Self::Anonymised => "anonymised",
            Self::Erased => "erased",
        }
    }

    fn parse(code: &str) -> Result<Self> {
        match code {
            "anonymised" => Ok(Self::Anonymised),
            "erased" => Ok(Self::Erased),
            other => Err(Error::DatabaseCorrupt(format!(
                "unknown call removal {other:.20}"
            ))),
        }
    }
}

/// A call's tombstone, as stored and as synced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct Removal {
    pub mode: RemovalMode,
    pub region: Region,
    pub removed_at: DateTime<Utc>,
    pub removed_by: Uuid,
    /// What an anonymised call keeps; `None` for an erased one.
    pub details: Option<CallDetails>,
}

/// The mode and stamp of a call's tombstone, if it has one.
pub(crate) fn removal_of(
    connection: &Connection,
    id: Uuid,
) -> Result<Option<(RemovalMode, String)>> {
    let row: Option<(String, String)> = connection
        .prepare_cached("SELECT mode, stamp FROM call_removal WHERE call_id = ?1")?
        .query_row([id.to_string()], |row| Ok((row.get(0)?, row.get(1)?)))
        .optional()?;
    row.map(|(mode, stamp)| Ok((RemovalMode::parse(&mode)?, stamp)))
        .transpose()
}

/// The tombstone stored with exactly `stamp`, for sealing it: the call's
/// own, or its copy for an earlier region (always an erasure).
pub(crate) fn removal_at(
    connection: &Connection,
    id: Uuid,
    stamp: &str,
) -> Result<Option<Removal>> {
    let row: Option<(String, String, String, String, Option<String>)> = connection
        .query_row(
            "SELECT mode, region, removed_at, removed_by, details FROM call_removal
             WHERE call_id = ?1 AND stamp = ?2
             UNION ALL
             SELECT removal.mode, copy.region, removal.removed_at, removal.removed_by, NULL
             FROM call_removal_copy copy JOIN call_removal removal USING (call_id)
             WHERE copy.call_id = ?1 AND copy.stamp = ?2",
            params![id.to_string(), stamp],
            |row| {
                Ok((
                    row.get(0)?,
                    row.get(1)?,
                    row.get(2)?,
                    row.get(3)?,
                    row.get(4)?,
                ))
            },
        )
        .optional()?;
    let corrupt =
        |what: &str| Error::DatabaseCorrupt(format!("a call removal's {what} is not valid"));
    row.map(|(mode, region, removed_at, removed_by, details)| {
        Ok(Removal {
            mode: RemovalMode::parse(&mode)?,
            region: crate::region::parse(&region).map_err(|_| corrupt("region"))?,
            removed_at: DateTime::parse_from_rfc3339(&removed_at)
                .map_err(|_| corrupt("time"))?
                .with_timezone(&Utc),
            removed_by: Uuid::parse_str(&removed_by).map_err(|_| corrupt("author"))?,
            details: details
                .map(|json| serde_json::from_str(&json))
                .transpose()
                .map_err(|_| corrupt("details"))?,
        })
    })
    .transpose()
}

/// Stores `removal` unless the call already has a tombstone that wins over
/// it, and removes the call's data accordingly. Returns whether it was stored.
pub(crate) fn apply_removal(
    connection: &Connection,
    id: Uuid,
    stamp: &str,
    removal: &Removal,
) -> Result<bool> {
    // A removal sealed for one region removes only a call of that region: a
    // device of Latgale must not remove Rīga's calls by naming their ids.
    let region: Option<String> = connection
        .prepare_cached("SELECT region FROM call WHERE id = ?1")?
        .query_row([id.to_string()], |row| row.get(0))
        .optional()?;
    if region.is_some_and(|region| region != removal.region.code()) {
        return Err(Error::EnvelopeTampered);
    }
    let supersedes = match removal_of(connection, id)? {
        None => true,
        Some((RemovalMode::Erased, _)) => false,
        Some((RemovalMode::Anonymised, current)) => {
            removal.mode == RemovalMode::Erased || current.as_str() < stamp
        }
    };
    if !supersedes {
        return Ok(false);
    }
    let details = removal
        .details
        .as_ref()
        .map(serde_json::to_string)
        .transpose()
        .map_err(|error| Error::DatabaseCorrupt(format!("a call cannot be written: {error}")))?;
    connection.execute(
        "INSERT INTO call_removal (call_id, mode, region, stamp, removed_at, removed_by, details)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (call_id) DO UPDATE SET mode = excluded.mode, region = excluded.region,
             stamp = excluded.stamp, removed_at = excluded.removed_at,
             removed_by = excluded.removed_by, details = excluded.details",
        params![
            id.to_string(),
            removal.mode.code(),
            removal.region.code(),
            stamp,
            removal.removed_at.to_rfc3339(),
            removal.removed_by.to_string(),
            details
        ],
    )?;
    delete_text_and_history(connection, id)?;
    match (&removal.mode, &removal.details) {
        (RemovalMode::Anonymised, Some(kept)) => keep_anonymised(connection, id, removal, kept)?,
        _ => {
            connection.execute("DELETE FROM call WHERE id = ?1", [id.to_string()])?;
        }
    }
    Ok(true)
}

/// The search index row and every kept version: both hold free text.
fn delete_text_and_history(connection: &Connection, id: Uuid) -> Result<()> {
    connection.execute(
        "DELETE FROM call_text WHERE rowid = (SELECT text_key FROM call WHERE id = ?1)",
        [id.to_string()],
    )?;
    connection.execute(
        "DELETE FROM call_version WHERE call_id = ?1",
        [id.to_string()],
    )?;
    Ok(())
}

/// The call row with only the anonymised details; created when this device
/// never received the call itself, so its statistics stay complete.
fn keep_anonymised(
    connection: &Connection,
    id: Uuid,
    removal: &Removal,
    kept: &CallDetails,
) -> Result<()> {
    connection.execute(
        "INSERT INTO call (id, status, consultant, region, started_at, updated_at, version, details)
         VALUES (?1, 'final', ?2, ?3, ?4, ?4, 0, '{}')
         ON CONFLICT (id) DO UPDATE SET caller_number_hash = NULL",
        params![
            id.to_string(),
            removal.removed_by.to_string(),
            kept.region.code(),
            kept.started_at.to_rfc3339()
        ],
    )?;
    write_details(connection, id, kept, removal.removed_at)
}

/// What one retention run did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RetentionRun {
    pub retention_years: u32,
    /// Calls that started before this were anonymised, or are due.
    pub cutoff: DateTime<Utc>,
    /// Calls past the period, whether anonymised or held.
    pub due: u32,
    pub anonymised: u32,
    /// Why nothing was anonymised although calls were due.
    pub held: Option<RetentionHold>,
}

/// Why a run anonymised nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum RetentionHold {
    /// This laptop's clock differed from the sync server's by more than a
    /// day at the last sync: its calendar cannot be trusted.
    ClockDisagrees,
    /// More than [`CONFIRM_ABOVE`] calls are due at once.
    AwaitingConfirmation,
}

/// The organisation's retention rule and its runs on this laptop.
#[derive(Debug)]
pub struct Retention<'a> {
    pub(crate) connection: &'a Connection,
    pub(crate) account: &'a Account,
}

impl Retention<'_> {
    /// The organisation's rule as this laptop holds it.
    pub fn rule(&self) -> Result<RetentionRule> {
        retention_rule::current(self.connection)
    }

    /// Years a call is kept in full; 5 until a supervisor sets another.
    pub fn years(&self) -> Result<u32> {
        Ok(self.rule()?.years)
    }

    /// Sets the organisation's retention period (supervisors only), 1 to 50
    /// years; it reaches every laptop at their next sync. Audited.
    pub fn set_years(&self, years: u32, now: DateTime<Utc>) -> Result<RetentionRule> {
        if !self.account.is_supervisor() {
            return Err(Error::SupervisorOnly);
        }
        let transaction = self.connection.unchecked_transaction()?;
        let rule = retention_rule::set(&transaction, years, self.account.id, now)?;
        audit::record(
            &transaction,
            Some(self.account.id),
            AuditEvent::new(AuditAction::RetentionRuleSet)
                .details(serde_json::json!({ "retentionYears": years })),
            now,
        )?;
        transaction.commit()?;
        Ok(rule)
    }

    /// Anonymises every finished call that started more than the rule's
    /// period before `now`, as far as the sync server vouches for this
    /// laptop's clock; more than [`CONFIRM_ABOVE`] at once wait for
    /// [`Retention::run_confirmed`]. One transaction, audited.
    pub fn run(&self, now: DateTime<Utc>) -> Result<RetentionRun> {
        self.run_with(now, false)
    }

    /// The same run with a supervisor's confirmation of however many are due.
    pub fn run_confirmed(&self, now: DateTime<Utc>) -> Result<RetentionRun> {
        if !self.account.is_supervisor() {
            return Err(Error::SupervisorOnly);
        }
        self.run_with(now, true)
    }

    fn run_with(&self, now: DateTime<Utc>, confirmed: bool) -> Result<RetentionRun> {
        let retention_years = self.years()?;
        let trusted = trusted_now(self.connection, now)?;
        let cutoff = cutoff_from(trusted.unwrap_or(now), retention_years);
        let transaction = self.connection.unchecked_transaction()?;
        let due: Vec<(String, String)> = transaction
            .prepare(
                "SELECT id, details FROM call
                 WHERE status = 'final' AND started_at < ?1
                   AND id NOT IN (SELECT call_id FROM call_removal)",
            )?
            .query_map([cutoff.to_rfc3339()], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let due_count = u32::try_from(due.len()).unwrap_or(u32::MAX);
        let held = match trusted {
            None => Some(RetentionHold::ClockDisagrees),
            Some(_) if due_count > CONFIRM_ABOVE && !confirmed => {
                Some(RetentionHold::AwaitingConfirmation)
            }
            Some(_) => None,
        };
        if held.is_none() {
            super::caller_seen::forget_before(&transaction, super::riga_day(cutoff))?;
            let secret = super::caller_number::organisation_secret(&transaction)?;
            for (id, details) in &due {
                let id = Uuid::parse_str(id)
                    .map_err(|_| Error::DatabaseCorrupt("a call id is not valid".into()))?;
                let details: CallDetails = serde_json::from_str(details).map_err(|error| {
                    Error::DatabaseCorrupt(format!("a call is not valid: {error}"))
                })?;
                remove(
                    &transaction,
                    self.account,
                    id,
                    RemovalMode::Anonymised,
                    Some(anonymised(&details, &secret)),
                    details.region,
                    now,
                )?;
            }
        }
        let run = RetentionRun {
            retention_years,
            cutoff,
            due: due_count,
            anonymised: if held.is_none() { due_count } else { 0 },
            held,
        };
        audit::record(
            &transaction,
            Some(self.account.id),
            AuditEvent::new(AuditAction::RetentionRun).details(serde_json::json!({
                "retentionYears": run.retention_years,
                "cutoff": run.cutoff,
                "due": run.due,
                "anonymised": run.anonymised,
                "held": run.held,
            })),
            now,
        )?;
        transaction.commit()?;
        Ok(run)
    }
}

/// A local removal: stamped, queued for sync, applied, audited.
fn remove(
    connection: &Connection,
    account: &Account,
    id: Uuid,
    mode: RemovalMode,
    details: Option<CallDetails>,
    region: Region,
    now: DateTime<Utc>,
) -> Result<()> {
    let stamp = outbox::record_change(connection, RecordKind::CallRemoval, id, now)?;
    let removal = Removal {
        mode,
        region,
        removed_at: now,
        removed_by: account.id,
        details,
    };
    apply_removal(connection, id, &stamp.to_string(), &removal)?;
    let action = match mode {
        RemovalMode::Anonymised => AuditAction::CallAnonymised,
        RemovalMode::Erased => AuditAction::CallErased,
    };
    audit::record(
        connection,
        Some(account.id),
        AuditEvent::new(action).target("call", id),
        now,
    )
}

/// The regions call `id` had in its kept versions, other than `current`.
fn earlier_regions(connection: &Connection, id: Uuid, current: Region) -> Result<Vec<Region>> {
    let mut statement = connection.prepare(
        "SELECT DISTINCT json_extract(details, '$.region') FROM call_version WHERE call_id = ?1",
    )?;
    let codes = statement
        .query_map([id.to_string()], |row| row.get::<_, Option<String>>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    codes
        .into_iter()
        .flatten()
        .map(|code| {
            crate::region::parse(&code)
                .map_err(|_| Error::DatabaseCorrupt("a call version's region is not valid".into()))
        })
        .filter(|region| !matches!(region, Ok(region) if *region == current))
        .collect()
}

impl CallLog<'_> {
    /// Erases a finished call and its whole history on every device, for an
    /// erasure request (supervisors only): sealed for its region, then once
    /// more for every region it was moved away from, whose devices still
    /// hold its older versions. The audit log keeps that it happened, by the
    /// call's id, and nothing of its content.
    pub fn erase(&self, id: Uuid, now: DateTime<Utc>) -> Result<()> {
        if !self.account.is_supervisor() {
            return Err(Error::SupervisorOnly);
        }
        let call = self.get(id)?;
        if call.status != CallStatus::Final {
            return Err(Error::CallNotFinal);
        }
        let transaction = self.connection.unchecked_transaction()?;
        let earlier = earlier_regions(&transaction, id, call.details.region)?;
        remove(
            &transaction,
            self.account,
            id,
            RemovalMode::Erased,
            None,
            call.details.region,
            now,
        )?;
        for region in earlier {
            let stamp = outbox::record_change(&transaction, RecordKind::CallRemoval, id, now)?;
            transaction.execute(
                "INSERT INTO call_removal_copy (call_id, stamp, region) VALUES (?1, ?2, ?3)",
                params![id.to_string(), stamp.to_string(), region.code()],
            )?;
        }
        transaction.commit()?;
        Ok(())
    }
}
