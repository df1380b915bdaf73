//! The hotline's regions: the Rīga lines and the four regional lines.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, InvalidReason, Result};
use crate::i18n::Localized;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Region {
    Riga,
    Latgale,
    Kurzeme,
    Vidzeme,
    Zemgale,
}

impl Region {
    pub const ALL: [Region; 5] = [
        Region::Riga,
        Region::Latgale,
        Region::Kurzeme,
        Region::Vidzeme,
        Region::Zemgale,
    ];

    /// The code stored in the database and typed on the command line.
    pub fn code(self) -> &'static str {
        match self {
            Region::Riga => "riga",
            Region::Latgale => "latgale",
            Region::Kurzeme => "kurzeme",
            Region::Vidzeme => "vidzeme",
            Region::Zemgale => "zemgale",
        }
    }

    pub fn label(self) -> Localized {
        match self {
            Region::Riga => Localized::new("Rīga", "Rīga"),
            Region::Latgale => Localized::new("Latgale", "Latgale"),
            Region::Kurzeme => Localized::new("Kurzeme", "Kurzeme"),
            Region::Vidzeme => Localized::new("Vidzeme", "Vidzeme"),
            Region::Zemgale => Localized::new("Zemgale", "Zemgale"),
        }
    }

    /// Accepts the code, with or without diacritics and in any case ("Rīga", "riga").
    pub fn parse(input: &str) -> Result<Self> {
        let folded = crate::i18n::fold_latvian(input);
        Region::ALL
            .into_iter()
            .find(|region| region.code() == folded)
            .ok_or(Error::invalid("region", InvalidReason::Unknown))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_codes_and_latvian_spelling() {
        assert_eq!(Region::parse("Rīga").expect("Rīga"), Region::Riga);
        assert_eq!(
            Region::parse(" LATGALE ").expect("latgale"),
            Region::Latgale
        );
        for region in Region::ALL {
            assert_eq!(Region::parse(region.code()).expect("code"), region);
        }
    }

    #[test]
    fn rejects_an_unknown_region_naming_the_field() {
        let error = Region::parse("Tallinn").expect_err("not a region");
        assert!(matches!(
            error,
            Error::InvalidInput {
                field: "region",
                ..
            }
        ));
    }
}
