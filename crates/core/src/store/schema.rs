//! Numbered migrations. Each runs in one transaction together with the bump of
//! `PRAGMA user_version` (rusqlite_migration), so a crash leaves the old schema
//! or the new one, never half of it.

use rusqlite::Connection;
use rusqlite_migration::{Migrations, M};

use crate::error::{Error, Result};

/// Migration N (1-based) is `MIGRATIONS[N - 1]`; never edit one that has shipped.
const MIGRATIONS: &[&str] = &[
    // 1: the organisation, its accounts and this device's settings.
    "CREATE TABLE organisation (
        id TEXT PRIMARY KEY NOT NULL,
        name TEXT NOT NULL,
        created_at TEXT NOT NULL
    ) STRICT;
    CREATE TABLE account (
        id TEXT PRIMARY KEY NOT NULL,
        login TEXT NOT NULL UNIQUE,
        display_name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('consultant', 'supervisor')),
        home_region TEXT NOT NULL
            CHECK (home_region IN ('riga', 'latgale', 'kurzeme', 'vidzeme', 'zemgale')),
        created_at TEXT NOT NULL,
        created_by TEXT REFERENCES account(id),
        passphrase_changed_at TEXT NOT NULL
    ) STRICT;
    CREATE TABLE device_setting (
        key TEXT PRIMARY KEY NOT NULL,
        value TEXT NOT NULL
    ) STRICT;",
    // 2: calls, their subjects, kept versions and full-text index; the
    // organisation's secret for caller-number hashes.
    "CREATE TABLE organisation_secret (
        name TEXT PRIMARY KEY NOT NULL,
        value BLOB NOT NULL
    ) STRICT;
    CREATE TABLE call (
        id TEXT PRIMARY KEY NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('draft', 'final')),
        consultant TEXT NOT NULL REFERENCES account(id),
        region TEXT NOT NULL,
        line TEXT,
        started_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        version INTEGER NOT NULL,
        caller_number_hash TEXT,
        case_ref TEXT,
        follow_up_due TEXT,
        follow_up_done INTEGER NOT NULL DEFAULT 0,
        follow_up_assignee TEXT,
        details TEXT NOT NULL
    ) STRICT;
    CREATE INDEX call_by_start ON call (started_at);
    CREATE INDEX call_by_caller_number ON call (caller_number_hash)
        WHERE caller_number_hash IS NOT NULL;
    CREATE INDEX call_by_follow_up ON call (follow_up_due) WHERE follow_up_due IS NOT NULL;
    CREATE TABLE call_subject (
        call_id TEXT NOT NULL REFERENCES call(id) ON DELETE CASCADE,
        subject TEXT NOT NULL,
        PRIMARY KEY (call_id, subject)
    ) STRICT;
    CREATE TABLE call_version (
        call_id TEXT NOT NULL REFERENCES call(id) ON DELETE CASCADE,
        version INTEGER NOT NULL,
        edited_at TEXT NOT NULL,
        edited_by TEXT NOT NULL REFERENCES account(id),
        changed_fields TEXT NOT NULL,
        details TEXT NOT NULL,
        PRIMARY KEY (call_id, version)
    ) STRICT;
    CREATE VIRTUAL TABLE call_text USING fts5(
        notes, advice, referrals,
        tokenize = 'unicode61 remove_diacritics 2'
    );",
    // 3: the referral directory with its search index, and the append-only,
    // hash-chained audit log.
    "CREATE TABLE referral_entry (
        id TEXT PRIMARY KEY NOT NULL,
        key TEXT NOT NULL UNIQUE,
        retired INTEGER NOT NULL DEFAULT 0,
        updated_at TEXT NOT NULL,
        updated_by TEXT REFERENCES account(id),
        entry TEXT NOT NULL
    ) STRICT;
    CREATE VIRTUAL TABLE referral_text USING fts5(
        names, services, places, notes,
        tokenize = 'unicode61 remove_diacritics 2',
        prefix = '2 3'
    );
    CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        at TEXT NOT NULL,
        actor TEXT,
        action TEXT NOT NULL,
        target_kind TEXT,
        target_id TEXT,
        details TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
    ) STRICT;
    CREATE TRIGGER audit_log_is_append_only_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    CREATE TRIGGER audit_log_is_append_only_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;",
    // 4: indexes for the calls screen's common pages: one region's finished
    // calls newest first, and calls by subject (the benchmark's filtered page
    // scanned a year of calls without them).
    "CREATE INDEX call_final_by_region_start ON call (region, started_at)
        WHERE status = 'final';
    CREATE INDEX call_subject_by_subject ON call_subject (subject, call_id);",
    // 5: sync. Every synced row carries its stamp (hybrid logical clock +
    // device, see `sync::stamp`); a call's versions are keyed by stamp, since
    // two devices may edit the same call, and name the version they edited
    // (`base_stamp`). The outbox lists the changes not yet on the server.
    // Rows written before sync get stamps from their times and the nil device,
    // and are queued for the first push.
    "ALTER TABLE account ADD COLUMN stamp TEXT NOT NULL DEFAULT '';
    ALTER TABLE referral_entry ADD COLUMN stamp TEXT NOT NULL DEFAULT '';
    ALTER TABLE call ADD COLUMN stamp TEXT;
    UPDATE account SET stamp = printf('%013d-%06d-00000000-0000-0000-0000-000000000000',
        CAST(round((julianday(created_at) - 2440587.5) * 86400000) AS INTEGER), 0);
    UPDATE referral_entry SET stamp = printf('%013d-%06d-00000000-0000-0000-0000-000000000000',
        CAST(round((julianday(updated_at) - 2440587.5) * 86400000) AS INTEGER), 0);
    CREATE TABLE call_version_stamped (
        call_id TEXT NOT NULL REFERENCES call(id) ON DELETE CASCADE,
        stamp TEXT NOT NULL,
        base_stamp TEXT,
        edited_at TEXT NOT NULL,
        edited_by TEXT NOT NULL REFERENCES account(id),
        changed_fields TEXT NOT NULL,
        details TEXT NOT NULL,
        PRIMARY KEY (call_id, stamp)
    ) STRICT;
    INSERT INTO call_version_stamped
    SELECT v.call_id,
           printf('%013d-%06d-00000000-0000-0000-0000-000000000000',
               CAST(round((julianday(v.edited_at) - 2440587.5) * 86400000) AS INTEGER), v.version),
           (SELECT printf('%013d-%06d-00000000-0000-0000-0000-000000000000',
               CAST(round((julianday(b.edited_at) - 2440587.5) * 86400000) AS INTEGER), b.version)
            FROM call_version b WHERE b.call_id = v.call_id AND b.version = v.version - 1),
           v.edited_at, v.edited_by, v.changed_fields, v.details
    FROM call_version v;
    DROP TABLE call_version;
    ALTER TABLE call_version_stamped RENAME TO call_version;
    CREATE INDEX call_version_by_base ON call_version (call_id, base_stamp);
    UPDATE call SET stamp = (SELECT max(stamp) FROM call_version v WHERE v.call_id = call.id)
    WHERE status = 'final';
    CREATE TABLE sync_outbox (
        seq INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('account', 'referral', 'call')),
        record_id TEXT NOT NULL,
        stamp TEXT NOT NULL,
        UNIQUE (kind, record_id, stamp)
    ) STRICT;
    INSERT INTO sync_outbox (kind, record_id, stamp)
        SELECT 'account', id, stamp FROM account ORDER BY created_at;
    INSERT INTO sync_outbox (kind, record_id, stamp)
        SELECT 'referral', id, stamp FROM referral_entry ORDER BY updated_at;
    INSERT INTO sync_outbox (kind, record_id, stamp)
        SELECT 'call', call_id, stamp FROM call_version ORDER BY edited_at, stamp;",
    // 6: retention, erasure and the synced audit log. A removed call leaves a
    // tombstone (erased, or anonymised with the statistics it keeps), which
    // syncs like any change and stops older versions from bringing the call
    // back. The search indexes forget deleted text at once (FTS5
    // secure-delete) instead of at their next merge. Other devices' audit
    // entries are kept apart, each device's chain as it made it. The outbox
    // no longer lists its kinds: `RecordKind` checks them.
    "CREATE TABLE call_removal (
        call_id TEXT PRIMARY KEY NOT NULL,
        mode TEXT NOT NULL CHECK (mode IN ('anonymised', 'erased')),
        region TEXT NOT NULL,
        stamp TEXT NOT NULL,
        removed_at TEXT NOT NULL,
        removed_by TEXT NOT NULL,
        details TEXT
    ) STRICT;
    CREATE TABLE sync_outbox_v6 (
        seq INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        record_id TEXT NOT NULL,
        stamp TEXT NOT NULL,
        UNIQUE (kind, record_id, stamp)
    ) STRICT;
    INSERT INTO sync_outbox_v6 SELECT seq, kind, record_id, stamp FROM sync_outbox;
    DROP TABLE sync_outbox;
    ALTER TABLE sync_outbox_v6 RENAME TO sync_outbox;
    CREATE TABLE remote_audit_entry (
        device_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        id TEXT NOT NULL UNIQUE,
        at TEXT NOT NULL,
        actor TEXT,
        action TEXT NOT NULL,
        target_kind TEXT,
        target_id TEXT,
        details TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL,
        PRIMARY KEY (device_id, seq)
    ) STRICT;
    INSERT INTO call_text (call_text, rank) VALUES ('secure-delete', 1);
    INSERT INTO referral_text (referral_text, rank) VALUES ('secure-delete', 1);",
    // 7: the sync quarantine. A pulled record that cannot be applied (a newer
    // app's fields, an unknown reference, a failed check, a stamp far ahead
    // of the server's clock) waits here, still sealed, with the reason,
    // instead of halting sync; it is tried again after an upgrade.
    "CREATE TABLE sync_quarantine (
        envelope_id TEXT PRIMARY KEY NOT NULL,
        kind TEXT NOT NULL,
        record_id TEXT NOT NULL,
        version TEXT NOT NULL,
        envelope TEXT NOT NULL,
        reason TEXT NOT NULL,
        quarantined_at TEXT NOT NULL,
        app_version TEXT NOT NULL
    ) STRICT;",
    // 8: key rotations. Revoking a device makes new keys for the scopes it
    // could read, each sealed to one remaining device; the record is kept
    // as it was synced (it holds no key in the clear).
    "CREATE TABLE key_rotation (
        id TEXT PRIMARY KEY NOT NULL,
        stamp TEXT NOT NULL,
        record TEXT NOT NULL
    ) STRICT;",
    // 9: signed audit entries. Each device signs its entries' hashes (older
    // entries have none); other devices' entries become append-only like
    // this device's own, and a second, different entry arriving under a
    // number already held is noted as a fork instead of being dropped.
    "ALTER TABLE audit_log ADD COLUMN signature BLOB;
    ALTER TABLE remote_audit_entry ADD COLUMN signature BLOB;
    CREATE TRIGGER remote_audit_entry_is_append_only_update BEFORE UPDATE ON remote_audit_entry
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    CREATE TRIGGER remote_audit_entry_is_append_only_delete BEFORE DELETE ON remote_audit_entry
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    CREATE TABLE audit_fork (
        device_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        hash TEXT NOT NULL,
        seen_at TEXT NOT NULL,
        PRIMARY KEY (device_id, seq, hash)
    ) STRICT;",
    // 10: an erasure reaches every region a call was ever in. A supervisor
    // may move a call to another region; the devices of its old region keep
    // the versions they had, so the erasure is sealed once more for each
    // earlier region, under a stamp of its own (one row here per copy).
    "CREATE TABLE call_removal_copy (
        call_id TEXT NOT NULL,
        stamp TEXT NOT NULL,
        region TEXT NOT NULL,
        PRIMARY KEY (call_id, stamp)
    ) STRICT;",
    // 11: a case's calls are read together and found by their reference.
    "CREATE INDEX call_by_case_ref ON call (case_ref) WHERE case_ref IS NOT NULL;",
    // 12: staff accounts are managed by supervisors on any laptop: a person
    // who has left is disabled (never deleted: their calls name them), and
    // the change syncs like the account itself.
    "ALTER TABLE account ADD COLUMN disabled_at TEXT;",
    // 13: one retention rule for the organisation, synced from the
    // supervisor who set it (the newest stamp wins). A period this laptop
    // had set for itself becomes its rule until a synced one arrives (the
    // empty stamp loses to any), so upgrading anonymises nothing new. The
    // server's time at the last pull is kept beside it in `device_setting`:
    // retention runs only on a clock that agrees with it.
    "CREATE TABLE retention_rule (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        years INTEGER NOT NULL CHECK (years BETWEEN 1 AND 50),
        set_at TEXT NOT NULL,
        set_by TEXT,
        stamp TEXT NOT NULL
    ) STRICT;
    INSERT INTO retention_rule (id, years, set_at, set_by, stamp)
        SELECT 1, CAST(value AS INTEGER), '1970-01-01T00:00:00+00:00', NULL, ''
        FROM device_setting
        WHERE key = 'retention_years' AND CAST(value AS INTEGER) BETWEEN 1 AND 50;
    DELETE FROM device_setting WHERE key = 'retention_years';",
    // 14: the organisation's call subjects are records a supervisor manages
    // (`categories`), synced like the retention rule. Every laptop starts
    // from the same set, stamped empty so that any synced record wins: the
    // subjects calls always had, with prostitution apart from sexual
    // exploitation as the organisation counts them.
    "CREATE TABLE category (
        code TEXT PRIMARY KEY NOT NULL,
        name_lv TEXT NOT NULL,
        name_en TEXT NOT NULL,
        name_ru TEXT NOT NULL,
        ctdc TEXT NOT NULL CHECK (ctdc IN ('sexual', 'forcedLabour', 'other', 'none')),
        position INTEGER NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('active', 'retired', 'deleted')),
        stamp TEXT NOT NULL
    ) STRICT;
    INSERT INTO category (code, name_lv, name_en, name_ru, ctdc, position, state, stamp) VALUES
        ('shamMarriage', 'Fiktīvas laulības', 'Sham marriage', 'Фиктивный брак', 'other', 1, 'active', ''),
        ('prostitution', 'Prostitūcija', 'Prostitution', 'Проституция', 'sexual', 2, 'active', ''),
        ('sexualExploitation', 'Seksuālā izmantošana', 'Sexual exploitation', 'Сексуальная эксплуатация', 'sexual', 3, 'active', ''),
        ('forcedLabour', 'Piespiedu darbs', 'Forced labour', 'Принудительный труд', 'forcedLabour', 4, 'active', ''),
        ('forcedCriminalityOrBegging', 'Piespiedu noziedzība vai ubagošana', 'Forced criminality or begging', 'Принуждение к преступлениям или попрошайничеству', 'forcedLabour', 5, 'active', ''),
        ('jobOfferCheck', 'Darba piedāvājuma pārbaude', 'Job offer check', 'Проверка предложения о работе', 'none', 6, 'active', ''),
        ('modellingOrMarriageAgency', 'Modeļu vai iepazīšanās aģentūra', 'Modelling or dating agency', 'Модельное агентство или агентство знакомств', 'none', 7, 'active', ''),
        ('labourConditionsAbroad', 'Darba apstākļi ārzemēs', 'Working conditions abroad', 'Условия работы за границей', 'none', 8, 'active', ''),
        ('other', 'Cits', 'Other', 'Другое', 'none', 9, 'active', '');",
    // 15: nothing silently lost for shared records. A directory entry's
    // version names the one it was edited from and the concurrent versions
    // a supervisor's pick settled; a version that lost to a concurrent edit
    // waits in `record_conflict` until a supervisor picks.
    "ALTER TABLE referral_entry ADD COLUMN base_stamp TEXT;
    ALTER TABLE referral_entry ADD COLUMN resolves TEXT;
    CREATE TABLE record_conflict (
        kind TEXT NOT NULL,
        record_id TEXT NOT NULL,
        stamp TEXT NOT NULL,
        record TEXT NOT NULL,
        detected_at TEXT NOT NULL,
        PRIMARY KEY (kind, record_id, stamp)
    ) STRICT;",
    // 16: two supervisors' concurrent changes to one account merge field by
    // field: a version names the one it was changed from and what it changed.
    "ALTER TABLE account ADD COLUMN base_stamp TEXT;
    ALTER TABLE account ADD COLUMN changed_fields TEXT;",
    // 17: phone lines and channels are categories too, managed and synced
    // like subjects; every laptop starts from the lines calls always had,
    // stamped empty so that any synced record wins.
    "ALTER TABLE category ADD COLUMN kind TEXT NOT NULL DEFAULT 'subject'
        CHECK (kind IN ('subject', 'line'));
    INSERT INTO category (code, kind, name_lv, name_en, name_ru, ctdc, position, state, stamp) VALUES
        ('rigaLandline', 'line', 'Rīga, 67898343', 'Rīga, 67898343', 'Рига, 67898343', 'none', 10, 'active', ''),
        ('rigaMobile1', 'line', 'Rīga, 25565098', 'Rīga, 25565098', 'Рига, 25565098', 'none', 11, 'active', ''),
        ('rigaMobile2', 'line', 'Rīga, 28612120', 'Rīga, 28612120', 'Рига, 28612120', 'none', 12, 'active', ''),
        ('latgale', 'line', 'Latgales līnija', 'Latgale line', 'Линия Латгале', 'none', 13, 'active', ''),
        ('kurzeme', 'line', 'Kurzemes līnija', 'Kurzeme line', 'Линия Курземе', 'none', 14, 'active', ''),
        ('vidzeme', 'line', 'Vidzemes līnija', 'Vidzeme line', 'Линия Видземе', 'none', 15, 'active', ''),
        ('zemgale', 'line', 'Zemgales līnija', 'Zemgale line', 'Линия Земгале', 'none', 16, 'active', ''),
        ('skype', 'line', 'Skype', 'Skype', 'Skype', 'none', 17, 'active', ''),
        ('email', 'line', 'E-pasts', 'E-mail', 'Эл. почта', 'none', 18, 'active', ''),
        ('inPerson', 'line', 'Klātienē', 'In person', 'Лично', 'none', 19, 'active', ''),
        ('chat', 'line', 'Tērzēšana', 'Chat', 'Чат', 'none', 20, 'active', ''),
        ('outgoing', 'line', 'Izejošs zvans', 'Outgoing call', 'Исходящий звонок', 'none', 21, 'active', '');",
    // 18: that a caller's number has called a region's line (its keyed hash,
    // the region, the day of the latest call), held by every laptop so a
    // consultant learns that a caller has called another line before.
    "CREATE TABLE caller_seen (
        number_hash TEXT NOT NULL,
        region TEXT NOT NULL,
        seen_on TEXT NOT NULL,
        stamp TEXT NOT NULL,
        PRIMARY KEY (number_hash, region)
    ) STRICT;
    CREATE INDEX caller_seen_by_stamp ON caller_seen (stamp);",
    // 19: the notes index keyed by when a call started (`calls::text_key`:
    // its millisecond times 2^20, plus its row number modulo 2^20), so a
    // search reads the index newest first and stops at the screen's limit
    // instead of collecting every match of a common word.
    "ALTER TABLE call ADD COLUMN text_key INTEGER;
    UPDATE call SET text_key =
        CAST(unixepoch(started_at, 'subsec') * 1000 AS INTEGER) * 1048576 + (rowid % 1048576);
    CREATE UNIQUE INDEX call_by_text_key ON call (text_key);
    CREATE VIRTUAL TABLE call_text_by_start USING fts5(
        notes, advice, referrals,
        tokenize = 'unicode61 remove_diacritics 2'
    );
    INSERT INTO call_text_by_start (call_text_by_start, rank) VALUES ('secure-delete', 1);
    INSERT INTO call_text_by_start (rowid, notes, advice, referrals)
        SELECT call.text_key, call_text.notes, call_text.advice, call_text.referrals
        FROM call_text JOIN call ON call.rowid = call_text.rowid;
    DROP TABLE call_text;
    ALTER TABLE call_text_by_start RENAME TO call_text;",
    // 20: one-letter prefixes in the directory's index, so the first letter
    // typed reads one list instead of merging every word it begins.
    "CREATE VIRTUAL TABLE referral_text_by_letter USING fts5(
        names, services, places, notes,
        tokenize = 'unicode61 remove_diacritics 2',
        prefix = '1 2 3'
    );
    INSERT INTO referral_text_by_letter (referral_text_by_letter, rank) VALUES ('secure-delete', 1);
    INSERT INTO referral_text_by_letter (rowid, names, services, places, notes)
        SELECT rowid, names, services, places, notes FROM referral_text;
    DROP TABLE referral_text;
    ALTER TABLE referral_text_by_letter RENAME TO referral_text;",
    // 21: what reports count, as columns: a finished call's row in
    // `call_fact`, keyed like the notes index by when the call started, so
    // a period is one range of the table and a report decodes no JSON. The
    // view `call_fact_source` is the one mapping from a call to its facts;
    // triggers apply it in the transaction that writes the call, whichever
    // path writes it (the form, a pull, retention), and it fills the table
    // for the calls already stored. Lists are codes separated by spaces; a
    // referral is `entry:status`, `-` for an entry not in the directory.
    "CREATE TABLE call_fact (
        key INTEGER PRIMARY KEY,
        region TEXT NOT NULL,
        line TEXT,
        direction TEXT,
        caller_role TEXT,
        gender TEXT,
        age_group TEXT,
        language TEXT,
        country TEXT,
        risk TEXT,
        outcome TEXT,
        case_ref TEXT,
        subjects TEXT NOT NULL,
        referrals TEXT NOT NULL,
        follow_up_due TEXT,
        follow_up_done_at TEXT
    ) STRICT;
    CREATE VIEW call_fact_source AS
    SELECT text_key AS key, region,
        details ->> '$.line' AS line,
        details ->> '$.direction' AS direction,
        details ->> '$.callerRole' AS caller_role,
        details ->> '$.gender' AS gender,
        details ->> '$.ageGroup' AS age_group,
        details ->> '$.language' AS language,
        details ->> '$.country' AS country,
        details ->> '$.risk' AS risk,
        details ->> '$.outcome' AS outcome,
        coalesce(details ->> '$.caseRef', details ->> '$.caseKey') AS case_ref,
        coalesce((SELECT group_concat(value, ' ') FROM json_each(details, '$.subjects')), '')
            AS subjects,
        coalesce((SELECT group_concat(
                coalesce(value ->> '$.entryId', '-') || ':' || coalesce(value ->> '$.status', ''),
                ' ')
            FROM json_each(details, '$.referrals')), '') AS referrals,
        details ->> '$.followUp.due' AS follow_up_due,
        details ->> '$.followUp.doneAt' AS follow_up_done_at
    FROM call
    WHERE status = 'final' AND text_key IS NOT NULL;
    CREATE TRIGGER call_fact_on_insert AFTER INSERT ON call
    WHEN new.status = 'final' AND new.text_key IS NOT NULL BEGIN
        INSERT INTO call_fact SELECT * FROM call_fact_source WHERE key = new.text_key;
    END;
    CREATE TRIGGER call_fact_on_update AFTER UPDATE OF status, region, text_key, details ON call
    BEGIN
        DELETE FROM call_fact WHERE key = old.text_key;
        INSERT INTO call_fact SELECT * FROM call_fact_source WHERE key = new.text_key;
    END;
    CREATE TRIGGER call_fact_on_delete AFTER DELETE ON call BEGIN
        DELETE FROM call_fact WHERE key = old.text_key;
    END;
    INSERT INTO call_fact SELECT * FROM call_fact_source;",
    // 22: what the directory's filters ask of an entry, as rows: its service
    // types, and the places it serves (a municipality's code, `nationwide`
    // or `abroad`), kept by triggers from its JSON, so a filter with no words
    // reads the entries that can pass instead of every entry.
    "CREATE TABLE referral_facet (
        kind TEXT NOT NULL CHECK (kind IN ('service', 'area')),
        value TEXT NOT NULL,
        entry_rowid INTEGER NOT NULL,
        PRIMARY KEY (kind, value, entry_rowid)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX referral_facet_by_entry ON referral_facet (entry_rowid);
    CREATE VIEW referral_facet_source AS
    SELECT referral_entry.rowid AS entry_rowid, 'service' AS kind, service.value AS value
    FROM referral_entry, json_each(referral_entry.entry, '$.serviceTypes') AS service
    UNION ALL
    SELECT referral_entry.rowid, 'area',
        coalesce(area.value ->> '$.code', area.value ->> '$.kind')
    FROM referral_entry, json_each(referral_entry.entry, '$.areas') AS area;
    CREATE TRIGGER referral_facet_on_insert AFTER INSERT ON referral_entry BEGIN
        INSERT OR IGNORE INTO referral_facet (kind, value, entry_rowid)
            SELECT kind, value, entry_rowid FROM referral_facet_source
            WHERE entry_rowid = new.rowid;
    END;
    CREATE TRIGGER referral_facet_on_update AFTER UPDATE OF entry ON referral_entry BEGIN
        DELETE FROM referral_facet WHERE entry_rowid = old.rowid;
        INSERT OR IGNORE INTO referral_facet (kind, value, entry_rowid)
            SELECT kind, value, entry_rowid FROM referral_facet_source
            WHERE entry_rowid = new.rowid;
    END;
    CREATE TRIGGER referral_facet_on_delete AFTER DELETE ON referral_entry BEGIN
        DELETE FROM referral_facet WHERE entry_rowid = old.rowid;
    END;
    INSERT OR IGNORE INTO referral_facet (kind, value, entry_rowid)
        SELECT kind, value, entry_rowid FROM referral_facet_source;",
    // 23: the calls screen pages by `text_key` (start time, then row): one
    // region's finished calls in that order, so a filtered page reads the
    // index newest first and stops at the page instead of sorting a year.
    "CREATE INDEX call_final_by_region_key ON call (region, text_key)
        WHERE status = 'final';",
    // 24: the trafficking-indicator screening in `call_fact`: the observed
    // groups' codes separated by spaces, '' when the call was screened and
    // nothing was observed, NULL when it was not screened. The view and its
    // triggers are made again with the new column last, and the table
    // filled again from the calls.
    "ALTER TABLE call_fact ADD COLUMN indicators TEXT;
    DROP TRIGGER call_fact_on_insert;
    DROP TRIGGER call_fact_on_update;
    DROP VIEW call_fact_source;
    CREATE VIEW call_fact_source AS
    SELECT text_key AS key, region,
        details ->> '$.line' AS line,
        details ->> '$.direction' AS direction,
        details ->> '$.callerRole' AS caller_role,
        details ->> '$.gender' AS gender,
        details ->> '$.ageGroup' AS age_group,
        details ->> '$.language' AS language,
        details ->> '$.country' AS country,
        details ->> '$.risk' AS risk,
        details ->> '$.outcome' AS outcome,
        coalesce(details ->> '$.caseRef', details ->> '$.caseKey') AS case_ref,
        coalesce((SELECT group_concat(value, ' ') FROM json_each(details, '$.subjects')), '')
            AS subjects,
        coalesce((SELECT group_concat(
                coalesce(value ->> '$.entryId', '-') || ':' || coalesce(value ->> '$.status', ''),
                ' ')
            FROM json_each(details, '$.referrals')), '') AS referrals,
        details ->> '$.followUp.due' AS follow_up_due,
        details ->> '$.followUp.doneAt' AS follow_up_done_at,
        CASE WHEN json_type(details, '$.indicators') = 'array'
            THEN coalesce((SELECT group_concat(value, ' ')
                FROM json_each(details, '$.indicators')), '')
        END AS indicators
    FROM call
    WHERE status = 'final' AND text_key IS NOT NULL;
    CREATE TRIGGER call_fact_on_insert AFTER INSERT ON call
    WHEN new.status = 'final' AND new.text_key IS NOT NULL BEGIN
        INSERT INTO call_fact SELECT * FROM call_fact_source WHERE key = new.text_key;
    END;
    CREATE TRIGGER call_fact_on_update AFTER UPDATE OF status, region, text_key, details ON call
    BEGIN
        DELETE FROM call_fact WHERE key = old.text_key;
        INSERT INTO call_fact SELECT * FROM call_fact_source WHERE key = new.text_key;
    END;
    DELETE FROM call_fact;
    INSERT INTO call_fact SELECT * FROM call_fact_source;",
    // 25: four-letter prefixes in the directory's index too. The first
    // ranked word ("kons") of a word most entries hold ("konsultācijas")
    // otherwise merged the lists of every word it begins, for all the
    // directory, before the search could stop at its limit.
    "CREATE VIRTUAL TABLE referral_text_by_prefix USING fts5(
        names, services, places, notes,
        tokenize = 'unicode61 remove_diacritics 2',
        prefix = '1 2 3 4'
    );
    INSERT INTO referral_text_by_prefix (referral_text_by_prefix, rank) VALUES ('secure-delete', 1);
    INSERT INTO referral_text_by_prefix (rowid, names, services, places, notes)
        SELECT rowid, names, services, places, notes FROM referral_text;
    DROP TABLE referral_text;
    ALTER TABLE referral_text_by_prefix RENAME TO referral_text;",
    // 26: what the call list shows beyond the report's facts, so a list of
    // structured columns reads `call_fact` and decodes no JSON: the call's
    // id, when it ended (milliseconds since 1970), its immediate danger
    // (0 or 1), and the case reference and the anonymised case key apart
    // (`case_ref` held either; a report counts either, the list shows only
    // the reference). The view and its triggers are made again with the new
    // columns last, and the table filled again from the calls.
    "ALTER TABLE call_fact ADD COLUMN id TEXT;
    ALTER TABLE call_fact ADD COLUMN ended_ms INTEGER;
    ALTER TABLE call_fact ADD COLUMN immediate_danger INTEGER;
    ALTER TABLE call_fact ADD COLUMN case_key TEXT;
    DROP TRIGGER call_fact_on_insert;
    DROP TRIGGER call_fact_on_update;
    DROP VIEW call_fact_source;
    CREATE VIEW call_fact_source AS
    SELECT text_key AS key, region,
        details ->> '$.line' AS line,
        details ->> '$.direction' AS direction,
        details ->> '$.callerRole' AS caller_role,
        details ->> '$.gender' AS gender,
        details ->> '$.ageGroup' AS age_group,
        details ->> '$.language' AS language,
        details ->> '$.country' AS country,
        details ->> '$.risk' AS risk,
        details ->> '$.outcome' AS outcome,
        details ->> '$.caseRef' AS case_ref,
        coalesce((SELECT group_concat(value, ' ') FROM json_each(details, '$.subjects')), '')
            AS subjects,
        coalesce((SELECT group_concat(
                coalesce(value ->> '$.entryId', '-') || ':' || coalesce(value ->> '$.status', ''),
                ' ')
            FROM json_each(details, '$.referrals')), '') AS referrals,
        details ->> '$.followUp.due' AS follow_up_due,
        details ->> '$.followUp.doneAt' AS follow_up_done_at,
        CASE WHEN json_type(details, '$.indicators') = 'array'
            THEN coalesce((SELECT group_concat(value, ' ')
                FROM json_each(details, '$.indicators')), '')
        END AS indicators,
        id,
        CAST(round(unixepoch(details ->> '$.endedAt', 'subsec') * 1000) AS INTEGER) AS ended_ms,
        coalesce(details ->> '$.immediateDanger', 0) AS immediate_danger,
        details ->> '$.caseKey' AS case_key
    FROM call
    WHERE status = 'final' AND text_key IS NOT NULL;
    CREATE TRIGGER call_fact_on_insert AFTER INSERT ON call
    WHEN new.status = 'final' AND new.text_key IS NOT NULL BEGIN
        INSERT INTO call_fact SELECT * FROM call_fact_source WHERE key = new.text_key;
    END;
    CREATE TRIGGER call_fact_on_update AFTER UPDATE OF status, region, text_key, details ON call
    BEGIN
        DELETE FROM call_fact WHERE key = old.text_key;
        INSERT INTO call_fact SELECT * FROM call_fact_source WHERE key = new.text_key;
    END;
    DELETE FROM call_fact;
    INSERT INTO call_fact SELECT * FROM call_fact_source;",
];

fn migrations() -> Migrations<'static> {
    Migrations::new(MIGRATIONS.iter().map(|sql| M::up(sql)).collect())
}

pub const LATEST_VERSION: usize = MIGRATIONS.len();

/// Brings the database to the latest schema; refuses a database from a newer app.
pub fn upgrade(connection: &mut Connection) -> Result<()> {
    let found: i64 = connection.pragma_query_value(None, "user_version", |row| row.get(0))?;
    let found = usize::try_from(found).unwrap_or(usize::MAX);
    if found > LATEST_VERSION {
        return Err(Error::DatabaseTooNew {
            found,
            known: LATEST_VERSION,
        });
    }
    migrations().to_latest(connection)?;
    Ok(())
}

/// Upgrades only to `version`, for tests that build an old database.
#[cfg(test)]
pub fn upgrade_to(connection: &mut Connection, version: usize) -> Result<()> {
    migrations().to_version(connection, version)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rows that a database at `version` holds, written before it is upgraded.
    fn fill(connection: &Connection, version: usize) {
        if version >= 1 {
            connection
                .execute_batch(
                    "INSERT INTO organisation VALUES ('org', 'Drošā māja', '2026-01-01T00:00:00Z');
                     INSERT INTO account (id, login, display_name, role, home_region, created_at,
                                          created_by, passphrase_changed_at)
                        VALUES ('a1', 'anna', 'Anna Bērziņa', 'supervisor', 'riga',
                        '2026-01-01T00:00:00Z', NULL, '2026-01-01T00:00:00Z');
                     INSERT INTO device_setting VALUES ('auto_lock_minutes', '10');",
                )
                .expect("fill v1");
        }
        if version >= 2 {
            connection
                .execute_batch(
                    r#"INSERT INTO call (id, status, consultant, region, started_at, updated_at,
                                       version, details)
                     VALUES ('c1', 'final', 'a1', 'riga', '2026-01-02T10:00:00Z',
                             '2026-01-02T10:00:00Z', 1,
                             '{"subjects": ["forcedLabour"], "country": "GB",
                               "referrals": [{"to": "VDI", "entryId": "r1", "status": "accepted"},
                                             {"to": "Draugs"}]}');
                     INSERT INTO call_subject VALUES ('c1', 'forcedLabour');"#,
                )
                .expect("fill v2");
        }
        let first_version = if version >= 5 {
            "INSERT INTO call_version VALUES ('c1', '1767348000000-000001-00000000-0000-0000-0000-000000000000',
                NULL, '2026-01-02T10:00:00Z', 'a1', '[]', '{}');
             UPDATE call SET stamp = '1767348000000-000001-00000000-0000-0000-0000-000000000000';
             INSERT INTO sync_outbox (kind, record_id, stamp) VALUES
                ('call', 'c1', '1767348000000-000001-00000000-0000-0000-0000-000000000000');"
        } else {
            "INSERT INTO call_version VALUES ('c1', 1, '2026-01-02T10:00:00Z', 'a1', '[]', '{}');"
        };
        if version >= 2 {
            connection
                .execute_batch(first_version)
                .expect("fill first version");
        }
        if version >= 2 {
            let text_key = if version >= 19 {
                "(SELECT text_key FROM call WHERE id = 'c1')"
            } else {
                "(SELECT rowid FROM call WHERE id = 'c1')"
            };
            if version >= 19 {
                connection
                    .execute_batch(
                        "UPDATE call SET text_key = 1767348000000 * 1048576 + rowid WHERE id = 'c1'",
                    )
                    .expect("text key");
            }
            connection
                .execute(
                    &format!(
                        "INSERT INTO call_text (rowid, notes, advice, referrals)
                         VALUES ({text_key}, 'Darba piedāvājums Kiprā', '', '')"
                    ),
                    [],
                )
                .expect("fill the notes index");
        }
        if version >= 3 {
            connection
                .execute_batch(
                    r#"INSERT INTO referral_entry (id, key, updated_at, entry)
                     VALUES ('r1', 'drosa-maja-riga', '2026-01-02T10:00:00Z',
                             '{"serviceTypes": ["shelter"], "areas": [{"kind": "nationwide"},
                               {"kind": "municipality", "code": "rezekne"}]}');"#,
                )
                .expect("fill v3");
        }
    }

    fn schema_of(connection: &Connection) -> Vec<String> {
        let mut statement = connection
            .prepare("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name")
            .expect("prepare");
        statement
            .query_map([], |row| row.get(0))
            .expect("query")
            .collect::<Result<_, _>>()
            .expect("rows")
    }

    #[test]
    fn every_old_version_with_data_upgrades_to_the_fresh_schema() {
        let mut fresh = Connection::open_in_memory().expect("open");
        upgrade(&mut fresh).expect("fresh");
        for version in 0..=LATEST_VERSION {
            let mut old = Connection::open_in_memory().expect("open");
            upgrade_to(&mut old, version).expect("old version");
            fill(&old, version);
            upgrade(&mut old).expect("upgrade");
            assert_eq!(schema_of(&old), schema_of(&fresh), "from version {version}");
            if version >= 1 {
                let name: String = old
                    .query_row(
                        "SELECT display_name FROM account WHERE id = 'a1'",
                        [],
                        |r| r.get(0),
                    )
                    .expect("data kept");
                assert_eq!(name, "Anna Bērziņa");
            }
            if version >= 2 {
                let subjects: i64 = old
                    .query_row("SELECT count(*) FROM call_subject", [], |r| r.get(0))
                    .expect("calls kept");
                assert_eq!(subjects, 1);
            }
            if version >= 2 {
                let found: String = old
                    .query_row(
                        "SELECT call.id FROM call_text JOIN call ON call.text_key = call_text.rowid
                         WHERE call_text MATCH 'kipra'",
                        [],
                        |r| r.get(0),
                    )
                    .expect("the notes index still finds the call");
                assert_eq!(found, "c1", "from version {version}");
            }
            if version >= 2 {
                let facts: (String, String, String) = old
                    .query_row(
                        "SELECT region, subjects, referrals FROM call_fact
                         WHERE country = 'GB'",
                        [],
                        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                    )
                    .expect("the report columns are filled for a call stored before them");
                assert_eq!(
                    facts,
                    (
                        "riga".into(),
                        "forcedLabour".into(),
                        "r1:accepted -:".into()
                    ),
                    "from version {version}"
                );
            }
            if version >= 3 {
                let entries: i64 = old
                    .query_row("SELECT count(*) FROM referral_entry", [], |r| r.get(0))
                    .expect("directory kept");
                assert_eq!(entries, 1);
                let facets: Vec<String> = old
                    .prepare("SELECT kind || ':' || value FROM referral_facet ORDER BY 1")
                    .expect("facets")
                    .query_map([], |r| r.get(0))
                    .expect("query")
                    .collect::<Result<_, _>>()
                    .expect("rows");
                assert_eq!(
                    facets,
                    ["area:nationwide", "area:rezekne", "service:shelter"],
                    "the filters' rows are filled for an entry stored before them"
                );
            }
            if version >= 2 {
                let (stamp, queued): (String, i64) = old
                    .query_row(
                        "SELECT c.stamp, (SELECT count(*) FROM sync_outbox o
                                          WHERE o.kind = 'call' AND o.stamp = c.stamp)
                         FROM call c WHERE c.id = 'c1'",
                        [],
                        |r| Ok((r.get(0)?, r.get(1)?)),
                    )
                    .expect("call stamped");
                assert_eq!(
                    stamp,
                    "1767348000000-000001-00000000-0000-0000-0000-000000000000"
                );
                assert_eq!(queued, 1, "the old call is queued for the first push");
            }
        }
    }

    #[test]
    fn a_database_from_a_newer_app_is_refused_untouched() {
        let mut connection = Connection::open_in_memory().expect("open");
        connection
            .pragma_update(
                None,
                "user_version",
                i64::try_from(LATEST_VERSION + 1).expect("small"),
            )
            .expect("set version");
        let error = upgrade(&mut connection).expect_err("too new");
        assert!(matches!(error, Error::DatabaseTooNew { .. }));
    }

    #[test]
    fn migrations_are_valid() {
        migrations().validate().expect("valid migrations");
    }
}
