//! The progress bar of a backup, restore, export or import: how far the
//! running work is, and its Stop button. Neither takes the session lock,
//! which the work itself holds while it runs.

use hotline_core::progress::WorkProgress;
use tauri::State;

use crate::state::AppState;

/// Polled by the progress bar; `None` when no long work runs. Not counted as
/// activity for the auto-lock.
#[tauri::command]
pub fn long_work_progress(state: State<'_, AppState>) -> Option<WorkProgress> {
    state.long_work.progress()
}

/// Stops the running work at its next step, where stopping loses nothing;
/// the work's command then fails with `longWorkCancelled`.
#[tauri::command]
pub fn cancel_long_work(state: State<'_, AppState>) {
    state.long_work.cancel();
}
