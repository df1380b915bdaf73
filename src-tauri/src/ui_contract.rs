//! What the UI may rely on from the shell, written as TypeScript into
//! `ui/src/ipc/shell/` and checked here: the command names the UI's
//! `call` accepts (from `commands/registry.rs`) and the `locked` event's
//! payload. The test fails when the committed files drift; run it with
//! `UPDATE_BINDINGS=1` to rewrite them (core's bindings test does the same
//! for the types the commands take and return).

use std::collections::BTreeMap;
use std::path::PathBuf;

use ts_rs::TS;

use crate::auto_lock::{LockReason, LockedEvent};
use crate::commands::NAMES;

/// Read at run time, not with `env!`: a test binary built from another clone
/// that shares the build cache would otherwise compare against that clone.
fn bindings_dir() -> PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .expect("cargo test sets CARGO_MANIFEST_DIR")
        .join("../ui/src/ipc/shell")
}

fn command_names() -> String {
    let names: String = NAMES.iter().map(|name| format!("  '{name}',\n")).collect();
    format!(
        "// Generated from src-tauri/src/commands/registry.rs by src-tauri/src/ui_contract.rs; do not edit.\n\n\
         /** Every command the shell registers and the window may call. */\n\
         export const COMMAND_NAMES = [\n{names}] as const;\n\n\
         export type CommandName = (typeof COMMAND_NAMES)[number];\n"
    )
}

fn generated() -> BTreeMap<&'static str, String> {
    let cfg = ts_rs::Config::new();
    BTreeMap::from([
        ("CommandName.ts", command_names()),
        (
            "LockReason.ts",
            LockReason::export_to_string(&cfg).expect("LockReason"),
        ),
        (
            "LockedEvent.ts",
            LockedEvent::export_to_string(&cfg).expect("LockedEvent"),
        ),
    ])
}

#[test]
fn the_ui_bindings_match_the_shell() {
    let dir = bindings_dir();
    let update = std::env::var_os("UPDATE_BINDINGS").is_some();
    let mut stale = Vec::new();
    for (file, contents) in generated() {
        let path = dir.join(file);
        if update {
            std::fs::write(&path, &contents).expect("write binding");
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(contents.as_str()) {
            stale.push(file);
        }
    }
    assert!(
        stale.is_empty(),
        "stale UI bindings {stale:?}: run UPDATE_BINDINGS=1 cargo test -p hotline-desk ui_contract"
    );
}
