//! This device's identity: its Ed25519 signing key (made here, kept only in
//! the encrypted store), its certificate, the organisation's pinned root,
//! and the other devices' certificates as far as they chain to that root.
//!
//! The certificate formats and checks are hotline-protocol's
//! ([`hotline_protocol::identity`]); this module makes and keeps them.
//!
//! - The device that registers the organisation signs its own certificate:
//!   the root ([`root_certificate`]).
//! - A supervisor's device enrolling a device signs an [`EnrolmentGrant`]
//!   with a one-time grant key ([`issue_grant`]); the package carries both.
//! - The new device makes its own key and signs its certificate with the
//!   grant key ([`join_under_grant`]), which is then forgotten. The first
//!   sync round sends the certificate to the server ([`super::engine`]),
//!   which accepts one certificate per device id.

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use chrono::{DateTime, Utc};
use ring::signature::{Ed25519KeyPair, KeyPair as _};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use x25519_dalek::{PublicKey, StaticSecret};
use zeroize::Zeroizing;

use crate::accounts::Role;
use crate::changes::device_key::new_pkcs8;
pub(crate) use crate::changes::device_key::signing_key;
use crate::error::{Error, Result};
use crate::region::Region;
use crate::store::crypto::fill_random;
use crate::store::{secrets, settings};
use hotline_protocol::identity::{
    Certificates, DeviceCertificate, EnrolmentGrant, Revocation, TrustStore,
};

const AGREEMENT_KEY: &str = "identity:agreement";
const ROOT: &str = "sync.root_certificate";
const OWN: &str = "sync.certificate";
const TRUSTED: &str = "sync.certificates";
/// Set while this device's certificate waits to reach the server.
const JOIN_PENDING: &str = "sync.join_pending";

/// This device's X25519 secret, made on first use: rotated keys are
/// sealed to its public half ([`super::rotation`]). ring keeps X25519
/// private keys ephemeral only, so this one is x25519-dalek's.
pub(crate) fn agreement_secret(connection: &Connection) -> Result<StaticSecret> {
    let mut bytes = Zeroizing::new([0u8; 32]);
    match secrets::get(connection, AGREEMENT_KEY)? {
        Some(stored) => {
            if stored.len() != bytes.len() {
                return Err(Error::DatabaseCorrupt(
                    "this device's agreement key is not valid".into(),
                ));
            }
            bytes.copy_from_slice(&stored);
        }
        None => {
            fill_random(bytes.as_mut())?;
            secrets::insert(connection, AGREEMENT_KEY, bytes.as_slice())?;
        }
    }
    Ok(StaticSecret::from(*bytes))
}

fn agreement_public_key(connection: &Connection) -> Result<Vec<u8>> {
    Ok(PublicKey::from(&agreement_secret(connection)?)
        .as_bytes()
        .to_vec())
}

fn key_pair(pkcs8: &[u8]) -> Result<Ed25519KeyPair> {
    Ed25519KeyPair::from_pkcs8(pkcs8).map_err(|_| Error::EnrolmentPackageInvalid)
}

fn sign(key: &Ed25519KeyPair, message: &[u8]) -> Vec<u8> {
    key.sign(message).as_ref().to_vec()
}

/// The self-signed certificate of the device registering the organisation.
pub(crate) fn root_certificate(
    connection: &Connection,
    organisation_id: Uuid,
    device_id: Uuid,
    region: Region,
    now: DateTime<Utc>,
) -> Result<DeviceCertificate> {
    let key = signing_key(connection)?;
    let mut root = DeviceCertificate {
        organisation_id,
        device_id,
        role: Role::Supervisor,
        region,
        signing_key: key.public_key().as_ref().to_vec(),
        agreement_key: agreement_public_key(connection)?,
        issued_at: now,
        grant: None,
        signature: Vec::new(),
    };
    root.signature = sign(&key, &root.signed_message());
    Ok(root)
}

/// A grant for one new device, and the private half of its one-time key,
/// which travels only inside the sealed package.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct GrantWithKey {
    pub grant: EnrolmentGrant,
    /// The grant key as base64 PKCS#8.
    grant_key: Zeroizing<String>,
}

/// The key is left out: printed, it would let its reader join as the device.
impl std::fmt::Debug for GrantWithKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GrantWithKey")
            .field("grant", &self.grant)
            .finish_non_exhaustive()
    }
}

/// What this (supervisor's) device signs to let `device_id` join.
pub(crate) fn issue_grant(
    connection: &Connection,
    organisation_id: Uuid,
    device_id: Uuid,
    role: Role,
    region: Region,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<GrantWithKey> {
    let issuer = own_certificate(connection)?.ok_or(Error::SyncNotConfigured)?;
    let key = signing_key(connection)?;
    let grant_pkcs8 = new_pkcs8()?;
    let grant_key = key_pair(&grant_pkcs8)?;
    let mut grant = EnrolmentGrant {
        organisation_id,
        device_id,
        role,
        region,
        grant_key: grant_key.public_key().as_ref().to_vec(),
        issued_at: now,
        expires_at,
        issued_by: issuer.device_id,
        signature: Vec::new(),
    };
    grant.signature = sign(&key, &grant.signed_message());
    Ok(GrantWithKey {
        grant,
        grant_key: Zeroizing::new(BASE64.encode(grant_pkcs8.as_slice())),
    })
}

/// This new device's certificate, made with its own new key and signed with
/// the package's grant key; kept with the pinned root until the first sync
/// round sends it to the server.
pub(crate) fn join_under_grant(
    connection: &Connection,
    root: &DeviceCertificate,
    granted: &GrantWithKey,
    now: DateTime<Utc>,
) -> Result<DeviceCertificate> {
    let invalid = || Error::EnrolmentPackageInvalid;
    root.check_root().map_err(|_| invalid())?;
    let grant = &granted.grant;
    if grant.organisation_id != root.organisation_id {
        return Err(invalid());
    }
    let grant_pkcs8 = Zeroizing::new(
        BASE64
            .decode(granted.grant_key.as_bytes())
            .map_err(|_| invalid())?,
    );
    let grant_key = key_pair(&grant_pkcs8)?;
    if grant_key.public_key().as_ref() != grant.grant_key.as_slice() {
        return Err(invalid());
    }
    let key = signing_key(connection)?;
    let mut certificate = DeviceCertificate {
        organisation_id: grant.organisation_id,
        device_id: grant.device_id,
        role: grant.role,
        region: grant.region,
        signing_key: key.public_key().as_ref().to_vec(),
        agreement_key: agreement_public_key(connection)?,
        issued_at: now,
        grant: Some(grant.clone()),
        signature: Vec::new(),
    };
    certificate.signature = sign(&grant_key, &certificate.signed_message());
    keep_identity(connection, root, &certificate)?;
    settings::set(connection, JOIN_PENDING, "1")?;
    Ok(certificate)
}

/// Pins `root` and keeps this device's own certificate.
pub(crate) fn keep_identity(
    connection: &Connection,
    root: &DeviceCertificate,
    own: &DeviceCertificate,
) -> Result<()> {
    settings::set(connection, ROOT, &to_json(root)?)?;
    settings::set(connection, OWN, &to_json(own)?)
}

/// This device's certificate; `None` before it registered or joined.
pub(crate) fn own_certificate(connection: &Connection) -> Result<Option<DeviceCertificate>> {
    settings::get(connection, OWN)?
        .map(|text| from_json(&text))
        .transpose()
}

/// Whether this device may act as a supervisor's: a supervisor device's
/// certificate, or no certificate at all (a device set up on its own is its
/// organisation's first, a supervisor's).
pub(crate) fn is_supervisor_device(connection: &Connection) -> Result<bool> {
    Ok(own_certificate(connection)?.is_none_or(|own| own.role == Role::Supervisor))
}

/// The certificate still to send to the server, if any.
pub(crate) fn pending_join(connection: &Connection) -> Result<Option<DeviceCertificate>> {
    if settings::get(connection, JOIN_PENDING)?.is_none() {
        return Ok(None);
    }
    own_certificate(connection)
}

pub(crate) fn joined(connection: &Connection) -> Result<()> {
    settings::remove(connection, JOIN_PENDING)
}

/// The certificates this device believes: from the pinned root, those
/// kept by [`keep_trusted`].
pub(crate) fn trust_store(connection: &Connection) -> Result<TrustStore> {
    let root: DeviceCertificate =
        from_json(&settings::get(connection, ROOT)?.ok_or(Error::SyncNotConfigured)?)?;
    let mut trust = TrustStore::new(root)
        .map_err(|_| Error::DatabaseCorrupt("the pinned root certificate is not valid".into()))?;
    if let Some(text) = settings::get(connection, TRUSTED)? {
        trust.admit_all(from_json(&text)?);
    }
    Ok(trust)
}

/// Checks the server's list from the pinned root and keeps what chains;
/// returns how many certificates or revocations did not.
pub(crate) fn keep_trusted(connection: &Connection, list: Certificates) -> Result<usize> {
    let mut trust = trust_store(connection)?;
    let refused = trust.admit_all(list);
    for (device, problem) in &refused {
        tracing::warn!(%device, %problem, "a certificate from the server was not trusted");
    }
    let kept = Certificates {
        certificates: trust.certificates().cloned().collect(),
        revocations: trust.revocations().cloned().collect(),
    };
    settings::set(connection, TRUSTED, &to_json(&kept)?)?;
    Ok(refused.len())
}

/// Believes this device's own `revocation` at once, without waiting for the
/// server's list to bring it back; returns the trust it then has.
pub(crate) fn believe_revocation(
    connection: &Connection,
    revocation: Revocation,
) -> Result<TrustStore> {
    keep_trusted(
        connection,
        Certificates {
            certificates: Vec::new(),
            revocations: vec![revocation],
        },
    )?;
    trust_store(connection)
}

/// This (supervisor's) device's signed revocation of `device_id`.
pub(crate) fn revocation(
    connection: &Connection,
    organisation_id: Uuid,
    device_id: Uuid,
    now: DateTime<Utc>,
) -> Result<Revocation> {
    let own = own_certificate(connection)?.ok_or(Error::SyncNotConfigured)?;
    let mut revocation = Revocation {
        organisation_id,
        device_id,
        revoked_at: now,
        revoked_by: own.device_id,
        signature: Vec::new(),
    };
    revocation.signature = sign(&signing_key(connection)?, &revocation.signed_message());
    Ok(revocation)
}

fn to_json(value: &impl Serialize) -> Result<String> {
    serde_json::to_string(value)
        .map_err(|error| Error::DatabaseCorrupt(format!("a certificate cannot be kept: {error}")))
}

fn from_json<T: serde::de::DeserializeOwned>(text: &str) -> Result<T> {
    serde_json::from_str(text).map_err(|error| {
        Error::DatabaseCorrupt(format!("a kept certificate is not valid: {error}"))
    })
}
