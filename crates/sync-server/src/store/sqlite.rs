//! The embedded SQLite backend: zero set-up, one file in the data directory.
//! A push is committed with `synchronous = FULL` before it is acknowledged, so
//! an acknowledged envelope survives a crash of the server.

use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};

use chrono::{DateTime, Utc};
use hotline_protocol::identity::{Certificates, DeviceCertificate, Revocation};
use hotline_protocol::{DeviceInfo, Envelope, PulledEnvelope, RecordKind, Region, Role, Scope};
use rusqlite::{params, Connection, OptionalExtension, Row};
use uuid::Uuid;

use super::{certificates_from, to_json, Device, NewDevice, Store, StoreError};

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS organisation (
    id TEXT PRIMARY KEY NOT NULL,
    registered_at TEXT NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS device (
    id TEXT PRIMARY KEY NOT NULL,
    organisation_id TEXT NOT NULL REFERENCES organisation(id),
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    region TEXT NOT NULL,
    token_hash BLOB NOT NULL UNIQUE,
    enrolled_at TEXT NOT NULL,
    last_seen_at TEXT,
    revoked_at TEXT
) STRICT;

CREATE TABLE IF NOT EXISTS envelope (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    organisation_id TEXT NOT NULL,
    id TEXT NOT NULL,
    kind TEXT NOT NULL,
    record_id TEXT NOT NULL,
    version TEXT NOT NULL,
    scope TEXT NOT NULL,
    nonce BLOB NOT NULL,
    ciphertext BLOB NOT NULL,
    pushed_by TEXT NOT NULL,
    received_at TEXT NOT NULL,
    UNIQUE (organisation_id, id)
) STRICT;
CREATE INDEX IF NOT EXISTS envelope_by_scope ON envelope (organisation_id, scope, seq);
CREATE INDEX IF NOT EXISTS envelope_by_record ON envelope (organisation_id, record_id);
";

/// Columns of protocol version 2, added to a store an older server made:
/// (table, column, definition).
const VERSION_2_COLUMNS: [(&str, &str, &str); 6] = [
    ("device", "certificate", "TEXT"),
    ("device", "signing_key", "BLOB"),
    ("device", "joins_before", "TEXT"),
    ("device", "revocation", "TEXT"),
    ("envelope", "signature", "BLOB NOT NULL DEFAULT x''"),
    ("envelope", "key_epoch", "INTEGER NOT NULL DEFAULT 0"),
];

/// The embedded store: one SQLite file in WAL mode, one connection. A push
/// holds the connection for its whole transaction, so sequence numbers are
/// committed in order.
#[derive(Debug, Clone)]
pub struct SqliteStore {
    connection: Arc<Mutex<Connection>>,
}

impl SqliteStore {
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        let connection = Connection::open(path)?;
        connection.pragma_update(None, "journal_mode", "WAL")?;
        connection.pragma_update(None, "synchronous", "FULL")?;
        connection.pragma_update(None, "foreign_keys", "ON")?;
        // Removed calls' envelopes are deleted; their bytes must not linger in
        // free pages.
        connection.pragma_update(None, "secure_delete", "ON")?;
        connection.execute_batch(SCHEMA)?;
        add_missing_columns(&connection)?;
        Ok(Self {
            connection: Arc::new(Mutex::new(connection)),
        })
    }

    fn lock(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock leaves SQLite consistent (the
        // transaction rolls back), so the poisoned guard is still usable.
        self.connection
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl Store for SqliteStore {
    fn register_organisation(
        &self,
        organisation_id: Uuid,
        first_device: NewDevice<'_>,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let mut connection = self.lock();
        let transaction = connection.transaction()?;
        let inserted = transaction.execute(
            "INSERT OR IGNORE INTO organisation (id, registered_at) VALUES (?1, ?2)",
            params![organisation_id.to_string(), now.to_rfc3339()],
        )?;
        if inserted == 0 {
            return Err(StoreError::Conflict);
        }
        insert_device(&transaction, organisation_id, &first_device, now)?;
        transaction.commit()?;
        Ok(())
    }

    fn enrol_device(
        &self,
        organisation_id: Uuid,
        device: NewDevice<'_>,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let connection = self.lock();
        insert_device(&connection, organisation_id, &device, now)
    }

    fn authenticate(
        &self,
        token_hash: &[u8],
        now: DateTime<Utc>,
    ) -> Result<Option<Device>, StoreError> {
        let connection = self.lock();
        let device = connection
            .query_row(
                "SELECT id, organisation_id, role, region, revoked_at IS NOT NULL, signing_key,
                        joins_before
                 FROM device WHERE token_hash = ?1",
                [token_hash],
                |row| {
                    Ok(Device {
                        id: uuid_at(row, 0)?,
                        organisation_id: uuid_at(row, 1)?,
                        role: Role::from_code(&row.get::<_, String>(2)?).ok_or_else(|| bad(2))?,
                        region: Region::from_code(&row.get::<_, String>(3)?)
                            .ok_or_else(|| bad(3))?,
                        revoked: row.get(4)?,
                        signing_key: row.get(5)?,
                        joins_before: time_at(row, 6)?,
                    })
                },
            )
            .optional()?;
        if let Some(device) = &device {
            connection.execute(
                "UPDATE device SET last_seen_at = ?2 WHERE id = ?1",
                params![device.id.to_string(), now.to_rfc3339()],
            )?;
        }
        Ok(device)
    }

    fn devices(&self, organisation_id: Uuid) -> Result<Vec<DeviceInfo>, StoreError> {
        let connection = self.lock();
        let mut statement = connection.prepare(
            "SELECT id, name, role, region, enrolled_at, last_seen_at, revoked_at
             FROM device WHERE organisation_id = ?1 ORDER BY enrolled_at, id",
        )?;
        let devices = statement
            .query_map([organisation_id.to_string()], |row| {
                Ok(DeviceInfo {
                    device_id: uuid_at(row, 0)?,
                    device_name: row.get(1)?,
                    role: Role::from_code(&row.get::<_, String>(2)?).ok_or_else(|| bad(2))?,
                    region: Region::from_code(&row.get::<_, String>(3)?).ok_or_else(|| bad(3))?,
                    enrolled_at: time_at(row, 4)?.ok_or_else(|| bad(4))?,
                    last_seen_at: time_at(row, 5)?,
                    revoked_at: time_at(row, 6)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(devices)
    }

    fn revoke(
        &self,
        organisation_id: Uuid,
        revocation: &Revocation,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let connection = self.lock();
        let changed = connection.execute(
            "UPDATE device SET revoked_at = coalesce(revoked_at, ?3),
                               revocation = coalesce(revocation, ?4)
             WHERE id = ?1 AND organisation_id = ?2",
            params![
                revocation.device_id.to_string(),
                organisation_id.to_string(),
                now.to_rfc3339(),
                to_json(revocation)?,
            ],
        )?;
        if changed == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    fn join(
        &self,
        device: &Device,
        certificate: &DeviceCertificate,
        token_hash: &[u8],
    ) -> Result<(), StoreError> {
        let connection = self.lock();
        let changed = connection.execute(
            "UPDATE device SET certificate = ?2, signing_key = ?3, token_hash = ?4,
                               joins_before = NULL
             WHERE id = ?1 AND certificate IS NULL",
            params![
                device.id.to_string(),
                to_json(certificate)?,
                certificate.signing_key,
                token_hash,
            ],
        )?;
        if changed == 0 {
            return Err(StoreError::Conflict);
        }
        Ok(())
    }

    fn certificates(&self, organisation_id: Uuid) -> Result<Certificates, StoreError> {
        let connection = self.lock();
        let mut statement = connection.prepare_cached(
            "SELECT certificate, revocation FROM device
             WHERE organisation_id = ?1 AND certificate IS NOT NULL ORDER BY enrolled_at, id",
        )?;
        let rows = statement
            .query_map([organisation_id.to_string()], |row| {
                Ok((row.get::<_, String>(0)?, row.get::<_, Option<String>>(1)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        certificates_from(rows)
    }

    fn push(
        &self,
        device: &Device,
        envelopes: &[Envelope],
        now: DateTime<Utc>,
    ) -> Result<(u32, u32), StoreError> {
        let mut connection = self.lock();
        let transaction = connection.transaction()?;
        let (mut accepted, mut duplicates) = (0, 0);
        {
            let mut insert = transaction.prepare_cached(
                "INSERT OR IGNORE INTO envelope (organisation_id, id, kind, record_id, version,
                     scope, nonce, ciphertext, pushed_by, received_at, signature, key_epoch)
                 SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12
                 WHERE NOT (?3 = 'call' AND EXISTS (SELECT 1 FROM envelope
                     WHERE organisation_id = ?1 AND record_id = ?4 AND kind = 'callRemoval'
                       AND scope = ?6))",
            )?;
            let mut drop_removed = transaction.prepare_cached(
                "DELETE FROM envelope
                 WHERE organisation_id = ?1 AND record_id = ?2 AND kind = 'call' AND scope = ?3",
            )?;
            for envelope in envelopes {
                let inserted = insert.execute(params![
                    device.organisation_id.to_string(),
                    envelope.id.to_string(),
                    envelope.kind.code(),
                    envelope.record_id.to_string(),
                    envelope.version,
                    envelope.scope.code(),
                    envelope.nonce,
                    envelope.ciphertext,
                    device.id.to_string(),
                    now.to_rfc3339(),
                    envelope.signature,
                    envelope.key_epoch,
                ])?;
                if envelope.kind == RecordKind::CallRemoval {
                    drop_removed.execute(params![
                        device.organisation_id.to_string(),
                        envelope.record_id.to_string(),
                        envelope.scope.code()
                    ])?;
                }
                if inserted == 1 {
                    accepted += 1;
                } else {
                    duplicates += 1;
                }
            }
        }
        transaction.commit()?;
        Ok((accepted, duplicates))
    }

    fn pull(
        &self,
        device: &Device,
        after: u64,
        limit: usize,
    ) -> Result<(Vec<PulledEnvelope>, bool), StoreError> {
        let connection = self.lock();
        let scopes = device.scope_codes();
        let placeholders = vec!["?"; scopes.len()].join(", ");
        let mut statement = connection.prepare_cached(&format!(
            "SELECT seq, id, kind, record_id, version, scope, nonce, ciphertext, signature,
                    key_epoch
             FROM envelope
             WHERE organisation_id = ? AND seq > ? AND scope IN ({placeholders})
             ORDER BY seq LIMIT ?"
        ))?;
        let mut values: Vec<rusqlite::types::Value> = vec![
            device.organisation_id.to_string().into(),
            i64::try_from(after).unwrap_or(i64::MAX).into(),
        ];
        values.extend(scopes.into_iter().map(Into::into));
        values.push(i64::try_from(limit + 1).unwrap_or(i64::MAX).into());
        let mut envelopes = statement
            .query_map(rusqlite::params_from_iter(values), |row| {
                Ok(PulledEnvelope {
                    seq: u64::try_from(row.get::<_, i64>(0)?).map_err(|_| bad(0))?,
                    envelope: Envelope {
                        id: uuid_at(row, 1)?,
                        kind: RecordKind::parse(&row.get::<_, String>(2)?).map_err(|_| bad(2))?,
                        record_id: uuid_at(row, 3)?,
                        version: row.get(4)?,
                        scope: Scope::parse(&row.get::<_, String>(5)?).map_err(|_| bad(5))?,
                        key_epoch: row.get(9)?,
                        nonce: row.get(6)?,
                        ciphertext: row.get(7)?,
                        signature: row.get(8)?,
                    },
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let more = envelopes.len() > limit;
        envelopes.truncate(limit);
        Ok((envelopes, more))
    }

    fn count_after(&self, device: &Device, after: u64) -> Result<u64, StoreError> {
        let connection = self.lock();
        let scopes = device.scope_codes();
        let placeholders = vec!["?"; scopes.len()].join(", ");
        let mut statement = connection.prepare_cached(&format!(
            "SELECT count(*) FROM envelope
             WHERE organisation_id = ? AND seq > ? AND scope IN ({placeholders})"
        ))?;
        let mut values: Vec<rusqlite::types::Value> = vec![
            device.organisation_id.to_string().into(),
            i64::try_from(after).unwrap_or(i64::MAX).into(),
        ];
        values.extend(scopes.into_iter().map(Into::into));
        let count: i64 =
            statement.query_row(rusqlite::params_from_iter(values), |row| row.get(0))?;
        Ok(u64::try_from(count).unwrap_or(0))
    }
}

fn insert_device(
    connection: &Connection,
    organisation_id: Uuid,
    device: &NewDevice<'_>,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let inserted = connection.execute(
        "INSERT OR IGNORE INTO device (id, organisation_id, name, role, region, token_hash,
                                       enrolled_at, certificate, signing_key, joins_before)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            device.id.to_string(),
            organisation_id.to_string(),
            device.name,
            device.role.code(),
            device.region.code(),
            device.token_hash,
            now.to_rfc3339(),
            device.certificate.map(to_json).transpose()?,
            device
                .certificate
                .map(|certificate| &certificate.signing_key),
            device.joins_before.map(|time| time.to_rfc3339()),
        ],
    )?;
    if inserted == 0 {
        return Err(StoreError::Conflict);
    }
    Ok(())
}

/// Adds the columns a store made by an older server lacks.
fn add_missing_columns(connection: &Connection) -> Result<(), StoreError> {
    for (table, column, definition) in VERSION_2_COLUMNS {
        let present: bool = connection.query_row(
            "SELECT EXISTS (SELECT 1 FROM pragma_table_info(?1) WHERE name = ?2)",
            params![table, column],
            |row| row.get(0),
        )?;
        if !present {
            connection.execute_batch(&format!(
                "ALTER TABLE {table} ADD COLUMN {column} {definition}"
            ))?;
        }
    }
    Ok(())
}

fn uuid_at(row: &Row<'_>, index: usize) -> rusqlite::Result<Uuid> {
    Uuid::parse_str(&row.get::<_, String>(index)?).map_err(|_| bad(index))
}

fn time_at(row: &Row<'_>, index: usize) -> rusqlite::Result<Option<DateTime<Utc>>> {
    row.get::<_, Option<String>>(index)?
        .map(|text| {
            DateTime::parse_from_rfc3339(&text)
                .map(|time| time.with_timezone(&Utc))
                .map_err(|_| bad(index))
        })
        .transpose()
}

fn bad(index: usize) -> rusqlite::Error {
    rusqlite::Error::InvalidColumnType(index, "value".into(), rusqlite::types::Type::Text)
}
