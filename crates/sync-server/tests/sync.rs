//! Multi-device sync against a real `hotline-sync-server` on 127.0.0.1: three
//! laptops work offline, sync in random orders and converge; the server holds
//! nothing readable; tampering and revocation fail clearly.

mod common;

use std::collections::BTreeMap;

use chrono::Utc;
use common::{occurrences, referral, Backend, Laptop, Office};
use hotline_core::sync::{self, Envelope, ListDevices, RevokeDevice};
use hotline_core::testkit::forger::Forger;
use hotline_core::{Error, Region, Role};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::Rng as _;
use rand::SeedableRng;
use uuid::Uuid;

on_both_backends!(
    three_laptops_working_offline_converge_in_any_order,
    the_server_holds_no_readable_record_and_a_tampered_envelope_is_refused,
    a_revoked_laptop_gets_refused_and_its_data_stays,
    after_a_revocation_new_records_open_with_no_key_the_revoked_laptop_held,
    enrolment_fails_clearly_with_a_wrong_code_or_a_damaged_package,
);

/// Syncs every laptop twice, in a shuffled order each time: after two full
/// passes every change has reached the server and come back to everyone.
fn sync_all(laptops: &[&Laptop], rng: &mut StdRng) {
    for _ in 0..2 {
        let mut order: Vec<_> = laptops.iter().collect();
        order.shuffle(rng);
        for laptop in order {
            laptop.sync().expect("sync");
        }
    }
}

fn region_of(laptop: &Laptop, id: Uuid) -> Region {
    laptop
        .session
        .call_log()
        .get(id)
        .expect("call")
        .details
        .region
}

fn three_laptops_working_offline_converge_in_any_order(backend: Backend) {
    let office = Office::new(backend);
    let latgale = office.enrol("latgale-laptop", Role::Consultant, Region::Latgale);
    let kurzeme = office.enrol("kurzeme-laptop", Role::Consultant, Region::Kurzeme);
    let supervisor = &office.supervisor;
    let directory = supervisor.session.directory();
    directory
        .save(
            None,
            referral("vdi", "Valsts darba inspekcija"),
            common::now(),
        )
        .expect("referral");

    for seed in 0..3 {
        let mut rng = StdRng::seed_from_u64(seed);
        // Offline: everyone works.
        let l1 = latgale.log_call(Region::Latgale, &format!("Latgale {seed} a"));
        latgale.log_call(Region::Latgale, &format!("Latgale {seed} b"));
        kurzeme.log_call(Region::Kurzeme, &format!("Kurzeme {seed}"));
        supervisor.log_call(Region::Riga, &format!("Rīga {seed}"));
        supervisor.log_call(Region::Latgale, &format!("Supervisor for Latgale {seed}"));
        directory
            .save(
                None,
                referral(&format!("ngo-{seed}"), &format!("Biedrība {seed}")),
                common::now(),
            )
            .expect("referral");
        sync_all(&[supervisor, &latgale, &kurzeme], &mut rng);

        // The same Latgale call edited on two laptops before either syncs.
        latgale.edit_notes(l1, &format!("Latgale {seed} a, edited by the consultant"));
        supervisor.edit_notes(l1, &format!("Latgale {seed} a, edited by the supervisor"));
        sync_all(&[supervisor, &latgale, &kurzeme], &mut rng);
        for laptop in [supervisor, &latgale] {
            let call = laptop.session.call_log().get(l1).expect("call");
            assert!(call.edited_on_two_devices, "the parallel edit is flagged");
            let history = laptop.session.call_log().history(l1).expect("history");
            let notes: Vec<_> = history.iter().map(|v| v.details.notes.as_str()).collect();
            assert!(notes.iter().any(|n| n.contains("by the consultant")));
            assert!(notes.iter().any(|n| n.contains("by the supervisor")));
        }
    }

    let everything = supervisor.calls();
    assert_eq!(everything.len(), 15, "the supervisor holds every call");
    let only = |region: Region| -> BTreeMap<_, _> {
        everything
            .iter()
            .filter(|(id, _)| region_of(supervisor, **id) == region)
            .map(|(id, call)| (*id, call.clone()))
            .collect()
    };
    assert_eq!(
        latgale.calls(),
        only(Region::Latgale),
        "Latgale holds its region, the same"
    );
    assert_eq!(
        kurzeme.calls(),
        only(Region::Kurzeme),
        "Kurzeme holds its region, the same"
    );
    assert_eq!(only(Region::Latgale).len(), 9);
    assert_eq!(latgale.directory(), supervisor.directory());
    assert_eq!(kurzeme.directory(), supervisor.directory());
    assert_eq!(supervisor.directory().len(), 4);

    // A consultant's laptop holds no other region's calls at all, not even
    // encrypted in its outbox or files: it never had the key.
    assert!(latgale
        .session
        .call_log()
        .get(*only(Region::Kurzeme).keys().next().expect("a Kurzeme call"))
        .is_err());
    let waiting = [supervisor, &latgale, &kurzeme]
        .map(|laptop| laptop.session.sync().status().expect("status").waiting);
    assert_eq!(waiting, [0, 0, 0], "nothing left to push");
}

/// Guards `calls::case_ref`: before it, each laptop handed out "K-0001"
/// first, so two laptops gave two different callers one case, and reports
/// counted them as one person.
#[test]
fn case_references_handed_out_offline_on_three_laptops_never_collide() {
    let office = Office::new(Backend::Sqlite);
    let first = office.enrol("latgale-1", Role::Consultant, Region::Latgale);
    let second = office.enrol("latgale-2", Role::Consultant, Region::Latgale);
    let laptops = [&office.supervisor, &first, &second];
    let mut handed_out = Vec::new();
    for laptop in laptops {
        for round in 0..3 {
            let log = laptop.session.call_log();
            let case_ref = log.next_case_ref().expect("case reference");
            let at = common::now() - chrono::Duration::minutes(30);
            log.add_finished(
                [hotline_core::calls::CallDetails {
                    case_ref: Some(case_ref.clone()),
                    line: Some(hotline_core::calls::Line::RIGA_LANDLINE),
                    caller_role: Some(hotline_core::calls::CallerRole::PersonAtRiskOrVictim),
                    subjects: vec![hotline_core::calls::Subject::JOB_OFFER_CHECK],
                    notes: format!("call {round}"),
                    ..hotline_core::calls::CallDetails::starting(at, Region::Latgale)
                }],
                common::now(),
            )
            .expect("log a call of a new case");
            handed_out.push(case_ref);
        }
    }
    let mut distinct = handed_out.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(
        distinct.len(),
        9,
        "offline, nine cases got nine references: {handed_out:?}"
    );

    sync_all(&laptops, &mut StdRng::seed_from_u64(1));
    let next = first
        .session
        .call_log()
        .next_case_ref()
        .expect("case reference");
    assert!(
        !handed_out.contains(&next),
        "after sync, the next reference is still new: {next}"
    );
    assert!(
        next.ends_with("-4"),
        "the laptop's own counter goes on: {next}"
    );
}

fn the_server_holds_no_readable_record_and_a_tampered_envelope_is_refused(backend: Backend) {
    const CANARY: &str = "CANARY-Lacplesa-iela-75-7f3a9c";
    let mut office = Office::new(backend);
    let latgale = office.enrol("latgale-laptop", Role::Consultant, Region::Latgale);
    let call = latgale.log_call(Region::Latgale, &format!("Caller lives at {CANARY}"));
    let directory = office.supervisor.session.directory();
    let first = directory
        .save(None, referral("first", "Pirmā biedrība"), common::now())
        .expect("first");
    directory
        .save(None, referral("second", "Otrā biedrība"), common::now())
        .expect("second");
    latgale.sync().expect("push the call");
    office.supervisor.sync().expect("push the directory");

    // Plaintext control: the routing fields are on the server in clear, so the
    // scan below does read what the server stored (the SQLite database and its
    // write-ahead log, or PostgreSQL's rows).
    office.server.stop();
    let stored = office.server.stored_bytes();
    let log = std::fs::read(&office.server.log).expect("server log");
    let routing: usize = stored
        .iter()
        .map(|(_, bytes)| occurrences(bytes, call.to_string().as_bytes()))
        .sum();
    assert!(routing > 0, "the control finds the call's id");
    for (place, bytes) in stored
        .iter()
        .chain([(office.server.log.display().to_string(), log)].iter())
    {
        assert_eq!(
            occurrences(bytes, CANARY.as_bytes()),
            0,
            "the canary is readable in {place}"
        );
        assert_eq!(
            occurrences(bytes, b"Pirm"),
            0,
            "a directory name in {place}"
        );
    }

    office.server.tamper_with(first.id);
    office.server.restart();
    let report = latgale.sync().expect("sync keeps going");
    assert_eq!(report.refused, 1, "the tampered entry is refused");
    let held = latgale.directory();
    assert!(held.contains_key("second"), "the rest synced");
    assert!(
        !held.contains_key("first"),
        "the tampered entry was not applied"
    );
    assert_eq!(
        latgale
            .session
            .sync()
            .status()
            .expect("status")
            .last_refused,
        1
    );
    office.supervisor.sync().expect("supervisor syncs");
    assert_eq!(office.supervisor.calls().len(), 1);
}

fn a_revoked_laptop_gets_refused_and_its_data_stays(backend: Backend) {
    let office = Office::new(backend);
    let kurzeme = office.enrol("kurzeme-laptop", Role::Consultant, Region::Kurzeme);
    let call = kurzeme.log_call(Region::Kurzeme, "Darba piedāvājums Kiprā");
    kurzeme.sync().expect("push");
    let devices = sync::run(&office.supervisor.session, ListDevices)
        .expect("devices")
        .devices;
    let enrolled = devices
        .iter()
        .find(|device| device.device_name == "kurzeme-laptop")
        .expect("listed");
    assert_eq!(enrolled.region, Region::Kurzeme);
    sync::run(
        &office.supervisor.session,
        RevokeDevice {
            device_id: enrolled.device_id,
            now: Utc::now(),
        },
    )
    .expect("revoke");

    kurzeme.log_call(Region::Kurzeme, "Written after the revocation");
    let refused = kurzeme.sync().expect_err("revoked");
    assert!(matches!(refused, Error::DeviceNotAuthorised));
    let status = kurzeme.session.sync().status().expect("status");
    assert_eq!(
        status.last_error.map(|error| error.code.as_str()),
        Some("deviceNotAuthorised")
    );
    assert_eq!(status.waiting, 1, "the unsent change stays on the laptop");
    assert_eq!(kurzeme.calls().len(), 2, "nothing is deleted on the laptop");

    office.supervisor.sync().expect("supervisor syncs");
    assert!(
        office.supervisor.calls().contains_key(&call),
        "what it pushed stays"
    );
    let listed = sync::run(&office.supervisor.session, ListDevices)
        .expect("devices")
        .devices;
    assert!(listed
        .iter()
        .any(|device| device.device_id == enrolled.device_id && device.revoked_at.is_some()));
}

/// Guards `rotation::rotate` in `SyncState::complete_revocation` and the
/// sealing under the newest epoch in `records::seal_change`: without either,
/// the remaining laptops go on sealing under keys the revoked laptop (or a
/// copy of its store) holds, and the `!stolen.opens` assertion fails.
fn after_a_revocation_new_records_open_with_no_key_the_revoked_laptop_held(backend: Backend) {
    let office = Office::new(backend);
    let supervisor = &office.supervisor;
    let revoked = office.enrol("kurzeme-1", Role::Consultant, Region::Kurzeme);
    let remaining = office.enrol("kurzeme-2", Role::Consultant, Region::Kurzeme);
    let latgale = office.enrol("latgale", Role::Consultant, Region::Latgale);
    let before = remaining.log_call(Region::Kurzeme, "Before the revocation");
    for laptop in [&revoked, &remaining, &latgale, supervisor] {
        laptop.sync().expect("join and sync");
    }
    let stolen = Forger::new(&revoked.session).expect("the revoked laptop's keys");
    sync::run(
        &supervisor.session,
        RevokeDevice {
            device_id: stolen.device(),
            now: Utc::now(),
        },
    )
    .expect("revoke");
    supervisor.sync().expect("the new keys go out");
    remaining
        .sync()
        .expect("the new Kurzeme and organisation keys arrive");
    latgale.sync().expect("the new organisation key arrives");

    let after = remaining.log_call(Region::Kurzeme, "After the revocation");
    let entry = supervisor
        .session
        .directory()
        .save(None, referral("after", "Jaunā patversme"), common::now())
        .expect("referral");
    for laptop in [&remaining, supervisor, &latgale] {
        laptop.sync().expect("sync");
    }

    let on_server = Forger::new(&supervisor.session)
        .expect("the supervisor's view")
        .pull_all()
        .expect("pull");
    let sealed_for = |record_id: Uuid| -> Vec<&Envelope> {
        on_server
            .iter()
            .filter(|envelope| envelope.record_id == record_id)
            .collect()
    };
    assert!(
        sealed_for(before)
            .iter()
            .all(|envelope| stolen.opens(envelope)),
        "control: the revoked laptop's keys open what was written before"
    );
    let written_after: Vec<_> = sealed_for(after)
        .into_iter()
        .chain(sealed_for(entry.id))
        .collect();
    assert_eq!(written_after.len(), 2);
    for envelope in written_after {
        assert!(envelope.key_epoch > 0, "sealed under a new epoch");
        assert!(
            !stolen.opens(envelope),
            "a {} written after the revocation opens with a key the revoked laptop held",
            envelope.kind.code()
        );
    }

    assert!(supervisor.calls().contains_key(&after));
    assert!(latgale.directory().contains_key("after"));
    for laptop in [supervisor, &remaining, &latgale] {
        assert_eq!(
            laptop.session.sync().status().expect("status").quarantined,
            0
        );
    }
    let newcomer = office.enrol("kurzeme-3", Role::Consultant, Region::Kurzeme);
    newcomer.sync().expect("join");
    let held = newcomer.calls();
    assert!(
        held.contains_key(&before) && held.contains_key(&after),
        "a laptop enrolled later reads both epochs"
    );
}

fn enrolment_fails_clearly_with_a_wrong_code_or_a_damaged_package(backend: Backend) {
    let office = Office::new(backend);
    let issued = common::issue_enrolment(
        &office.supervisor,
        office.temp.path(),
        hotline_core::sync::NewDevice {
            device_name: "vidzeme".into(),
            role: Role::Consultant,
            region: Region::Vidzeme,
        },
    )
    .expect("enrol");
    let dir = office.temp.path().join("vidzeme");
    let device = hotline_core::Device::new(hotline_core::DataDir::at(dir.clone()));
    let attempt = |package: &str, code: &str| {
        device.enrol(
            hotline_core::Enrolment {
                package: package.into(),
                code: code.to_owned().into(),
                login: "liga".into(),
                display_name: "Līga".into(),
            },
            common::PASSPHRASE,
            common::now(),
        )
    };
    assert!(matches!(
        attempt(&issued.package, "0000-0000-0000-0000"),
        Err(Error::EnrolmentCodeWrong)
    ));
    let mut damaged = issued.package.clone();
    damaged.truncate(damaged.len() - 8);
    assert!(attempt(&damaged, issued.code.as_str()).is_err());
    assert!(matches!(
        attempt("not a package", issued.code.as_str()),
        Err(Error::EnrolmentPackageInvalid)
    ));
    assert!(
        !dir.join("keyring.json").exists(),
        "a failed enrolment sets nothing up"
    );

    let code = issued.code.as_str().to_lowercase();
    let session = attempt(&format!("  {}\n", issued.package), &code).expect("typed in lower case");
    assert_eq!(session.account().home_region, Region::Vidzeme);
    assert_eq!(session.account().role, Role::Consultant);
    assert_eq!(
        session.organisation().id,
        office.supervisor.session.organisation().id
    );
}

/// The app's first run may meet a server that is down: the device stays set
/// up and unconnected, and trying again once the server is up connects it.
#[test]
fn a_registration_that_cannot_reach_the_server_changes_nothing_and_can_be_retried() {
    let temp = tempfile::tempdir().expect("tempdir");
    let laptop = common::new_supervisor_laptop(temp.path());
    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let down = format!("http://{}", closed.local_addr().expect("address"));
    drop(closed);
    let sync = laptop.session.sync();
    assert!(matches!(
        common::register(&laptop.session, &down, None),
        Err(Error::ServerUnreachable(_))
    ));
    assert!(!sync.status().expect("status").connected);

    let server = common::Server::start(&temp.path().join("server"));
    common::register(&laptop.session, &server.url(), None).expect("the retry connects");
    assert!(sync.status().expect("status").connected);
    let registered = laptop
        .session
        .audit_entries()
        .expect("audit")
        .into_iter()
        .filter(|entry| entry.action == "syncRegistered")
        .count();
    assert_eq!(
        registered, 1,
        "only the registration that worked is audited"
    );
    assert!(matches!(
        common::register(&laptop.session, &server.url(), None),
        Err(Error::AlreadyConnected)
    ));
}

/// Guards the byte limit in `SyncState::next_push`: before it, a laptop with
/// a backlog of calls whose notes do not compress (here, 19,000 random CJK
/// characters each, about 34 KB sealed) sent 450 of them in one push over the
/// server's request limit, was refused, and was refused again every round.
#[test]
fn a_backlog_of_calls_with_long_notes_goes_out_in_pushes_the_server_accepts() {
    let office = Office::new(Backend::Sqlite);
    let riga = office.enrol("riga", Role::Consultant, Region::Riga);
    // Random letters of a large alphabet: sealing compresses, and ordinary
    // text would shrink under the limit.
    let mut rng = StdRng::seed_from_u64(450);
    let logged: Vec<Uuid> = (0..450)
        .map(|_| {
            let notes: String = (0..19_000)
                .filter_map(|_| char::from_u32(rng.random_range(0x4E00..0x9FA0)))
                .collect();
            riga.log_call(Region::Riga, &notes)
        })
        .collect();
    riga.sync()
        .expect("the backlog goes out in pushes under the limit");
    office
        .supervisor
        .sync()
        .expect("the supervisor receives them");
    let received = office.supervisor.calls();
    assert!(logged.iter().all(|id| received.contains_key(id)));
}
