//! A staff account as it syncs, and two supervisors' concurrent changes to
//! one account merged field by field.
//!
//! Each version names the version it was changed from (`base_stamp`) and
//! the fields it changed (`changed`). A received version made without
//! seeing the one held here is concurrent: the newer one's values stand for
//! the fields it changed, and the older one's for the fields only it
//! changed, so one supervisor disabling a person while another moves them
//! to another region leaves them disabled and moved on every laptop. Only
//! a field both changed goes to the newer version.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::accounts::{parse_role, Role, FIELD_DISABLED_AT, FIELD_HOME_REGION, FIELD_ROLE};
use crate::error::{Error, Result};
use crate::region::Region;
use crate::store::rows::{parse_optional_time, parse_time};

/// A staff member as other devices see them. The login is not synced: it
/// only matters on the device whose key ring it unlocks.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(super) struct AccountRecord {
    pub display_name: String,
    pub role: Role,
    pub home_region: Region,
    pub created_at: DateTime<Utc>,
    /// Left out while the account is enabled, so records of enabled
    /// accounts keep the shape the first version of the app wrote.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disabled_at: Option<DateTime<Utc>>,
    /// The version this one was changed from; none for a new account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_stamp: Option<String>,
    /// The fields this version changed from its base.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changed: Vec<String>,
}

impl AccountRecord {
    /// Takes `other`'s value of `field`.
    fn take(&mut self, field: &str, other: &Self) {
        match field {
            FIELD_ROLE => self.role = other.role,
            FIELD_HOME_REGION => self.home_region = other.home_region,
            FIELD_DISABLED_AT => self.disabled_at = other.disabled_at,
            _ => {}
        }
    }
}

const COLUMNS: &str =
    "display_name, role, home_region, created_at, disabled_at, base_stamp, changed_fields, stamp";

fn from_row(row: &Row<'_>) -> rusqlite::Result<(AccountRecord, Option<String>)> {
    let bad = |index: usize| {
        rusqlite::Error::InvalidColumnType(index, "code".into(), rusqlite::types::Type::Text)
    };
    let changed: Option<String> = row.get(6)?;
    Ok((
        AccountRecord {
            display_name: row.get(0)?,
            role: parse_role(&row.get::<_, String>(1)?).map_err(|_| bad(1))?,
            home_region: crate::region::parse(&row.get::<_, String>(2)?).map_err(|_| bad(2))?,
            created_at: parse_time(row, 3)?,
            disabled_at: parse_optional_time(row, 4)?,
            base_stamp: row.get(5)?,
            changed: changed
                .and_then(|json| serde_json::from_str(&json).ok())
                .unwrap_or_default(),
        },
        row.get(7)?,
    ))
}

/// The version held here and its stamp (none for an account made here
/// before it was ever synced).
fn held(connection: &Connection, id: Uuid) -> Result<Option<(AccountRecord, Option<String>)>> {
    Ok(connection
        .query_row(
            &format!("SELECT {COLUMNS} FROM account WHERE id = ?1"),
            [id.to_string()],
            from_row,
        )
        .optional()?)
}

/// The version stored with exactly `stamp`, for sealing it.
pub(super) fn record_at(
    connection: &Connection,
    id: Uuid,
    stamp: &str,
) -> Result<Option<AccountRecord>> {
    Ok(held(connection, id)?
        .filter(|(_, held)| held.as_deref() == Some(stamp))
        .map(|(record, _)| record))
}

/// Applies a received version: a successor replaces the one held, a
/// concurrent one is merged field by field (see the module's comment).
/// `apply` has checked by the permission table that its author may write
/// it, so a consultant's laptop can neither raise a role nor undo a
/// supervisor's disabling.
pub(super) fn apply(
    connection: &Connection,
    id: Uuid,
    stamp: &str,
    record: AccountRecord,
) -> Result<()> {
    let Some((held, held_stamp)) = held(connection, id)? else {
        return insert(connection, id, stamp, &record);
    };
    let held_stamp = held_stamp.unwrap_or_default();
    if held_stamp == stamp || held.base_stamp.as_deref() == Some(stamp) {
        return Ok(());
    }
    let concurrent = record.base_stamp.as_deref() != Some(held_stamp.as_str())
        && !record.changed.is_empty()
        && !held.changed.is_empty();
    let incoming_newer = held_stamp.as_str() < stamp;
    if !concurrent {
        return if incoming_newer {
            update(connection, id, stamp, &record)
        } else {
            Ok(())
        };
    }
    let (mut merged, older, newest_stamp) = if incoming_newer {
        (record, held, stamp.to_owned())
    } else {
        (held, record, held_stamp)
    };
    for field in &older.changed {
        if !merged.changed.contains(field) {
            merged.take(field, &older);
            merged.changed.push(field.clone());
        }
    }
    update(connection, id, &newest_stamp, &merged)
}

fn changed_json(record: &AccountRecord) -> Result<Option<String>> {
    (!record.changed.is_empty())
        .then(|| serde_json::to_string(&record.changed))
        .transpose()
        .map_err(|error| Error::DatabaseCorrupt(format!("account fields: {error}")))
}

fn update(connection: &Connection, id: Uuid, stamp: &str, record: &AccountRecord) -> Result<()> {
    connection.execute(
        "UPDATE account SET display_name = ?2, role = ?3, home_region = ?4, disabled_at = ?5,
                            stamp = ?6, base_stamp = ?7, changed_fields = ?8
         WHERE id = ?1",
        params![
            id.to_string(),
            record.display_name,
            record.role.code(),
            record.home_region.code(),
            record.disabled_at.map(|at| at.to_rfc3339()),
            stamp,
            record.base_stamp,
            changed_json(record)?
        ],
    )?;
    Ok(())
}

fn insert(connection: &Connection, id: Uuid, stamp: &str, record: &AccountRecord) -> Result<()> {
    connection.execute(
        "INSERT INTO account (id, login, display_name, role, home_region, created_at,
                              created_by, passphrase_changed_at, stamp, disabled_at,
                              base_stamp, changed_fields)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, NULL, ?6, ?7, ?8, ?9, ?10)",
        params![
            id.to_string(),
            format!("~{}", id.simple()),
            record.display_name,
            record.role.code(),
            record.home_region.code(),
            record.created_at.to_rfc3339(),
            stamp,
            record.disabled_at.map(|at| at.to_rfc3339()),
            record.base_stamp,
            changed_json(record)?
        ],
    )?;
    Ok(())
}
