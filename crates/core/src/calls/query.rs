//! Finding calls: today's first, filters, diacritic-insensitive full-text
//! search over notes, and the follow-up list with overdue ones on top.
//! Consultants see their own region's calls; supervisors see every region.

use std::collections::HashMap;

use chrono::{Days, NaiveDate};
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use super::case_ref::normalise;
use super::follow_ups::Colleague;
use super::log::{call_from_row, first_text_key, CallLog, CALL_COLUMNS, CALL_COLUMN_COUNT};
use super::record::StoredCall;
use super::riga_time::riga_day_start;
use crate::accounts::all_accounts;
use crate::categories::Line;
use crate::categories::Subject;
use crate::codes::code_of;
use crate::error::{Error, InvalidReason, Result};
use crate::region::Region;
use crate::store::fts::prefix_query;

/// What the calls screen asks for; empty lists mean "any".
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct CallFilter {
    /// First day, in Rīga time, inclusive.
    pub from: Option<NaiveDate>,
    /// Last day, in Rīga time, inclusive.
    pub to: Option<NaiveDate>,
    pub regions: Vec<Region>,
    pub lines: Vec<Line>,
    pub subjects: Vec<Subject>,
    /// Only calls with an open follow-up due on or before this day.
    pub follow_up_due_by: Option<NaiveDate>,
    /// Only the calls of this case (typed as a person would: any case).
    pub case_ref: Option<String>,
    /// Words to find in notes, advice and referrals ("lacplesa" finds "Lāčplēša").
    pub text: Option<String>,
    /// Only calls older than this: the `next` of the page shown before.
    pub before: Option<String>,
}

/// One screenful of calls, newest first, and where the next (older) one
/// starts, so a list is read page by page and never cut without a word.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CallPage {
    pub calls: Vec<StoredCall>,
    /// Pass as `before` for the older calls; none when these are the last.
    pub next: Option<String>,
}

/// A follow-up to do, with whether it is overdue on the given day and
/// who it is assigned to (`None`: an account this laptop does not know yet).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FollowUpItem {
    pub call: StoredCall,
    pub overdue: bool,
    pub assignee: Option<Colleague>,
}

/// Calls on one page of the calls screen.
pub const CALL_PAGE: usize = 200;

impl CallLog<'_> {
    /// A page of the finished calls matching `filter`, newest first (today's
    /// on top). Pages follow the calls' start (`text_key`, unique), so a call
    /// saved while someone pages neither repeats nor hides another.
    pub fn find(&self, filter: &CallFilter) -> Result<CallPage> {
        let mut sql = Where::default();
        sql.push("status = 'final'".to_owned());
        if let Some(cursor) = filter.before.as_deref() {
            let key: i64 = cursor
                .parse()
                .map_err(|_| Error::invalid("before", InvalidReason::Unknown))?;
            sql.values.push(Value::Integer(key));
            sql.push(format!("call.text_key < ?{}", sql.values.len()));
        }
        // Days as bounds on `text_key`, the order pages follow, so that one
        // index (`call_final_by_region_key`, or the key's own) both selects
        // and orders, and a page stops after its last row.
        if let Some(from) = filter.from {
            sql.values
                .push(Value::Integer(first_text_key(riga_day_start(from))));
            sql.push(format!("call.text_key >= ?{}", sql.values.len()));
        }
        if let Some(after) = filter.to.and_then(|to| to.checked_add_days(Days::new(1))) {
            sql.values
                .push(Value::Integer(first_text_key(riga_day_start(after))));
            sql.push(format!("call.text_key < ?{}", sql.values.len()));
        }
        self.only_visible_regions(&mut sql, &filter.regions);
        if let Some(list) = sql.bind_list(filter.lines.iter().map(code_of)) {
            sql.push(format!("line IN ({list})"));
        }
        if let Some(list) = sql.bind_list(filter.subjects.iter().map(code_of)) {
            sql.push(format!(
                "id IN (SELECT call_id FROM call_subject WHERE subject IN ({list}))"
            ));
        }
        if let Some(due) = filter.follow_up_due_by {
            let bound = sql.bind(due.to_string());
            sql.push(format!(
                "follow_up_due IS NOT NULL AND follow_up_done = 0 AND follow_up_due <= {bound}"
            ));
        }
        if let Some(reference) = filter.case_ref.as_deref() {
            let bound = sql.bind(normalise(reference));
            sql.push(format!("case_ref = {bound}"));
        }
        // With words, the notes index leads: it is keyed by start time, so
        // reading it newest first stops at the limit however common a word
        // is (a word in every tenth of a million calls took over a second
        // when every match was collected and sorted).
        let query = match filter.text.as_deref().and_then(prefix_query) {
            Some(words) => {
                let bound = sql.bind(words);
                sql.push(format!("call_text MATCH {bound}"));
                format!(
                    "SELECT {CALL_COLUMNS}, call.text_key FROM call_text
                     JOIN call ON call.text_key = call_text.rowid
                     WHERE {} ORDER BY call_text.rowid DESC LIMIT {}",
                    sql.conditions.join(" AND "),
                    CALL_PAGE + 1
                )
            }
            None => format!(
                "SELECT {CALL_COLUMNS}, call.text_key FROM call WHERE {}
                 ORDER BY call.text_key DESC LIMIT {}",
                sql.conditions.join(" AND "),
                CALL_PAGE + 1
            ),
        };
        let mut statement = self.connection.prepare(&query)?;
        let mut rows = statement
            .query_map(rusqlite::params_from_iter(sql.values), |row| {
                Ok((call_from_row(row)?, row.get::<_, i64>(CALL_COLUMN_COUNT)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        // One row past the page says whether there is another.
        let more = rows.len() > CALL_PAGE;
        rows.truncate(CALL_PAGE);
        let next = more
            .then(|| rows.last().map(|(_, key)| key.to_string()))
            .flatten();
        Ok(CallPage {
            calls: rows.into_iter().map(|(call, _)| call).collect(),
            next,
        })
    }

    /// Every finished call matching `filter`, read page by page to the
    /// last: for headless uses (the CLI, checks), never for a screen.
    pub fn find_all(&self, filter: &CallFilter) -> Result<Vec<StoredCall>> {
        let mut filter = filter.clone();
        let mut calls = Vec::new();
        loop {
            let page = self.find(&filter)?;
            calls.extend(page.calls);
            match page.next {
                Some(next) => filter.before = Some(next),
                None => return Ok(calls),
            }
        }
    }

    /// Every open follow-up the account may see, overdue first, then by
    /// due day. Never cut at a count: a list capped at the newest calls
    /// dropped the oldest overdue follow-ups first, without a word.
    pub fn follow_ups(&self, today: NaiveDate) -> Result<Vec<FollowUpItem>> {
        let mut sql = Where::default();
        sql.push(
            "status = 'final' AND follow_up_due IS NOT NULL AND follow_up_done = 0".to_owned(),
        );
        self.only_visible_regions(&mut sql, &[]);
        let query = format!(
            "SELECT {CALL_COLUMNS} FROM call WHERE {} ORDER BY follow_up_due, started_at",
            sql.conditions.join(" AND ")
        );
        let mut statement = self.connection.prepare(&query)?;
        let calls = statement
            .query_map(rusqlite::params_from_iter(sql.values), call_from_row)?
            .collect::<rusqlite::Result<Vec<StoredCall>>>()?;
        let people: HashMap<Uuid, Colleague> = all_accounts(self.connection)?
            .into_iter()
            .map(|account| (account.id, Colleague::from(account)))
            .collect();
        Ok(calls
            .into_iter()
            .map(|call| {
                let follow_up = call.details.follow_up.as_ref();
                let overdue = follow_up.is_some_and(|f| f.due < today);
                let assignee = follow_up.and_then(|f| people.get(&f.assignee)).cloned();
                FollowUpItem {
                    call,
                    overdue,
                    assignee,
                }
            })
            .collect())
    }

    /// Keeps the query to the regions the account may see: a consultant's
    /// own whatever was asked, a supervisor's `requested` (none: all).
    fn only_visible_regions(&self, sql: &mut Where, requested: &[Region]) {
        let regions: Vec<Region> = if self.account.is_supervisor() {
            requested.to_vec()
        } else {
            vec![self.account.home_region]
        };
        if let Some(list) = sql.bind_list(regions.iter().map(|region| region.code().to_owned())) {
            sql.push(format!("region IN ({list})"));
        }
    }
}

/// A WHERE clause built from conditions and their numbered parameters.
#[derive(Default)]
struct Where {
    conditions: Vec<String>,
    values: Vec<Value>,
}

impl Where {
    fn push(&mut self, condition: String) {
        self.conditions.push(condition);
    }

    /// Adds a parameter and returns its placeholder (`?3`).
    fn bind(&mut self, value: String) -> String {
        self.values.push(Value::Text(value));
        format!("?{}", self.values.len())
    }

    /// Placeholders for a list of values, or `None` when the list is empty.
    fn bind_list(&mut self, values: impl Iterator<Item = String>) -> Option<String> {
        let placeholders: Vec<String> = values.map(|value| self.bind(value)).collect();
        (!placeholders.is_empty()).then(|| placeholders.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn riga_days_start_at_local_midnight() {
        let summer = NaiveDate::from_ymd_opt(2026, 7, 1).expect("date");
        assert_eq!(
            riga_day_start(summer).to_rfc3339(),
            "2026-06-30T21:00:00+00:00"
        );
        let winter = NaiveDate::from_ymd_opt(2026, 12, 1).expect("date");
        assert_eq!(
            riga_day_start(winter).to_rfc3339(),
            "2026-11-30T22:00:00+00:00"
        );
    }
}
