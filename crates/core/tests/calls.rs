//! Call logging on a real SQLCipher file: drafts that survive a crash,
//! finishing, edits with history, search, filters, follow-ups and repeat callers.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use hotline_core::calls::{
    is_case_ref, CallDetails, CallFilter, CallStatus, CallerRole, FollowUp, Line, Referral,
    Subject, CALL_PAGE,
};
use hotline_core::error::InvalidReason;
use hotline_core::{Error, Region, Session};

mod common;

use common::{now, Office, LATGALE, RIGA, SUPERVISOR};

fn complete(details: CallDetails) -> CallDetails {
    CallDetails {
        line: Some(Line::LATGALE),
        caller_role: Some(CallerRole::PersonAtRiskOrVictim),
        subjects: vec![Subject::JOB_OFFER_CHECK],
        ..details
    }
}

/// Logs and finishes one call at `at` with `notes`.
fn log_call(session: &Session, at: DateTime<Utc>, notes: &str, subject: Subject) -> uuid::Uuid {
    let log = session.call_log();
    let draft = log.start(at).expect("start");
    let details = CallDetails {
        notes: notes.into(),
        subjects: vec![subject],
        ..complete(draft.details)
    };
    log.finish(draft.id, details, at + Duration::minutes(12))
        .expect("finish")
        .id
}

#[test]
fn a_draft_survives_a_crash_and_is_offered_at_the_next_unlock() {
    let office = Office::new();
    let session = office.sign_in(LATGALE);
    let draft = session.call_log().start(now()).expect("start");
    assert_eq!(draft.status, CallStatus::Draft);
    assert_eq!(draft.details.region, Region::Latgale);
    let details = CallDetails {
        notes: "Piedāvāts darbs Kiprā, pase atņemta".into(),
        country: Some("cy".into()),
        ..draft.details.clone()
    };
    session
        .call_log()
        .save_draft(draft.id, details, now())
        .expect("autosave");
    drop(session); // the app is killed mid-call

    let session = office.sign_in(LATGALE);
    let drafts = session.call_log().own_drafts().expect("drafts");
    assert_eq!(drafts.len(), 1);
    assert_eq!(
        drafts[0].details.notes,
        "Piedāvāts darbs Kiprā, pase atņemta"
    );
    assert_eq!(drafts[0].details.country.as_deref(), Some("CY"));
    assert!(
        office
            .sign_in(RIGA)
            .call_log()
            .own_drafts()
            .expect("drafts")
            .is_empty(),
        "drafts are personal"
    );
}

#[test]
fn finishing_needs_the_required_fields_and_sets_the_end_time() {
    let office = Office::new();
    let session = office.sign_in(LATGALE);
    let log = session.call_log();
    let draft = log.start(now()).expect("start");
    let error = log
        .finish(draft.id, draft.details.clone(), now())
        .expect_err("incomplete");
    assert!(matches!(error, Error::InvalidInput { field: "line", .. }));
    assert_eq!(
        log.get(draft.id).expect("still there").status,
        CallStatus::Draft
    );

    let finished = log
        .finish(
            draft.id,
            complete(draft.details.clone()),
            now() + Duration::minutes(7),
        )
        .expect("finish");
    assert_eq!(finished.status, CallStatus::Final);
    assert_eq!(finished.version, 1);
    assert_eq!(
        finished.details.ended_at,
        Some(now() + Duration::minutes(7))
    );
    assert!(matches!(
        log.save_draft(draft.id, draft.details, now()),
        Err(Error::CallAlreadyFinished)
    ));
}

#[test]
fn invalid_autosave_changes_nothing() {
    let office = Office::new();
    let session = office.sign_in(LATGALE);
    let log = session.call_log();
    let draft = log.start(now()).expect("start");
    let saved = log
        .save_draft(
            draft.id,
            CallDetails {
                notes: "first".into(),
                ..draft.details.clone()
            },
            now(),
        )
        .expect("save");
    let bad = CallDetails {
        notes: "second".into(),
        country: Some("ZZ".into()),
        ..saved.details.clone()
    };
    let error = log
        .save_draft(draft.id, bad, now())
        .expect_err("unknown country");
    assert!(matches!(
        error,
        Error::InvalidInput {
            field: "country",
            ..
        }
    ));
    assert_eq!(log.get(draft.id).expect("get").details.notes, "first");
}

#[test]
fn editing_a_finished_call_keeps_every_version_with_who_and_what() {
    let office = Office::new();
    let janis = office.sign_in(LATGALE);
    let id = log_call(&janis, now(), "Zvanīja māsa", Subject::FORCED_LABOUR);
    let call = janis.call_log().get(id).expect("get");
    let edited = janis
        .call_log()
        .edit(
            id,
            CallDetails {
                notes: "Zvanīja māsa; darba devējs Vācijā".into(),
                country: Some("DE".into()),
                ..call.details.clone()
            },
            now() + Duration::hours(1),
        )
        .expect("edit");
    assert_eq!(edited.version, 2);
    drop(janis);

    let anna = office.sign_in(SUPERVISOR);
    let history = anna.call_log().history(id).expect("history");
    assert_eq!(history.len(), 2);
    assert_eq!(history[0].details.notes, "Zvanīja māsa");
    assert_eq!(history[1].changed_fields, vec!["country", "notes"]);
    assert_eq!(history[1].edited_by_name, "janis");
    assert_eq!(history[1].edited_at, now() + Duration::hours(1));

    let ilze = office.sign_in(RIGA);
    assert!(
        matches!(ilze.call_log().get(id), Err(Error::CallNotFound)),
        "another region's call"
    );
}

#[test]
fn search_ignores_diacritics_and_case_and_matches_prefixes() {
    let office = Office::new();
    let anna = office.sign_in(SUPERVISOR);
    let first = log_call(
        &anna,
        now(),
        "Tikās Lāčplēša ielā pie Drošās mājas",
        Subject::SHAM_MARRIAGE,
    );
    log_call(
        &anna,
        now(),
        "Darba piedāvājums Anglijā",
        Subject::JOB_OFFER_CHECK,
    );
    for query in [
        "lacplesa",
        "LĀČPLĒŠA",
        "lacpl",
        "drosas majas",
        "Tikas lacplesa",
    ] {
        let found = anna
            .call_log()
            .find(&CallFilter {
                text: Some(query.into()),
                ..CallFilter::default()
            })
            .expect("search")
            .calls;
        assert_eq!(
            found.iter().map(|c| c.id).collect::<Vec<_>>(),
            vec![first],
            "{query}"
        );
    }
    let none = anna
        .call_log()
        .find(&CallFilter {
            text: Some("\"; DROP TABLE call; --".into()),
            ..CallFilter::default()
        })
        .expect("odd input is only words");
    assert!(none.calls.is_empty());
}

/// The notes index is read newest first and stops at the limit, so the
/// order must follow when the calls started, not when they were logged, and
/// must follow an edited start time.
#[test]
fn a_notes_search_lists_the_newest_calls_first_and_follows_an_edited_start() {
    let office = Office::new();
    let anna = office.sign_in(SUPERVISOR);
    let days_ago = |days: i64| now() - Duration::days(days);
    let middle = log_call(&anna, days_ago(20), "Kipra darbs", Subject::FORCED_LABOUR);
    let newest = log_call(&anna, days_ago(1), "Kipra darbs", Subject::FORCED_LABOUR);
    let oldest = log_call(&anna, days_ago(300), "Kipra darbs", Subject::FORCED_LABOUR);
    log_call(&anna, days_ago(2), "Vācija", Subject::FORCED_LABOUR);
    let search = |session: &Session| {
        session
            .call_log()
            .find(&CallFilter {
                text: Some("kipr".into()),
                ..CallFilter::default()
            })
            .expect("search")
            .calls
            .iter()
            .map(|call| call.id)
            .collect::<Vec<_>>()
    };
    assert_eq!(search(&anna), vec![newest, middle, oldest]);

    let call = anna.call_log().get(oldest).expect("call");
    anna.call_log()
        .edit(
            oldest,
            CallDetails {
                started_at: days_ago(10),
                ended_at: Some(days_ago(10) + Duration::minutes(5)),
                ..call.details
            },
            now(),
        )
        .expect("edit the start");
    assert_eq!(search(&anna), vec![newest, oldest, middle]);

    let ilze = office.sign_in(RIGA);
    assert_eq!(
        search(&ilze),
        vec![newest, oldest, middle],
        "Rīga's consultant reads Rīga's calls"
    );
    let janis = office.sign_in(LATGALE);
    assert!(search(&janis).is_empty(), "another region's calls");
}

/// The calls screen and `hotline call list` read page by page: every call
/// once, newest first, and a call saved between two pages moves nothing.
#[test]
fn calls_are_listed_page_by_page_and_never_cut() {
    let office = Office::new();
    let anna = office.sign_in(SUPERVISOR);
    let template = complete(anna.call_log().start(now()).expect("a form").details);
    let count = CALL_PAGE + 5;
    let added = anna
        .call_log()
        .add_finished(
            (0..count).map(|minutes| CallDetails {
                started_at: now() - Duration::minutes(minutes as i64 * 7),
                ended_at: Some(now() - Duration::minutes(minutes as i64 * 7 - 3)),
                notes: "Kipra darbs".into(),
                ..template.clone()
            }),
            now(),
        )
        .expect("calls");
    for text in [None, Some("kipr".to_owned())] {
        let filter = CallFilter {
            text: text.clone(),
            ..CallFilter::default()
        };
        let first = anna.call_log().find(&filter).expect("first page");
        assert_eq!(first.calls.len(), CALL_PAGE, "{text:?}");
        assert_eq!(first.calls[0].id, added[0], "newest first");
        let next = first.next.clone().expect("a second page is offered");

        log_call(&anna, now(), "Vācija, jauns", Subject::FORCED_LABOUR);
        let second = anna
            .call_log()
            .find(&CallFilter {
                before: Some(next),
                ..filter
            })
            .expect("second page");
        assert_eq!(second.next, None, "the last page says so");
        let listed: Vec<_> = first
            .calls
            .iter()
            .chain(&second.calls)
            .map(|c| c.id)
            .collect();
        assert_eq!(listed, added, "every call once, in order: {text:?}");
    }

    let forged = anna.call_log().find(&CallFilter {
        before: Some("yesterday".into()),
        ..CallFilter::default()
    });
    assert!(matches!(
        forged,
        Err(Error::InvalidInput {
            field: "before",
            ..
        })
    ));
}

#[test]
fn filters_by_day_in_riga_time_region_line_and_subject() {
    let office = Office::new();
    let janis = office.sign_in(LATGALE);
    // 23.11.2026 00:30 in Rīga is still 22.11 in UTC.
    let just_after_midnight = DateTime::parse_from_rfc3339("2026-11-22T22:30:00Z")
        .expect("time")
        .with_timezone(&Utc);
    let today = log_call(
        &janis,
        just_after_midnight,
        "nakts zvans",
        Subject::FORCED_LABOUR,
    );
    let yesterday = log_call(
        &janis,
        just_after_midnight - Duration::hours(2),
        "vakara zvans",
        Subject::SHAM_MARRIAGE,
    );
    drop(janis);
    let ilze = office.sign_in(RIGA);
    let riga = log_call(&ilze, now(), "Rīgas zvans", Subject::FORCED_LABOUR);

    let day = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
    let on_day = |session: &Session, filter: CallFilter| -> Vec<uuid::Uuid> {
        session
            .call_log()
            .find(&filter)
            .expect("find")
            .calls
            .into_iter()
            .map(|c| c.id)
            .collect()
    };
    let anna = office.sign_in(SUPERVISOR);
    assert_eq!(
        on_day(
            &anna,
            CallFilter {
                from: Some(day),
                to: Some(day),
                ..CallFilter::default()
            }
        ),
        vec![riga, today],
        "newest first, Rīga days"
    );
    assert_eq!(
        on_day(
            &anna,
            CallFilter {
                regions: vec![Region::Latgale],
                ..CallFilter::default()
            }
        ),
        vec![today, yesterday]
    );
    assert_eq!(
        on_day(
            &anna,
            CallFilter {
                subjects: vec![Subject::SHAM_MARRIAGE],
                ..CallFilter::default()
            }
        ),
        vec![yesterday]
    );
    assert_eq!(
        on_day(
            &anna,
            CallFilter {
                lines: vec![Line::SKYPE],
                ..CallFilter::default()
            }
        ),
        Vec::<uuid::Uuid>::new()
    );
    assert_eq!(
        on_day(
            &ilze,
            CallFilter {
                regions: vec![Region::Latgale],
                ..CallFilter::default()
            }
        ),
        vec![riga],
        "a consultant sees only their own region, whatever they ask for"
    );
}

#[test]
fn follow_ups_list_overdue_first() {
    let office = Office::new();
    let anna = office.sign_in(SUPERVISOR);
    let log = anna.call_log();
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
    let mut ids = Vec::new();
    for (days, note) in [(3, "later"), (-2, "overdue"), (0, "today")] {
        let draft = log.start(now()).expect("start");
        let details = CallDetails {
            notes: note.into(),
            follow_up: Some(FollowUp {
                due: NaiveDate::from_ymd_opt(2026, 11, 23).expect("date") + Duration::days(days),
                assignee: anna.account().id,
                done_at: None,
                outcome: None,
            }),
            ..complete(draft.details)
        };
        ids.push(log.finish(draft.id, details, now()).expect("finish").id);
    }
    let draft = log.start(now()).expect("start");
    let nobody = CallDetails {
        follow_up: Some(FollowUp {
            due: today,
            assignee: uuid::Uuid::new_v4(),
            done_at: None,
            outcome: None,
        }),
        ..draft.details
    };
    assert!(matches!(
        log.save_draft(draft.id, nobody, now()),
        Err(Error::InvalidInput {
            field: "followUp",
            ..
        })
    ));
    let list = log.follow_ups(today).expect("follow-ups");
    let notes: Vec<(&str, bool)> = list
        .iter()
        .map(|item| (item.call.details.notes.as_str(), item.overdue))
        .collect();
    assert_eq!(
        notes,
        vec![("overdue", true), ("today", false), ("later", false)]
    );

    let call = log.get(ids[1]).expect("get");
    let mut details = call.details.clone();
    if let Some(follow_up) = details.follow_up.as_mut() {
        follow_up.done_at = Some(now());
    }
    log.edit(call.id, details, now()).expect("mark done");
    assert_eq!(log.follow_ups(today).expect("follow-ups").len(), 2);
}

/// Guards `CallLog::follow_ups`' own query: it reused the call list, capped
/// at the newest 500 calls, so past 500 open follow-ups the oldest overdue
/// ones were the ones that silently disappeared.
#[test]
fn every_open_follow_up_is_listed_however_many_there_are() {
    let office = Office::new();
    let anna = office.sign_in(SUPERVISOR);
    let log = anna.call_log();
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
    let template = complete(CallDetails::starting(now(), Region::Riga));
    let calls = (0..620i64).map(|index| CallDetails {
        // The oldest calls carry the most overdue follow-ups.
        started_at: now() - Duration::days(700 - index),
        notes: format!("call {index}"),
        follow_up: Some(FollowUp {
            due: today - Duration::days(650 - index),
            assignee: anna.account().id,
            done_at: None,
            outcome: None,
        }),
        ..template.clone()
    });
    log.add_finished(calls, now()).expect("620 calls");
    let list = log.follow_ups(today).expect("follow-ups");
    assert_eq!(list.len(), 620);
    assert_eq!(
        list[0].call.details.notes, "call 0",
        "the most overdue first"
    );
    assert!(list.iter().take(600).all(|item| item.overdue));
}

#[test]
fn a_follow_up_is_marked_done_by_its_assignee_with_what_came_of_it() {
    let office = Office::new();
    let anna = office.sign_in(SUPERVISOR);
    let janis = office.sign_in(LATGALE);
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
    let log = anna.call_log();
    let draft = log.start(now()).expect("start");
    let details = CallDetails {
        region: Region::Latgale,
        follow_up: Some(FollowUp {
            due: today,
            assignee: janis.account().id,
            done_at: None,
            outcome: None,
        }),
        ..complete(draft.details)
    };
    let id = log.finish(draft.id, details, now()).expect("finish").id;
    assert_eq!(janis.call_log().follow_ups(today).expect("list").len(), 1);

    let done = janis
        .call_log()
        .complete_follow_up(id, "  Aizvesta uz patversmi ", now())
        .expect("the assignee marks it done, though another wrote the call");
    let follow_up = done.details.follow_up.expect("follow-up");
    assert_eq!(follow_up.done_at, Some(now()));
    assert_eq!(follow_up.outcome.as_deref(), Some("Aizvesta uz patversmi"));
    assert!(janis.call_log().follow_ups(today).expect("list").is_empty());
    assert_eq!(
        log.history(id).expect("history").len(),
        2,
        "a new version, synced like any edit"
    );
    assert!(matches!(
        janis.call_log().complete_follow_up(id, "", now()),
        Err(Error::InvalidInput {
            field: "followUp",
            reason: InvalidReason::AlreadyDone,
        })
    ));
    let audited = anna
        .audit_entries()
        .expect("audit")
        .into_iter()
        .filter(|entry| entry.action == "followUpDone")
        .count();
    assert_eq!(audited, 1);

    let plain = log.start(now()).expect("start");
    let plain = log
        .finish(
            plain.id,
            CallDetails {
                region: Region::Latgale,
                ..complete(plain.details)
            },
            now(),
        )
        .expect("finish");
    assert!(matches!(
        janis.call_log().complete_follow_up(plain.id, "", now()),
        Err(Error::InvalidInput {
            field: "followUp",
            reason: InvalidReason::Empty,
        })
    ));
}

/// Finishes a Latgale call by `session` whose follow-up, due `due`, goes to `assignee`.
fn call_with_follow_up(session: &Session, assignee: uuid::Uuid, due: NaiveDate) -> uuid::Uuid {
    let log = session.call_log();
    let draft = log.start(now()).expect("start");
    let details = CallDetails {
        region: Region::Latgale,
        follow_up: Some(FollowUp {
            due,
            assignee,
            done_at: None,
            outcome: None,
        }),
        ..complete(draft.details)
    };
    log.finish(draft.id, details, now()).expect("finish").id
}

/// Plays a consultant handing work to someone who must not read it: guards
/// `CallLog::check_assignee`'s region test (`AssigneeNotInRegion`) and the
/// `SupervisorOnly` refusal at the top of `hand_over_follow_ups`.
#[test]
fn open_follow_ups_are_handed_over_to_a_colleague_of_the_region_all_at_once() {
    let office = Office::new();
    let mut anna = office.sign_in(SUPERVISOR);
    let liga = anna
        .add_account(
            hotline_core::accounts::NewAccount {
                login: "liga".into(),
                display_name: "Līga".into(),
                role: hotline_core::Role::Consultant,
                home_region: Region::Latgale,
            },
            "Līgas garā parole",
            now(),
        )
        .expect("add a second Latgale consultant");
    let janis = office.sign_in(LATGALE);
    let ilze = office.sign_in(RIGA);
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
    let janis_id = janis.account().id;
    let first = call_with_follow_up(&janis, janis_id, today);
    let second = call_with_follow_up(&janis, janis_id, today.succ_opt().expect("day"));
    let done = call_with_follow_up(&janis, janis_id, today);
    janis
        .call_log()
        .complete_follow_up(done, "", now())
        .expect("done");

    let names: Vec<String> = janis
        .call_log()
        .colleagues(Region::Latgale)
        .expect("colleagues")
        .into_iter()
        .map(|colleague| colleague.display_name)
        .collect();
    assert_eq!(
        names,
        ["Anna", "janis", "Līga"],
        "the region's consultants and the supervisors"
    );
    assert!(matches!(
        janis.call_log().colleagues(Region::Riga),
        Err(Error::InvalidInput {
            reason: InvalidReason::NotYourRegion,
            ..
        })
    ));

    let refused = janis
        .call_log()
        .hand_over_follow_ups(janis_id, ilze.account().id, now());
    assert!(
        matches!(
            refused,
            Err(Error::InvalidInput {
                field: "followUp",
                reason: InvalidReason::AssigneeNotInRegion,
            })
        ),
        "a Rīga consultant cannot see Latgale's calls: {refused:?}"
    );
    assert_eq!(
        janis.call_log().follow_ups(today).expect("list").len(),
        2,
        "a refused hand-over changes nothing"
    );
    assert!(matches!(
        ilze.call_log()
            .hand_over_follow_ups(janis_id, ilze.account().id, now()),
        Err(Error::SupervisorOnly)
    ));

    let handed = janis
        .call_log()
        .hand_over_follow_ups(janis_id, liga.id, now())
        .expect("hand over at the end of the shift");
    assert_eq!(handed, 2, "the done one stays as it was");
    let log = janis.call_log();
    for id in [first, second] {
        let call = log.get(id).expect("get");
        assert_eq!(call.details.follow_up.expect("follow-up").assignee, liga.id);
        assert_eq!(log.history(id).expect("history").len(), 2);
    }
    let listed: Vec<Option<String>> = log
        .follow_ups(today)
        .expect("list")
        .into_iter()
        .map(|item| item.assignee.map(|colleague| colleague.display_name))
        .collect();
    assert_eq!(
        listed,
        [Some("Līga".to_owned()), Some("Līga".to_owned())],
        "the list names who has each follow-up now"
    );
    assert_eq!(
        log.get(done)
            .expect("get")
            .details
            .follow_up
            .expect("follow-up")
            .assignee,
        janis_id
    );
    let audited = anna
        .audit_entries()
        .expect("audit")
        .into_iter()
        .filter(|entry| entry.action == "followUpHandedOver")
        .count();
    assert_eq!(audited, 2);

    assert_eq!(
        anna.call_log()
            .hand_over_follow_ups(liga.id, janis_id, now())
            .expect("a supervisor hands over anyone's"),
        2
    );
    assert!(matches!(
        anna.call_log()
            .hand_over_follow_ups(janis_id, janis_id, now()),
        Err(Error::InvalidInput {
            reason: InvalidReason::Mismatch,
            ..
        })
    ));

    let draft = log.start(now()).expect("start");
    let to_rīga = CallDetails {
        region: Region::Latgale,
        follow_up: Some(FollowUp {
            due: today,
            assignee: ilze.account().id,
            done_at: None,
            outcome: None,
        }),
        ..complete(draft.details)
    };
    assert!(matches!(
        log.finish(draft.id, to_rīga, now()),
        Err(Error::InvalidInput {
            field: "followUp",
            reason: InvalidReason::AssigneeNotInRegion,
        })
    ));
}

#[test]
fn a_repeat_caller_is_recognised_without_storing_the_number() {
    let office = Office::new();
    let anna = office.sign_in(SUPERVISOR);
    let log = anna.call_log();
    let first = log.start(now() - Duration::days(40)).expect("start");
    let repeat = log
        .set_caller_number(first.id, "+371 2914 7733", now())
        .expect("number");
    assert_eq!(repeat.previous_calls, 0);
    let case_ref = log.next_case_ref().expect("case ref");
    assert!(
        case_ref.starts_with("K-") && case_ref.ends_with("-1") && is_case_ref(&case_ref),
        "this device's first reference: {case_ref}"
    );
    let details = CallDetails {
        case_ref: Some(case_ref.clone()),
        ..complete(log.get(first.id).expect("get").details)
    };
    log.finish(first.id, details, now() - Duration::days(40))
        .expect("finish");

    let second = log.start(now()).expect("start");
    let repeat = log
        .set_caller_number(second.id, "29147733", now())
        .expect("same number, local form");
    assert_eq!(repeat.previous_calls, 1);
    assert_eq!(repeat.case_ref.as_deref(), Some(case_ref.as_str()));
    assert_eq!(repeat.last_call_at, Some(now() - Duration::days(40)));
    let second = log.get(second.id).expect("get");
    assert!(second.has_caller_number);
    assert_eq!(
        second.details.case_ref.as_deref(),
        Some(case_ref.as_str()),
        "the case carries over"
    );
    assert!(matches!(
        log.set_caller_number(second.id, "zvaniet man", now()),
        Err(Error::InvalidInput {
            field: "callerNumber",
            ..
        })
    ));
    drop(anna);

    let dir = office.device.data_dir();
    for path in [dir.database(), dir.database().with_extension("db-wal")] {
        let bytes = std::fs::read(&path).unwrap_or_default();
        for needle in ["29147733", "2914 7733", "+37129147733"] {
            assert!(
                !bytes.windows(needle.len()).any(|w| w == needle.as_bytes()),
                "{needle} found in {}",
                path.display()
            );
        }
    }
}

/// Guards the `(?3 OR region = ?4)` of `set_caller_number`'s queries: a
/// consultant signed in on a supervisor's laptop, which holds every
/// region's calls, must learn only that the number called another line.
#[test]
fn a_consultant_on_a_supervisors_laptop_learns_nothing_of_another_regions_calls() {
    let office = Office::new();
    let anna = office.sign_in(SUPERVISOR);
    let log = anna.call_log();
    let riga_call = log.start(now() - Duration::days(3)).expect("start");
    log.set_caller_number(riga_call.id, "+371 2914 7733", now())
        .expect("number");
    let details = CallDetails {
        case_ref: Some(log.next_case_ref().expect("case ref")),
        ..complete(log.get(riga_call.id).expect("get").details)
    };
    log.finish(riga_call.id, details, now() - Duration::days(3))
        .expect("a Rīga call");
    drop(anna);

    let janis = office.sign_in(LATGALE);
    let log = janis.call_log();
    let draft = log.start(now()).expect("start");
    let told = log
        .set_caller_number(draft.id, "29147733", now())
        .expect("number");
    assert_eq!(
        (told.previous_calls, told.last_call_at, told.case_ref),
        (0, None, None),
        "no count, date or case of another region's calls"
    );
    assert!(told.called_another_line);
}

#[test]
fn drafts_are_not_listed_and_can_be_discarded() {
    let office = Office::new();
    let anna = office.sign_in(SUPERVISOR);
    let log = anna.call_log();
    let draft = log.start(now()).expect("start");
    log.save_draft(
        draft.id,
        CallDetails {
            referrals: vec![Referral {
                to: "Valsts policija".into(),
                entry_id: None,
                caller_consented: true,
                ..Default::default()
            }],
            ..draft.details.clone()
        },
        now(),
    )
    .expect("save");
    assert!(log
        .find(&CallFilter::default())
        .expect("find")
        .calls
        .is_empty());
    log.discard_draft(draft.id, now()).expect("discard");
    assert!(matches!(log.get(draft.id), Err(Error::CallNotFound)));
}
