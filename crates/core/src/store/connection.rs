//! Opening the SQLCipher database: the one function that sets the key first and
//! the pragmas next, for every connection the app makes.

use std::path::Path;
use std::sync::OnceLock;
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags};

use super::crypto::DataKey;
use crate::error::{Error, Result};

/// Set once SQLCipher has finished its process-wide start-up (see `sqlcipher_started`).
static SQLCIPHER_STARTED: OnceLock<std::result::Result<(), String>> = OnceLock::new();

/// How long `sqlcipher_started` waits for another thread's start-up to finish.
const START_UP_ATTEMPTS: u32 = 200;
const START_UP_PAUSE: Duration = Duration::from_millis(5);

/// Opens (or creates) the encrypted database with the data key.
///
/// The key has already been authenticated by AES-GCM when it was unwrapped, so
/// "not a database" here means damage, never a wrong passphrase.
pub fn open_encrypted(path: &Path, key: &DataKey) -> Result<Connection> {
    open_encrypted_with(path, key, &[])
}

/// [`open_encrypted`] with SQLCipher's page format changed by `cipher`
/// (`cipher_page_size`, `cipher_hmac_algorithm`…), set between the key and
/// the first read as SQLCipher requires. Only the hardening benchmark uses
/// other settings than SQLCipher's defaults (docs/adr/0005).
pub(crate) fn open_encrypted_with(
    path: &Path,
    key: &DataKey,
    cipher: &[(&str, &str)],
) -> Result<Connection> {
    sqlcipher_started()?;
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let connection = Connection::open_with_flags(path, flags).map_err(classify)?;
    connection
        .execute_batch(key.key_statement().as_str())
        .map_err(classify)?;
    for (pragma, value) in cipher {
        connection
            .pragma_update(None, pragma, value)
            .map_err(classify)?;
    }
    configure(&connection).map_err(classify)?;
    Ok(connection)
}

/// Waits, once per process, until SQLCipher can key a connection.
///
/// SQLite marks itself initialised before it runs SQLCipher's own start-up
/// (`sqlcipher_extra_init`, which seeds its generator from OpenSSL), so a
/// second thread opening its first connection inside that window is told
/// "An error occurred with PRAGMA key" (`tests/first_open.rs`). Keying a
/// throw-away in-memory connection until it succeeds closes the window for
/// every later connection; the first thread in pays a few milliseconds at most.
fn sqlcipher_started() -> Result<()> {
    SQLCIPHER_STARTED
        .get_or_init(|| {
            let mut last_error = String::new();
            for _ in 0..START_UP_ATTEMPTS {
                match Connection::open_in_memory()
                    .and_then(|probe| probe.execute_batch("PRAGMA key = 'start-up probe';"))
                {
                    Ok(()) => return Ok(()),
                    Err(error) => last_error = error.to_string(),
                }
                std::thread::sleep(START_UP_PAUSE);
            }
            Err(last_error)
        })
        .clone()
        .map_err(|message| {
            Error::Sqlite(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_ERROR),
                Some(message),
            ))
        })
}

/// The page cache of each connection: a year of calls' working set on a
/// laptop, well under the memory a webview takes.
const CACHE_KIB: i64 = 64 * 1024;

/// Prepared statements kept per connection. rusqlite keeps 16 by default;
/// applying one pulled call cycles through more than that, so every
/// `prepare_cached` prepared its statement again: 43 % of applying a pulled
/// page in a profile of the sync benchmark (docs/benchmarks.md).
const STATEMENT_CACHE: usize = 256;

pub(crate) fn configure(connection: &Connection) -> rusqlite::Result<()> {
    connection.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    // The first read after the key is where a damaged first page shows up.
    connection.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(()))?;
    connection.pragma_update(None, "journal_mode", "WAL")?;
    // FULL: the commit that reports "saved" has reached the disk (kill -9, power cut).
    connection.pragma_update(None, "synchronous", "FULL")?;
    connection.pragma_update(None, "foreign_keys", "ON")?;
    connection.pragma_update(None, "temp_store", "MEMORY")?;
    // Every page read past the cache is decrypted and its HMAC checked
    // again: SQLite's 2 MiB default made that most of a sync pull's time
    // (docs/adr/0005). The cache grows only as pages are read.
    connection.pragma_update(None, "cache_size", -CACHE_KIB)?;
    connection.pragma_update(None, "secure_delete", "ON")?;
    connection.pragma_update(None, "trusted_schema", "OFF")?;
    Ok(())
}

/// Checks every page's HMAC; SQLCipher reports each bad page.
pub fn verify_pages(connection: &Connection) -> Result<()> {
    let mut statement = connection
        .prepare("PRAGMA cipher_integrity_check")
        .map_err(classify)?;
    let problems: Vec<String> = statement
        .query_map([], |row| row.get(0))
        .map_err(classify)?
        .collect::<rusqlite::Result<_>>()
        .map_err(classify)?;
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::DatabaseCorrupt(problems.join("; ")))
    }
}

/// Damage reported by SQLite becomes `DatabaseCorrupt`; anything else stays a
/// database error.
pub fn classify(error: rusqlite::Error) -> Error {
    match error.sqlite_error_code() {
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => {
            Error::DatabaseCorrupt(error.to_string())
        }
        _ => Error::Sqlite(error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// SQLite is built with extension loading compiled in; it must stay off
    /// at run time on every connection the app makes (rusqlite's
    /// `load_extension` feature, which could turn it on, is not enabled).
    #[test]
    fn no_extension_can_be_loaded_and_temp_data_stays_in_memory() {
        let dir = tempfile::tempdir().expect("tempdir");
        let key = DataKey::generate().expect("key");
        let connection = open_encrypted(&dir.path().join("store.db"), &key).expect("open");
        let refused = connection
            .query_row("SELECT load_extension('/tmp/anything.so')", [], |_| Ok(()))
            .expect_err("extension loading is off");
        assert!(refused.to_string().contains("not authorized"), "{refused}");
        let temp_store: i64 = connection
            .query_row("PRAGMA temp_store", [], |row| row.get(0))
            .expect("temp_store");
        assert_eq!(temp_store, 2, "MEMORY");
        let secure_delete: i64 = connection
            .query_row("PRAGMA secure_delete", [], |row| row.get(0))
            .expect("secure_delete");
        assert_eq!(secure_delete, 1);
    }
}
