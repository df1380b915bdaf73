//! k-anonymity for published CTDC files. The quasi-identifiers are the year
//! of registration, gender, age (`ageBroad` with `majorityStatus`) and the
//! country of exploitation: what someone who knows a victim could know and
//! look up. Rows whose combination is shared by fewer than k rows are
//! generalised one step at a time (age band → adult/minor, country → M49
//! region, age → unknown, region → unknown); rows still in a group smaller
//! than k are then left out.
//!
//! Only rows in small groups are generalised, and always a whole group at
//! once, so a group of k or more is never broken up and keeps its detail.
//! The exploitation flags are not quasi-identifiers but what is published
//! about the rows: k-anonymity does not stop a group whose rows all share a
//! flag from revealing it (see `docs/ctdc-mapping.md`).

use std::collections::HashMap;

use super::mapping::{CaseRecord, Generalise, Place, QuasiIdentifiers};

/// One generalisation step: which quasi-identifier, up to which level.
#[derive(Debug, Clone, Copy)]
enum Step {
    Age(u8),
    Place(u8),
}

const STEPS: [Step; 4] = [Step::Age(1), Step::Place(1), Step::Age(2), Step::Place(2)];

/// The rows as they may be published, and how many were left out.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Anonymised {
    pub rows: Vec<CaseRecord>,
    pub suppressed: usize,
}

/// `rows` made k-anonymous, in their order.
pub(super) fn anonymise(rows: Vec<CaseRecord>, k: u32) -> Anonymised {
    let generalised = generalise(rows, k);
    let total = generalised.len();
    let rows: Vec<CaseRecord> = generalised
        .into_iter()
        .filter_map(|(row, kept)| kept.then_some(row))
        .collect();
    Anonymised {
        suppressed: total - rows.len(),
        rows,
    }
}

/// Every row after the generalisation steps, paired with whether its group
/// reached k (the others are suppressed).
fn generalise(mut rows: Vec<CaseRecord>, k: u32) -> Vec<(CaseRecord, bool)> {
    for step in STEPS {
        let small = small_groups(&rows, k);
        for (row, small) in rows.iter_mut().zip(small) {
            if small {
                match step {
                    Step::Age(level) => row.age = row.age.at_least(level),
                    Step::Place(level) => {
                        let place = std::mem::replace(&mut row.place, Place::Unknown);
                        row.place = place.at_least(level);
                    }
                }
            }
        }
    }
    let small = small_groups(&rows, k);
    rows.into_iter()
        .zip(small)
        .map(|(row, small)| (row, !small))
        .collect()
}

/// For each row, whether fewer than `k` rows share its quasi-identifiers.
fn small_groups(rows: &[CaseRecord], k: u32) -> Vec<bool> {
    let mut counts: HashMap<QuasiIdentifiers<'_>, u32> = HashMap::new();
    for row in rows {
        *counts.entry(row.quasi_identifiers()).or_default() += 1;
    }
    rows.iter()
        .map(|row| counts[&row.quasi_identifiers()] < k)
        .collect()
}

#[cfg(test)]
mod tests {
    use rand::rngs::StdRng;
    use rand::seq::IndexedRandom;
    use rand::{Rng, SeedableRng};

    use super::super::mapping::{Age, Continent, Exploitation, Majority, MeansOfControl};
    use super::*;

    fn row(gender: &'static str, age: Age, place: &str) -> CaseRecord {
        CaseRecord {
            year: 2026,
            gender,
            age,
            place: if place == "unknown" {
                Place::Unknown
            } else {
                Place::Country(place.to_owned())
            },
            exploitation: Exploitation {
                other: true,
                ..Exploitation::default()
            },
            means: MeansOfControl::default(),
        }
    }

    const ADULT: Age = Age::Majority(Majority::Adult);
    const MINOR: Age = Age::Majority(Majority::Minor);
    const OLDER: Age = Age::Band("48+", Majority::Adult);

    fn times(count: usize, row: CaseRecord) -> Vec<CaseRecord> {
        vec![row; count]
    }

    /// Quasi-identifiers as text, for readable expectations.
    fn shown(rows: &[CaseRecord]) -> Vec<String> {
        rows.iter()
            .map(|row| {
                format!(
                    "{} {} {}/{} {}",
                    row.year,
                    row.gender,
                    row.age.broad(),
                    row.age.majority(),
                    row.place.text()
                )
            })
            .collect()
    }

    #[test]
    fn a_known_dataset_is_generalised_step_by_step_then_suppressed() {
        let k = 3;
        let rows = [
            // Large enough as it is: untouched.
            times(3, row("Female", ADULT, "GB")),
            // Two 48+ women in GB: "48+" becomes adult and joins the three.
            times(2, row("Female", OLDER, "GB")),
            // Two adult women in DE and one in IE: together in Europe.
            times(2, row("Female", ADULT, "DE")),
            times(1, row("Female", ADULT, "IE")),
            // Two minors, one in GB and one in US: age, then place, goes to
            // unknown; with a man of unknown age and place they are still
            // not three of one gender, so the man is suppressed and the two
            // girls too.
            times(1, row("Female", MINOR, "GB")),
            times(1, row("Female", MINOR, "US")),
            times(1, row("Male", Age::Unknown, "unknown")),
        ]
        .concat();
        let anonymised = anonymise(rows, k);
        assert_eq!(
            shown(&anonymised.rows),
            [
                "2026 Female unknown/Adult GB",
                "2026 Female unknown/Adult GB",
                "2026 Female unknown/Adult GB",
                "2026 Female unknown/Adult GB",
                "2026 Female unknown/Adult GB",
                "2026 Female unknown/Adult Europe",
                "2026 Female unknown/Adult Europe",
                "2026 Female unknown/Adult Europe",
            ]
        );
        assert_eq!(anonymised.suppressed, 3);
    }

    #[test]
    fn a_country_outside_every_region_goes_straight_to_unknown() {
        // Antarctica has no M49 region: one step takes it to unknown, where it
        // meets the row whose country was never recorded.
        let rows = [
            times(2, row("Male", ADULT, "AQ")),
            times(1, row("Male", ADULT, "unknown")),
        ]
        .concat();
        let anonymised = anonymise(rows, 3);
        assert_eq!(anonymised.suppressed, 0);
        assert!(shown(&anonymised.rows)
            .iter()
            .all(|text| text == "2026 Male unknown/Adult unknown"));
    }

    fn random_row(random: &mut StdRng) -> CaseRecord {
        let ages = [ADULT, MINOR, OLDER, Age::Unknown];
        let places = [
            "GB", "IE", "DE", "CY", "LV", "NO", "US", "BR", "TH", "AU", "NG", "AQ",
        ];
        let place = if random.random_bool(0.15) {
            Place::Unknown
        } else {
            Place::Country((*places.choose(random).expect("place")).to_owned())
        };
        CaseRecord {
            year: random.random_range(2025..=2026),
            gender: ["Female", "Male", "unknown"]
                .choose(random)
                .expect("gender"),
            age: *ages.choose(random).expect("age"),
            place,
            exploitation: Exploitation {
                forced_labour: random.random_bool(0.3),
                sexual: random.random_bool(0.3),
                other: random.random_bool(0.5),
            },
            means: MeansOfControl::default(),
        }
    }

    /// Whether `published` is `original` or a generalisation of it.
    fn generalises(original: &CaseRecord, published: &CaseRecord) -> bool {
        let age = (0..=2).any(|level| original.age.at_least(level) == published.age);
        let place = (0..=2).any(|level| original.place.clone().at_least(level) == published.place);
        original.year == published.year
            && original.gender == published.gender
            && original.exploitation == published.exploitation
            && age
            && place
    }

    #[test]
    fn every_published_combination_has_at_least_k_rows_over_random_datasets() {
        for seed in 0..300 {
            let mut random = StdRng::seed_from_u64(seed);
            let k = random.random_range(3..=15);
            let size = random.random_range(0..=400);
            let rows: Vec<CaseRecord> = (0..size).map(|_| random_row(&mut random)).collect();

            let generalised = generalise(rows.clone(), k);
            assert_eq!(generalised.len(), rows.len());
            let mut before: HashMap<QuasiIdentifiers<'_>, u32> = HashMap::new();
            for original in &rows {
                *before.entry(original.quasi_identifiers()).or_default() += 1;
            }
            for (original, (published, _)) in rows.iter().zip(&generalised) {
                assert!(generalises(original, published), "seed {seed}");
                if before[&original.quasi_identifiers()] >= k {
                    assert_eq!(
                        original, published,
                        "seed {seed}: a large group keeps its detail"
                    );
                }
            }

            let anonymised = anonymise(rows.clone(), k);
            assert_eq!(
                anonymised.rows.len() + anonymised.suppressed,
                rows.len(),
                "seed {seed}"
            );
            let mut published: HashMap<QuasiIdentifiers<'_>, u32> = HashMap::new();
            for row in &anonymised.rows {
                *published.entry(row.quasi_identifiers()).or_default() += 1;
            }
            for (combination, count) in &published {
                assert!(
                    *count >= k,
                    "seed {seed}: {combination:?} has {count} < {k}"
                );
            }
        }
    }

    #[test]
    fn every_country_but_antarctica_has_a_region() {
        for code in crate::calls::countries::ordered() {
            assert_eq!(Continent::of(code).is_none(), code == "AQ", "{code}");
        }
        assert_eq!(Continent::of("LV"), Some(Continent::Europe));
        assert_eq!(
            Continent::of("CY"),
            Some(Continent::Asia),
            "M49 puts Cyprus in Asia"
        );
    }
}
