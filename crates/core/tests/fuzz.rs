//! Fuzz targets for the three parsers that read what another machine or a
//! user's file supplies: the sync envelope decoder, the referral importer and
//! the call JSON parser. Each must answer every input with a value or a clear
//! error, never a panic.
//!
//! Under `cargo test` (stable) bolero runs each target on a few thousand
//! random inputs; that is the short run in the suite. For a long run with
//! coverage guidance (nightly and cargo-bolero, see docs/fuzzing.md):
//! `cargo bolero test -p hotline-core --test fuzz envelope_decoder`.
//!
//! Random bytes rarely get past the first character of JSON or CSV, so each
//! target also mutates a valid input: the fuzzer's bytes are read as edits
//! (position, byte) applied to a seed, which reaches the deeper checks.

use bolero::check;
use hotline_core::calls::{calls_from_json, CallDetails, CallerRole, Line, Subject};
use hotline_core::referrals::TransferFormat;
use hotline_core::sync::keys::SyncKey;
use hotline_core::sync::protocol::{PullResponse, PulledEnvelope};
use hotline_core::sync::{Envelope, RecordKind, Scope, Stamp};
use hotline_core::Region;
use uuid::Uuid;

mod common;

use common::{now, Office, SUPERVISOR};

/// The seed with the fuzzer's bytes applied as (position, byte) edits; an
/// odd-length tail is appended, so inputs can also grow.
fn mutated(seed: &[u8], edits: &[u8]) -> Vec<u8> {
    let mut bytes = seed.to_vec();
    let mut pairs = edits.chunks_exact(3);
    for pair in pairs.by_ref() {
        if bytes.is_empty() {
            break;
        }
        let position = usize::from(u16::from_le_bytes([pair[0], pair[1]])) % bytes.len();
        bytes[position] = pair[2];
    }
    bytes.extend_from_slice(pairs.remainder());
    bytes
}

fn sample_call() -> CallDetails {
    CallDetails {
        line: Some(Line::Latgale),
        caller_role: Some(CallerRole::PersonAtRiskOrVictim),
        subjects: vec![Subject::ShamMarriage, Subject::ForcedLabour],
        country: Some("CY".into()),
        notes: "Piedāvāja darbu Kiprā, pase atņemta".into(),
        case_ref: Some("K-0042".into()),
        ..CallDetails::starting(now(), Region::Latgale)
    }
}

/// A pull page holding one envelope sealed under `key`, as the server sends it.
fn sealed_page(key: &SyncKey) -> Vec<u8> {
    let stamp: Stamp = format!("{:013}-{:06}-{}", 1_767_348_000_000u64, 1, Uuid::nil())
        .parse()
        .expect("stamp");
    let plaintext = serde_json::to_vec(&sample_call()).expect("json");
    let envelope = Envelope::seal(
        key,
        RecordKind::Call,
        Uuid::nil(),
        &stamp,
        Scope::Region(Region::Latgale),
        &plaintext,
    )
    .expect("seal");
    serde_json::to_vec(&PullResponse {
        envelopes: vec![PulledEnvelope { seq: 1, envelope }],
        next_cursor: 1,
        more: false,
    })
    .expect("page")
}

/// Decodes a pull page and opens every envelope, as a device does.
fn decode_and_open(bytes: &[u8], key: &SyncKey) -> usize {
    let Ok(page) = serde_json::from_slice::<PullResponse>(bytes) else {
        return 0;
    };
    page.envelopes
        .iter()
        .filter(|pulled| pulled.envelope.check_shape(512 * 1024).is_ok())
        .filter_map(|pulled| pulled.envelope.open(key).ok())
        .filter(|plain| serde_json::from_slice::<CallDetails>(plain).is_ok())
        .count()
}

#[test]
fn envelope_decoder() {
    let key = SyncKey::generate().expect("key");
    let seed = sealed_page(&key);
    assert_eq!(decode_and_open(&seed, &key), 1, "the seed is a valid page");
    check!().for_each(|input: &[u8]| {
        decode_and_open(input, &key);
        let opened = decode_and_open(&mutated(&seed, input), &key);
        assert!(opened <= 1);
    });
}

#[test]
fn call_json_parser() {
    let seed = serde_json::to_vec(&vec![sample_call()]).expect("json");
    assert_eq!(
        calls_from_json(std::str::from_utf8(&seed).expect("utf-8"))
            .expect("the seed parses")
            .len(),
        1
    );
    check!().for_each(|input: &[u8]| {
        for bytes in [input.to_vec(), mutated(&seed, input)] {
            if let Err(error) = calls_from_json(&String::from_utf8_lossy(&bytes)) {
                let message = error.to_public().message;
                assert!(!message.lv.is_empty() && !message.en.is_empty());
            }
        }
    });
}

#[test]
fn referral_importer() {
    let office = Office::new();
    let session = office.sign_in(SUPERVISOR);
    // A panic ends the test; the session is never used after one.
    let directory = std::panic::AssertUnwindSafe(session.directory());
    let seed = "key,organisation_lv,service_lv,service_types,areas,phones,hours,confidential_address\n\
                drosa-maja,Biedrība,Patversme,shelter;ngo,rezeknes-novads,+371 67898343|I-V,Mon-Fri 09:00-17:00,Iela 1\n"
        .as_bytes()
        .to_vec();
    let imported = directory
        .import(TransferFormat::Csv, &seed, now())
        .expect("the seed imports");
    assert_eq!(imported.added, 1);
    check!().for_each(|input: &[u8]| {
        for format in [TransferFormat::Csv, TransferFormat::Hsds] {
            for bytes in [input.to_vec(), mutated(&seed, input)] {
                if let Err(error) = directory.import(format, &bytes, now()) {
                    let message = error.to_public().message;
                    assert!(!message.lv.is_empty() && !message.en.is_empty());
                }
            }
        }
    });
}
