//! The retention period (supervisors set it) and a retention run on demand,
//! besides the one every unlock does.

use chrono::Utc;
use hotline_core::calls::RetentionRun;
use hotline_core::PublicError;
use tauri::State;

use crate::state::AppState;

type CommandResult<T> = Result<T, PublicError>;

#[tauri::command]
pub fn retention_years(state: State<'_, AppState>) -> CommandResult<u32> {
    state.with_session(|session| session.retention().years())
}

#[tauri::command]
pub fn set_retention_years(state: State<'_, AppState>, years: u32) -> CommandResult<()> {
    state.with_session(|session| session.retention().set_years(years))
}

/// Async: a long-neglected device may have many calls to anonymise.
#[tauri::command]
pub async fn run_retention(state: State<'_, AppState>) -> CommandResult<RetentionRun> {
    state.with_session(|session| session.retention().run(Utc::now()))
}
