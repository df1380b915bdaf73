//! A caller's phone number is never stored: only an HMAC-SHA256 of it under
//! the organisation's secret, so a repeat caller is recognised but the number
//! cannot be recovered from the database or an export.

use ring::hmac;
use rusqlite::{Connection, OptionalExtension};

use crate::error::{Error, InvalidReason, Result};
use crate::store::crypto::fill_random;

/// Digits in international form: "+371 25 565 098" and "25565098" are the same
/// Latvian number (`+37125565098`). At most 15 digits (E.164).
pub fn normalise(input: &str) -> Result<String> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(Error::invalid("callerNumber", InvalidReason::Empty));
    }
    let allowed = |c: char| c.is_ascii_digit() || " -()./".contains(c);
    let (international, rest) = match trimmed.strip_prefix('+') {
        Some(rest) => (true, rest),
        None => match trimmed.strip_prefix("00") {
            Some(rest) => (true, rest),
            None => (false, trimmed),
        },
    };
    if !rest.chars().all(allowed) {
        return Err(Error::invalid("callerNumber", InvalidReason::BadCharacters));
    }
    let digits: String = rest.chars().filter(char::is_ascii_digit).collect();
    let full = if international {
        digits
    } else if digits.len() == 8 {
        // A Latvian number typed without the country code.
        format!("371{digits}")
    } else {
        digits
    };
    if !(7..=15).contains(&full.len()) {
        return Err(Error::invalid("callerNumber", InvalidReason::OutOfRange));
    }
    Ok(format!("+{full}"))
}

/// The organisation's secret key for caller-number hashes, created on first use.
pub(crate) fn organisation_secret(connection: &Connection) -> Result<hmac::Key> {
    let existing: Option<Vec<u8>> = connection
        .query_row(
            "SELECT value FROM organisation_secret WHERE name = 'caller_number'",
            [],
            |row| row.get(0),
        )
        .optional()?;
    let secret = match existing {
        Some(secret) => secret,
        None => {
            let mut secret = vec![0u8; 32];
            fill_random(&mut secret)?;
            connection.execute(
                "INSERT INTO organisation_secret (name, value) VALUES ('caller_number', ?1)",
                [&secret],
            )?;
            secret
        }
    };
    Ok(hmac::Key::new(hmac::HMAC_SHA256, &secret))
}

/// What an anonymised call keeps of its case reference: short, and the
/// same wherever the organisation's secret anonymises it.
pub(crate) fn case_key(key: &hmac::Key, case_ref: &str) -> String {
    let tag = hmac::sign(key, format!("case-ref/{case_ref}").as_bytes());
    let hex: String = tag.as_ref()[..8]
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect();
    format!("P-{hex}")
}

/// The keyed hash stored instead of the number.
pub(crate) fn hash(key: &hmac::Key, normalised: &str) -> String {
    hmac::sign(key, normalised.as_bytes())
        .as_ref()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latvian_numbers_normalise_to_one_form() {
        for input in [
            "+371 25 565 098",
            "25565098",
            "00371 25565098",
            "+371 (2556) 5098",
        ] {
            assert_eq!(normalise(input).expect("valid"), "+37125565098", "{input}");
        }
        assert_eq!(normalise("+44 20 7946 0958").expect("UK"), "+442079460958");
    }

    #[test]
    fn nonsense_is_refused_with_the_field_named() {
        for input in ["", "call me", "+371 2556x098", "123", "+1234567890123456"] {
            assert!(
                matches!(
                    normalise(input),
                    Err(Error::InvalidInput {
                        field: "callerNumber",
                        ..
                    })
                ),
                "{input:?}"
            );
        }
    }

    #[test]
    fn the_hash_depends_on_the_secret() {
        let a = hmac::Key::new(hmac::HMAC_SHA256, b"secret a");
        let b = hmac::Key::new(hmac::HMAC_SHA256, b"secret b");
        assert_eq!(hash(&a, "+37125565098"), hash(&a, "+37125565098"));
        assert_ne!(hash(&a, "+37125565098"), hash(&b, "+37125565098"));
        assert!(!hash(&a, "+37125565098").contains("25565098"));
    }
}
