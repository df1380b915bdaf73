//! Cases on a real SQLCipher file: a case's calls read together across
//! regions as far as the reader may, found by the beginning of the
//! reference, filtered in the call list, and merged by a supervisor with
//! each call's history kept.

use chrono::{DateTime, Duration, Utc};
use hotline_core::calls::{CallDetails, CallFilter, CallerRole, Line, Subject};
use hotline_core::error::InvalidReason;
use hotline_core::{Error, Region, Session};

mod common;

use common::{now, Office, LATGALE, RIGA, SUPERVISOR};

/// Logs and finishes one call of `region` at `at` in case `case_ref`.
fn call_in_case(
    session: &Session,
    region: Region,
    at: DateTime<Utc>,
    case_ref: &str,
) -> uuid::Uuid {
    let log = session.call_log();
    let draft = log.start(at).expect("start");
    let details = CallDetails {
        region,
        line: Some(Line::LATGALE),
        caller_role: Some(CallerRole::PersonAtRiskOrVictim),
        subjects: vec![Subject::FORCED_LABOUR],
        case_ref: Some(case_ref.into()),
        ..draft.details
    };
    log.finish(draft.id, details, at + Duration::minutes(10))
        .expect("finish")
        .id
}

#[test]
fn a_case_lists_its_calls_oldest_first_and_a_consultant_only_counts_other_regions() {
    let office = Office::new();
    let anna = office.sign_in(SUPERVISOR);
    let janis = office.sign_in(LATGALE);
    let later = call_in_case(&janis, Region::Latgale, now(), "K-7QX2-14");
    let earlier = call_in_case(
        &janis,
        Region::Latgale,
        now() - Duration::days(3),
        "K-7QX2-14",
    );
    let in_riga = call_in_case(&anna, Region::Riga, now() - Duration::days(1), "K-7QX2-14");
    call_in_case(&janis, Region::Latgale, now(), "K-7QX2-15");

    let seen = janis.call_log().case("k-7qx2-14").expect("typed as spoken");
    assert_eq!(seen.case_ref, "K-7QX2-14");
    let ids: Vec<_> = seen.calls.iter().map(|call| call.id).collect();
    assert_eq!(
        ids,
        [earlier, later],
        "the consultant's region, oldest first"
    );
    assert_eq!(
        seen.elsewhere, 1,
        "that the person called Rīga, not what was said"
    );

    let all = anna.call_log().case("K-7QX2-14").expect("case");
    let ids: Vec<_> = all.calls.iter().map(|call| call.id).collect();
    assert_eq!(ids, [earlier, in_riga, later]);
    assert_eq!(all.elsewhere, 0);

    assert!(matches!(
        janis.call_log().case("K-7QX2-99"),
        Err(Error::InvalidInput {
            field: "caseRef",
            reason: InvalidReason::Unknown
        })
    ));
    assert!(matches!(
        janis.call_log().case("Jānis"),
        Err(Error::InvalidInput {
            field: "caseRef",
            reason: InvalidReason::BadCharacters
        })
    ));
}

#[test]
fn cases_are_found_by_the_beginning_of_their_reference_and_calls_filtered_by_it() {
    let office = Office::new();
    let anna = office.sign_in(SUPERVISOR);
    let janis = office.sign_in(LATGALE);
    call_in_case(
        &janis,
        Region::Latgale,
        now() - Duration::days(2),
        "K-7QX2-14",
    );
    call_in_case(
        &janis,
        Region::Latgale,
        now() - Duration::days(1),
        "K-7QX2-14",
    );
    call_in_case(&janis, Region::Latgale, now(), "K-7QX2-15");
    call_in_case(&anna, Region::Riga, now(), "K-7QX3-1");

    let found = janis.call_log().find_cases("k-7qx").expect("find");
    let refs: Vec<_> = found
        .iter()
        .map(|case| (case.case_ref.as_str(), case.calls))
        .collect();
    assert_eq!(
        refs,
        [("K-7QX2-15", 1), ("K-7QX2-14", 2)],
        "the most recently called first; Rīga's case is not the consultant's to see"
    );
    assert_eq!(anna.call_log().find_cases("K-7QX3").expect("find").len(), 1);
    assert!(janis.call_log().find_cases("  ").expect("find").is_empty());
    assert!(
        janis.call_log().find_cases("%").expect("find").is_empty(),
        "a LIKE wildcard is not a search for everything"
    );

    let filtered = janis
        .call_log()
        .find(&CallFilter {
            case_ref: Some("k-7qx2-14".into()),
            ..CallFilter::default()
        })
        .expect("filter")
        .calls;
    assert_eq!(filtered.len(), 2);
    assert!(filtered
        .iter()
        .all(|call| call.details.case_ref.as_deref() == Some("K-7QX2-14")));
}

/// Guards the `SupervisorOnly` refusal at the top of `merge_cases`: a
/// consultant cannot fold another region's case into one of theirs.
#[test]
fn a_supervisor_merges_two_cases_keeping_every_calls_history() {
    let office = Office::new();
    let anna = office.sign_in(SUPERVISOR);
    let janis = office.sign_in(LATGALE);
    let ilze = office.sign_in(RIGA);
    let kept = call_in_case(
        &janis,
        Region::Latgale,
        now() - Duration::days(5),
        "K-7QX2-14",
    );
    let moved = [
        call_in_case(
            &janis,
            Region::Latgale,
            now() - Duration::days(2),
            "K-7QX2-15",
        ),
        call_in_case(&ilze, Region::Riga, now() - Duration::days(1), "K-7QX2-15"),
    ];

    assert!(matches!(
        janis
            .call_log()
            .merge_cases("K-7QX2-15", "K-7QX2-14", now()),
        Err(Error::SupervisorOnly)
    ));
    for (from, into, reason) in [
        ("K-7QX2-15", "K-7QX2-15", InvalidReason::Mismatch),
        ("K-7QX2-15", "K-7QX2-99", InvalidReason::Unknown),
        ("K-7QX2-98", "K-7QX2-14", InvalidReason::Unknown),
    ] {
        let refused = anna.call_log().merge_cases(from, into, now());
        assert!(
            matches!(&refused, Err(Error::InvalidInput { field: "caseRef", reason: r }) if *r == reason),
            "{from} into {into}: {refused:?}"
        );
    }

    let merged = anna
        .call_log()
        .merge_cases("k-7qx2-15", "K-7QX2-14", now())
        .expect("merge");
    assert_eq!(merged, 2);
    let case = anna.call_log().case("K-7QX2-14").expect("merged case");
    let ids: Vec<_> = case.calls.iter().map(|call| call.id).collect();
    assert_eq!(ids, [kept, moved[0], moved[1]]);
    assert!(matches!(
        anna.call_log().case("K-7QX2-15"),
        Err(Error::InvalidInput {
            reason: InvalidReason::Unknown,
            ..
        })
    ));
    let log = anna.call_log();
    for id in moved {
        let history = log.history(id).expect("history");
        assert_eq!(history.len(), 2, "the earlier version is kept");
        assert_eq!(
            history[0].details.case_ref.as_deref(),
            Some("K-7QX2-15"),
            "with the reference it had"
        );
    }
    let audited = anna
        .audit_entries()
        .expect("audit")
        .into_iter()
        .filter(|entry| entry.action == "casesMerged")
        .count();
    assert_eq!(audited, 2);
}
