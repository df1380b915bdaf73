//! The referral directory in the real app: a consultant finds a contact
//! without typing diacritics, copies it, opens a shelter's confidential address
//! on purpose, and attaches a directory entry to a call from the call form.

use fantoccini::key::Key;
use hotline_e2e::{App, DataDir};

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
    app.type_into("#referrals-search", "dros maja").await;
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
    app.type_into("#referrals-search", "patversme").await;
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
