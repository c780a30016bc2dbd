//! Cleans any bytes with every step on (the optional ones too); checks a
//! well-formed, deterministic, idempotent result.
//! The checks are in `fuzz/src/checks.rs`.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| rinse_fuzz::checks::run("clean_all_steps", data));
