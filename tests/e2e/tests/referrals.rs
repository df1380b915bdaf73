//! The referral directory in the real app: a consultant finds a contact
//! without typing diacritics, copies it, opens a shelter's confidential address
//! on purpose, attaches a directory entry to a call from the call form, and
//! prints a referral sheet for a caller that carries no case data.

use fantoccini::key::Key;
use hotline_e2e::{App, DataDir};
use serde_json::json;

const CONSULTANT: &str = "janis";
const CONSULTANT_PASSPHRASE: &str = "Jāņa garā parole 1";

#[tokio::test]
async fn find_copy_and_reveal_a_referral_then_attach_one_to_a_call() {
    let data = DataDir::new()
        .with_supervisor()
        .with_referrals()
        .with_consultant(CONSULTANT, CONSULTANT_PASSPHRASE, "latgale");
    let mut app = App::launch("referrals", &data).await;
    app.submit_unlock(CONSULTANT, CONSULTANT_PASSPHRASE).await;
    app.wait_for("#screen-main").await;

    app.click("#nav-referrals").await;
    app.search_referrals("dros maja").await;
    app.wait_for(".referral-row[data-key='drosa-maja-riga']")
        .await;
    app.screenshot("referrals-search").await;

    // Keyboard only: down to the first result, Enter opens it.
    app.press("#referrals-search", &[Key::Down, Key::Enter])
        .await;
    app.wait_for("#referral-detail").await;
    app.wait_for_text("#referral-detail", "+371").await;
    app.click("#referral-copy").await;

    // The shelter's real address is not shown until opened on purpose.
    app.search_referrals("patversme").await;
    app.click(".referral-row[data-key='drosa-maja-drosa-patversme']")
        .await;
    app.wait_for("#referral-reveal").await;
    let detail = app.text("#referral-detail").await;
    assert!(
        !detail.contains("pēc pieprasījuma"),
        "the confidential address is hidden: {detail}"
    );
    app.click("#referral-reveal").await;
    app.click("#referral-reveal-confirm").await;
    app.wait_for_text("#referral-confidential-address", "pēc pieprasījuma")
        .await;
    app.screenshot("referral-confidential").await;

    // From the call form: search the directory inline and attach an entry.
    app.click("#nav-calls").await;
    app.click("#call-new").await;
    app.wait_for("#call-form").await;
    app.type_into("#call-referral-search", "darba inspekc")
        .await;
    app.wait_for(".call-referral-option[data-key='valsts-darba-inspekcija']")
        .await;
    app.press("#call-referral-search", &[Key::Down, Key::Enter])
        .await;
    app.wait_for_text("#call-form", "Valsts darba inspekcija")
        .await;
    app.screenshot("call-with-referral").await;
    app.quit().await;
}

/// Case data that no referral sheet may carry: a finished call in the same
/// store whose notes name the caller.
const CALLER_NAME: &str = "Aļona Zvaigznīte";
const CASE_REF: &str = "K-0042";

#[tokio::test]
async fn print_a_referral_sheet_with_no_case_data() {
    let call = json!([{
        "startedAt": "2026-03-02T09:00:00Z",
        "endedAt": "2026-03-02T09:15:00Z",
        "line": "rigaLandline",
        "direction": "incoming",
        "region": "riga",
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
        "adviceGiven": "Ieteikts vērsties Valsts darba inspekcijā",
        "referrals": [],
        "notes": format!("{CALLER_NAME}: pase atņemta"),
        "caseRef": CASE_REF,
    }]);
    let data = DataDir::new()
        .with_supervisor()
        .with_referrals()
        .with_calls(&call)
        .with_consultant(CONSULTANT, CONSULTANT_PASSPHRASE, "latgale");
    let mut app = App::launch("referral-sheet", &data).await;
    app.submit_unlock(CONSULTANT, CONSULTANT_PASSPHRASE).await;
    app.wait_for("#screen-main").await;

    // Gather two contacts for the sheet: the shelter and the labour inspectorate.
    app.click("#nav-referrals").await;
    app.search_referrals("patversme").await;
    app.click(".referral-row[data-key='drosa-maja-drosa-patversme']")
        .await;
    app.click("#referral-sheet-toggle").await;
    app.search_referrals("darba inspekc").await;
    app.click(".referral-row[data-key='valsts-darba-inspekcija']")
        .await;
    app.click("#referral-sheet-toggle").await;
    app.wait_for_text("#referrals-print-sheet", "(2)").await;

    app.click("#referrals-print-sheet").await;
    app.wait_for(".referral-sheet-confidential").await;
    app.screenshot("referral-sheet-dialog").await;
    let problems = app.accessibility_problems().await;
    assert!(
        problems.is_empty(),
        "the dialog's accessibility problems: {problems:#?}"
    );
    app.click("#referral-sheet-save").await;
    let out = tempfile::tempdir().expect("output directory");
    let pdf = out.path().join("lapa.pdf");
    app.answer_file_dialog("Save File", &pdf).await;
    app.wait_for_text("#referral-sheet-status", "lapa.pdf")
        .await;
    app.screenshot("referral-sheet-saved").await;

    let bytes = std::fs::read(&pdf).expect("the sheet is written where chosen");
    assert!(bytes.starts_with(b"%PDF-"), "a PDF");
    app.pdf_page_image(&pdf, "referral-sheet-page-1");
    let output = std::process::Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("run pdftotext (Debian package poppler-utils)");
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("Valsts darba inspekcija"), "{text}");
    assert!(text.contains("Drošā māja"), "{text}");
    for absent in [
        CALLER_NAME,
        "pase",
        CASE_REF,
        "Ieteikts",
        "pēc pieprasījuma",
    ] {
        assert!(
            !text.contains(absent),
            "{absent:?} is not on the sheet: {text}"
        );
    }
    app.quit().await;
}
