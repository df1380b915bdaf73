//! The organisation's call subjects in the real app: a supervisor adds one
//! and retires another in Settings; a new call offers the added subject and
//! no longer the retired one.

use hotline_e2e::{App, DataDir};

#[tokio::test]
async fn a_supervisor_adds_and_retires_subjects_and_the_call_form_follows() {
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

    app.click("#nav-calls").await;
    app.click("#call-new").await;
    app.wait_for("#call-subject-forcedMarriage").await;
    let offered = app.text("#call-subjects").await;
    assert!(offered.contains("Piespiedu laulība"), "{offered}");
    assert!(
        !offered.contains("Darba piedāvājuma pārbaude"),
        "a retired subject is not offered to a new call: {offered}"
    );
    app.screenshot("call-form-subjects").await;
    app.quit().await;
}
