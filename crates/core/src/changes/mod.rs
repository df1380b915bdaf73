//! Local changes to synced records: each is stamped by this device's clock
//! ([`clock`]) and queued in the outbox ([`outbox`]) in the same transaction
//! as the change. The domains write here; `sync` reads the outbox, seals and
//! pushes, so the domains never depend on sync.

pub(crate) mod clock;
pub(crate) mod outbox;

pub use hotline_protocol::{RecordKind, Stamp};
