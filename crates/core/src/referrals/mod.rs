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
mod synced;
mod transfer;

pub use crate::i18n::Texts;
pub use directory::{Directory, ReferralQuery, SEARCH_RESULTS};
pub use entry::{Area, ReferralEntry, ReferralInput, ServiceType, VERIFY_EVERY_MONTHS};
pub use municipality::{Municipality, MUNICIPALITIES};
pub use phone::Phone;
pub(crate) use synced::{apply as apply_synced, record_at as synced_record_at, ReferralRecord};
pub use synced::{ReferralConflict, ReferralVersion};
pub use transfer::{ExportOptions, ImportSummary, TransferFormat, STARTER_DIRECTORY_CSV};
