//! Sync in the background while the app is unlocked: a round every few
//! minutes, sooner while the server is unreachable so changes go out soon after
//! the connection returns, and on demand. Rounds run on their own thread and
//! take the session lock only for their short store steps, so the window never
//! waits on the network. Each round's start and end, and each page of a long
//! download, are announced to the UI. After a round, the organisation's
//! update manifest is checked again when the last check is old enough.

use std::time::Duration;

use chrono::Utc;
use hotline_core::sync::{Replica, SyncReport, SyncState, SyncStatus};
use hotline_core::{Error, ErrorCode, PublicError, Result};
use tauri::{AppHandle, Emitter, Manager};

use crate::state::AppState;

pub const SYNC_STATUS_EVENT: &str = "sync-status";
const EVERY: Duration = Duration::from_secs(5 * 60);
const WHILE_OFFLINE: Duration = Duration::from_secs(30);
/// Overrides [`EVERY`] for tests and demonstrations.
const INTERVAL_ENV: &str = "HOTLINE_SYNC_INTERVAL_SECONDS";

/// The sync rounds reach the session through the state's lock, one step at a
/// time, without counting as the user's activity for the auto-lock.
impl Replica for AppState {
    fn sync_step<T>(&self, step: impl FnOnce(&SyncState<'_>) -> Result<T>) -> Result<T> {
        let guard = self.guard();
        let unlocked = guard.as_ref().ok_or(Error::Locked)?;
        step(&unlocked.session.sync())
    }
}

/// The status as the indicator shows it.
pub fn status(state: &AppState) -> std::result::Result<SyncStatus, PublicError> {
    let mut status = state.sync_step(|sync| sync.status())?;
    status.syncing = state.sync.is_running();
    status.progress = state.sync.progress();
    Ok(status)
}

/// One round now, announced to the window; `None` if one is already running.
pub fn run_round(app: &AppHandle) -> std::result::Result<Option<SyncReport>, PublicError> {
    let state = app.state::<AppState>();
    let started = state.sync.is_running();
    if !started {
        announce_soon(app);
    }
    // Each page of a long download is announced, so the window shows how far it is.
    let outcome = state
        .sync
        .run_watched(&*state, Utc::now(), |_| announce(app));
    announce(app);
    outcome.map_err(PublicError::from)
}

/// The status right after connecting to a server, with the first round
/// started in the background.
pub fn connected(app: AppHandle) -> std::result::Result<SyncStatus, PublicError> {
    let status = status(&app.state::<AppState>())?;
    run_round_soon(app);
    Ok(status)
}

/// Starts a round on its own thread (after connecting or joining), so the
/// command that asked returns at once.
pub fn run_round_soon(app: AppHandle) {
    std::thread::spawn(move || {
        if let Err(error) = run_round(&app) {
            tracing::info!("the first sync round failed: {}", error.code.as_str());
        }
    });
}

pub fn watch(app: AppHandle) {
    let every = std::env::var(INTERVAL_ENV)
        .ok()
        .and_then(|seconds| seconds.parse().ok())
        .map_or(EVERY, Duration::from_secs);
    std::thread::spawn(move || {
        let mut wait = every;
        loop {
            std::thread::sleep(wait);
            let connected = status(&app.state::<AppState>()).is_ok_and(|status| status.connected);
            wait = if !connected {
                every
            } else {
                let round = run_round(&app);
                crate::updates::check_if_due(&app);
                match round {
                    Err(error) if error.code == ErrorCode::ServerUnreachable => {
                        WHILE_OFFLINE.min(every)
                    }
                    _ => every,
                }
            };
        }
    });
}

/// Tells the window a round is about to start (it shows "syncing").
fn announce_soon(app: &AppHandle) {
    if let Ok(mut status) = status(&app.state::<AppState>()) {
        status.syncing = true;
        emit(app, &status);
    }
}

fn announce(app: &AppHandle) {
    if let Ok(status) = status(&app.state::<AppState>()) {
        emit(app, &status);
    }
}

fn emit(app: &AppHandle, status: &SyncStatus) {
    if let Err(error) = app.emit(SYNC_STATUS_EVENT, status) {
        tracing::warn!("could not tell the window about sync: {error}");
    }
}
