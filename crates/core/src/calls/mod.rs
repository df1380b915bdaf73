//! Call logging: the record a consultant fills in during a call, drafts that
//! survive a crash, finished calls whose edits keep every version, repeat
//! callers recognised without storing their number, and finding calls again.

pub(crate) mod caller_number;
pub(crate) mod caller_seen;
pub mod case_ref;
mod cases;
pub mod countries;
mod follow_ups;
mod log;
mod query;
mod record;
mod retention;
pub(crate) mod retention_rule;
mod riga_time;
pub mod sample;
mod screening;
mod statistics_only;

pub use crate::categories::{Line, Subject};
pub use caller_number::normalise as normalise_caller_number;
pub use case_ref::is_case_ref;
pub use cases::{Case, CaseMatch};
pub use follow_ups::Colleague;
pub(crate) use log::{
    current_stamp, first_text_key, started_ms, store_version, write_details, VersionRow,
};
pub use log::{CallLog, CallVersion, RepeatCaller};
pub use query::{CallFilter, CallPage, FollowUpItem, CALL_PAGE};
pub use record::{
    calls_from_json, AgeGroup, CallDetails, CallOutcome, CallStatus, CallerLanguage, CallerRole,
    Completeness, ContactBack, Direction, FollowUp, Gender, Referral, ReferralStatus, RiskLevel,
    SharedDetail, StoredCall,
};
pub(crate) use retention::{apply_removal, removal_at, removal_of, Removal};
pub use retention::{Retention, RetentionHold, RetentionRun, CONFIRM_ABOVE};
pub use retention_rule::{RetentionRule, DEFAULT_RETENTION_YEARS, MAX_RETENTION_YEARS};
pub use riga_time::riga_day;
pub(crate) use riga_time::riga_day_start;
pub use screening::TraffickingIndicator;
