//! A finished call as the call list and the call summary show it: codes as
//! stored, borrowed from where they were read. The list reads them from
//! `call_fact` (migration 26), a narrow row kept beside each call, so a
//! year of calls is listed without decoding any call's JSON; the free text
//! is read from the call only when one of its columns was chosen. A summary
//! of one call borrows the same view of its decoded details, so both render
//! through one set of column functions.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, Row};

use super::model::ReportRequest;
use crate::calls::{started_ms, CallDetails};
use crate::codes::code_of;
use crate::error::Result;

/// One call's fields as the list shows them, borrowed from a facts row or
/// from decoded details ([`DetailsCodes`]).
#[derive(Debug, Clone, Copy)]
pub(super) struct ListedCall<'a> {
    pub id: &'a str,
    /// Milliseconds since 1970 when the call started, and when it ended.
    pub started_ms: i64,
    pub ended_ms: Option<i64>,
    pub region: &'a str,
    pub line: Option<&'a str>,
    pub direction: Option<&'a str>,
    pub caller_role: Option<&'a str>,
    pub gender: Option<&'a str>,
    pub age_group: Option<&'a str>,
    pub language: Option<&'a str>,
    pub country: Option<&'a str>,
    pub risk: Option<&'a str>,
    pub immediate_danger: bool,
    /// The case reference; never an anonymised call's case key.
    pub case_ref: Option<&'a str>,
    /// Subject codes separated by spaces.
    pub subjects: &'a str,
    /// The follow-up's day (`yyyy-mm-dd`) and when it was done (RFC 3339).
    pub follow_up_due: Option<&'a str>,
    pub follow_up_done_at: Option<&'a str>,
    pub outcome: Option<&'a str>,
    /// The observed indicators' codes separated by spaces; empty when
    /// screened with none observed, none when not screened.
    pub indicators: Option<&'a str>,
    /// Free text, read only when its column was chosen.
    pub advice_given: Option<&'a str>,
    /// Each referral as shown in the call, separated by "; ".
    pub referrals: Option<&'a str>,
    pub notes: Option<&'a str>,
}

impl<'a> ListedCall<'a> {
    fn from_row(row: &'a Row<'_>) -> rusqlite::Result<Self> {
        let text =
            |index| -> rusqlite::Result<Option<&str>> { Ok(row.get_ref(index)?.as_str_or_null()?) };
        Ok(Self {
            id: row.get_ref(0)?.as_str()?,
            started_ms: started_ms(row.get(1)?),
            ended_ms: row.get(2)?,
            region: row.get_ref(3)?.as_str()?,
            line: text(4)?,
            direction: text(5)?,
            caller_role: text(6)?,
            gender: text(7)?,
            age_group: text(8)?,
            language: text(9)?,
            country: text(10)?,
            risk: text(11)?,
            immediate_danger: row.get::<_, Option<i64>>(12)?.unwrap_or(0) != 0,
            case_ref: text(13)?,
            subjects: row.get_ref(14)?.as_str()?,
            follow_up_due: text(15)?,
            follow_up_done_at: text(16)?,
            outcome: text(17)?,
            indicators: text(18)?,
            advice_given: text(19)?,
            referrals: text(20)?,
            notes: text(21)?,
        })
    }

    pub fn subjects(&self) -> impl Iterator<Item = &'a str> {
        self.subjects.split_ascii_whitespace()
    }

    pub fn started_at(&self) -> Option<DateTime<Utc>> {
        DateTime::from_timestamp_millis(self.started_ms)
    }
}

/// The codes of decoded call details, held so a [`ListedCall`] can borrow them.
pub(super) struct DetailsCodes<'d> {
    id: String,
    details: &'d CallDetails,
    line: Option<String>,
    direction: String,
    caller_role: Option<String>,
    gender: Option<String>,
    age_group: Option<String>,
    language: Option<String>,
    risk: Option<String>,
    subjects: String,
    follow_up_due: Option<String>,
    follow_up_done_at: Option<String>,
    outcome: Option<String>,
    indicators: Option<String>,
    referrals: String,
}

impl<'d> DetailsCodes<'d> {
    pub fn new(id: String, details: &'d CallDetails) -> Self {
        let codes = |values: &mut dyn Iterator<Item = String>| values.collect::<Vec<_>>().join(" ");
        Self {
            id,
            line: details.line.as_ref().map(|line| line.code().to_owned()),
            direction: code_of(&details.direction),
            caller_role: details.caller_role.as_ref().map(code_of),
            gender: details.gender.as_ref().map(code_of),
            age_group: details.age_group.as_ref().map(code_of),
            language: details.language.as_ref().map(code_of),
            risk: details.risk.as_ref().map(code_of),
            subjects: codes(
                &mut details
                    .subjects
                    .iter()
                    .map(|subject| subject.code().to_owned()),
            ),
            follow_up_due: details
                .follow_up
                .as_ref()
                .map(|follow_up| follow_up.due.to_string()),
            follow_up_done_at: details
                .follow_up
                .as_ref()
                .and_then(|follow_up| follow_up.done_at)
                .map(|done| done.to_rfc3339()),
            outcome: details.outcome.as_ref().map(code_of),
            indicators: details
                .indicators
                .as_ref()
                .map(|indicators| codes(&mut indicators.iter().map(code_of))),
            referrals: details
                .referrals
                .iter()
                .map(|referral| referral.to.as_str())
                .collect::<Vec<_>>()
                .join("; "),
            details,
        }
    }

    pub fn listed(&self) -> ListedCall<'_> {
        let details = self.details;
        ListedCall {
            id: &self.id,
            started_ms: details.started_at.timestamp_millis(),
            ended_ms: details.ended_at.map(|ended| ended.timestamp_millis()),
            region: details.region.code(),
            line: self.line.as_deref(),
            direction: Some(&self.direction),
            caller_role: self.caller_role.as_deref(),
            gender: self.gender.as_deref(),
            age_group: self.age_group.as_deref(),
            language: self.language.as_deref(),
            country: details.country.as_deref(),
            risk: self.risk.as_deref(),
            immediate_danger: details.immediate_danger,
            case_ref: details.case_ref.as_deref(),
            subjects: &self.subjects,
            follow_up_due: self.follow_up_due.as_deref(),
            follow_up_done_at: self.follow_up_done_at.as_deref(),
            outcome: self.outcome.as_deref(),
            indicators: self.indicators.as_deref(),
            advice_given: Some(&details.advice_given),
            referrals: Some(&self.referrals),
            notes: Some(&details.notes),
        }
    }
}

/// Calls `each` with every finished call that started on the period's Rīga
/// days in its regions, oldest first. The free text is read (from the
/// call's JSON) only when `free_text`; otherwise it is none. `request` must
/// be normalised (its regions never empty).
pub(super) fn for_each(
    connection: &Connection,
    request: &ReportRequest,
    free_text: bool,
    mut each: impl FnMut(&ListedCall<'_>) -> Result<()>,
) -> Result<()> {
    let mut values = request.key_bounds();
    let regions = request.region_placeholders(&mut values);
    let (free_columns, joined) = if free_text {
        (
            "call.details ->> '$.adviceGiven',
             (SELECT group_concat(value ->> '$.to', '; ')
              FROM json_each(call.details, '$.referrals')),
             call.details ->> '$.notes'",
            "JOIN call ON call.text_key = call_fact.key",
        )
    } else {
        ("NULL, NULL, NULL", "")
    };
    let mut statement = connection.prepare(&format!(
        "SELECT call_fact.id, call_fact.key, call_fact.ended_ms, call_fact.region,
                call_fact.line, call_fact.direction, call_fact.caller_role, call_fact.gender,
                call_fact.age_group, call_fact.language, call_fact.country, call_fact.risk,
                call_fact.immediate_danger, call_fact.case_ref, call_fact.subjects,
                call_fact.follow_up_due, call_fact.follow_up_done_at, call_fact.outcome,
                call_fact.indicators, {free_columns}
         FROM call_fact {joined}
         WHERE call_fact.key >= ?1 AND call_fact.key < ?2 AND call_fact.region IN ({regions})
         ORDER BY call_fact.key"
    ))?;
    let mut rows = statement.query(rusqlite::params_from_iter(values))?;
    while let Some(row) = rows.next()? {
        each(&ListedCall::from_row(row)?)?;
    }
    Ok(())
}

/// How many calls [`for_each`] will hand on.
pub(super) fn count(connection: &Connection, request: &ReportRequest) -> Result<u64> {
    let mut values = request.key_bounds();
    let regions = request.region_placeholders(&mut values);
    let count: i64 = connection.query_row(
        &format!(
            "SELECT count(*) FROM call_fact
             WHERE key >= ?1 AND key < ?2 AND region IN ({regions})"
        ),
        rusqlite::params_from_iter(values),
        |row| row.get(0),
    )?;
    Ok(u64::try_from(count).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use chrono::{Duration, Utc};

    use super::*;
    use crate::calls::sample::SampleCalls;
    use crate::calls::{riga_day, CallOutcome, TraffickingIndicator};
    use crate::i18n::Language;
    use crate::reports::call_list::{CallColumn, ListNames};
    use crate::testkit::benchmark::BenchStore;

    /// Guards migration 26's `call_fact_source` and `ListedCall::from_row`:
    /// the list reads every column from the facts row, and each must read
    /// as the stored call's own details do (the call summary's path), for
    /// sample calls and for the fields they leave out: an outcome, an
    /// anonymised call's case key (never shown as its reference), an
    /// instant with a fraction of a second, a screening with nothing
    /// observed.
    #[test]
    fn every_column_read_from_the_facts_row_reads_as_the_stored_call() {
        let temp = tempfile::tempdir().expect("tempdir");
        let store = BenchStore::create(&temp.path().join("store.db"), true).expect("store");
        let now = Utc::now();
        let mut samples = SampleCalls::new(11, now, 1, store.supervisor_id());
        let mut calls: Vec<CallDetails> = samples.by_ref().take(300).collect();
        let mut edge = samples.next().expect("a call");
        edge.outcome = Some(CallOutcome::Referred);
        edge.case_ref = None;
        edge.case_key = Some("anon-7f3a".into());
        edge.indicators = Some(Vec::new());
        edge.immediate_danger = true;
        edge.ended_at = Some(edge.started_at + Duration::milliseconds(754_321));
        calls.push(edge);
        let mut observed = samples.next().expect("a call");
        observed.indicators = Some(vec![
            TraffickingIndicator::ALL[0],
            TraffickingIndicator::ALL[3],
        ]);
        observed.ended_at = None;
        calls.push(observed);
        store.call_log().add_finished(calls, now).expect("calls");

        let connection = store.connection();
        let request = ReportRequest {
            from: riga_day(now) - chrono::Days::new(800),
            to: riga_day(now),
            regions: Vec::new(),
            publication: None,
        }
        .normalised()
        .expect("a request");
        for language in [Language::Lv, Language::En] {
            let names = ListNames::of(connection, language).expect("names");
            let render = |call: &ListedCall<'_>| -> Vec<String> {
                CallColumn::ALL
                    .into_iter()
                    .map(|column| column.value(call, &names))
                    .collect()
            };
            let mut from_facts = BTreeMap::new();
            for_each(connection, &request, true, |call| {
                from_facts.insert(call.id.to_owned(), render(call));
                Ok(())
            })
            .expect("the list");
            let mut from_details = BTreeMap::new();
            let mut statement = connection
                .prepare("SELECT id, details FROM call WHERE status = 'final'")
                .expect("calls");
            let stored = statement
                .query_map([], |row| {
                    Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
                })
                .expect("calls");
            for stored in stored {
                let (id, json) = stored.expect("a call");
                let details: CallDetails = serde_json::from_str(&json).expect("details");
                let codes = DetailsCodes::new(id.clone(), &details);
                from_details.insert(id, render(&codes.listed()));
            }
            assert_eq!(from_facts.len(), 302);
            assert_eq!(from_facts, from_details);
            assert!(
                from_facts
                    .values()
                    .all(|row| !row.contains(&"anon-7f3a".to_owned())),
                "a case key is not a case reference"
            );
        }
    }
}
