//! The organisation's categories in the real app: a supervisor adds a
//! subject and a channel and retires a subject and a line in Settings; a new
//! call offers the added ones and no longer the retired ones.

use hotline_e2e::{App, DataDir};

#[tokio::test]
async fn a_supervisor_adds_and_retires_subjects_and_lines_and_the_call_form_follows() {
    let data = DataDir::new().with_supervisor();
    let mut app = App::launch("categories", &data).await;
    app.sign_in_as_supervisor().await;
    app.click("#nav-settings").await;
    app.scroll_to("#categories-table").await;
    app.wait_for_text("#categories-table", "Prostitūcija").await;

    app.type_into("#category-add-code", "forcedMarriage").await;
    app.select("#category-add-ctdc", "other").await;
    app.type_into("#category-add-name-lv", "Piespiedu laulība")
        .await;
    app.type_into("#category-add-name-en", "Forced marriage")
        .await;
    app.click("#category-add-submit").await;
    app.wait_for_text("#categories-table", "Piespiedu laulība")
        .await;
    app.click("#category-retire-jobOfferCheck").await;
    app.wait_for("#category-restore-jobOfferCheck").await;
    app.scroll_to("#categories-table").await;
    app.screenshot("categories-managed").await;

    app.select("#category-add-kind", "line").await;
    app.type_into("#category-add-code", "viber").await;
    app.type_into("#category-add-name-lv", "Viber").await;
    app.type_into("#category-add-name-en", "Viber").await;
    app.click("#category-add-submit").await;
    app.wait_for_text("#categories-lines", "Viber").await;
    app.click("#category-retire-skype").await;
    app.wait_for("#category-restore-skype").await;
    app.scroll_to("#categories-lines").await;
    app.screenshot("lines-managed").await;

    app.click("#nav-calls").await;
    app.click("#call-new").await;
    app.wait_for("#call-subject-forcedMarriage").await;
    let offered = app.text("#call-subjects").await;
    assert!(offered.contains("Piespiedu laulība"), "{offered}");
    assert!(
        !offered.contains("Darba piedāvājuma pārbaude"),
        "a retired subject is not offered to a new call: {offered}"
    );
    let lines = app.text("#call-line").await;
    assert!(lines.contains("Viber"), "a new channel is offered: {lines}");
    assert!(
        !lines.contains("Skype"),
        "a retired line is not offered to a new call: {lines}"
    );
    app.screenshot("call-form-subjects").await;
    app.quit().await;
}
