//! The relay's limits, against a real server process: registration needs
//! the operator's secret when one is set; a device over its request rate is
//! told to wait while the others go on, and its sync resumes; a request
//! whose body never arrives is cut off.

mod common;

use std::io::{Read as _, Write as _};
use std::net::TcpStream;
use std::time::Duration;

use chrono::Utc;
use common::Server;
use hotline_core::sync::{self, Register};
use hotline_core::testkit::forger::Forger;
use hotline_core::{Error, Region, Role};

const SECRET: &str = "harbour-7-lantern";

fn register(
    laptop: &common::Laptop,
    server: &Server,
    secret: Option<&str>,
) -> hotline_core::Result<()> {
    sync::run(
        &laptop.session,
        Register {
            server_url: server.url(),
            server_certificate: None,
            registration_secret: secret.map(str::to_owned),
            device_name: "Supervisor laptop".into(),
            now: Utc::now(),
        },
    )
}

/// Guards the secret check in `registration_refusal`.
#[test]
fn a_server_with_a_registration_secret_registers_only_with_it() {
    let temp = tempfile::tempdir().expect("tempdir");
    let server = Server::start_with_options(
        &temp.path().join("server"),
        &["--registration-secret", SECRET],
    );
    let laptop = common::new_supervisor_laptop(temp.path());
    for wrong in [None, Some("harbour-7-lanterns")] {
        let refused = register(&laptop, &server, wrong).expect_err("refused");
        assert!(
            matches!(&refused, Error::ServerRejected { status: 403, message } if message.contains("registration secret")),
            "{refused:?}"
        );
        let status = laptop.session.sync().status().expect("status");
        assert!(!status.connected, "a refused registration changes nothing");
    }
    register(&laptop, &server, Some(SECRET)).expect("registered with the secret");
    laptop.sync().expect("sync");
}

/// Guards the limiter check in `token_holder`: without it the flood below
/// is answered in full and `busy` is never found.
#[test]
fn a_device_over_its_request_rate_waits_while_others_sync_and_then_resumes() {
    let temp = tempfile::tempdir().expect("tempdir");
    let server = Server::start_with_options(
        &temp.path().join("server"),
        &["--rate-limit", "1", "--rate-burst", "40"],
    );
    let supervisor = common::supervisor_laptop(temp.path(), &server.url());
    let latgale = common::enrol(
        &supervisor,
        temp.path(),
        "latgale",
        Role::Consultant,
        Region::Latgale,
    );
    latgale.sync().expect("join");
    let hostile = Forger::new(&latgale.session).expect("the laptop, flooding");
    let busy = (0..100)
        .find_map(|_| hostile.pull_all().err())
        .expect("the server stops answering the flood");
    let Error::ServerBusy {
        retry_after_seconds,
    } = busy
    else {
        panic!("{busy:?}");
    };
    assert!(
        (1..=2).contains(&retry_after_seconds),
        "{retry_after_seconds}"
    );

    supervisor.sync().expect("another device syncs meanwhile");
    let call = latgale.log_call(Region::Latgale, "Zvans pēc plūdiem");
    assert!(matches!(latgale.sync(), Err(Error::ServerBusy { .. })));
    let status = latgale.session.sync().status().expect("status");
    assert_eq!(
        status.last_error.map(|error| error.code.as_str()),
        Some("serverBusy")
    );
    assert_eq!(status.waiting, 1, "the call waits on the laptop");

    std::thread::sleep(Duration::from_secs(8));
    latgale
        .sync()
        .expect("the round resumes once the device has waited");
    supervisor.sync().expect("pull");
    assert!(supervisor.calls().contains_key(&call), "nothing was lost");
}

/// Guards the `TimeoutLayer` in `router`: without it the server waits for
/// the body for as long as the client holds the connection open.
#[test]
fn a_request_whose_body_never_arrives_is_cut_off() {
    let temp = tempfile::tempdir().expect("tempdir");
    let server =
        Server::start_with_options(&temp.path().join("server"), &["--request-timeout", "1"]);
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .expect("timeout");
    stream
        .write_all(
            b"POST /v2/organisations HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\
              Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{",
        )
        .expect("send the start of a request");
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
}
