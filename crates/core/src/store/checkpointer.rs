//! Moves committed pages from the write-ahead log into the database file on
//! a thread of its own, so that the call form's save never does it.
//!
//! By default SQLite checkpoints inside the commit that takes the log past
//! 1,000 pages: that save copies the log into the file and flushes it, and
//! while a report holds a reader's snapshot it does so again on the next
//! commit. Those saves made the 99th percentile of a save under a running
//! report about twice its median (docs/benchmarks.md). The writer's own
//! threshold is raised to [`WRITER_CHECKPOINT_PAGES`], and this thread runs a
//! passive checkpoint, which waits on no reader and no writer, on a
//! connection of its own at a steady pace.
//!
//! The writer keeps that higher threshold rather than none: the log starts
//! again from its beginning only when a write begins after a checkpoint
//! copied all of it, which a thread never sees while writes follow one
//! another without a pause (a pull, an import). With no threshold the log
//! grew until a 1,000,000-call benchmark filled the disk.

use std::path::Path;
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::Duration;

use rusqlite::Connection;

use super::connection::classify;
use crate::error::{Error, Result};

/// How often the log is moved into the file: often enough that it stays a
/// few hundred pages while a consultant types, rarely enough to cost nothing
/// when nobody saves.
pub(crate) const CHECKPOINT_EVERY: Duration = Duration::from_secs(1);

/// Pages in the log (4 KiB each) past which the writer checkpoints in its
/// own commit: ten times SQLite's default, never reached by a consultant's
/// saves between two of the thread's checkpoints, reached by writes that do
/// not pause.
const WRITER_CHECKPOINT_PAGES: i64 = 10_000;

/// The thread checkpointing one store; stopped, and its connection closed,
/// when dropped (a lock closes every connection on the data).
#[derive(Debug)]
pub(crate) struct Checkpointer {
    stop: Option<Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Checkpointer {
    /// Takes checkpoints off `writer`'s commits and runs them on
    /// `connection` (opened on `database` by the same function as the
    /// writer) every `every`.
    pub(crate) fn take_over(
        database: &Path,
        writer: &Connection,
        connection: Connection,
        every: Duration,
    ) -> Result<Self> {
        writer
            .pragma_update(None, "wal_autocheckpoint", WRITER_CHECKPOINT_PAGES)
            .map_err(classify)?;
        let (stop, stopped) = mpsc::channel::<()>();
        let thread = std::thread::Builder::new()
            .name("checkpointer".into())
            .spawn(move || {
                // Runs until told to stop, or until the handle is gone.
                while let Err(RecvTimeoutError::Timeout) = stopped.recv_timeout(every) {
                    checkpoint(&connection);
                }
            })
            .map_err(|error| Error::io(database, error))?;
        Ok(Self {
            stop: Some(stop),
            thread: Some(thread),
        })
    }
}

/// One passive checkpoint. A busy log (another checkpoint, a backup's) is
/// left for the next turn; nothing of the data is in the message.
fn checkpoint(connection: &Connection) {
    let done = connection.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |row| {
        row.get::<_, i64>(0)
    });
    if let Err(error) = done {
        tracing::warn!(%error, "a background checkpoint failed; the next one tries again");
    }
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        drop(self.stop.take());
        if let Some(thread) = self.thread.take() {
            // A checkpoint that panicked has nothing to hand back.
            let _ = thread.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;
    use std::time::{Duration, Instant};

    use rusqlite::Connection;

    use super::Checkpointer;
    use crate::store::connection::open_encrypted;
    use crate::store::crypto::DataKey;

    /// Writes about 4 MB on `writer` in small commits.
    fn write_rows(writer: &Connection) {
        writer
            .execute_batch("CREATE TABLE IF NOT EXISTS filler (text TEXT NOT NULL)")
            .expect("table");
        for _ in 0..1_000 {
            writer
                .execute("INSERT INTO filler VALUES (?1)", ["x".repeat(4_000)])
                .expect("insert");
        }
    }

    fn file_size(path: &std::path::Path) -> u64 {
        std::fs::metadata(path).expect("database file").len()
    }

    /// A fresh encrypted store whose writer a checkpointer running every
    /// `every` took over: its directory, file, writer and checkpointer.
    fn store_checkpointed_every(
        every: Duration,
    ) -> (tempfile::TempDir, PathBuf, Connection, Checkpointer) {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("store.db");
        let key = DataKey::generate().expect("key");
        let writer = open_encrypted(&path, &key).expect("writer");
        let checkpointer = Checkpointer::take_over(
            &path,
            &writer,
            open_encrypted(&path, &key).expect("checkpointer's connection"),
            every,
        )
        .expect("checkpointer");
        (dir, path, writer, checkpointer)
    }

    #[test]
    fn saved_pages_reach_the_database_file_without_the_writer_checkpointing() {
        let (_dir, path, writer, checkpointer) =
            store_checkpointed_every(Duration::from_millis(50));
        write_rows(&writer);
        let deadline = Instant::now() + Duration::from_secs(20);
        while file_size(&path) < 3_000_000 && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        assert!(
            file_size(&path) >= 3_000_000,
            "the checkpointer moved the log into the file"
        );
        drop(checkpointer);
    }

    /// Guards the writer's own threshold: writes that never pause still
    /// see the log start again, so it stays near the threshold's size
    /// instead of growing with everything written.
    #[test]
    fn writes_without_a_pause_keep_the_log_bounded() {
        let (dir, _path, writer, _checkpointer) =
            store_checkpointed_every(Duration::from_secs(3_600));
        for _ in 0..20 {
            write_rows(&writer);
        }
        let log = dir.path().join("store.db-wal");
        let log_size = std::fs::metadata(&log).map_or(0, |file| file.len());
        assert!(
            log_size < 60_000_000,
            "the log holds {log_size} bytes after 80 MB written"
        );
    }

    /// Guards the raised `wal_autocheckpoint` in `take_over`: without it the
    /// writer's commits checkpoint themselves, which is what the thread is
    /// for. With the thread stopped at once, nothing moves the log.
    #[test]
    fn the_writer_itself_no_longer_checkpoints() {
        let (_dir, path, writer, checkpointer) =
            store_checkpointed_every(Duration::from_secs(3_600));
        drop(checkpointer);
        write_rows(&writer);
        assert!(
            file_size(&path) < 1_000_000,
            "the writer's commits stayed in the log"
        );
    }
}
