//! Counting calls into breakdowns, before anything is suppressed. Pure: the
//! calls and the directory come in, raw counts go out, so the rules for what
//! counts where are tested without a database.
//!
//! Every breakdown counts calls and, next to them, distinct cases (case
//! references). A multi-valued field (subjects, the services and
//! organisations a call referred to) counts each value once per call: a call
//! about sham marriage and forced labour is one call under each subject, so
//! the rows can add up to more than the total.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{Datelike, NaiveDate};
use uuid::Uuid;

use super::labels;
use super::model::BreakdownKind;
use crate::calls::{countries, riga_day, CallDetails, ReferralStatus};
use crate::categories::{Category, CategoryCode};
use crate::codes::code_of;
use crate::i18n::Localized;
use crate::referrals::ServiceType;
use crate::region::Region;

/// A directory entry as referral breakdowns see it.
#[derive(Debug, Clone)]
pub(crate) struct ReferralTarget {
    pub organisation: Localized,
    pub service_types: Vec<ServiceType>,
}

/// What counting needs besides the calls.
#[derive(Debug)]
pub(crate) struct Context {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub regions: Vec<Region>,
    /// The Rīga day the report is made: open follow-ups due before it are overdue.
    pub today: NaiveDate,
    pub directory: HashMap<Uuid, ReferralTarget>,
    /// The organisation's call subjects, active ones first.
    pub subjects: Vec<Category>,
    /// The organisation's lines and channels, active ones first.
    pub lines: Vec<Category>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RawRow {
    pub key: String,
    pub label: Localized,
    pub calls: u64,
    pub cases: u64,
    /// Rows found in the data (countries, organisations) rather than fixed
    /// ones; they are listed by size.
    pub found: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RawBreakdown {
    pub kind: BreakdownKind,
    pub rows: Vec<RawRow>,
    pub calls: u64,
    pub cases: u64,
}

/// Calls and distinct cases of the whole report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RawTotal {
    pub calls: u64,
    pub cases: u64,
}

/// The report's total and every breakdown.
pub(crate) fn count(calls: &[CallDetails], context: &Context) -> (RawTotal, Vec<RawBreakdown>) {
    let mut total = Tally::default();
    for call in calls {
        total.add(call);
    }
    let total = RawTotal {
        calls: total.calls,
        cases: total.cases.len() as u64,
    };
    let breakdowns = BreakdownKind::ALL
        .into_iter()
        .map(|kind| {
            let mut counter = Counter::new(kind, context);
            let mut keys = Vec::new();
            for call in calls {
                counter.add(call, context, &mut keys);
            }
            counter.finish(context)
        })
        .collect();
    (total, breakdowns)
}

#[derive(Debug, Default)]
struct Tally<'a> {
    calls: u64,
    cases: HashSet<&'a str>,
}

impl<'a> Tally<'a> {
    fn add(&mut self, call: &'a CallDetails) {
        self.calls += 1;
        // An anonymised call counts by what it kept of its case reference.
        if let Some(reference) = call.case_ref.as_deref().or(call.case_key.as_deref()) {
            self.cases.insert(reference);
        }
    }
}

/// Where one call goes in a breakdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Key<'a> {
    /// A fixed row, by index.
    Row(usize),
    /// A row found in the data.
    Found(&'a str),
}

/// The tallies of one breakdown: fixed rows (the first `always` of them are
/// listed even when empty, the rest only when not), and rows found in the data.
struct Counter<'a> {
    kind: BreakdownKind,
    rows: Vec<FixedRow>,
    always: usize,
    fixed: Vec<Tally<'a>>,
    found: BTreeMap<&'a str, Tally<'a>>,
    total: Tally<'a>,
}

impl<'a> Counter<'a> {
    fn new(kind: BreakdownKind, context: &Context) -> Self {
        let (always, optional) = fixed_rows(kind, context);
        let count = always.len();
        let rows: Vec<_> = always.into_iter().chain(optional).collect();
        Self {
            kind,
            fixed: rows.iter().map(|_| Tally::default()).collect(),
            rows,
            always: count,
            found: BTreeMap::new(),
            total: Tally::default(),
        }
    }

    /// Counts `call` once in the total and once in each row it falls in; a
    /// call in no row (no referral, no follow-up) is not in this breakdown.
    fn add(&mut self, call: &'a CallDetails, context: &'a Context, keys: &mut Vec<Key<'a>>) {
        keys.clear();
        keys_of(self.kind, call, context, keys);
        if keys.is_empty() {
            return;
        }
        self.total.add(call);
        for key in keys.iter() {
            match key {
                Key::Row(index) => self.fixed[*index].add(call),
                Key::Found(name) => self.found.entry(name).or_default().add(call),
            }
        }
    }

    fn finish(self, context: &Context) -> RawBreakdown {
        let row = |key: String, label: Localized, tally: &Tally<'_>, found: bool| RawRow {
            key,
            label,
            calls: tally.calls,
            cases: tally.cases.len() as u64,
            found,
        };
        let mut rows = Vec::new();
        let mut fixed = self.rows.into_iter().zip(&self.fixed);
        for ((key, label), tally) in fixed.by_ref().take(self.always) {
            rows.push(row(key, label, tally, false));
        }
        for (name, tally) in &self.found {
            let label = found_label(self.kind, name, context);
            rows.push(row((*name).to_owned(), label, tally, true));
        }
        for ((key, label), tally) in fixed {
            if tally.calls > 0 {
                rows.push(row(key, label, tally, false));
            }
        }
        RawBreakdown {
            kind: self.kind,
            rows,
            calls: self.total.calls,
            cases: self.total.cases.len() as u64,
        }
    }
}

/// A fixed row's key and label.
type FixedRow = (String, Localized);

/// The rows listed even when empty, and those listed only when not.
fn fixed_rows(kind: BreakdownKind, context: &Context) -> (Vec<FixedRow>, Vec<FixedRow>) {
    fn of<T: serde::Serialize + Copy>(values: &[T], label: fn(T) -> Localized) -> Vec<FixedRow> {
        values
            .iter()
            .map(|value| (code_of(value), label(*value)))
            .collect()
    }
    let not_recorded = || vec![named(labels::NOT_RECORDED)];
    let not_in_directory = || vec![named(labels::NOT_IN_DIRECTORY)];
    match kind {
        BreakdownKind::Month => (
            months(context.from, context.to)
                .map(|(year, month)| (format!("{year}-{month:02}"), labels::month(year, month)))
                .collect(),
            Vec::new(),
        ),
        BreakdownKind::Region => (
            context
                .regions
                .iter()
                .map(|region| (region.code().to_owned(), crate::region::label(*region)))
                .collect(),
            Vec::new(),
        ),
        BreakdownKind::Line => {
            let (active, mut retired) = category_rows(&context.lines);
            retired.extend(not_recorded());
            (active, retired)
        }
        BreakdownKind::Direction => (of(&labels::DIRECTIONS, labels::direction), Vec::new()),
        BreakdownKind::Subject => category_rows(&context.subjects),
        BreakdownKind::CallerRole => (
            of(&labels::CALLER_ROLES, labels::caller_role),
            not_recorded(),
        ),
        BreakdownKind::Gender => (of(&labels::GENDERS, labels::gender), not_recorded()),
        BreakdownKind::AgeGroup => (of(&labels::AGE_GROUPS, labels::age_group), not_recorded()),
        BreakdownKind::Language => (of(&labels::LANGUAGES, labels::language), not_recorded()),
        BreakdownKind::Country => (Vec::new(), not_recorded()),
        BreakdownKind::Risk => (of(&labels::RISK_LEVELS, labels::risk), not_recorded()),
        BreakdownKind::ReferralServiceType => (
            of(&ServiceType::ALL, labels::service_type),
            not_in_directory(),
        ),
        BreakdownKind::ReferralOrganisation => (Vec::new(), not_in_directory()),
        BreakdownKind::ReferralStatus => (
            of(&labels::REFERRAL_STATUSES, labels::referral_status),
            Vec::new(),
        ),
        BreakdownKind::Outcome => (of(&labels::OUTCOMES, labels::outcome), not_recorded()),
        BreakdownKind::FollowUp => (
            labels::follow_up_rows()
                .into_iter()
                .map(|(key, label)| (key.to_owned(), label))
                .collect(),
            Vec::new(),
        ),
    }
}

/// The rows of categories listed active first: the active ones always, the
/// retired ones when calls name them.
fn category_rows(categories: &[Category]) -> (Vec<FixedRow>, Vec<FixedRow>) {
    let row = |category: &Category| {
        let names = &category.names;
        (
            category.code.code().to_owned(),
            Localized::owned(names.lv.clone(), names.en.clone()),
        )
    };
    let (active, retired): (Vec<&Category>, Vec<&Category>) =
        categories.iter().partition(|category| !category.retired);
    (
        active.into_iter().map(row).collect(),
        retired.into_iter().map(row).collect(),
    )
}

/// The row of the category `code` names; a code no category has yet (its
/// record not received) is a row of its own.
fn category_key<'a>(categories: &[Category], code: &'a CategoryCode) -> Key<'a> {
    match categories
        .iter()
        .position(|category| category.code == *code)
    {
        Some(index) => Key::Row(index),
        None => Key::Found(code.code()),
    }
}

fn named((key, label): (&str, Localized)) -> FixedRow {
    (key.to_owned(), label)
}

/// Every (year, month) from `from`'s month to `to`'s, in order.
fn months(from: NaiveDate, to: NaiveDate) -> impl Iterator<Item = (i32, u32)> {
    (month_number(from)..=month_number(to))
        .map(|month| (month.div_euclid(12), month.rem_euclid(12) as u32 + 1))
}

/// Months since year 0, so that months subtract.
fn month_number(day: NaiveDate) -> i32 {
    day.year() * 12 + day.month0() as i32
}

/// The index of `value` in `all`; an empty optional field goes in the row
/// after them ("not recorded").
fn position<T: PartialEq>(value: Option<T>, all: &[T]) -> usize {
    value
        .and_then(|value| all.iter().position(|known| *known == value))
        .unwrap_or(all.len())
}

fn keys_of<'a>(
    kind: BreakdownKind,
    call: &'a CallDetails,
    context: &'a Context,
    keys: &mut Vec<Key<'a>>,
) {
    let mut push = |key: Key<'a>| {
        if !keys.contains(&key) {
            keys.push(key);
        }
    };
    match kind {
        BreakdownKind::Month => {
            let offset = month_number(riga_day(call.started_at)) - month_number(context.from);
            if let Ok(offset) = usize::try_from(offset) {
                push(Key::Row(offset));
            }
        }
        BreakdownKind::Region => {
            if let Some(index) = context.regions.iter().position(|r| *r == call.region) {
                push(Key::Row(index));
            }
        }
        BreakdownKind::Line => push(match &call.line {
            Some(line) => category_key(&context.lines, line.category_code()),
            None => Key::Row(context.lines.len()),
        }),
        BreakdownKind::Direction => push(Key::Row(position(
            Some(call.direction),
            &labels::DIRECTIONS,
        ))),
        BreakdownKind::Subject => {
            for subject in &call.subjects {
                push(category_key(&context.subjects, subject.category_code()));
            }
        }
        BreakdownKind::CallerRole => {
            push(Key::Row(position(call.caller_role, &labels::CALLER_ROLES)))
        }
        BreakdownKind::Gender => push(Key::Row(position(call.gender, &labels::GENDERS))),
        BreakdownKind::AgeGroup => push(Key::Row(position(call.age_group, &labels::AGE_GROUPS))),
        BreakdownKind::Language => push(Key::Row(position(call.language, &labels::LANGUAGES))),
        BreakdownKind::Country => push(match call.country.as_deref() {
            Some(code) => Key::Found(code),
            None => Key::Row(0),
        }),
        BreakdownKind::Risk => push(Key::Row(position(call.risk, &labels::RISK_LEVELS))),
        BreakdownKind::ReferralServiceType => {
            for referral in &call.referrals {
                match target(referral.entry_id, context) {
                    Some(target) => {
                        for kind in &target.service_types {
                            push(Key::Row(position(Some(*kind), &ServiceType::ALL)));
                        }
                    }
                    None => push(Key::Row(ServiceType::ALL.len())),
                }
            }
        }
        BreakdownKind::ReferralOrganisation => {
            for referral in &call.referrals {
                push(match target(referral.entry_id, context) {
                    Some(target) => Key::Found(target.organisation.lv.as_ref()),
                    None => Key::Row(0),
                });
            }
        }
        BreakdownKind::ReferralStatus => {
            for referral in &call.referrals {
                // A referral logged before statuses were kept reads as made.
                let status = referral.status.unwrap_or(ReferralStatus::Made);
                push(Key::Row(position(Some(status), &labels::REFERRAL_STATUSES)));
            }
        }
        BreakdownKind::Outcome => push(Key::Row(position(call.outcome, &labels::OUTCOMES))),
        BreakdownKind::FollowUp => {
            if let Some(follow_up) = &call.follow_up {
                let key = match follow_up.done_at.map(riga_day) {
                    Some(done) if done <= follow_up.due => labels::FOLLOW_UP_DONE_ON_TIME,
                    Some(_) => labels::FOLLOW_UP_DONE_LATE,
                    None if follow_up.due < context.today => labels::FOLLOW_UP_OVERDUE,
                    None => labels::FOLLOW_UP_OPEN,
                };
                let index = labels::follow_up_rows()
                    .iter()
                    .position(|(row, _)| *row == key)
                    .unwrap_or_default();
                push(Key::Row(index));
            }
        }
    }
}

fn target(entry: Option<Uuid>, context: &Context) -> Option<&ReferralTarget> {
    entry.and_then(|id| context.directory.get(&id))
}

/// Countries are labelled by name with their ISO code in parentheses
/// ([`countries::label`]; the UI names them itself from the key);
/// organisations by their name in the directory.
fn found_label(kind: BreakdownKind, name: &str, context: &Context) -> Localized {
    if kind == BreakdownKind::Country {
        return countries::label(name);
    }
    let organisation = (kind == BreakdownKind::ReferralOrganisation)
        .then(|| {
            context
                .directory
                .values()
                .find(|target| target.organisation.lv == name)
                .map(|target| target.organisation.clone())
        })
        .flatten();
    organisation.unwrap_or_else(|| Localized::owned(name.to_owned(), name.to_owned()))
}
