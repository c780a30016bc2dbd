//! The `ligatures` and `fullwidth` steps: compatibility forms of Latin text.

use crate::clean::edit::{map_chars, Edit, Mapped};
use crate::clean::StepOptions;
use crate::unicode::class::{FULLWIDTH, LIGATURE};
use crate::unicode::table::compat_expansion;

/// Splits the Latin typographic ligatures U+FB00–U+FB06 (`ﬁ` → `fi`), which
/// PDF extraction and some fonts leave in text and which break search.
pub(crate) fn ligatures(line: &str, _: &StepOptions) -> Option<Edit> {
    map_chars(line, LIGATURE, |_, c| {
        compat_expansion(c).map_or(Mapped::Keep, Mapped::Str)
    })
}

/// Turns fullwidth ASCII forms (`ＡＢＣ１２３！`) into ASCII.
pub(crate) fn fullwidth(line: &str, _: &StepOptions) -> Option<Edit> {
    map_chars(line, FULLWIDTH, |_, c| {
        char::from_u32(c as u32 - 0xFEE0).map_or(Mapped::Keep, Mapped::Char)
    })
}
