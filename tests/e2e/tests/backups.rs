//! Backups in the real app: one written by hand, off the window's thread,
//! with its progress cleared once it is written; a supervisor schedules them
//! into a folder picked in the native dialog and the first is written at
//! once; and a new laptop is restored from a backup straight from the
//! first-run screen (the native dialogs are answered through the X display).

use hotline_e2e::{App, DataDir, SUPERVISOR_LOGIN, SUPERVISOR_PASSPHRASE};
use serde_json::{json, Value};

fn scheduled_backups(folder: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(folder)
        .expect("read the backup folder")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|name| name.starts_with("hotline-scheduled-") && name.ends_with(".backup"))
        .collect()
}

#[tokio::test]
async fn backups_scheduled_into_a_folder_write_the_first_at_once() {
    let folder = tempfile::tempdir().expect("backup folder");
    let data = DataDir::new().with_supervisor();
    let mut app = App::launch("backup_schedule", &data).await;
    app.sign_in_as_supervisor().await;

    app.click("#nav-settings").await;
    app.wait_for_text("#backup-schedule-state", "izslēgtas")
        .await;
    app.select("#backup-schedule-interval", "weekly").await;
    app.type_into("#backup-schedule-keep", "3").await;
    app.scroll_to("#backup-schedule-save").await;
    app.click("#backup-schedule-save").await;
    app.answer_folder_dialog("Select Folder", folder.path())
        .await;
    app.wait_for_text("#backup-schedule-state", "Katru nedēļu")
        .await;
    app.wait_for_text("#backup-schedule-last", "hotline-scheduled-")
        .await;
    app.scroll_to("#backup-schedule-title").await;
    app.screenshot("backup-scheduled").await;
    let problems = app.accessibility_problems().await;
    assert!(problems.is_empty(), "{problems:#?}");

    let written = scheduled_backups(folder.path());
    assert_eq!(written.len(), 1, "{written:?}");
    let bytes = std::fs::read(folder.path().join(&written[0])).expect("read the backup");
    assert!(
        bytes.starts_with(b"hotline-desk-backup 1\n"),
        "a backup file"
    );

    app.click("#nav-audit").await;
    app.wait_for_text("#audit-table", "Mainītas automātiskās rezerves kopijas")
        .await;
    app.quit().await;
}

#[tokio::test]
async fn a_new_laptop_is_restored_from_a_backup_on_the_first_run_screen() {
    let backups = tempfile::tempdir().expect("backup directory");
    let backup = backups.path().join("office-laptop.backup");
    let _old_laptop = DataDir::new().with_supervisor().with_backup(&backup);
    let new_laptop = DataDir::new();
    let mut app = App::launch("restore_new_laptop", &new_laptop).await;

    app.wait_for("#setup-restore").await;
    app.screenshot("first-run-with-restore").await;
    let problems = app.accessibility_problems().await;
    assert!(problems.is_empty(), "{problems:#?}");
    app.click("#setup-restore").await;
    app.answer_file_dialog("Open File", &backup).await;
    app.wait_for_text("#restore-file", "office-laptop.backup")
        .await;
    app.type_into("#restore-login", SUPERVISOR_LOGIN).await;
    app.type_into("#restore-passphrase", SUPERVISOR_PASSPHRASE)
        .await;
    app.screenshot("first-run-restore-form").await;
    app.click("#restore-submit").await;
    app.wait_for("#screen-main").await;
    app.wait_for_text("#restored-notice", "office-laptop.backup")
        .await;
    app.wait_for_text("#current-user", "Anna Bērziņa").await;
    app.screenshot("new-laptop-restored").await;
    app.quit().await;
}

#[tokio::test]
async fn a_backup_by_hand_is_written_and_a_stop_clicked_before_it_stops_nothing() {
    let out = tempfile::tempdir().expect("backup folder");
    let backup = out.path().join("by-hand.backup");
    let data = DataDir::new().with_supervisor().with_sample_calls(200);
    let mut app = App::launch("backup_by_hand", &data).await;
    app.sign_in_as_supervisor().await;

    // A Stop that arrives when nothing runs (a late click on the last
    // work's button) must not stop the next piece of work.
    assert_eq!(
        app.invoke("long_work_progress", json!({})).await,
        Ok(Value::Null)
    );
    assert_eq!(
        app.invoke("cancel_long_work", json!({})).await,
        Ok(Value::Null)
    );

    app.click("#nav-settings").await;
    app.scroll_to("#backup-now").await;
    app.click("#backup-now").await;
    app.answer_file_dialog("Save File", &backup).await;
    app.wait_for_text("#backup-result", "by-hand.backup").await;
    app.wait_gone("#backup-progress").await;
    app.scroll_to("#backup-title").await;
    app.screenshot("backup-by-hand").await;
    let problems = app.accessibility_problems().await;
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(
        app.invoke("long_work_progress", json!({})).await,
        Ok(Value::Null),
        "no progress left over once the backup is written"
    );

    let bytes = std::fs::read(&backup).expect("the backup is written where chosen");
    assert!(
        bytes.starts_with(b"hotline-desk-backup 1\n"),
        "a backup file"
    );
    let files: Vec<_> = std::fs::read_dir(out.path())
        .expect("read the folder")
        .map(|entry| entry.expect("entry").file_name())
        .collect();
    assert_eq!(files.len(), 1, "no partial copy left beside it: {files:?}");
    app.quit().await;
}
