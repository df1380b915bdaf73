//! The update notice's commands: what is offered, a check now, and the
//! install the user agreed to.

use hotline_core::updates::UpdateStatus;
use hotline_core::PublicError;
use tauri::{AppHandle, State};

use crate::commands::off_the_main_thread;
use crate::state::AppState;
use crate::updates;

/// What the last check found; polled by the window, not counted as activity.
#[tauri::command]
pub fn update_status(state: State<'_, AppState>) -> UpdateStatus {
    state.updates.status()
}

/// "Check for updates": fetches and checks the manifest off the main thread.
#[tauri::command]
pub async fn check_for_update(app: AppHandle) -> Result<UpdateStatus, PublicError> {
    off_the_main_thread(move || Ok::<_, PublicError>(updates::check(&app))).await
}

/// Installs the offered update, after the user agreed, and restarts the app;
/// refused while a call form is open.
#[tauri::command]
pub async fn install_update(app: AppHandle) -> Result<(), PublicError> {
    updates::install(app).await
}
