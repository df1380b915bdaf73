//! The audit log travels with sync: a supervisor sees every device's
//! entries, each device's chain as it made it; a consultant's laptop never
//! receives the supervisors' entries; an entry altered in the supervisor's
//! copy is named by the verification; a laptop restored from a backup goes
//! on with its log without clashing with the entries it wrote after the
//! backup, which other devices keep.

mod common;

use common::{now, occurrences, sync_all, Backend, Laptop, Office, PASSPHRASE};
use hotline_core::audit::{AuditEntry, AuditProblem, BrokenLink};
use hotline_core::{DataDir, Device, Region, Role};

on_both_backends!(
    supervisors_see_every_devices_audit_entries_and_their_chains_verify,
    a_restored_laptop_continues_its_audit_log_and_nothing_is_lost_elsewhere,
);

fn supervisors_see_every_devices_audit_entries_and_their_chains_verify(backend: Backend) {
    let office = Office::new(backend);
    let latgale = office.enrol("latgale-laptop", Role::Consultant, Region::Latgale);
    let call = latgale.log_call(Region::Latgale, "Darbs Vācijā");
    latgale.sync().expect("push");
    let opened_by_supervisor = office.supervisor.log_call(Region::Riga, "Rīgas zvans");
    office.supervisor.sync().expect("push and pull");
    latgale.sync().expect("pull");

    let entries = office.supervisor.session.audit_entries().expect("audit");
    let created = entries
        .iter()
        .find(|entry| entry.action == "callCreated" && entry.target_id == Some(call.to_string()))
        .expect("the consultant's entry reached the supervisor");
    let latgale_device = created.device_id.expect("from another device");
    let joined = entries
        .iter()
        .find(|entry| entry.action == "deviceJoined" && entry.device_id == Some(latgale_device))
        .expect("the laptop's joining reached the supervisor");
    assert_eq!(
        joined.details,
        r#"{"region":"latgale","role":"consultant"}"#
    );
    assert_eq!(joined.target_kind.as_deref(), Some("device"));
    let verification = office
        .supervisor
        .session
        .verify_audit_log()
        .expect("verify");
    assert!(verification.is_intact(), "{verification:?}");
    assert_eq!(verification.gaps, [], "every entry arrived");

    // The supervisors' entries are sealed for supervisors only.
    let own_entry = entries
        .iter()
        .find(|entry| {
            entry.device_id.is_none() && entry.target_id == Some(opened_by_supervisor.to_string())
        })
        .expect("the supervisor's own entry");
    assert_eq!(
        occurrences(&latgale.decrypted_dump(), own_entry.hash.as_bytes()),
        0,
        "a consultant's laptop holds none of the supervisors' audit entries"
    );

    // Altering the consultant's entry in the supervisor's copy is named,
    // with the device; the copy is append-only until its trigger is dropped.
    let raw = office.supervisor.raw_connection();
    let tamper = "UPDATE remote_audit_entry SET details = '{\"changed\":true}' WHERE id = ?1";
    assert!(raw.execute(tamper, [created.id.to_string()]).is_err());
    raw.execute_batch("DROP TRIGGER remote_audit_entry_is_append_only_update")
        .expect("drop the trigger");
    raw.execute(tamper, [created.id.to_string()])
        .expect("tamper");
    drop(raw);
    let broken = office
        .supervisor
        .session
        .verify_audit_log()
        .expect("verify")
        .other_devices_broken;
    assert_eq!(
        broken,
        [BrokenLink {
            device_id: latgale_device,
            seq: created.seq,
            problem: AuditProblem::Altered,
        }]
    );
}

/// Guards `audit::record_restore` and the restore clause of `audit::verify`:
/// numbering on from the backup gave the restored laptop's new entries the
/// numbers of those it wrote after the backup, so other devices noted forks
/// and ignored everything it wrote from then on.
fn a_restored_laptop_continues_its_audit_log_and_nothing_is_lost_elsewhere(backend: Backend) {
    let Office {
        temp,
        server: _server,
        supervisor: anna,
    } = Office::new(backend);
    let other = common::enrol(
        &anna,
        temp.path(),
        "second-supervisor",
        Role::Supervisor,
        Region::Riga,
    );
    sync_all(&[&anna, &other]);
    let backup = temp.path().join("anna.backup");
    anna.session.backup(&backup, now()).expect("backup");
    let after_backup = anna.log_call(Region::Riga, "Pēc rezerves kopijas");
    sync_all(&[&anna, &other]);

    let Laptop {
        session,
        dir,
        login,
    } = anna;
    drop(session);
    let restored = Device::new(DataDir::at(dir.clone()))
        .restore(&backup, login, PASSPHRASE, now())
        .expect("restore");
    let anna = Laptop {
        session: restored,
        dir,
        login,
    };
    let after_restore = anna.log_call(Region::Riga, "Pēc atjaunošanas");
    sync_all(&[&anna, &other]);

    let own = anna.session.verify_audit_log().expect("verify");
    assert!(own.is_intact(), "{own:?}");
    let verification = other.session.verify_audit_log().expect("verify");
    assert!(verification.is_intact(), "{verification:?}");
    assert_eq!(verification.gaps, [], "no entry is missing");
    let entries = other.session.audit_entries().expect("audit");
    let created = |call: uuid::Uuid| -> Option<&AuditEntry> {
        entries.iter().find(|entry| {
            entry.action == "callCreated" && entry.target_id == Some(call.to_string())
        })
    };
    let lost_by_the_restore = created(after_backup).expect("kept elsewhere");
    let written_after = created(after_restore).expect("the restored laptop's new entries arrive");
    assert_eq!(lost_by_the_restore.device_id, written_after.device_id);
    assert!(written_after.seq > lost_by_the_restore.seq);
    assert!(entries.iter().any(
        |entry| entry.action == "backupRestored" && entry.device_id == written_after.device_id
    ));
    assert!(
        anna.calls().contains_key(&after_backup),
        "the call written after the backup comes back through sync"
    );
}
