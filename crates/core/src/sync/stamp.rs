//! Version stamps: a hybrid logical clock plus the device id.
//!
//! Every synced change carries one. Stamps order totally (time, then counter,
//! then device), so "last writer wins" picks the same winner on every device,
//! whatever order the changes arrive in. The clock never runs backwards: it
//! takes the wall clock when it is ahead and otherwise counts up from the
//! highest stamp it has seen, local or remote, so a laptop with a slow clock
//! still orders its edit after the one it edited.
//!
//! The text form (`1767348000000-000001-<device uuid>`) sorts the same way
//! as the stamps, so SQL can compare stamps as text.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use uuid::Uuid;

use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Stamp {
    pub millis: u64,
    pub counter: u32,
    pub device: Uuid,
}

impl fmt::Display for Stamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:013}-{:06}-{}",
            self.millis,
            self.counter,
            self.device.as_hyphenated()
        )
    }
}

impl FromStr for Stamp {
    type Err = Error;

    fn from_str(text: &str) -> Result<Self> {
        let bad = || Error::SyncProtocol(format!("not a version stamp: {text:.60}"));
        let mut parts = text.splitn(3, '-');
        let millis = parts.next().ok_or_else(bad)?;
        let counter = parts.next().ok_or_else(bad)?;
        let device = parts.next().ok_or_else(bad)?;
        if millis.len() != 13 || counter.len() != 6 {
            return Err(bad());
        }
        let stamp = Self {
            millis: millis.parse().map_err(|_| bad())?,
            counter: counter.parse().map_err(|_| bad())?,
            device: Uuid::parse_str(device).map_err(|_| bad())?,
        };
        // Only the canonical form is accepted, so text order is stamp order.
        if stamp.to_string() != text {
            return Err(bad());
        }
        Ok(stamp)
    }
}

const CLOCK_SETTING: &str = "sync.clock";
const DEVICE_SETTING: &str = "sync.device_id";

/// This device's id in stamps and on the sync server, created on first use.
pub(crate) fn device_id(connection: &Connection) -> Result<Uuid> {
    if let Some(id) = setting(connection, DEVICE_SETTING)? {
        return Uuid::parse_str(&id)
            .map_err(|_| Error::DatabaseCorrupt("the device id is not valid".into()));
    }
    let id = Uuid::new_v4();
    set_setting(connection, DEVICE_SETTING, &id.to_string())?;
    Ok(id)
}

/// Adopts the device id the sync server knows this device by (enrolment).
pub(crate) fn set_device_id(connection: &Connection, id: Uuid) -> Result<()> {
    set_setting(connection, DEVICE_SETTING, &id.to_string())
}

/// The next stamp for a local change, in the caller's transaction.
pub(crate) fn next(connection: &Connection, now: DateTime<Utc>) -> Result<Stamp> {
    let device = device_id(connection)?;
    let (last_millis, last_counter) = clock(connection)?;
    let wall = u64::try_from(now.timestamp_millis()).unwrap_or(0);
    let (millis, counter) = if wall > last_millis {
        (wall, 0)
    } else {
        (last_millis, last_counter + 1)
    };
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
    let Some(text) = setting(connection, CLOCK_SETTING)? else {
        return Ok((0, 0));
    };
    let parsed = text
        .split_once(':')
        .and_then(|(millis, counter)| Some((millis.parse().ok()?, counter.parse().ok()?)));
    parsed.ok_or_else(|| Error::DatabaseCorrupt("the sync clock is not valid".into()))
}

fn set_clock(connection: &Connection, millis: u64, counter: u32) -> Result<()> {
    set_setting(connection, CLOCK_SETTING, &format!("{millis}:{counter}"))
}

pub(crate) fn setting(connection: &Connection, key: &str) -> Result<Option<String>> {
    Ok(connection
        .query_row(
            "SELECT value FROM device_setting WHERE key = ?1",
            [key],
            |row| row.get(0),
        )
        .optional()?)
}

pub(crate) fn set_setting(connection: &Connection, key: &str, value: &str) -> Result<()> {
    connection
        .prepare_cached(
            "INSERT INTO device_setting (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        )?
        .execute(params![key, value])?;
    Ok(())
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
    fn text_form_sorts_like_the_stamp_and_round_trips() {
        let a = Stamp {
            millis: 9_000,
            counter: 12,
            device: Uuid::from_u128(0xabc),
        };
        let b = Stamp {
            millis: 10_000,
            counter: 0,
            device: Uuid::from_u128(1),
        };
        assert!(a < b);
        assert!(a.to_string() < b.to_string());
        assert_eq!(a.to_string().parse::<Stamp>().expect("parse"), a);
        assert!("1-2-3".parse::<Stamp>().is_err());
        assert!(a.to_string().to_uppercase().parse::<Stamp>().is_err());
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
}
