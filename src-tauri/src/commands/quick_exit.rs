//! The quick exit's button, and the one way the app writes the clipboard
//! (so the quick exit knows what the app copied).

use tauri::AppHandle;

use crate::quick_exit;

/// Does what the quick-exit key does. `async`, so it runs off the main
/// thread: it reads the clipboard.
#[tauri::command]
pub async fn quick_exit(app: AppHandle) {
    quick_exit::run(&app);
}

/// Puts `text` (a referral's contact text) on the clipboard; `false` when
/// the clipboard refused it.
#[tauri::command]
pub async fn copy_text(app: AppHandle, text: String) -> bool {
    quick_exit::copy(&app, &text)
}
