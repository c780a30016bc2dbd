//! Steps for Arabic-script text: `arabic-presentation-forms` and `tatweel`
//! (on by default), `arabic-diacritics` and `arabic-digits` (off by default).

use crate::clean::edit::{map_chars, Edit, Mapped};
use crate::clean::StepOptions;
use crate::unicode::class::{ARABIC_DIACRITIC, ARABIC_DIGIT, PRESENTATION_FORM, TATWEEL};
use crate::unicode::table::{self, compat_expansion, script};

/// Replaces Arabic presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFE: the
/// contextual shapes old PDF and legacy systems store) with the base letters
/// they show, so `ﻻ` becomes `لا`.
pub(crate) fn presentation_forms(line: &str, _: &StepOptions) -> Option<Edit> {
    map_chars(line, PRESENTATION_FORM, |_, c| {
        compat_expansion(c).map_or(Mapped::Keep, Mapped::Str)
    })
}

/// Removes tatweel (kashida, U+0640), the stretching stroke used to justify
/// lines: `كـــتاب` is `كتاب`. Only between two Arabic letters: at the
/// start or end of a word (`ـ11`, `الـ`) it stands for a joined letter or
/// a dash, and stays.
pub(crate) fn tatweel(line: &str, _: &StepOptions) -> Option<Edit> {
    let arabic = |c: Option<char>| {
        c.is_some_and(|c| c == '\u{640}' || table::script_id(table::entry(c)) == script::ARABIC)
    };
    map_chars(line, TATWEEL, |around, _| {
        if arabic(around.base_before) && arabic(around.after) {
            Mapped::Remove
        } else {
            Mapped::Keep
        }
    })
}

/// Removes Arabic diacritics: harakat, tanween, shadda, sukun, superscript
/// alef and Quranic annotation marks.
pub(crate) fn diacritics(line: &str, _: &StepOptions) -> Option<Edit> {
    map_chars(line, ARABIC_DIACRITIC, |_, _| Mapped::Remove)
}

/// Turns Arabic-Indic (`٠١٢`) and Extended Arabic-Indic (`۰۱۲`, Persian and
/// Urdu) digits into ASCII digits.
pub(crate) fn digits(line: &str, _: &StepOptions) -> Option<Edit> {
    map_chars(line, ARABIC_DIGIT, |_, c| {
        let value = match c {
            '\u{660}'..='\u{669}' => c as u32 - 0x660,
            _ => c as u32 - 0x6F0,
        };
        char::from_digit(value, 10).map_or(Mapped::Keep, Mapped::Char)
    })
}
