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
use crate::unicode::class::{
    ARABIC_DIACRITIC, COMBINING, CONTROL, INVISIBLE, JOINING_SCRIPT, TATWEEL,
};
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
            let pictograph = |c: char| is_emoji_part(c) && !matches!(c, '\u{FE0F}' | '\u{20E3}');
            let emoji = before.is_some_and(is_emoji_part) && after.is_some_and(pictograph);
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
    let removed_later_or_mark = INVISIBLE | CONTROL | TATWEEL | ARABIC_DIACRITIC | COMBINING;
    !c.is_whitespace() && table::entry(c) & removed_later_or_mark == 0
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
