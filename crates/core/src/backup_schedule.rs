//! Backups written on a schedule: a supervisor names a folder, daily or
//! weekly, and how many to keep; the laptop then writes one whenever one is
//! due and it is unlocked, whoever is signed in, since the file is encrypted
//! exactly like a backup written by hand.
//!
//! The schedule and the last result are this laptop's own settings (the
//! folder is a path on this laptop), never synced. A failed backup is kept
//! as the last result, so the app can show it as a warning until one
//! succeeds, and is tried again an hour later rather than on every check.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Europe::Riga;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, InvalidReason, PublicError, Result};
use crate::store::settings;

const SCHEDULE_SETTING: &str = "backup_schedule";
const LAST_RESULT_SETTING: &str = "backup_schedule_last";
const LAST_WRITTEN_SETTING: &str = "backup_schedule_last_written";
/// Scheduled backups are named `hotline-scheduled-<Rīga time>.backup`, so
/// the names sort by age and pruning never touches any other file.
const FILE_PREFIX: &str = "hotline-scheduled-";
const FILE_SUFFIX: &str = ".backup";
pub const MAX_KEEP: u32 = 60;
/// A failed backup is tried again after this long, not on every check.
const RETRY_AFTER_FAILURE: Duration = Duration::hours(1);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum BackupInterval {
    Daily,
    Weekly,
}

impl BackupInterval {
    fn length(self) -> Duration {
        match self {
            Self::Daily => Duration::days(1),
            Self::Weekly => Duration::weeks(1),
        }
    }
}

/// When and where this laptop writes backups by itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupSchedule {
    pub interval: BackupInterval,
    #[ts(type = "string")]
    pub folder: PathBuf,
    /// How many scheduled backups stay in the folder; older ones are removed.
    pub keep: u32,
}

/// How the last scheduled backup went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum ScheduledBackupOutcome {
    Written {
        #[ts(type = "string")]
        path: PathBuf,
        #[ts(type = "number")]
        bytes: u64,
    },
    Failed {
        error: PublicError,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ScheduledBackupResult {
    pub at: DateTime<Utc>,
    pub outcome: ScheduledBackupOutcome,
}

/// The schedule, its last result and when the next backup is due, for the
/// settings panel and the overview's warning.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupScheduleStatus {
    pub schedule: Option<BackupSchedule>,
    pub last: Option<ScheduledBackupResult>,
    /// The last written one, which a failure after it does not hide.
    pub last_written: Option<DateTime<Utc>>,
    pub next_due: Option<DateTime<Utc>>,
}

/// Checks a schedule before it is stored: the folder must exist and be a
/// folder, and the number kept must be sensible.
pub(crate) fn validate(schedule: &BackupSchedule) -> Result<()> {
    if !(1..=MAX_KEEP).contains(&schedule.keep) {
        return Err(Error::invalid("backupKeep", InvalidReason::OutOfRange));
    }
    if !schedule.folder.is_absolute() || !schedule.folder.is_dir() {
        return Err(Error::invalid("backupFolder", InvalidReason::Unknown));
    }
    Ok(())
}

pub(crate) fn store(connection: &Connection, schedule: Option<&BackupSchedule>) -> Result<()> {
    match schedule {
        Some(schedule) => write_json(connection, SCHEDULE_SETTING, schedule),
        None => settings::remove(connection, SCHEDULE_SETTING),
    }
}

pub(crate) fn status(connection: &Connection) -> Result<BackupScheduleStatus> {
    let schedule = read_json::<BackupSchedule>(connection, SCHEDULE_SETTING)?;
    let last = read_json::<ScheduledBackupResult>(connection, LAST_RESULT_SETTING)?;
    let last_written = read_json::<DateTime<Utc>>(connection, LAST_WRITTEN_SETTING)?;
    let next_due = schedule
        .as_ref()
        .map(|schedule| next_due(schedule, last.as_ref(), last_written));
    Ok(BackupScheduleStatus {
        schedule,
        last,
        last_written,
        next_due,
    })
}

/// The schedule to follow now, if a backup is due at `now`.
pub(crate) fn due(connection: &Connection, now: DateTime<Utc>) -> Result<Option<BackupSchedule>> {
    let status = status(connection)?;
    Ok(status
        .schedule
        .filter(|_| status.next_due.is_some_and(|due| due <= now)))
}

/// Due one interval after the last written backup (at once, shown as a
/// time long past, if none was), but an hour after a failure at the
/// earliest.
fn next_due(
    schedule: &BackupSchedule,
    last: Option<&ScheduledBackupResult>,
    last_written: Option<DateTime<Utc>>,
) -> DateTime<Utc> {
    let after_written = last_written.map_or(DateTime::<Utc>::UNIX_EPOCH, |written| {
        written + schedule.interval.length()
    });
    match last {
        Some(ScheduledBackupResult {
            at,
            outcome: ScheduledBackupOutcome::Failed { .. },
        }) => after_written.max(*at + RETRY_AFTER_FAILURE),
        _ => after_written,
    }
}

/// The file a backup written at `now` goes to.
pub(crate) fn file_for(schedule: &BackupSchedule, now: DateTime<Utc>) -> PathBuf {
    let stamp = now.with_timezone(&Riga).format("%Y-%m-%d-%H%M%S");
    schedule
        .folder
        .join(format!("{FILE_PREFIX}{stamp}{FILE_SUFFIX}"))
}

/// Keeps the last result, and the time of the last written backup.
pub(crate) fn record(connection: &Connection, result: &ScheduledBackupResult) -> Result<()> {
    write_json(connection, LAST_RESULT_SETTING, result)?;
    if matches!(result.outcome, ScheduledBackupOutcome::Written { .. }) {
        write_json(connection, LAST_WRITTEN_SETTING, &result.at)?;
    }
    Ok(())
}

/// Removes the oldest scheduled backups in `folder` beyond `keep`. Only
/// files named like scheduled backups are considered.
pub(crate) fn prune(folder: &Path, keep: u32) -> Result<()> {
    let mut names: Vec<String> = fs::read_dir(folder)
        .map_err(|e| Error::io(folder, e))?
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name.starts_with(FILE_PREFIX) && name.ends_with(FILE_SUFFIX))
        .collect();
    names.sort_unstable();
    let excess = names.len().saturating_sub(keep as usize);
    for name in &names[..excess] {
        let path = folder.join(name);
        fs::remove_file(&path).map_err(|e| Error::io(&path, e))?;
    }
    Ok(())
}

fn write_json(connection: &Connection, key: &str, value: &impl Serialize) -> Result<()> {
    let json = serde_json::to_string(value)
        .map_err(|error| Error::DatabaseCorrupt(format!("the setting {key}: {error}")))?;
    settings::set(connection, key, &json)
}

/// A setting stored as JSON; one that no longer reads (written by another
/// version) counts as absent rather than stopping the app.
fn read_json<T: serde::de::DeserializeOwned>(
    connection: &Connection,
    key: &str,
) -> Result<Option<T>> {
    Ok(settings::get(connection, key)?.and_then(|json| serde_json::from_str(&json).ok()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schedule(folder: &Path, keep: u32) -> BackupSchedule {
        BackupSchedule {
            interval: BackupInterval::Daily,
            folder: folder.to_owned(),
            keep,
        }
    }

    fn at(text: &str) -> DateTime<Utc> {
        text.parse().expect("a time")
    }

    #[test]
    fn a_backup_is_due_at_once_then_an_interval_after_the_last_written_one() {
        let schedule = schedule(Path::new("/backups"), 3);
        assert_eq!(next_due(&schedule, None, None), DateTime::<Utc>::UNIX_EPOCH);
        let written = at("2026-12-07T08:00:00Z");
        let last = ScheduledBackupResult {
            at: written,
            outcome: ScheduledBackupOutcome::Written {
                path: PathBuf::from("/backups/x.backup"),
                bytes: 1,
            },
        };
        assert_eq!(
            next_due(&schedule, Some(&last), Some(written)),
            at("2026-12-08T08:00:00Z")
        );
        let weekly = BackupSchedule {
            interval: BackupInterval::Weekly,
            ..schedule
        };
        assert_eq!(
            next_due(&weekly, Some(&last), Some(written)),
            at("2026-12-14T08:00:00Z")
        );
    }

    #[test]
    fn a_failure_is_retried_an_hour_later_not_at_every_check() {
        let schedule = schedule(Path::new("/backups"), 3);
        let failed = ScheduledBackupResult {
            at: at("2026-12-07T08:00:00Z"),
            outcome: ScheduledBackupOutcome::Failed {
                error: Error::SupervisorOnly.to_public(),
            },
        };
        assert_eq!(
            next_due(&schedule, Some(&failed), None),
            at("2026-12-07T09:00:00Z")
        );
        // Overdue for days: still an hour after the failure.
        assert_eq!(
            next_due(&schedule, Some(&failed), Some(at("2026-12-01T08:00:00Z"))),
            at("2026-12-07T09:00:00Z")
        );
    }

    #[test]
    fn pruning_keeps_the_newest_and_never_touches_other_files() {
        let folder = tempfile::tempdir().expect("tempdir");
        let names = [
            "hotline-scheduled-2026-12-01-080000.backup",
            "hotline-scheduled-2026-12-02-080000.backup",
            "hotline-scheduled-2026-12-03-080000.backup",
            "hotline-2026-11-30.backup",
            "notes.txt",
        ];
        for name in names {
            fs::write(folder.path().join(name), b"x").expect("write");
        }
        prune(folder.path(), 2).expect("prune");
        let mut left: Vec<String> = fs::read_dir(folder.path())
            .expect("read")
            .map(|entry| {
                entry
                    .expect("entry")
                    .file_name()
                    .into_string()
                    .expect("utf-8")
            })
            .collect();
        left.sort();
        assert_eq!(
            left,
            [
                "hotline-2026-11-30.backup",
                "hotline-scheduled-2026-12-02-080000.backup",
                "hotline-scheduled-2026-12-03-080000.backup",
                "notes.txt",
            ]
        );
    }

    #[test]
    fn a_schedule_needs_an_existing_folder_and_a_sensible_count() {
        let folder = tempfile::tempdir().expect("tempdir");
        assert!(validate(&schedule(folder.path(), 7)).is_ok());
        for keep in [0, MAX_KEEP + 1] {
            assert!(matches!(
                validate(&schedule(folder.path(), keep)),
                Err(Error::InvalidInput {
                    field: "backupKeep",
                    ..
                })
            ));
        }
        assert!(matches!(
            validate(&schedule(&folder.path().join("gone"), 7)),
            Err(Error::InvalidInput {
                field: "backupFolder",
                ..
            })
        ));
    }
}
