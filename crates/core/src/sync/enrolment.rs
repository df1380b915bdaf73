//! Enrolment packages: how a new device receives the server address, its
//! device token and the keys it may hold.
//!
//! The package is sealed with AES-256-GCM under a key derived (PBKDF2, the
//! same 600,000 iterations as passphrases) from a one-time code of 80 random
//! bits that the supervisor reads out; the package itself can travel as a file
//! or a pasted text block, and is useless without the code.

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use chrono::{DateTime, Duration, Utc};
use ring::aead::{Aad, LessSafeKey, Nonce, UnboundKey, AES_256_GCM, NONCE_LEN};
use ring::pbkdf2;
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use zeroize::Zeroizing;

use super::identity::GrantWithKey;
use super::keys::KeyGrant;
use crate::accounts::Role;
use crate::error::{Error, Result};
use crate::region::Region;
use crate::store::crypto::{fill_random, MAX_KDF_ITERATIONS, MIN_KDF_ITERATIONS, SALT_LEN};
use crate::store::files::{read_chosen_text, ChosenFile};
use hotline_protocol::identity::DeviceCertificate;
use hotline_protocol::limits::ENROLMENT_VALID_DAYS;

const PREFIX: &str = "hotline-enrolment-v1:";
const AAD: &[u8] = b"hotline-desk/enrolment/v1";
/// Crockford's base32: no I, L, O or U to misread.
const CODE_ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const CODE_CHARS: usize = 16;
/// A package holds a few keys and perhaps a certificate: a few kilobytes.
const PACKAGE_FILE_LIMIT: u64 = 1024 * 1024;

/// The code the supervisor reads out, shown as `XXXX-XXXX-XXXX-XXXX`.
pub struct EnrolmentCode(Zeroizing<String>);

impl std::fmt::Debug for EnrolmentCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("EnrolmentCode(..)")
    }
}

/// The code goes to the supervisor's screen as plain text: the one copy
/// the app cannot wipe (see docs/security.md).
impl Serialize for EnrolmentCode {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl EnrolmentCode {
    pub fn generate() -> Result<Self> {
        let mut random = Zeroizing::new([0u8; CODE_CHARS]);
        fill_random(random.as_mut())?;
        let mut code = Zeroizing::new(String::with_capacity(CODE_CHARS + 3));
        for (index, byte) in random.iter().enumerate() {
            if index > 0 && index % 4 == 0 {
                code.push('-');
            }
            code.push(char::from(CODE_ALPHABET[usize::from(byte & 0x1f)]));
        }
        Ok(Self(code))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// What the consultant typed: case, spaces and hyphens do not matter, and
    /// O, I and L read as 0, 1 and 1.
    fn normalised(typed: &str) -> Zeroizing<String> {
        Zeroizing::new(
            typed
                .chars()
                .filter(|c| !c.is_whitespace() && *c != '-')
                .map(|c| match c.to_ascii_uppercase() {
                    'O' => '0',
                    'I' | 'L' => '1',
                    other => other,
                })
                .collect(),
        )
    }
}

/// What a package carries. One made before device certificates lacks the
/// root and the grant and is refused as not valid: it needs a new one.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct EnrolmentContents {
    pub server_url: String,
    /// The certificate (PEM) the device trusts for its server, when the
    /// server's is not from a public authority.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server_certificate: Option<String>,
    pub organisation_id: Uuid,
    pub organisation_name: String,
    pub organisation_created_at: DateTime<Utc>,
    pub device_id: Uuid,
    pub device_name: String,
    pub device_token: Zeroizing<String>,
    pub role: Role,
    pub region: Region,
    pub expires_at: DateTime<Utc>,
    pub keys: KeyGrant,
    /// The organisation's root certificate, pinned by the new device.
    pub root_certificate: DeviceCertificate,
    /// A supervisor device's grant, with the one-time key the new device
    /// signs its own certificate with.
    pub grant: GrantWithKey,
}

/// The device token and the keys are left out: printed, they would let their
/// reader join as the device.
impl std::fmt::Debug for EnrolmentContents {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EnrolmentContents")
            .field("server_url", &self.server_url)
            .field("organisation_id", &self.organisation_id)
            .field("device_id", &self.device_id)
            .field("role", &self.role)
            .field("region", &self.region)
            .field("expires_at", &self.expires_at)
            .finish_non_exhaustive()
    }
}

impl EnrolmentContents {
    pub fn expiry(now: DateTime<Utc>) -> DateTime<Utc> {
        now + Duration::days(ENROLMENT_VALID_DAYS)
    }

    /// The package as text, sealed under `code`.
    pub fn seal(&self, code: &EnrolmentCode) -> Result<String> {
        let mut salt = [0u8; SALT_LEN];
        let mut nonce = [0u8; NONCE_LEN];
        fill_random(&mut salt)?;
        fill_random(&mut nonce)?;
        let key = package_key(code.as_str(), &salt, MIN_KDF_ITERATIONS)?;
        let mut sealed =
            Zeroizing::new(serde_json::to_vec(self).map_err(|_| Error::EnrolmentPackageInvalid)?);
        key.seal_in_place_append_tag(
            Nonce::assume_unique_for_key(nonce),
            Aad::from(AAD),
            &mut *sealed,
        )
        .map_err(|_| Error::Random)?;
        let mut bytes = Vec::with_capacity(SALT_LEN + 4 + NONCE_LEN + sealed.len());
        bytes.extend_from_slice(&salt);
        bytes.extend_from_slice(&MIN_KDF_ITERATIONS.to_be_bytes());
        bytes.extend_from_slice(&nonce);
        bytes.extend_from_slice(&sealed);
        Ok(format!("{PREFIX}{}", BASE64.encode(bytes)))
    }

    /// Opens a package with the typed code; refuses an expired one.
    pub fn open(text: &str, typed_code: &str, now: DateTime<Utc>) -> Result<Self> {
        let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        let encoded = compact
            .strip_prefix(PREFIX)
            .ok_or(Error::EnrolmentPackageInvalid)?;
        let bytes = BASE64
            .decode(encoded)
            .map_err(|_| Error::EnrolmentPackageInvalid)?;
        if bytes.len() < SALT_LEN + 4 + NONCE_LEN + 16 {
            return Err(Error::EnrolmentPackageInvalid);
        }
        let (salt, rest) = bytes.split_at(SALT_LEN);
        let (iterations, rest) = rest.split_at(4);
        let (nonce, sealed) = rest.split_at(NONCE_LEN);
        let iterations = u32::from_be_bytes(
            iterations
                .try_into()
                .map_err(|_| Error::EnrolmentPackageInvalid)?,
        );
        if !(MIN_KDF_ITERATIONS..=MAX_KDF_ITERATIONS).contains(&iterations) {
            return Err(Error::EnrolmentPackageInvalid);
        }
        let code = EnrolmentCode::normalised(typed_code);
        if code.len() != CODE_CHARS {
            return Err(Error::EnrolmentCodeWrong);
        }
        let key = package_key(&code, salt, iterations)?;
        let nonce: [u8; NONCE_LEN] = nonce
            .try_into()
            .map_err(|_| Error::EnrolmentPackageInvalid)?;
        let mut buffer = Zeroizing::new(sealed.to_vec());
        let plain = key
            .open_in_place(
                Nonce::assume_unique_for_key(nonce),
                Aad::from(AAD),
                &mut buffer,
            )
            .map_err(|_| Error::EnrolmentCodeWrong)?;
        let contents: Self =
            serde_json::from_slice(plain).map_err(|_| Error::EnrolmentPackageInvalid)?;
        if contents.expires_at < now {
            return Err(Error::EnrolmentExpired);
        }
        Ok(contents)
    }
}

/// The text of the package file a person chose, refused at once when it is
/// not a package at all, before they type the code.
pub fn read_package_file(path: &std::path::Path) -> Result<ChosenFile> {
    let text = read_chosen_text(path, PACKAGE_FILE_LIMIT)?.ok_or(Error::EnrolmentPackageInvalid)?;
    if !text.trim_start().starts_with(PREFIX) {
        return Err(Error::EnrolmentPackageInvalid);
    }
    Ok(ChosenFile::new(path, text))
}

fn package_key(code: &str, salt: &[u8], iterations: u32) -> Result<LessSafeKey> {
    let code = EnrolmentCode::normalised(code);
    let mut key = Zeroizing::new([0u8; 32]);
    pbkdf2::derive(
        pbkdf2::PBKDF2_HMAC_SHA256,
        std::num::NonZeroU32::new(iterations).ok_or(Error::EnrolmentPackageInvalid)?,
        salt,
        code.as_bytes(),
        key.as_mut(),
    );
    let unbound = UnboundKey::new(&AES_256_GCM, key.as_ref()).map_err(|_| Error::Random)?;
    Ok(LessSafeKey::new(unbound))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_sixteen_unambiguous_characters_in_groups_of_four() {
        let code = EnrolmentCode::generate().expect("code");
        let text = code.as_str();
        assert_eq!(text.len(), 19);
        assert_eq!(text.matches('-').count(), 3);
        assert!(text
            .chars()
            .filter(|c| *c != '-')
            .all(|c| CODE_ALPHABET.contains(&(c as u8))));
        assert_eq!(
            EnrolmentCode::normalised("abcd-efgh ijkl-mnop").as_str(),
            "ABCDEFGH1JK1MN0P"
        );
    }

    #[test]
    fn only_a_package_file_is_read() {
        let dir = tempfile::tempdir().expect("tempdir");
        let package = dir.path().join("latgale.txt");
        std::fs::write(&package, format!("{PREFIX}AAAA\n")).expect("write");
        let chosen = read_package_file(&package).expect("a package");
        assert_eq!(chosen.name, "latgale.txt");
        assert!(chosen.text.starts_with(PREFIX));
        let other = dir.path().join("notes.txt");
        std::fs::write(&other, "Sveiki!").expect("write");
        assert!(matches!(
            read_package_file(&other),
            Err(Error::EnrolmentPackageInvalid)
        ));
    }
}
