//! One caller, one case, on every laptop: two consultants of a region who
//! log calls from the same number offline give them two case references;
//! after sync every laptop holds one case with both calls, and every other
//! call keeps a reference of its own.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Duration, Utc};
use common::{sync_all, Backend, Laptop, Office};
use hotline_core::calls::CallFilter;
use hotline_core::testkit::callers;
use hotline_core::{Region, Role};
use uuid::Uuid;

on_both_backends!(one_callers_calls_logged_offline_on_two_laptops_become_one_case);

/// Logs a finished call from `number`, started `minutes_ago`, as the call
/// form does.
fn log_call_from(laptop: &Laptop, number: &str, minutes_ago: i64) -> Uuid {
    let started = Utc::now() - Duration::minutes(minutes_ago);
    callers::log_call_from(&laptop.session, number, started, Utc::now())
        .expect("a call")
        .id
}

/// Every call's case reference on `laptop`.
fn case_refs(laptop: &Laptop) -> BTreeMap<Uuid, String> {
    laptop
        .session
        .call_log()
        .find_all(&CallFilter::default())
        .expect("calls")
        .into_iter()
        .map(|call| (call.id, call.details.case_ref.expect("a case reference")))
        .collect()
}

/// Guards `CallLog::join_same_callers` in the sync round: without it the
/// two calls keep two references for good, and the organisation counts
/// one person twice.
fn one_callers_calls_logged_offline_on_two_laptops_become_one_case(backend: Backend) {
    let office = Office::new(backend);
    let janis = office.enrol("latgale-1", Role::Consultant, Region::Latgale);
    let liga = office.enrol("latgale-2", Role::Consultant, Region::Latgale);
    sync_all(&[&janis, &liga]);

    let first = log_call_from(&liga, "+371 2000 0001", 60);
    let later = log_call_from(&janis, "20000001", 10);
    let someone_else = log_call_from(&janis, "+371 2999 9999", 5);
    assert_ne!(
        case_refs(&liga)[&first],
        case_refs(&janis)[&later],
        "offline, each laptop gave the number its own reference"
    );

    sync_all(&[&janis, &liga, &office.supervisor]);
    for laptop in [&janis, &liga, &office.supervisor] {
        let refs = case_refs(laptop);
        assert_eq!(refs[&later], refs[&first], "one case for one caller");
        assert_ne!(refs[&someone_else], refs[&first]);
        let case = laptop
            .session
            .call_log()
            .case(&refs[&first])
            .expect("the case");
        let calls: Vec<Uuid> = case.calls.iter().map(|call| call.id).collect();
        assert_eq!(calls, [first, later], "both calls, oldest first");
        let distinct: BTreeSet<&String> = refs.values().collect();
        assert_eq!(distinct.len(), 2, "every other call keeps its own case");
    }
    let merged_on_two_devices = janis
        .session
        .call_log()
        .history(later)
        .expect("history")
        .iter()
        .any(|version| version.edited_on_two_devices);
    assert!(
        !merged_on_two_devices,
        "only the laptop whose call it is moves it"
    );
}
