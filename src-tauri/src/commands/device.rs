//! Set-up (a new organisation, or joining one from an enrolment package),
//! unlock and lock, and the device's preferences.

use chrono::Utc;
use hotline_core::preferences::Preferences;
use hotline_core::store::ChosenFile;
use hotline_core::sync::enrolment::read_package_file;
use hotline_core::{AppStatus, Enrolment, FirstRunSetup, Language, PublicError, SessionInfo};
use tauri::{AppHandle, State};
use zeroize::Zeroizing;

use crate::auto_lock;
use crate::background_sync;
use crate::dialogs::pick_file;
use crate::state::AppState;

type CommandResult<T> = Result<T, PublicError>;

#[tauri::command]
pub fn app_status(state: State<'_, AppState>) -> CommandResult<AppStatus> {
    Ok(state.status()?)
}

/// Set-up and unlock are `async` so their key derivation (about half a
/// second) runs off the main thread and the window stays responsive.
#[tauri::command]
pub async fn set_up(
    state: State<'_, AppState>,
    setup: FirstRunSetup,
    passphrase: Zeroizing<String>,
) -> CommandResult<SessionInfo> {
    state.open(state.device.set_up(setup, &passphrase, Utc::now())?)
}

/// Asks for the enrolment package file the supervisor handed over and
/// returns its text; `None` when the person cancelled. The shell reads the
/// file, so the webview never names one.
#[tauri::command]
pub async fn choose_enrolment_package(app: AppHandle) -> CommandResult<Option<ChosenFile>> {
    pick_file(&app, None)?
        .map(|path| read_package_file(&path).map_err(PublicError::from))
        .transpose()
}

/// Sets this device up from an enrolment package and signs its first
/// account in, then runs the first sync round in the background, as
/// `hotline device join` does.
#[tauri::command]
pub async fn join_organisation(
    app: AppHandle,
    state: State<'_, AppState>,
    enrolment: Enrolment,
    passphrase: Zeroizing<String>,
) -> CommandResult<SessionInfo> {
    state
        .open(state.device.enrol(enrolment, &passphrase, Utc::now())?)
        .inspect(|_| background_sync::run_round_soon(app))
}

#[tauri::command]
pub async fn unlock(
    state: State<'_, AppState>,
    login: String,
    passphrase: Zeroizing<String>,
) -> CommandResult<SessionInfo> {
    state.open(state.device.unlock(&login, &passphrase, Utc::now())?)
}

#[tauri::command]
pub fn lock(app: AppHandle) {
    auto_lock::lock(&app);
}

/// Activity from the UI (keys, pointer) that keeps the idle timer from locking.
#[tauri::command]
pub fn touch(state: State<'_, AppState>) -> CommandResult<()> {
    state.with_session(|_| Ok(()))
}

#[tauri::command]
pub fn set_language(state: State<'_, AppState>, language: Language) -> CommandResult<()> {
    Ok(Preferences { language }.save(state.device.data_dir())?)
}
