//! The `ligatures` and `fullwidth` steps: compatibility forms of Latin text.

use crate::clean::edit::{map_chars, Edit, Mapped};
use crate::clean::StepOptions;
use crate::unicode::class::{FULLWIDTH, LIGATURE, SPACELESS};
use crate::unicode::table;
use crate::unicode::table::compat_expansion;

/// Splits the Latin typographic ligatures U+FB00–U+FB06 (`ﬁ` → `fi`), which
/// PDF extraction and some fonts leave in text and which break search.
pub(crate) fn ligatures(line: &str, _: &StepOptions) -> Option<Edit> {
    map_chars(line, LIGATURE, |_, c| {
        compat_expansion(c).map_or(Mapped::Keep, Mapped::Str)
    })
}

/// Turns fullwidth ASCII forms (`ＡＢＣ１２３！`) into ASCII. Fullwidth
/// punctuation in a line with letters of a script written without spaces
/// (`，` and `：` in Chinese, `！` after kana, `（ELLE Style）` inside a
/// Chinese sentence) is the punctuation of that script, not ASCII in a wide
/// font: it stays, so brackets stay pairs. So does fullwidth punctuation
/// in a line without a letter or a digit (`）。` alone, the end of a
/// bracket that a Chinese text wrapped onto its own line).
pub(crate) fn fullwidth(line: &str, _: &StepOptions) -> Option<Edit> {
    let spaceless = |n: char| table::entry(n) & SPACELESS != 0;
    // Read only when a fullwidth punctuation mark is found.
    let mut punctuation_stays = None;
    map_chars(line, FULLWIDTH, |_, c| {
        if !table::is_alphanumeric(c)
            && *punctuation_stays.get_or_insert_with(|| {
                line.chars().any(spaceless) || !line.chars().any(table::is_alphanumeric)
            })
        {
            return Mapped::Keep;
        }
        char::from_u32(c as u32 - 0xFEE0).map_or(Mapped::Keep, Mapped::Char)
    })
}
