//! The key ring: one wrapped copy of the data key per local account, kept in
//! `keyring.json` beside the database because it must be read before the
//! database can be opened.
//!
//! Logins are not stored in clear: each entry is found by an HMAC of the login
//! under a random per-device salt, so a stolen laptop does not list its staff.

use std::path::{Path, PathBuf};

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use ring::hmac;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::crypto::{fill_random, KdfParams, WrappedKey, SALT_LEN};
use super::files::{read_json, write_json_atomically, ReadJsonError};
use crate::error::{Error, Result};

const FORMAT: u32 = 1;

#[derive(Debug, Clone)]
pub struct KeyRing {
    path: PathBuf,
    login_salt: [u8; SALT_LEN],
    entries: Vec<KeyRingEntry>,
    /// The login digests of accounts a supervisor disabled: their wrapped
    /// keys are gone, and an unlock with one is told why, not "wrong".
    disabled_logins: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyRingEntry {
    pub account_id: Uuid,
    login_digest: String,
    pub wrapped: WrappedKey,
}

impl KeyRingEntry {
    /// The associated data that binds a wrapped key to its account.
    pub fn wrap_context(account_id: Uuid) -> Vec<u8> {
        let mut context = b"hotline-desk/data-key/v1/".to_vec();
        context.extend_from_slice(account_id.as_bytes());
        context
    }
}

impl KeyRing {
    /// A new, empty key ring for a device being set up.
    pub fn create(path: PathBuf) -> Result<Self> {
        let mut login_salt = [0u8; SALT_LEN];
        fill_random(&mut login_salt)?;
        Ok(Self {
            path,
            login_salt,
            entries: Vec::new(),
            disabled_logins: Vec::new(),
        })
    }

    /// Loads the key ring; `Ok(None)` when the device has not been set up.
    pub fn load(path: PathBuf) -> Result<Option<Self>> {
        let file: KeyRingFile = match read_json(&path) {
            Ok(Some(file)) => file,
            Ok(None) => return Ok(None),
            Err(ReadJsonError::Io(error)) => return Err(error),
            Err(ReadJsonError::Malformed(reason)) => {
                return Err(Error::KeyFileCorrupt { path, reason })
            }
        };
        let ring = file
            .into_key_ring(path.clone())
            .map_err(|reason| Error::KeyFileCorrupt { path, reason })?;
        Ok(Some(ring))
    }

    pub fn save(&self) -> Result<()> {
        write_json_atomically(&self.path, &KeyRingFile::from(self))
    }

    /// The key ring as it is saved, for carrying inside a backup.
    pub(crate) fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(KeyRingFile::from(self)).unwrap_or(serde_json::Value::Null)
    }

    /// A key ring carried inside a backup, to be saved at `path`; the reason
    /// when it is not one.
    pub(crate) fn from_json(path: PathBuf, value: serde_json::Value) -> Result<Self, String> {
        serde_json::from_value::<KeyRingFile>(value)
            .map_err(|error| error.to_string())?
            .into_key_ring(path)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn entries(&self) -> &[KeyRingEntry] {
        &self.entries
    }

    pub fn find(&self, login: &str) -> Option<&KeyRingEntry> {
        let digest = self.login_digest(login);
        self.entries
            .iter()
            .find(|entry| entry.login_digest == digest)
    }

    /// Adds the account's wrapped key, or replaces it (a changed passphrase).
    pub fn put(&mut self, account_id: Uuid, login: &str, wrapped: WrappedKey) {
        let login_digest = self.login_digest(login);
        self.entries.retain(|entry| entry.account_id != account_id);
        self.disabled_logins
            .retain(|digest| *digest != login_digest);
        self.entries.push(KeyRingEntry {
            account_id,
            login_digest,
            wrapped,
        });
    }

    /// Takes a disabled account's wrapped key out, remembering its login as
    /// disabled; whether there was a key to take.
    pub fn disable(&mut self, account_id: Uuid) -> bool {
        let Some(index) = self
            .entries
            .iter()
            .position(|entry| entry.account_id == account_id)
        else {
            return false;
        };
        let entry = self.entries.remove(index);
        self.disabled_logins.push(entry.login_digest);
        true
    }

    /// Whether `login` belonged to an account disabled on this laptop.
    pub fn is_disabled(&self, login: &str) -> bool {
        let digest = self.login_digest(login);
        self.disabled_logins.contains(&digest)
    }

    fn login_digest(&self, login: &str) -> String {
        let key = hmac::Key::new(hmac::HMAC_SHA256, &self.login_salt);
        let tag = hmac::sign(&key, login.as_bytes());
        BASE64.encode(tag.as_ref())
    }
}

/// The on-disk form; binary fields in base64.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct KeyRingFile {
    format: u32,
    login_salt: String,
    accounts: Vec<KeyRingEntryFile>,
    /// Left out when empty, so a key ring with no disabled account keeps
    /// the first version's shape.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    disabled_logins: Vec<String>,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct KeyRingEntryFile {
    account_id: Uuid,
    login_digest: String,
    kdf: String,
    kdf_iterations: u32,
    kdf_salt: String,
    nonce: String,
    wrapped_key: String,
}

const KDF_NAME: &str = "pbkdf2-hmac-sha256";

impl From<&KeyRing> for KeyRingFile {
    fn from(ring: &KeyRing) -> Self {
        Self {
            format: FORMAT,
            login_salt: BASE64.encode(ring.login_salt),
            accounts: ring
                .entries
                .iter()
                .map(|entry| KeyRingEntryFile {
                    account_id: entry.account_id,
                    login_digest: entry.login_digest.clone(),
                    kdf: KDF_NAME.to_owned(),
                    kdf_iterations: entry.wrapped.kdf.iterations,
                    kdf_salt: BASE64.encode(entry.wrapped.kdf.salt),
                    nonce: BASE64.encode(entry.wrapped.nonce),
                    wrapped_key: BASE64.encode(&entry.wrapped.sealed),
                })
                .collect(),
            disabled_logins: ring.disabled_logins.clone(),
        }
    }
}

impl KeyRingFile {
    fn into_key_ring(self, path: PathBuf) -> Result<KeyRing, String> {
        if self.format != FORMAT {
            return Err(format!("unknown format {}", self.format));
        }
        let entries = self
            .accounts
            .into_iter()
            .map(|entry| {
                if entry.kdf != KDF_NAME {
                    return Err(format!("unknown key derivation {}", entry.kdf));
                }
                Ok(KeyRingEntry {
                    account_id: entry.account_id,
                    login_digest: entry.login_digest,
                    wrapped: WrappedKey {
                        kdf: KdfParams {
                            iterations: entry.kdf_iterations,
                            salt: decode_fixed(&entry.kdf_salt, "kdfSalt")?,
                        },
                        nonce: decode_fixed(&entry.nonce, "nonce")?,
                        sealed: BASE64
                            .decode(&entry.wrapped_key)
                            .map_err(|_| "wrappedKey is not base64".to_owned())?,
                    },
                })
            })
            .collect::<Result<_, String>>()?;
        Ok(KeyRing {
            path,
            login_salt: decode_fixed(&self.login_salt, "loginSalt")?,
            entries,
            disabled_logins: self.disabled_logins,
        })
    }
}

fn decode_fixed<const N: usize>(text: &str, field: &str) -> Result<[u8; N], String> {
    BASE64
        .decode(text)
        .ok()
        .and_then(|bytes| bytes.try_into().ok())
        .ok_or_else(|| format!("{field} is not {N} bytes of base64"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::crypto::DataKey;

    #[test]
    fn saved_key_ring_loads_back_and_finds_accounts_by_login() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("keyring.json");
        let mut ring = KeyRing::create(path.clone()).expect("create");
        let account = Uuid::new_v4();
        let key = DataKey::generate().expect("key");
        let context = KeyRingEntry::wrap_context(account);
        ring.put(
            account,
            "anna",
            WrappedKey::wrap(&key, "a long passphrase", &context).expect("wrap"),
        );
        ring.save().expect("save");

        let loaded = KeyRing::load(path).expect("load").expect("present");
        let entry = loaded.find("anna").expect("anna");
        assert_eq!(entry.account_id, account);
        assert!(loaded.find("janis").is_none());
        let text = std::fs::read_to_string(loaded.path()).expect("read");
        assert!(!text.contains("anna"), "the login is not stored in clear");
    }

    #[test]
    fn a_damaged_key_file_is_reported_not_replaced() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("keyring.json");
        std::fs::write(&path, b"{\"format\":1,").expect("write");
        let error = KeyRing::load(path.clone()).expect_err("damaged");
        assert!(matches!(error, Error::KeyFileCorrupt { .. }));
        assert_eq!(
            std::fs::read(&path).expect("still there"),
            b"{\"format\":1,"
        );
    }
}
