//! Parses any text as a TOML configuration; a valid one builds a `Cleaner`
//! that cleans sample documents and the TOML itself, deterministically and
//! idempotently.
//! The checks are in `fuzz/src/checks.rs`.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| rinse_fuzz::checks::run("config_toml", data));
