//! The retention period (supervisors set it) and a retention run on demand,
//! besides the one every unlock does.

use chrono::Utc;
use hotline_core::calls::{RetentionRule, RetentionRun};
use hotline_core::PublicError;
use tauri::State;

use crate::state::AppState;

type CommandResult<T> = Result<T, PublicError>;

#[tauri::command]
pub fn retention_years(state: State<'_, AppState>) -> CommandResult<u32> {
    state.with_session(|session| session.retention().years())
}

#[tauri::command]
pub fn set_retention_years(state: State<'_, AppState>, years: u32) -> CommandResult<RetentionRule> {
    state.with_session(|session| session.retention().set_years(years, Utc::now()))
}

/// Async: a long-neglected device may have many calls to anonymise.
/// `confirmed`: the supervisor saw how many are due and agreed.
#[tauri::command]
pub async fn run_retention(
    state: State<'_, AppState>,
    confirmed: bool,
) -> CommandResult<RetentionRun> {
    state.with_session(|session| {
        let retention = session.retention();
        if confirmed {
            retention.run_confirmed(Utc::now())
        } else {
            retention.run(Utc::now())
        }
    })
}
