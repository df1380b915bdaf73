//! Entry points for fuzzing what another machine or a user's file supplies:
//! the sync envelope decoder, the applying of synced records, the call JSON
//! parser and the referral importer. `fuzz/` runs them under libFuzzer (cargo fuzz,
//! nightly); `crates/core/tests/fuzz.rs` runs them on seeded random inputs in
//! the suite. Each must answer every input with a value or a clear error in
//! both languages, never a panic.
//!
//! Random bytes rarely get past the first character of JSON or CSV, so every
//! target also reads its input as edits to a valid seed (see [`mutated`]),
//! which reaches the field checks, the tag check and row validation.

use std::path::Path;

use chrono::{DateTime, TimeZone, Utc};
use uuid::Uuid;

use crate::calls::{calls_from_json, CallDetails, CallerRole, Line, Subject};
use crate::error::Error;
use crate::referrals::TransferFormat;
use crate::sync::keys::SyncKey;
use crate::sync::{RecordKind, Scope, Stamp};
use crate::{DataDir, Device, FirstRunSetup, Region, Session};
use hotline_protocol::{PullResponse, PulledEnvelope};

/// `seed` with `edits` applied as (position: 2 bytes, value: 1 byte) triples;
/// a tail shorter than a triple is appended, so inputs can also grow.
pub fn mutated(seed: &[u8], edits: &[u8]) -> Vec<u8> {
    let mut bytes = seed.to_vec();
    let mut triples = edits.chunks_exact(3);
    for triple in triples.by_ref() {
        if bytes.is_empty() {
            break;
        }
        let position = usize::from(u16::from_le_bytes([triple[0], triple[1]])) % bytes.len();
        bytes[position] = triple[2];
    }
    bytes.extend_from_slice(triples.remainder());
    bytes
}

fn fixed_time() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0)
        .single()
        .unwrap_or_default()
}

fn sample_call() -> CallDetails {
    CallDetails {
        line: Some(Line::LATGALE),
        caller_role: Some(CallerRole::PersonAtRiskOrVictim),
        subjects: vec![Subject::SHAM_MARRIAGE, Subject::FORCED_LABOUR],
        country: Some("CY".into()),
        notes: "Piedāvāja darbu Kiprā, pase atņemta".into(),
        case_ref: Some("K-0042".into()),
        ..CallDetails::starting(fixed_time(), Region::Latgale)
    }
}

/// Every refusal must say what is wrong in Latvian, English and Russian.
fn assert_explained(error: &Error) {
    let message = error.to_public().message;
    assert!(
        !message.lv.is_empty() && !message.en.is_empty() && !message.ru.is_empty(),
        "an error without a message: {error:?}"
    );
}

/// A device's decoding of a pull page: JSON, the envelope shape, AES-GCM
/// open, then the record's JSON.
#[derive(Debug)]
pub struct EnvelopeDecoder {
    key: SyncKey,
    seed: Vec<u8>,
}

impl EnvelopeDecoder {
    /// A key and a seed page holding one envelope sealed under it.
    pub fn new() -> crate::Result<Self> {
        let key = SyncKey::generate()?;
        let stamp: Stamp = format!(
            "{:013}-{:06}-{}",
            fixed_time().timestamp_millis(),
            1,
            Uuid::nil()
        )
        .parse()?;
        let plaintext = serde_json::to_vec(&sample_call())
            .map_err(|error| Error::SyncProtocol(error.to_string()))?;
        let pkcs8 =
            ring::signature::Ed25519KeyPair::generate_pkcs8(&ring::rand::SystemRandom::new())
                .map_err(|_| Error::Random)?;
        let signer = ring::signature::Ed25519KeyPair::from_pkcs8(pkcs8.as_ref())
            .map_err(|_| Error::Random)?;
        let envelope = crate::sync::envelope::seal(
            crate::sync::keys::EpochKey {
                epoch: 0,
                key: &key,
            },
            &signer,
            RecordKind::Call,
            Uuid::nil(),
            &stamp,
            Scope::Region(Region::Latgale),
            &plaintext,
        )?;
        let seed = serde_json::to_vec(&PullResponse {
            envelopes: vec![PulledEnvelope { seq: 1, envelope }],
            next_cursor: 1,
            more: false,
            server_time: None,
            remaining: None,
        })
        .map_err(|error| Error::SyncProtocol(error.to_string()))?;
        Ok(Self { key, seed })
    }

    /// How many envelopes of the page open to a call record.
    pub fn decode(&self, bytes: &[u8]) -> usize {
        let Ok(page) = serde_json::from_slice::<PullResponse>(bytes) else {
            return 0;
        };
        page.envelopes
            .iter()
            .filter(|pulled| pulled.envelope.check_shape(512 * 1024).is_ok())
            .filter_map(|pulled| crate::sync::envelope::open(&pulled.envelope, &self.key).ok())
            .filter(|plain| serde_json::from_slice::<CallDetails>(plain).is_ok())
            .count()
    }

    pub fn seed(&self) -> &[u8] {
        &self.seed
    }

    /// One fuzz input: the raw bytes, then the bytes as edits to the seed.
    pub fn run(&self, input: &[u8]) {
        self.decode(input);
        assert!(self.decode(&mutated(&self.seed, input)) <= 1);
    }
}

/// A device applying pulled records: envelopes validly sealed under its keys
/// and signed by a trusted (its own, supervisor's) device, whose records
/// are edits of real ones, handed to the same page step a pull uses. So the
/// input reaches `records::apply` past the seal and the signature. Every
/// page must apply (a record that cannot is quarantined): no panic, no halt.
#[derive(Debug)]
pub struct RecordApplier {
    session: Session,
    keys: crate::sync::keys::KeySet,
    signer: ring::signature::Ed25519KeyPair,
    device: Uuid,
    /// Real records: kind, record id, scope and JSON.
    seeds: Vec<(RecordKind, Uuid, Scope, Vec<u8>)>,
    counter: std::cell::Cell<u32>,
}

impl RecordApplier {
    /// A supervisor's store in `dir` (not set up yet) that is its own
    /// organisation's root, holding a call, a directory entry and their
    /// audit entries to mutate.
    pub fn new(dir: &Path) -> crate::Result<Self> {
        let importer = ReferralImporter::new(dir)?;
        importer.import(TransferFormat::Csv, REFERRAL_SEED.as_bytes())?;
        let session = importer.session;
        session
            .call_log()
            .add_finished([sample_call()], fixed_time())?;
        let (keys, signer, device, seeds) = Self::identity_and_seeds(&session)?;
        Ok(Self {
            session,
            keys,
            signer,
            device,
            seeds,
            counter: std::cell::Cell::new(0),
        })
    }

    /// Makes `session`'s device its own organisation's root, and opens what
    /// it has queued: the seeds.
    #[allow(clippy::type_complexity)]
    fn identity_and_seeds(
        session: &Session,
    ) -> crate::Result<(
        crate::sync::keys::KeySet,
        ring::signature::Ed25519KeyPair,
        Uuid,
        Vec<(RecordKind, Uuid, Scope, Vec<u8>)>,
    )> {
        let sync = session.sync();
        let connection = sync.connection;
        crate::sync::keys::ensure_all(connection)?;
        let device = crate::changes::clock::device_id(connection)?;
        let root = crate::sync::identity::root_certificate(
            connection,
            session.organisation().id,
            device,
            Region::Riga,
            fixed_time(),
        )?;
        crate::sync::identity::keep_identity(connection, &root, &root)?;
        let keys = crate::sync::keys::load(connection)?;
        let mut seeds = Vec::new();
        for sealed in sync
            .next_push(500)?
            .map(|batch| batch.envelopes)
            .unwrap_or_default()
        {
            let plain = crate::sync::envelope::open_with_any(
                &sealed,
                keys.at_epoch(sealed.scope, sealed.key_epoch),
            )?;
            seeds.push((sealed.kind, sealed.record_id, sealed.scope, plain.to_vec()));
        }
        let signer = crate::sync::identity::signing_key(connection)?;
        Ok((keys, signer, device, seeds))
    }

    /// The kinds of record the inputs edit, in seed order.
    pub fn seed_kinds(&self) -> Vec<RecordKind> {
        self.seeds.iter().map(|(kind, ..)| *kind).collect()
    }

    /// The JSON of seed record `seed`, unedited.
    pub fn seed(&self, seed: usize) -> &[u8] {
        &self.seeds[seed].3
    }

    /// Seals and signs `record` as a new version of the seed's record and
    /// applies it as a pulled page: (refused, quarantined).
    pub fn apply(&self, seed: usize, record: &[u8]) -> crate::Result<(u32, u32)> {
        let (kind, record_id, scope, _) = &self.seeds[seed];
        let counter = self.counter.get() % 999_999 + 1;
        self.counter.set(counter);
        let stamp = Stamp {
            millis: u64::try_from(fixed_time().timestamp_millis()).unwrap_or(0) + 60_000,
            counter,
            device: self.device,
        };
        let key = self.keys.current(*scope).ok_or(Error::EnvelopeTampered)?;
        let envelope = crate::sync::envelope::seal(
            key,
            &self.signer,
            *kind,
            *record_id,
            &stamp,
            *scope,
            record,
        )?;
        crate::testkit::forger::deliver_past_the_relay(&self.session, &[envelope], fixed_time())
    }

    /// One fuzz input: every seed record edited by it, each applied or set
    /// aside, never refused (the seal and signature are valid) and never
    /// failing the page.
    pub fn run(&self, input: &[u8]) {
        for seed in 0..self.seeds.len() {
            let record = mutated(&self.seeds[seed].3, input);
            let outcome = self.apply(seed, &record);
            assert!(
                matches!(outcome, Ok((0, _))),
                "a pulled page failed or was refused: {outcome:?}"
            );
        }
    }
}

/// `hotline call add --json`'s parser.
pub fn call_json_parser(input: &[u8]) {
    let seed = serde_json::to_vec(&vec![sample_call()]).unwrap_or_default();
    for bytes in [input.to_vec(), mutated(&seed, input)] {
        if let Err(error) = calls_from_json(&String::from_utf8_lossy(&bytes)) {
            assert_explained(&error);
        }
    }
}

/// The directory import of CSV and HSDS files, on a real store.
#[derive(Debug)]
pub struct ReferralImporter {
    session: Session,
}

/// A directory row that imports: the seed the importer's input edits.
pub const REFERRAL_SEED: &str = "key,organisation_lv,service_lv,service_types,areas,phones,hours,confidential_address\n\
    drosa-maja,Biedrība,Patversme,shelter;ngo,rezeknes-novads,+371 67898343|I-V,Mon-Fri 09:00-17:00,Iela 1\n";

impl ReferralImporter {
    /// Sets up a store in `dir` (which must not be set up yet) for a supervisor.
    pub fn new(dir: &Path) -> crate::Result<Self> {
        let session = Device::new(DataDir::at(dir)).set_up(
            FirstRunSetup {
                organisation_name: "Fuzz".into(),
                login: "fuzz".into(),
                display_name: "Fuzz".into(),
                home_region: Region::Riga,
            },
            "a long fuzzing passphrase",
            fixed_time(),
        )?;
        Ok(Self { session })
    }

    /// Imports `bytes`; a refusal must be explained.
    pub fn import(&self, format: TransferFormat, bytes: &[u8]) -> crate::Result<()> {
        self.session
            .directory()
            .import(format, bytes, fixed_time())
            .map(|_| ())
    }

    /// One fuzz input, in both formats, raw and as edits to the seed.
    pub fn run(&self, input: &[u8]) {
        for format in [TransferFormat::Csv, TransferFormat::Hsds] {
            for bytes in [input.to_vec(), mutated(REFERRAL_SEED.as_bytes(), input)] {
                if let Err(error) = self.import(format, &bytes) {
                    assert_explained(&error);
                }
            }
        }
    }
}
