//! The organisation's and this device's secrets in the encrypted store
//! (`organisation_secret`), read and written by name; each value is wiped
//! from memory when dropped.

use rusqlite::{Connection, OptionalExtension};
use zeroize::Zeroizing;

use crate::error::Result;

/// The secret called `name`, if it exists.
pub(crate) fn get(connection: &Connection, name: &str) -> Result<Option<Zeroizing<Vec<u8>>>> {
    Ok(connection
        .query_row(
            "SELECT value FROM organisation_secret WHERE name = ?1",
            [name],
            |row| row.get::<_, Vec<u8>>(0),
        )
        .optional()?
        .map(Zeroizing::new))
}

/// Keeps a new secret called `name`; one that exists already is an error.
pub(crate) fn insert(connection: &Connection, name: &str, value: &[u8]) -> Result<()> {
    connection.execute(
        "INSERT INTO organisation_secret (name, value) VALUES (?1, ?2)",
        rusqlite::params![name, value],
    )?;
    Ok(())
}
