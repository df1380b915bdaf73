//! Reading typed values out of rows: a stored value that does not read is a
//! conversion error naming its column, never a panic.

use chrono::{DateTime, Utc};
use rusqlite::Row;
use uuid::Uuid;

pub(crate) fn parse_uuid(row: &Row<'_>, index: usize) -> rusqlite::Result<Uuid> {
    let text: String = row.get(index)?;
    Uuid::parse_str(&text).map_err(|_| bad_column(index, "uuid"))
}

pub(crate) fn parse_time(row: &Row<'_>, index: usize) -> rusqlite::Result<DateTime<Utc>> {
    let text: String = row.get(index)?;
    DateTime::parse_from_rfc3339(&text)
        .map(|time| time.with_timezone(&Utc))
        .map_err(|_| bad_column(index, "timestamp"))
}

pub(crate) fn parse_optional_time(
    row: &Row<'_>,
    index: usize,
) -> rusqlite::Result<Option<DateTime<Utc>>> {
    let text: Option<String> = row.get(index)?;
    text.map(|text| {
        DateTime::parse_from_rfc3339(&text)
            .map(|time| time.with_timezone(&Utc))
            .map_err(|_| bad_column(index, "timestamp"))
    })
    .transpose()
}

pub(crate) fn bad_column(index: usize, what: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        index,
        rusqlite::types::Type::Text,
        format!("stored {what} is not valid").into(),
    )
}
