//! Cases: the calls that share a case reference, read together in time
//! order; finding a case by the beginning of its reference to link a call
//! to it; a supervisor merging two references that turned out to be one
//! person; and, after each sync, the calls of one caller's number that two
//! laptops logged offline under two references brought into one case.

use chrono::{DateTime, Utc};
use rusqlite::params;
use serde::Serialize;
use ts_rs::TS;

use super::case_ref::{is_case_ref, normalise};
use super::log::CallLog;
use super::record::{CallDetails, StoredCall};
use crate::audit::{AuditAction, AuditEvent};
use crate::error::{Error, InvalidReason, Result};
use crate::store::rows::parse_time;

/// How many cases a search by reference offers: enough to pick from while
/// typing, few enough to read.
const MAX_CASE_MATCHES: u32 = 20;

/// A case as the case screen shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Case {
    pub case_ref: String,
    /// Every call of the case this account may read, oldest first.
    pub calls: Vec<StoredCall>,
    /// Calls of the case in regions this account may not read: a
    /// consultant learns that the person called another line, not what
    /// was said.
    pub elsewhere: u32,
}

/// A case found by the beginning of its reference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CaseMatch {
    pub case_ref: String,
    /// Calls of the case this account may read.
    pub calls: u32,
    pub last_call_at: DateTime<Utc>,
}

impl CallLog<'_> {
    /// The case `case_ref` (typed as a person would: any case, O for 0).
    pub fn case(&self, case_ref: &str) -> Result<Case> {
        let case_ref = checked(case_ref)?;
        let calls = self.visible_calls_of(&case_ref)?;
        let elsewhere: u32 = self.connection.query_row(
            "SELECT count(*) FROM call
             WHERE status = 'final' AND case_ref = ?1 AND NOT (?2 OR region = ?3)
               AND id NOT IN (SELECT call_id FROM call_removal)",
            params![
                case_ref,
                self.account.is_supervisor(),
                self.account.home_region.code()
            ],
            |row| row.get(0),
        )?;
        if calls.is_empty() && elsewhere == 0 {
            return Err(Error::invalid("caseRef", InvalidReason::Unknown));
        }
        Ok(Case {
            case_ref,
            calls,
            elsewhere,
        })
    }

    /// Cases whose reference starts with `typed`, the most recently called
    /// first, among the calls this account may read.
    pub fn find_cases(&self, typed: &str) -> Result<Vec<CaseMatch>> {
        let prefix: String = normalise(typed)
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        if prefix.is_empty() {
            return Ok(Vec::new());
        }
        let mut statement = self.connection.prepare(&format!(
            "SELECT case_ref, count(*), max(started_at) FROM call
             WHERE status = 'final' AND case_ref LIKE ?1 || '%' AND (?2 OR region = ?3)
               AND id NOT IN (SELECT call_id FROM call_removal)
             GROUP BY case_ref ORDER BY max(started_at) DESC LIMIT {MAX_CASE_MATCHES}"
        ))?;
        let matches = statement
            .query_map(
                params![
                    prefix,
                    self.account.is_supervisor(),
                    self.account.home_region.code()
                ],
                |row| {
                    Ok(CaseMatch {
                        case_ref: row.get(0)?,
                        calls: row.get(1)?,
                        last_call_at: parse_time(row, 2)?,
                    })
                },
            )?
            .collect::<rusqlite::Result<_>>()?;
        Ok(matches)
    }

    /// Moves every call of case `from` into case `into`, all or none, and
    /// tells how many: each is a new version of its call, so its history
    /// keeps the reference it had, and the merge is in the audit log.
    /// Supervisors only, who see every region's calls of both.
    pub fn merge_cases(&self, from: &str, into: &str, now: DateTime<Utc>) -> Result<u32> {
        if !self.account.is_supervisor() {
            return Err(Error::SupervisorOnly);
        }
        let (from, into) = (checked(from)?, checked(into)?);
        if from == into {
            return Err(Error::invalid("caseRef", InvalidReason::Mismatch));
        }
        if self.visible_calls_of(&into)?.is_empty() {
            return Err(Error::invalid("caseRef", InvalidReason::Unknown));
        }
        let calls = self.visible_calls_of(&from)?;
        if calls.is_empty() {
            return Err(Error::invalid("caseRef", InvalidReason::Unknown));
        }
        self.move_to_case(calls, &into, now)
    }

    /// Brings the calls of each caller's number into one case: two
    /// laptops that logged calls from one number offline gave them two
    /// references. The reference of the number's earliest call wins (then
    /// the smaller call id), a rule every laptop computes alike, so they
    /// converge; each laptop moves only the calls its account may edit
    /// (a consultant's own, a supervisor's any), as new versions audited as
    /// a merge. A number whose calls cannot all move (a call that no longer
    /// passes today's checks) stays as it is, and the others still move:
    /// this runs inside a sync round, which must not stop for it. Returns
    /// how many calls moved.
    pub(crate) fn join_same_callers(&self, now: DateTime<Utc>) -> Result<u32> {
        let numbers: Vec<String> = self
            .connection
            .prepare(
                "SELECT caller_number_hash FROM call
                 WHERE status = 'final' AND caller_number_hash IS NOT NULL
                   AND case_ref IS NOT NULL AND (?1 OR region = ?2)
                   AND id NOT IN (SELECT call_id FROM call_removal)
                 GROUP BY caller_number_hash HAVING count(DISTINCT case_ref) > 1",
            )?
            .query_map(
                params![
                    self.account.is_supervisor(),
                    self.account.home_region.code()
                ],
                |row| row.get(0),
            )?
            .collect::<rusqlite::Result<_>>()?;
        let mut moved = 0;
        for number in numbers {
            match self.join_calls_of(&number, now) {
                Ok(count) => moved += count,
                Err(error) => tracing::warn!(
                    %error,
                    "the calls of one caller's number stay in their cases"
                ),
            }
        }
        Ok(moved)
    }

    /// [`Self::join_same_callers`] for the calls of one number, all or none.
    fn join_calls_of(&self, number: &str, now: DateTime<Utc>) -> Result<u32> {
        let calls = self.readable_calls(
            "caller_number_hash = ?1 AND case_ref IS NOT NULL",
            number,
            "started_at, id",
        )?;
        let Some(into) = calls.first().and_then(|call| call.details.case_ref.clone()) else {
            return Ok(0);
        };
        let movable = calls.into_iter().filter(|call| {
            call.details.case_ref.as_deref() != Some(into.as_str())
                && self.require_may_edit(call).is_ok()
        });
        self.move_to_case(movable, &into, now)
    }

    /// Gives `calls` the reference `into`, all or none, each as a new
    /// version audited as a merge (its history keeps the reference it had).
    fn move_to_case(
        &self,
        calls: impl IntoIterator<Item = StoredCall>,
        into: &str,
        now: DateTime<Utc>,
    ) -> Result<u32> {
        let transaction = self.connection.unchecked_transaction()?;
        let mut moved = 0;
        for call in calls {
            let details = CallDetails {
                case_ref: Some(into.to_owned()),
                ..call.details.clone()
            };
            let event = AuditEvent::new(AuditAction::CasesMerged);
            self.write_edit(&transaction, call, details, event, now)?;
            moved += 1;
        }
        transaction.commit()?;
        Ok(moved)
    }

    /// The finished calls of a case this account may read, oldest first.
    fn visible_calls_of(&self, case_ref: &str) -> Result<Vec<StoredCall>> {
        self.readable_calls("case_ref = ?1", case_ref, "started_at")
    }
}

/// A reference as typed, normalised, or a clear refusal.
fn checked(typed: &str) -> Result<String> {
    let case_ref = normalise(typed);
    if is_case_ref(&case_ref) {
        Ok(case_ref)
    } else {
        Err(Error::invalid("caseRef", InvalidReason::BadCharacters))
    }
}
