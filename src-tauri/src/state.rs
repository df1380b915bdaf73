//! The state every command shares: this device, the open session (if any) and
//! the idle timer. One mutex guards session and timer so a command and the
//! auto-lock never race.

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

use chrono::{DateTime, Utc};
use hotline_core::idle::IdleTimer;
use hotline_core::preferences::Preferences;
use hotline_core::progress::{LongWork, WorkWatcher};
use hotline_core::sync::SyncRunner;
use hotline_core::updates::Updates;
use hotline_core::{AppStatus, DataDir, Device, PublicError, Result, Session, SessionReader};

#[derive(Debug)]
pub struct AppState {
    pub device: Device,
    /// One sync round at a time, whether background or on demand.
    pub sync: SyncRunner,
    /// What the last update check found.
    pub updates: Updates,
    /// The running backup, restore, export or import: how far it is, for
    /// the window to poll, and its Stop button. Kept outside the session
    /// lock, which a backup, restore or import holds while it runs.
    pub long_work: LongWork,
    unlocked: Mutex<Option<Unlocked>>,
    /// The backup file picked in the native dialog, for the restore that
    /// follows; kept here so the webview never names a file to read.
    backup_to_restore: Mutex<Option<PathBuf>>,
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
            updates: Updates::default(),
            long_work: LongWork::default(),
            unlocked: Mutex::new(None),
            backup_to_restore: Mutex::new(None),
        })
    }

    /// Where the device stands: set up or not, the remembered language, and
    /// the session while someone is signed in.
    pub fn status(&self) -> Result<AppStatus> {
        let session = self
            .guard()
            .as_ref()
            .map(|unlocked| unlocked.session.info())
            .transpose()?;
        Ok(AppStatus {
            state: self.device.state()?,
            language: Preferences::load(self.device.data_dir()).language,
            session,
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

    /// [`AppState::with_session`] for long work: `action` reports its
    /// progress to [`AppState::long_work`] and stops when asked there.
    pub fn with_long_work<T>(
        &self,
        action: impl FnOnce(&mut Session, &dyn WorkWatcher) -> Result<T>,
    ) -> std::result::Result<T, PublicError> {
        self.with_session(|session| action(session, &self.long_work.begin()))
    }

    /// The open session's readers, for a long read that must not hold the
    /// session (and its writer) while it runs; counts as activity.
    pub fn reader(&self) -> std::result::Result<SessionReader, PublicError> {
        self.with_session(|session| Ok(session.reader()))
    }

    /// Applies a changed auto-lock setting to the open session at once.
    pub fn reset_idle_timeout(&self, minutes: u32) {
        if let Some(unlocked) = self.guard().as_mut() {
            unlocked.idle = IdleTimer::new(minutes, Utc::now());
        }
    }

    /// Remembers the backup file to restore; returns its path as shown.
    pub fn choose_backup(&self, path: PathBuf) -> String {
        let shown = path.display().to_string();
        *self
            .backup_to_restore
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(path);
        shown
    }

    /// Restores the chosen backup and keeps the supervisor's new session
    /// open. Any open session is closed first, and the lock is held
    /// throughout, so no command or sync step touches the database while it
    /// is replaced.
    pub fn restore(
        &self,
        login: &str,
        passphrase: &str,
        now: DateTime<Utc>,
    ) -> std::result::Result<hotline_core::SessionInfo, PublicError> {
        let backup = self
            .backup_to_restore
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
            .ok_or_else(|| {
                hotline_core::Error::BackupInvalid("no backup file was chosen".into()).to_public()
            })?;
        let mut guard = self.guard();
        if let Some(open) = guard.take() {
            open.session.lock();
        }
        let session = self.device.restore_watched(
            &backup,
            login,
            passphrase,
            now,
            &self.long_work.begin(),
        )?;
        let info = session.info()?;
        let idle = IdleTimer::new(info.auto_lock_minutes, Utc::now());
        *guard = Some(Unlocked { session, idle });
        drop(guard);
        self.backup_to_restore
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .take();
        Ok(info)
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
