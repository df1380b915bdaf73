//! The app's commands, by domain. Each is a few lines: take state, call core,
//! map the error.

pub mod accounts;
pub mod audit;
pub mod backup;
pub mod calls;
pub mod device;
pub mod devices;
pub mod referrals;
pub mod reports;
pub mod retention;
pub mod sync;

use hotline_core::{Error, PublicError};

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
