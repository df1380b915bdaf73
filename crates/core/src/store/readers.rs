//! Read-only connections beside the session's one writer, so a report, a
//! search or an export reads a committed snapshot (WAL) while the call form
//! keeps saving on the writer instead of waiting behind them.
//!
//! Each reader is opened by the same function as the writer (key first,
//! pragmas next) and then set `query_only`, so a read path that tries to
//! write fails loudly instead of racing the writer. Readers are opened on
//! first use and kept for the next read, at most [`KEPT_READERS`] of them;
//! they close, and the copy of the data key they hold is zeroized, when the
//! last handle on the pool goes (the session's lock, and any read still in
//! flight).

use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};

use rusqlite::Connection;

use super::connection::{classify, open_encrypted};
use super::crypto::DataKey;
use crate::error::Result;

/// Readers kept open between reads: one for a report or export and one for
/// the search the consultant types meanwhile; more than that on a 2-core
/// laptop only queue for the same cores.
const KEPT_READERS: usize = 2;

#[derive(Debug)]
pub(crate) struct Readers {
    database: PathBuf,
    key: DataKey,
    idle: Mutex<Vec<Connection>>,
}

impl Readers {
    pub(crate) fn new(database: PathBuf, key: DataKey) -> Arc<Self> {
        Arc::new(Self {
            database,
            key,
            idle: Mutex::new(Vec::new()),
        })
    }

    /// Runs `read` on a reader inside one read transaction, so every query
    /// of it (a report's total and its breakdowns) sees the same committed
    /// snapshot; the reader goes back to the pool afterwards.
    pub(crate) fn read<T>(&self, read: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let reader = match self.idle().pop() {
            Some(reader) => reader,
            None => self.open()?,
        };
        reader.execute_batch("BEGIN").map_err(classify)?;
        let result = read(&reader);
        let ended = reader.execute_batch("COMMIT").map_err(classify);
        if ended.is_ok() && reader.is_autocommit() {
            let mut idle = self.idle();
            if idle.len() < KEPT_READERS {
                idle.push(reader);
            }
        }
        let value = result?;
        ended?;
        Ok(value)
    }

    fn open(&self) -> Result<Connection> {
        let reader = open_encrypted(&self.database, &self.key)?;
        reader
            .pragma_update(None, "query_only", "ON")
            .map_err(classify)?;
        Ok(reader)
    }

    fn idle(&self) -> MutexGuard<'_, Vec<Connection>> {
        // Connections in the pool are whole whatever panicked while it was
        // held: a poisoned pool is still a pool.
        self.idle
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::schema;

    fn store() -> (tempfile::TempDir, Connection, Arc<Readers>) {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("store.db");
        let key = DataKey::generate().expect("key");
        let mut writer = open_encrypted(&path, &key).expect("writer");
        schema::upgrade(&mut writer).expect("schema");
        (dir, writer, Readers::new(path, key))
    }

    #[test]
    fn a_reader_cannot_write() {
        let (_dir, _writer, readers) = store();
        let refused = readers
            .read(|reader| {
                reader.execute("DELETE FROM call", [])?;
                Ok(())
            })
            .expect_err("readers are query-only");
        assert!(refused.to_string().contains("readonly"), "{refused}");
    }

    /// The writer commits while a reader is inside a read (WAL): the read
    /// keeps its snapshot to its end, the next read sees the commit.
    #[test]
    fn the_writer_commits_while_a_reader_is_inside_a_read() {
        let (_dir, writer, readers) = store();
        let count = |connection: &Connection| -> rusqlite::Result<i64> {
            connection.query_row("SELECT count(*) FROM device_setting", [], |row| row.get(0))
        };
        let before = count(&writer).expect("count");
        readers
            .read(|reader| {
                assert_eq!(count(reader)?, before);
                writer.execute(
                    "INSERT INTO device_setting (key, value) VALUES ('while-reading', 'x')",
                    [],
                )?;
                assert_eq!(count(reader)?, before, "a read keeps its snapshot");
                Ok(())
            })
            .expect("read");
        let after = readers.read(|reader| Ok(count(reader)?)).expect("read");
        assert_eq!(after, before + 1);
    }
}
