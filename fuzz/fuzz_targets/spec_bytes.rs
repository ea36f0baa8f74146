//! Arbitrary bytes as a spec file. Seeded from real specs (see `fuzz/README.md`), so
//! libFuzzer's mutations also make near-valid documents.
#![no_main]

mod common;

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| common::check(bytes));
