//! Device identity: every device signs what it writes with its own Ed25519
//! key, and a certificate binds that key to the device's id, role and region.
//!
//! The organisation's first supervisor device signs its own certificate: the
//! root, pinned in every enrolment package. Every other certificate is made
//! by the joining device itself, under an [`EnrolmentGrant`] a supervisor
//! device signed: the grant names the device, its role and region and a
//! one-time grant key, whose private half travels in the sealed package and
//! signs the device's certificate once. So a device's private key never
//! leaves the device, and no device can give itself a role no supervisor
//! granted. A supervisor revokes a device with a signed [`Revocation`].
//!
//! Laptops and the relay check the same chain ([`TrustStore`]); what is
//! signed is a fixed text form of the fields ([`DeviceCertificate::signed_message`]
//! and its kin), never JSON, so both sides sign and check the same bytes.

use std::collections::BTreeMap;

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::envelope::{base64_bytes, Envelope};
use crate::region::Region;
use crate::role::Role;
use crate::signatures::{is_sound_public_key, verify_all, verify_signature, SignatureCheck};
use crate::stamp::Stamp;

/// An X25519 public key's length.
pub const AGREEMENT_KEY_LEN: usize = 32;

/// A supervisor device's permission for one new device to join with the
/// role and region it names, until it expires.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EnrolmentGrant {
    pub organisation_id: Uuid,
    pub device_id: Uuid,
    pub role: Role,
    pub region: Region,
    /// The public half of the one-time key that signs the device's certificate.
    #[serde(with = "base64_bytes")]
    pub grant_key: Vec<u8>,
    pub issued_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    /// The supervisor device that signed the grant.
    pub issued_by: Uuid,
    #[serde(with = "base64_bytes")]
    pub signature: Vec<u8>,
}

impl EnrolmentGrant {
    /// What the issuing device signs.
    pub fn signed_message(&self) -> Vec<u8> {
        format!(
            "hotline-desk/grant/v1\n{}\n{}\n{}\n{}\n{}\n{}\n{}\n{}",
            self.organisation_id,
            self.device_id,
            self.role.code(),
            self.region.code(),
            BASE64.encode(&self.grant_key),
            time(self.issued_at),
            time(self.expires_at),
            self.issued_by,
        )
        .into_bytes()
    }
}

/// A device's public identity: the key that signs everything it writes, and
/// what it may write ([`crate::permissions`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DeviceCertificate {
    pub organisation_id: Uuid,
    pub device_id: Uuid,
    pub role: Role,
    pub region: Region,
    #[serde(with = "base64_bytes")]
    pub signing_key: Vec<u8>,
    /// The device's X25519 public key: a supervisor's device seals new keys
    /// to it when it rotates them after a revocation.
    #[serde(with = "base64_bytes")]
    pub agreement_key: Vec<u8>,
    pub issued_at: DateTime<Utc>,
    /// The grant it was made under; `None` for the organisation's root,
    /// which signs itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grant: Option<EnrolmentGrant>,
    /// By the grant key, or by the root's own key.
    #[serde(with = "base64_bytes")]
    pub signature: Vec<u8>,
}

impl DeviceCertificate {
    /// What the grant key (or the root's own key) signs. It names the grant
    /// by its signature, so a certificate cannot be moved to another grant.
    pub fn signed_message(&self) -> Vec<u8> {
        let grant = self.grant.as_ref().map_or_else(
            || "root".to_owned(),
            |grant| BASE64.encode(&grant.signature),
        );
        format!(
            "hotline-desk/certificate/v1\n{}\n{}\n{}\n{}\n{}\n{}\n{}\n{grant}",
            self.organisation_id,
            self.device_id,
            self.role.code(),
            self.region.code(),
            BASE64.encode(&self.signing_key),
            BASE64.encode(&self.agreement_key),
            time(self.issued_at),
        )
        .into_bytes()
    }

    pub fn is_root(&self) -> bool {
        self.grant.is_none()
    }

    /// A root certificate checked on its own: a supervisor device's,
    /// signed by its own key.
    pub fn check_root(&self) -> Result<(), CertificateError> {
        if !self.is_root() || self.role != Role::Supervisor {
            return Err(CertificateError::NotRoot);
        }
        if !is_sound_public_key(&self.signing_key) {
            return Err(CertificateError::UnsoundKey);
        }
        if !verify_signature(&self.signing_key, &self.signed_message(), &self.signature) {
            return Err(CertificateError::BadSignature);
        }
        Ok(())
    }
}

/// A supervisor device's word that a device is revoked: what it signs after
/// `revoked_at` is not believed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Revocation {
    pub organisation_id: Uuid,
    pub device_id: Uuid,
    pub revoked_at: DateTime<Utc>,
    pub revoked_by: Uuid,
    #[serde(with = "base64_bytes")]
    pub signature: Vec<u8>,
}

impl Revocation {
    pub fn signed_message(&self) -> Vec<u8> {
        format!(
            "hotline-desk/revocation/v1\n{}\n{}\n{}\n{}",
            self.organisation_id,
            self.device_id,
            time(self.revoked_at),
            self.revoked_by,
        )
        .into_bytes()
    }
}

/// The certificates and revocations of one organisation, as
/// `GET /v2/certificates` serves them.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Certificates {
    pub certificates: Vec<DeviceCertificate>,
    pub revocations: Vec<Revocation>,
}

/// Why a certificate, a revocation or a signed envelope is not believed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CertificateError {
    #[error("it belongs to another organisation")]
    OtherOrganisation,
    #[error("it is not a supervisor device's self-signed root certificate")]
    NotRoot,
    #[error("its issuer is not a trusted supervisor device")]
    UnknownIssuer,
    #[error("its issuer had been revoked before it was issued")]
    IssuerRevoked,
    #[error("it does not match the grant it was made under")]
    GrantMismatch,
    #[error("its grant had expired")]
    GrantExpired,
    #[error("a signature does not verify")]
    BadSignature,
    #[error("its signing key is not a sound Ed25519 key (of small order or with a torsion part)")]
    UnsoundKey,
    #[error("this device already joined with another certificate")]
    AlreadyJoined,
    #[error("no trusted certificate names this device")]
    UnknownDevice,
    #[error("the device was revoked before it signed this")]
    Revoked,
}

/// An organisation's certificates that chain to its pinned root, and the
/// revocations its supervisor devices signed: what a laptop and the relay
/// believe about who signed what.
#[derive(Debug, Clone)]
pub struct TrustStore {
    root: DeviceCertificate,
    certificates: BTreeMap<Uuid, DeviceCertificate>,
    revocations: BTreeMap<Uuid, Revocation>,
}

impl TrustStore {
    /// Trust starting from `root`, the certificate every enrolment package pins.
    pub fn new(root: DeviceCertificate) -> Result<Self, CertificateError> {
        root.check_root()?;
        let mut certificates = BTreeMap::new();
        certificates.insert(root.device_id, root.clone());
        Ok(Self {
            root,
            certificates,
            revocations: BTreeMap::new(),
        })
    }

    pub fn root(&self) -> &DeviceCertificate {
        &self.root
    }

    pub fn organisation_id(&self) -> Uuid {
        self.root.organisation_id
    }

    pub fn certificate(&self, device_id: Uuid) -> Option<&DeviceCertificate> {
        self.certificates.get(&device_id)
    }

    pub fn revocation(&self, device_id: Uuid) -> Option<&Revocation> {
        self.revocations.get(&device_id)
    }

    pub fn certificates(&self) -> impl Iterator<Item = &DeviceCertificate> {
        self.certificates.values()
    }

    pub fn revocations(&self) -> impl Iterator<Item = &Revocation> {
        self.revocations.values()
    }

    /// Checks `certificate` against its grant and the grant against a
    /// trusted supervisor device, then trusts it. The same certificate again
    /// is harmless; another one for a device already trusted is refused.
    pub fn admit(&mut self, certificate: DeviceCertificate) -> Result<(), CertificateError> {
        self.check(&certificate)?;
        match self.certificates.get(&certificate.device_id) {
            Some(known) if *known == certificate => Ok(()),
            Some(_) => Err(CertificateError::AlreadyJoined),
            None => {
                self.certificates.insert(certificate.device_id, certificate);
                Ok(())
            }
        }
    }

    /// The checks of [`Self::admit`], without trusting.
    pub fn check(&self, certificate: &DeviceCertificate) -> Result<(), CertificateError> {
        if certificate.organisation_id != self.organisation_id() {
            return Err(CertificateError::OtherOrganisation);
        }
        let Some(grant) = &certificate.grant else {
            return if *certificate == self.root {
                Ok(())
            } else {
                Err(CertificateError::UnknownIssuer)
            };
        };
        if (
            grant.organisation_id,
            grant.device_id,
            grant.role,
            grant.region,
        ) != (
            certificate.organisation_id,
            certificate.device_id,
            certificate.role,
            certificate.region,
        ) {
            return Err(CertificateError::GrantMismatch);
        }
        if !is_sound_public_key(&certificate.signing_key) {
            return Err(CertificateError::UnsoundKey);
        }
        let issuer = self
            .certificates
            .get(&grant.issued_by)
            .filter(|issuer| issuer.role == Role::Supervisor)
            .ok_or(CertificateError::UnknownIssuer)?;
        if self
            .revocations
            .get(&grant.issued_by)
            .is_some_and(|revocation| revocation.revoked_at <= grant.issued_at)
        {
            return Err(CertificateError::IssuerRevoked);
        }
        if !verify_signature(
            &issuer.signing_key,
            &grant.signed_message(),
            &grant.signature,
        ) || !verify_signature(
            &grant.grant_key,
            &certificate.signed_message(),
            &certificate.signature,
        ) {
            return Err(CertificateError::BadSignature);
        }
        if certificate.issued_at > grant.expires_at {
            return Err(CertificateError::GrantExpired);
        }
        Ok(())
    }

    /// Trusts every certificate and revocation that chains to the root, in
    /// whatever order they come; returns the device ids of those that do not.
    pub fn admit_all(&mut self, list: Certificates) -> Vec<(Uuid, CertificateError)> {
        let mut waiting_certificates = list.certificates;
        let mut waiting_revocations = list.revocations;
        loop {
            let before = waiting_certificates.len() + waiting_revocations.len();
            waiting_revocations.retain(|revocation| self.revoke(revocation.clone()).is_err());
            waiting_certificates.retain(|certificate| self.admit(certificate.clone()).is_err());
            if waiting_certificates.len() + waiting_revocations.len() == before {
                break;
            }
        }
        let mut refused: Vec<(Uuid, CertificateError)> = waiting_certificates
            .into_iter()
            .map(|certificate| {
                let error = self
                    .check(&certificate)
                    .err()
                    .unwrap_or(CertificateError::AlreadyJoined);
                (certificate.device_id, error)
            })
            .collect();
        refused.extend(waiting_revocations.into_iter().map(|revocation| {
            let error = self.revoke(revocation.clone()).err();
            (
                revocation.device_id,
                error.unwrap_or(CertificateError::UnknownIssuer),
            )
        }));
        refused
    }

    /// Believes `revocation` if a trusted supervisor device signed it; the
    /// earliest revocation of a device is the one that counts.
    pub fn revoke(&mut self, revocation: Revocation) -> Result<(), CertificateError> {
        if revocation.organisation_id != self.organisation_id() {
            return Err(CertificateError::OtherOrganisation);
        }
        if !self.certificates.contains_key(&revocation.device_id) {
            return Err(CertificateError::UnknownDevice);
        }
        let revoker = self
            .certificates
            .get(&revocation.revoked_by)
            .filter(|revoker| revoker.role == Role::Supervisor)
            .ok_or(CertificateError::UnknownIssuer)?;
        if !verify_signature(
            &revoker.signing_key,
            &revocation.signed_message(),
            &revocation.signature,
        ) {
            return Err(CertificateError::BadSignature);
        }
        let earliest = self
            .revocations
            .get(&revocation.device_id)
            .is_none_or(|known| revocation.revoked_at < known.revoked_at);
        if earliest {
            self.revocations.insert(revocation.device_id, revocation);
        }
        Ok(())
    }

    /// The certificate of the device that signed `envelope`: the device its
    /// version names, trusted, not revoked before the version's time, whose
    /// key made the envelope's signature.
    pub fn signer_of(&self, envelope: &Envelope) -> Result<&DeviceCertificate, CertificateError> {
        self.signers_of(&[envelope])
            .pop()
            .unwrap_or(Err(CertificateError::UnknownDevice))
    }

    /// [`Self::signer_of`] for each of `envelopes`, in their order, with the
    /// signatures checked all at once ([`verify_all`]).
    pub fn signers_of(
        &self,
        envelopes: &[&Envelope],
    ) -> Vec<Result<&DeviceCertificate, CertificateError>> {
        let claimed: Vec<Result<(Stamp, &DeviceCertificate), CertificateError>> = envelopes
            .iter()
            .map(|envelope| {
                let stamp: Stamp = envelope
                    .version
                    .parse()
                    .map_err(|_| CertificateError::UnknownDevice)?;
                let certificate = self
                    .certificate(stamp.device)
                    .ok_or(CertificateError::UnknownDevice)?;
                Ok((stamp, certificate))
            })
            .collect();
        let messages: Vec<Option<Vec<u8>>> = envelopes
            .iter()
            .zip(&claimed)
            .map(|(envelope, claimed)| claimed.is_ok().then(|| envelope.signed_message()))
            .collect();
        let checks: Vec<SignatureCheck<'_>> = envelopes
            .iter()
            .zip(&claimed)
            .zip(&messages)
            .filter_map(|((envelope, claimed), message)| {
                Some(SignatureCheck {
                    public_key: &claimed.as_ref().ok()?.1.signing_key,
                    message: message.as_deref()?,
                    signature: &envelope.signature,
                })
            })
            .collect();
        let mut verified = verify_all(&checks).into_iter();
        claimed
            .into_iter()
            .map(|claimed| {
                let (stamp, certificate) = claimed?;
                if !verified.next().unwrap_or(false) {
                    return Err(CertificateError::BadSignature);
                }
                if let Some(revocation) = self.revocation(stamp.device) {
                    let revoked_millis =
                        u64::try_from(revocation.revoked_at.timestamp_millis()).unwrap_or(0);
                    if stamp.millis >= revoked_millis {
                        return Err(CertificateError::Revoked);
                    }
                }
                Ok(certificate)
            })
            .collect()
    }
}

/// Times as signed: RFC 3339 in UTC with as many fractional digits as the
/// value has, the form JSON carries them in, so both sides sign the same text.
fn time(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

#[cfg(test)]
mod tests {
    use chrono::Duration;
    use ring::signature::{Ed25519KeyPair, KeyPair as _};

    use super::*;
    use crate::envelope::RecordKind;
    use crate::scope::Scope;
    use crate::signatures::PUBLIC_KEY_LEN;
    use crate::test_devices::{joined, key_pair, now, root};

    fn signed_envelope(key: &Ed25519KeyPair, device: Uuid, millis: u64) -> Envelope {
        let version = Stamp {
            millis,
            counter: 0,
            device,
        };
        let mut envelope = Envelope {
            id: Envelope::id_for(RecordKind::Call, Uuid::from_u128(5), &version),
            kind: RecordKind::Call,
            record_id: Uuid::from_u128(5),
            version: version.to_string(),
            scope: Scope::Region(Region::Latgale),
            key_epoch: 0,
            nonce: vec![1; crate::NONCE_LEN],
            ciphertext: vec![2; 40],
            signature: Vec::new(),
        };
        envelope.signature = key.sign(&envelope.signed_message()).as_ref().to_vec();
        envelope
    }

    #[test]
    fn a_chain_from_the_root_through_a_supervisor_is_trusted_in_any_order() {
        let (root, root_key) = root();
        let (supervisor, supervisor_key) =
            joined(&root, &root_key, 20, Role::Supervisor, Region::Kurzeme);
        let (consultant, _) = joined(
            &supervisor,
            &supervisor_key,
            30,
            Role::Consultant,
            Region::Latgale,
        );
        let json = serde_json::to_string(&consultant).expect("json");
        assert_eq!(
            serde_json::from_str::<DeviceCertificate>(&json).expect("parse"),
            consultant,
            "the signed text survives the wire"
        );
        let mut trust = TrustStore::new(root.clone()).expect("root");
        let refused = trust.admit_all(Certificates {
            certificates: vec![consultant.clone(), supervisor, root],
            revocations: Vec::new(),
        });
        assert!(refused.is_empty(), "{refused:?}");
        assert_eq!(trust.certificate(consultant.device_id), Some(&consultant));
    }

    /// Guards the grant comparison in `TrustStore::check`: a consultant
    /// device's certificate cannot claim a role its grant did not give.
    #[test]
    fn a_device_cannot_raise_its_own_role_or_change_its_region() {
        let (root, root_key) = root();
        let (consultant, _) = joined(&root, &root_key, 30, Role::Consultant, Region::Latgale);
        let trust = TrustStore::new(root).expect("root");
        let mut raised = consultant.clone();
        raised.role = Role::Supervisor;
        assert_eq!(trust.check(&raised), Err(CertificateError::GrantMismatch));
        let mut moved = consultant;
        moved.region = Region::Riga;
        assert_eq!(trust.check(&moved), Err(CertificateError::GrantMismatch));
    }

    /// Guards the issuer lookup and both signature checks in `TrustStore::check`.
    #[test]
    fn only_a_trusted_supervisor_device_can_grant() {
        let (root, root_key) = root();
        let (consultant, consultant_key) =
            joined(&root, &root_key, 30, Role::Consultant, Region::Latgale);
        let mut trust = TrustStore::new(root.clone()).expect("root");
        trust.admit(consultant.clone()).expect("the consultant");
        let (granted_by_consultant, _) = joined(
            &consultant,
            &consultant_key,
            40,
            Role::Supervisor,
            Region::Riga,
        );
        assert_eq!(
            trust.check(&granted_by_consultant),
            Err(CertificateError::UnknownIssuer)
        );
        let (other_root, other_key) = root_with_id(Uuid::from_u128(10));
        let (foreign, _) = joined(&other_root, &other_key, 50, Role::Supervisor, Region::Riga);
        assert_eq!(trust.check(&foreign), Err(CertificateError::BadSignature));
        let mut resigned = consultant.clone();
        resigned.signing_key = key_pair().public_key().as_ref().to_vec();
        assert_eq!(trust.check(&resigned), Err(CertificateError::BadSignature));
        assert_eq!(trust.admit(resigned), Err(CertificateError::BadSignature));
        let mut other_agreement = consultant.clone();
        other_agreement.agreement_key = vec![9; AGREEMENT_KEY_LEN];
        assert_eq!(
            trust.check(&other_agreement),
            Err(CertificateError::BadSignature),
            "a swapped agreement key would let its holder read rotated keys"
        );
    }

    fn root_with_id(device: Uuid) -> (DeviceCertificate, Ed25519KeyPair) {
        let (mut root, _) = root();
        let key = key_pair();
        root.device_id = device;
        root.signing_key = key.public_key().as_ref().to_vec();
        root.signature = key.sign(&root.signed_message()).as_ref().to_vec();
        (root, key)
    }

    #[test]
    fn a_device_joins_once() {
        let (root, root_key) = root();
        let (first, _) = joined(&root, &root_key, 30, Role::Consultant, Region::Latgale);
        let mut trust = TrustStore::new(root.clone()).expect("root");
        trust.admit(first.clone()).expect("first");
        trust.admit(first).expect("the same certificate again");
        let (second, _) = joined(&root, &root_key, 30, Role::Consultant, Region::Latgale);
        assert_eq!(trust.admit(second), Err(CertificateError::AlreadyJoined));
    }

    /// Guards the order kept by `TrustStore::signers_of`: each envelope of a
    /// page gets its own answer, a bad one among many honest ones included.
    #[test]
    fn a_page_checked_at_once_names_each_envelopes_signer_or_problem() {
        let (root, root_key) = root();
        let (consultant, consultant_key) =
            joined(&root, &root_key, 30, Role::Consultant, Region::Latgale);
        let mut trust = TrustStore::new(root.clone()).expect("root");
        trust.admit(consultant.clone()).expect("admit");
        let at = u64::try_from(now().timestamp_millis()).expect("millis");
        let mut page: Vec<Envelope> = (0..120)
            .map(|index| match index % 2 {
                0 => signed_envelope(&consultant_key, consultant.device_id, at + index),
                _ => signed_envelope(&root_key, root.device_id, at + index),
            })
            .collect();
        page[7].ciphertext[0] ^= 1;
        page[64] = signed_envelope(&consultant_key, Uuid::from_u128(99), at);
        page[101] = signed_envelope(&consultant_key, root.device_id, at);
        let answers = trust.signers_of(&page.iter().collect::<Vec<_>>());
        assert_eq!(answers.len(), page.len());
        for (index, answer) in answers.into_iter().enumerate() {
            let expected = match index {
                7 | 101 => Err(CertificateError::BadSignature),
                64 => Err(CertificateError::UnknownDevice),
                _ if index % 2 == 0 => Ok(&consultant),
                _ => Ok(&root),
            };
            assert_eq!(answer, expected, "envelope {index}");
        }
    }

    /// Guards the `is_sound_public_key` checks in `TrustStore::check` and
    /// `DeviceCertificate::check_root`: a key of small order would let
    /// anyone's signature verify under it.
    #[test]
    fn a_certificate_with_a_small_order_key_is_refused() {
        let (root, root_key) = root();
        let mut trust = TrustStore::new(root.clone()).expect("root");
        let (mut consultant, _) = joined(&root, &root_key, 30, Role::Consultant, Region::Latgale);
        let mut identity_point = vec![0u8; PUBLIC_KEY_LEN];
        identity_point[0] = 1;
        consultant.signing_key = identity_point.clone();
        assert_eq!(trust.admit(consultant), Err(CertificateError::UnsoundKey));
        let mut weak_root = root;
        weak_root.signing_key = identity_point;
        assert_eq!(
            TrustStore::new(weak_root).err(),
            Some(CertificateError::UnsoundKey)
        );
    }

    /// Guards the signature and revocation checks in `TrustStore::signer_of`.
    #[test]
    fn an_envelope_is_believed_from_its_versions_device_until_revoked() {
        let (root, root_key) = root();
        let (consultant, consultant_key) =
            joined(&root, &root_key, 30, Role::Consultant, Region::Latgale);
        let mut trust = TrustStore::new(root.clone()).expect("root");
        trust.admit(consultant.clone()).expect("admit");
        let before = u64::try_from(now().timestamp_millis()).expect("millis");
        let envelope = signed_envelope(&consultant_key, consultant.device_id, before);
        assert_eq!(trust.signer_of(&envelope), Ok(&consultant));
        let claims_root = signed_envelope(&consultant_key, root.device_id, before);
        assert_eq!(
            trust.signer_of(&claims_root),
            Err(CertificateError::BadSignature)
        );
        let mut altered = envelope.clone();
        altered.ciphertext[0] ^= 1;
        assert_eq!(
            trust.signer_of(&altered),
            Err(CertificateError::BadSignature)
        );

        let mut revocation = Revocation {
            organisation_id: root.organisation_id,
            device_id: consultant.device_id,
            revoked_at: now() + Duration::hours(2),
            revoked_by: consultant.device_id,
            signature: Vec::new(),
        };
        revocation.signature = consultant_key
            .sign(&revocation.signed_message())
            .as_ref()
            .to_vec();
        assert_eq!(
            trust.revoke(revocation.clone()),
            Err(CertificateError::UnknownIssuer),
            "only a supervisor device revokes"
        );
        revocation.revoked_by = root.device_id;
        revocation.signature = root_key
            .sign(&revocation.signed_message())
            .as_ref()
            .to_vec();
        trust.revoke(revocation).expect("revoke");
        assert_eq!(trust.signer_of(&envelope), Ok(&consultant), "signed before");
        let after = before + 3 * 60 * 60 * 1000;
        let late = signed_envelope(&consultant_key, consultant.device_id, after);
        assert_eq!(trust.signer_of(&late), Err(CertificateError::Revoked));
    }
}
