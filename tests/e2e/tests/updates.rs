//! Updates the organisation controls (issue 20, item 9), in the real app: a
//! release the supervisor's device signed (`hotline update sign`), served by
//! the organisation's sync server on 127.0.0.1, is offered in the header with
//! its version and notes; it waits while a call form is open; the same
//! manifest changed after signing is refused with a clear message.

use hotline_e2e::{App, DataDir, SyncServer};
use serde_json::json;

fn this_platform() -> String {
    let os = match std::env::consts::OS {
        "macos" => "darwin",
        other => other,
    };
    format!("{os}-{}", std::env::consts::ARCH)
}

#[tokio::test]
async fn a_signed_release_is_offered_waits_for_the_call_and_a_tampered_one_is_refused() {
    let folder = tempfile::tempdir().expect("updates folder");
    let server = SyncServer::start_with_updates(folder.path());
    let office = DataDir::new().with_supervisor().registered_with(&server);
    let release = folder.path().join("release.json");
    let platforms = json!({
        this_platform(): {
            "url": "https://updates.example/hotline-desk_99.0.0.tar.gz",
            "signature": "dW50cnVzdGVkIGNvbW1lbnQ="
        }
    });
    std::fs::write(
        &release,
        json!({
            "version": "99.0.0",
            "notes": "Ātrāka zvanu saraksta atvēršana.",
            "platforms": platforms
        })
        .to_string(),
    )
    .expect("release file");
    let manifest = folder.path().join("manifest.json");
    office.signed_update(&release, &manifest);

    let mut app = App::launch("updates", &office).await;
    app.sign_in_as_supervisor().await;
    app.wait_for_text("#update-notice", "Atjauninājums 99.0.0")
        .await;
    app.click("#update-notice").await;
    app.wait_for_text("#update-title", "Pieejams atjauninājums 99.0.0")
        .await;
    assert_eq!(
        app.text("#update-notes").await,
        "Ātrāka zvanu saraksta atvēršana."
    );
    let mut problems = Vec::new();
    app.check_accessibility("update offered", &mut problems)
        .await;
    assert_eq!(problems, Vec::<String>::new());
    app.screenshot("offered").await;
    app.click("#update-later").await;

    app.click("#nav-calls").await;
    app.click("#call-new").await;
    app.wait_for("#call-form").await;
    app.click("#update-notice").await;
    app.wait_for_text("#update-call-open", "Pabeidziet vai aizveriet")
        .await;
    assert_eq!(
        app.attribute("#update-install", "disabled")
            .await
            .as_deref(),
        Some("true")
    );
    app.screenshot("waits-for-the-call").await;
    app.click("#update-later").await;

    // Someone with access to the folder points the release at another package.
    let text = std::fs::read_to_string(&manifest).expect("manifest");
    std::fs::write(&manifest, text.replace("99.0.0.tar.gz", "98.0.0.tar.gz"))
        .expect("tampered manifest");
    app.invoke("check_for_update", json!({}))
        .await
        .expect("the check answers");
    app.wait_for_text("#update-notice", "Atjauninājums atteikts")
        .await;
    app.click("#update-notice").await;
    app.wait_for_text("#update-refusal", "mainīts pēc parakstīšanas")
        .await;
    app.screenshot("tampered-refused").await;
    app.quit().await;
}
