//! The audit log: who opened, created, changed, exported or removed what, and
//! when. Append-only (triggers refuse UPDATE and DELETE) and tamper-evident:
//! each entry carries the SHA-256 of the one before, and its device signs
//! its hash with its Ed25519 key, so [`verify`] finds the first entry that
//! was altered, removed or inserted out of turn, even by someone who holds
//! the store's key and recomputed every hash after it.
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

use crate::changes::{clock, device_key, outbox, RecordKind};
use crate::error::Result;
use crate::store::rows::{parse_time, parse_uuid};
use hotline_protocol::signatures::verify_signature;

const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What happened. The serialised name is what the log stores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum AuditAction {
    ReferralCreated,
    ReferralEdited,
    ReferralRetired,
    ReferralRestored,
    /// A supervisor picked one of the versions of a directory entry edited
    /// on two laptops at once.
    ReferralConflictResolved,
    ReferralsImported,
    ReferralsExported,
    /// A consultant opened a shelter's confidential address on purpose.
    ConfidentialAddressOpened,
    /// A referral sheet was written for a caller: which entries and how
    /// many, never their text.
    ReferralSheetPrinted,
    /// A shelter's confidential address was printed on a referral sheet,
    /// ticked on purpose for that entry.
    ConfidentialAddressPrinted,
    BackupCreated,
    /// Scheduled backups were set up, changed or stopped on this laptop.
    BackupScheduleSet,
    BackupRestored,
    /// An unlock; its details count the failed attempts since the last one.
    SignedIn,
    /// First run: this device created the organisation and its first supervisor.
    DeviceSetUp,
    /// This device joined the organisation from an enrolment package.
    DeviceJoined,
    AccountAdded,
    /// A supervisor changed an account's role, region or whether it is
    /// disabled; the details hold the new values.
    AccountChanged,
    PassphraseChanged,
    PassphraseReset,
    /// A call was opened to read.
    CallOpened,
    /// A call's summary was written to a PDF: which parts, never their text.
    CallSummaryPrinted,
    CallCreated,
    CallEdited,
    /// A call's follow-up was marked done.
    FollowUpDone,
    /// A call's open follow-up was handed over to a colleague.
    FollowUpHandedOver,
    CasesMerged,
    CallDraftDiscarded,
    SyncRegistered,
    DeviceEnrolled,
    DeviceRevoked,
    /// A supervisor's device sealed rotated keys to devices no rotation
    /// reached (how many devices and keys, nothing else).
    KeysShared,
    /// A supervisor wrote a report to a file (options only, never content).
    ReportExported,
    /// A call past the retention period lost everything but its statistics.
    CallAnonymised,
    /// A call was erased on request, with its whole history.
    CallErased,
    /// A retention run: the period, the cut-off and how many were anonymised.
    RetentionRun,
    /// A supervisor set the organisation's retention period.
    RetentionRuleSet,
    /// A supervisor added one of the organisation's call subjects.
    CategoryAdded,
    CategoryRetired,
    CategoryRestored,
    /// A supervisor deleted a subject no call had.
    CategoryDeleted,
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

/// What the writing device signs: the entry's hash, which covers the entry
/// and, through the hash before it, the whole chain up to it. Anyone who
/// recomputes the hashes after changing an entry needs the device's key to
/// sign them again.
fn signed_message(hash: &str) -> Vec<u8> {
    format!("hotline-desk/audit-entry/v1\n{hash}").into_bytes()
}

/// Appends an event; call it inside the transaction that makes the change, so
/// the change and its record commit together.
pub fn record(
    connection: &Connection,
    actor: Option<Uuid>,
    event: AuditEvent,
    now: DateTime<Utc>,
) -> Result<()> {
    append(connection, actor, event, now, 1)
}

/// Records, in a store just restored from a backup made at
/// `backup_created_at`, that it was restored. The backup's log ends where
/// the backup was made, but other devices may hold this device's later
/// entries: numbering on from the backup would give different entries the
/// numbers they hold. So this entry's number jumps to the time in
/// milliseconds, above any count of entries, links to the backup's last
/// entry, and the log goes on after it; [`verify`] accepts such a jump for
/// this action only.
pub(crate) fn record_restore(
    connection: &Connection,
    actor: Uuid,
    backup_created_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<()> {
    append(
        connection,
        Some(actor),
        AuditEvent::new(AuditAction::BackupRestored)
            .details(serde_json::json!({ "backupCreatedAt": backup_created_at })),
        now,
        now.timestamp_millis(),
    )
}

/// Whether `entry` may follow its predecessor with a jump in numbers.
fn continues_after_restore(entry: &AuditEntry) -> bool {
    entry.action == AuditAction::BackupRestored.code()
}

/// Appends `event` as the entry after the last, numbered at least `seq_floor`.
fn append(
    connection: &Connection,
    actor: Option<Uuid>,
    event: AuditEvent,
    now: DateTime<Utc>,
    seq_floor: i64,
) -> Result<()> {
    let last: Option<(i64, String)> = connection
        .query_row(
            "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    let (seq, prev_hash) = last.map_or((1, GENESIS.to_owned()), |(seq, hash)| (seq + 1, hash));
    let seq = seq.max(seq_floor);
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
    let signature = device_key::signing_key(connection)?
        .sign(&signed_message(&entry.hash))
        .as_ref()
        .to_vec();
    connection.execute(
        "INSERT INTO audit_log (seq, id, at, actor, action, target_kind, target_id, details,
                                prev_hash, hash, signature)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
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
            signature,
        ],
    )?;
    outbox::record_change(connection, RecordKind::AuditEntry, entry.id, now)?;
    Ok(())
}

const ENTRY_COLUMNS: &str =
    "seq, id, at, actor, action, target_kind, target_id, details, hash, prev_hash, signature";

/// An entry as stored: the entry, the hash it links to and its signature
/// (`None` for entries written before entries were signed).
struct StoredEntry {
    entry: AuditEntry,
    prev_hash: String,
    signature: Option<Vec<u8>>,
}

/// An entry from a row of [`ENTRY_COLUMNS`].
fn entry_from_row(
    row: &rusqlite::Row<'_>,
    device_id: Option<Uuid>,
) -> rusqlite::Result<StoredEntry> {
    let actor: Option<String> = row.get(3)?;
    Ok(StoredEntry {
        entry: AuditEntry {
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
        prev_hash: row.get(9)?,
        signature: row.get(10)?,
    })
}

/// This device's entries, oldest first.
fn local_entries(connection: &Connection) -> Result<Vec<StoredEntry>> {
    let mut statement = connection.prepare(&format!(
        "SELECT {ENTRY_COLUMNS} FROM audit_log ORDER BY seq"
    ))?;
    let rows = statement.query_map([], |row| entry_from_row(row, None))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Other devices' entries, by device, each oldest first.
fn remote_entries(connection: &Connection) -> Result<Vec<StoredEntry>> {
    let mut statement = connection.prepare(&format!(
        "SELECT {ENTRY_COLUMNS}, device_id FROM remote_audit_entry ORDER BY device_id, seq"
    ))?;
    let rows = statement.query_map([], |row| {
        let device = parse_uuid(row, 11)?;
        entry_from_row(row, Some(device))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every entry of every device this one has heard from, oldest first.
pub fn entries(connection: &Connection) -> Result<Vec<AuditEntry>> {
    let mut all: Vec<AuditEntry> = local_entries(connection)?
        .into_iter()
        .chain(remote_entries(connection)?)
        .map(|stored| stored.entry)
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
    /// The device's signature of the hash; empty for an entry written
    /// before entries were signed.
    #[serde(with = "hotline_protocol::base64_bytes")]
    signature: Vec<u8>,
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
    let Some(StoredEntry {
        entry,
        prev_hash,
        signature,
    }) = found
    else {
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
        signature: signature.unwrap_or_default(),
    }))
}

/// Keeps another device's entry as it came; its own entries coming back are
/// already in this device's log. A second, different entry under a number
/// already held is a fork: the first stays, the other is noted for
/// [`verify`] to name.
pub(crate) fn store_remote(
    connection: &Connection,
    record: &AuditRecord,
    now: DateTime<Utc>,
) -> Result<()> {
    if record.device_id == clock::device_id(connection)? {
        return Ok(());
    }
    let held: Option<String> = connection
        .prepare_cached("SELECT hash FROM remote_audit_entry WHERE device_id = ?1 AND seq = ?2")?
        .query_row(params![record.device_id.to_string(), record.seq], |row| {
            row.get(0)
        })
        .optional()?;
    match held {
        Some(hash) if hash == record.hash => {}
        Some(_) => {
            connection.execute(
                "INSERT OR IGNORE INTO audit_fork (device_id, seq, hash, seen_at)
                 VALUES (?1, ?2, ?3, ?4)",
                params![
                    record.device_id.to_string(),
                    record.seq,
                    record.hash,
                    now.to_rfc3339()
                ],
            )?;
        }
        None => {
            connection
                .prepare_cached(
                    "INSERT OR IGNORE INTO remote_audit_entry (device_id, seq, id, at, actor,
                         action, target_kind, target_id, details, prev_hash, hash, signature)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                )?
                .execute(params![
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
                    (!record.signature.is_empty()).then_some(&record.signature),
                ])?;
        }
    }
    Ok(())
}

/// What is wrong with an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum AuditProblem {
    /// Its content no longer matches its hash: changed.
    Altered,
    /// Its hash matches, but its device did not sign it: changed, and the
    /// hashes recomputed after it.
    Forged,
    /// It does not follow from the entry before: one was removed, inserted
    /// or moved.
    Unlinked,
    /// Its device's log holds another, different entry with this number:
    /// the log was rewritten or rewound after it had synced.
    Fork,
}

/// An entry of a device's log that fails the check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BrokenLink {
    pub device_id: Uuid,
    pub seq: i64,
    pub problem: AuditProblem,
}

/// Entries of another device's log that have not arrived: those after
/// `after` and before `before`. Normal while sync catches up; after a full
/// sync, they were never sent or were withheld.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AuditGap {
    pub device_id: Uuid,
    pub after: i64,
    pub before: i64,
}

/// The result of walking every chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AuditVerification {
    /// Entries checked, this device's and others'.
    pub entries: u64,
    /// The sequence number of this device's first entry that fails.
    pub first_broken: Option<i64>,
    /// What is wrong with it.
    pub problem: Option<AuditProblem>,
    /// The first failing entry of each other device's log, and every fork.
    pub other_devices_broken: Vec<BrokenLink>,
    pub gaps: Vec<AuditGap>,
}

impl AuditVerification {
    pub fn is_intact(&self) -> bool {
        self.first_broken.is_none() && self.other_devices_broken.is_empty()
    }
}

/// The public signing keys of the devices whose logs are checked, by
/// device: from the certificates this device trusts. A device not listed
/// has its links checked, not its signatures.
pub type SigningKeys = std::collections::BTreeMap<Uuid, Vec<u8>>;

/// Checks every entry: its hash, its link to the one before and its
/// device's signature, on this device and among other devices' entries,
/// and names forks and gaps. Entries written before entries were signed
/// carry no signature and are accepted only before the first signed one.
pub fn verify(connection: &Connection, signing_keys: &SigningKeys) -> Result<AuditVerification> {
    let local = local_entries(connection)?;
    let remote = remote_entries(connection)?;
    // Without a key of its own, a device has signed nothing: any signature
    // in its log is then not its own.
    let own_key = device_key::existing_public_key(connection)?.unwrap_or_default();
    let mut first_broken = None;
    let mut problem = None;
    let mut signed_before = false;
    let mut expected_prev = GENESIS;
    let mut expected_seq = 1;
    for stored in &local {
        let in_sequence = stored.entry.seq == expected_seq
            || (stored.entry.seq > expected_seq && continues_after_restore(&stored.entry));
        let found = if in_sequence {
            check(
                stored,
                Some(expected_prev),
                Some(&own_key),
                &mut signed_before,
            )
        } else {
            Some(AuditProblem::Unlinked)
        };
        if let Some(found) = found {
            first_broken = Some(stored.entry.seq);
            problem = Some(found);
            break;
        }
        expected_prev = &stored.entry.hash;
        expected_seq = stored.entry.seq + 1;
    }

    let mut other_devices_broken = forks(connection)?;
    let mut gaps = Vec::new();
    let mut broken_devices = std::collections::BTreeSet::new();
    let mut previous: Option<&StoredEntry> = None;
    let mut signed_before = false;
    for stored in &remote {
        let device_id = stored.entry.device_id.unwrap_or_default();
        let same_device =
            previous.filter(|before| before.entry.device_id == stored.entry.device_id);
        if same_device.is_none() {
            signed_before = false;
        }
        let last_seq = same_device.map_or(0, |before| before.entry.seq);
        // A restore links to an entry this device wrote before it, any of
        // them: the entries between were written after the backup and stay.
        let restored_from = same_device
            .filter(|_| continues_after_restore(&stored.entry))
            .and_then(|_| {
                remote
                    .iter()
                    .filter(|earlier| {
                        earlier.entry.device_id == stored.entry.device_id
                            && earlier.entry.seq < stored.entry.seq
                    })
                    .find(|earlier| earlier.entry.hash == stored.prev_hash)
            });
        if stored.entry.seq > last_seq + 1 && restored_from.is_none() {
            gaps.push(AuditGap {
                device_id,
                after: last_seq,
                before: stored.entry.seq,
            });
        }
        let follows = match (same_device, restored_from) {
            (_, Some(earlier)) => Some(earlier.entry.hash.as_str()),
            (Some(before), None) if before.entry.seq + 1 == stored.entry.seq => {
                Some(before.entry.hash.as_str())
            }
            (None, None) if stored.entry.seq == 1 => Some(GENESIS),
            _ => None,
        };
        if !broken_devices.contains(&device_id) {
            let key = signing_keys.get(&device_id).map(Vec::as_slice);
            if let Some(found) = check(stored, follows, key, &mut signed_before) {
                broken_devices.insert(device_id);
                other_devices_broken.push(BrokenLink {
                    device_id,
                    seq: stored.entry.seq,
                    problem: found,
                });
            }
        }
        previous = Some(stored);
    }
    other_devices_broken.sort_by_key(|link| (link.device_id, link.seq));
    Ok(AuditVerification {
        entries: (local.len() + remote.len()) as u64,
        first_broken,
        problem,
        other_devices_broken,
        gaps,
    })
}

/// The problem with one entry, if any: `follows` is the hash it must link
/// to when the entry before it is known, `key` its device's public key
/// when known.
fn check(
    stored: &StoredEntry,
    follows: Option<&str>,
    key: Option<&[u8]>,
    signed_before: &mut bool,
) -> Option<AuditProblem> {
    if follows.is_some_and(|expected| expected != stored.prev_hash) {
        return Some(AuditProblem::Unlinked);
    }
    if stored.entry.hash != sha256_hex(&chained_text(&stored.entry, &stored.prev_hash)) {
        return Some(AuditProblem::Altered);
    }
    let key = key?;
    match &stored.signature {
        None if !*signed_before => None,
        None => Some(AuditProblem::Forged),
        Some(signature) => {
            *signed_before = true;
            (!verify_signature(key, &signed_message(&stored.entry.hash), signature))
                .then_some(AuditProblem::Forged)
        }
    }
}

/// The forks noted as entries arrived.
fn forks(connection: &Connection) -> Result<Vec<BrokenLink>> {
    let mut statement = connection
        .prepare("SELECT DISTINCT device_id, seq FROM audit_fork ORDER BY device_id, seq")?;
    let rows = statement.query_map([], |row| {
        Ok(BrokenLink {
            device_id: parse_uuid(row, 0)?,
            seq: row.get(1)?,
            problem: AuditProblem::Fork,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
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
            verify(&connection, &SigningKeys::new()).expect("verify"),
            AuditVerification {
                entries: 3,
                first_broken: None,
                problem: None,
                other_devices_broken: Vec::new(),
                gaps: Vec::new(),
            }
        );
    }

    fn seqs(connection: &Connection) -> Vec<i64> {
        local_entries(connection)
            .expect("entries")
            .iter()
            .map(|stored| stored.entry.seq)
            .collect()
    }

    /// Guards `continues_after_restore` in `verify`: a jump in numbers is
    /// a restore's and nothing else's, or removing entries and renumbering
    /// past them would pass.
    #[test]
    fn only_a_restore_may_skip_numbers_and_the_log_goes_on_after_it() {
        let connection = log_with_three_entries();
        let now = Utc::now();
        record_restore(&connection, Uuid::new_v4(), now, now).expect("restore");
        record(
            &connection,
            None,
            AuditEvent::new(AuditAction::SignedIn),
            now,
        )
        .expect("after");
        let millis = now.timestamp_millis();
        assert_eq!(seqs(&connection), [1, 2, 3, millis, millis + 1]);
        assert!(verify(&connection, &SigningKeys::new())
            .expect("verify")
            .is_intact());

        let connection = log_with_three_entries();
        append(
            &connection,
            None,
            AuditEvent::new(AuditAction::SignedIn),
            now,
            1_000,
        )
        .expect("a jump that is no restore");
        let verification = verify(&connection, &SigningKeys::new()).expect("verify");
        assert_eq!(verification.first_broken, Some(1_000));
        assert_eq!(verification.problem, Some(AuditProblem::Unlinked));
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
        let verification = verify(&connection, &SigningKeys::new()).expect("verify");
        assert_eq!(verification.first_broken, Some(2));
        assert_eq!(verification.problem, Some(AuditProblem::Altered));

        let connection = log_with_three_entries();
        connection
            .execute_batch(
                "DROP TRIGGER audit_log_is_append_only_delete;
                 DELETE FROM audit_log WHERE seq = 2;",
            )
            .expect("tamper");
        let verification = verify(&connection, &SigningKeys::new()).expect("verify");
        assert_eq!(verification.first_broken, Some(3));
        assert_eq!(verification.problem, Some(AuditProblem::Unlinked));
    }

    /// Recomputes the hash of every entry from `from` on, as someone with
    /// the store's key (and this file) could.
    fn rehash_from(connection: &Connection, from: i64) {
        connection
            .execute_batch("DROP TRIGGER IF EXISTS audit_log_is_append_only_update;")
            .expect("drop trigger");
        let mut prev: String = connection
            .query_row(
                "SELECT hash FROM audit_log WHERE seq = ?1",
                [from - 1],
                |row| row.get(0),
            )
            .unwrap_or_else(|_| GENESIS.to_owned());
        for stored in local_entries(connection).expect("entries") {
            if stored.entry.seq < from {
                continue;
            }
            let hash = sha256_hex(&chained_text(&stored.entry, &prev));
            connection
                .execute(
                    "UPDATE audit_log SET prev_hash = ?2, hash = ?3 WHERE seq = ?1",
                    params![stored.entry.seq, prev, hash],
                )
                .expect("rehash");
            prev = hash;
        }
    }

    /// Guards the signature check in `check`: without it, an entry changed
    /// with every later hash recomputed verifies as intact.
    #[test]
    fn an_entry_changed_with_every_later_hash_recomputed_is_named_as_forged() {
        let connection = log_with_three_entries();
        connection
            .execute_batch(
                "DROP TRIGGER audit_log_is_append_only_update;
                 UPDATE audit_log SET details = '{\"index\":9}' WHERE seq = 2;",
            )
            .expect("tamper");
        rehash_from(&connection, 2);
        let verification = verify(&connection, &SigningKeys::new()).expect("verify");
        assert_eq!(verification.first_broken, Some(2));
        assert_eq!(verification.problem, Some(AuditProblem::Forged));
    }

    #[test]
    fn entries_written_before_signing_are_accepted_only_before_the_first_signed_one() {
        let connection = log_with_three_entries();
        connection
            .execute_batch(
                "DROP TRIGGER audit_log_is_append_only_update;
                 UPDATE audit_log SET signature = NULL WHERE seq = 1;",
            )
            .expect("an older app's entry");
        assert!(verify(&connection, &SigningKeys::new())
            .expect("verify")
            .is_intact());
        connection
            .execute("UPDATE audit_log SET signature = NULL WHERE seq = 3", [])
            .expect("a stripped signature");
        let verification = verify(&connection, &SigningKeys::new()).expect("verify");
        assert_eq!(verification.first_broken, Some(3));
        assert_eq!(verification.problem, Some(AuditProblem::Forged));
    }

    fn remote(
        connection: &Connection,
        device: Uuid,
        seq: i64,
        prev_hash: &str,
        key: &ring::signature::Ed25519KeyPair,
    ) -> AuditRecord {
        let entry = AuditEntry {
            seq,
            id: Uuid::new_v4(),
            at: Utc::now(),
            actor: None,
            action: "callCreated".into(),
            target_kind: None,
            target_id: None,
            details: "{}".into(),
            hash: String::new(),
            device_id: Some(device),
        };
        let hash = sha256_hex(&chained_text(&entry, prev_hash));
        let record = AuditRecord {
            device_id: device,
            seq,
            id: entry.id,
            at: entry.at,
            actor: None,
            action: entry.action,
            target_kind: None,
            target_id: None,
            details: entry.details,
            prev_hash: prev_hash.to_owned(),
            signature: key.sign(&signed_message(&hash)).as_ref().to_vec(),
            hash,
        };
        store_remote(connection, &record, Utc::now()).expect("store");
        record
    }

    fn other_device_key() -> ring::signature::Ed25519KeyPair {
        let pkcs8 = device_key::new_pkcs8().expect("pkcs8");
        ring::signature::Ed25519KeyPair::from_pkcs8(&pkcs8).expect("key")
    }

    #[test]
    fn another_devices_fork_gap_and_foreign_signature_are_named_with_the_device() {
        use ring::signature::KeyPair as _;
        let connection = log_with_three_entries();
        let (forked, gapped, forged) = (Uuid::from_u128(1), Uuid::from_u128(2), Uuid::from_u128(3));
        let key = other_device_key();
        let stranger = other_device_key();
        let keys: SigningKeys = [forked, gapped, forged]
            .into_iter()
            .map(|device| (device, key.public_key().as_ref().to_vec()))
            .collect();

        let first = remote(&connection, forked, 1, GENESIS, &key);
        remote(&connection, forked, 2, &first.hash, &key);
        remote(&connection, forked, 2, &first.hash, &key);
        let first = remote(&connection, gapped, 1, GENESIS, &key);
        remote(&connection, gapped, 4, &first.hash, &key);
        remote(&connection, forged, 1, GENESIS, &stranger);

        let verification = verify(&connection, &keys).expect("verify");
        assert_eq!(verification.first_broken, None);
        assert_eq!(
            verification.other_devices_broken,
            [
                BrokenLink {
                    device_id: forked,
                    seq: 2,
                    problem: AuditProblem::Fork
                },
                BrokenLink {
                    device_id: forged,
                    seq: 1,
                    problem: AuditProblem::Forged
                },
            ]
        );
        assert_eq!(
            verification.gaps,
            [AuditGap {
                device_id: gapped,
                after: 1,
                before: 4
            }]
        );
        assert!(
            connection
                .execute("DELETE FROM remote_audit_entry", [])
                .is_err(),
            "other devices' entries are append-only too"
        );
    }
}
