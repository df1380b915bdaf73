//! The CTDC case file on a real SQLCipher file: one row per case in CTDC's
//! columns, read back exactly; k-anonymity in publication mode; no notes or
//! case references in the file or the audit entry; a consultant refused.

use chrono::{DateTime, NaiveDate, Utc};
use hotline_core::calls::{
    AgeGroup, CallDetails, CallerRole, Gender, Line, Subject, TraffickingIndicator,
};
use hotline_core::progress::{RecordingWatcher, WorkUnit};
use hotline_core::reports::{Cell, Publication, ReportRequest};
use hotline_core::{Error, Region, Session};

mod common;

use common::{now, Office, LATGALE, SUPERVISOR};

const NOTES: &str = "Slepena piezīme par Jāni";

/// A victim's finished call on `day` of October 2026.
fn victim(
    day: u32,
    case_ref: &str,
    gender: Gender,
    age: AgeGroup,
    country: &str,
    subjects: Vec<Subject>,
) -> CallDetails {
    let start = format!("2026-10-{day:02}T10:00:00Z");
    CallDetails {
        line: Some(Line::LATGALE),
        caller_role: Some(CallerRole::PersonAtRiskOrVictim),
        gender: Some(gender),
        age_group: Some(age),
        country: Some(country.into()),
        subjects,
        case_ref: Some(case_ref.into()),
        notes: NOTES.into(),
        ..CallDetails::starting(
            DateTime::parse_from_rfc3339(&start)
                .expect("time")
                .with_timezone(&Utc),
            Region::Latgale,
        )
    }
}

/// Eight cases: four women in GB (sham marriage, the second case called
/// twice), two in DE and one in NO, a man of 50–64 in LV; and a relative's
/// call, which is not a case. The first GB case was screened with nothing
/// observed; the second's two calls observed debt, then withheld documents
/// and isolation; no other call was screened.
fn office_with_cases() -> (Office, Session) {
    let office = Office::new();
    let session = office.sign_in(SUPERVISOR);
    let adult = AgeGroup::From25To34;
    let mut calls = vec![
        CallDetails {
            indicators: Some(Vec::new()),
            ..victim(
                2,
                "K-0101",
                Gender::Female,
                adult,
                "GB",
                vec![Subject::SHAM_MARRIAGE],
            )
        },
        CallDetails {
            indicators: Some(vec![TraffickingIndicator::Debt]),
            ..victim(
                3,
                "K-0102",
                Gender::Female,
                adult,
                "GB",
                vec![Subject::SHAM_MARRIAGE],
            )
        },
        CallDetails {
            indicators: Some(vec![
                TraffickingIndicator::DocumentsWithheld,
                TraffickingIndicator::Isolation,
            ]),
            ..victim(
                4,
                "K-0102",
                Gender::Female,
                adult,
                "GB",
                vec![Subject::SHAM_MARRIAGE],
            )
        },
        victim(
            5,
            "K-0103",
            Gender::Female,
            adult,
            "GB",
            vec![Subject::SHAM_MARRIAGE],
        ),
        victim(
            6,
            "K-0104",
            Gender::Female,
            adult,
            "GB",
            vec![Subject::SHAM_MARRIAGE],
        ),
        victim(
            7,
            "K-0105",
            Gender::Female,
            AgeGroup::From18To24,
            "DE",
            vec![Subject::FORCED_LABOUR],
        ),
        victim(
            8,
            "K-0106",
            Gender::Female,
            AgeGroup::From18To24,
            "DE",
            vec![Subject::FORCED_LABOUR],
        ),
        victim(
            9,
            "K-0107",
            Gender::Female,
            AgeGroup::From35To49,
            "NO",
            vec![Subject::SEXUAL_EXPLOITATION, Subject::FORCED_LABOUR],
        ),
        victim(
            10,
            "K-0108",
            Gender::Male,
            AgeGroup::From50To64,
            "LV",
            vec![Subject::FORCED_LABOUR],
        ),
    ];
    calls.push(CallDetails {
        caller_role: Some(CallerRole::RelativeOrFriend),
        ..victim(
            11,
            "K-0109",
            Gender::Male,
            adult,
            "GB",
            vec![Subject::FORCED_LABOUR],
        )
    });
    session
        .call_log()
        .add_finished(calls, now())
        .expect("add calls");
    (office, session)
}

fn request(publication: Option<Publication>) -> ReportRequest {
    ReportRequest {
        from: NaiveDate::from_ymd_opt(2026, 10, 1).expect("date"),
        to: NaiveDate::from_ymd_opt(2026, 11, 30).expect("date"),
        regions: Vec::new(),
        publication,
    }
}

const HEADER: &str = "yearOfRegistration,Datasource,gender,ageBroad,majorityStatus,citizenship,\
meansOfControlDebtBondage,meansOfControlThreats,meansOfControlFalsePromises,\
meansOfControlRestrictsMovement,meansOfControlWithholdsDocuments,meansOfControlOther,\
meansOfControlNotSpecified,meansOfControlConcatenated,\
isForcedLabour,isSexualExploit,isOtherExploit,isSexAndLabour,isForcedMarriage,isForcedMilitary,\
isOrganRemoval,isSlaveryAndPractices,typeOfExploitConcatenated,CountryOfExploitation";

/// The means-of-control columns of a case none of whose calls was screened.
const NOT_SCREENED: &str = "0,0,0,0,0,0,1,Not specified";
/// Of a case screened with nothing observed.
const NONE_OBSERVED: &str = "0,0,0,0,0,0,0,";
/// Of the case whose calls observed debt, withheld documents and isolation.
const DEBT_DOCUMENTS_ISOLATION: &str = "1,0,0,0,1,1,0,Debt bondage; Withholds documents; Other";

/// A GB sham-marriage case's row with its means of control.
fn gb(means: &str) -> String {
    format!("2026,Hotline,Female,unknown,Adult,unknown,{means},0,0,1,0,0,0,0,0,Other,GB")
}

/// The file's lines after its byte-order mark.
fn lines(path: &std::path::Path) -> Vec<String> {
    let bytes = std::fs::read(path).expect("read");
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 with a BOM");
    let text = String::from_utf8(bytes[3..].to_vec()).expect("UTF-8");
    assert!(!text.contains(NOTES) && !text.contains("K-01"), "{text}");
    text.lines().map(str::to_owned).collect()
}

#[test]
fn an_internal_file_has_one_row_per_case_in_ctdc_columns_and_is_audited() {
    let (_office, session) = office_with_cases();
    let out = tempfile::tempdir().expect("tempdir");
    let path = out.path().join("ctdc.csv");
    let exported = session
        .export_ctdc(&request(None), &path, now())
        .expect("export");
    assert_eq!(exported.rows, 8);
    assert_eq!(exported.suppressed, Cell::Exact { count: 0 });
    let de = format!(
        "2026,Hotline,Female,unknown,Adult,unknown,{NOT_SCREENED},1,0,0,0,0,0,0,0,Forced labour,DE"
    );
    assert_eq!(
        lines(&path),
        [
            HEADER.to_owned(),
            de.clone(),
            de,
            gb(NOT_SCREENED),
            gb(NOT_SCREENED),
            gb(NONE_OBSERVED),
            gb(DEBT_DOCUMENTS_ISOLATION),
            format!("2026,Hotline,Female,unknown,Adult,unknown,{NOT_SCREENED},1,1,0,1,0,0,0,0,Forced labour; Sexual exploitation,NO"),
            format!("2026,Hotline,Male,48+,Adult,unknown,{NOT_SCREENED},1,0,0,0,0,0,0,0,Forced labour,LV"),
        ]
    );

    let entry = session
        .audit_entries()
        .expect("audit")
        .pop()
        .expect("an entry");
    assert_eq!(entry.action, "ctdcExported");
    assert_eq!(entry.actor, Some(session.account().id));
    let details: serde_json::Value = serde_json::from_str(&entry.details).expect("json");
    assert_eq!(details["from"], "2026-10-01");
    assert_eq!(details["publication"], serde_json::Value::Null);
    assert_eq!(details["regions"].as_array().map(Vec::len), Some(5));
    assert!(!entry.details.contains(NOTES) && !entry.details.contains("K-01"));
}

#[test]
fn a_published_file_generalises_then_suppresses_until_every_combination_has_k_rows() {
    let (_office, session) = office_with_cases();
    let out = tempfile::tempdir().expect("tempdir");
    let path = out.path().join("ctdc-publish.csv");
    let exported = session
        .export_ctdc(&request(Some(Publication { min_cell: 3 })), &path, now())
        .expect("export");
    // The four GB cases stay as they are; DE, DE and NO meet in Europe; the
    // man in LV has no one to share even "unknown" with and is left out.
    assert_eq!(exported.rows, 7);
    assert_eq!(exported.suppressed, Cell::Small { below: 3 });
    let europe = format!(
        "2026,Hotline,Female,unknown,Adult,unknown,{NOT_SCREENED},1,0,0,0,0,0,0,0,Forced labour,Europe"
    );
    assert_eq!(
        lines(&path),
        [
            HEADER.to_owned(),
            gb(NOT_SCREENED),
            gb(NOT_SCREENED),
            gb(NONE_OBSERVED),
            gb(DEBT_DOCUMENTS_ISOLATION),
            europe.clone(),
            europe,
            format!("2026,Hotline,Female,unknown,Adult,unknown,{NOT_SCREENED},1,1,0,1,0,0,0,0,Forced labour; Sexual exploitation,Europe"),
        ]
    );
    let entry = session
        .audit_entries()
        .expect("audit")
        .pop()
        .expect("an entry");
    let details: serde_json::Value = serde_json::from_str(&entry.details).expect("json");
    assert_eq!(details["publication"]["minCell"], 3);
}

#[test]
fn a_consultant_may_not_export_cases_and_a_bad_k_names_the_field() {
    let (office, session) = office_with_cases();
    let consultant = office.sign_in(LATGALE);
    let out = tempfile::tempdir().expect("tempdir");
    let path = out.path().join("ctdc.csv");
    assert!(matches!(
        consultant.export_ctdc(&request(None), &path, now()),
        Err(Error::SupervisorOnly)
    ));
    let bad_k = session
        .export_ctdc(&request(Some(Publication { min_cell: 1 })), &path, now())
        .expect_err("k = 1 hides nothing");
    assert!(matches!(
        bad_k,
        Error::InvalidInput {
            field: "minCell",
            ..
        }
    ));
    assert!(
        bad_k.to_public().message.en.contains("from 3 to 1000"),
        "the message says which k is allowed"
    );
    assert!(!path.exists(), "nothing is written");
}

#[test]
fn a_case_file_reports_the_cases_built_and_a_stopped_one_writes_nothing() {
    let (_office, session) = office_with_cases();
    let out = tempfile::tempdir().expect("tempdir");
    let audited = session.audit_entries().expect("audit").len();
    let stopped_path = out.path().join("stopped.csv");
    let stopped = session
        .reader()
        .prepare_ctdc(
            &request(None),
            &stopped_path,
            &RecordingWatcher::stopping_after(1),
        )
        .expect_err("stopped");
    assert!(matches!(stopped, Error::LongWorkCancelled), "{stopped:?}");
    assert!(!stopped_path.exists(), "no partial file");
    assert_eq!(session.audit_entries().expect("audit").len(), audited);

    let watched = RecordingWatcher::default();
    let path = out.path().join("ctdc.csv");
    let prepared = session
        .reader()
        .prepare_ctdc(&request(None), &path, &watched)
        .expect("rendered");
    assert_eq!(
        session
            .record_export(prepared, now())
            .expect("written")
            .rows,
        8
    );
    let reports = watched.reports();
    assert!(reports
        .iter()
        .all(|report| report.unit == WorkUnit::Records));
    assert!(reports.windows(2).all(|pair| pair[0].done <= pair[1].done));
    let last = reports.last().expect("a report");
    assert_eq!(last.done, last.total);
    assert!(last.total >= 8, "{reports:?}");
}
