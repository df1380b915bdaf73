//! This device's own settings (`device_setting`): the sync clock, the device
//! id, the auto-lock time, the server's clock at the last pull. One accessor, so every
//! setting reads and writes the same way.

use rusqlite::{params, Connection, OptionalExtension};

use crate::error::Result;

/// The stored value of `key`, if any.
pub(crate) fn get(connection: &Connection, key: &str) -> Result<Option<String>> {
    Ok(connection
        .prepare_cached("SELECT value FROM device_setting WHERE key = ?1")?
        .query_row([key], |row| row.get(0))
        .optional()?)
}

/// The stored value of `key` read as a number, or `default` when none is
/// stored or it does not read.
pub(crate) fn get_number(connection: &Connection, key: &str, default: u32) -> Result<u32> {
    Ok(get(connection, key)?
        .and_then(|value| value.parse().ok())
        .unwrap_or(default))
}

/// Stores `value` under `key`, replacing what was there.
pub(crate) fn set(connection: &Connection, key: &str, value: &str) -> Result<()> {
    connection
        .prepare_cached(
            "INSERT INTO device_setting (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        )?
        .execute(params![key, value])?;
    Ok(())
}

/// Forgets `key`.
pub(crate) fn remove(connection: &Connection, key: &str) -> Result<()> {
    connection
        .prepare_cached("DELETE FROM device_setting WHERE key = ?1")?
        .execute([key])?;
    Ok(())
}
