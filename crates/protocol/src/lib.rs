//! hotline-protocol: what crosses the wire between a Hotline Desk laptop and
//! `hotline-sync-server`, and nothing else.
//!
//! Both sides build on this crate so they cannot drift, and the relay builds
//! without the laptop's store, crypto or exporters: it never holds a sealing
//! key, so it needs only the routing fields of an [`Envelope`], the [`Scope`]
//! rule of who may receive what, the device certificates and the
//! [`permissions`] table of who may write what (both checked with public
//! keys only), the messages, the limits and the error codes.
//! `docs/sync-protocol.md` describes the exchange.

mod envelope;
mod error;
pub mod framing;
pub mod identity;
pub mod limits;
mod messages;
pub mod permissions;
mod region;
mod role;
mod scope;
pub mod signatures;
mod stamp;
#[cfg(test)]
mod test_devices;
pub mod updates;

pub use envelope::{base64_bytes, Envelope, RecordKind, NONCE_LEN, TAG_LEN};
pub use error::{ProtocolError, ServerErrorCode};
pub use messages::{
    DeviceInfo, DeviceToken, EnrolDevice, ErrorBody, Health, JoinDevice, PullResponse,
    PulledEnvelope, PushRequest, PushResponse, RegisterOrganisation, AUTHORIZATION,
    PROTOCOL_VERSION, REGISTRATION_SECRET,
};
pub use region::Region;
pub use role::Role;
pub use scope::Scope;
pub use stamp::Stamp;
