//! Key rotation on revocation. A revoked device, and anyone who copied its
//! store or opened its enrolment package, holds the organisation's key and
//! its region's: revoking it makes a new key, a new *epoch*, for every scope
//! it could read. The revoking supervisor's device seals each new key to
//! every remaining device that may read the scope, with the X25519 key its
//! certificate names (ephemeral-static ECDH, HKDF-SHA256, AES-256-GCM), and
//! syncs the sealed keys as one signed record only supervisors may write.
//! New envelopes use the newest epoch; older epochs stay, so what was
//! written before still opens.
//!
//! A supervisor's device also shares rotated keys with devices no rotation
//! reached: one enrolled while the rotation was on its way
//! ([`share_missing`]). Two supervisors rotating in the same second make two
//! keys of one epoch; both are kept ([`super::keys::install`]).
//!
//! The record itself is sealed under the organisation's first key, which
//! every device ever enrolled holds, so a device that was offline through
//! several rotations can still read each one; what it carries is readable
//! only by the device each key is sealed to.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use ring::aead::{Aad, LessSafeKey, Nonce, UnboundKey, AES_256_GCM, NONCE_LEN};
use ring::hkdf;
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use x25519_dalek::{PublicKey, StaticSecret};
use zeroize::Zeroizing;

use super::identity;
use super::keys::{self, SyncKey};
use crate::changes::outbox;
use crate::error::{Error, Result};
use crate::store::crypto::fill_random;
use hotline_protocol::base64_bytes;
use hotline_protocol::identity::{DeviceCertificate, TrustStore, AGREEMENT_KEY_LEN};
use hotline_protocol::{RecordKind, Scope};

const CONTEXT: &str = "hotline-desk/key-rotation/v1";

/// One new key, sealed to one device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct SealedKey {
    pub device_id: Uuid,
    pub scope: Scope,
    pub epoch: u32,
    /// The sender's one-time X25519 public key.
    #[serde(with = "base64_bytes")]
    ephemeral_key: Vec<u8>,
    #[serde(with = "base64_bytes")]
    nonce: Vec<u8>,
    /// The 32-byte key and its GCM tag.
    #[serde(with = "base64_bytes")]
    ciphertext: Vec<u8>,
}

/// The new keys one revocation made, each sealed to every device that may
/// read its scope; or, with no revoked device, keys a supervisor shared with
/// devices that no rotation reached ([`share_missing`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct RotationRecord {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revoked_device: Option<Uuid>,
    pub rotated_at: DateTime<Utc>,
    pub keys: Vec<SealedKey>,
}

/// Makes a new epoch of every scope the revoked device could read (every
/// scope this device holds when its certificate never reached this one),
/// keeps the new keys here and queues them, sealed to every other trusted,
/// unrevoked device that may read them, for the next push. `trust` already
/// believes the revocation.
pub(crate) fn rotate(
    connection: &Connection,
    trust: &TrustStore,
    revoked: Uuid,
    now: DateTime<Utc>,
) -> Result<RotationRecord> {
    let held = keys::load(connection)?;
    let own_device = crate::changes::clock::device_id(connection)?;
    let epoch = keys::next_epoch(&held, now);
    let rotated: Vec<Scope> = held
        .scopes()
        .filter(|scope| {
            trust
                .certificate(revoked)
                .is_none_or(|certificate| scope.readable_by(certificate.role, certificate.region))
        })
        .collect();
    let recipients: Vec<&DeviceCertificate> = trust
        .certificates()
        .filter(|certificate| {
            certificate.device_id != own_device
                && certificate.device_id != revoked
                && trust.revocation(certificate.device_id).is_none()
        })
        .collect();
    let mut sealed = Vec::new();
    for scope in rotated {
        let key = SyncKey::generate()?;
        keys::store(connection, scope, epoch, &key)?;
        for recipient in &recipients {
            if scope.readable_by(recipient.role, recipient.region) {
                sealed.push(seal_to(recipient, scope, epoch, &key)?);
            }
        }
    }
    queue(
        connection,
        RotationRecord {
            revoked_device: Some(revoked),
            rotated_at: now,
            keys: sealed,
        },
        now,
    )
}

/// Seals every rotated key this device holds to each trusted, unrevoked
/// device that may read its scope and that no rotation or share kept here
/// sealed it to: a laptop enrolled while another supervisor's rotation was
/// on its way, whose certificate that supervisor had not seen yet, would
/// otherwise never read what is sealed under the new epoch. `None` when
/// every device already has its keys.
pub(crate) fn share_missing(
    connection: &Connection,
    trust: &TrustStore,
    now: DateTime<Utc>,
) -> Result<Option<RotationRecord>> {
    let held = keys::load(connection)?;
    let own_device = crate::changes::clock::device_id(connection)?;
    let sealed_counts = sealed_counts(connection)?;
    let mut sealed = Vec::new();
    for recipient in trust.certificates().filter(|certificate| {
        certificate.device_id != own_device && trust.revocation(certificate.device_id).is_none()
    }) {
        for (scope, key) in held.all().filter(|(scope, key)| {
            key.epoch > 0 && scope.readable_by(recipient.role, recipient.region)
        }) {
            let already = sealed_counts
                .get(&(recipient.device_id, scope, key.epoch))
                .copied()
                .unwrap_or(0);
            if already < held.at_epoch(scope, key.epoch).len() {
                sealed.push(seal_to(recipient, scope, key.epoch, key.key)?);
            }
        }
    }
    if sealed.is_empty() {
        return Ok(None);
    }
    queue(
        connection,
        RotationRecord {
            revoked_device: None,
            rotated_at: now,
            keys: sealed,
        },
        now,
    )
    .map(Some)
}

/// How many keys of each scope and epoch the rotations kept here sealed to
/// each device.
fn sealed_counts(connection: &Connection) -> Result<HashMap<(Uuid, Scope, u32), usize>> {
    let mut statement = connection.prepare("SELECT record FROM key_rotation")?;
    let records = statement.query_map([], |row| row.get::<_, String>(0))?;
    let mut counts = HashMap::new();
    for record in records {
        let record: RotationRecord = serde_json::from_str(&record?).map_err(|error| {
            Error::DatabaseCorrupt(format!("a kept key rotation cannot be read: {error}"))
        })?;
        for sealed in record.keys {
            *counts
                .entry((sealed.device_id, sealed.scope, sealed.epoch))
                .or_insert(0) += 1;
        }
    }
    Ok(counts)
}

/// Keeps `record` here and queues it for the next push.
fn queue(
    connection: &Connection,
    record: RotationRecord,
    now: DateTime<Utc>,
) -> Result<RotationRecord> {
    let id = Uuid::new_v4();
    let stamp = outbox::record_change(connection, RecordKind::KeyRotation, id, now)?;
    keep(connection, id, &stamp.to_string(), &record)?;
    Ok(record)
}

/// Installs the keys of `record` sealed to this device. A key this device
/// already holds under the same epoch is kept as it is.
pub(crate) fn apply(
    connection: &Connection,
    id: Uuid,
    stamp: &str,
    record: &RotationRecord,
) -> Result<()> {
    let own_device = crate::changes::clock::device_id(connection)?;
    let secret = identity::agreement_secret(connection)?;
    for sealed in record.keys.iter().filter(|key| key.device_id == own_device) {
        let key = open(&secret, sealed)?;
        keys::install(connection, sealed.scope, sealed.epoch, &key)?;
    }
    keep(connection, id, stamp, record)
}

fn keep(connection: &Connection, id: Uuid, stamp: &str, record: &RotationRecord) -> Result<()> {
    let json = serde_json::to_string(record).map_err(|error| {
        Error::DatabaseCorrupt(format!("a key rotation cannot be kept: {error}"))
    })?;
    connection.execute(
        "INSERT INTO key_rotation (id, stamp, record) VALUES (?1, ?2, ?3)
         ON CONFLICT (id) DO NOTHING",
        params![id.to_string(), stamp, json],
    )?;
    Ok(())
}

/// The rotation record `id` as it was written at `stamp`, for sealing.
pub(crate) fn record_at(connection: &Connection, id: Uuid, stamp: &str) -> Result<Option<String>> {
    use rusqlite::OptionalExtension as _;
    Ok(connection
        .query_row(
            "SELECT record FROM key_rotation WHERE id = ?1 AND stamp = ?2",
            params![id.to_string(), stamp],
            |row| row.get(0),
        )
        .optional()?)
}

fn seal_to(
    recipient: &DeviceCertificate,
    scope: Scope,
    epoch: u32,
    key: &SyncKey,
) -> Result<SealedKey> {
    let recipient_key = public_key(&recipient.agreement_key)?;
    let mut ephemeral_bytes = Zeroizing::new([0u8; 32]);
    fill_random(ephemeral_bytes.as_mut())?;
    let ephemeral = StaticSecret::from(*ephemeral_bytes);
    let ephemeral_public = PublicKey::from(&ephemeral);
    let shared = ephemeral.diffie_hellman(&recipient_key);
    if !shared.was_contributory() {
        return Err(Error::SyncProtocol(
            "a device's agreement key is not usable; revoke and enrol it again".into(),
        ));
    }
    let context = context(recipient.device_id, scope, epoch);
    let wrapping = wrapping_key(
        shared.as_bytes(),
        &ephemeral_public,
        &recipient_key,
        &context,
    )?;
    let mut nonce = [0u8; NONCE_LEN];
    fill_random(&mut nonce)?;
    let mut ciphertext = key.bytes().to_vec();
    wrapping
        .seal_in_place_append_tag(
            Nonce::assume_unique_for_key(nonce),
            Aad::from(context.as_bytes()),
            &mut ciphertext,
        )
        .map_err(|_| Error::Random)?;
    Ok(SealedKey {
        device_id: recipient.device_id,
        scope,
        epoch,
        ephemeral_key: ephemeral_public.as_bytes().to_vec(),
        nonce: nonce.to_vec(),
        ciphertext,
    })
}

fn open(secret: &StaticSecret, sealed: &SealedKey) -> Result<SyncKey> {
    let ephemeral = public_key(&sealed.ephemeral_key)?;
    let shared = secret.diffie_hellman(&ephemeral);
    if !shared.was_contributory() {
        return Err(Error::EnvelopeTampered);
    }
    let context = context(sealed.device_id, sealed.scope, sealed.epoch);
    let wrapping = wrapping_key(
        shared.as_bytes(),
        &ephemeral,
        &PublicKey::from(secret),
        &context,
    )?;
    let nonce = <[u8; NONCE_LEN]>::try_from(sealed.nonce.as_slice())
        .map_err(|_| Error::EnvelopeTampered)?;
    let mut buffer = Zeroizing::new(sealed.ciphertext.clone());
    let plain = wrapping
        .open_in_place(
            Nonce::assume_unique_for_key(nonce),
            Aad::from(context.as_bytes()),
            &mut buffer,
        )
        .map_err(|_| Error::EnvelopeTampered)?;
    SyncKey::from_slice(plain).ok_or(Error::EnvelopeTampered)
}

/// What a sealed key is bound to: moved to another device, scope or epoch,
/// it does not open.
fn context(device: Uuid, scope: Scope, epoch: u32) -> String {
    format!("{CONTEXT}\n{device}\n{}\n{epoch}", scope.code())
}

/// The AES-256-GCM key for one sealed key: HKDF-SHA256 of the shared
/// secret, salted with both public keys, for this context only.
fn wrapping_key(
    shared: &[u8; 32],
    ephemeral: &PublicKey,
    recipient: &PublicKey,
    context: &str,
) -> Result<LessSafeKey> {
    let mut salt = [0u8; 64];
    salt[..32].copy_from_slice(ephemeral.as_bytes());
    salt[32..].copy_from_slice(recipient.as_bytes());
    let info = [context.as_bytes()];
    let secret = hkdf::Salt::new(hkdf::HKDF_SHA256, &salt).extract(shared);
    let okm = secret
        .expand(&info, &AES_256_GCM)
        .map_err(|_| Error::Random)?;
    Ok(LessSafeKey::new(UnboundKey::from(okm)))
}

fn public_key(bytes: &[u8]) -> Result<PublicKey> {
    <[u8; AGREEMENT_KEY_LEN]>::try_from(bytes)
        .map(PublicKey::from)
        .map_err(|_| Error::EnvelopeTampered)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::region::Region;
    use hotline_protocol::Role;

    fn device(secret: &StaticSecret) -> DeviceCertificate {
        DeviceCertificate {
            organisation_id: Uuid::nil(),
            device_id: Uuid::from_u128(7),
            role: Role::Consultant,
            region: Region::Kurzeme,
            signing_key: vec![0; 32],
            agreement_key: PublicKey::from(secret).as_bytes().to_vec(),
            issued_at: Utc::now(),
            grant: None,
            signature: vec![0; 64],
        }
    }

    fn secret() -> StaticSecret {
        let mut bytes = [0u8; 32];
        fill_random(&mut bytes).expect("random");
        StaticSecret::from(bytes)
    }

    #[test]
    fn a_sealed_key_opens_for_its_device_only() {
        let recipient = secret();
        let key = SyncKey::generate().expect("key");
        let scope = Scope::Region(Region::Kurzeme);
        let sealed = seal_to(&device(&recipient), scope, 5, &key).expect("seal");
        assert_eq!(
            open(&recipient, &sealed).expect("open").bytes(),
            key.bytes()
        );
        assert!(matches!(
            open(&secret(), &sealed),
            Err(Error::EnvelopeTampered)
        ));
    }

    #[test]
    fn a_sealed_key_moved_to_another_device_scope_or_epoch_does_not_open() {
        let recipient = secret();
        let key = SyncKey::generate().expect("key");
        let sealed =
            seal_to(&device(&recipient), Scope::Region(Region::Kurzeme), 5, &key).expect("seal");
        let moves: [fn(&mut SealedKey); 4] = [
            |sealed| sealed.device_id = Uuid::from_u128(8),
            |sealed| sealed.scope = Scope::Organisation,
            |sealed| sealed.epoch = 6,
            |sealed| sealed.ciphertext[0] ^= 1,
        ];
        for moved in moves {
            let mut tampered = sealed.clone();
            moved(&mut tampered);
            assert!(matches!(
                open(&recipient, &tampered),
                Err(Error::EnvelopeTampered)
            ));
        }
    }

    /// Guards the `was_contributory` check in `seal_to`: a certificate
    /// naming the all-zero point would make every "sealed" key readable by
    /// anyone, since the shared secret is then zero.
    #[test]
    fn a_low_order_agreement_key_is_refused() {
        let mut certificate = device(&secret());
        certificate.agreement_key = vec![0; 32];
        let key = SyncKey::generate().expect("key");
        assert!(seal_to(&certificate, Scope::Organisation, 1, &key).is_err());
    }
}
