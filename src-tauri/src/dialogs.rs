//! The native file dialogs: the person picks every path, so the webview
//! never names a file for the app to read or write. A cancelled dialog is
//! `None`, never an error.

use std::path::PathBuf;

use hotline_core::error::InvalidReason;
use hotline_core::{Error, PublicError};
use tauri::AppHandle;
use tauri_plugin_dialog::{DialogExt, FilePath};

/// Where a command will write.
#[derive(Debug, Clone)]
pub enum SaveTo {
    /// One file, offered under `name`, filtered to `extension`.
    File {
        name: String,
        extension: &'static str,
    },
    /// A folder, for exports of several files.
    Folder,
}

impl SaveTo {
    pub fn file(name: impl Into<String>, extension: &'static str) -> Self {
        Self::File {
            name: name.into(),
            extension,
        }
    }
}

/// Asks where to save, then runs `write` with the chosen path. `None` when
/// the person cancelled, and then nothing was written.
pub fn save_then<T>(
    app: &AppHandle,
    destination: SaveTo,
    write: impl FnOnce(PathBuf) -> Result<T, PublicError>,
) -> Result<Option<T>, PublicError> {
    let dialog = app.dialog().file();
    let chosen = match destination {
        SaveTo::File { name, extension } => dialog
            .set_file_name(name)
            .add_filter(extension, &[extension])
            .blocking_save_file(),
        SaveTo::Folder => dialog.blocking_pick_folder(),
    };
    chosen.map(into_path).transpose()?.map(write).transpose()
}

/// Asks which file to open; with a `filter` (its name and extensions),
/// among those files only.
pub fn pick_file(
    app: &AppHandle,
    filter: Option<(&str, &[&str])>,
) -> Result<Option<PathBuf>, PublicError> {
    let mut dialog = app.dialog().file();
    if let Some((name, extensions)) = filter {
        dialog = dialog.add_filter(name, extensions);
    }
    dialog.blocking_pick_file().map(into_path).transpose()
}

/// Asks which folder to use, starting in the person's home folder: GTK
/// would start in "Recent", which lists files, not folders.
pub fn pick_folder(app: &AppHandle) -> Result<Option<PathBuf>, PublicError> {
    let mut dialog = app.dialog().file();
    if let Some(home) = directories::UserDirs::new().map(|dirs| dirs.home_dir().to_owned()) {
        dialog = dialog.set_directory(home);
    }
    dialog.blocking_pick_folder().map(into_path).transpose()
}

/// A dialog's answer as a path; on Linux, Windows and macOS it always is one.
fn into_path(chosen: FilePath) -> Result<PathBuf, PublicError> {
    chosen
        .into_path()
        .map_err(|_| Error::invalid("path", InvalidReason::Unknown).to_public())
}
