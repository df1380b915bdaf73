//! The security suite on real SQLCipher files: a canary in every sensitive
//! field never reaches a file, a log or the temp dir; the stock sqlite3 tool
//! cannot open the store; 1,000 wrong passphrases are 1,000 clear refusals;
//! a wrapped key with one bit flipped never opens; PBKDF2 gives the published
//! answers and the stored iteration counts are at least 600,000.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use chrono::Duration;
use hotline_core::calls::{CallDetails, CallerRole, Line, Referral, Subject};
use hotline_core::store::crypto::MIN_KDF_ITERATIONS;
use hotline_core::{Error, Session};

mod common;

use common::{now, Office, LATGALE, SUPERVISOR};

/// Set in the child process that fills the store for the canary scan.
const CANARY_CHILD: &str = "HOTLINE_TEST_CANARY_CHILD";
const NOTES: &str = "CanaryNotes4e7d";
const ADVICE: &str = "CanaryAdvice91bc";
const REFERRAL: &str = "CanaryReferral0f3a";
const CASE_REF: &str = "K-7319";
const CALLER_NUMBER: &str = "+371 2874 5519";
const CALLER_DIGITS: &str = "28745519";
const DIRECTORY_NOTE: &str = "CanaryDirectory5d21";

fn every_canary() -> [&'static str; 6] {
    [
        NOTES,
        ADVICE,
        REFERRAL,
        CASE_REF,
        CALLER_DIGITS,
        DIRECTORY_NOTE,
    ]
}

fn occurrences(haystack: &[u8], needle: &str) -> usize {
    haystack
        .windows(needle.len())
        .filter(|window| *window == needle.as_bytes())
        .count()
}

fn files_under(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_owned()];
    while let Some(next) = pending.pop() {
        for entry in std::fs::read_dir(&next).expect("read dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let bytes = std::fs::read(&path).expect("read");
                found.push((path, bytes));
            }
        }
    }
    found
}

/// Puts a canary in every sensitive field a consultant and a supervisor
/// fill in, syncs nothing, writes a backup, and snapshots the live
/// write-ahead log and shared-memory files before locking.
fn fill_every_sensitive_field(session: &Session, backup: &Path, snapshot: &Path) {
    let log = session.call_log();
    let draft = log.start(now()).expect("start");
    log.set_caller_number(draft.id, CALLER_NUMBER, now())
        .expect("caller number");
    let details = CallDetails {
        notes: format!("Caller said: {NOTES}"),
        advice_given: format!("Advised: {ADVICE}"),
        referrals: vec![Referral {
            to: format!("Sister's friend {REFERRAL}"),
            entry_id: None,
            caller_consented: true,
            ..Default::default()
        }],
        case_ref: Some(CASE_REF.into()),
        line: Some(Line::LATGALE),
        caller_role: Some(CallerRole::PersonAtRiskOrVictim),
        subjects: vec![Subject::SHAM_MARRIAGE],
        ..draft.details
    };
    log.finish(draft.id, details, now() + Duration::minutes(7))
        .expect("finish");
    let mut entry = common::referral_input("canary-shelter");
    entry.confidential_address = format!("{DIRECTORY_NOTE} iela 4, Rēzekne");
    session
        .directory()
        .save(None, entry, now())
        .expect("directory entry");
    session.backup(backup, now()).expect("backup");
    let database = session_database(session);
    for suffix in ["-wal", "-shm"] {
        let live = PathBuf::from(format!("{}{suffix}", database.display()));
        if live.exists() {
            std::fs::copy(&live, snapshot.join(format!("live{suffix}"))).expect("snapshot");
        }
    }
}

fn session_database(session: &Session) -> PathBuf {
    std::env::var_os("HOTLINE_DATA_DIR")
        .map(|dir| PathBuf::from(dir).join("hotline.db"))
        .unwrap_or_else(|| {
            panic!(
                "the child runs with HOTLINE_DATA_DIR (session of {})",
                session.account().login
            )
        })
}

/// The child: runs with its own TMPDIR and every log level on stderr.
#[test]
fn canary_child() {
    let Some(root) = std::env::var_os(CANARY_CHILD) else {
        return;
    };
    let root = PathBuf::from(root);
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(std::io::stderr)
        .init();
    let device = hotline_core::Device::new(hotline_core::DataDir::at(root.join("data")));
    let session = common::set_up_supervisor(&device);
    fill_every_sensitive_field(
        &session,
        &root.join("office.backup"),
        &root.join("snapshot"),
    );
    session.lock();
    std::io::stderr().flush().expect("flush");
}

#[test]
fn a_canary_in_every_sensitive_field_reaches_no_file_log_or_temp_dir() {
    if std::env::var_os(CANARY_CHILD).is_some() {
        return;
    }
    let root = tempfile::tempdir().expect("tempdir");
    for dir in ["tmp", "snapshot", "data"] {
        std::fs::create_dir_all(root.path().join(dir)).expect("dir");
    }
    let output = Command::new(std::env::current_exe().expect("test binary"))
        .args(["--exact", "canary_child", "--nocapture", "--test-threads=1"])
        .env(CANARY_CHILD, root.path())
        .env("HOTLINE_DATA_DIR", root.path().join("data"))
        .env("TMPDIR", root.path().join("tmp"))
        .env("RUST_LOG", "trace")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .expect("run the child");
    assert!(
        output.status.success(),
        "child failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        output.stderr.len() > 100,
        "the child logged (control for the log scan)"
    );

    let scanned = files_under(root.path());
    let names: Vec<String> = scanned
        .iter()
        .map(|(path, _)| {
            path.file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    for expected in ["hotline.db", "keyring.json", "office.backup", "live-wal"] {
        assert!(
            names.iter().any(|name| name == expected),
            "{expected} scanned: {names:?}"
        );
    }
    let logs = [
        ("child stderr".to_owned(), output.stderr.clone()),
        ("child stdout".to_owned(), output.stdout.clone()),
    ];
    for (place, bytes) in scanned
        .iter()
        .map(|(path, bytes)| (path.display().to_string(), bytes.clone()))
        .chain(logs)
    {
        for canary in every_canary() {
            assert_eq!(
                occurrences(&bytes, canary),
                0,
                "{canary} readable in {place}"
            );
        }
    }

    // Control: the same values in a plain SQLite file are found by this scan.
    let control = root.path().join("control.sqlite");
    let plain = rusqlite::Connection::open(&control).expect("plain");
    plain
        .execute_batch("CREATE TABLE t (value TEXT)")
        .expect("table");
    for canary in every_canary() {
        plain
            .execute("INSERT INTO t VALUES (?1)", [canary])
            .expect("insert");
    }
    drop(plain);
    let bytes = std::fs::read(&control).expect("control");
    for canary in every_canary() {
        assert_eq!(occurrences(&bytes, canary), 1, "control finds {canary}");
    }
}

#[test]
fn the_stock_sqlite3_tool_cannot_open_the_store() {
    let office = Office::new();
    let database = office.device.data_dir().database();
    let header = std::fs::read(&database).expect("database");
    assert_ne!(&header[..16], b"SQLite format 3\0");
    let run = Command::new("sqlite3")
        .arg(&database)
        .arg("SELECT count(*) FROM sqlite_master;")
        .output();
    let output = match run {
        Ok(output) => output,
        Err(_) if std::env::var_os("CI").is_none() => {
            eprintln!("skipped: sqlite3 is not installed (scripts/test.sh installs it)");
            return;
        }
        Err(error) => panic!("sqlite3 must be installed under CI: {error}"),
    };
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("file is not a database"), "{stderr}");
}

#[test]
fn a_thousand_wrong_passphrases_are_a_thousand_clear_refusals() {
    let office = Office::new();
    let dir = office.device.data_dir();
    let database_before = std::fs::read(dir.database()).expect("database");
    let mut clock = now();
    let (mut wrong, mut throttled) = (0, 0);
    for attempt in 0..1000u32 {
        // Every hundredth attempt comes after the delay, so the passphrase is
        // really tried again; the others arrive while throttled.
        if attempt.is_multiple_of(100) {
            clock += Duration::minutes(10);
        }
        match office
            .device
            .unlock(LATGALE.0, &format!("guess number {attempt}"), clock)
        {
            Err(Error::WrongCredentials) => wrong += 1,
            Err(Error::Throttled {
                retry_after_seconds,
            }) => {
                assert!(retry_after_seconds > 0);
                throttled += 1;
            }
            other => panic!("attempt {attempt}: {other:?}"),
        }
    }
    assert_eq!(wrong + throttled, 1000);
    assert!(throttled > 900, "throttling engaged ({throttled})");
    assert_eq!(
        std::fs::read(dir.database()).expect("database"),
        database_before,
        "no attempt touched the data"
    );
    let refused = office.device.unlock(LATGALE.0, LATGALE.1, clock);
    assert!(
        matches!(refused, Err(Error::Throttled { .. })),
        "the right passphrase waits too"
    );
    office
        .device
        .unlock(LATGALE.0, LATGALE.1, clock + Duration::minutes(10))
        .expect("the right passphrase after the delay");
}

#[test]
fn a_wrapped_key_with_one_bit_flipped_never_opens() {
    use base64::Engine as _;
    let office = Office::new();
    let path = office.device.data_dir().key_ring();
    let mut ring: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).expect("key ring")).expect("json");
    let engine = base64::engine::general_purpose::STANDARD;
    let accounts = ring["accounts"].as_array_mut().expect("accounts");
    for account in accounts.iter_mut() {
        let mut wrapped = engine
            .decode(account["wrappedKey"].as_str().expect("wrapped"))
            .expect("base64");
        wrapped[3] ^= 0x10;
        account["wrappedKey"] = engine.encode(wrapped).into();
    }
    std::fs::write(&path, serde_json::to_vec(&ring).expect("json")).expect("write");
    for (login, passphrase) in [SUPERVISOR, LATGALE] {
        let refused = office.device.unlock(login, passphrase, now());
        assert!(
            matches!(refused, Err(Error::WrongCredentials)),
            "{login}: {refused:?}"
        );
    }
}

#[test]
fn pbkdf2_gives_the_published_answers_and_stored_counts_meet_the_minimum() {
    use std::num::NonZeroU32;
    let cases: [(&[u8], &[u8], u32, &str); 2] = [
        (
            b"passwd",
            b"salt",
            1,
            "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc\
             49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783",
        ),
        (
            b"Password",
            b"NaCl",
            80_000,
            "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56\
             a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d",
        ),
    ];
    for (password, salt, iterations, expected) in cases {
        let mut derived = [0u8; 64];
        ring::pbkdf2::derive(
            ring::pbkdf2::PBKDF2_HMAC_SHA256,
            NonZeroU32::new(iterations).expect("non-zero"),
            salt,
            password,
            &mut derived,
        );
        let hex: String = derived.iter().map(|byte| format!("{byte:02x}")).collect();
        assert_eq!(hex, expected, "RFC 7914 vector, {iterations} iterations");
    }

    const { assert!(MIN_KDF_ITERATIONS >= 600_000) };
    let office = Office::new();
    let ring: serde_json::Value = serde_json::from_slice(
        &std::fs::read(office.device.data_dir().key_ring()).expect("key ring"),
    )
    .expect("json");
    for account in ring["accounts"].as_array().expect("accounts") {
        let iterations = account["kdfIterations"].as_u64().expect("iterations");
        assert!(iterations >= 600_000, "{iterations}");
        assert_eq!(account["kdf"], "pbkdf2-hmac-sha256");
    }
}
