//! The first-run wizard in the real app: a new organisation whose server is
//! unreachable ("Not now" after the error), the starter directory, the
//! shortcut tour, the empty calls screen and the server connected later from
//! the Sync section; and a laptop joining with a package `hotline device
//! enrol` wrote for it, against a real sync server.

use fantoccini::key::Key;
use hotline_e2e::{App, DataDir, SyncServer, SUPERVISOR_LOGIN, SUPERVISOR_PASSPHRASE};

/// A local address nothing listens on: the server "is down".
fn closed_port_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("address").port();
    drop(listener);
    format!("http://127.0.0.1:{port}")
}

#[tokio::test]
async fn a_new_organisation_without_its_server_loads_the_starter_directory_and_sees_the_tour() {
    let data = DataDir::new();
    let mut app = App::launch("first_run_new_organisation", &data).await;
    app.wait_for("#screen-setup").await;
    assert_eq!(
        app.attribute("#lang-lv", "aria-pressed").await.as_deref(),
        Some("true"),
        "Latvian, with the switch in sight"
    );
    app.screenshot("start").await;

    app.click("#setup-create").await;
    app.wait_for_text("#setup-step-count", "1. solis no 6")
        .await;
    app.type_into("#setup-organisation", "Patvērums Drošā māja")
        .await;
    app.screenshot("organisation").await;
    app.press("#setup-organisation", &[Key::Enter]).await;
    app.wait_for_text("#setup-step-count", "2. solis no 6")
        .await;
    app.type_into("#setup-display-name", "Anna Bērziņa").await;
    app.type_into("#setup-login", SUPERVISOR_LOGIN).await;
    app.type_into("#setup-passphrase", "īsa").await;
    app.type_into("#setup-passphrase-repeat", "īsa").await;
    app.press("#setup-passphrase-repeat", &[Key::Enter]).await;
    app.select("#setup-region", "vidzeme").await;
    app.screenshot("region").await;
    app.click("#setup-next").await;

    // The passphrase is refused when the organisation is created: back on
    // its step, the reason beside it, everything else still typed.
    app.wait_for_text("#setup-passphrase-error", "vismaz 10")
        .await;
    app.wait_for_text("#setup-step-count", "2. solis no 6")
        .await;
    app.screenshot("weak-passphrase").await;
    app.type_into("#setup-passphrase", SUPERVISOR_PASSPHRASE)
        .await;
    app.type_into("#setup-passphrase-repeat", SUPERVISOR_PASSPHRASE)
        .await;
    app.press("#setup-passphrase-repeat", &[Key::Enter]).await;
    app.click("#setup-next").await;

    // The server is down: the error sits beside the address, the device is
    // set up anyway, and "Not now" goes on.
    app.wait_for_text("#setup-step-count", "4. solis no 6")
        .await;
    app.type_into("#server-url", &closed_port_url()).await;
    app.type_into("#server-device-name", "Vidzemes birojs")
        .await;
    app.press("#server-device-name", &[Key::Enter]).await;
    app.wait_for_text("#server-url-error", "Serveri nevar sasniegt")
        .await;
    app.wait_for_text("#setup-server-ready", "gatavs darbam")
        .await;
    app.wait_for_text("#server-connect", "Mēģināt vēlreiz")
        .await;
    app.screenshot("server-unreachable").await;
    app.click("#setup-not-now").await;

    app.wait_for_text("#setup-step-count", "5. solis no 6")
        .await;
    app.screenshot("directory").await;
    app.click("#setup-next").await;
    app.wait_for_text("#setup-summary", "40 ieraksti").await;
    app.wait_for_text("#setup-summary", "nav pieslēgts").await;
    app.screenshot("done").await;
    app.press("#setup-finish", &[Key::Enter]).await;

    app.wait_for("#screen-main").await;
    app.wait_for_text("#shortcut-tour", "Alt+N — jauns zvans")
        .await;
    app.screenshot("tour").await;
    app.press("#tour-close", &[Key::Enter]).await;
    app.wait_gone("#shortcut-tour").await;
    app.wait_for_text("#section-title", "Pārskats").await;
    app.wait_for_text("#overview-drafts", "Jauns zvans").await;
    app.screenshot("overview-empty").await;

    app.click("#nav-referrals").await;
    app.search_referrals("drosa maja").await;
    app.wait_for(".referral-row[data-key='drosa-maja-riga']")
        .await;
    app.screenshot("directory-loaded").await;

    // Reachable again from the navigation.
    app.click("#shortcuts-tour").await;
    app.wait_for("#shortcut-tour").await;
    app.press("#tour-close", &[Key::Escape]).await;
    app.wait_gone("#shortcut-tour").await;

    // The server skipped at set-up is connected later, from the Sync section.
    let server = SyncServer::start();
    app.click("#nav-sync").await;
    app.type_into("#server-url", &server.url).await;
    app.type_into("#server-device-name", "Vidzemes birojs")
        .await;
    app.press("#server-device-name", &[Key::Enter]).await;
    app.wait_for_text("#sync-section-server", &server.url).await;
    app.wait_for_text("#sync-state", "Sinhronizēts").await;
    app.screenshot("connected-later").await;
    app.quit().await;
}

#[tokio::test]
async fn a_laptop_joins_with_the_package_and_code_from_the_cli() {
    let server = SyncServer::start();
    let office = DataDir::new().with_supervisor().registered_with(&server);
    let handover = tempfile::tempdir().expect("handover folder");
    let package = handover.path().join("latgale-laptop.enrol");
    let code = office.enrol_device("Latgales klēpjdators", "consultant", "latgale", &package);

    let laptop = DataDir::new();
    let mut app = App::launch("first_run_join", &laptop).await;
    app.click("#setup-join").await;
    app.wait_for_text("#setup-step-count", "1. solis no 2")
        .await;

    app.click("#join-package").await;
    app.answer_file_dialog("Open File", &package).await;
    app.wait_for_text("#join-package-name", "latgale-laptop.enrol")
        .await;
    app.type_into("#join-code", "AAAA-BBBB-CCCC-DDDD").await;
    app.type_into("#setup-display-name", "Jānis Ozols").await;
    app.type_into("#setup-login", "janis").await;
    app.type_into("#setup-passphrase", "Jāņa garā parole").await;
    app.type_into("#setup-passphrase-repeat", "Jāņa garā parole")
        .await;
    app.press("#setup-passphrase-repeat", &[Key::Enter]).await;
    app.wait_for_text("#join-code-error", "Kods neatver").await;
    app.screenshot("wrong-code").await;

    app.type_into("#join-code", &code.to_lowercase()).await;
    app.press("#join-code", &[Key::Enter]).await;
    app.wait_for_text("#setup-summary", "Jānis Ozols · Konsultants")
        .await;
    app.wait_for_text("#setup-summary", "Latgale").await;
    app.wait_for_text("#setup-summary", "Drošā māja").await;
    app.screenshot("joined").await;
    app.click("#setup-finish").await;
    app.press("#tour-close", &[Key::Escape]).await;
    app.wait_for_text("#org-name", "Drošā māja").await;
    app.wait_for_text("#sync-state", "Sinhronizēts").await;
    app.screenshot("main-synced").await;
    app.quit().await;
}
