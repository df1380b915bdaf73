//! One caller, one case, in the real app: two Latgale consultants log calls
//! from one number while their laptops cannot see each other's; after sync
//! the app's case screen shows both calls under one reference, Līga's laptop
//! holds the same case, and every other call keeps a reference of its own.

use std::collections::BTreeMap;

use chrono::{Duration, Utc};
use fantoccini::key::Key;
use hotline_core::calls::{CallFilter, StoredCall};
use hotline_core::sync::SyncRunner;
use hotline_core::testkit::callers;
use hotline_core::{Device, Session};
use hotline_e2e::{App, DataDir, SyncServer};

const JANIS: (&str, &str) = ("janis", "Jāņa garā parole");
const LIGA: (&str, &str) = ("liga", "Līgas garā parole");

/// A Latgale laptop enrolled by the office and set up by `user`.
fn latgale_laptop(office: &DataDir, (login, passphrase): (&str, &str)) -> DataDir {
    let handover = tempfile::tempdir().expect("handover folder");
    let package = handover.path().join(format!("{login}.enrol"));
    let code = office.enrol_device(
        &format!("Latgale {login}"),
        "consultant",
        "latgale",
        &package,
    );
    DataDir::new().joined_with(&package, &code, login, passphrase)
}

fn unlock(laptop: &DataDir, (login, passphrase): (&str, &str)) -> Session {
    Device::new(hotline_core::DataDir::at(laptop.path().to_path_buf()))
        .unlock(login, passphrase, Utc::now())
        .expect("unlock")
}

fn sync(session: &Session) {
    SyncRunner::default()
        .run(session, Utc::now())
        .expect("sync")
        .expect("no other round runs");
}

/// Logs a finished call from `number`, an hour ago, as the call form does.
fn log_call_from(session: &Session, number: &str) -> StoredCall {
    let started = Utc::now() - Duration::hours(1);
    callers::log_call_from(session, number, started, Utc::now()).expect("a call")
}

#[tokio::test]
async fn one_caller_logged_on_two_laptops_offline_is_one_case_after_sync() {
    let server = SyncServer::start();
    let office = DataDir::new().with_supervisor().registered_with(&server);
    let janis = latgale_laptop(&office, JANIS);
    let liga = latgale_laptop(&office, LIGA);

    // Līga's call, and another caller's, stay on her laptop for now.
    let liga_session = unlock(&liga, LIGA);
    let first = log_call_from(&liga_session, "+371 2000 0001").id;
    let someone_else = log_call_from(&liga_session, "+371 2999 9999").id;

    // Jānis logs a call from the same number in the app: nothing tells him
    // it called before, and he gives it a new case.
    let mut app = App::launch("cases", &janis).await;
    app.submit_unlock(JANIS.0, JANIS.1).await;
    app.wait_for("#screen-main").await;
    app.click("#nav-calls").await;
    app.click("#call-new").await;
    app.wait_for("#call-form").await;
    app.select("#call-line", "rigaLandline").await;
    app.select("#call-caller-role", "personAtRiskOrVictim")
        .await;
    app.click("#call-subject-forcedLabour").await;
    app.type_into("#call-caller-number", "20000001").await;
    app.click("#call-caller-number-check").await;
    app.wait_for_text("#repeat-caller", "Iepriekš nav zvanījis")
        .await;
    app.click("#call-case-ref-new").await;
    app.wait_for_text("#call-save-status", "Saglabāts").await;
    app.click("#call-finish").await;
    app.wait_for("#calls-list .call-row").await;

    // A silent line: one key logs it, with no caller, subject or case.
    app.click("#call-new").await;
    app.wait_for("#call-quick-wrongNumber").await;
    app.screenshot("call-form-quick-outcomes").await;
    app.press("#call-line", &[Key::F8]).await;
    app.wait_gone("#call-form").await;
    app.wait_for_text("#calls-list", "Kļūdains numurs").await;

    // Both laptops sync: Līga's first, then Jānis's from the app.
    sync(&liga_session);
    app.click("#sync-indicator").await;
    app.wait_for_text("#sync-state", "Sinhronizēts").await;
    app.click("#calls-list ul.call-rows li:nth-child(2) .call-row")
        .await;
    app.wait_for("#call-view").await;
    app.click("#call-open-case").await;
    app.wait_for("#case-calls .case-call:nth-child(2)").await;
    let title = app.text("#case-view-title").await;
    app.screenshot("case-one-caller-two-laptops").await;
    app.quit().await;

    sync(&liga_session);
    let log = liga_session.call_log();
    let case_ref = log
        .get(first)
        .expect("Līga's call")
        .details
        .case_ref
        .expect("a case");
    assert_eq!(
        title,
        format!("Lieta {case_ref}"),
        "the earliest call's case is the one case"
    );
    let case = log.case(&case_ref).expect("the case on Līga's laptop");
    assert_eq!(case.calls.len(), 2, "both calls, on Līga's laptop too");
    assert_eq!(case.calls[0].id, first);
    let refs: BTreeMap<_, _> = log
        .find_all(&CallFilter::default())
        .expect("calls")
        .into_iter()
        .filter_map(|call| Some((call.id, call.details.case_ref?)))
        .collect();
    assert_eq!(refs.len(), 3, "the wrong number has no case");
    assert_ne!(
        refs[&someone_else], case_ref,
        "another caller keeps a case of their own"
    );
}
