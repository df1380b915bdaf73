//! ISO 3166-1 alpha-2 country codes for a call's destination or current
//! country. The UI names every country in the reader's language through
//! `Intl.DisplayNames`; files written by the core (reports) cannot ask the
//! browser, so the countries callers mention most carry their Latvian and
//! English names here, spelled as CLDR (and so the UI) spells them.

use crate::i18n::Localized;

/// The countries callers mention most, first in every list.
pub const COMMON: &[&str] = &[
    "LV", "GB", "IE", "DE", "CY", "ES", "PT", "GR", "NL", "NO", "SE", "FI", "DK", "BE", "FR", "IT",
    "PL", "LT", "EE", "RU", "UA", "BY", "US", "BR", "CO",
];

/// Latvian and English names of the [`COMMON`] countries, in the same order.
const COMMON_NAMES: [(&str, &str); 25] = [
    ("Latvija", "Latvia"),
    ("Apvienotā Karaliste", "United Kingdom"),
    ("Īrija", "Ireland"),
    ("Vācija", "Germany"),
    ("Kipra", "Cyprus"),
    ("Spānija", "Spain"),
    ("Portugāle", "Portugal"),
    ("Grieķija", "Greece"),
    ("Nīderlande", "Netherlands"),
    ("Norvēģija", "Norway"),
    ("Zviedrija", "Sweden"),
    ("Somija", "Finland"),
    ("Dānija", "Denmark"),
    ("Beļģija", "Belgium"),
    ("Francija", "France"),
    ("Itālija", "Italy"),
    ("Polija", "Poland"),
    ("Lietuva", "Lithuania"),
    ("Igaunija", "Estonia"),
    ("Krievija", "Russia"),
    ("Ukraina", "Ukraine"),
    ("Baltkrievija", "Belarus"),
    ("Amerikas Savienotās Valstis", "United States"),
    ("Brazīlija", "Brazil"),
    ("Kolumbija", "Colombia"),
];

/// Every officially assigned ISO 3166-1 alpha-2 code.
const ALL: &str = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN \
BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ \
EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM \
HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK \
LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG \
NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG \
SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM \
US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW";

pub fn is_known(code: &str) -> bool {
    code.len() == 2 && ALL.split_whitespace().any(|known| known == code)
}

/// A country as files print it: "Vācija (DE)" / "Germany (DE)" for the common
/// ones, the bare code for the rest, which calls rarely mention.
pub fn label(code: &str) -> Localized {
    match COMMON.iter().position(|common| *common == code) {
        Some(index) => {
            let (lv, en) = COMMON_NAMES[index];
            Localized::owned(format!("{lv} ({code})"), format!("{en} ({code})"))
        }
        None => Localized::owned(code.to_owned(), code.to_owned()),
    }
}

/// The common countries first, then every other code alphabetically.
pub fn ordered() -> Vec<&'static str> {
    let mut codes = COMMON.to_vec();
    codes.extend(ALL.split_whitespace().filter(|code| !COMMON.contains(code)));
    codes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_complete_sorted_and_has_the_common_ones_first() {
        let all: Vec<&str> = ALL.split_whitespace().collect();
        assert_eq!(all.len(), 249, "ISO 3166-1 assigns 249 codes");
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
    fn files_name_the_common_countries_and_keep_the_code() {
        let germany = label("DE");
        assert_eq!(
            (&*germany.lv, &*germany.en),
            ("Vācija (DE)", "Germany (DE)")
        );
        let britain = label("GB");
        assert_eq!(britain.lv, "Apvienotā Karaliste (GB)", "as the UI says it");
        let rare = label("TV");
        assert_eq!((&*rare.lv, &*rare.en), ("TV", "TV"));
    }
}
