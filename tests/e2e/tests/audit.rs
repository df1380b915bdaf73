//! The audit log and backups in the real app: a supervisor reads the audit
//! log with its sign-in entry and an intact chain; a device whose database
//! was damaged offers to restore it from a backup, which a supervisor then
//! restores (the native file dialog is answered through the X display).

use hotline_e2e::{App, DataDir, SUPERVISOR_LOGIN, SUPERVISOR_PASSPHRASE};

#[tokio::test]
async fn audit_log_shows_the_sign_in_and_an_intact_chain() {
    let data = DataDir::new().with_supervisor();
    let mut app = App::launch("audit_log", &data).await;
    app.sign_in_as_supervisor().await;

    app.click("#nav-audit").await;
    app.wait_for_text("#section-title", "Audits").await;
    let chain = app
        .wait_for_text("#audit-chain", "Audita žurnāls ir neskarts")
        .await;
    assert_eq!(
        app.attribute("#audit-chain", "class").await.as_deref(),
        Some("audit-chain audit-chain-intact"),
        "{chain}"
    );
    app.wait_for("#audit-table").await;
    // Unlocking records the sign-in, then the retention run it starts.
    let newest = app.text("#audit-table tbody tr:first-child").await;
    assert!(
        newest.contains("Glabāšanas termiņa pārbaude"),
        "newest entry: {newest}"
    );
    let sign_in = app.text("#audit-table tbody tr:nth-child(2)").await;
    assert!(sign_in.contains("Ielogošanās"), "second entry: {sign_in}");
    assert!(sign_in.contains("Anna Bērziņa"), "second entry: {sign_in}");
    app.screenshot("audit-log").await;

    app.select("#audit-action", "signedIn").await;
    app.wait_for_text("#audit-count", "Atbilst ierakstu").await;
    let rows = app.text("#audit-table tbody").await;
    assert!(!rows.contains("Glabāšanas termiņa pārbaude"), "{rows}");
    app.screenshot("audit-log-signed-in-only").await;
    app.quit().await;
}

#[tokio::test]
async fn audit_damaged_database_is_restored_from_a_backup() {
    let backups = tempfile::tempdir().expect("backup directory");
    let backup = backups.path().join("hotline-e2e.backup");
    let data = DataDir::new()
        .with_supervisor()
        .with_backup(&backup)
        .with_damaged_database();
    let mut app = App::launch("audit_damaged_database", &data).await;

    app.submit_unlock(SUPERVISOR_LOGIN, SUPERVISOR_PASSPHRASE)
        .await;
    app.wait_for_text("#unlock-error", "Datubāze ir bojāta")
        .await;
    app.wait_for_text("#restore-start", "Atjaunot no rezerves kopijas")
        .await;
    app.screenshot("restore-offer").await;
    app.click("#restore-start").await;
    app.answer_file_dialog("Open File", &backup).await;
    app.wait_for_text("#restore-file", "hotline-e2e.backup")
        .await;
    app.type_into("#restore-passphrase", "nepareiza parole")
        .await;
    app.click("#restore-submit").await;
    app.wait_for_text("#restore-help", "kopijas izveides brīdī")
        .await;
    app.screenshot("restore-wrong-passphrase").await;

    app.type_into("#restore-passphrase", SUPERVISOR_PASSPHRASE)
        .await;
    app.click("#restore-submit").await;
    app.wait_for("#screen-main").await;
    app.wait_for_text("#restored-notice", "hotline-e2e.backup")
        .await;
    app.wait_for_text("#current-user", "Anna Bērziņa").await;
    app.screenshot("restored").await;

    app.click("#nav-audit").await;
    app.wait_for_text("#audit-chain", "Audita žurnāls ir neskarts")
        .await;
    app.wait_for_text("#audit-table", "Atjaunots no rezerves kopijas")
        .await;
    app.screenshot("restored-audit-log").await;
    app.quit().await;
}
