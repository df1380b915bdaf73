//! Staff accounts in the Settings section of the real app: a supervisor
//! disables a consultant, who is then told so at the unlock screen.

use hotline_e2e::{App, DataDir};

const CONSULTANT_PASSPHRASE: &str = "Jāņa parole 2026";

#[tokio::test]
async fn a_supervisor_disables_a_consultant_who_is_then_refused_at_unlock() {
    let data =
        DataDir::new()
            .with_supervisor()
            .with_consultant("janis", CONSULTANT_PASSPHRASE, "latgale");
    let mut app = App::launch("staff_disable", &data).await;
    app.sign_in_as_supervisor().await;
    app.click("#nav-settings").await;
    app.click("#account-change-janis").await;
    app.click("#account-edit-disabled").await;
    app.click("#account-edit-save").await;
    // Supervisors list first, so the consultant is the table's second row.
    app.wait_for_text(
        "#accounts-table tbody tr:nth-child(2) .account-status",
        "Atslēgts",
    )
    .await;
    app.screenshot("staff-disabled").await;

    app.click("#lock-button").await;
    app.submit_unlock("janis", CONSULTANT_PASSPHRASE).await;
    app.wait_for_text("#unlock-error", "konts ir atslēgts")
        .await;
    app.screenshot("unlock-disabled").await;
    app.quit().await;
}
