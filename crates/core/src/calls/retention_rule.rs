//! The organisation's one retention period. A supervisor sets it on any
//! laptop; it syncs as a signed record that only a supervisor's device may
//! write (`RecordKind::RetentionRule`), and the newest stamp wins, so every
//! laptop anonymises under the same rule whichever supervisor set it last.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use crate::changes::{outbox, RecordKind};
use crate::error::{Error, InvalidReason, Result};
use crate::store::rows::parse_time;

pub const DEFAULT_RETENTION_YEARS: u32 = 5;
pub const MAX_RETENTION_YEARS: u32 = 50;

/// The record id of the one rule: the same on every laptop.
pub(crate) const RULE_ID: Uuid = Uuid::from_u128(0x9b1e_44c2_71d0_4f3a_8c55_0e6a_3d2f_7b19);

/// The rule as stored and as synced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RetentionRule {
    pub years: u32,
    /// When a supervisor set it; `None` while the default applies.
    pub set_at: Option<DateTime<Utc>>,
    pub set_by: Option<Uuid>,
}

impl RetentionRule {
    fn default_rule() -> Self {
        Self {
            years: DEFAULT_RETENTION_YEARS,
            set_at: None,
            set_by: None,
        }
    }
}

/// The rule this laptop holds, or the default.
pub(crate) fn current(connection: &Connection) -> Result<RetentionRule> {
    Ok(connection
        .query_row(
            "SELECT years, set_at, set_by, stamp FROM retention_rule WHERE id = 1",
            [],
            |row| {
                let set_by: Option<String> = row.get(2)?;
                let stamp: String = row.get(3)?;
                Ok(RetentionRule {
                    years: row.get(0)?,
                    // A period carried over from the laptop's own setting
                    // was never set for the organisation.
                    set_at: if stamp.is_empty() {
                        None
                    } else {
                        Some(parse_time(row, 1)?)
                    },
                    set_by: set_by.and_then(|id| Uuid::parse_str(&id).ok()),
                })
            },
        )
        .optional()?
        .unwrap_or_else(RetentionRule::default_rule))
}

/// A supervisor's new rule, stamped and queued for every laptop.
pub(crate) fn set(
    connection: &Connection,
    years: u32,
    set_by: Uuid,
    now: DateTime<Utc>,
) -> Result<RetentionRule> {
    if !(1..=MAX_RETENTION_YEARS).contains(&years) {
        return Err(Error::invalid("retentionYears", InvalidReason::OutOfRange));
    }
    let stamp = outbox::record_change(connection, RecordKind::RetentionRule, RULE_ID, now)?;
    let rule = RetentionRule {
        years,
        set_at: Some(now),
        set_by: Some(set_by),
    };
    store(connection, &rule, &stamp.to_string())?;
    Ok(rule)
}

/// The rule stored with exactly `stamp`, for sealing it.
pub(crate) fn record_at(connection: &Connection, stamp: &str) -> Result<Option<RetentionRule>> {
    let stored: Option<String> = connection
        .query_row(
            "SELECT stamp FROM retention_rule WHERE id = 1 AND stamp = ?1",
            [stamp],
            |row| row.get(0),
        )
        .optional()?;
    stored.map(|_| current(connection)).transpose()
}

/// A received rule: kept when its stamp is newer than the one held.
pub(crate) fn apply(
    connection: &Connection,
    record_id: Uuid,
    stamp: &str,
    rule: &RetentionRule,
) -> Result<()> {
    if record_id != RULE_ID || !(1..=MAX_RETENTION_YEARS).contains(&rule.years) {
        return Err(Error::EnvelopeTampered);
    }
    let held: Option<String> = connection
        .query_row("SELECT stamp FROM retention_rule WHERE id = 1", [], |row| {
            row.get(0)
        })
        .optional()?;
    if held.is_some_and(|held| held.as_str() >= stamp) {
        return Ok(());
    }
    store(connection, rule, stamp)
}

fn store(connection: &Connection, rule: &RetentionRule, stamp: &str) -> Result<()> {
    connection.execute(
        "INSERT INTO retention_rule (id, years, set_at, set_by, stamp) VALUES (1, ?1, ?2, ?3, ?4)
         ON CONFLICT (id) DO UPDATE SET years = excluded.years, set_at = excluded.set_at,
             set_by = excluded.set_by, stamp = excluded.stamp",
        params![
            rule.years,
            rule.set_at.unwrap_or(DateTime::UNIX_EPOCH).to_rfc3339(),
            rule.set_by.map(|id| id.to_string()),
            stamp
        ],
    )?;
    Ok(())
}
