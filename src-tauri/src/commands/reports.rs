//! Supervisor reports: the aggregates for the screen, and exports written
//! where the supervisor chose in a native dialog.

use chrono::Utc;
use hotline_core::reports::{ExportedReport, Report, ReportExport, ReportFormat, ReportRequest};
use hotline_core::{Language, PublicError};
use tauri::{AppHandle, State};

use crate::dialogs::{save_then, SaveTo};
use crate::state::AppState;

type CommandResult<T> = Result<T, PublicError>;

/// Async so that a long period is counted off the main thread and the
/// window keeps painting meanwhile.
#[tauri::command]
pub async fn run_report(
    state: State<'_, AppState>,
    request: ReportRequest,
) -> CommandResult<Report> {
    state
        .reader()?
        .report(&request, Utc::now())
        .map_err(PublicError::from)
}

/// Asks where to save (a native dialog, so the webview never names a path):
/// a file for the workbook, a folder for the CSV files. Then runs the report
/// and renders the files on a reader, the session let go meanwhile, and
/// writes and audits them on the writer. `None` when the person cancelled.
#[tauri::command]
pub async fn export_report(
    app: AppHandle,
    state: State<'_, AppState>,
    request: ReportRequest,
    format: ReportFormat,
    language: Language,
) -> CommandResult<Option<ExportedReport>> {
    save_then(&app, destination(&request, format), |path| {
        let export = ReportExport {
            format,
            path,
            language,
        };
        let prepared = state
            .reader()?
            .prepare_report_export(&request, &export, Utc::now())
            .map_err(PublicError::from)?;
        state.with_session(|session| session.record_export(prepared, Utc::now()))
    })
}

/// A file for the workbook or the PDF, a folder for the CSV files.
fn destination(request: &ReportRequest, format: ReportFormat) -> SaveTo {
    let name = |extension| format!("report-{}-{}.{extension}", request.from, request.to);
    match format {
        ReportFormat::Xlsx => SaveTo::file(name("xlsx"), "xlsx"),
        ReportFormat::Pdf => SaveTo::file(name("pdf"), "pdf"),
        ReportFormat::Csv => SaveTo::Folder,
    }
}
