//! Set-up, unlock and lock, and the device's preferences.

use chrono::Utc;
use hotline_core::preferences::Preferences;
use hotline_core::{AppStatus, FirstRunSetup, Language, PublicError, SessionInfo};
use tauri::{AppHandle, State};
use zeroize::Zeroizing;

use crate::auto_lock::{announce, LockReason};
use crate::state::AppState;

type CommandResult<T> = Result<T, PublicError>;

#[tauri::command]
pub fn app_status(state: State<'_, AppState>) -> CommandResult<AppStatus> {
    let language = Preferences::load(state.device.data_dir()).language;
    let session = state
        .guard()
        .as_ref()
        .map(|unlocked| unlocked.session.info())
        .transpose()?;
    Ok(AppStatus {
        state: state.device.state()?,
        language,
        session,
    })
}

/// Set-up and unlock are `async` so their key derivation (about half a
/// second) runs off the main thread and the window stays responsive.
#[tauri::command]
pub async fn set_up(
    state: State<'_, AppState>,
    setup: FirstRunSetup,
    passphrase: Zeroizing<String>,
) -> CommandResult<SessionInfo> {
    let session = state.device.set_up(setup, &passphrase, Utc::now())?;
    state.open(session)
}

#[tauri::command]
pub async fn unlock(
    state: State<'_, AppState>,
    login: String,
    passphrase: Zeroizing<String>,
) -> CommandResult<SessionInfo> {
    let session = state.device.unlock(&login, &passphrase, Utc::now())?;
    state.open(session)
}

#[tauri::command]
pub fn lock(app: AppHandle, state: State<'_, AppState>) {
    if state.lock() {
        announce(&app, LockReason::Manual);
    }
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
