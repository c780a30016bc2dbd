//! Loads any bytes with detection and with a forced encoding chosen by the
//! first byte; checks the account of malformed bytes, determinism, and
//! cleaning under the forced encoding.
//! The checks are in `fuzz/src/checks.rs`.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| rinse_fuzz::checks::run("load_bytes", data));
