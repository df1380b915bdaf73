//! Supervisors manage the organisation's devices on the sync server: the
//! list, enrolling a new one (the package saved where they chose, the code
//! shown once) and revoking one, as `hotline device list|enrol|revoke` do.
//!
//! Each is one of core's server operations, run off the main thread with the
//! session lock taken only for its store steps.

use chrono::Utc;
use hotline_core::calls::riga_day;
use hotline_core::sync::{
    DeviceList, EnrolDevice, ListDevices, NewDevice, RevokeDevice, SavedEnrolment,
};
use hotline_core::PublicError;
use tauri::AppHandle;
use uuid::Uuid;

use crate::commands::{off_the_main_thread, on_the_server, run_on_server};
use crate::dialogs::{save_then, SaveTo};

type CommandResult<T> = Result<T, PublicError>;

#[tauri::command]
pub async fn list_devices(app: AppHandle) -> CommandResult<DeviceList> {
    on_the_server(app, ListDevices).await
}

/// Asks where to save the package (a cancelled dialog enrols nothing), then
/// enrols the device and writes its package there. `None` when the person
/// cancelled. The answer carries the one-time code.
#[tauri::command]
pub async fn enrol_device(
    app: AppHandle,
    device: NewDevice,
) -> CommandResult<Option<SavedEnrolment>> {
    off_the_main_thread(move || {
        let now = Utc::now();
        let name = format!("hotline-enrolment-{}.enrol", riga_day(now));
        save_then(&app, SaveTo::file(name, "enrol"), |package| {
            run_on_server(
                &app,
                EnrolDevice {
                    device,
                    package,
                    now,
                },
            )
        })
    })
    .await
}

#[tauri::command]
pub async fn revoke_device(app: AppHandle, device_id: Uuid) -> CommandResult<()> {
    on_the_server(
        app,
        RevokeDevice {
            device_id,
            now: Utc::now(),
        },
    )
    .await
}
