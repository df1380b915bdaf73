//! Synthetic calls for tests, demos and benchmarks: realistic in shape (the
//! lines, subjects and destination countries the hotline sees, in roughly the
//! proportions its public reports give), never about a real person. Notes are
//! assembled from neutral phrases; numbers and case references are invented.

use chrono::{DateTime, Duration, TimeZone, Utc};
use rand::distr::weighted::WeightedIndex;
use rand::distr::Distribution;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use uuid::Uuid;

use super::record::{
    AgeGroup, CallDetails, CallerLanguage, CallerRole, ContactBack, Direction, FollowUp, Gender,
    Referral, RiskLevel,
};
use super::screening::TraffickingIndicator;
use crate::categories::{Line, Subject};
use crate::region::Region;

/// Subjects weighted like the organisation's published case mix (sham
/// marriage 59, prostitution 26, forced labour 25, …) plus advice calls.
const SUBJECTS: &[(Subject, u32)] = &[
    (Subject::SHAM_MARRIAGE, 59),
    (Subject::PROSTITUTION, 26),
    (Subject::SEXUAL_EXPLOITATION, 2),
    (Subject::FORCED_LABOUR, 25),
    (Subject::JOB_OFFER_CHECK, 40),
    (Subject::LABOUR_CONDITIONS_ABROAD, 20),
    (Subject::MODELLING_OR_MARRIAGE_AGENCY, 5),
    (Subject::FORCED_CRIMINALITY_OR_BEGGING, 4),
    (Subject::OTHER, 10),
];

const COUNTRIES: &[(&str, u32)] = &[
    ("GB", 30),
    ("CY", 12),
    ("DE", 12),
    ("IE", 8),
    ("ES", 5),
    ("PT", 5),
    ("GR", 4),
    ("NL", 5),
    ("NO", 6),
    ("SE", 4),
    ("BR", 2),
    ("CO", 1),
    ("LV", 10),
];

const NOTE_OPENINGS: &[&str] = &[
    "Zvanītāja jautā par darba piedāvājumu",
    "Radiniece uztraucas par māsu, kura aizbraukusi",
    "Jaunietis saņēmis piedāvājumu strādāt",
    "Sociālā darbiniece ziņo par klientu, kuram piedāvāta fiktīva laulība",
    "Zvanītājs stāsta, ka darba devējs paturējis pasi",
    "Sieviete saņēmusi modeļu aģentūras uzaicinājumu",
];
const NOTE_DETAILS: &[&str] = &[
    "alga solīta skaidrā naudā, līgums netiek dots.",
    "ceļa izdevumus sola segt starpnieks, parāds jāatstrādā.",
    "dzīvesvieta nodrošināta kopā ar citiem strādniekiem.",
    "sludinājums atrasts sociālajos tīklos.",
    "konsultācija par darba līguma pārbaudi un vēstniecības kontaktiem.",
    "tikšanās norunāta birojā Lāčplēša ielā.",
];
const ADVICE: &[&str] = &[
    "Ieteikts pārbaudīt darba devēju un neatdot pasi.",
    "Izskaidrotas tiesības un drošības plāns.",
    "Sniegti vēstniecības un policijas kontakti.",
    "",
];
const REFERRALS: &[&str] = &[
    "Valsts policija",
    "Valsts darba inspekcija",
    "Pašvaldības sociālais dienests",
    "Latvijas vēstniecība",
    "Juridiskās palīdzības administrācija",
];

/// A deterministic stream of synthetic finished calls.
#[derive(Debug)]
pub struct SampleCalls {
    rng: StdRng,
    subjects: WeightedIndex<u32>,
    countries: WeightedIndex<u32>,
    from: DateTime<Utc>,
    span_seconds: i64,
    assignee: Uuid,
    next_case: u32,
}

impl SampleCalls {
    /// Calls spread over `years` years ending at `until`, from `seed` (the same
    /// seed gives the same calls); follow-ups are assigned to `assignee`.
    pub fn new(seed: u64, until: DateTime<Utc>, years: u32, assignee: Uuid) -> Self {
        let from = until - Duration::days(365 * i64::from(years.max(1)));
        Self {
            rng: StdRng::seed_from_u64(seed),
            subjects: weights(SUBJECTS),
            countries: weights(COUNTRIES),
            from,
            span_seconds: (until - from).num_seconds().max(1),
            assignee,
            next_case: 1,
        }
    }

    fn region_and_line(&mut self) -> (Region, Line) {
        let region = *Region::ALL
            .choose_weighted(&mut self.rng, |region| match region {
                Region::Riga => 5,
                _ => 2,
            })
            .unwrap_or(&Region::Riga);
        let line = match (region, self.rng.random_range(0..10)) {
            (_, 0) => Line::SKYPE,
            (_, 1) => Line::EMAIL,
            (Region::Riga, 2..=4) => Line::RIGA_MOBILE_1,
            (Region::Riga, 5..=6) => Line::RIGA_MOBILE_2,
            (Region::Riga, _) => Line::RIGA_LANDLINE,
            (Region::Latgale, _) => Line::LATGALE,
            (Region::Kurzeme, _) => Line::KURZEME,
            (Region::Vidzeme, _) => Line::VIDZEME,
            (Region::Zemgale, _) => Line::ZEMGALE,
        };
        (region, line)
    }

    /// Half the calls screened; of those, a quarter with nothing observed and
    /// the rest with one to three indicator groups.
    fn indicators(&mut self) -> Option<Vec<TraffickingIndicator>> {
        if !self.rng.random_bool(0.5) {
            return None;
        }
        let observed = self.rng.random_range(0..=3);
        let mut indicators: Vec<_> = TraffickingIndicator::ALL
            .choose_multiple(&mut self.rng, observed)
            .copied()
            .collect();
        indicators.sort();
        Some(indicators)
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        *items.choose(&mut self.rng).unwrap_or(&items[0])
    }
}

fn weights<T>(items: &[(T, u32)]) -> WeightedIndex<u32> {
    WeightedIndex::new(items.iter().map(|(_, weight)| *weight))
        .expect("the weight tables are constant, non-empty and positive")
}

impl Iterator for SampleCalls {
    type Item = CallDetails;

    fn next(&mut self) -> Option<CallDetails> {
        let offset = self.rng.random_range(0..self.span_seconds);
        let started_at = Utc
            .timestamp_opt(self.from.timestamp() + offset, 0)
            .single()
            .unwrap_or(self.from);
        let (region, line) = self.region_and_line();
        let mut subjects = vec![SUBJECTS[self.subjects.sample(&mut self.rng)].0.clone()];
        if self.rng.random_bool(0.15) {
            subjects.push(SUBJECTS[self.subjects.sample(&mut self.rng)].0.clone());
        }
        let country = COUNTRIES[self.countries.sample(&mut self.rng)].0;
        let risk = self.pick(&[
            RiskLevel::Low,
            RiskLevel::Low,
            RiskLevel::Medium,
            RiskLevel::High,
        ]);
        let notes = format!(
            "{} ({country}); {}",
            self.pick(NOTE_OPENINGS),
            self.pick(NOTE_DETAILS)
        );
        let referrals = if self.rng.random_bool(0.3) {
            vec![Referral {
                to: self.pick(REFERRALS).to_owned(),
                entry_id: None,
                caller_consented: self.rng.random_bool(0.8),
                ..Default::default()
            }]
        } else {
            Vec::new()
        };
        let follow_up = self.rng.random_bool(0.1).then(|| FollowUp {
            due: (started_at + Duration::days(self.rng.random_range(1..14))).date_naive(),
            assignee: self.assignee,
            done_at: self
                .rng
                .random_bool(0.7)
                .then(|| started_at + Duration::days(2)),
            outcome: None,
        });
        let case_ref = self.rng.random_bool(0.4).then(|| {
            // Every fifth case calls again: reuse a recent reference.
            if self.next_case > 5 && self.rng.random_bool(0.2) {
                format!("K-{:04}", self.rng.random_range(1..self.next_case))
            } else {
                self.next_case += 1;
                format!("K-{:04}", self.next_case - 1)
            }
        });
        Some(CallDetails {
            started_at,
            ended_at: Some(started_at + Duration::minutes(self.rng.random_range(2..40))),
            line: Some(line),
            direction: if self.rng.random_bool(0.1) {
                Direction::Outgoing
            } else {
                Direction::Incoming
            },
            region,
            caller_role: Some(self.pick(&[
                CallerRole::PersonAtRiskOrVictim,
                CallerRole::PersonAtRiskOrVictim,
                CallerRole::RelativeOrFriend,
                CallerRole::Professional,
                CallerRole::Anonymous,
                CallerRole::Employer,
                CallerRole::Other,
            ])),
            gender: Some(self.pick(&[
                Gender::Female,
                Gender::Female,
                Gender::Male,
                Gender::Unknown,
            ])),
            age_group: Some(self.pick(&[
                AgeGroup::From18To24,
                AgeGroup::From25To34,
                AgeGroup::From25To34,
                AgeGroup::From35To49,
                AgeGroup::From50To64,
                AgeGroup::Under18,
                AgeGroup::Unknown,
            ])),
            language: Some(self.pick(&[
                CallerLanguage::Latvian,
                CallerLanguage::Latvian,
                CallerLanguage::Russian,
                CallerLanguage::English,
            ])),
            contact_back: Some(self.pick(&[
                ContactBack::NoConsent,
                ContactBack::Phone,
                ContactBack::Sms,
            ])),
            subjects,
            country: Some(country.to_owned()),
            risk: Some(risk),
            immediate_danger: risk == RiskLevel::High && self.rng.random_bool(0.2),
            advice_given: self.pick(ADVICE).to_owned(),
            referrals,
            follow_up,
            notes,
            case_ref,
            outcome: None,
            case_key: None,
            indicators: self.indicators(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calls::record::Completeness;

    #[test]
    fn sample_calls_are_valid_finished_calls_and_repeatable() {
        let until = Utc
            .with_ymd_and_hms(2026, 11, 23, 12, 0, 0)
            .single()
            .expect("time");
        let first: Vec<CallDetails> = SampleCalls::new(7, until, 3, Uuid::nil())
            .take(500)
            .collect();
        let again: Vec<CallDetails> = SampleCalls::new(7, until, 3, Uuid::nil())
            .take(500)
            .collect();
        assert_eq!(first, again, "the same seed gives the same calls");
        for call in &first {
            call.clone()
                .normalised(Completeness::Final)
                .expect("valid finished call");
            assert!(call.started_at <= until);
        }
        for region in Region::ALL {
            assert!(first.iter().any(|call| call.region == region), "{region:?}");
        }
        assert!(first
            .iter()
            .any(|call| call.subjects.contains(&Subject::SHAM_MARRIAGE)));
    }
}
