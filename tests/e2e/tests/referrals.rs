//! The referral directory in the real app: a consultant finds a contact
//! without typing diacritics, copies it, opens a shelter's confidential address
//! on purpose, attaches a directory entry to a call from the call form with
//! the caller's consent, and prints a referral sheet for a caller that
//! carries no case data; a supervisor exports the directory and imports a
//! file into it (a bad file changes nothing).

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

    // The caller agrees to the referral and to their situation being passed on.
    app.click("#call-referral-0-consent").await;
    app.wait_for_text("#call-referral-0-consented-at", "Piekrita")
        .await;
    app.click("#call-referral-0-shared-situation").await;
    app.scroll_to("#call-referrals").await;
    app.screenshot("call-referral-consent").await;
    app.select("#call-line", "latgale").await;
    app.select("#call-caller-role", "personAtRiskOrVictim")
        .await;
    app.click("#call-subject-forcedLabour").await;
    app.press(
        "#call-referral-0-shared-situation",
        &[Key::Control, Key::Enter],
    )
    .await;
    app.wait_gone("#call-form").await;
    app.click(".call-row").await;
    let view = app.wait_for_text("#call-view", "klients piekrita").await;
    assert!(
        view.contains("drīkst nodot: Situācijas apraksts"),
        "what may be passed on is kept with the consent: {view}"
    );
    app.quit().await;
}

/// A directory file of one new entry, in the layout `docs/referrals-csv.md`
/// describes.
const IMPORTED: &str = "key,organisation_lv,service_lv,service_types,areas,phones\n\
e2e-palidziba-daugavpili,Daugavpils palīdzības centrs,Konsultācijas,ngo,daugavpils,+371 65400000\n";

#[tokio::test]
async fn a_supervisor_exports_the_directory_and_imports_a_file_into_it() {
    let data = DataDir::new().with_supervisor().with_referrals();
    let mut app = App::launch("referral_transfer", &data).await;
    app.sign_in_as_supervisor().await;
    app.click("#nav-referrals").await;
    let folder = tempfile::tempdir().expect("folder");

    // Export: without the confidential addresses unless asked.
    let exported = folder.path().join("katalogs.csv");
    app.click("#referrals-transfer").await;
    app.scroll_to("#referrals-export").await;
    app.click("#referral-export-submit").await;
    app.answer_file_dialog("Save File", &exported).await;
    app.wait_for_text("#referral-export-result", "katalogs.csv")
        .await;
    let text = std::fs::read_to_string(&exported).expect("the exported file");
    assert!(text.contains("key,organisation_lv"), "{text}");
    assert!(text.contains("drosa-maja-riga"), "every entry: {text}");
    assert!(
        !text.contains("pēc pieprasījuma"),
        "no confidential address unless ticked"
    );
    app.screenshot("referrals-exported").await;

    // A file with a bad row: rejected whole, each problem named, nothing added.
    let bad = folder.path().join("slikts.csv");
    std::fs::write(&bad, IMPORTED.replace(",ngo,", ",nav-tada-veida,")).expect("write");
    app.scroll_to("#referrals-import").await;
    app.wait_for("#referral-import-file")
        .await
        .send_keys(bad.to_str().expect("UTF-8 path"))
        .await
        .expect("choose the file");
    app.click("#referral-import-submit").await;
    app.wait_for("#referral-import-problems").await;
    app.screenshot("referrals-import-rejected").await;
    app.scroll_to("#referrals-back").await;
    app.click("#referrals-back").await;
    app.search_referrals("daugavpils palidzibas").await;
    app.wait_for("#referrals-empty").await;

    // The good file: the new entry is found at once.
    let good = folder.path().join("jauns.csv");
    std::fs::write(&good, IMPORTED).expect("write");
    app.click("#referrals-transfer").await;
    app.scroll_to("#referrals-import").await;
    app.wait_for("#referral-import-file")
        .await
        .send_keys(good.to_str().expect("UTF-8 path"))
        .await
        .expect("choose the file");
    app.click("#referral-import-submit").await;
    app.wait_for_text("#referral-import-result", "pievienoti 1")
        .await;
    app.scroll_to("#referrals-back").await;
    app.click("#referrals-back").await;
    app.search_referrals("daugavpils palidzibas").await;
    app.wait_for(".referral-row[data-key='e2e-palidziba-daugavpili']")
        .await;
    app.screenshot("referrals-imported").await;
    let problems = app.accessibility_problems().await;
    assert!(problems.is_empty(), "{problems:#?}");
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
