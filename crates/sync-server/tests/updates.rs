//! Updates the organisation controls (issue 20, item 9), through a real
//! sync server process on 127.0.0.1 serving its updates folder: a release a
//! supervisor's device signed is offered on a consultant's laptop; the same
//! manifest changed by one letter, or not newer, is not; installing waits
//! while a call form is open.

mod common;

use std::path::{Path, PathBuf};

use common::{enrol, now, supervisor_laptop, Laptop, Server};
use hotline_core::updates::{this_platform, UpdateStatus, Updates};
use hotline_core::{Error, ErrorCode, Region, Role};

/// A release as `tauri build` describes it, with a package for this computer.
fn release(version: &str) -> String {
    format!(
        r#"{{"version":"{version}","notes":"Jaunā versija: labojumi zvanu formā.","pub_date":"2026-12-07T10:00:00Z","platforms":{{"{}":{{"url":"https://updates.example/hotline-desk_{version}.tar.gz","signature":"dW50cnVzdGVkIGNvbW1lbnQ="}}}}}}"#,
        this_platform()
    )
}

struct Organisation {
    _temp: tempfile::TempDir,
    updates: PathBuf,
    _server: Server,
    supervisor: Laptop,
    consultant: Laptop,
}

impl Organisation {
    fn new() -> Self {
        let temp = tempfile::tempdir().expect("tempdir");
        let updates = temp.path().join("updates");
        std::fs::create_dir_all(&updates).expect("updates folder");
        let server = Server::start_with_options(
            &temp.path().join("server"),
            &["--updates-dir", updates.to_str().expect("a UTF-8 path")],
        );
        let supervisor = supervisor_laptop(temp.path(), &server.url());
        let consultant = enrol(
            &supervisor,
            temp.path(),
            "latgale",
            Role::Consultant,
            Region::Latgale,
        );
        supervisor.sync().expect("the supervisor's round");
        consultant.sync().expect("the consultant's round");
        Self {
            _temp: temp,
            updates,
            _server: server,
            supervisor,
            consultant,
        }
    }

    /// The supervisor signs `version` and puts the manifest in the server's folder.
    fn publish(&self, version: &str) -> PathBuf {
        let release_file = self.updates.join("release.json");
        std::fs::write(&release_file, release(version)).expect("release file");
        let manifest = self.updates.join("manifest.json");
        self.supervisor
            .session
            .sync()
            .sign_update_file(&release_file, &manifest, 3, now())
            .expect("a supervisor signs the release");
        manifest
    }

    fn check_on_consultant(&self) -> (Updates, UpdateStatus) {
        let updates = Updates::default();
        let status = updates.check(&self.consultant.session, now());
        (updates, status)
    }
}

fn rewrite(manifest: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(manifest).expect("manifest");
    assert!(text.contains(from), "{from} is in the manifest");
    std::fs::write(manifest, text.replace(from, to)).expect("tampered manifest");
}

#[test]
fn a_release_a_supervisor_signed_is_offered_from_the_organisations_server() {
    let organisation = Organisation::new();
    organisation.publish("99.0.0");
    let (_, status) = organisation.check_on_consultant();
    assert_eq!(status.problem, None);
    let offer = status.offer.expect("the update is offered");
    assert_eq!(offer.version, "99.0.0");
    assert_eq!(offer.notes, "Jaunā versija: labojumi zvanu formā.");
    assert_eq!(offer.reads_record_schema, 3);
    assert!(status.checked_at.is_some());
}

/// Guards the signature check in `TrustStore::signer_of_update`, as
/// `SyncState::check_update` applies it: whoever can write to the update
/// folder (or sits between it and the laptop) and changes the release after
/// the supervisor signed it (here, to point at another version's package)
/// gets a clear refusal, and nothing is offered.
#[test]
fn a_manifest_changed_after_signing_is_refused_with_a_clear_message() {
    let organisation = Organisation::new();
    let manifest = organisation.publish("99.0.0");
    rewrite(&manifest, "hotline-desk_99.0.0", "hotline-desk_98.0.0");
    let (updates, status) = organisation.check_on_consultant();
    assert_eq!(status.offer, None);
    let problem = status.problem.expect("the refusal is shown");
    assert_eq!(problem.code, ErrorCode::UpdateRefused);
    assert!(
        problem.message.en.contains("changed after it was signed"),
        "{}",
        problem.message.en
    );
    assert!(problem.message.lv.contains("mainīts pēc parakstīšanas"));
    assert!(matches!(
        updates.release_to_install(&organisation.consultant.session),
        Err(Error::NoUpdateOffered)
    ));
}

#[test]
fn no_manifest_or_an_older_release_offers_nothing_and_is_no_problem() {
    let organisation = Organisation::new();
    let (_, status) = organisation.check_on_consultant();
    assert_eq!((status.offer, status.problem), (None, None));
    organisation.publish("0.0.1");
    let (_, status) = organisation.check_on_consultant();
    assert_eq!((status.offer, status.problem), (None, None));
}

#[test]
fn a_garbled_manifest_is_refused_as_unreadable() {
    let organisation = Organisation::new();
    std::fs::write(
        organisation.updates.join("manifest.json"),
        "<html>Not found</html>",
    )
    .expect("garbled manifest");
    let (_, status) = organisation.check_on_consultant();
    assert_eq!(status.offer, None);
    assert_eq!(
        status.problem.map(|problem| problem.code),
        Some(ErrorCode::UpdateRefused)
    );
}

/// Guards the draft check in `Updates::release_to_install`: installing
/// restarts the app, so it waits while a call form is open.
#[test]
fn installing_waits_while_a_call_form_is_open() {
    let organisation = Organisation::new();
    organisation.publish("99.0.0");
    let (updates, status) = organisation.check_on_consultant();
    assert!(status.offer.is_some());
    let consultant = &organisation.consultant.session;
    let draft = consultant.call_log().start(now()).expect("a call form");
    assert!(matches!(
        updates.release_to_install(consultant),
        Err(Error::CallFormOpen)
    ));
    consultant
        .call_log()
        .discard_draft(draft.id, now())
        .expect("the form is closed");
    let release = updates
        .release_to_install(consultant)
        .expect("with no form open, the release is handed to the installer");
    assert_eq!(release.offer.version, "99.0.0");
    assert_eq!(release.release["version"], "99.0.0");
}

#[test]
fn only_a_supervisor_signs_a_release() {
    let organisation = Organisation::new();
    let release_file = organisation.updates.join("release.json");
    std::fs::write(&release_file, release("99.0.0")).expect("release file");
    let refused = organisation.consultant.session.sync().sign_update_file(
        &release_file,
        &organisation.updates.join("manifest.json"),
        3,
        now(),
    );
    assert!(matches!(refused, Err(Error::SupervisorOnly)), "{refused:?}");
    assert!(!organisation.updates.join("manifest.json").exists());
}
