//! The overview in the real app, the first section after signing in. A
//! consultant starts a call from it, logs one with a follow-up, leaves
//! another unfinished and finds both on the overview; then a supervisor
//! sees the day's calls by line and region, the consultant's follow-up and
//! what waits to sync.

use hotline_e2e::{App, DataDir};
use serde_json::{json, Value};

const JURIS: (&str, &str) = ("juris", "Jura garā parole Daugavpilī");

/// A finished call a minute ago in `region` on `line`: today in Rīga, as the overview counts.
fn call_now(region: &str, line: &str) -> Value {
    let started = (chrono::Utc::now() - chrono::Duration::minutes(1))
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string();
    json!({
        "startedAt": started,
        "endedAt": started,
        "line": line,
        "direction": "incoming",
        "region": region,
        "callerRole": "personAtRiskOrVictim",
        "gender": "female",
        "ageGroup": "from25To34",
        "language": "latvian",
        "contactBack": null,
        "subjects": ["forcedLabour"],
        "country": "GB",
        "risk": "medium",
        "immediateDanger": false,
        "adviceGiven": "",
        "referrals": [],
        "followUp": null,
        "notes": "",
        "caseRef": null,
    })
}

#[tokio::test]
async fn overview_for_a_consultant_and_a_supervisor() {
    let data = DataDir::new()
        .with_supervisor()
        .with_consultant(JURIS.0, JURIS.1, "latgale")
        .with_calls(&json!([
            call_now("riga", "rigaLandline"),
            call_now("latgale", "latgale")
        ]));
    let mut app = App::launch("overview", &data).await;

    // The consultant: the overview opens, with the Latgale call of today.
    app.submit_unlock(JURIS.0, JURIS.1).await;
    app.wait_for_text("#section-title", "Pārskats").await;
    app.wait_for_text("#overview-today-count", "Pabeigti zvani šodien: 1")
        .await;
    app.wait_for_text("#overview-drafts", "Nepabeigtu zvanu nav")
        .await;

    // A call logged from the overview, with a follow-up for tomorrow.
    app.click("#overview-new-call").await;
    app.wait_for("#call-form").await;
    app.select("#call-line", "latgale").await;
    app.select("#call-caller-role", "personAtRiskOrVictim")
        .await;
    app.click("#call-subject-forcedLabour").await;
    app.click("#call-follow-up").await;
    app.wait_for("#call-follow-up-due").await;
    app.wait_for_text("#call-save-status", "Saglabāts").await;
    app.click("#call-finish").await;
    app.wait_for("#calls-list .call-row").await;

    // Another left unfinished.
    app.click("#call-new").await;
    app.wait_for("#call-form").await;
    app.type_into("#call-notes", "Zvanītājs pārtrauca sarunu")
        .await;
    app.wait_for_text("#call-save-status", "Saglabāts").await;
    app.click("#nav-overview").await;
    app.wait_for("#overview-drafts li").await;
    app.wait_for_text("#overview-today-count", "Pabeigti zvani šodien: 2")
        .await;
    app.wait_for_text(
        "#overview-my-follow-ups-counts",
        "Atvērtas: 1 · Nokavētas: 0",
    )
    .await;
    app.screenshot("consultant").await;

    app.click("#overview-drafts li button").await;
    let notes = app.wait_for("#call-notes").await;
    assert_eq!(
        notes.prop("value").await.expect("notes").as_deref(),
        Some("Zvanītājs pārtrauca sarunu")
    );
    app.click("#lock-button").await;

    // The supervisor: today's and this week's calls by line and region,
    // Juris's follow-up, and the sync state of a computer with no server.
    app.sign_in_as_supervisor().await;
    app.wait_for_text("#section-title", "Pārskats").await;
    app.wait_for_text("#overview-calls-totals", "Pabeigti zvani šodien: 3")
        .await;
    let latgale = app.text("#overview-by-region tr[data-key='latgale']").await;
    assert!(latgale.contains('2'), "two Latgale calls today: {latgale}");
    app.wait_for_text("#overview-team-table", "juris").await;
    app.wait_for_text("#overview-sync", "nav savienots").await;
    app.screenshot("supervisor").await;
    app.scroll_to("#overview-sync").await;
    app.screenshot("supervisor-follow-ups-and-sync").await;

    app.click("#overview-sync-open").await;
    app.wait_for_text("#section-title", "Sinhronizācija").await;
    app.quit().await;
}
