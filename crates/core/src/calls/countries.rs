//! ISO 3166-1 alpha-2 country codes for a call's destination or current
//! country, with their Latvian, English and Russian names. The UI names countries in
//! the reader's language through `Intl.DisplayNames`; files written by the
//! core (reports, call lists) cannot ask the browser, so they take the names
//! from `assets/countries/names.csv`, CLDR's names, which are the browser's.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::i18n::Localized;

/// The countries callers mention most, first in every list.
pub const COMMON: &[&str] = &[
    "LV", "GB", "IE", "DE", "CY", "ES", "PT", "GR", "NL", "NO", "SE", "FI", "DK", "BE", "FR", "IT",
    "PL", "LT", "EE", "RU", "UA", "BY", "US", "BR", "CO",
];

/// Every officially assigned code, sorted, with its Latvian, English and
/// Russian name: `code,lv,en,ru` after a header line. Only the last (Russian)
/// name may hold a comma ("Бонэйр, Синт-Эстатиус и Саба"), so the file needs
/// no quoting.
const NAMES_CSV: &str = include_str!("../../../../assets/countries/names.csv");

struct Country {
    code: &'static str,
    lv: &'static str,
    en: &'static str,
    ru: &'static str,
}

/// The file's countries in its (alphabetical) order. The file is part of
/// the source and checked by the tests below, so a malformed line is a
/// build defect, not an input error.
fn all() -> &'static [Country] {
    static ALL: OnceLock<Vec<Country>> = OnceLock::new();
    ALL.get_or_init(|| {
        NAMES_CSV
            .lines()
            .skip(1)
            .filter_map(|line| {
                let mut fields = line.splitn(4, ',');
                Some(Country {
                    code: fields.next()?,
                    lv: fields.next()?,
                    en: fields.next()?,
                    ru: fields.next()?,
                })
            })
            .collect()
    })
}

fn by_code() -> &'static HashMap<&'static str, &'static Country> {
    static BY_CODE: OnceLock<HashMap<&'static str, &'static Country>> = OnceLock::new();
    BY_CODE.get_or_init(|| {
        all()
            .iter()
            .map(|country| (country.code, country))
            .collect()
    })
}

pub fn is_known(code: &str) -> bool {
    by_code().contains_key(code)
}

/// A country as files print it: "Vācija (DE)" / "Germany (DE)" /
/// "Германия (DE)"; an unknown code (which validation keeps out of the store)
/// as it is.
pub fn label(code: &str) -> Localized {
    match by_code().get(code) {
        Some(country) => Localized::owned(
            format!("{} ({code})", country.lv),
            format!("{} ({code})", country.en),
            format!("{} ({code})", country.ru),
        ),
        None => Localized::untranslated(code),
    }
}

/// Every country's code and label ([`label`]) in `language`: for a file
/// that labels a country on each of many rows.
pub fn labels_in(language: crate::i18n::Language) -> impl Iterator<Item = (String, String)> {
    all().iter().map(move |country| {
        let label = label(country.code).get(language).to_owned();
        (country.code.to_owned(), label)
    })
}

/// The common countries first, then every other code alphabetically.
pub fn ordered() -> Vec<&'static str> {
    let mut codes = COMMON.to_vec();
    codes.extend(
        all()
            .iter()
            .map(|country| country.code)
            .filter(|code| !COMMON.contains(code)),
    );
    codes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_complete_sorted_and_has_the_common_ones_first() {
        let all: Vec<&str> = all().iter().map(|country| country.code).collect();
        assert_eq!(all.len(), 249, "ISO 3166-1 assigns 249 codes");
        assert_eq!(
            NAMES_CSV.lines().count(),
            250,
            "a header and a line per code"
        );
        assert!(
            all.windows(2).all(|pair| pair[0] < pair[1]),
            "sorted, no duplicates"
        );
        assert!(COMMON.iter().all(|code| is_known(code)));
        let ordered = ordered();
        assert_eq!(ordered.len(), 249);
        assert_eq!(&ordered[..3], &["LV", "GB", "IE"]);
        assert!(!is_known("XX") && !is_known("gb") && !is_known("GBR"));
    }

    #[test]
    fn every_country_has_all_three_names() {
        for country in all() {
            assert!(
                country.code.len() == 2 && country.code.bytes().all(|b| b.is_ascii_uppercase()),
                "{}",
                country.code
            );
            assert!(
                [country.lv, country.en, country.ru]
                    .iter()
                    .all(|name| !name.trim().is_empty() && !name.contains('"')),
                "{}",
                country.code
            );
        }
        assert!(
            NAMES_CSV.lines().all(|line| line.matches(',').count() >= 3),
            "every line has the code and three names"
        );
    }

    #[test]
    fn files_name_every_country_and_keep_the_code() {
        let germany = label("DE");
        assert_eq!(
            (&*germany.lv, &*germany.en, &*germany.ru),
            ("Vācija (DE)", "Germany (DE)", "Германия (DE)")
        );
        let britain = label("GB");
        assert_eq!(britain.lv, "Apvienotā Karaliste (GB)", "as the UI says it");
        let rare = label("TV");
        assert_eq!((&*rare.lv, &*rare.en), ("Tuvalu (TV)", "Tuvalu (TV)"));
        assert_eq!(
            label("BQ").ru,
            "Бонэйр, Синт-Эстатиус и Саба (BQ)",
            "the one name with a comma is read whole"
        );
        let ivory = label("CI");
        assert_eq!(ivory.lv, "Kotdivuāra (CI)");
    }
}
