//! The app's hardening in the real webview: only the allow-listed commands
//! answer; plugin commands the window was not granted, and unknown
//! commands, are refused; the content security policy blocks inline script;
//! a page from another origin gets no working IPC. The quick-exit key works
//! from another program's window.

use std::io::Write as _;
use std::process::{Command, Stdio};
use std::time::Duration;

use hotline_e2e::{App, DataDir};
use serde_json::{json, Value};

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
        // The shell reads the clipboard and holds the quick-exit key; the page may do neither.
        ("plugin:clipboard-manager|read_text", json!({})),
        ("plugin:global-shortcut|unregister_all", json!({})),
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

/// Runs `xdotool` (Debian package xdotool) with `args`; its output when it
/// succeeded. A search that finds nothing is a failure.
fn xdotool(args: &[&str]) -> Option<String> {
    let output = Command::new("timeout")
        .args(["10", "xdotool"])
        .args(args)
        .output()
        .expect("run xdotool (Debian package xdotool)");
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

/// The clipboard's text, read as another program would (Debian package
/// xclip); `None` when it holds none.
fn clipboard() -> Option<String> {
    let output = Command::new("timeout")
        .args(["10", "xclip", "-o", "-selection", "clipboard"])
        .output()
        .expect("run xclip (Debian package xclip)");
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    (output.status.success() && !text.is_empty()).then_some(text)
}

/// Whether a window of the app is on screen.
fn app_window_visible() -> bool {
    xdotool(&["search", "--onlyvisible", "--name", "Hotline Desk"]).is_some()
}

async fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    for _ in 0..100 {
        if done() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("waited 10 s for {what}");
}

/// Gives the keyboard focus to the other program's window, then presses
/// the quick-exit key there, as a person would with the app in the background.
fn press_quick_exit_elsewhere() {
    xdotool(&[
        "search",
        "--sync",
        "--onlyvisible",
        "--name",
        "^elsewhere$",
        "windowfocus",
        "--sync",
    ])
    .expect("focus the other window");
    let focused = xdotool(&["getwindowfocus", "getwindowname"]);
    assert_eq!(
        focused.as_deref(),
        Some("elsewhere"),
        "the other window has the focus"
    );
    xdotool(&["key", "ctrl+shift+l"]).expect("press Ctrl+Shift+L");
}

/// The quick-exit key works from another program: it locks, takes the
/// window off the screen, and empties the clipboard only of the app's own
/// text; pressed again, it brings the window back at the unlock screen.
#[tokio::test]
async fn the_quick_exit_key_locks_and_hides_the_app_from_another_window() {
    let data = DataDir::new().with_supervisor().with_referrals();
    let mut app = App::launch("quick-exit", &data).await;
    // Another program, which will have the focus when the key is pressed.
    let mut elsewhere = Command::new("xmessage")
        .args([
            "-title",
            "elsewhere",
            "-geometry",
            "+40+40",
            "Another program",
        ])
        .stderr(Stdio::null())
        .spawn()
        .expect("start xmessage (Debian package x11-utils)");
    app.sign_in_as_supervisor().await;

    // Copied by the app, then replaced by text someone copied elsewhere.
    copy_a_contact(&app).await;
    app.screenshot("copied-with-the-quick-exit-button").await;
    let mut other_owner = Command::new("xclip")
        .args(["-quiet", "-selection", "clipboard", "-i"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start xclip");
    other_owner
        .stdin
        .take()
        .expect("xclip's input")
        .write_all(b"a recipe")
        .expect("hand xclip the text");
    wait_until("the other program's text on the clipboard", || {
        clipboard().as_deref() == Some("a recipe")
    })
    .await;
    assert!(app_window_visible(), "the app is on screen before the key");

    press_quick_exit_elsewhere();
    wait_until("the app's window to leave the screen", || {
        !app_window_visible()
    })
    .await;
    app.screenshot("hidden-from-another-window").await;
    let status = app
        .invoke("app_status", json!({}))
        .await
        .expect("app_status");
    assert_eq!(
        status["session"],
        Value::Null,
        "the app is locked: {status}"
    );
    assert_eq!(
        clipboard().as_deref(),
        Some("a recipe"),
        "someone else's text stays"
    );
    let _ = other_owner.kill();
    let _ = other_owner.wait();

    // The second press brings the window back, locked.
    xdotool(&["key", "ctrl+shift+l"]).expect("press Ctrl+Shift+L again");
    wait_until("the app's window to come back", app_window_visible).await;
    app.wait_for("#screen-unlock").await;
    app.screenshot("back-locked").await;

    // The app's own text is taken off the clipboard.
    app.sign_in_as_supervisor().await;
    copy_a_contact(&app).await;
    press_quick_exit_elsewhere();
    wait_until("the app's window to leave the screen", || {
        !app_window_visible()
    })
    .await;
    assert_eq!(
        clipboard(),
        None,
        "the app's contact text was left on the clipboard"
    );

    let _ = elsewhere.kill();
    let _ = elsewhere.wait();
    app.quit().await;
}

/// Copies a directory entry's contact text with the app's own button and
/// waits until another program can paste it.
async fn copy_a_contact(app: &App) {
    app.click("#nav-referrals").await;
    app.search_referrals("policija").await;
    app.click(".referral-row[data-key='valsts-policija-110']")
        .await;
    app.click("#referral-copy").await;
    app.wait_for_text("#referral-copy-status", "nokopēti").await;
    wait_until("the contact text on the clipboard", || {
        clipboard().is_some_and(|text| text.starts_with("Valsts policija"))
    })
    .await;
}
