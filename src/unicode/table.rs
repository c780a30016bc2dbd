//! The character table: the [class](super::class) bits and the script of
//! every Unicode character, generated ahead of time (`table_data.rs`, by
//! `classify.rs`), so nothing is built when a process starts.
//!
//! Code points below U+0800 (ASCII, Latin-1, Latin Extended, IPA, Greek,
//! Cyrillic, Armenian, Hebrew, Arabic, Syriac, Thaana, N'Ko) are one array
//! lookup; the rest go through a two-level table of 64-code-point blocks.

use super::class::{Entry, SCRIPT_SHIFT};
use super::table_data::{
    BLOCKS, BLOCK_SHIFT, COMPAT_EXPANSIONS, INDEX, LOOKALIKES, LOW, LOW_ENTRIES, SCRIPT_FAMILIES,
    SCRIPT_NAMES, VALUES,
};

/// The entry of `c`: its class bits and script id.
#[inline]
pub(crate) fn entry(c: char) -> Entry {
    entry_of(c as u32)
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

/// The union of the class bits of the ASCII characters: a step that waits
/// for none of them can skip ASCII runs without looking.
pub(crate) fn ascii_classes() -> Entry {
    static CLASSES: std::sync::OnceLock<Entry> = std::sync::OnceLock::new();
    *CLASSES.get_or_init(|| {
        LOW_ENTRIES[..0x80]
            .iter()
            .fold(0, |all, &entry| all | entry)
            & ((1 << SCRIPT_SHIFT) - 1)
    })
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
    #[allow(dead_code)]
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
        assert_eq!(entry('a') & !LOWERCASE & ((1 << SCRIPT_SHIFT) - 1), 0);
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
