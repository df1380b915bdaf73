//! Supervisors manage the organisation's devices on the sync server: the
//! list, enrolling a new one (the package saved where they chose, the code
//! shown once) and revoking one, as `hotline device list|enrol|revoke` do.
//!
//! Each waits on the server off the session lock (core's prepare, send,
//! complete steps), on a blocking thread, so the window and the other
//! commands do not wait with it.

use chrono::Utc;
use hotline_core::calls::riga_day;
use hotline_core::sync::{DeviceList, NewDevice, SavedEnrolment};
use hotline_core::PublicError;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;
use uuid::Uuid;

use crate::commands::backup::chosen_path;
use crate::commands::off_the_main_thread;
use crate::state::AppState;

type CommandResult<T> = Result<T, PublicError>;

#[tauri::command]
pub async fn list_devices(state: State<'_, AppState>) -> CommandResult<DeviceList> {
    let registry = state.with_session(|session| session.sync().device_registry())?;
    off_the_main_thread(move || registry.list()).await
}

/// Checks the request, asks where to save the package (so a cancelled
/// dialog enrols nothing), enrols the device and writes its package there.
/// `None` when the person cancelled. The answer carries the one-time code.
#[tauri::command]
pub async fn enrol_device(
    app: AppHandle,
    state: State<'_, AppState>,
    device: NewDevice,
) -> CommandResult<Option<SavedEnrolment>> {
    let now = Utc::now();
    let enrolment = state.with_session(|session| session.sync().prepare_enrolment(device, now))?;
    let Some(chosen) = app
        .dialog()
        .file()
        .set_file_name(format!("hotline-enrolment-{}.enrol", riga_day(now)))
        .add_filter("enrol", &["enrol"])
        .blocking_save_file()
    else {
        return Ok(None);
    };
    let path = chosen_path(chosen)?;
    let issued = off_the_main_thread(move || enrolment.send()).await?;
    state.with_session(|session| session.sync().complete_enrolment(&issued))?;
    off_the_main_thread(move || issued.save(&path))
        .await
        .map(Some)
}

#[tauri::command]
pub async fn revoke_device(state: State<'_, AppState>, device_id: Uuid) -> CommandResult<()> {
    let registry = state.with_session(|session| session.sync().device_registry())?;
    let revoked = off_the_main_thread(move || registry.revoke(device_id)).await?;
    state.with_session(|session| session.sync().complete_revocation(revoked))
}
