//! A directory entry as it syncs, and concurrent edits of one entry kept
//! until a supervisor picks.
//!
//! Every version names the version it was edited from (`base_stamp`). A
//! received version whose base is not the one held here was made without
//! seeing it: if the two differ, the newer stamp is shown and the other is
//! kept in `record_conflict` on every laptop that meets both, until a
//! supervisor picks one (`resolve_conflict`); the pick names the versions it
//! settles (`resolves`) so every laptop forgets them.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use super::directory::{set_lineage, write_entry, write_entry_row, Directory};
use super::entry::{ReferralEntry, ReferralInput};
use crate::audit::{self, AuditAction, AuditEvent};
use crate::changes::conflicts::{self, LostVersion};
use crate::changes::RecordKind;
use crate::error::{Error, InvalidReason, Result};
use crate::store::rows::parse_time;

/// A directory entry as other devices receive it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct ReferralRecord {
    pub entry: ReferralInput,
    pub retired: bool,
    pub updated_at: DateTime<Utc>,
    pub updated_by: Option<Uuid>,
    /// The version this one was edited from; none for a new entry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_stamp: Option<String>,
    /// The concurrent versions a supervisor's pick settles.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resolves: Vec<String>,
}

impl ReferralRecord {
    fn same_content(&self, other: &Self) -> bool {
        self.entry == other.entry && self.retired == other.retired
    }
}

/// One version of an entry in a conflict, as a supervisor compares them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReferralVersion {
    /// Names the version when a supervisor picks it.
    pub stamp: String,
    pub entry: ReferralInput,
    pub retired: bool,
    pub updated_at: DateTime<Utc>,
    /// The display name of who made it, when their account is known here.
    pub updated_by: Option<String>,
}

/// An entry edited on two laptops at once: the version shown now and the
/// ones that lost, none of them lost until a supervisor picks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReferralConflict {
    pub entry_id: Uuid,
    pub current: ReferralVersion,
    pub rivals: Vec<ReferralVersion>,
}

/// The version held here, with its stamp.
fn held(connection: &Connection, id: Uuid) -> Result<Option<(String, ReferralRecord)>> {
    let row = connection
        .query_row(
            "SELECT stamp, entry, retired, updated_at, updated_by, base_stamp, resolves
             FROM referral_entry WHERE id = ?1",
            [id.to_string()],
            |row| {
                let by: Option<String> = row.get(4)?;
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, bool>(2)?,
                    parse_time(row, 3)?,
                    by.and_then(|by| Uuid::parse_str(&by).ok()),
                    row.get::<_, Option<String>>(5)?,
                    row.get::<_, Option<String>>(6)?,
                ))
            },
        )
        .optional()?;
    row.map(
        |(stamp, entry, retired, updated_at, updated_by, base_stamp, resolves)| {
            let record = ReferralRecord {
                entry: serde_json::from_str(&entry).map_err(corrupt)?,
                retired,
                updated_at,
                updated_by,
                base_stamp,
                resolves: match resolves {
                    Some(json) => serde_json::from_str(&json).map_err(corrupt)?,
                    None => Vec::new(),
                },
            };
            Ok((stamp, record))
        },
    )
    .transpose()
}

/// The version stored with exactly `stamp`, for sealing it.
pub(crate) fn record_at(
    connection: &Connection,
    id: Uuid,
    stamp: &str,
) -> Result<Option<ReferralRecord>> {
    Ok(held(connection, id)?
        .filter(|(held, _)| held == stamp)
        .map(|(_, record)| record))
}

/// Applies a received version: a successor of the one held replaces it; a
/// concurrent one that differs is kept beside it until a supervisor picks.
pub(crate) fn apply(
    connection: &Connection,
    id: Uuid,
    stamp: &str,
    mut record: ReferralRecord,
    now: DateTime<Utc>,
) -> Result<()> {
    conflicts::settle(connection, RecordKind::Referral, id, &record.resolves)?;
    let held = held(connection, id)?;
    if let Some((held_stamp, held_record)) = &held {
        let already_seen = held_stamp == stamp || held_record.base_stamp.as_deref() == Some(stamp);
        if already_seen {
            return Ok(());
        }
        let concurrent = record.base_stamp.as_deref() != Some(held_stamp.as_str())
            && !record.resolves.contains(held_stamp)
            && !record.same_content(held_record);
        if concurrent {
            let (loser_stamp, loser) = if held_stamp.as_str() > stamp {
                (stamp, &record)
            } else {
                (held_stamp.as_str(), held_record)
            };
            conflicts::keep(
                connection,
                RecordKind::Referral,
                &LostVersion {
                    record_id: id,
                    stamp: loser_stamp.to_owned(),
                    record: serde_json::to_string(loser).map_err(corrupt)?,
                },
                now,
            )?;
        }
        if held_stamp.as_str() >= stamp {
            return Ok(());
        }
    }
    let rival: Option<(String, String, String)> = connection
        .query_row(
            "SELECT id, stamp, entry FROM referral_entry WHERE key = ?1 AND id != ?2",
            params![record.entry.key, id.to_string()],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
        .optional()?;
    if let Some((rival_id, rival_stamp, rival_entry)) = rival {
        if rival_stamp.as_str() > stamp {
            record.entry.key = key_with_id(&record.entry.key, id);
        } else {
            let rival_id = Uuid::parse_str(&rival_id).map_err(|_| bad_id())?;
            let mut renamed: ReferralInput = serde_json::from_str(&rival_entry).map_err(corrupt)?;
            renamed.key = key_with_id(&renamed.key, rival_id);
            connection.execute(
                "UPDATE referral_entry SET key = ?2, entry = ?3 WHERE id = ?1",
                params![
                    rival_id.to_string(),
                    renamed.key,
                    serde_json::to_string(&renamed).map_err(corrupt)?
                ],
            )?;
        }
    }
    write_entry_row(
        connection,
        id,
        &record.entry,
        record.retired,
        record.updated_by,
        record.updated_at,
        stamp,
    )?;
    set_lineage(
        connection,
        id,
        record.base_stamp.as_deref(),
        &record.resolves,
    )
}

/// Two entries that arrived with one key: the older keeps it, the newer's
/// gets its id's start appended, so neither is lost.
fn key_with_id(key: &str, id: Uuid) -> String {
    format!("{key}-{}", &id.simple().to_string()[..8])
}

impl Directory<'_> {
    /// Entries edited on two laptops at once, waiting for a supervisor.
    pub fn conflicts(&self) -> Result<Vec<ReferralConflict>> {
        self.require_supervisor()?;
        let mut found: Vec<ReferralConflict> = Vec::new();
        for lost in conflicts::all(self.connection, RecordKind::Referral)? {
            let rival: ReferralRecord = serde_json::from_str(&lost.record).map_err(corrupt)?;
            let rival = self.version(lost.stamp, rival)?;
            match found
                .iter_mut()
                .find(|conflict| conflict.entry_id == lost.record_id)
            {
                Some(conflict) => conflict.rivals.push(rival),
                None => {
                    let Some((stamp, current)) = held(self.connection, lost.record_id)? else {
                        continue;
                    };
                    found.push(ReferralConflict {
                        entry_id: lost.record_id,
                        current: self.version(stamp, current)?,
                        rivals: vec![rival],
                    });
                }
            }
        }
        Ok(found)
    }

    /// Keeps the version `keep` (the current one or a rival) of an entry in
    /// conflict, as a new edit that settles the others on every laptop.
    /// Audited.
    pub fn resolve_conflict(
        &self,
        entry_id: Uuid,
        keep: &str,
        now: DateTime<Utc>,
    ) -> Result<ReferralEntry> {
        self.require_supervisor()?;
        let conflict = self
            .conflicts()?
            .into_iter()
            .find(|conflict| conflict.entry_id == entry_id)
            .ok_or(Error::ReferralNotFound)?;
        let mut involved: Vec<String> = vec![conflict.current.stamp.clone()];
        involved.extend(conflict.rivals.iter().map(|rival| rival.stamp.clone()));
        let chosen = std::iter::once(&conflict.current)
            .chain(&conflict.rivals)
            .find(|version| version.stamp == keep)
            .ok_or(Error::invalid("keep", InvalidReason::Unknown))?;
        let transaction = self.connection.unchecked_transaction()?;
        write_entry(
            &transaction,
            entry_id,
            &chosen.entry,
            chosen.retired,
            self.account().id,
            now,
        )?;
        set_lineage(
            &transaction,
            entry_id,
            Some(&conflict.current.stamp),
            &involved,
        )?;
        conflicts::settle(&transaction, RecordKind::Referral, entry_id, &involved)?;
        audit::record(
            &transaction,
            Some(self.account().id),
            AuditEvent::new(AuditAction::ReferralConflictResolved)
                .target("referral", entry_id)
                .details(serde_json::json!({ "versions": involved.len() })),
            now,
        )?;
        transaction.commit()?;
        self.get(entry_id, now)
    }

    fn version(&self, stamp: String, record: ReferralRecord) -> Result<ReferralVersion> {
        let updated_by = match record.updated_by {
            Some(id) => crate::accounts::account_by_id(self.connection, id)?
                .map(|account| account.display_name),
            None => None,
        };
        Ok(ReferralVersion {
            stamp,
            entry: record.entry,
            retired: record.retired,
            updated_at: record.updated_at,
            updated_by,
        })
    }
}

fn corrupt(error: serde_json::Error) -> Error {
    Error::DatabaseCorrupt(format!("a stored directory entry is not valid: {error}"))
}

fn bad_id() -> Error {
    Error::DatabaseCorrupt("a stored record id is not valid".into())
}
