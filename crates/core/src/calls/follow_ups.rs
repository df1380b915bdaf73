//! Follow-ups as work: marking one done with what came of it, the
//! colleagues a follow-up can go to, and handing a person's open
//! follow-ups over to someone else at a shift change.

use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;
use uuid::Uuid;

use super::log::CallLog;
use super::record::{CallDetails, FollowUp, StoredCall};
use crate::accounts::{account_by_id, all_accounts, Account, Role};
use crate::audit::{AuditAction, AuditEvent};
use crate::error::{Error, InvalidReason, Result};
use crate::region::Region;

/// Someone a follow-up of a region can go to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Colleague {
    pub id: Uuid,
    pub display_name: String,
    pub role: Role,
    pub home_region: Region,
}

impl From<Account> for Colleague {
    fn from(account: Account) -> Self {
        Colleague {
            id: account.id,
            display_name: account.display_name,
            role: account.role,
            home_region: account.home_region,
        }
    }
}

impl CallLog<'_> {
    /// Marks a call's open follow-up done, with what came of it: its
    /// assignee may, and whoever may edit the call. It is a new version of
    /// the call, synced like any edit, so every laptop of the region sees it
    /// done and reports count it done on time or late.
    pub fn complete_follow_up(
        &self,
        id: Uuid,
        outcome: &str,
        now: DateTime<Utc>,
    ) -> Result<StoredCall> {
        let call = self.get_finished(id)?;
        let follow_up = open_follow_up(&call)?;
        if follow_up.assignee != self.account.id {
            self.require_may_edit(&call)?;
        }
        let outcome = Some(outcome.trim().to_owned()).filter(|text| !text.is_empty());
        let details = with_follow_up(
            &call,
            FollowUp {
                done_at: Some(now),
                outcome,
                ..follow_up
            },
        );
        self.save_edit(
            call,
            details,
            AuditEvent::new(AuditAction::FollowUpDone),
            now,
        )
    }

    /// The people a follow-up of `region` can go to, as this laptop knows
    /// them (accounts sync to every laptop): its consultants and every
    /// supervisor, by name whatever its case. A consultant asks about their own region only.
    pub fn colleagues(&self, region: Region) -> Result<Vec<Colleague>> {
        if !self.account.is_supervisor() && region != self.account.home_region {
            return Err(Error::invalid("region", InvalidReason::NotYourRegion));
        }
        let mut colleagues: Vec<Colleague> = all_accounts(self.connection)?
            .into_iter()
            .filter(|account| account.is_supervisor() || account.home_region == region)
            .map(Colleague::from)
            .collect();
        colleagues.sort_by_cached_key(|colleague| colleague.display_name.to_lowercase());
        Ok(colleagues)
    }

    /// Hands every open follow-up assigned to `from` that this account can
    /// see over to `to`, all or none, and tells how many. The person
    /// themselves may, and a supervisor for anyone; `to` must be able to
    /// see each call, so a supervisor handing over several regions' work to
    /// a consultant is refused whole rather than done in part.
    pub fn hand_over_follow_ups(&self, from: Uuid, to: Uuid, now: DateTime<Utc>) -> Result<u32> {
        if from != self.account.id && !self.account.is_supervisor() {
            return Err(Error::SupervisorOnly);
        }
        if from == to {
            return Err(Error::invalid("followUp", InvalidReason::Mismatch));
        }
        if account_by_id(self.connection, to)?.is_none() {
            return Err(Error::invalid("followUp", InvalidReason::Unknown));
        }
        let calls = self.open_follow_ups_of(from)?;
        let transaction = self.connection.unchecked_transaction()?;
        let mut handed_over = 0;
        for call in calls {
            let follow_up = open_follow_up(&call)?;
            let details = with_follow_up(
                &call,
                FollowUp {
                    assignee: to,
                    ..follow_up
                },
            );
            self.write_edit(
                &transaction,
                call,
                details,
                AuditEvent::new(AuditAction::FollowUpHandedOver),
                now,
            )?;
            handed_over += 1;
        }
        transaction.commit()?;
        Ok(handed_over)
    }

    /// Open follow-ups assigned to `assignee` in the calls this account may see.
    fn open_follow_ups_of(&self, assignee: Uuid) -> Result<Vec<StoredCall>> {
        self.readable_calls(
            "follow_up_due IS NOT NULL AND follow_up_done = 0 AND follow_up_assignee = ?1",
            &assignee.to_string(),
            "follow_up_due, started_at",
        )
    }
}

/// The call's follow-up, if it has one still to do.
fn open_follow_up(call: &StoredCall) -> Result<FollowUp> {
    let Some(follow_up) = call.details.follow_up.clone() else {
        return Err(Error::invalid("followUp", InvalidReason::Empty));
    };
    if follow_up.done_at.is_some() {
        return Err(Error::invalid("followUp", InvalidReason::AlreadyDone));
    }
    Ok(follow_up)
}

fn with_follow_up(call: &StoredCall, follow_up: FollowUp) -> CallDetails {
    CallDetails {
        follow_up: Some(follow_up),
        ..call.details.clone()
    }
}
