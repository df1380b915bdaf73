//! Printouts read back from the written PDF (poppler's `pdftotext`): the
//! referral sheet a caller is handed carries the chosen contacts and nothing
//! of any call, a confidential address only when ticked; a call's summary
//! carries the parts chosen, for those who may see the call. Every printing
//! is audited without its content.

use chrono::Duration;
use hotline_core::calls::{CallDetails, CallerRole, Line, Subject};
use hotline_core::error::InvalidReason;
use hotline_core::referrals::{
    Area, Phone, ReferralInput, ReferralSheet, ServiceType, SheetContact, SheetLanguage, Texts,
};
use hotline_core::reports::{CallSummaryRequest, SummaryPart};
use hotline_core::{Error, Language, Session};
use uuid::Uuid;

mod common;

use common::{now, Office, LATGALE, RIGA, SUPERVISOR};

const SECRET_ADDRESS: &str = "Slepenā iela 7, Rēzekne";
const CALLER_NAME: &str = "Aļona Zvaigznīte";
const NOTES: &str = "Pase atņemta Kiprā";

fn pdf_text(path: &std::path::Path) -> String {
    let output = std::process::Command::new("pdftotext")
        .args([path.as_os_str(), "-".as_ref()])
        .output()
        .unwrap_or_else(|error| panic!("pdftotext runs (install poppler-utils): {error}"));
    assert!(
        output.status.success(),
        "pdftotext: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8")
}

fn shelter() -> ReferralInput {
    ReferralInput {
        key: "drosa-maja-patversme".into(),
        organisation: Texts {
            lv: "Patvērums Drošā māja".into(),
            en: "Safe House shelter".into(),
            ru: "Приют Безопасный дом".into(),
        },
        service: Texts::lv("Krīzes patversme"),
        service_types: vec![ServiceType::Shelter],
        areas: vec![Area::parse("Rēzekne").expect("city")],
        address: "Lāčplēša iela 75, Rīga".into(),
        confidential_address: SECRET_ADDRESS.into(),
        phones: vec![Phone {
            number: "25565098".into(),
            label: "24/7".into(),
        }],
        email: "palidziba@drosamaja.lv".into(),
        web: "https://drosamaja.lv".into(),
        hours: "Mon-Fri 09:00-17:00".into(),
        notes: Texts::lv("Iekšēja piezīme konsultantiem"),
        ..ReferralInput::default()
    }
}

fn labour_inspectorate() -> ReferralInput {
    ReferralInput {
        key: "vdi".into(),
        organisation: Texts::lv("Valsts darba inspekcija"),
        service: Texts::lv("Konsultācijas par darba tiesībām"),
        service_types: vec![ServiceType::LabourInspectorate],
        areas: vec![Area::Nationwide],
        phones: vec![Phone {
            number: "+371 67186522".into(),
            label: String::new(),
        }],
        ..ReferralInput::default()
    }
}

fn embassy() -> ReferralInput {
    ReferralInput {
        key: "lv-embassy-gb".into(),
        organisation: Texts::lv("Latvijas vēstniecība Lielbritānijā"),
        service: Texts::lv("Konsulārā palīdzība"),
        service_types: vec![ServiceType::Embassy],
        areas: vec![Area::parse("abroad:GB").expect("gb")],
        ..ReferralInput::default()
    }
}

/// An office with three directory entries, a consultant signed in, and a
/// finished call of theirs naming the caller in its notes: the case data no
/// sheet may carry. Returns the entries' ids and the call's case reference.
struct Printing {
    office: Office,
    supervisor: Session,
    consultant: Session,
    shelter: Uuid,
    inspectorate: Uuid,
    embassy: Uuid,
    call: Uuid,
    case_ref: String,
}

fn printing() -> Printing {
    let office = Office::new();
    let supervisor = office.sign_in(SUPERVISOR);
    let mut ids = [shelter(), labour_inspectorate(), embassy()]
        .into_iter()
        .map(|input| {
            supervisor
                .directory()
                .save(None, input, now())
                .expect("save")
                .id
        });
    let (shelter, inspectorate, embassy) = (
        ids.next().expect("shelter"),
        ids.next().expect("inspectorate"),
        ids.next().expect("embassy"),
    );
    let consultant = office.sign_in(LATGALE);
    let log = consultant.call_log();
    let draft = log.start(now()).expect("start");
    let case_ref = log.next_case_ref().expect("case ref");
    let details = CallDetails {
        line: Some(Line::LATGALE),
        caller_role: Some(CallerRole::PersonAtRiskOrVictim),
        subjects: vec![Subject::JOB_OFFER_CHECK],
        notes: format!("{CALLER_NAME}: {NOTES}"),
        advice_given: "Ieteikts vērsties VDI".into(),
        case_ref: Some(case_ref.clone()),
        ..draft.details
    };
    let call = log
        .finish(draft.id, details, now() + Duration::minutes(10))
        .expect("finish")
        .id;
    Printing {
        office,
        supervisor,
        consultant,
        shelter,
        inspectorate,
        embassy,
        call,
        case_ref,
    }
}

fn sheet(contacts: &[(Uuid, bool)], language: SheetLanguage) -> ReferralSheet {
    ReferralSheet {
        contacts: contacts
            .iter()
            .map(|&(entry_id, include_confidential_address)| SheetContact {
                entry_id,
                include_confidential_address,
            })
            .collect(),
        language,
    }
}

#[test]
fn a_referral_sheet_carries_the_chosen_contacts_and_no_case_data() {
    let office = printing();
    let out = tempfile::tempdir().expect("tempdir");
    let path = out.path().join("kontakti.pdf");
    let printed = office
        .consultant
        .directory()
        .print_sheet(
            &sheet(
                &[(office.shelter, false), (office.inspectorate, false)],
                SheetLanguage::Lv,
            ),
            &path,
            now(),
        )
        .expect("print");
    assert_eq!(printed.contacts, 2);
    assert_eq!(printed.confidential_addresses, 0);

    let text = pdf_text(&path);
    for expected in [
        "Noderīgi kontakti",
        "Patvērums Drošā māja",
        "Krīzes patversme",
        "+371 25565098 (24/7)",
        "palidziba@drosamaja.lv",
        "https://drosamaja.lv",
        "Lāčplēša iela 75, Rīga",
        "P–Pk 09:00–17:00",
        "Valsts darba inspekcija",
        "+371 67186522",
    ] {
        assert!(text.contains(expected), "{expected:?} is printed: {text}");
    }
    for absent in [
        "Latvijas vēstniecība",
        "Slepenā",
        "Iekšēja piezīme",
        CALLER_NAME,
        NOTES,
        "Ieteikts",
        office.case_ref.as_str(),
        "Hotline",
    ] {
        assert!(!text.contains(absent), "{absent:?} is not printed: {text}");
    }
    let metadata = std::fs::read(&path).expect("read");
    assert!(
        !String::from_utf8_lossy(&metadata).contains("Hotline Desk"),
        "the file does not say which app made it"
    );

    let audit = office.supervisor.audit_entries().expect("audit");
    let printed = audit
        .iter()
        .find(|entry| entry.action == "referralSheetPrinted")
        .expect("the printing is audited");
    assert_eq!(printed.actor, Some(office.consultant.account().id));
    assert!(printed.details.contains(&office.shelter.to_string()));
    assert!(printed.details.contains(&office.inspectorate.to_string()));
    assert!(
        printed.details.contains(r#""count":2"#),
        "{}",
        printed.details
    );
    assert!(
        !printed.details.contains("Drošā"),
        "ids only: {}",
        printed.details
    );
    assert!(audit
        .iter()
        .all(|entry| entry.action != "confidentialAddressPrinted"));
}

#[test]
fn a_confidential_address_is_printed_only_where_ticked_and_that_is_audited() {
    let office = printing();
    let out = tempfile::tempdir().expect("tempdir");
    let path = out.path().join("kontakti.pdf");
    let printed = office
        .consultant
        .directory()
        .print_sheet(
            &sheet(
                &[(office.shelter, true), (office.inspectorate, true)],
                SheetLanguage::Lv,
            ),
            &path,
            now(),
        )
        .expect("print");
    assert_eq!(
        printed.confidential_addresses, 1,
        "only the shelter has one"
    );
    let text = pdf_text(&path);
    assert!(text.contains(SECRET_ADDRESS), "{text}");
    assert!(text.contains("Adrese (neizpaust)"), "{text}");

    let audit = office.supervisor.audit_entries().expect("audit");
    let confidential: Vec<_> = audit
        .iter()
        .filter(|entry| entry.action == "confidentialAddressPrinted")
        .collect();
    assert_eq!(confidential.len(), 1);
    assert_eq!(
        confidential[0].target_id.as_deref(),
        Some(office.shelter.to_string().as_str())
    );
    assert!(!confidential[0].details.contains("Slepenā"));
    assert_eq!(
        office
            .supervisor
            .verify_audit_log()
            .expect("verify")
            .first_broken,
        None
    );
}

#[test]
fn a_sheet_prints_in_russian_and_falls_back_to_latvian_where_the_directory_has_no_russian() {
    let office = printing();
    let out = tempfile::tempdir().expect("tempdir");
    let path = out.path().join("контакты.pdf");
    office
        .consultant
        .directory()
        .print_sheet(
            &sheet(
                &[(office.shelter, false), (office.embassy, false)],
                SheetLanguage::Ru,
            ),
            &path,
            now(),
        )
        .expect("print");
    let text = pdf_text(&path);
    for expected in [
        "Полезные контакты",
        "Приют Безопасный дом",
        "Часы работы",
        "Пн–Пт 09:00–17:00",
        "Latvijas vēstniecība Lielbritānijā",
    ] {
        assert!(text.contains(expected), "{expected:?} is printed: {text}");
    }
}

#[test]
fn a_sheet_needs_contacts_that_exist_and_prints_each_once() {
    let office = printing();
    let out = tempfile::tempdir().expect("tempdir");
    let path = out.path().join("kontakti.pdf");
    let directory = office.consultant.directory();
    let empty = directory.print_sheet(&sheet(&[], SheetLanguage::Lv), &path, now());
    assert!(matches!(
        empty,
        Err(Error::InvalidInput {
            field: "contacts",
            reason: InvalidReason::Empty,
        })
    ));
    let unknown = directory.print_sheet(
        &sheet(&[(Uuid::new_v4(), false)], SheetLanguage::Lv),
        &path,
        now(),
    );
    assert!(matches!(unknown, Err(Error::ReferralNotFound)));
    assert!(!path.exists());
    assert!(office
        .supervisor
        .audit_entries()
        .expect("audit")
        .iter()
        .all(|entry| entry.action != "referralSheetPrinted"));

    // A contact ticked twice (from two referrals of one call) prints once.
    let twice = directory
        .print_sheet(
            &sheet(
                &[(office.inspectorate, false), (office.inspectorate, false)],
                SheetLanguage::Lv,
            ),
            &path,
            now(),
        )
        .expect("print");
    assert_eq!(twice.contacts, 1);
    assert_eq!(
        pdf_text(&path).matches("Valsts darba inspekcija").count(),
        1
    );
}

#[test]
fn a_failed_sheet_writes_and_audits_nothing() {
    let office = printing();
    let out = tempfile::tempdir().expect("tempdir");
    let path = out.path().join("kontakti.pdf");
    let unknown = office.consultant.directory().print_sheet(
        &sheet(
            &[(office.shelter, true), (Uuid::new_v4(), false)],
            SheetLanguage::Lv,
        ),
        &path,
        now(),
    );
    assert!(matches!(unknown, Err(Error::ReferralNotFound)));
    assert!(!path.exists());
    assert!(office
        .supervisor
        .audit_entries()
        .expect("audit")
        .iter()
        .all(|entry| entry.action != "referralSheetPrinted"
            && entry.action != "confidentialAddressPrinted"));
}

fn summary(call_id: Uuid, parts: &[SummaryPart]) -> CallSummaryRequest {
    CallSummaryRequest {
        call_id,
        parts: parts.to_vec(),
        language: Language::Lv,
    }
}

#[test]
fn a_call_summary_prints_in_russian() {
    let office = printing();
    let out = tempfile::tempdir().expect("tempdir");
    let path = out.path().join("zvonok.pdf");
    office
        .consultant
        .print_call_summary(
            &CallSummaryRequest {
                language: Language::Ru,
                ..summary(office.call, &SummaryPart::DEFAULT)
            },
            &path,
            now(),
        )
        .expect("print");
    let text = pdf_text(&path);
    for expected in [
        "Сводка звонка",
        "Конфиденциально",
        "Звонящий",
        "Человек в группе риска или пострадавший",
        "Латгале",
        "стр. 1 из 1",
        office.case_ref.as_str(),
    ] {
        assert!(text.contains(expected), "{expected:?} is printed: {text}");
    }
    assert!(!text.contains("Zvana kopsavilkums"), "{text}");
}

#[test]
fn a_call_summary_leaves_out_free_text_unless_ticked() {
    let office = printing();
    let out = tempfile::tempdir().expect("tempdir");
    let path = out.path().join("zvans.pdf");
    let printed = office
        .consultant
        .print_call_summary(&summary(office.call, &SummaryPart::DEFAULT), &path, now())
        .expect("print");
    assert_eq!(printed.parts, SummaryPart::DEFAULT.to_vec());
    let text = pdf_text(&path);
    for expected in [
        "Zvana kopsavilkums",
        "23.11.2026 10:00",
        office.case_ref.as_str(),
        "Konfidenciāli",
    ] {
        assert!(text.contains(expected), "{expected:?} is printed: {text}");
    }
    for absent in [CALLER_NAME, NOTES, "Ieteikts"] {
        assert!(!text.contains(absent), "{absent:?} is not printed: {text}");
    }

    let with_notes = out.path().join("ar-piezimem.pdf");
    office
        .consultant
        .print_call_summary(
            &summary(office.call, &[SummaryPart::Notes]),
            &with_notes,
            now(),
        )
        .expect("print notes");
    let text = pdf_text(&with_notes);
    assert!(text.contains(NOTES), "{text}");
    assert!(
        !text.contains(office.case_ref.as_str()),
        "only what was ticked: {text}"
    );

    let audit = office.supervisor.audit_entries().expect("audit");
    let printed: Vec<_> = audit
        .iter()
        .filter(|entry| entry.action == "callSummaryPrinted")
        .collect();
    assert_eq!(printed.len(), 2);
    assert_eq!(
        printed[1].target_id.as_deref(),
        Some(office.call.to_string().as_str())
    );
    assert!(
        printed[1].details.contains(r#""parts":["notes"]"#),
        "{}",
        printed[1].details
    );
    assert!(audit
        .iter()
        .all(|entry| !entry.details.contains("Pase") && !entry.details.contains("Aļona")));
}

#[test]
fn a_consultant_who_may_not_see_a_call_cannot_print_its_summary() {
    let office = printing();
    let out = tempfile::tempdir().expect("tempdir");
    let path = out.path().join("zvans.pdf");
    let other_region = office.office.sign_in(RIGA);
    let refused =
        other_region.print_call_summary(&summary(office.call, &SummaryPart::ALL), &path, now());
    assert!(matches!(refused, Err(Error::CallNotFound)), "{refused:?}");
    assert!(!path.exists(), "nothing is written");
    assert!(office
        .supervisor
        .audit_entries()
        .expect("audit")
        .iter()
        .all(|entry| entry.action != "callSummaryPrinted"));

    let by_supervisor = office
        .supervisor
        .print_call_summary(&summary(office.call, &SummaryPart::ALL), &path, now())
        .expect("a supervisor sees every call");
    assert_eq!(by_supervisor.parts, SummaryPart::ALL.to_vec());
    assert!(pdf_text(&path).contains(NOTES));

    let nothing = office
        .consultant
        .print_call_summary(&summary(office.call, &[]), &path, now());
    assert!(matches!(
        nothing,
        Err(Error::InvalidInput {
            field: "parts",
            reason: InvalidReason::Empty,
        })
    ));
}
