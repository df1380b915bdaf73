//! Supervisors' reading of the audit log: a selection by action, person,
//! Rīga days and target id, newest first, and the same selection written as a
//! CSV file where the supervisor chose.
//!
//! The export is itself audited, with the filter's options only: the free
//! text is recorded as "used" and never as typed, since someone could type a
//! name into it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Europe::Riga;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;
use uuid::Uuid;

use crate::accounts::{self, Account};
use crate::audit::{self, AuditAction, AuditEntry, AuditEvent};
use crate::calls::riga_day;
use crate::csv_out::CsvOut;
use crate::error::Result;
use crate::progress::{WorkProgress, WorkUnit, WorkWatcher};
use crate::store::write_atomically;

/// At most this many entries go to the screen; the export writes them all.
/// A table longer than this is no longer read, only scrolled.
pub const MAX_SHOWN: usize = 500;

/// Which entries to show or export. Empty fields match everything.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct AuditFilter {
    /// An action code (`signedIn`, `callOpened`, …).
    pub action: Option<String>,
    /// The account that acted.
    pub actor: Option<Uuid>,
    /// The first Rīga day, inclusive.
    pub from: Option<NaiveDate>,
    /// The last Rīga day, inclusive.
    pub to: Option<NaiveDate>,
    /// Part of the target's id, any case.
    pub text: String,
}

impl AuditFilter {
    fn matches(&self, entry: &AuditEntry, text: &str) -> bool {
        let day = riga_day(entry.at);
        self.action
            .as_deref()
            .is_none_or(|action| entry.action == action)
            && self.actor.is_none_or(|actor| entry.actor == Some(actor))
            && self.from.is_none_or(|from| day >= from)
            && self.to.is_none_or(|to| day <= to)
            && (text.is_empty()
                || entry
                    .target_id
                    .as_deref()
                    .is_some_and(|id| id.to_lowercase().contains(text)))
    }
}

/// The entries a filter selects, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AuditSelection {
    /// The newest [`MAX_SHOWN`] of them.
    pub entries: Vec<AuditEntry>,
    /// How many entries match in all.
    #[ts(type = "number")]
    pub matching: u64,
}

/// An audit export written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AuditExport {
    #[ts(type = "string")]
    pub path: PathBuf,
    #[ts(type = "number")]
    pub entries: u64,
}

/// Every entry `filter` selects, newest first.
fn matching(connection: &Connection, filter: &AuditFilter) -> Result<Vec<AuditEntry>> {
    let text = filter.text.trim().to_lowercase();
    let mut all = audit::entries(connection)?;
    all.reverse();
    all.retain(|entry| filter.matches(entry, &text));
    Ok(all)
}

pub(crate) fn select(connection: &Connection, filter: &AuditFilter) -> Result<AuditSelection> {
    let mut entries = matching(connection, filter)?;
    let matching = entries.len() as u64;
    entries.truncate(MAX_SHOWN);
    Ok(AuditSelection { entries, matching })
}

/// Entries rendered between two progress reports.
const ENTRIES_PER_REPORT: usize = 500;

/// Writes the selected entries to `out` as CSV and audits the export; the
/// audit entry commits only once the file is on disk. `work` hears the
/// entries rendered; stopped, nothing is written (the file is rendered in
/// memory first) and nothing is audited.
pub(crate) fn export(
    connection: &Connection,
    account: &Account,
    filter: &AuditFilter,
    out: &Path,
    now: DateTime<Utc>,
    work: &dyn WorkWatcher,
) -> Result<AuditExport> {
    let entries = matching(connection, filter)?;
    let people: HashMap<Uuid, Account> = accounts::all_accounts(connection)?
        .into_iter()
        .map(|account| (account.id, account))
        .collect();
    let bytes = csv_bytes(&entries, &people, work)?;
    let transaction = connection.unchecked_transaction()?;
    audit::record(
        &transaction,
        Some(account.id),
        AuditEvent::new(AuditAction::AuditExported).details(json!({
            "action": filter.action,
            "actor": filter.actor,
            "from": filter.from,
            "to": filter.to,
            "targetText": !filter.text.trim().is_empty(),
            "entries": entries.len(),
        })),
        now,
    )?;
    write_atomically(out, &bytes)?;
    transaction.commit()?;
    Ok(AuditExport {
        path: out.to_owned(),
        entries: entries.len() as u64,
    })
}

/// UTF-8 with a byte-order mark, because without one Excel reads "Bērziņa"
/// as mojibake. Times in Rīga for reading and in UTC for matching other logs;
/// the hash column lets anyone check the file against the device's chain.
fn csv_bytes(
    entries: &[AuditEntry],
    people: &HashMap<Uuid, Account>,
    work: &dyn WorkWatcher,
) -> Result<Vec<u8>> {
    let total = entries.len() as u64;
    let mut file = CsvOut::new();
    file.row([
        "seq",
        "time_riga",
        "time_utc",
        "actor",
        "actor_login",
        "action",
        "target_kind",
        "target_id",
        "details",
        "hash",
    ]);
    for (rendered, entry) in entries.iter().enumerate() {
        if rendered % ENTRIES_PER_REPORT == 0 {
            work.stop_if_asked()?;
            work.report(WorkProgress::new(WorkUnit::Records, rendered as u64, total));
        }
        let person = entry.actor.and_then(|id| people.get(&id));
        let (name, login) = match (person, entry.actor) {
            (Some(person), _) => (person.display_name.clone(), person.login.clone()),
            // An account this device does not know (e.g. from a synced device).
            (None, Some(id)) => (id.to_string(), String::new()),
            (None, None) => (String::new(), String::new()),
        };
        file.row([
            entry.seq.to_string(),
            entry
                .at
                .with_timezone(&Riga)
                .format("%d.%m.%Y %H:%M:%S")
                .to_string(),
            entry.at.to_rfc3339(),
            name,
            login,
            entry.action.clone(),
            entry.target_kind.clone().unwrap_or_default(),
            entry.target_id.clone().unwrap_or_default(),
            entry.details.clone(),
            entry.hash.clone(),
        ]);
    }
    work.stop_if_asked()?;
    work.report(WorkProgress::new(WorkUnit::Records, total, total));
    Ok(file.finish())
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn log() -> Connection {
        let mut connection = Connection::open_in_memory().expect("open");
        crate::store::schema::upgrade(&mut connection).expect("schema");
        let anna = Uuid::from_u128(1);
        let juris = Uuid::from_u128(2);
        let events = [
            (anna, AuditAction::SignedIn, None, (2026, 3, 1, 8)),
            (
                juris,
                AuditAction::CallOpened,
                Some("AB12-call"),
                (2026, 3, 2, 9),
            ),
            // 23:30 UTC on 2 March is already 3 March in Rīga.
            (
                juris,
                AuditAction::CallEdited,
                Some("ab12-call"),
                (2026, 3, 2, 23),
            ),
            (anna, AuditAction::ReportExported, None, (2026, 3, 4, 10)),
        ];
        for (actor, action, target, (y, m, d, h)) in events {
            let mut event = AuditEvent::new(action);
            if let Some(target) = target {
                event = event.target("call", target);
            }
            let at = Utc
                .with_ymd_and_hms(y, m, d, h, 30, 0)
                .single()
                .expect("time");
            audit::record(&connection, Some(actor), event, at).expect("record");
        }
        connection
    }

    fn seqs(filter: &AuditFilter) -> Vec<i64> {
        select(&log(), filter)
            .expect("select")
            .entries
            .iter()
            .map(|entry| entry.seq)
            .collect()
    }

    #[test]
    fn an_empty_filter_selects_everything_newest_first() {
        assert_eq!(seqs(&AuditFilter::default()), [4, 3, 2, 1]);
    }

    #[test]
    fn filters_combine_by_action_person_riga_day_and_target() {
        let juris = Uuid::from_u128(2);
        let day = |d| NaiveDate::from_ymd_opt(2026, 3, d);
        assert_eq!(
            seqs(&AuditFilter {
                actor: Some(juris),
                ..AuditFilter::default()
            }),
            [3, 2]
        );
        assert_eq!(
            seqs(&AuditFilter {
                action: Some("callEdited".into()),
                ..AuditFilter::default()
            }),
            [3]
        );
        assert_eq!(
            seqs(&AuditFilter {
                from: day(3),
                to: day(3),
                ..AuditFilter::default()
            }),
            [3]
        );
        assert_eq!(
            seqs(&AuditFilter {
                text: " ab12 ".into(),
                ..AuditFilter::default()
            }),
            [3, 2]
        );
    }

    fn anna() -> Account {
        Account {
            id: Uuid::from_u128(1),
            login: "anna".into(),
            display_name: "Anna Bērziņa".into(),
            role: crate::Role::Supervisor,
            home_region: crate::Region::Riga,
            created_at: Utc::now(),
            disabled_at: None,
        }
    }

    #[test]
    fn an_export_reports_the_entries_rendered_and_a_stopped_one_writes_and_records_nothing() {
        use crate::progress::RecordingWatcher;
        let connection = log();
        let dir = tempfile::tempdir().expect("dir");
        let out = dir.path().join("audit.csv");
        let filter = AuditFilter::default();

        let stopped = export(
            &connection,
            &anna(),
            &filter,
            &out,
            Utc::now(),
            &RecordingWatcher::stopping_after(1),
        )
        .expect_err("stopped");
        assert!(
            matches!(stopped, crate::Error::LongWorkCancelled),
            "{stopped:?}"
        );
        assert!(!out.exists(), "no partial file");
        assert_eq!(audit::entries(&connection).expect("entries").len(), 4);

        let watched = RecordingWatcher::default();
        let written =
            export(&connection, &anna(), &filter, &out, Utc::now(), &watched).expect("export");
        assert_eq!(written.entries, 4);
        let reports = watched.reports();
        assert!(reports.windows(2).all(|pair| pair[0].done <= pair[1].done));
        let last = reports.last().expect("a report");
        assert_eq!((last.done, last.total), (4, 4));
    }

    #[test]
    fn the_csv_has_a_bom_riga_times_and_names_and_the_export_is_audited() {
        let connection = log();
        let account = anna();
        let dir = tempfile::tempdir().expect("dir");
        let out = dir.path().join("audit.csv");
        let filter = AuditFilter {
            text: "Ozols".into(),
            action: Some("callEdited".into()),
            ..AuditFilter::default()
        };
        let people = HashMap::from([(account.id, account.clone())]);
        let bytes = csv_bytes(
            &matching(&connection, &AuditFilter::default()).expect("all"),
            &people,
            &crate::progress::Unwatched,
        )
        .expect("rendered");
        let text = String::from_utf8(bytes).expect("UTF-8");
        assert!(text.starts_with("\u{feff}seq,time_riga,"));
        assert!(text.contains("3,03.03.2026 01:30:00,2026-03-02T23:30:00+00:00,"));
        assert!(text.contains("Anna Bērziņa,anna,signedIn"));

        let written = export(
            &connection,
            &account,
            &filter,
            &out,
            Utc::now(),
            &crate::progress::Unwatched,
        )
        .expect("export");
        assert_eq!(written.entries, 0);
        assert!(std::fs::read(&out)
            .expect("file")
            .starts_with(b"\xEF\xBB\xBF"));
        let last = audit::entries(&connection)
            .expect("entries")
            .pop()
            .expect("entry");
        assert_eq!(last.action, "auditExported");
        assert!(last.details.contains("\"targetText\":true"));
        assert!(!last.details.contains("Ozols"));
        assert_eq!(
            audit::verify(&connection, &audit::SigningKeys::new())
                .expect("verify")
                .first_broken,
            None
        );
    }
}
