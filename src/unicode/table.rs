//! The character table: the [class](super::class) bits and the script of
//! every Unicode character, generated ahead of time (`table_data.rs`, by
//! `classify.rs`), so nothing is built when a process starts.
//!
//! Code points below U+0800 (ASCII, Latin-1, Latin Extended, IPA, Greek,
//! Cyrillic, Armenian, Hebrew, Arabic, Syriac, Thaana, N'Ko) are one array
//! lookup; the rest go through a two-level table of 64-code-point blocks.

use std::sync::OnceLock;

use super::class::{Entry, ALPHABETIC, LOWERS, MARK, NUMERIC, SCRIPT_BITS, SCRIPT_SHIFT};
use super::table_data::{
    BLOCKS, BLOCK_SHIFT, COMPAT_EXPANSIONS, INDEX, LOOKALIKES, LOW, LOW_ENTRIES, SCRIPT_FAMILIES,
    SCRIPT_NAMES, VALUES,
};

/// The entry of `c`: its class bits and script id.
#[inline]
pub(crate) fn entry(c: char) -> Entry {
    entry_of(c as u32)
}

/// Whether `c` has the class `bits`: `ascii` answers for ASCII (the
/// standard library's own fast path), the table for the rest.
#[inline]
fn ascii_or_table(c: char, ascii: fn(&char) -> bool, bits: Entry) -> bool {
    if c.is_ascii() {
        ascii(&c)
    } else {
        entry(c) & bits != 0
    }
}

/// Whether `c` can carry a variation selector: a visible character that is
/// not a combining mark, a space, an invisible or control character, a
/// tatweel or an Arabic diacritic (the steps that remove those would leave
/// the selector without its base).
pub(crate) fn carries_selector(c: char) -> bool {
    use super::class::{ARABIC_DIACRITIC, COMBINING, CONTROL, INVISIBLE, TATWEEL};
    let removed_later_or_mark = INVISIBLE | CONTROL | TATWEEL | ARABIC_DIACRITIC | COMBINING;
    !c.is_whitespace() && entry(c) & removed_later_or_mark == 0
}

/// `c.is_alphabetic()`, from the table beyond ASCII.
#[inline]
pub(crate) fn is_alphabetic(c: char) -> bool {
    ascii_or_table(c, char::is_ascii_alphabetic, ALPHABETIC)
}

/// `c.is_numeric()`, from the table beyond ASCII.
#[inline]
pub(crate) fn is_numeric(c: char) -> bool {
    ascii_or_table(c, char::is_ascii_digit, NUMERIC)
}

/// `c.is_alphanumeric()`, from the table beyond ASCII.
#[inline]
pub(crate) fn is_alphanumeric(c: char) -> bool {
    ascii_or_table(c, char::is_ascii_alphanumeric, ALPHABETIC | NUMERIC)
}

/// Whether `c` is a mark (General_Category M, as
/// `unicode_normalization::char::is_combining_mark` says), from the table.
#[inline]
pub(crate) fn is_mark(c: char) -> bool {
    ascii_or_table(c, |_| false, MARK)
}

/// Whether `c` is a letter or a mark: a character of a word.
#[inline]
pub(crate) fn is_letter_or_mark(c: char) -> bool {
    ascii_or_table(c, char::is_ascii_alphabetic, ALPHABETIC | MARK)
}

/// Appends `c` lowercased to `out` (`out.extend(c.to_lowercase())`), without
/// the standard library's search for the many characters that stay as
/// they are.
#[inline]
pub(crate) fn push_lowercase(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else {
        push_lowercase_of(c, entry(c), out);
    }
}

/// [`push_lowercase`] of `c`, beyond ASCII, whose `entry` the caller has
/// already looked up.
#[inline]
pub(crate) fn push_lowercase_of(c: char, entry: Entry, out: &mut String) {
    if entry & LOWERS != 0 {
        out.extend(c.to_lowercase());
    } else {
        out.push(c);
    }
}

/// The entry of code point `cp` (0 for a value beyond Unicode).
#[inline]
pub(crate) fn entry_of(cp: u32) -> Entry {
    if cp < LOW {
        return LOW_ENTRIES[cp as usize];
    }
    let Some(&block) = INDEX.get((cp >> BLOCK_SHIFT) as usize) else {
        return 0;
    };
    let at = (usize::from(block) << BLOCK_SHIFT) | (cp as usize & ((1 << BLOCK_SHIFT) - 1));
    VALUES[usize::from(BLOCKS[at])]
}

/// The entry of the character that starts at byte `at` of `bytes` (valid
/// UTF-8, `at` a character boundary), and its length in bytes: read off
/// the bytes in place, without decoding a `char` first (a character of
/// three bytes is two lookups on its bytes).
#[inline(always)]
pub(crate) fn entry_at(bytes: &[u8], at: usize) -> (Entry, usize) {
    let lead = bytes[at];
    // `at` starts a character of valid UTF-8: no continuation byte (0x80 to
    // 0xBF) or byte above 0xF4 comes first.
    match lead {
        0..=0x7F => (LOW_ENTRIES[usize::from(lead)], 1),
        0x80..=0xDF => (entry_of_two_byte(lead, bytes[at + 1]), 2),
        0xE0..=0xEF => (entry_of_three_byte(lead, bytes[at + 1], bytes[at + 2]), 3),
        _ => (entry_of(four_byte_code_point(bytes, at)), 4),
    }
}

/// The entry of the two-byte UTF-8 sequence `lead`, `cont` (a code point
/// below U+0800): one lookup in the direct table.
#[inline]
pub(crate) fn entry_of_two_byte(lead: u8, cont: u8) -> Entry {
    // (lead & 0x1F) << 6 | (cont & 0x3F), as one shift and one add (the
    // constant folds into the address): lead is 0xC0 + (cp >> 6), cont
    // 0x80 + (cp & 0x3F). The mask keeps the index in the table.
    let cp = ((usize::from(lead) << 6) + usize::from(cont)).wrapping_sub(0x3080) & 0x7FF;
    LOW_ENTRIES[cp]
}

/// The entry of the three-byte UTF-8 sequence `lead`, `second`, `third`
/// (a code point of U+0800 to U+FFFF): two lookups, no code point built.
#[inline]
pub(crate) fn entry_of_three_byte(lead: u8, second: u8, third: u8) -> Entry {
    // The block is the code point's bits above the last six: those of the
    // lead and the first continuation byte.
    let block = usize::from(INDEX[(usize::from(lead & 0x0F) << 6) | usize::from(second & 0x3F)]);
    VALUES[usize::from(BLOCKS[(block << BLOCK_SHIFT) | usize::from(third & 0x3F)])]
}

/// The entry of the four-byte UTF-8 sequence `lead`, `second`, `third`,
/// `fourth` (a code point of U+10000 to U+10FFFF): two lookups, no code
/// point built (0 for a value beyond Unicode, as [`entry_of`]).
#[inline]
pub(crate) fn entry_of_four_byte(lead: u8, second: u8, third: u8, fourth: u8) -> Entry {
    let block_of = (usize::from(lead & 0x07) << 12)
        | (usize::from(second & 0x3F) << 6)
        | usize::from(third & 0x3F);
    let Some(&block) = INDEX.get(block_of) else {
        return 0;
    };
    VALUES[usize::from(BLOCKS[(usize::from(block) << BLOCK_SHIFT) | usize::from(fourth & 0x3F)])]
}

/// The union of the class bits of the ASCII characters: a step that waits
/// for none of them can skip ASCII runs without looking.
pub(crate) fn ascii_classes() -> Entry {
    static CLASSES: std::sync::OnceLock<Entry> = std::sync::OnceLock::new();
    *CLASSES.get_or_init(|| {
        LOW_ENTRIES[..0x80]
            .iter()
            .fold(0, |all, &entry| all | entry)
            & !SCRIPT_BITS
    })
}

/// Decodes the multi-byte UTF-8 sequence starting at `at` of valid UTF-8:
/// its code point and length.
#[inline(always)]
pub(crate) fn decode(bytes: &[u8], at: usize) -> (u32, usize) {
    let lead = bytes[at];
    let cont = |i: usize| u32::from(bytes[at + i] & 0x3F);
    match lead {
        0xC0..=0xDF => ((u32::from(lead & 0x1F) << 6) | cont(1), 2),
        0xE0..=0xEF => ((u32::from(lead & 0x0F) << 12) | (cont(1) << 6) | cont(2), 3),
        _ => (four_byte_code_point(bytes, at), 4),
    }
}

/// The code point of the four-byte UTF-8 sequence starting at `at` of
/// valid UTF-8.
#[inline(always)]
fn four_byte_code_point(bytes: &[u8], at: usize) -> u32 {
    let cont = |i: usize| u32::from(bytes[at + i] & 0x3F);
    (u32::from(bytes[at] & 0x07) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3)
}

/// Which characters may have a class, told by the first two bytes of
/// their UTF-8: a search for the characters of one class (a character step
/// looking for what it changes) steps over the others without looking
/// them up, an emoji (four bytes, none of them invisible) in one test.
///
/// Bit `second & 0x3F` of `by_lead[lead]` is set when some character whose
/// UTF-8 starts with `lead`, `second` has the class: exact for characters
/// of two bytes, per block of 64 for three bytes, per 4,096 for four.
pub(crate) struct ClassFilter {
    by_lead: [u64; 256],
}

impl ClassFilter {
    /// The filter of one class bit (`None` for anything else), built the
    /// first time it is asked for (from the table's blocks, in well under a
    /// millisecond) and kept for the process.
    pub(crate) fn of(class: Entry) -> Option<&'static ClassFilter> {
        // One per bit below the script id (some of them unused by classes).
        static FILTERS: [OnceLock<ClassFilter>; SCRIPT_SHIFT as usize] =
            [const { OnceLock::new() }; SCRIPT_SHIFT as usize];
        if !class.is_power_of_two() || class >= 1 << SCRIPT_SHIFT {
            return None;
        }
        let slot = &FILTERS[class.trailing_zeros() as usize];
        Some(slot.get_or_init(|| ClassFilter::build(class)))
    }

    fn build(class: Entry) -> ClassFilter {
        // The union of each block's entries, for all classes.
        static UNIONS: OnceLock<Vec<Entry>> = OnceLock::new();
        let unions = UNIONS.get_or_init(|| {
            BLOCKS
                .chunks(1 << BLOCK_SHIFT)
                .map(|block| block.iter().fold(0, |all, &v| all | VALUES[usize::from(v)]))
                .collect()
        });
        let block_has = |index: usize| {
            INDEX
                .get(index)
                .is_some_and(|&block| unions[usize::from(block)] & class != 0)
        };
        let mut by_lead = [0u64; 256];
        for (lead, mask) in by_lead
            .iter_mut()
            .enumerate()
            .skip(0xC2)
            .take(0xF4 - 0xC2 + 1)
        {
            for second in 0..64usize {
                let has = match lead {
                    0xC2..=0xDF => LOW_ENTRIES[((lead & 0x1F) << 6) | second] & class != 0,
                    0xE0..=0xEF => block_has(((lead & 0x0F) << 6) | second),
                    _ => {
                        let first_block = (((lead & 0x07) << 6) | second) << 6;
                        (first_block..first_block + 64).any(block_has)
                    }
                };
                *mask |= u64::from(has) << second;
            }
        }
        ClassFilter { by_lead }
    }

    /// Whether the character whose UTF-8 starts with `lead` (0x80 or
    /// more) and `second` may have the class.
    #[inline(always)]
    pub(crate) fn may_have(&self, lead: u8, second: u8) -> bool {
        (self.by_lead[usize::from(lead)] >> (second & 0x3F)) & 1 != 0
    }
}

/// The script id stored in an entry; 0 for anything that is not a letter
/// of a particular script (digits, punctuation, marks, symbols).
#[inline]
pub(crate) fn script_id(entry: Entry) -> u8 {
    (entry >> SCRIPT_SHIFT) as u8
}

/// The Unicode name of script id `id` (`Latin`, `Arabic`); empty for 0.
pub(crate) fn script_name(id: u8) -> &'static str {
    SCRIPT_NAMES.get(usize::from(id)).copied().unwrap_or("")
}

/// The id of the family of script `id`: scripts one language writes
/// together count as one (Hiragana, Katakana, Hangul and Bopomofo are Han's).
pub(crate) fn script_family(id: u8) -> u8 {
    SCRIPT_FAMILIES.get(usize::from(id)).copied().unwrap_or(id)
}

/// The script ids code refers to by name (fixed by the generator).
pub(crate) mod script {
    /// Latin.
    pub(crate) const LATIN: u8 = 1;
    /// Greek.
    pub(crate) const GREEK: u8 = 2;
    /// Cyrillic.
    pub(crate) const CYRILLIC: u8 = 3;
    /// Arabic.
    pub(crate) const ARABIC: u8 = 4;
    /// Han (and, as a family, the kana, Hangul and Bopomofo).
    #[allow(dead_code)]
    pub(crate) const HAN: u8 = 5;
}

/// The ASCII letter of the same case that a Cyrillic or Greek letter looks
/// like (`і` → `i`, `Α` → `A`).
pub(crate) fn lookalike_to_latin(c: char) -> Option<char> {
    LOOKALIKES
        .binary_search_by_key(&c, |&(from, _)| from)
        .ok()
        .map(|at| LOOKALIKES[at].1)
}

/// The lowest letter in `range` (basic Cyrillic or basic Greek) that looks
/// like the ASCII letter `latin`.
pub(crate) fn lookalike_in(range: std::ops::RangeInclusive<char>, latin: char) -> Option<char> {
    LOOKALIKES
        .iter()
        .find(|&&(from, to)| to == latin && range.contains(&from))
        .map(|&(from, _)| from)
}

/// The NFKC expansion of a Latin ligature or an Arabic presentation form.
pub(crate) fn compat_expansion(c: char) -> Option<&'static str> {
    COMPAT_EXPANSIONS
        .binary_search_by_key(&c, |&(from, _)| from)
        .ok()
        .map(|at| COMPAT_EXPANSIONS[at].1)
}

#[cfg(test)]
mod tests {
    use super::super::class::*;
    use super::*;

    #[test]
    fn every_three_byte_character_has_its_entry_through_its_bytes() {
        for c in ('\u{800}'..='\u{ffff}').filter(|c| c.len_utf8() == 3) {
            let mut utf8 = [0; 4];
            c.encode_utf8(&mut utf8);
            assert_eq!(
                entry_of_three_byte(utf8[0], utf8[1], utf8[2]),
                entry(c),
                "U+{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn every_four_byte_character_has_its_entry_through_its_bytes() {
        for c in '\u{10000}'..='\u{10ffff}' {
            let mut utf8 = [0; 4];
            c.encode_utf8(&mut utf8);
            assert_eq!(
                entry_of_four_byte(utf8[0], utf8[1], utf8[2], utf8[3]),
                entry(c),
                "U+{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn a_class_filter_never_misses_a_character_of_its_class() {
        let filters: Vec<_> = (0..SCRIPT_SHIFT)
            .map(|bit| ClassFilter::of(1 << bit).expect("one class bit"))
            .collect();
        let mut buf = [0u8; 4];
        for c in '\u{80}'..=char::MAX {
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            let classes = entry(c) & !SCRIPT_BITS;
            for (bit, filter) in filters.iter().enumerate() {
                if classes & (1 << bit) != 0 {
                    assert!(filter.may_have(bytes[0], bytes[1]), "{c:?} bit {bit}");
                }
            }
        }
        // And it skips: no emoji may be invisible, no Latin-1 letter a
        // control character.
        let invisible = ClassFilter::of(crate::unicode::class::INVISIBLE).unwrap();
        assert!(!invisible.may_have(0xF0, 0x9F));
        assert!(invisible.may_have(0xE2, 0x80), "U+200B..U+203F");
        assert!(ClassFilter::of(3).is_none(), "two classes");
    }

    #[test]
    fn letters_digits_and_lowercase_are_what_the_standard_library_says() {
        for c in '\0'..=char::MAX {
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_numeric(c), c.is_numeric(), "{c:?}");
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
            let mark = unicode_normalization::char::is_combining_mark(c);
            assert_eq!(is_mark(c), mark, "{c:?}");
            assert_eq!(is_letter_or_mark(c), c.is_alphabetic() || mark, "{c:?}");
            let mut lower = String::new();
            push_lowercase(c, &mut lower);
            assert_eq!(lower, c.to_lowercase().to_string(), "{c:?}");
            // The table's bit says whether lowercasing changes it.
            let changes = if c.is_ascii() {
                c.is_ascii_uppercase()
            } else {
                entry(c) & LOWERS != 0
            };
            assert_eq!(changes, lower != c.to_string(), "{c:?}");
        }
    }

    #[test]
    fn entries_of_each_class() {
        for (c, bit) in [
            ('\u{1}', CONTROL),
            ('\u{85}', CONTROL),
            ('\u{200b}', INVISIBLE),
            ('\u{fb01}', LIGATURE),
            ('\u{ff21}', FULLWIDTH),
            ('\u{fefb}', PRESENTATION_FORM),
            ('\u{640}', TATWEEL),
            ('\u{64e}', ARABIC_DIACRITIC),
            ('\u{663}', ARABIC_DIGIT),
            ('\u{201c}', TYPOGRAPHIC),
            ('\u{301}', NOT_NFC_INERT),
            ('\u{fb01}', NOT_NFKC_INERT),
            ('\u{a0}', UNICODE_SPACE),
            ('\u{456}', LOOKALIKE),
            ('Ã', MOJIBAKE_LEAD),
            ('©', MOJIBAKE_CONT),
            ('©', ODD_SYMBOL),
            ('\u{915}', JOINING_SCRIPT),
            ('\u{f099}', PRIVATE_USE),
            ('\u{10fffd}', PRIVATE_USE),
            ('\u{e0100}', INVISIBLE),
            ('\u{1d400}', NOT_NFKC_INERT),
        ] {
            assert_ne!(entry(c) & bit, 0, "{c:?}");
        }
        assert_eq!(
            entry('a') & !(LOWERCASE | ALPHABETIC) & ((1 << SCRIPT_SHIFT) - 1),
            0
        );
    }

    #[test]
    fn scripts_outside_the_bmp_are_known() {
        // Emoji belong to no script; Gothic and CJK Extension B letters do.
        assert_eq!(script_id(entry('😀')), 0);
        assert_eq!(script_name(script_id(entry('\u{10330}'))), "Gothic");
        assert_eq!(script_id(entry('\u{20000}')), script::HAN);
    }

    #[test]
    fn families_join_japanese_and_korean_scripts_to_han() {
        for c in ['あ', 'カ', '한'] {
            assert_eq!(script_family(script_id(entry(c))), script::HAN, "{c}");
        }
        assert_eq!(script_family(script::LATIN), script::LATIN);
    }

    #[test]
    fn lookalikes_and_expansions() {
        assert_eq!(lookalike_to_latin('\u{456}'), Some('i'));
        assert_eq!(lookalike_to_latin('\u{406}'), Some('I'));
        assert_eq!(lookalike_in('\u{400}'..='\u{45f}', 'o'), Some('о'));
        assert_eq!(lookalike_in('\u{370}'..='\u{3ff}', 'A'), Some('Α'));
        assert_eq!(compat_expansion('\u{fb03}'), Some("ffi"));
        assert_eq!(compat_expansion('\u{fefb}'), Some("\u{644}\u{627}"));
        assert_eq!(compat_expansion('a'), None);
    }

    #[test]
    fn beyond_unicode_is_nothing() {
        assert_eq!(entry_of(0x11_0000), 0);
        assert_eq!(entry_of(u32::MAX), 0);
    }
}
