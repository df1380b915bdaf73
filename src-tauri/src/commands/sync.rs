//! The sync indicator's commands, and connecting the organisation to its
//! sync server (supervisors, at first run or later).

use hotline_core::store::ChosenFile;
use hotline_core::sync::client::read_certificate_file;
use hotline_core::sync::{SyncReport, SyncStatus};
use hotline_core::PublicError;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use crate::background_sync;
use crate::commands::backup::chosen_path;
use crate::commands::off_the_main_thread;
use crate::state::AppState;

/// Polled by the indicator; not counted as activity for the auto-lock.
#[tauri::command]
pub fn sync_status(state: State<'_, AppState>) -> Result<SyncStatus, PublicError> {
    background_sync::status(&state)
}

/// "Sync now": runs off the main thread; `None` if a round is already running.
#[tauri::command]
pub async fn sync_now(app: AppHandle) -> Result<Option<SyncReport>, PublicError> {
    off_the_main_thread(move || background_sync::run_round(&app)).await
}

/// Asks for the server's certificate (PEM) and returns it once it is checked
/// to hold one; `None` when the person cancelled.
#[tauri::command]
pub async fn choose_server_certificate(app: AppHandle) -> Result<Option<ChosenFile>, PublicError> {
    let Some(chosen) = app
        .dialog()
        .file()
        .add_filter("PEM", &["pem", "crt", "cer"])
        .blocking_pick_file()
    else {
        return Ok(None);
    };
    Ok(Some(read_certificate_file(&chosen_path(chosen)?)?))
}

/// Registers the organisation on a sync server with this device as its first
/// device, then runs the first round in the background, as `hotline sync
/// register` does. The network wait happens off the session lock, so other
/// commands (and the window) do not wait with it.
#[tauri::command]
pub async fn register_sync_server(
    app: AppHandle,
    state: State<'_, AppState>,
    server_url: String,
    device_name: String,
    server_certificate: Option<String>,
) -> Result<SyncStatus, PublicError> {
    let registration = state.with_session(|session| {
        session.sync().prepare_registration(
            &server_url,
            server_certificate.as_deref(),
            &device_name,
        )
    })?;
    let registered = off_the_main_thread(move || registration.send()).await?;
    state.with_session(|session| session.sync().complete_registration(registered))?;
    let status = background_sync::status(&state)?;
    background_sync::run_round_soon(app);
    Ok(status)
}
