//! The organisation's sync keys, kept inside the encrypted database: one key
//! for the organisation scope and one per region. A supervisor's device holds
//! them all; a consultant's device holds the organisation key and its own
//! region's key only, so even a server that sent it other regions' calls could
//! not read them.
//!
//! The caller-number secret travels with the keys: repeat callers are
//! recognised across devices only if every device hashes numbers the same way.

use std::collections::BTreeMap;

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::accounts::Role;
use crate::calls::caller_number;
use crate::error::{Error, Result};
use crate::region::Region;
use crate::store::crypto::fill_random;
use hotline_protocol::Scope;

const KEY_LEN: usize = 32;

pub struct SyncKey(Zeroizing<[u8; KEY_LEN]>);

impl std::fmt::Debug for SyncKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SyncKey(..)")
    }
}

impl SyncKey {
    pub fn generate() -> Result<Self> {
        let mut key = Zeroizing::new([0u8; KEY_LEN]);
        fill_random(key.as_mut())?;
        Ok(Self(key))
    }

    fn from_slice(bytes: &[u8]) -> Option<Self> {
        let mut key = Zeroizing::new([0u8; KEY_LEN]);
        if bytes.len() != KEY_LEN {
            return None;
        }
        key.copy_from_slice(bytes);
        Some(Self(key))
    }

    pub(crate) fn bytes(&self) -> &[u8; KEY_LEN] {
        &self.0
    }
}

/// The keys this device holds, by scope.
#[derive(Debug, Default)]
pub struct KeySet {
    keys: BTreeMap<Scope, SyncKey>,
}

impl KeySet {
    pub fn get(&self, scope: Scope) -> Option<&SyncKey> {
        self.keys.get(&scope)
    }

    pub fn scopes(&self) -> impl Iterator<Item = Scope> + '_ {
        self.keys.keys().copied()
    }
}

fn secret_name(scope: Scope) -> String {
    format!("sync:{}", scope.code())
}

/// Every key this device holds.
pub(crate) fn load(connection: &Connection) -> Result<KeySet> {
    let mut statement = connection
        .prepare("SELECT name, value FROM organisation_secret WHERE name LIKE 'sync:%'")?;
    let rows = statement.query_map([], |row| {
        Ok((row.get::<_, String>(0)?, row.get::<_, Vec<u8>>(1)?))
    })?;
    let mut keys = KeySet::default();
    for row in rows {
        let (name, value) = row?;
        let value = Zeroizing::new(value);
        let scope = Scope::parse(&name["sync:".len()..])
            .map_err(|_| Error::DatabaseCorrupt("a sync key has an unknown scope".into()))?;
        let key = SyncKey::from_slice(&value)
            .ok_or_else(|| Error::DatabaseCorrupt("a sync key has the wrong length".into()))?;
        keys.keys.insert(scope, key);
    }
    Ok(keys)
}

/// Creates the organisation key and every region key that does not exist yet:
/// the supervisor who registers the organisation on a server does this once.
pub(crate) fn ensure_all(connection: &Connection) -> Result<()> {
    let existing = load(connection)?;
    for scope in Scope::all() {
        if existing.get(scope).is_none() {
            store(connection, scope, &SyncKey::generate()?)?;
        }
    }
    caller_number::organisation_secret(connection)?;
    Ok(())
}

fn store(connection: &Connection, scope: Scope, key: &SyncKey) -> Result<()> {
    connection.execute(
        "INSERT INTO organisation_secret (name, value) VALUES (?1, ?2)
         ON CONFLICT (name) DO UPDATE SET value = excluded.value",
        params![secret_name(scope), key.bytes().as_slice()],
    )?;
    Ok(())
}

/// The keys an enrolled device receives, inside the sealed enrolment package.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct KeyGrant {
    /// Scope code → base64 key.
    keys: BTreeMap<String, String>,
    caller_number_secret: String,
}

impl std::fmt::Debug for KeyGrant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("KeyGrant(..)")
    }
}

impl Drop for KeyGrant {
    fn drop(&mut self) {
        use zeroize::Zeroize as _;
        for value in self.keys.values_mut() {
            value.zeroize();
        }
        self.caller_number_secret.zeroize();
    }
}

impl KeyGrant {
    /// The keys a device with `role` in `region` may hold, from this device's set.
    pub(crate) fn for_device(connection: &Connection, role: Role, region: Region) -> Result<Self> {
        let held = load(connection)?;
        let mut keys = BTreeMap::new();
        for scope in held
            .scopes()
            .filter(|scope| scope.readable_by(role, region))
        {
            if let Some(key) = held.get(scope) {
                keys.insert(scope.code(), BASE64.encode(key.bytes()));
            }
        }
        let secret: Zeroizing<Vec<u8>> = Zeroizing::new(connection.query_row(
            "SELECT value FROM organisation_secret WHERE name = 'caller_number'",
            [],
            |row| row.get(0),
        )?);
        Ok(Self {
            keys,
            caller_number_secret: BASE64.encode(secret.as_slice()),
        })
    }

    /// Stores the granted keys on a newly enrolled device.
    pub(crate) fn install(&self, connection: &Connection) -> Result<()> {
        let invalid = || Error::EnrolmentPackageInvalid;
        for (scope, key) in &self.keys {
            let scope = Scope::parse(scope).map_err(|_| invalid())?;
            let bytes = Zeroizing::new(BASE64.decode(key).map_err(|_| invalid())?);
            store(
                connection,
                scope,
                &SyncKey::from_slice(&bytes).ok_or_else(invalid)?,
            )?;
        }
        let secret = Zeroizing::new(
            BASE64
                .decode(&self.caller_number_secret)
                .map_err(|_| invalid())?,
        );
        connection.execute(
            "INSERT INTO organisation_secret (name, value) VALUES ('caller_number', ?1)
             ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            [secret.as_slice()],
        )?;
        Ok(())
    }
}
