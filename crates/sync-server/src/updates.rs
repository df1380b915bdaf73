//! The organisation's releases, served to its laptops: the manifest a
//! supervisor signed (`hotline update sign`) and the packages it names,
//! from a folder on this server, or a redirect to the HTTPS folder the
//! organisation keeps them in.
//!
//! Nothing here is secret and nothing is believed because of where it came
//! from: each laptop checks the manifest's signature against its own
//! certificates, and Tauri's updater checks each package against the release
//! key built into the app. So these requests need no device token.

use std::path::PathBuf;

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use hotline_protocol::ServerErrorCode;
use tokio_util::io::ReaderStream;

use crate::{AppState, Refusal};

/// Where the organisation's releases are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UpdateSource {
    /// Files in a folder on this server.
    Folder(PathBuf),
    /// An HTTPS folder elsewhere; requests are redirected there.
    Elsewhere(String),
}

/// A file name a release folder may hold: letters, digits, dot, dash and
/// underscore, not starting with a dot, so no path can leave the folder.
fn is_release_file_name(name: &str) -> bool {
    (1..=200).contains(&name.len())
        && !name.starts_with('.')
        && name
            .chars()
            .all(|letter| letter.is_ascii_alphanumeric() || matches!(letter, '.' | '-' | '_'))
}

fn not_published() -> Refusal {
    Refusal::new(
        StatusCode::NOT_FOUND,
        ServerErrorCode::NotFound,
        "this server publishes no such update file",
    )
}

/// `GET /v2/updates/{file}`.
pub(crate) async fn update_file(
    State(state): State<AppState>,
    Path(name): Path<String>,
) -> Result<Response, Refusal> {
    if !is_release_file_name(&name) {
        return Err(Refusal::bad_request(
            "an update file name has only letters, digits, '.', '-' and '_'",
        ));
    }
    match state.updates.as_deref() {
        None => Err(not_published()),
        Some(UpdateSource::Elsewhere(folder)) => Ok(Redirect::temporary(&format!(
            "{}/{name}",
            folder.trim_end_matches('/')
        ))
        .into_response()),
        Some(UpdateSource::Folder(folder)) => {
            let file = tokio::fs::File::open(folder.join(&name))
                .await
                .map_err(|_| not_published())?;
            let content_type = if name.ends_with(".json") {
                "application/json"
            } else {
                "application/octet-stream"
            };
            let mut response = Body::from_stream(ReaderStream::new(file)).into_response();
            response
                .headers_mut()
                .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
            Ok(response)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_file_names_are_served() {
        assert!(is_release_file_name("manifest.json"));
        assert!(is_release_file_name(
            "hotline-desk_1.5.0_amd64.AppImage.tar.gz"
        ));
        assert!(!is_release_file_name(".env"));
        assert!(!is_release_file_name("..%2Fsecrets"));
        assert!(!is_release_file_name("a/b"));
        assert!(!is_release_file_name(""));
    }
}
