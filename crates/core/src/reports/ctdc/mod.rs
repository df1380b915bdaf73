//! The CTDC export: one row per case, in the variable layout of IOM's Human
//! Trafficking Case Data Standard as the Counter Trafficking Data
//! Collaborative's global dataset publishes it, for sharing the hotline's
//! cases with CTDC or a funder. How each field is mapped, and why, is in
//! `docs/ctdc-mapping.md`.
//!
//! In publication mode the rows are made k-anonymous ([`k_anonymity`]) with
//! the same k as a report's small-cell suppression; otherwise every case is
//! written as recorded, for internal use. Either way the file holds no case
//! reference, date, region, note or free text, and the export is audited
//! with its options only.

mod file;
mod k_anonymity;
mod mapping;

use std::path::{Path, PathBuf};

use rusqlite::Connection;
use serde::Serialize;
use serde_json::json;
use ts_rs::TS;

use super::model::{Cell, Publication, ReportRequest};
use super::prepared::PreparedExport;
use super::{report, suppression};
use crate::accounts::Account;
use crate::audit::{AuditAction, AuditEvent};
use crate::error::Result;
use crate::progress::WorkWatcher;

/// What a CTDC export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CtdcExported {
    pub path: PathBuf,
    /// Rows written, one per case.
    pub rows: u64,
    /// Cases left out in publication mode because fewer than k cases shared
    /// even their most general values; shown as "<k" when from 1 to k − 1,
    /// like a report's small counts. Always 0 for an internal file.
    pub suppressed: Cell,
    pub publication: Option<Publication>,
}

/// Makes the CTDC file for the request's period and regions, to be written
/// to `path`; the caller checks the role.
pub(crate) fn prepare(
    connection: &Connection,
    account: &Account,
    request: &ReportRequest,
    path: &Path,
    work: &dyn WorkWatcher,
) -> Result<PreparedExport<CtdcExported>> {
    let request = request.normalised()?;
    let calls = report::finished_calls(connection, &request)?;
    let details: Vec<_> = calls.iter().collect();
    let cases = mapping::cases(&details, &crate::categories::ctdc_types(connection)?, work)?;
    let (mut rows, suppressed) = match request.publication {
        Some(publication) => {
            let anonymised = k_anonymity::anonymise(cases, publication.min_cell);
            let suppressed = suppression::suppress(
                &[],
                anonymised.suppressed as u64,
                publication.min_cell,
                true,
                &[],
            )
            .1;
            (anonymised.rows, suppressed)
        }
        None => (cases, Cell::Exact { count: 0 }),
    };
    rows.sort();
    let bytes = file::csv(&rows);
    let event = AuditEvent::new(AuditAction::CtdcExported).details(json!({
        "format": "csv",
        "from": request.from,
        "to": request.to,
        "regions": request.regions.iter().map(|region| region.code()).collect::<Vec<_>>(),
        "publication": request.publication.map(|publication| json!({ "minCell": publication.min_cell })),
    }));
    let outcome = CtdcExported {
        path: path.to_owned(),
        rows: rows.len() as u64,
        suppressed,
        publication: request.publication,
    };
    Ok(PreparedExport::new(
        account,
        event,
        vec![(path.to_owned(), bytes)],
        outcome,
    ))
}
