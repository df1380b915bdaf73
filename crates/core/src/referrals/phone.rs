//! Phone numbers in a directory entry: stored in E.164 (`+37167898343`) so
//! "6789 8343", "+371 67898343" and "0037167898343" are one number, and shown
//! the way Latvian directories print them (`+371 67898343`).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, InvalidReason, Result};

const LATVIA: &str = "371";

/// One phone number of an entry, with what it is for ("I–V 9:00–17:00").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Phone {
    /// E.164 (`+37125565098`) or a national short number (`112`, `116006`).
    pub number: String,
    #[serde(default)]
    pub label: String,
}

/// Brings a typed number to E.164, or keeps a Latvian short number (3 to 6
/// digits, such as 110, 112, 116123) as it is.
pub fn normalise(input: &str) -> Result<String> {
    let trimmed = input.trim();
    let mut digits = String::new();
    let mut plus = false;
    for character in trimmed.chars() {
        match character {
            '0'..='9' => digits.push(character),
            '+' if digits.is_empty() && !plus => plus = true,
            ' ' | '-' | '(' | ')' | '.' | '/' => {}
            _ => return Err(Error::invalid("phones", InvalidReason::BadPhone)),
        }
    }
    let international = plus || digits.starts_with("00");
    let digits = match digits.strip_prefix("00") {
        Some(rest) if !plus => rest.to_owned(),
        _ => digits,
    };
    let e164 = if international {
        digits
    } else if digits.len() == 8 && matches!(digits.as_bytes()[0], b'2' | b'6' | b'8' | b'9') {
        format!("{LATVIA}{digits}")
    } else if (3..=6).contains(&digits.len()) && !digits.starts_with('0') {
        return Ok(digits);
    } else {
        return Err(Error::invalid("phones", InvalidReason::BadPhone));
    };
    if !(8..=15).contains(&e164.len()) || e164.starts_with('0') {
        return Err(Error::invalid("phones", InvalidReason::BadPhone));
    }
    if let Some(national) = e164.strip_prefix(LATVIA) {
        if national.len() != 8 {
            return Err(Error::invalid("phones", InvalidReason::BadPhone));
        }
    }
    Ok(format!("+{e164}"))
}

/// The number as a consultant reads it aloud: Latvian numbers as
/// `+371 67898343`, other countries with the country code set apart where it
/// is known, short numbers as they are.
pub fn display(number: &str) -> String {
    let Some(digits) = number.strip_prefix('+') else {
        return number.to_owned();
    };
    let code_length = COUNTRY_CODES
        .iter()
        .find(|code| digits.starts_with(**code))
        .map_or(0, |code| code.len());
    if code_length == 0 {
        return number.to_owned();
    }
    format!("+{} {}", &digits[..code_length], &digits[code_length..])
}

/// Country calling codes of the countries callers most often mention, longest
/// first where one is a prefix of another.
const COUNTRY_CODES: &[&str] = &[
    "371", "370", "372", "353", "357", "351", "358", "44", "49", "34", "30", "31", "47", "46",
    "45", "48", "32", "33", "39", "41", "43", "55", "57", "1", "7",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latvian_numbers_in_any_spelling_become_one_e164_number() {
        for typed in [
            "67898343",
            "6789 8343",
            "+371 67898343",
            "00371 6789-8343",
            "(+371) 67898343",
        ] {
            assert_eq!(normalise(typed).expect(typed), "+37167898343", "{typed}");
        }
        assert_eq!(normalise("25565098").expect("mobile"), "+37125565098");
    }

    #[test]
    fn foreign_and_short_numbers() {
        assert_eq!(normalise("+44 20 7312 0040").expect("uk"), "+442073120040");
        assert_eq!(normalise("112").expect("emergency"), "112");
        assert_eq!(normalise("116 006").expect("helpline"), "116006");
    }

    #[test]
    fn rejects_what_cannot_be_a_number() {
        for typed in [
            "",
            "abc",
            "1234567",
            "+371 1234",
            "+371 123456789",
            "0123",
            "+12",
            "67898343 ext 5",
        ] {
            let error = normalise(typed).expect_err(typed);
            assert!(
                matches!(
                    error,
                    Error::InvalidInput {
                        field: "phones",
                        reason: InvalidReason::BadPhone
                    }
                ),
                "{typed}: {error:?}"
            );
        }
    }

    #[test]
    fn shown_in_latvian_style() {
        assert_eq!(display("+37167898343"), "+371 67898343");
        assert_eq!(display("+442073120040"), "+44 2073120040");
        assert_eq!(display("112"), "112");
    }
}
