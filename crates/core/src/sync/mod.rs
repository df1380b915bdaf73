//! Offline sync, end-to-end encrypted: local changes are stamped and queued
//! ([`outbox`]), sealed into envelopes under the organisation's or a region's
//! key ([`envelope`], [`keys`]), pushed to and pulled from
//! `hotline-sync-server` ([`client`], [`protocol`]), and applied so that every
//! device converges ([`records`]). Devices join with a sealed enrolment
//! package ([`enrolment`]) that a supervisor issues ([`devices`]).

pub mod client;
mod devices;
mod engine;
pub mod enrolment;
pub mod envelope;
pub mod keys;
pub(crate) mod outbox;
pub mod protocol;
mod records;
pub mod stamp;
pub(crate) mod store;

pub use devices::{
    DeviceEnrolment, DeviceList, DeviceRegistry, EnrolmentIssued, NewDevice, Revoked,
    SavedEnrolment,
};
pub use engine::{Replica, SyncReport, SyncRunner};
pub use enrolment::EnrolmentCode;
pub use envelope::{Envelope, RecordKind, Scope};
pub use protocol::DeviceInfo;
pub use stamp::Stamp;
pub use store::{Registered, Registration, SyncState, SyncStatus};
