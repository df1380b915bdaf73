//! The `category` table: the organisation's categories of both kinds as this
//! laptop holds them, written by a supervisor here or received by sync.
//!
//! A category never disappears while a call here names it (as a subject or
//! as its line): deleting one that
//! is in use is refused, and a deleted one that a call names (a deletion from
//! a laptop that did not know of the call, or a call that arrived after it)
//! reads as retired, so every call keeps a name to show. Deleted categories
//! stay as rows with their stamp, so an older record arriving late cannot
//! bring them back.

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{Category, CategoryCode, CategoryKind, CtdcExploitation};
use crate::error::{Error, Result};
use crate::i18n::Texts;

/// Record ids of categories are derived from their codes, so that the same
/// code is the same record on every laptop.
const RECORD_NAMESPACE: Uuid = Uuid::from_u128(0x5c0e_7a1d_2b94_4e61_9f08_c3a2_d4e5_f607);

/// What a category record says about its existence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) enum CategoryState {
    Active,
    Retired,
    Deleted,
}

impl CategoryState {
    fn code(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Retired => "retired",
            Self::Deleted => "deleted",
        }
    }

    fn parse(code: &str) -> Option<Self> {
        [Self::Active, Self::Retired, Self::Deleted]
            .into_iter()
            .find(|state| state.code() == code)
    }
}

/// A category as stored and as synced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct CategoryRecord {
    pub code: CategoryCode,
    /// Left out for a subject, so that laptops from before lines were
    /// categories still read subject records.
    #[serde(default, skip_serializing_if = "CategoryKind::is_subject")]
    pub kind: CategoryKind,
    pub names: Texts,
    pub ctdc: CtdcExploitation,
    /// Where it is listed: categories are shown by position, then code.
    pub position: i64,
    pub state: CategoryState,
}

impl CategoryRecord {
    fn category(self) -> Category {
        Category {
            code: self.code,
            kind: self.kind,
            names: self.names,
            ctdc: self.ctdc,
            retired: self.state != CategoryState::Active,
        }
    }
}

pub(crate) fn record_id(code: &CategoryCode) -> Uuid {
    Uuid::new_v5(&RECORD_NAMESPACE, code.code().as_bytes())
}

const COLUMNS: &str = "code, kind, name_lv, name_en, name_ru, ctdc, position, state";

fn from_row(row: &Row<'_>) -> rusqlite::Result<CategoryRecord> {
    let text = |index: usize| row.get::<_, String>(index);
    let invalid = |index: usize, what: &str| {
        rusqlite::Error::FromSqlConversionFailure(
            index,
            rusqlite::types::Type::Text,
            format!("not a category {what}").into(),
        )
    };
    Ok(CategoryRecord {
        code: CategoryCode::parse(&text(0)?).map_err(|_| invalid(0, "code"))?,
        kind: CategoryKind::parse(&text(1)?).ok_or_else(|| invalid(1, "kind"))?,
        names: Texts {
            lv: text(2)?,
            en: text(3)?,
            ru: text(4)?,
        },
        ctdc: CtdcExploitation::parse(&text(5)?).ok_or_else(|| invalid(5, "CTDC type"))?,
        position: row.get(6)?,
        state: CategoryState::parse(&text(7)?).ok_or_else(|| invalid(7, "state"))?,
    })
}

/// Every category that was not deleted or that a call still names, in the
/// order they are listed.
pub(crate) fn list(connection: &Connection) -> Result<Vec<Category>> {
    let mut statement = connection.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM category
         WHERE state != 'deleted'
            OR (kind = 'subject' AND EXISTS
                (SELECT 1 FROM call_subject WHERE subject = category.code))
            OR (kind = 'line' AND EXISTS (SELECT 1 FROM call WHERE line = category.code))
         ORDER BY position, code"
    ))?;
    let records = statement
        .query_map([], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(records.into_iter().map(CategoryRecord::category).collect())
}

/// Each subject's CTDC type, for the CTDC file; codes no category names
/// (a record not yet received) map to none.
pub(crate) fn ctdc_types(
    connection: &Connection,
) -> Result<HashMap<CategoryCode, CtdcExploitation>> {
    Ok(list(connection)?
        .into_iter()
        .filter(|category| category.kind == CategoryKind::Subject)
        .map(|category| (category.code, category.ctdc))
        .collect())
}

/// The record held for `code`; a deleted one that a call names reads as
/// retired.
pub(crate) fn get(connection: &Connection, code: &CategoryCode) -> Result<Option<CategoryRecord>> {
    let held = connection
        .prepare_cached(&format!("SELECT {COLUMNS} FROM category WHERE code = ?1"))?
        .query_row([code.code()], from_row)
        .optional()?;
    match held {
        Some(mut record) if record.state == CategoryState::Deleted => {
            if calls_naming(connection, record.kind, code)? > 0 {
                record.state = CategoryState::Retired;
            }
            Ok(Some(record))
        }
        other => Ok(other),
    }
}

/// The record stored with exactly `stamp`, for sealing it.
pub(crate) fn record_at(
    connection: &Connection,
    record_id: Uuid,
    stamp: &str,
) -> Result<Option<CategoryRecord>> {
    let mut statement =
        connection.prepare_cached(&format!("SELECT {COLUMNS} FROM category WHERE stamp = ?1"))?;
    let found = statement
        .query_map([stamp], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(found
        .into_iter()
        .find(|record| self::record_id(&record.code) == record_id))
}

/// How many calls on this laptop name `code` as a category of `kind`.
pub(crate) fn calls_naming(
    connection: &Connection,
    kind: CategoryKind,
    code: &CategoryCode,
) -> Result<u64> {
    let calls: i64 = connection
        .prepare_cached(match kind {
            CategoryKind::Subject => "SELECT count(*) FROM call_subject WHERE subject = ?1",
            CategoryKind::Line => "SELECT count(*) FROM call WHERE line = ?1",
        })?
        .query_row([code.code()], |row| row.get(0))?;
    Ok(calls.unsigned_abs())
}

/// The position after the last category's.
pub(crate) fn next_position(connection: &Connection) -> Result<i64> {
    Ok(connection.query_row(
        "SELECT coalesce(max(position), 0) + 1 FROM category",
        [],
        |row| row.get(0),
    )?)
}

pub(crate) fn store(connection: &Connection, record: &CategoryRecord, stamp: &str) -> Result<()> {
    connection
        .prepare_cached(
            "INSERT INTO category
                 (code, kind, name_lv, name_en, name_ru, ctdc, position, state, stamp)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
             ON CONFLICT (code) DO UPDATE SET kind = excluded.kind, name_lv = excluded.name_lv,
                 name_en = excluded.name_en, name_ru = excluded.name_ru, ctdc = excluded.ctdc,
                 position = excluded.position, state = excluded.state, stamp = excluded.stamp",
        )?
        .execute(params![
            record.code.code(),
            record.kind.code(),
            record.names.lv,
            record.names.en,
            record.names.ru,
            record.ctdc.code(),
            record.position,
            record.state.code(),
            stamp
        ])?;
    Ok(())
}

/// A received category: kept when its stamp is newer than the one held.
pub(crate) fn apply(
    connection: &Connection,
    record_id: Uuid,
    stamp: &str,
    record: CategoryRecord,
) -> Result<()> {
    if record_id != self::record_id(&record.code) {
        return Err(Error::EnvelopeTampered);
    }
    let held: Option<String> = connection
        .prepare_cached("SELECT stamp FROM category WHERE code = ?1")?
        .query_row([record.code.code()], |row| row.get(0))
        .optional()?;
    if held.is_some_and(|held| held.as_str() >= stamp) {
        return Ok(());
    }
    store(connection, &record, stamp)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(code: &str, kind: CategoryKind) -> CategoryRecord {
        CategoryRecord {
            code: CategoryCode::parse(code).expect("code"),
            kind,
            names: Texts::default(),
            ctdc: CtdcExploitation::None,
            position: 1,
            state: CategoryState::Active,
        }
    }

    #[test]
    fn a_subject_record_is_written_as_laptops_before_lines_read_it() {
        let subject = serde_json::to_value(record("other", CategoryKind::Subject)).expect("json");
        assert!(subject.get("kind").is_none(), "{subject}");
        let back: CategoryRecord = serde_json::from_value(subject).expect("read back");
        assert_eq!(back.kind, CategoryKind::Subject);

        let line = serde_json::to_value(record("viber", CategoryKind::Line)).expect("json");
        assert_eq!(line["kind"], "line");
        let back: CategoryRecord = serde_json::from_value(line).expect("read back");
        assert_eq!(back.kind, CategoryKind::Line);
    }
}
