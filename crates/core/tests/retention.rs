//! Retention and erasure on a real SQLCipher file: old calls keep only their
//! statistics, an erased call is gone with its history and search text, and
//! every run and removal is audited without the call's content.

use chrono::{DateTime, Duration, Utc};
use hotline_core::calls::{CallDetails, CallFilter, CallerRole, Line, Subject};
use hotline_core::{Error, Session};

mod common;

use common::{now, Office, LATGALE, SUPERVISOR};

/// A term the full-text index stores whole: its tail survives the index's
/// prefix compression, so a leftover would show in a dump.
const CANARY: &str = "Zvirbulenaitecanary7731";

fn log_call(session: &Session, at: DateTime<Utc>, notes: &str, case_ref: &str) -> uuid::Uuid {
    let log = session.call_log();
    let draft = log.start(at).expect("start");
    let details = CallDetails {
        notes: notes.into(),
        advice_given: "Advised to keep the passport".into(),
        case_ref: Some(case_ref.into()),
        line: Some(Line::LATGALE),
        caller_role: Some(CallerRole::PersonAtRiskOrVictim),
        subjects: vec![Subject::SEXUAL_EXPLOITATION, Subject::FORCED_LABOUR],
        country: Some("CY".into()),
        ..draft.details
    };
    let call = log
        .finish(draft.id, details, at + Duration::minutes(9))
        .expect("finish");
    let edited = CallDetails {
        notes: format!("{notes} (edited)"),
        ..call.details
    };
    log.edit(call.id, edited, at + Duration::minutes(20))
        .expect("edit");
    call.id
}

fn search(session: &Session, text: &str) -> usize {
    session
        .call_log()
        .find(&CallFilter {
            text: Some(text.into()),
            ..CallFilter::default()
        })
        .expect("search")
        .calls
        .len()
}

#[test]
fn calls_past_the_retention_period_keep_only_their_statistics() {
    let office = Office::new();
    let janis = office.sign_in(LATGALE);
    let six_years_ago = now() - Duration::days(6 * 365);
    let old = log_call(
        &janis,
        six_years_ago,
        &format!("Lives with {CANARY}"),
        "K-0001",
    );
    let recent = log_call(&janis, now() - Duration::days(30), "Recent call", "K-0002");
    drop(janis);

    // Unlocking runs retention.
    let janis = office.sign_in(LATGALE);
    let kept = janis.call_log().get(old).expect("still counted");
    assert_eq!(kept.details.notes, "");
    assert_eq!(kept.details.advice_given, "");
    assert_eq!(kept.details.case_ref, None);
    assert_eq!(
        kept.details.subjects,
        vec![Subject::FORCED_LABOUR, Subject::SEXUAL_EXPLOITATION]
    );
    assert_eq!(kept.details.country.as_deref(), Some("CY"));
    assert_eq!(kept.details.line, Some(Line::LATGALE));
    assert!(janis.call_log().history(old).expect("history").is_empty());
    assert_eq!(search(&janis, CANARY), 0, "the search index forgot it");
    assert_eq!(
        janis.call_log().get(recent).expect("recent").details.notes,
        "Recent call (edited)"
    );
    let refused = janis.call_log().edit(old, kept.details.clone(), now());
    assert!(matches!(refused, Err(Error::CallRemoved)), "{refused:?}");

    // A second run finds nothing more; both runs are audited.
    let again = janis.retention().run(now()).expect("run");
    assert_eq!(again.anonymised, 0);
    let supervisor = office.sign_in(SUPERVISOR);
    let runs: Vec<String> = supervisor
        .audit_entries()
        .expect("audit")
        .into_iter()
        .filter(|entry| entry.action == "retentionRun")
        .map(|entry| entry.details)
        .collect();
    assert!(
        runs.iter()
            .any(|details| details.contains(r#""anonymised":1"#)),
        "{runs:?}"
    );
}

#[test]
fn the_retention_period_is_a_supervisor_setting_in_years() {
    let office = Office::new();
    let supervisor = office.sign_in(SUPERVISOR);
    assert_eq!(supervisor.retention().years().expect("years"), 5);
    supervisor.retention().set_years(2, now()).expect("set");
    assert_eq!(supervisor.retention().years().expect("years"), 2);
    for bad in [0, 51] {
        assert!(matches!(
            supervisor.retention().set_years(bad, now()),
            Err(Error::InvalidInput { .. })
        ));
    }
    let janis = office.sign_in(LATGALE);
    assert!(matches!(
        janis.retention().set_years(10, now()),
        Err(Error::SupervisorOnly)
    ));
    let three_years_ago = now() - Duration::days(3 * 365);
    let call = log_call(&janis, three_years_ago, "Three years old", "K-0003");
    let run = janis.retention().run(now()).expect("run");
    assert_eq!(run.retention_years, 2);
    assert_eq!(run.anonymised, 1);
    assert_eq!(janis.call_log().get(call).expect("kept").details.notes, "");
}

#[test]
fn an_erased_call_is_gone_with_its_history_and_search_text() {
    let office = Office::new();
    let janis = office.sign_in(LATGALE);
    let call = log_call(&janis, now(), &format!("Caller {CANARY}"), "K-0042");
    assert_eq!(search(&janis, CANARY), 1);
    assert!(matches!(
        janis.call_log().erase(call, now()),
        Err(Error::SupervisorOnly)
    ));

    let supervisor = office.sign_in(SUPERVISOR);
    supervisor.call_log().erase(call, now()).expect("erase");
    assert!(matches!(
        supervisor.call_log().get(call),
        Err(Error::CallNotFound)
    ));
    assert_eq!(search(&supervisor, CANARY), 0);
    assert_eq!(search(&supervisor, "K-0042"), 0);
    let erased: Vec<_> = supervisor
        .audit_entries()
        .expect("audit")
        .into_iter()
        .filter(|entry| entry.action == "callErased")
        .collect();
    assert_eq!(erased.len(), 1);
    assert_eq!(erased[0].target_id, Some(call.to_string()));
    assert_eq!(erased[0].details, "null", "no personal data in the entry");
}

/// Guards the `CONFIRM_ABOVE` hold in `Retention::run_with`: more than a
/// hundred calls due at once, at an unlock or a run, wait for a supervisor
/// who has seen the number; before, a shortened rule stripped them unseen.
#[test]
fn more_than_a_hundred_calls_due_at_once_wait_for_a_supervisors_confirmation() {
    let office = Office::new();
    let supervisor = office.sign_in(SUPERVISOR);
    let four_years_ago = now() - Duration::days(4 * 365);
    let due = hotline_core::calls::CONFIRM_ABOVE as usize + 1;
    let old = supervisor
        .call_log()
        .add_finished(
            (0..due).map(|index| CallDetails {
                line: Some(Line::LATGALE),
                caller_role: Some(CallerRole::PersonAtRiskOrVictim),
                subjects: vec![Subject::FORCED_LABOUR],
                notes: format!("Historical call {index}"),
                ..CallDetails::starting(
                    four_years_ago + Duration::minutes(index as i64),
                    hotline_core::Region::Latgale,
                )
            }),
            now(),
        )
        .expect("calls within the period");
    supervisor
        .retention()
        .set_years(3, now())
        .expect("the rule is shortened");
    drop(supervisor);

    // Unlocking runs retention, which holds.
    let supervisor = office.sign_in(SUPERVISOR);
    assert_eq!(
        supervisor
            .call_log()
            .get(old[0])
            .expect("kept")
            .details
            .notes,
        "Historical call 0",
        "kept whole until confirmed"
    );
    let held = supervisor.retention().run(now()).expect("run");
    assert_eq!(held.due, due as u32);
    assert_eq!(held.anonymised, 0);
    assert_eq!(
        held.held,
        Some(hotline_core::calls::RetentionHold::AwaitingConfirmation)
    );
    let janis = office.sign_in(LATGALE);
    assert!(matches!(
        janis.retention().run_confirmed(now()),
        Err(Error::SupervisorOnly)
    ));

    let confirmed = supervisor.retention().run_confirmed(now()).expect("run");
    assert_eq!((confirmed.anonymised, confirmed.held), (due as u32, None));
    assert_eq!(
        supervisor
            .call_log()
            .get(old[0])
            .expect("kept")
            .details
            .notes,
        ""
    );
}

/// Guards the `case_key` that `anonymised` keeps and the breakdowns count:
/// before it, anonymised calls lost their case and a past year's persons
/// fell to zero, the organisation's headline figure.
#[test]
fn anonymised_calls_still_count_as_the_same_persons() {
    let office = Office::new();
    let janis = office.sign_in(LATGALE);
    let six_years_ago = now() - Duration::days(6 * 365);
    let first = log_call(&janis, six_years_ago, "First call", "K-0100");
    let again = log_call(&janis, six_years_ago + Duration::days(2), "Again", "K-0100");
    log_call(
        &janis,
        six_years_ago + Duration::days(3),
        "Another person",
        "K-0101",
    );
    drop(janis);
    let day = six_years_ago.date_naive();
    let request = hotline_core::reports::ReportRequest {
        from: day - Duration::days(1),
        to: day + Duration::days(10),
        regions: Vec::new(),
        publication: None,
    };
    let persons = |session: &Session| {
        let report = session.report(&request, now()).expect("report");
        let exact = |cell| match cell {
            hotline_core::reports::Cell::Exact { count } => count,
            other => panic!("an internal report shows every count: {other:?}"),
        };
        (exact(report.total.calls), exact(report.total.cases))
    };
    let supervisor = office.sign_in(SUPERVISOR);
    assert_eq!(persons(&supervisor), (3, 2));
    drop(supervisor);

    // Unlocking anonymises all three.
    let supervisor = office.sign_in(SUPERVISOR);
    let kept = |id| supervisor.call_log().get(id).expect("kept").details;
    assert_eq!(kept(first).case_ref, None);
    assert!(kept(first).case_key.is_some());
    assert_eq!(kept(first).case_key, kept(again).case_key);
    assert_eq!(persons(&supervisor), (3, 2));
}

/// Guards `as_kept` in `CallLog::finish`: before it, a call entered today
/// about 2010 kept its notes and case reference until the next unlock
/// silently stripped them.
#[test]
fn a_historical_call_is_accepted_as_statistics_only_from_the_start() {
    let office = Office::new();
    let anna = office.sign_in(SUPERVISOR);
    let long_ago = now() - Duration::days(16 * 365);
    let log = anna.call_log();
    let draft = log.start(now()).expect("start");
    let historical = log
        .finish(
            draft.id,
            CallDetails {
                started_at: long_ago,
                notes: "Caller from the 2010 paper log".into(),
                case_ref: Some("K-2010".into()),
                line: Some(Line::RIGA_LANDLINE),
                caller_role: Some(CallerRole::PersonAtRiskOrVictim),
                subjects: vec![Subject::SHAM_MARRIAGE],
                ..draft.details
            },
            now(),
        )
        .expect("accepted");
    let kept = &historical.details;
    assert_eq!(kept.notes, "", "no personal data is ever stored");
    assert_eq!(kept.case_ref, None);
    assert!(kept.case_key.is_some(), "it still counts as a person");
    assert_eq!(kept.subjects, vec![Subject::SHAM_MARRIAGE]);
    assert_eq!(search(&anna, "paper"), 0);

    let draft = log.start(now()).expect("start");
    let recent = log
        .finish(
            draft.id,
            CallDetails {
                notes: "A call today".into(),
                line: Some(Line::RIGA_LANDLINE),
                caller_role: Some(CallerRole::PersonAtRiskOrVictim),
                subjects: vec![Subject::SHAM_MARRIAGE],
                ..draft.details
            },
            now(),
        )
        .expect("recent");
    assert_eq!(
        recent.details.notes, "A call today",
        "control: a recent call is kept whole"
    );
}
