//! The audit log records who signed in (and how many attempts failed before),
//! who created, opened, edited or discarded which call, and account changes,
//! on a real SQLCipher file; entries name records by id and never hold notes.

use chrono::Duration;
use hotline_core::accounts::NewAccount;
use hotline_core::audit::AuditEntry;
use hotline_core::calls::{CallDetails, CallerRole, Line, Subject};
use hotline_core::{Error, Region, Role, Session};

mod common;

use common::{now, Office, LATGALE, SUPERVISOR};

const CANARY: &str = "CANARY-audit-Kr-Valdemara-33";

fn entries(supervisor: &Session) -> Vec<AuditEntry> {
    supervisor.audit_entries().expect("audit")
}

fn last_of<'a>(entries: &'a [AuditEntry], action: &str) -> &'a AuditEntry {
    entries
        .iter()
        .rev()
        .find(|entry| entry.action == action)
        .unwrap_or_else(|| panic!("no {action} entry"))
}

#[test]
fn sign_ins_count_the_failed_attempts_before_them() {
    let office = Office::new();
    for _ in 0..2 {
        let refused = office.device.unlock(LATGALE.0, "wrong", now());
        assert!(matches!(refused, Err(Error::WrongCredentials)));
    }
    let later = now() + Duration::minutes(10);
    let janis = office
        .device
        .unlock(LATGALE.0, LATGALE.1, later)
        .expect("unlock");
    let supervisor = office.sign_in(SUPERVISOR);
    let all = entries(&supervisor);
    let signed_in: Vec<_> = all
        .iter()
        .filter(|entry| entry.action == "signedIn")
        .collect();
    let janis_entry = signed_in
        .iter()
        .find(|entry| entry.actor == Some(janis.account().id))
        .expect("janis signed in");
    assert_eq!(janis_entry.details, r#"{"failedAttemptsBefore":2}"#);
    assert_eq!(janis_entry.at, later);
    let supervisor_entry = signed_in
        .iter()
        .rfind(|entry| entry.actor == Some(supervisor.account().id))
        .expect("the supervisor signed in");
    assert_eq!(
        supervisor_entry.details, r#"{"failedAttemptsBefore":0}"#,
        "the count starts again after a success"
    );
}

#[test]
fn calls_created_opened_edited_and_discarded_are_audited_without_their_content() {
    let office = Office::new();
    let janis = office.sign_in(LATGALE);
    let log = janis.call_log();
    let draft = log.start(now()).expect("start");
    let details = CallDetails {
        notes: format!("Caller stays at {CANARY}"),
        line: Some(Line::LATGALE),
        caller_role: Some(CallerRole::PersonAtRiskOrVictim),
        subjects: vec![Subject::SEXUAL_EXPLOITATION],
        ..draft.details
    };
    let call = log
        .finish(draft.id, details.clone(), now())
        .expect("finish");
    let edited = CallDetails {
        notes: format!("{} — called back", details.notes),
        ..call.details.clone()
    };
    log.edit(call.id, edited, now()).expect("edit");
    let mistake = log.start(now()).expect("start");
    log.discard_draft(mistake.id, now()).expect("discard");

    let supervisor = office.sign_in(SUPERVISOR);
    supervisor
        .call_log()
        .open(call.id, now())
        .expect("open to read");
    let all = entries(&supervisor);
    let call_id = call.id.to_string();
    let created = last_of(&all, "callCreated");
    assert_eq!(created.actor, Some(janis.account().id));
    assert_eq!(created.target_id.as_deref(), Some(call_id.as_str()));
    let edit = last_of(&all, "callEdited");
    assert_eq!(edit.details, r#"{"changedFields":["notes"]}"#);
    let opened = last_of(&all, "callOpened");
    assert_eq!(opened.actor, Some(supervisor.account().id));
    assert_eq!(opened.target_id.as_deref(), Some(call_id.as_str()));
    let discarded = last_of(&all, "callDraftDiscarded");
    assert_eq!(
        discarded.target_id.as_deref(),
        Some(mistake.id.to_string().as_str())
    );
    for entry in &all {
        let text = format!("{entry:?}");
        assert!(!text.contains(CANARY), "notes in the audit log: {text}");
        assert!(
            !text.contains("called back"),
            "notes in the audit log: {text}"
        );
    }
    assert_eq!(
        supervisor.verify_audit_log().expect("verify").first_broken,
        None
    );
}

#[test]
fn account_changes_are_audited_with_who_did_them() {
    let office = Office::new();
    let mut supervisor = office.sign_in(SUPERVISOR);
    let added = supervisor
        .add_account(
            NewAccount {
                login: "liga".into(),
                display_name: "Līga".into(),
                role: Role::Consultant,
                home_region: Region::Vidzeme,
            },
            "Līgas garā parole",
            now(),
        )
        .expect("add");
    supervisor
        .reset_passphrase("liga", "Līgas jaunā parole", now())
        .expect("reset");
    let all = entries(&supervisor);
    let account_added = last_of(&all, "accountAdded");
    assert_eq!(account_added.actor, Some(supervisor.account().id));
    assert_eq!(
        account_added.target_id.as_deref(),
        Some(added.id.to_string().as_str())
    );
    assert_eq!(
        account_added.details,
        r#"{"region":"vidzeme","role":"consultant"}"#
    );
    let reset = last_of(&all, "passphraseReset");
    assert_eq!(
        reset.target_id.as_deref(),
        Some(added.id.to_string().as_str())
    );
    for entry in &all {
        assert!(!entry.details.contains("parole"), "{entry:?}");
        assert!(!entry.details.contains("liga"), "no login: {entry:?}");
    }
}

#[test]
fn the_first_run_is_the_first_entry_and_names_no_one() {
    let office = Office::new();
    let supervisor = office.sign_in(SUPERVISOR);
    let all = entries(&supervisor);
    let first = all.first().expect("an entry");
    assert_eq!(first.action, "deviceSetUp");
    assert_eq!(first.actor, Some(supervisor.account().id));
    assert_eq!(first.target_kind.as_deref(), Some("organisation"));
    assert_eq!(
        first.target_id,
        Some(supervisor.organisation().id.to_string())
    );
    assert_eq!(first.details, r#"{"homeRegion":"riga"}"#);
}
