//! An export in two steps. Reading the calls and rendering the files is the
//! long part: it runs on one of the session's readers, while the call form
//! keeps saving on the writer. Writing the files and the audit entry is
//! short, and happens together on the writer: the entry is committed only
//! after every file was written, so an export that failed is not audited
//! as done, and one that was written is never missing from the log.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use uuid::Uuid;

use crate::accounts::Account;
use crate::audit::{self, AuditEvent};
use crate::error::{Error, Result};
use crate::store::write_atomically;

/// Files rendered in memory (never a plaintext temporary file), the event
/// that will record them, and what the export reports once written.
#[must_use = "nothing is written until the export is recorded"]
pub struct PreparedExport<T> {
    account: Uuid,
    event: AuditEvent,
    /// A folder to create first (CSV files go in one).
    folder: Option<PathBuf>,
    files: Vec<(PathBuf, Vec<u8>)>,
    outcome: T,
}

/// The paths and sizes only: a call list's bytes are call data, and a
/// debug print must never carry them into a log.
impl<T> std::fmt::Debug for PreparedExport<T> {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let files: Vec<(&PathBuf, usize)> = self
            .files
            .iter()
            .map(|(path, bytes)| (path, bytes.len()))
            .collect();
        formatter
            .debug_struct("PreparedExport")
            .field("account", &self.account)
            .field("folder", &self.folder)
            .field("files", &files)
            .finish_non_exhaustive()
    }
}

impl<T> PreparedExport<T> {
    pub(crate) fn new(
        account: &Account,
        event: AuditEvent,
        files: Vec<(PathBuf, Vec<u8>)>,
        outcome: T,
    ) -> Self {
        Self {
            account: account.id,
            event,
            folder: None,
            files,
            outcome,
        }
    }

    pub(crate) fn in_folder(self, folder: PathBuf) -> Self {
        Self {
            folder: Some(folder),
            ..self
        }
    }

    /// Writes the files and audits them in one transaction on `connection`
    /// (the writer). Refused when the account that prepared the export is
    /// not the one signed in now: the app was locked and opened by someone
    /// else in between.
    pub(crate) fn record(
        self,
        connection: &Connection,
        account: &Account,
        now: DateTime<Utc>,
    ) -> Result<T> {
        if account.id != self.account {
            return Err(Error::Locked);
        }
        let transaction = connection.unchecked_transaction()?;
        audit::record(&transaction, Some(account.id), self.event, now)?;
        if let Some(folder) = &self.folder {
            std::fs::create_dir_all(folder).map_err(|source| Error::io(folder, source))?;
        }
        for (path, bytes) in &self.files {
            write_atomically(path, bytes)?;
        }
        transaction.commit()?;
        Ok(self.outcome)
    }
}
