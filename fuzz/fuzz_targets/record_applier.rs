#![no_main]
//! A device applying validly sealed and signed envelopes of mutated records.

use hotline_core::testkit::fuzzing::RecordApplier;
use libfuzzer_sys::fuzz_target;

thread_local! {
    // The store is set up once per fuzzing process (a 600,000-round key
    // derivation); a database connection stays on its thread.
    static APPLIER: (tempfile::TempDir, RecordApplier) = {
        let dir = tempfile::tempdir().expect("tempdir");
        let applier = RecordApplier::new(&dir.path().join("data")).expect("target");
        (dir, applier)
    };
}

fuzz_target!(|input: &[u8]| APPLIER.with(|(_, applier)| applier.run(input)));
