//! The fuzz targets of `hotline_core::testkit::fuzzing`, run briefly in the suite on
//! seeded random inputs (`HOTLINE_FUZZ_ITERATIONS`, `HOTLINE_FUZZ_SEED` for
//! longer or other runs). Coverage-guided runs: `fuzz/` and docs/fuzzing.md.

use hotline_core::referrals::TransferFormat;
use hotline_core::sync::RecordKind;
use hotline_core::testkit::fuzzing::{
    call_json_parser, EnvelopeDecoder, RecordApplier, ReferralImporter, REFERRAL_SEED,
};
use rand::rngs::StdRng;
use rand::{Rng as _, RngCore as _, SeedableRng as _};

fn setting(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(default)
}

/// Random inputs of random lengths, reproducible from the seed; a failure
/// names the input's number to replay it.
fn each_input(name: &str, iterations: u64, mut target: impl FnMut(&[u8])) {
    let seed = setting("HOTLINE_FUZZ_SEED", 20_261_123);
    let mut rng = StdRng::seed_from_u64(seed);
    let mut input = Vec::new();
    for number in 0..setting("HOTLINE_FUZZ_ITERATIONS", iterations) {
        input.resize(rng.random_range(0..600), 0);
        rng.fill_bytes(&mut input);
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| target(&input)));
        assert!(
            outcome.is_ok(),
            "{name}: input {number} (HOTLINE_FUZZ_SEED={seed}) panicked: {input:?}"
        );
    }
}

#[test]
fn envelope_decoder() {
    let decoder = EnvelopeDecoder::new().expect("target");
    assert_eq!(
        decoder.decode(decoder.seed()),
        1,
        "the seed is a valid page"
    );
    each_input("envelope_decoder", 20_000, |input| decoder.run(input));
}

#[test]
fn call_json_parser_answers_everything() {
    each_input("call_json_parser", 20_000, call_json_parser);
}

#[test]
fn referral_importer() {
    let dir = tempfile::tempdir().expect("tempdir");
    let importer = ReferralImporter::new(&dir.path().join("data")).expect("target");
    importer
        .import(TransferFormat::Csv, REFERRAL_SEED.as_bytes())
        .expect("the seed imports");
    each_input("referral_importer", 2_000, |input| importer.run(input));
}

/// Issue 10: validly sealed and signed envelopes of mutated records reach
/// `records::apply`; 0 panics, 0 halted pages.
#[test]
fn record_applier() {
    let dir = tempfile::tempdir().expect("tempdir");
    let applier = RecordApplier::new(&dir.path().join("data")).expect("target");
    let kinds = applier.seed_kinds();
    for kind in [
        RecordKind::Call,
        RecordKind::Referral,
        RecordKind::AuditEntry,
    ] {
        assert!(kinds.contains(&kind), "a {kind:?} seed: {kinds:?}");
    }
    for (seed, kind) in kinds.iter().enumerate() {
        assert_eq!(
            applier.apply(seed, applier.seed(seed)).expect("apply"),
            (0, 0),
            "an unedited {kind:?} record is applied, so edits reach records::apply"
        );
    }
    each_input("record_applier", 1_000, |input| applier.run(input));
}
