//! The app's hardening in the real webview: only the allow-listed commands
//! answer; plugin commands the window was not granted, and unknown
//! commands, are refused; the content security policy blocks inline script;
//! a page from another origin gets no working IPC.

use hotline_e2e::{App, DataDir};
use serde_json::json;

#[tokio::test]
async fn commands_off_the_allow_list_and_inline_scripts_are_refused() {
    let data = DataDir::new().with_supervisor();
    let mut app = App::launch("security", &data).await;
    app.sign_in_as_supervisor().await;

    // Control: an allow-listed command answers from the same page.
    let status = app.invoke("app_status", json!({})).await;
    assert!(status.is_ok(), "app_status: {status:?}");

    for (command, args) in [
        (
            "plugin:fs|read_text_file",
            json!({ "path": "/etc/hostname" }),
        ),
        ("plugin:dialog|open", json!({ "options": {} })),
        (
            "plugin:shell|open",
            json!({ "path": "https://example.com" }),
        ),
        (
            "plugin:opener|open_url",
            json!({ "url": "https://example.com" }),
        ),
        (
            "plugin:event|emit",
            json!({ "event": "locked", "payload": null }),
        ),
        ("not_a_command", json!({})),
    ] {
        let refused = app.invoke(command, args).await;
        assert!(refused.is_err(), "{command} answered: {refused:?}");
    }

    // Inline script (an injected event handler) does not run.
    app.run_script(
        "document.body.insertAdjacentHTML('beforeend', \
         '<img id=\"probe\" src=\"data:,\" onerror=\"window.__inline_ran = true\" onload=\"window.__inline_ran = true\">');",
    )
    .await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let ran = app.run_script("return window.__inline_ran === true").await;
    assert_eq!(ran, json!(false), "the CSP let an inline handler run");
    app.screenshot("allow-list-checked").await;

    // Another origin in the same window: no command answers.
    app.navigate("data:text/html,<title>elsewhere</title><p>elsewhere</p>")
        .await;
    let protocol = app.run_script("return location.protocol").await;
    assert_eq!(protocol, json!("data:"), "the window did go elsewhere");
    let elsewhere = app.invoke("app_status", json!({})).await;
    assert!(
        elsewhere.is_err(),
        "a page from another origin reached the app: {elsewhere:?}"
    );
    app.quit().await;
}
