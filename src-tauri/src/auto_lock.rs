//! Locks the app after the configured idle time and tells the UI, which then
//! drops every sensitive screen.

use std::time::Duration;

use chrono::Utc;
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager, Runtime};

use crate::state::AppState;

const CHECK_EVERY: Duration = Duration::from_secs(5);
pub const LOCKED_EVENT: &str = "locked";

/// Why the app locked: the idle time ran out, or someone locked it.
#[derive(Debug, Clone, Copy, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum LockReason {
    Idle,
    Manual,
}

/// The `locked` event's payload.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct LockedEvent {
    pub reason: LockReason,
}

pub fn watch(app: AppHandle) {
    std::thread::spawn(move || loop {
        std::thread::sleep(CHECK_EVERY);
        let state = app.state::<AppState>();
        let expired = {
            let mut guard = state.guard();
            let expired = guard
                .as_ref()
                .is_some_and(|unlocked| unlocked.idle.is_expired(Utc::now()));
            if expired {
                guard.take();
            }
            expired
        };
        if expired {
            announce(&app, LockReason::Idle);
        }
    });
}

/// Locks at the person's request (the lock key or button, the quick exit)
/// and tells the window, if a session was open.
pub fn lock<R: Runtime>(app: &AppHandle<R>) {
    if app.state::<AppState>().lock() {
        announce(app, LockReason::Manual);
    }
}

fn announce<R: Runtime>(app: &AppHandle<R>, reason: LockReason) {
    if let Err(error) = app.emit(LOCKED_EVENT, LockedEvent { reason }) {
        tracing::warn!("could not tell the window that the app locked: {error}");
    }
}
