//! Updates in the shell: the check at unlock and in the background, announced
//! to the window, and the install the user agreed to, through Tauri's updater
//! (which checks the package against the release key in `tauri.conf.json`).
//! What is offered, and whether it is believed, is hotline-core's
//! ([`hotline_core::updates`]).

use chrono::Utc;
use hotline_core::updates::UpdateStatus;
use hotline_core::{Error, PublicError};
use tauri::{AppHandle, Emitter, Manager};
use tauri_plugin_updater::UpdaterExt;

use crate::state::AppState;

pub const UPDATE_STATUS_EVENT: &str = "update-status";

/// Tauri's updater wants an endpoint even when it is handed the release it
/// installs ([`tauri_plugin_updater::Updater::restore_update`]); this one is
/// never asked.
const UNASKED_ENDPOINT: &str = "https://updates.invalid/manifest.json";

/// Fetches and checks the organisation's manifest now, and tells the window.
/// Blocking (the network): call it off the main thread.
pub fn check(app: &AppHandle) -> UpdateStatus {
    let state = app.state::<AppState>();
    let status = state.updates.check(&*state, Utc::now());
    if let Err(error) = app.emit(UPDATE_STATUS_EVENT, &status) {
        tracing::warn!("could not tell the window about updates: {error}");
    }
    status
}

/// A check when the last one is old enough, for the background loop.
pub fn check_if_due(app: &AppHandle) {
    let state = app.state::<AppState>();
    let unlocked = state.guard().is_some();
    if unlocked && state.updates.due(Utc::now()) {
        check(app);
    }
}

/// Downloads and installs the offered release, then restarts into it. The
/// package must carry the release key's signature for the version the
/// supervisor signed; anything else is refused by Tauri's updater, and this
/// version keeps running.
pub async fn install(app: AppHandle) -> Result<(), PublicError> {
    let verified = {
        let state = app.state::<AppState>();
        state.with_session(|session| state.updates.release_to_install(session))?
    };
    let not_installed = |error: tauri_plugin_updater::Error| {
        PublicError::from(Error::UpdateNotInstalled(error.to_string()))
    };
    let endpoint = UNASKED_ENDPOINT
        .parse()
        .map_err(|_| Error::UpdateNotInstalled("endpoint".into()))?;
    let update = app
        .updater_builder()
        .endpoints(vec![endpoint])
        .and_then(|builder| builder.build())
        .and_then(|updater| updater.restore_update(verified.release))
        .map_err(not_installed)?
        .ok_or(Error::NoUpdateOffered)?;
    update
        .download_and_install(|_, _| {}, || {})
        .await
        .map_err(not_installed)?;
    app.restart()
}
