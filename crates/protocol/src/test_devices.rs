//! Devices of a test organisation: a root supervisor device and devices
//! joined under grants it signed, each with its private key, for the tests
//! of what the trust store believes.

use chrono::{DateTime, Duration, Utc};
use ring::rand::SystemRandom;
use ring::signature::{Ed25519KeyPair, KeyPair as _};
use uuid::Uuid;

use crate::identity::{DeviceCertificate, EnrolmentGrant, AGREEMENT_KEY_LEN};
use crate::region::Region;
use crate::role::Role;

pub(crate) fn key_pair() -> Ed25519KeyPair {
    let pkcs8 = Ed25519KeyPair::generate_pkcs8(&SystemRandom::new()).expect("pkcs8");
    Ed25519KeyPair::from_pkcs8(pkcs8.as_ref()).expect("key pair")
}

pub(crate) fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-12-05T09:30:00.123456Z")
        .expect("time")
        .with_timezone(&Utc)
}

/// An organisation's root device and its key.
pub(crate) fn root() -> (DeviceCertificate, Ed25519KeyPair) {
    let key = key_pair();
    let mut root = DeviceCertificate {
        organisation_id: Uuid::from_u128(1),
        device_id: Uuid::from_u128(10),
        role: Role::Supervisor,
        region: Region::Riga,
        signing_key: key.public_key().as_ref().to_vec(),
        agreement_key: vec![4; AGREEMENT_KEY_LEN],
        issued_at: now(),
        grant: None,
        signature: Vec::new(),
    };
    root.signature = key.sign(&root.signed_message()).as_ref().to_vec();
    (root, key)
}

/// A device joined under a grant `issuer` signed, and the device's key.
pub(crate) fn joined(
    issuer: &DeviceCertificate,
    issuer_key: &Ed25519KeyPair,
    device: u128,
    role: Role,
    region: Region,
) -> (DeviceCertificate, Ed25519KeyPair) {
    let grant_key = key_pair();
    let mut grant = EnrolmentGrant {
        organisation_id: issuer.organisation_id,
        device_id: Uuid::from_u128(device),
        role,
        region,
        grant_key: grant_key.public_key().as_ref().to_vec(),
        issued_at: now(),
        expires_at: now() + Duration::days(7),
        issued_by: issuer.device_id,
        signature: Vec::new(),
    };
    grant.signature = issuer_key.sign(&grant.signed_message()).as_ref().to_vec();
    let key = key_pair();
    let mut certificate = DeviceCertificate {
        organisation_id: grant.organisation_id,
        device_id: grant.device_id,
        role,
        region,
        signing_key: key.public_key().as_ref().to_vec(),
        agreement_key: vec![5; AGREEMENT_KEY_LEN],
        issued_at: now() + Duration::hours(1),
        grant: Some(grant),
        signature: Vec::new(),
    };
    certificate.signature = grant_key
        .sign(&certificate.signed_message())
        .as_ref()
        .to_vec();
    (certificate, key)
}
