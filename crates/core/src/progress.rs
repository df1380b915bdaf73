//! How far long work is, and asking it to stop.
//!
//! Backups, restores, exports and imports can take long enough on an old
//! laptop that a window with no sign of life looks frozen, and a supervisor
//! who picked the wrong period should not have to wait for a file they do not
//! want. Each such operation takes a [`WorkWatcher`]: it tells the watcher how
//! much of a named unit it has done of the total, and asks it, between steps,
//! whether to stop. An operation stops only where stopping loses nothing (a
//! partial file removed, a transaction rolled back) and then fails with
//! [`Error::LongWorkCancelled`].
//!
//! The app keeps one [`LongWork`] that a command's work reports into and the
//! window polls; the CLI and scheduled backups pass [`Unwatched`].

use std::sync::{Mutex, PoisonError};

use serde::Serialize;
use ts_rs::TS;

use crate::error::{Error, Result};

/// What long work counts, so the window can say "1 200 of 5 000 records".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum WorkUnit {
    /// Rows of a directory import or an export.
    Records,
    /// Calls written to an export.
    Calls,
    /// Database pages copied by a backup.
    Pages,
    /// Bytes of a file read or written.
    Bytes,
}

/// How far long work is: `done` of `total` units. `done` only grows and never
/// passes `total`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WorkProgress {
    pub unit: WorkUnit,
    #[ts(type = "number")]
    pub done: u64,
    #[ts(type = "number")]
    pub total: u64,
}

impl WorkProgress {
    /// `done` of `total`, with `done` capped at `total`: a total counted
    /// before the work began may be passed by what was added meanwhile.
    pub fn new(unit: WorkUnit, done: u64, total: u64) -> Self {
        Self {
            unit,
            done: done.min(total),
            total,
        }
    }
}

/// Where long work reports how far it is and learns whether to stop.
pub trait WorkWatcher: Sync {
    /// Called after each step, with the work done so far.
    fn report(&self, progress: WorkProgress);

    /// Whether the person asked the work to stop.
    fn cancel_requested(&self) -> bool;

    /// [`Error::LongWorkCancelled`] once a stop was asked for; the work calls
    /// it between steps, where stopping loses nothing.
    fn stop_if_asked(&self) -> Result<()> {
        if self.cancel_requested() {
            Err(Error::LongWorkCancelled)
        } else {
            Ok(())
        }
    }
}

/// For work nobody watches (the CLI, scheduled backups): reports go nowhere
/// and it is never stopped.
#[derive(Debug, Clone, Copy, Default)]
pub struct Unwatched;

impl WorkWatcher for Unwatched {
    fn report(&self, _progress: WorkProgress) {}

    fn cancel_requested(&self) -> bool {
        false
    }
}

/// The app's long work: the last progress reported, for the window to poll,
/// and the Stop button's request. The window shows one piece of work at a
/// time: the one begun last. Work begun earlier that still runs (an export
/// started before a backup) goes on unseen, and its end neither clears the
/// newer work's progress nor loses its Stop.
#[derive(Debug, Default)]
pub struct LongWork(Mutex<Shown>);

/// What [`LongWork`] shows, and for which piece of work.
#[derive(Debug, Default)]
struct Shown {
    /// Counts the pieces of work begun; each guard keeps its own number.
    begun: u64,
    /// The number of the work shown, while it runs.
    running: Option<u64>,
    cancelled: bool,
    progress: Option<WorkProgress>,
}

impl LongWork {
    /// Starts watching a new piece of work: no progress yet, no stop asked
    /// for. The progress is cleared again when the returned guard drops,
    /// however the work ended.
    pub fn begin(&self) -> LongWorkGuard<'_> {
        let mut shown = self.shown();
        shown.begun += 1;
        let number = shown.begun;
        *shown = Shown {
            begun: number,
            running: Some(number),
            cancelled: false,
            progress: None,
        };
        LongWorkGuard { work: self, number }
    }

    /// The running work's progress, `None` when nothing long runs.
    pub fn progress(&self) -> Option<WorkProgress> {
        self.shown().progress
    }

    /// Asks the running work to stop at its next step. Without running work
    /// it does nothing: a late click must not stop the next piece of work.
    pub fn cancel(&self) {
        let mut shown = self.shown();
        if shown.running.is_some() {
            shown.cancelled = true;
        }
    }

    fn shown(&self) -> std::sync::MutexGuard<'_, Shown> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The running work, as reported to its [`LongWork`]; see [`LongWork::begin`].
#[derive(Debug)]
pub struct LongWorkGuard<'w> {
    work: &'w LongWork,
    number: u64,
}

impl WorkWatcher for LongWorkGuard<'_> {
    fn report(&self, progress: WorkProgress) {
        let mut shown = self.work.shown();
        if shown.running == Some(self.number) {
            shown.progress = Some(progress);
        }
    }

    fn cancel_requested(&self) -> bool {
        let shown = self.work.shown();
        shown.running == Some(self.number) && shown.cancelled
    }
}

impl Drop for LongWorkGuard<'_> {
    fn drop(&mut self) {
        let mut shown = self.work.shown();
        if shown.running == Some(self.number) {
            shown.running = None;
            shown.cancelled = false;
            shown.progress = None;
        }
    }
}

/// A watcher for tests: keeps every report and asks to stop once `stop_after`
/// reports arrived.
#[cfg(any(test, feature = "testkit"))]
#[derive(Debug, Default)]
pub struct RecordingWatcher {
    reports: Mutex<Vec<WorkProgress>>,
    stop_after: Option<usize>,
}

#[cfg(any(test, feature = "testkit"))]
impl RecordingWatcher {
    /// A watcher that asks to stop after `reports` reports (0: before the first).
    pub fn stopping_after(reports: usize) -> Self {
        Self {
            reports: Mutex::default(),
            stop_after: Some(reports),
        }
    }

    pub fn reports(&self) -> Vec<WorkProgress> {
        self.reports
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

#[cfg(any(test, feature = "testkit"))]
impl WorkWatcher for RecordingWatcher {
    fn report(&self, progress: WorkProgress) {
        self.reports
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(progress);
    }

    fn cancel_requested(&self) -> bool {
        self.stop_after
            .is_some_and(|stop_after| self.reports().len() >= stop_after)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_never_passes_its_total() {
        let progress = WorkProgress::new(WorkUnit::Records, 12, 10);
        assert_eq!((progress.done, progress.total), (10, 10));
    }

    #[test]
    fn a_stop_reaches_the_running_work_and_ends_with_it() {
        let work = LongWork::default();
        work.cancel();
        let running = work.begin();
        assert!(running.stop_if_asked().is_ok(), "a click before the work");
        work.cancel();
        running.report(WorkProgress::new(WorkUnit::Pages, 1, 4));
        assert_eq!(work.progress().map(|p| p.done), Some(1));
        assert!(matches!(
            running.stop_if_asked(),
            Err(Error::LongWorkCancelled)
        ));
        drop(running);
        assert_eq!(work.progress(), None);
        assert!(work.begin().stop_if_asked().is_ok(), "the next work runs");
    }

    #[test]
    fn the_work_begun_last_is_shown_and_stopped_and_an_earlier_ones_end_clears_nothing() {
        let work = LongWork::default();
        let export = work.begin();
        let backup = work.begin();
        export.report(WorkProgress::new(WorkUnit::Calls, 5, 10));
        backup.report(WorkProgress::new(WorkUnit::Pages, 2, 8));
        assert_eq!(work.progress().map(|p| p.unit), Some(WorkUnit::Pages));
        drop(export);
        assert_eq!(work.progress().map(|p| p.done), Some(2), "still shown");
        work.cancel();
        assert!(matches!(
            backup.stop_if_asked(),
            Err(Error::LongWorkCancelled)
        ));
    }
}
