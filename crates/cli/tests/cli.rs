//! The `hotline` binary as an administrator uses it, on a real data directory.

mod common;

use common::*;

#[test]
fn init_then_status_shows_the_organisation_and_the_supervisor() {
    let temp = tempfile::tempdir().expect("tempdir");
    let before = hotline(temp.path(), &["status"], &[]);
    assert!(stdout(&before).contains("not set up"));
    init(temp.path());
    let status = hotline(
        temp.path(),
        &["status"],
        &[
            ("HOTLINE_USER", "anna"),
            ("HOTLINE_PASSPHRASE", SUPERVISOR_PASSPHRASE),
        ],
    );
    assert!(status.status.success(), "{}", stderr(&status));
    let text = stdout(&status);
    assert!(text.contains("Organisation: Drošā māja"), "{text}");
    assert!(
        text.contains("Signed in as: anna (supervisor, riga)"),
        "{text}"
    );
    assert!(text.contains("Auto-lock after: 10 min"), "{text}");
}

#[test]
fn init_twice_fails_with_a_clear_message_and_exit_code() {
    let temp = initialised();
    let again = hotline(
        temp.path(),
        &[
            "--data-dir",
            &temp.path().display().to_string(),
            "init",
            "--org",
            "X",
            "--user",
            "x1",
            "--display-name",
            "X",
        ],
        &[("HOTLINE_PASSPHRASE", SUPERVISOR_PASSPHRASE)],
    );
    assert!(!again.status.success());
    assert!(
        stderr(&again).contains("already set up"),
        "{}",
        stderr(&again)
    );
    assert!(stderr(&again).contains("code: alreadySetUp"));
}

#[test]
fn supervisor_adds_a_consultant_who_changes_their_own_passphrase() {
    let temp = initialised();
    let supervisor = SUPERVISOR_ENV;
    let add = hotline(
        temp.path(),
        &[
            "user",
            "add",
            "janis",
            "--role",
            "consultant",
            "--region",
            "Latgale",
            "--display-name",
            "Jānis",
        ],
        &[
            supervisor[0],
            supervisor[1],
            ("HOTLINE_NEW_PASSPHRASE", "Jāņa pirmā parole"),
        ],
    );
    assert!(add.status.success(), "{}", stderr(&add));
    assert!(stdout(&add).contains("Added janis (consultant, latgale)"));

    let list = hotline(temp.path(), &["user", "list"], &supervisor);
    assert!(stdout(&list).contains("janis"));
    assert!(stdout(&list).contains("anna"));

    let passwd = hotline(
        temp.path(),
        &["--user", "janis", "user", "passwd"],
        &[
            ("HOTLINE_PASSPHRASE", "Jāņa pirmā parole"),
            ("HOTLINE_NEW_PASSPHRASE", "Jāņa otrā parole"),
        ],
    );
    assert!(passwd.status.success(), "{}", stderr(&passwd));
    let old = hotline(
        temp.path(),
        &["--user", "janis", "status"],
        &[("HOTLINE_PASSPHRASE", "Jāņa pirmā parole")],
    );
    assert!(!old.status.success());
    assert!(stderr(&old).contains("Wrong login or passphrase"));
    let new = hotline(
        temp.path(),
        &["--user", "janis", "status"],
        &[("HOTLINE_PASSPHRASE", "Jāņa otrā parole")],
    );
    assert!(new.status.success(), "{}", stderr(&new));
}

#[test]
fn bad_input_is_refused_with_what_to_do() {
    let temp = initialised();
    let supervisor = SUPERVISOR_ENV;
    let bad_region = hotline(
        temp.path(),
        &[
            "user",
            "add",
            "ilze",
            "--role",
            "consultant",
            "--region",
            "Tallinn",
            "--display-name",
            "Ilze",
        ],
        &[
            supervisor[0],
            supervisor[1],
            ("HOTLINE_NEW_PASSPHRASE", "pietiekami gara"),
        ],
    );
    assert!(!bad_region.status.success());
    assert!(
        stderr(&bad_region).contains("choose one from the list"),
        "{}",
        stderr(&bad_region)
    );

    let short = hotline(
        temp.path(),
        &[
            "user",
            "add",
            "ilze",
            "--role",
            "consultant",
            "--region",
            "kurzeme",
            "--display-name",
            "Ilze",
        ],
        &[
            supervisor[0],
            supervisor[1],
            ("HOTLINE_NEW_PASSPHRASE", "īsa"),
        ],
    );
    assert!(!short.status.success());
    assert!(stderr(&short).contains("at least 10 characters"));

    let no_user = hotline(
        temp.path(),
        &["user", "list"],
        &[("HOTLINE_PASSPHRASE", SUPERVISOR_PASSPHRASE)],
    );
    assert!(!no_user.status.success());
    assert!(stderr(&no_user).contains("code: invalidInput"));
}

#[test]
fn messages_are_latvian_under_a_latvian_locale() {
    let temp = initialised();
    let wrong = hotline(
        temp.path(),
        &["--user", "anna", "status"],
        &[
            ("HOTLINE_PASSPHRASE", "nepareiza parole"),
            ("LANG", "lv_LV.UTF-8"),
        ],
    );
    assert!(!wrong.status.success());
    assert!(
        stderr(&wrong).contains("Nepareizs lietotājvārds vai parole"),
        "{}",
        stderr(&wrong)
    );
}

#[test]
fn calls_and_follow_ups_list_without_notes() {
    let temp = initialised();
    let supervisor = SUPERVISOR_ENV;
    let empty = hotline(temp.path(), &["calls", "list"], &supervisor);
    assert!(empty.status.success(), "{}", stderr(&empty));
    assert!(stdout(&empty).contains("0 call(s)"));
    let follow_ups = hotline(temp.path(), &["calls", "follow-ups"], &supervisor);
    assert!(stdout(&follow_ups).contains("0 open follow-up(s)"));
    let bad_date = hotline(
        temp.path(),
        &["calls", "list", "--from", "23.11.2026"],
        &supervisor,
    );
    assert!(!bad_date.status.success(), "dates are yyyy-mm-dd");
}

/// `hotline call example` with `region` and `notes` swapped in.
#[test]
fn an_example_call_is_added_from_stdin_found_by_notes_and_shown() {
    let temp = initialised();
    let id = add_call(
        temp.path(),
        &example_call(
            temp.path(),
            "riga",
            "Tikšanās Lāčplēša ielā pie Drošās mājas.",
        ),
    );
    let found = hotline(
        temp.path(),
        &["call", "list", "--search", "lacplesa", "--json"],
        &SUPERVISOR_ENV,
    );
    assert!(found.status.success(), "{}", stderr(&found));
    let calls: serde_json::Value = serde_json::from_slice(&found.stdout).expect("JSON list");
    assert_eq!(calls.as_array().map(Vec::len), Some(1));
    assert_eq!(calls[0]["id"], id.as_str());
    let table = hotline(temp.path(), &["call", "list"], &SUPERVISOR_ENV);
    assert!(
        !stdout(&table).contains("Lāčplēša"),
        "tables never print notes"
    );
    let shown = hotline(temp.path(), &["call", "show", &id], &SUPERVISOR_ENV);
    assert!(
        stdout(&shown).contains("Lāčplēša ielā"),
        "{}",
        stdout(&shown)
    );
}

/// The app pages its list (`hotline_core::calls::CALL_PAGE`); the command
/// reads every page, so more calls than a page are all listed.
#[test]
fn the_call_list_reads_every_page() {
    let temp = initialised();
    let call = example_call(temp.path(), "riga", "");
    let count = hotline_core::calls::CALL_PAGE + 3;
    let many = format!("[{}]", vec![call; count].join(","));
    let added = hotline_with_input(
        temp.path(),
        &["call", "add", "--json", "-"],
        &SUPERVISOR_ENV,
        &many,
    );
    assert!(added.status.success(), "{}", stderr(&added));
    let listed = hotline(temp.path(), &["call", "list", "--json"], &SUPERVISOR_ENV);
    let calls: serde_json::Value = serde_json::from_slice(&listed.stdout).expect("JSON list");
    assert_eq!(calls.as_array().map(Vec::len), Some(count));
    let table = hotline(temp.path(), &["call", "list"], &SUPERVISOR_ENV);
    assert!(stdout(&table).contains(&format!("{count} call(s)")));
}

#[test]
fn invalid_call_json_names_the_field_and_adds_nothing() {
    let temp = initialised();
    let good = example_call(temp.path(), "riga", "");
    let malformed_subject = good.replace("jobOfferCheck", "job offer check");
    let unknown_subject = good.replace("jobOfferCheck", "slavery");
    let bad_country = good.replace("\"GB\"", "\"XX\"");
    for (json, field) in [
        (format!("[{good},{malformed_subject}]"), "[1].subjects[0]"),
        (format!("[{good},{unknown_subject}]"), "field: subjects"),
        (bad_country, "country"),
        ("{ \"startedAt\": 5".to_owned(), "startedAt"),
    ] {
        let refused = hotline_with_input(
            temp.path(),
            &["call", "add", "--json", "-"],
            &SUPERVISOR_ENV,
            &json,
        );
        assert!(!refused.status.success());
        assert!(
            stderr(&refused).contains("code: invalidInput"),
            "{}",
            stderr(&refused)
        );
        assert!(
            stderr(&refused).contains(field),
            "{field}: {}",
            stderr(&refused)
        );
    }
    let list = hotline(temp.path(), &["call", "list"], &SUPERVISOR_ENV);
    assert!(
        stdout(&list).contains("0 call(s)"),
        "an invalid batch adds nothing"
    );
    let missing = hotline(
        temp.path(),
        &["call", "add", "--json", "/no/such/file.json"],
        &SUPERVISOR_ENV,
    );
    assert!(
        stderr(&missing).contains("code: storage"),
        "{}",
        stderr(&missing)
    );
}

#[test]
fn a_consultant_cannot_read_another_regions_calls_from_the_cli() {
    let temp = initialised();
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
    let latgale = add_call(
        temp.path(),
        &example_call(temp.path(), "latgale", "Latgales zvans"),
    );
    let riga = add_call(
        temp.path(),
        &example_call(temp.path(), "riga", "Rīgas zvans"),
    );
    let consultant = [
        ("HOTLINE_USER", "janis"),
        ("HOTLINE_PASSPHRASE", "Jāņa pirmā parole"),
    ];
    let own = hotline(
        temp.path(),
        &["call", "list", "--json", "--region", "riga"],
        &consultant,
    );
    let calls: serde_json::Value = serde_json::from_slice(&own.stdout).expect("JSON list");
    let ids: Vec<&str> = calls
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|call| call["id"].as_str())
        .collect();
    assert_eq!(
        ids,
        vec![latgale.as_str()],
        "only their own region, whatever they ask for"
    );
    let other = hotline(temp.path(), &["call", "show", &riga], &consultant);
    assert!(!other.status.success());
    assert!(stderr(&other).contains("code: callNotFound"));
    assert!(!stdout(&other).contains("Rīgas zvans"));
}

#[test]
fn referrals_import_search_export_and_the_audit_chain() {
    let temp = initialised();
    // Read at run time: a binary built from another clone sharing the build
    // cache must still read this clone's file.
    let seed =
        std::path::PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"))
            .join("../../assets/referrals/seed.csv");
    let seed = seed.to_str().expect("utf-8 path");
    let imported = hotline(temp.path(), &["referrals", "import", seed], &SUPERVISOR_ENV);
    assert!(imported.status.success(), "{}", stderr(&imported));
    assert!(stdout(&imported).contains("0 updated, 0 unchanged"));
    let again = hotline(temp.path(), &["referrals", "import", seed], &SUPERVISOR_ENV);
    assert!(
        stdout(&again).contains("0 added, 0 updated"),
        "{}",
        stdout(&again)
    );

    let found = hotline(
        temp.path(),
        &["referrals", "search", "dros", "maja"],
        &SUPERVISOR_ENV,
    );
    assert!(stdout(&found).contains("Drošā māja"), "{}", stdout(&found));

    let bad = temp.path().join("bad.csv");
    std::fs::write(
        &bad,
        "key,organisation_lv,service_lv,service_types,areas,phones\nok,Org,Pak,ngo,riga,\nbad,Org,Pak,ngo,riga,12ab\n",
    )
    .expect("write");
    let rejected = hotline(
        temp.path(),
        &["referrals", "import", bad.to_str().expect("path")],
        &SUPERVISOR_ENV,
    );
    assert!(!rejected.status.success());
    assert!(
        stderr(&rejected).contains("line 3, column phones"),
        "{}",
        stderr(&rejected)
    );
    assert!(stderr(&rejected).contains("code: importRejected"));

    let out = temp.path().join("export.csv");
    let exported = hotline(
        temp.path(),
        &["referrals", "export", "--out", out.to_str().expect("path")],
        &SUPERVISOR_ENV,
    );
    assert!(exported.status.success(), "{}", stderr(&exported));
    let text = std::fs::read_to_string(&out).expect("export written");
    assert!(text.starts_with("\u{feff}key,organisation_lv"));
    assert!(
        !text.contains("pēc pieprasījuma"),
        "no confidential address by default"
    );

    let verify = hotline(temp.path(), &["audit", "verify"], &SUPERVISOR_ENV);
    assert!(verify.status.success(), "{}", stderr(&verify));
    assert!(
        stdout(&verify).contains("audit log intact"),
        "{}",
        stdout(&verify)
    );
}

#[test]
fn backup_then_restore_brings_back_the_calls_of_the_backup() {
    let temp = initialised();
    add_call(
        temp.path(),
        &example_call(temp.path(), "riga", "Before the backup"),
    );
    let out = tempfile::tempdir().expect("tempdir");
    let backup = out.path().join("office.backup");
    let backup_arg = backup.display().to_string();
    let written = hotline(
        temp.path(),
        &["backup", "--out", &backup_arg],
        &SUPERVISOR_ENV,
    );
    assert!(written.status.success(), "{}", stderr(&written));
    assert!(
        stdout(&written).contains("Backup written"),
        "{}",
        stdout(&written)
    );
    add_call(
        temp.path(),
        &example_call(temp.path(), "riga", "After the backup"),
    );
    let listed = stdout(&hotline(temp.path(), &["call", "list"], &SUPERVISOR_ENV));
    assert!(listed.contains("2 call(s)"), "{listed}");

    let restored = hotline(temp.path(), &["restore", &backup_arg], &SUPERVISOR_ENV);
    assert!(restored.status.success(), "{}", stderr(&restored));
    assert!(
        stdout(&restored).contains("Restored Drošā māja"),
        "{}",
        stdout(&restored)
    );
    let listed = stdout(&hotline(temp.path(), &["call", "list"], &SUPERVISOR_ENV));
    assert!(
        listed.contains("1 call(s)"),
        "the call after the backup is gone: {listed}"
    );
    let verified = hotline(temp.path(), &["audit", "verify"], &SUPERVISOR_ENV);
    assert!(verified.status.success(), "{}", stderr(&verified));

    std::fs::write(&backup, b"not a backup").expect("overwrite");
    let refused = hotline(temp.path(), &["restore", &backup_arg], &SUPERVISOR_ENV);
    assert!(!refused.status.success());
    let message = stderr(&refused);
    assert!(message.contains("Nothing was changed"), "{message}");
    assert!(message.contains("backupInvalid"), "{message}");
}

/// Opens the data directory's database with a raw SQL connection, as someone
/// holding the supervisor's passphrase and a SQLite shell might.
fn raw_connection(data_dir: &std::path::Path) -> rusqlite::Connection {
    use hotline_core::store::keyring::{KeyRing, KeyRingEntry};
    let key_ring = KeyRing::load(data_dir.join("keyring.json"))
        .expect("key ring")
        .expect("set up");
    let entry = key_ring.find("anna").expect("anna");
    let key = entry
        .wrapped
        .unwrap(
            SUPERVISOR_PASSPHRASE,
            &KeyRingEntry::wrap_context(entry.account_id),
        )
        .expect("unwrap");
    hotline_core::store::connection::open_encrypted(&data_dir.join("hotline.db"), &key)
        .expect("open")
}

/// The hash of an audit entry as `hotline_core::audit` chains it: what
/// someone who read the source and holds the store's key can recompute.
fn audit_hash(connection: &rusqlite::Connection, seq: i64, prev_hash: &str) -> String {
    let text: String = connection
        .query_row(
            "SELECT id, at, coalesce(actor, ''), action, coalesce(target_kind, ''),
                    coalesce(target_id, ''), details
             FROM audit_log WHERE seq = ?1",
            [seq],
            |row| {
                let fields: Vec<String> = (0..7)
                    .map(|index| row.get(index))
                    .collect::<rusqlite::Result<_>>()?;
                Ok(format!("{prev_hash}\n{seq}\n{}", fields.join("\n")))
            },
        )
        .expect("entry");
    ring::digest::digest(&ring::digest::SHA256, text.as_bytes())
        .as_ref()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// Guards the signature check of `hotline_core::audit::verify`: with the
/// hashes recomputed, only the device's signature tells the change.
#[test]
fn audit_verify_names_the_entry_changed_with_every_later_hash_recomputed() {
    let temp = initialised();
    for notes in ["Pirmais", "Otrais", "Trešais"] {
        add_call(temp.path(), &example_call(temp.path(), "riga", notes));
    }
    let connection = raw_connection(temp.path());
    connection
        .execute_batch(
            "DROP TRIGGER audit_log_is_append_only_update;
             UPDATE audit_log SET details = '{\"rewritten\":true}' WHERE seq = 2;",
        )
        .expect("tamper");
    let last: i64 = connection
        .query_row("SELECT max(seq) FROM audit_log", [], |row| row.get(0))
        .expect("last");
    let mut prev: String = connection
        .query_row("SELECT hash FROM audit_log WHERE seq = 1", [], |row| {
            row.get(0)
        })
        .expect("first");
    for seq in 2..=last {
        let hash = audit_hash(&connection, seq, &prev);
        connection
            .execute(
                "UPDATE audit_log SET prev_hash = ?2, hash = ?3 WHERE seq = ?1",
                rusqlite::params![seq, prev, hash],
            )
            .expect("rehash");
        prev = hash;
    }
    drop(connection);

    let verified = hotline(temp.path(), &["audit", "verify"], &SUPERVISOR_ENV);
    assert!(!verified.status.success());
    let out = stdout(&verified);
    assert!(out.contains("BROKEN at entry 2"), "{out}");
    assert!(out.contains("did not sign it"), "{out}");
}

#[test]
fn audit_verify_names_the_entry_edited_or_deleted_behind_the_app() {
    for (tamper, broken) in [
        (
            "DROP TRIGGER audit_log_is_append_only_update;
             UPDATE audit_log SET details = '{}' WHERE seq = 2;",
            "BROKEN at entry 2",
        ),
        (
            "DROP TRIGGER audit_log_is_append_only_delete;
             DELETE FROM audit_log WHERE seq = 3;",
            "BROKEN at entry 4",
        ),
    ] {
        let temp = initialised();
        for notes in ["Pirmais", "Otrais", "Trešais"] {
            add_call(temp.path(), &example_call(temp.path(), "riga", notes));
        }
        let intact = hotline(temp.path(), &["audit", "verify"], &SUPERVISOR_ENV);
        assert!(intact.status.success(), "{}", stderr(&intact));
        assert!(stdout(&intact).contains("audit log intact"));

        raw_connection(temp.path())
            .execute_batch(tamper)
            .expect("tamper");
        let verified = hotline(temp.path(), &["audit", "verify"], &SUPERVISOR_ENV);
        assert!(!verified.status.success(), "{tamper}");
        assert!(
            stdout(&verified).contains(broken),
            "{tamper}: {}",
            stdout(&verified)
        );
    }
}

#[test]
fn erase_needs_a_confirmation_and_retention_is_set_in_years() {
    let temp = initialised();
    let id = add_call(
        temp.path(),
        &example_call(temp.path(), "riga", "To be erased"),
    );
    let id = id.split_whitespace().last().expect("id").to_owned();
    let unconfirmed = hotline(temp.path(), &["call", "erase", &id], &SUPERVISOR_ENV);
    assert!(!unconfirmed.status.success());
    assert!(
        stderr(&unconfirmed).contains("--yes"),
        "{}",
        stderr(&unconfirmed)
    );
    let erased = hotline(
        temp.path(),
        &["call", "erase", &id, "--yes"],
        &SUPERVISOR_ENV,
    );
    assert!(erased.status.success(), "{}", stderr(&erased));
    let shown = hotline(temp.path(), &["call", "show", &id], &SUPERVISOR_ENV);
    assert!(!shown.status.success());
    assert!(
        stderr(&shown).contains("callNotFound"),
        "{}",
        stderr(&shown)
    );

    let set = hotline(temp.path(), &["retention", "set", "7"], &SUPERVISOR_ENV);
    assert!(set.status.success(), "{}", stderr(&set));
    let shown = hotline(temp.path(), &["retention", "show"], &SUPERVISOR_ENV);
    assert!(stdout(&shown).contains("7 years"), "{}", stdout(&shown));
    let run = hotline(temp.path(), &["retention", "run"], &SUPERVISOR_ENV);
    assert!(
        stdout(&run).contains("Anonymised 0 call(s)"),
        "{}",
        stdout(&run)
    );
    let bad = hotline(temp.path(), &["retention", "set", "0"], &SUPERVISOR_ENV);
    assert!(!bad.status.success());
    assert!(stderr(&bad).contains("retentionYears"), "{}", stderr(&bad));
}

#[test]
fn subjects_are_listed_as_json_added_retired_and_never_deleted_while_in_use() {
    let temp = initialised();
    let list = |temp: &tempfile::TempDir| {
        let listed = hotline(
            temp.path(),
            &["category", "list", "--json"],
            &SUPERVISOR_ENV,
        );
        assert!(listed.status.success(), "{}", stderr(&listed));
        serde_json::from_slice::<serde_json::Value>(&listed.stdout).expect("JSON")
    };
    let starter = list(&temp);
    assert_eq!(
        starter[1],
        serde_json::json!({
            "code": "prostitution",
            "kind": "subject",
            "names": { "lv": "Prostitūcija", "en": "Prostitution", "ru": "Проституция" },
            "ctdc": "sexual",
            "retired": false,
        })
    );

    let added = hotline(
        temp.path(),
        &[
            "category",
            "add",
            "forcedMarriage",
            "--lv",
            "Piespiedu laulība",
            "--en",
            "Forced marriage",
            "--ctdc",
            "other",
        ],
        &SUPERVISOR_ENV,
    );
    assert!(added.status.success(), "{}", stderr(&added));
    let retired = hotline(
        temp.path(),
        &["category", "retire", "forcedMarriage"],
        &SUPERVISOR_ENV,
    );
    assert!(retired.status.success(), "{}", stderr(&retired));
    let after = list(&temp);
    let last = after.as_array().and_then(|all| all.last()).expect("listed");
    assert_eq!(last["code"], "forcedMarriage");
    assert_eq!(last["retired"], true);

    add_call(temp.path(), &example_call(temp.path(), "riga", ""));
    let refused = hotline(
        temp.path(),
        &["category", "delete", "jobOfferCheck"],
        &SUPERVISOR_ENV,
    );
    assert!(!refused.status.success());
    let message = stderr(&refused);
    assert!(message.contains("code: categoryInUse"), "{message}");
    assert!(message.contains("Retire it instead"), "{message}");
    assert_eq!(list(&temp), after, "nothing was deleted");
}

#[test]
fn lines_are_listed_by_kind_and_a_new_channel_needs_no_ctdc_type() {
    let temp = initialised();
    let run = |args: &[&str]| hotline(temp.path(), args, &SUPERVISOR_ENV);
    let added = run(&[
        "category", "add", "viber", "--kind", "line", "--lv", "Viber", "--en", "Viber",
    ]);
    assert!(added.status.success(), "{}", stderr(&added));
    let listed = run(&["category", "list", "--json", "--kind", "line"]);
    assert!(listed.status.success(), "{}", stderr(&listed));
    let lines: serde_json::Value = serde_json::from_slice(&listed.stdout).expect("JSON");
    let codes: Vec<&str> = lines
        .as_array()
        .expect("array")
        .iter()
        .map(|line| line["code"].as_str().expect("code"))
        .collect();
    assert_eq!(codes.first(), Some(&"rigaLandline"));
    assert_eq!(codes.last(), Some(&"viber"));
    assert!(!codes.contains(&"forcedLabour"), "{codes:?}");

    let no_type = run(&[
        "category",
        "add",
        "debtBondage",
        "--lv",
        "Parādu verdzība",
        "--en",
        "Debt bondage",
    ]);
    assert!(!no_type.status.success());
    assert!(stderr(&no_type).contains("ctdc"), "{}", stderr(&no_type));
}

#[test]
fn a_historical_call_is_added_as_statistics_only_and_the_cli_says_so() {
    let temp = initialised();
    let mut call: serde_json::Value = serde_json::from_str(&example_call(
        temp.path(),
        "riga",
        "From the 2010 paper log",
    ))
    .expect("JSON");
    call["startedAt"] = "2010-03-01T10:00:00Z".into();
    call["endedAt"] = "2010-03-01T10:20:00Z".into();
    let added = hotline_with_input(
        temp.path(),
        &["call", "add", "--json", "-"],
        &SUPERVISOR_ENV,
        &call.to_string(),
    );
    assert!(added.status.success(), "{}", stderr(&added));
    let notice = stderr(&added);
    assert!(
        notice.contains("1 of them started before the retention period (5 years)"),
        "{notice}"
    );
    assert!(notice.contains("kept as statistics only"), "{notice}");
    let found = hotline(
        temp.path(),
        &["call", "list", "--search", "paper"],
        &SUPERVISOR_ENV,
    );
    assert!(stdout(&found).contains("0 call(s)"), "{}", stdout(&found));
}
