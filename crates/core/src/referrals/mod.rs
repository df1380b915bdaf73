//! The referral directory: where to send a caller (social services, police,
//! the labour inspectorate, shelters, legal aid, health care, embassies),
//! searchable offline as the consultant types, with shelters' real addresses
//! kept confidential, CSV and Open Referral HSDS import and export, and the
//! referral sheet printed for a caller.

pub(crate) mod csv_file;
mod directory;
mod entry;
pub mod hours;
mod hsds;
mod import_rows;
pub mod municipality;
pub mod phone;
mod sheet;
mod synced;
mod transfer;

pub use crate::i18n::Texts;
pub use directory::{Directory, ReferralQuery, RANKED_CANDIDATES, SEARCH_RESULTS};
pub use entry::{Area, ReferralEntry, ReferralInput, ServiceType, VERIFY_EVERY_MONTHS};
pub use municipality::{Municipality, MUNICIPALITIES};
pub use phone::Phone;
pub use sheet::{PrintedSheet, ReferralSheet, SheetContact, SheetLanguage, MOST_SHEET_CONTACTS};
pub(crate) use synced::{apply as apply_synced, record_at as synced_record_at, ReferralRecord};
pub use synced::{ReferralConflict, ReferralVersion};
pub use transfer::{ExportOptions, ImportSummary, TransferFormat, STARTER_DIRECTORY_CSV};
