//! What each record kind carries in its envelope, how a local change becomes
//! an envelope, and how a received one is applied.
//!
//! Applying is idempotent and order-independent: the newest stamp wins for the
//! current state of every kind, and every version of a call is kept, so any
//! device that has received the same set of envelopes holds the same data.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::account_record;
use super::envelope::{Envelope, RecordKind, Scope};
use super::keys::{EpochKey, KeySet};
use super::rotation::{self, RotationRecord};
use crate::calls::{self, CallDetails};
use crate::changes::outbox::PendingChange;
use crate::changes::Stamp;
use crate::error::{Error, Result};
use crate::referrals;
use crate::store::rows::{parse_time, parse_uuid};
use hotline_protocol::identity::DeviceCertificate;
use hotline_protocol::permissions::{may_author, Authorship};

/// The shape of the records this version of the app writes and reads. A
/// record without a `schema` field is of schema 1; a record whose shape
/// changed carries its schema, and a device that meets a newer schema keeps
/// the record sealed in the quarantine, whole, until the app is updated
/// (`QuarantineReason::NewerSchema`), rather than reading it without the
/// new fields and dropping them at its next edit.
///
/// 2: calls carry an outcome, and referrals their consent and status.
/// 3: calls carry their trafficking-indicator screening.
pub const RECORD_SCHEMA: u32 = 3;

/// Only the schema of a record, read before its shape is.
#[derive(Deserialize)]
struct SchemaOnly {
    #[serde(default = "first_schema")]
    schema: u32,
}

fn first_schema() -> u32 {
    1
}

/// Whether `plaintext` is a record of a newer schema than this app reads.
/// A record that is not JSON at all is not: applying it names it unreadable.
pub(crate) fn is_newer_schema(plaintext: &[u8]) -> bool {
    serde_json::from_slice::<SchemaOnly>(plaintext).is_ok_and(|only| only.schema > RECORD_SCHEMA)
}

/// One version of a finished call.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct CallRecord {
    #[serde(default = "first_schema")]
    schema: u32,
    consultant: Uuid,
    caller_number_hash: Option<String>,
    base_stamp: Option<String>,
    edited_at: DateTime<Utc>,
    edited_by: Uuid,
    changed_fields: Vec<String>,
    details: CallDetails,
}

/// The envelope for a queued change, not yet signed, or `None` when the change has been
/// superseded by a newer one of the same record (which has its own entry).
pub(crate) fn seal_change(
    connection: &Connection,
    keys: &KeySet,
    change: &PendingChange,
) -> Result<Option<Envelope>> {
    let Some((scope, json)) = record_json(connection, change)? else {
        return Ok(None);
    };
    // A rotation travels under the organisation's first key, which every
    // device holds however many rotations it missed (`super::rotation`).
    let key = match change.kind {
        RecordKind::KeyRotation => keys
            .at_epoch(scope, 0)
            .first()
            .map(|key| EpochKey { epoch: 0, key }),
        _ => keys.current(scope),
    };
    let key = key.ok_or_else(|| {
        Error::SyncProtocol(format!(
            "this device holds no key for {}; ask a supervisor to enrol it again",
            scope.code()
        ))
    })?;
    let stamp: Stamp = change.stamp.parse()?;
    super::envelope::seal_unsigned(
        key,
        change.kind,
        change.record_id,
        &stamp,
        scope,
        json.as_bytes(),
    )
    .map(Some)
}

fn record_json(connection: &Connection, change: &PendingChange) -> Result<Option<(Scope, String)>> {
    let id = change.record_id.to_string();
    Ok(match change.kind {
        RecordKind::Account => {
            account_record::record_at(connection, change.record_id, &change.stamp)?
                .map(|record| Ok::<_, Error>((Scope::Organisation, to_json(&record)?)))
                .transpose()?
        }
        RecordKind::Referral => {
            referrals::synced_record_at(connection, change.record_id, &change.stamp)?
                .map(|record| Ok::<_, Error>((Scope::Organisation, to_json(&record)?)))
                .transpose()?
        }
        RecordKind::AuditEntry => crate::audit::record_for_sync(connection, change.record_id)?
            .map(|record| Ok::<_, Error>((audit_scope(connection)?, to_json(&record)?)))
            .transpose()?,
        RecordKind::KeyRotation => {
            rotation::record_at(connection, change.record_id, &change.stamp)?
                .map(|json| (Scope::Organisation, json))
        }
        RecordKind::RetentionRule => calls::retention_rule::record_at(connection, &change.stamp)?
            .map(|rule| Ok::<_, Error>((Scope::Organisation, to_json(&rule)?)))
            .transpose()?,
        RecordKind::Category => {
            crate::categories::record_at(connection, change.record_id, &change.stamp)?
                .map(|record| Ok::<_, Error>((Scope::Organisation, to_json(&record)?)))
                .transpose()?
        }
        RecordKind::CallerSeen => {
            calls::caller_seen::record_at(connection, change.record_id, &change.stamp)?
                .map(|record| Ok::<_, Error>((Scope::Organisation, to_json(&record)?)))
                .transpose()?
        }
        RecordKind::CallRemoval => calls::removal_at(connection, change.record_id, &change.stamp)?
            .map(|removal| Ok::<_, Error>((Scope::Region(removal.region), to_json(&removal)?)))
            .transpose()?,
        RecordKind::Call => connection
            .query_row(
                "SELECT c.consultant, c.caller_number_hash, v.base_stamp, v.edited_at,
                        v.edited_by, v.changed_fields, v.details
                 FROM call_version v JOIN call c ON c.id = v.call_id
                 WHERE v.call_id = ?1 AND v.stamp = ?2",
                params![id, change.stamp],
                |row| {
                    Ok((
                        parse_uuid(row, 0)?,
                        row.get::<_, Option<String>>(1)?,
                        row.get::<_, Option<String>>(2)?,
                        parse_time(row, 3)?,
                        parse_uuid(row, 4)?,
                        row.get::<_, String>(5)?,
                        row.get::<_, String>(6)?,
                    ))
                },
            )
            .optional()?
            .map(
                |(consultant, hash, base, edited_at, edited_by, changed, details)| {
                    let record = CallRecord {
                        schema: RECORD_SCHEMA,
                        consultant,
                        caller_number_hash: hash,
                        base_stamp: base,
                        edited_at,
                        edited_by,
                        changed_fields: serde_json::from_str(&changed).map_err(corrupt)?,
                        details: serde_json::from_str(&details).map_err(corrupt)?,
                    };
                    Ok::<_, Error>((Scope::Region(record.details.region), to_json(&record)?))
                },
            )
            .transpose()?,
    })
}

/// Applies one opened envelope in the caller's transaction, written by
/// `author` (its signature and the permission table's kind and scope rule
/// checked before): the kinds whose rule looks inside the record are
/// checked here, and refused with `RecordNotPermitted`.
pub(crate) fn apply(
    connection: &Connection,
    envelope: &Envelope,
    stamp: &Stamp,
    plaintext: &[u8],
    author: &DeviceCertificate,
    now: DateTime<Utc>,
) -> Result<()> {
    let permitted = |authorship| {
        if may_author(author, authorship) {
            Ok(())
        } else {
            Err(Error::RecordNotPermitted)
        }
    };
    let unreadable = |error: serde_json::Error| {
        Error::SyncProtocol(format!("a record is not readable: {error}"))
    };
    let stamp_text = stamp.to_string();
    match envelope.kind {
        RecordKind::Account => {
            let record: account_record::AccountRecord =
                serde_json::from_slice(plaintext).map_err(unreadable)?;
            permitted(Authorship::Account {
                role: record.role,
                region: record.home_region,
                last_written_by: account_written_by(connection, envelope.record_id)?,
            })?;
            account_record::apply(connection, envelope.record_id, &stamp_text, record)
        }
        RecordKind::Referral => {
            let record: referrals::ReferralRecord =
                serde_json::from_slice(plaintext).map_err(unreadable)?;
            referrals::apply_synced(connection, envelope.record_id, &stamp_text, record, now)
        }
        RecordKind::Call => {
            let record: CallRecord = serde_json::from_slice(plaintext).map_err(unreadable)?;
            if envelope.scope != Scope::Region(record.details.region) {
                return Err(Error::EnvelopeTampered);
            }
            apply_call(connection, envelope.record_id, stamp_text, record)
        }
        RecordKind::AuditEntry => {
            let record: crate::audit::AuditRecord =
                serde_json::from_slice(plaintext).map_err(unreadable)?;
            permitted(Authorship::AuditEntry {
                device: record.device_id(),
            })?;
            crate::audit::store_remote(connection, &record, now)
        }
        RecordKind::CallRemoval => {
            let removal: calls::Removal = serde_json::from_slice(plaintext).map_err(unreadable)?;
            if envelope.scope != Scope::Region(removal.region) {
                return Err(Error::EnvelopeTampered);
            }
            calls::apply_removal(connection, envelope.record_id, &stamp_text, &removal)?;
            Ok(())
        }
        RecordKind::RetentionRule => {
            let rule: calls::RetentionRule =
                serde_json::from_slice(plaintext).map_err(unreadable)?;
            if envelope.scope != Scope::Organisation {
                return Err(Error::EnvelopeTampered);
            }
            calls::retention_rule::apply(connection, envelope.record_id, &stamp_text, &rule)
        }
        RecordKind::Category => {
            let record: crate::categories::CategoryRecord =
                serde_json::from_slice(plaintext).map_err(unreadable)?;
            if envelope.scope != Scope::Organisation {
                return Err(Error::EnvelopeTampered);
            }
            crate::categories::apply(connection, envelope.record_id, &stamp_text, record)
        }
        RecordKind::CallerSeen => {
            let record: calls::caller_seen::CallerSeenRecord =
                serde_json::from_slice(plaintext).map_err(unreadable)?;
            if envelope.scope != Scope::Organisation {
                return Err(Error::EnvelopeTampered);
            }
            permitted(Authorship::CallerSeen {
                region: record.region,
            })?;
            calls::caller_seen::apply(connection, envelope.record_id, &stamp_text, &record)
        }
        RecordKind::KeyRotation => {
            let record: RotationRecord = serde_json::from_slice(plaintext).map_err(unreadable)?;
            if envelope.scope != Scope::Organisation {
                return Err(Error::EnvelopeTampered);
            }
            rotation::apply(connection, envelope.record_id, &stamp_text, &record)
        }
    }
}

/// A supervisor's device seals its audit entries for supervisors only; a
/// consultant's device, which holds no such key, for its own region (whose
/// calls the entries name anyway).
fn audit_scope(connection: &Connection) -> Result<Scope> {
    let keys = super::keys::load(connection)?;
    if keys.current(Scope::Supervisors).is_some() {
        return Ok(Scope::Supervisors);
    }
    let region = keys
        .scopes()
        .find(|scope| matches!(scope, Scope::Region(_)));
    region.ok_or_else(|| {
        Error::SyncProtocol(
            "this device holds no region key; ask a supervisor to enrol it again".into(),
        )
    })
}

/// The device whose version of account `id` this device holds: the one its
/// stamp names, or nil for an account made here before it was ever synced.
fn account_written_by(connection: &Connection, id: Uuid) -> Result<Option<Uuid>> {
    let stamp: Option<Option<String>> = connection
        .query_row(
            "SELECT stamp FROM account WHERE id = ?1",
            [id.to_string()],
            |row| row.get(0),
        )
        .optional()?;
    Ok(stamp.map(|stamp| {
        stamp
            .and_then(|stamp| stamp.parse::<Stamp>().ok())
            .map_or(Uuid::nil(), |stamp| stamp.device)
    }))
}

/// Every version is kept; the newest is the call's current state. A call
/// that was anonymised or erased takes no more versions.
fn apply_call(connection: &Connection, id: Uuid, stamp: String, record: CallRecord) -> Result<()> {
    if calls::removal_of(connection, id)?.is_some() {
        return Ok(());
    }
    // The call row is made on its first version, with the stamp column
    // empty until `store_version` sets it.
    connection
        .prepare_cached(
            "INSERT INTO call
                 (id, status, consultant, region, started_at, updated_at, version, details)
             VALUES (?1, 'final', ?2, ?3, ?4, ?4, 0, '{}')
             ON CONFLICT (id) DO NOTHING",
        )?
        .execute(params![
            id.to_string(),
            record.consultant.to_string(),
            record.details.region.code(),
            record.details.started_at.to_rfc3339()
        ])?;
    let newest = calls::current_stamp(connection, id)?.is_none_or(|current| current < stamp);
    let row = calls::VersionRow {
        stamp,
        base_stamp: record.base_stamp,
        edited_at: record.edited_at,
        edited_by: record.edited_by,
        changed_fields: record.changed_fields,
    };
    if calls::store_version(connection, id, &row, &record.details)? && newest {
        calls::write_details(connection, id, &record.details, record.edited_at)?;
        connection
            .prepare_cached("UPDATE call SET caller_number_hash = ?2 WHERE id = ?1")?
            .execute(params![id.to_string(), record.caller_number_hash])?;
    }
    Ok(())
}

fn corrupt(error: serde_json::Error) -> Error {
    Error::DatabaseCorrupt(format!("a stored record is not valid: {error}"))
}

fn to_json(record: &impl Serialize) -> Result<String> {
    serde_json::to_string(record)
        .map_err(|error| Error::DatabaseCorrupt(format!("a record cannot be written: {error}")))
}
