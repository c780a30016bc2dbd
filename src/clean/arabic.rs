//! Steps for Arabic-script text: `arabic-presentation-forms` and `tatweel`
//! (on by default), `arabic-diacritics` and `arabic-digits` (off by default).

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;

use super::char_class::{ARABIC_DIACRITIC, ARABIC_DIGIT, PRESENTATION_FORM, TATWEEL};
use super::char_map::{map_chars, Mapped};
use super::Edit;

/// Replaces Arabic presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFE: the
/// contextual shapes old PDF and legacy systems store) with the base letters
/// they show, so `ﻻ` becomes `لا`.
pub(crate) fn presentation_forms(line: &str) -> Option<Edit> {
    map_chars(line, PRESENTATION_FORM, |_, c| {
        Mapped::Text(Cow::Owned(c.nfkc().collect()))
    })
}

/// Removes tatweel (kashida, U+0640), the stretching stroke used to justify
/// lines: `كـــتاب` is `كتاب`.
pub(crate) fn tatweel(line: &str) -> Option<Edit> {
    map_chars(line, TATWEEL, |_, _| Mapped::Remove)
}

/// Removes Arabic diacritics: harakat, tanween, shadda, sukun, superscript
/// alef and Quranic annotation marks.
pub(crate) fn diacritics(line: &str) -> Option<Edit> {
    map_chars(line, ARABIC_DIACRITIC, |_, _| Mapped::Remove)
}

/// Turns Arabic-Indic (`٠١٢`) and Extended Arabic-Indic (`۰۱۲`, Persian and
/// Urdu) digits into ASCII digits.
pub(crate) fn digits(line: &str) -> Option<Edit> {
    map_chars(line, ARABIC_DIGIT, |_, c| {
        let value = match c {
            '\u{660}'..='\u{669}' => c as u32 - 0x660,
            _ => c as u32 - 0x6F0,
        };
        char::from_digit(value, 10).map_or(Mapped::Keep, Mapped::Char)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lam_alef_ligature_and_isolated_forms_become_letters() {
        assert_eq!(presentation_forms("\u{fefb}").unwrap().text, "لا");
        assert_eq!(presentation_forms("\u{fe8d}\u{fedf}").unwrap().text, "ال");
    }

    #[test]
    fn base_arabic_letters_are_not_presentation_forms() {
        assert!(presentation_forms("السلام عليكم").is_none());
    }

    #[test]
    fn tatweel_is_removed_letters_stay() {
        assert_eq!(tatweel("كـــتاب").unwrap().text, "كتاب");
    }

    #[test]
    fn diacritics_are_removed_letters_stay() {
        assert_eq!(diacritics("بِسْمِ اللَّهِ").unwrap().text, "بسم الله");
    }

    #[test]
    fn arabic_and_persian_digits_become_ascii() {
        assert_eq!(digits("٢٠٢٤ و ۱۴۰۳").unwrap().text, "2024 و 1403");
    }
}
