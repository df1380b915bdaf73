//! Local changes to synced records: each is stamped by this device's clock
//! ([`clock`]) and queued in the outbox ([`outbox`]) in the same transaction
//! as the change, and signed with this device's key ([`device_key`]) where
//! the change is an audit entry. The domains write here; `sync` reads the
//! outbox, seals, signs and pushes, so the domains never depend on sync.

pub(crate) mod clock;
pub(crate) mod conflicts;
pub(crate) mod device_key;
pub(crate) mod outbox;
pub(crate) mod server_clock;

pub use hotline_protocol::{RecordKind, Stamp};
