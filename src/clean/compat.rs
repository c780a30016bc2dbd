//! The `ligatures` and `fullwidth` steps: compatibility forms of Latin text.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;

use super::char_class::{FULLWIDTH, LIGATURE};
use super::char_map::{map_chars, Mapped};
use super::Edit;

/// Splits the Latin typographic ligatures U+FB00–U+FB06 (`ﬁ` → `fi`), which
/// PDF extraction and some fonts leave in text and which break search.
pub(crate) fn ligatures(line: &str) -> Option<Edit> {
    map_chars(line, LIGATURE, |_, c| {
        Mapped::Text(Cow::Owned(c.nfkc().collect()))
    })
}

/// Turns fullwidth ASCII forms (`ＡＢＣ１２３！`) into ASCII.
pub(crate) fn fullwidth(line: &str) -> Option<Edit> {
    map_chars(line, FULLWIDTH, |_, c| {
        char::from_u32(c as u32 - 0xFEE0).map_or(Mapped::Keep, Mapped::Char)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_latin_ligature_is_split() {
        let edit =
            ligatures("\u{fb00} \u{fb01} \u{fb02} \u{fb03} \u{fb04} \u{fb05} \u{fb06}").unwrap();
        assert_eq!(edit.text, "ff fi fl ffi ffl st st");
        assert_eq!(edit.count, 7);
    }

    #[test]
    fn fullwidth_letters_digits_and_punctuation_become_ascii() {
        assert_eq!(fullwidth("ＡＢＣ１２３！～").unwrap().text, "ABC123!~");
    }

    #[test]
    fn halfwidth_katakana_and_cjk_punctuation_stay() {
        assert!(fullwidth("ｶﾀｶﾅ、。").is_none());
    }
}
