//! Writing a report where the supervisor chose: one XLSX workbook, a
//! directory of CSV files, or a printable PDF summary. Each export is audited with its options (period,
//! regions, format, publication mode), in the same transaction that is
//! committed only after every file was written; no call content goes in the
//! files or the audit log, only counts.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use chrono_tz::Europe::Riga;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

use super::model::{Report, ReportRequest};
use super::{csv, pdf, report, xlsx};
use crate::accounts::{Account, Organisation};
use crate::audit::{self, AuditAction, AuditEvent};
use crate::calls::code_of;
use crate::error::{Error, Result};
use crate::i18n::{Language, Localized};
use crate::store::write_atomically;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ReportFormat {
    /// One workbook: a cover sheet and one sheet per breakdown.
    Xlsx,
    /// A directory with a cover file and one file per breakdown, UTF-8 with
    /// a BOM so that Excel reads Latvian letters right.
    Csv,
    /// A printable summary: the totals and charts, then every breakdown as
    /// a table.
    Pdf,
}

/// Where and how to write a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReportExport {
    pub format: ReportFormat,
    /// The workbook or PDF file, or the directory for CSV files (created if
    /// missing).
    pub path: PathBuf,
    /// The language of headings and labels; Latvian unless chosen.
    #[serde(default)]
    pub language: Language,
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportedReport {
    pub files: Vec<PathBuf>,
    pub report: Report,
}

/// Who made the file and when, for its cover.
#[derive(Debug)]
pub(crate) struct Cover<'a> {
    pub report: &'a Report,
    pub organisation: &'a str,
    pub exported_by: String,
    pub exported_at: DateTime<Utc>,
    pub language: Language,
}

impl Cover<'_> {
    pub fn text(&self, text: &Localized) -> String {
        text.get(self.language).to_owned()
    }

    /// The cover's lines (heading, value), the same in every format: who,
    /// what and how, then the totals.
    pub fn lines(&self) -> Vec<(String, String)> {
        let mut lines = self.details();
        lines.extend(self.totals());
        lines
    }

    /// Organisation, period, regions, who exported it and when, and the
    /// publication mode spelled out.
    pub fn details(&self) -> Vec<(String, String)> {
        let report = self.report;
        let regions: Vec<String> = report
            .regions
            .iter()
            .map(|region| self.text(&region.label()))
            .collect();
        let publication = match report.publication {
            Some(publication) => Localized::owned(
                format!(
                    "IESLĒGTS (k = {k}): skaitļi no 1 līdz {max} rādīti kā „<{k}”; „x” ir skaitlis, kas slēpts, lai mazo nevarētu aprēķināt no kopsummas.",
                    k = publication.min_cell,
                    max = publication.min_cell - 1
                ),
                format!(
                    "ON (k = {k}): counts from 1 to {max} are shown as \"<{k}\"; \"x\" is a count withheld so that a small one cannot be worked out from the total.",
                    k = publication.min_cell,
                    max = publication.min_cell - 1
                ),
            ),
            None => Localized::new(
                "Izslēgts: iekšēja atskaite ar precīziem skaitļiem, nav paredzēta publicēšanai.",
                "Off: an internal report with exact numbers, not for publication.",
            ),
        };
        [
            (
                Localized::new("Organizācija", "Organisation"),
                self.organisation.to_owned(),
            ),
            (Localized::new("Periods", "Period"), self.period()),
            (Localized::new("Reģioni", "Regions"), regions.join(", ")),
            (
                Localized::new("Eksportēja", "Exported by"),
                self.exported_by.clone(),
            ),
            (
                Localized::new("Eksportēts (Rīgas laiks)", "Exported at (Rīga time)"),
                self.exported_at
                    .with_timezone(&Riga)
                    .format("%d.%m.%Y %H:%M")
                    .to_string(),
            ),
            (
                Localized::new("Publicēšanas režīms", "Publication mode"),
                self.text(&publication),
            ),
        ]
        .into_iter()
        .map(|(heading, value)| (self.text(&heading), value))
        .collect()
    }

    /// The report's calls and distinct cases.
    pub fn totals(&self) -> [(String, String); 2] {
        [
            (self.text(&CALLS), self.report.total.calls.to_string()),
            (self.text(&CASES), self.report.total.cases.to_string()),
        ]
    }

    /// "01.10.2026–30.11.2026".
    pub fn period(&self) -> String {
        format!(
            "{}–{}",
            self.report.from.format("%d.%m.%Y"),
            self.report.to.format("%d.%m.%Y")
        )
    }

    /// The mode in a few words, for a subtitle or a page footer.
    pub fn mode(&self) -> String {
        match self.report.publication {
            Some(publication) => self.text(&Localized::owned(
                format!("publicēšanas režīms, k = {}", publication.min_cell),
                format!("publication mode, k = {}", publication.min_cell),
            )),
            None => self.text(&Localized::new("iekšēja atskaite", "internal report")),
        }
    }
}

pub(crate) const TITLE: Localized = Localized::new("Uzticības tālruņa atskaite", "Hotline report");
pub(crate) const CALLS: Localized = Localized::new("Zvani", "Calls");
pub(crate) const CASES: Localized = Localized::new("Lietas", "Cases");
pub(crate) const TOTAL: Localized = Localized::new("Kopā", "Total");

/// Runs the report and writes it; the caller checks the role.
pub(crate) fn export(
    connection: &Connection,
    account: &Account,
    organisation: &Organisation,
    request: &ReportRequest,
    export: &ReportExport,
    now: DateTime<Utc>,
) -> Result<ExportedReport> {
    let report = report::run(connection, account, request, now)?;
    let cover = Cover {
        report: &report,
        organisation: &organisation.name,
        exported_by: format!("{} ({})", account.display_name, account.login),
        exported_at: now,
        language: export.language,
    };
    let files: Vec<(PathBuf, Vec<u8>)> = match export.format {
        ReportFormat::Xlsx => vec![(export.path.clone(), xlsx::workbook(&cover, &export.path)?)],
        ReportFormat::Pdf => vec![(export.path.clone(), pdf::document(&cover, &export.path)?)],
        ReportFormat::Csv => {
            std::fs::create_dir_all(&export.path)
                .map_err(|source| Error::io(&export.path, source))?;
            csv::files(&cover)
                .into_iter()
                .map(|(name, bytes)| (export.path.join(name), bytes))
                .collect()
        }
    };
    let transaction = connection.unchecked_transaction()?;
    audit::record(
        &transaction,
        Some(account.id),
        AuditEvent::new(AuditAction::ReportExported).details(json!({
            "format": code_of(&export.format),
            "from": report.from,
            "to": report.to,
            "regions": report.regions.iter().map(|region| region.code()).collect::<Vec<_>>(),
            "publication": report.publication.map(|publication| json!({ "minCell": publication.min_cell })),
            "language": code_of(&export.language),
            "files": files.len(),
        })),
        now,
    )?;
    for (path, bytes) in &files {
        write_atomically(path, bytes)?;
    }
    transaction.commit()?;
    Ok(ExportedReport {
        files: files.into_iter().map(|(path, _)| path).collect(),
        report,
    })
}
