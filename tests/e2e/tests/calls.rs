//! Logging a call in the real app: the form with autosave, finishing,
//! finding it again without diacritics, editing it and its history, and
//! its follow-up handed over to a colleague, then marked done, its case's
//! screen, and its summary printed to a PDF without the notes.

use fantoccini::key::Key;
use hotline_e2e::{App, DataDir};
use serde_json::json;

#[tokio::test]
async fn log_find_and_edit_a_call() {
    let data =
        DataDir::new()
            .with_supervisor()
            .with_consultant("ilze", "Ilzes garā parole", "riga");
    let mut app = App::launch("calls", &data).await;
    open_calls(&app).await;
    app.wait_for("#calls-empty").await;
    app.click("#call-new").await;
    app.wait_for("#call-form").await;
    app.wait_for("#call-timer").await;

    app.select("#call-line", "rigaLandline").await;
    app.select("#call-caller-role", "personAtRiskOrVictim")
        .await;
    app.click("#call-subject-forcedLabour").await;
    app.type_into(
        "#call-notes",
        "Darba devējs Lāčplēša iela 12 paņēma pasi, algu nemaksā.",
    )
    .await;
    app.click("#call-follow-up").await;
    app.wait_for("#call-follow-up-due").await;
    app.click("#call-case-ref-new").await;
    app.wait_for_text("#call-save-status", "Saglabāts").await;
    app.screenshot("call-form-saved").await;

    app.click("#call-finish").await;
    app.wait_for("#calls-list .call-row").await;
    app.wait_gone("#call-form").await;
    let row = app.text(".call-row").await;
    assert!(
        row.contains("Piespiedu darbs"),
        "the row names the subject: {row}"
    );
    assert!(row.contains("67898343"), "the row names the line: {row}");

    // Search ignores diacritics: nothing for a word that is not there, the
    // call for "lacplesa".
    app.type_into("#calls-search", "ventspils").await;
    app.wait_for("#calls-empty").await;
    app.type_into("#calls-search", "lacplesa").await;
    app.wait_for("#calls-list .call-row").await;
    app.wait_gone("#calls-empty").await;
    app.screenshot("calls-search").await;

    app.click(".call-row").await;
    app.wait_for("#call-view").await;
    app.wait_for_text("#call-view", "Lāčplēša iela 12").await;
    app.click("#call-edit").await;
    app.wait_for("#call-save-edit").await;
    app.type_into(
        "#call-notes",
        "Darba devējs Lāčplēša iela 12 paņēma pasi. Nosūtīts uz Valsts policiju.",
    )
    .await;
    app.click("#call-save-edit").await;
    app.wait_for("#call-view").await;
    app.wait_for("#call-history .history-entry:nth-child(2)")
        .await;
    let history = app.wait_for_text("#call-history", "v2").await;
    assert!(
        history.contains("v1"),
        "both versions are listed: {history}"
    );
    assert!(
        history.contains("piezīmes"),
        "v2 names the changed field: {history}"
    );
    app.screenshot("call-history").await;

    // At the end of the shift the follow-up goes to Ilze, a Rīga colleague.
    app.click("#call-view-back").await;
    app.wait_for("#follow-ups .follow-up").await;
    app.click("#follow-ups-hand-over").await;
    app.select_label("#follow-ups-hand-over-to", "ilze").await;
    app.click("#follow-ups-hand-over-submit").await;
    app.wait_for_text("#follow-ups", "Atbildīgais: ilze").await;
    app.wait_for_text("#follow-ups", "Nodotas turpmākās darbības: 1")
        .await;
    app.screenshot("follow-ups-handed-over").await;

    // The follow-up is done: from the list, by keyboard, with its outcome.
    app.click("#follow-ups .follow-up-done").await;
    app.type_into(
        "#follow-ups .follow-up-outcome input",
        "Policija pieņēma iesniegumu",
    )
    .await;
    app.screenshot("follow-up-outcome").await;
    app.press("#follow-ups .follow-up-outcome input", &[Key::Enter])
        .await;
    app.wait_gone("#follow-ups .follow-up").await;
    app.click(".call-row").await;
    app.wait_for_text("#call-view", "Policija pieņēma iesniegumu")
        .await;

    // The call's case: its calls in time order, with what came of the follow-up.
    app.click("#call-open-case").await;
    app.wait_for_text("#case-calls", "Policija pieņēma iesniegumu")
        .await;
    let title = app.text("#case-view-title").await;
    assert!(
        title.starts_with("Lieta K-"),
        "the case screen names the case: {title}"
    );
    app.wait_for("#case-merge").await;
    app.screenshot("case").await;

    // The report counts it done on time (a period around today whatever
    // the time zone).
    app.click("#nav-reports").await;
    app.wait_for("#reports-form").await;
    let today = chrono::Utc::now().date_naive();
    let day = |offset: i64| {
        (today + chrono::Duration::days(offset))
            .format("%d.%m.%Y")
            .to_string()
    };
    app.type_into("#reports-from", &day(-1)).await;
    app.type_into("#reports-to", &day(1)).await;
    app.press("#reports-to", &[Key::Enter]).await;
    app.wait_for_text("#reports-totals", "Zvani: 1").await;
    let on_time = app
        .text("#breakdown-followUp tr[data-key='doneOnTime']")
        .await;
    assert!(
        on_time.contains('1'),
        "the follow-up done on time: {on_time}"
    );
    app.quit().await;
}

/// Signs in as the supervisor and opens the calls section.
async fn open_calls(app: &App) {
    app.sign_in_as_supervisor().await;
    app.click("#nav-calls").await;
}

#[tokio::test]
async fn a_crash_mid_call_keeps_the_draft() {
    let data = DataDir::new().with_supervisor();
    let app = App::launch("call_crash", &data).await;
    open_calls(&app).await;
    app.click("#call-new").await;
    app.wait_for("#call-form").await;
    app.type_into("#call-notes", "Zvanītāja māsa strādā Kiprā bez līguma")
        .await;
    app.wait_for_text("#call-save-status", "Saglabāts").await;
    app.crash();

    let mut app = App::launch("call_crash_after", &data).await;
    open_calls(&app).await;
    app.wait_for("#draft-resume").await;
    app.screenshot("draft-offered").await;
    app.click("#draft-resume-button").await;
    app.wait_for("#call-form").await;
    let notes = app.wait_for("#call-notes").await;
    assert_eq!(
        notes.prop("value").await.expect("notes").as_deref(),
        Some("Zvanītāja māsa strādā Kiprā bez līguma")
    );
    app.screenshot("draft-resumed").await;
    app.quit().await;
}

#[tokio::test]
async fn a_call_summary_prints_without_the_notes_unless_ticked() {
    let call = json!([{
        "startedAt": "2026-03-02T09:00:00Z",
        "endedAt": "2026-03-02T09:15:00Z",
        "line": "latgale",
        "direction": "incoming",
        "region": "latgale",
        "callerRole": "personAtRiskOrVictim",
        "gender": "female",
        "ageGroup": "from25To34",
        "language": "latvian",
        "contactBack": null,
        "subjects": ["shamMarriage"],
        "country": "GB",
        "risk": "medium",
        "immediateDanger": false,
        "followUp": null,
        "adviceGiven": "",
        "referrals": [],
        "notes": "Aļona Zvaigznīte: pase atņemta",
        "caseRef": "K-0042",
    }]);
    let data = DataDir::new().with_supervisor().with_calls(&call);
    let mut app = App::launch("call_summary", &data).await;
    open_calls(&app).await;
    app.click(".call-row").await;
    app.wait_for("#call-view").await;
    app.click("#call-print-summary").await;
    app.wait_for("#call-summary-dialog").await;
    app.screenshot("call-summary-dialog").await;
    app.click("#call-summary-save").await;
    let out = tempfile::tempdir().expect("output directory");
    let pdf = out.path().join("kopsavilkums.pdf");
    app.answer_file_dialog("Save File", &pdf).await;
    app.wait_for_text("#call-summary-status", "kopsavilkums.pdf")
        .await;
    app.pdf_page_image(&pdf, "call-summary-page-1");

    let output = std::process::Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("run pdftotext (Debian package poppler-utils)");
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.contains("K-0042"),
        "the case reference is printed: {text}"
    );
    assert!(
        !text.contains("Aļona") && !text.contains("pase"),
        "the notes are not printed unless ticked: {text}"
    );
    app.quit().await;
}
