//! Running a report: the finished calls of the period and regions are read
//! from the store, counted ([`super::breakdowns`]) and, in publication mode,
//! suppressed ([`super::suppression`]) before anything leaves this module.

use std::ops::Range;

use chrono::{DateTime, Utc};
use rusqlite::types::Value;
use rusqlite::Connection;

use super::breakdowns::{
    Context, Counting, RawBreakdown, RawRow, RawTotal, ReferralTarget, Targets,
};
use super::facts;
use super::labels;
use super::model::{Breakdown, Cell, Counts, Publication, Report, ReportRequest, ReportRow};
use super::suppression;
use crate::accounts::Account;
use crate::calls::{riga_day, CallDetails};
use crate::error::{Error, Result};
use crate::referrals::Directory;

/// The organisation's categories of `kind`, active ones first (the rows
/// listed even when empty), then retired ones.
fn active_first(
    connection: &Connection,
    kind: crate::categories::CategoryKind,
) -> Result<Vec<crate::categories::Category>> {
    let mut categories = crate::categories::list(connection)?;
    categories.retain(|category| category.kind == kind);
    categories.sort_by_key(|category| category.retired);
    Ok(categories)
}

/// The report for `request` as of `now`. The caller checks the role.
pub(crate) fn run(
    connection: &Connection,
    account: &Account,
    request: &ReportRequest,
    now: DateTime<Utc>,
) -> Result<Report> {
    let request = request.normalised()?;
    let context = Context {
        from: request.from,
        to: request.to,
        regions: request.regions.clone(),
        today: riga_day(now),
        subjects: active_first(connection, crate::categories::CategoryKind::Subject)?,
        lines: active_first(connection, crate::categories::CategoryKind::Line)?,
    };
    let directory = Directory {
        connection,
        account,
    };
    let targets = Targets::new(|id| {
        Ok(directory.stored_if_any(id)?.map(|stored| ReferralTarget {
            organisation: stored.input.organisation.to_localized(),
            service_types: stored.input.service_types,
        }))
    });
    let mut counting = Counting::new(&context, targets);
    facts::for_each(connection, &request, |call| counting.add(call))?;
    let (total, raw) = counting.finish();
    Ok(Report {
        from: request.from,
        to: request.to,
        regions: request.regions,
        generated_at: now,
        publication: request.publication,
        total: total_counts(&total, request.publication),
        breakdowns: raw
            .iter()
            .map(|breakdown| publish(breakdown, request.publication))
            .collect(),
    })
}

/// Finished calls that started on the period's Rīga days, in its regions,
/// oldest first. `request` must be normalised (its regions never empty).
pub(super) fn finished_calls(
    connection: &Connection,
    request: &ReportRequest,
) -> Result<Vec<CallDetails>> {
    let (values, regions) = period_values(request);
    let mut statement = connection.prepare(&format!(
        "SELECT details FROM call
         WHERE status = 'final' AND started_at >= ?1 AND started_at < ?2
           AND region IN ({regions})
         ORDER BY started_at, id"
    ))?;
    let mut rows = statement.query(rusqlite::params_from_iter(values))?;
    let mut calls = Vec::new();
    while let Some(row) = rows.next()? {
        let json: String = row.get(0)?;
        let details = serde_json::from_str(&json).map_err(|error| {
            Error::DatabaseCorrupt(format!("a stored call is not valid: {error}"))
        })?;
        calls.push(details);
    }
    Ok(calls)
}

/// The period's bounds and its regions as values, and the regions'
/// placeholders (`?3, ?4…`).
fn period_values(request: &ReportRequest) -> (Vec<Value>, String) {
    let (start, end) = request.instants();
    let mut values = vec![
        Value::Text(start.to_rfc3339()),
        Value::Text(end.to_rfc3339()),
    ];
    let regions = request.region_placeholders(&mut values);
    (values, regions)
}

fn total_counts(total: &RawTotal, publication: Option<Publication>) -> Counts {
    let column = |count: u64| match publication {
        Some(publication) => suppression::suppress(&[], count, publication.min_cell, true, &[]).1,
        None => Cell::Exact { count },
    };
    Counts {
        calls: column(total.calls),
        cases: column(total.cases),
    }
}

/// The breakdown as it may be shown: exact, or with small cells suppressed.
/// A row's cases are withheld whenever its calls are, since cases ≤ calls.
fn publish(raw: &RawBreakdown, publication: Option<Publication>) -> Breakdown {
    let calls: Vec<u64> = raw.rows.iter().map(|row| row.calls).collect();
    let cases: Vec<u64> = raw.rows.iter().map(|row| row.cases).collect();
    let ((call_cells, call_total), (case_cells, case_total)) = match publication {
        None => (
            suppression::exact(&calls, raw.calls),
            suppression::exact(&cases, raw.cases),
        ),
        Some(Publication { min_cell }) => {
            let additive = !raw.kind.multi_valued();
            let (call_cells, call_total) =
                suppression::suppress(&calls, raw.calls, min_cell, additive, &[]);
            let hidden: Vec<bool> = call_cells
                .iter()
                .map(|cell| !matches!(cell, Cell::Exact { .. }))
                .collect();
            let cases = suppression::suppress(&cases, raw.cases, min_cell, false, &hidden);
            ((call_cells, call_total), cases)
        }
    };
    let mut rows: Vec<ReportRow> = raw
        .rows
        .iter()
        .zip(call_cells.into_iter().zip(case_cells))
        .map(|(row, (calls, cases))| ReportRow {
            key: row.key.clone(),
            label: row.label.clone(),
            counts: Counts { calls, cases },
        })
        .collect();
    if let Some(found) = found_rows(&raw.rows) {
        // Largest first; hidden counts last and by key, so their order does
        // not rank them.
        rows[found].sort_by(|a, b| {
            let order = |row: &ReportRow| match row.counts.calls {
                Cell::Exact { count } => (0, u64::MAX - count),
                _ => (1, 0),
            };
            order(a).cmp(&order(b)).then_with(|| a.key.cmp(&b.key))
        });
    }
    Breakdown {
        kind: raw.kind,
        title: labels::title(raw.kind),
        note: labels::note(raw.kind),
        rows,
        total: Counts {
            calls: call_total,
            cases: case_total,
        },
    }
}

/// Rows found in the data sit together between the fixed ones.
fn found_rows(rows: &[RawRow]) -> Option<Range<usize>> {
    let start = rows.iter().position(|row| row.found)?;
    let end = rows.iter().rposition(|row| row.found)? + 1;
    Some(start..end)
}
