//! Sync benchmark on loopback with a real `hotline-sync-server` process:
//! a supervisor's laptop pushes N synthetic calls, a newly enrolled laptop
//! pulls them all (decrypting and applying each into its SQLCipher store), then
//! empty rounds measure the incremental round trip. The baseline in the same
//! run is the floor under the pull: reading the same envelopes straight from
//! the server's SQLite file. Published anchor: PowerSync's initial sync of
//! about 27,600 rows/s.
//!
//! Signing is measured apart on the same envelopes, the way the product does
//! it: a push batch at a time signed on every core (the pushing laptop), a
//! page at a time checked in batches on every core (the server on push,
//! every receiving laptop on pull), as a share of the push and the pull.
//!
//! The push and the pull are measured again through a server over
//! PostgreSQL when `HOTLINE_TEST_POSTGRES_URL` names one (scripts/bench.sh
//! starts it), against the SQLite server's times in the same run.
//!
//! `cargo bench -p hotline-sync-server --bench sync` (N = 100,000;
//! `HOTLINE_BENCH_RECORDS` sets another size). Prints Markdown tables.

#[path = "../tests/common/mod.rs"]
mod common;

use std::time::{Duration, Instant};

use chrono::Utc;
use common::Backend;
use hotline_core::calls::sample::SampleCalls;
use hotline_core::sync::envelope::{sign_all, EnvelopeSigner};
use hotline_core::sync::{Envelope, RecordKind, Scope};
use hotline_core::testkit::bench_summary::BenchSummary;
use hotline_core::{Region, Role};
use hotline_protocol::framing;
use hotline_protocol::limits::{DEFAULT_PULL_PAGE, MAX_PUSH_ENVELOPES};
use hotline_protocol::signatures::{verify_all, SignatureCheck};
use hotline_protocol::{PullResponse, PulledEnvelope};

const EMPTY_ROUNDS: usize = 31;

/// A supervisor's laptop that pushed its calls through a server, and a
/// newly enrolled laptop that pulled them all, with the times taken.
struct Synced {
    /// Holds the server's and the laptops' files until dropped.
    temp: tempfile::TempDir,
    server: common::Server,
    reader: common::Laptop,
    filled: Duration,
    pushed: u32,
    push: Duration,
    pulled: u32,
    pull: Duration,
}

fn push_and_pull(backend: Backend, records: usize) -> Synced {
    let temp = tempfile::tempdir().expect("tempdir");
    let server = common::Server::start_on(backend, &temp.path().join("server"));
    let supervisor = common::supervisor_laptop(temp.path(), &server.url());
    let assignee = supervisor.session.account().id;

    let started = Instant::now();
    let mut sample = SampleCalls::new(7, Utc::now(), 3, assignee);
    let mut left = records;
    while left > 0 {
        let chunk = left.min(10_000);
        let calls: Vec<_> = sample.by_ref().take(chunk).collect();
        supervisor
            .session
            .call_log()
            .add_finished(calls, Utc::now())
            .expect("add calls");
        left -= chunk;
    }
    let filled = started.elapsed();

    let started = Instant::now();
    let pushed = supervisor.sync().expect("push").pushed;
    let push = started.elapsed();

    let reader = common::enrol(
        &supervisor,
        temp.path(),
        "reader",
        Role::Supervisor,
        Region::Riga,
    );
    let started = Instant::now();
    let pulled = reader.sync().expect("initial pull").pulled;
    let pull = started.elapsed();
    assert_eq!(reader.calls().len().min(500), records.min(500));
    Synced {
        temp,
        server,
        reader,
        filled,
        pushed,
        push,
        pulled,
        pull,
    }
}

fn main() {
    let records: usize = std::env::var("HOTLINE_BENCH_RECORDS")
        .ok()
        .and_then(|value| value.replace('_', "").parse().ok())
        .unwrap_or(100_000);
    let Synced {
        temp,
        server,
        reader,
        filled,
        pushed,
        push,
        pulled,
        pull,
    } = push_and_pull(Backend::Sqlite, records);

    let (floor, wire, ciphertext_bytes, envelopes) = read_server_floor(&server);
    let floor_count = envelopes.len() as u64;
    let (signing, verifying) = signature_cost(&envelopes);

    let mut empty: Vec<Duration> = (0..EMPTY_ROUNDS)
        .map(|_| {
            let started = Instant::now();
            reader.sync().expect("empty round");
            started.elapsed()
        })
        .collect();
    empty.sort();

    let rate = |count: u64, time: Duration| count as f64 / time.as_secs_f64();
    println!("| Sync, {records} calls on loopback | Time | Records/s |");
    println!("|---|---:|---:|");
    println!(
        "| Fill the supervisor's store (baseline work, not sync) | {:.1} s | {:.0} |",
        filled.as_secs_f64(),
        rate(records as u64, filled)
    );
    println!(
        "| Push {pushed} envelopes (seal + HTTP + server commit) | {:.1} s | {:.0} |",
        push.as_secs_f64(),
        rate(u64::from(pushed), push)
    );
    println!(
        "| Initial pull of {pulled} envelopes (HTTP + open + apply into SQLCipher) | {:.1} s | {:.0} |",
        pull.as_secs_f64(),
        rate(u64::from(pulled), pull)
    );
    println!(
        "| Floor: read {floor_count} envelopes from the server's SQLite file | {:.2} s | {:.0} |",
        floor.as_secs_f64(),
        rate(floor_count, floor)
    );
    println!(
        "| Empty incremental round (push nothing, pull nothing), median of {EMPTY_ROUNDS} | {:.2} ms | |",
        empty[EMPTY_ROUNDS / 2].as_secs_f64() * 1000.0
    );
    println!(
        "| Sign {floor_count} envelopes (Ed25519, a push batch at a time on every core; part of the push) | {:.2} s | {:.0} |",
        signing.as_secs_f64(),
        rate(floor_count, signing)
    );
    println!(
        "| Verify {floor_count} signatures (in batches, a page at a time on every core; once on the server per push, once per receiving laptop) | {:.2} s | {:.0} |",
        verifying.as_secs_f64(),
        rate(floor_count, verifying)
    );
    println!();
    println!(
        "Signatures' share (goal at most 10 %): push {:.1} % (signing and the server's check), pull {:.1} % (the laptop's check).",
        (signing + verifying).as_secs_f64() / push.as_secs_f64() * 100.0,
        verifying.as_secs_f64() / pull.as_secs_f64() * 100.0
    );
    println!(
        "Initial pull vs PowerSync's published ~27,600 rows/s: {:.2}x. Pull vs the storage floor: {:.1}x slower.",
        rate(u64::from(pulled), pull) / 27_600.0,
        floor.as_secs_f64().recip() * pull.as_secs_f64()
    );
    let beyond = |bytes: u64| (bytes - ciphertext_bytes) as f64 / floor_count as f64;
    let overhead = beyond(wire.framed);
    println!(
        "Bytes on the wire per record beyond the ciphertext: {overhead:.0} framed, {:.0} as JSON (an older laptop's pages) (ciphertext averages {:.0} bytes).",
        beyond(wire.json),
        ciphertext_bytes as f64 / floor_count as f64
    );
    let mut figures = vec![
        ("sync_calls", records as f64),
        ("pull_records_per_s", rate(u64::from(pulled), pull)),
        ("push_records_per_s", rate(u64::from(pushed), push)),
        ("wire_bytes_per_record", overhead),
    ];
    drop((server, reader, temp));

    // The same through a server over PostgreSQL (the store of a relay that
    // scales out), when scripts/bench.sh started one.
    if common::postgres_available() {
        let postgres = push_and_pull(Backend::Postgres, records);
        println!();
        println!("| Sync through PostgreSQL, {records} calls on loopback | Time | Records/s |");
        println!("|---|---:|---:|");
        println!(
            "| Push {} envelopes | {:.1} s | {:.0} |",
            postgres.pushed,
            postgres.push.as_secs_f64(),
            rate(u64::from(postgres.pushed), postgres.push)
        );
        println!(
            "| Initial pull of {} envelopes | {:.1} s | {:.0} |",
            postgres.pulled,
            postgres.pull.as_secs_f64(),
            rate(u64::from(postgres.pulled), postgres.pull)
        );
        println!(
            "PostgreSQL against SQLite, same run: push {:.2}x, pull {:.2}x the time.",
            postgres.push.as_secs_f64() / push.as_secs_f64(),
            postgres.pull.as_secs_f64() / pull.as_secs_f64()
        );
        figures.extend([
            (
                "push_records_per_s_postgres",
                rate(u64::from(postgres.pushed), postgres.push),
            ),
            (
                "pull_records_per_s_postgres",
                rate(u64::from(postgres.pulled), postgres.pull),
            ),
        ]);
    }
    if let Some(summary) = BenchSummary::from_env() {
        summary
            .record(&figures)
            .expect("write the benchmark summary");
    }
}

/// The time to sign every envelope with one Ed25519 key, a push batch at a
/// time as `next_push` does, and to check every signature made, a page at
/// a time as the server and the pulling laptop do.
fn signature_cost(envelopes: &[Envelope]) -> (Duration, Duration) {
    use ring::signature::{Ed25519KeyPair, KeyPair as _};
    let pkcs8 = Ed25519KeyPair::generate_pkcs8(&ring::rand::SystemRandom::new()).expect("pkcs8");
    let key = Ed25519KeyPair::from_pkcs8(pkcs8.as_ref()).expect("key");
    let signer = EnvelopeSigner::from_pkcs8(pkcs8.as_ref()).expect("signer");
    let mut signed = envelopes.to_vec();
    let started = Instant::now();
    for batch in signed.chunks_mut(MAX_PUSH_ENVELOPES) {
        sign_all(&signer, batch);
    }
    let signing = started.elapsed();
    let started = Instant::now();
    let mut verified = 0;
    for page in signed.chunks(DEFAULT_PULL_PAGE) {
        let messages: Vec<Vec<u8>> = page.iter().map(Envelope::signed_message).collect();
        let checks: Vec<SignatureCheck<'_>> = page
            .iter()
            .zip(&messages)
            .map(|(envelope, message)| SignatureCheck {
                public_key: key.public_key().as_ref(),
                message,
                signature: &envelope.signature,
            })
            .collect();
        verified += verify_all(&checks).into_iter().filter(|ok| *ok).count();
    }
    let verifying = started.elapsed();
    assert_eq!(verified, envelopes.len());
    (signing, verifying)
}

/// The bytes of every pull page, in each of the two wire forms.
struct WireBytes {
    framed: u64,
    json: u64,
}

/// Reads every envelope from the server's file, as pages of the wire format;
/// returns the time, the bytes of those pages, the ciphertext bytes and
/// the envelopes.
fn read_server_floor(server: &common::Server) -> (Duration, WireBytes, u64, Vec<Envelope>) {
    let database = server.data_dir.join("sync-server.db");
    let connection = rusqlite::Connection::open(&database).expect("server db");
    let started = Instant::now();
    let mut statement = connection
        .prepare(
            "SELECT seq, id, kind, record_id, version, scope, nonce, ciphertext, signature,
                    key_epoch
             FROM envelope ORDER BY seq",
        )
        .expect("prepare");
    let envelopes: Vec<PulledEnvelope> = statement
        .query_map([], |row| {
            let text = |index: usize| row.get::<_, String>(index);
            Ok(PulledEnvelope {
                seq: u64::try_from(row.get::<_, i64>(0)?).unwrap_or(0),
                envelope: Envelope {
                    id: text(1)?.parse().expect("id"),
                    kind: RecordKind::parse(&text(2)?).expect("kind"),
                    record_id: text(3)?.parse().expect("record id"),
                    version: text(4)?,
                    scope: Scope::parse(&text(5)?).expect("scope"),
                    key_epoch: row.get(9)?,
                    nonce: row.get(6)?,
                    ciphertext: row.get(7)?,
                    signature: row.get(8)?,
                },
            })
        })
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    let elapsed = started.elapsed();
    let mut wire = WireBytes { framed: 0, json: 0 };
    for page in envelopes.chunks(DEFAULT_PULL_PAGE) {
        let response = PullResponse {
            envelopes: page.to_vec(),
            next_cursor: page.last().map_or(0, |last| last.seq),
            more: true,
            server_time: None,
            remaining: None,
        };
        wire.json += serde_json::to_vec(&response).expect("json").len() as u64;
        wire.framed += framing::encode_pull(&response).expect("framable").len() as u64;
    }
    let ciphertext: u64 = envelopes
        .iter()
        .map(|pulled| pulled.envelope.ciphertext.len() as u64)
        .sum();
    (
        elapsed,
        wire,
        ciphertext,
        envelopes
            .into_iter()
            .map(|pulled| pulled.envelope)
            .collect(),
    )
}
