//! `hotline sync` and `hotline device` against a real `hotline-sync-server`:
//! register, enrol a consultant's laptop with a package and a code, sync a
//! call across, list and revoke the device.

mod common;

use std::io::{BufRead as _, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use common::*;

const CONSULTANT_PASSPHRASE: &str = "Jāņa garā parole";
const CONSULTANT_ENV: [(&str, &str); 2] = [
    ("HOTLINE_USER", "janis"),
    ("HOTLINE_PASSPHRASE", CONSULTANT_PASSPHRASE),
];

/// The server binary, built by `cargo test --workspace` next to this test's.
fn server_binary() -> PathBuf {
    let dir = std::env::current_exe()
        .expect("test path")
        .parent()
        .and_then(Path::parent)
        .expect("target dir")
        .to_owned();
    let binary = dir.join(format!(
        "hotline-sync-server{}",
        std::env::consts::EXE_SUFFIX
    ));
    assert!(
        binary.exists(),
        "{} is missing: run `cargo build -p hotline-sync-server` (the test suite builds it)",
        binary.display()
    );
    binary
}

struct Server(Child, String);

impl Server {
    fn start(data_dir: &Path) -> Self {
        let mut child = Command::new(server_binary())
            .args(["--listen", "127.0.0.1:0", "--data-dir"])
            .arg(data_dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the server");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("address");
        let url = line.trim().rsplit(' ').next().expect("url").to_owned();
        Self(child, url)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn succeeds(output: &std::process::Output) -> String {
    assert!(output.status.success(), "{}", stderr(output));
    stdout(output)
}

#[test]
fn a_consultant_laptop_enrolled_from_the_cli_syncs_its_calls_until_revoked() {
    let office = initialised();
    let laptop = tempfile::tempdir().expect("tempdir");
    let server = Server::start(&office.path().join("server"));

    let registered = succeeds(&hotline(
        office.path(),
        &[
            "sync",
            "register",
            "--server",
            &server.1,
            "--device-name",
            "Office PC",
        ],
        &SUPERVISOR_ENV,
    ));
    // The account and the audit entries of setting up, signing in and
    // registering.
    assert!(registered.contains("Synced: 5 pushed"), "{registered}");

    let package = office.path().join("latgale.package");
    let enrolled = succeeds(&hotline(
        office.path(),
        &[
            "device",
            "enrol",
            "--name",
            "Latgale laptop",
            "--role",
            "consultant",
            "--region",
            "latgale",
            "--out",
        ]
        .iter()
        .copied()
        .chain([package.to_str().expect("utf-8 path")])
        .collect::<Vec<_>>(),
        &SUPERVISOR_ENV,
    ));
    let code = enrolled
        .lines()
        .find_map(|line| line.strip_prefix("Read this code to the device's user: "))
        .expect("the code is printed")
        .to_owned();

    let wrong = hotline(
        laptop.path(),
        &[
            "device",
            "join",
            "--package",
            package.to_str().expect("path"),
            "--display-name",
            "Jānis",
        ],
        &[
            ("HOTLINE_USER", "janis"),
            ("HOTLINE_PASSPHRASE", CONSULTANT_PASSPHRASE),
            ("HOTLINE_ENROLMENT_CODE", "AAAA-AAAA-AAAA-AAAA"),
        ],
    );
    assert!(!wrong.status.success());
    assert!(
        stderr(&wrong).contains("enrolmentCodeWrong"),
        "{}",
        stderr(&wrong)
    );

    let joined = succeeds(&hotline(
        laptop.path(),
        &[
            "device",
            "join",
            "--package",
            package.to_str().expect("path"),
            "--display-name",
            "Jānis",
        ],
        &[
            ("HOTLINE_USER", "janis"),
            ("HOTLINE_PASSPHRASE", CONSULTANT_PASSPHRASE),
            ("HOTLINE_ENROLMENT_CODE", &code),
        ],
    ));
    assert!(joined.contains("consultant, latgale"), "{joined}");

    let call = example_call(office.path(), "latgale", "Darba piedāvājums Kiprā");
    succeeds(&hotline_with_input(
        laptop.path(),
        &["call", "add", "--json", "-"],
        &CONSULTANT_ENV,
        &call,
    ));
    let status = succeeds(&hotline(
        laptop.path(),
        &["sync", "status"],
        &CONSULTANT_ENV,
    ));
    assert!(
        status.contains("Changes waiting: 1"),
        "the new call waits: {status}"
    );
    succeeds(&hotline(laptop.path(), &["sync"], &CONSULTANT_ENV));
    succeeds(&hotline(office.path(), &["sync"], &SUPERVISOR_ENV));
    let listed = succeeds(&hotline(office.path(), &["call", "list"], &SUPERVISOR_ENV));
    assert!(
        listed.contains("latgale"),
        "the consultant's call arrived: {listed}"
    );

    let devices = succeeds(&hotline(
        office.path(),
        &["device", "list"],
        &SUPERVISOR_ENV,
    ));
    let latgale = devices
        .lines()
        .find(|line| line.contains("Latgale laptop"))
        .expect("listed");
    let device_id = latgale.split_whitespace().next().expect("id");
    succeeds(&hotline(
        office.path(),
        &["device", "revoke", device_id],
        &SUPERVISOR_ENV,
    ));
    let refused = hotline(laptop.path(), &["sync"], &CONSULTANT_ENV);
    assert!(!refused.status.success());
    assert!(
        stderr(&refused).contains("deviceNotAuthorised"),
        "{}",
        stderr(&refused)
    );

    let offline = hotline(office.path(), &["sync"], &SUPERVISOR_ENV);
    assert!(
        offline.status.success(),
        "still connected: {}",
        stderr(&offline)
    );
    drop(server);
    let offline = hotline(office.path(), &["sync"], &SUPERVISOR_ENV);
    assert!(
        stderr(&offline).contains("serverUnreachable"),
        "{}",
        stderr(&offline)
    );
}
