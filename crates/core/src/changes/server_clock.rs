//! The sync server's clock as this device last read it, beside its own
//! clock at that moment. Sync writes the pair at every pulled page; what
//! acts on the calendar for the whole organisation (retention) trusts this
//! laptop's clock only as far as the pair vouches for it, so a laptop whose
//! clock runs years fast cannot anonymise anyone's calls early.

use chrono::{DateTime, Duration, Utc};
use rusqlite::Connection;

use crate::error::Result;
use crate::store::settings;

const SERVER_TIME: &str = "server_time_at_last_pull";
const LOCAL_TIME: &str = "local_time_at_last_pull";

/// How far this laptop's clock may differ from the server's, and run past
/// the last reading of it, before its calendar is no longer trusted.
pub const TOLERANCE: Duration = Duration::hours(24);

/// The server's time at the last pull and this laptop's at the same moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Reading {
    pub server: DateTime<Utc>,
    pub local: DateTime<Utc>,
}

impl Reading {
    /// Whether the two clocks agreed within [`TOLERANCE`].
    pub fn clocks_agree(&self) -> bool {
        (self.local - self.server).abs() <= TOLERANCE
    }
}

pub(crate) fn record(connection: &Connection, reading: Reading) -> Result<()> {
    settings::set(connection, SERVER_TIME, &reading.server.to_rfc3339())?;
    settings::set(connection, LOCAL_TIME, &reading.local.to_rfc3339())
}

/// The last reading; `None` on a laptop that never pulled from a server.
pub(crate) fn last(connection: &Connection) -> Result<Option<Reading>> {
    let time = |key| -> Result<Option<DateTime<Utc>>> {
        Ok(settings::get(connection, key)?
            .and_then(|text| DateTime::parse_from_rfc3339(&text).ok())
            .map(|time| time.with_timezone(&Utc)))
    };
    Ok(match (time(SERVER_TIME)?, time(LOCAL_TIME)?) {
        (Some(server), Some(local)) => Some(Reading { server, local }),
        _ => None,
    })
}
