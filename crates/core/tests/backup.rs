//! Backups and restores on real SQLCipher files: a round trip that brings back
//! exactly what was backed up, a backup file nobody can read without a
//! passphrase, and every bad backup or wrong passphrase refused with nothing
//! on the device changed.

use std::path::{Path, PathBuf};

use chrono::Duration;
use hotline_core::calls::{CallDetails, CallFilter, CallerRole, Line, Subject};
use hotline_core::progress::{RecordingWatcher, WorkProgress, WorkUnit};
use hotline_core::{DataDir, Device, Error, Session};

mod common;

use common::{now, Office, LATGALE, SUPERVISOR};

const CANARY: &str = "CANARY-backup-Brivibas-iela-9f1e";

fn log_call(session: &Session, notes: &str) -> uuid::Uuid {
    let log = session.call_log();
    let draft = log.start(now()).expect("start");
    let details = CallDetails {
        notes: notes.into(),
        line: Some(Line::RIGA_LANDLINE),
        caller_role: Some(CallerRole::PersonAtRiskOrVictim),
        subjects: vec![Subject::FORCED_LABOUR],
        ..draft.details
    };
    log.finish(draft.id, details, now() + Duration::minutes(5))
        .expect("finish")
        .id
}

fn call_ids(session: &Session) -> Vec<uuid::Uuid> {
    let mut ids: Vec<_> = session
        .call_log()
        .find_all(&CallFilter::default())
        .expect("calls")
        .into_iter()
        .map(|call| call.id)
        .collect();
    ids.sort();
    ids
}

fn occurrences(haystack: &[u8], needle: &[u8]) -> usize {
    haystack
        .windows(needle.len())
        .filter(|window| *window == needle)
        .count()
}

/// Every file in the data directory and its bytes, to show nothing changed.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("read dir")
        .flatten()
        .map(|entry| {
            let path = entry.path();
            let bytes = std::fs::read(&path).expect("read");
            (path, bytes)
        })
        .collect();
    files.sort();
    files
}

struct Backed {
    office: Office,
    out: tempfile::TempDir,
    backup: PathBuf,
    before: Vec<uuid::Uuid>,
}

/// An office with two calls, backed up, then a third call logged.
fn backed_up_office() -> Backed {
    let office = Office::new();
    let out = tempfile::tempdir().expect("tempdir");
    let backup = out.path().join("hotline.backup");
    let session = office.sign_in(SUPERVISOR);
    log_call(&session, &format!("Lives at {CANARY}"));
    log_call(&session, "Darba piedāvājums Vācijā");
    let summary = session.backup(&backup, now()).expect("backup");
    assert_eq!(
        summary.bytes,
        std::fs::metadata(&backup).expect("file").len()
    );
    let before = call_ids(&session);
    log_call(&session, "Logged after the backup");
    Backed {
        office,
        out,
        backup,
        before,
    }
}

#[test]
fn a_restore_brings_back_exactly_what_was_backed_up_and_is_audited() {
    let backed = backed_up_office();
    // This device's log in the order it was written.
    let audited = |session: &Session| -> Vec<String> {
        let mut entries = session.audit_entries().expect("audit");
        entries.sort_by_key(|entry| entry.seq);
        entries.into_iter().map(|entry| entry.action).collect()
    };
    assert!(audited(&backed.office.sign_in(SUPERVISOR)).contains(&"backupCreated".to_owned()));
    let restored = backed
        .office
        .device
        .restore(&backed.backup, SUPERVISOR.0, SUPERVISOR.1, now())
        .expect("restore");
    assert_eq!(call_ids(&restored), backed.before);
    let verification = restored.verify_audit_log().expect("verify");
    assert_eq!(verification.first_broken, None);
    // The log is the backup's own, then the restore, then what an unlock
    // writes.
    let actions = audited(&restored);
    assert!(
        !actions.contains(&"backupCreated".to_owned()),
        "{actions:?}"
    );
    let restore_at = actions
        .iter()
        .position(|action| action == "backupRestored")
        .expect("the restore is audited");
    assert!(
        actions[restore_at + 1..]
            .iter()
            .all(|action| ["signedIn", "retentionRun"].contains(&action.as_str())),
        "{actions:?}"
    );
    drop(restored);

    // The device unlocks normally afterwards, consultants too.
    let again = backed.office.sign_in(SUPERVISOR);
    assert_eq!(call_ids(&again), backed.before);
    backed.office.sign_in(LATGALE);
    let leftovers: Vec<_> = std::fs::read_dir(backed.office.device.data_dir().root())
        .expect("dir")
        .flatten()
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("restoring"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    drop(backed.out);
}

#[test]
fn a_backup_restores_onto_a_new_laptop() {
    let backed = backed_up_office();
    let replacement = tempfile::tempdir().expect("tempdir");
    let device = Device::new(DataDir::at(replacement.path().join("data")));
    let restored = device
        .restore(&backed.backup, SUPERVISOR.0, SUPERVISOR.1, now())
        .expect("restore onto a new laptop");
    assert_eq!(call_ids(&restored), backed.before);
    drop(restored);
    device
        .unlock(LATGALE.0, LATGALE.1, now())
        .expect("a consultant unlocks the replacement with their own passphrase");
}

#[test]
fn the_backup_file_holds_nothing_readable() {
    let backed = backed_up_office();
    let bytes = std::fs::read(&backed.backup).expect("backup");
    assert!(bytes.starts_with(b"hotline-desk-backup 1\n"));
    // Control: the organisation id is in the header in clear, so the scan reads
    // the file.
    let organisation = backed.office.sign_in(SUPERVISOR).organisation().id;
    assert_eq!(occurrences(&bytes, organisation.to_string().as_bytes()), 1);
    assert_eq!(occurrences(&bytes, CANARY.as_bytes()), 0);
    assert_eq!(occurrences(&bytes, b"SQLite format 3"), 0);
    assert_eq!(occurrences(&bytes, SUPERVISOR.0.as_bytes()), 0, "no login");
    let leftovers: Vec<_> = std::fs::read_dir(backed.out.path())
        .expect("dir")
        .flatten()
        .map(|entry| entry.file_name())
        .collect();
    assert_eq!(leftovers.len(), 1, "no partial copies left: {leftovers:?}");
}

#[test]
fn a_wrong_passphrase_or_a_consultant_restores_nothing() {
    let backed = backed_up_office();
    let data = backed.office.device.data_dir().root().to_owned();
    let before = snapshot(&data);
    let refused = backed
        .office
        .device
        .restore(&backed.backup, SUPERVISOR.0, "not the passphrase", now())
        .expect_err("wrong passphrase");
    assert!(matches!(refused, Error::WrongCredentials), "{refused:?}");
    let refused = backed
        .office
        .device
        .restore(&backed.backup, LATGALE.0, LATGALE.1, now())
        .expect_err("consultant");
    assert!(matches!(refused, Error::SupervisorOnly), "{refused:?}");
    let after: Vec<_> = snapshot(&data)
        .into_iter()
        .filter(|(path, _)| !path.ends_with("unlock-throttle.json"))
        .collect();
    let before: Vec<_> = before
        .into_iter()
        .filter(|(path, _)| !path.ends_with("unlock-throttle.json"))
        .collect();
    assert_eq!(before, after, "the device is unchanged");
    assert_eq!(
        call_ids(&backed.office.sign_in(SUPERVISOR)).len(),
        3,
        "the call logged after the backup is still there"
    );
}

#[test]
fn a_damaged_truncated_or_foreign_file_is_refused_and_changes_nothing() {
    let backed = backed_up_office();
    let data = backed.office.device.data_dir().root().to_owned();
    let original = std::fs::read(&backed.backup).expect("backup");
    let mut flipped = original.clone();
    let last = flipped.len() - 100;
    flipped[last] ^= 0x01;
    let truncated = original[..original.len() - 4096].to_vec();
    let mut newer = original.clone();
    newer[20] = b'9';
    let cases: [(&str, Vec<u8>); 5] = [
        ("flipped", flipped),
        ("truncated", truncated),
        (
            "foreign",
            b"name,phone\nDrosa maja,+371 6700 0000\n".to_vec(),
        ),
        ("empty", Vec::new()),
        ("newer format", newer),
    ];
    let before = snapshot(&data);
    for (name, bytes) in cases {
        let path = backed.out.path().join(name);
        std::fs::write(&path, bytes).expect("write");
        let error = backed
            .office
            .device
            .restore(&path, SUPERVISOR.0, SUPERVISOR.1, now())
            .expect_err(name);
        assert!(
            matches!(error, Error::BackupInvalid(_)),
            "{name}: {error:?}"
        );
        let message = error.to_public().message.en;
        assert!(message.contains("Nothing was changed"), "{name}: {message}");
        assert_eq!(snapshot(&data), before, "{name}: the device is unchanged");
    }
}

/// Guards `check_same_organisation` and the set-aside store in
/// `backup::restore`: a restore used to overwrite whatever store the device
/// held, of any organisation, at once.
#[test]
fn a_restore_refuses_another_organisations_device_and_keeps_the_replaced_store_until_the_next_unlock(
) {
    let backed = backed_up_office();
    let root = backed.office.device.data_dir().root().to_owned();
    let names = || -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(&root)
            .expect("dir")
            .flatten()
            .map(|entry| entry.file_name().to_string_lossy().into_owned())
            .filter(|name| name.contains("replaced"))
            .collect();
        names.sort();
        names
    };

    let other = Office::new();
    let other_backup = backed.out.path().join("other.backup");
    other
        .sign_in(SUPERVISOR)
        .backup(&other_backup, now())
        .expect("the other organisation's backup");
    let before = snapshot(&root);
    assert!(matches!(
        backed
            .office
            .device
            .restore(&other_backup, SUPERVISOR.0, SUPERVISOR.1, now()),
        Err(Error::BackupOtherOrganisation)
    ));
    assert_eq!(snapshot(&root), before, "nothing changed");

    let restored = backed
        .office
        .device
        .restore(&backed.backup, SUPERVISOR.0, SUPERVISOR.1, now())
        .expect("restore");
    assert_eq!(call_ids(&restored), backed.before);
    drop(restored);
    assert!(
        names().contains(&"hotline.db.replaced".to_owned())
            && names().contains(&"keyring.json.replaced".to_owned()),
        "{:?}",
        names()
    );
    backed.office.sign_in(SUPERVISOR);
    assert_eq!(names(), Vec::<String>::new(), "gone after the next unlock");
}

/// Each report of `reports` is of `unit`, none goes back, and the last is
/// the whole.
fn assert_advances_to_the_whole(reports: &[WorkProgress], unit: WorkUnit) {
    let last = reports.last().expect("at least one report");
    assert_eq!(last.done, last.total, "{reports:?}");
    assert!(last.total > 0, "{reports:?}");
    assert!(
        reports.iter().all(|report| report.unit == unit),
        "{reports:?}"
    );
    assert!(
        reports
            .windows(2)
            .all(|pair| pair[0].done <= pair[1].done && pair[0].total == pair[1].total),
        "{reports:?}"
    );
}

#[test]
fn a_backup_reports_its_pages_up_to_the_whole_and_a_stopped_one_leaves_nothing() {
    let office = Office::new();
    let session = office.sign_in(SUPERVISOR);
    log_call(&session, "Darba piedāvājums Vācijā");
    let out = tempfile::tempdir().expect("tempdir");

    let watched = RecordingWatcher::default();
    let written = out.path().join("whole.backup");
    session
        .backup_watched(&written, now(), &watched)
        .expect("backup");
    let reports = watched.reports();
    assert!(reports.len() > 1, "copied in steps: {reports:?}");
    assert_advances_to_the_whole(&reports, WorkUnit::Pages);
    std::fs::remove_file(&written).expect("remove");

    let audited_before = session.audit_entries().expect("audit").len();
    let calls_before = call_ids(&session);
    let stopped = session
        .backup_watched(
            &out.path().join("stopped.backup"),
            now(),
            &RecordingWatcher::stopping_after(1),
        )
        .expect_err("stopped");
    assert!(matches!(stopped, Error::LongWorkCancelled), "{stopped:?}");
    let leftovers: Vec<_> = std::fs::read_dir(out.path())
        .expect("dir")
        .flatten()
        .map(|entry| entry.file_name())
        .collect();
    assert!(leftovers.is_empty(), "no partial file: {leftovers:?}");
    assert_eq!(call_ids(&session), calls_before);
    assert_eq!(
        session.audit_entries().expect("audit").len(),
        audited_before,
        "a stopped backup is not recorded as made"
    );
}

#[test]
fn a_restore_reports_the_bytes_read_and_a_stopped_one_changes_nothing() {
    let backed = backed_up_office();
    let data = backed.office.device.data_dir().root().to_owned();
    let before = snapshot(&data);
    let stopped = backed
        .office
        .device
        .restore_watched(
            &backed.backup,
            SUPERVISOR.0,
            SUPERVISOR.1,
            now(),
            &RecordingWatcher::stopping_after(1),
        )
        .expect_err("stopped");
    assert!(matches!(stopped, Error::LongWorkCancelled), "{stopped:?}");
    assert_eq!(snapshot(&data), before, "the device is unchanged");
    assert_eq!(call_ids(&backed.office.sign_in(SUPERVISOR)).len(), 3);

    let watched = RecordingWatcher::default();
    let restored = backed
        .office
        .device
        .restore_watched(&backed.backup, SUPERVISOR.0, SUPERVISOR.1, now(), &watched)
        .expect("restore");
    assert_eq!(call_ids(&restored), backed.before);
    assert_advances_to_the_whole(&watched.reports(), WorkUnit::Bytes);
}
