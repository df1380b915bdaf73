//! Updates the organisation controls. A supervisor's device signs the
//! release its laptops may install ([`SyncState::sign_update`]); the
//! organisation's sync server serves that manifest, or redirects to the
//! HTTPS folder the organisation names; each laptop fetches it without
//! holding the store, checks the signature against its own certificate
//! chain ([`SyncState::check_update`]), and offers the update only when it
//! is newer and has a package for this computer. Installing is the shell's
//! (Tauri's updater checks the package against the release key built into
//! the app), only with the user's consent, never while a call form is open.
//!
//! What is offered is kept by [`Updates`], so the window, the background
//! check and the install all see one answer.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use chrono::{DateTime, Duration, Utc};
use semver::Version;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

pub use crate::error::UpdateRefusal;
use crate::error::{Error, InvalidReason, PublicError, Result};
use crate::session::Session;
use crate::store::files::{read_chosen_text, write_json_atomically};
use crate::sync::client::ServerClient;
use crate::sync::identity::{own_certificate, signing_key, trust_store};
use crate::sync::{Replica, SyncState};
use hotline_protocol::updates::SignedUpdateManifest;
use hotline_protocol::Role;

/// This app's version: an offer must be newer.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

/// A manifest names one release: anything far larger was not made by
/// `hotline update sign`.
const RELEASE_LIMIT: usize = 256 * 1024;

/// How often the background check asks again while the app is unlocked.
const CHECK_EVERY: Duration = Duration::hours(6);

/// An update a supervisor signed and this laptop checked, as the window
/// shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UpdateOffer {
    pub version: String,
    pub notes: String,
    pub signed_at: DateTime<Utc>,
    /// The supervisor's device that signed.
    pub signed_by: Uuid,
    /// The newest record schema the release reads; records quarantined as
    /// "written by a newer version" up to it are applied after the update.
    pub reads_record_schema: u32,
}

/// An offer and the release text Tauri's updater installs from.
#[derive(Debug, Clone)]
pub struct VerifiedUpdate {
    pub offer: UpdateOffer,
    /// Tauri's static update JSON, exactly as the supervisor signed it.
    pub release: serde_json::Value,
}

/// What the window shows about updates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UpdateStatus {
    pub current_version: String,
    /// The record schema this app reads, to compare with an offer's.
    pub reads_record_schema: u32,
    #[ts(optional)]
    pub checked_at: Option<DateTime<Utc>>,
    #[ts(optional)]
    pub offer: Option<UpdateOffer>,
    /// Why the last check offered nothing although a manifest was there,
    /// or could not reach it.
    #[ts(optional)]
    pub problem: Option<PublicError>,
    pub checking: bool,
}

/// The part of Tauri's static update JSON an offer needs.
#[derive(Debug, Deserialize)]
struct Release {
    version: String,
    #[serde(default)]
    notes: Option<String>,
    platforms: BTreeMap<String, ReleasePackage>,
}

#[derive(Debug, Deserialize)]
struct ReleasePackage {
    url: String,
    signature: String,
}

impl Release {
    fn parse(text: &str) -> Option<(Self, Version)> {
        if text.len() > RELEASE_LIMIT {
            return None;
        }
        let release: Self = serde_json::from_str(text).ok()?;
        let version = Version::parse(&release.version).ok()?;
        let packages_named = release
            .platforms
            .values()
            .all(|package| !package.url.trim().is_empty() && !package.signature.trim().is_empty());
        (packages_named && !release.platforms.is_empty()).then_some((release, version))
    }

    /// Whether a package is named for `platform` (`linux-x86_64`), alone or
    /// with an installer kind (`linux-x86_64-deb`), as Tauri's updater looks.
    fn has_package_for(&self, platform: &str) -> bool {
        self.platforms.keys().any(|target| {
            target == platform
                || target
                    .strip_prefix(platform)
                    .is_some_and(|rest| rest.starts_with('-'))
        })
    }
}

/// This computer's platform as Tauri's updater names it.
pub fn this_platform() -> String {
    let os = match std::env::consts::OS {
        "macos" => "darwin",
        other => other,
    };
    format!("{os}-{}", std::env::consts::ARCH)
}

impl SyncState<'_> {
    /// This supervisor's device's signature of `release` (Tauri's static
    /// update JSON), for the organisation's laptops to install.
    pub fn sign_update(
        &self,
        release: &str,
        reads_record_schema: u32,
        now: DateTime<Utc>,
    ) -> Result<SignedUpdateManifest> {
        self.require_supervisor()?;
        if Release::parse(release).is_none() {
            return Err(Error::invalid("release", InvalidReason::Unknown));
        }
        let own = own_certificate(self.connection)?.ok_or(Error::SyncNotConfigured)?;
        if own.role != Role::Supervisor {
            return Err(Error::SupervisorOnly);
        }
        let mut manifest = SignedUpdateManifest {
            organisation_id: own.organisation_id,
            release: release.to_owned(),
            reads_record_schema,
            signed_at: now,
            signed_by: own.device_id,
            signature: Vec::new(),
        };
        manifest.signature = signing_key(self.connection)?
            .sign(&manifest.signed_message())
            .as_ref()
            .to_vec();
        Ok(manifest)
    }

    /// [`Self::sign_update`] of the release file at `release`, the manifest
    /// written to `out` whole or not at all.
    pub fn sign_update_file(
        &self,
        release: &Path,
        out: &Path,
        reads_record_schema: u32,
        now: DateTime<Utc>,
    ) -> Result<SignedUpdateManifest> {
        let text = read_chosen_text(release, RELEASE_LIMIT as u64)?
            .ok_or(Error::invalid("release", InvalidReason::Unknown))?;
        let manifest = self.sign_update(&text, reads_record_schema, now)?;
        write_json_atomically(out, &manifest)?;
        Ok(manifest)
    }

    /// The client that fetches the manifest from this device's server.
    pub fn update_source(&self) -> Result<ServerClient> {
        self.connection()?.client()
    }

    /// `manifest` checked against this device's certificates: the update it
    /// offers when it is newer than `current_version` and has a package for
    /// `platform`, `None` when it is not newer.
    pub fn check_update(
        &self,
        manifest: &SignedUpdateManifest,
        current_version: &str,
        platform: &str,
    ) -> Result<Option<VerifiedUpdate>> {
        let trust = trust_store(self.connection)?;
        trust
            .signer_of_update(manifest)
            .map_err(|problem| Error::UpdateRefused(UpdateRefusal::of(problem)))?;
        let (release, version) = Release::parse(&manifest.release)
            .ok_or(Error::UpdateRefused(UpdateRefusal::NotAManifest))?;
        let current = Version::parse(current_version)
            .map_err(|_| Error::UpdateRefused(UpdateRefusal::NotAManifest))?;
        if version <= current {
            return Ok(None);
        }
        if !release.has_package_for(platform) {
            return Err(Error::UpdateRefused(
                UpdateRefusal::NoPackageForThisComputer,
            ));
        }
        let raw = serde_json::from_str(&manifest.release)
            .map_err(|_| Error::UpdateRefused(UpdateRefusal::NotAManifest))?;
        Ok(Some(VerifiedUpdate {
            offer: UpdateOffer {
                version: version.to_string(),
                notes: release.notes.unwrap_or_default(),
                signed_at: manifest.signed_at,
                signed_by: manifest.signed_by,
                reads_record_schema: manifest.reads_record_schema,
            },
            release: raw,
        }))
    }
}

/// What the last check found, shared by the window, the background check
/// and the install.
#[derive(Debug, Default)]
pub struct Updates {
    last: Mutex<LastCheck>,
}

#[derive(Debug, Default)]
struct LastCheck {
    checked_at: Option<DateTime<Utc>>,
    verified: Option<VerifiedUpdate>,
    problem: Option<PublicError>,
    checking: bool,
}

impl Updates {
    pub fn status(&self) -> UpdateStatus {
        let last = self.last();
        UpdateStatus {
            current_version: APP_VERSION.to_owned(),
            reads_record_schema: crate::sync::RECORD_SCHEMA,
            checked_at: last.checked_at,
            offer: last
                .verified
                .as_ref()
                .map(|verified| verified.offer.clone()),
            problem: last.problem.clone(),
            checking: last.checking,
        }
    }

    /// Whether the background check should ask again.
    pub fn due(&self, now: DateTime<Utc>) -> bool {
        self.last()
            .checked_at
            .is_none_or(|checked_at| now - checked_at >= CHECK_EVERY)
    }

    /// Fetches the manifest (the store is reached only before and after,
    /// never across the network call), checks it, and keeps the answer. A
    /// problem replaces an earlier offer: an offer is never older than the
    /// last manifest seen.
    pub fn check(&self, replica: &impl Replica, now: DateTime<Utc>) -> UpdateStatus {
        self.last().checking = true;
        let outcome = replica
            .sync_step(|sync| sync.update_source())
            .and_then(|client| client.update_manifest())
            .and_then(|manifest| match manifest {
                None => Ok(None),
                Some(manifest) => replica
                    .sync_step(|sync| sync.check_update(&manifest, APP_VERSION, &this_platform())),
            });
        let mut last = self.last();
        last.checking = false;
        last.checked_at = Some(now);
        match outcome {
            Ok(verified) => {
                last.verified = verified;
                last.problem = None;
            }
            Err(error) => {
                last.verified = None;
                last.problem = Some(error.to_public());
            }
        }
        drop(last);
        self.status()
    }

    /// The release to install: the one offered now, and only while
    /// `session`'s account has no call form open (an unfinished draft), since
    /// installing restarts the app.
    pub fn release_to_install(&self, session: &Session) -> Result<VerifiedUpdate> {
        if !session.call_log().own_drafts()?.is_empty() {
            return Err(Error::CallFormOpen);
        }
        self.last().verified.clone().ok_or(Error::NoUpdateOffered)
    }

    fn last(&self) -> MutexGuard<'_, LastCheck> {
        self.last
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RELEASE: &str = r#"{"version":"1.5.0","notes":"Labojumi","pub_date":"2026-12-07T10:00:00Z","platforms":{"linux-x86_64":{"url":"https://updates.example/a.tar.gz","signature":"c2ln"},"windows-x86_64-nsis":{"url":"https://updates.example/a.exe","signature":"c2ln"}}}"#;

    #[test]
    fn a_package_is_found_alone_or_with_its_installer_kind() {
        let (release, version) = Release::parse(RELEASE).expect("release");
        assert_eq!(version, Version::new(1, 5, 0));
        assert!(release.has_package_for("linux-x86_64"));
        assert!(release.has_package_for("windows-x86_64"));
        assert!(!release.has_package_for("darwin-aarch64"));
        assert!(!release.has_package_for("linux-x86"));
    }

    #[test]
    fn a_release_without_version_packages_or_signatures_is_not_one() {
        assert!(Release::parse(r#"{"version":"soon","platforms":{}}"#).is_none());
        assert!(Release::parse(r#"{"version":"1.5.0","platforms":{}}"#).is_none());
        assert!(Release::parse(
            r#"{"version":"1.5.0","platforms":{"linux-x86_64":{"url":"https://x/a","signature":" "}}}"#
        )
        .is_none());
        assert!(Release::parse("not json").is_none());
    }

    #[test]
    fn this_platform_is_named_as_tauri_names_it() {
        let platform = this_platform();
        assert!(platform.contains(std::env::consts::ARCH), "{platform}");
        assert!(!platform.starts_with("macos"), "{platform}");
    }
}
