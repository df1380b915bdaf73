//! Counting calls into breakdowns, before anything is suppressed: the facts
//! of each finished call ([`super::facts`]) go in one at a time, raw counts
//! come out, so a year of calls is counted in one pass without keeping them.
//!
//! Every breakdown counts calls and, next to them, distinct cases (case
//! references). A multi-valued field (subjects, the services and
//! organisations a call referred to) counts each value once per call: a call
//! about sham marriage and forced labour is one call under each subject, so
//! the rows can add up to more than the total.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDate};
use fixedbitset::FixedBitSet;
use rustc_hash::FxHashMap;
use uuid::Uuid;

use super::facts::CallFacts;
use super::labels;
use super::model::BreakdownKind;
use crate::calls::{countries, riga_day, riga_day_start, ReferralStatus};
use crate::categories::Category;
use crate::codes::code_of;
use crate::error::Result;
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

/// The directory entries calls referred to, read from the directory the
/// first time a call names each one (a year names a few hundred of a
/// directory that may hold many thousands).
pub(crate) struct Targets<Load> {
    known: HashMap<String, Option<ReferralTarget>>,
    load: Load,
}

impl<Load: FnMut(Uuid) -> Result<Option<ReferralTarget>>> Targets<Load> {
    pub fn new(load: Load) -> Self {
        Self {
            known: HashMap::new(),
            load,
        }
    }

    fn learn(&mut self, entry: &str) -> Result<()> {
        if !self.known.contains_key(entry) {
            // A link that is not an id names no entry, like a deleted one.
            let target = match Uuid::parse_str(entry) {
                Ok(id) => (self.load)(id)?,
                Err(_) => None,
            };
            self.known.insert(entry.to_owned(), target);
        }
        Ok(())
    }
}

impl<Load> Targets<Load> {
    fn get(&self, entry: Option<&str>) -> Option<&ReferralTarget> {
        entry.and_then(|entry| self.known.get(entry)?.as_ref())
    }
}

/// The report's total and every breakdown, counted call by call.
pub(crate) struct Counting<'c, Load> {
    context: &'c Context,
    targets: Targets<Load>,
    /// Case references numbered as they are met, so tallies hold numbers.
    cases: FxHashMap<String, u32>,
    /// When each month of the period starts, in milliseconds.
    month_starts: Vec<i64>,
    /// The code of a referral logged before statuses were kept: made.
    referral_made: String,
    total: Tally,
    counters: Vec<Counter>,
}

impl<'c, Load: FnMut(Uuid) -> Result<Option<ReferralTarget>>> Counting<'c, Load> {
    pub fn new(context: &'c Context, targets: Targets<Load>) -> Self {
        Self {
            context,
            targets,
            cases: FxHashMap::default(),
            month_starts: months(context.from, context.to)
                .map(|(year, month)| {
                    let first = NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(context.from);
                    riga_day_start(first).timestamp_millis()
                })
                .collect(),
            referral_made: code_of(&ReferralStatus::Made),
            total: Tally::default(),
            counters: BreakdownKind::ALL
                .into_iter()
                .map(|kind| Counter::new(kind, context))
                .collect(),
        }
    }

    /// Counts one call in the total and in every breakdown.
    pub fn add(&mut self, call: &CallFacts<'_>) -> Result<()> {
        for referral in call.referrals() {
            if let Some(entry) = referral.entry {
                self.targets.learn(entry)?;
            }
        }
        let case = call.case_ref.map(|reference| {
            let next = u32::try_from(self.cases.len()).unwrap_or(u32::MAX);
            match self.cases.get(reference) {
                Some(number) => *number,
                None => {
                    self.cases.insert(reference.to_owned(), next);
                    next
                }
            }
        });
        let call = Call {
            facts: call,
            month: self
                .month_starts
                .partition_point(|start| *start <= call.started_ms)
                .checked_sub(1),
            follow_up: call.follow_up()?,
        };
        let within = Within {
            context: self.context,
            targets: &self.targets,
            referral_made: &self.referral_made,
        };
        self.total.add(case);
        let mut keys = Vec::new();
        for counter in &mut self.counters {
            keys.clear();
            keys_of(counter, &call, &within, &mut keys);
            counter.add(&keys, case);
        }
        Ok(())
    }

    pub fn finish(self) -> (RawTotal, Vec<RawBreakdown>) {
        let total = RawTotal {
            calls: self.total.calls,
            cases: self.total.distinct_cases,
        };
        let within = Within {
            context: self.context,
            targets: &self.targets,
            referral_made: &self.referral_made,
        };
        let breakdowns = self
            .counters
            .into_iter()
            .map(|counter| counter.finish(&within))
            .collect();
        (total, breakdowns)
    }
}

/// A call as breakdowns place it: its facts, the index of the period's month
/// it started in, and its follow-up read.
struct Call<'f, 'a> {
    facts: &'f CallFacts<'a>,
    month: Option<usize>,
    follow_up: Option<(NaiveDate, Option<chrono::DateTime<chrono::Utc>>)>,
}

/// What placing a call reads besides the call.
struct Within<'w, Load> {
    context: &'w Context,
    targets: &'w Targets<Load>,
    referral_made: &'w str,
}

/// Calls and their distinct cases. Cases are numbered densely as a report
/// meets them, so each row's set is a bit per case: a year adds a case to
/// some twenty rows per call, and setting a bit costs nothing next to
/// hashing into a set that keeps growing.
#[derive(Debug, Default)]
struct Tally {
    calls: u64,
    cases: FixedBitSet,
    distinct_cases: u64,
}

impl Tally {
    fn add(&mut self, case: Option<u32>) {
        self.calls += 1;
        if let Some(case) = case {
            let case = case as usize;
            if case >= self.cases.len() {
                self.cases.grow((case + 1).next_power_of_two());
            }
            if !self.cases.put(case) {
                self.distinct_cases += 1;
            }
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
struct Counter {
    kind: BreakdownKind,
    rows: Vec<FixedRow>,
    always: usize,
    fixed: Vec<Tally>,
    found: BTreeMap<String, Tally>,
    total: Tally,
}

impl Counter {
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

    /// Counts a call once in the total and once in each row it falls in
    /// (`keys`); a call in no row (no referral, no follow-up) is not in this
    /// breakdown.
    fn add(&mut self, keys: &[Key<'_>], case: Option<u32>) {
        if keys.is_empty() {
            return;
        }
        self.total.add(case);
        for key in keys {
            match key {
                Key::Row(index) => {
                    if let Some(tally) = self.fixed.get_mut(*index) {
                        tally.add(case);
                    }
                }
                Key::Found(name) => match self.found.get_mut(*name) {
                    Some(tally) => tally.add(case),
                    None => {
                        let mut tally = Tally::default();
                        tally.add(case);
                        self.found.insert((*name).to_owned(), tally);
                    }
                },
            }
        }
    }

    fn finish<Load>(self, within: &Within<'_, Load>) -> RawBreakdown {
        let row = |key: String, label: Localized, tally: &Tally, found: bool| RawRow {
            key,
            label,
            calls: tally.calls,
            cases: tally.distinct_cases,
            found,
        };
        let mut rows = Vec::new();
        let mut fixed = self.rows.into_iter().zip(&self.fixed);
        for ((key, label), tally) in fixed.by_ref().take(self.always) {
            rows.push(row(key, label, tally, false));
        }
        for (name, tally) in &self.found {
            let label = found_label(self.kind, name, within);
            rows.push(row(name.clone(), label, tally, true));
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
            cases: self.total.distinct_cases,
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
        BreakdownKind::TraffickingIndicator => {
            let mut rows = of(
                &labels::TRAFFICKING_INDICATORS,
                labels::trafficking_indicator,
            );
            rows.push(named(labels::NONE_OBSERVED));
            rows.push(named(labels::NOT_SCREENED));
            (rows, Vec::new())
        }
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
        (category.code.code().to_owned(), names.to_localized())
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
fn category_key<'a>(categories: &[Category], code: &'a str) -> Key<'a> {
    match categories
        .iter()
        .position(|category| category.code.code() == code)
    {
        Some(index) => Key::Row(index),
        None => Key::Found(code),
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

/// The index of the row keyed `code` among the first `known` rows; an
/// empty optional field goes in the row after them ("not recorded").
fn position_of(code: Option<&str>, rows: &[FixedRow], known: usize) -> usize {
    code.and_then(|code| rows[..known].iter().position(|(key, _)| key == code))
        .unwrap_or(known)
}

/// The index of `value` in `all`; a value not there goes in the row after
/// them.
fn position<T: PartialEq>(value: T, all: &[T]) -> usize {
    all.iter()
        .position(|known| *known == value)
        .unwrap_or(all.len())
}

fn keys_of<'a, Load>(
    counter: &Counter,
    call: &Call<'_, 'a>,
    within: &Within<'a, Load>,
    keys: &mut Vec<Key<'a>>,
) {
    let mut push = |key: Key<'a>| {
        if !keys.contains(&key) {
            keys.push(key);
        }
    };
    let context = within.context;
    let facts = call.facts;
    let fixed = |code: Option<&str>| Key::Row(position_of(code, &counter.rows, counter.always));
    match counter.kind {
        BreakdownKind::Month => {
            if let Some(month) = call.month {
                push(Key::Row(month));
            }
        }
        BreakdownKind::Region => {
            if let Some(index) = context
                .regions
                .iter()
                .position(|r| r.code() == facts.region)
            {
                push(Key::Row(index));
            }
        }
        BreakdownKind::Line => push(match facts.line {
            Some(line) => category_key(&context.lines, line),
            None => Key::Row(context.lines.len()),
        }),
        BreakdownKind::Direction => push(fixed(facts.direction)),
        BreakdownKind::Subject => {
            for subject in facts.subjects() {
                push(category_key(&context.subjects, subject));
            }
        }
        BreakdownKind::CallerRole => push(fixed(facts.caller_role)),
        BreakdownKind::Gender => push(fixed(facts.gender)),
        BreakdownKind::AgeGroup => push(fixed(facts.age_group)),
        BreakdownKind::Language => push(fixed(facts.language)),
        BreakdownKind::Country => push(match facts.country {
            Some(code) => Key::Found(code),
            None => Key::Row(0),
        }),
        BreakdownKind::Risk => push(fixed(facts.risk)),
        BreakdownKind::ReferralServiceType => {
            for referral in facts.referrals() {
                match within.targets.get(referral.entry) {
                    Some(target) => {
                        for kind in &target.service_types {
                            push(Key::Row(position(*kind, &ServiceType::ALL)));
                        }
                    }
                    None => push(Key::Row(ServiceType::ALL.len())),
                }
            }
        }
        BreakdownKind::ReferralOrganisation => {
            for referral in facts.referrals() {
                push(match within.targets.get(referral.entry) {
                    Some(target) => Key::Found(target.organisation.lv.as_ref()),
                    None => Key::Row(0),
                });
            }
        }
        BreakdownKind::ReferralStatus => {
            for referral in facts.referrals() {
                // A referral logged before statuses were kept reads as made.
                push(fixed(Some(referral.status.unwrap_or(within.referral_made))));
            }
        }
        BreakdownKind::Outcome => push(fixed(facts.outcome)),
        BreakdownKind::TraffickingIndicator => match facts.indicators {
            None => push(fixed(Some(labels::NOT_SCREENED.0))),
            Some("") => push(fixed(Some(labels::NONE_OBSERVED.0))),
            Some(codes) => {
                for code in codes.split_ascii_whitespace() {
                    push(fixed(Some(code)));
                }
            }
        },
        BreakdownKind::FollowUp => {
            if let Some((due, done_at)) = call.follow_up {
                let key = match done_at.map(riga_day) {
                    Some(done) if done <= due => labels::FOLLOW_UP_DONE_ON_TIME,
                    Some(_) => labels::FOLLOW_UP_DONE_LATE,
                    None if due < context.today => labels::FOLLOW_UP_OVERDUE,
                    None => labels::FOLLOW_UP_OPEN,
                };
                push(fixed(Some(key)));
            }
        }
    }
}

/// Countries are labelled by name with their ISO code in parentheses
/// ([`countries::label`]; the UI names them itself from the key);
/// organisations by their name in the directory.
fn found_label<Load>(kind: BreakdownKind, name: &str, within: &Within<'_, Load>) -> Localized {
    if kind == BreakdownKind::Country {
        return countries::label(name);
    }
    let organisation = (kind == BreakdownKind::ReferralOrganisation)
        .then(|| {
            within
                .targets
                .known
                .values()
                .flatten()
                .find(|target| target.organisation.lv == name)
                .map(|target| target.organisation.clone())
        })
        .flatten();
    organisation.unwrap_or_else(|| Localized::untranslated(name))
}

#[cfg(test)]
mod tests {
    use super::Tally;

    #[test]
    fn a_tally_counts_each_case_once_across_its_bits_words() {
        let mut tally = Tally::default();
        for case in [
            Some(0),
            Some(63),
            Some(64),
            None,
            Some(1000),
            Some(64),
            Some(0),
        ] {
            tally.add(case);
        }
        assert_eq!(tally.calls, 7);
        assert_eq!(tally.distinct_cases, 4);
    }
}
