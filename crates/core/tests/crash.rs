//! `kill -9` at random points while the store is saving (at least 200 seeded
//! runs; `HOTLINE_CRASH_RUNS` and `HOTLINE_CRASH_SEED` for a soak): the
//! database always passes SQLite's integrity check and SQLCipher's page
//! check, and every save that reported success is there.
//!
//! The writer is this test binary run again as a child process: it unlocks,
//! saves calls, drafts and directory entries in a loop and prints the id of
//! each finished call after its commit returned. Whatever it printed before
//! the kill was reported as saved.

use std::collections::BTreeSet;
use std::io::{BufRead as _, BufReader, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use hotline_core::calls::{CallDetails, CallerRole, Line, Subject};
use hotline_core::store::connection::{open_encrypted, verify_pages};
use hotline_core::store::keyring::{KeyRing, KeyRingEntry};
use hotline_core::{DataDir, Device, Region};
use rand::rngs::StdRng;
use rand::{Rng as _, SeedableRng as _};

mod common;

use common::{now, Office, SUPERVISOR};

const WRITER_CHILD: &str = "HOTLINE_TEST_CRASH_WRITER";

fn setting<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(default)
}

/// The child: saves until it is killed.
#[test]
fn crash_writer() {
    let Some(dir) = std::env::var_os(WRITER_CHILD) else {
        return;
    };
    let device = Device::new(DataDir::at(PathBuf::from(dir)));
    let session = device
        .unlock(SUPERVISOR.0, SUPERVISOR.1, chrono::Utc::now())
        .expect("unlock");
    let mut out = std::io::stdout().lock();
    writeln!(out, "ready").expect("stdout");
    out.flush().expect("flush");
    let log = session.call_log();
    let mut counter = 0u64;
    loop {
        counter += 1;
        let at = chrono::Utc::now();
        let details = CallDetails {
            line: Some(Line::RIGA_LANDLINE),
            caller_role: Some(CallerRole::PersonAtRiskOrVictim),
            subjects: vec![Subject::JOB_OFFER_CHECK, Subject::FORCED_LABOUR],
            notes: format!("Save number {counter} before a power cut"),
            ..CallDetails::starting(at, Region::Riga)
        };
        let ids = log.add_finished([details], at).expect("save");
        writeln!(out, "{}", ids[0]).expect("stdout");
        out.flush().expect("flush");
        if counter.is_multiple_of(3) {
            let draft = log.start(at).expect("draft");
            let partial = CallDetails {
                notes: "Typing during the call".into(),
                ..draft.details
            };
            log.save_draft(draft.id, partial, at).expect("autosave");
        }
        if counter.is_multiple_of(5) {
            let entry = common::referral_input(&format!("crash-{counter}"));
            session
                .directory()
                .save(None, entry, at)
                .expect("directory");
        }
    }
}

/// Opens the store as a SQLite shell with the key would: no audit entry, no
/// retention run, nothing written.
fn finished_calls_after_checks(data: &Path) -> BTreeSet<uuid::Uuid> {
    let ring = KeyRing::load(data.join("keyring.json"))
        .expect("key ring")
        .expect("set up");
    let entry = ring.find(SUPERVISOR.0).expect("anna");
    let key = entry
        .wrapped
        .unwrap(SUPERVISOR.1, &KeyRingEntry::wrap_context(entry.account_id))
        .expect("unwrap");
    let connection = open_encrypted(&data.join("hotline.db"), &key).expect("open");
    verify_pages(&connection).expect("every page's HMAC");
    let verdict: String = connection
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .expect("integrity check");
    assert_eq!(verdict, "ok");
    let mut statement = connection
        .prepare("SELECT id FROM call WHERE status = 'final'")
        .expect("select");
    let ids: Vec<String> = statement
        .query_map([], |row| row.get(0))
        .expect("ids")
        .collect::<rusqlite::Result<_>>()
        .expect("ids");
    ids.iter()
        .map(|id| uuid::Uuid::parse_str(id).expect("uuid"))
        .collect()
}

#[test]
fn saves_that_reported_success_survive_kill_9_and_the_store_stays_whole() {
    if std::env::var_os(WRITER_CHILD).is_some() {
        return;
    }
    let runs: usize = setting("HOTLINE_CRASH_RUNS", 200);
    let seed: u64 = setting("HOTLINE_CRASH_SEED", 20_261_123);
    let office = Office::new();
    let data = office.device.data_dir().root().to_owned();
    let mut rng = StdRng::seed_from_u64(seed);
    let mut reported = BTreeSet::new();
    let mut killed_while_unlocking = 0;
    for run in 0..runs {
        let mut child = Command::new(std::env::current_exe().expect("test binary"))
            .args(["--exact", "crash_writer", "--nocapture", "--test-threads=1"])
            .env(WRITER_CHILD, &data)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the writer");
        let stdout = child.stdout.take().expect("stdout");
        let (lines, received) = mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if lines.send(line).is_err() {
                    break;
                }
            }
        });
        if rng.random_range(0..4) == 0 {
            // Anywhere from start-up through unlock (migrations, audit,
            // retention) into the first saves.
            std::thread::sleep(Duration::from_millis(rng.random_range(0..400)));
            killed_while_unlocking += 1;
        } else {
            // The test harness prints its own lines first, and "ready" may
            // end its "test crash_writer ... " line.
            loop {
                let line = received
                    .recv_timeout(Duration::from_secs(30))
                    .unwrap_or_else(|_| panic!("run {run}: the writer did not unlock"));
                if line.ends_with("ready") {
                    break;
                }
                reported.extend(uuid::Uuid::parse_str(&line).ok());
            }
            // At least one save reported before the kill, however slow the
            // machine, so every such run tests a save that must survive.
            let first = received
                .recv_timeout(Duration::from_secs(30))
                .unwrap_or_else(|_| panic!("run {run}: the writer saved nothing"));
            reported.extend(uuid::Uuid::parse_str(&first).ok());
            std::thread::sleep(Duration::from_millis(rng.random_range(0..30)));
        }
        child.kill().expect("kill -9");
        child.wait().expect("wait");
        reader.join().expect("reader");
        reported.extend(
            received
                .try_iter()
                .filter_map(|line| uuid::Uuid::parse_str(&line).ok()),
        );
        if run % 25 == 24 || run + 1 == runs {
            let stored = finished_calls_after_checks(&data);
            let lost: Vec<_> = reported.difference(&stored).collect();
            assert!(
                lost.is_empty(),
                "run {run} (seed {seed}): {} saves reported but lost: {lost:?}",
                lost.len()
            );
        }
    }
    assert!(
        reported.len() >= runs - killed_while_unlocking,
        "every run past the unlock saved ({} saves)",
        reported.len()
    );
    assert!(killed_while_unlocking > runs / 10);
    office
        .device
        .unlock(SUPERVISOR.0, SUPERVISOR.1, now())
        .expect("the app still unlocks");
}
