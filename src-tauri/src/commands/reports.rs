//! Supervisor reports: the aggregates for the screen, and exports written
//! where the supervisor chose in a native dialog.

use chrono::Utc;
use hotline_core::error::InvalidReason;
use hotline_core::reports::{ExportedReport, Report, ReportExport, ReportFormat, ReportRequest};
use hotline_core::{Error, Language, PublicError};
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use crate::state::AppState;

type CommandResult<T> = Result<T, PublicError>;

/// Async so that a long period is counted off the main thread and the
/// window keeps painting meanwhile.
#[tauri::command]
pub async fn run_report(
    state: State<'_, AppState>,
    request: ReportRequest,
) -> CommandResult<Report> {
    state.with_session(|session| session.report(&request, Utc::now()))
}

/// Asks where to save (a native dialog, so the webview never names a path):
/// a file for the workbook, a folder for the CSV files. Then runs the report
/// and writes it there. `None` when the person cancelled.
#[tauri::command]
pub async fn export_report(
    app: AppHandle,
    state: State<'_, AppState>,
    request: ReportRequest,
    format: ReportFormat,
    language: Language,
) -> CommandResult<Option<ExportedReport>> {
    let dialog = app.dialog().file();
    let chosen = match format {
        ReportFormat::Xlsx => dialog
            .set_file_name(format!("report-{}-{}.xlsx", request.from, request.to))
            .add_filter("xlsx", &["xlsx"])
            .blocking_save_file(),
        ReportFormat::Pdf => dialog
            .set_file_name(format!("report-{}-{}.pdf", request.from, request.to))
            .add_filter("pdf", &["pdf"])
            .blocking_save_file(),
        ReportFormat::Csv => dialog.blocking_pick_folder(),
    };
    let Some(chosen) = chosen else {
        return Ok(None);
    };
    let path = chosen
        .into_path()
        .map_err(|_| Error::invalid("path", InvalidReason::Unknown).to_public())?;
    let export = ReportExport {
        format,
        path,
        language,
    };
    state.with_session(|session| {
        session
            .export_report(&request, &export, Utc::now())
            .map(Some)
    })
}
