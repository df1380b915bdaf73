//! A caller who called another region's line, told to a consultant with
//! nothing of those calls: every laptop learns that a number (by its keyed
//! hash) called a region's line, and a hostile laptop cannot claim that a
//! number called a region other than its own.

mod common;

use chrono::{Duration, Utc};
use common::{sync_all, Backend, Laptop, Office};
use hotline_core::calls::RepeatCaller;
use hotline_core::sync::{RecordKind, Scope};
use hotline_core::testkit::callers;
use hotline_core::testkit::forger::Forger;
use hotline_core::{Region, Role};

const NUMBER: &str = "+371 2600 0001";

/// Logs a finished call from `number`, as the call form does.
fn log_call_from(laptop: &Laptop, number: &str) {
    let started = Utc::now() - Duration::minutes(30);
    callers::log_call_from(&laptop.session, number, started, Utc::now()).expect("a call");
}

/// What the call form tells when `number` is typed into a new call.
fn check(laptop: &Laptop, number: &str) -> RepeatCaller {
    let log = laptop.session.call_log();
    let draft = log.start(Utc::now()).expect("start");
    let repeat = log
        .set_caller_number(draft.id, number, Utc::now())
        .expect("number");
    log.discard_draft(draft.id, Utc::now()).expect("discard");
    repeat
}

#[test]
fn a_consultant_learns_only_that_a_caller_called_another_regions_line() {
    let office = Office::new(Backend::Sqlite);
    let latgale = office.enrol("latgale", Role::Consultant, Region::Latgale);
    let riga = office.enrol("riga", Role::Consultant, Region::Riga);
    log_call_from(&latgale, NUMBER);
    sync_all(&[&latgale, &riga, &latgale]);

    let told = check(&riga, NUMBER);
    assert_eq!(
        told,
        RepeatCaller {
            previous_calls: 0,
            last_call_at: None,
            case_ref: None,
            called_another_line: true,
        },
        "no count, date or case of another region's calls"
    );
    let own = check(&latgale, NUMBER);
    assert_eq!(own.previous_calls, 1);
    assert!(
        !own.called_another_line,
        "its own region's line is not another line"
    );
    assert!(!check(&riga, "+371 2600 0002").called_another_line);
}

/// Guards `Authorship::CallerSeen { region } => … region == author.region`
/// in the permission table and its check in `sync::records::apply`: without
/// them, one consultant laptop could tell every laptop that any number has
/// called any region's line.
#[test]
fn a_consultant_laptop_cannot_say_a_number_called_another_regions_line() {
    let office = Office::new(Backend::Sqlite);
    let hostile = office.enrol("latgale", Role::Consultant, Region::Latgale);
    let riga = office.enrol("riga", Role::Consultant, Region::Riga);
    hostile.sync().expect("sync");
    let forger = Forger::new(&hostile.session).expect("forger");

    // The hostile laptop learns the number's hash as any laptop would, from
    // its own marker, which it never sends.
    log_call_from(&hostile, NUMBER);
    let queued = forger.queued(&hostile.session).expect("queued");
    let (_, marker) = queued
        .iter()
        .find(|(envelope, _)| envelope.kind == RecordKind::CallerSeen)
        .expect("its own marker");
    let hash = marker["numberHash"].as_str().expect("hash").to_owned();

    let later = u64::try_from(Utc::now().timestamp_millis()).expect("after 1970") + 60_000;
    let forged = forger
        .seal(
            RecordKind::CallerSeen,
            forger.caller_seen_id(&hash, Region::Kurzeme),
            &forger.stamp(later, 0),
            Scope::Organisation,
            &serde_json::json!({
                "numberHash": hash,
                "region": "kurzeme",
                "seenOn": "2026-12-01",
            }),
        )
        .expect("seal");
    forger
        .push(std::slice::from_ref(&forged))
        .expect("the relay cannot see inside and takes it");

    riga.sync().expect("sync");
    assert!(
        !check(&riga, NUMBER).called_another_line,
        "a forged marker is not applied"
    );
    let reason: String = riga
        .raw_connection()
        .query_row(
            "SELECT reason FROM sync_quarantine WHERE envelope_id = ?1",
            [forged.id.to_string()],
            |row| row.get(0),
        )
        .expect("the forged marker is set aside");
    assert_eq!(reason, "notPermitted");
}
