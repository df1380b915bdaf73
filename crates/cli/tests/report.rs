//! `hotline report` as a scheduled job runs it: real calls on a real data
//! directory, the workbook read back with calamine, a PDF written to a bare
//! file name, CSV in publication mode, the audit entry, and a consultant
//! refused.

mod common;

use std::path::Path;

use calamine::{Data, Reader, Xlsx};
use chrono::{Days, Utc};
use common::*;

/// The period around today's example calls, as `--from`/`--to` arguments.
fn period() -> [String; 4] {
    let today = Utc::now().date_naive();
    let from = today.checked_sub_days(Days::new(40)).expect("date");
    let to = today.checked_add_days(Days::new(1)).expect("date");
    [
        "--from".into(),
        from.to_string(),
        "--to".into(),
        to.to_string(),
    ]
}

/// Two calls in Rīga and one in Latgale, all today, with notes that must
/// stay out of every report.
fn office_with_calls() -> tempfile::TempDir {
    let temp = initialised();
    for region in ["riga", "riga", "latgale"] {
        add_call(
            temp.path(),
            &example_call(temp.path(), region, "Slepena piezīme"),
        );
    }
    temp
}

fn report(temp: &Path, extra: &[&str], env: &[(&str, &str)]) -> std::process::Output {
    let period = period();
    let mut args = vec!["report"];
    args.extend(period.iter().map(String::as_str));
    args.extend(extra);
    hotline(temp, &args, env)
}

/// The rows of one sheet as text.
fn sheet(path: &Path, name: &str) -> Vec<Vec<String>> {
    let mut workbook: Xlsx<_> = calamine::open_workbook(path).expect("open xlsx");
    let range = workbook.worksheet_range(name).expect("sheet");
    range
        .rows()
        .map(|row| {
            row.iter()
                .map(|cell| match cell {
                    Data::Float(number) => format!("{number}"),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

#[test]
fn report_writes_a_workbook_with_the_counts_and_audits_it() {
    let temp = office_with_calls();
    let out = temp.path().join("atskaite.xlsx");
    let out_arg = out.display().to_string();
    let run = report(
        temp.path(),
        &["--region", "Rīga", "--format", "xlsx", "--out", &out_arg],
        &SUPERVISOR_ENV,
    );
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(stdout(&run).contains(&format!("written to {out_arg}")));
    assert!(
        stdout(&run).contains("2 call(s), 0 case(s); internal"),
        "{}",
        stdout(&run)
    );

    let regions = sheet(&out, "Reģioni");
    assert!(
        regions.iter().any(|row| row[..2] == ["Rīga", "2"]),
        "{regions:?}"
    );
    assert!(regions.iter().any(|row| row[..2] == ["Kopā", "2"]));
    let subjects = sheet(&out, "Tēmas");
    // The example call has two subjects: each is counted once per call.
    assert!(subjects
        .iter()
        .any(|row| row[..2] == ["Darba piedāvājuma pārbaude", "2"]));
    assert!(subjects
        .iter()
        .any(|row| row[..2] == ["Darba apstākļi ārzemēs", "2"]));
    let cover = sheet(&out, "Atskaite");
    assert!(cover.iter().any(|row| row[..2] == ["Reģioni", "Rīga"]));
    assert!(cover
        .iter()
        .any(|row| row[..2] == ["Eksportēja", "Anna Bērziņa (anna)"]));

    let audit = hotline(temp.path(), &["audit", "list"], &SUPERVISOR_ENV);
    let log = stdout(&audit);
    assert!(log.contains("reportExported"), "{log}");
    assert!(log.contains(r#""format":"xlsx""#), "{log}");
    assert!(!log.contains("Slepena"), "{log}");
}

#[test]
fn a_pdf_summary_goes_to_a_bare_file_name_in_the_current_directory() {
    let temp = office_with_calls();
    let period = period();
    let mut args = vec!["report"];
    args.extend(period.iter().map(String::as_str));
    args.extend(["--format", "pdf", "--out", "atskaite.pdf"]);
    let run = command(temp.path(), &args, &SUPERVISOR_ENV)
        .current_dir(temp.path())
        .output()
        .expect("run hotline");
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(stdout(&run).contains("written to atskaite.pdf"));
    let pdf = std::fs::read(temp.path().join("atskaite.pdf")).expect("the PDF");
    assert!(pdf.starts_with(b"%PDF-"));
    let audit = hotline(temp.path(), &["audit", "list"], &SUPERVISOR_ENV);
    assert!(stdout(&audit).contains(r#""format":"pdf""#));
}

#[test]
fn publication_mode_writes_csv_files_with_small_counts_hidden() {
    let temp = office_with_calls();
    let dir = temp.path().join("csv");
    let dir_arg = dir.display().to_string();
    let run = report(
        temp.path(),
        &[
            "--format",
            "csv",
            "--out",
            &dir_arg,
            "--publish",
            "--min-cell",
            "5",
            "--language",
            "en",
        ],
        &SUPERVISOR_ENV,
    );
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(stdout(&run).contains("<5 call(s)"), "{}", stdout(&run));
    assert!(stdout(&run).contains("publication mode, k = 5"));

    let regions = std::fs::read(dir.join("02-region.csv")).expect("regions file");
    assert!(regions.starts_with(b"\xEF\xBB\xBF"));
    let text = String::from_utf8(regions).expect("UTF-8");
    assert!(text.contains("riga,Rīga,<5,0"), "{text}");
    assert!(text.contains("latgale,Latgale,<5,0"), "{text}");
    assert!(text.contains("total,Total,<5,0"), "{text}");
    let cover = std::fs::read_to_string(dir.join("00-report.csv")).expect("cover");
    assert!(cover.contains("Publication mode,\"ON (k = 5)"), "{cover}");
    for entry in std::fs::read_dir(&dir).expect("dir") {
        let text = std::fs::read_to_string(entry.expect("file").path()).expect("read");
        assert!(!text.contains("Slepena"), "no notes in any file");
    }
}

#[test]
fn a_consultant_is_refused_and_min_cell_needs_publish() {
    let temp = office_with_calls();
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
    let out = temp.path().join("x.xlsx");
    let out_arg = out.display().to_string();
    let refused = report(
        temp.path(),
        &["--format", "xlsx", "--out", &out_arg],
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
    assert!(!out.exists());

    let without_publish = report(
        temp.path(),
        &["--format", "xlsx", "--out", &out_arg, "--min-cell", "5"],
        &SUPERVISOR_ENV,
    );
    assert!(!without_publish.status.success());
    assert!(
        stderr(&without_publish).contains("--publish"),
        "{}",
        stderr(&without_publish)
    );
    assert!(!out.exists());
}

/// Three victims' sham-marriage calls about GB, each a case of its own.
fn office_with_victims() -> tempfile::TempDir {
    let temp = initialised();
    for _ in 0..3 {
        let mut call: serde_json::Value =
            serde_json::from_str(&example_call(temp.path(), "riga", "Slepena piezīme"))
                .expect("JSON");
        call["callerRole"] = "personAtRiskOrVictim".into();
        call["gender"] = "female".into();
        call["ageGroup"] = "from25To34".into();
        call["country"] = "GB".into();
        call["subjects"] = serde_json::json!(["shamMarriage"]);
        call["caseRef"] = serde_json::Value::Null;
        add_call(temp.path(), &call.to_string());
    }
    temp
}

#[test]
fn ctdc_format_writes_one_row_per_case_and_is_k_anonymous_when_published() {
    let temp = office_with_victims();
    let out = temp.path().join("ctdc.csv");
    let out_arg = out.display().to_string();
    let run = report(
        temp.path(),
        &["--format", "ctdc", "--out", &out_arg],
        &SUPERVISOR_ENV,
    );
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(
        stdout(&run).contains("3 case(s); internal, not k-anonymous"),
        "{}",
        stdout(&run)
    );
    let text = std::fs::read_to_string(&out).expect("file");
    assert!(text.starts_with("\u{FEFF}yearOfRegistration,Datasource,gender,ageBroad"));
    assert_eq!(
        text.lines()
            .filter(|line| line.ends_with(",Other,GB") && line.contains(",Hotline,Female,"))
            .count(),
        3,
        "{text}"
    );
    assert!(!text.contains("Slepena"));

    let published = report(
        temp.path(),
        &[
            "--format",
            "ctdc",
            "--out",
            &out_arg,
            "--publish",
            "--min-cell",
            "5",
        ],
        &SUPERVISOR_ENV,
    );
    assert!(published.status.success(), "{}", stderr(&published));
    assert!(
        stdout(&published).contains("0 case(s); publication mode, k = 5: <5 case(s) left out"),
        "{}",
        stdout(&published)
    );
    let text = std::fs::read_to_string(&out).expect("file");
    assert_eq!(text.lines().count(), 1, "only the header: {text}");

    let audit = hotline(temp.path(), &["audit", "list"], &SUPERVISOR_ENV);
    let log = stdout(&audit);
    assert!(log.contains("ctdcExported"), "{log}");
    assert!(log.contains(r#""minCell":5"#), "{log}");
    assert!(!log.contains("Slepena"), "{log}");
}
