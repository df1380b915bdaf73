//! The hotline's regions: the Rīga lines and the four regional lines. A
//! region names a scope on the wire and a device's home on the relay.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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

    /// The code on the wire, in databases and on the command line.
    pub fn code(self) -> &'static str {
        match self {
            Region::Riga => "riga",
            Region::Latgale => "latgale",
            Region::Kurzeme => "kurzeme",
            Region::Vidzeme => "vidzeme",
            Region::Zemgale => "zemgale",
        }
    }

    /// The region whose code is exactly `code`; people's spellings ("Rīga")
    /// are hotline-core's to accept.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|region| region.code() == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_reads_back_and_nothing_else_does() {
        for region in Region::ALL {
            assert_eq!(Region::from_code(region.code()), Some(region));
        }
        assert_eq!(Region::from_code("Rīga"), None);
        assert_eq!(Region::from_code("RIGA"), None);
    }
}
