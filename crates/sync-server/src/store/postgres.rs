//! The PostgreSQL backend, for deployments that outgrow one machine: several
//! server processes can share one database.
//!
//! Envelope sequence numbers come from an identity column, which PostgreSQL
//! hands out when a row is inserted, not when it commits. Two concurrent pushes
//! could then commit out of order, and a puller that already read the later
//! one would skip the earlier one forever. Pushes to one organisation therefore
//! take a transaction-scoped advisory lock on it first: within an organisation,
//! numbers are handed out and committed in the same order. Organisations never
//! see each other's envelopes, so they need not wait for each other.

use chrono::{DateTime, Utc};
use hotline_protocol::identity::{Certificates, DeviceCertificate, Revocation};
use hotline_protocol::{DeviceInfo, Envelope, PulledEnvelope, RecordKind, Region, Role, Scope};
use postgres::{GenericClient, NoTls, Row};
use r2d2::{Pool, PooledConnection};
use r2d2_postgres::PostgresConnectionManager;
use uuid::Uuid;

use super::{certificates_from, to_json, Device, NewDevice, Store, StoreError};

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS organisation (
    id UUID PRIMARY KEY,
    registered_at TIMESTAMPTZ NOT NULL
);
CREATE TABLE IF NOT EXISTS device (
    id UUID PRIMARY KEY,
    organisation_id UUID NOT NULL REFERENCES organisation(id),
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    region TEXT NOT NULL,
    token_hash BYTEA NOT NULL UNIQUE,
    enrolled_at TIMESTAMPTZ NOT NULL,
    last_seen_at TIMESTAMPTZ,
    revoked_at TIMESTAMPTZ
);
CREATE TABLE IF NOT EXISTS envelope (
    seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organisation_id UUID NOT NULL,
    id UUID NOT NULL,
    kind TEXT NOT NULL,
    record_id UUID NOT NULL,
    version TEXT NOT NULL,
    scope TEXT NOT NULL,
    nonce BYTEA NOT NULL,
    ciphertext BYTEA NOT NULL,
    pushed_by UUID NOT NULL,
    received_at TIMESTAMPTZ NOT NULL,
    UNIQUE (organisation_id, id)
);
CREATE INDEX IF NOT EXISTS envelope_by_scope ON envelope (organisation_id, scope, seq);
CREATE INDEX IF NOT EXISTS envelope_by_record ON envelope (organisation_id, record_id);
ALTER TABLE device ADD COLUMN IF NOT EXISTS certificate TEXT;
ALTER TABLE device ADD COLUMN IF NOT EXISTS signing_key BYTEA;
ALTER TABLE device ADD COLUMN IF NOT EXISTS joins_before TIMESTAMPTZ;
ALTER TABLE device ADD COLUMN IF NOT EXISTS revocation TEXT;
ALTER TABLE envelope ADD COLUMN IF NOT EXISTS signature BYTEA NOT NULL DEFAULT ''::bytea;
ALTER TABLE envelope ADD COLUMN IF NOT EXISTS key_epoch BIGINT NOT NULL DEFAULT 0;
";

/// Serialises schema creation when several servers start at once
/// (`CREATE TABLE IF NOT EXISTS` alone races on the catalog).
const SCHEMA_LOCK: i64 = 0x0068_6f74_6c69_6e65; // "hotline" in ASCII

/// Connections per server process; PostgreSQL's default limit is 100.
const POOL_SIZE: u32 = 8;

type Manager = PostgresConnectionManager<NoTls>;

/// A pool of connections to one PostgreSQL database.
#[derive(Debug, Clone)]
pub struct PostgresStore {
    pool: Pool<Manager>,
}

impl PostgresStore {
    /// Connects to `url` (`postgres://user:password@host/database`) and
    /// creates the tables if they are missing.
    pub fn connect(url: &str) -> Result<Self, StoreError> {
        let config: postgres::Config = url.parse()?;
        // One direct connection first: a wrong password or database fails at
        // once with PostgreSQL's own reason, not after the pool's retries.
        let mut client = config.connect(NoTls)?;
        let mut transaction = client.transaction()?;
        transaction.execute("SELECT pg_advisory_xact_lock($1)", &[&SCHEMA_LOCK])?;
        transaction.batch_execute(SCHEMA)?;
        transaction.commit()?;
        let pool = Pool::builder()
            .max_size(POOL_SIZE)
            .min_idle(Some(0))
            .build_unchecked(PostgresConnectionManager::new(config, NoTls));
        Ok(Self { pool })
    }

    fn connection(&self) -> Result<PooledConnection<Manager>, StoreError> {
        Ok(self.pool.get()?)
    }
}

impl Store for PostgresStore {
    fn register_organisation(
        &self,
        organisation_id: Uuid,
        first_device: NewDevice<'_>,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let mut connection = self.connection()?;
        let mut transaction = connection.transaction()?;
        let inserted = transaction.execute(
            "INSERT INTO organisation (id, registered_at) VALUES ($1, $2)
             ON CONFLICT DO NOTHING",
            &[&organisation_id, &now],
        )?;
        if inserted == 0 {
            return Err(StoreError::Conflict);
        }
        insert_device(&mut transaction, organisation_id, &first_device, now)?;
        transaction.commit()?;
        Ok(())
    }

    fn enrol_device(
        &self,
        organisation_id: Uuid,
        device: NewDevice<'_>,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        insert_device(&mut *self.connection()?, organisation_id, &device, now)
    }

    fn authenticate(
        &self,
        token_hash: &[u8],
        now: DateTime<Utc>,
    ) -> Result<Option<Device>, StoreError> {
        let mut connection = self.connection()?;
        let row = connection.query_opt(
            "UPDATE device SET last_seen_at = $2 WHERE token_hash = $1
             RETURNING id, organisation_id, role, region, revoked_at IS NOT NULL, signing_key,
                       joins_before",
            &[&token_hash, &now],
        )?;
        row.map(|row| {
            Ok(Device {
                id: row.try_get(0)?,
                organisation_id: row.try_get(1)?,
                role: role_at(&row, 2)?,
                region: region_at(&row, 3)?,
                revoked: row.try_get(4)?,
                signing_key: row.try_get(5)?,
                joins_before: row.try_get(6)?,
            })
        })
        .transpose()
    }

    fn devices(&self, organisation_id: Uuid) -> Result<Vec<DeviceInfo>, StoreError> {
        let mut connection = self.connection()?;
        connection
            .query(
                "SELECT id, name, role, region, enrolled_at, last_seen_at, revoked_at
                 FROM device WHERE organisation_id = $1 ORDER BY enrolled_at, id",
                &[&organisation_id],
            )?
            .iter()
            .map(|row| {
                Ok(DeviceInfo {
                    device_id: row.try_get(0)?,
                    device_name: row.try_get(1)?,
                    role: role_at(row, 2)?,
                    region: region_at(row, 3)?,
                    enrolled_at: row.try_get(4)?,
                    last_seen_at: row.try_get(5)?,
                    revoked_at: row.try_get(6)?,
                })
            })
            .collect()
    }

    fn revoke(
        &self,
        organisation_id: Uuid,
        revocation: &Revocation,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let changed = self.connection()?.execute(
            "UPDATE device SET revoked_at = coalesce(revoked_at, $3),
                               revocation = coalesce(revocation, $4)
             WHERE id = $1 AND organisation_id = $2",
            &[
                &revocation.device_id,
                &organisation_id,
                &now,
                &to_json(revocation)?,
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
        let changed = self.connection()?.execute(
            "UPDATE device SET certificate = $2, signing_key = $3, token_hash = $4,
                               joins_before = NULL
             WHERE id = $1 AND certificate IS NULL",
            &[
                &device.id,
                &to_json(certificate)?,
                &certificate.signing_key,
                &token_hash,
            ],
        )?;
        if changed == 0 {
            return Err(StoreError::Conflict);
        }
        Ok(())
    }

    fn certificates(&self, organisation_id: Uuid) -> Result<Certificates, StoreError> {
        let rows = self
            .connection()?
            .query(
                "SELECT certificate, revocation FROM device
                 WHERE organisation_id = $1 AND certificate IS NOT NULL
                 ORDER BY enrolled_at, id",
                &[&organisation_id],
            )?
            .iter()
            .map(|row| Ok((row.try_get(0)?, row.try_get(1)?)))
            .collect::<Result<Vec<_>, StoreError>>()?;
        certificates_from(rows)
    }

    fn push(
        &self,
        device: &Device,
        envelopes: &[Envelope],
        now: DateTime<Utc>,
    ) -> Result<(u32, u32), StoreError> {
        let mut connection = self.connection()?;
        let mut transaction = connection.transaction()?;
        transaction.execute(
            "SELECT pg_advisory_xact_lock($1)",
            &[&organisation_lock(device.organisation_id)],
        )?;
        let insert = transaction.prepare(
            "INSERT INTO envelope (organisation_id, id, kind, record_id, version,
                 scope, nonce, ciphertext, pushed_by, received_at, signature, key_epoch)
             SELECT $1::uuid, $2::uuid, $3::text, $4::uuid, $5::text, $6::text, $7::bytea,
                    $8::bytea, $9::uuid, $10::timestamptz, $11::bytea, $12::bigint
             WHERE NOT ($3::text = 'call' AND EXISTS (SELECT 1 FROM envelope
                 WHERE organisation_id = $1::uuid AND record_id = $4::uuid
                   AND kind = 'callRemoval' AND scope = $6::text))
             ON CONFLICT (organisation_id, id) DO NOTHING",
        )?;
        let drop_removed = transaction.prepare(
            "DELETE FROM envelope
             WHERE organisation_id = $1 AND record_id = $2 AND kind = 'call' AND scope = $3",
        )?;
        let (mut accepted, mut duplicates) = (0, 0);
        for envelope in envelopes {
            let inserted = transaction.execute(
                &insert,
                &[
                    &device.organisation_id,
                    &envelope.id,
                    &envelope.kind.code(),
                    &envelope.record_id,
                    &envelope.version,
                    &envelope.scope.code(),
                    &envelope.nonce,
                    &envelope.ciphertext,
                    &device.id,
                    &now,
                    &envelope.signature,
                    &i64::from(envelope.key_epoch),
                ],
            )?;
            if envelope.kind == RecordKind::CallRemoval {
                transaction.execute(
                    &drop_removed,
                    &[
                        &device.organisation_id,
                        &envelope.record_id,
                        &envelope.scope.code(),
                    ],
                )?;
            }
            if inserted == 1 {
                accepted += 1;
            } else {
                duplicates += 1;
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
        let mut connection = self.connection()?;
        let after = i64::try_from(after).unwrap_or(i64::MAX);
        let fetch = i64::try_from(limit + 1).unwrap_or(i64::MAX);
        let rows = connection.query(
            "SELECT seq, id, kind, record_id, version, scope, nonce, ciphertext, signature,
                    key_epoch
             FROM envelope
             WHERE organisation_id = $1 AND seq > $2 AND scope = ANY($3)
             ORDER BY seq LIMIT $4",
            &[
                &device.organisation_id,
                &after,
                &device.scope_codes(),
                &fetch,
            ],
        )?;
        let mut envelopes = rows
            .iter()
            .map(|row| {
                let kind: String = row.try_get(2)?;
                let scope: String = row.try_get(5)?;
                Ok(PulledEnvelope {
                    seq: u64::try_from(row.try_get::<_, i64>(0)?)
                        .map_err(|_| StoreError::Unreadable("envelope.seq"))?,
                    envelope: Envelope {
                        id: row.try_get(1)?,
                        kind: RecordKind::parse(&kind)
                            .map_err(|_| StoreError::Unreadable("envelope.kind"))?,
                        record_id: row.try_get(3)?,
                        version: row.try_get(4)?,
                        scope: Scope::parse(&scope)
                            .map_err(|_| StoreError::Unreadable("envelope.scope"))?,
                        key_epoch: u32::try_from(row.try_get::<_, i64>(9)?)
                            .map_err(|_| StoreError::Unreadable("envelope.key_epoch"))?,
                        nonce: row.try_get(6)?,
                        ciphertext: row.try_get(7)?,
                        signature: row.try_get(8)?,
                    },
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        let more = envelopes.len() > limit;
        envelopes.truncate(limit);
        Ok((envelopes, more))
    }

    fn count_after(&self, device: &Device, after: u64) -> Result<u64, StoreError> {
        let mut connection = self.connection()?;
        let after = i64::try_from(after).unwrap_or(i64::MAX);
        let row = connection.query_one(
            "SELECT count(*) FROM envelope
             WHERE organisation_id = $1 AND seq > $2 AND scope = ANY($3)",
            &[&device.organisation_id, &after, &device.scope_codes()],
        )?;
        Ok(u64::try_from(row.try_get::<_, i64>(0)?).unwrap_or(0))
    }
}

fn insert_device(
    client: &mut impl GenericClient,
    organisation_id: Uuid,
    device: &NewDevice<'_>,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let inserted = client.execute(
        "INSERT INTO device (id, organisation_id, name, role, region, token_hash, enrolled_at,
                             certificate, signing_key, joins_before)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING",
        &[
            &device.id,
            &organisation_id,
            &device.name,
            &device.role.code(),
            &device.region.code(),
            &device.token_hash,
            &now,
            &device.certificate.map(to_json).transpose()?,
            &device
                .certificate
                .map(|certificate| &certificate.signing_key),
            &device.joins_before,
        ],
    )?;
    if inserted == 0 {
        return Err(StoreError::Conflict);
    }
    Ok(())
}

/// The advisory lock key of one organisation: the first eight bytes of its id.
fn organisation_lock(organisation_id: Uuid) -> i64 {
    let bytes = organisation_id.as_bytes();
    i64::from_be_bytes([
        bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
    ])
}

fn role_at(row: &Row, index: usize) -> Result<Role, StoreError> {
    Role::from_code(&row.try_get::<_, String>(index)?).ok_or(StoreError::Unreadable("device.role"))
}

fn region_at(row: &Row, index: usize) -> Result<Region, StoreError> {
    Region::from_code(&row.try_get::<_, String>(index)?)
        .ok_or(StoreError::Unreadable("device.region"))
}
