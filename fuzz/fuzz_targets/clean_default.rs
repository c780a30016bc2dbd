//! Cleans any bytes with `Config::default()`; checks a well-formed,
//! deterministic, idempotent result.
//! The checks are in `fuzz/src/checks.rs`.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| rinse_fuzz::checks::run("clean_default", data));
