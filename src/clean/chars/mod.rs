//! The character steps: each works inside one line, never removes a line,
//! and is woken only by lines holding the characters it changes.

pub(super) mod arabic;
pub(super) mod compat;
pub(super) mod homoglyphs;
pub(super) mod invisibles;
pub(super) mod normalize;
pub(super) mod private_use;
pub(super) mod spaces;
pub(super) mod typography;
