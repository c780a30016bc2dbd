//! Cleans one JSON Lines record (`rinse::jsonl::clean_record`): a raw line,
//! or the input wrapped as the text of a record; checks one line of JSON out,
//! the text as `clean_str` gives it, and a second pass that changes nothing.
//! The checks are in `fuzz/src/checks.rs`.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| rinse_fuzz::checks::run("jsonl_record", data));
