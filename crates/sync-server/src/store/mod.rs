//! Where the server keeps organisations, devices (with only the SHA-256 of
//! their tokens) and envelopes in arrival order.
//!
//! Envelopes are ciphertext plus routing fields; nothing here can be read
//! without the organisation's keys, which the server never receives. Two
//! backends speak the same contract: an embedded SQLite file (zero set-up) and
//! PostgreSQL (for deployments that outgrow one machine). Both commit a push
//! durably before it is acknowledged, and both hand out sequence numbers so
//! that an envelope never becomes visible behind one a puller has already
//! passed: a cursor that moved past `seq` never misses an envelope.

mod postgres;
mod sqlite;

use chrono::{DateTime, Utc};
use hotline_protocol::identity::{Certificates, DeviceCertificate, Revocation};
use hotline_protocol::{DeviceInfo, Envelope, PulledEnvelope, Region, Role, Scope};
use uuid::Uuid;

pub use self::postgres::PostgresStore;
pub use self::sqlite::SqliteStore;

/// The server's storage, whichever database holds it. Calls block; the HTTP
/// layer runs them off the async workers.
pub trait Store: Send + Sync + std::fmt::Debug {
    /// Creates the organisation and its first (supervisor) device together;
    /// that device's certificate is the organisation's root.
    fn register_organisation(
        &self,
        organisation_id: Uuid,
        first_device: NewDevice<'_>,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError>;

    /// A device a supervisor enrolled; it joins later ([`Store::join`]).
    fn enrol_device(
        &self,
        organisation_id: Uuid,
        device: NewDevice<'_>,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError>;

    /// The device holding `token_hash`, marked as seen now.
    fn authenticate(
        &self,
        token_hash: &[u8],
        now: DateTime<Utc>,
    ) -> Result<Option<Device>, StoreError>;

    fn devices(&self, organisation_id: Uuid) -> Result<Vec<DeviceInfo>, StoreError>;

    /// Revokes at once, keeping the supervisor's signed revocation for the
    /// devices; revoking twice keeps the first.
    fn revoke(
        &self,
        organisation_id: Uuid,
        revocation: &Revocation,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError>;

    /// Keeps an enrolled device's certificate (checked before) and replaces
    /// its enrolment token with its own: once only, `Conflict` after.
    fn join(
        &self,
        device: &Device,
        certificate: &DeviceCertificate,
        token_hash: &[u8],
    ) -> Result<(), StoreError>;

    /// Every joined device's certificate, the root's among them, and every
    /// revocation.
    fn certificates(&self, organisation_id: Uuid) -> Result<Certificates, StoreError>;

    /// Stores a batch in one transaction, ignoring envelope ids already held;
    /// returns (accepted, duplicates). A call's removal (anonymisation or
    /// erasure) deletes the call's earlier envelopes of the removal's scope,
    /// and a call envelope of that scope that arrives after its removal is
    /// ignored like a duplicate: the server keeps no more of a removed call
    /// than the devices do. Only within the scope: the pusher may use it
    /// (checked before), so a device cannot remove another region's calls by
    /// naming their ids.
    fn push(
        &self,
        device: &Device,
        envelopes: &[Envelope],
        now: DateTime<Utc>,
    ) -> Result<(u32, u32), StoreError>;

    /// Up to `limit` envelopes after `after` that `device` may receive, and
    /// whether more follow.
    fn pull(
        &self,
        device: &Device,
        after: u64,
        limit: usize,
    ) -> Result<(Vec<PulledEnvelope>, bool), StoreError>;

    /// How many envelopes after `after` the device may read: the total a
    /// progress bar counts towards.
    fn count_after(&self, device: &Device, after: u64) -> Result<u64, StoreError>;
}

/// A device as the server knows it, found by its token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Device {
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub role: Role,
    pub region: Region,
    pub revoked: bool,
    /// The public key of its certificate; `None` until it has joined.
    pub signing_key: Option<Vec<u8>>,
    /// Until when its enrolment token may join; `None` once joined.
    pub joins_before: Option<DateTime<Utc>>,
}

impl Device {
    /// The scopes this device may push and pull (`Scope::readable_by`).
    pub fn may_use(&self, scope: Scope) -> bool {
        scope.readable_by(self.role, self.region)
    }

    /// The codes of every scope this device may pull.
    fn scope_codes(&self) -> Vec<String> {
        Scope::all()
            .filter(|scope| self.may_use(*scope))
            .map(Scope::code)
            .collect()
    }
}

/// A device to insert, with its token's hash.
#[derive(Debug)]
pub struct NewDevice<'a> {
    pub id: Uuid,
    pub name: &'a str,
    pub role: Role,
    pub region: Region,
    pub token_hash: &'a [u8],
    /// The root's own certificate, for the first device; `None` for a
    /// device enrolled to join later.
    pub certificate: Option<&'a DeviceCertificate>,
    pub joins_before: Option<DateTime<Utc>>,
}

/// A stored certificate or revocation as JSON.
fn to_json(value: &impl serde::Serialize) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(|error| StoreError::Database(Box::new(error)))
}

/// The certificates and revocations from stored (certificate, revocation) rows.
fn certificates_from(rows: Vec<(String, Option<String>)>) -> Result<Certificates, StoreError> {
    let mut list = Certificates::default();
    for (certificate, revocation) in rows {
        list.certificates.push(
            serde_json::from_str(&certificate)
                .map_err(|_| StoreError::Unreadable("device.certificate"))?,
        );
        if let Some(revocation) = revocation {
            list.revocations.push(
                serde_json::from_str(&revocation)
                    .map_err(|_| StoreError::Unreadable("device.revocation"))?,
            );
        }
    }
    Ok(list)
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("already exists")]
    Conflict,
    #[error("not found")]
    NotFound,
    #[error("database error: {0}")]
    Database(#[source] Box<dyn std::error::Error + Send + Sync>),
    /// A stored value the server cannot read back (a damaged row).
    #[error("unreadable stored value in {0}")]
    Unreadable(&'static str),
}

impl From<rusqlite::Error> for StoreError {
    fn from(error: rusqlite::Error) -> Self {
        Self::Database(Box::new(error))
    }
}

impl From<::postgres::Error> for StoreError {
    fn from(error: ::postgres::Error) -> Self {
        Self::Database(Box::new(error))
    }
}

impl From<r2d2::Error> for StoreError {
    fn from(error: r2d2::Error) -> Self {
        Self::Database(Box::new(error))
    }
}
