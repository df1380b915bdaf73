//! An empty Tauri 2 window: the floor the start-up and memory benchmark
//! (`tests/e2e/benches/startup.rs`) compares Hotline Desk against. It has the
//! app's window size and release profile and nothing else: no commands, no
//! plugins, one static page.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    if let Err(error) = tauri::Builder::default().run(tauri::generate_context!()) {
        eprintln!("empty-tauri: {error}");
        std::process::exit(1);
    }
}
