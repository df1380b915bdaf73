//! The app's commands, by domain. Each is a few lines: take state, call core,
//! map the error.

pub mod accounts;
pub mod audit;
pub mod backup;
pub mod calls;
pub mod categories;
pub mod device;
pub mod devices;
pub mod long_work;
pub mod quick_exit;
pub mod referrals;
pub mod reports;
pub mod retention;
pub mod sync;
pub mod updates;

/// The command list, from the one registry `build.rs` and `lib.rs` read too.
#[cfg(test)]
pub const NAMES: &[&str] = {
    macro_rules! app_commands {
        ($($module:ident::$command:ident),* $(,)?) => {
            &[$(stringify!($command)),*]
        };
    }
    include!("registry.rs")
};

use hotline_core::sync::ServerOperation;
use hotline_core::{Error, PublicError};
use tauri::{AppHandle, Manager};

use crate::state::AppState;

/// Runs `step` on a blocking thread, for what waits on the network or the
/// disk: the window's event loop and the other commands do not wait with it.
/// A step that panicked is an internal error, not a lost answer.
pub async fn off_the_main_thread<T, E>(
    step: impl FnOnce() -> Result<T, E> + Send + 'static,
) -> Result<T, PublicError>
where
    T: Send + 'static,
    E: Into<PublicError> + Send + 'static,
{
    tauri::async_runtime::spawn_blocking(step)
        .await
        .map_err(|_| Error::BackgroundTaskFailed.to_public())?
        .map_err(Into::into)
}

/// Runs one of core's server operations: its store steps through the app
/// state's lock, its network step with no lock held. Blocking: call it off
/// the main thread.
pub fn run_on_server<O: ServerOperation>(
    app: &AppHandle,
    operation: O,
) -> Result<O::Output, PublicError> {
    Ok(hotline_core::sync::run(
        &*app.state::<AppState>(),
        operation,
    )?)
}

/// [`run_on_server`] on a blocking thread.
pub async fn on_the_server<O>(app: AppHandle, operation: O) -> Result<O::Output, PublicError>
where
    O: ServerOperation + Send + 'static,
    O::Output: Send + 'static,
{
    off_the_main_thread(move || run_on_server(&app, operation)).await
}
