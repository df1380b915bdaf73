//! Generates the permission for each app command: the capability grants only
//! these, so a command not listed here cannot be called from the webview.

const COMMANDS: &[&str] = &[
    "app_status",
    "set_up",
    "unlock",
    "lock",
    "touch",
    "set_language",
    "change_passphrase",
    "list_accounts",
    "add_account",
    "set_auto_lock_minutes",
];

fn main() {
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    tauri_build::try_build(attributes).expect("tauri build script");
}
