//! Integration tests, compiled into one binary.

mod support;

mod cases;
#[cfg(feature = "cli")]
mod cli;
mod corpus;
#[cfg(feature = "cli")]
mod corpus_io;
mod damaged;
mod detection;
mod docs;
mod fixtures;
#[cfg(feature = "cli")]
mod hostile;
mod junk;
#[cfg(feature = "cli")]
mod metadata_schema;
mod properties;
#[cfg(feature = "cli")]
mod reliability;
