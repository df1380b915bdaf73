//! This device's hybrid logical clock: the stamp of each local change.
//!
//! The clock never runs backwards: it takes the wall clock when it is ahead
//! and otherwise counts up from the highest stamp it has seen, local or
//! remote, so a laptop with a slow clock still orders its edit after the one
//! it edited. The stamp's form and order are hotline-protocol's [`Stamp`].

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::store::settings;

pub use hotline_protocol::Stamp;

const CLOCK_SETTING: &str = "sync.clock";
const DEVICE_SETTING: &str = "sync.device_id";

/// This device's id in stamps and on the sync server, created on first use.
pub(crate) fn device_id(connection: &Connection) -> Result<Uuid> {
    if let Some(id) = settings::get(connection, DEVICE_SETTING)? {
        return Uuid::parse_str(&id)
            .map_err(|_| Error::DatabaseCorrupt("the device id is not valid".into()));
    }
    let id = Uuid::new_v4();
    settings::set(connection, DEVICE_SETTING, &id.to_string())?;
    Ok(id)
}

/// Adopts the device id the sync server knows this device by (enrolment).
pub(crate) fn set_device_id(connection: &Connection, id: Uuid) -> Result<()> {
    settings::set(connection, DEVICE_SETTING, &id.to_string())
}

/// The next stamp for a local change, in the caller's transaction.
pub(crate) fn next(connection: &Connection, now: DateTime<Utc>) -> Result<Stamp> {
    let device = device_id(connection)?;
    let (last_millis, last_counter) = clock(connection)?;
    let wall = u64::try_from(now.timestamp_millis()).unwrap_or(0);
    let (millis, counter) = if wall > last_millis {
        (wall, 0)
    } else if last_counter < Stamp::MAX_COUNTER {
        (last_millis, last_counter + 1)
    } else {
        // The counter is full: the next millisecond, so the stamp keeps its
        // six digits and stays readable everywhere.
        (last_millis + 1, 0)
    };
    if millis > Stamp::MAX_MILLIS {
        return Err(Error::DatabaseCorrupt(
            "the sync clock has run past the last stamp it can write".into(),
        ));
    }
    set_clock(connection, millis, counter)?;
    Ok(Stamp {
        millis,
        counter,
        device,
    })
}

/// Moves the clock past a stamp received from another device.
pub(crate) fn observe(connection: &Connection, seen: &Stamp) -> Result<()> {
    let last = clock(connection)?;
    if (seen.millis, seen.counter) > last {
        set_clock(connection, seen.millis, seen.counter)?;
    }
    Ok(())
}

fn clock(connection: &Connection) -> Result<(u64, u32)> {
    let Some(text) = settings::get(connection, CLOCK_SETTING)? else {
        return Ok((0, 0));
    };
    let parsed = text
        .split_once(':')
        .and_then(|(millis, counter)| Some((millis.parse().ok()?, counter.parse().ok()?)));
    parsed.ok_or_else(|| Error::DatabaseCorrupt("the sync clock is not valid".into()))
}

fn set_clock(connection: &Connection, millis: u64, counter: u32) -> Result<()> {
    settings::set(connection, CLOCK_SETTING, &format!("{millis}:{counter}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::schema;

    fn database() -> Connection {
        let mut connection = Connection::open_in_memory().expect("open");
        schema::upgrade(&mut connection).expect("schema");
        connection
    }

    fn at(millis: i64) -> DateTime<Utc> {
        DateTime::from_timestamp_millis(millis).expect("time")
    }

    #[test]
    fn the_clock_never_runs_backwards_and_moves_past_what_it_saw() {
        let connection = database();
        let first = next(&connection, at(5_000)).expect("stamp");
        let behind = next(&connection, at(4_000)).expect("stamp");
        assert!(behind > first, "a wall clock set back still counts up");
        let remote = Stamp {
            millis: 60_000,
            counter: 3,
            device: Uuid::from_u128(7),
        };
        observe(&connection, &remote).expect("observe");
        let after = next(&connection, at(6_000)).expect("stamp");
        assert!(after > remote, "an edit of a remote change orders after it");
        assert_eq!(after.device, first.device);
    }

    /// Guards the counter carry in `next`: without it a full counter made a
    /// seven-digit stamp that no device could read, and sealing failed for
    /// good.
    #[test]
    fn a_full_counter_carries_into_the_next_millisecond() {
        let connection = database();
        let seen = Stamp {
            millis: 60_000,
            counter: Stamp::MAX_COUNTER,
            device: Uuid::from_u128(7),
        };
        observe(&connection, &seen).expect("observe");
        let next_stamp = next(&connection, at(1_000)).expect("stamp");
        assert_eq!((next_stamp.millis, next_stamp.counter), (60_001, 0));
        let text = next_stamp.to_string();
        assert_eq!(text.parse::<Stamp>().expect("readable"), next_stamp);
    }
}
