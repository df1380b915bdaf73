//! The organisation's call subjects: every screen lists them; supervisors
//! add, retire, restore and delete them.

use chrono::Utc;
use hotline_core::categories::{Category, NewCategory};
use hotline_core::PublicError;
use tauri::State;

use crate::state::AppState;

type CommandResult<T> = Result<T, PublicError>;

#[tauri::command]
pub fn list_categories(state: State<'_, AppState>) -> CommandResult<Vec<Category>> {
    state.with_session(|session| session.categories().list())
}

#[tauri::command]
pub fn add_category(state: State<'_, AppState>, category: NewCategory) -> CommandResult<Category> {
    state.with_session(|session| session.categories().add(category, Utc::now()))
}

#[tauri::command]
pub fn set_category_retired(
    state: State<'_, AppState>,
    code: String,
    retired: bool,
) -> CommandResult<Category> {
    state.with_session(|session| session.categories().set_retired(&code, retired, Utc::now()))
}

#[tauri::command]
pub fn delete_category(state: State<'_, AppState>, code: String) -> CommandResult<()> {
    state.with_session(|session| session.categories().delete(&code, Utc::now()))
}
