//! Backups from the app: a supervisor writes one where they chose, and on a
//! device whose database is damaged anyone may pick a backup file that a
//! supervisor's passphrase then restores.

use chrono::Utc;
use hotline_core::backup::BackupSummary;
use hotline_core::calls::riga_day;
use hotline_core::{PublicError, SessionInfo};
use tauri::{AppHandle, State};
use zeroize::Zeroizing;

use crate::dialogs::{pick_file, save_then, SaveTo};
use crate::state::AppState;

type CommandResult<T> = Result<T, PublicError>;

/// Asks where to save (default `hotline-YYYY-MM-DD.backup`, the Rīga date),
/// then writes the backup there. `None` when the person cancelled.
#[tauri::command]
pub async fn back_up(
    app: AppHandle,
    state: State<'_, AppState>,
) -> CommandResult<Option<BackupSummary>> {
    let name = format!("hotline-{}.backup", riga_day(Utc::now()));
    save_then(&app, SaveTo::file(name, "backup"), |path| {
        state.with_session(|session| session.backup(&path, Utc::now()))
    })
}

/// Asks which backup to restore and keeps the answer in the shell, so the
/// webview never names a file for the app to read. Returns the path to show,
/// or `None` when the person cancelled. Works while locked.
#[tauri::command]
pub async fn choose_backup(
    app: AppHandle,
    state: State<'_, AppState>,
) -> CommandResult<Option<String>> {
    Ok(pick_file(&app, Some(("backup", &["backup"])))?.map(|path| state.choose_backup(path)))
}

/// Restores the chosen backup with a supervisor's login and passphrase and
/// leaves the app signed in as that supervisor. Async: it derives keys and
/// checks every page, which takes a few seconds.
#[tauri::command]
pub async fn restore_backup(
    state: State<'_, AppState>,
    login: String,
    passphrase: Zeroizing<String>,
) -> CommandResult<SessionInfo> {
    state.restore(&login, &passphrase, Utc::now())
}
