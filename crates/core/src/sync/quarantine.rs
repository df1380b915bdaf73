//! The quarantine: pulled records that opened but could not be applied.
//!
//! One bad record must never halt sync for the whole organisation, so a
//! record that fails to apply (a newer app's fields, a reference to
//! something this device does not have, a failed check, a stamp far ahead of
//! the server's clock) is set aside here, still sealed, with the reason; the
//! page is applied without it and the cursor moves on. Each is written to
//! the audit log (kind and reason only) and shown to supervisors in the Sync
//! section. Each round tries again those set aside by an older version of
//! the app, those held for their stamp, and those that named something the
//! device did not have yet.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};
use serde::Serialize;
use ts_rs::TS;
use uuid::Uuid;

use super::envelope::{Envelope, Stamp};
use crate::audit::{self, AuditAction, AuditEvent};
use crate::codes::code_of;
use crate::error::{Error, Result};
use crate::store::rows::{parse_time, parse_uuid};
use hotline_protocol::identity::CertificateError;

/// The app version that set a record aside; a newer one tries again.
const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Why a record was set aside. Codes only: a reason never carries a value
/// from the record, so it may be shown and audited anywhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum QuarantineReason {
    /// Not a record this version of the app can read: fields it does not
    /// know, or a damaged one.
    Unreadable,
    /// Written by a newer version of the app (a newer record schema): kept
    /// whole and applied once this app is updated.
    NewerSchema,
    /// It names something this device does not have (an account, a call).
    UnknownReference,
    /// Its sealed region differs from the region it claims.
    ScopeMismatch,
    /// Its stamp is more than a day ahead of the server's clock.
    FutureStamp,
    /// No certificate this device trusts names the device that claims to
    /// have written it (yet: it is tried again).
    UnknownSigner,
    /// Its signature is not the key of the device it names.
    BadSignature,
    /// Its device was revoked before it signed it.
    RevokedSigner,
    /// Its device is not allowed to write it (the permission table).
    NotPermitted,
    /// It is sealed under a key this device does not hold (yet: the
    /// rotation that brings it may still be on its way).
    UnknownKey,
    /// Applying it failed for another reason.
    NotApplied,
}

impl QuarantineReason {
    /// The reason an error from applying a record amounts to.
    pub(crate) fn of(error: &Error) -> Self {
        match error {
            Error::SyncProtocol(_) => Self::Unreadable,
            Error::RecordNotPermitted => Self::NotPermitted,
            Error::EnvelopeTampered => Self::ScopeMismatch,
            Error::Sqlite(rusqlite::Error::SqliteFailure(failure, _))
                if failure.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_FOREIGNKEY =>
            {
                Self::UnknownReference
            }
            _ => Self::NotApplied,
        }
    }

    /// The reason a signature that is not believed amounts to.
    pub(crate) fn of_signature(problem: CertificateError) -> Self {
        match problem {
            CertificateError::UnknownDevice => Self::UnknownSigner,
            CertificateError::Revoked => Self::RevokedSigner,
            _ => Self::BadSignature,
        }
    }

    fn parse(code: &str) -> Self {
        [
            Self::Unreadable,
            Self::NewerSchema,
            Self::UnknownReference,
            Self::ScopeMismatch,
            Self::FutureStamp,
            Self::UnknownSigner,
            Self::BadSignature,
            Self::RevokedSigner,
            Self::NotPermitted,
            Self::UnknownKey,
        ]
        .into_iter()
        .find(|reason| code_of(reason) == code)
        .unwrap_or(Self::NotApplied)
    }
}

/// A record set aside, as a supervisor sees it: what it is, which device
/// wrote it, why and when. Never its content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct QuarantinedRecord {
    pub envelope_id: Uuid,
    pub kind: String,
    pub record_id: Uuid,
    /// The device named in the record's stamp.
    pub from_device: Option<Uuid>,
    pub reason: QuarantineReason,
    pub quarantined_at: DateTime<Utc>,
}

/// Sets `envelope` aside with `reason`, audited, in the caller's transaction.
pub(crate) fn hold(
    connection: &Connection,
    envelope: &Envelope,
    reason: QuarantineReason,
    actor: Uuid,
    now: DateTime<Utc>,
) -> Result<()> {
    let sealed = serde_json::to_string(envelope)
        .map_err(|error| Error::SyncProtocol(format!("an envelope cannot be kept: {error}")))?;
    let inserted = connection
        .prepare_cached(
            "INSERT INTO sync_quarantine (envelope_id, kind, record_id, version, envelope,
                                          reason, quarantined_at, app_version)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT (envelope_id) DO UPDATE SET
                reason = excluded.reason, app_version = excluded.app_version",
        )?
        .execute(params![
            envelope.id.to_string(),
            envelope.kind.code(),
            envelope.record_id.to_string(),
            envelope.version,
            sealed,
            code_of(&reason),
            now.to_rfc3339(),
            APP_VERSION,
        ])?;
    if inserted > 0 {
        audit::record(
            connection,
            Some(actor),
            AuditEvent::new(AuditAction::RecordQuarantined)
                .target("envelope", envelope.id)
                .details(serde_json::json!({
                    "kind": envelope.kind.code(),
                    "reason": code_of(&reason),
                })),
            now,
        )?;
    }
    Ok(())
}

/// Takes a record out of the quarantine: it was applied on a retry.
pub(crate) fn release(connection: &Connection, envelope_id: Uuid) -> Result<()> {
    connection
        .prepare_cached("DELETE FROM sync_quarantine WHERE envelope_id = ?1")?
        .execute([envelope_id.to_string()])?;
    Ok(())
}

/// How many records are set aside.
pub(crate) fn count(connection: &Connection) -> Result<u32> {
    Ok(connection.query_row("SELECT count(*) FROM sync_quarantine", [], |row| row.get(0))?)
}

/// Every record set aside, newest first.
pub(crate) fn list(connection: &Connection) -> Result<Vec<QuarantinedRecord>> {
    let mut statement = connection.prepare(
        "SELECT envelope_id, kind, record_id, version, reason, quarantined_at
         FROM sync_quarantine ORDER BY quarantined_at DESC, envelope_id",
    )?;
    let records = statement
        .query_map([], |row| {
            Ok(QuarantinedRecord {
                envelope_id: parse_uuid(row, 0)?,
                kind: row.get(1)?,
                record_id: parse_uuid(row, 2)?,
                from_device: row
                    .get::<_, String>(3)?
                    .parse::<Stamp>()
                    .ok()
                    .map(|stamp| stamp.device),
                reason: QuarantineReason::parse(&row.get::<_, String>(4)?),
                quarantined_at: parse_time(row, 5)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(records)
}

/// The records worth another try: those set aside by an older version of
/// the app, those held for their stamp (time may have caught up) and those
/// that named something or someone this device did not know yet (it may
/// have arrived).
pub(crate) fn due_for_retry(connection: &Connection) -> Result<Vec<Envelope>> {
    let mut statement = connection.prepare(
        "SELECT envelope FROM sync_quarantine
         WHERE app_version <> ?1 OR reason IN (?2, ?3, ?4, ?5)
         ORDER BY quarantined_at, envelope_id",
    )?;
    let sealed: Vec<String> = statement
        .query_map(
            params![
                APP_VERSION,
                code_of(&QuarantineReason::FutureStamp),
                code_of(&QuarantineReason::UnknownReference),
                code_of(&QuarantineReason::UnknownSigner),
                code_of(&QuarantineReason::UnknownKey)
            ],
            |row| row.get(0),
        )?
        .collect::<rusqlite::Result<_>>()?;
    sealed
        .iter()
        .map(|text| {
            serde_json::from_str(text).map_err(|_| {
                Error::DatabaseCorrupt("a quarantined envelope is not readable".into())
            })
        })
        .collect()
}
