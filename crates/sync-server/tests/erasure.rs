//! Erasure and anonymisation across devices against a real server: after a
//! supervisor erases a call and everyone syncs, no device's decrypted
//! database holds a trace of it, the server keeps only the removal, a late
//! edit from an offline laptop does not bring it back, and the audit log has
//! one entry for it with no personal data.

mod common;

use chrono::Duration;
use common::{occurrences, Backend, Laptop, Office};
use hotline_core::calls::CallDetails;
use hotline_core::{Error, Region, Role};
use uuid::Uuid;

on_both_backends!(
    an_erased_call_leaves_no_trace_on_any_device_or_the_server,
    an_anonymised_call_reaches_every_device_with_only_its_statistics,
    an_erased_call_leaves_the_region_it_was_moved_away_from_too,
);

const CASE_REF: &str = "K-7731";
const CANARY: &str = "Zvirbulenaitecanary7731";

/// A call with a case reference and the canary in its notes, edited once.
fn sensitive_call(laptop: &Laptop) -> Uuid {
    let id = laptop.log_call(Region::Latgale, &format!("Caller {CANARY}"));
    let log = laptop.session.call_log();
    let call = log.get(id).expect("call");
    let details = CallDetails {
        case_ref: Some(CASE_REF.into()),
        ..call.details
    };
    log.edit(id, details, common::now()).expect("edit");
    id
}

fn traces(laptop: &Laptop) -> usize {
    let dump = laptop.decrypted_dump();
    occurrences(&dump, CASE_REF.as_bytes()) + occurrences(&dump, b"canary7731")
}

fn an_erased_call_leaves_no_trace_on_any_device_or_the_server(backend: Backend) {
    let office = Office::new(backend);
    let latgale = office.enrol("latgale-laptop", Role::Consultant, Region::Latgale);
    let call = sensitive_call(&latgale);
    latgale.sync().expect("push");
    office.supervisor.sync().expect("pull");
    assert!(
        traces(&office.supervisor) > 0,
        "control: the dump finds the call"
    );
    assert!(traces(&latgale) > 0, "control: the dump finds the call");

    // The consultant edits once more while offline; the supervisor erases.
    latgale.edit_notes(call, &format!("Called back, {CANARY}"));
    office
        .supervisor
        .session
        .call_log()
        .erase(call, common::now())
        .expect("erase");
    office.supervisor.sync().expect("push the erasure");
    latgale
        .sync()
        .expect("push the late edit, pull the erasure");
    office.supervisor.sync().expect("pull again");

    for laptop in [&office.supervisor, &latgale] {
        assert!(matches!(
            laptop.session.call_log().get(call),
            Err(Error::CallNotFound)
        ));
        assert_eq!(traces(laptop), 0, "a trace of the call on {}", laptop.login);
    }
    assert_eq!(
        office.server.envelope_kinds(call),
        vec!["callRemoval".to_owned()],
        "the server dropped the call's versions and refused the late edit"
    );

    // A laptop enrolled afterwards never sees it.
    let late = office.enrol("late-laptop", Role::Consultant, Region::Latgale);
    late.sync().expect("first sync");
    assert!(late.calls().is_empty());
    assert_eq!(traces(&late), 0);

    let erased: Vec<_> = office
        .supervisor
        .session
        .audit_entries()
        .expect("audit")
        .into_iter()
        .filter(|entry| entry.target_id.as_deref() == Some(call.to_string().as_str()))
        .filter(|entry| entry.action == "callErased")
        .collect();
    assert_eq!(erased.len(), 1);
    assert_eq!(erased[0].details, "null");
}

/// Guards the copies `CallLog::erase` seals for a call's earlier regions:
/// without them, the laptops of the region a supervisor moved the call away
/// from keep its old versions for good.
fn an_erased_call_leaves_the_region_it_was_moved_away_from_too(backend: Backend) {
    let office = Office::new(backend);
    let latgale = office.enrol("latgale-laptop", Role::Consultant, Region::Latgale);
    let call = sensitive_call(&latgale);
    latgale.sync().expect("push");
    office.supervisor.sync().expect("pull");
    let log = office.supervisor.session.call_log();
    let moved = CallDetails {
        region: Region::Kurzeme,
        ..log.get(call).expect("call").details
    };
    log.edit(call, moved, common::now())
        .expect("move to Kurzeme");
    office.supervisor.sync().expect("push the move");
    latgale.sync().expect("pull");
    assert_eq!(
        latgale
            .session
            .call_log()
            .get(call)
            .expect("control: Latgale keeps the versions it had")
            .details
            .region,
        Region::Latgale
    );

    log.erase(call, common::now()).expect("erase");
    office.supervisor.sync().expect("push the erasure");
    latgale.sync().expect("pull the erasure");
    office.supervisor.sync().expect("pull again");
    for laptop in [&office.supervisor, &latgale] {
        assert!(matches!(
            laptop.session.call_log().get(call),
            Err(Error::CallNotFound)
        ));
        assert_eq!(traces(laptop), 0, "a trace of the call on {}", laptop.login);
        assert_eq!(
            laptop.session.sync().status().expect("status").quarantined,
            0
        );
    }
    assert_eq!(
        office.server.envelope_kinds(call),
        vec!["callRemoval".to_owned(), "callRemoval".to_owned()],
        "one removal per region; the server dropped every version in both"
    );
}

fn an_anonymised_call_reaches_every_device_with_only_its_statistics(backend: Backend) {
    let office = Office::new(backend);
    let latgale = office.enrol("latgale-laptop", Role::Consultant, Region::Latgale);
    let call = sensitive_call(&latgale);
    // The call was taken ten years ago (entered late, as historical calls
    // are): every device's clock, and the server's, agree on today, so the
    // removal's stamp is believed everywhere.
    let log = latgale.session.call_log();
    let taken = log.get(call).expect("call").details;
    let ten_years = Duration::days(3660);
    log.edit(
        call,
        CallDetails {
            started_at: taken.started_at - ten_years,
            ended_at: taken.ended_at.map(|ended| ended - ten_years),
            ..taken
        },
        common::now(),
    )
    .expect("backdate");
    latgale.sync().expect("push");
    office.supervisor.sync().expect("pull");

    // Today the supervisor's laptop runs retention.
    let run = office
        .supervisor
        .session
        .retention()
        .run(common::now())
        .expect("run");
    assert_eq!(run.anonymised, 1);
    office.supervisor.sync().expect("push");
    latgale.sync().expect("pull");

    for laptop in [&office.supervisor, &latgale] {
        let kept = laptop.session.call_log().get(call).expect("still counted");
        assert_eq!(kept.details.notes, "");
        assert_eq!(kept.details.case_ref, None);
        assert_eq!(kept.details.region, Region::Latgale);
        assert_eq!(traces(laptop), 0, "a trace of the call on {}", laptop.login);
    }
}
