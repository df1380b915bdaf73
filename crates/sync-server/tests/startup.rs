//! Starting the server with a database it cannot use fails at once, says why,
//! and never echoes the password it was given.

mod common;

use std::process::Command;

#[test]
fn a_wrong_postgres_password_stops_the_server_with_the_reason() {
    if !common::postgres_available() {
        return;
    }
    let admin_url = std::env::var("HOTLINE_TEST_POSTGRES_URL").expect("url");
    let (_, host_and_database) = admin_url.split_once('@').expect("user@host");
    let output = Command::new(env!("CARGO_BIN_EXE_hotline-sync-server"))
        .arg("--database-url")
        .arg(format!(
            "postgres://hotline_test:Wrong-Secret-9@{host_and_database}"
        ))
        .args(["--listen", "127.0.0.1:0"])
        .env("RUST_BACKTRACE", "0")
        .output()
        .expect("run hotline-sync-server");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(output.stdout.is_empty(), "it never announced an address");
    assert!(stderr.contains("--database-url"), "{stderr}");
    assert!(
        stderr.contains("password authentication failed"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("Wrong-Secret-9"),
        "the password leaked: {stderr}"
    );
}

#[test]
fn without_a_data_dir_or_database_url_the_server_says_which_to_give() {
    let output = Command::new(env!("CARGO_BIN_EXE_hotline-sync-server"))
        .args(["--listen", "127.0.0.1:0"])
        .env_remove("HOTLINE_SYNC_DATA_DIR")
        .env_remove("HOTLINE_SYNC_DATABASE_URL")
        .output()
        .expect("run hotline-sync-server");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(stderr.contains("--data-dir"), "{stderr}");
}
