//! Character knowledge, with no knowledge of steps: the sets of characters
//! the steps share, the generated character table and the one scan over it,
//! the code pages mojibake comes from, and how to make invisible characters
//! visible.
//!
//! This module is the bottom of the crate: it imports nothing else of it.

pub(crate) mod alphabets;
#[rustfmt::skip]
mod alphabets_data;
pub(crate) mod ascii;
pub(crate) mod boundary;
pub(crate) mod class;
#[cfg(test)]
mod classify;
pub(crate) mod codepage;
mod codepage_data;
#[cfg(test)]
#[rustfmt::skip]
mod exemplars_data;
pub(crate) mod scan;
pub(crate) mod sets;
pub(crate) mod table;
#[rustfmt::skip]
mod table_data;
pub mod visible;
