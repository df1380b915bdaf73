//! The organisation's call subjects, lines and channels through the real
//! server (issue 11): a supervisor's change reaches every laptop, a deletion
//! never strands a call, and a consultant's laptop cannot publish a subject.

mod common;

use chrono::Duration;
use common::{now, sync_all, Backend, Office};
use hotline_core::calls::{CallDetails, CallerRole, Line, Subject};
use hotline_core::categories::{Category, CategoryKind, CtdcExploitation, NewCategory};
use hotline_core::referrals::Texts;
use hotline_core::sync::{RecordKind, Scope};
use hotline_core::testkit::forger::Forger;
use hotline_core::{Error, Region, Role, Session};
use uuid::Uuid;

fn forced_marriage() -> NewCategory {
    NewCategory {
        code: "forcedMarriage".into(),
        kind: CategoryKind::Subject,
        names: Texts {
            lv: "Piespiedu laulība".into(),
            en: "Forced marriage".into(),
            ru: "Принудительный брак".into(),
        },
        ctdc: CtdcExploitation::Other,
    }
}

fn held(session: &Session, code: &str) -> Option<Category> {
    session
        .categories()
        .list()
        .expect("list")
        .into_iter()
        .find(|category| category.code.code() == code)
}

#[test]
fn a_supervisors_subjects_reach_every_laptop_and_serve_their_calls() {
    let office = Office::new(Backend::Sqlite);
    let latgale = office.enrol("latgale", Role::Consultant, Region::Latgale);
    let second = office.enrol("second-supervisor", Role::Supervisor, Region::Riga);
    let added = office
        .supervisor
        .session
        .categories()
        .add(forced_marriage(), now())
        .expect("a supervisor adds a subject");
    sync_all(&[&office.supervisor, &latgale, &second]);
    for laptop in [&latgale, &second] {
        assert_eq!(held(&laptop.session, "forcedMarriage"), Some(added.clone()));
    }

    // A consultant logs a call about it on their own laptop.
    let code = Subject::parse(added.code.code()).expect("a subject's code");
    let details = CallDetails {
        line: Some(Line::LATGALE),
        caller_role: Some(CallerRole::PersonAtRiskOrVictim),
        subjects: vec![code.clone()],
        ..CallDetails::starting(now(), Region::Latgale)
    };
    latgale
        .session
        .call_log()
        .add_finished([details], now())
        .expect("a call about the new subject");

    // The second supervisor, who has not received that call yet, deletes
    // the subject; the consultant's laptop, whose call names it, keeps it
    // as retired so the call keeps its name.
    second
        .session
        .categories()
        .delete("forcedMarriage", now() + Duration::seconds(5))
        .expect("unused on this laptop");
    sync_all(&[&second, &latgale]);
    let kept = held(&latgale.session, "forcedMarriage").expect("kept for its call");
    assert!(kept.retired);
    assert_eq!(kept.names.lv, "Piespiedu laulība");

    // Retiring and restoring travel too; the newest change wins.
    office
        .supervisor
        .session
        .categories()
        .set_retired("jobOfferCheck", true, now() + Duration::seconds(10))
        .expect("retire");
    sync_all(&[&office.supervisor, &latgale, &second]);
    for laptop in [&office.supervisor, &latgale, &second] {
        let job_offer = held(&laptop.session, "jobOfferCheck").expect("listed");
        assert!(job_offer.retired, "on {}", laptop.login);
    }
    let refused = latgale.session.call_log().add_finished(
        [CallDetails {
            line: Some(Line::LATGALE),
            caller_role: Some(CallerRole::PersonAtRiskOrVictim),
            subjects: vec![Subject::JOB_OFFER_CHECK],
            ..CallDetails::starting(now(), Region::Latgale)
        }],
        now(),
    );
    assert!(
        matches!(
            refused,
            Err(Error::InvalidInput {
                field: "subjects",
                ..
            })
        ),
        "{refused:?}"
    );
}

#[test]
fn a_supervisors_new_channel_and_a_retired_line_reach_every_laptop() {
    let office = Office::new(Backend::Sqlite);
    let latgale = office.enrol("latgale", Role::Consultant, Region::Latgale);
    let categories = office.supervisor.session.categories();
    let viber = categories
        .add(
            NewCategory {
                code: "viber".into(),
                kind: CategoryKind::Line,
                names: Texts {
                    lv: "Viber".into(),
                    en: "Viber".into(),
                    ru: "Viber".into(),
                },
                ctdc: CtdcExploitation::None,
            },
            now(),
        )
        .expect("a supervisor adds a channel");
    categories
        .set_retired("skype", true, now())
        .expect("a supervisor retires Skype");
    sync_all(&[&office.supervisor, &latgale]);
    assert_eq!(held(&latgale.session, "viber"), Some(viber));
    assert!(held(&latgale.session, "skype").expect("listed").retired);

    let call_on = |line: Line| CallDetails {
        line: Some(line),
        caller_role: Some(CallerRole::PersonAtRiskOrVictim),
        subjects: vec![Subject::OTHER],
        ..CallDetails::starting(now(), Region::Latgale)
    };
    let log = latgale.session.call_log();
    log.add_finished([call_on(Line::parse("viber").expect("code"))], now())
        .expect("a call on the new channel");
    let refused = log.add_finished([call_on(Line::SKYPE)], now());
    assert!(
        matches!(refused, Err(Error::InvalidInput { field: "line", .. })),
        "{refused:?}"
    );
}

/// Guards `RecordKind::Category => Rule::SupervisorOnly` in the permission
/// table: without it, one consultant laptop could rename "forced labour" to
/// anything, or remap its CTDC type, on every laptop of the organisation.
#[test]
fn a_consultant_laptop_cannot_publish_a_subject() {
    let office = Office::new(Backend::Sqlite);
    let hostile = office.enrol("latgale", Role::Consultant, Region::Latgale);
    hostile.sync().expect("sync");
    let forger = Forger::new(&hostile.session).expect("forger");
    let later = u64::try_from(now().timestamp_millis()).expect("after 1970") + 60_000;
    let forged = forger
        .seal(
            RecordKind::Category,
            Uuid::new_v4(),
            &forger.stamp(later, 0),
            Scope::Organisation,
            &serde_json::json!({
                "code": "forcedLabour",
                "names": { "lv": "Brīvprātīgs darbs", "en": "Voluntary work", "ru": "" },
                "ctdc": "none",
                "position": 4,
                "state": "active",
            }),
        )
        .expect("seal");
    let pushed = forger.push(std::slice::from_ref(&forged));
    assert!(
        matches!(pushed, Err(Error::ServerRejected { status: 403, .. })),
        "{pushed:?}"
    );
    office.supervisor.sync().expect("sync");
    let forced_labour = held(&office.supervisor.session, "forcedLabour").expect("listed");
    assert_eq!(forced_labour.names.en, "Forced labour");
    assert_eq!(forced_labour.ctdc, CtdcExploitation::ForcedLabour);
}
