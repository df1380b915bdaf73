//! From calls to CTDC case records: which calls make a case, and how the
//! hotline's fields map onto the Human Trafficking Case Data Standard's
//! values. `docs/ctdc-mapping.md` is the table a reader checks; this is the
//! code that follows it.
//!
//! Only calls from the person at risk or the victim count: the gender and
//! age group of a call describe its caller, so a relative's or a
//! professional's call would put their age and gender into a victim's
//! record. A case is the calls sharing a case reference (a call without one
//! is a case of its own) with at least one exploitation subject.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::Datelike;

use crate::calls::{
    countries, riga_day, AgeGroup, CallDetails, CallerRole, Gender, TraffickingIndicator,
};
use crate::categories::{CategoryCode, CtdcExploitation};
use crate::error::Result;
use crate::progress::{WorkProgress, WorkUnit, WorkWatcher};

/// What CTDC files write for a value that is not known, or generalised away.
pub(super) const UNKNOWN: &str = "unknown";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) enum Majority {
    Adult,
    Minor,
}

/// The age quasi-identifier, covering both `ageBroad` and `majorityStatus`
/// (one is derived from the other, so they are generalised together).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) enum Age {
    /// A CTDC `ageBroad` band ("48+"), with the majority status it implies.
    Band(&'static str, Majority),
    /// Adult or minor, when no CTDC band holds the age group.
    Majority(Majority),
    Unknown,
}

impl Age {
    /// The hotline's age group in CTDC terms. CTDC's bands (0–8, 9–17, 18–20,
    /// 21–23, 24–26, 27–29, 30–38, 39–47, 48+) are narrower than ours, and
    /// only 50–64 and 65+ fall wholly inside one of them (48+); the others
    /// keep only whether the person is an adult or a minor.
    pub fn of(group: AgeGroup) -> Self {
        match group {
            AgeGroup::Under18 => Self::Majority(Majority::Minor),
            AgeGroup::From18To24 | AgeGroup::From25To34 | AgeGroup::From35To49 => {
                Self::Majority(Majority::Adult)
            }
            AgeGroup::From50To64 | AgeGroup::From65 => Self::Band("48+", Majority::Adult),
            AgeGroup::Unknown => Self::Unknown,
        }
    }

    /// The `ageBroad` column.
    pub fn broad(self) -> &'static str {
        match self {
            Self::Band(band, _) => band,
            Self::Majority(_) | Self::Unknown => UNKNOWN,
        }
    }

    /// The `majorityStatus` column.
    pub fn majority(self) -> &'static str {
        match self {
            Self::Band(_, majority) | Self::Majority(majority) => match majority {
                Majority::Adult => "Adult",
                Majority::Minor => "Minor",
            },
            Self::Unknown => UNKNOWN,
        }
    }
}

/// UN M49 regions, the step between a country and "unknown".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) enum Continent {
    Africa,
    Americas,
    Asia,
    Europe,
    Oceania,
}

impl Continent {
    const ALL: [(Self, &'static str); 5] = [
        (
            Self::Africa,
            "AO BF BI BJ BW CD CF CG CI CM CV DJ DZ EG EH ER ET GA GH GM GN GQ GW IO KE KM LR LS LY \
             MA MG ML MR MU MW MZ NA NE NG RE RW SC SD SH SL SN SO SS ST SZ TD TF TG TN TZ UG YT ZA \
             ZM ZW",
        ),
        (
            Self::Americas,
            "AG AI AR AW BB BL BM BO BQ BR BS BV BZ CA CL CO CR CU CW DM DO EC FK GD GF GL GP GS GT \
             GY HN HT JM KN KY LC MF MQ MS MX NI PA PE PM PR PY SR SV SX TC TT US UY VC VE VG VI",
        ),
        (
            Self::Asia,
            "AE AF AM AZ BD BH BN BT CN CY GE HK ID IL IN IQ IR JO JP KG KH KP KR KW KZ LA LB LK MM \
             MN MO MV MY NP OM PH PK PS QA SA SG SY TH TJ TL TM TR TW UZ VN YE",
        ),
        (
            Self::Europe,
            "AD AL AT AX BA BE BG BY CH CZ DE DK EE ES FI FO FR GB GG GI GR HR HU IE IM IS IT JE LI \
             LT LU LV MC MD ME MK MT NL NO PL PT RO RS RU SE SI SJ SK SM UA VA",
        ),
        (
            Self::Oceania,
            "AS AU CC CK CX FJ FM GU HM KI MH MP NC NF NR NU NZ PF PG PN PW SB TK TO TV UM VU WF WS",
        ),
    ];

    /// The M49 region of an ISO 3166-1 code; none for Antarctica, which M49
    /// places in no region.
    pub fn of(code: &str) -> Option<Self> {
        Self::ALL
            .iter()
            .find(|(_, codes)| codes.split_whitespace().any(|known| known == code))
            .map(|(continent, _)| *continent)
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Africa => "Africa",
            Self::Americas => "Americas",
            Self::Asia => "Asia",
            Self::Europe => "Europe",
            Self::Oceania => "Oceania",
        }
    }
}

/// The country-of-exploitation quasi-identifier.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) enum Place {
    /// ISO 3166-1 alpha-2.
    Country(String),
    Region(Continent),
    Unknown,
}

impl Place {
    /// The `CountryOfExploitation` column: a code, a region's name or "unknown".
    pub fn text(&self) -> &str {
        match self {
            Self::Country(code) => code,
            Self::Region(continent) => continent.name(),
            Self::Unknown => UNKNOWN,
        }
    }
}

/// A value with more general versions of itself: level 0 is the most
/// specific, [`Generalise::TOP`] ("unknown") the most general.
pub(super) trait Generalise: Sized + PartialEq {
    const TOP: u8 = 2;
    fn level(&self) -> u8;
    /// One step more general; the top stays where it is.
    fn coarser(&self) -> Self;

    /// This value made at least as general as `level`.
    fn at_least(self, level: u8) -> Self {
        let mut value = self;
        while value.level() < level.min(Self::TOP) {
            value = value.coarser();
        }
        value
    }

    /// The most specific value that both generalise to.
    fn join(self, other: Self) -> Self {
        let (mut a, mut b) = (self, other);
        while a != b {
            let level = a.level().min(b.level()) + 1;
            (a, b) = (a.at_least(level), b.at_least(level));
        }
        a
    }
}

impl Generalise for Age {
    /// 0 for a band, 1 for adult/minor, 2 for unknown.
    fn level(&self) -> u8 {
        match self {
            Self::Band(..) => 0,
            Self::Majority(_) => 1,
            Self::Unknown => 2,
        }
    }

    fn coarser(&self) -> Self {
        match *self {
            Self::Band(_, majority) => Self::Majority(majority),
            Self::Majority(_) | Self::Unknown => Self::Unknown,
        }
    }
}

impl Generalise for Place {
    /// 0 for a country, 1 for a region, 2 for unknown.
    fn level(&self) -> u8 {
        match self {
            Self::Country(_) => 0,
            Self::Region(_) => 1,
            Self::Unknown => 2,
        }
    }

    fn coarser(&self) -> Self {
        match self {
            Self::Country(code) => Continent::of(code).map_or(Self::Unknown, Self::Region),
            Self::Region(_) | Self::Unknown => Self::Unknown,
        }
    }
}

/// The HTCDS exploitation types a case's subjects give. Forced marriage,
/// forced military service, organ removal and slavery have no subject of
/// their own in the hotline's form, so their flags are always 0.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) struct Exploitation {
    pub forced_labour: bool,
    pub sexual: bool,
    pub other: bool,
}

impl Exploitation {
    /// Adds one subject's type, as its category maps it. In the starter set
    /// sham marriage is "other": HTCDS's forced marriage is a marriage
    /// without free consent, while a sham marriage is a marriage of
    /// convenience the person may have agreed to, exploited afterwards (and
    /// then often also recorded as sexual exploitation or forced labour).
    /// Forced begging and crime are forced labour, as CTDC's
    /// `typeOfLabourBegging` and `typeOfLabourIllicitActivities` file them.
    /// Job-offer, agency and working-condition questions and "other" are
    /// advice, not exploitation.
    fn add(&mut self, kind: CtdcExploitation) {
        match kind {
            CtdcExploitation::Other => self.other = true,
            CtdcExploitation::Sexual => self.sexual = true,
            CtdcExploitation::ForcedLabour => self.forced_labour = true,
            CtdcExploitation::None => {}
        }
    }

    pub fn any(self) -> bool {
        self.forced_labour || self.sexual || self.other
    }

    /// `isSexAndLabour`: both sexual exploitation and forced labour.
    pub fn sex_and_labour(self) -> bool {
        self.sexual && self.forced_labour
    }

    /// `typeOfExploitConcatenated`: the set flags' names, "; "-separated.
    pub fn concatenated(self) -> String {
        [
            (self.forced_labour, "Forced labour"),
            (self.sexual, "Sexual exploitation"),
            (self.other, "Other"),
        ]
        .iter()
        .filter(|(set, _)| *set)
        .map(|(_, name)| *name)
        .collect::<Vec<_>>()
        .join("; ")
    }
}

/// The HTCDS means of control a case's trafficking-indicator screening
/// shows: the indicator groups observed in any of its calls, or "not
/// specified" when none of its calls was screened.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) struct MeansOfControl {
    pub screened: bool,
    pub observed: BTreeSet<TraffickingIndicator>,
}

/// A `meansOfControl…` column and the indicator groups that set it.
pub(super) type MeansColumn = (&'static str, &'static str, &'static [TraffickingIndicator]);

/// The HTCDS means of control the checklist can show, in CTDC's column
/// order, with the name `meansOfControlConcatenated` gives each. Threats
/// and violence are one group in the checklist, so they set only
/// `meansOfControlThreats`: which abuse (physical, sexual, psychological)
/// is not recorded. Isolation and poor conditions have no column of their
/// own and set `meansOfControlOther`.
pub(super) const MEANS_COLUMNS: [MeansColumn; 6] = [
    (
        "meansOfControlDebtBondage",
        "Debt bondage",
        &[TraffickingIndicator::Debt],
    ),
    (
        "meansOfControlThreats",
        "Threats",
        &[TraffickingIndicator::ThreatsOrViolence],
    ),
    (
        "meansOfControlFalsePromises",
        "False promises",
        &[TraffickingIndicator::DeceptionAboutWork],
    ),
    (
        "meansOfControlRestrictsMovement",
        "Restricts movement",
        &[TraffickingIndicator::RestrictedMovement],
    ),
    (
        "meansOfControlWithholdsDocuments",
        "Withholds documents",
        &[TraffickingIndicator::DocumentsWithheld],
    ),
    (
        "meansOfControlOther",
        "Other",
        &[
            TraffickingIndicator::Isolation,
            TraffickingIndicator::PoorConditions,
        ],
    ),
];

/// `meansOfControlNotSpecified`'s name in `meansOfControlConcatenated`.
const NOT_SPECIFIED: &str = "Not specified";

impl MeansOfControl {
    fn add(&mut self, indicators: Option<&[TraffickingIndicator]>) {
        if let Some(indicators) = indicators {
            self.screened = true;
            self.observed.extend(indicators.iter().copied());
        }
    }

    /// Whether the column is set.
    pub fn has(&self, (_, _, groups): &MeansColumn) -> bool {
        groups.iter().any(|group| self.observed.contains(group))
    }

    /// `meansOfControlNotSpecified`: no call of the case was screened.
    pub fn not_specified(&self) -> bool {
        !self.screened
    }

    /// `meansOfControlConcatenated`: the set columns' names, "; "-separated.
    pub fn concatenated(&self) -> String {
        let mut names: Vec<&str> = MEANS_COLUMNS
            .iter()
            .filter(|column| self.has(column))
            .map(|(_, name, _)| *name)
            .collect();
        if self.not_specified() {
            names.push(NOT_SPECIFIED);
        }
        names.join("; ")
    }
}

/// One case as CTDC describes it. Fields are in the quasi-identifiers'
/// order, so sorting the rows orders them by what they show, never by when or
/// by which case reference.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) struct CaseRecord {
    pub year: i32,
    /// "Female", "Male" or "unknown".
    pub gender: &'static str,
    pub age: Age,
    pub place: Place,
    pub exploitation: Exploitation,
    pub means: MeansOfControl,
}

/// The quasi-identifiers k-anonymity counts.
pub(super) type QuasiIdentifiers<'a> = (i32, &'static str, Age, &'a Place);

impl CaseRecord {
    pub fn quasi_identifiers(&self) -> QuasiIdentifiers<'_> {
        (self.year, self.gender, self.age, &self.place)
    }
}

/// Calls are grouped by case reference; a call without one is its own case.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
enum CaseKey<'a> {
    Reference(&'a str),
    Call(usize),
}

/// Cases built between two progress reports.
const CASES_PER_REPORT: usize = 100;

/// The case records among `calls` (finished, oldest first), telling `work`
/// the cases built of all and stopping between steps when it asks.
pub(super) fn cases(
    calls: &[&CallDetails],
    kinds: &HashMap<CategoryCode, CtdcExploitation>,
    work: &dyn WorkWatcher,
) -> Result<Vec<CaseRecord>> {
    let mut groups: BTreeMap<CaseKey<'_>, Vec<&CallDetails>> = BTreeMap::new();
    for (index, call) in calls.iter().enumerate() {
        if call.caller_role != Some(CallerRole::PersonAtRiskOrVictim) {
            continue;
        }
        let key = match call.case_ref.as_deref() {
            Some(reference) => CaseKey::Reference(reference),
            None => CaseKey::Call(index),
        };
        groups.entry(key).or_default().push(call);
    }
    let total = groups.len() as u64;
    let mut records = Vec::with_capacity(groups.len());
    for (built, calls) in groups.values().enumerate() {
        if built % CASES_PER_REPORT == 0 {
            work.stop_if_asked()?;
            work.report(WorkProgress::new(WorkUnit::Records, built as u64, total));
        }
        records.extend(case(calls, kinds));
    }
    work.stop_if_asked()?;
    work.report(WorkProgress::new(WorkUnit::Records, total, total));
    Ok(records)
}

/// One case from its calls, or none when no call records exploitation. A
/// field recorded differently in two calls becomes their common
/// generalisation (two countries in Europe: "Europe"; male and female:
/// unknown); a field left empty in one call does not contradict another.
fn case(
    calls: &[&CallDetails],
    kinds: &HashMap<CategoryCode, CtdcExploitation>,
) -> Option<CaseRecord> {
    let mut exploitation = Exploitation::default();
    for call in calls {
        for subject in &call.subjects {
            exploitation.add(
                kinds
                    .get(subject.category_code())
                    .copied()
                    .unwrap_or(CtdcExploitation::None),
            );
        }
    }
    if !exploitation.any() {
        return None;
    }
    let mut means = MeansOfControl::default();
    for call in calls {
        means.add(call.indicators.as_deref());
    }
    let first = calls.iter().map(|call| call.started_at).min()?;
    let mut genders = calls.iter().filter_map(|call| gender(call.gender?));
    let gender = match genders.next() {
        Some(first) if genders.all(|other| other == first) => first,
        _ => UNKNOWN,
    };
    let age = calls
        .iter()
        .filter_map(|call| call.age_group.filter(|group| *group != AgeGroup::Unknown))
        .map(Age::of)
        .reduce(Generalise::join)
        .unwrap_or(Age::Unknown);
    let place = calls
        .iter()
        .filter_map(|call| call.country.clone())
        .filter(|code| countries::is_known(code))
        .map(Place::Country)
        .reduce(Generalise::join)
        .unwrap_or(Place::Unknown);
    Some(CaseRecord {
        year: riga_day(first).year(),
        gender,
        age,
        place,
        exploitation,
        means,
    })
}

/// CTDC's genders. The hotline's "other" has no CTDC value that surely
/// matches it, and so rare a value would single a person out: unknown.
fn gender(gender: Gender) -> Option<&'static str> {
    match gender {
        Gender::Female => Some("Female"),
        Gender::Male => Some("Male"),
        Gender::Other | Gender::Unknown => None,
    }
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, Utc};

    use super::*;
    use crate::calls::{Line, Subject};
    use crate::region::Region;

    fn call(start: &str, case_ref: Option<&str>, subjects: Vec<Subject>) -> CallDetails {
        let started_at = DateTime::parse_from_rfc3339(start)
            .expect("time")
            .with_timezone(&Utc);
        CallDetails {
            line: Some(Line::RIGA_LANDLINE),
            caller_role: Some(CallerRole::PersonAtRiskOrVictim),
            subjects,
            case_ref: case_ref.map(str::to_owned),
            notes: "Slepena piezīme".into(),
            ..CallDetails::starting(started_at, Region::Riga)
        }
    }

    fn shown(record: &CaseRecord) -> String {
        format!(
            "{} {} {}/{} {} [{}]",
            record.year,
            record.gender,
            record.age.broad(),
            record.age.majority(),
            record.place.text(),
            record.exploitation.concatenated()
        )
    }

    #[test]
    fn calls_become_cases_by_reference_and_only_victims_with_exploitation_count() {
        let calls = [
            // K-0001: two calls of one woman, the second in the new year in
            // Rīga (31.12 23:30 UTC is 01.01): the case's year is the first's.
            CallDetails {
                gender: Some(Gender::Female),
                age_group: Some(AgeGroup::From50To64),
                country: Some("GB".into()),
                ..call(
                    "2025-12-30T10:00:00Z",
                    Some("K-0001"),
                    vec![Subject::SHAM_MARRIAGE],
                )
            },
            CallDetails {
                gender: None,
                age_group: Some(AgeGroup::From65),
                country: Some("IE".into()),
                ..call(
                    "2025-12-31T23:30:00Z",
                    Some("K-0001"),
                    vec![Subject::FORCED_LABOUR],
                )
            },
            // K-0002: a relative called, not the victim: no case.
            CallDetails {
                caller_role: Some(CallerRole::RelativeOrFriend),
                ..call(
                    "2026-01-05T10:00:00Z",
                    Some("K-0002"),
                    vec![Subject::FORCED_LABOUR],
                )
            },
            // A job-offer check without exploitation: no case.
            call("2026-01-06T10:00:00Z", None, vec![Subject::JOB_OFFER_CHECK]),
            // Two calls without a reference: two cases.
            CallDetails {
                gender: Some(Gender::Male),
                age_group: Some(AgeGroup::Under18),
                country: Some("US".into()),
                ..call(
                    "2026-01-07T10:00:00Z",
                    None,
                    vec![
                        Subject::FORCED_CRIMINALITY_OR_BEGGING,
                        Subject::JOB_OFFER_CHECK,
                    ],
                )
            },
            CallDetails {
                gender: Some(Gender::Other),
                age_group: Some(AgeGroup::From25To34),
                ..call(
                    "2026-01-08T10:00:00Z",
                    None,
                    vec![Subject::SEXUAL_EXPLOITATION, Subject::FORCED_LABOUR],
                )
            },
            // K-0003: genders and countries that disagree.
            CallDetails {
                gender: Some(Gender::Female),
                age_group: Some(AgeGroup::Unknown),
                country: Some("GB".into()),
                ..call(
                    "2026-02-01T10:00:00Z",
                    Some("K-0003"),
                    vec![Subject::SEXUAL_EXPLOITATION],
                )
            },
            CallDetails {
                gender: Some(Gender::Male),
                age_group: Some(AgeGroup::Under18),
                country: Some("BR".into()),
                ..call("2026-02-02T10:00:00Z", Some("K-0003"), vec![Subject::OTHER])
            },
        ];
        let refs: Vec<&CallDetails> = calls.iter().collect();
        let mut starter = rusqlite::Connection::open_in_memory().expect("open");
        crate::store::schema::upgrade(&mut starter).expect("schema");
        let kinds = crate::categories::ctdc_types(&starter).expect("starter subjects");
        let cases: Vec<String> = cases(&refs, &kinds, &crate::progress::Unwatched)
            .expect("cases")
            .iter()
            .map(shown)
            .collect();
        assert_eq!(
            cases,
            [
                "2025 Female 48+/Adult Europe [Forced labour; Other]",
                "2026 unknown unknown/Minor unknown [Sexual exploitation]",
                "2026 Male unknown/Minor US [Forced labour]",
                "2026 unknown unknown/Adult unknown [Forced labour; Sexual exploitation]",
            ]
        );
    }

    #[test]
    fn age_groups_map_to_the_ctdc_bands_they_fit_in() {
        let mapped: Vec<(&str, &str)> = [
            AgeGroup::Under18,
            AgeGroup::From18To24,
            AgeGroup::From25To34,
            AgeGroup::From35To49,
            AgeGroup::From50To64,
            AgeGroup::From65,
            AgeGroup::Unknown,
        ]
        .into_iter()
        .map(|group| (Age::of(group).broad(), Age::of(group).majority()))
        .collect();
        assert_eq!(
            mapped,
            [
                ("unknown", "Minor"),
                ("unknown", "Adult"),
                ("unknown", "Adult"),
                ("unknown", "Adult"),
                ("48+", "Adult"),
                ("48+", "Adult"),
                ("unknown", "unknown"),
            ]
        );
    }
}
