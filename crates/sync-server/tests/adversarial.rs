//! A hostile but enrolled laptop against honest ones, through the real
//! server process. The hostile device is testkit's `Forger`, built from a
//! real consultant laptop's store: it holds exactly that laptop's keys and
//! token, and pushes records the honest app never would.
//!
//! What holds (issue 10): the server refuses what the pushing device did
//! not sign as itself or may not write (the permission table), and every
//! honest device checks the signature, the certificate and the table again,
//! quarantining what fails; tests hand forgeries to laptops past the relay
//! too (`deliver_past_the_relay`), so each defence is shown on its own. A
//! record that opens but cannot be applied is quarantined, named in the
//! Sync section's data, and sync goes on; junk that fills pages to the brim
//! does not make devices "offline". Each test says which line it guards and
//! has a control that shows the honest version applied. Key rotation on
//! revocation is the next step of the same issue.

mod common;

use common::{Laptop, Office};
use hotline_core::sync::NewDevice;
use hotline_core::sync::{QuarantineReason, RecordKind, Scope, Stamp};
use hotline_core::testkit::forger::{deliver_past_the_relay, Forger};
use hotline_core::{Error, Region, Role};
use hotline_protocol::limits::MAX_CIPHERTEXT_BYTES;
use hotline_protocol::{Envelope, NONCE_LEN};
use serde_json::Value;
use uuid::Uuid;

/// An office with a supervisor, an honest Latgale consultant, and a hostile
/// Latgale consultant whose laptop has queued one call it never pushes
/// honestly: the record forgeries start from.
struct Attack {
    office: Office,
    honest: Laptop,
    /// The hostile laptop itself, kept so its store stays open.
    _hostile: Laptop,
    forger: Forger,
    /// The hostile laptop's call as the app sealed it, and the record inside.
    call: (Envelope, Value),
}

impl Attack {
    fn new() -> Self {
        let office = Office::new(common::Backend::Sqlite);
        let honest = office.enrol("latgale-honest", Role::Consultant, Region::Latgale);
        let hostile = office.enrol("latgale-hostile", Role::Consultant, Region::Latgale);
        // Its account reaches everyone honestly, as an enrolled device's does.
        hostile.sync().expect("the hostile laptop's first sync");
        let id = hostile.log_call(Region::Latgale, "Darba piedāvājums Kiprā");
        let forger = Forger::new(&hostile.session).expect("forger");
        let call = forger
            .queued(&hostile.session)
            .expect("queued")
            .into_iter()
            .find(|(envelope, _)| envelope.kind == RecordKind::Call && envelope.record_id == id)
            .expect("the queued call");
        Self {
            office,
            honest,
            _hostile: hostile,
            forger,
            call,
        }
    }

    /// Seals `record` as a call of Latgale with the hostile device's `stamp`
    /// and pushes it; returns the envelope's id.
    fn push_call(&self, record: &Value, stamp: &Stamp) -> Uuid {
        let envelope = self
            .forger
            .seal(
                RecordKind::Call,
                self.call.0.record_id,
                stamp,
                Scope::Region(Region::Latgale),
                record,
            )
            .expect("seal");
        self.forger
            .push(std::slice::from_ref(&envelope))
            .expect("the server stores it");
        envelope.id
    }

    /// The call's own stamp, a moment later: a plausible edit.
    fn next_stamp(&self) -> Stamp {
        let stamp: Stamp = self.call.0.version.parse().expect("stamp");
        self.forger.stamp(stamp.millis + 1_000, 0)
    }

    /// The honest devices: the supervisor and the Latgale consultant.
    fn honest_devices(&self) -> [&Laptop; 2] {
        [&self.office.supervisor, &self.honest]
    }

    /// Each honest device syncs, then logs a call and syncs again: sync
    /// never halts, and the honest call reaches the other honest device.
    fn honest_devices_still_converge(&self) {
        for laptop in self.honest_devices() {
            laptop.sync().expect("sync goes on");
        }
        let from_supervisor = self
            .office
            .supervisor
            .log_call(Region::Latgale, "Fiktīva laulība");
        let from_consultant = self.honest.log_call(Region::Latgale, "Modeļu aģentūra");
        for _ in 0..2 {
            for laptop in self.honest_devices() {
                laptop.sync().expect("sync goes on");
            }
        }
        for laptop in self.honest_devices() {
            let calls = laptop.calls();
            assert!(calls.contains_key(&from_supervisor));
            assert!(calls.contains_key(&from_consultant));
        }
    }

    /// What the supervisor's Sync section lists about `envelope_id`.
    fn quarantined_reason(&self, envelope_id: Uuid) -> Option<QuarantineReason> {
        self.office
            .supervisor
            .session
            .sync()
            .quarantined()
            .expect("quarantined records")
            .into_iter()
            .find(|record| record.envelope_id == envelope_id)
            .map(|record| {
                assert_eq!(record.kind, "call");
                assert_eq!(record.record_id, self.call.0.record_id);
                record.reason
            })
    }

    fn quarantined_count(laptop: &Laptop) -> u32 {
        laptop.session.sync().status().expect("status").quarantined
    }
}

/// Why `laptop` set `envelope_id` aside, if it did, as its quarantine table
/// says (a supervisor's Sync section lists the same; a consultant's laptop
/// keeps it without showing it).
fn quarantined_on(laptop: &Laptop, envelope_id: Uuid) -> Option<String> {
    laptop
        .raw_connection()
        .query_row(
            "SELECT reason FROM sync_quarantine WHERE envelope_id = ?1",
            [envelope_id.to_string()],
            |row| row.get(0),
        )
        .ok()
}

/// A reason as `quarantined_on` reads it.
fn reason(reason: QuarantineReason) -> Option<String> {
    serde_json::to_value(reason)
        .ok()
        .and_then(|code| code.as_str().map(str::to_owned))
}

/// The server answered 403.
fn assert_forbidden(push: hotline_core::Result<hotline_protocol::PushResponse>) {
    assert!(
        matches!(push, Err(Error::ServerRejected { status: 403, .. })),
        "{push:?}"
    );
}

/// Guards the savepoint and `quarantine::hold` in `SyncState::apply_one`:
/// before them, a record with a field this version does not know (simply a
/// newer app) failed the page and no device holding the key synced again.
#[test]
fn a_record_of_a_newer_app_version_is_quarantined_and_sync_goes_on() {
    let attack = Attack::new();
    let mut newer = attack.call.1.clone();
    newer["detailsV3"] = serde_json::json!({ "riskScore": 7 });
    let id = attack.push_call(&newer, &attack.next_stamp());

    attack.honest_devices_still_converge();
    assert_eq!(
        attack.quarantined_reason(id),
        Some(QuarantineReason::Unreadable)
    );
    for laptop in attack.honest_devices() {
        assert_eq!(Attack::quarantined_count(laptop), 1);
        assert!(
            !laptop.calls().contains_key(&attack.call.0.record_id),
            "the unreadable call is not applied"
        );
    }
    let audited = attack
        .office
        .supervisor
        .session
        .audit_entries()
        .expect("audit")
        .into_iter()
        .filter(|entry| entry.action == "recordQuarantined")
        .count();
    assert_eq!(
        audited, 2,
        "each honest device audits its own quarantine, and the supervisor sees both"
    );
}

/// Guards the `records::is_newer_schema` check in `SyncState::apply_one`: a
/// record that says it is of a newer schema is held as such (the Sync
/// section tells a supervisor to update the app), whole, even when its
/// fields would read as this version's, and the rest of sync goes on.
#[test]
fn a_record_of_a_newer_schema_is_held_whole_until_the_app_is_updated() {
    let attack = Attack::new();
    let mut newer = attack.call.1.clone();
    newer["schema"] = serde_json::json!(1_000);
    let id = attack.push_call(&newer, &attack.next_stamp());

    attack.honest_devices_still_converge();
    assert_eq!(
        attack.quarantined_reason(id),
        Some(QuarantineReason::NewerSchema)
    );
    for laptop in attack.honest_devices() {
        assert_eq!(quarantined_on(laptop, id).as_deref(), Some("newerSchema"));
        assert!(!laptop.calls().contains_key(&attack.call.0.record_id));
    }
    let kept: String = attack
        .honest
        .raw_connection()
        .query_row(
            "SELECT envelope FROM sync_quarantine WHERE envelope_id = ?1",
            [id.to_string()],
            |row| row.get(0),
        )
        .expect("kept");
    let kept: Envelope = serde_json::from_str(&kept).expect("an envelope");
    assert_eq!(kept.id, id, "the sealed record is kept as it came");
}

/// The control for the forgeries below: the same record, unaltered, pushed
/// by the same hostile device, is applied (this is a consultant's own call
/// in its own region), so what the other tests refuse is the alteration.
#[test]
fn the_unaltered_record_from_the_same_device_is_applied() {
    let attack = Attack::new();
    let id = attack.push_call(&attack.call.1, &attack.next_stamp());
    attack.honest_devices_still_converge();
    assert_eq!(attack.quarantined_reason(id), None);
    for laptop in attack.honest_devices() {
        assert!(laptop.calls().contains_key(&attack.call.0.record_id));
        assert_eq!(Attack::quarantined_count(laptop), 0);
    }
}

/// Guards the foreign-key reason in `QuarantineReason::of` and the savepoint:
/// a call naming an account nobody has used to fail the whole page.
#[test]
fn a_record_naming_an_unknown_account_is_quarantined() {
    let attack = Attack::new();
    let mut orphan = attack.call.1.clone();
    orphan["consultant"] = Value::String(Uuid::new_v4().to_string());
    let id = attack.push_call(&orphan, &attack.next_stamp());

    attack.honest_devices_still_converge();
    assert_eq!(
        attack.quarantined_reason(id),
        Some(QuarantineReason::UnknownReference)
    );
    assert_eq!(Attack::quarantined_count(&attack.honest), 1);
}

/// Guards the `MAX_CLOCK_AHEAD_MILLIS` horizon in `SyncState::apply_one`:
/// a stamp of 9999999999999-999999 used to move every receiver's clock to
/// the end of time; its next stamp had seven counter digits that no parser
/// accepted, and since a round pushes first, that device never synced again.
#[test]
fn a_far_future_stamp_is_quarantined_and_never_moves_a_clock() {
    let attack = Attack::new();
    let far = attack.forger.stamp(Stamp::MAX_MILLIS, Stamp::MAX_COUNTER);
    let id = attack.push_call(&attack.call.1, &far);

    attack.honest_devices_still_converge();
    assert_eq!(
        attack.quarantined_reason(id),
        Some(QuarantineReason::FutureStamp)
    );
    let edited = attack
        .honest
        .log_call(Region::Latgale, "Pēc nākotnes zīmoga");
    attack
        .honest
        .sync()
        .expect("the honest laptop still pushes");
    let stamp: String = attack
        .honest
        .raw_connection()
        .query_row(
            "SELECT stamp FROM call WHERE id = ?1",
            [edited.to_string()],
            |row| row.get(0),
        )
        .expect("stamp");
    let stamp: Stamp = stamp.parse().expect("a readable stamp");
    assert!(stamp.millis < far.millis, "the clock was not moved");
}

/// Guards the byte bound of a pull page (`page_cut` in the server, with
/// `MAX_RESPONSE_BYTES` in the client): 100 maximum-size envelopes used to
/// make pages of ~330 MiB that every laptop gave up reading as "server
/// unreachable", for ever.
#[test]
fn a_hundred_maximum_size_envelopes_do_not_make_devices_offline() {
    let attack = Attack::new();
    let base: Stamp = attack.call.0.version.parse().expect("stamp");
    let junk: Vec<Envelope> = (0..100u32)
        .map(|index| {
            let record_id = Uuid::new_v4();
            let version = attack.forger.stamp(base.millis + 1, index);
            attack.forger.signed(Envelope {
                id: Envelope::id_for(RecordKind::Call, record_id, &version),
                kind: RecordKind::Call,
                record_id,
                version: version.to_string(),
                scope: Scope::Region(Region::Latgale),
                key_epoch: 0,
                nonce: vec![0; NONCE_LEN],
                ciphertext: vec![0x5a; MAX_CIPHERTEXT_BYTES],
                signature: Vec::new(),
            })
        })
        .collect();
    for batch in junk.chunks(20) {
        attack
            .forger
            .push(batch)
            .expect("the server stores the junk");
    }

    for laptop in attack.honest_devices() {
        let report = laptop.sync().expect("not offline");
        assert_eq!(report.refused, 100, "junk is refused, not applied");
    }
    attack.honest_devices_still_converge();
}

/// Guards the permission table's removal rule twice: in the server's
/// `push_refusal` (`may_write`, so a removal never reaches the server's
/// delete) and in `SyncState::apply_one` on every device (a relay that
/// passed it on anyway). Before them, a consultant's device erased any call
/// of its region everywhere and on the server by sealing a removal for its
/// id. The control: a supervisor's erasure of the same call is applied.
#[test]
fn a_consultants_call_erasure_is_refused_and_a_supervisors_is_applied() {
    let attack = Attack::new();
    let supervisor = &attack.office.supervisor;
    let call = attack.honest.log_call(Region::Latgale, "Latgales zvans");
    attack.honest.sync().expect("push");
    supervisor.sync().expect("pull");
    let removal = serde_json::json!({
        "mode": "erased",
        "region": "latgale",
        "removedAt": common::now(),
        "removedBy": Uuid::new_v4(),
        "details": null,
    });
    let envelope = attack
        .forger
        .seal(
            RecordKind::CallRemoval,
            call,
            &attack.next_stamp(),
            Scope::Region(Region::Latgale),
            &removal,
        )
        .expect("seal");
    assert_forbidden(attack.forger.push(std::slice::from_ref(&envelope)));
    assert!(
        attack
            .office
            .server
            .envelope_kinds(call)
            .contains(&"call".to_owned()),
        "the server keeps the call's envelopes"
    );
    assert_eq!(
        deliver_past_the_relay(
            &attack.honest.session,
            std::slice::from_ref(&envelope),
            common::now()
        )
        .expect("deliver"),
        (0, 1)
    );
    assert_eq!(
        quarantined_on(&attack.honest, envelope.id),
        reason(QuarantineReason::NotPermitted)
    );
    assert!(attack.honest.calls().contains_key(&call), "the call stays");

    supervisor
        .session
        .call_log()
        .erase(call, common::now())
        .expect("the supervisor erases it");
    supervisor.sync().expect("push the erasure");
    attack.honest.sync().expect("pull the erasure");
    assert!(
        !attack.honest.calls().contains_key(&call),
        "erased everywhere"
    );
    attack.honest_devices_still_converge();
}

/// Guards the permission table's directory rule: in the server's
/// `push_refusal` and in `SyncState::apply_one`. Before them, any
/// consultant's laptop could rewrite a shelter's phone number on every
/// device. The control: a supervisor's edit reaches the consultant.
#[test]
fn a_consultants_directory_edit_is_refused_and_a_supervisors_is_applied() {
    let attack = Attack::new();
    let record = serde_json::json!({
        "entry": common::referral("drosa-maja", "Viltus patversme"),
        "retired": false,
        "updatedAt": common::now(),
        "updatedBy": null,
    });
    let envelope = attack
        .forger
        .seal(
            RecordKind::Referral,
            Uuid::new_v4(),
            &attack.next_stamp(),
            Scope::Organisation,
            &record,
        )
        .expect("seal");
    assert_forbidden(attack.forger.push(std::slice::from_ref(&envelope)));
    for laptop in attack.honest_devices() {
        laptop
            .sync()
            .expect("the hostile device's certificate arrives");
        assert_eq!(
            deliver_past_the_relay(
                &laptop.session,
                std::slice::from_ref(&envelope),
                common::now()
            )
            .expect("deliver"),
            (0, 1)
        );
        assert_eq!(
            quarantined_on(laptop, envelope.id),
            reason(QuarantineReason::NotPermitted)
        );
        assert!(!laptop.directory().contains_key("drosa-maja"));
    }

    attack
        .office
        .supervisor
        .session
        .directory()
        .save(
            None,
            common::referral("drosa-maja", "Drošā māja"),
            common::now(),
        )
        .expect("the supervisor edits the directory");
    attack.honest_devices_still_converge();
    assert_eq!(
        attack
            .honest
            .directory()
            .get("drosa-maja")
            .map(String::as_str),
        Some("Drošā māja")
    );
}

/// Guards the audit rule of `may_author` (`records::apply`): an entry must
/// be its signer's own. Before it, a consultant's laptop wrote entries into
/// any device's log. The control: the same entry under its own device's id
/// is applied.
#[test]
fn an_audit_entry_under_another_devices_id_is_quarantined() {
    let attack = Attack::new();
    let (own, record) = attack
        .forger
        .queued(&attack._hostile.session)
        .expect("queued")
        .into_iter()
        .find(|(envelope, _)| envelope.kind == RecordKind::AuditEntry)
        .expect("a queued audit entry");
    let supervisor_device = Forger::new(&attack.office.supervisor.session)
        .expect("the supervisor's identity")
        .device();
    let mut forged = record.clone();
    forged["deviceId"] = Value::String(supervisor_device.to_string());
    let envelope = attack
        .forger
        .seal(
            RecordKind::AuditEntry,
            Uuid::new_v4(),
            &attack.next_stamp(),
            own.scope,
            &forged,
        )
        .expect("seal");
    attack
        .forger
        .push(&[envelope.clone(), own.clone()])
        .expect("the server cannot tell");
    attack.honest_devices_still_converge();
    let supervisor = &attack.office.supervisor;
    assert_eq!(
        quarantined_on(supervisor, envelope.id),
        reason(QuarantineReason::NotPermitted)
    );
    assert_eq!(quarantined_on(supervisor, own.id), None, "the control");
}

/// Guards the signature check in the server's `push_refusal` and
/// `TrustStore::signer_of` on every device: a thief with the token and the
/// sealing keys but not the device's signing key cannot write. The control
/// is `the_unaltered_record_from_the_same_device_is_applied`.
#[test]
fn a_record_signed_by_another_key_is_refused() {
    let attack = Attack::new();
    let envelope = attack
        .forger
        .signed_by_stranger(
            attack
                .forger
                .seal(
                    RecordKind::Call,
                    attack.call.0.record_id,
                    &attack.next_stamp(),
                    Scope::Region(Region::Latgale),
                    &attack.call.1,
                )
                .expect("seal"),
        )
        .expect("resign");
    assert_forbidden(attack.forger.push(std::slice::from_ref(&envelope)));
    attack
        .honest
        .sync()
        .expect("the hostile device's certificate arrives");
    assert_eq!(
        deliver_past_the_relay(
            &attack.honest.session,
            std::slice::from_ref(&envelope),
            common::now()
        )
        .expect("deliver"),
        (0, 1)
    );
    assert_eq!(
        quarantined_on(&attack.honest, envelope.id),
        reason(QuarantineReason::BadSignature)
    );
    attack.honest_devices_still_converge();
}

/// Guards the version check in the server's `push_refusal` and
/// `TrustStore::signer_of`: a device cannot write as another one by naming
/// it in the version (the supervisor's device, here).
#[test]
fn a_record_written_in_another_devices_name_is_refused() {
    let attack = Attack::new();
    let supervisor_device = Forger::new(&attack.office.supervisor.session)
        .expect("the supervisor's identity")
        .device();
    let mut stamp = attack.next_stamp();
    stamp.device = supervisor_device;
    let envelope = attack
        .forger
        .seal(
            RecordKind::Call,
            attack.call.0.record_id,
            &stamp,
            Scope::Region(Region::Latgale),
            &attack.call.1,
        )
        .expect("seal");
    assert_forbidden(attack.forger.push(std::slice::from_ref(&envelope)));
    attack
        .honest
        .sync()
        .expect("the hostile device's certificate arrives");
    assert_eq!(
        deliver_past_the_relay(
            &attack.honest.session,
            std::slice::from_ref(&envelope),
            common::now()
        )
        .expect("deliver"),
        (0, 1)
    );
    assert_eq!(
        quarantined_on(&attack.honest, envelope.id),
        reason(QuarantineReason::BadSignature)
    );
    attack.honest_devices_still_converge();
}

/// Guards the account rule of `may_author`: a consultant's device may
/// publish only its own region's consultants. Before it, it could publish a
/// "supervisor" account or rename anyone. The control: a Latgale consultant
/// account from the same device is applied.
#[test]
fn a_consultant_device_cannot_publish_a_supervisor_account() {
    let attack = Attack::new();
    let account = |role: &str| {
        serde_json::json!({
            "displayName": "Jauns darbinieks",
            "role": role,
            "homeRegion": "latgale",
            "createdAt": common::now(),
        })
    };
    let stamp = attack.next_stamp();
    let raised = attack
        .forger
        .seal(
            RecordKind::Account,
            Uuid::new_v4(),
            &stamp,
            Scope::Organisation,
            &account("supervisor"),
        )
        .expect("seal");
    let control = attack
        .forger
        .seal(
            RecordKind::Account,
            Uuid::new_v4(),
            &attack.forger.stamp(stamp.millis, stamp.counter + 1),
            Scope::Organisation,
            &account("consultant"),
        )
        .expect("seal");
    attack
        .forger
        .push(&[raised.clone(), control.clone()])
        .expect("the server cannot tell");
    attack.honest_devices_still_converge();
    for laptop in attack.honest_devices() {
        assert_eq!(
            quarantined_on(laptop, raised.id),
            reason(QuarantineReason::NotPermitted)
        );
        assert_eq!(quarantined_on(laptop, control.id), None, "the control");
    }
}

/// Guards the scope check of `may_write` in the server's `push_refusal` and
/// the scope filter of `pull`: a consultant's device gets 403 for another
/// region's or the supervisors' scope, and never receives them.
#[test]
fn another_regions_scope_is_forbidden_to_a_consultant_device() {
    let attack = Attack::new();
    for scope in [Scope::Region(Region::Riga), Scope::Supervisors] {
        let record_id = Uuid::new_v4();
        let version = attack.next_stamp();
        let envelope = attack.forger.signed(Envelope {
            id: Envelope::id_for(RecordKind::Call, record_id, &version),
            kind: RecordKind::Call,
            record_id,
            version: version.to_string(),
            scope,
            key_epoch: 0,
            nonce: vec![0; NONCE_LEN],
            ciphertext: vec![0x5a; 64],
            signature: Vec::new(),
        });
        assert_forbidden(attack.forger.push(&[envelope]));
    }
    attack
        .office
        .supervisor
        .log_call(Region::Riga, "Rīgas zvans");
    attack.office.supervisor.sync().expect("push");
    let report = attack.honest.sync().expect("pull");
    assert_eq!(report.refused, 0, "no Rīga envelope reached the consultant");
}

/// Guards the single use of an enrolment token (`Store::join` and the token
/// it replaces): a copied package joins one computer only, and the second
/// is told so.
#[test]
fn an_enrolment_package_joins_one_computer_only() {
    let office = Office::new(common::Backend::Sqlite);
    let issued = common::issue_enrolment(
        &office.supervisor,
        office.temp.path(),
        NewDevice {
            device_name: "Latgale".into(),
            role: Role::Consultant,
            region: Region::Latgale,
        },
    )
    .expect("enrol");
    let join = |name: &str| {
        common::join(
            office.temp.path(),
            name,
            &issued.package,
            issued.code.as_str(),
        )
    };
    let first = join("first");
    let copy = join("copy");
    first.sync().expect("the first computer joins");
    assert!(matches!(copy.sync(), Err(Error::EnrolmentAlreadyUsed)));
    first.log_call(Region::Latgale, "Darba piedāvājums");
    first.sync().expect("the first keeps syncing");
}

/// Guards `retry_quarantined` at the start of a round: a record set aside by
/// an older version of the app is tried again after an upgrade and applied
/// when it now passes, then leaves the quarantine.
#[test]
fn a_quarantined_record_is_applied_after_an_upgrade() {
    let attack = Attack::new();
    let envelope = attack
        .forger
        .seal(
            RecordKind::Call,
            attack.call.0.record_id,
            &attack.next_stamp(),
            Scope::Region(Region::Latgale),
            &attack.call.1,
        )
        .expect("seal");
    attack.honest.sync().expect("first sync");
    attack
        .honest
        .raw_connection()
        .execute(
            "INSERT INTO sync_quarantine (envelope_id, kind, record_id, version, envelope,
                                          reason, quarantined_at, app_version)
             VALUES (?1, 'call', ?2, ?3, ?4, 'unreadable', ?5, '0.0.1')",
            rusqlite::params![
                envelope.id.to_string(),
                envelope.record_id.to_string(),
                envelope.version,
                serde_json::to_string(&envelope).expect("json"),
                common::now().to_rfc3339(),
            ],
        )
        .expect("set aside by version 0.0.1");
    assert_eq!(Attack::quarantined_count(&attack.honest), 1);

    attack.honest.sync().expect("sync");
    assert_eq!(Attack::quarantined_count(&attack.honest), 0);
    assert!(attack.honest.calls().contains_key(&attack.call.0.record_id));
}
