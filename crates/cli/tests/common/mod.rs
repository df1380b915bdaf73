//! Running the real `hotline` binary on a real data directory.

#![allow(dead_code)] // each test binary uses its own part of it

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

pub const SUPERVISOR_PASSPHRASE: &str = "supervizora parole 1";
/// The environment that signs the first supervisor in.
pub const SUPERVISOR_ENV: [(&str, &str); 2] = [
    ("HOTLINE_USER", "anna"),
    ("HOTLINE_PASSPHRASE", SUPERVISOR_PASSPHRASE),
];

pub fn hotline(data_dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    command(data_dir, args, env).output().expect("run hotline")
}

/// Runs `hotline` with `input` on its standard input.
pub fn hotline_with_input(
    data_dir: &Path,
    args: &[&str],
    env: &[(&str, &str)],
    input: &str,
) -> Output {
    let mut child = command(data_dir, args, env)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run hotline");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("write stdin");
    child.wait_with_output().expect("hotline output")
}

pub fn command(data_dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Command {
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
    command
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

pub fn init(data_dir: &Path) {
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

/// A data directory set up with `hotline init` (organisation + supervisor anna).
pub fn initialised() -> tempfile::TempDir {
    let temp = tempfile::tempdir().expect("tempdir");
    init(temp.path());
    temp
}

pub fn example_call(temp: &Path, region: &str, notes: &str) -> String {
    let example = hotline(temp, &["call", "example"], &SUPERVISOR_ENV);
    assert!(example.status.success(), "{}", stderr(&example));
    let mut call: serde_json::Value =
        serde_json::from_slice(&example.stdout).expect("example is JSON");
    call["region"] = region.into();
    call["notes"] = notes.into();
    call.to_string()
}

pub fn add_call(temp: &Path, json: &str) -> String {
    let added = hotline_with_input(temp, &["call", "add", "--json", "-"], &SUPERVISOR_ENV, json);
    assert!(added.status.success(), "{}", stderr(&added));
    stdout(&added).trim().to_owned()
}
