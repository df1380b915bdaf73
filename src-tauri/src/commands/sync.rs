//! The sync indicator's commands, and connecting the organisation to its
//! sync server (supervisors, at first run or later).

use chrono::Utc;
use hotline_core::store::ChosenFile;
use hotline_core::sync::client::read_certificate_file;
use hotline_core::sync::{QuarantinedRecord, Register, SyncReport, SyncStatus};
use hotline_core::PublicError;
use tauri::{AppHandle, State};

use crate::background_sync;
use crate::commands::{off_the_main_thread, on_the_server};
use crate::dialogs::pick_file;
use crate::state::AppState;

/// Polled by the indicator; not counted as activity for the auto-lock.
#[tauri::command]
pub fn sync_status(state: State<'_, AppState>) -> Result<SyncStatus, PublicError> {
    background_sync::status(&state)
}

/// The records set aside because they could not be applied (supervisors),
/// for the Sync section.
#[tauri::command]
pub fn quarantined_records(
    state: State<'_, AppState>,
) -> Result<Vec<QuarantinedRecord>, PublicError> {
    state.with_session(|session| session.sync().quarantined())
}

/// "Sync now": runs off the main thread; `None` if a round is already running.
#[tauri::command]
pub async fn sync_now(app: AppHandle) -> Result<Option<SyncReport>, PublicError> {
    off_the_main_thread(move || background_sync::run_round(&app)).await
}

/// Stops the running round before its next page (the Stop button beside a
/// long download); the next round goes on from there.
#[tauri::command]
pub fn cancel_sync(state: State<'_, AppState>) {
    state.sync.cancel();
}

/// Asks for the server's certificate (PEM) and returns it once it is checked
/// to hold one; `None` when the person cancelled.
#[tauri::command]
pub async fn choose_server_certificate(app: AppHandle) -> Result<Option<ChosenFile>, PublicError> {
    pick_file(&app, Some(("PEM", &["pem", "crt", "cer"])))?
        .map(|path| read_certificate_file(&path).map_err(PublicError::from))
        .transpose()
}

/// Registers the organisation on a sync server with this device as its first
/// device, as `hotline sync register` does, then runs the first round in the
/// background and answers with the new status.
#[tauri::command]
pub async fn register_sync_server(
    app: AppHandle,
    server_url: String,
    device_name: String,
    server_certificate: Option<String>,
    registration_secret: Option<String>,
) -> Result<SyncStatus, PublicError> {
    on_the_server(
        app.clone(),
        Register {
            server_url,
            server_certificate,
            registration_secret,
            device_name,
            now: Utc::now(),
        },
    )
    .await
    .and_then(|()| background_sync::connected(app))
}
