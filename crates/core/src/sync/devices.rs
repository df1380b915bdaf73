//! A supervisor's devices on the sync server: enrolling a new one (its
//! package sealed under a one-time code), listing them, revoking one.
//!
//! These are the steps; [`super::operation`] runs them as one
//! [`super::ServerOperation`] each, so no network wait holds the store:
//!
//! - enrolling: [`SyncState::prepare_enrolment`] (store) →
//!   [`DeviceEnrolment::send`] (network, then sealing the package) →
//!   [`SyncState::complete_enrolment`] (store: the audit entry), then the
//!   package is saved;
//! - listing and revoking: [`SyncState::device_registry`] (store) →
//!   [`DeviceRegistry::list`] or [`DeviceRegistry::revoke`] (network) →
//!   [`SyncState::complete_revocation`] (store: the audit entry).

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use super::client::ServerClient;
use super::enrolment::{EnrolmentCode, EnrolmentContents};
use super::identity::{self, GrantWithKey};
use super::keys::KeyGrant;
use super::rotation;
use super::store::SyncState;
use crate::accounts::{checked_text, Organisation, Role};
use crate::audit::{AuditAction, AuditEvent};
use crate::calls::case_ref;
use crate::changes::clock;
use crate::error::Result;
use crate::region::Region;
use crate::store::write_atomically;
use hotline_protocol::identity::{DeviceCertificate, Revocation, TrustStore};
use hotline_protocol::{DeviceInfo, EnrolDevice};

/// A device a supervisor enrols.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewDevice {
    /// A name to recognise the device by in the device list ("Latgale laptop 2").
    pub device_name: String,
    pub role: Role,
    pub region: Region,
}

/// An enrolment checked against the store and ready to send: the request,
/// and the keys the new device may hold, read while the store was at hand.
#[derive(Debug)]
pub struct DeviceEnrolment {
    client: ServerClient,
    certificate: Option<String>,
    organisation: Organisation,
    request: EnrolDevice,
    expires_at: DateTime<Utc>,
    keys: KeyGrant,
    root_certificate: DeviceCertificate,
    grant: GrantWithKey,
    package_path: PathBuf,
}

impl DeviceEnrolment {
    /// Enrols the device on the server, then seals its package under a new
    /// one-time code (a key derivation of about half a second). Needs the
    /// network, not the store.
    pub fn send(self) -> Result<EnrolmentIssued> {
        let token = self.client.enrol(&self.request)?;
        let EnrolDevice {
            device_id,
            device_name,
            role,
            region,
        } = self.request;
        let contents = EnrolmentContents {
            server_url: self.client.server_url().to_owned(),
            server_certificate: self.certificate,
            organisation_id: self.organisation.id,
            organisation_name: self.organisation.name,
            organisation_created_at: self.organisation.created_at,
            device_id,
            device_name: device_name.clone(),
            device_token: token.device_token.into(),
            role,
            region,
            expires_at: self.expires_at,
            keys: self.keys,
            root_certificate: self.root_certificate,
            grant: self.grant,
        };
        let code = EnrolmentCode::generate()?;
        let package = contents.seal(&code)?;
        Ok(EnrolmentIssued {
            device_id,
            device_name,
            role,
            region,
            package,
            package_path: self.package_path,
            code,
            expires_at: self.expires_at,
        })
    }
}

/// The package to hand to the new device, and the code to read out to its user.
#[derive(Debug)]
pub struct EnrolmentIssued {
    pub device_id: Uuid,
    pub device_name: String,
    pub role: Role,
    pub region: Region,
    /// Sealed under `code`: useless without it, so it may travel as a file.
    pub package: String,
    /// Where [`Self::save`] writes the package.
    pub package_path: PathBuf,
    pub code: EnrolmentCode,
    pub expires_at: DateTime<Utc>,
}

impl EnrolmentIssued {
    /// Writes the package where the supervisor chose (atomically: a failed
    /// write leaves no half a package) and hands on what they still need to
    /// see, the code above all, which moves rather than being copied.
    pub fn save(self) -> Result<SavedEnrolment> {
        write_atomically(&self.package_path, format!("{}\n", self.package).as_bytes())?;
        Ok(SavedEnrolment {
            device_id: self.device_id,
            device_name: self.device_name,
            role: self.role,
            region: self.region,
            path: self.package_path.display().to_string(),
            code: self.code,
            expires_at: self.expires_at,
        })
    }
}

/// An enrolment whose package is saved: what the supervisor's screen shows
/// once, to read the code out and say where the file is.
#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SavedEnrolment {
    pub device_id: Uuid,
    pub device_name: String,
    pub role: Role,
    pub region: Region,
    /// Where the package was written.
    pub path: String,
    /// `XXXX-XXXX-XXXX-XXXX`; wiped here when the answer has been sent.
    #[ts(type = "string")]
    pub code: EnrolmentCode,
    pub expires_at: DateTime<Utc>,
}

/// The organisation's devices, and which of them this one is (it is not
/// offered for revoking: that would cut this device off).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DeviceList {
    pub this_device: Uuid,
    pub devices: Vec<DeviceInfo>,
}

/// A supervisor's way to the server's device list, checked against the
/// store and usable without it.
#[derive(Debug)]
pub struct DeviceRegistry {
    client: ServerClient,
    this_device: Uuid,
}

impl DeviceRegistry {
    pub fn list(&self) -> Result<DeviceList> {
        Ok(DeviceList {
            this_device: self.this_device,
            devices: self.client.devices()?,
        })
    }

    /// Revokes a device on the server with this device's signed
    /// revocation: its token stops working at once, and every device stops
    /// believing what it signs after. What it already pushed stays.
    /// [`SyncState::complete_revocation`] then rotates its keys.
    pub fn revoke(&self, revocation: Revocation) -> Result<Revoked> {
        self.client.revoke(&revocation)?;
        Ok(Revoked { revocation })
    }
}

/// A revocation the server accepted, for the key rotation and the audit log.
#[derive(Debug)]
#[must_use = "RevokeDevice rotates the revoked device's keys and audits it"]
pub struct Revoked {
    revocation: Revocation,
}

/// A new device's id whose case-reference code is no known device's, so the
/// references both hand out offline never collide ([`case_ref`]). With a
/// few dozen devices the first try almost always fits.
fn new_device_id(trust: &TrustStore) -> Uuid {
    loop {
        let candidate = Uuid::new_v4();
        if !case_ref::clashes(
            candidate,
            trust
                .certificates()
                .map(|certificate| certificate.device_id),
        ) {
            return candidate;
        }
    }
}

impl SyncState<'_> {
    /// Checks the request (supervisor, a device name, a server to enrol on)
    /// and gathers what the package will carry.
    pub(super) fn prepare_enrolment(
        &self,
        device: NewDevice,
        package_path: PathBuf,
        now: DateTime<Utc>,
    ) -> Result<DeviceEnrolment> {
        self.require_supervisor()?;
        let device_name = checked_text(&device.device_name, "deviceName", 100)?;
        let connection = self.connection()?;
        let trust = identity::trust_store(self.connection)?;
        let device_id = new_device_id(&trust);
        let expires_at = EnrolmentContents::expiry(now);
        Ok(DeviceEnrolment {
            client: connection.client()?,
            certificate: connection.certificate,
            organisation: self.organisation.clone(),
            request: EnrolDevice {
                device_id,
                device_name,
                role: device.role,
                region: device.region,
            },
            expires_at,
            keys: KeyGrant::for_device(self.connection, device.role, device.region)?,
            root_certificate: trust.root().clone(),
            grant: identity::issue_grant(
                self.connection,
                self.organisation.id,
                device_id,
                device.role,
                device.region,
                now,
                expires_at,
            )?,
            package_path,
        })
    }

    /// Records the enrolment in the audit log (the device, its role and
    /// region; never the code).
    pub(super) fn complete_enrolment(&self, issued: &EnrolmentIssued) -> Result<()> {
        self.audit(
            self.connection,
            AuditEvent::new(AuditAction::DeviceEnrolled)
                .target("device", issued.device_id)
                .details(serde_json::json!({
                    "role": issued.role.code(),
                    "region": issued.region.code(),
                })),
        )
    }

    pub(super) fn device_registry(&self) -> Result<DeviceRegistry> {
        self.require_supervisor()?;
        Ok(DeviceRegistry {
            client: self.connection()?.client()?,
            this_device: clock::device_id(self.connection)?,
        })
    }

    /// This (supervisor's) device's signed revocation of `device_id`.
    pub(super) fn sign_revocation(
        &self,
        device_id: Uuid,
        now: DateTime<Utc>,
    ) -> Result<Revocation> {
        self.require_supervisor()?;
        identity::revocation(self.connection, self.organisation.id, device_id, now)
    }

    /// Believes the revocation here at once and rotates every key the
    /// device could read: the new keys, sealed to each remaining device,
    /// leave with the next push. Audited with how many were sealed.
    pub(super) fn complete_revocation(&self, revoked: Revoked) -> Result<()> {
        let device_id = revoked.revocation.device_id;
        let now = revoked.revocation.revoked_at;
        let transaction = self.connection.unchecked_transaction()?;
        let trust = identity::believe_revocation(&transaction, revoked.revocation)?;
        let rotation = rotation::rotate(&transaction, &trust, device_id, now)?;
        self.audit(
            &transaction,
            AuditEvent::new(AuditAction::DeviceRevoked)
                .target("device", device_id)
                .details(serde_json::json!({ "keysSealed": rotation.keys.len() })),
        )?;
        transaction.commit()?;
        Ok(())
    }

    /// On a supervisor's device, shares rotated keys with every device no
    /// rotation reached ([`rotation::share_missing`]); audited with how
    /// many devices and keys. Other devices do nothing here: only a
    /// supervisor's key record is believed.
    pub(crate) fn share_missing_keys(&self, now: DateTime<Utc>) -> Result<()> {
        if !identity::is_supervisor_device(self.connection)? {
            return Ok(());
        }
        let transaction = self.connection.unchecked_transaction()?;
        let trust = identity::trust_store(&transaction)?;
        if let Some(shared) = rotation::share_missing(&transaction, &trust, now)? {
            let devices: std::collections::BTreeSet<Uuid> =
                shared.keys.iter().map(|key| key.device_id).collect();
            self.audit(
                &transaction,
                AuditEvent::new(AuditAction::KeysShared).details(serde_json::json!({
                    "devices": devices.len(),
                    "keysSealed": shared.keys.len(),
                })),
            )?;
        }
        transaction.commit()?;
        Ok(())
    }
}
