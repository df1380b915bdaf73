//! The sync indicator's commands.

use hotline_core::sync::{SyncReport, SyncStatus};
use hotline_core::PublicError;
use tauri::{AppHandle, State};

use crate::background_sync;
use crate::state::AppState;

/// Polled by the indicator; not counted as activity for the auto-lock.
#[tauri::command]
pub fn sync_status(state: State<'_, AppState>) -> Result<SyncStatus, PublicError> {
    background_sync::status(&state)
}

/// "Sync now": runs off the main thread; `None` if a round is already running.
#[tauri::command]
pub async fn sync_now(app: AppHandle) -> Result<Option<SyncReport>, PublicError> {
    tauri::async_runtime::spawn_blocking(move || background_sync::run_round(&app))
        .await
        .map_err(|_| hotline_core::Error::Random.to_public())?
}
