//! Small files beside the database, written atomically: a crash or power cut
//! leaves either the old or the new content, never a torn file.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::Path;

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::{Error, Result};

/// Writes `value` as JSON to `path` via a synced temporary file and a rename.
pub(crate) fn write_json_atomically<T: Serialize>(path: &Path, value: &T) -> Result<()> {
    let bytes = serde_json::to_vec_pretty(value).map_err(|e| {
        Error::io(
            path,
            std::io::Error::new(std::io::ErrorKind::InvalidData, e),
        )
    })?;
    write_atomically(path, &bytes)
}

/// Writes `bytes` to `path` via a synced temporary file beside it and a
/// rename, so an export interrupted half-way never leaves a torn file.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(".tmp");
    let temporary = std::path::PathBuf::from(temporary);
    let write = || -> std::io::Result<()> {
        let mut file = OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .open(&temporary)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&temporary, path)?;
        // A bare file name ("2026.xlsx" from the CLI) has the empty path as
        // its parent, which cannot be opened: it is the current directory.
        let parent = match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        File::open(parent)?.sync_all()?;
        Ok(())
    };
    write().map_err(|source| Error::io(path, source))
}

/// Reads JSON from `path`; `Ok(None)` when the file does not exist.
pub(crate) fn read_json<T: DeserializeOwned>(path: &Path) -> Result<Option<T>, ReadJsonError> {
    match fs::read(path) {
        Ok(bytes) => serde_json::from_slice(&bytes)
            .map(Some)
            .map_err(|e| ReadJsonError::Malformed(e.to_string())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(ReadJsonError::Io(Error::io(path, e))),
    }
}

#[derive(Debug)]
pub(crate) enum ReadJsonError {
    Io(Error),
    Malformed(String),
}
