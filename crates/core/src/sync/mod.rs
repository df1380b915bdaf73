//! Offline sync, end-to-end encrypted: local changes are stamped and queued
//! ([`outbox`]), sealed into envelopes under the organisation's or a region's
//! key ([`envelope`], [`keys`]), pushed to and pulled from
//! `hotline-sync-server` ([`client`], [`protocol`]), and applied so that every
//! device converges ([`records`]). Devices join with a sealed enrolment
//! package ([`enrolment`]) that a supervisor issues ([`devices`]); revoking
//! one rotates the keys it held ([`rotation`]).

mod account_record;
pub mod client;
mod devices;
mod engine;
pub mod enrolment;
pub mod envelope;
pub(crate) mod identity;
pub mod keys;
mod operation;
mod quarantine;
mod records;
mod rotation;
pub(crate) mod store;

pub use devices::{
    DeviceEnrolment, DeviceList, DeviceRegistry, EnrolmentIssued, NewDevice, Revoked,
    SavedEnrolment,
};
pub use engine::{Replica, SyncProgress, SyncReport, SyncRunner};
pub use enrolment::EnrolmentCode;
pub use envelope::{Envelope, RecordKind, Scope, Stamp};
pub use hotline_protocol::DeviceInfo;
pub use operation::{run, EnrolDevice, ListDevices, Register, RevokeDevice, ServerOperation};
pub use quarantine::{QuarantineReason, QuarantinedRecord};
pub use records::RECORD_SCHEMA;
pub use store::{Registered, Registration, SyncState, SyncStatus};
