//! The repair steps: undoing how text was stored or transported (mojibake,
//! character references, terminal escapes). They run on each line before
//! the character steps, so they see the evidence as it came.

pub(super) mod entities;
pub(super) mod escapes;
pub(super) mod mojibake;
