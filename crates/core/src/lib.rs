//! hotline-core: all of Hotline Desk's logic, with no UI and no Tauri.
//!
//! The desktop shell, the `hotline` CLI and the sync server are thin adapters
//! over this crate. It owns the encrypted store ([`store`]): one SQLCipher
//! database per device whose random data key is wrapped once per local account
//! ([`device`], [`session`]), and the domain modules built on it.
//!
//! Business rules take the current time as a parameter, so tests can pin it.

pub mod accounts;
pub mod audit;
pub mod audit_export;
pub mod backup;
pub mod backup_schedule;
pub mod calls;
pub mod categories;
mod changes;
mod codes;
mod csv_out;
pub mod device;
pub mod error;
pub mod i18n;
pub mod idle;
mod pdf;
pub mod preferences;
pub mod progress;
pub mod referrals;
pub mod region;
pub mod reports;
pub mod session;
pub mod store;
pub mod sync;
#[cfg(feature = "testkit")]
pub mod testkit;
pub mod updates;

pub use accounts::{Account, AccountChange, NewAccount, Organisation, Role};
pub use device::{AppStatus, Device, DeviceState, Enrolment, FirstRunSetup};
pub use error::{Error, ErrorCode, PublicError, Result};
pub use i18n::{Language, Localized};
pub use region::Region;
pub use session::{Session, SessionInfo, SessionReader};
pub use store::DataDir;
