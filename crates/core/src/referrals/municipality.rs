//! Latvia's 43 municipalities (the 2021 reform, with Varakļānu novads restored
//! in 2022) and the hotline region each one belongs to, so a directory entry
//! that serves "Rēzeknes novads" shows up for a Latgale consultant.

use serde::Serialize;
use ts_rs::TS;

use crate::i18n::fold_latvian;
use crate::region::Region;

/// One municipality as the filters and the entry editor list it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Municipality {
    /// Stable ASCII code used in files and the database ("rezeknes-novads").
    #[ts(type = "string")]
    pub code: &'static str,
    #[ts(type = "string")]
    pub name: &'static str,
    pub region: Region,
}

const fn municipality(code: &'static str, name: &'static str, region: Region) -> Municipality {
    Municipality { code, name, region }
}

/// State cities first, then novadi, grouped by region.
pub const MUNICIPALITIES: &[Municipality] = &[
    municipality("riga", "Rīga", Region::Riga),
    municipality("jurmala", "Jūrmala", Region::Riga),
    municipality("adazu-novads", "Ādažu novads", Region::Riga),
    municipality("kekavas-novads", "Ķekavas novads", Region::Riga),
    municipality("marupes-novads", "Mārupes novads", Region::Riga),
    municipality("olaines-novads", "Olaines novads", Region::Riga),
    municipality("ropazu-novads", "Ropažu novads", Region::Riga),
    municipality("salaspils-novads", "Salaspils novads", Region::Riga),
    municipality("saulkrastu-novads", "Saulkrastu novads", Region::Riga),
    municipality("siguldas-novads", "Siguldas novads", Region::Riga),
    municipality("ogres-novads", "Ogres novads", Region::Riga),
    municipality("daugavpils", "Daugavpils", Region::Latgale),
    municipality("rezekne", "Rēzekne", Region::Latgale),
    municipality(
        "augsdaugavas-novads",
        "Augšdaugavas novads",
        Region::Latgale,
    ),
    municipality("balvu-novads", "Balvu novads", Region::Latgale),
    municipality("kraslavas-novads", "Krāslavas novads", Region::Latgale),
    municipality("livanu-novads", "Līvānu novads", Region::Latgale),
    municipality("ludzas-novads", "Ludzas novads", Region::Latgale),
    municipality("preilu-novads", "Preiļu novads", Region::Latgale),
    municipality("rezeknes-novads", "Rēzeknes novads", Region::Latgale),
    municipality("varaklanu-novads", "Varakļānu novads", Region::Latgale),
    municipality("liepaja", "Liepāja", Region::Kurzeme),
    municipality("ventspils", "Ventspils", Region::Kurzeme),
    municipality(
        "dienvidkurzemes-novads",
        "Dienvidkurzemes novads",
        Region::Kurzeme,
    ),
    municipality("kuldigas-novads", "Kuldīgas novads", Region::Kurzeme),
    municipality("saldus-novads", "Saldus novads", Region::Kurzeme),
    municipality("talsu-novads", "Talsu novads", Region::Kurzeme),
    municipality("tukuma-novads", "Tukuma novads", Region::Kurzeme),
    municipality("ventspils-novads", "Ventspils novads", Region::Kurzeme),
    municipality("aluksnes-novads", "Alūksnes novads", Region::Vidzeme),
    municipality("cesu-novads", "Cēsu novads", Region::Vidzeme),
    municipality("gulbenes-novads", "Gulbenes novads", Region::Vidzeme),
    municipality("limbazu-novads", "Limbažu novads", Region::Vidzeme),
    municipality("madonas-novads", "Madonas novads", Region::Vidzeme),
    municipality("smiltenes-novads", "Smiltenes novads", Region::Vidzeme),
    municipality("valkas-novads", "Valkas novads", Region::Vidzeme),
    municipality("valmieras-novads", "Valmieras novads", Region::Vidzeme),
    municipality("jelgava", "Jelgava", Region::Zemgale),
    municipality("aizkraukles-novads", "Aizkraukles novads", Region::Zemgale),
    municipality("bauskas-novads", "Bauskas novads", Region::Zemgale),
    municipality("dobeles-novads", "Dobeles novads", Region::Zemgale),
    municipality("jelgavas-novads", "Jelgavas novads", Region::Zemgale),
    municipality("jekabpils-novads", "Jēkabpils novads", Region::Zemgale),
];

/// Finds a municipality by its code or its name, with or without diacritics
/// ("rezeknes-novads", "Rēzeknes novads", "rezeknes novads").
pub fn find(input: &str) -> Option<&'static Municipality> {
    let folded = fold_latvian(input).replace(' ', "-");
    MUNICIPALITIES
        .iter()
        .find(|municipality| municipality.code == folded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn there_are_43_municipalities_with_unique_codes_matching_their_names() {
        assert_eq!(MUNICIPALITIES.len(), 43);
        for municipality in MUNICIPALITIES {
            assert_eq!(
                find(municipality.name).map(|found| found.code),
                Some(municipality.code),
                "{} is found by its name",
                municipality.name
            );
            let same_code = MUNICIPALITIES
                .iter()
                .filter(|other| other.code == municipality.code)
                .count();
            assert_eq!(same_code, 1, "{} is unique", municipality.code);
        }
    }

    #[test]
    fn finds_by_code_name_or_name_without_diacritics() {
        assert_eq!(
            find("Rēzeknes novads").map(|m| m.region),
            Some(Region::Latgale)
        );
        assert_eq!(
            find("rezeknes novads").map(|m| m.code),
            Some("rezeknes-novads")
        );
        assert_eq!(find("RIGA").map(|m| m.code), Some("riga"));
        assert_eq!(find("Atlantīda"), None);
    }

    #[test]
    fn every_region_has_municipalities() {
        for region in Region::ALL {
            assert!(
                MUNICIPALITIES.iter().any(|m| m.region == region),
                "{region:?}"
            );
        }
    }
}
