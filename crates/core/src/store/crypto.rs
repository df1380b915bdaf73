//! The key hierarchy's primitives (ring): the random data key that SQLCipher uses
//! as its raw key, and its wrapping under a key derived from a passphrase with
//! PBKDF2-HMAC-SHA256 and sealed with AES-256-GCM.
//!
//! Every buffer that holds key material is zeroized when dropped.

use std::num::NonZeroU32;

use ring::aead::{Aad, LessSafeKey, Nonce, UnboundKey, AES_256_GCM, NONCE_LEN};
use ring::pbkdf2;
use ring::rand::{SecureRandom, SystemRandom};
use zeroize::{Zeroize, Zeroizing};

use crate::error::{Error, Result};

/// OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256; never stored lower.
pub const MIN_KDF_ITERATIONS: u32 = 600_000;
/// The most a key ring or an enrolment package may ask for: a file that
/// asks for billions would hold the unlock screen for hours.
pub const MAX_KDF_ITERATIONS: u32 = 20 * MIN_KDF_ITERATIONS;
pub const SALT_LEN: usize = 16;
const KEY_LEN: usize = 32;

/// The random 256-bit key SQLCipher encrypts the database with.
pub struct DataKey(Zeroizing<[u8; KEY_LEN]>);

impl std::fmt::Debug for DataKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DataKey(..)")
    }
}

impl DataKey {
    pub fn generate() -> Result<Self> {
        let mut key = Zeroizing::new([0u8; KEY_LEN]);
        fill_random(key.as_mut())?;
        Ok(Self(key))
    }

    /// A second holder of the key (the session's readers), wiped when it
    /// goes like the first.
    pub(crate) fn duplicate(&self) -> Self {
        Self(Zeroizing::new(*self.0))
    }

    pub(crate) fn bytes(&self) -> &[u8; KEY_LEN] {
        &self.0
    }

    /// `PRAGMA key = "x'…'";`, built in one buffer of the right size so that
    /// no copy of the key is left behind unwiped by a growing string.
    pub(crate) fn key_statement(&self) -> Zeroizing<String> {
        const BEFORE: &str = "PRAGMA key = \"";
        const AFTER: &str = "\";";
        let literal = self.sqlcipher_literal();
        let mut statement = Zeroizing::new(String::with_capacity(
            BEFORE.len() + literal.len() + AFTER.len(),
        ));
        statement.push_str(BEFORE);
        statement.push_str(&literal);
        statement.push_str(AFTER);
        statement
    }

    /// The `PRAGMA key` value: SQLCipher's raw-key literal `x'…'`, so SQLCipher
    /// runs no KDF of its own.
    pub(crate) fn sqlcipher_literal(&self) -> Zeroizing<String> {
        let mut literal = Zeroizing::new(String::with_capacity(3 + 2 * KEY_LEN + 1));
        literal.push_str("x'");
        for byte in self.0.iter() {
            literal.push(char::from(HEX[usize::from(byte >> 4)]));
            literal.push(char::from(HEX[usize::from(byte & 0x0f)]));
        }
        literal.push('\'');
        literal
    }
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// How a passphrase becomes a key-encryption key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KdfParams {
    pub iterations: u32,
    pub salt: [u8; SALT_LEN],
}

impl KdfParams {
    pub fn fresh() -> Result<Self> {
        let mut salt = [0u8; SALT_LEN];
        fill_random(&mut salt)?;
        Ok(Self {
            iterations: MIN_KDF_ITERATIONS,
            salt,
        })
    }

    fn derive(&self, passphrase: &str) -> Result<Zeroizing<[u8; KEY_LEN]>> {
        let iterations = NonZeroU32::new(self.iterations)
            .filter(|n| (MIN_KDF_ITERATIONS..=MAX_KDF_ITERATIONS).contains(&n.get()))
            .ok_or(Error::WrongCredentials)?;
        let mut kek = Zeroizing::new([0u8; KEY_LEN]);
        pbkdf2::derive(
            pbkdf2::PBKDF2_HMAC_SHA256,
            iterations,
            &self.salt,
            passphrase.as_bytes(),
            kek.as_mut(),
        );
        Ok(kek)
    }
}

/// A data key sealed under one account's passphrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrappedKey {
    pub kdf: KdfParams,
    pub nonce: [u8; NONCE_LEN],
    /// The sealed data key followed by the 16-byte GCM tag.
    pub sealed: Vec<u8>,
}

impl WrappedKey {
    /// Seals `data_key` under `passphrase`, bound to `context` (the account id)
    /// so a wrapped key cannot be moved to another account.
    pub fn wrap(data_key: &DataKey, passphrase: &str, context: &[u8]) -> Result<Self> {
        let kdf = KdfParams::fresh()?;
        let mut nonce = [0u8; NONCE_LEN];
        fill_random(&mut nonce)?;
        let sealing_key = aead_key(&*kdf.derive(passphrase)?)?;
        let mut sealed = data_key.bytes().to_vec();
        sealing_key
            .seal_in_place_append_tag(
                Nonce::assume_unique_for_key(nonce),
                Aad::from(context),
                &mut sealed,
            )
            .map_err(|_| Error::Random)?;
        Ok(Self { kdf, nonce, sealed })
    }

    /// Opens the data key; any wrong passphrase, context or flipped bit is
    /// `WrongCredentials`, and nothing else is touched.
    pub fn unwrap(&self, passphrase: &str, context: &[u8]) -> Result<DataKey> {
        let opening_key = aead_key(&*self.kdf.derive(passphrase)?)?;
        let mut buffer = Zeroizing::new(self.sealed.clone());
        let plain = opening_key
            .open_in_place(
                Nonce::assume_unique_for_key(self.nonce),
                Aad::from(context),
                &mut buffer,
            )
            .map_err(|_| Error::WrongCredentials)?;
        let mut key = Zeroizing::new([0u8; KEY_LEN]);
        if plain.len() != KEY_LEN {
            plain.zeroize();
            return Err(Error::WrongCredentials);
        }
        key.copy_from_slice(plain);
        Ok(DataKey(key))
    }
}

fn aead_key(key: &[u8; KEY_LEN]) -> Result<LessSafeKey> {
    let unbound = UnboundKey::new(&AES_256_GCM, key).map_err(|_| Error::Random)?;
    Ok(LessSafeKey::new(unbound))
}

pub(crate) fn fill_random(buffer: &mut [u8]) -> Result<()> {
    SystemRandom::new().fill(buffer).map_err(|_| Error::Random)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONTEXT: &[u8] = b"account-1";

    #[test]
    fn wrap_then_unwrap_returns_the_same_key() {
        let key = DataKey::generate().expect("key");
        let wrapped = WrappedKey::wrap(&key, "correct horse battery", CONTEXT).expect("wrap");
        let opened = wrapped
            .unwrap("correct horse battery", CONTEXT)
            .expect("unwrap");
        assert_eq!(opened.bytes(), key.bytes());
        assert!(wrapped.kdf.iterations >= MIN_KDF_ITERATIONS);
    }

    #[test]
    fn wrong_passphrase_context_or_flipped_bit_is_wrong_credentials() {
        let key = DataKey::generate().expect("key");
        let wrapped = WrappedKey::wrap(&key, "correct horse battery", CONTEXT).expect("wrap");
        assert!(matches!(
            wrapped.unwrap("correct horse batterY", CONTEXT),
            Err(Error::WrongCredentials)
        ));
        assert!(matches!(
            wrapped.unwrap("correct horse battery", b"account-2"),
            Err(Error::WrongCredentials)
        ));
        let mut flipped = wrapped.clone();
        flipped.sealed[3] ^= 0x01;
        assert!(matches!(
            flipped.unwrap("correct horse battery", CONTEXT),
            Err(Error::WrongCredentials)
        ));
    }

    /// Guards both ends of the range in `KdfParams::derive`: a lowered count
    /// weakens the key, a raised one (a forged key ring) hangs the unlock.
    #[test]
    fn an_iteration_count_out_of_bounds_is_refused_before_deriving() {
        let key = DataKey::generate().expect("key");
        for iterations in [1, MAX_KDF_ITERATIONS + 1, u32::MAX] {
            let mut wrapped =
                WrappedKey::wrap(&key, "correct horse battery", CONTEXT).expect("wrap");
            wrapped.kdf.iterations = iterations;
            assert!(
                matches!(
                    wrapped.unwrap("correct horse battery", CONTEXT),
                    Err(Error::WrongCredentials)
                ),
                "{iterations}"
            );
        }
    }

    /// RFC 7914 §11 gives PBKDF2-HMAC-SHA256 test vectors; this is its first.
    #[test]
    fn ring_pbkdf2_known_answer() {
        let mut out = [0u8; 64];
        pbkdf2::derive(
            pbkdf2::PBKDF2_HMAC_SHA256,
            NonZeroU32::new(1).expect("non-zero"),
            b"salt",
            b"passwd",
            &mut out,
        );
        let expected = "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc\
                        49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783";
        let hex: String = out.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(hex, expected);
    }

    #[test]
    fn sqlcipher_literal_is_a_raw_hex_key() {
        let key = DataKey::generate().expect("key");
        let literal = key.sqlcipher_literal();
        assert!(literal.starts_with("x'") && literal.ends_with('\''));
        assert_eq!(literal.len(), 2 + 64 + 1);
        let statement = key.key_statement();
        assert_eq!(
            statement.as_str(),
            format!("PRAGMA key = \"{}\";", literal.as_str())
        );
        assert_eq!(statement.capacity(), statement.len(), "never regrown");
    }
}
