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
                     INSERT INTO account VALUES ('a1', 'anna', 'Anna Bērziņa', 'supervisor', 'riga',
                        '2026-01-01T00:00:00Z', NULL, '2026-01-01T00:00:00Z');
                     INSERT INTO device_setting VALUES ('auto_lock_minutes', '10');",
                )
                .expect("fill v1");
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
