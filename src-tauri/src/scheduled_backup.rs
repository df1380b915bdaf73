//! Scheduled backups in the background: while the app is unlocked, a check
//! every minute writes the backup that is due, and the window is told how it
//! went, so a failed one shows as a warning without anyone looking for it.

use std::time::Duration;

use chrono::Utc;
use tauri::{AppHandle, Emitter, Manager};

use crate::state::AppState;

pub const BACKUP_STATUS_EVENT: &str = "backup-status";
const EVERY: Duration = Duration::from_secs(60);
/// Overrides [`EVERY`] for tests and demonstrations.
const INTERVAL_ENV: &str = "HOTLINE_BACKUP_CHECK_SECONDS";

pub fn watch(app: AppHandle) {
    let every = std::env::var(INTERVAL_ENV)
        .ok()
        .and_then(|seconds| seconds.parse().ok())
        .map_or(EVERY, Duration::from_secs);
    std::thread::spawn(move || loop {
        std::thread::sleep(every);
        check(&app);
    });
}

/// A check on its own thread, right after the schedule changed: the first
/// backup of a new schedule is due at once.
pub fn check_soon(app: AppHandle) {
    std::thread::spawn(move || check(&app));
}

/// Writes the due backup, if any, without counting as the user's activity
/// for the auto-lock. The session is held while the backup is written.
fn check(app: &AppHandle) {
    let state = app.state::<AppState>();
    let outcome = {
        let guard = state.guard();
        let Some(unlocked) = guard.as_ref() else {
            return;
        };
        unlocked
            .session
            .run_scheduled_backup(Utc::now())
            .and_then(|ran| ran.map(|_| unlocked.session.backup_schedule()).transpose())
    };
    match outcome {
        Ok(Some(status)) => {
            if let Err(error) = app.emit(BACKUP_STATUS_EVENT, &status) {
                tracing::warn!("could not tell the window about the backup: {error}");
            }
        }
        Ok(None) => {}
        Err(error) => tracing::warn!(
            "the scheduled backup could not be checked: {}",
            error.to_public().code.as_str()
        ),
    }
}
