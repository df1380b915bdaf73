//! First run, lock and unlock, and the language switch, in the real app.

use fantoccini::key::Key;
use hotline_e2e::{App, DataDir, SUPERVISOR_LOGIN, SUPERVISOR_PASSPHRASE};

#[tokio::test]
async fn first_run_setup_leads_to_the_main_screen() {
    let data = DataDir::new();
    let mut app = App::launch("first_run_setup", &data).await;
    app.wait_for("#screen-setup").await;
    assert_eq!(app.document_language().await, "lv", "Latvian by default");
    app.screenshot("setup-start").await;

    app.click("#setup-create").await;
    app.type_into("#setup-organisation", "Patvērums Drošā māja")
        .await;
    app.press("#setup-organisation", &[Key::Enter]).await;
    app.type_into("#setup-display-name", "Anna Bērziņa").await;
    app.type_into("#setup-login", "anna").await;
    app.type_into("#setup-passphrase", SUPERVISOR_PASSPHRASE)
        .await;
    app.type_into("#setup-passphrase-repeat", "a different one!")
        .await;
    app.press("#setup-passphrase-repeat", &[Key::Enter]).await;
    app.wait_for_text("#setup-passphrase-repeat-error", "Paroles nesakrīt")
        .await;
    app.screenshot("setup-mismatch").await;

    app.type_into("#setup-passphrase-repeat", SUPERVISOR_PASSPHRASE)
        .await;
    app.press("#setup-passphrase-repeat", &[Key::Enter]).await;
    app.select("#setup-region", "latgale").await;
    app.click("#setup-next").await;
    app.click("#setup-not-now").await;
    app.click("#setup-skip-directory").await;
    app.click("#setup-finish").await;
    app.wait_for("#screen-main").await;
    app.press("#tour-close", &[Key::Escape]).await;
    app.wait_gone("#shortcut-tour").await;
    app.wait_for_text("#section-title", "Pārskats").await;
    app.screenshot("main-overview").await;
    app.wait_for_text("#org-name", "Patvērums Drošā māja").await;
    app.wait_for_text("#current-user", "Anna Bērziņa").await;

    for (nav, title) in [
        ("#nav-calls", "#section-title"),
        ("#nav-referrals", "#section-title"),
        ("#nav-reports", "#section-title"),
        ("#nav-sync", "#section-title"),
        ("#nav-settings", "#section-title"),
    ] {
        app.click(nav).await;
        assert_eq!(
            app.attribute(nav, "aria-current").await.as_deref(),
            Some("page")
        );
        let heading = app.text(title).await;
        assert!(!heading.is_empty(), "{nav} shows a heading");
        app.screenshot(nav.trim_start_matches("#nav-")).await;
    }
    app.quit().await;
}

#[tokio::test]
async fn lock_then_unlock_with_the_wrong_and_then_the_right_passphrase() {
    let data = DataDir::new().with_supervisor();
    let mut app = App::launch("lock_unlock", &data).await;
    app.wait_for("#screen-unlock").await;
    app.screenshot("unlock").await;

    app.submit_unlock(SUPERVISOR_LOGIN, "nepareiza parole")
        .await;
    app.wait_for_text("#unlock-error", "Nepareizs lietotājvārds vai parole")
        .await;
    let passphrase = app.wait_for("#unlock-passphrase").await;
    assert_eq!(
        passphrase.prop("value").await.expect("value").as_deref(),
        Some("")
    );
    app.screenshot("unlock-wrong").await;

    app.type_into("#unlock-passphrase", SUPERVISOR_PASSPHRASE)
        .await;
    app.click("#unlock-submit").await;
    app.wait_for("#screen-main").await;
    app.screenshot("unlocked").await;

    app.click("#lock-button").await;
    app.wait_for("#screen-unlock").await;
    app.wait_gone("#screen-main").await;
    app.screenshot("locked").await;

    app.sign_in_as_supervisor().await;
    app.quit().await;
}

#[tokio::test]
async fn language_switch_changes_the_text_and_is_remembered() {
    let data = DataDir::new().with_supervisor();
    let mut app = App::launch("language_switch", &data).await;
    app.wait_for("#screen-unlock").await;
    assert_eq!(app.document_language().await, "lv");
    let latvian = app.text("#unlock-submit").await;

    app.click("#lang-en").await;
    app.wait_for("html[lang='en']").await;
    let english = app.text("#unlock-submit").await;
    assert_ne!(
        latvian, english,
        "the button text changes with the language"
    );
    assert_eq!(
        app.attribute("#lang-en", "aria-pressed").await.as_deref(),
        Some("true")
    );
    app.screenshot("unlock-english").await;
    app.quit().await;

    let mut app = App::launch("language_switch_restart", &data).await;
    app.wait_for("#screen-unlock").await;
    assert_eq!(
        app.document_language().await,
        "en",
        "the choice survives a restart"
    );
    app.sign_in_as_supervisor().await;
    app.click("#lang-lv").await;
    app.wait_for("html[lang='lv']").await;
    app.screenshot("main-latvian").await;
    app.quit().await;
}
