//! Integration tests, compiled into one binary.

#[cfg(feature = "cli")]
mod cli;
mod corpus;
mod properties;
