//! Reports in the real app: a supervisor runs a report for a period holding
//! known calls, reads a number in a table, saves the PDF summary where the
//! save dialog says, then turns publication mode on and sees the small
//! counts hidden as "<11".

use fantoccini::key::Key;
use hotline_e2e::{App, DataDir};
use serde_json::{json, Value};

/// A finished call in March 2026 about `subject` and `country`.
fn call(
    day: u32,
    region: &str,
    line: &str,
    subject: &str,
    country: &str,
    case: Option<&str>,
) -> Value {
    json!({
        "startedAt": format!("2026-03-{day:02}T09:00:00Z"),
        "endedAt": format!("2026-03-{day:02}T09:15:00Z"),
        "line": line,
        "direction": "incoming",
        "region": region,
        "callerRole": "personAtRiskOrVictim",
        "gender": "female",
        "ageGroup": "from25To34",
        "language": "latvian",
        "contactBack": null,
        "subjects": [subject],
        "country": country,
        "risk": "medium",
        "immediateDanger": false,
        "adviceGiven": "",
        "referrals": [],
        "followUp": null,
        "notes": "",
        "caseRef": case,
    })
}

#[tokio::test]
async fn reports_count_a_period_then_hide_small_counts_for_publication() {
    let calls = json!([
        call(
            2,
            "riga",
            "rigaLandline",
            "shamMarriage",
            "GB",
            Some("K-0001")
        ),
        call(
            9,
            "riga",
            "rigaMobile1",
            "shamMarriage",
            "GB",
            Some("K-0001")
        ),
        call(
            16,
            "latgale",
            "latgale",
            "shamMarriage",
            "IE",
            Some("K-0002")
        ),
        call(23, "kurzeme", "kurzeme", "forcedLabour", "DE", None),
    ]);
    let data = DataDir::new().with_supervisor().with_calls(&calls);
    let mut app = App::launch("reports", &data).await;
    app.sign_in_as_supervisor().await;
    app.click("#nav-reports").await;
    app.wait_for("#reports-form").await;

    app.type_into("#reports-from", "01.03.2026").await;
    app.type_into("#reports-to", "31.03.2026").await;
    app.press("#reports-to", &[Key::Enter]).await;
    app.wait_for_text("#reports-totals", "Zvani: 4").await;
    let sham = app
        .text("#breakdown-subject tr[data-key='shamMarriage']")
        .await;
    assert!(
        sham.contains('3') && sham.contains('2'),
        "three calls about sham marriage, two cases: {sham}"
    );
    app.wait_for("#chart-month-canvas").await;
    app.screenshot("report-internal").await;
    app.scroll_to("#reports-totals").await;
    app.screenshot("report-internal-charts").await;

    let out = tempfile::tempdir().expect("export directory");
    let pdf = out.path().join("marts.pdf");
    app.click("#reports-export-pdf").await;
    app.answer_file_dialog("Save File", &pdf).await;
    app.wait_for_text("#reports-export-result", "marts.pdf")
        .await;
    let bytes = std::fs::read(&pdf).expect("the PDF is written where chosen");
    assert!(bytes.starts_with(b"%PDF-"), "a PDF");

    app.click("#reports-publish").await;
    app.click("#reports-run").await;
    app.wait_for_text(
        "#reports-publication-banner",
        "Publicēšanas režīms: skaitļi, kas mazāki par 11, ir slēpti",
    )
    .await;
    app.wait_for_text("#reports-totals", "Zvani: <11").await;
    let sham = app
        .text("#breakdown-subject tr[data-key='shamMarriage']")
        .await;
    assert!(sham.contains("<11"), "small counts are hidden: {sham}");
    assert!(!sham.contains('3'), "the hidden count is not shown: {sham}");
    app.scroll_to("#report-result").await;
    app.screenshot("report-publication").await;
    app.scroll_to("#chart-subject").await;
    app.screenshot("report-publication-charts").await;
    app.scroll_to("#breakdown-subject").await;
    app.screenshot("report-publication-tables").await;
    app.quit().await;
}
