//! Concurrent pushes against each store backend directly: a puller that keeps
//! advancing its cursor while others push must still receive every envelope
//! exactly once. PostgreSQL hands out sequence numbers before commit, so
//! without the per-organisation push lock a later number could commit first
//! and the earlier one would be skipped for good.

mod common;

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread;

use chrono::Utc;
use common::{Backend, TestDatabase};
use hotline_core::sync::{Envelope, RecordKind, Scope};
use hotline_core::{Region, Role};
use hotline_sync_server::store::{Device, NewDevice, PostgresStore, SqliteStore, Store};
use uuid::Uuid;

const PUSHERS: usize = 4;
const BATCHES: usize = 40;
const BATCH: usize = 5;

on_both_backends!(a_puller_racing_concurrent_pushes_misses_nothing);

fn envelope() -> Envelope {
    Envelope {
        id: Uuid::new_v4(),
        kind: RecordKind::Call,
        record_id: Uuid::new_v4(),
        version: format!(
            "{:013}-000000-{}",
            Utc::now().timestamp_millis(),
            Uuid::nil()
        ),
        scope: Scope::Region(Region::Latgale),
        key_epoch: 0,
        nonce: vec![7; 12],
        ciphertext: vec![1; 48],
        signature: vec![0; 64],
    }
}

fn a_puller_racing_concurrent_pushes_misses_nothing(backend: Backend) {
    let temp = tempfile::tempdir().expect("tempdir");
    let database = (backend == Backend::Postgres).then(TestDatabase::create);
    let store: Arc<dyn Store> = match &database {
        Some(database) => Arc::new(PostgresStore::connect(&database.url).expect("connect")),
        None => Arc::new(SqliteStore::open(&temp.path().join("sync-server.db")).expect("open")),
    };
    let organisation_id = Uuid::new_v4();
    let token_hash = [42u8; 32];
    store
        .register_organisation(
            organisation_id,
            NewDevice {
                id: Uuid::new_v4(),
                name: "supervisor",
                role: Role::Supervisor,
                region: Region::Riga,
                token_hash: &token_hash,
                certificate: None,
                joins_before: None,
            },
            Utc::now(),
        )
        .expect("register");
    let device: Device = store
        .authenticate(&token_hash, Utc::now())
        .expect("authenticate")
        .expect("known token");

    let pushing = Arc::new(AtomicBool::new(true));
    let puller = {
        let (store, device, pushing) = (Arc::clone(&store), device.clone(), Arc::clone(&pushing));
        thread::spawn(move || {
            let mut cursor = 0;
            let mut received = Vec::new();
            loop {
                let finished = !pushing.load(Ordering::SeqCst);
                let (page, _) = store.pull(&device, cursor, 7).expect("pull");
                if page.is_empty() && finished {
                    return received;
                }
                for pulled in page {
                    assert!(pulled.seq > cursor, "sequence numbers only grow");
                    cursor = pulled.seq;
                    received.push(pulled.envelope.id);
                }
            }
        })
    };
    let pushers: Vec<_> = (0..PUSHERS)
        .map(|_| {
            let (store, device) = (Arc::clone(&store), device.clone());
            thread::spawn(move || {
                let mut pushed = Vec::new();
                for _ in 0..BATCHES {
                    let batch: Vec<Envelope> = (0..BATCH).map(|_| envelope()).collect();
                    store.push(&device, &batch, Utc::now()).expect("push");
                    pushed.extend(batch.iter().map(|envelope| envelope.id));
                }
                pushed
            })
        })
        .collect();
    let pushed: BTreeSet<Uuid> = pushers
        .into_iter()
        .flat_map(|pusher| pusher.join().expect("pusher"))
        .collect();
    pushing.store(false, Ordering::SeqCst);
    let received = puller.join().expect("puller");

    assert_eq!(pushed.len(), PUSHERS * BATCHES * BATCH);
    let distinct: BTreeSet<Uuid> = received.iter().copied().collect();
    assert_eq!(distinct.len(), received.len(), "nothing received twice");
    assert_eq!(
        pushed.difference(&distinct).count(),
        0,
        "every pushed envelope reached the puller that raced the pushes"
    );
}
