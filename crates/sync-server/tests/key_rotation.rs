//! Key rotation among several supervisors, against a real server: a laptop
//! enrolled while another supervisor's rotation was on its way still gets
//! the new keys, and two supervisors rotating in the same second both keep
//! what they sealed readable.

mod common;

use chrono::Utc;
use common::{enrol, referral, sync_all, Backend, Laptop, Office};
use hotline_core::sync::{self, ListDevices, RevokeDevice};
use hotline_core::{Region, Role};
use uuid::Uuid;

on_both_backends!(
    a_laptop_enrolled_after_a_rotation_it_missed_receives_the_new_keys,
    two_supervisors_rotating_in_the_same_second_lose_nothing,
);

fn device_id(supervisor: &Laptop, name: &str) -> Uuid {
    sync::run(&supervisor.session, ListDevices)
        .expect("devices")
        .devices
        .into_iter()
        .find(|device| device.device_name == name)
        .expect("listed")
        .device_id
}

fn revoke(supervisor: &Laptop, device_id: Uuid, now: chrono::DateTime<Utc>) {
    sync::run(&supervisor.session, RevokeDevice { device_id, now }).expect("revoke");
}

fn assert_nothing_quarantined(laptops: &[&Laptop]) {
    for laptop in laptops {
        assert_eq!(
            laptop.session.sync().status().expect("status").quarantined,
            0,
            "{} holds records it cannot read",
            laptop.dir.display()
        );
    }
}

/// Guards `rotation::share_missing` (run by `SyncState::share_missing_keys`
/// each round): a rotation seals its keys to the devices its supervisor
/// knows, and the laptop Anna enrolled meanwhile was not among them; without
/// the share it never reads what is sealed under the new epoch.
fn a_laptop_enrolled_after_a_rotation_it_missed_receives_the_new_keys(backend: Backend) {
    let office = Office::new(backend);
    let anna = &office.supervisor;
    let bruno = office.enrol("bruno", Role::Supervisor, Region::Riga);
    let leaving = office.enrol("kurzeme-1", Role::Consultant, Region::Kurzeme);
    sync_all(&[anna, &bruno, &leaving]);

    let newcomer = office.enrol("kurzeme-2", Role::Consultant, Region::Kurzeme);
    revoke(&bruno, device_id(&bruno, "kurzeme-1"), Utc::now());
    let after = bruno.log_call(Region::Kurzeme, "Pēc atsaukšanas");
    bruno.sync().expect("the rotation and the call go out");
    newcomer
        .sync()
        .expect("joins, and cannot read the call yet");

    sync_all(&[anna, &bruno, &newcomer]);
    assert!(
        newcomer.calls().contains_key(&after),
        "the newcomer reads what was sealed under the epoch it missed"
    );
    let own = newcomer.log_call(Region::Kurzeme, "Jaunā datora zvans");
    sync_all(&[&newcomer, &bruno]);
    assert!(bruno.calls().contains_key(&own));
    assert_nothing_quarantined(&[anna, &bruno, &newcomer]);
    let shared = |laptop: &Laptop| {
        laptop
            .session
            .audit_entries()
            .expect("audit")
            .into_iter()
            .any(|entry| entry.action == "keysShared" && entry.device_id.is_none())
    };
    assert!(shared(anna) || shared(&bruno), "the share is audited");
}

/// Guards the second key of an epoch in `keys::install` and
/// `envelope::open_with_any`: two rotations in the same second make one
/// epoch with two keys; keeping only the first left whatever was sealed
/// under the other unreadable for good.
fn two_supervisors_rotating_in_the_same_second_lose_nothing(backend: Backend) {
    let office = Office::new(backend);
    let anna = &office.supervisor;
    let bruno = office.enrol("bruno", Role::Supervisor, Region::Riga);
    let kurzeme = office.enrol("kurzeme-1", Role::Consultant, Region::Kurzeme);
    let leaving_kurzeme = office.enrol("kurzeme-2", Role::Consultant, Region::Kurzeme);
    let leaving_latgale = office.enrol("latgale-1", Role::Consultant, Region::Latgale);
    sync_all(&[anna, &bruno, &kurzeme, &leaving_kurzeme, &leaving_latgale]);

    let same_second = Utc::now();
    revoke(anna, device_id(anna, "kurzeme-2"), same_second);
    revoke(&bruno, device_id(&bruno, "latgale-1"), same_second);
    let call = anna.log_call(Region::Kurzeme, "Annas zvans");
    let entry = bruno
        .session
        .directory()
        .save(None, referral("bruno", "Bruno ieraksts"), common::now())
        .expect("referral");

    sync_all(&[anna, &bruno, &kurzeme]);
    assert!(bruno.calls().contains_key(&call));
    assert!(kurzeme.calls().contains_key(&call));
    for laptop in [anna, &kurzeme] {
        assert!(
            laptop.directory().contains_key(&entry.input.key),
            "what Bruno sealed under his key of the shared epoch opens"
        );
    }
    assert_nothing_quarantined(&[anna, &bruno, &kurzeme]);

    let newcomer = enrol(
        anna,
        office.temp.path(),
        "kurzeme-3",
        Role::Consultant,
        Region::Kurzeme,
    );
    newcomer.sync().expect("join");
    assert!(newcomer.calls().contains_key(&call));
    assert!(
        newcomer.directory().contains_key("bruno"),
        "an enrolment grants both keys of the epoch"
    );
}
