//! One sync round: push everything queued, then pull until the server has
//! nothing more. Network calls run without the session; the store is touched
//! only in short steps, so the app stays responsive during a long first pull.
//!
//! Every step is safe to interrupt: the outbox drops a change only after the
//! server acknowledged it, and the cursor advances in the same transaction
//! that applies its page. The next round picks up where this one stopped.

use std::sync::atomic::{AtomicBool, Ordering};

use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

use super::protocol::{DEFAULT_PULL_PAGE, MAX_PUSH_ENVELOPES};
use crate::error::Result;
use crate::session::Session;

/// Access to the unlocked session, one short step at a time. The CLI passes
/// the session itself; the app passes its locked state, so a sync never holds
/// the lock across a network call. Named apart from the app state's own
/// `with_session`, which counts as the user's activity; sync steps must not.
pub trait Replica {
    fn sync_step<T>(&self, step: impl FnOnce(&Session) -> Result<T>) -> Result<T>;
}

impl Replica for Session {
    fn sync_step<T>(&self, step: impl FnOnce(&Session) -> Result<T>) -> Result<T> {
        step(self)
    }
}

/// What one round did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SyncReport {
    /// Local changes the server now has.
    pub pushed: u32,
    /// Envelopes received.
    pub pulled: u32,
    /// Received envelopes that failed their integrity check or were sealed
    /// with a key this device does not hold; they are skipped, not applied.
    pub refused: u32,
}

/// Runs one round at a time: a click on "sync now" while the background round
/// runs does not start a second one.
#[derive(Debug, Default)]
pub struct SyncRunner {
    running: AtomicBool,
}

impl SyncRunner {
    pub fn is_running(&self) -> bool {
        self.running.load(Ordering::SeqCst)
    }

    /// One round, recorded in the sync status; `Ok(None)` if a round is
    /// already running.
    pub fn run(&self, replica: &impl Replica, now: DateTime<Utc>) -> Result<Option<SyncReport>> {
        if self.running.swap(true, Ordering::SeqCst) {
            return Ok(None);
        }
        let outcome = round(replica);
        self.running.store(false, Ordering::SeqCst);
        replica.sync_step(|session| session.sync().record_outcome(&outcome, now))?;
        outcome.map(Some)
    }
}

fn round(replica: &impl Replica) -> Result<SyncReport> {
    let client = replica
        .sync_step(|session| session.sync().connection())?
        .client()?;
    let mut report = SyncReport::default();
    loop {
        let batch = replica.sync_step(|session| session.sync().next_push(MAX_PUSH_ENVELOPES))?;
        let Some(batch) = batch else { break };
        if !batch.envelopes.is_empty() {
            client.push(&batch.envelopes)?;
        }
        replica.sync_step(|session| session.sync().acknowledge(batch.last_seq))?;
        report.pushed += u32::try_from(batch.envelopes.len()).unwrap_or(u32::MAX);
    }
    loop {
        let cursor = replica.sync_step(|session| session.sync().cursor())?;
        let page = client.pull(cursor, DEFAULT_PULL_PAGE)?;
        let applied = replica.sync_step(|session| session.sync().apply_page(&page))?;
        report.pulled += u32::try_from(page.envelopes.len()).unwrap_or(u32::MAX);
        report.refused += applied.refused;
        if !page.more {
            break;
        }
    }
    Ok(report)
}
