//! Scheduled backups on real SQLCipher files: written when due whoever is
//! signed in, pruned to the number kept, a failure kept as a warning and
//! retried later, and only a supervisor sets the schedule.

use std::path::Path;

use chrono::Duration;
use hotline_core::backup_schedule::{BackupInterval, BackupSchedule, ScheduledBackupOutcome};
use hotline_core::{DataDir, Device, Error};

mod common;

use common::{now, Office, LATGALE, SUPERVISOR};

fn daily(folder: &Path, keep: u32) -> BackupSchedule {
    BackupSchedule {
        interval: BackupInterval::Daily,
        folder: folder.to_owned(),
        keep,
    }
}

fn scheduled_files(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .expect("read folder")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .into_string()
                .expect("utf-8")
        })
        .filter(|name| name.starts_with("hotline-scheduled-"))
        .collect();
    names.sort();
    names
}

#[test]
fn a_scheduled_backup_is_written_when_due_whoever_is_signed_in_and_the_oldest_removed() {
    let office = Office::new();
    let folder = tempfile::tempdir().expect("tempdir");
    office
        .sign_in(SUPERVISOR)
        .set_backup_schedule(Some(&daily(folder.path(), 2)), now())
        .expect("schedule");

    let consultant = office.sign_in(LATGALE);
    let first = consultant
        .run_scheduled_backup(now())
        .expect("run")
        .expect("due at once");
    assert!(matches!(
        first.outcome,
        ScheduledBackupOutcome::Written { .. }
    ));
    assert!(
        consultant
            .run_scheduled_backup(now() + Duration::hours(23))
            .expect("run")
            .is_none(),
        "not due again within the day"
    );
    for day in 1..=3 {
        let result = consultant
            .run_scheduled_backup(now() + Duration::days(day))
            .expect("run")
            .expect("due a day later");
        assert!(matches!(
            result.outcome,
            ScheduledBackupOutcome::Written { .. }
        ));
    }
    let kept = scheduled_files(folder.path());
    assert_eq!(kept.len(), 2, "only the newest two are kept: {kept:?}");

    let status = consultant.backup_schedule().expect("status");
    assert_eq!(status.last_written, Some(now() + Duration::days(3)));
    assert_eq!(status.next_due, Some(now() + Duration::days(4)));
    drop(consultant);

    // The newest one restores onto a new laptop.
    let newest = folder.path().join(kept.last().expect("one"));
    let replacement = tempfile::tempdir().expect("tempdir");
    Device::new(DataDir::at(replacement.path().join("data")))
        .restore(
            &newest,
            SUPERVISOR.0,
            SUPERVISOR.1,
            now() + Duration::days(4),
        )
        .expect("the scheduled backup restores");
}

#[test]
fn a_failed_backup_stays_as_a_warning_and_is_tried_again_an_hour_later() {
    let office = Office::new();
    let parent = tempfile::tempdir().expect("tempdir");
    let folder = parent.path().join("usb-drive");
    std::fs::create_dir(&folder).expect("folder");
    let supervisor = office.sign_in(SUPERVISOR);
    supervisor
        .set_backup_schedule(Some(&daily(&folder, 3)), now())
        .expect("schedule");
    // The drive is unplugged.
    std::fs::remove_dir(&folder).expect("unplug");

    let failed = supervisor
        .run_scheduled_backup(now())
        .expect("a failed backup is a result, not an error")
        .expect("due");
    let ScheduledBackupOutcome::Failed { error } = &failed.outcome else {
        panic!("written into a folder that is gone: {failed:?}");
    };
    assert!(!error.message.en.is_empty());
    let status = supervisor.backup_schedule().expect("status");
    assert_eq!(status.last, Some(failed.clone()));
    assert_eq!(status.last_written, None);
    assert!(
        supervisor
            .run_scheduled_backup(now() + Duration::minutes(30))
            .expect("run")
            .is_none(),
        "not retried at every check"
    );

    std::fs::create_dir(&folder).expect("plugged in again");
    let retried = supervisor
        .run_scheduled_backup(now() + Duration::hours(1))
        .expect("run")
        .expect("retried after an hour");
    assert!(matches!(
        retried.outcome,
        ScheduledBackupOutcome::Written { .. }
    ));
    assert_eq!(scheduled_files(&folder).len(), 1);
}

/// Guards `require_supervisor` in `Session::set_backup_schedule`: a
/// consultant must not point the laptop's backups at a folder of their own
/// choosing, nor stop them.
#[test]
fn a_consultant_can_neither_set_nor_stop_the_schedule() {
    let office = Office::new();
    let folder = tempfile::tempdir().expect("tempdir");
    let consultant = office.sign_in(LATGALE);
    assert!(matches!(
        consultant.set_backup_schedule(Some(&daily(folder.path(), 2)), now()),
        Err(Error::SupervisorOnly)
    ));
    drop(consultant);
    office
        .sign_in(SUPERVISOR)
        .set_backup_schedule(Some(&daily(folder.path(), 2)), now())
        .expect("schedule");
    let consultant = office.sign_in(LATGALE);
    assert!(matches!(
        consultant.set_backup_schedule(None, now()),
        Err(Error::SupervisorOnly)
    ));
    assert!(consultant
        .backup_schedule()
        .expect("status")
        .schedule
        .is_some());
}

#[test]
fn setting_and_stopping_the_schedule_is_audited_without_the_folder() {
    let office = Office::new();
    let folder = tempfile::tempdir().expect("tempdir");
    let supervisor = office.sign_in(SUPERVISOR);
    supervisor
        .set_backup_schedule(Some(&daily(folder.path(), 5)), now())
        .expect("schedule");
    let stopped = supervisor.set_backup_schedule(None, now()).expect("stop");
    assert_eq!(stopped.schedule, None);
    assert_eq!(stopped.next_due, None);
    let entries: Vec<_> = supervisor
        .audit_entries()
        .expect("audit")
        .into_iter()
        .filter(|entry| entry.action == "backupScheduleSet")
        .collect();
    assert_eq!(entries.len(), 2);
    let folder_name = folder.path().to_string_lossy().into_owned();
    for entry in &entries {
        assert!(!entry.details.contains(&folder_name), "{}", entry.details);
    }
}
