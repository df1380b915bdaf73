//! A supervisor manages the organisation's devices from the Sync section of
//! the real app, against a real `hotline-sync-server`: enrols a laptop (its
//! package saved through the native save dialog, the code read off the
//! screen), the laptop joins with them (`hotline device join`) and is listed
//! as seen, then it is revoked after a confirmation, all from the keyboard,
//! and listed as revoked. axe-core checks the panel in each state, in
//! Latvian and English.

use fantoccini::key::Key;
use hotline_e2e::{App, DataDir, SyncServer};

/// The id the server gave the device called `name`, asked the way the panel asks.
async fn device_id(app: &App, name: &str) -> String {
    let list = app
        .invoke("list_devices", serde_json::json!({}))
        .await
        .expect("list_devices");
    list["devices"]
        .as_array()
        .expect("a device list")
        .iter()
        .find(|device| device["deviceName"] == name)
        .and_then(|device| device["deviceId"].as_str())
        .unwrap_or_else(|| panic!("{name} is on the server: {list}"))
        .to_owned()
}

#[tokio::test]
async fn a_supervisor_enrols_a_laptop_that_joins_and_then_revokes_it() {
    let mut problems = Vec::new();
    let server = SyncServer::start();
    let office = DataDir::new().with_supervisor().registered_with(&server);
    let handover = tempfile::tempdir().expect("handover folder");
    let package = handover.path().join("latgale-laptop.enrol");

    let mut app = App::launch("devices", &office).await;
    app.sign_in_as_supervisor().await;
    app.click("#nav-sync").await;
    app.wait_for_text("#devices-table", "Office PC (šis dators)")
        .await;
    app.wait_for_text("#devices-empty", "Citu ierīču vēl nav")
        .await;
    app.check_accessibility("devices-empty", &mut problems)
        .await;

    app.type_into("#enrol-device-name", "Latgales klēpjdators")
        .await;
    app.select("#enrol-role", "consultant").await;
    app.select("#enrol-region", "latgale").await;
    app.click("#enrol-submit").await;
    app.answer_file_dialog("Save File", &package).await;
    app.wait_for("#enrolment-code").await;
    let code = app.text("#enrolment-code").await;
    let groups: Vec<&str> = code.split_whitespace().collect();
    assert_eq!(groups.len(), 4, "the code in four groups: {code:?}");
    assert!(
        groups.iter().all(|group| group.len() == 4),
        "groups of four: {code:?}"
    );
    app.wait_for_text("#enrolment-issued", &package.display().to_string())
        .await;
    app.wait_for_text("#enrolment-expires", "derīgi līdz").await;
    let saved = std::fs::read_to_string(&package).expect("the package was saved");
    assert!(saved.starts_with("hotline-enrolment-v1:"), "{saved}");
    app.wait_for_text("#devices-table", "Vēl nav pievienojusies")
        .await;
    app.check_accessibility("devices-code", &mut problems).await;
    app.press("#enrolment-done", &[Key::Enter]).await;
    app.wait_gone("#enrolment-issued").await;

    // The laptop joins with the file and the code read off the screen.
    let _laptop = DataDir::new().joined_with(&package, &code, "janis", "Jāņa garā parole");
    let laptop_id = device_id(&app, "Latgales klēpjdators").await;
    let row = format!("#device-{laptop_id}");
    app.click("#devices-refresh").await;
    app.wait_for_text(&row, "Pēdējoreiz sinhronizēja").await;
    let listed = app.text(&row).await;
    assert!(
        listed.contains("Konsultants") && listed.contains("Latgale"),
        "{listed}"
    );
    app.screenshot("devices-joined").await;

    // Revoking asks first; Escape and "Cancel" change nothing.
    let revoke = format!("#device-revoke-{laptop_id}");
    app.press(&revoke, &[Key::Enter]).await;
    app.wait_for_text("#device-revoke-question", "Latgales klēpjdators")
        .await;
    app.check_accessibility("devices-confirm", &mut problems)
        .await;
    app.press("#device-revoke-cancel", &[Key::Escape]).await;
    app.wait_gone("#device-revoke-question").await;
    app.wait_for_text(&row, "Pēdējoreiz sinhronizēja").await;

    app.press(&revoke, &[Key::Enter]).await;
    app.press("#device-revoke-confirm", &[Key::Enter]).await;
    app.wait_for_text(&row, "Atsaukta").await;
    app.wait_gone(&revoke).await;
    app.wait_for_text("#devices", "atsaukta.").await;
    app.check_accessibility("devices-revoked-lv", &mut problems)
        .await;

    app.click("#lang-en").await;
    app.wait_for_text(&row, "Revoked").await;
    app.check_accessibility("devices-revoked-en", &mut problems)
        .await;
    app.quit().await;

    assert!(
        problems.is_empty(),
        "serious accessibility problems:\n{}",
        problems.join("\n")
    );
}
