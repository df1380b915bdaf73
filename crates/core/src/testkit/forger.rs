//! A hostile but enrolled device, for the adversarial tests: built from a
//! real laptop's store, it holds exactly the keys and the token that laptop
//! holds, and seals and pushes whatever records, stamps and scopes it likes,
//! past every check the honest app makes before it pushes.

use serde_json::Value;
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::session::Session;
use crate::sync::client::ServerClient;
use crate::sync::envelope::{self, Envelope, RecordKind, Scope, Stamp};
use crate::sync::keys::{self, KeySet};
use hotline_protocol::PushResponse;

#[derive(Debug)]
pub struct Forger {
    client: ServerClient,
    keys: KeySet,
    device: Uuid,
}

impl Forger {
    /// The device behind `session`'s laptop, turned hostile.
    pub fn new(session: &Session) -> Result<Self> {
        let sync = session.sync();
        Ok(Self {
            client: sync.connection()?.client()?,
            keys: keys::load(sync.connection)?,
            device: crate::changes::clock::device_id(sync.connection)?,
        })
    }

    /// A stamp of this device at `millis`.
    pub fn stamp(&self, millis: u64, counter: u32) -> Stamp {
        Stamp {
            millis,
            counter,
            device: self.device,
        }
    }

    /// The changes `session`'s laptop has queued and not pushed, opened: the
    /// envelopes as the app sealed them and the records inside as JSON, for
    /// a forgery to start from.
    pub fn queued(&self, session: &Session) -> Result<Vec<(Envelope, Value)>> {
        let batch = session.sync().next_push(500)?;
        batch
            .map(|batch| batch.envelopes)
            .unwrap_or_default()
            .into_iter()
            .map(|sealed| {
                let key = self.keys.get(sealed.scope).ok_or(Error::EnvelopeTampered)?;
                let plain = envelope::open(&sealed, key)?;
                let record = serde_json::from_slice(&plain)
                    .map_err(|error| Error::SyncProtocol(error.to_string()))?;
                Ok((sealed, record))
            })
            .collect()
    }

    /// Seals `record` as this device would, with any kind, stamp and scope
    /// whose key it holds.
    pub fn seal(
        &self,
        kind: RecordKind,
        record_id: Uuid,
        stamp: &Stamp,
        scope: Scope,
        record: &Value,
    ) -> Result<Envelope> {
        let key = self.keys.get(scope).ok_or(Error::EnvelopeTampered)?;
        let plaintext = serde_json::to_vec(record).map_err(|_| Error::Random)?;
        envelope::seal(key, kind, record_id, stamp, scope, &plaintext)
    }

    /// Pushes `envelopes` with this device's token, as they are.
    pub fn push(&self, envelopes: &[Envelope]) -> Result<PushResponse> {
        self.client.push(envelopes)
    }
}
