//! The call-list export on a real SQLCipher file: only the chosen columns,
//! free text (notes, advice, referrals) never unless chosen, the workbook
//! read back, the audit entry listing the columns and no content, and a
//! consultant refused.

use std::io::Cursor;
use std::path::Path;

use calamine::{Reader, Xlsx};
use chrono::{DateTime, NaiveDate, Utc};
use hotline_core::calls::{CallDetails, CallerRole, Line, Referral, Subject};
use hotline_core::progress::{RecordingWatcher, WorkUnit};
use hotline_core::reports::{CallColumn, CallListExport, CallListFormat};
use hotline_core::{Error, Language, Region, Session};

mod common;

use common::{now, Office, LATGALE, SUPERVISOR};

const NOTES: &str = "KANĀRIJPUTNS-piezīmes";
const ADVICE: &str = "KANĀRIJPUTNS-padoms";
const REFERRAL: &str = "KANĀRIJPUTNS-nosūtījums";

fn office_with_calls() -> (Office, Session) {
    let office = Office::new();
    let session = office.sign_in(SUPERVISOR);
    let call = |start: &str, region: Region| CallDetails {
        line: Some(Line::RIGA_LANDLINE),
        caller_role: Some(CallerRole::PersonAtRiskOrVictim),
        subjects: vec![Subject::SHAM_MARRIAGE, Subject::FORCED_LABOUR],
        country: Some("IE".into()),
        case_ref: Some("K-0042".into()),
        notes: NOTES.into(),
        advice_given: ADVICE.into(),
        referrals: vec![Referral {
            to: REFERRAL.into(),
            entry_id: None,
            caller_consented: true,
            ..Default::default()
        }],
        ..CallDetails::starting(
            DateTime::parse_from_rfc3339(start)
                .expect("time")
                .with_timezone(&Utc),
            region,
        )
    };
    session
        .call_log()
        .add_finished(
            [
                call("2026-11-02T08:00:00Z", Region::Riga),
                call("2026-11-03T08:00:00Z", Region::Latgale),
                // Outside the period.
                call("2026-12-03T08:00:00Z", Region::Riga),
            ],
            now(),
        )
        .expect("calls");
    (office, session)
}

fn export(path: &Path, format: CallListFormat, columns: Vec<CallColumn>) -> CallListExport {
    CallListExport {
        from: NaiveDate::from_ymd_opt(2026, 11, 1).expect("date"),
        to: NaiveDate::from_ymd_opt(2026, 11, 30).expect("date"),
        regions: Vec::new(),
        columns,
        format,
        path: path.to_owned(),
        language: Language::Lv,
    }
}

/// Every column that is not free text.
fn structured() -> Vec<CallColumn> {
    CallColumn::ALL
        .into_iter()
        .filter(|column| !column.is_free_text())
        .collect()
}

fn workbook_text(path: &Path) -> Vec<Vec<String>> {
    let bytes = std::fs::read(path).expect("read");
    let mut workbook: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).expect("xlsx");
    let range = workbook.worksheet_range("Zvani").expect("sheet");
    range
        .rows()
        .map(|row| row.iter().map(ToString::to_string).collect())
        .collect()
}

#[test]
fn free_text_never_leaves_unless_its_column_is_chosen() {
    let (_office, session) = office_with_calls();
    let out = tempfile::tempdir().expect("tempdir");

    let csv_path = out.path().join("zvani.csv");
    let exported = session
        .export_call_list(&export(&csv_path, CallListFormat::Csv, structured()), now())
        .expect("csv");
    assert_eq!(exported.calls, 2);
    let bytes = std::fs::read(&csv_path).expect("read");
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let text = String::from_utf8(bytes).expect("UTF-8");
    assert!(!text.contains("KANĀRIJPUTNS"), "{text}");
    assert!(
        text.contains("Fiktīvas laulības; Piespiedu darbs"),
        "{text}"
    );
    assert!(text.contains("Īrija (IE)"), "{text}");
    assert!(text.contains("02.11.2026 10:00"), "Rīga time: {text}");

    let xlsx_path = out.path().join("zvani.xlsx");
    session
        .export_call_list(
            &export(&xlsx_path, CallListFormat::Xlsx, structured()),
            now(),
        )
        .expect("xlsx");
    let sheet = workbook_text(&xlsx_path);
    assert_eq!(sheet.len(), 3, "a header and two calls");
    assert_eq!(sheet[0].len(), structured().len());
    assert!(sheet
        .iter()
        .flatten()
        .all(|cell| !cell.contains("KANĀRIJPUTNS")));

    let chosen = out.path().join("ar-piezimem.xlsx");
    session
        .export_call_list(
            &export(
                &chosen,
                CallListFormat::Xlsx,
                vec![CallColumn::StartedAt, CallColumn::Notes],
            ),
            now(),
        )
        .expect("with notes");
    let sheet = workbook_text(&chosen);
    assert_eq!(sheet[0], ["Sākums (Rīgas laiks)", "Piezīmes"]);
    assert_eq!(sheet[1], ["02.11.2026 10:00", NOTES]);
    assert!(
        sheet
            .iter()
            .flatten()
            .all(|cell| !cell.contains(ADVICE) && !cell.contains(REFERRAL)),
        "only the chosen free text"
    );
}

#[test]
fn the_audit_entry_lists_the_columns_and_no_content() {
    let (_office, session) = office_with_calls();
    let out = tempfile::tempdir().expect("tempdir");
    let path = out.path().join("zvani.csv");
    session
        .export_call_list(
            &export(
                &path,
                CallListFormat::Csv,
                vec![CallColumn::CaseRef, CallColumn::Notes, CallColumn::CaseRef],
            ),
            now(),
        )
        .expect("export");
    let entry = session
        .audit_entries()
        .expect("audit")
        .pop()
        .expect("an entry");
    assert_eq!(entry.action, "callListExported");
    let details: serde_json::Value = serde_json::from_str(&entry.details).expect("json");
    assert_eq!(details["columns"], serde_json::json!(["caseRef", "notes"]));
    assert_eq!(details["format"], "csv");
    assert_eq!(details["from"], "2026-11-01");
    assert!(
        !entry.details.contains("KANĀRIJPUTNS") && !entry.details.contains("K-0042"),
        "{}",
        entry.details
    );
}

#[test]
fn a_consultant_is_refused_and_a_list_needs_a_column() {
    let (office, session) = office_with_calls();
    let consultant = office.sign_in(LATGALE);
    let out = tempfile::tempdir().expect("tempdir");
    let path = out.path().join("zvani.csv");
    assert!(matches!(
        consultant.export_call_list(&export(&path, CallListFormat::Csv, structured()), now()),
        Err(Error::SupervisorOnly)
    ));
    assert!(matches!(
        session.export_call_list(&export(&path, CallListFormat::Csv, Vec::new()), now()),
        Err(Error::InvalidInput {
            field: "columns",
            ..
        })
    ));
    assert!(!path.exists(), "nothing is written");
    assert_eq!(CallColumn::parse("notes").ok(), Some(CallColumn::Notes));
    assert!(CallColumn::parse("phone").is_err());
}

#[test]
fn a_call_list_reports_the_calls_rendered_and_a_stopped_one_writes_nothing() {
    let office = Office::new();
    let session = office.sign_in(SUPERVISOR);
    let first = DateTime::parse_from_rfc3339("2026-11-02T08:00:00Z")
        .expect("time")
        .with_timezone(&Utc);
    let calls = (0..120).map(|n| CallDetails {
        line: Some(Line::RIGA_LANDLINE),
        caller_role: Some(CallerRole::PersonAtRiskOrVictim),
        subjects: vec![Subject::FORCED_LABOUR],
        ..CallDetails::starting(first + chrono::Duration::minutes(30 * n), Region::Riga)
    });
    session
        .call_log()
        .add_finished(calls, now())
        .expect("calls");
    let out = tempfile::tempdir().expect("tempdir");

    let watched = RecordingWatcher::default();
    let whole = out.path().join("zvani.csv");
    let prepared = session
        .reader()
        .prepare_call_list(&export(&whole, CallListFormat::Csv, structured()), &watched)
        .expect("rendered");
    let exported = session.record_export(prepared, now()).expect("written");
    assert_eq!(exported.calls, 120);
    let reports = watched.reports();
    assert!(reports.len() > 1, "rendered in steps: {reports:?}");
    assert!(reports.iter().all(|report| report.unit == WorkUnit::Calls));
    assert!(
        reports.windows(2).all(|pair| pair[0].done < pair[1].done),
        "{reports:?}"
    );
    let last = reports.last().expect("a report");
    assert_eq!((last.done, last.total), (120, 120));

    let audited = session.audit_entries().expect("audit").len();
    let stopped_path = out.path().join("stopped.xlsx");
    let stopped = session
        .reader()
        .prepare_call_list(
            &export(&stopped_path, CallListFormat::Xlsx, structured()),
            &RecordingWatcher::stopping_after(1),
        )
        .expect_err("stopped");
    assert!(matches!(stopped, Error::LongWorkCancelled), "{stopped:?}");
    let files: Vec<_> = std::fs::read_dir(out.path())
        .expect("dir")
        .flatten()
        .map(|entry| entry.file_name())
        .collect();
    assert_eq!(
        files,
        vec![std::ffi::OsString::from("zvani.csv")],
        "no partial file"
    );
    assert_eq!(session.audit_entries().expect("audit").len(), audited);
}
