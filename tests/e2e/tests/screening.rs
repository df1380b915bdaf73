//! The trafficking-indicator checklist in the real app: reached with Alt+T
//! while the call is logged, ticked with the space bar, shown in the
//! finished call and counted in the supervisor's report.

use chrono::{Duration, Utc};
use fantoccini::key::Key;
use hotline_e2e::{App, DataDir};

#[tokio::test]
async fn indicators_ticked_from_the_keyboard_are_kept_and_counted_in_the_report() {
    let data = DataDir::new().with_supervisor();
    let mut app = App::launch("screening", &data).await;
    app.sign_in_as_supervisor().await;
    app.click("#nav-calls").await;
    app.click("#call-new").await;
    app.wait_for("#call-form").await;
    app.select("#call-line", "rigaLandline").await;
    app.select("#call-caller-role", "personAtRiskOrVictim")
        .await;
    app.click("#call-subject-forcedLabour").await;
    app.wait_for_text("#call-screening-status", "Vēl nav pārbaudīts")
        .await;

    // Alt+T from the notes field, then the space bar on two groups.
    let alt_t = format!("{}t{}", char::from(Key::Alt), char::from(Key::Null));
    app.wait_for("#call-notes")
        .await
        .send_keys(&alt_t)
        .await
        .expect("Alt+T");
    let focused = app
        .run_script("return document.activeElement && document.activeElement.id")
        .await;
    assert_eq!(focused, "call-indicator-deceptionAboutWork");
    app.press("#call-indicator-deceptionAboutWork", &[Key::Space])
        .await;
    app.press("#call-indicator-documentsWithheld", &[Key::Space])
        .await;
    app.wait_for_text("#call-screening-status", "Novērotās pazīmes: 2")
        .await;
    app.scroll_to("#call-screening").await;
    app.screenshot("screening-checklist").await;
    let problems = app.accessibility_problems().await;
    assert!(problems.is_empty(), "{problems:#?}");

    app.press(
        "#call-indicator-documentsWithheld",
        &[Key::Control, Key::Enter],
    )
    .await;
    app.wait_gone("#call-form").await;
    app.click(".call-row").await;
    app.wait_for_text("#call-view", "Maldināšana par darbu, Aizturēti dokumenti")
        .await;

    // A period from yesterday to tomorrow holds today in Rīga whatever the
    // machine's time zone.
    let day = |offset: i64| {
        (Utc::now() + Duration::days(offset))
            .format("%d.%m.%Y")
            .to_string()
    };
    app.click("#nav-reports").await;
    app.wait_for("#reports-form").await;
    app.type_into("#reports-from", &day(-1)).await;
    app.type_into("#reports-to", &day(1)).await;
    app.press("#reports-to", &[Key::Enter]).await;
    app.wait_for_text("#reports-totals", "Zvani: 1").await;
    let withheld = app
        .text("#breakdown-traffickingIndicator tr[data-key='documentsWithheld']")
        .await;
    assert!(withheld.contains('1'), "{withheld}");
    let not_screened = app
        .text("#breakdown-traffickingIndicator tr[data-key='notScreened']")
        .await;
    assert!(
        !not_screened.contains('1'),
        "the call was screened: {not_screened}"
    );
    app.scroll_to("#breakdown-traffickingIndicator").await;
    app.screenshot("screening-report").await;
    app.quit().await;
}
