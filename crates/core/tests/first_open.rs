//! The first connections of a process, opened by many threads at once.
//!
//! This binary holds one test so that it is the process's first use of
//! SQLite: SQLCipher finishes its own start-up (`sqlcipher_extra_init`) only
//! after SQLite has already told other threads it is initialised, and a thread
//! keying a connection inside that window was refused with "An error occurred
//! with PRAGMA key or rekey" — the flake CI hit now and then in parallel tests.

use std::sync::{Arc, Barrier};

use hotline_core::store::connection::open_encrypted;
use hotline_core::store::crypto::DataKey;

const THREADS: usize = 16;

/// Guards the one-time start-up in `store::connection::open_encrypted`
/// (`SQLCIPHER_STARTED`): without it, most runs of this test fail.
#[test]
fn threads_opening_the_first_stores_of_a_process_at_once_all_succeed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let start = Arc::new(Barrier::new(THREADS));
    let threads: Vec<_> = (0..THREADS)
        .map(|index| {
            let path = dir.path().join(format!("store-{index}.db"));
            let start = Arc::clone(&start);
            std::thread::spawn(move || {
                let key = DataKey::generate().expect("key");
                start.wait();
                open_encrypted(&path, &key).map(drop)
            })
        })
        .collect();
    let failures: Vec<String> = threads
        .into_iter()
        .filter_map(|thread| thread.join().expect("thread").err())
        .map(|error| error.to_string())
        .collect();
    assert!(failures.is_empty(), "{failures:?}");
}
