//! The referral directory: where to send a caller (social services, police,
//! the labour inspectorate, shelters, legal aid, health care, embassies),
//! searchable offline as the consultant types, with shelters' real addresses
//! kept confidential, and CSV and Open Referral HSDS import and export.

mod csv_file;
mod directory;
mod entry;
pub mod hours;
mod hsds;
mod import_rows;
pub mod municipality;
pub mod phone;
mod transfer;

pub use crate::i18n::Texts;
pub(crate) use directory::write_entry_row as write_synced_entry;
pub use directory::{Directory, ReferralQuery};
pub use entry::{Area, ReferralEntry, ReferralInput, ServiceType, VERIFY_EVERY_MONTHS};
pub use municipality::{Municipality, MUNICIPALITIES};
pub use phone::Phone;
pub use transfer::{ExportOptions, ImportSummary, TransferFormat, STARTER_DIRECTORY_CSV};
