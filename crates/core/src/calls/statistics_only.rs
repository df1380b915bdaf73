//! What a call keeps once it is past the organisation's retention period,
//! and the clock that decides it: retention runs strip old calls down to
//! this, and a historical call entered today is stored this way from the
//! start (issue 11: accepted as statistics only, never stripped unseen).

use chrono::{DateTime, Months, Utc};
use rusqlite::Connection;

use super::record::{CallDetails, Referral};
use super::retention_rule;
use super::riga_time::{riga_day, riga_day_start};
use crate::changes::server_clock::{self, TOLERANCE};
use crate::error::Result;

/// A call as the statistics still count it, with nothing that could point
/// to the caller: no free text, case reference, contact preference or
/// free-text referral, and the time of day rounded to the day in Rīga. The
/// case reference leaves a keyed hash (`case_key`) so the call still counts
/// towards its case's person.
pub(crate) fn anonymised(details: &CallDetails, secret: &ring::hmac::Key) -> CallDetails {
    CallDetails {
        started_at: riga_day_start(riga_day(details.started_at)),
        ended_at: None,
        contact_back: None,
        advice_given: String::new(),
        notes: String::new(),
        case_ref: None,
        case_key: details
            .case_ref
            .as_deref()
            .map(|case_ref| super::caller_number::case_key(secret, case_ref))
            .or_else(|| details.case_key.clone()),
        referrals: details
            .referrals
            .iter()
            .map(|referral| Referral {
                to: if referral.entry_id.is_some() {
                    referral.to.clone()
                } else {
                    String::new()
                },
                ..referral.clone()
            })
            .collect(),
        ..details.clone()
    }
}

/// The latest "now" this laptop may anonymise as of; `None` when its clock
/// disagreed with the sync server's at the last pull. Past that pull, the
/// laptop's own clock counts for at most a day more, so a clock set years
/// ahead while offline gains nothing; a slow clock only anonymises later.
/// A laptop that never synced has nothing to check its clock against and
/// uses it, under the confirmation above [`CONFIRM_ABOVE`] calls.
pub(crate) fn trusted_now(
    connection: &Connection,
    now: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>> {
    Ok(match server_clock::last(connection)? {
        None => Some(now),
        Some(reading) if !reading.clocks_agree() => None,
        Some(reading) => {
            let since = (now - reading.local).clamp(chrono::Duration::zero(), TOLERANCE);
            Some(now.min(reading.server + since))
        }
    })
}

/// The start of the retention period as of `now` for a rule of `years`.
pub(crate) fn cutoff_from(now: DateTime<Utc>, years: u32) -> DateTime<Utc> {
    now.checked_sub_months(Months::new(years * 12))
        .unwrap_or(DateTime::<Utc>::MIN_UTC)
}

/// Whether a call that started at `started_at` is past the organisation's
/// retention period, as far as this laptop's clock can be trusted (not at
/// all when it disagreed with the sync server's).
pub(crate) fn is_past_retention(
    connection: &Connection,
    started_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<bool> {
    let years = retention_rule::current(connection)?.years;
    Ok(trusted_now(connection, now)?
        .is_some_and(|trusted| started_at < cutoff_from(trusted, years)))
}
