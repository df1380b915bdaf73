//! Staff accounts as the organisation's records (issue 11): a supervisor's
//! change of role, region or "disabled" on one laptop reaches every laptop
//! through the real server, a disabled person can unlock no laptop once it
//! has synced, and a consultant's laptop cannot undo a supervisor's change.

mod common;

use common::{now, sync_all, Backend, Laptop, Office, PASSPHRASE};
use hotline_core::store::keyring::KeyRing;
use hotline_core::sync::{QuarantineReason, RecordKind, Scope};
use hotline_core::testkit::forger::Forger;
use hotline_core::{AccountChange, DataDir, Device, Error, Region, Role};
use uuid::Uuid;

/// An account's role, region and whether it is disabled, as `laptop`'s
/// database holds it.
fn account_on(laptop: &Laptop, id: Uuid) -> (String, String, bool) {
    laptop
        .raw_connection()
        .query_row(
            "SELECT role, home_region, disabled_at IS NOT NULL FROM account WHERE id = ?1",
            [id.to_string()],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
        .expect("the account is known here")
}

fn unlock(laptop: &Laptop) -> hotline_core::Result<hotline_core::Session> {
    Device::new(DataDir::at(laptop.dir.clone())).unlock(laptop.login, PASSPHRASE, now())
}

fn disable(office: &mut Office, id: Uuid, region: Region) {
    office
        .supervisor
        .session
        .change_account(
            id,
            AccountChange {
                role: Role::Consultant,
                home_region: region,
                disabled: true,
            },
            now(),
        )
        .expect("a supervisor disables an account");
}

/// Guards the disabled check in `Device::open_session` and
/// `forget_disabled_keys` after each round: before them, a person who had
/// left could still unlock the laptop with their passphrase.
#[test]
fn a_supervisors_staff_change_reaches_every_laptop_and_a_disabled_person_cannot_unlock() {
    let mut office = Office::new(Backend::Sqlite);
    let latgale = office.enrol("latgale", Role::Consultant, Region::Latgale);
    let riga = office.enrol("riga", Role::Consultant, Region::Riga);
    sync_all(&[&latgale, &riga, &office.supervisor]);
    let leaving = latgale.session.account().id;
    let moving = riga.session.account().id;

    disable(&mut office, leaving, Region::Latgale);
    office
        .supervisor
        .session
        .change_account(
            moving,
            AccountChange {
                role: Role::Consultant,
                home_region: Region::Zemgale,
                disabled: false,
            },
            now(),
        )
        .expect("a supervisor moves a consultant to another region");
    sync_all(&[&office.supervisor, &latgale, &riga]);

    // The Latgale laptop's own copy shows in the refusal below: its key to
    // read the rows went with the disabling.
    for laptop in [&office.supervisor, &riga] {
        assert_eq!(
            account_on(laptop, leaving),
            ("consultant".into(), "latgale".into(), true)
        );
        assert_eq!(
            account_on(laptop, moving),
            ("consultant".into(), "zemgale".into(), false)
        );
    }
    assert!(matches!(unlock(&latgale), Err(Error::AccountDisabled)));
    let key_ring = KeyRing::load(latgale.dir.join("keyring.json"))
        .expect("key ring")
        .expect("set up");
    assert!(
        key_ring
            .entries()
            .iter()
            .all(|entry| entry.account_id != leaving),
        "the disabled person's wrapped data key is gone, so their passphrase opens nothing"
    );
    let moved = unlock(&riga).expect("the moved consultant still unlocks");
    assert_eq!(moved.account().home_region, Region::Zemgale);
}

/// The change that enables a disabled consultant of Latgale again.
fn reenabled() -> AccountChange {
    AccountChange {
        role: Role::Consultant,
        home_region: Region::Latgale,
        disabled: false,
    }
}

/// Guards `last_written_by` in `may_author`'s account rule: once a
/// supervisor has written an account, the consultant device that made it
/// may no longer write it. Before, a disabled person's own laptop could
/// push the account back as enabled. The control: the supervisor's own
/// re-enabling is applied.
#[test]
fn a_disabled_persons_laptop_cannot_enable_them_again() {
    let mut office = Office::new(Backend::Sqlite);
    let honest = office.enrol("latgale-honest", Role::Consultant, Region::Latgale);
    let hostile = office.enrol("latgale-hostile", Role::Consultant, Region::Latgale);
    sync_all(&[&hostile, &honest, &office.supervisor]);
    let person = hostile.session.account().id;
    let forger = Forger::new(&hostile.session).expect("forger");
    disable(&mut office, person, Region::Latgale);
    sync_all(&[&office.supervisor, &honest]);

    let later = u64::try_from(now().timestamp_millis()).expect("after 1970") + 60_000;
    let enabled_again = forger
        .seal(
            RecordKind::Account,
            person,
            &forger.stamp(later, 0),
            Scope::Organisation,
            &serde_json::json!({
                "displayName": "latgale-hostile",
                "role": "consultant",
                "homeRegion": "latgale",
                "createdAt": now(),
            }),
        )
        .expect("seal");
    forger
        .push(std::slice::from_ref(&enabled_again))
        .expect("the server cannot tell");
    sync_all(&[&office.supervisor, &honest]);
    for laptop in [&office.supervisor, &honest] {
        assert_eq!(
            account_on(laptop, person),
            ("consultant".into(), "latgale".into(), true),
            "still disabled"
        );
        let reason: String = laptop
            .raw_connection()
            .query_row(
                "SELECT reason FROM sync_quarantine WHERE envelope_id = ?1",
                [enabled_again.id.to_string()],
                |row| row.get(0),
            )
            .expect("quarantined");
        assert_eq!(
            serde_json::Value::String(reason),
            serde_json::to_value(QuarantineReason::NotPermitted).expect("code")
        );
    }

    office
        .supervisor
        .session
        .change_account(person, reenabled(), now())
        .expect("the control: a supervisor re-enables");
    sync_all(&[&office.supervisor, &honest]);
    assert_eq!(
        account_on(&honest, person),
        ("consultant".into(), "latgale".into(), false)
    );
}

/// A colleague whose account arrived by sync is given a login and a first
/// passphrase on the supervisor's laptop in one step, and signs in there.
#[test]
fn a_synced_colleague_is_added_to_another_laptop_in_one_step() {
    let mut office = Office::new(Backend::Sqlite);
    let latgale = office.enrol("latgale", Role::Consultant, Region::Latgale);
    sync_all(&[&latgale, &office.supervisor]);
    let person = latgale.session.account().id;
    let listed = office
        .supervisor
        .session
        .accounts()
        .expect("accounts")
        .into_iter()
        .find(|account| account.id == person)
        .expect("the colleague arrived by sync");
    assert!(listed.login.starts_with('~'), "{}", listed.login);

    let short = office
        .supervisor
        .session
        .admit_account(person, "ilze", "short", now());
    assert!(
        matches!(short, Err(Error::InvalidInput { .. })),
        "{short:?}"
    );
    let taken = office
        .supervisor
        .session
        .admit_account(person, "anna", PASSPHRASE, now());
    assert!(matches!(taken, Err(Error::LoginTaken)), "{taken:?}");
    let admitted = office
        .supervisor
        .session
        .admit_account(person, "ilze", "Ilzes parole 2026", now())
        .expect("admitted");
    assert_eq!(admitted.login, "ilze");
    let again = office
        .supervisor
        .session
        .admit_account(person, "ilze2", PASSPHRASE, now());
    assert!(matches!(again, Err(Error::LoginTaken)), "{again:?}");

    let signed_in = Device::new(DataDir::at(office.supervisor.dir.clone()))
        .unlock("ilze", "Ilzes parole 2026", now())
        .expect("the colleague signs in on the supervisor's laptop");
    assert_eq!(signed_in.account().id, person);
    assert_eq!(signed_in.account().home_region, Region::Latgale);
}

/// Guards the field-by-field merge in `sync::account_record::apply`: before
/// it, a second supervisor moving a person to another region while the
/// first disabled them re-enabled the person on every laptop, because the
/// newer version carried "enabled" from before the disabling.
#[test]
fn two_supervisors_changing_different_fields_at_once_both_keep_their_change() {
    let mut office = Office::new(Backend::Sqlite);
    let latgale = office.enrol("latgale", Role::Consultant, Region::Latgale);
    let mut second = office.enrol("second-supervisor", Role::Supervisor, Region::Riga);
    sync_all(&[&latgale, &second, &office.supervisor, &second]);
    let person = latgale.session.account().id;

    // Offline: one disables, the other (later) moves the person to Vidzeme.
    disable(&mut office, person, Region::Latgale);
    second
        .session
        .change_account(
            person,
            AccountChange {
                role: Role::Consultant,
                home_region: Region::Vidzeme,
                disabled: false,
            },
            now() + chrono::Duration::seconds(30),
        )
        .expect("the second supervisor moves the person");
    sync_all(&[&office.supervisor, &second, &latgale, &office.supervisor]);
    for laptop in [&office.supervisor, &second] {
        assert_eq!(
            account_on(laptop, person),
            ("consultant".into(), "vidzeme".into(), true),
            "disabled and moved, on {}",
            laptop.login
        );
    }
    assert!(
        matches!(unlock(&latgale), Err(Error::AccountDisabled)),
        "and refused on their own laptop"
    );

    // A change made after seeing the merged one simply replaces it.
    second
        .session
        .change_account(
            person,
            AccountChange {
                role: Role::Consultant,
                home_region: Region::Vidzeme,
                disabled: false,
            },
            now() + chrono::Duration::seconds(60),
        )
        .expect("re-enabled on purpose");
    sync_all(&[&second, &office.supervisor]);
    assert_eq!(
        account_on(&office.supervisor, person),
        ("consultant".into(), "vidzeme".into(), false)
    );
}
