//! Embeds tauri.conf.json and dist/ the way the app's build does.

fn main() {
    tauri_build::build();
}
