//! The audit log: who opened, created, changed, exported or removed what, and
//! when. Append-only (triggers refuse UPDATE and DELETE) and tamper-evident:
//! each entry carries the SHA-256 of the one before, so [`verify`] finds the
//! first entry that was altered, removed or inserted out of turn.
//!
//! Entries name records by id and describe options, never their content: no
//! call notes, caller details, addresses or passphrases ever reach `details`.
//!
//! Each entry is also queued for sync, so supervisors see every device's
//! log. Other devices' entries are kept apart, each device's chain exactly as
//! it made it, and verified link by link like this device's own.

use chrono::{DateTime, Utc};
use ring::digest::{digest, SHA256};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use crate::changes::{clock, outbox, RecordKind};
use crate::error::Result;
use crate::store::rows::{parse_time, parse_uuid};

const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What happened. The serialised name is what the log stores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum AuditAction {
    ReferralCreated,
    ReferralEdited,
    ReferralRetired,
    ReferralRestored,
    ReferralsImported,
    ReferralsExported,
    /// A consultant opened a shelter's confidential address on purpose.
    ConfidentialAddressOpened,
    BackupCreated,
    BackupRestored,
    /// An unlock; its details count the failed attempts since the last one.
    SignedIn,
    /// First run: this device created the organisation and its first supervisor.
    DeviceSetUp,
    /// This device joined the organisation from an enrolment package.
    DeviceJoined,
    AccountAdded,
    PassphraseChanged,
    PassphraseReset,
    /// A call was opened to read.
    CallOpened,
    CallCreated,
    CallEdited,
    CallDraftDiscarded,
    SyncRegistered,
    DeviceEnrolled,
    DeviceRevoked,
    /// A supervisor wrote a report to a file (options only, never content).
    ReportExported,
    /// A call past the retention period lost everything but its statistics.
    CallAnonymised,
    /// A call was erased on request, with its whole history.
    CallErased,
    /// A retention run: the period, the cut-off and how many were anonymised.
    RetentionRun,
    /// A supervisor wrote the CTDC case file (options only, never content).
    CtdcExported,
    /// A supervisor wrote a call list: its options and which columns, never
    /// a value.
    CallListExported,
    /// A supervisor wrote audit entries to a file (the filter's options only).
    AuditExported,
    /// A pulled record could not be applied and was set aside (its kind and
    /// the reason's code, never its content).
    RecordQuarantined,
}

impl AuditAction {
    fn code(self) -> String {
        crate::codes::code_of(&self)
    }
}

/// One audited event, before it is chained.
#[derive(Debug, Clone)]
pub struct AuditEvent {
    pub action: AuditAction,
    pub target_kind: Option<&'static str>,
    pub target_id: Option<String>,
    /// Options and counts only; never personal data.
    pub details: serde_json::Value,
}

impl AuditEvent {
    pub fn new(action: AuditAction) -> Self {
        Self {
            action,
            target_kind: None,
            target_id: None,
            details: serde_json::Value::Null,
        }
    }

    pub fn target(mut self, kind: &'static str, id: impl ToString) -> Self {
        self.target_kind = Some(kind);
        self.target_id = Some(id.to_string());
        self
    }

    pub fn details(mut self, details: serde_json::Value) -> Self {
        self.details = details;
        self
    }
}

/// One entry as a supervisor reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AuditEntry {
    pub seq: i64,
    pub id: Uuid,
    pub at: DateTime<Utc>,
    pub actor: Option<Uuid>,
    pub action: String,
    pub target_kind: Option<String>,
    pub target_id: Option<String>,
    pub details: String,
    pub hash: String,
    /// The device that wrote the entry; `None` for this device.
    pub device_id: Option<Uuid>,
}

/// The text an entry's hash covers: every column but the hash itself.
fn chained_text(entry: &AuditEntry, prev_hash: &str) -> String {
    format!(
        "{prev_hash}\n{}\n{}\n{}\n{}\n{}\n{}\n{}\n{}",
        entry.seq,
        entry.id,
        entry.at.to_rfc3339(),
        entry
            .actor
            .map(|actor| actor.to_string())
            .unwrap_or_default(),
        entry.action,
        entry.target_kind.as_deref().unwrap_or_default(),
        entry.target_id.as_deref().unwrap_or_default(),
        entry.details,
    )
}

fn sha256_hex(text: &str) -> String {
    digest(&SHA256, text.as_bytes())
        .as_ref()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// Appends an event; call it inside the transaction that makes the change, so
/// the change and its record commit together.
pub fn record(
    connection: &Connection,
    actor: Option<Uuid>,
    event: AuditEvent,
    now: DateTime<Utc>,
) -> Result<()> {
    let last: Option<(i64, String)> = connection
        .query_row(
            "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    let (seq, prev_hash) = last.map_or((1, GENESIS.to_owned()), |(seq, hash)| (seq + 1, hash));
    let mut entry = AuditEntry {
        seq,
        id: Uuid::new_v4(),
        at: now,
        actor,
        action: event.action.code(),
        target_kind: event.target_kind.map(str::to_owned),
        target_id: event.target_id,
        details: event.details.to_string(),
        hash: String::new(),
        device_id: None,
    };
    entry.hash = sha256_hex(&chained_text(&entry, &prev_hash));
    connection.execute(
        "INSERT INTO audit_log (seq, id, at, actor, action, target_kind, target_id, details,
                                prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            entry.seq,
            entry.id.to_string(),
            entry.at.to_rfc3339(),
            entry.actor.map(|actor| actor.to_string()),
            entry.action,
            entry.target_kind,
            entry.target_id,
            entry.details,
            prev_hash,
            entry.hash,
        ],
    )?;
    outbox::record_change(connection, RecordKind::AuditEntry, entry.id, now)?;
    Ok(())
}

const ENTRY_COLUMNS: &str =
    "seq, id, at, actor, action, target_kind, target_id, details, hash, prev_hash";

/// An entry and the hash it links to, from a row of [`ENTRY_COLUMNS`].
fn entry_from_row(
    row: &rusqlite::Row<'_>,
    device_id: Option<Uuid>,
) -> rusqlite::Result<(AuditEntry, String)> {
    let actor: Option<String> = row.get(3)?;
    Ok((
        AuditEntry {
            seq: row.get(0)?,
            id: parse_uuid(row, 1)?,
            at: parse_time(row, 2)?,
            actor: actor.and_then(|actor| Uuid::parse_str(&actor).ok()),
            action: row.get(4)?,
            target_kind: row.get(5)?,
            target_id: row.get(6)?,
            details: row.get(7)?,
            hash: row.get(8)?,
            device_id,
        },
        row.get(9)?,
    ))
}

/// This device's entries and their links, oldest first.
fn local_entries(connection: &Connection) -> Result<Vec<(AuditEntry, String)>> {
    let mut statement = connection.prepare(&format!(
        "SELECT {ENTRY_COLUMNS} FROM audit_log ORDER BY seq"
    ))?;
    let rows = statement.query_map([], |row| entry_from_row(row, None))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Other devices' entries and their links, by device, each oldest first.
fn remote_entries(connection: &Connection) -> Result<Vec<(AuditEntry, String)>> {
    let mut statement = connection.prepare(&format!(
        "SELECT {ENTRY_COLUMNS}, device_id FROM remote_audit_entry ORDER BY device_id, seq"
    ))?;
    let rows = statement.query_map([], |row| {
        let device = parse_uuid(row, 10)?;
        entry_from_row(row, Some(device))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every entry of every device this one has heard from, oldest first.
pub fn entries(connection: &Connection) -> Result<Vec<AuditEntry>> {
    let mut all: Vec<AuditEntry> = local_entries(connection)?
        .into_iter()
        .chain(remote_entries(connection)?)
        .map(|(entry, _)| entry)
        .collect();
    all.sort_by_key(|entry| (entry.at, entry.device_id, entry.seq));
    Ok(all)
}

/// One entry as it travels to other devices.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct AuditRecord {
    device_id: Uuid,
    seq: i64,
    id: Uuid,
    at: DateTime<Utc>,
    actor: Option<Uuid>,
    action: String,
    target_kind: Option<String>,
    target_id: Option<String>,
    details: String,
    prev_hash: String,
    hash: String,
}

impl AuditRecord {
    /// The device whose log the entry belongs to.
    pub(crate) fn device_id(&self) -> Uuid {
        self.device_id
    }
}

/// This device's entry `id`, to seal for sync.
pub(crate) fn record_for_sync(connection: &Connection, id: Uuid) -> Result<Option<AuditRecord>> {
    let found = connection
        .query_row(
            &format!("SELECT {ENTRY_COLUMNS} FROM audit_log WHERE id = ?1"),
            [id.to_string()],
            |row| entry_from_row(row, None),
        )
        .optional()?;
    let Some((entry, prev_hash)) = found else {
        return Ok(None);
    };
    Ok(Some(AuditRecord {
        device_id: clock::device_id(connection)?,
        seq: entry.seq,
        id: entry.id,
        at: entry.at,
        actor: entry.actor,
        action: entry.action,
        target_kind: entry.target_kind,
        target_id: entry.target_id,
        details: entry.details,
        prev_hash,
        hash: entry.hash,
    }))
}

/// Keeps another device's entry as it came; its own entries coming back are
/// already in this device's log.
pub(crate) fn store_remote(connection: &Connection, record: &AuditRecord) -> Result<()> {
    if record.device_id == clock::device_id(connection)? {
        return Ok(());
    }
    connection.execute(
        "INSERT OR IGNORE INTO remote_audit_entry (device_id, seq, id, at, actor, action,
             target_kind, target_id, details, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            record.device_id.to_string(),
            record.seq,
            record.id.to_string(),
            record.at.to_rfc3339(),
            record.actor.map(|actor| actor.to_string()),
            record.action,
            record.target_kind,
            record.target_id,
            record.details,
            record.prev_hash,
            record.hash,
        ],
    )?;
    Ok(())
}

/// The result of walking the chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AuditVerification {
    /// Entries checked, this device's and others'.
    pub entries: u64,
    /// The sequence number of this device's first entry whose link is broken.
    pub first_broken: Option<i64>,
    /// The first broken entry among other devices' entries.
    pub other_device_broken: Option<BrokenLink>,
}

/// An entry of another device's log that does not follow from the one before.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BrokenLink {
    pub device_id: Uuid,
    pub seq: i64,
}

/// Recomputes every link; reports the first entry that does not follow from
/// the one before, on this device and among other devices' entries. Another
/// device's entries may arrive with gaps (not all synced yet): across a gap
/// only each entry's own hash can be checked.
pub fn verify(connection: &Connection) -> Result<AuditVerification> {
    let local = local_entries(connection)?;
    let remote = remote_entries(connection)?;
    let mut first_broken = None;
    let mut expected_prev = GENESIS.to_owned();
    for (expected_seq, (entry, prev_hash)) in (1..).zip(&local) {
        let intact = entry.seq == expected_seq
            && *prev_hash == expected_prev
            && entry.hash == sha256_hex(&chained_text(entry, prev_hash));
        if !intact {
            first_broken = Some(entry.seq);
            break;
        }
        expected_prev.clone_from(&entry.hash);
    }
    let mut other_device_broken = None;
    let mut previous: Option<&AuditEntry> = None;
    for (entry, prev_hash) in &remote {
        let follows = previous
            .filter(|before| before.device_id == entry.device_id && before.seq + 1 == entry.seq)
            .map(|before| before.hash.as_str())
            .or((entry.seq == 1).then_some(GENESIS));
        let intact = follows.is_none_or(|expected| expected == prev_hash)
            && entry.hash == sha256_hex(&chained_text(entry, prev_hash));
        if !intact {
            other_device_broken = entry.device_id.map(|device_id| BrokenLink {
                device_id,
                seq: entry.seq,
            });
            break;
        }
        previous = Some(entry);
    }
    Ok(AuditVerification {
        entries: (local.len() + remote.len()) as u64,
        first_broken,
        other_device_broken,
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn log_with_three_entries() -> Connection {
        let mut connection = Connection::open_in_memory().expect("open");
        crate::store::schema::upgrade(&mut connection).expect("schema");
        let now = Utc::now();
        for index in 0..3 {
            record(
                &connection,
                Some(Uuid::new_v4()),
                AuditEvent::new(AuditAction::ReferralEdited)
                    .target("referral", index)
                    .details(json!({ "index": index })),
                now,
            )
            .expect("record");
        }
        connection
    }

    #[test]
    fn an_untouched_chain_verifies() {
        let connection = log_with_three_entries();
        assert_eq!(
            verify(&connection).expect("verify"),
            AuditVerification {
                entries: 3,
                first_broken: None,
                other_device_broken: None,
            }
        );
    }

    #[test]
    fn updates_and_deletes_are_refused() {
        let connection = log_with_three_entries();
        assert!(connection
            .execute("UPDATE audit_log SET action = 'x' WHERE seq = 2", [])
            .is_err());
        assert!(connection
            .execute("DELETE FROM audit_log WHERE seq = 2", [])
            .is_err());
    }

    #[test]
    fn a_changed_or_removed_entry_is_the_first_broken_link() {
        let connection = log_with_three_entries();
        // Someone with the key drops the triggers and edits entry 2.
        connection
            .execute_batch(
                "DROP TRIGGER audit_log_is_append_only_update;
                 DROP TRIGGER audit_log_is_append_only_delete;
                 UPDATE audit_log SET details = '{\"index\":9}' WHERE seq = 2;",
            )
            .expect("tamper");
        assert_eq!(verify(&connection).expect("verify").first_broken, Some(2));

        let connection = log_with_three_entries();
        connection
            .execute_batch(
                "DROP TRIGGER audit_log_is_append_only_delete;
                 DELETE FROM audit_log WHERE seq = 2;",
            )
            .expect("tamper");
        assert_eq!(verify(&connection).expect("verify").first_broken, Some(3));
    }
}
