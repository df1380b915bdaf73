//! What the benchmarks and the fuzzers need and the product must not carry,
//! behind the `testkit` feature that only tests, benchmarks and `fuzz/`
//! enable: the store as the benchmarks measure it ([`benchmark`]) and the
//! one file their figures are gathered in ([`bench_summary`]), the
//! fuzzing entry points ([`fuzzing`]), a hostile device for the adversarial
//! tests ([`forger`]), a caller's calls as the call form logs them
//! ([`callers`]), and a plain SQLite opener for the baseline that shows
//! what encryption costs.

use std::path::Path;

use rusqlite::Connection;

use chrono::{DateTime, Utc};

use crate::error::Result;
use crate::store::connection::{classify, configure};
use crate::{Device, FirstRunSetup, Region, Session};

pub mod bench_summary;
pub mod benchmark;
pub mod callers;
pub mod forger;
pub mod fuzzing;

/// Opens a plain, unencrypted SQLite file with the app's pragmas: only the
/// benchmarks use it, as the baseline in the same run.
pub fn open_plain_for_baseline(path: &Path) -> Result<Connection> {
    let connection = Connection::open(path).map_err(classify)?;
    configure(&connection).map_err(classify)?;
    Ok(connection)
}

/// The login and passphrase of the supervisor [`set_up_supervisor`] makes.
pub const SUPERVISOR: (&str, &str) = ("anna", "supervizora parole");

/// Sets `device` up for the organisation "Drošā māja" with a Rīga
/// supervisor ([`SUPERVISOR`]) as its first account, signed in.
pub fn set_up_supervisor(device: &Device, now: DateTime<Utc>) -> Result<Session> {
    device.set_up(
        FirstRunSetup {
            organisation_name: "Drošā māja".into(),
            login: SUPERVISOR.0.into(),
            display_name: "Anna".into(),
            home_region: Region::Riga,
        },
        SUPERVISOR.1,
        now,
    )
}
