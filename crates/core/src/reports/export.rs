//! Writing a report where the supervisor chose: one XLSX workbook, a
//! directory of CSV files, or a printable PDF summary. Each export is
//! audited with its options (period, regions, format, publication mode)
//! when its files are written ([`PreparedExport`]); no call content goes in
//! the files or the audit log, only counts.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

use super::cover::Cover;
use super::model::Report;
use super::prepared::PreparedExport;
use super::{csv, pdf, xlsx};
use crate::accounts::{Account, Organisation};
use crate::audit::{AuditAction, AuditEvent};
use crate::codes::code_of;
use crate::error::Result;
use crate::i18n::Language;

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

/// Renders a counted report's files, writing nothing yet; the caller
/// checks the role.
pub(crate) fn prepare(
    account: &Account,
    organisation: &Organisation,
    report: Report,
    export: &ReportExport,
    now: DateTime<Utc>,
) -> Result<PreparedExport<ExportedReport>> {
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
        ReportFormat::Csv => csv::files(&cover)
            .into_iter()
            .map(|(name, bytes)| (export.path.join(name), bytes))
            .collect(),
    };
    let event = AuditEvent::new(AuditAction::ReportExported).details(json!({
        "format": code_of(&export.format),
        "from": report.from,
        "to": report.to,
        "regions": report.regions.iter().map(|region| region.code()).collect::<Vec<_>>(),
        "publication": report.publication.map(|publication| json!({ "minCell": publication.min_cell })),
        "language": code_of(&export.language),
        "files": files.len(),
    }));
    let outcome = ExportedReport {
        files: files.iter().map(|(path, _)| path.clone()).collect(),
        report,
    };
    let prepared = PreparedExport::new(account, event, files, outcome);
    Ok(match export.format {
        ReportFormat::Csv => prepared.in_folder(export.path.clone()),
        ReportFormat::Xlsx | ReportFormat::Pdf => prepared,
    })
}
