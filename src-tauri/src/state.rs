//! The state every command shares: this device, the open session (if any) and
//! the idle timer. One mutex guards session and timer so a command and the
//! auto-lock never race.

use std::sync::{Mutex, MutexGuard};

use chrono::Utc;
use hotline_core::idle::IdleTimer;
use hotline_core::sync::SyncRunner;
use hotline_core::{DataDir, Device, PublicError, Result, Session};

#[derive(Debug)]
pub struct AppState {
    pub device: Device,
    /// One sync round at a time, whether background or on demand.
    pub sync: SyncRunner,
    unlocked: Mutex<Option<Unlocked>>,
}

#[derive(Debug)]
pub struct Unlocked {
    pub session: Session,
    pub idle: IdleTimer,
}

impl AppState {
    pub fn new(data_dir: Option<std::path::PathBuf>) -> Result<Self> {
        Ok(Self {
            device: Device::new(DataDir::resolve(data_dir)?),
            sync: SyncRunner::default(),
            unlocked: Mutex::new(None),
        })
    }

    pub fn guard(&self) -> MutexGuard<'_, Option<Unlocked>> {
        // A panic while holding the lock must not keep the app unusable: the
        // session inside is still consistent (every write is a transaction).
        self.unlocked
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Keeps `session` open, with a fresh idle timer.
    pub fn open(
        &self,
        session: Session,
    ) -> std::result::Result<hotline_core::SessionInfo, PublicError> {
        let info = session.info()?;
        let idle = IdleTimer::new(info.auto_lock_minutes, Utc::now());
        *self.guard() = Some(Unlocked { session, idle });
        Ok(info)
    }

    /// Runs `action` on the open session and counts it as activity;
    /// `Locked` when nobody is signed in.
    pub fn with_session<T>(
        &self,
        action: impl FnOnce(&mut Session) -> Result<T>,
    ) -> std::result::Result<T, PublicError> {
        let mut guard = self.guard();
        let unlocked = guard.as_mut().ok_or_else(PublicError::locked)?;
        unlocked.idle.touch(Utc::now());
        action(&mut unlocked.session).map_err(PublicError::from)
    }

    /// Applies a changed auto-lock setting to the open session at once.
    pub fn reset_idle_timeout(&self, minutes: u32) {
        if let Some(unlocked) = self.guard().as_mut() {
            unlocked.idle = IdleTimer::new(minutes, Utc::now());
        }
    }

    /// Locks: closes the database and zeroizes the key. Returns whether a
    /// session was open.
    pub fn lock(&self) -> bool {
        self.guard()
            .take()
            .map(|unlocked| unlocked.session.lock())
            .is_some()
    }
}
