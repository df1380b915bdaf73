//! The supervisor's console in the real app: a CTDC file saved from the
//! Reports section in publication mode (the file is read back: the CTDC
//! header, no case reference, the lone case left out), and an erasure
//! request on a call (the reference typed back, the call gone from the
//! list, the erasure in the audit log). axe-core checks the new panels and
//! the erasure dialog.

use fantoccini::key::Key;
use hotline_e2e::{App, DataDir};
use serde_json::{json, Value};

/// A finished call in March 2026 of a woman aged 25–34 about `subject` in
/// `country`.
fn call(day: u32, subject: &str, country: &str, case: Option<&str>) -> Value {
    json!({
        "startedAt": format!("2026-03-{day:02}T09:00:00Z"),
        "endedAt": format!("2026-03-{day:02}T09:15:00Z"),
        "line": "rigaLandline",
        "direction": "incoming",
        "region": "riga",
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
        "notes": "Piezīme, kas nekad neiziet CTDC failā",
        "caseRef": case,
    })
}

/// CTDC's columns, as the file's first line.
const CTDC_HEADER: &str = "yearOfRegistration,Datasource,gender,ageBroad,majorityStatus,\
citizenship,meansOfControlDebtBondage,meansOfControlThreats,meansOfControlFalsePromises,\
meansOfControlRestrictsMovement,meansOfControlWithholdsDocuments,meansOfControlOther,\
meansOfControlNotSpecified,meansOfControlConcatenated,isForcedLabour,isSexualExploit,isOtherExploit,isSexAndLabour,isForcedMarriage,\
isForcedMilitary,isOrganRemoval,isSlaveryAndPractices,typeOfExploitConcatenated,\
CountryOfExploitation";

#[tokio::test]
async fn console_ctdc_file_is_k_anonymous_and_the_call_list_has_only_chosen_columns() {
    // Three cases alike, and one alone in Thailand that no generalisation
    // can hide among three: k = 3 leaves it out.
    let calls = json!([
        call(2, "shamMarriage", "GB", Some("K-0001")),
        call(9, "shamMarriage", "GB", Some("K-0002")),
        call(16, "shamMarriage", "GB", Some("K-0003")),
        call(23, "forcedLabour", "TH", Some("K-0004")),
    ]);
    let data = DataDir::new().with_supervisor().with_calls(&calls);
    let mut app = App::launch("console_ctdc", &data).await;
    app.sign_in_as_supervisor().await;
    app.click("#nav-reports").await;
    app.wait_for("#reports-form").await;

    app.type_into("#reports-from", "01.03.2026").await;
    app.type_into("#reports-to", "31.03.2026").await;
    app.click("#reports-publish").await;
    app.type_into("#reports-min-cell", "3").await;
    app.press("#reports-min-cell", &[Key::Enter]).await;
    app.wait_for_text("#reports-ctdc-mode", "k = 3").await;

    let out = tempfile::tempdir().expect("export directory");
    let ctdc = out.path().join("ctdc-marts.csv");
    app.scroll_to("#reports-ctdc").await;
    app.click("#reports-ctdc-save").await;
    app.answer_file_dialog("Save File", &ctdc).await;
    let result = app
        .wait_for_text("#reports-ctdc-result", "ctdc-marts.csv")
        .await;
    assert!(
        result.contains("Rindas: 3") && result.contains("izlaistas k-anonimitātes dēļ: <3"),
        "three rows written, the lone case left out: {result}"
    );
    app.screenshot("console-ctdc-saved").await;

    let written = std::fs::read_to_string(&ctdc).expect("the CTDC file is written where chosen");
    let mut lines = written.trim_start_matches('\u{feff}').lines();
    assert_eq!(lines.next(), Some(CTDC_HEADER), "the CTDC header");
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 3, "{written}");
    assert!(
        rows.iter()
            .all(|row| row.starts_with("2026,Hotline,Female,")),
        "{written}"
    );
    for private in ["K-000", "TH", "Piezīme", "riga", "03-"] {
        assert!(!written.contains(private), "{private} is not in the file");
    }

    let mut problems = Vec::new();
    app.check_accessibility("console-reports", &mut problems)
        .await;

    // The call list: only the two columns ticked, never the notes.
    app.scroll_to("#reports-call-list").await;
    app.click("#call-list-column-caseRef").await;
    app.click("#call-list-column-subjects").await;
    app.select("#call-list-language", "en").await;
    let list = out.path().join("zvani.csv");
    app.click("#call-list-save-csv").await;
    app.answer_file_dialog("Save File", &list).await;
    app.wait_for_text("#call-list-result", "zvani.csv").await;
    app.screenshot("console-call-list-saved").await;
    let written = std::fs::read_to_string(&list).expect("the call list is written where chosen");
    let mut lines = written.trim_start_matches('\u{feff}').lines();
    assert_eq!(lines.next(), Some("Subjects,Case reference"), "{written}");
    assert_eq!(lines.count(), 4, "{written}");
    assert!(written.contains("K-0004"), "{written}");
    assert!(!written.contains("Piezīme"), "no notes unless chosen");
    app.quit().await;

    assert!(
        problems.is_empty(),
        "serious accessibility problems:\n{}",
        problems.join("\n")
    );
}

#[tokio::test]
async fn console_erasure_needs_the_reference_and_leaves_only_an_audit_entry() {
    let calls = json!([
        call(2, "shamMarriage", "GB", Some("K-0101")),
        call(9, "forcedLabour", "DE", Some("K-0102")),
    ]);
    let data = DataDir::new().with_supervisor().with_calls(&calls);
    let mut app = App::launch("console_erasure", &data).await;
    app.sign_in_as_supervisor().await;
    app.click("#nav-calls").await;
    app.wait_for(".call-row").await;
    let id = app
        .attribute(".call-row", "data-id")
        .await
        .expect("a listed call has an id");
    let row = format!(".call-row[data-id='{id}']");
    app.click(&row).await;
    app.wait_for("#call-view").await;
    app.click("#call-erase").await;
    app.wait_for("#call-erase-dialog").await;
    let reference = id[..8].to_uppercase();
    app.wait_for_text(
        "#call-erase-reference-hint",
        &format!("Zvana atsauce: {reference}"),
    )
    .await;

    // Something else typed erases nothing.
    app.type_into("#call-erase-reference", "00000000").await;
    app.press("#call-erase-reference", &[Key::Enter]).await;
    app.wait_for_text("#call-erase-reference-error", "neatbilst")
        .await;
    let mut problems = Vec::new();
    app.check_accessibility("console-erase-dialog", &mut problems)
        .await;

    app.type_into("#call-erase-reference", &reference.to_lowercase())
        .await;
    app.press("#call-erase-reference", &[Key::Enter]).await;
    app.wait_for_text("#calls-erased", "Zvans dzēsts").await;
    app.wait_for(".call-row").await;
    app.wait_gone(&row).await;
    app.screenshot("console-erased").await;

    app.click("#nav-audit").await;
    app.wait_for("#audit-table").await;
    app.select("#audit-action", "callErased").await;
    let rows = app
        .wait_for_text("#audit-table tbody", "Zvans dzēsts pēc pieprasījuma")
        .await;
    assert!(rows.contains("Anna Bērziņa"), "{rows}");
    assert!(
        !rows.contains("K-0101"),
        "the audit log holds no content: {rows}"
    );
    app.screenshot("console-erasure-audited").await;
    app.quit().await;

    assert!(
        problems.is_empty(),
        "serious accessibility problems:\n{}",
        problems.join("\n")
    );
}
