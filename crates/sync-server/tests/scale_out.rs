//! Two `hotline-sync-server` processes over one PostgreSQL database serve
//! one organisation: laptops push through both and pull through both at
//! the same time, and every puller receives every envelope exactly once.
//!
//! This guards the per-organisation push lock being a lock of the database
//! (`pg_advisory_xact_lock` in `store/postgres.rs`), not of one process: a
//! sequence number is handed out before its push commits, so without a lock
//! both processes share, a later number could commit first, a puller's
//! cursor would pass the earlier one, and that envelope would be skipped for
//! good.

mod common;

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

use common::{postgres_available, supervisor_laptop, Server};
use hotline_core::sync::client::ServerClient;
use hotline_core::sync::{Envelope, RecordKind, Scope};
use hotline_core::testkit::forger::Forger;
use hotline_core::{Error, Region};
use serde_json::json;
use uuid::Uuid;

/// Batches pushed through each server, by each of its two pushers.
const BATCHES_PER_PUSHER: usize = 40;
const BATCH: usize = 4;
const PAGE: usize = 7;

/// A device's request through `client`, again after the server asked it to
/// wait (each process limits a device's requests on its own).
fn patiently<T>(mut request: impl FnMut() -> Result<T, Error>) -> T {
    loop {
        match request() {
            Err(Error::ServerBusy { .. }) => thread::sleep(Duration::from_millis(50)),
            other => return other.expect("request"),
        }
    }
}

/// Pulls from `client` until `done` is set and the last page is empty;
/// every envelope id it received, with how many times.
fn pull_until_done(client: &ServerClient, done: &AtomicBool) -> BTreeMap<Uuid, usize> {
    let mut cursor = 0;
    let mut received = BTreeMap::new();
    loop {
        let finished = done.load(Ordering::SeqCst);
        let page = patiently(|| client.pull(cursor, PAGE));
        for pulled in &page.envelopes {
            *received.entry(pulled.envelope.id).or_insert(0) += 1;
        }
        cursor = page.next_cursor;
        if finished && !page.more && page.envelopes.is_empty() {
            return received;
        }
        if page.envelopes.is_empty() {
            thread::sleep(Duration::from_millis(5));
        }
    }
}

#[test]
fn two_servers_over_one_postgres_database_neither_skip_nor_double_an_envelope() {
    if !postgres_available() {
        return;
    }
    let temp = tempfile::tempdir().expect("tempdir");
    let first = Server::start_on(common::Backend::Postgres, &temp.path().join("first"));
    let second = Server::start_beside(&first, &temp.path().join("second"));
    let supervisor = supervisor_laptop(temp.path(), &first.url());
    let token: String = supervisor
        .raw_connection()
        .query_row(
            "SELECT value FROM device_setting WHERE key = 'sync.device_token'",
            [],
            |row| row.get(0),
        )
        .expect("device token");
    let forger = Forger::new(&supervisor.session).expect("the laptop's keys");
    let client =
        |server: &Server| ServerClient::new(&server.url(), None, Some(&token)).expect("client");
    let batches = |first_millis: u64| -> Vec<Vec<Envelope>> {
        (0..BATCHES_PER_PUSHER)
            .map(|batch| {
                (0..BATCH)
                    .map(|index| {
                        let counter = u32::try_from(batch * BATCH + index).expect("small");
                        forger
                            .seal(
                                RecordKind::Call,
                                Uuid::new_v4(),
                                &forger.stamp(first_millis, counter),
                                Scope::Region(Region::Riga),
                                &json!({ "through": first_millis }),
                            )
                            .expect("seal")
                    })
                    .collect()
            })
            .collect()
    };
    let started = u64::try_from(chrono::Utc::now().timestamp_millis()).expect("after 1970");
    let pushes = [
        (&first, batches(started)),
        (&first, batches(started + 1)),
        (&second, batches(started + 2)),
        (&second, batches(started + 3)),
    ];
    let pushed: Vec<Uuid> = pushes
        .iter()
        .flat_map(|(_, batches)| batches.iter().flatten())
        .map(|envelope| envelope.id)
        .collect();

    let done = Arc::new(AtomicBool::new(false));
    let received = thread::scope(|scope| {
        let pullers: Vec<_> = [&first, &second]
            .into_iter()
            .map(|server| {
                let (client, done) = (client(server), Arc::clone(&done));
                scope.spawn(move || pull_until_done(&client, &done))
            })
            .collect();
        let pushers: Vec<_> = pushes
            .iter()
            .map(|(server, batches)| {
                let client = client(server);
                scope.spawn(move || {
                    for batch in batches {
                        let response = patiently(|| client.push(batch));
                        assert_eq!(response.accepted as usize, batch.len());
                    }
                })
            })
            .collect();
        for pusher in pushers {
            pusher.join().expect("pusher");
        }
        done.store(true, Ordering::SeqCst);
        pullers
            .into_iter()
            .map(|puller| puller.join().expect("puller"))
            .collect::<Vec<_>>()
    });

    for (through, received) in ["the first server", "the second server"]
        .into_iter()
        .zip(&received)
    {
        let doubled: Vec<_> = received.iter().filter(|(_, times)| **times > 1).collect();
        assert!(
            doubled.is_empty(),
            "pulled twice through {through}: {doubled:?}"
        );
        let missing: Vec<_> = pushed
            .iter()
            .filter(|id| !received.contains_key(id))
            .collect();
        assert!(missing.is_empty(), "skipped through {through}: {missing:?}");
    }
}
