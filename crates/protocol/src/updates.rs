//! Updates the organisation controls: a supervisor device signs the
//! description of the release its laptops may install, and each laptop
//! checks that signature against the same certificate chain it checks every
//! envelope with, before it offers the update to anyone.
//!
//! The release description itself is Tauri's static update JSON (version,
//! notes, and per platform the package's address and its minisign signature),
//! carried as text so that the exact bytes the supervisor saw are the bytes
//! signed. Tauri's updater then checks the downloaded package against the
//! release key built into the app, so installing needs both: the
//! organisation's word that this release is wanted, and the release key's
//! word that the package is the one the project built.

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::envelope::base64_bytes;
use crate::identity::{CertificateError, DeviceCertificate, TrustStore};
use crate::role::Role;
use crate::signatures::verify_signature;

/// The file name a server or an update folder serves the manifest under.
pub const UPDATE_MANIFEST_FILE: &str = "manifest.json";

/// A release description and a supervisor device's signature of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SignedUpdateManifest {
    pub organisation_id: Uuid,
    /// Tauri's static update JSON, as text.
    pub release: String,
    /// The newest record schema the release reads: records quarantined as
    /// written by a newer version name the update that will apply them.
    pub reads_record_schema: u32,
    pub signed_at: DateTime<Utc>,
    /// The supervisor device that signed.
    pub signed_by: Uuid,
    #[serde(with = "base64_bytes")]
    pub signature: Vec<u8>,
}

impl SignedUpdateManifest {
    /// What the supervisor device signs: the fields in a fixed text form,
    /// the release last and whole, so no field can run into another.
    pub fn signed_message(&self) -> Vec<u8> {
        format!(
            "hotline-desk/update/v1\n{}\n{}\n{}\n{}\n{}",
            self.organisation_id,
            self.reads_record_schema,
            self.signed_at.to_rfc3339_opts(SecondsFormat::AutoSi, true),
            self.signed_by,
            BASE64.encode(self.release.as_bytes()),
        )
        .into_bytes()
    }
}

impl TrustStore {
    /// The certificate of the supervisor device that signed `manifest`:
    /// of this organisation, trusted, a supervisor's, not revoked before it
    /// signed, and its key made the signature.
    pub fn signer_of_update(
        &self,
        manifest: &SignedUpdateManifest,
    ) -> Result<&DeviceCertificate, CertificateError> {
        if manifest.organisation_id != self.organisation_id() {
            return Err(CertificateError::OtherOrganisation);
        }
        let signer = self
            .certificate(manifest.signed_by)
            .ok_or(CertificateError::UnknownDevice)?;
        if signer.role != Role::Supervisor {
            return Err(CertificateError::UnknownIssuer);
        }
        if self
            .revocation(signer.device_id)
            .is_some_and(|revocation| revocation.revoked_at <= manifest.signed_at)
        {
            return Err(CertificateError::Revoked);
        }
        if !verify_signature(
            &signer.signing_key,
            &manifest.signed_message(),
            &manifest.signature,
        ) {
            return Err(CertificateError::BadSignature);
        }
        Ok(signer)
    }
}

#[cfg(test)]
mod tests {
    use chrono::Duration;
    use ring::signature::Ed25519KeyPair;

    use super::*;
    use crate::identity::Revocation;
    use crate::region::Region;
    use crate::test_devices::{joined, now, root};

    const RELEASE: &str = r#"{"version":"1.5.0","notes":"Labojumi","platforms":{"linux-x86_64":{"url":"https://updates.example/hotline-desk_1.5.0_amd64.AppImage.tar.gz","signature":"c2ln"}}}"#;

    fn signed_by(signer: &DeviceCertificate, key: &Ed25519KeyPair) -> SignedUpdateManifest {
        let mut manifest = SignedUpdateManifest {
            organisation_id: signer.organisation_id,
            release: RELEASE.to_owned(),
            reads_record_schema: 4,
            signed_at: now() + Duration::hours(2),
            signed_by: signer.device_id,
            signature: Vec::new(),
        };
        manifest.signature = key.sign(&manifest.signed_message()).as_ref().to_vec();
        manifest
    }

    #[test]
    fn a_supervisors_signed_manifest_is_believed() {
        let (root, root_key) = root();
        let (supervisor, key) = joined(&root, &root_key, 20, Role::Supervisor, Region::Latgale);
        let mut trust = TrustStore::new(root.clone()).expect("trust");
        trust.admit(supervisor.clone()).expect("admitted");
        assert_eq!(
            trust
                .signer_of_update(&signed_by(&root, &root_key))
                .map(|signer| signer.device_id),
            Ok(root.device_id)
        );
        assert_eq!(
            trust
                .signer_of_update(&signed_by(&supervisor, &key))
                .map(|signer| signer.device_id),
            Ok(supervisor.device_id)
        );
    }

    /// Guards the signature check in `signer_of_update`: a relay or a folder
    /// that changes one letter of the release (the package's address, its
    /// version) after a supervisor signed it is refused.
    #[test]
    fn a_release_changed_after_signing_is_refused() {
        let (root, root_key) = root();
        let trust = TrustStore::new(root.clone()).expect("trust");
        let mut manifest = signed_by(&root, &root_key);
        manifest.release = manifest.release.replace("1.5.0", "1.6.0");
        assert_eq!(
            trust.signer_of_update(&manifest),
            Err(CertificateError::BadSignature)
        );
        let mut manifest = signed_by(&root, &root_key);
        manifest.reads_record_schema = 9;
        assert_eq!(
            trust.signer_of_update(&manifest),
            Err(CertificateError::BadSignature)
        );
    }

    /// Guards the role check: an enrolled consultant's laptop, hostile but
    /// with a valid certificate, cannot choose what the organisation installs.
    #[test]
    fn a_consultants_signature_is_refused() {
        let (root, root_key) = root();
        let (consultant, key) = joined(&root, &root_key, 30, Role::Consultant, Region::Kurzeme);
        let mut trust = TrustStore::new(root).expect("trust");
        trust.admit(consultant.clone()).expect("admitted");
        assert_eq!(
            trust.signer_of_update(&signed_by(&consultant, &key)),
            Err(CertificateError::UnknownIssuer)
        );
    }

    /// Guards the revocation check: a stolen supervisor's laptop, revoked,
    /// cannot publish a release after its revocation.
    #[test]
    fn a_revoked_supervisors_later_signature_is_refused() {
        let (root, root_key) = root();
        let (supervisor, key) = joined(&root, &root_key, 20, Role::Supervisor, Region::Riga);
        let mut trust = TrustStore::new(root.clone()).expect("trust");
        trust.admit(supervisor.clone()).expect("admitted");
        let mut revocation = Revocation {
            organisation_id: root.organisation_id,
            device_id: supervisor.device_id,
            revoked_at: now() + Duration::hours(1),
            revoked_by: root.device_id,
            signature: Vec::new(),
        };
        revocation.signature = root_key
            .sign(&revocation.signed_message())
            .as_ref()
            .to_vec();
        trust.revoke(revocation).expect("revoked");
        assert_eq!(
            trust.signer_of_update(&signed_by(&supervisor, &key)),
            Err(CertificateError::Revoked)
        );
    }

    #[test]
    fn another_organisations_or_an_unknown_devices_manifest_is_refused() {
        let (root, root_key) = root();
        let trust = TrustStore::new(root.clone()).expect("trust");
        let mut manifest = signed_by(&root, &root_key);
        manifest.organisation_id = Uuid::from_u128(77);
        assert_eq!(
            trust.signer_of_update(&manifest),
            Err(CertificateError::OtherOrganisation)
        );
        let mut manifest = signed_by(&root, &root_key);
        manifest.signed_by = Uuid::from_u128(78);
        assert_eq!(
            trust.signer_of_update(&manifest),
            Err(CertificateError::UnknownDevice)
        );
    }
}
