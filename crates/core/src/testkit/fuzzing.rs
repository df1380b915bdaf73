//! Entry points for fuzzing the three parsers that read what another machine
//! or a user's file supplies: the sync envelope decoder, the call JSON parser
//! and the referral importer. `fuzz/` runs them under libFuzzer (cargo fuzz,
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
        line: Some(Line::Latgale),
        caller_role: Some(CallerRole::PersonAtRiskOrVictim),
        subjects: vec![Subject::ShamMarriage, Subject::ForcedLabour],
        country: Some("CY".into()),
        notes: "Piedāvāja darbu Kiprā, pase atņemta".into(),
        case_ref: Some("K-0042".into()),
        ..CallDetails::starting(fixed_time(), Region::Latgale)
    }
}

/// Every refusal must say what is wrong in Latvian and English.
fn assert_explained(error: &Error) {
    let message = error.to_public().message;
    assert!(
        !message.lv.is_empty() && !message.en.is_empty(),
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
            &key,
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
