//! The encrypted store end to end, on a real SQLCipher file: set-up, unlock,
//! wrong passphrases, throttling, passphrase changes, and what an attacker with
//! the files sees.

use std::path::Path;

use chrono::{DateTime, Duration, Utc};
use hotline_core::accounts::{AccountChange, NewAccount};
use hotline_core::store::throttle::FREE_ATTEMPTS;
use hotline_core::{DataDir, Device, DeviceState, Error, FirstRunSetup, Region, Role};

const PASSPHRASE: &str = "Lāčplēša iela 75 kalns";
/// A display name nobody would type by accident, to search the files for.
const CANARY: &str = "Kanārijputniņš-7f3e9a";

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_795_000_000, 0).expect("valid time")
}

fn setup(display_name: &str) -> FirstRunSetup {
    FirstRunSetup {
        organisation_name: "Patvērums Drošā māja".into(),
        login: "anna".into(),
        display_name: display_name.into(),
        home_region: Region::Riga,
    }
}

fn new_device() -> (tempfile::TempDir, Device) {
    let temp = tempfile::tempdir().expect("tempdir");
    let device = Device::new(DataDir::at(temp.path().join("data")));
    (temp, device)
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle.as_bytes())
}

fn file_bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_default()
}

#[test]
fn first_run_creates_the_supervisor_who_can_unlock_again() {
    let (_temp, device) = new_device();
    assert_eq!(device.state().expect("state"), DeviceState::NotSetUp);
    let session = device
        .set_up(setup("Anna Bērziņa"), PASSPHRASE, now())
        .expect("set up");
    assert_eq!(session.account().role, Role::Supervisor);
    assert_eq!(session.organisation().name, "Patvērums Drošā māja");
    session.lock();

    assert_eq!(device.state().expect("state"), DeviceState::Locked);
    let session = device.unlock(" Anna ", PASSPHRASE, now()).expect("unlock");
    assert_eq!(session.account().display_name, "Anna Bērziņa");
    assert_eq!(session.info().expect("info").auto_lock_minutes, 10);
}

#[test]
fn set_up_twice_is_refused() {
    let (_temp, device) = new_device();
    device
        .set_up(setup("Anna"), PASSPHRASE, now())
        .expect("set up")
        .lock();
    let error = device
        .set_up(setup("Other"), PASSPHRASE, now())
        .expect_err("already");
    assert!(matches!(error, Error::AlreadySetUp));
}

#[test]
fn invalid_set_up_writes_nothing() {
    let (_temp, device) = new_device();
    let error = device
        .set_up(setup("Anna"), "short", now())
        .expect_err("too short");
    assert!(matches!(
        error,
        Error::InvalidInput {
            field: "passphrase",
            ..
        }
    ));
    assert!(!device.data_dir().database().exists());
    assert_eq!(device.state().expect("state"), DeviceState::NotSetUp);
}

#[test]
fn canary_in_the_database_is_not_readable_in_the_files() {
    let (_temp, device) = new_device();
    let session = device
        .set_up(setup(CANARY), PASSPHRASE, now())
        .expect("set up");
    let dir = device.data_dir().clone();
    // While the session is open the WAL holds the newest pages.
    let wal = dir.database().with_extension("db-wal");
    for path in [dir.database(), wal.clone(), dir.key_ring()] {
        assert!(
            !contains(&file_bytes(&path), CANARY),
            "canary found in {}",
            path.display()
        );
    }
    session.lock();
    let header = file_bytes(&dir.database());
    assert!(header.len() > 16);
    assert_ne!(&header[..16], b"SQLite format 3\0");
    assert!(!contains(&header, CANARY));

    // Control: the same name in a plain SQLite file is findable, so the search works.
    let plain = dir.root().join("control.sqlite");
    let connection = rusqlite::Connection::open(&plain).expect("plain");
    connection
        .execute_batch(&format!(
            "CREATE TABLE t(x); INSERT INTO t VALUES ('{CANARY}');"
        ))
        .expect("insert");
    drop(connection);
    assert!(contains(&file_bytes(&plain), CANARY));
}

#[test]
fn opening_the_database_without_the_key_fails_clearly() {
    let (_temp, device) = new_device();
    device
        .set_up(setup("Anna"), PASSPHRASE, now())
        .expect("set up")
        .lock();
    let connection = rusqlite::Connection::open(device.data_dir().database()).expect("open");
    let error = connection
        .query_row("SELECT count(*) FROM sqlite_master", [], |row| {
            row.get::<_, i64>(0)
        })
        .expect_err("no key");
    assert_eq!(
        error.sqlite_error_code(),
        Some(rusqlite::ErrorCode::NotADatabase)
    );
}

#[test]
fn wrong_passphrase_is_a_clear_error_and_changes_no_data() {
    let (_temp, device) = new_device();
    device
        .set_up(setup("Anna"), PASSPHRASE, now())
        .expect("set up")
        .lock();
    let dir = device.data_dir();
    let database_before = file_bytes(&dir.database());
    let key_ring_before = file_bytes(&dir.key_ring());

    let error = device
        .unlock("anna", "wrong passphrase!", now())
        .expect_err("wrong");
    assert!(matches!(error, Error::WrongCredentials));
    let error = device
        .unlock("nobody", PASSPHRASE, now())
        .expect_err("unknown login");
    assert!(
        matches!(error, Error::WrongCredentials),
        "unknown logins look the same"
    );

    assert_eq!(file_bytes(&dir.database()), database_before);
    assert_eq!(file_bytes(&dir.key_ring()), key_ring_before);
    device
        .unlock("anna", PASSPHRASE, now())
        .expect("right passphrase still works");
}

#[test]
fn repeated_failures_are_throttled_across_restarts_then_reset() {
    let (_temp, device) = new_device();
    device
        .set_up(setup("Anna"), PASSPHRASE, now())
        .expect("set up")
        .lock();
    let mut clock = now();
    for _ in 0..FREE_ATTEMPTS {
        assert!(matches!(
            device.unlock("anna", "wrong passphrase", clock),
            Err(Error::WrongCredentials)
        ));
    }
    // A "restarted app" is a new Device over the same directory.
    let restarted = Device::new(device.data_dir().clone());
    let Err(Error::Throttled {
        retry_after_seconds,
    }) = restarted.unlock("anna", PASSPHRASE, clock)
    else {
        panic!("the right passphrase must also wait while throttled");
    };
    assert_eq!(retry_after_seconds, 2);
    clock += Duration::seconds(2);
    assert!(matches!(
        restarted.unlock("anna", "wrong again!!", clock),
        Err(Error::WrongCredentials)
    ));
    assert!(matches!(
        restarted.unlock("anna", PASSPHRASE, clock + Duration::seconds(1)),
        Err(Error::Throttled {
            retry_after_seconds: 3
        })
    ));
    clock += Duration::seconds(4);
    restarted
        .unlock("anna", PASSPHRASE, clock)
        .expect("after the delay")
        .lock();
    // Success resets the throttle.
    assert!(matches!(
        restarted.unlock("anna", "wrong", clock),
        Err(Error::WrongCredentials)
    ));
}

#[test]
fn a_flipped_byte_in_a_page_is_detected_not_read_as_garbage() {
    let (_temp, device) = new_device();
    device
        .set_up(setup("Anna"), PASSPHRASE, now())
        .expect("set up")
        .lock();
    let path = device.data_dir().database();
    let mut bytes = file_bytes(&path);
    let page_size = 4096;
    assert!(bytes.len() >= 2 * page_size, "several pages");
    // Flip one byte inside the second page's encrypted content.
    bytes[page_size + 100] ^= 0x20;
    std::fs::write(&path, &bytes).expect("write");
    let error = device
        .unlock("anna", PASSPHRASE, now())
        .expect_err("corrupt");
    assert!(matches!(error, Error::DatabaseCorrupt(_)), "got {error:?}");
    assert_eq!(
        file_bytes(&path),
        bytes,
        "a damaged database is never repaired or replaced"
    );
}

#[test]
fn changing_the_passphrase_rewraps_without_re_encrypting() {
    let (_temp, device) = new_device();
    let mut session = device
        .set_up(setup("Anna"), PASSPHRASE, now())
        .expect("set up");
    let database_before = file_bytes(&device.data_dir().database());
    let error = session
        .change_passphrase("not the current one", "a brand new passphrase", now())
        .expect_err("current must be right");
    assert!(matches!(error, Error::WrongCredentials));
    session
        .change_passphrase(PASSPHRASE, "a brand new passphrase", now())
        .expect("change");
    session.lock();
    // Only the account row's timestamp changed; the header (salt) and page 1 stay.
    let database_after = file_bytes(&device.data_dir().database());
    assert_eq!(database_before[..16], database_after[..16]);

    assert!(matches!(
        device.unlock("anna", PASSPHRASE, now()),
        Err(Error::WrongCredentials)
    ));
    device
        .unlock("anna", "a brand new passphrase", now())
        .expect("new passphrase");
}

#[test]
fn supervisor_adds_consultants_who_unlock_with_their_own_passphrase() {
    let (_temp, device) = new_device();
    let mut supervisor = device
        .set_up(setup("Anna"), PASSPHRASE, now())
        .expect("set up");
    let consultant = NewAccount {
        login: "janis".into(),
        display_name: "Jānis Kalniņš".into(),
        role: Role::Consultant,
        home_region: Region::Latgale,
    };
    supervisor
        .add_account(consultant.clone(), "Jāņa parole 2026", now())
        .expect("add");
    let duplicate = supervisor.add_account(consultant.clone(), "Jāņa parole 2026", now());
    assert!(matches!(duplicate, Err(Error::LoginTaken)));
    assert_eq!(supervisor.accounts().expect("list").len(), 2);
    supervisor.lock();

    let mut janis = device
        .unlock("janis", "Jāņa parole 2026", now())
        .expect("consultant unlocks");
    assert_eq!(janis.account().home_region, Region::Latgale);
    let refused = janis.add_account(
        NewAccount {
            login: "eve".into(),
            ..consultant
        },
        "another passphrase",
        now(),
    );
    assert!(matches!(refused, Err(Error::SupervisorOnly)));
    assert!(matches!(
        janis.set_auto_lock_minutes(60),
        Err(Error::SupervisorOnly)
    ));
}

#[test]
fn supervisor_resets_a_forgotten_passphrase_and_sets_auto_lock() {
    let (_temp, device) = new_device();
    let mut supervisor = device
        .set_up(setup("Anna"), PASSPHRASE, now())
        .expect("set up");
    supervisor
        .add_account(
            NewAccount {
                login: "ilze".into(),
                display_name: "Ilze".into(),
                role: Role::Consultant,
                home_region: Region::Kurzeme,
            },
            "forgotten passphrase",
            now(),
        )
        .expect("add");
    supervisor
        .reset_passphrase("ilze", "new passphrase for Ilze", now())
        .expect("reset");
    assert!(matches!(
        supervisor.set_auto_lock_minutes(0),
        Err(Error::InvalidInput {
            field: "autoLockMinutes",
            ..
        })
    ));
    supervisor.set_auto_lock_minutes(5).expect("set");
    supervisor.lock();
    let ilze = device
        .unlock("ilze", "new passphrase for Ilze", now())
        .expect("new works");
    assert_eq!(ilze.info().expect("info").auto_lock_minutes, 5);
}

/// Guards the disabled check in `Device::open_session` and the key ring's
/// `disable`: a disabled person is told so at unlock, their wrapped key is
/// gone at once, and only a supervisor's new passphrase lets them in again.
#[test]
fn a_disabled_account_is_refused_at_unlock_until_enabled_and_given_a_new_passphrase() {
    let (_temp, device) = new_device();
    let mut supervisor = device
        .set_up(setup("Anna"), PASSPHRASE, now())
        .expect("set up");
    let ilze = supervisor
        .add_account(
            NewAccount {
                login: "ilze".into(),
                display_name: "Ilze".into(),
                role: Role::Consultant,
                home_region: Region::Kurzeme,
            },
            "Ilzes parole 2026",
            now(),
        )
        .expect("add");
    let change = |disabled| AccountChange {
        role: Role::Consultant,
        home_region: Region::Kurzeme,
        disabled,
    };
    let disabled = supervisor
        .change_account(ilze.id, change(true), now())
        .expect("disable");
    assert_eq!(disabled.disabled_at, Some(now()));
    let own = supervisor.account().clone();
    for refused in [
        AccountChange {
            disabled: true,
            role: own.role,
            home_region: own.home_region,
        },
        AccountChange {
            disabled: false,
            role: Role::Consultant,
            home_region: own.home_region,
        },
    ] {
        assert!(matches!(
            supervisor.change_account(own.id, refused, now()),
            Err(Error::OwnAccountChange)
        ));
    }
    supervisor.lock();
    assert!(matches!(
        device.unlock("ilze", "Ilzes parole 2026", now()),
        Err(Error::AccountDisabled)
    ));

    let mut supervisor = device.unlock("anna", PASSPHRASE, now()).expect("anna");
    supervisor
        .change_account(ilze.id, change(false), now())
        .expect("enable");
    supervisor
        .reset_passphrase("ilze", "Ilzes jaunā parole", now())
        .expect("a new passphrase");
    let actions: Vec<String> = supervisor
        .audit_entries()
        .expect("audit")
        .into_iter()
        .map(|entry| entry.action)
        .collect();
    assert_eq!(
        actions
            .iter()
            .filter(|action| *action == "accountChanged")
            .count(),
        2
    );
    supervisor.lock();
    let mut ilze_session = device
        .unlock("ilze", "Ilzes jaunā parole", now())
        .expect("enabled again");
    assert!(matches!(
        ilze_session.change_account(own.id, change(true), now()),
        Err(Error::SupervisorOnly)
    ));
}

#[test]
fn a_stored_iteration_count_below_the_minimum_never_unlocks() {
    let (_temp, device) = new_device();
    device
        .set_up(setup("Anna"), PASSPHRASE, now())
        .expect("set up")
        .lock();
    let path = device.data_dir().key_ring();
    let text = std::fs::read_to_string(&path).expect("read");
    let json: serde_json::Value = serde_json::from_str(&text).expect("json");
    assert!(
        json["accounts"][0]["kdfIterations"]
            .as_u64()
            .expect("iterations")
            >= 600_000
    );
    std::fs::write(&path, text.replace("600000", "1000")).expect("write");
    assert!(matches!(
        device.unlock("anna", PASSPHRASE, now()),
        Err(Error::WrongCredentials)
    ));
}
