//! The `hotline` binary as an administrator uses it, on a real data directory.

use std::path::Path;
use std::process::{Command, Output};

const SUPERVISOR_PASSPHRASE: &str = "supervizora parole 1";
/// The environment that signs the first supervisor in.
const SUPERVISOR_ENV: [(&str, &str); 2] = [
    ("HOTLINE_USER", "anna"),
    ("HOTLINE_PASSPHRASE", SUPERVISOR_PASSPHRASE),
];

fn hotline(data_dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_hotline"));
    command
        .args(args)
        .env_remove("HOTLINE_USER")
        .env_remove("HOTLINE_PASSPHRASE")
        .env_remove("HOTLINE_NEW_PASSPHRASE")
        .env("HOTLINE_DATA_DIR", data_dir)
        .env("LANG", "C");
    for (name, value) in env {
        command.env(name, value);
    }
    command.output().expect("run hotline")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn init(data_dir: &Path) {
    let output = hotline(
        data_dir,
        &[
            "init",
            "--org",
            "Drošā māja",
            "--user",
            "anna",
            "--display-name",
            "Anna Bērziņa",
        ],
        &[("HOTLINE_PASSPHRASE", SUPERVISOR_PASSPHRASE)],
    );
    assert!(output.status.success(), "init failed: {}", stderr(&output));
}

#[test]
fn init_then_status_shows_the_organisation_and_the_supervisor() {
    let temp = tempfile::tempdir().expect("tempdir");
    let before = hotline(temp.path(), &["status"], &[]);
    assert!(stdout(&before).contains("not set up"));
    init(temp.path());
    let status = hotline(
        temp.path(),
        &["status"],
        &[
            ("HOTLINE_USER", "anna"),
            ("HOTLINE_PASSPHRASE", SUPERVISOR_PASSPHRASE),
        ],
    );
    assert!(status.status.success(), "{}", stderr(&status));
    let text = stdout(&status);
    assert!(text.contains("Organisation: Drošā māja"), "{text}");
    assert!(
        text.contains("Signed in as: anna (supervisor, riga)"),
        "{text}"
    );
    assert!(text.contains("Auto-lock after: 10 min"), "{text}");
}

#[test]
fn init_twice_fails_with_a_clear_message_and_exit_code() {
    let temp = tempfile::tempdir().expect("tempdir");
    init(temp.path());
    let again = hotline(
        temp.path(),
        &[
            "--data-dir",
            &temp.path().display().to_string(),
            "init",
            "--org",
            "X",
            "--user",
            "x1",
            "--display-name",
            "X",
        ],
        &[("HOTLINE_PASSPHRASE", SUPERVISOR_PASSPHRASE)],
    );
    assert!(!again.status.success());
    assert!(
        stderr(&again).contains("already set up"),
        "{}",
        stderr(&again)
    );
    assert!(stderr(&again).contains("code: alreadySetUp"));
}

#[test]
fn supervisor_adds_a_consultant_who_changes_their_own_passphrase() {
    let temp = tempfile::tempdir().expect("tempdir");
    init(temp.path());
    let supervisor = SUPERVISOR_ENV;
    let add = hotline(
        temp.path(),
        &[
            "user",
            "add",
            "janis",
            "--role",
            "consultant",
            "--region",
            "Latgale",
            "--display-name",
            "Jānis",
        ],
        &[
            supervisor[0],
            supervisor[1],
            ("HOTLINE_NEW_PASSPHRASE", "Jāņa pirmā parole"),
        ],
    );
    assert!(add.status.success(), "{}", stderr(&add));
    assert!(stdout(&add).contains("Added janis (consultant, latgale)"));

    let list = hotline(temp.path(), &["user", "list"], &supervisor);
    assert!(stdout(&list).contains("janis"));
    assert!(stdout(&list).contains("anna"));

    let passwd = hotline(
        temp.path(),
        &["--user", "janis", "user", "passwd"],
        &[
            ("HOTLINE_PASSPHRASE", "Jāņa pirmā parole"),
            ("HOTLINE_NEW_PASSPHRASE", "Jāņa otrā parole"),
        ],
    );
    assert!(passwd.status.success(), "{}", stderr(&passwd));
    let old = hotline(
        temp.path(),
        &["--user", "janis", "status"],
        &[("HOTLINE_PASSPHRASE", "Jāņa pirmā parole")],
    );
    assert!(!old.status.success());
    assert!(stderr(&old).contains("Wrong login or passphrase"));
    let new = hotline(
        temp.path(),
        &["--user", "janis", "status"],
        &[("HOTLINE_PASSPHRASE", "Jāņa otrā parole")],
    );
    assert!(new.status.success(), "{}", stderr(&new));
}

#[test]
fn bad_input_is_refused_with_what_to_do() {
    let temp = tempfile::tempdir().expect("tempdir");
    init(temp.path());
    let supervisor = SUPERVISOR_ENV;
    let bad_region = hotline(
        temp.path(),
        &[
            "user",
            "add",
            "ilze",
            "--role",
            "consultant",
            "--region",
            "Tallinn",
            "--display-name",
            "Ilze",
        ],
        &[
            supervisor[0],
            supervisor[1],
            ("HOTLINE_NEW_PASSPHRASE", "pietiekami gara"),
        ],
    );
    assert!(!bad_region.status.success());
    assert!(
        stderr(&bad_region).contains("choose one from the list"),
        "{}",
        stderr(&bad_region)
    );

    let short = hotline(
        temp.path(),
        &[
            "user",
            "add",
            "ilze",
            "--role",
            "consultant",
            "--region",
            "kurzeme",
            "--display-name",
            "Ilze",
        ],
        &[
            supervisor[0],
            supervisor[1],
            ("HOTLINE_NEW_PASSPHRASE", "īsa"),
        ],
    );
    assert!(!short.status.success());
    assert!(stderr(&short).contains("at least 10 characters"));

    let no_user = hotline(
        temp.path(),
        &["user", "list"],
        &[("HOTLINE_PASSPHRASE", SUPERVISOR_PASSPHRASE)],
    );
    assert!(!no_user.status.success());
    assert!(stderr(&no_user).contains("code: invalidInput"));
}

#[test]
fn messages_are_latvian_under_a_latvian_locale() {
    let temp = tempfile::tempdir().expect("tempdir");
    init(temp.path());
    let wrong = hotline(
        temp.path(),
        &["--user", "anna", "status"],
        &[
            ("HOTLINE_PASSPHRASE", "nepareiza parole"),
            ("LANG", "lv_LV.UTF-8"),
        ],
    );
    assert!(!wrong.status.success());
    assert!(
        stderr(&wrong).contains("Nepareizs lietotājvārds vai parole"),
        "{}",
        stderr(&wrong)
    );
}

#[test]
fn calls_and_follow_ups_list_without_notes() {
    let temp = tempfile::tempdir().expect("tempdir");
    init(temp.path());
    let supervisor = SUPERVISOR_ENV;
    let empty = hotline(temp.path(), &["calls", "list"], &supervisor);
    assert!(empty.status.success(), "{}", stderr(&empty));
    assert!(stdout(&empty).contains("0 call(s)"));
    let follow_ups = hotline(temp.path(), &["calls", "follow-ups"], &supervisor);
    assert!(stdout(&follow_ups).contains("0 open follow-up(s)"));
    let bad_date = hotline(
        temp.path(),
        &["calls", "list", "--from", "23.11.2026"],
        &supervisor,
    );
    assert!(!bad_date.status.success(), "dates are yyyy-mm-dd");
}
