//! The organisation's categories: managed by supervisors, checked on every
//! call, and enough to reproduce the seed organisation's own published table.

mod common;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use hotline_core::calls::{CallDetails, CallerRole, Gender, Line, Subject};
use hotline_core::categories::{CategoryKind, CtdcExploitation, NewCategory};
use hotline_core::error::InvalidReason;
use hotline_core::referrals::Texts;
use hotline_core::reports::{BreakdownKind, Cell, Report, ReportRequest};
use hotline_core::{Error, Region, Session};

use common::{now, Office, LATGALE, SUPERVISOR};

fn new_category(code: &str) -> NewCategory {
    NewCategory {
        code: code.into(),
        kind: CategoryKind::Subject,
        names: Texts {
            lv: "Piespiedu laulība".into(),
            en: "Forced marriage".into(),
            ru: String::new(),
        },
        ctdc: CtdcExploitation::Other,
    }
}

/// Logs a finished call about `subjects` through the call form's steps.
fn log_call(
    session: &Session,
    at: DateTime<Utc>,
    subjects: Vec<Subject>,
    case_ref: Option<String>,
    gender: Option<Gender>,
) -> Result<uuid::Uuid, Error> {
    log_call_on(session, at, Line::RIGA_LANDLINE, subjects, case_ref, gender)
}

/// Logs a finished call that came in on `line`.
fn log_call_on(
    session: &Session,
    at: DateTime<Utc>,
    line: Line,
    subjects: Vec<Subject>,
    case_ref: Option<String>,
    gender: Option<Gender>,
) -> Result<uuid::Uuid, Error> {
    let log = session.call_log();
    let draft = log.start(at)?;
    let details = CallDetails {
        line: Some(line),
        caller_role: Some(CallerRole::PersonAtRiskOrVictim),
        subjects,
        case_ref,
        gender,
        region: session.account().home_region,
        ..draft.details
    };
    let result = log.finish(draft.id, details, at + Duration::minutes(12));
    if result.is_err() {
        log.discard_draft(draft.id, at)?;
    }
    Ok(result?.id)
}

#[test]
fn every_laptop_starts_with_the_organisations_own_subjects() {
    let office = Office::new();
    let janis = office.sign_in(LATGALE);
    let codes: Vec<String> = janis
        .categories()
        .list()
        .expect("list")
        .into_iter()
        .filter(|category| category.kind == CategoryKind::Subject)
        .map(|category| category.code.to_string())
        .collect();
    assert_eq!(
        codes,
        [
            "shamMarriage",
            "prostitution",
            "sexualExploitation",
            "forcedLabour",
            "forcedCriminalityOrBegging",
            "jobOfferCheck",
            "modellingOrMarriageAgency",
            "labourConditionsAbroad",
            "other",
        ],
        "prostitution and sexual exploitation apart, as the organisation counts them"
    );
}

#[test]
fn only_a_supervisor_adds_and_a_bad_or_taken_code_names_the_problem() {
    let office = Office::new();
    let janis = office.sign_in(LATGALE);
    assert!(matches!(
        janis
            .categories()
            .add(new_category("forcedMarriage"), now()),
        Err(Error::SupervisorOnly)
    ));
    drop(janis);
    let anna = office.sign_in(SUPERVISOR);
    let categories = anna.categories();
    let added = categories
        .add(new_category(" forcedMarriage "), now())
        .expect("add");
    assert_eq!(added.code, Subject::parse("forcedMarriage").expect("code"));
    assert!(!added.retired);
    assert_eq!(
        categories
            .list()
            .expect("list")
            .last()
            .map(|c| c.code.clone()),
        Some(added.code),
        "a new subject is listed last"
    );
    assert!(matches!(
        categories.add(new_category("forcedMarriage"), now()),
        Err(Error::CategoryCodeTaken)
    ));
    for (code, reason) in [
        ("", InvalidReason::Empty),
        ("Forced marriage", InvalidReason::BadCode),
    ] {
        match categories.add(new_category(code), now()) {
            Err(Error::InvalidInput { field, reason: got }) => {
                assert_eq!((field, got), ("code", reason), "{code:?}")
            }
            other => panic!("{code:?}: {other:?}"),
        }
    }
    let unnamed = NewCategory {
        names: Texts::default(),
        ..new_category("debtBondage")
    };
    assert!(matches!(
        categories.add(unnamed, now()),
        Err(Error::InvalidInput {
            field: "names.lv",
            reason: InvalidReason::Empty
        })
    ));
    let actions: Vec<String> = anna
        .audit_entries()
        .expect("audit")
        .into_iter()
        .map(|entry| entry.action)
        .collect();
    assert!(
        actions.iter().any(|action| action == "categoryAdded"),
        "{actions:?}"
    );
}

#[test]
fn a_retired_subject_keeps_old_calls_valid_and_is_offered_to_no_new_one() {
    let office = Office::new();
    let anna = office.sign_in(SUPERVISOR);
    let old = log_call(&anna, now(), vec![Subject::JOB_OFFER_CHECK], None, None).expect("old");
    let retired = anna
        .categories()
        .set_retired("jobOfferCheck", true, now())
        .expect("retire");
    assert!(retired.retired);

    match log_call(&anna, now(), vec![Subject::JOB_OFFER_CHECK], None, None) {
        Err(Error::InvalidInput { field, reason }) => {
            assert_eq!((field, reason), ("subjects", InvalidReason::Retired))
        }
        other => panic!("a new call may not take a retired subject: {other:?}"),
    }
    let log = anna.call_log();
    let call = log.get(old).expect("old call");
    let edited = CallDetails {
        notes: "Called back".into(),
        ..call.details
    };
    log.edit(old, edited, now() + Duration::hours(1))
        .expect("an old call keeps its retired subject through an edit");

    anna.categories()
        .set_retired("jobOfferCheck", false, now())
        .expect("restore");
    log_call(&anna, now(), vec![Subject::JOB_OFFER_CHECK], None, None)
        .expect("a restored subject is offered again");
    let unknown = Subject::parse("noSuchSubject").expect("well-formed");
    assert!(matches!(
        log_call(&anna, now(), vec![unknown], None, None),
        Err(Error::InvalidInput {
            field: "subjects",
            reason: InvalidReason::Unknown
        })
    ));
}

#[test]
fn a_subject_in_use_cannot_be_deleted_only_retired() {
    let office = Office::new();
    let anna = office.sign_in(SUPERVISOR);
    log_call(&anna, now(), vec![Subject::OTHER], None, None).expect("call");
    let refused = anna
        .categories()
        .delete("other", now())
        .expect_err("in use");
    assert!(
        matches!(refused, Error::CategoryInUse { calls: 1 }),
        "{refused:?}"
    );
    let message = refused.to_public().message;
    assert!(message.en.contains("Retire it instead"), "{}", message.en);
    assert!(message.lv.contains("Slēdziet"), "{}", message.lv);
    assert!(
        anna.categories()
            .list()
            .expect("list")
            .iter()
            .any(|c| c.code == Subject::OTHER),
        "nothing was deleted"
    );

    anna.categories()
        .add(new_category("forcedMarriage"), now())
        .expect("add");
    anna.categories()
        .delete("forcedMarriage", now())
        .expect("an unused subject is deleted");
    assert!(!anna
        .categories()
        .list()
        .expect("list")
        .iter()
        .any(|c| c.code.code() == "forcedMarriage"));
    anna.categories()
        .add(new_category("forcedMarriage"), now())
        .expect("a deleted code may be used again");
    assert!(matches!(
        anna.categories().delete("noSuchSubject", now()),
        Err(Error::CategoryNotFound)
    ));
}

#[test]
fn lines_and_channels_are_categories_every_laptop_starts_with() {
    let office = Office::new();
    let janis = office.sign_in(LATGALE);
    let lines: Vec<(String, String)> = janis
        .categories()
        .list()
        .expect("list")
        .into_iter()
        .filter(|category| category.kind == CategoryKind::Line)
        .map(|category| (category.code.to_string(), category.names.lv))
        .collect();
    assert_eq!(lines.len(), 12, "{lines:?}");
    assert_eq!(lines[0], ("rigaLandline".into(), "Rīga, 67898343".into()));
    assert_eq!(lines[3], ("latgale".into(), "Latgales līnija".into()));
    assert_eq!(lines[11], ("outgoing".into(), "Izejošs zvans".into()));
}

fn new_line(code: &str, lv: &str, en: &str) -> NewCategory {
    NewCategory {
        code: code.into(),
        kind: CategoryKind::Line,
        names: Texts {
            lv: lv.into(),
            en: en.into(),
            ru: String::new(),
        },
        ctdc: CtdcExploitation::Sexual,
    }
}

#[test]
fn a_supervisors_new_line_is_offered_a_retired_one_only_to_calls_that_had_it() {
    let office = Office::new();
    let anna = office.sign_in(SUPERVISOR);
    let added = anna
        .categories()
        .add(new_line("viber", "Viber", "Viber"), now())
        .expect("add a channel");
    assert_eq!(added.kind, CategoryKind::Line);
    assert_eq!(
        added.ctdc,
        CtdcExploitation::None,
        "a line is no exploitation"
    );
    let viber = Line::parse("viber").expect("code");
    log_call_on(
        &anna,
        now(),
        viber.clone(),
        vec![Subject::OTHER],
        None,
        None,
    )
    .expect("a call on the new channel");

    let old = log_call_on(&anna, now(), Line::SKYPE, vec![Subject::OTHER], None, None)
        .expect("a Skype call");
    anna.categories()
        .set_retired("skype", true, now())
        .expect("retire Skype");
    match log_call_on(&anna, now(), Line::SKYPE, vec![Subject::OTHER], None, None) {
        Err(Error::InvalidInput { field, reason }) => {
            assert_eq!((field, reason), ("line", InvalidReason::Retired))
        }
        other => panic!("a new call may not take a retired line: {other:?}"),
    }
    let log = anna.call_log();
    let call = log.get(old).expect("old call");
    let edited = CallDetails {
        notes: "Called back".into(),
        ..call.details
    };
    log.edit(old, edited, now() + Duration::hours(1))
        .expect("an old call keeps its retired line through an edit");

    // A subject's code is not a line, nor a line's a subject.
    let subject_as_line = Line::parse("forcedLabour").expect("well-formed");
    assert!(matches!(
        log_call_on(
            &anna,
            now(),
            subject_as_line,
            vec![Subject::OTHER],
            None,
            None
        ),
        Err(Error::InvalidInput {
            field: "line",
            reason: InvalidReason::Unknown
        })
    ));
    let line_as_subject = Subject::parse("viber").expect("well-formed");
    assert!(matches!(
        log_call(&anna, now(), vec![line_as_subject], None, None),
        Err(Error::InvalidInput {
            field: "subjects",
            reason: InvalidReason::Unknown
        })
    ));
    assert!(
        matches!(
            anna.categories()
                .add(new_line("forcedLabour", "X", "X"), now()),
            Err(Error::CategoryCodeTaken)
        ),
        "a code names one category of either kind"
    );

    assert!(matches!(
        anna.categories().delete("viber", now()),
        Err(Error::CategoryInUse { calls: 1 })
    ));
    anna.categories()
        .delete("zemgale", now())
        .expect("a line no call came in on is deleted");

    let this_year = ReportRequest {
        from: day(2026, 1, 1),
        to: day(2026, 12, 31),
        regions: Vec::new(),
        publication: None,
    };
    let report = anna.report(&this_year, now()).expect("report");
    let rows: Vec<(String, String)> = report
        .breakdowns
        .iter()
        .find(|breakdown| breakdown.kind == BreakdownKind::Line)
        .expect("line breakdown")
        .rows
        .iter()
        .filter(|row| exact(row.counts.calls) > 0)
        .map(|row| (row.key.clone(), row.label.en.to_string()))
        .collect();
    assert_eq!(
        rows,
        [
            ("viber".to_owned(), "Viber".to_owned()),
            ("skype".to_owned(), "Skype".to_owned()),
        ],
        "lines by the organisation's names, a retired one after the active ones"
    );
}

/// The seed organisation's published table (`shared/seeds/000_…`): persons
/// given rehabilitation since 2007 by type of exploitation, and 2014's by
/// gender.
const PERSONS_SINCE_2007: [(Subject, u64); 5] = [
    (Subject::SHAM_MARRIAGE, 59),
    (Subject::PROSTITUTION, 26),
    (Subject::FORCED_LABOUR, 25),
    (Subject::SEXUAL_EXPLOITATION, 2),
    (Subject::MODELLING_OR_MARRIAGE_AGENCY, 1),
];
const PERSONS_IN_2014: (u64, u64) = (8, 30);

fn exact(cell: Cell) -> u64 {
    match cell {
        Cell::Exact { count } => count,
        other => panic!("an internal report shows every count: {other:?}"),
    }
}

/// Distinct cases per row of one breakdown, by row key.
fn cases_by(report: &Report, kind: BreakdownKind) -> Vec<(String, u64)> {
    report
        .breakdowns
        .iter()
        .find(|breakdown| breakdown.kind == kind)
        .expect("breakdown")
        .rows
        .iter()
        .map(|row| (row.key.clone(), exact(row.counts.cases)))
        .filter(|(_, cases)| *cases > 0)
        .collect()
}

fn day(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("day")
}

#[test]
fn the_seed_organisations_persons_table_comes_out_of_its_own_categories_also_after_anonymisation() {
    let office = Office::new();
    let anna = office.sign_in(SUPERVISOR);
    // Kept whole at first: the organisation keeps twenty years.
    anna.retention().set_years(20, now()).expect("twenty years");
    // 113 persons: the 38 of 2014 first (8 men, then 30 women), the rest
    // spread over 2007–2013; every third person called twice.
    let mut person = 0_u32;
    for (subject, persons) in PERSONS_SINCE_2007 {
        for _ in 0..persons {
            let (year, gender) = match person {
                0..8 => (2014, Gender::Male),
                8..38 => (2014, Gender::Female),
                _ => (2007 + (person % 7) as i32, Gender::Female),
            };
            let first = Utc
                .with_ymd_and_hms(year, 1 + person % 12, 1 + person % 27, 9, 0, 0)
                .single()
                .expect("time");
            let case_ref = anna.call_log().next_case_ref().expect("case ref");
            let calls = if person.is_multiple_of(3) { 2 } else { 1 };
            for call in 0..calls {
                log_call(
                    &anna,
                    first + Duration::hours(call),
                    vec![subject.clone()],
                    Some(case_ref.clone()),
                    Some(gender),
                )
                .expect("call");
            }
            person += 1;
        }
    }
    let since_2007 = ReportRequest {
        from: day(2007, 1, 1),
        to: day(2014, 12, 31),
        regions: vec![Region::Riga],
        publication: None,
    };
    let year_2014 = ReportRequest {
        from: day(2014, 1, 1),
        ..since_2007.clone()
    };
    let published = |session: &Session| {
        let all = session.report(&since_2007, now()).expect("report");
        let by_subject = cases_by(&all, BreakdownKind::Subject);
        let in_2014 = session.report(&year_2014, now()).expect("2014");
        let by_gender = cases_by(&in_2014, BreakdownKind::Gender);
        (
            exact(all.total.cases),
            by_subject,
            exact(in_2014.total.cases),
            by_gender,
        )
    };
    let expected = (
        113,
        PERSONS_SINCE_2007
            .iter()
            .map(|(subject, persons)| (subject.to_string(), *persons))
            .collect::<Vec<_>>(),
        38,
        vec![
            ("female".to_owned(), PERSONS_IN_2014.1),
            ("male".to_owned(), PERSONS_IN_2014.0),
        ],
    );
    let mut table = published(&anna);
    table
        .1
        .sort_by_key(|(_, persons)| std::cmp::Reverse(*persons));
    table.3.sort();
    assert_eq!(table, expected);
    let whole = anna
        .call_log()
        .find_all(&hotline_core::calls::CallFilter::default())
        .expect("calls");
    assert!(whole.iter().all(|call| call.details.case_ref.is_some()));

    // Past the retention period every call loses its case ref; a run of so
    // many waits for a supervisor's confirmation, then the table is the same.
    let retention = anna.retention();
    retention.set_years(1, now()).expect("one year");
    let held = retention.run(now()).expect("run");
    assert_eq!(held.anonymised, 0, "{held:?}");
    let run = retention.run_confirmed(now()).expect("confirmed");
    assert_eq!(run.anonymised, 151, "{run:?}");
    let mut table = published(&anna);
    table
        .1
        .sort_by_key(|(_, persons)| std::cmp::Reverse(*persons));
    table.3.sort();
    assert_eq!(table, expected, "after anonymisation");
}
