//! What a report counts of a finished call, read from `call_fact` (migrations
//! 21, 24 and 26): one row per call, kept by triggers in the transaction that
//! writes the call, ordered by when the call started. A report reads one range
//! of that table and decodes no JSON; the values are borrowed from the row, so
//! a year of calls is counted without an allocation per call.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, Row};

use super::model::ReportRequest;
use crate::calls::started_ms;
use crate::error::{Error, Result};

/// A finished call as reports count it. Codes are the stored JSON's own
/// spellings (`code_of`), so each matches the key of its report row.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CallFacts<'a> {
    /// Milliseconds since 1970 when the call started.
    pub started_ms: i64,
    pub region: &'a str,
    pub line: Option<&'a str>,
    pub direction: Option<&'a str>,
    pub caller_role: Option<&'a str>,
    pub gender: Option<&'a str>,
    pub age_group: Option<&'a str>,
    pub language: Option<&'a str>,
    pub country: Option<&'a str>,
    pub risk: Option<&'a str>,
    pub outcome: Option<&'a str>,
    /// The case reference, or what an anonymised call kept of it.
    pub case_ref: Option<&'a str>,
    subjects: &'a str,
    referrals: &'a str,
    pub follow_up_due: Option<&'a str>,
    pub follow_up_done_at: Option<&'a str>,
    /// The observed indicator groups' codes separated by spaces; empty when
    /// screened with none observed, none when the call was not screened.
    pub indicators: Option<&'a str>,
}

/// One referral of a call: the directory entry (none when typed by hand)
/// and its status code (none on calls logged before statuses were kept).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ReferralFact<'a> {
    pub entry: Option<&'a str>,
    pub status: Option<&'a str>,
}

impl<'a> CallFacts<'a> {
    fn from_row(row: &'a Row<'_>) -> rusqlite::Result<Self> {
        let text =
            |index| -> rusqlite::Result<Option<&str>> { Ok(row.get_ref(index)?.as_str_or_null()?) };
        Ok(Self {
            started_ms: started_ms(row.get(0)?),
            region: row.get_ref(1)?.as_str()?,
            line: text(2)?,
            direction: text(3)?,
            caller_role: text(4)?,
            gender: text(5)?,
            age_group: text(6)?,
            language: text(7)?,
            country: text(8)?,
            risk: text(9)?,
            outcome: text(10)?,
            case_ref: text(11)?,
            subjects: row.get_ref(12)?.as_str()?,
            referrals: row.get_ref(13)?.as_str()?,
            follow_up_due: text(14)?,
            follow_up_done_at: text(15)?,
            indicators: text(16)?,
        })
    }

    /// The call's subject codes.
    pub fn subjects(&self) -> impl Iterator<Item = &'a str> {
        self.subjects.split_ascii_whitespace()
    }

    pub fn referrals(&self) -> impl Iterator<Item = ReferralFact<'a>> {
        self.referrals.split_ascii_whitespace().map(|pair| {
            let (entry, status) = pair.split_once(':').unwrap_or((pair, ""));
            ReferralFact {
                entry: (entry != "-").then_some(entry),
                status: (!status.is_empty()).then_some(status),
            }
        })
    }

    /// The follow-up's due day, and the instant it was done.
    pub fn follow_up(&self) -> Result<Option<(NaiveDate, Option<DateTime<Utc>>)>> {
        let Some(due) = self.follow_up_due else {
            return Ok(None);
        };
        let due = due
            .parse::<NaiveDate>()
            .map_err(|_| corrupt("a follow-up's day"))?;
        let done = self
            .follow_up_done_at
            .map(|done| {
                DateTime::parse_from_rfc3339(done)
                    .map(|done| done.with_timezone(&Utc))
                    .map_err(|_| corrupt("a follow-up's time"))
            })
            .transpose()?;
        Ok(Some((due, done)))
    }
}

fn corrupt(what: &str) -> Error {
    Error::DatabaseCorrupt(format!("{what} in the report columns is not valid"))
}

/// Calls `each` with the facts of every finished call that started on the
/// period's Rīga days in its regions, oldest first. `request` must be
/// normalised (its regions never empty).
pub(crate) fn for_each(
    connection: &Connection,
    request: &ReportRequest,
    mut each: impl FnMut(&CallFacts<'_>) -> Result<()>,
) -> Result<()> {
    let mut values = request.key_bounds();
    let regions = request.region_placeholders(&mut values);
    let mut statement = connection.prepare_cached(&format!(
        "SELECT key, region, line, direction, caller_role, gender, age_group, language, country,
                risk, outcome, coalesce(case_ref, case_key), subjects, referrals, follow_up_due,
                follow_up_done_at, indicators
         FROM call_fact
         WHERE key >= ?1 AND key < ?2 AND region IN ({regions})
         ORDER BY key"
    ))?;
    let mut rows = statement.query(rusqlite::params_from_iter(values))?;
    while let Some(row) = rows.next()? {
        each(&CallFacts::from_row(row)?)?;
    }
    Ok(())
}
