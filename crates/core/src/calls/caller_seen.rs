//! That a caller's number has called a region's line, for every laptop of
//! the organisation: a consultant's laptop holds only its own region's calls,
//! yet must tell the consultant that this caller has called another line
//! before. A marker carries the number's keyed hash, the region and the Rīga
//! day of the latest such call, nothing of what was said; it is sealed for
//! the whole organisation and written by a laptop of that region (or a
//! supervisor's), which every receiving laptop checks.
//!
//! Markers are forgotten with the calls they stand for: a retention run
//! drops those whose latest call is older than the retention period.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::changes::{outbox, RecordKind};
use crate::error::{Error, Result};
use crate::region::Region;

/// Marker ids derive from hash and region, so every laptop of a region
/// writes the same record for one caller.
const RECORD_NAMESPACE: Uuid = Uuid::from_u128(0x3d9b_61c4_7e20_4a85_b1f6_08c2_e5a7_d413);

/// One marker as stored and as synced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct CallerSeenRecord {
    pub number_hash: String,
    pub region: Region,
    /// The Rīga day of the latest call from the number to this region.
    pub seen_on: NaiveDate,
}

pub(crate) fn record_id(number_hash: &str, region: Region) -> Uuid {
    Uuid::new_v5(
        &RECORD_NAMESPACE,
        format!("{number_hash}/{}", region.code()).as_bytes(),
    )
}

/// Notes that the number with `number_hash` called `region`'s line on
/// `day`, queued for every laptop; a marker as new or newer is left alone,
/// so repeated calls on one day write once.
pub(crate) fn note(
    connection: &Connection,
    number_hash: &str,
    region: Region,
    day: NaiveDate,
    now: DateTime<Utc>,
) -> Result<()> {
    let held: Option<String> = connection
        .prepare_cached("SELECT seen_on FROM caller_seen WHERE number_hash = ?1 AND region = ?2")?
        .query_row(params![number_hash, region.code()], |row| row.get(0))
        .optional()?;
    // ISO days compare as text.
    if held.is_some_and(|held| held >= day.to_string()) {
        return Ok(());
    }
    let record = CallerSeenRecord {
        number_hash: number_hash.to_owned(),
        region,
        seen_on: day,
    };
    let stamp = outbox::record_change(
        connection,
        RecordKind::CallerSeen,
        record_id(number_hash, region),
        now,
    )?;
    store(connection, &record, &stamp.to_string())
}

/// Whether the number with `number_hash` has called a line of a region
/// other than `own`.
pub(crate) fn seen_elsewhere(
    connection: &Connection,
    number_hash: &str,
    own: Region,
) -> Result<bool> {
    Ok(connection
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM caller_seen WHERE number_hash = ?1 AND region != ?2)",
        )?
        .query_row(params![number_hash, own.code()], |row| row.get(0))?)
}

/// The marker stored with exactly `stamp`, for sealing it.
pub(crate) fn record_at(
    connection: &Connection,
    record_id: Uuid,
    stamp: &str,
) -> Result<Option<CallerSeenRecord>> {
    let found = connection
        .prepare_cached("SELECT number_hash, region, seen_on FROM caller_seen WHERE stamp = ?1")?
        .query_map([stamp], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?
        .collect::<rusqlite::Result<Vec<(String, String, String)>>>()?;
    Ok(found
        .into_iter()
        .find_map(|(number_hash, region, seen_on)| {
            let region = Region::from_code(&region)?;
            let seen_on = seen_on.parse().ok()?;
            (self::record_id(&number_hash, region) == record_id).then_some(CallerSeenRecord {
                number_hash,
                region,
                seen_on,
            })
        }))
}

/// A received marker: kept when its stamp is newer than the one held.
pub(crate) fn apply(
    connection: &Connection,
    record_id: Uuid,
    stamp: &str,
    record: &CallerSeenRecord,
) -> Result<()> {
    if record_id != self::record_id(&record.number_hash, record.region) {
        return Err(Error::EnvelopeTampered);
    }
    let held: Option<String> = connection
        .prepare_cached("SELECT stamp FROM caller_seen WHERE number_hash = ?1 AND region = ?2")?
        .query_row(params![record.number_hash, record.region.code()], |row| {
            row.get(0)
        })
        .optional()?;
    if held.is_some_and(|held| held.as_str() >= stamp) {
        return Ok(());
    }
    store(connection, record, stamp)
}

/// Drops the markers whose latest call is older than `cutoff`, the first
/// day the retention period keeps.
pub(crate) fn forget_before(connection: &Connection, cutoff: NaiveDate) -> Result<()> {
    connection.execute(
        "DELETE FROM caller_seen WHERE seen_on < ?1",
        [cutoff.to_string()],
    )?;
    Ok(())
}

fn store(connection: &Connection, record: &CallerSeenRecord, stamp: &str) -> Result<()> {
    connection
        .prepare_cached(
            "INSERT INTO caller_seen (number_hash, region, seen_on, stamp) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (number_hash, region)
             DO UPDATE SET seen_on = excluded.seen_on, stamp = excluded.stamp",
        )?
        .execute(params![
            record.number_hash,
            record.region.code(),
            record.seen_on.to_string(),
            stamp
        ])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store_with_schema() -> Connection {
        let mut connection = Connection::open_in_memory().expect("open");
        crate::store::schema::upgrade(&mut connection).expect("schema");
        connection
    }

    fn marker(region: Region, seen_on: &str) -> CallerSeenRecord {
        CallerSeenRecord {
            number_hash: "h1".into(),
            region,
            seen_on: seen_on.parse().expect("day"),
        }
    }

    #[test]
    fn a_marker_is_seen_from_other_regions_newest_wins_and_retention_forgets_it() {
        let connection = store_with_schema();
        let kurzeme = marker(Region::Kurzeme, "2026-11-02");
        let id = record_id("h1", Region::Kurzeme);
        apply(&connection, id, "0002", &kurzeme).expect("apply");
        apply(
            &connection,
            id,
            "0001",
            &marker(Region::Kurzeme, "2020-01-01"),
        )
        .expect("older");
        assert!(seen_elsewhere(&connection, "h1", Region::Riga).expect("riga"));
        assert!(!seen_elsewhere(&connection, "h1", Region::Kurzeme).expect("own"));
        assert!(!seen_elsewhere(&connection, "h2", Region::Riga).expect("other number"));
        assert_eq!(
            record_at(&connection, id, "0002").expect("read"),
            Some(kurzeme),
            "an older marker arriving late changes nothing"
        );

        forget_before(&connection, "2026-11-02".parse().expect("day")).expect("keep");
        assert!(seen_elsewhere(&connection, "h1", Region::Riga).expect("kept"));
        forget_before(&connection, "2026-11-03".parse().expect("day")).expect("forget");
        assert!(!seen_elsewhere(&connection, "h1", Region::Riga).expect("forgotten"));
    }

    #[test]
    fn a_marker_under_another_markers_id_is_refused() {
        let connection = store_with_schema();
        let refused = apply(
            &connection,
            record_id("h1", Region::Latgale),
            "0001",
            &marker(Region::Kurzeme, "2026-11-02"),
        );
        assert!(
            matches!(refused, Err(Error::EnvelopeTampered)),
            "{refused:?}"
        );
    }
}
