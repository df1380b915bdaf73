//! One sync round: a new device first sends its certificate (once), then
//! the organisation's certificates are fetched and checked, everything
//! queued is pushed, and pages are pulled until the server has nothing more. Network calls run without the session; the store is touched
//! only in short steps, so the app stays responsive during a long first pull.
//!
//! Every step is safe to interrupt: the outbox drops a change only after the
//! server acknowledged it, and the cursor advances in the same transaction
//! that applies its page. The next round picks up where this one stopped.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, PoisonError};

use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

use super::client::ServerClient;
use super::store::SyncState;
use crate::error::{Error, Result};
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

/// How far a round's download is: envelopes received of those the server
/// had for this device when the round began (envelopes pushed meanwhile
/// raise the total to what was received).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SyncProgress {
    pub received: u64,
    pub total: u64,
}

/// Runs one round at a time: a click on "sync now" while the background round
/// runs does not start a second one.
#[derive(Debug, Default)]
pub struct SyncRunner {
    running: AtomicBool,
    /// Set by [`SyncRunner::cancel`]; the round reads it between pages.
    cancelled: AtomicBool,
    progress: Mutex<Option<SyncProgress>>,
}

impl SyncRunner {
    pub fn is_running(&self) -> bool {
        self.running.load(Ordering::SeqCst)
    }

    /// The running round's download, while it is longer than one page.
    pub fn progress(&self) -> Option<SyncProgress> {
        *self.progress.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Stops the running round before its next page, with
    /// [`Error::SyncCancelled`]. Every page applied stays applied, with the
    /// cursor after it, so the next round goes on from there and nothing is
    /// lost. Without a running round it does nothing.
    pub fn cancel(&self) {
        if self.is_running() {
            self.cancelled.store(true, Ordering::SeqCst);
        }
    }

    /// One round, recorded in the sync status; `Ok(None)` if a round is
    /// already running.
    pub fn run(&self, replica: &impl Replica, now: DateTime<Utc>) -> Result<Option<SyncReport>> {
        self.run_watched(replica, now, |_| {})
    }

    /// [`SyncRunner::run`], telling `on_progress` after each page of a
    /// download longer than one page.
    pub fn run_watched(
        &self,
        replica: &impl Replica,
        now: DateTime<Utc>,
        on_progress: impl Fn(SyncProgress),
    ) -> Result<Option<SyncReport>> {
        if self.running.swap(true, Ordering::SeqCst) {
            return Ok(None);
        }
        self.cancelled.store(false, Ordering::SeqCst);
        let outcome = {
            let _running = RunningGuard(self);
            let download = Download {
                runner: self,
                on_progress: &on_progress,
            };
            round(replica, now, &download)
        };
        replica.sync_step(|sync| sync.record_outcome(&outcome, now))?;
        outcome.map(Some)
    }

    fn set_progress(&self, progress: Option<SyncProgress>) {
        *self.progress.lock().unwrap_or_else(PoisonError::into_inner) = progress;
    }
}

/// Marks the round over when it ends, however it ends: a panic inside a round
/// must not leave sync "running" for good, nor its progress shown.
struct RunningGuard<'a>(&'a SyncRunner);

impl Drop for RunningGuard<'_> {
    fn drop(&mut self) {
        self.0.set_progress(None);
        self.0.running.store(false, Ordering::SeqCst);
    }
}

/// Where a round's pull loop reports how far it is, and learns whether to
/// stop.
struct Download<'r> {
    runner: &'r SyncRunner,
    on_progress: &'r dyn Fn(SyncProgress),
}

impl Download<'_> {
    fn cancelled(&self) -> bool {
        self.runner.cancelled.load(Ordering::SeqCst)
    }

    fn show(&self, progress: SyncProgress) {
        self.runner.set_progress(Some(progress));
        (self.on_progress)(progress);
    }
}

fn round(
    replica: &impl Replica,
    now: DateTime<Utc>,
    download: &Download<'_>,
) -> Result<SyncReport> {
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
    let mut received = 0u64;
    let mut total = None;
    loop {
        if download.cancelled() {
            return Err(Error::SyncCancelled);
        }
        let cursor = replica.sync_step(|sync| sync.cursor())?;
        // The first page also says how many follow it: the download's total.
        let page = match total {
            None => client.pull_counting(cursor, DEFAULT_PULL_PAGE)?,
            Some(_) => client.pull(cursor, DEFAULT_PULL_PAGE)?,
        };
        let applied = replica.sync_step(|sync| sync.apply_page(&page, now))?;
        let count = page.envelopes.len() as u64;
        received += count;
        let total = *total.get_or_insert(count + page.remaining.unwrap_or(0));
        report.pulled += u32::try_from(page.envelopes.len()).unwrap_or(u32::MAX);
        report.refused += applied.refused;
        report.quarantined += applied.quarantined;
        if !page.more {
            break;
        }
        if total > DEFAULT_PULL_PAGE as u64 {
            download.show(SyncProgress {
                received,
                total: total.max(received),
            });
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
