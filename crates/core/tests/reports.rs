//! Supervisor reports on a real SQLCipher file: a small known set of calls
//! whose every breakdown is checked by hand, the period's Rīga-day edges and
//! the region filter, publication mode, the XLSX and CSV files read back, the
//! audit entry, and a consultant refused.

use std::collections::BTreeMap;
use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use chrono::{DateTime, NaiveDate, Utc};
use hotline_core::calls::{
    AgeGroup, CallDetails, CallOutcome, CallerLanguage, CallerRole, Direction, FollowUp, Gender,
    Line, Referral, ReferralStatus, RiskLevel, Subject, TraffickingIndicator,
};
use hotline_core::referrals::{Area, ReferralInput, ServiceType, Texts};
use hotline_core::reports::{
    BreakdownKind, Cell, Publication, Report, ReportExport, ReportFormat, ReportRequest,
};
use hotline_core::{Error, Language, Region, Session};
use uuid::Uuid;

mod common;

use common::{now, Office, LATGALE, SUPERVISOR};

/// Call notes that must never leave the database through a report.
const NOTES: &str = "Slepena piezīme par Jāni";

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .expect("time")
        .with_timezone(&Utc)
}

fn day(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("date")
}

fn entry(session: &Session, key: &str, organisation: &str, types: Vec<ServiceType>) -> Uuid {
    let input = ReferralInput {
        key: key.into(),
        organisation: Texts::lv(organisation),
        service: Texts::lv("Pakalpojums"),
        service_types: types,
        areas: vec![Area::Nationwide],
        ..ReferralInput::default()
    };
    session
        .directory()
        .save(None, input, now())
        .expect("entry")
        .id
}

fn referral(entry_id: Option<Uuid>) -> Referral {
    Referral {
        to: "Kur nosūtīts".into(),
        entry_id,
        caller_consented: true,
        ..Default::default()
    }
}

/// A referral that has come to `status`.
fn referral_now(entry_id: Option<Uuid>, status: ReferralStatus) -> Referral {
    Referral {
        status: Some(status),
        status_at: Some(at("2026-11-25T10:00:00Z")),
        ..referral(entry_id)
    }
}

fn follow_up(session: &Session, due: NaiveDate, done: Option<&str>) -> Option<FollowUp> {
    Some(FollowUp {
        due,
        assignee: session.account().id,
        done_at: done.map(at),
        outcome: None,
    })
}

/// A minimal finished call; each test call sets what it is about.
fn call(start: &str, region: Region, line: Line, subjects: Vec<Subject>) -> CallDetails {
    CallDetails {
        line: Some(line),
        caller_role: Some(CallerRole::Anonymous),
        subjects,
        notes: NOTES.into(),
        ..CallDetails::starting(at(start), region)
    }
}

/// The known office: five calls in October–November 2026 in Rīga and
/// Latgale, and calls just outside the period, in Kurzeme, and a draft,
/// which reports for Rīga and Latgale in that period must leave out.
fn known_office() -> (Office, Session) {
    let office = Office::new();
    let session = office.sign_in(SUPERVISOR);
    let inspectorate = entry(
        &session,
        "vdi",
        "Valsts darba inspekcija",
        vec![ServiceType::LabourInspectorate],
    );
    let shelter = entry(
        &session,
        "drosa-maja-patversme",
        "Drošā māja",
        vec![ServiceType::Shelter, ServiceType::Ngo],
    );
    let counselling = entry(
        &session,
        "drosa-maja-psihologs",
        "Drošā māja",
        vec![ServiceType::PsychologicalHelp, ServiceType::Ngo],
    );
    let calls = vec![
        // 1: 01.10 00:30 in Rīga, still 30.09 in UTC: the period's first day.
        CallDetails {
            caller_role: Some(CallerRole::PersonAtRiskOrVictim),
            gender: Some(Gender::Female),
            age_group: Some(AgeGroup::From18To24),
            language: Some(CallerLanguage::Latvian),
            country: Some("GB".into()),
            risk: Some(RiskLevel::High),
            referrals: vec![
                referral_now(Some(inspectorate), ReferralStatus::Accepted),
                referral(Some(shelter)),
                referral_now(Some(counselling), ReferralStatus::Contacted),
            ],
            outcome: Some(CallOutcome::Referred),
            indicators: Some(vec![
                TraffickingIndicator::DocumentsWithheld,
                TraffickingIndicator::Debt,
            ]),
            follow_up: follow_up(&session, day(2026, 10, 5), Some("2026-10-04T09:00:00Z")),
            case_ref: Some("K-0001".into()),
            ..call(
                "2026-09-30T21:30:00Z",
                Region::Riga,
                Line::RIGA_LANDLINE,
                vec![Subject::SHAM_MARRIAGE, Subject::FORCED_LABOUR],
            )
        },
        // 2: the same case again; a free-text referral; follow-up done late.
        CallDetails {
            caller_role: Some(CallerRole::RelativeOrFriend),
            gender: Some(Gender::Male),
            age_group: Some(AgeGroup::From25To34),
            language: Some(CallerLanguage::Russian),
            country: Some("GB".into()),
            risk: Some(RiskLevel::Medium),
            referrals: vec![referral(None)],
            outcome: Some(CallOutcome::FollowUpAgreed),
            indicators: Some(vec![
                TraffickingIndicator::ThreatsOrViolence,
                TraffickingIndicator::Debt,
            ]),
            follow_up: follow_up(&session, day(2026, 10, 20), Some("2026-10-25T09:00:00Z")),
            case_ref: Some("K-0001".into()),
            ..call(
                "2026-10-15T12:00:00Z",
                Region::Riga,
                Line::RIGA_MOBILE_1,
                vec![Subject::SHAM_MARRIAGE],
            )
        },
        // 3: nothing optional recorded; follow-up not yet due on 23.11.
        CallDetails {
            caller_role: Some(CallerRole::Professional),
            referrals: vec![
                referral_now(Some(inspectorate), ReferralStatus::Declined),
                referral_now(Some(counselling), ReferralStatus::NoAnswer),
            ],
            follow_up: follow_up(&session, day(2026, 11, 30), None),
            indicators: Some(Vec::new()),
            case_ref: Some("K-0002".into()),
            ..call(
                "2026-11-02T09:00:00Z",
                Region::Latgale,
                Line::LATGALE,
                vec![Subject::FORCED_LABOUR, Subject::JOB_OFFER_CHECK],
            )
        },
        // 4: outgoing, no case reference, follow-up overdue on 23.11.
        CallDetails {
            direction: Direction::Outgoing,
            gender: Some(Gender::Female),
            age_group: Some(AgeGroup::Under18),
            language: Some(CallerLanguage::English),
            country: Some("CY".into()),
            risk: Some(RiskLevel::Low),
            outcome: Some(CallOutcome::InformationGiven),
            follow_up: follow_up(&session, day(2026, 11, 21), None),
            ..call(
                "2026-11-20T10:00:00Z",
                Region::Latgale,
                Line::OUTGOING,
                vec![Subject::OTHER],
            )
        },
        // 5: 30.11 23:30 in Rīga (UTC+2): the period's last day.
        CallDetails {
            caller_role: Some(CallerRole::PersonAtRiskOrVictim),
            gender: Some(Gender::Female),
            age_group: Some(AgeGroup::From18To24),
            language: Some(CallerLanguage::Latvian),
            country: Some("DE".into()),
            risk: Some(RiskLevel::High),
            referrals: vec![referral_now(Some(shelter), ReferralStatus::Accepted)],
            outcome: Some(CallOutcome::Referred),
            indicators: Some(vec![TraffickingIndicator::DeceptionAboutWork]),
            case_ref: Some("K-0003".into()),
            ..call(
                "2026-11-30T21:30:00Z",
                Region::Riga,
                Line::CHAT,
                vec![Subject::SEXUAL_EXPLOITATION],
            )
        },
        // Outside: 30.09 23:30 in Rīga, 01.12 00:30 in Rīga, and Kurzeme.
        call(
            "2026-09-30T20:30:00Z",
            Region::Riga,
            Line::RIGA_LANDLINE,
            vec![Subject::OTHER],
        ),
        call(
            "2026-11-30T22:30:00Z",
            Region::Riga,
            Line::RIGA_LANDLINE,
            vec![Subject::OTHER],
        ),
        call(
            "2026-10-10T10:00:00Z",
            Region::Kurzeme,
            Line::KURZEME,
            vec![Subject::FORCED_LABOUR],
        ),
    ];
    session
        .call_log()
        .add_finished(calls, now())
        .expect("add calls");
    session
        .call_log()
        .start(at("2026-10-20T10:00:00Z"))
        .expect("a draft");
    (office, session)
}

fn request(regions: Vec<Region>, publication: Option<Publication>) -> ReportRequest {
    ReportRequest {
        from: day(2026, 10, 1),
        to: day(2026, 11, 30),
        regions,
        publication,
    }
}

fn text(cell: Cell) -> String {
    cell.to_string()
}

/// A breakdown as `key: calls/cases` lines, its total last.
fn table(report: &Report, kind: BreakdownKind) -> Vec<String> {
    let breakdown = report
        .breakdowns
        .iter()
        .find(|breakdown| breakdown.kind == kind)
        .expect("breakdown");
    breakdown
        .rows
        .iter()
        .map(|row| (row.key.as_str(), row.counts))
        .chain([("total", breakdown.total)])
        .map(|(key, counts)| format!("{key}: {}/{}", text(counts.calls), text(counts.cases)))
        .collect()
}

#[test]
fn every_breakdown_of_the_known_calls_is_exact() {
    let (_office, session) = known_office();
    let report = session
        .report(&request(vec![Region::Riga, Region::Latgale], None), now())
        .expect("report");
    assert_eq!(report.publication, None);
    assert_eq!(report.regions, [Region::Riga, Region::Latgale]);
    assert_eq!(
        (text(report.total.calls), text(report.total.cases)),
        ("5".into(), "3".into())
    );
    let expected: &[(BreakdownKind, &[&str])] = &[
        (
            BreakdownKind::Month,
            &["2026-10: 2/1", "2026-11: 3/2", "total: 5/3"],
        ),
        (
            BreakdownKind::Region,
            &["riga: 3/2", "latgale: 2/1", "total: 5/3"],
        ),
        (
            BreakdownKind::Line,
            &[
                "rigaLandline: 1/1",
                "rigaMobile1: 1/1",
                "rigaMobile2: 0/0",
                "latgale: 1/1",
                "kurzeme: 0/0",
                "vidzeme: 0/0",
                "zemgale: 0/0",
                "skype: 0/0",
                "email: 0/0",
                "inPerson: 0/0",
                "chat: 1/1",
                "outgoing: 1/0",
                "total: 5/3",
            ],
        ),
        (
            BreakdownKind::Direction,
            &["incoming: 4/3", "outgoing: 1/0", "total: 5/3"],
        ),
        (
            // Seven subject counts for five calls: two calls have two subjects.
            BreakdownKind::Subject,
            &[
                "shamMarriage: 2/1",
                "prostitution: 0/0",
                "sexualExploitation: 1/1",
                "forcedLabour: 2/2",
                "forcedCriminalityOrBegging: 0/0",
                "jobOfferCheck: 1/1",
                "modellingOrMarriageAgency: 0/0",
                "labourConditionsAbroad: 0/0",
                "other: 1/0",
                "total: 5/3",
            ],
        ),
        (
            BreakdownKind::CallerRole,
            &[
                "personAtRiskOrVictim: 2/2",
                "relativeOrFriend: 1/1",
                "professional: 1/1",
                "employer: 0/0",
                "anonymous: 1/0",
                "other: 0/0",
                "total: 5/3",
            ],
        ),
        (
            BreakdownKind::Gender,
            &[
                "female: 3/2",
                "male: 1/1",
                "other: 0/0",
                "unknown: 0/0",
                "notRecorded: 1/1",
                "total: 5/3",
            ],
        ),
        (
            BreakdownKind::AgeGroup,
            &[
                "under18: 1/0",
                "from18To24: 2/2",
                "from25To34: 1/1",
                "from35To49: 0/0",
                "from50To64: 0/0",
                "from65: 0/0",
                "unknown: 0/0",
                "notRecorded: 1/1",
                "total: 5/3",
            ],
        ),
        (
            BreakdownKind::Language,
            &[
                "latvian: 2/2",
                "russian: 1/1",
                "english: 1/0",
                "other: 0/0",
                "notRecorded: 1/1",
                "total: 5/3",
            ],
        ),
        (
            BreakdownKind::Country,
            &[
                "GB: 2/1",
                "CY: 1/0",
                "DE: 1/1",
                "notRecorded: 1/1",
                "total: 5/3",
            ],
        ),
        (
            BreakdownKind::Risk,
            &[
                "low: 1/0",
                "medium: 1/1",
                "high: 2/2",
                "notRecorded: 1/1",
                "total: 5/3",
            ],
        ),
        (
            // Four calls had referrals; call 1 went to two NGO services and
            // counts once under NGO.
            BreakdownKind::ReferralServiceType,
            &[
                "socialService: 0/0",
                "police: 0/0",
                "labourInspectorate: 2/2",
                "shelter: 2/2",
                "psychologicalHelp: 2/2",
                "healthCare: 0/0",
                "legalAid: 0/0",
                "employment: 0/0",
                "embassy: 0/0",
                "ngo: 3/3",
                "other: 0/0",
                "notInDirectory: 1/1",
                "total: 4/3",
            ],
        ),
        (
            // Two services of one organisation are one organisation.
            BreakdownKind::ReferralOrganisation,
            &[
                "Drošā māja: 3/3",
                "Valsts darba inspekcija: 2/2",
                "notInDirectory: 1/1",
                "total: 4/3",
            ],
        ),
        (
            BreakdownKind::FollowUp,
            &[
                "doneOnTime: 1/1",
                "doneLate: 1/1",
                "open: 1/1",
                "overdue: 1/0",
                "total: 4/2",
            ],
        ),
        (
            // A call counts once per status its referrals are in; one
            // logged before statuses were kept reads as made.
            BreakdownKind::ReferralStatus,
            &[
                "made: 2/1",
                "contacted: 1/1",
                "accepted: 2/2",
                "declined: 1/1",
                "noAnswer: 1/1",
                "total: 4/3",
            ],
        ),
        (
            BreakdownKind::Outcome,
            &[
                "informationGiven: 1/0",
                "referred: 2/2",
                "followUpAgreed: 1/1",
                "helpDeclined: 0/0",
                "silent: 0/0",
                "wrongNumber: 0/0",
                "hungUp: 0/0",
                "notRecorded: 1/1",
                "total: 5/3",
            ],
        ),
        // Calls 1 and 2 (one case) both saw debt: two calls, one case. Call
        // 3 was screened with nothing observed; call 4 was not screened.
        (
            BreakdownKind::TraffickingIndicator,
            &[
                "deceptionAboutWork: 1/1",
                "documentsWithheld: 1/1",
                "debt: 2/1",
                "restrictedMovement: 0/0",
                "threatsOrViolence: 1/1",
                "isolation: 0/0",
                "poorConditions: 0/0",
                "noneObserved: 1/1",
                "notScreened: 1/0",
                "total: 5/3",
            ],
        ),
    ];
    for (kind, rows) in expected {
        assert_eq!(table(&report, *kind), *rows, "{kind:?}");
    }
    assert_eq!(
        report.breakdowns.len(),
        expected.len(),
        "every breakdown is checked"
    );
    let subjects = report
        .breakdowns
        .iter()
        .find(|breakdown| breakdown.kind == BreakdownKind::Subject)
        .expect("subjects");
    assert!(subjects.note.en.contains("more than the total"));
    assert!(subjects.note.lv.contains("pārsniegt"));
}

#[test]
fn the_period_is_in_riga_days_and_regions_filter() {
    let (_office, session) = known_office();
    let all_regions = session
        .report(&request(Vec::new(), None), now())
        .expect("all");
    assert_eq!(all_regions.regions, Region::ALL);
    assert_eq!(text(all_regions.total.calls), "6", "Kurzeme's call is in");
    assert!(table(&all_regions, BreakdownKind::Region).contains(&"kurzeme: 1/0".to_owned()));

    let latgale = session
        .report(&request(vec![Region::Latgale], None), now())
        .expect("Latgale");
    assert_eq!(
        table(&latgale, BreakdownKind::Month),
        ["2026-10: 0/0", "2026-11: 2/1", "total: 2/1"]
    );

    let first_day = session
        .report(
            &ReportRequest {
                to: day(2026, 10, 1),
                ..request(vec![Region::Riga], None)
            },
            now(),
        )
        .expect("one day");
    assert_eq!(
        table(&first_day, BreakdownKind::Month),
        ["2026-10: 1/1", "total: 1/1"]
    );
}

/// The report reads what triggers keep beside each call (`call_fact`): an
/// edit that moves a call, a draft finished, and an erasure must each be
/// counted at once, whichever path wrote the call.
#[test]
fn the_report_follows_an_edit_a_finished_draft_and_an_erasure() {
    let (_office, session) = known_office();
    let riga = || request(vec![Region::Riga], None);
    let before = session.report(&riga(), now()).expect("before");
    assert_eq!(text(before.total.calls), "3");

    let kurzeme = session
        .call_log()
        .add_finished(
            [call(
                "2026-10-12T10:00:00Z",
                Region::Kurzeme,
                Line::KURZEME,
                vec![Subject::FORCED_LABOUR],
            )],
            now(),
        )
        .expect("a Kurzeme call")[0];
    let moved = CallDetails {
        country: Some("PT".into()),
        ..call(
            "2026-10-12T10:00:00Z",
            Region::Riga,
            Line::RIGA_LANDLINE,
            vec![Subject::SEXUAL_EXPLOITATION],
        )
    };
    session
        .call_log()
        .edit(kurzeme, moved, now())
        .expect("moved to Rīga");
    let after_edit = session.report(&riga(), now()).expect("after the edit");
    assert_eq!(text(after_edit.total.calls), "4");
    assert!(table(&after_edit, BreakdownKind::Country).contains(&"PT: 1/0".to_owned()));
    let everywhere = session
        .report(&request(Vec::new(), None), now())
        .expect("every region");
    assert_eq!(
        text(everywhere.total.calls),
        "7",
        "the edit moved the call: it is not counted twice"
    );

    let draft = session
        .call_log()
        .start(at("2026-10-13T10:00:00Z"))
        .expect("a draft");
    assert_eq!(
        text(session.report(&riga(), now()).expect("draft").total.calls),
        "4",
        "a draft is not counted"
    );
    session
        .call_log()
        .finish(
            draft.id,
            call(
                "2026-10-13T10:00:00Z",
                Region::Riga,
                Line::CHAT,
                vec![Subject::OTHER],
            ),
            now(),
        )
        .expect("finished");
    assert_eq!(
        text(
            session
                .report(&riga(), now())
                .expect("finished")
                .total
                .calls
        ),
        "5"
    );

    session.call_log().erase(kurzeme, now()).expect("erased");
    let after_erasure = session.report(&riga(), now()).expect("after erasure");
    assert_eq!(text(after_erasure.total.calls), "4");
    assert!(!table(&after_erasure, BreakdownKind::Country).contains(&"PT: 1/0".to_owned()));
}

#[test]
fn a_bad_period_or_threshold_names_the_field() {
    let (_office, session) = known_office();
    let backwards = ReportRequest {
        from: day(2026, 12, 1),
        ..request(Vec::new(), None)
    };
    assert!(matches!(
        session.report(&backwards, now()),
        Err(Error::InvalidInput { field: "to", .. })
    ));
    let pointless = request(Vec::new(), Some(Publication { min_cell: 2 }));
    assert!(matches!(
        session.report(&pointless, now()),
        Err(Error::InvalidInput {
            field: "minCell",
            ..
        })
    ));
}

#[test]
fn publication_mode_hides_small_counts_and_what_would_reveal_them() {
    let (_office, session) = known_office();
    let report = session
        .report(
            &request(
                vec![Region::Riga, Region::Latgale],
                Some(Publication { min_cell: 3 }),
            ),
            now(),
        )
        .expect("report");
    assert_eq!(report.publication, Some(Publication { min_cell: 3 }));
    assert_eq!(text(report.total.calls), "5");
    // October's 2 calls are few; November's 3 are withheld with them, or
    // 5 − 3 would give them away. Cases go with their calls.
    assert_eq!(
        table(&report, BreakdownKind::Month),
        ["2026-10: <3/<3", "2026-11: x/<3", "total: 5/3"]
    );
    assert_eq!(
        table(&report, BreakdownKind::Region),
        ["riga: x/<3", "latgale: <3/<3", "total: 5/3"]
    );
    let json = serde_json::to_string(&report).expect("json");
    assert!(json.contains(r#"{"kind":"small","below":3}"#), "{json}");
    assert!(json.contains(r#"{"kind":"withheld"}"#), "{json}");
    assert!(
        !json.contains(r#""kind":"exact","count":1}"#)
            && !json.contains(r#""kind":"exact","count":2}"#),
        "no count of 1 or 2 is published: {json}"
    );
}

/// An export is rendered on a reader and written with its audit entry on
/// the writer. Guards the account check in `PreparedExport::record`: files
/// prepared by a supervisor are not written, nor audited, by a session that
/// someone else opened in between.
#[test]
fn an_export_prepared_on_a_reader_is_written_only_by_the_account_that_prepared_it() {
    let (office, session) = known_office();
    let out = tempfile::tempdir().expect("tempdir");
    let path = out.path().join("atskaite.pdf");
    let export = ReportExport {
        format: ReportFormat::Pdf,
        path: path.clone(),
        language: Language::En,
    };
    let request = request(Vec::new(), None);
    let prepared = session
        .reader()
        .prepare_report_export(&request, &export, now())
        .expect("prepared");
    assert!(!path.exists(), "preparing writes nothing");
    let audited = |session: &Session| {
        session
            .audit_entries()
            .expect("audit")
            .iter()
            .filter(|entry| entry.action == "reportExported")
            .count()
    };
    let before = audited(&session);

    let someone_else = office.sign_in(LATGALE);
    assert!(matches!(
        someone_else.record_export(prepared, now()),
        Err(Error::Locked)
    ));
    assert!(!path.exists());
    assert_eq!(audited(&session), before, "nothing audited");

    let prepared = session
        .reader()
        .prepare_report_export(&request, &export, now())
        .expect("prepared again");
    let written = session.record_export(prepared, now()).expect("written");
    assert_eq!(written.files, std::slice::from_ref(&path));
    assert!(path.exists());
    assert_eq!(audited(&session), before + 1);
    assert!(matches!(
        someone_else
            .reader()
            .prepare_report_export(&request, &export, now()),
        Err(Error::SupervisorOnly)
    ));
}

/// The screen's report and its export are one count: a call saved after
/// the screen counted is not in the export of that same report (its cover
/// says when it was counted); another period, or counting again, includes it.
#[test]
fn an_export_writes_the_report_the_screen_counted_not_a_second_count() {
    let (_office, session) = known_office();
    let out = tempfile::tempdir().expect("tempdir");
    let export = |name: &str| ReportExport {
        format: ReportFormat::Pdf,
        path: out.path().join(name),
        language: Language::Lv,
    };
    let riga = request(vec![Region::Riga], None);
    let shown = session.reader().report(&riga, now()).expect("the screen");
    session
        .call_log()
        .add_finished(
            [call(
                "2026-10-12T10:00:00Z",
                Region::Riga,
                Line::RIGA_LANDLINE,
                vec![Subject::FORCED_LABOUR],
            )],
            now(),
        )
        .expect("a call saved after the screen counted");

    let exported = session
        .reader()
        .prepare_report_export(
            &riga,
            &export("shown.pdf"),
            now() + chrono::Duration::minutes(5),
        )
        .expect("export");
    let written = session.record_export(exported, now()).expect("written");
    assert_eq!(written.report, shown, "the export is the report on screen");

    let both = request(vec![Region::Riga, Region::Latgale], None);
    let other = session
        .reader()
        .prepare_report_export(&both, &export("both.pdf"), now())
        .expect("another request is counted");
    let recounted = session.record_export(other, now()).expect("written");
    assert_ne!(recounted.report.total, shown.total);

    let again = session.report(&riga, now()).expect("counted again");
    assert_eq!(text(again.total.calls), "4");
    let exported = session
        .reader()
        .prepare_report_export(&riga, &export("again.pdf"), now())
        .expect("export");
    let written = session.record_export(exported, now()).expect("written");
    assert_eq!(written.report, again);
}

#[test]
fn a_consultant_may_not_run_or_export_reports() {
    let (office, _session) = known_office();
    let consultant = office.sign_in(LATGALE);
    assert!(matches!(
        consultant.report(&request(Vec::new(), None), now()),
        Err(Error::SupervisorOnly)
    ));
    let out = tempfile::tempdir().expect("tempdir");
    let path = out.path().join("report.xlsx");
    let export = ReportExport {
        format: ReportFormat::Xlsx,
        path: path.clone(),
        language: Language::Lv,
    };
    assert!(matches!(
        consultant.export_report(&request(Vec::new(), None), &export, now()),
        Err(Error::SupervisorOnly)
    ));
    assert!(!path.exists(), "nothing is written");
}

/// Every sheet's rows as (label, calls, cases) text, keyed by sheet name.
fn read_workbook(bytes: Vec<u8>) -> BTreeMap<String, Vec<Vec<String>>> {
    let mut workbook: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).expect("xlsx");
    workbook
        .sheet_names()
        .into_iter()
        .map(|name| {
            let range = workbook.worksheet_range(&name).expect("sheet");
            let rows = range
                .rows()
                .map(|row| {
                    row.iter()
                        .map(|cell| match cell {
                            Data::Float(number) => format!("{number}"),
                            other => other.to_string(),
                        })
                        .collect()
                })
                .collect();
            (name, rows)
        })
        .collect()
}

#[test]
fn the_workbook_reads_back_with_the_report_numbers_and_is_audited() {
    let (_office, session) = known_office();
    let out = tempfile::tempdir().expect("tempdir");
    let path = out.path().join("atskaite.xlsx");
    let request = request(vec![Region::Riga, Region::Latgale], None);
    let exported = session
        .export_report(
            &request,
            &ReportExport {
                format: ReportFormat::Xlsx,
                path: path.clone(),
                language: Language::Lv,
            },
            now(),
        )
        .expect("export");
    assert_eq!(exported.files, std::slice::from_ref(&path));
    let sheets = read_workbook(std::fs::read(&path).expect("read"));

    let cover = sheets.get("Atskaite").expect("cover sheet");
    let cover_text: Vec<String> = cover.iter().map(|row| row.join(" | ")).collect();
    for line in [
        "Organizācija | Drošā māja",
        "Periods | 01.10.2026–30.11.2026",
        "Reģioni | Rīga, Latgale",
        "Eksportēja | Anna (anna)",
        "Eksportēts (Rīgas laiks) | 23.11.2026 10:00",
        "Zvani | 5",
        "Lietas | 3",
    ] {
        assert!(
            cover_text.contains(&line.to_owned()),
            "{line} in {cover_text:?}"
        );
    }
    assert!(cover_text
        .iter()
        .any(|line| line.starts_with("Publicēšanas režīms | Izslēgts")));

    let report = &exported.report;
    assert_eq!(sheets.len(), report.breakdowns.len() + 1);
    for breakdown in &report.breakdowns {
        let sheet = sheets
            .values()
            .find(|rows| {
                rows.first().and_then(|row| row.first()) == Some(&breakdown.title.lv.to_string())
            })
            .unwrap_or_else(|| panic!("a sheet for {:?}", breakdown.kind));
        let header = sheet
            .iter()
            .position(|row| row.get(1).map(String::as_str) == Some("Zvani"))
            .expect("header row");
        let expected: Vec<Vec<String>> = breakdown
            .rows
            .iter()
            .map(|row| (row.label.lv.to_string(), row.counts))
            .chain([("Kopā".to_owned(), breakdown.total)])
            .map(|(label, counts)| vec![label, text(counts.calls), text(counts.cases)])
            .collect();
        assert_eq!(
            sheet[header + 1..header + 1 + expected.len()],
            expected[..],
            "{:?}",
            breakdown.kind
        );
        let note = sheet
            .iter()
            .flatten()
            .any(|cell| *cell == breakdown.note.lv);
        assert!(note, "the note is under the table of {:?}", breakdown.kind);
    }
    let months = sheets.get("Mēneši").expect("months sheet");
    assert!(months.iter().any(|row| row[..3] == ["10.2026", "2", "1"]));
    let countries = sheets.get("Valstis").expect("countries sheet");
    assert!(
        countries
            .iter()
            .any(|row| row[..3] == ["Apvienotā Karaliste (GB)", "2", "1"]),
        "countries are named, with the code kept: {countries:?}"
    );

    let entry = session
        .audit_entries()
        .expect("audit")
        .pop()
        .expect("an entry");
    assert_eq!(entry.action, "reportExported");
    assert_eq!(entry.actor, Some(session.account().id));
    let details: serde_json::Value = serde_json::from_str(&entry.details).expect("json");
    assert_eq!(details["format"], "xlsx");
    assert_eq!(details["from"], "2026-10-01");
    assert_eq!(details["to"], "2026-11-30");
    assert_eq!(details["regions"], serde_json::json!(["riga", "latgale"]));
    assert_eq!(details["publication"], serde_json::Value::Null);
    assert!(!entry.details.contains(NOTES) && !entry.details.contains("Jāni"));
}

/// Rīga's and Latgale's report in publication mode, written in `language`.
fn export_published_in(
    session: &Session,
    format: ReportFormat,
    path: &std::path::Path,
    language: Language,
) -> hotline_core::reports::ExportedReport {
    session
        .export_report(
            &request(
                vec![Region::Riga, Region::Latgale],
                Some(Publication::default()),
            ),
            &ReportExport {
                format,
                path: path.to_owned(),
                language,
            },
            now(),
        )
        .expect("export")
}

/// The same report written in Latvian.
fn export_published(
    session: &Session,
    format: ReportFormat,
    path: &std::path::Path,
) -> hotline_core::reports::ExportedReport {
    export_published_in(session, format, path, Language::Lv)
}

#[test]
fn csv_files_start_with_a_bom_and_keep_latvian_letters() {
    let (_office, session) = known_office();
    let out = tempfile::tempdir().expect("tempdir");
    let dir = out.path().join("atskaite");
    let exported = export_published(&session, ReportFormat::Csv, &dir);
    assert_eq!(exported.files.len(), 1 + exported.report.breakdowns.len());
    assert_eq!(exported.files[0], dir.join("00-report.csv"));
    for file in &exported.files {
        let bytes = std::fs::read(file).expect("read");
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "{}", file.display());
        let text = String::from_utf8(bytes).expect("UTF-8");
        assert!(!text.contains(NOTES), "no notes in {}", file.display());
    }
    let cover = std::fs::read_to_string(&exported.files[0]).expect("cover");
    assert!(
        cover.contains("Publicēšanas režīms,\"IESLĒGTS (k = 11)"),
        "{cover}"
    );
    assert!(cover.contains("Reģioni,\"Rīga, Latgale\""), "{cover}");

    let subjects = exported
        .files
        .iter()
        .find(|file| file.ends_with("05-subject.csv"))
        .expect("subjects file");
    let bytes = std::fs::read(subjects).expect("read");
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    assert_eq!(
        reader.headers().expect("header"),
        vec!["kods", "nosaukums", "Zvani", "Lietas"]
    );
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|record| record.expect("row").iter().map(str::to_owned).collect())
        .collect();
    assert_eq!(rows[0], ["shamMarriage", "Fiktīvas laulības", "<11", "<11"]);
    assert_eq!(
        rows.last().expect("total"),
        &["total", "Kopā", "<11", "<11"]
    );

    let audit = session.audit_entries().expect("audit");
    let details: serde_json::Value =
        serde_json::from_str(&audit.last().expect("entry").details).expect("json");
    assert_eq!(details["format"], "csv");
    assert_eq!(details["publication"]["minCell"], 11);
    assert_eq!(details["files"], exported.files.len());
}

/// Runs a poppler tool (Debian's poppler-utils, installed by
/// `scripts/test.sh`) and returns what it printed.
fn poppler(tool: &str, args: &[&std::ffi::OsStr]) -> String {
    let output = std::process::Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|error| panic!("{tool} runs (install poppler-utils): {error}"));
    assert!(
        output.status.success(),
        "{tool}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8")
}

#[test]
fn the_pdf_summary_renders_with_every_breakdown_and_marks_publication_mode() {
    let (_office, session) = known_office();
    let out = tempfile::tempdir().expect("tempdir");
    let path = out.path().join("atskaite.pdf");
    let exported = export_published(&session, ReportFormat::Pdf, &path);
    assert_eq!(exported.files, std::slice::from_ref(&path));
    let bytes = std::fs::read(&path).expect("read");
    assert!(bytes.starts_with(b"%PDF-"));

    let info = poppler("pdfinfo", &[path.as_os_str()]);
    let pages: usize = info
        .lines()
        .find_map(|line| line.strip_prefix("Pages:"))
        .and_then(|pages| pages.trim().parse().ok())
        .expect("page count");
    assert!(info.contains("Uzticības tālruņa atskaite"), "{info}");

    let text = poppler("pdftotext", &[path.as_os_str(), "-".as_ref()]);
    for expected in [
        "Uzticības tālruņa atskaite",
        "Drošā māja",
        "01.10.2026–30.11.2026",
        "Rīga, Latgale",
        "Anna (anna)",
        "Publicēšanai: skaits zem 11 rādīts kā „<11”",
        "Fiktīvas laulības",
        "<11",
        &format!("1. lapa no {pages}"),
        &format!("{pages}. lapa no {pages}"),
    ] {
        assert!(text.contains(expected), "{expected:?} in {text}");
    }
    for breakdown in &exported.report.breakdowns {
        assert!(
            text.contains(breakdown.title.lv.as_ref()),
            "a table for {:?}",
            breakdown.kind
        );
    }
    assert!(!text.contains(NOTES) && !text.contains("Jāni"));

    let pngs = out.path().join("page");
    poppler(
        "pdftoppm",
        &[
            "-r".as_ref(),
            "40".as_ref(),
            "-png".as_ref(),
            path.as_os_str(),
            pngs.as_os_str(),
        ],
    );
    let rendered = std::fs::read_dir(out.path())
        .expect("dir")
        .filter(|entry| {
            let name = entry.as_ref().expect("entry").file_name();
            name.to_string_lossy().ends_with(".png")
        })
        .count();
    assert_eq!(rendered, pages, "every page renders");

    let entry = session
        .audit_entries()
        .expect("audit")
        .pop()
        .expect("an entry");
    assert_eq!(entry.action, "reportExported");
    assert!(
        entry.details.contains(r#""format":"pdf""#),
        "{}",
        entry.details
    );
}

#[test]
fn a_report_written_in_russian_has_russian_headings_labels_and_footers() {
    let (_office, session) = known_office();
    let out = tempfile::tempdir().expect("tempdir");
    let path = out.path().join("otchet.pdf");
    let exported = export_published_in(&session, ReportFormat::Pdf, &path, Language::Ru);
    let text = poppler("pdftotext", &[path.as_os_str(), "-".as_ref()]);
    for expected in [
        "Отчёт телефона доверия",
        "Рига, Латгале",
        "Для публикации: числа меньше 11 показаны как «<11»",
        "Фиктивный брак",
        "Звонки",
        "стр. 1 из",
    ] {
        assert!(text.contains(expected), "{expected:?} in {text}");
    }
    for breakdown in &exported.report.breakdowns {
        assert!(
            text.contains(breakdown.title.ru.as_ref()),
            "a table for {:?} headed in Russian",
            breakdown.kind
        );
    }

    let dir = out.path().join("otchet-csv");
    let csv_files = export_published_in(&session, ReportFormat::Csv, &dir, Language::Ru);
    let cover = std::fs::read_to_string(&csv_files.files[0]).expect("cover");
    assert!(cover.contains("Регионы,\"Рига, Латгале\""), "{cover}");
    assert!(
        cover.contains("Режим публикации,\"ВКЛЮЧЁН (k = 11)"),
        "{cover}"
    );
    let subjects = csv_files
        .files
        .iter()
        .find(|file| file.ends_with("05-subject.csv"))
        .expect("subjects file");
    let bytes = std::fs::read(subjects).expect("read");
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    assert_eq!(
        reader.headers().expect("header"),
        vec!["код", "название", "Звонки", "Дела"]
    );
}
