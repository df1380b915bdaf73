//! What a supervisor asks for and what comes back. The [`Report`] holds only
//! [`Cell`]s, never bare numbers, so in publication mode a withheld count is
//! not in the value at all and no screen, file or log can print it.

use std::fmt;

use chrono::{DateTime, Days, NaiveDate, Utc};
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::calls::{first_text_key, riga_day_start};
use crate::error::{Error, InvalidReason, Result};
use crate::i18n::Localized;
use crate::region::Region;

/// IOM's CTDC global dataset withholds counts below 11; so do we by default.
pub const DEFAULT_MIN_CELL: u32 = 11;
/// Below 3 the rule hides nothing: "<2" can only mean 1.
const MIN_MIN_CELL: u32 = 3;
const MAX_MIN_CELL: u32 = 1000;

/// The period and regions to report on, and whether the report leaves the
/// organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReportRequest {
    /// First day, in Rīga time, inclusive.
    pub from: NaiveDate,
    /// Last day, in Rīga time, inclusive.
    pub to: NaiveDate,
    /// Empty means every region.
    #[serde(default)]
    pub regions: Vec<Region>,
    /// Small-cell suppression for reports that leave the organisation; none
    /// (the default) is an internal report with every number shown.
    #[serde(default)]
    pub publication: Option<Publication>,
}

/// Publication mode: counts from 1 to `min_cell − 1` are withheld.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Publication {
    /// The smallest count that is published (k).
    pub min_cell: u32,
}

impl Default for Publication {
    fn default() -> Self {
        Self {
            min_cell: DEFAULT_MIN_CELL,
        }
    }
}

impl ReportRequest {
    /// The request with its regions sorted and deduplicated (empty becomes
    /// every region), after checking the period and k.
    pub(crate) fn normalised(&self) -> Result<Self> {
        if self.to < self.from {
            return Err(Error::invalid("to", InvalidReason::OutOfRange));
        }
        if let Some(publication) = self.publication {
            if !(MIN_MIN_CELL..=MAX_MIN_CELL).contains(&publication.min_cell) {
                return Err(Error::invalid("minCell", InvalidReason::MinCellOutOfRange));
            }
        }
        let mut regions = if self.regions.is_empty() {
            Region::ALL.to_vec()
        } else {
            self.regions.clone()
        };
        regions.sort();
        regions.dedup();
        Ok(Self {
            regions,
            ..self.clone()
        })
    }

    /// When the period's first Rīga day starts, and when the day after its
    /// last one does: a call belongs to the period when it started in
    /// between.
    pub(crate) fn instants(&self) -> (DateTime<Utc>, DateTime<Utc>) {
        let after = self.to.checked_add_days(Days::new(1)).unwrap_or(self.to);
        (riga_day_start(self.from), riga_day_start(after))
    }

    /// Placeholders for the regions, their codes added to `values` after
    /// what is there (a normalised request's list is never empty).
    /// The period's bounds as keys of `call_fact` (`calls::text_key`), the
    /// first two values of a query that reads one range of it.
    pub(crate) fn key_bounds(&self) -> Vec<Value> {
        let (start, end) = self.instants();
        vec![
            Value::Integer(first_text_key(start)),
            Value::Integer(first_text_key(end)),
        ]
    }

    pub(crate) fn region_placeholders(&self, values: &mut Vec<Value>) -> String {
        let placeholders: Vec<String> = self
            .regions
            .iter()
            .map(|region| {
                values.push(Value::Text(region.code().to_owned()));
                format!("?{}", values.len())
            })
            .collect();
        placeholders.join(", ")
    }
}

/// One number in a report as it may be shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Cell {
    Exact {
        count: u64,
    },
    /// A count from 1 to `below − 1`, shown as "<below".
    Small {
        below: u32,
    },
    /// A count withheld only so that a small one next to it cannot be worked
    /// out from the total; it is not small itself, so it is shown as "x"
    /// rather than as "<k", which would be untrue.
    Withheld,
}

impl fmt::Display for Cell {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Exact { count } => write!(f, "{count}"),
            Self::Small { below } => write!(f, "<{below}"),
            Self::Withheld => f.write_str("x"),
        }
    }
}

/// Calls, and distinct cases among them (by case reference).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Counts {
    pub calls: Cell,
    /// Distinct case references; calls without one are not counted here.
    pub cases: Cell,
}

/// What a breakdown counts calls by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum BreakdownKind {
    Month,
    Region,
    Line,
    Direction,
    Subject,
    CallerRole,
    Gender,
    AgeGroup,
    Language,
    Country,
    Risk,
    ReferralServiceType,
    ReferralOrganisation,
    /// Where the referrals stand: made, contacted, accepted…
    ReferralStatus,
    FollowUp,
    /// How calls ended.
    Outcome,
    /// The trafficking indicators observed, and calls not screened.
    TraffickingIndicator,
}

impl BreakdownKind {
    /// Every breakdown, in the order reports show them.
    pub const ALL: [Self; 17] = [
        Self::Month,
        Self::Region,
        Self::Line,
        Self::Direction,
        Self::Subject,
        Self::CallerRole,
        Self::Gender,
        Self::AgeGroup,
        Self::Language,
        Self::Country,
        Self::Risk,
        Self::ReferralServiceType,
        Self::ReferralOrganisation,
        Self::ReferralStatus,
        Self::FollowUp,
        Self::Outcome,
        Self::TraffickingIndicator,
    ];

    /// Whether a call can fall in several rows (several subjects, referrals to
    /// several services). Then each value is counted once per call, and the
    /// rows can add up to more than the total.
    pub fn multi_valued(self) -> bool {
        matches!(
            self,
            Self::Subject
                | Self::ReferralServiceType
                | Self::ReferralOrganisation
                | Self::ReferralStatus
                | Self::TraffickingIndicator
        )
    }
}

/// One row of a breakdown: a month, a region, a subject…
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReportRow {
    /// A stable code ("2026-11", "riga", "shamMarriage", "GB"; a referral
    /// organisation's name), for the UI's own labels and for machine reading.
    pub key: String,
    pub label: Localized,
    pub counts: Counts,
}

/// Calls counted by one field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Breakdown {
    pub kind: BreakdownKind,
    pub title: Localized,
    /// How the rows relate to the total, to print under the table.
    pub note: Localized,
    pub rows: Vec<ReportRow>,
    /// The calls the breakdown covers: every call in the report, or for
    /// referrals and follow-ups the calls that have one.
    pub total: Counts,
}

/// The aggregates for one period and set of regions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The regions covered, never empty.
    pub regions: Vec<Region>,
    pub generated_at: DateTime<Utc>,
    /// Set when small counts are withheld, with which k; none for an
    /// internal report.
    pub publication: Option<Publication>,
    /// Finished calls that started in the period, in the regions.
    pub total: Counts,
    pub breakdowns: Vec<Breakdown>,
}
