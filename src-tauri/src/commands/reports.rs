//! Supervisor reports: the aggregates for the screen, and exports (the
//! report, the CTDC case file, the call list) written where the supervisor
//! chose in a native dialog.

use chrono::Utc;
use hotline_core::reports::{
    CallColumn, CallListExport, CallListFormat, CtdcExported, ExportedCallList, ExportedReport,
    Report, ReportExport, ReportFormat, ReportRequest,
};
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

/// Asks where to save, then writes the request's cases as one CTDC file:
/// k-anonymous when the request is in publication mode, every case as
/// recorded otherwise. Rendered on a reader, written and audited on the
/// writer, like the report's files; the cases built are reported to
/// `long_work_progress`, and `cancel_long_work` stops it before anything is
/// written. `None` when the person cancelled.
#[tauri::command]
pub async fn export_ctdc(
    app: AppHandle,
    state: State<'_, AppState>,
    request: ReportRequest,
) -> CommandResult<Option<CtdcExported>> {
    let name = format!("ctdc-{}-{}.csv", request.from, request.to);
    save_then(&app, SaveTo::file(name, "csv"), |path| {
        let prepared = state
            .reader()?
            .prepare_ctdc(&request, &path, &state.long_work.begin())
            .map_err(PublicError::from)?;
        state.with_session(|session| session.record_export(prepared, Utc::now()))
    })
}

/// Asks where to save, then writes the calls of the request's period and
/// regions with only the chosen `columns`. A call list is the calls
/// themselves, for handing on, so the request's publication mode does not
/// apply to it. The calls rendered are reported to `long_work_progress`;
/// `cancel_long_work` stops it before anything is written. `None` when the
/// person cancelled.
#[tauri::command]
pub async fn export_call_list(
    app: AppHandle,
    state: State<'_, AppState>,
    request: ReportRequest,
    columns: Vec<CallColumn>,
    format: CallListFormat,
    language: Language,
) -> CommandResult<Option<ExportedCallList>> {
    let extension = match format {
        CallListFormat::Xlsx => "xlsx",
        CallListFormat::Csv => "csv",
    };
    let name = format!("calls-{}-{}.{extension}", request.from, request.to);
    save_then(&app, SaveTo::file(name, extension), |path| {
        let export = CallListExport {
            from: request.from,
            to: request.to,
            regions: request.regions,
            columns,
            format,
            path,
            language,
        };
        let prepared = state
            .reader()?
            .prepare_call_list(&export, &state.long_work.begin())
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
