//! Backups from the app: a supervisor writes one where they chose, and on a
//! device whose database is damaged anyone may pick a backup file that a
//! supervisor's passphrase then restores.

use chrono::Utc;
use hotline_core::backup::BackupSummary;
use hotline_core::backup_schedule::{BackupInterval, BackupSchedule, BackupScheduleStatus};
use hotline_core::calls::riga_day;
use hotline_core::{Error, PublicError, Role, SessionInfo};
use tauri::{AppHandle, Manager, State};
use zeroize::Zeroizing;

use crate::commands::off_the_main_thread;
use crate::dialogs::{pick_file, pick_folder, save_then, SaveTo};
use crate::scheduled_backup;
use crate::state::AppState;

type CommandResult<T> = Result<T, PublicError>;

/// Asks where to save (default `hotline-YYYY-MM-DD.backup`, the Rīga date),
/// then writes the backup there off the main thread, its pages reported to
/// `long_work_progress`; `cancel_long_work` stops it and removes the file.
/// `None` when the person cancelled the dialog.
#[tauri::command]
pub async fn back_up(app: AppHandle) -> CommandResult<Option<BackupSummary>> {
    let name = format!("hotline-{}.backup", riga_day(Utc::now()));
    off_the_main_thread(move || {
        let state = app.state::<AppState>();
        save_then(&app, SaveTo::file(name, "backup"), |path| {
            state.with_long_work(|session, work| session.backup_watched(&path, Utc::now(), work))
        })
    })
    .await
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
/// leaves the app signed in as that supervisor. Off the main thread: it
/// derives keys and checks every page, which takes a few seconds; the bytes
/// read are reported to `long_work_progress`, and `cancel_long_work` stops
/// it before the device changes.
#[tauri::command]
pub async fn restore_backup(
    app: AppHandle,
    login: String,
    passphrase: Zeroizing<String>,
) -> CommandResult<SessionInfo> {
    off_the_main_thread(move || {
        app.state::<AppState>()
            .restore(&login, &passphrase, Utc::now())
    })
    .await
}

/// This laptop's backup schedule and how the last scheduled backup went.
#[tauri::command]
pub async fn backup_schedule(state: State<'_, AppState>) -> CommandResult<BackupScheduleStatus> {
    state.with_session(|session| session.backup_schedule())
}

/// Sets scheduled backups (supervisors). The folder is asked for in a
/// native dialog when `choose_folder` is set or none was chosen before, so
/// the webview never names one; `None` when that dialog was cancelled. The
/// first backup of a new schedule is written straight away.
#[tauri::command]
pub async fn schedule_backups(
    app: AppHandle,
    state: State<'_, AppState>,
    interval: BackupInterval,
    keep: u32,
    choose_folder: bool,
) -> CommandResult<Option<BackupScheduleStatus>> {
    // Refused before the dialog, not after a folder was picked for nothing.
    let (info, current) =
        state.with_session(|session| Ok((session.info()?, session.backup_schedule()?)))?;
    if info.account.role != Role::Supervisor {
        return Err(Error::SupervisorOnly.to_public());
    }
    let chosen_before = current.schedule.map(|schedule| schedule.folder);
    let folder = match chosen_before.filter(|_| !choose_folder) {
        Some(folder) => folder,
        None => match pick_folder(&app)? {
            Some(folder) => folder,
            None => return Ok(None),
        },
    };
    let schedule = BackupSchedule {
        interval,
        folder,
        keep,
    };
    let status =
        state.with_session(|session| session.set_backup_schedule(Some(&schedule), Utc::now()))?;
    scheduled_backup::check_soon(app);
    Ok(Some(status))
}

/// Stops scheduled backups on this laptop (supervisors); the files already
/// written stay where they are.
#[tauri::command]
pub async fn stop_scheduled_backups(
    state: State<'_, AppState>,
) -> CommandResult<BackupScheduleStatus> {
    state.with_session(|session| session.set_backup_schedule(None, Utc::now()))
}
