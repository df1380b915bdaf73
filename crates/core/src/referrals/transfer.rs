//! Importing and exporting the directory. An import is checked whole before
//! anything is written: one bad row rejects the file with every problem listed
//! by line and column, and nothing changes. Rows match existing entries by
//! their stable key, so importing the same file again changes nothing.
//! A long import reports the rows applied and may be stopped until its
//! commit: a stopped import rolls back, and the directory is as it was.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;
use uuid::Uuid;

use super::directory::{new_entry_id, write_entry, Directory, StoredEntry};
use super::entry::ReferralInput;
use super::import_rows::RowProblems;
use super::{csv_file, hsds};
use crate::audit::{self, AuditAction, AuditEvent};
use crate::error::{Error, Result};
use crate::i18n::Localized;
use crate::progress::{Unwatched, WorkProgress, WorkUnit, WorkWatcher};
use crate::store::write_atomically;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum TransferFormat {
    /// The documented CSV layout.
    Csv,
    /// Open Referral HSDS 3.0 JSON.
    Hsds,
}

impl TransferFormat {
    fn code(self) -> &'static str {
        match self {
            Self::Csv => "csv",
            Self::Hsds => "hsds",
        }
    }
}

/// The starter directory shipped with the app (`assets/referrals/seed.csv`):
/// the national short numbers, the hotline's own lines and the main state and
/// non-governmental services, each flagged as not yet verified. Built into
/// the binary so a first run needs no file.
pub const STARTER_DIRECTORY_CSV: &str = include_str!("../../../../assets/referrals/seed.csv");

/// What an import did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportSummary {
    pub added: u32,
    pub updated: u32,
    pub unchanged: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportOptions {
    pub format: TransferFormat,
    /// Shelters' real addresses; off unless a supervisor ticks it.
    #[serde(default)]
    pub include_confidential: bool,
    #[serde(default)]
    pub include_retired: bool,
}

impl Directory<'_> {
    /// Imports the starter directory (supervisors only), as an import of its
    /// CSV: loading it again changes nothing.
    pub fn load_starter(&self, now: DateTime<Utc>) -> Result<ImportSummary> {
        self.import(TransferFormat::Csv, STARTER_DIRECTORY_CSV.as_bytes(), now)
    }

    /// Imports a whole file (supervisors only): all of it, or nothing.
    pub fn import(
        &self,
        format: TransferFormat,
        bytes: &[u8],
        now: DateTime<Utc>,
    ) -> Result<ImportSummary> {
        self.import_watched(format, bytes, now, &Unwatched)
    }

    /// [`Directory::import`], telling `work` the rows applied of the file's;
    /// stopped before the commit, it rolls back and nothing changes.
    pub fn import_watched(
        &self,
        format: TransferFormat,
        bytes: &[u8],
        now: DateTime<Utc>,
        work: &dyn WorkWatcher,
    ) -> Result<ImportSummary> {
        if !self.account().is_supervisor() {
            return Err(Error::SupervisorOnly);
        }
        let mut problems = RowProblems::default();
        let rows = match format {
            TransferFormat::Csv => csv_file::read(bytes, &mut problems),
            TransferFormat::Hsds => hsds::read(bytes, &mut problems),
        };
        let mut valid: Vec<(usize, (ReferralInput, bool))> = Vec::with_capacity(rows.len());
        // Keys of the rows accepted so far: a directory of 100,000 rows is
        // checked in one pass, not by comparing every row with every other.
        let mut keys = HashSet::with_capacity(rows.len());
        for row in rows {
            let duplicate = keys.contains(row.input.key.trim());
            match row.input.validated() {
                Ok(_) if duplicate => problems.add(
                    row.line,
                    "key",
                    Localized::new(
                        "Šī atslēga failā jau bija iepriekš: katrai rindai vajag savu.",
                        "This key already appeared earlier in the file: each row needs its own.",
                        "Этот ключ уже встречался в файле выше: у каждой строки должен быть свой.",
                    ),
                ),
                Ok(input) => {
                    keys.insert(input.key.clone());
                    valid.push((row.line, (input, row.retired)));
                }
                Err(Error::InvalidInput { field, reason }) => {
                    let column = match format {
                        TransferFormat::Csv => csv_file::column_of_field(field),
                        TransferFormat::Hsds => field,
                    };
                    problems.invalid(row.line, column, reason);
                }
                Err(other) => return Err(other),
            }
        }
        if valid.is_empty() && !problems.any() {
            problems.add(
                1,
                "file",
                Localized::new(
                    "Failā nav neviena ieraksta.",
                    "The file holds no entries.",
                    "В файле нет ни одной записи.",
                ),
            );
        }
        if problems.any() {
            return Err(Error::ImportRejected(problems.by_line()));
        }

        let stored = self.all_stored()?;
        let existing: HashMap<&str, &StoredEntry> = stored
            .iter()
            .map(|entry| (entry.input.key.as_str(), entry))
            .collect();
        // Dropped without a commit, as a stop or an error leaves it, the
        // transaction rolls back every row applied.
        let transaction = self.connection.unchecked_transaction()?;
        let mut summary = ImportSummary::default();
        let total = valid.len() as u64;
        for (applied, (_, (input, retired))) in valid.into_iter().enumerate() {
            work.stop_if_asked()?;
            match existing.get(input.key.as_str()) {
                Some(stored) if stored.input == input && stored.retired == retired => {
                    summary.unchanged += 1
                }
                Some(stored) => {
                    write_entry(
                        &transaction,
                        stored.id,
                        &input,
                        retired,
                        self.account().id,
                        now,
                    )?;
                    summary.updated += 1;
                }
                None => {
                    write_entry(
                        &transaction,
                        new_entry_id(&transaction, &input.key)?,
                        &input,
                        retired,
                        self.account().id,
                        now,
                    )?;
                    summary.added += 1;
                }
            }
            work.report(WorkProgress::new(
                WorkUnit::Records,
                applied as u64 + 1,
                total,
            ));
        }
        work.stop_if_asked()?;
        record_import(
            &transaction,
            self.account().id,
            format.code(),
            &summary,
            now,
        )?;
        transaction.commit()?;
        Ok(summary)
    }

    /// Writes the directory to `path`, the file a supervisor chose
    /// (atomically: a failed write leaves no half a file); returns the path
    /// as shown to them.
    pub fn export_to(
        &self,
        options: ExportOptions,
        path: &Path,
        now: DateTime<Utc>,
    ) -> Result<String> {
        write_atomically(path, &self.export(options, now)?)?;
        Ok(path.display().to_string())
    }

    /// The directory as a file. Confidential addresses only when asked for, and
    /// only by a supervisor; every export is audited with its options.
    pub fn export(&self, options: ExportOptions, now: DateTime<Utc>) -> Result<Vec<u8>> {
        if options.include_confidential && !self.account().is_supervisor() {
            return Err(Error::SupervisorOnly);
        }
        let mut entries: Vec<(Uuid, ReferralInput, bool)> = self
            .all_stored()?
            .into_iter()
            .filter(|stored| options.include_retired || !stored.retired)
            .map(|stored| (stored.id, stored.input, stored.retired))
            .collect();
        entries.sort_by(|a, b| a.1.key.cmp(&b.1.key));
        let bytes = match options.format {
            TransferFormat::Csv => {
                let rows: Vec<(ReferralInput, bool)> = entries
                    .iter()
                    .map(|(_, input, retired)| (input.clone(), *retired))
                    .collect();
                csv_file::write(&rows, options.include_confidential)
            }
            TransferFormat::Hsds => hsds::write(&entries, options.include_confidential),
        };
        let transaction = self.connection.unchecked_transaction()?;
        audit::record(
            &transaction,
            Some(self.account().id),
            AuditEvent::new(AuditAction::ReferralsExported).details(json!({
                "format": options.format.code(),
                "includeConfidential": options.include_confidential,
                "includeRetired": options.include_retired,
                "entries": entries.len(),
            })),
            now,
        )?;
        transaction.commit()?;
        Ok(bytes)
    }
}

/// Writes the import's changes; the audit entry counts them.
fn record_import(
    connection: &Connection,
    actor: Uuid,
    format: &str,
    summary: &ImportSummary,
    now: DateTime<Utc>,
) -> Result<()> {
    audit::record(
        connection,
        Some(actor),
        AuditEvent::new(AuditAction::ReferralsImported).details(json!({
            "format": format,
            "added": summary.added,
            "updated": summary.updated,
            "unchanged": summary.unchanged,
        })),
        now,
    )
}
