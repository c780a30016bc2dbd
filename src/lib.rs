//! rinse cleans text scraped from the web, explains every change it makes,
//! and ships the damaged documents it was built on as test fixtures.
//!
//! Text from the web arrives damaged: wrong encodings, byte-order marks,
//! mixed line breaks, invisible characters, page residue glued to the
//! article. rinse runs a pipeline of named [steps](Step) over each document
//! and records every change in a [`Report`]: which step, which line of the
//! input, what the text was before and after, and why. Nothing disappears
//! silently.
//!
//! # The pipeline
//!
//! | stage | module | what it does |
//! |---|---|---|
//! | load | [`load`] | bytes → text: byte-order marks, encodings, malformed bytes |
//! | clean | [`Cleaner`] | named steps over the text; see [`Step::ALL`] |
//! | report | [`report`] | every change, aggregated per step, line and kind |
//! | output | [`snapshot`] | cleaned text rendered so that every byte shows |
//!
//! # Example
//!
//! ```
//! use rinse::{Cleaner, Config, Step};
//!
//! let input = b"\xEF\xBB\xBFcafe\xCC\x81 \r\nsecond line";
//! let cleaned = rinse::clean_bytes(input);
//!
//! assert_eq!(cleaned.text, "caf\u{e9}\nsecond line\n");
//! for change in &cleaned.report.changes {
//!     println!("{change}"); // line 1: decode removed "\\u{feff}": a byte-order mark …
//! }
//!
//! // Every step can be switched off; a Cleaner compiles a configuration once.
//! let cleaner = Cleaner::new(Config::default().disable(Step::LineEndings))?;
//! assert_eq!(cleaner.clean_bytes(input).text, "caf\u{e9}\r\nsecond line\r\n");
//! # Ok::<(), rinse::Error>(())
//! ```
//!
//! # Features
//!
//! - `cli` (default): the `rinse` binary and its dependencies. Projects that
//!   use rinse only as a library should depend on it with
//!   `default-features = false`.
//! - `fixtures` (default): [`fixtures`], the corpus embedded as test
//!   fixtures (`default-features = false, features = ["fixtures"]` in a
//!   project's dev-dependencies).
//! - `jsonl` (on with `cli`): `rinse::jsonl`, cleaning JSON Lines records.
//! - `proptest`: `rinse::strategies`, proptest strategies that produce damaged
//!   text together with what cleaning must give back.

#![deny(missing_docs)]
#![forbid(unsafe_code)]

// The bottom: character knowledge, and the step table.
mod step;
mod unicode;
// Bytes to text.
pub mod load;
// What a run is told, and what it reports.
mod config;
mod error;
pub mod report;
// Text to text, compiled once per configuration.
mod clean;
mod cleaner;
// Built on the pipeline: snapshots, fixtures, damage and strategies.
pub mod damage;
#[cfg(feature = "fixtures")]
pub mod fixtures;
#[cfg(feature = "jsonl")]
pub mod jsonl;
pub mod snapshot;
#[cfg(feature = "proptest")]
pub mod strategies;

pub use crate::clean::junk_signal_names;
pub use crate::cleaner::{clean_bytes, clean_str, Cleaner, Streamed};
pub use crate::config::{Config, NormalizationForm, Preset, ReportDetail};
pub use crate::error::Error;
pub use crate::load::Encoding;
pub use crate::report::{
    Action, Change, Cleaned, EncodingReport, JunkLabel, LineScripts, LineTag, Report,
    RunnerUpReport, ScriptCount, ScriptReport, StepReport,
};
pub use crate::step::{Stage, Step, UnknownStep};
pub use crate::unicode::visible;

/// The README's Rust examples, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
