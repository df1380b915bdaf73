//! One caller's calls, logged as the call form logs them, for the tests that
//! follow a caller across laptops (cases joined after sync, the marker that
//! a number called another region's line).

use chrono::{DateTime, Utc};

use crate::calls::{CallDetails, CallerRole, Line, StoredCall, Subject};
use crate::error::Result;
use crate::Session;

/// Logs a finished call from `number`, started at `started`, in the signed-in
/// account's home region: under the number's earlier case, or a new one.
pub fn log_call_from(
    session: &Session,
    number: &str,
    started: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<StoredCall> {
    let log = session.call_log();
    let draft = log.start(started)?;
    let repeat = log.set_caller_number(draft.id, number, now)?;
    let case_ref = match repeat.case_ref {
        Some(known) => known,
        None => log.next_case_ref()?,
    };
    let details = CallDetails {
        line: Some(Line::RIGA_LANDLINE),
        caller_role: Some(CallerRole::PersonAtRiskOrVictim),
        subjects: vec![Subject::JOB_OFFER_CHECK],
        notes: "Darba piedāvājums ārzemēs".into(),
        case_ref: Some(case_ref),
        ..CallDetails::starting(started, session.account().home_region)
    };
    log.finish(draft.id, details, now)
}
