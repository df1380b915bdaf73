//! The quick exit: one key that works even when another window has focus
//! (a global shortcut), and the header's button, both of which lock the
//! app, hide its window from the screen and the task switcher, and empty
//! the clipboard of the app's own text. What to do is decided in
//! [`decision`]; this module only carries it out through Tauri.

mod decision;

use std::sync::{Mutex, MutexGuard};

use tauri::{AppHandle, Manager, Runtime, WebviewWindow};
use tauri_plugin_clipboard_manager::ClipboardExt;
use tauri_plugin_global_shortcut::{GlobalShortcutExt, Shortcut, ShortcutState};

use crate::auto_lock;
use decision::{decide, start_again, CopiedText, QuickExit};

/// The quick-exit key: Ctrl+L (lock) with Shift, so it is found from the
/// lock key, and clashes with none of the app's own keys. The shortcut tour
/// names it (`main.shortcutQuickExit` in the UI's texts).
const SHORTCUT: &str = "Control+Shift+KeyL";

/// What the app last put on the clipboard (managed state).
#[derive(Debug, Default)]
pub struct Copied(Mutex<CopiedText>);

impl Copied {
    fn guard(&self) -> MutexGuard<'_, CopiedText> {
        // The digest inside is whole whatever a panicking holder was doing.
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Registers the quick-exit key with the global-shortcut plugin. A key
/// another program already holds is logged, not fatal: the header's button
/// and the in-window key still work. Only the shell uses the plugin; the
/// window is granted none of its commands.
pub fn register<R: Runtime>(app: &AppHandle<R>) {
    let registered = app
        .global_shortcut()
        .on_shortcut(SHORTCUT, |app, _: &Shortcut, event| {
            if event.state == ShortcutState::Pressed {
                run(app);
            }
        });
    if let Err(error) = registered {
        tracing::warn!("the quick-exit key could not be registered: {error}");
    }
}

/// Puts `text` on the clipboard, hinting clipboard managers to keep it out
/// of their history, and remembers it so the quick exit can take it back.
/// Returns whether the clipboard took it.
pub fn copy<R: Runtime>(app: &AppHandle<R>, text: &str) -> bool {
    let copied = app.state::<Copied>();
    let mut copied = copied.guard();
    match app.clipboard().write_secret(text) {
        Ok(()) => {
            copied.remember(text);
            true
        }
        Err(error) => {
            tracing::warn!("the clipboard refused the text: {error}");
            false
        }
    }
}

/// One press of the quick-exit key or button. Reads the clipboard, so it
/// must not run on the main thread (on Linux that can deadlock while the
/// webview owns the selection).
pub fn run<R: Runtime>(app: &AppHandle<R>) {
    let Some(window) = app.get_webview_window("main") else {
        return;
    };
    // A window whose state cannot be read is treated as on screen: leaving
    // is the safe answer.
    let visible = window.is_visible().unwrap_or(true);
    let copied = app.state::<Copied>();
    let mut copied = copied.guard();
    match decide(visible, &copied, || app.clipboard().read_text().ok()) {
        QuickExit::Leave { clear_clipboard } => {
            hide(&window);
            auto_lock::lock(app);
            if clear_clipboard {
                if let Err(error) = app.clipboard().clear() {
                    tracing::warn!("the clipboard could not be emptied: {error}");
                }
            }
            copied.forget();
        }
        QuickExit::Return => {
            auto_lock::lock(app);
            show(&window);
        }
    }
}

/// The app was started again while this one runs (the single-instance
/// plugin hands the start over): the window comes back, at the unlock
/// screen if the quick exit had hidden it.
pub fn started_again<R: Runtime>(app: &AppHandle<R>) {
    let Some(window) = app.get_webview_window("main") else {
        return;
    };
    if start_again(window.is_visible().unwrap_or(true)) == Some(QuickExit::Return) {
        auto_lock::lock(app);
    }
    show(&window);
}

/// Off the screen first (what someone looking over the shoulder sees), then
/// out of the task switcher.
fn hide<R: Runtime>(window: &WebviewWindow<R>) {
    if let Err(error) = window.hide() {
        tracing::warn!("the window could not be hidden: {error}");
    }
    if let Err(error) = window.set_skip_taskbar(true) {
        tracing::warn!("the window could not leave the task switcher: {error}");
    }
}

fn show<R: Runtime>(window: &WebviewWindow<R>) {
    let shown = window
        .set_skip_taskbar(false)
        .and_then(|()| window.show())
        .and_then(|()| window.set_focus());
    if let Err(error) = shown {
        tracing::warn!("the window could not be shown again: {error}");
    }
}
