//! `hotline call export`: the chosen columns only, notes only when named,
//! the audit entry, an unknown column and a consultant refused.

mod common;

use std::path::Path;

use chrono::{Days, Utc};
use common::*;

const CANARY: &str = "KANĀRIJPUTNS";

fn export(temp: &Path, extra: &[&str], env: &[(&str, &str)]) -> std::process::Output {
    let today = Utc::now().date_naive();
    let from = today
        .checked_sub_days(Days::new(40))
        .expect("date")
        .to_string();
    let to = today
        .checked_add_days(Days::new(1))
        .expect("date")
        .to_string();
    let mut args = vec!["call", "export", "--from", &from, "--to", &to];
    args.extend(extra);
    hotline(temp, &args, env)
}

#[test]
fn only_the_named_columns_are_written_and_notes_only_when_named() {
    let temp = initialised();
    add_call(temp.path(), &example_call(temp.path(), "riga", CANARY));
    add_call(temp.path(), &example_call(temp.path(), "latgale", CANARY));
    let out = temp.path().join("zvani.csv");
    let out_arg = out.display().to_string();

    let run = export(
        temp.path(),
        &[
            "--region",
            "riga",
            "--columns",
            "region,subjects",
            "--format",
            "csv",
            "--out",
            &out_arg,
            "--language",
            "en",
        ],
        &SUPERVISOR_ENV,
    );
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(
        stdout(&run).contains("1 call(s), 2 column(s), 0 of them free text"),
        "{}",
        stdout(&run)
    );
    let text = std::fs::read_to_string(&out).expect("file");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "\u{FEFF}Region,Subjects");
    assert_eq!(lines[1], "Rīga,Job offer check; Working conditions abroad");
    assert_eq!(lines.len(), 2);
    assert!(!text.contains(CANARY));

    let with_notes = export(
        temp.path(),
        &["--columns", "notes", "--format", "xlsx", "--out", &out_arg],
        &SUPERVISOR_ENV,
    );
    assert!(with_notes.status.success(), "{}", stderr(&with_notes));
    assert!(stdout(&with_notes).contains("2 call(s), 1 column(s), 1 of them free text"));

    let audit = stdout(&hotline(temp.path(), &["audit", "list"], &SUPERVISOR_ENV));
    assert!(audit.contains("callListExported"), "{audit}");
    assert!(
        audit.contains(r#""columns":["region","subjects"]"#),
        "{audit}"
    );
    assert!(audit.contains(r#""columns":["notes"]"#), "{audit}");
    assert!(!audit.contains(CANARY), "{audit}");
}

#[test]
fn a_consultant_is_refused_and_columns_must_be_known() {
    let temp = initialised();
    add_call(temp.path(), &example_call(temp.path(), "latgale", CANARY));
    let add = hotline(
        temp.path(),
        &[
            "user",
            "add",
            "janis",
            "--role",
            "consultant",
            "--region",
            "latgale",
            "--display-name",
            "Jānis",
        ],
        &[
            SUPERVISOR_ENV[0],
            SUPERVISOR_ENV[1],
            ("HOTLINE_NEW_PASSPHRASE", "Jāņa pirmā parole"),
        ],
    );
    assert!(add.status.success(), "{}", stderr(&add));
    let out = temp.path().join("zvani.csv");
    let out_arg = out.display().to_string();
    let refused = export(
        temp.path(),
        &["--columns", "region", "--format", "csv", "--out", &out_arg],
        &[
            ("HOTLINE_USER", "janis"),
            ("HOTLINE_PASSPHRASE", "Jāņa pirmā parole"),
        ],
    );
    assert!(!refused.status.success());
    assert!(
        stderr(&refused).contains("code: supervisorOnly"),
        "{}",
        stderr(&refused)
    );

    let unknown = export(
        temp.path(),
        &[
            "--columns",
            "region,phone",
            "--format",
            "csv",
            "--out",
            &out_arg,
        ],
        &SUPERVISOR_ENV,
    );
    assert!(!unknown.status.success());
    assert!(
        stderr(&unknown).contains("field: columns"),
        "{}",
        stderr(&unknown)
    );

    let none = export(
        temp.path(),
        &["--format", "csv", "--out", &out_arg],
        &SUPERVISOR_ENV,
    );
    assert!(!none.status.success());
    assert!(stderr(&none).contains("--columns"), "{}", stderr(&none));
    assert!(!out.exists());
}
