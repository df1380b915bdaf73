//! The referral directory: search as you type, one entry, the audited opening
//! of a confidential address, the caller's referral sheet, and supervisors'
//! maintenance and import/export.

use chrono::Utc;
use hotline_core::referrals::{
    ExportOptions, ImportSummary, Municipality, PrintedSheet, ReferralConflict, ReferralEntry,
    ReferralInput, ReferralQuery, ReferralSheet, TransferFormat, MUNICIPALITIES,
};
use hotline_core::PublicError;
use tauri::{AppHandle, Manager, State};
use uuid::Uuid;

use crate::commands::off_the_main_thread;
use crate::dialogs::{save_then, SaveTo};
use crate::state::AppState;

type CommandResult<T> = Result<T, PublicError>;

#[tauri::command]
pub async fn search_referrals(
    state: State<'_, AppState>,
    query: ReferralQuery,
) -> CommandResult<Vec<ReferralEntry>> {
    state
        .reader()?
        .search_referrals(&query, Utc::now())
        .map_err(PublicError::from)
}

#[tauri::command]
pub fn get_referral(state: State<'_, AppState>, id: Uuid) -> CommandResult<ReferralEntry> {
    state.with_session(|session| session.directory().get(id, Utc::now()))
}

/// Returns a shelter's real address; the opening is audited first.
#[tauri::command]
pub fn open_confidential_address(state: State<'_, AppState>, id: Uuid) -> CommandResult<String> {
    state.with_session(|session| {
        session
            .directory()
            .open_confidential_address(id, Utc::now())
    })
}

/// Adds an entry (`id` null) or replaces one; supervisors only.
#[tauri::command]
pub fn save_referral(
    state: State<'_, AppState>,
    id: Option<Uuid>,
    input: ReferralInput,
) -> CommandResult<ReferralEntry> {
    state.with_session(|session| session.directory().save(id, input, Utc::now()))
}

#[tauri::command]
pub fn set_referral_retired(
    state: State<'_, AppState>,
    id: Uuid,
    retired: bool,
) -> CommandResult<ReferralEntry> {
    state.with_session(|session| session.directory().set_retired(id, retired, Utc::now()))
}

/// Imports a file the person picked in the webview (its text is passed in,
/// so the shell needs no file-system access); all of it or nothing. Off the
/// main thread, the rows applied reported to `long_work_progress`;
/// `cancel_long_work` rolls it back.
#[tauri::command]
pub async fn import_referrals(
    app: AppHandle,
    format: TransferFormat,
    contents: String,
) -> CommandResult<ImportSummary> {
    off_the_main_thread(move || {
        app.state::<AppState>().with_long_work(|session, work| {
            session
                .directory()
                .import_watched(format, contents.as_bytes(), Utc::now(), work)
        })
    })
    .await
}

/// Loads the starter directory built into the app (supervisors, usually at
/// first run); loading it again changes nothing.
#[tauri::command]
pub fn load_starter_referrals(state: State<'_, AppState>) -> CommandResult<ImportSummary> {
    state.with_session(|session| session.directory().load_starter(Utc::now()))
}

/// Asks where to save (a native dialog, so the webview never names a path),
/// then writes the export there. `None` when the person cancelled.
#[tauri::command]
pub async fn export_referrals(
    app: AppHandle,
    state: State<'_, AppState>,
    options: ExportOptions,
) -> CommandResult<Option<String>> {
    save_then(&app, destination(options.format), |path| {
        state.with_session(|session| session.directory().export_to(options, &path, Utc::now()))
    })
}

/// Asks where to save the caller's referral sheet, then writes it there
/// (audited). The offered name says nothing of the hotline or the caller.
/// `None` when the person cancelled.
#[tauri::command]
pub async fn print_referral_sheet(
    app: AppHandle,
    state: State<'_, AppState>,
    sheet: ReferralSheet,
) -> CommandResult<Option<PrintedSheet>> {
    save_then(&app, SaveTo::file("kontakti.pdf", "pdf"), |path| {
        state.with_session(|session| session.directory().print_sheet(&sheet, &path, Utc::now()))
    })
}

fn destination(format: TransferFormat) -> SaveTo {
    match format {
        TransferFormat::Csv => SaveTo::file("referrals.csv", "csv"),
        TransferFormat::Hsds => SaveTo::file("referrals-hsds.json", "json"),
    }
}

#[tauri::command]
pub fn municipalities() -> Vec<Municipality> {
    MUNICIPALITIES.to_vec()
}

/// Entries edited on two laptops at once, waiting for a supervisor's pick.
#[tauri::command]
pub fn referral_conflicts(state: State<'_, AppState>) -> CommandResult<Vec<ReferralConflict>> {
    state.with_session(|session| session.directory().conflicts())
}

/// Keeps version `keep` of an entry in conflict on every laptop.
#[tauri::command]
pub fn resolve_referral_conflict(
    state: State<'_, AppState>,
    entry_id: Uuid,
    keep: String,
) -> CommandResult<ReferralEntry> {
    state.with_session(|session| {
        session
            .directory()
            .resolve_conflict(entry_id, &keep, Utc::now())
    })
}
