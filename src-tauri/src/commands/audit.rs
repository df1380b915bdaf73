//! The audit log for supervisors: a filtered reading, the chain's check, and
//! a CSV export written where the supervisor chose in a native dialog.

use chrono::Utc;
use hotline_core::audit::AuditVerification;
use hotline_core::audit_export::{AuditExport, AuditFilter, AuditSelection};
use hotline_core::calls::riga_day;
use hotline_core::PublicError;
use tauri::{AppHandle, State};

use crate::dialogs::{save_then, SaveTo};
use crate::state::AppState;

type CommandResult<T> = Result<T, PublicError>;

#[tauri::command]
pub fn audit_entries(
    state: State<'_, AppState>,
    filter: AuditFilter,
) -> CommandResult<AuditSelection> {
    state.with_session(|session| session.find_audit_entries(&filter))
}

/// Async because it hashes every entry; the window keeps painting meanwhile.
#[tauri::command]
pub async fn verify_audit_log(state: State<'_, AppState>) -> CommandResult<AuditVerification> {
    state.with_session(|session| session.verify_audit_log())
}

/// Asks where to save (a native dialog, so the webview never names a path),
/// then writes the entries `filter` selects there, the entries rendered
/// reported to `long_work_progress` (`cancel_long_work` stops it before
/// anything is written). `None` when the person cancelled.
#[tauri::command]
pub async fn export_audit_log(
    app: AppHandle,
    state: State<'_, AppState>,
    filter: AuditFilter,
) -> CommandResult<Option<AuditExport>> {
    let name = format!("audit-log-{}.csv", riga_day(Utc::now()));
    save_then(&app, SaveTo::file(name, "csv"), |path| {
        state.with_long_work(|session, work| {
            session.export_audit_log_watched(&filter, &path, Utc::now(), work)
        })
    })
}
