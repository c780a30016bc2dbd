//! The library's error type.
//!
//! Cleaning never fails: malformed input is data, and what the cleaner finds
//! in it goes into the [`Report`](crate::Report). Errors are for the things a
//! caller controls: a configuration that names an unknown step or encoding,
//! or a file that cannot be read.

use std::io;
use std::path::PathBuf;

use crate::step::UnknownStep;
use crate::Step;

/// Everything that can go wrong outside the cleaning itself.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A step name that rinse does not know.
    #[error(transparent)]
    UnknownStep(#[from] UnknownStep),
    /// A step that is part of every run (decoding) was asked to be off.
    #[error("step `{step}` cannot be switched off")]
    StepNotSwitchable {
        /// The step.
        step: Step,
    },
    /// An encoding label that names no encoding rinse reads.
    #[error(
        "unknown encoding `{label}` (use a WHATWG label such as `utf-8`, `windows-1256`, `koi8-r`, or `utf-32le`)"
    )]
    UnknownEncoding {
        /// The label as the user wrote it.
        label: String,
    },
    /// An encoding label that the Encoding Standard maps to its replacement
    /// decoder (ISO-2022-KR, HZ-GB-2312): decoding would turn the whole
    /// document into one U+FFFD.
    #[error(
        "encoding `{label}` is not supported: browsers refuse to decode it, and decoding would turn the whole document into one U+FFFD"
    )]
    UnsupportedEncoding {
        /// The label as the user wrote it.
        label: String,
    },
    /// A configuration file that is not valid TOML or has unknown keys.
    #[error("invalid config: {message}")]
    InvalidConfig {
        /// What the TOML parser said, on one line.
        message: String,
    },
    /// A file could not be read or written. (The message holds the cause;
    /// it is not repeated as a source.)
    #[error("{}: {}", path.display(), Error::io_cause(cause))]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        cause: io::Error,
    },
    /// Another error, about the named file. (The message holds the error; it
    /// is not repeated as a source.)
    #[error("{}: {cause}", path.display())]
    WithPath {
        /// The file the error is about.
        path: PathBuf,
        /// The error.
        cause: Box<Error>,
    },
}

impl Error {
    /// Attaches the file the error is about.
    pub fn with_path(self, path: impl Into<PathBuf>) -> Error {
        match self {
            already @ (Error::Io { .. } | Error::WithPath { .. }) => already,
            other => Error::WithPath {
                path: path.into(),
                cause: Box::new(other),
            },
        }
    }

    /// The cause of an I/O error in words, without the operating system's
    /// error number (`no such file`, not `No such file or directory (os
    /// error 2)`).
    ///
    /// ```
    /// let err = std::io::Error::from_raw_os_error(40);
    /// assert_eq!(rinse::Error::io_cause(&err), "too many levels of symbolic links");
    /// ```
    pub fn io_cause(err: &io::Error) -> String {
        match err.kind() {
            io::ErrorKind::NotFound => return "no such file".to_owned(),
            io::ErrorKind::IsADirectory => return "is a directory".to_owned(),
            io::ErrorKind::PermissionDenied => return "permission denied".to_owned(),
            _ => {}
        }
        let text = err.to_string();
        let words = match text.rfind(" (os error ") {
            Some(at) if text.ends_with(')') => &text[..at],
            _ => &text,
        };
        let mut chars = words.chars();
        match chars.next() {
            Some(first) => first.to_lowercase().chain(chars).collect(),
            None => text,
        }
    }
}
