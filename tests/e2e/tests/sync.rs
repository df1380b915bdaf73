//! The sync indicator in the real app, against a real `hotline-sync-server`:
//! it shows the last sync, syncs on demand, and says "offline" with the
//! changes waiting when the server is gone; and the Sync section shows a
//! supervisor the records another laptop sent that could not be applied.

use std::path::Path;

use chrono::{Duration, Utc};
use hotline_core::calls::{CallDetails, CallerRole, Line, Subject};
use hotline_core::sync::{RecordKind, Stamp};
use hotline_core::testkit::forger::Forger;
use hotline_core::{Device, Region};
use hotline_e2e::{App, DataDir, SyncServer};

#[tokio::test]
async fn the_indicator_shows_synced_then_offline_when_the_server_goes_away() {
    let mut server = SyncServer::start();
    let data = DataDir::new().with_supervisor().registered_with(&server);
    let mut app = App::launch("sync", &data).await;
    app.sign_in_as_supervisor().await;
    app.wait_for("#screen-main").await;
    app.wait_for_text("#sync-state", "Sinhronizēts").await;
    app.click("#sync-indicator").await;
    app.wait_for_text("#sync-state", "Sinhronizēts").await;
    app.screenshot("sync-synced").await;

    server.stop();
    app.click("#sync-indicator").await;
    app.wait_for_text("#sync-state", "Bezsaistē").await;
    app.screenshot("sync-offline").await;
    app.quit().await;
}

/// The Latgale laptop in `dir` turns hostile: it logs a call and pushes it
/// with a field no version of the app has, as a newer (or tampered) app
/// would.
fn push_a_call_from_a_newer_app(dir: &Path, login: &str, passphrase: &str) {
    let now = Utc::now();
    let session = Device::new(hotline_core::DataDir::at(dir.to_path_buf()))
        .unlock(login, passphrase, now)
        .expect("unlock the laptop");
    let details = CallDetails {
        line: Some(Line::RIGA_LANDLINE),
        caller_role: Some(CallerRole::PersonAtRiskOrVictim),
        subjects: vec![Subject::JOB_OFFER_CHECK],
        notes: "Darba piedāvājums Kiprā".into(),
        ..CallDetails::starting(now - Duration::minutes(20), Region::Latgale)
    };
    session
        .call_log()
        .add_finished([details], now)
        .expect("log a call");
    let forger = Forger::new(&session).expect("forger");
    let (sealed, mut record) = forger
        .queued(&session)
        .expect("queued")
        .into_iter()
        .find(|(envelope, _)| envelope.kind == RecordKind::Call)
        .expect("the queued call");
    record["detailsV3"] = serde_json::json!({ "riskScore": 7 });
    let stamp: Stamp = sealed.version.parse().expect("stamp");
    let newer = forger
        .seal(
            RecordKind::Call,
            sealed.record_id,
            &forger.stamp(stamp.millis + 1_000, 0),
            sealed.scope,
            &record,
        )
        .expect("seal");
    forger.push(&[newer]).expect("the server stores it");
}

#[tokio::test]
async fn a_record_that_cannot_be_applied_is_set_aside_and_shown_to_the_supervisor() {
    let server = SyncServer::start();
    let office = DataDir::new().with_supervisor().registered_with(&server);
    let handover = tempfile::tempdir().expect("handover folder");
    let package = handover.path().join("latgale-laptop.enrol");
    let code = office.enrol_device("Latgales klēpjdators", "consultant", "latgale", &package);
    let laptop = DataDir::new().joined_with(&package, &code, "janis", "Jāņa garā parole");
    push_a_call_from_a_newer_app(laptop.path(), "janis", "Jāņa garā parole");

    let mut app = App::launch("sync_quarantine", &office).await;
    app.sign_in_as_supervisor().await;
    app.wait_for("#screen-main").await;
    app.click("#sync-indicator").await;
    app.wait_for_text("#sync-state", "Sinhronizēts").await;
    app.click("#nav-sync").await;
    app.wait_for_text("#quarantine-table", "Zvans").await;
    app.wait_for_text("#quarantine-table", "Šī lietotnes versija to nevar nolasīt")
        .await;
    app.screenshot("sync-quarantined").await;
    app.quit().await;
}
