//! Russian in the real app: chosen on the unlock screen, remembered across a
//! restart, the backend's refusal of a wrong passphrase written in Russian,
//! no serious accessibility problem in Russian, and Latvian chosen again.

use hotline_e2e::{App, DataDir, SUPERVISOR_LOGIN};

#[tokio::test]
async fn russian_is_chosen_remembered_and_spoken_by_the_backend() {
    let data = DataDir::new().with_supervisor();
    let app = App::launch("russian_switch", &data).await;
    app.wait_for("#screen-unlock").await;
    assert_eq!(app.document_language().await, "lv");
    assert_eq!(app.text("#lang-ru").await, "RU", "Russian is offered");

    app.click("#lang-ru").await;
    app.wait_for("html[lang='ru']").await;
    app.wait_for_text("#unlock-submit", "Разблокировать").await;
    assert_eq!(
        app.attribute("#lang-ru", "aria-pressed").await.as_deref(),
        Some("true")
    );
    app.quit().await;

    let mut app = App::launch("russian_restart", &data).await;
    app.wait_for("#screen-unlock").await;
    assert_eq!(
        app.document_language().await,
        "ru",
        "the choice survives a restart"
    );
    app.wait_for_text("#unlock-submit", "Разблокировать").await;

    // The refusal's text comes from the backend, not from the UI's texts.
    app.submit_unlock(SUPERVISOR_LOGIN, "не тот пароль").await;
    app.wait_for_text("#unlock-error", "Неверное имя пользователя или пароль")
        .await;
    let mut problems = Vec::new();
    app.check_accessibility("unlock-russian-wrong-passphrase", &mut problems)
        .await;
    assert!(
        problems.is_empty(),
        "serious accessibility problems in Russian:\n{}",
        problems.join("\n")
    );

    app.sign_in_as_supervisor().await;
    app.wait_for_text("#section-title", "Обзор").await;
    app.screenshot("overview-russian").await;

    app.click("#lang-lv").await;
    app.wait_for("html[lang='lv']").await;
    app.wait_for_text("#section-title", "Pārskats").await;
    app.quit().await;

    let app = App::launch("russian_back_to_latvian", &data).await;
    app.wait_for("#screen-unlock").await;
    assert_eq!(
        app.document_language().await,
        "lv",
        "Latvian chosen again is remembered too"
    );
    app.quit().await;
}
