//! The referral directory on a real SQLCipher file: search as you type,
//! filters, confidential addresses, maintenance, and all-or-nothing imports.

use chrono::{DateTime, NaiveDate, Utc};
use hotline_core::progress::{RecordingWatcher, WorkUnit};
use hotline_core::referrals::{
    Area, ExportOptions, ImportSummary, Phone, ReferralInput, ReferralQuery, ServiceType, Texts,
    TransferFormat, RANKED_CANDIDATES, SEARCH_RESULTS,
};
use hotline_core::{Error, ErrorCode, Region, Session};

mod common;

use common::{now, Office, LATGALE, SUPERVISOR};

const SEED: &[u8] = include_bytes!("../../../assets/referrals/seed.csv");
const SECRET_ADDRESS: &str = "Slepenā iela 7, Rēzekne";

fn texts(lv: &str, en: &str) -> Texts {
    Texts {
        lv: lv.into(),
        en: en.into(),
        ru: String::new(),
    }
}

fn shelter() -> ReferralInput {
    ReferralInput {
        key: "drosa-maja-patversme".into(),
        organisation: texts("Patvērums \"Drošā māja\"", "Shelter \"Safe House\""),
        service: texts("Krīzes patversme", "Crisis shelter"),
        service_types: vec![ServiceType::Shelter, ServiceType::Ngo],
        areas: vec![Area::parse("Rēzekne").expect("city")],
        address: "Lāčplēša iela 75, Rīga".into(),
        confidential_address: SECRET_ADDRESS.into(),
        phones: vec![Phone {
            number: "25565098".into(),
            label: "24/7".into(),
        }],
        hours: "24/7".into(),
        languages: vec!["lv".into(), "ru".into()],
        verified_on: NaiveDate::from_ymd_opt(2026, 9, 1),
        verified_by: "Anna".into(),
        ..ReferralInput::default()
    }
}

fn labour_inspectorate() -> ReferralInput {
    ReferralInput {
        key: "vdi".into(),
        organisation: texts("Valsts darba inspekcija", "State Labour Inspectorate"),
        service: texts("Konsultācijas par darba tiesībām", "Labour rights advice"),
        service_types: vec![ServiceType::LabourInspectorate],
        areas: vec![Area::Nationwide],
        phones: vec![Phone {
            number: "+371 67186522".into(),
            label: String::new(),
        }],
        hours: "Mon-Fri 08:30-17:00".into(),
        languages: vec!["lv".into()],
        notes: texts("Sūdzības par darba devēju, arī Rēzeknē.", ""),
        ..ReferralInput::default()
    }
}

fn embassy_uk() -> ReferralInput {
    ReferralInput {
        key: "lv-embassy-gb".into(),
        organisation: texts(
            "Latvijas vēstniecība Lielbritānijā",
            "Embassy of Latvia in the UK",
        ),
        service: texts("Konsulārā palīdzība", "Consular assistance"),
        service_types: vec![ServiceType::Embassy],
        areas: vec![Area::parse("abroad:GB").expect("gb")],
        languages: vec!["lv".into(), "en".into()],
        ..ReferralInput::default()
    }
}

/// An office whose supervisor has added three entries.
fn office_with_directory() -> (Office, Session) {
    let office = Office::new();
    let supervisor = office.sign_in(SUPERVISOR);
    for input in [shelter(), labour_inspectorate(), embassy_uk()] {
        supervisor
            .directory()
            .save(None, input, now())
            .expect("save");
    }
    (office, supervisor)
}

fn keys(session: &Session, query: &ReferralQuery) -> Vec<String> {
    keys_at(session, query, now())
}

fn keys_at(session: &Session, query: &ReferralQuery, at: DateTime<Utc>) -> Vec<String> {
    session
        .directory()
        .search(query, at)
        .expect("search")
        .into_iter()
        .map(|entry| entry.input.key)
        .collect()
}

fn text(words: &str) -> ReferralQuery {
    ReferralQuery {
        text: Some(words.into()),
        ..ReferralQuery::default()
    }
}

/// A search reads the index only as far as a screenful that passes the
/// filters: one or two letters (a query still being typed) in the index's
/// own order, shown by name; a word of three letters best match first.
#[test]
fn a_search_shows_a_screenful_that_passes_the_filters() {
    let (_office, supervisor) = office_with_directory();
    let many = SEARCH_RESULTS + 20;
    for index in 0..many {
        supervisor
            .directory()
            .save(
                None,
                ReferralInput {
                    key: format!("dienests-{index:03}"),
                    organisation: texts(&format!("Dienests {index:03}"), "Service"),
                    service: texts("Konsultācijas", "Advice"),
                    service_types: vec![ServiceType::SocialService],
                    areas: vec![Area::Nationwide],
                    ..ReferralInput::default()
                },
                now(),
            )
            .expect("save");
    }
    let first_letter = keys(&supervisor, &text("d"));
    assert_eq!(first_letter.len(), SEARCH_RESULTS);
    let mut by_name = first_letter.clone();
    by_name.sort();
    assert_eq!(first_letter, by_name, "a screenful, by name");
    assert_eq!(keys(&supervisor, &text("di")).len(), SEARCH_RESULTS);
    assert_eq!(keys(&supervisor, &text("die")).len(), SEARCH_RESULTS);
    assert_eq!(
        keys(&supervisor, &text("dienests 119")),
        vec!["dienests-119"],
        "a word past the screenful is found when typed"
    );
    assert_eq!(
        keys(
            &supervisor,
            &ReferralQuery {
                service_type: Some(ServiceType::Shelter),
                ..text("d")
            }
        ),
        vec!["drosa-maja-patversme"],
        "the filters apply before the screenful is cut"
    );
}

/// A word in more entries than are ranked: the first matches are ranked,
/// and the matches after them still count when the ranked ones do not fill
/// the results after the filters. Guards the unranked reading after
/// `RANKED_CANDIDATES` in `Directory::search`: without it the shelters
/// below, all past the ranked matches, are never found.
#[test]
fn a_word_in_most_of_the_directory_still_finds_what_passes_the_filters() {
    let (_office, supervisor) = office_with_directory();
    let shelters = 30;
    for index in 0..RANKED_CANDIDATES + shelters {
        let shelter = index >= RANKED_CANDIDATES;
        supervisor
            .directory()
            .save(
                None,
                ReferralInput {
                    key: format!("konsultacijas-{index:04}"),
                    // Names run against the index's order, so the test
                    // tells a list by name from a list in index order.
                    organisation: texts(&format!("Centrs {:04}", 9999 - index), "Centre"),
                    service: texts("Konsultācijas", "Advice"),
                    service_types: vec![if shelter {
                        ServiceType::Shelter
                    } else {
                        ServiceType::SocialService
                    }],
                    areas: vec![Area::Nationwide],
                    ..ReferralInput::default()
                },
                now(),
            )
            .expect("save");
    }
    assert_eq!(
        keys(&supervisor, &text("konsultacijas")).len(),
        SEARCH_RESULTS
    );
    let found = keys(
        &supervisor,
        &ReferralQuery {
            service_type: Some(ServiceType::Shelter),
            ..text("konsultacijas")
        },
    );
    // Too many matches to rank: the ones that pass, by organisation name.
    let expected: Vec<String> = (RANKED_CANDIDATES..RANKED_CANDIDATES + shelters)
        .rev()
        .map(|index| format!("konsultacijas-{index:04}"))
        .collect();
    assert_eq!(found, expected);
}

#[test]
fn search_ignores_diacritics_and_case_and_matches_prefixes() {
    let (_office, supervisor) = office_with_directory();
    assert_eq!(
        keys(&supervisor, &text("dros maja")),
        vec!["drosa-maja-patversme"]
    );
    assert_eq!(
        keys(&supervisor, &text("DROŠĀ")),
        vec!["drosa-maja-patversme"]
    );
    assert_eq!(keys(&supervisor, &text("inspek")), vec!["vdi"]);
    assert_eq!(
        keys(&supervisor, &text("crisis shelter")),
        vec!["drosa-maja-patversme"]
    );
    assert!(keys(&supervisor, &text("zzz")).is_empty());
    assert_eq!(
        keys(&supervisor, &text("\"NEAR(")),
        Vec::<String>::new(),
        "FTS syntax is only text"
    );
}

#[test]
fn a_name_match_ranks_above_a_notes_match() {
    let (_office, supervisor) = office_with_directory();
    // "rezekne" is the shelter's municipality and only a word in the
    // inspectorate's notes.
    assert_eq!(
        keys(&supervisor, &text("rezekne")),
        vec!["drosa-maja-patversme", "vdi"]
    );
}

#[test]
fn filters_by_region_municipality_type_language_open_now_and_verification() {
    let (_office, supervisor) = office_with_directory();
    let query = |change: fn(&mut ReferralQuery)| {
        let mut query = ReferralQuery::default();
        change(&mut query);
        keys(&supervisor, &query)
    };
    assert_eq!(
        query(|_| {}),
        vec!["lv-embassy-gb", "drosa-maja-patversme", "vdi"],
        "by name"
    );
    assert_eq!(
        query(|q| q.region = Some(Region::Latgale)),
        vec!["drosa-maja-patversme", "vdi"]
    );
    assert_eq!(
        query(|q| q.region = Some(Region::Kurzeme)),
        vec!["vdi"],
        "nationwide only"
    );
    assert_eq!(
        query(|q| q.municipality = Some("rezekne".into())),
        vec!["drosa-maja-patversme", "vdi"]
    );
    assert_eq!(
        query(|q| q.service_type = Some(ServiceType::Embassy)),
        vec!["lv-embassy-gb"]
    );
    assert_eq!(
        query(|q| q.language = Some("ru".into())),
        vec!["drosa-maja-patversme"]
    );
    assert_eq!(
        query(|q| q.verified_within_months = Some(12)),
        vec!["drosa-maja-patversme"]
    );

    let open_now = ReferralQuery {
        open_now: true,
        ..ReferralQuery::default()
    };
    // Monday 23.11.2026 10:00 in Rīga: the inspectorate and the 24/7 shelter.
    assert_eq!(
        keys(&supervisor, &open_now),
        vec!["drosa-maja-patversme", "vdi"]
    );
    let sunday = DateTime::parse_from_rfc3339("2026-11-22T10:00:00Z")
        .expect("time")
        .with_timezone(&Utc);
    assert_eq!(
        keys_at(&supervisor, &open_now, sunday),
        vec!["drosa-maja-patversme"]
    );
}

/// A filter with no words reads only the entries whose service types and
/// places can pass (`referral_facet`, kept by triggers from each entry): an
/// edit must move an entry between filters at once.
#[test]
fn a_filter_with_no_words_follows_an_edited_entry() {
    let (_office, supervisor) = office_with_directory();
    let by = |service_type: ServiceType, region: Region| {
        keys(
            &supervisor,
            &ReferralQuery {
                service_type: Some(service_type),
                region: Some(region),
                ..ReferralQuery::default()
            },
        )
    };
    assert_eq!(
        by(ServiceType::Shelter, Region::Latgale),
        ["drosa-maja-patversme"]
    );
    let id = supervisor
        .directory()
        .search(&text("patverums"), now())
        .expect("search")[0]
        .id;
    supervisor
        .directory()
        .save(
            Some(id),
            ReferralInput {
                service_types: vec![ServiceType::LegalAid],
                areas: vec![Area::parse("Ventspils").expect("city")],
                ..shelter()
            },
            now(),
        )
        .expect("edited");
    assert!(by(ServiceType::Shelter, Region::Latgale).is_empty());
    assert!(by(ServiceType::LegalAid, Region::Latgale).is_empty());
    assert_eq!(
        by(ServiceType::LegalAid, Region::Kurzeme),
        ["drosa-maja-patversme"]
    );
    assert_eq!(
        keys(
            &supervisor,
            &ReferralQuery {
                municipality: Some("Ventspils".into()),
                ..ReferralQuery::default()
            }
        ),
        ["drosa-maja-patversme", "vdi"],
        "a municipality by name, and the nationwide entry"
    );
}

#[test]
fn a_confidential_address_is_hidden_until_a_consultant_opens_it_and_the_opening_is_audited() {
    let (office, supervisor) = office_with_directory();
    let consultant = office.sign_in(LATGALE);
    let found = consultant
        .directory()
        .search(&text("patversme"), now())
        .expect("search");
    let entry = &found[0];
    assert!(entry.has_confidential_address);
    assert!(
        entry.input.confidential_address.is_empty(),
        "not in results"
    );
    assert!(
        !entry.contact_text.contains("Slepenā"),
        "not in the copied text"
    );
    let opened = consultant.directory().get(entry.id, now()).expect("get");
    assert!(
        opened.input.confidential_address.is_empty(),
        "not on plain opening"
    );
    assert!(supervisor
        .audit_entries()
        .expect("audit")
        .iter()
        .all(|e| e.action != "confidentialAddressOpened"));

    let address = consultant
        .directory()
        .open_confidential_address(entry.id, now())
        .expect("open on purpose");
    assert_eq!(address, SECRET_ADDRESS);
    let audit = supervisor.audit_entries().expect("audit");
    let opening = audit
        .iter()
        .find(|e| e.action == "confidentialAddressOpened")
        .expect("the opening is audited");
    assert_eq!(opening.actor, Some(consultant.account().id));
    assert_eq!(
        opening.target_id.as_deref(),
        Some(entry.id.to_string().as_str())
    );
    assert!(!opening.details.contains("Slepenā"));

    let as_supervisor = supervisor.directory().get(entry.id, now()).expect("get");
    assert_eq!(as_supervisor.input.confidential_address, SECRET_ADDRESS);
    assert_eq!(
        supervisor.verify_audit_log().expect("verify").first_broken,
        None
    );
}

#[test]
fn exports_leave_out_confidential_addresses_unless_a_supervisor_asks() {
    let (office, supervisor) = office_with_directory();
    for format in [TransferFormat::Csv, TransferFormat::Hsds] {
        let plain = supervisor
            .directory()
            .export(
                ExportOptions {
                    format,
                    include_confidential: false,
                    include_retired: false,
                },
                now(),
            )
            .expect("export");
        let plain = String::from_utf8(plain).expect("utf-8");
        assert!(plain.contains("Drošā māja"), "{format:?}");
        assert!(!plain.contains("Slepenā"), "{format:?}");
        let full = supervisor
            .directory()
            .export(
                ExportOptions {
                    format,
                    include_confidential: true,
                    include_retired: false,
                },
                now(),
            )
            .expect("export");
        assert!(
            String::from_utf8(full).expect("utf-8").contains("Slepenā"),
            "{format:?}"
        );
    }
    let consultant = office.sign_in(LATGALE);
    let refused = consultant.directory().export(
        ExportOptions {
            format: TransferFormat::Csv,
            include_confidential: true,
            include_retired: false,
        },
        now(),
    );
    assert!(matches!(refused, Err(Error::SupervisorOnly)));
    let exports = supervisor
        .audit_entries()
        .expect("audit")
        .into_iter()
        .filter(|e| e.action == "referralsExported")
        .collect::<Vec<_>>();
    assert_eq!(exports.len(), 4, "every export is audited");
    assert!(exports[1].details.contains("\"includeConfidential\":true"));
}

#[test]
fn the_seed_directory_imports_and_importing_it_again_changes_nothing() {
    let office = Office::new();
    let supervisor = office.sign_in(SUPERVISOR);
    let first = supervisor
        .directory()
        .import(TransferFormat::Csv, SEED, now())
        .expect("the seed file is valid");
    assert!(first.added >= 30, "{first:?}");
    assert_eq!((first.updated, first.unchanged), (0, 0));
    let before = supervisor
        .directory()
        .search(&ReferralQuery::default(), now())
        .expect("all");
    let again = supervisor
        .directory()
        .import(TransferFormat::Csv, SEED, now())
        .expect("re-import");
    assert_eq!(
        again,
        ImportSummary {
            added: 0,
            updated: 0,
            unchanged: first.added
        }
    );
    let after = supervisor
        .directory()
        .search(&ReferralQuery::default(), now())
        .expect("all");
    assert_eq!(before, after, "nothing changed, not even timestamps");
    assert!(!keys(&supervisor, &text("drosa maja")).is_empty());
}

#[test]
fn the_starter_directory_built_into_the_app_loads_once_and_only_for_supervisors() {
    use hotline_core::referrals::STARTER_DIRECTORY_CSV;
    assert_eq!(STARTER_DIRECTORY_CSV.as_bytes(), SEED, "the shipped file");
    let office = Office::new();
    let consultant = office.sign_in(LATGALE);
    assert!(matches!(
        consultant.directory().load_starter(now()),
        Err(Error::SupervisorOnly)
    ));
    consultant.lock();

    let supervisor = office.sign_in(SUPERVISOR);
    let first = supervisor.directory().load_starter(now()).expect("load");
    assert_eq!(first.added, 40, "{first:?}");
    let again = supervisor.directory().load_starter(now()).expect("again");
    assert_eq!((again.added, again.unchanged), (0, 40));
    let imports = supervisor
        .audit_entries()
        .expect("audit")
        .into_iter()
        .filter(|entry| entry.action == "referralsImported")
        .count();
    assert_eq!(imports, 2, "each load is audited as an import");
}

#[test]
fn one_bad_row_rejects_the_whole_file_with_every_problem_by_line_and_column() {
    let (_office, supervisor) = office_with_directory();
    let before = supervisor
        .directory()
        .search(&ReferralQuery::default(), now())
        .expect("all");
    let file = "key,organisation_lv,service_lv,service_types,areas,phones,hours\n\
                new-one,Jauna organizācija,Palīdzība,ngo,riga,,\n\
                vdi,Valsts darba inspekcija,Jauns nosaukums,labour-inspectorate,nationwide,,\n\
                bad-phone,Org,Pak,ngo,riga,12ab,\n\
                bad-area,Org,Pak,ngo,Atlantīda,,\n\
                bad-hours,Org,Pak,teleport,riga,,sometimes\n\
                new-one,Dubultā,Pak,ngo,riga,,\n";
    let error = supervisor
        .directory()
        .import(TransferFormat::Csv, file.as_bytes(), now())
        .expect_err("rejected");
    let public = error.to_public();
    assert_eq!(public.code, ErrorCode::ImportRejected);
    let problems: Vec<(usize, String)> = public
        .problems
        .expect("problems listed")
        .into_iter()
        .map(|problem| (problem.line, problem.column))
        .collect();
    assert_eq!(
        problems,
        vec![
            (4, "phones".to_owned()),
            (5, "areas".to_owned()),
            (6, "service_types".to_owned()),
            (6, "hours".to_owned()),
            (7, "key".to_owned()),
        ]
    );
    let after = supervisor
        .directory()
        .search(&ReferralQuery::default(), now())
        .expect("all");
    assert_eq!(before, after, "a rejected import changes nothing");
}

#[test]
fn unknown_or_missing_columns_and_non_csv_are_rejected() {
    let (_office, supervisor) = office_with_directory();
    let import = |file: &str| {
        supervisor
            .directory()
            .import(TransferFormat::Csv, file.as_bytes(), now())
            .expect_err("rejected")
            .to_public()
            .problems
            .expect("problems")
            .into_iter()
            .map(|problem| (problem.line, problem.column))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        import("key,organisation_lv,service_lv,service_types,areas,phone\nx,O,S,ngo,riga,1\n"),
        vec![(1, "phone".to_owned())]
    );
    assert_eq!(
        import("key,organisation_lv,service_lv,areas\nx,O,S,riga\n"),
        vec![(1, "service_types".to_owned())]
    );
    assert_eq!(
        import("").len(),
        5,
        "an empty file lacks every required column"
    );
    let hsds = supervisor
        .directory()
        .import(TransferFormat::Hsds, b"{ not json", now())
        .expect_err("not json")
        .to_public();
    assert_eq!(hsds.problems.expect("problems")[0].column, "file");
}

#[test]
fn hsds_export_imports_into_another_office_unchanged() {
    let (_office, supervisor) = office_with_directory();
    let exported = supervisor
        .directory()
        .export(
            ExportOptions {
                format: TransferFormat::Hsds,
                include_confidential: true,
                include_retired: true,
            },
            now(),
        )
        .expect("export");
    let json: serde_json::Value = serde_json::from_slice(&exported).expect("json");
    assert_eq!(json[2]["organization"]["name"], "Valsts darba inspekcija");
    assert_eq!(json[2]["schedules"][0]["byday"], "MO,TU,WE,TH,FR");

    let other = Office::new();
    let other_supervisor = other.sign_in(SUPERVISOR);
    let summary = other_supervisor
        .directory()
        .import(TransferFormat::Hsds, &exported, now())
        .expect("import");
    assert_eq!(summary.added, 3);
    let inputs = |session: &Session| {
        let mut inputs: Vec<ReferralInput> = session
            .directory()
            .search(&ReferralQuery::default(), now())
            .expect("all")
            .into_iter()
            .map(|entry| session.directory().get(entry.id, now()).expect("get").input)
            .collect();
        inputs.sort_by(|a, b| a.key.cmp(&b.key));
        inputs
    };
    assert_eq!(inputs(&supervisor), inputs(&other_supervisor));
}

#[test]
fn retired_entries_leave_the_search_but_stay_readable_and_only_supervisors_maintain() {
    let (office, supervisor) = office_with_directory();
    let embassy = supervisor
        .directory()
        .search(&text("embassy"), now())
        .expect("search")[0]
        .id;
    supervisor
        .directory()
        .set_retired(embassy, true, now())
        .expect("retire");
    assert!(keys(&supervisor, &text("embassy")).is_empty());
    let retired = supervisor
        .directory()
        .get(embassy, now())
        .expect("still readable");
    assert!(retired.retired);
    let with_retired = ReferralQuery {
        include_retired: true,
        ..text("embassy")
    };
    assert_eq!(keys(&supervisor, &with_retired), vec!["lv-embassy-gb"]);

    let consultant = office.sign_in(LATGALE);
    assert!(matches!(
        consultant.directory().save(None, embassy_uk(), now()),
        Err(Error::SupervisorOnly)
    ));
    assert!(matches!(
        consultant.directory().set_retired(embassy, false, now()),
        Err(Error::SupervisorOnly)
    ));
    assert!(matches!(
        consultant
            .directory()
            .import(TransferFormat::Csv, SEED, now()),
        Err(Error::SupervisorOnly)
    ));
    assert!(matches!(
        supervisor.directory().save(None, embassy_uk(), now()),
        Err(Error::ReferralKeyTaken)
    ));
}

#[test]
fn an_import_reports_each_row_applied_and_a_stopped_one_adds_nothing() {
    let office = Office::new();
    let supervisor = office.sign_in(SUPERVISOR);
    let audited = supervisor.audit_entries().expect("audit").len();
    let stopped = supervisor
        .directory()
        .import_watched(
            TransferFormat::Csv,
            SEED,
            now(),
            &RecordingWatcher::stopping_after(5),
        )
        .expect_err("stopped");
    assert!(matches!(stopped, Error::LongWorkCancelled), "{stopped:?}");
    let all = supervisor
        .directory()
        .search(&ReferralQuery::default(), now())
        .expect("all");
    assert!(all.is_empty(), "rolled back: {} entries", all.len());
    assert_eq!(supervisor.audit_entries().expect("audit").len(), audited);

    let watched = RecordingWatcher::default();
    let imported = supervisor
        .directory()
        .import_watched(TransferFormat::Csv, SEED, now(), &watched)
        .expect("the seed file is valid");
    let reports = watched.reports();
    assert_eq!(reports.len() as u32, imported.added, "one report a row");
    assert!(reports
        .iter()
        .all(|report| report.unit == WorkUnit::Records));
    assert!(
        reports
            .iter()
            .enumerate()
            .all(|(at, report)| report.done == at as u64 + 1),
        "{reports:?}"
    );
    let last = reports.last().expect("a report");
    assert_eq!(last.done, last.total);
}
