//! Where a device keeps its files: the platform data directory from
//! `directories`, or one given with `--data-dir` / `HOTLINE_DATA_DIR` (tests and
//! portable installs).

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

pub const DATA_DIR_ENV: &str = "HOTLINE_DATA_DIR";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataDir {
    root: PathBuf,
}

impl DataDir {
    /// The explicit directory if given, else `HOTLINE_DATA_DIR`, else the
    /// platform's data directory (e.g. `~/.local/share/hotline-desk`).
    pub fn resolve(explicit: Option<PathBuf>) -> Result<Self> {
        let root = match explicit {
            Some(path) => path,
            None => match std::env::var_os(DATA_DIR_ENV).filter(|value| !value.is_empty()) {
                Some(path) => PathBuf::from(path),
                None => directories::ProjectDirs::from("lv", "Hotline Desk", "hotline-desk")
                    .ok_or(Error::NoDataDir)?
                    .data_dir()
                    .to_path_buf(),
            },
        };
        Ok(Self { root })
    }

    pub fn at(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    /// Creates the directory, readable by its owner only.
    pub fn ensure_exists(&self) -> Result<()> {
        std::fs::create_dir_all(&self.root).map_err(|e| Error::io(&self.root, e))?;
        restrict_to_owner(&self.root)
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn database(&self) -> PathBuf {
        self.root.join("hotline.db")
    }

    pub fn key_ring(&self) -> PathBuf {
        self.root.join("keyring.json")
    }

    pub fn unlock_throttle(&self) -> PathBuf {
        self.root.join("unlock-throttle.json")
    }

    pub fn preferences(&self) -> PathBuf {
        self.root.join("preferences.json")
    }
}

#[cfg(unix)]
fn restrict_to_owner(path: &Path) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o700))
        .map_err(|e| Error::io(path, e))
}

#[cfg(not(unix))]
fn restrict_to_owner(_path: &Path) -> Result<()> {
    Ok(())
}
