//! The signed-in account and, for supervisors, the device's other accounts.

use chrono::Utc;
use hotline_core::{Account, AccountChange, NewAccount, PublicError};
use tauri::State;
use uuid::Uuid;
use zeroize::Zeroizing;

use crate::state::AppState;

type CommandResult<T> = Result<T, PublicError>;

#[tauri::command]
pub async fn change_passphrase(
    state: State<'_, AppState>,
    current: Zeroizing<String>,
    new: Zeroizing<String>,
) -> CommandResult<()> {
    state.with_session(|session| session.change_passphrase(&current, &new, Utc::now()))
}

#[tauri::command]
pub fn list_accounts(state: State<'_, AppState>) -> CommandResult<Vec<Account>> {
    state.with_session(|session| session.accounts())
}

#[tauri::command]
pub async fn add_account(
    state: State<'_, AppState>,
    account: NewAccount,
    passphrase: Zeroizing<String>,
) -> CommandResult<Account> {
    state.with_session(|session| session.add_account(account, &passphrase, Utc::now()))
}

#[tauri::command]
pub async fn change_account(
    state: State<'_, AppState>,
    id: Uuid,
    change: AccountChange,
) -> CommandResult<Account> {
    state.with_session(|session| session.change_account(id, change, Utc::now()))
}

#[tauri::command]
pub async fn admit_account(
    state: State<'_, AppState>,
    id: Uuid,
    login: String,
    passphrase: Zeroizing<String>,
) -> CommandResult<Account> {
    state.with_session(|session| session.admit_account(id, &login, &passphrase, Utc::now()))
}

#[tauri::command]
pub async fn reset_passphrase(
    state: State<'_, AppState>,
    login: String,
    passphrase: Zeroizing<String>,
) -> CommandResult<()> {
    state.with_session(|session| session.reset_passphrase(&login, &passphrase, Utc::now()))
}

#[tauri::command]
pub fn set_auto_lock_minutes(state: State<'_, AppState>, minutes: u32) -> CommandResult<()> {
    state.with_session(|session| session.set_auto_lock_minutes(minutes))?;
    // The new idle time applies from now on, not only after the next unlock.
    state.reset_idle_timeout(minutes);
    Ok(())
}
