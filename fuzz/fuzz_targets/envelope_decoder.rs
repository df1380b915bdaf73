#![no_main]
//! A device decoding a pull page from the network.

use std::sync::OnceLock;

use hotline_core::testkit::fuzzing::EnvelopeDecoder;
use libfuzzer_sys::fuzz_target;

static DECODER: OnceLock<EnvelopeDecoder> = OnceLock::new();

fuzz_target!(|input: &[u8]| {
    DECODER
        .get_or_init(|| EnvelopeDecoder::new().expect("target"))
        .run(input);
});
