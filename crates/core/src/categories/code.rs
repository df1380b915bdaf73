//! The codes of categories: a call's subjects and its line or channel each
//! name one of the organisation's categories by code.
//!
//! Codes are what calls store and sync, so they never change once used; the
//! names a consultant sees live in the category record and may.

use std::borrow::Cow;
use std::fmt;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::InvalidReason;

/// Longest code accepted, in characters.
pub const MAX_CODE_CHARS: usize = 40;

/// A category code of any kind: camelCase ASCII letters and digits, starting
/// with a lowercase letter (`shamMarriage`, `rigaLandline`), as the JSON of
/// calls has always had it. Unique across kinds, so a code names one record.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(try_from = "String", into = "String")]
#[ts(type = "string")]
pub struct CategoryCode(Cow<'static, str>);

impl CategoryCode {
    const fn starter(code: &'static str) -> Self {
        Self(Cow::Borrowed(code))
    }

    /// A code typed by a supervisor or read from a file, checked.
    pub fn parse(code: &str) -> Result<Self, InvalidReason> {
        check_code(code)?;
        Ok(Self(Cow::Owned(code.to_owned())))
    }

    pub fn code(&self) -> &str {
        &self.0
    }
}

fn check_code(code: &str) -> Result<(), InvalidReason> {
    if code.is_empty() {
        return Err(InvalidReason::Empty);
    }
    if code.chars().count() > MAX_CODE_CHARS {
        return Err(InvalidReason::TooLong);
    }
    let mut characters = code.chars();
    let starts_lowercase = characters.next().is_some_and(|c| c.is_ascii_lowercase());
    if !starts_lowercase || code.len() < 2 || !characters.all(|c| c.is_ascii_alphanumeric()) {
        return Err(InvalidReason::BadCode);
    }
    Ok(())
}

impl TryFrom<String> for CategoryCode {
    type Error = String;

    fn try_from(code: String) -> Result<Self, Self::Error> {
        check_code(&code).map_err(|reason| format!("category code {code:?}: {reason}"))?;
        Ok(Self(Cow::Owned(code)))
    }
}

impl From<CategoryCode> for String {
    fn from(code: CategoryCode) -> Self {
        code.0.into_owned()
    }
}

impl fmt::Display for CategoryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A code of one kind of category, so that a line cannot be given where a
/// subject is meant. On the wire and in TypeScript it is the plain code.
macro_rules! kind_of_code {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
        #[serde(transparent)]
        #[ts(type = "string")]
        pub struct $name(CategoryCode);

        impl $name {
            const fn starter(code: &'static str) -> Self {
                Self(CategoryCode::starter(code))
            }

            /// A code typed by a user or read from a file, checked.
            pub fn parse(code: &str) -> Result<Self, InvalidReason> {
                CategoryCode::parse(code).map(Self)
            }

            pub fn code(&self) -> &str {
                self.0.code()
            }

            /// The code of the category record that names it.
            pub fn category_code(&self) -> &CategoryCode {
                &self.0
            }
        }

        impl PartialEq<$name> for CategoryCode {
            fn eq(&self, other: &$name) -> bool {
                *self == other.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

kind_of_code! {
    /// A call's subject: a type of exploitation or a reason for calling.
    Subject
}

kind_of_code! {
    /// The line or channel a call came in on.
    Line
}

impl Subject {
    pub const SHAM_MARRIAGE: Self = Self::starter("shamMarriage");
    pub const PROSTITUTION: Self = Self::starter("prostitution");
    pub const SEXUAL_EXPLOITATION: Self = Self::starter("sexualExploitation");
    pub const FORCED_LABOUR: Self = Self::starter("forcedLabour");
    pub const FORCED_CRIMINALITY_OR_BEGGING: Self = Self::starter("forcedCriminalityOrBegging");
    pub const JOB_OFFER_CHECK: Self = Self::starter("jobOfferCheck");
    pub const MODELLING_OR_MARRIAGE_AGENCY: Self = Self::starter("modellingOrMarriageAgency");
    pub const LABOUR_CONDITIONS_ABROAD: Self = Self::starter("labourConditionsAbroad");
    pub const OTHER: Self = Self::starter("other");
}

impl Line {
    /// +371 67898343, the Rīga landline.
    pub const RIGA_LANDLINE: Self = Self::starter("rigaLandline");
    /// +371 25565098.
    pub const RIGA_MOBILE_1: Self = Self::starter("rigaMobile1");
    /// +371 28612120.
    pub const RIGA_MOBILE_2: Self = Self::starter("rigaMobile2");
    pub const LATGALE: Self = Self::starter("latgale");
    pub const KURZEME: Self = Self::starter("kurzeme");
    pub const VIDZEME: Self = Self::starter("vidzeme");
    pub const ZEMGALE: Self = Self::starter("zemgale");
    pub const SKYPE: Self = Self::starter("skype");
    pub const EMAIL: Self = Self::starter("email");
    pub const IN_PERSON: Self = Self::starter("inPerson");
    pub const CHAT: Self = Self::starter("chat");
    pub const OUTGOING: Self = Self::starter("outgoing");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_camel_case_ascii() {
        for good in ["shamMarriage", "other", "jobOffer2026"] {
            assert_eq!(Subject::parse(good).expect(good).code(), good);
        }
        assert_eq!(Subject::parse(""), Err(InvalidReason::Empty));
        for bad in ["Sham", "sham marriage", "x", "šķira", "job-offer", "2jobs"] {
            assert_eq!(Subject::parse(bad), Err(InvalidReason::BadCode), "{bad}");
        }
        assert_eq!(
            Subject::parse(&"a".repeat(MAX_CODE_CHARS + 1)),
            Err(InvalidReason::TooLong)
        );
    }

    #[test]
    fn json_keeps_the_code_and_refuses_a_malformed_one() {
        let json = serde_json::to_string(&Subject::FORCED_LABOUR).expect("json");
        assert_eq!(json, "\"forcedLabour\"");
        let back: Subject = serde_json::from_str(&json).expect("back");
        assert_eq!(back, Subject::FORCED_LABOUR);
        assert!(serde_json::from_str::<Subject>("\"forced labour\"").is_err());
        let line: Line = serde_json::from_str("\"rigaMobile1\"").expect("a line");
        assert_eq!(line, Line::RIGA_MOBILE_1);
        assert!(serde_json::from_str::<Line>("\"Riga mobile\"").is_err());
    }
}
