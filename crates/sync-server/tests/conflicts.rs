//! Nothing silently lost for shared records (issue 11): a directory entry
//! edited on two supervisors' laptops at once keeps both versions on every
//! laptop until a supervisor picks one, through the real server.

mod common;

use chrono::Duration;
use common::{now, referral, sync_all, Backend, Office};
use hotline_core::referrals::ReferralConflict;
use hotline_core::{Region, Role, Session};
use uuid::Uuid;

fn conflicts(session: &Session) -> Vec<ReferralConflict> {
    session.directory().conflicts().expect("conflicts")
}

fn address(session: &Session, id: Uuid) -> String {
    session
        .directory()
        .get(id, now())
        .expect("entry")
        .input
        .address
}

/// Guards the concurrency check in `referrals::synced::apply`: before it,
/// the older of two concurrent edits was dropped on every laptop without
/// anyone seeing it.
#[test]
fn two_concurrent_directory_edits_both_survive_until_a_supervisor_picks() {
    let office = Office::new(Backend::Sqlite);
    let second = office.enrol("second-supervisor", Role::Supervisor, Region::Latgale);
    let consultant = office.enrol("latgale", Role::Consultant, Region::Latgale);
    let anna = &office.supervisor;
    let entry = anna
        .session
        .directory()
        .save(None, referral("patverums", "Patvērums"), now())
        .expect("entry");
    sync_all(&[anna, &second, &consultant]);

    // Offline, each supervisor corrects the address differently.
    let edit = |session: &Session, address: &str, seconds: i64| {
        let mut input = session
            .directory()
            .get(entry.id, now())
            .expect("held")
            .input;
        input.address = address.into();
        session
            .directory()
            .save(Some(entry.id), input, now() + Duration::seconds(seconds))
            .expect("edit");
    };
    edit(&anna.session, "Brīvības iela 1, Rīga", 10);
    edit(&second.session, "Rēzeknes iela 5, Daugavpils", 20);
    sync_all(&[anna, &second, &consultant, anna]);

    // Every supervisor's laptop shows the newer edit and keeps the other.
    for laptop in [anna, &second] {
        assert_eq!(
            address(&laptop.session, entry.id),
            "Rēzeknes iela 5, Daugavpils"
        );
        let found = conflicts(&laptop.session);
        assert_eq!(found.len(), 1, "on {}", laptop.login);
        assert_eq!(found[0].entry_id, entry.id);
        assert_eq!(found[0].rivals.len(), 1);
        assert_eq!(found[0].rivals[0].entry.address, "Brīvības iela 1, Rīga");
    }
    assert!(
        consultant.session.directory().conflicts().is_err(),
        "a consultant is not asked to pick"
    );

    // Anna picks her own version; every laptop takes it and forgets the conflict.
    let rival = conflicts(&anna.session)[0].rivals[0].stamp.clone();
    anna.session
        .directory()
        .resolve_conflict(entry.id, &rival, now() + Duration::seconds(30))
        .expect("pick");
    sync_all(&[anna, &second, &consultant]);
    for laptop in [anna, &second, &consultant] {
        assert_eq!(
            address(&laptop.session, entry.id),
            "Brīvības iela 1, Rīga",
            "on {}",
            laptop.login
        );
    }
    for laptop in [anna, &second] {
        assert!(conflicts(&laptop.session).is_empty(), "on {}", laptop.login);
    }

    // One edit after another is no conflict.
    edit(&second.session, "Rēzeknes iela 7, Daugavpils", 40);
    sync_all(&[&second, anna]);
    assert!(conflicts(&anna.session).is_empty());
    assert_eq!(
        address(&anna.session, entry.id),
        "Rēzeknes iela 7, Daugavpils"
    );
}
