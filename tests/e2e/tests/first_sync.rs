//! A laptop joining an organisation that already holds 20,000 calls: the
//! header shows the first sync's download advancing (received of total),
//! the download can be stopped without calling it a failure, and the next
//! round picks up where it stopped and finishes.

use std::time::Duration;

use fantoccini::key::Key;
use hotline_e2e::{App, DataDir, SyncServer};

const CALLS: usize = 20_000;

/// The two numbers "Saņemti 4 500 no 40 011 ierakstiem" gives: received
/// and total.
fn counts(text: &str) -> (u64, u64) {
    let number = |part: &str| -> u64 {
        part.chars()
            .filter(char::is_ascii_digit)
            .collect::<String>()
            .parse()
            .unwrap_or_else(|_| panic!("no count in {text:?}"))
    };
    let (received, total) = text
        .split_once(" no ")
        .unwrap_or_else(|| panic!("not a progress text: {text:?}"));
    (number(received), number(total))
}

#[tokio::test]
async fn a_laptop_joining_a_large_organisation_shows_its_first_sync_advancing() {
    let server = SyncServer::start();
    let office = DataDir::new()
        .with_supervisor()
        .registered_with(&server)
        .with_sample_calls(CALLS)
        .synced();
    let handover = tempfile::tempdir().expect("handover folder");
    let package = handover.path().join("riga-laptop.enrol");
    let code = office.enrol_device("Rīgas klēpjdators", "supervisor", "riga", &package);

    let laptop = DataDir::new();
    let mut app = App::launch("first_sync", &laptop).await;
    app.click("#setup-join").await;
    app.click("#join-package").await;
    app.answer_file_dialog("Open File", &package).await;
    app.wait_for_text("#join-package-name", "riga-laptop.enrol")
        .await;
    app.type_into("#join-code", &code).await;
    app.type_into("#setup-display-name", "Anna Bērziņa").await;
    app.type_into("#setup-login", "anna").await;
    app.type_into("#setup-passphrase", "Annas garā parole")
        .await;
    app.type_into("#setup-passphrase-repeat", "Annas garā parole")
        .await;
    app.press("#setup-passphrase-repeat", &[Key::Enter]).await;
    app.wait_for("#setup-summary").await;
    app.click("#setup-finish").await;
    app.press("#tour-close", &[Key::Escape]).await;

    // The download, twice: it advances towards the organisation's total.
    app.wait_for("#sync-progress").await;
    let first = app.text("#sync-progress-text").await;
    let (_, total) = counts(&first);
    assert!(
        total >= CALLS as u64,
        "the total is the organisation's records, every call among them: {first}"
    );
    app.screenshot("first-sync-progress-1").await;
    let problems = app.accessibility_problems().await;
    assert!(problems.is_empty(), "{problems:#?}");
    let deadline = tokio::time::Instant::now() + Duration::from_secs(120);
    let mut second = app.text("#sync-progress-text").await;
    while counts(&second).0 <= counts(&first).0 {
        assert!(
            tokio::time::Instant::now() < deadline,
            "the download stayed at {second:?}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
        second = app.text("#sync-progress-text").await;
    }
    app.screenshot("first-sync-progress-2").await;

    // Stopped: no failure shown; the next round resumes and finishes.
    app.click("#sync-cancel").await;
    app.wait_gone("#sync-progress").await;
    let state = app
        .attribute("#sync-indicator", "class")
        .await
        .unwrap_or_default();
    assert!(
        !state.contains("sync-error"),
        "stopping is not a failure: {state}"
    );
    app.click("#sync-indicator").await;
    app.wait_longer_for_text("#sync-state", "Sinhronizēts", Duration::from_secs(300))
        .await;
    app.screenshot("first-sync-done").await;
    app.quit().await;
}
