//! Grants the main window exactly the app's commands: each command in
//! `src/commands/registry.rs` gets a permission (tauri-build generates it)
//! and the window's capability file is written from the same list, so a
//! command cannot be registered without being granted, or granted without
//! existing.

use std::fmt::Write as _;

macro_rules! app_commands {
    ($($module:ident::$command:ident),* $(,)?) => {
        const COMMANDS: &[&str] = &[$(stringify!($command)),*];
    };
}
include!("src/commands/registry.rs");

const CAPABILITY: &str = "capabilities/main-window.json";

/// The main window's capability: the lock and sync events, and the commands.
fn capability() -> String {
    let mut permissions =
        String::from("    \"core:event:allow-listen\",\n    \"core:event:allow-unlisten\"");
    for command in COMMANDS {
        let _ = write!(
            permissions,
            ",\n    \"allow-{}\"",
            command.replace('_', "-")
        );
    }
    format!(
        r#"{{
  "$schema": "../gen/schemas/desktop-schema.json",
  "identifier": "main-window",
  "description": "The main window may call only the app's own commands and listen for the lock event.",
  "windows": [
    "main"
  ],
  "permissions": [
{permissions}
  ]
}}
"#
    )
}

fn main() {
    println!("cargo:rerun-if-changed=src/commands/registry.rs");
    let capability = capability();
    // Written only when it changed, so the build does not rerun for nothing.
    if std::fs::read_to_string(CAPABILITY).ok().as_deref() != Some(capability.as_str()) {
        std::fs::write(CAPABILITY, capability).expect("write the main window's capability");
    }
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    tauri_build::try_build(attributes).expect("tauri build script");
}
