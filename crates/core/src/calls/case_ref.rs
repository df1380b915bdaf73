//! Case references that stay unique across the organisation's laptops while
//! they work offline.
//!
//! A reference links the calls of one person. Laptops hand them out without
//! asking anyone, so each reference carries its device's *code*: four
//! characters of Crockford's base32 taken from a hash of the device id, then
//! the device's own counter: `K-7QX2-14`, short enough to read aloud over a
//! phone. A supervisor's device picks a new device's id so that its code
//! clashes with no device it knows ([`clashes`]). References of the form
//! `K-0042`, from before devices had codes, stay valid.

use ring::digest::{digest, SHA256};
use rusqlite::Connection;
use uuid::Uuid;

use crate::error::Result;

/// Crockford's base32: digits and letters without I, L, O and U, so a
/// reference read aloud or typed from a note cannot be misread.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const CODE_LEN: usize = 4;
/// The most digits a device's counter has: a million cases per laptop.
const MAX_COUNTER_DIGITS: usize = 6;

/// The four-character code of a device's references.
pub fn device_code(device_id: Uuid) -> String {
    let hash = digest(&SHA256, device_id.as_bytes());
    let bits = u32::from_be_bytes([hash.as_ref()[0], hash.as_ref()[1], hash.as_ref()[2], 0]) >> 12;
    (0..CODE_LEN)
        .rev()
        .map(|index| char::from(ALPHABET[((bits >> (index * 5)) & 31) as usize]))
        .collect()
}

/// Whether `device_id`'s code is already another known device's.
pub fn clashes(device_id: Uuid, known: impl IntoIterator<Item = Uuid>) -> bool {
    let code = device_code(device_id);
    known
        .into_iter()
        .any(|other| other != device_id && device_code(other) == code)
}

/// The next reference this device hands out: its code and one more than
/// the highest counter under that code among the calls it holds (its own,
/// and its own coming back from a backup's sync).
pub fn next(connection: &Connection, device_id: Uuid) -> Result<String> {
    let prefix = format!("K-{}-", device_code(device_id));
    let highest: Option<i64> = connection.query_row(
        "SELECT max(CAST(substr(case_ref, length(?1) + 1) AS INTEGER)) FROM call
         WHERE substr(case_ref, 1, length(?1)) = ?1",
        [&prefix],
        |row| row.get(0),
    )?;
    Ok(format!("{prefix}{}", highest.unwrap_or(0) + 1))
}

/// A reference as typed: trimmed, upper-case, and in the device code the
/// letters Crockford reads as digits (O as 0, I and L as 1).
pub fn normalise(text: &str) -> String {
    let upper = text.trim().to_uppercase();
    match upper.split('-').collect::<Vec<_>>().as_slice() {
        ["K", code, counter] if code.len() == CODE_LEN => {
            let code: String = code
                .chars()
                .map(|c| match c {
                    'O' => '0',
                    'I' | 'L' => '1',
                    other => other,
                })
                .collect();
            format!("K-{code}-{counter}")
        }
        _ => upper,
    }
}

/// "K-", a device code, "-" and a counter of up to six digits; or, from
/// before devices had codes, "K-" and at least four digits.
pub fn is_case_ref(text: &str) -> bool {
    let digits = |part: &str, range: std::ops::RangeInclusive<usize>| {
        range.contains(&part.len()) && part.chars().all(|c| c.is_ascii_digit())
    };
    match text.split('-').collect::<Vec<_>>().as_slice() {
        ["K", number] => digits(number, 4..=usize::MAX),
        ["K", code, counter] => {
            code.len() == CODE_LEN
                && code.bytes().all(|byte| ALPHABET.contains(&byte))
                && digits(counter, 1..=MAX_COUNTER_DIGITS)
                && !counter.starts_with('0')
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_device_code_is_four_characters_a_reader_cannot_confuse() {
        for seed in 0..500u128 {
            let code = device_code(Uuid::from_u128(seed));
            assert_eq!(code.len(), CODE_LEN);
            assert!(code.bytes().all(|byte| ALPHABET.contains(&byte)), "{code}");
            assert!(!code.contains(['I', 'L', 'O', 'U']), "{code}");
        }
        assert_eq!(
            device_code(Uuid::from_u128(7)),
            device_code(Uuid::from_u128(7)),
            "the same device always has the same code"
        );
    }

    #[test]
    fn references_of_both_forms_are_accepted_and_nothing_else() {
        let code = device_code(Uuid::from_u128(1));
        for good in [
            "K-0042".to_owned(),
            format!("K-{code}-1"),
            format!("K-{code}-999999"),
        ] {
            assert!(is_case_ref(&good), "{good}");
        }
        for bad in [
            "K-42".to_owned(),
            format!("K-{code}-0"),
            format!("K-{code}-01"),
            format!("K-{code}-1234567"),
            format!("K-{code}-"),
            "K-ABCU-1".to_owned(),
            "K-ABC-1".to_owned(),
            "X-0042".to_owned(),
            format!("K-{code}-1-2"),
        ] {
            assert!(!is_case_ref(&bad), "{bad}");
        }
    }

    #[test]
    fn a_reference_typed_with_lookalike_letters_is_read_as_meant() {
        assert_eq!(normalise(" k-o1lz-14 "), "K-011Z-14");
        assert_eq!(normalise("k-0042"), "K-0042");
    }

    #[test]
    fn a_clash_is_only_with_another_device() {
        let device = Uuid::from_u128(3);
        assert!(!clashes(device, [device]));
        let twin = (0..1_000_000u128)
            .map(Uuid::from_u128)
            .find(|other| *other != device && device_code(*other) == device_code(device))
            .expect("20 bits: a twin among a million ids");
        assert!(clashes(device, [Uuid::from_u128(4), twin]));
    }
}
