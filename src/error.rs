//! The library's error type.
//!
//! Cleaning never fails: malformed input is data, and what the cleaner finds
//! in it goes into the [`Report`](crate::Report). Errors are for the things a
//! caller controls: a configuration that names an unknown step or encoding,
//! or a file that cannot be read.

use std::io;
use std::path::PathBuf;

use crate::clean::Step;

/// Everything that can go wrong outside the cleaning itself.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A step name that rinse does not know.
    #[error("unknown step `{name}` (run `rinse steps` for the list)")]
    UnknownStep {
        /// The name as the user wrote it.
        name: String,
    },
    /// A step that is part of every run (decoding) was asked to be off.
    #[error("step `{step}` cannot be switched off")]
    StepNotSwitchable {
        /// The step.
        step: Step,
    },
    /// An encoding label that is not a WHATWG encoding label.
    #[error(
        "unknown encoding `{label}` (use a WHATWG label such as `utf-8`, `windows-1256`, `koi8-r`)"
    )]
    UnknownEncoding {
        /// The label as the user wrote it.
        label: String,
    },
    /// A configuration file that is not valid TOML or has unknown keys.
    #[error("invalid config: {message}")]
    InvalidConfig {
        /// What the TOML parser said, on one line.
        message: String,
    },
    /// A file could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: io::Error,
    },
    /// Another error, about the named file.
    #[error("{}: {source}", path.display())]
    WithPath {
        /// The file the error is about.
        path: PathBuf,
        /// The error.
        source: Box<Error>,
    },
}

impl Error {
    /// Attaches the file the error is about.
    pub fn with_path(self, path: impl Into<PathBuf>) -> Error {
        match self {
            already @ (Error::Io { .. } | Error::WithPath { .. }) => already,
            other => Error::WithPath {
                path: path.into(),
                source: Box::new(other),
            },
        }
    }
}
