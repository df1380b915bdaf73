//! A hostile but enrolled device, for the adversarial tests: built from a
//! real laptop's store, it holds exactly the keys and the token that laptop
//! holds, its signing key among them, and seals, signs and pushes whatever
//! records, stamps and scopes it likes, past every check the honest app
//! makes before it pushes.

use ring::rand::SystemRandom;
use ring::signature::Ed25519KeyPair;
use serde_json::Value;
use uuid::Uuid;
use zeroize::Zeroizing;

use crate::error::{Error, Result};
use crate::session::Session;
use crate::sync::client::ServerClient;
use crate::sync::envelope::{self, Envelope, RecordKind, Scope, Stamp};
use crate::sync::keys::{self, KeySet};
use chrono::{DateTime, Utc};
use hotline_protocol::{PullResponse, PulledEnvelope, PushResponse};

pub struct Forger {
    client: ServerClient,
    token: Zeroizing<String>,
    keys: KeySet,
    signer: Ed25519KeyPair,
    device: Uuid,
}

/// The token is left out, as everywhere a device's token could be printed.
impl std::fmt::Debug for Forger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Forger")
            .field("device", &self.device)
            .finish_non_exhaustive()
    }
}

impl Forger {
    /// The device behind `session`'s laptop, turned hostile.
    pub fn new(session: &Session) -> Result<Self> {
        let sync = session.sync();
        let connection = sync.connection()?;
        Ok(Self {
            client: connection.client()?,
            token: connection.token,
            keys: keys::load(sync.connection)?,
            signer: crate::sync::identity::signing_key(sync.connection)?,
            device: crate::changes::clock::device_id(sync.connection)?,
        })
    }

    /// This device's token, for requests written byte by byte.
    pub fn token(&self) -> &str {
        &self.token
    }

    /// This device's id.
    pub fn device(&self) -> Uuid {
        self.device
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
                let plain = envelope::open_with_any(
                    &sealed,
                    self.keys.at_epoch(sealed.scope, sealed.key_epoch),
                )?;
                let record = serde_json::from_slice(&plain)
                    .map_err(|error| Error::SyncProtocol(error.to_string()))?;
                Ok((sealed, record))
            })
            .collect()
    }

    /// Whether any key this device held when it turned hostile, of any
    /// scope and epoch, opens `envelope`: what a revoked device, or a copy
    /// of its store, could still read.
    pub fn opens(&self, envelope: &Envelope) -> bool {
        self.keys
            .all()
            .any(|(_, key)| envelope::open(envelope, key.key).is_ok())
    }

    /// Seals `record` as this device would, signed with its key, with any
    /// kind, stamp and scope whose key it holds (the newest).
    pub fn seal(
        &self,
        kind: RecordKind,
        record_id: Uuid,
        stamp: &Stamp,
        scope: Scope,
        record: &Value,
    ) -> Result<Envelope> {
        let key = self.keys.current(scope).ok_or(Error::EnvelopeTampered)?;
        let plaintext = serde_json::to_vec(record).map_err(|_| Error::Random)?;
        envelope::seal(key, &self.signer, kind, record_id, stamp, scope, &plaintext)
    }

    /// The record id every laptop gives the marker that the number with
    /// `number_hash` called `region`'s line, so a forged one replaces it.
    pub fn caller_seen_id(&self, number_hash: &str, region: crate::Region) -> Uuid {
        crate::calls::caller_seen::record_id(number_hash, region)
    }

    /// `envelope`, whatever it holds, signed with this device's key.
    pub fn signed(&self, mut envelope: Envelope) -> Envelope {
        envelope.signature = self
            .signer
            .sign(&envelope.signed_message())
            .as_ref()
            .to_vec();
        envelope
    }

    /// `envelope` signed again with a key no certificate names: what a thief
    /// holding the token and the sealing keys, but not the device's own
    /// signing key, could push.
    pub fn signed_by_stranger(&self, mut envelope: Envelope) -> Result<Envelope> {
        let pkcs8 =
            Ed25519KeyPair::generate_pkcs8(&SystemRandom::new()).map_err(|_| Error::Random)?;
        let stranger = Ed25519KeyPair::from_pkcs8(pkcs8.as_ref()).map_err(|_| Error::Random)?;
        envelope.signature = stranger.sign(&envelope.signed_message()).as_ref().to_vec();
        Ok(envelope)
    }

    /// Every envelope on the server this device may pull, from the start.
    pub fn pull_all(&self) -> Result<Vec<Envelope>> {
        let mut envelopes = Vec::new();
        let mut cursor = 0;
        loop {
            let page = self.client.pull(cursor, 500)?;
            envelopes.extend(page.envelopes.into_iter().map(|pulled| pulled.envelope));
            cursor = page.next_cursor;
            if !page.more {
                return Ok(envelopes);
            }
        }
    }

    /// Pushes `envelopes` with this device's token, as they are.
    pub fn push(&self, envelopes: &[Envelope]) -> Result<PushResponse> {
        self.client.push(envelopes)
    }
}

/// Hands `envelopes` to `session`'s laptop as if its server had passed them
/// on, past every check the relay makes: what a hostile relay, or one whose
/// checks were removed, could deliver. Returns (refused, quarantined); the
/// laptop's cursor stays where it was.
pub fn deliver_past_the_relay(
    session: &Session,
    envelopes: &[Envelope],
    now: DateTime<Utc>,
) -> Result<(u32, u32)> {
    let sync = session.sync();
    let page = PullResponse {
        envelopes: envelopes
            .iter()
            .map(|envelope| PulledEnvelope {
                seq: 0,
                envelope: envelope.clone(),
            })
            .collect(),
        next_cursor: sync.cursor()?,
        more: false,
        server_time: Some(now),
        remaining: None,
    };
    let outcome = sync.apply_page(&page, now)?;
    Ok((outcome.refused, outcome.quarantined))
}
