#![no_main]
//! A supervisor importing a directory file (CSV or HSDS) into a real store.

use hotline_core::testkit::fuzzing::ReferralImporter;
use libfuzzer_sys::fuzz_target;

thread_local! {
    // The store is set up once per fuzzing process (a 600,000-round key
    // derivation); a database connection stays on its thread.
    static IMPORTER: (tempfile::TempDir, ReferralImporter) = {
        let dir = tempfile::tempdir().expect("tempdir");
        let importer = ReferralImporter::new(&dir.path().join("data")).expect("target");
        (dir, importer)
    };
}

fuzz_target!(|input: &[u8]| IMPORTER.with(|(_, importer)| importer.run(input)));
