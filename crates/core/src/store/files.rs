//! Small files beside the database, written atomically: a crash or power cut
//! leaves either the old or the new content, never a torn file.

use std::fs::{self, File};
use std::io::Write;
use std::path::Path;

use serde::de::DeserializeOwned;
use serde::Serialize;
use ts_rs::TS;

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
    write_atomically_with(path, |file| file.write_all(bytes))
}

/// Writes `path` with `fill` through a synced temporary file beside it and
/// a rename; a failed `fill` leaves `path` as it was and no temporary file.
pub(crate) fn write_atomically_with(
    path: &Path,
    fill: impl FnOnce(&mut File) -> std::io::Result<()>,
) -> Result<()> {
    // A bare file name ("2026.xlsx" from the CLI) has the empty path as
    // its parent, which cannot be opened: it is the current directory.
    let parent = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let write = || -> std::io::Result<()> {
        // A new file with a random name, created exclusively and readable
        // by this user only: a name planted beforehand (a link to another
        // file) is never written through, and no one else reads it half-way.
        let mut file = tempfile::Builder::new()
            .prefix(".hotline-")
            .suffix(".tmp")
            .tempfile_in(parent)?;
        fill(file.as_file_mut())?;
        file.as_file().sync_all()?;
        file.persist(path).map_err(|error| error.error)?;
        File::open(parent)?.sync_all()?;
        Ok(())
    };
    write().map_err(|source| Error::io(path, source))
}

/// A text file a person chose in a native dialog: its name, to show which
/// one was picked, and its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ChosenFile {
    pub name: String,
    pub text: String,
}

impl ChosenFile {
    pub(crate) fn new(path: &Path, text: String) -> Self {
        let name = path
            .file_name()
            .map_or_else(String::new, |name| name.to_string_lossy().into_owned());
        Self { name, text }
    }
}

/// Reads a small text file a person chose (a certificate, an enrolment
/// package): `Ok(None)` when it is larger than `limit` bytes or not UTF-8
/// text, so the caller can say the file is not the kind it asked for.
pub(crate) fn read_chosen_text(path: &Path, limit: u64) -> Result<Option<String>> {
    use std::io::Read as _;
    let file = File::open(path).map_err(|source| Error::io(path, source))?;
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| Error::io(path, source))?;
    if bytes.len() as u64 > limit {
        return Ok(None);
    }
    Ok(String::from_utf8(bytes).ok())
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Guards the exclusive, randomly named temporary file in
    /// `write_atomically`: it used to write through `<path>.tmp`, so a link
    /// planted under that name sent the export into the file it pointed to.
    #[cfg(unix)]
    #[test]
    fn a_link_planted_beside_the_file_is_never_written_through() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().expect("tempdir");
        let victim = dir.path().join("victim.txt");
        fs::write(&victim, "untouched").expect("victim");
        let path = dir.path().join("calls.csv");
        std::os::unix::fs::symlink(&victim, dir.path().join("calls.csv.tmp")).expect("link");

        write_atomically(&path, b"Datums;Zvans\n").expect("write");
        assert_eq!(fs::read_to_string(&victim).expect("victim"), "untouched");
        assert_eq!(fs::read(&path).expect("written"), b"Datums;Zvans\n");
        let mode = fs::metadata(&path).expect("metadata").permissions().mode();
        assert_eq!(mode & 0o077, 0, "only this user may read an export");
        let left: Vec<_> = fs::read_dir(dir.path())
            .expect("list")
            .filter_map(|entry| entry.ok())
            .filter(|entry| entry.file_name().to_string_lossy().starts_with(".hotline-"))
            .collect();
        assert!(left.is_empty(), "no temporary file is left behind");
    }
}
