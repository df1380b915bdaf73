//! One retention rule for the organisation (issue 11), through the real
//! server: a supervisor's rule reaches every laptop, a consultant's laptop
//! cannot publish one, and a laptop whose clock runs three years fast
//! anonymises nothing.

mod common;

use chrono::{DateTime, Duration, Utc};
use common::{now, sync_all, Backend, Laptop, Office};
use hotline_core::calls::{CallDetails, CallerRole, Line, RetentionHold, Subject};
use hotline_core::sync::{RecordKind, Scope, SyncRunner};
use hotline_core::testkit::forger::Forger;
use hotline_core::{Error, Region, Role};
use uuid::Uuid;

/// Logs a finished Rīga call that started at `at`.
fn log_call_at(laptop: &Laptop, at: DateTime<Utc>, notes: &str) -> Uuid {
    let details = CallDetails {
        line: Some(Line::RIGA_LANDLINE),
        caller_role: Some(CallerRole::PersonAtRiskOrVictim),
        subjects: vec![Subject::FORCED_LABOUR],
        notes: notes.into(),
        ..CallDetails::starting(at, Region::Riga)
    };
    laptop
        .session
        .call_log()
        .add_finished([details], now())
        .expect("log call")[0]
}

fn notes_of(laptop: &Laptop, id: Uuid) -> String {
    laptop
        .session
        .call_log()
        .get(id)
        .expect("call")
        .details
        .notes
}

#[test]
fn a_supervisors_retention_rule_reaches_every_laptop() {
    let office = Office::new(Backend::Sqlite);
    let latgale = office.enrol("latgale", Role::Consultant, Region::Latgale);
    let second = office.enrol("second-supervisor", Role::Supervisor, Region::Riga);
    assert_eq!(latgale.session.retention().years().expect("years"), 5);

    let rule = office
        .supervisor
        .session
        .retention()
        .set_years(7, now())
        .expect("a supervisor sets the rule");
    sync_all(&[&office.supervisor, &latgale, &second]);
    for laptop in [&latgale, &second] {
        let held = laptop.session.retention().rule().expect("rule");
        assert_eq!(held, rule, "on {}", laptop.login);
    }

    // The newest rule wins wherever it was set.
    second
        .session
        .retention()
        .set_years(3, now() + Duration::seconds(5))
        .expect("another supervisor");
    sync_all(&[&second, &office.supervisor, &latgale]);
    for laptop in [&office.supervisor, &latgale, &second] {
        assert_eq!(laptop.session.retention().years().expect("years"), 3);
    }
}

/// Guards `Rule::SupervisorOnly` for `RecordKind::RetentionRule` in the
/// permission table: before it, one consultant laptop could shorten the
/// rule to a year and have every supervisor's laptop anonymise four years
/// of calls.
#[test]
fn a_consultant_laptop_cannot_publish_a_retention_rule() {
    let office = Office::new(Backend::Sqlite);
    let hostile = office.enrol("latgale", Role::Consultant, Region::Latgale);
    hostile.sync().expect("sync");
    let forger = Forger::new(&hostile.session).expect("forger");
    let later = u64::try_from(now().timestamp_millis()).expect("after 1970") + 60_000;
    let forged = forger
        .seal(
            RecordKind::RetentionRule,
            Uuid::from_u128(0x9b1e_44c2_71d0_4f3a_8c55_0e6a_3d2f_7b19),
            &forger.stamp(later, 0),
            Scope::Organisation,
            &serde_json::json!({ "years": 1, "setAt": now(), "setBy": null }),
        )
        .expect("seal");
    let pushed = forger.push(std::slice::from_ref(&forged));
    assert!(
        matches!(pushed, Err(Error::ServerRejected { status: 403, .. })),
        "{pushed:?}"
    );
    office.supervisor.sync().expect("sync");
    assert_eq!(
        office
            .supervisor
            .session
            .retention()
            .years()
            .expect("years"),
        5
    );
}

/// Guards `trusted_now` in `Retention::run_with`: before it, a supervisor's
/// laptop whose clock ran three years fast anonymised calls that were
/// still within the organisation's five years, for every laptop. The
/// control: the same laptop with a correct clock and a two-year rule
/// anonymises the call.
#[test]
fn a_laptop_with_its_clock_three_years_ahead_anonymises_nothing() {
    let office = Office::new(Backend::Sqlite);
    let fast = office.enrol("fast-clock", Role::Supervisor, Region::Riga);
    let three_years_ago = now() - Duration::days(3 * 365);
    let call = log_call_at(&office.supervisor, three_years_ago, "Darbs Vācijā");
    sync_all(&[&office.supervisor, &fast]);
    let ahead = now() + Duration::days(3 * 365);

    // The clock jumps while offline: the last sync vouches for a day more.
    let offline = fast.session.retention().run(ahead).expect("run");
    assert_eq!((offline.anonymised, offline.held), (0, None));

    // It syncs with the fast clock: the server's time shows it is wrong.
    let round = SyncRunner::default().run(&fast.session, ahead);
    assert!(round.is_ok(), "{round:?}");
    let online = fast.session.retention().run(ahead).expect("run");
    assert_eq!(online.anonymised, 0);
    assert_eq!(online.held, Some(RetentionHold::ClockDisagrees));
    fast.sync().expect("sync with the clock corrected");
    office.supervisor.sync().expect("sync");
    assert_eq!(notes_of(&office.supervisor, call), "Darbs Vācijā");
    assert_eq!(notes_of(&fast, call), "Darbs Vācijā");

    office
        .supervisor
        .session
        .retention()
        .set_years(2, now())
        .expect("two years");
    sync_all(&[&office.supervisor, &fast]);
    let control = fast.session.retention().run(now()).expect("run");
    assert_eq!((control.anonymised, control.held), (1, None));
    assert_eq!(notes_of(&fast, call), "");
}
