//! Backups of the whole store, and restoring one.
//!
//! A backup is one file: a first line naming the format, a line of JSON (the
//! key ring, so the backup opens with the passphrase of any account that could
//! unlock the device, and the SHA-256 of what follows), then a copy of the
//! SQLCipher database under the same data key. Nothing in it is readable
//! without a passphrase, as on the device itself.
//!
//! Restoring checks everything before it touches the device: the digest, the
//! passphrase, every page's HMAC, SQLite's integrity check, the audit chain,
//! and that the account is a supervisor's. Only then does the copy replace the
//! database. A backup that fails any check changes nothing.
//!
//! Both report how far they are ([`WorkWatcher`]): a backup in database pages
//! copied, a restore in bytes read from the backup. Either can be stopped up
//! to its last step: a stopped backup leaves no file, a stopped restore leaves
//! the device as it was.

use std::fs::{self, File, OpenOptions};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use ring::digest::{Context, SHA256};
use rusqlite::backup::{Backup, StepResult};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use crate::accounts::{self, normalise_login, Role};
use crate::error::{Error, Result};
use crate::progress::{WorkProgress, WorkUnit, WorkWatcher};
use crate::store::connection::{classify, open_encrypted, verify_pages};
use crate::store::crypto::DataKey;
use crate::store::files::write_atomically_with;
use crate::store::keyring::{KeyRing, KeyRingEntry};
use crate::store::schema;
use crate::store::throttle::UnlockThrottle;
use crate::store::DataDir;

const MAGIC: &str = "hotline-desk-backup";
const FORMAT: u32 = 1;
/// The JSON line holds a key ring of a few accounts; anything longer is not
/// a backup, and reading it whole would only waste memory.
const MAX_HEADER_BYTES: u64 = 1024 * 1024;
/// Pages a backup copies between two progress reports: small enough that a
/// Stop is heard at once, large enough that reporting costs nothing.
const PAGES_PER_STEP: i32 = 32;
/// How long a backup step waits when another connection holds the lock.
const BUSY_PAUSE: std::time::Duration = std::time::Duration::from_millis(50);

/// What the JSON line says about the database that follows it.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct BackupHeader {
    format: u32,
    created_at: DateTime<Utc>,
    organisation_id: Uuid,
    database_bytes: u64,
    database_sha256: String,
    key_ring: serde_json::Value,
}

/// A backup written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupSummary {
    #[ts(type = "string")]
    pub path: PathBuf,
    #[ts(type = "number")]
    pub bytes: u64,
    pub created_at: DateTime<Utc>,
}

/// The store a backup copies, with the key it is written under.
pub(crate) struct BackupSource<'a> {
    pub connection: &'a Connection,
    pub data_key: &'a DataKey,
    pub key_ring: &'a KeyRing,
    pub organisation_id: Uuid,
}

/// Writes a backup of the store behind `source` to `out`, telling `work`
/// the pages copied. Stopped or failed, it leaves nothing at `out`.
pub(crate) fn write(
    source: &BackupSource<'_>,
    out: &Path,
    now: DateTime<Utc>,
    work: &dyn WorkWatcher,
) -> Result<BackupSummary> {
    let BackupSource {
        connection,
        data_key,
        key_ring,
        organisation_id,
    } = *source;
    let copy = sibling(out, ".database-partial");
    remove_database_files(&copy)?;
    let result = copy_checked(connection, data_key, &copy, work).and_then(|()| {
        work.stop_if_asked()?;
        let (database_bytes, database_sha256) = digest_of(&copy)?;
        let header = BackupHeader {
            format: FORMAT,
            created_at: now,
            organisation_id,
            database_bytes,
            database_sha256,
            key_ring: key_ring.to_json(),
        };
        write_backup_file(out, &header, &copy)
    });
    remove_database_files(&copy)?;
    result?;
    let bytes = fs::metadata(out).map_err(|e| Error::io(out, e))?.len();
    Ok(BackupSummary {
        path: out.to_owned(),
        bytes,
        created_at: now,
    })
}

/// Copies the open database into a new file under the same key, a few pages
/// at a time (SQLite's online backup, which re-encrypts each page under the
/// copy's own salt), and checks that the copy is whole. Stops between steps
/// when `work` asks.
fn copy_checked(
    connection: &Connection,
    data_key: &DataKey,
    copy: &Path,
    work: &dyn WorkWatcher,
) -> Result<()> {
    let mut copied = open_encrypted(copy, data_key)?;
    {
        let backup = Backup::new(connection, &mut copied).map_err(classify)?;
        loop {
            work.stop_if_asked()?;
            let step = backup.step(PAGES_PER_STEP).map_err(classify)?;
            let progress = backup.progress();
            let total = u64::try_from(progress.pagecount).unwrap_or(0);
            let remaining = u64::try_from(progress.remaining).unwrap_or(0);
            work.report(WorkProgress::new(
                WorkUnit::Pages,
                total.saturating_sub(remaining),
                total,
            ));
            match step {
                StepResult::Done => break,
                StepResult::More => {}
                _ => std::thread::sleep(BUSY_PAUSE),
            }
        }
    }
    verify_whole(&copied)?;
    checkpoint_and_close(copied)
}

/// Every page's HMAC, then SQLite's own structural check.
fn verify_whole(connection: &Connection) -> Result<()> {
    verify_pages(connection)?;
    let verdict: String = connection
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .map_err(classify)?;
    if verdict == "ok" {
        Ok(())
    } else {
        Err(Error::DatabaseCorrupt(verdict))
    }
}

/// Folds the write-ahead log into the file, so the file alone is the database.
fn checkpoint_and_close(connection: Connection) -> Result<()> {
    connection
        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .map_err(classify)?;
    connection.close().map_err(|(_, error)| classify(error))?;
    Ok(())
}

fn write_backup_file(out: &Path, header: &BackupHeader, copy: &Path) -> Result<()> {
    write_atomically_with(out, |file| {
        writeln!(file, "{MAGIC} {FORMAT}")?;
        serde_json::to_writer(&mut *file, header)?;
        writeln!(file)?;
        std::io::copy(&mut File::open(copy)?, file)?;
        Ok(())
    })
}

/// Replaces the store in `dir` with `backup`, after checking all of it with
/// a supervisor's `login` and passphrase; the restored log records the
/// restore first ([`crate::audit::record_restore`]). Signing in to the
/// restored store is the device's.
///
/// Only onto an empty device or one of the backup's own organisation (its
/// key ring shares an account with the backup's): a backup must never
/// replace another organisation's records. The replaced store is kept
/// beside it (`*.replaced`) until the next successful unlock
/// ([`forget_replaced`]), so a wrong restore can still be undone by hand.
///
/// `work` hears the bytes read from the backup and may stop the restore
/// until the checks are done; the device then stays as it was.
pub(crate) fn restore(
    dir: &DataDir,
    backup: &Path,
    credentials: (&str, &str),
    now: DateTime<Utc>,
    work: &dyn WorkWatcher,
) -> Result<()> {
    dir.ensure_exists()?;
    let mut reader = BufReader::new(File::open(backup).map_err(|e| Error::io(backup, e))?);
    let header = read_header(&mut reader)?;
    let staged = dir.root().join("hotline.db.restoring");
    remove_database_files(&staged)?;
    let checked = stage(dir, &mut reader, &header, &staged, credentials, now, work)
        .and_then(|()| check_same_organisation(dir, &header))
        // The last moment a stop loses nothing: past it the device changes.
        .and_then(|()| work.stop_if_asked());
    if let Err(error) = checked {
        remove_database_files(&staged)?;
        return Err(error);
    }

    // Checked: now replace. The old database goes aside with its
    // write-ahead log, or SQLite would replay that log onto the restored
    // file; a store already set aside by an earlier restore is the one kept.
    let database = dir.database();
    let key_ring_path = dir.key_ring();
    if sibling(&database, REPLACED).exists() {
        for suffix in ["-wal", "-shm"] {
            remove_if_present(&sibling(&database, suffix))?;
        }
    } else {
        for suffix in ["", "-wal", "-shm"] {
            rename_if_present(
                &sibling(&database, suffix),
                &sibling(&sibling(&database, REPLACED), suffix),
            )?;
        }
        rename_if_present(&key_ring_path, &sibling(&key_ring_path, REPLACED))?;
    }
    let staged_key_ring = dir.root().join("keyring.json.restoring");
    KeyRing::from_json(staged_key_ring.clone(), header.key_ring)
        .map_err(Error::BackupInvalid)?
        .save()?;
    fs::rename(&staged, &database).map_err(|e| Error::io(&database, e))?;
    fs::rename(&staged_key_ring, &key_ring_path).map_err(|e| Error::io(&key_ring_path, e))?;
    Ok(())
}

/// Copies the database out of the backup, checks it and records the restore
/// in its audit log. Touches nothing but the staged file and the unlock
/// throttle.
fn stage(
    dir: &DataDir,
    reader: &mut impl Read,
    header: &BackupHeader,
    staged: &Path,
    (login, passphrase): (&str, &str),
    now: DateTime<Utc>,
    work: &dyn WorkWatcher,
) -> Result<()> {
    let (bytes, sha256) = copy_digesting(reader, staged, header.database_bytes, work)?;
    if bytes != header.database_bytes || sha256 != header.database_sha256 {
        return Err(Error::BackupInvalid(
            "the database inside is damaged or incomplete".into(),
        ));
    }
    let key_ring = KeyRing::from_json(PathBuf::new(), header.key_ring.clone())
        .map_err(|reason| Error::BackupInvalid(format!("its key ring: {reason}")))?;

    let mut throttle = UnlockThrottle::load(dir.unlock_throttle(), now)?;
    throttle.check(now)?;
    let unwrapped = normalise_login(login).ok().and_then(|login| {
        let entry = key_ring.find(&login)?;
        let context = KeyRingEntry::wrap_context(entry.account_id);
        entry
            .wrapped
            .unwrap(passphrase, &context)
            .ok()
            .map(|key| (entry.account_id, key))
    });
    let Some((account_id, data_key)) = unwrapped else {
        throttle.record_failure(now)?;
        return Err(Error::WrongCredentials);
    };

    let mut connection = open_encrypted(staged, &data_key)?;
    verify_whole(&connection)?;
    schema::upgrade(&mut connection)?;
    let account = accounts::account_by_id(&connection, account_id)?.ok_or(Error::UnknownAccount)?;
    if account.role != Role::Supervisor {
        return Err(Error::SupervisorOnly);
    }
    let chain = crate::audit::verify(&connection, &crate::audit::SigningKeys::new())?;
    if let Some(seq) = chain.first_broken {
        return Err(Error::BackupInvalid(format!(
            "its audit log was altered at entry {seq}"
        )));
    }
    crate::audit::record_restore(&connection, account.id, header.created_at, now)?;
    checkpoint_and_close(connection)
}

fn read_header(reader: &mut impl BufRead) -> Result<BackupHeader> {
    let invalid = |reason: &str| Error::BackupInvalid(reason.to_owned());
    let mut first = String::new();
    reader
        .by_ref()
        .take(64)
        .read_line(&mut first)
        .map_err(|_| invalid("it is not a Hotline Desk backup"))?;
    let mut words = first.trim_end().split(' ');
    if words.next() != Some(MAGIC) {
        return Err(invalid("it is not a Hotline Desk backup"));
    }
    if words.next() != Some(&FORMAT.to_string()) {
        return Err(invalid("it was written by a newer version of Hotline Desk"));
    }
    let mut line = String::new();
    reader
        .by_ref()
        .take(MAX_HEADER_BYTES)
        .read_line(&mut line)
        .map_err(|_| invalid("its header is damaged"))?;
    let header: BackupHeader =
        serde_json::from_str(&line).map_err(|_| invalid("its header is damaged"))?;
    if header.format != FORMAT {
        return Err(invalid("it was written by a newer version of Hotline Desk"));
    }
    Ok(header)
}

/// Copies the rest of `reader` to a new file at `path`, telling `work` the
/// bytes of `expected` copied and stopping between chunks when it asks;
/// returns the length and SHA-256 in hex.
fn copy_digesting(
    reader: &mut impl Read,
    path: &Path,
    expected: u64,
    work: &dyn WorkWatcher,
) -> Result<(u64, String)> {
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| Error::io(path, e))?;
    let mut context = Context::new(&SHA256);
    let mut buffer = vec![0u8; 64 * 1024];
    let mut total = 0u64;
    loop {
        work.stop_if_asked()?;
        let read = reader.read(&mut buffer).map_err(|e| Error::io(path, e))?;
        if read == 0 {
            break;
        }
        context.update(&buffer[..read]);
        file.write_all(&buffer[..read])
            .map_err(|e| Error::io(path, e))?;
        total += read as u64;
        work.report(WorkProgress::new(
            WorkUnit::Bytes,
            total,
            expected.max(total),
        ));
    }
    file.sync_all().map_err(|e| Error::io(path, e))?;
    Ok((total, hex(context.finish().as_ref())))
}

fn digest_of(path: &Path) -> Result<(u64, String)> {
    let mut file = File::open(path).map_err(|e| Error::io(path, e))?;
    let mut context = Context::new(&SHA256);
    let mut buffer = vec![0u8; 64 * 1024];
    let mut total = 0u64;
    loop {
        let read = file.read(&mut buffer).map_err(|e| Error::io(path, e))?;
        if read == 0 {
            return Ok((total, hex(context.finish().as_ref())));
        }
        context.update(&buffer[..read]);
        total += read as u64;
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// `path` with `suffix` appended to its file name.
fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// A database file and its write-ahead log and shared-memory index.
/// The suffix of a store set aside by a restore.
const REPLACED: &str = ".replaced";

/// Refuses a backup of another organisation when the device holds a store:
/// the device's key ring must share an account with the backup's. A device
/// without a key ring has no store anyone can open, and counts as empty.
fn check_same_organisation(dir: &DataDir, header: &BackupHeader) -> Result<()> {
    let Some(current) = KeyRing::load(dir.key_ring())? else {
        return Ok(());
    };
    let backed_up = KeyRing::from_json(PathBuf::new(), header.key_ring.clone())
        .map_err(|reason| Error::BackupInvalid(format!("its key ring: {reason}")))?;
    let shared = current.entries().iter().any(|entry| {
        backed_up
            .entries()
            .iter()
            .any(|backed| backed.account_id == entry.account_id)
    });
    if shared {
        Ok(())
    } else {
        Err(Error::BackupOtherOrganisation)
    }
}

/// Removes the store a restore set aside, once the restored one has been
/// unlocked in a later session.
pub(crate) fn forget_replaced(dir: &DataDir) -> Result<()> {
    remove_database_files(&sibling(&dir.database(), REPLACED))?;
    remove_if_present(&sibling(&dir.key_ring(), REPLACED))
}

fn rename_if_present(from: &Path, to: &Path) -> Result<()> {
    match fs::rename(from, to) {
        Err(error) if error.kind() != std::io::ErrorKind::NotFound => Err(Error::io(from, error)),
        _ => Ok(()),
    }
}

fn remove_database_files(path: &Path) -> Result<()> {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        remove_if_present(&sibling(path, suffix))?;
    }
    Ok(())
}

fn remove_if_present(path: &Path) -> Result<()> {
    match fs::remove_file(path) {
        Err(error) if error.kind() != std::io::ErrorKind::NotFound => Err(Error::io(path, error)),
        _ => Ok(()),
    }
}
