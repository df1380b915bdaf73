//! Versions of a shared record that lost to a concurrent edit, kept until a
//! supervisor picks (issue 11: nothing silently lost). Each is the losing
//! record as it synced, so whichever version is picked can be written again
//! whole.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};
use uuid::Uuid;

use super::RecordKind;
use crate::error::Result;

/// One losing version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LostVersion {
    pub record_id: Uuid,
    pub stamp: String,
    /// The record's JSON as it synced.
    pub record: String,
}

pub(crate) fn keep(
    connection: &Connection,
    kind: RecordKind,
    version: &LostVersion,
    now: DateTime<Utc>,
) -> Result<()> {
    connection
        .prepare_cached(
            "INSERT OR IGNORE INTO record_conflict (kind, record_id, stamp, record, detected_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![
            kind.code(),
            version.record_id.to_string(),
            version.stamp,
            version.record,
            now.to_rfc3339()
        ])?;
    Ok(())
}

/// Every losing version of `kind` kept here, oldest record first.
pub(crate) fn all(connection: &Connection, kind: RecordKind) -> Result<Vec<LostVersion>> {
    let mut statement = connection.prepare_cached(
        "SELECT record_id, stamp, record FROM record_conflict WHERE kind = ?1
         ORDER BY detected_at, record_id, stamp",
    )?;
    let versions = statement
        .query_map([kind.code()], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, String>(2)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(versions
        .into_iter()
        .filter_map(|(id, stamp, record)| {
            Some(LostVersion {
                record_id: Uuid::parse_str(&id).ok()?,
                stamp,
                record,
            })
        })
        .collect())
}

/// Forgets the losing versions `stamps` of one record: a supervisor picked.
pub(crate) fn settle(
    connection: &Connection,
    kind: RecordKind,
    record_id: Uuid,
    stamps: &[String],
) -> Result<()> {
    let mut statement = connection.prepare_cached(
        "DELETE FROM record_conflict WHERE kind = ?1 AND record_id = ?2 AND stamp = ?3",
    )?;
    for stamp in stamps {
        statement.execute(params![kind.code(), record_id.to_string(), stamp])?;
    }
    Ok(())
}
