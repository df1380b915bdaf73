#![no_main]
//! `hotline call add --json` reading a file.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &[u8]| hotline_core::testkit::fuzzing::call_json_parser(input));
