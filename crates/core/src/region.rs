//! The hotline's regions: the Rīga lines and the four regional lines.

use crate::error::{Error, InvalidReason, Result};
use crate::i18n::Localized;

pub use hotline_protocol::Region;

/// The region's name as a person reads it.
pub fn label(region: Region) -> Localized {
    match region {
        Region::Riga => Localized::new("Rīga", "Rīga", "Рига"),
        Region::Latgale => Localized::new("Latgale", "Latgale", "Латгале"),
        Region::Kurzeme => Localized::new("Kurzeme", "Kurzeme", "Курземе"),
        Region::Vidzeme => Localized::new("Vidzeme", "Vidzeme", "Видземе"),
        Region::Zemgale => Localized::new("Zemgale", "Zemgale", "Земгале"),
    }
}

/// Accepts the code, with or without diacritics and in any case ("Rīga", "riga").
pub fn parse(input: &str) -> Result<Region> {
    Region::from_code(&crate::i18n::fold_latvian(input))
        .ok_or(Error::invalid("region", InvalidReason::Unknown))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_codes_and_latvian_spelling() {
        assert_eq!(parse("Rīga").expect("Rīga"), Region::Riga);
        assert_eq!(parse(" LATGALE ").expect("latgale"), Region::Latgale);
        for region in Region::ALL {
            assert_eq!(parse(region.code()).expect("code"), region);
        }
    }

    #[test]
    fn rejects_an_unknown_region_naming_the_field() {
        let error = parse("Tallinn").expect_err("not a region");
        assert!(matches!(
            error,
            Error::InvalidInput {
                field: "region",
                ..
            }
        ));
    }
}
