//! The device's status at launch, handed to the page before its script runs.
//!
//! With it the first screen (set-up or sign-in, in the remembered language)
//! is drawn as soon as the script has run, instead of after an `app_status`
//! round trip through the window's event loop, which is busy at start-up: on
//! a 2-core laptop that wait was most of the time between the page loading
//! and the first screen. The page still asks `app_status` once it is up and
//! follows the answer when it differs (a page reloaded after set-up).
//!
//! It says only "set up or not" and the language: at launch nobody is signed
//! in, and nothing personal goes into the page this way.

use hotline_core::AppStatus;
use tauri::plugin::{Builder, TauriPlugin};
use tauri::Runtime;

/// The property of `window` the page reads (`ui/src/app/launchStatus.ts`).
const GLOBAL: &str = "__HOTLINE_LAUNCH_STATUS__";

/// A plugin whose only part is the script that sets the launch status.
pub fn plugin<R: Runtime>(status: &AppStatus) -> TauriPlugin<R> {
    Builder::new("launch-status")
        .js_init_script(init_script(status))
        .build()
}

/// A read-only, frozen `window.__HOTLINE_LAUNCH_STATUS__`. JSON is valid
/// JavaScript, so the status needs no escaping of its own.
fn init_script(status: &AppStatus) -> String {
    let json = serde_json::to_string(status).expect("a status serialises to JSON");
    format!("Object.defineProperty(window, '{GLOBAL}', {{ value: Object.freeze({json}) }});")
}

#[cfg(test)]
mod tests {
    use hotline_core::{DeviceState, Language};

    use super::*;

    #[test]
    fn the_script_defines_the_status_the_page_reads() {
        let status = AppStatus {
            state: DeviceState::NotSetUp,
            language: Language::En,
            session: None,
        };
        assert_eq!(
            init_script(&status),
            "Object.defineProperty(window, '__HOTLINE_LAUNCH_STATUS__', \
             { value: Object.freeze({\"state\":\"notSetUp\",\"language\":\"en\",\"session\":null}) });"
        );
    }
}
