//! Sync over HTTPS with an organisation's own certificate authority: the
//! supervisor gives its certificate at registration, enrolment packages carry
//! it, and devices trust it alone. A server whose certificate the device does
//! not trust is refused with its own error, not taken for "offline".

mod common;

use std::path::{Path, PathBuf};

use common::{Laptop, Server};
use hotline_core::{Error, ErrorCode, Region, Role};
use rcgen::{BasicConstraints, CertificateParams, IsCa, Issuer, KeyPair};

/// A certificate authority and a server certificate for `localhost` that it
/// signed, written as PEM files.
struct Authority {
    certificate_pem: String,
    server_certificate: PathBuf,
    server_key: PathBuf,
}

impl Authority {
    fn new(dir: &Path, name: &str) -> Self {
        let ca_key = KeyPair::generate().expect("CA key");
        let mut ca_params = CertificateParams::new(Vec::new()).expect("CA params");
        ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        ca_params
            .distinguished_name
            .push(rcgen::DnType::CommonName, format!("{name} CA"));
        let ca_certificate = ca_params.self_signed(&ca_key).expect("CA certificate");
        let issuer = Issuer::new(ca_params, ca_key);
        let server_key = KeyPair::generate().expect("server key");
        let server_certificate = CertificateParams::new(vec!["localhost".to_owned()])
            .expect("server params")
            .signed_by(&server_key, &issuer)
            .expect("server certificate");
        let certificate_path = dir.join(format!("{name}-server.pem"));
        let key_path = dir.join(format!("{name}-server.key"));
        std::fs::write(&certificate_path, server_certificate.pem()).expect("write certificate");
        std::fs::write(&key_path, server_key.serialize_pem()).expect("write key");
        Self {
            certificate_pem: ca_certificate.pem(),
            server_certificate: certificate_path,
            server_key: key_path,
        }
    }
}

fn untrusted(outcome: hotline_core::Result<impl std::fmt::Debug>) -> Error {
    let error = outcome.expect_err("the certificate is not trusted");
    assert!(
        matches!(error, Error::ServerCertificateUntrusted(_)),
        "{error:?}"
    );
    assert_eq!(
        error.to_public().code,
        ErrorCode::ServerCertificateUntrusted
    );
    error
}

#[test]
fn devices_sync_over_tls_trusting_the_organisation_certificate_alone() {
    let temp = tempfile::tempdir().expect("tempdir");
    let organisation = Authority::new(temp.path(), "organisation");
    let server = Server::start_with_tls(
        &temp.path().join("server"),
        &organisation.server_certificate,
        &organisation.server_key,
    );
    assert!(server.url().starts_with("https://"));

    // Without the organisation's certificate, the public roots do not vouch
    // for the server: registration fails and leaves the laptop unconnected.
    let supervisor = common::new_supervisor_laptop(temp.path());
    untrusted(common::register(&supervisor.session, &server.url(), None));
    assert!(
        !supervisor
            .session
            .sync()
            .status()
            .expect("status")
            .connected
    );

    common::register(
        &supervisor.session,
        &server.url(),
        Some(&organisation.certificate_pem),
    )
    .expect("register trusting the organisation's CA");
    let call = supervisor.log_call(Region::Latgale, "Darbs Anglijā, pases atņemtas");
    supervisor.sync().expect("push over TLS");

    // The package carries the certificate: the new laptop trusts it at once.
    let latgale: Laptop = common::enrol(
        &supervisor,
        temp.path(),
        "latgale",
        Role::Consultant,
        Region::Latgale,
    );
    latgale.sync().expect("pull over TLS");
    assert!(latgale.calls().contains_key(&call));
}

#[test]
fn a_server_with_another_authority_certificate_is_refused_clearly() {
    let temp = tempfile::tempdir().expect("tempdir");
    let organisation = Authority::new(temp.path(), "organisation");
    let impostor = Authority::new(temp.path(), "impostor");
    let mut server = Server::start_with_tls(
        &temp.path().join("server"),
        &organisation.server_certificate,
        &organisation.server_key,
    );
    let supervisor = common::new_supervisor_laptop(temp.path());
    common::register(
        &supervisor.session,
        &server.url(),
        Some(&organisation.certificate_pem),
    )
    .expect("register");
    supervisor.sync().expect("first sync");
    let call = supervisor.log_call(Region::Riga, "Fiktīvas laulības piedāvājums Kiprā");
    let waiting = supervisor.session.sync().status().expect("status").waiting;
    assert!(waiting > 0);

    // Someone else's server answers at the same address (a hijacked name),
    // with a certificate from another authority.
    server.restart_with_tls(&impostor.server_certificate, &impostor.server_key);
    let error = untrusted(supervisor.sync());
    assert!(
        error.to_public().message.en.contains("not trusted"),
        "{}",
        error.to_public().message.en
    );
    let status = supervisor.session.sync().status().expect("status");
    assert_eq!(status.waiting, waiting, "nothing went to the impostor");
    assert_eq!(
        status.last_error.map(|error| error.code),
        Some(ErrorCode::ServerCertificateUntrusted),
        "the indicator shows an error, not \"offline\""
    );
    assert!(supervisor.calls().contains_key(&call));

    // The real server back: the waiting call goes out.
    server.restart_with_tls(&organisation.server_certificate, &organisation.server_key);
    let report = supervisor.sync().expect("sync again");
    assert!(report.pushed >= u32::try_from(waiting).expect("small"));
    assert_eq!(
        supervisor.session.sync().status().expect("status").waiting,
        0
    );
}
