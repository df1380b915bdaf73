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
use chrono::{DateTime, Utc};
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

    pub(crate) fn from_slice(bytes: &[u8]) -> Option<Self> {
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

/// A key and the epoch it belongs to: 0 for a scope's first key, then the
/// epoch each rotation made ([`super::rotation`]).
#[derive(Debug, Clone, Copy)]
pub struct EpochKey<'a> {
    pub epoch: u32,
    pub key: &'a SyncKey,
}

/// The keys this device holds, by scope and epoch. An epoch usually has one
/// key; two supervisors rotating in the same second each make one, and both
/// are kept, so what either sealed still opens.
#[derive(Debug, Default)]
pub struct KeySet {
    keys: BTreeMap<(Scope, u32), Vec<SyncKey>>,
}

impl KeySet {
    /// The keys of `scope` at `epoch`, one of which opens what was sealed
    /// under it; empty when this device holds none.
    pub fn at_epoch(&self, scope: Scope, epoch: u32) -> &[SyncKey] {
        self.keys
            .get(&(scope, epoch))
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    /// The newest key of `scope`: what new envelopes are sealed under.
    pub fn current(&self, scope: Scope) -> Option<EpochKey<'_>> {
        self.keys
            .range((scope, 0)..=(scope, u32::MAX))
            .next_back()
            .and_then(|((_, epoch), keys)| keys.first().map(|key| EpochKey { epoch: *epoch, key }))
    }

    /// Every scope of which this device holds a key.
    pub fn scopes(&self) -> impl Iterator<Item = Scope> + '_ {
        let mut scopes: Vec<Scope> = self.keys.keys().map(|(scope, _)| *scope).collect();
        scopes.dedup();
        scopes.into_iter()
    }

    /// Every key with its scope and epoch.
    pub fn all(&self) -> impl Iterator<Item = (Scope, EpochKey<'_>)> {
        self.keys.iter().flat_map(|((scope, epoch), keys)| {
            keys.iter()
                .map(|key| (*scope, EpochKey { epoch: *epoch, key }))
        })
    }

    /// Every key with its scope and its name in a grant.
    fn named(&self) -> impl Iterator<Item = (Scope, String, &SyncKey)> {
        self.keys.iter().flat_map(|((scope, epoch), keys)| {
            keys.iter()
                .enumerate()
                .map(|(index, key)| (*scope, stored_name(*scope, *epoch, index), key))
        })
    }
}

/// A key's name among the organisation's secrets, and in an enrolment
/// package's grant: `sync:<scope>` for epoch 0, `sync:<scope>#<epoch>` after,
/// and `~2`, `~3`… for a second and third key of one epoch.
fn stored_name(scope: Scope, epoch: u32, index: usize) -> String {
    let name = match epoch {
        0 => scope.code(),
        epoch => format!("{}#{epoch}", scope.code()),
    };
    match index {
        0 => name,
        index => format!("{name}~{}", index + 1),
    }
}

fn parse_key_name(name: &str) -> Option<(Scope, u32)> {
    let name = match name.rsplit_once('~') {
        Some((name, index)) => index
            .parse::<u32>()
            .ok()
            .filter(|index| *index > 1)
            .map(|_| name)?,
        None => name,
    };
    let (scope, epoch) = match name.split_once('#') {
        Some((scope, epoch)) => (scope, epoch.parse().ok().filter(|epoch| *epoch > 0)?),
        None => (name, 0),
    };
    Some((Scope::parse(scope).ok()?, epoch))
}

/// The epoch a rotation at `now` makes: its time in seconds, so rotations
/// made by two supervisors apart from each other rarely collide, and always
/// above every epoch held.
pub(crate) fn next_epoch(held: &KeySet, now: DateTime<Utc>) -> u32 {
    let newest = held.keys.keys().map(|(_, epoch)| *epoch).max().unwrap_or(0);
    u32::try_from(now.timestamp())
        .unwrap_or(u32::MAX)
        .max(newest.saturating_add(1))
}

/// Every key this device holds.
pub(crate) fn load(connection: &Connection) -> Result<KeySet> {
    let mut statement = connection.prepare(
        "SELECT name, value FROM organisation_secret WHERE name LIKE 'sync:%' ORDER BY name",
    )?;
    let rows = statement.query_map([], |row| {
        Ok((row.get::<_, String>(0)?, row.get::<_, Vec<u8>>(1)?))
    })?;
    let mut keys = KeySet::default();
    for row in rows {
        let (name, value) = row?;
        let value = Zeroizing::new(value);
        let scope_and_epoch = parse_key_name(&name["sync:".len()..])
            .ok_or_else(|| Error::DatabaseCorrupt("a sync key has an unknown scope".into()))?;
        let key = SyncKey::from_slice(&value)
            .ok_or_else(|| Error::DatabaseCorrupt("a sync key has the wrong length".into()))?;
        keys.keys.entry(scope_and_epoch).or_default().push(key);
    }
    Ok(keys)
}

/// Creates the organisation key and every region key that does not exist yet:
/// the supervisor who registers the organisation on a server does this once.
pub(crate) fn ensure_all(connection: &Connection) -> Result<()> {
    let existing = load(connection)?;
    for scope in Scope::all() {
        if existing.current(scope).is_none() {
            store(connection, scope, 0, &SyncKey::generate()?)?;
        }
    }
    caller_number::organisation_secret(connection)?;
    Ok(())
}

pub(crate) fn store(
    connection: &Connection,
    scope: Scope,
    epoch: u32,
    key: &SyncKey,
) -> Result<()> {
    insert(connection, &stored_name(scope, epoch, 0), key)
}

/// Keeps a key another device made or granted. The same key already held
/// is kept once; a different key of an epoch already held (two supervisors
/// rotating in the same second) is kept beside it, so what either sealed
/// still opens.
pub(crate) fn install(
    connection: &Connection,
    scope: Scope,
    epoch: u32,
    key: &SyncKey,
) -> Result<()> {
    let held = load(connection)?;
    let same_epoch = held.at_epoch(scope, epoch);
    if same_epoch.iter().any(|other| other.bytes() == key.bytes()) {
        return Ok(());
    }
    insert(
        connection,
        &stored_name(scope, epoch, same_epoch.len()),
        key,
    )
}

fn insert(connection: &Connection, name: &str, key: &SyncKey) -> Result<()> {
    connection.execute(
        "INSERT INTO organisation_secret (name, value) VALUES (?1, ?2)
         ON CONFLICT (name) DO UPDATE SET value = excluded.value",
        params![format!("sync:{name}"), key.bytes().as_slice()],
    )?;
    Ok(())
}

/// The keys an enrolled device receives, inside the sealed enrolment package.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct KeyGrant {
    /// Key name ([`stored_name`]) → base64 key.
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
        let keys = held
            .named()
            .filter(|(scope, _, _)| scope.readable_by(role, region))
            .map(|(_, name, key)| (name, BASE64.encode(key.bytes())))
            .collect();
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
        for (name, key) in &self.keys {
            let (scope, epoch) = parse_key_name(name).ok_or_else(invalid)?;
            let bytes = Zeroizing::new(BASE64.decode(key).map_err(|_| invalid())?);
            install(
                connection,
                scope,
                epoch,
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

#[cfg(test)]
mod tests {
    use super::*;

    fn store_with_two_epochs() -> Connection {
        let mut connection = Connection::open_in_memory().expect("open");
        crate::store::schema::upgrade(&mut connection).expect("schema");
        ensure_all(&connection).expect("keys");
        store(
            &connection,
            Scope::Organisation,
            1_780_000_000,
            &SyncKey::generate().expect("key"),
        )
        .expect("rotated");
        connection
    }

    #[test]
    fn the_newest_epoch_seals_and_every_epoch_still_opens() {
        let connection = store_with_two_epochs();
        let keys = load(&connection).expect("load");
        let current = keys.current(Scope::Organisation).expect("current");
        assert_eq!(current.epoch, 1_780_000_000);
        assert_eq!(keys.at_epoch(Scope::Organisation, 0).len(), 1);
        assert_eq!(
            keys.current(Scope::Region(Region::Kurzeme))
                .expect("region")
                .epoch,
            0
        );
        assert_eq!(
            keys.scopes().count(),
            Scope::all().count(),
            "each scope once"
        );
    }

    #[test]
    fn a_grant_carries_every_epoch_of_the_scopes_it_may_read() {
        let connection = store_with_two_epochs();
        let grant =
            KeyGrant::for_device(&connection, Role::Consultant, Region::Kurzeme).expect("grant");
        let names: Vec<&str> = grant.keys.keys().map(String::as_str).collect();
        assert_eq!(names, ["org", "org#1780000000", "region:kurzeme"]);
        let mut other = Connection::open_in_memory().expect("open");
        crate::store::schema::upgrade(&mut other).expect("schema");
        grant.install(&other).expect("install");
        let installed = load(&other).expect("load");
        assert_eq!(
            installed.current(Scope::Organisation).expect("org").epoch,
            1_780_000_000
        );
        assert!(installed.current(Scope::Region(Region::Latgale)).is_none());
    }

    #[test]
    fn a_rotation_epoch_is_its_time_and_always_above_every_epoch_held() {
        let connection = store_with_two_epochs();
        let keys = load(&connection).expect("load");
        let later = DateTime::from_timestamp(1_790_000_000, 0).expect("time");
        assert_eq!(next_epoch(&keys, later), 1_790_000_000);
        let slow_clock = DateTime::from_timestamp(1_700_000_000, 0).expect("time");
        assert_eq!(next_epoch(&keys, slow_clock), 1_780_000_001);
        assert_eq!(parse_key_name("org#0"), None, "epoch 0 has no suffix");
        assert_eq!(parse_key_name("org#x"), None);
        assert_eq!(parse_key_name("org#5~2"), Some((Scope::Organisation, 5)));
        assert_eq!(
            parse_key_name("org#5~1"),
            None,
            "the first key has no suffix"
        );
        assert_eq!(parse_key_name("org#5~"), None);
    }

    #[test]
    fn a_second_key_of_an_epoch_is_kept_beside_the_first_and_granted_with_it() {
        let connection = store_with_two_epochs();
        let epoch = 1_780_000_000;
        let first = load(&connection).expect("load");
        let first_key = first
            .current(Scope::Organisation)
            .expect("current")
            .key
            .bytes()
            .to_owned();
        let same = SyncKey::from_slice(&first_key).expect("same key");
        install(&connection, Scope::Organisation, epoch, &same).expect("same again");
        let second = SyncKey::generate().expect("key");
        install(&connection, Scope::Organisation, epoch, &second).expect("second");
        let keys = load(&connection).expect("load");
        let at_epoch = keys.at_epoch(Scope::Organisation, epoch);
        assert_eq!(
            at_epoch.len(),
            2,
            "the same key is kept once, a different one beside it"
        );
        assert_eq!(at_epoch[0].bytes(), &first_key, "the first stays current");
        assert_eq!(at_epoch[1].bytes(), second.bytes());

        let grant =
            KeyGrant::for_device(&connection, Role::Consultant, Region::Kurzeme).expect("grant");
        let mut other = Connection::open_in_memory().expect("open");
        crate::store::schema::upgrade(&mut other).expect("schema");
        grant.install(&other).expect("install");
        let granted = load(&other).expect("load");
        assert_eq!(granted.at_epoch(Scope::Organisation, epoch).len(), 2);
    }
}
