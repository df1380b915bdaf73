//! One shape for everything that waits on the sync server: registering the
//! organisation, enrolling, listing and revoking devices. A
//! [`ServerOperation`] is three steps, and [`run`] drives them through a
//! [`Replica`], the same way for the CLI (the session itself) and for the
//! app (its locked state, taken only for the store steps):
//!
//! 1. [`ServerOperation::prepare`] checks the request against the store and
//!    reads what the network step needs (store);
//! 2. [`ServerOperation::send`] talks to the server with no store at hand
//!    (network), so the window and other commands never wait on it;
//! 3. [`ServerOperation::complete`] records the outcome, audited (store).
//!
//! A sync round has the same store-network-store rhythm in
//! [`super::SyncRunner`], in a loop.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::devices::{
    DeviceEnrolment, DeviceList, DeviceRegistry, EnrolmentIssued, NewDevice, Revoked,
    SavedEnrolment,
};
use super::engine::Replica;
use super::store::{Registered, Registration, SyncState};
use crate::error::Result;
use hotline_protocol::identity::Revocation;

/// An operation that waits on the sync server, in three steps.
pub trait ServerOperation {
    /// What the store step hands the network step.
    type Request: Send + 'static;
    /// What the server answered, for the store to record.
    type Answer: Send + 'static;
    /// What the person who asked gets back.
    type Output;

    fn prepare(self, sync: &SyncState<'_>) -> Result<Self::Request>;
    fn send(request: Self::Request) -> Result<Self::Answer>;
    fn complete(sync: &SyncState<'_>, answer: Self::Answer) -> Result<Self::Output>;
}

/// Runs `operation`: its store steps through `replica`, its network step in
/// between with no store held.
pub fn run<O: ServerOperation>(replica: &impl Replica, operation: O) -> Result<O::Output> {
    let request = replica.sync_step(|sync| operation.prepare(sync))?;
    let answer = O::send(request)?;
    replica.sync_step(|sync| O::complete(sync, answer))
}

/// Registers the organisation on a server with this device as its first
/// (supervisor) device. `server_certificate` (PEM) is the organisation's own
/// certificate authority or the server's self-signed certificate, when the
/// server has no publicly trusted one; every device enrolled from here trusts
/// it alone.
#[derive(Debug, Clone)]
pub struct Register {
    pub server_url: String,
    pub server_certificate: Option<String>,
    /// The server's registration secret, when its operator set one (a
    /// server without one registers only requests from its own computer).
    pub registration_secret: Option<String>,
    pub device_name: String,
    pub now: DateTime<Utc>,
}

impl ServerOperation for Register {
    type Request = Registration;
    type Answer = Registered;
    type Output = ();

    fn prepare(self, sync: &SyncState<'_>) -> Result<Registration> {
        sync.prepare_registration(
            &self.server_url,
            self.server_certificate.as_deref(),
            self.registration_secret.as_deref(),
            &self.device_name,
            self.now,
        )
    }

    fn send(request: Registration) -> Result<Registered> {
        request.send()
    }

    fn complete(sync: &SyncState<'_>, answer: Registered) -> Result<()> {
        sync.complete_registration(answer)
    }
}

/// Enrols a new device (supervisors): the server issues its token, its
/// package is sealed under a new one-time code and written to `package`.
#[derive(Debug, Clone)]
pub struct EnrolDevice {
    pub device: NewDevice,
    /// Where the package is written, once the server has enrolled the device.
    pub package: PathBuf,
    pub now: DateTime<Utc>,
}

impl ServerOperation for EnrolDevice {
    type Request = DeviceEnrolment;
    type Answer = EnrolmentIssued;
    type Output = SavedEnrolment;

    fn prepare(self, sync: &SyncState<'_>) -> Result<DeviceEnrolment> {
        sync.prepare_enrolment(self.device, self.package, self.now)
    }

    fn send(request: DeviceEnrolment) -> Result<EnrolmentIssued> {
        request.send()
    }

    fn complete(sync: &SyncState<'_>, answer: EnrolmentIssued) -> Result<SavedEnrolment> {
        sync.complete_enrolment(&answer)?;
        answer.save()
    }
}

/// The organisation's devices as the server lists them (supervisors).
#[derive(Debug, Clone, Copy)]
pub struct ListDevices;

impl ServerOperation for ListDevices {
    type Request = DeviceRegistry;
    type Answer = DeviceList;
    type Output = DeviceList;

    fn prepare(self, sync: &SyncState<'_>) -> Result<DeviceRegistry> {
        sync.device_registry()
    }

    fn send(registry: DeviceRegistry) -> Result<DeviceList> {
        registry.list()
    }

    fn complete(_: &SyncState<'_>, answer: DeviceList) -> Result<DeviceList> {
        Ok(answer)
    }
}

/// Revokes a device (supervisors): its token stops working at once; what it
/// already pushed stays on the server.
#[derive(Debug, Clone, Copy)]
pub struct RevokeDevice {
    pub device_id: Uuid,
    pub now: DateTime<Utc>,
}

impl ServerOperation for RevokeDevice {
    /// The registry, and this device's signed revocation.
    type Request = (DeviceRegistry, Revocation);
    type Answer = Revoked;
    type Output = ();

    fn prepare(self, sync: &SyncState<'_>) -> Result<(DeviceRegistry, Revocation)> {
        Ok((
            sync.device_registry()?,
            sync.sign_revocation(self.device_id, self.now)?,
        ))
    }

    fn send((registry, revocation): (DeviceRegistry, Revocation)) -> Result<Revoked> {
        registry.revoke(revocation)
    }

    fn complete(sync: &SyncState<'_>, answer: Revoked) -> Result<()> {
        sync.complete_revocation(answer)
    }
}
