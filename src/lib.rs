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
//! | clean | [`clean`] | named steps over the text; see [`Step::ALL`] |
//! | report | [`report`] | every change, aggregated per step, line and kind |
//! | output | [`snapshot`] | cleaned text rendered so that every byte shows |
//!
//! # Example
//!
//! ```
//! use rinse::{clean_bytes, Config, Step};
//!
//! let input = b"\xEF\xBB\xBFcafe\xCC\x81 \r\nsecond line";
//! let cleaned = clean_bytes(input, &Config::default());
//!
//! assert_eq!(cleaned.text, "caf\u{e9}\nsecond line\n");
//! for change in &cleaned.report.changes {
//!     println!("line {}: {} {:?} {:?} → {:?} ({})",
//!         change.line, change.step, change.action, change.before, change.after, change.reason);
//! }
//!
//! // Every step can be switched off.
//! let kept = clean_bytes(input, &Config::default().disable(Step::LineEndings));
//! assert_eq!(kept.text, "caf\u{e9}\r\nsecond line\r\n");
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
//! - `proptest`: `rinse::strategies`, proptest strategies that produce damaged
//!   text together with what cleaning must give back.

#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod clean;
mod config;
pub mod damage;
mod error;
#[cfg(feature = "fixtures")]
pub mod fixtures;
pub mod load;
pub mod report;
pub mod snapshot;
#[cfg(feature = "proptest")]
pub mod strategies;
pub mod visible;

pub use crate::clean::{clean_bytes, clean_str, Cleaned, Stage, Step};
pub use crate::config::{Config, NormalizationForm};
pub use crate::error::Error;
pub use crate::report::{
    Action, Change, EncodingReport, LineScripts, Report, ScriptCount, ScriptReport, StepReport,
};
