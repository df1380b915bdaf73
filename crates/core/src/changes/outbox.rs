//! The outbox: local changes not yet acknowledged by the server, oldest first.
//!
//! A row names the change (kind, record, stamp); the envelope is built from the
//! stored record when it is pushed. A row leaves the outbox only after the
//! server has acknowledged its push, so an interrupted push is simply pushed
//! again, and the server keeps each envelope once by its id.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};
use uuid::Uuid;

use super::clock::{self, Stamp};
use super::RecordKind;
use crate::error::Result;
use crate::store::rows::parse_uuid;

/// Stamps a local change and queues it for the next push, in the caller's
/// transaction: the change and its queue entry commit together or not at all.
pub(crate) fn record_change(
    connection: &Connection,
    kind: RecordKind,
    record_id: Uuid,
    now: DateTime<Utc>,
) -> Result<Stamp> {
    let stamp = clock::next(connection, now)?;
    connection
        .prepare_cached("INSERT INTO sync_outbox (kind, record_id, stamp) VALUES (?1, ?2, ?3)")?
        .execute(params![
            kind.code(),
            record_id.to_string(),
            stamp.to_string()
        ])?;
    Ok(stamp)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PendingChange {
    pub seq: i64,
    pub kind: RecordKind,
    pub record_id: Uuid,
    pub stamp: String,
}

/// The oldest `limit` changes waiting for the server.
pub(crate) fn pending(connection: &Connection, limit: usize) -> Result<Vec<PendingChange>> {
    let mut statement = connection.prepare_cached(
        "SELECT seq, kind, record_id, stamp FROM sync_outbox ORDER BY seq LIMIT ?1",
    )?;
    let rows = statement
        .query_map([i64::try_from(limit).unwrap_or(i64::MAX)], |row| {
            Ok((
                row.get::<_, i64>(0)?,
                row.get::<_, String>(1)?,
                parse_uuid(row, 2)?,
                row.get::<_, String>(3)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|(seq, kind, record_id, stamp)| {
            Ok(PendingChange {
                seq,
                kind: RecordKind::parse(&kind)?,
                record_id,
                stamp,
            })
        })
        .collect()
}

/// Drops the changes up to `seq` once the server has them.
pub(crate) fn acknowledge(connection: &Connection, up_to_seq: i64) -> Result<()> {
    connection.execute("DELETE FROM sync_outbox WHERE seq <= ?1", [up_to_seq])?;
    Ok(())
}

/// Changes to records waiting for the server, as the app's indicator counts
/// them: audit entries travel too, but are not the user's changes.
pub(crate) fn waiting(connection: &Connection) -> Result<u64> {
    let count: i64 = connection.query_row(
        "SELECT count(*) FROM sync_outbox WHERE kind != 'auditEntry'",
        [],
        |row| row.get(0),
    )?;
    Ok(u64::try_from(count).unwrap_or(0))
}
