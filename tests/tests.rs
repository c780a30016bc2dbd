//! Integration tests, compiled into one binary.

mod support;

mod cases;
#[cfg(feature = "cli")]
mod cli;
mod corpus;
mod damaged;
mod detection;
mod docs;
mod fixtures;
#[cfg(feature = "cli")]
mod hostile;
mod junk;
mod properties;
#[cfg(feature = "cli")]
mod reliability;
