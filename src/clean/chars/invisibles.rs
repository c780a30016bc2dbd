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
//!   Wales);
//! - ZWJ or ZWNJ right after a virama (or another mark) of those scripts,
//!   even at the end of a word: the Malayalam chillu letters (`ണ്‍`);
//! - ZWSP between two letters of Thai, Lao, Tibetan, Myanmar or Khmer, which
//!   write no spaces between words: it marks the word break;
//! - a soft hyphen that is a byte of mojibake (`ć\u{ad}Ł`, `正` through
//!   ISO-8859-2) beside C1 damage the repair left, as `control-chars` keeps
//!   those controls, or among mojibake through one page (windows-1252
//!   whose undefined bytes were lost: `à¸\u{ad}`, `อ`): removed, the rest
//!   of the damage reads as other damage, which the next pass repairs
//!   wrongly.

use crate::clean::edit::{map_chars, Around, Edit, Mapped};
use crate::clean::repair::mojibake::{byte_of_mojibake, c1_damage_beside, is_c1, kept_for_repair};
use crate::clean::StepOptions;
use crate::unicode::class::{COMBINING, CONTROL, INVISIBLE, JOINING_SCRIPT};
use crate::unicode::sets::{is_emoji_part, is_emoji_start};
use crate::unicode::table;

/// Removes control characters; the ones that are whitespace (vertical tab,
/// form feed, next line U+0085) become a space so words stay apart. A C1
/// control that is a byte of mojibake (`\u{81}` in `ă\u{81}Ś`,
/// [`byte_of_mojibake`]) is a byte of damage the repair left, not a stray
/// control, and stays: removed, it would leave the rest of the damage to
/// read as other damage, which the next pass over the line (or the next
/// run) repairs wrongly (`ăŚ”` is `㌔`), and no later tool could read the
/// character again. NEL (U+0085), which many tools take for
/// a line break, only beside other such damage ([`c1_damage_beside`]):
/// `CAFÉ\u{85}` is windows-1252's `CAFÉ…` read as latin-1, and its NEL
/// becomes a space.
pub(crate) fn controls(line: &str, _: &StepOptions) -> Option<Edit> {
    map_chars(line, CONTROL, |around, c| {
        let kept = || {
            byte_of_mojibake(line, around.at, false)
                && (c != '\u{85}' || c1_damage_beside(line, around.at))
        };
        if is_c1(c) && kept() {
            Mapped::Keep
        } else if c.is_whitespace() {
            Mapped::Char(' ')
        } else {
            Mapped::Remove
        }
    })
}

/// Removes invisible characters except where they carry meaning, and a
/// soft hyphen that is a byte of mojibake the repair left, beside C1 damage
/// or among mojibake through one page ([`kept_for_repair`]).
pub(crate) fn invisibles(line: &str, _: &StepOptions) -> Option<Edit> {
    map_chars(line, INVISIBLE, |around, c| {
        let kept = || c == '\u{ad}' && kept_for_repair(line, around.at);
        if keeps_meaning(around, c) || kept() {
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
        ..
    } = around;
    match c {
        // Beside a character the repair could not read back (U+FFFD), the
        // lost character may be the letter the joiner shaped.
        '\u{200C}' | '\u{200D}' if beside_a_loss(base_before, after) => true,
        '\u{200D}' => {
            // A selector or keycap may end the emoji before the joiner, but
            // the one after it starts with a pictograph.
            let emoji = before.is_some_and(is_emoji_part) && after.is_some_and(is_emoji_start);
            emoji || joins(base_before, after) || after_joining_mark(before, base_before)
        }
        // After a virama or another mark of a joining script, a joiner
        // shapes the letter before it even at the end of a word (the
        // Malayalam chillu letters `ൺ` written `ണ്‍`).
        '\u{200C}' => joins(base_before, after) || after_joining_mark(before, base_before),
        // Thai, Lao, Khmer and Myanmar write no spaces between words: the
        // zero-width space marks where a line may break between two.
        '\u{200B}' => between_words_without_spaces(base_before, after),
        // After the base, marks may stand between it and the selector (and
        // NFC may decompose the base into such a pair).
        '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}' => {
            base_before.is_some_and(table::carries_selector)
        }
        '\u{E0020}'..='\u{E007F}' => {
            before.is_some_and(|p| p == '\u{1F3F4}' || ('\u{E0020}'..='\u{E007F}').contains(&p))
        }
        _ => false,
    }
}

/// Whether a joiner stands between two letters of scripts that use
/// joiners (the one before it looked up past any combining marks, so a
/// virama or a haraka in between does not matter).
fn joins(base_before: Option<char>, after: Option<char>) -> bool {
    base_before.is_some_and(uses_joiners) && after.is_some_and(uses_joiners)
}

/// Whether a joiner stands between a letter of a script that uses joiners
/// and U+FFFD, which took the place of a character lost on the way
/// (`مصر\u{FFFD}\u{200C}کننده`, where the lost character was `ف`): what it
/// joined is unknown, so it stays.
fn beside_a_loss(base_before: Option<char>, after: Option<char>) -> bool {
    let lost = |c: Option<char>| c == Some('\u{FFFD}');
    (lost(base_before) && after.is_some_and(uses_joiners))
        || (base_before.is_some_and(uses_joiners) && lost(after))
}

/// Whether the character before a joiner is a mark (a virama) on a letter
/// of a script that uses joiners.
fn after_joining_mark(before: Option<char>, base_before: Option<char>) -> bool {
    before.is_some_and(|c| table::entry(c) & COMBINING != 0 && uses_joiners(c))
        && base_before.is_some_and(uses_joiners)
}

/// Whether a zero-width space stands between two letters of scripts written
/// without spaces between words, where it is the word break.
fn between_words_without_spaces(base_before: Option<char>, after: Option<char>) -> bool {
    let spaceless = |c: char| matches!(c as u32, 0x0E00..=0x0EFF | 0x0F00..=0x0FFF | 0x1000..=0x109F | 0x1780..=0x17FF | 0x19E0..=0x19FF | 0xAA60..=0xAA7F);
    base_before.is_some_and(spaceless) && after.is_some_and(spaceless)
}

/// A letter or mark of a script that forms conjuncts or joins with ZWJ and
/// ZWNJ. Digits and punctuation of those scripts do not count: a later step
/// may turn them into ASCII.
fn uses_joiners(c: char) -> bool {
    table::entry(c) & JOINING_SCRIPT != 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::unicode::scan::scan;
    use proptest::prelude::*;

    /// Lines of emoji sequences (a joiner between two emoji, a selector
    /// after its base: the exemptions, as units) and of their pieces alone,
    /// beside letters of joining scripts, marks, spaces and the other
    /// invisibles.
    fn emoji_lines() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop::sample::select(vec![
                "👩🏻\u{200d}💻",
                "🏳\u{fe0f}\u{200d}🌈",
                "❤\u{fe0f}",
                "⚠\u{fe0f}",
                "👨\u{200d}👩",
                "\u{a9}\u{fe0f}",
                "a",
                " ",
                "#",
                "\u{a0}",
                "\u{2003}",
                "\u{200b}",
                "\u{200c}",
                "\u{200d}",
                "\u{fe0f}",
                "\u{fe0e}",
                "\u{20e3}",
                "\u{301}",
                "\u{640}",
                "\u{64e}",
                "\u{628}",
                "\u{915}",
                "\u{94d}",
                "\u{d23}",
                "\u{e01}",
                "\u{fffd}",
                "\u{ad}",
                "\u{1f469}",
                "\u{1f3fb}",
                "\u{2764}",
                "\u{e0067}",
                "\u{e007f}",
                "\u{1f3f4}",
                "\u{e0100}",
                "\u{1}",
                "\u{e000}",
            ]),
            0..8,
        )
        .prop_map(|units| units.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]

        /// The scan leaves the step asleep only where it would keep every
        /// invisible character (a joiner between emoji, a selector after
        /// its base): skipping it changes nothing.
        #[test]
        fn a_line_the_scan_leaves_asleep_is_one_the_step_keeps(line in emoji_lines()) {
            if scan(&line).bits & INVISIBLE == 0 {
                let options = StepOptions {
                    normalization: crate::NormalizationForm::Nfc,
                };
                prop_assert!(invisibles(&line, &options).is_none(), "{:?}", line);
            }
        }
    }

    #[test]
    fn emoji_sequences_do_not_wake_the_step_and_stray_invisibles_do() {
        for line in [
            "👩🏻\u{200d}💻 at work",
            "❤\u{fe0f} it",
            "🏳\u{fe0f}\u{200d}🌈",
        ] {
            assert_eq!(scan(line).bits & INVISIBLE, 0, "{line:?}");
        }
        for line in [
            "a\u{200d}b",
            "👩\u{200d} x",
            " \u{fe0f}",
            "👩\u{200b}💻",
            "x\u{200d}💻",
        ] {
            assert_ne!(scan(line).bits & INVISIBLE, 0, "{line:?}");
        }
    }
}
