//! A laptop's first sync of an organisation holding more than a page of
//! records, against a real server: the round reports how far its download
//! is, page by page, towards the count the server gave with the first page;
//! stopped between pages it keeps what it applied and records no failure;
//! the next round receives only the rest.

mod common;

use std::sync::Mutex;

use common::{now, Backend, Office};
use hotline_core::calls::sample::SampleCalls;
use hotline_core::sync::{SyncProgress, SyncRunner};
use hotline_core::{Error, Region, Role};

/// A little under three pages of calls.
const CALLS: usize = 1_300;

on_both_backends!(a_first_sync_shows_its_progress_and_a_stopped_one_resumes_where_it_stopped);

fn a_first_sync_shows_its_progress_and_a_stopped_one_resumes_where_it_stopped(backend: Backend) {
    let office = Office::new(backend);
    let supervisor = &office.supervisor;
    let calls = SampleCalls::new(7, now(), 1, supervisor.session.account().id).take(CALLS);
    supervisor
        .session
        .call_log()
        .add_finished(calls, now())
        .expect("sample calls");
    supervisor.sync().expect("the calls go to the server");
    let laptop = office.enrol("riga-supervisor", Role::Supervisor, Region::Riga);

    // Stopped after its second page, as the Stop button would.
    let runner = SyncRunner::default();
    let seen = Mutex::new(Vec::<SyncProgress>::new());
    let stopped = runner.run_watched(&laptop.session, now(), |progress| {
        let mut seen = seen.lock().expect("progress");
        seen.push(progress);
        if seen.len() == 2 {
            runner.cancel();
        }
    });
    assert!(matches!(stopped, Err(Error::SyncCancelled)), "{stopped:?}");
    let seen = seen.into_inner().expect("progress");
    assert_eq!(seen.len(), 2, "the round stopped before its third page");
    let total = seen[0].total;
    assert!(
        total > CALLS as u64,
        "every call and the organisation's other records: {total}"
    );
    assert_eq!(seen[1].total, total);
    assert!(seen[0].received < seen[1].received && seen[1].received < total);
    assert!(runner.progress().is_none(), "nothing shown once it stopped");
    let kept = laptop.calls().len();
    assert!(kept > 0 && kept < CALLS, "what was applied stays: {kept}");
    let status = laptop.session.sync().status().expect("status");
    assert_eq!(status.last_error, None, "a stop is not a failure");
    assert_eq!(status.last_synced_at, None, "nor a finished sync");

    // The next round goes on from the page after the last one applied.
    let rest = SyncRunner::default()
        .run(&laptop.session, now())
        .expect("resumed")
        .expect("no other round runs");
    let left = total - seen[1].received;
    let pulled = u64::from(rest.pulled);
    assert!(
        (left..=left + u64::from(rest.pushed)).contains(&pulled),
        "only the rest is received: {pulled} of {left} left"
    );
    assert_eq!(laptop.calls().len(), CALLS);
    assert!(laptop
        .session
        .sync()
        .status()
        .expect("status")
        .last_synced_at
        .is_some());

    // Cancelling with no round running changes nothing for the next one.
    runner.cancel();
    assert!(runner
        .run(&laptop.session, now())
        .expect("a round")
        .is_some());
}
