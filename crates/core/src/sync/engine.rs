//! One sync round: a new device first sends its certificate (once), then
//! the organisation's certificates are fetched and checked, everything
//! queued is pushed, and pages are pulled until the server has nothing more. Network calls run without the session; the store is touched
//! only in short steps, so the app stays responsive during a long first pull.
//!
//! Every step is safe to interrupt: the outbox drops a change only after the
//! server acknowledged it, and the cursor advances in the same transaction
//! that applies its page. The next round picks up where this one stopped.

use std::sync::atomic::{AtomicBool, Ordering};

use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

use super::client::ServerClient;
use super::store::SyncState;
use crate::error::Result;
use hotline_protocol::limits::{DEFAULT_PULL_PAGE, MAX_PUSH_ENVELOPES};

/// Access to the unlocked store's sync side, one short step at a time. The
/// CLI passes the session itself; the app passes its locked state, so a sync
/// never holds the lock across a network call. Named apart from the app
/// state's own `with_session`, which counts as the user's activity; sync
/// steps must not.
pub trait Replica {
    fn sync_step<T>(&self, step: impl FnOnce(&SyncState<'_>) -> Result<T>) -> Result<T>;
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
    /// Received records that opened but could not be applied; they wait in
    /// the quarantine.
    pub quarantined: u32,
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
        let outcome = {
            let _running = RunningGuard(&self.running);
            round(replica, now)
        };
        replica.sync_step(|sync| sync.record_outcome(&outcome, now))?;
        outcome.map(Some)
    }
}

/// Marks the round over when it ends, however it ends: a panic inside a round
/// must not leave sync "running" for good.
struct RunningGuard<'a>(&'a AtomicBool);

impl Drop for RunningGuard<'_> {
    fn drop(&mut self) {
        self.0.store(false, Ordering::SeqCst);
    }
}

fn round(replica: &impl Replica, now: DateTime<Utc>) -> Result<SyncReport> {
    if let Some(join) = replica.sync_step(|sync| sync.pending_join())? {
        let enrolment = replica.sync_step(|sync| sync.connection())?.client()?;
        let token = enrolment.join(&join)?;
        replica.sync_step(|sync| sync.complete_join(&token.device_token))?;
    }
    let client = replica.sync_step(|sync| sync.connection())?.client()?;
    let certificates = client.certificates()?;
    replica.sync_step(|sync| sync.keep_certificates(certificates))?;
    replica.sync_step(|sync| sync.share_missing_keys(now))?;
    let mut report = SyncReport {
        pushed: push_all(replica, &client)?,
        ..SyncReport::default()
    };
    replica.sync_step(|sync| sync.retry_quarantined(now))?;
    loop {
        let cursor = replica.sync_step(|sync| sync.cursor())?;
        let page = client.pull(cursor, DEFAULT_PULL_PAGE)?;
        let applied = replica.sync_step(|sync| sync.apply_page(&page, now))?;
        report.pulled += u32::try_from(page.envelopes.len()).unwrap_or(u32::MAX);
        report.refused += applied.refused;
        report.quarantined += applied.quarantined;
        if !page.more {
            break;
        }
    }
    replica.sync_step(|sync| sync.retry_quarantined(now))?;
    // Calls of one number that arrived under another case reference move
    // now and leave in this round, before another laptop moves them too.
    if replica.sync_step(|sync| sync.join_same_callers(now))? > 0 {
        report.pushed += push_all(replica, &client)?;
    }
    replica.sync_step(|sync| sync.forget_disabled_keys())?;
    Ok(report)
}

/// Pushes everything queued, a batch at a time; how many envelopes went.
fn push_all(replica: &impl Replica, client: &ServerClient) -> Result<u32> {
    let mut pushed = 0u32;
    loop {
        let batch = replica.sync_step(|sync| sync.next_push(MAX_PUSH_ENVELOPES))?;
        let Some(batch) = batch else { break };
        if !batch.envelopes.is_empty() {
            client.push(&batch.envelopes)?;
        }
        replica.sync_step(|sync| sync.acknowledge(batch.last_seq))?;
        pushed = pushed.saturating_add(u32::try_from(batch.envelopes.len()).unwrap_or(u32::MAX));
    }
    Ok(pushed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;

    /// A replica whose every step panics, as a bug in a store step would.
    struct PanickingReplica;

    impl Replica for PanickingReplica {
        fn sync_step<T>(&self, _step: impl FnOnce(&SyncState<'_>) -> Result<T>) -> Result<T> {
            panic!("a store step failed unexpectedly")
        }
    }

    /// A replica that is locked: every step refuses.
    struct LockedReplica;

    impl Replica for LockedReplica {
        fn sync_step<T>(&self, _step: impl FnOnce(&SyncState<'_>) -> Result<T>) -> Result<T> {
            Err(Error::Locked)
        }
    }

    #[test]
    fn a_round_that_panics_does_not_leave_sync_running() {
        let runner = SyncRunner::default();
        let panicked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            runner.run(&PanickingReplica, Utc::now())
        }));
        assert!(panicked.is_err());
        assert!(!runner.is_running(), "the next round may start");
        assert!(matches!(
            runner.run(&LockedReplica, Utc::now()),
            Err(Error::Locked)
        ));
        assert!(!runner.is_running());
    }
}
