//! The `control-chars` and `invisibles` steps.
//!
//! Removing invisible characters is only safe for the ones without meaning.
//! Kept, because they change how text renders or reads:
//!
//! - ZWJ (U+200D) between two emoji (family, profession and flag sequences),
//!   or next to a letter or mark of a script that forms conjuncts and joins
//!   with it (Arabic, Syriac, N'Ko, Mongolian, the Indic scripts, Sinhala,
//!   Khmer, Myanmar);
//! - ZWNJ (U+200C) between letters or marks of those scripts (Persian
//!   `می‌خواهم`, Hindi half forms);
//! - variation selectors right after a visible character (`❤️` is U+2764
//!   U+FE0F; standardized variants of CJK ideographs);
//! - tag characters in an emoji tag sequence (the flags of England, Scotland,
//!   Wales).

use unicode_script::{Script, UnicodeScript};

use super::char_class::{CharTable, ARABIC_DIACRITIC, CONTROL, INVISIBLE, TATWEEL};
use super::char_map::{map_chars, Around, Mapped};
use super::Edit;

/// Removes control characters; the ones that are whitespace (vertical tab,
/// form feed, next line U+0085) become a space so words stay apart.
pub(crate) fn controls(line: &str) -> Option<Edit> {
    map_chars(line, CONTROL, |_, c| {
        if c.is_whitespace() {
            Mapped::Char(' ')
        } else {
            Mapped::Remove
        }
    })
}

/// Removes invisible characters except where they carry meaning.
pub(crate) fn invisibles(line: &str) -> Option<Edit> {
    map_chars(line, INVISIBLE, |around, c| {
        if keeps_meaning(around, c) {
            Mapped::Keep
        } else {
            Mapped::Remove
        }
    })
}

/// Whether an invisible character carries meaning where it stands. Every
/// test looks at characters a later step never removes, so that a kept
/// character is kept again when the output is cleaned once more.
fn keeps_meaning(around: Around, c: char) -> bool {
    let Around {
        before,
        base_before,
        after,
    } = around;
    match c {
        '\u{200D}' => {
            // A selector or keycap may end the emoji before the joiner, but
            // the one after it starts with a pictograph.
            let pictograph = |c: char| is_emoji_part(c) && !matches!(c, '\u{FE0F}' | '\u{20E3}');
            let emoji = before.is_some_and(is_emoji_part) && after.is_some_and(pictograph);
            emoji || joins(base_before, after)
        }
        '\u{200C}' => joins(base_before, after),
        // After the base, marks may stand between it and the selector (and
        // NFC may decompose the base into such a pair).
        '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}' => base_before.is_some_and(is_base),
        '\u{E0020}'..='\u{E007F}' => {
            before.is_some_and(|p| p == '\u{1F3F4}' || ('\u{E0020}'..='\u{E007F}').contains(&p))
        }
        _ => false,
    }
}

/// Whether `c` can carry a variation selector: a visible character that is
/// not a combining mark and that no later step removes.
fn is_base(c: char) -> bool {
    let removed_later = INVISIBLE | CONTROL | TATWEEL | ARABIC_DIACRITIC;
    !c.is_whitespace()
        && CharTable::get().entry(c) & removed_later == 0
        && unicode_normalization::char::canonical_combining_class(c) == 0
}

/// Whether a joiner stands between two letters of scripts that use
/// joiners (the one before it looked up past any combining marks, so a
/// virama or a haraka in between does not matter).
fn joins(base_before: Option<char>, after: Option<char>) -> bool {
    base_before.is_some_and(uses_joiners) && after.is_some_and(uses_joiners)
}

/// A letter or mark of a script that forms conjuncts or joins with ZWJ and
/// ZWNJ. Digits and punctuation of those scripts do not count: a later step
/// may turn them into ASCII.
fn uses_joiners(c: char) -> bool {
    let letter_or_mark =
        c.is_alphabetic() || unicode_normalization::char::canonical_combining_class(c) != 0;
    letter_or_mark
        && matches!(
            c.script(),
            Script::Arabic
                | Script::Syriac
                | Script::Nko
                | Script::Mongolian
                | Script::Devanagari
                | Script::Bengali
                | Script::Gurmukhi
                | Script::Gujarati
                | Script::Oriya
                | Script::Tamil
                | Script::Telugu
                | Script::Kannada
                | Script::Malayalam
                | Script::Sinhala
                | Script::Khmer
                | Script::Myanmar
        )
}

/// Whether `c` can be part of an emoji ZWJ sequence: a pictograph, a skin
/// tone modifier, the emoji variation selector, or a gender or object sign
/// used in sequences. An approximation of Extended_Pictographic that covers
/// every emoji block.
fn is_emoji_part(c: char) -> bool {
    matches!(c as u32,
        0x1F000..=0x1FAFF   // pictographs, emoticons, transport, supplemental symbols
        | 0x2600..=0x27BF   // miscellaneous symbols, dingbats (♀ ♂ ❤ ✈)
        | 0x2300..=0x23FF   // technical (⌚ ⏰)
        | 0x2B00..=0x2BFF   // arrows and shapes (⭐ ⬛)
        | 0x2190..=0x21FF   // arrows
        | 0xFE0F            // emoji presentation selector
        | 0x20E3            // combining enclosing keycap
        | 0xA9 | 0xAE | 0x203C | 0x2049 | 0x2122 | 0x2139 | 0x3030 | 0x303D | 0x3297 | 0x3299
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::clean::applied as cleaned;

    #[test]
    fn nul_bell_escape_and_c1_controls_are_removed() {
        assert_eq!(
            cleaned(controls, "a\u{0}b\u{7}c\u{1b}d\u{9c}e\u{7f}"),
            "abcde"
        );
    }

    #[test]
    fn whitespace_controls_become_spaces() {
        assert_eq!(cleaned(controls, "a\u{b}b\u{c}c\u{85}d"), "a b c d");
    }

    #[test]
    fn tab_is_not_a_control_to_remove() {
        assert!(controls("a\tb").is_none());
    }

    #[test]
    fn zero_width_space_soft_hyphen_and_word_joiner_are_removed() {
        assert_eq!(
            cleaned(invisibles, "in\u{ad}vis\u{200b}ible\u{2060}!"),
            "invisible!"
        );
    }

    #[test]
    fn bidi_controls_and_marks_are_removed() {
        let text = "\u{202b}abc\u{202c} \u{2067}x\u{2069} \u{200e}y\u{200f}\u{61c}";
        assert_eq!(cleaned(invisibles, text), "abc x y");
    }

    #[test]
    fn stray_bom_inside_text_is_removed() {
        assert_eq!(cleaned(invisibles, "one\u{feff}two"), "onetwo");
    }

    #[test]
    fn zwj_in_emoji_family_is_kept() {
        let family = "👨\u{200d}👩\u{200d}👧";
        assert!(invisibles(family).is_none());
        let heart = "👩\u{200d}\u{2764}\u{fe0f}\u{200d}👨";
        assert!(invisibles(heart).is_none());
    }

    #[test]
    fn zwj_followed_only_by_a_selector_is_removed() {
        // The selector then presents the flag as emoji, which is valid.
        assert_eq!(
            cleaned(invisibles, "\u{1f3f4}\u{200d}\u{fe0f}"),
            "\u{1f3f4}\u{fe0f}"
        );
    }

    #[test]
    fn zwj_after_selector_in_emoji_sequence_is_kept() {
        assert!(invisibles("\u{2764}\u{fe0f}\u{200d}\u{1f525}").is_none());
    }

    #[test]
    fn zwj_between_latin_letters_is_removed() {
        assert_eq!(cleaned(invisibles, "ab\u{200d}cd"), "abcd");
    }

    #[test]
    fn zwj_in_devanagari_conjunct_is_kept() {
        // KA + VIRAMA + ZWJ + SSA: the half form of KA.
        assert!(invisibles("\u{915}\u{94d}\u{200d}\u{937}").is_none());
    }

    #[test]
    fn zwnj_in_persian_is_kept() {
        assert!(invisibles("می\u{200c}خواهم").is_none());
    }

    #[test]
    fn zwnj_in_hindi_is_kept() {
        assert!(invisibles("\u{915}\u{94d}\u{200c}\u{937}").is_none());
    }

    #[test]
    fn zwnj_between_latin_letters_is_removed() {
        assert_eq!(cleaned(invisibles, "Auf\u{200c}lage"), "Auflage");
    }

    #[test]
    fn zwnj_at_the_edge_of_arabic_word_is_removed() {
        assert_eq!(cleaned(invisibles, "كتاب\u{200c} x"), "كتاب x");
    }

    #[test]
    fn variation_selector_after_emoji_is_kept() {
        assert!(invisibles("I \u{2764}\u{fe0f} it").is_none());
        assert!(invisibles("\u{845b}\u{e0100}").is_none());
    }

    #[test]
    fn variation_selector_with_nothing_before_it_is_removed() {
        assert_eq!(cleaned(invisibles, "\u{fe0f}x \u{fe0f}y"), "x y");
    }

    #[test]
    fn variation_selector_after_a_removed_joiner_is_removed() {
        assert_eq!(cleaned(invisibles, "\u{200d}\u{fe0f}"), "");
    }

    #[test]
    fn variation_selector_after_a_mark_or_tatweel_is_removed() {
        assert_eq!(cleaned(invisibles, "\u{64e}\u{fe0f}"), "\u{64e}");
        assert_eq!(cleaned(invisibles, "\u{640}\u{fe0f}"), "\u{640}");
    }

    #[test]
    fn zwj_next_to_arabic_digit_is_removed() {
        assert_eq!(cleaned(invisibles, "\u{200d}\u{663}"), "\u{663}");
    }

    #[test]
    fn variation_selector_after_base_and_mark_is_kept() {
        assert!(invisibles("\u{a16}\u{a3c}\u{e0100}").is_none());
    }

    #[test]
    fn zwnj_after_a_letter_with_harakat_is_kept() {
        assert!(invisibles("ب\u{64e}\u{200c}ت").is_none());
    }

    #[test]
    fn tags_without_a_flag_are_removed_even_in_a_chain() {
        assert_eq!(cleaned(invisibles, "\u{e0001}\u{e0020}\u{e0021}x"), "x");
    }

    #[test]
    fn flag_tag_sequence_is_kept_lone_tags_are_removed() {
        let england = "\u{1f3f4}\u{e0067}\u{e0062}\u{e0065}\u{e006e}\u{e0067}\u{e007f}";
        assert!(invisibles(england).is_none());
        assert_eq!(cleaned(invisibles, "a\u{e0041}\u{e0001}b"), "ab");
    }
}
