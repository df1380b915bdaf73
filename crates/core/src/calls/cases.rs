//! Cases: the calls that share a case reference, read together in time
//! order; finding a case by the beginning of its reference to link a call
//! to it; and a supervisor merging two references that turned out to be
//! one person.

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
        let transaction = self.connection.unchecked_transaction()?;
        let mut merged = 0;
        for call in calls {
            let details = CallDetails {
                case_ref: Some(into.clone()),
                ..call.details.clone()
            };
            let event = AuditEvent::new(AuditAction::CasesMerged);
            self.write_edit(&transaction, call, details, event, now)?;
            merged += 1;
        }
        transaction.commit()?;
        Ok(merged)
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
