//! The organisation and its local accounts: who may unlock this device, with
//! which role and home region. Rows live in the encrypted database; the wrapped
//! keys that let each account open it live in the key ring.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use crate::changes::{outbox, RecordKind};
use crate::error::{Error, InvalidReason, Result};
use crate::region::Region;
use crate::store::keyring::KeyRing;
use crate::store::rows::{bad_column, parse_optional_time, parse_time, parse_uuid};
use crate::store::DataDir;

pub use hotline_protocol::Role;

/// Accepts the code or the Latvian word, in any case ("Supervizors").
pub fn parse_role(input: &str) -> Result<Role> {
    match input.trim().to_lowercase().as_str() {
        "consultant" | "konsultants" => Ok(Role::Consultant),
        "supervisor" | "supervizors" => Ok(Role::Supervisor),
        _ => Err(Error::invalid("role", InvalidReason::Unknown)),
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Organisation {
    pub id: Uuid,
    pub name: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Account {
    pub id: Uuid,
    pub login: String,
    pub display_name: String,
    pub role: Role,
    pub home_region: Region,
    pub created_at: DateTime<Utc>,
    /// When a supervisor disabled the account: it unlocks no laptop any more.
    pub disabled_at: Option<DateTime<Utc>>,
}

impl Account {
    pub fn is_supervisor(&self) -> bool {
        self.role == Role::Supervisor
    }
}

/// A supervisor's change to a staff account, as the Settings screen sends it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AccountChange {
    pub role: Role,
    pub home_region: Region,
    pub disabled: bool,
}

/// An account to be created; validated by [`NewAccount::validated`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewAccount {
    pub login: String,
    pub display_name: String,
    pub role: Role,
    pub home_region: Region,
}

impl NewAccount {
    pub(crate) fn validated(self) -> Result<Self> {
        Ok(Self {
            login: normalise_login(&self.login)?,
            display_name: checked_text(&self.display_name, "displayName", 100)?,
            ..self
        })
    }
}

pub const MIN_PASSPHRASE_CHARS: usize = 10;
const MAX_PASSPHRASE_CHARS: usize = 1024;

/// Trims and lower-cases a login, and checks it is 2–32 of `a-z 0-9 . - _`.
pub fn normalise_login(input: &str) -> Result<String> {
    let login = input.trim().to_lowercase();
    if login.is_empty() {
        return Err(Error::invalid("login", InvalidReason::Empty));
    }
    let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || ".-_".contains(c);
    if !(2..=32).contains(&login.len()) || !login.chars().all(allowed) {
        return Err(Error::invalid("login", InvalidReason::BadCharacters));
    }
    Ok(login)
}

/// A passphrase must be at least ten characters; anything else is allowed.
pub fn check_new_passphrase(passphrase: &str) -> Result<()> {
    let length = passphrase.chars().count();
    if length < MIN_PASSPHRASE_CHARS {
        return Err(Error::invalid("passphrase", InvalidReason::TooShort));
    }
    if length > MAX_PASSPHRASE_CHARS {
        return Err(Error::invalid("passphrase", InvalidReason::TooLong));
    }
    Ok(())
}

/// Trimmed free text of 1 to `max_chars` characters without control characters.
pub(crate) fn checked_text(input: &str, field: &'static str, max_chars: usize) -> Result<String> {
    let text = input.trim();
    if text.is_empty() {
        return Err(Error::invalid(field, InvalidReason::Empty));
    }
    if text.chars().count() > max_chars {
        return Err(Error::invalid(field, InvalidReason::TooLong));
    }
    if text.chars().any(char::is_control) {
        return Err(Error::invalid(field, InvalidReason::BadCharacters));
    }
    Ok(text.to_owned())
}

pub(crate) fn insert_organisation(
    connection: &Connection,
    name: &str,
    now: DateTime<Utc>,
) -> Result<Organisation> {
    let organisation = Organisation {
        id: Uuid::new_v4(),
        name: checked_text(name, "organisationName", 200)?,
        created_at: now,
    };
    insert_known_organisation(connection, &organisation)?;
    Ok(organisation)
}

/// Records the organisation a device joins (from its enrolment package).
pub(crate) fn insert_known_organisation(
    connection: &Connection,
    organisation: &Organisation,
) -> Result<()> {
    connection.execute(
        "INSERT INTO organisation (id, name, created_at) VALUES (?1, ?2, ?3)",
        params![
            organisation.id.to_string(),
            checked_text(&organisation.name, "organisationName", 200)?,
            organisation.created_at.to_rfc3339()
        ],
    )?;
    Ok(())
}

pub(crate) fn load_organisation(connection: &Connection) -> Result<Organisation> {
    connection
        .query_row(
            "SELECT id, name, created_at FROM organisation LIMIT 1",
            [],
            |row| {
                Ok(Organisation {
                    id: parse_uuid(row, 0)?,
                    name: row.get(1)?,
                    created_at: parse_time(row, 2)?,
                })
            },
        )
        .optional()?
        .ok_or_else(|| Error::DatabaseCorrupt("the organisation record is missing".into()))
}

/// Inserts a validated account; `created_by` is `None` only for the first supervisor.
pub(crate) fn insert_account(
    connection: &Connection,
    new: &NewAccount,
    created_by: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<Account> {
    let account = Account {
        id: Uuid::new_v4(),
        login: new.login.clone(),
        display_name: new.display_name.clone(),
        role: new.role,
        home_region: new.home_region,
        created_at: now,
        disabled_at: None,
    };
    let stamp = outbox::record_change(connection, RecordKind::Account, account.id, now)?;
    let inserted = connection.execute(
        "INSERT INTO account (id, login, display_name, role, home_region, created_at,
                              created_by, passphrase_changed_at, stamp)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?6, ?8)",
        params![
            account.id.to_string(),
            account.login,
            account.display_name,
            account.role.code(),
            account.home_region.code(),
            now.to_rfc3339(),
            created_by.map(|id| id.to_string()),
            stamp.to_string(),
        ],
    );
    match inserted {
        Ok(_) => Ok(account),
        Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation) => {
            Err(Error::LoginTaken)
        }
        Err(e) => Err(e.into()),
    }
}

const ACCOUNT_COLUMNS: &str = "id, login, display_name, role, home_region, created_at, disabled_at";

pub(crate) fn account_by_id(connection: &Connection, id: Uuid) -> Result<Option<Account>> {
    Ok(connection
        .query_row(
            &format!("SELECT {ACCOUNT_COLUMNS} FROM account WHERE id = ?1"),
            [id.to_string()],
            account_from_row,
        )
        .optional()?)
}

pub(crate) fn account_by_login(connection: &Connection, login: &str) -> Result<Option<Account>> {
    Ok(connection
        .query_row(
            &format!("SELECT {ACCOUNT_COLUMNS} FROM account WHERE login = ?1"),
            [login],
            account_from_row,
        )
        .optional()?)
}

pub(crate) fn all_accounts(connection: &Connection) -> Result<Vec<Account>> {
    let mut statement = connection.prepare(&format!(
        "SELECT {ACCOUNT_COLUMNS} FROM account ORDER BY role DESC, display_name"
    ))?;
    let accounts = statement
        .query_map([], account_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(accounts)
}

/// The login an account that arrived by sync is listed under until it is
/// given one on this laptop; no real login can start with `~`.
pub(crate) fn is_placeholder_login(login: &str) -> bool {
    login.starts_with('~')
}

/// Gives an account that arrived by sync a login on this laptop. The login
/// is local: it is never synced.
pub(crate) fn set_local_login(connection: &Connection, id: Uuid, login: &str) -> Result<()> {
    match connection.execute(
        "UPDATE account SET login = ?2 WHERE id = ?1",
        params![id.to_string(), login],
    ) {
        Ok(_) => Ok(()),
        Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation) => {
            Err(Error::LoginTaken)
        }
        Err(e) => Err(e.into()),
    }
}

/// The fields a supervisor changes, as a synced version lists them.
pub(crate) const FIELD_ROLE: &str = "role";
pub(crate) const FIELD_HOME_REGION: &str = "homeRegion";
pub(crate) const FIELD_DISABLED_AT: &str = "disabledAt";

/// Writes a supervisor's change to an account as a new synced version of it.
pub(crate) fn change_account(
    connection: &Connection,
    account: &Account,
    change: AccountChange,
    now: DateTime<Utc>,
) -> Result<Account> {
    let disabled_at = match (change.disabled, account.disabled_at) {
        (false, _) => None,
        (true, Some(since)) => Some(since),
        (true, None) => Some(now),
    };
    // What changed, so that a concurrent change of other fields on another
    // laptop merges with this one instead of replacing it.
    let changed: Vec<&str> = [
        (FIELD_ROLE, change.role != account.role),
        (FIELD_HOME_REGION, change.home_region != account.home_region),
        (
            FIELD_DISABLED_AT,
            disabled_at.is_some() != account.disabled_at.is_some(),
        ),
    ]
    .into_iter()
    .filter_map(|(field, differs)| differs.then_some(field))
    .collect();
    let base: Option<String> = connection.query_row(
        "SELECT stamp FROM account WHERE id = ?1",
        [account.id.to_string()],
        |row| row.get(0),
    )?;
    let stamp = outbox::record_change(connection, RecordKind::Account, account.id, now)?;
    connection.execute(
        "UPDATE account SET role = ?2, home_region = ?3, disabled_at = ?4, stamp = ?5,
                            base_stamp = ?6, changed_fields = ?7
         WHERE id = ?1",
        params![
            account.id.to_string(),
            change.role.code(),
            change.home_region.code(),
            disabled_at.map(|at| at.to_rfc3339()),
            stamp.to_string(),
            base,
            serde_json::to_string(&changed).map_err(|_| Error::Random)?,
        ],
    )?;
    Ok(Account {
        role: change.role,
        home_region: change.home_region,
        disabled_at,
        ..account.clone()
    })
}

/// Takes the wrapped data key of every disabled account out of the key
/// ring, so their passphrase opens nothing on this laptop, not even for
/// someone who reads the key ring with other tools. Run after every sync
/// round and at a refused unlock; a re-enabled person gets a new passphrase
/// from a supervisor ([`crate::Session::reset_passphrase`]).
pub(crate) fn forget_disabled_keys(connection: &Connection, dir: &DataDir) -> Result<()> {
    let Some(mut key_ring) = KeyRing::load(dir.key_ring())? else {
        return Ok(());
    };
    let disabled: Vec<Uuid> = connection
        .prepare("SELECT id FROM account WHERE disabled_at IS NOT NULL")?
        .query_map([], |row| parse_uuid(row, 0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut removed = false;
    for id in disabled {
        removed |= key_ring.disable(id);
    }
    if removed {
        key_ring.save()?;
    }
    Ok(())
}

pub(crate) fn record_passphrase_change(
    connection: &Connection,
    account_id: Uuid,
    now: DateTime<Utc>,
) -> Result<()> {
    connection.execute(
        "UPDATE account SET passphrase_changed_at = ?1 WHERE id = ?2",
        params![now.to_rfc3339(), account_id.to_string()],
    )?;
    Ok(())
}

fn account_from_row(row: &Row<'_>) -> rusqlite::Result<Account> {
    let role: String = row.get(3)?;
    let region: String = row.get(4)?;
    Ok(Account {
        id: parse_uuid(row, 0)?,
        login: row.get(1)?,
        display_name: row.get(2)?,
        role: parse_role(&role).map_err(|_| bad_column(3, "role"))?,
        home_region: crate::region::parse(&region).map_err(|_| bad_column(4, "region"))?,
        created_at: parse_time(row, 5)?,
        disabled_at: parse_optional_time(row, 6)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logins_are_trimmed_lower_cased_and_restricted() {
        assert_eq!(normalise_login("  Anna.B ").expect("valid"), "anna.b");
        for bad in ["", "a", "anna bērziņa", "anna@org", &"x".repeat(33)] {
            assert!(normalise_login(bad).is_err(), "{bad:?} must be refused");
        }
    }

    #[test]
    fn passphrases_need_ten_characters_counting_latvian_letters_once() {
        assert!(check_new_passphrase("īsa").is_err());
        assert!(check_new_passphrase("āāāāāāāāāā").is_ok());
        assert!(matches!(
            check_new_passphrase("123456789"),
            Err(Error::InvalidInput {
                field: "passphrase",
                reason: InvalidReason::TooShort
            })
        ));
    }

    #[test]
    fn display_names_reject_control_characters_and_blank_text() {
        assert!(checked_text("   ", "displayName", 100).is_err());
        assert!(checked_text("Anna\u{7}", "displayName", 100).is_err());
        assert_eq!(
            checked_text(" Anna Bērziņa ", "displayName", 100).expect("ok"),
            "Anna Bērziņa"
        );
    }
}
