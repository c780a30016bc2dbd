//! What each character is to the pipeline: which character steps could
//! change it, and which script it belongs to.
//!
//! One lookup table covers the Basic Multilingual Plane (built once, on first
//! use, from the same functions that classify characters outside it), so a
//! line is scanned once to learn which steps have work to do. Clean text,
//! which is almost all text, then skips every character step.

use std::sync::OnceLock;

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{is_nfc_quick, is_nfkc_quick, IsNormalized};
use unicode_script::{Script, UnicodeScript};

use super::ascii::ascii_prefix_len;

/// C0 controls other than tab, DEL, and C1 controls.
pub(crate) const CONTROL: u32 = 1 << 0;
/// Zero-width, bidi-control, soft-hyphen and similar invisible characters,
/// including the ones that are kept in context (ZWJ, ZWNJ, variation
/// selectors, tags).
pub(crate) const INVISIBLE: u32 = 1 << 1;
/// Latin ligatures U+FB00–U+FB06.
pub(crate) const LIGATURE: u32 = 1 << 2;
/// Fullwidth ASCII forms U+FF01–U+FF5E.
pub(crate) const FULLWIDTH: u32 = 1 << 3;
/// Arabic presentation forms that have a compatibility decomposition.
pub(crate) const PRESENTATION_FORM: u32 = 1 << 4;
/// Arabic tatweel U+0640.
pub(crate) const TATWEEL: u32 = 1 << 5;
/// Arabic diacritics (harakat, Quranic annotation marks).
pub(crate) const ARABIC_DIACRITIC: u32 = 1 << 6;
/// Arabic-Indic and Extended Arabic-Indic digits.
pub(crate) const ARABIC_DIGIT: u32 = 1 << 7;
/// Curly quotes, dashes, ellipsis and the minus sign.
pub(crate) const TYPOGRAPHIC: u32 = 1 << 8;
/// Not inert under NFC: quick-check not "yes", or a nonzero combining class.
pub(crate) const NOT_NFC_INERT: u32 = 1 << 9;
/// Not inert under NFKC.
pub(crate) const NOT_NFKC_INERT: u32 = 1 << 10;
/// Space separators other than U+0020, and the line and paragraph separators.
pub(crate) const UNICODE_SPACE: u32 = 1 << 11;
/// A Cyrillic or Greek letter that looks like a Latin letter.
pub(crate) const LOOKALIKE: u32 = 1 << 12;
/// A character outside the BMP, classified on demand.
const ASTRAL: u32 = 1 << 13;
/// Set by [`scan`], never in the table: a mojibake lead character directly
/// followed by a [`MOJIBAKE_STRONG_CONT`] character.
pub(crate) const MOJIBAKE_PAIR: u32 = 1 << 16;
/// A continuation character that correct text does not put right after a
/// letter: [`MOJIBAKE_CONT`] without the Arabic comma, semicolon and
/// question mark, `ё`, guillemets, dashes, curly quotes, the ellipsis and the
/// no-break space.
/// Mojibake of any word has such pairs (`ط§`, `Рї`, `Ã©`), so a line with
/// none is correct text, however many of the others it has (`ة،`, `её`).
pub(crate) const MOJIBAKE_STRONG_CONT: u32 = 1 << 17;
/// An uppercase letter. After an uppercase mojibake lead every continuation
/// character counts: two-byte mojibake starts with an uppercase Latin-1
/// letter (`Ä…` for `ą`), and correct text rarely puts `…` or `»` there.
pub(crate) const UPPERCASE: u32 = 1 << 18;
/// A lowercase letter.
pub(crate) const LOWERCASE: u32 = 1 << 19;
/// A combining mark (canonical combining class other than 0).
pub(crate) const COMBINING: u32 = 1 << 20;
/// A symbol that mojibake glues to letters (see `mojibake::is_odd_symbol`).
pub(crate) const ODD_SYMBOL: u32 = 1 << 21;
/// A character that some repaired code page has at a UTF-8 lead byte
/// (0xC2–0xF4): where mojibake starts.
pub(crate) const MOJIBAKE_LEAD: u32 = 1 << 14;
/// A character that some repaired code page has at a UTF-8 continuation
/// byte (0x80–0xBF): mojibake needs one right after a lead.
pub(crate) const MOJIBAKE_CONT: u32 = 1 << 15;

const SCRIPT_SHIFT: u32 = 24;
const SCRIPT_MASK: u32 = 0xFF << SCRIPT_SHIFT;

/// The class bits of every BMP character, and the scripts they index.
pub(crate) struct CharTable {
    entries: Box<[u32]>,
    scripts: Vec<Script>,
}

impl CharTable {
    /// The table, built on first use.
    pub(crate) fn get() -> &'static CharTable {
        static TABLE: OnceLock<CharTable> = OnceLock::new();
        TABLE.get_or_init(CharTable::build)
    }

    fn build() -> CharTable {
        // Id 0 means "not a letter of any script".
        let mut scripts = vec![Script::Common];
        let mut entries = vec![0u32; 0x1_0000].into_boxed_slice();
        for (cp, entry) in entries.iter_mut().enumerate() {
            let Some(c) = char::from_u32(cp as u32) else {
                continue;
            };
            let mut bits = class_bits(c);
            if let Some(script) = letter_script(c) {
                let id = match scripts.iter().position(|&s| s == script) {
                    Some(id) => id,
                    None => {
                        scripts.push(script);
                        scripts.len() - 1
                    }
                };
                // More scripts than ids would be a Unicode far in the future;
                // such letters simply go uncounted.
                if id < 256 {
                    bits |= (id as u32) << SCRIPT_SHIFT;
                }
            }
            *entry = bits;
        }
        CharTable { entries, scripts }
    }

    /// The class bits of `c`, with its script id in the top byte.
    #[inline]
    pub(crate) fn entry(&self, c: char) -> u32 {
        match self.entries.get(c as usize) {
            Some(&entry) => entry,
            None => self.astral_entry(c),
        }
    }

    #[inline]
    pub(crate) fn entry_of_code_point(&self, cp: u32) -> u32 {
        match self.entries.get(cp as usize) {
            Some(&entry) => entry,
            None => char::from_u32(cp).map_or(0, |c| self.astral_entry(c)),
        }
    }

    #[cold]
    fn astral_entry(&self, c: char) -> u32 {
        let script = letter_script(c)
            .and_then(|script| self.scripts.iter().position(|&s| s == script))
            .filter(|&id| id < 256)
            .unwrap_or(0);
        class_bits(c) | ASTRAL | ((script as u32) << SCRIPT_SHIFT)
    }

    /// The script of script id `id` (see [`script_id`]).
    pub(crate) fn script(&self, id: u8) -> Script {
        self.scripts
            .get(usize::from(id))
            .copied()
            .unwrap_or(Script::Unknown)
    }
}

/// The script id stored in an entry; 0 for anything that is not a letter.
#[inline]
pub(crate) fn script_id(entry: u32) -> u8 {
    (entry >> SCRIPT_SHIFT) as u8
}

/// The script of `c` when it is a letter of a particular script.
fn letter_script(c: char) -> Option<Script> {
    if !c.is_alphabetic() {
        return None;
    }
    match c.script() {
        Script::Common | Script::Inherited | Script::Unknown => None,
        script => Some(script),
    }
}

/// Whether `c` is inert under a normalization form: it passes the quick
/// check on its own and has combining class 0, so no neighbour changes it.
fn inert(c: char, quick: fn(std::iter::Once<char>) -> IsNormalized) -> bool {
    quick(std::iter::once(c)) == IsNormalized::Yes && canonical_combining_class(c) == 0
}

/// The class bits of one character (without its script).
fn class_bits(c: char) -> u32 {
    let cp = c as u32;
    let mut bits = 0;
    if matches!(cp, 0x00..=0x08 | 0x0A..=0x1F | 0x7F..=0x9F) {
        bits |= CONTROL;
    }
    if is_invisible(cp) {
        bits |= INVISIBLE;
    }
    if (0xFB00..=0xFB06).contains(&cp) {
        bits |= LIGATURE;
    }
    if (0xFF01..=0xFF5E).contains(&cp) {
        bits |= FULLWIDTH;
    }
    if matches!(cp, 0xFB50..=0xFDFF | 0xFE70..=0xFEFE) && !inert(c, is_nfkc_quick) {
        bits |= PRESENTATION_FORM;
    }
    if cp == 0x0640 {
        bits |= TATWEEL;
    }
    if matches!(cp, 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06DC | 0x06DF..=0x06E4 | 0x06E7 | 0x06E8 | 0x06EA..=0x06ED)
    {
        bits |= ARABIC_DIACRITIC;
    }
    if matches!(cp, 0x0660..=0x0669 | 0x06F0..=0x06F9) {
        bits |= ARABIC_DIGIT;
    }
    if matches!(cp, 0x2018..=0x201F | 0x2010..=0x2015 | 0x2026 | 0x2212 | 0x2032 | 0x2033) {
        bits |= TYPOGRAPHIC;
    }
    if !inert(c, is_nfc_quick) {
        bits |= NOT_NFC_INERT;
    }
    if !inert(c, is_nfkc_quick) {
        bits |= NOT_NFKC_INERT;
    }
    if matches!(
        cp,
        0xA0 | 0x1680 | 0x2000..=0x200A | 0x2028 | 0x2029 | 0x202F | 0x205F | 0x3000
    ) {
        bits |= UNICODE_SPACE;
    }
    if super::homoglyphs::latin_lookalike(c).is_some() {
        bits |= LOOKALIKE;
    }
    if c.is_uppercase() {
        bits |= UPPERCASE;
    }
    if c.is_lowercase() {
        bits |= LOWERCASE;
    }
    if canonical_combining_class(c) != 0 {
        bits |= COMBINING;
    }
    if crate::load::mojibake::is_odd_symbol(c) {
        bits |= ODD_SYMBOL;
    }
    let (lead, cont) = crate::load::mojibake::byte_roles(c);
    if lead {
        bits |= MOJIBAKE_LEAD;
    }
    if cont {
        bits |= MOJIBAKE_CONT;
        let follows_letters = matches!(
            c,
            '\u{60C}'
                | '\u{61B}'
                | '\u{61F}'
                | 'ё'
                | 'Ё'
                | '«'
                | '»'
                | '\u{2013}'
                | '\u{2014}'
                | '\u{2019}'
                | '\u{201C}'
                | '\u{201D}'
                | '\u{2026}'
        );
        if !follows_letters {
            bits |= MOJIBAKE_STRONG_CONT;
        }
    }
    bits
}

/// The characters the `invisibles` step looks at.
fn is_invisible(cp: u32) -> bool {
    matches!(cp,
        0x00AD              // soft hyphen
        | 0x061C            // Arabic letter mark
        | 0x180E            // Mongolian vowel separator (no longer a space)
        | 0x200B..=0x200F   // ZWSP, ZWNJ, ZWJ, LRM, RLM
        | 0x202A..=0x202E   // bidi embeddings and overrides
        | 0x2060..=0x2064   // word joiner, invisible operators
        | 0x2066..=0x206F   // bidi isolates, deprecated format characters
        | 0xFE00..=0xFE0F   // variation selectors
        | 0xFEFF            // BOM / zero-width no-break space
        | 0xFFF9..=0xFFFB   // interlinear annotation controls
        | 0x1BCA0..=0x1BCA3 // shorthand format controls
        | 0x1D173..=0x1D17A // musical formatting controls
        | 0xE0001           // language tag
        | 0xE0020..=0xE007F // tag characters
        | 0xE0100..=0xE01EF // variation selectors supplement
    )
}

/// What one scan of a line found.
#[derive(Clone, Debug, Default)]
pub(crate) struct LineScan {
    /// The union of the class bits of the line's characters.
    pub(crate) bits: u32,
    /// Letters per script id, in order of first appearance.
    pub(crate) letters: Vec<(u8, usize)>,
}

/// The id the table gives Latin letters (ASCII letters are counted without a
/// lookup).
fn latin_id(table: &CharTable) -> u8 {
    script_id(table.entry('a'))
}

/// Scans `line` once: which character steps could apply, and how many
/// letters of each script it has. ASCII runs are handled eight bytes at a
/// time; other characters are decoded in place.
pub(crate) fn scan(line: &str) -> LineScan {
    let table = CharTable::get();
    let entries: &[u32] = &table.entries;
    let bytes = line.as_bytes();
    let mut letters = Vec::new();
    // Kept in locals, not in the result, so the loop stays in registers.
    let mut bits = 0u32;
    let mut controls = false;
    let mut ascii_letters = 0usize;
    // Letters of the current run of one script, added to `letters` when the
    // script changes.
    let mut run_id = 0u8;
    let mut run_letters = 0usize;
    // The entry of the previous character, for the mojibake pair.
    let mut previous = 0u32;
    let mut pair = false;
    let mut at = 0;
    while at < bytes.len() {
        let lead = bytes[at];
        if lead < 0x80 {
            previous = 0;
            // A lone ASCII byte (the space between two words of another
            // script) is handled here; longer runs eight bytes at a time.
            if bytes.get(at + 1).is_none_or(|&next| next >= 0x80) {
                ascii_letters += usize::from((lead | 0x20).wrapping_sub(b'a') < 26);
                controls |= (lead < 0x20 && lead != b'\t') || lead == 0x7F;
                at += 1;
                continue;
            }
            let run = &bytes[at..at + ascii_prefix_len(&bytes[at..])];
            let (run_ascii_letters, run_controls) = ascii_letters_and_controls(run);
            ascii_letters += run_ascii_letters;
            controls |= run_controls;
            at += run.len();
            continue;
        }
        // Runs of two-byte sequences (Arabic, Hebrew, Cyrillic, Greek,
        // Armenian) stay in this loop: no dispatch, no bounds surprises.
        while let [lead @ 0xC0..=0xDF, cont, ..] = bytes[at..] {
            let cp = (u32::from(lead & 0x1F) << 6) | u32::from(cont & 0x3F);
            let entry = entries[cp as usize];
            bits |= entry;
            pair |= is_mojibake_pair(previous, entry);
            previous = entry;
            let id = script_id(entry);
            if id != run_id && id != 0 {
                if run_letters > 0 {
                    count(&mut letters, run_id, run_letters);
                }
                run_id = id;
                run_letters = 0;
            }
            run_letters += usize::from(id != 0);
            at += 2;
        }
        if at >= bytes.len() || bytes[at] < 0x80 {
            continue;
        }
        let (cp, len) = decode(bytes, at);
        let entry = match entries.get(cp as usize) {
            Some(&entry) => entry,
            None => table.entry_of_code_point(cp),
        };
        bits |= entry;
        pair |= is_mojibake_pair(previous, entry);
        previous = entry;
        let id = script_id(entry);
        if id != 0 {
            if id != run_id {
                if run_letters > 0 {
                    count(&mut letters, run_id, run_letters);
                }
                run_id = id;
                run_letters = 0;
            }
            run_letters += 1;
        }
        at += len;
    }
    if run_letters > 0 {
        count(&mut letters, run_id, run_letters);
    }
    if ascii_letters > 0 {
        count(&mut letters, latin_id(table), ascii_letters);
    }
    if controls {
        bits |= CONTROL;
    }
    if pair {
        bits |= MOJIBAKE_PAIR;
    }
    LineScan {
        bits: bits & !SCRIPT_MASK,
        letters,
    }
}

/// Whether a character with table entry `previous` followed by one with
/// `entry` is a pair only mojibake makes (see [`MOJIBAKE_STRONG_CONT`]).
#[inline]
fn is_mojibake_pair(previous: u32, entry: u32) -> bool {
    previous & MOJIBAKE_LEAD != 0
        && (entry & MOJIBAKE_STRONG_CONT != 0
            || (previous & UPPERCASE != 0 && entry & MOJIBAKE_CONT != 0))
}

/// How many ASCII letters `run` has, and whether it has a control character
/// other than tab. Written branch-free over blocks of 255 bytes with byte
/// counters, so the compiler can use vector instructions.
fn ascii_letters_and_controls(run: &[u8]) -> (usize, bool) {
    let mut letters = 0;
    let mut controls = 0u8;
    for block in run.chunks(255) {
        let mut in_block = 0u8;
        for &b in block {
            in_block += u8::from((b | 0x20).wrapping_sub(b'a') < 26);
            controls |= u8::from(b < 0x20) & u8::from(b != b'\t') | u8::from(b == 0x7F);
        }
        letters += usize::from(in_block);
    }
    (letters, controls != 0)
}

fn count(letters: &mut Vec<(u8, usize)>, id: u8, n: usize) {
    match letters.iter_mut().find(|(seen, _)| *seen == id) {
        Some((_, total)) => *total += n,
        None => letters.push((id, n)),
    }
}

/// Decodes the multi-byte UTF-8 sequence starting at `at` of valid UTF-8.
#[inline]
fn decode(bytes: &[u8], at: usize) -> (u32, usize) {
    let lead = bytes[at];
    let cont = |i: usize| u32::from(bytes[at + i] & 0x3F);
    match lead {
        0xC0..=0xDF => ((u32::from(lead & 0x1F) << 6) | cont(1), 2),
        0xE0..=0xEF => ((u32::from(lead & 0x0F) << 12) | (cont(1) << 6) | cont(2), 3),
        _ => (
            (u32::from(lead & 0x07) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3),
            4,
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scan_of_clean_ascii_has_no_bits() {
        let scan = scan("Plain text, with punctuation (and digits 42).");
        assert_eq!(scan.bits, 0);
        assert_eq!(scan.letters.len(), 1);
    }

    #[test]
    fn scan_finds_each_class() {
        for (text, bit) in [
            ("a\u{1}b", CONTROL),
            ("a\u{7f}", CONTROL),
            ("a\u{85}", CONTROL),
            ("a\u{200b}b", INVISIBLE),
            ("\u{fb01}", LIGATURE),
            ("\u{ff21}", FULLWIDTH),
            ("\u{fefb}", PRESENTATION_FORM),
            ("\u{640}", TATWEEL),
            ("\u{64e}", ARABIC_DIACRITIC),
            ("\u{663}", ARABIC_DIGIT),
            ("\u{201c}", TYPOGRAPHIC),
            ("e\u{301}", NOT_NFC_INERT),
            ("\u{fb01}", NOT_NFKC_INERT),
            ("a\u{a0}b", UNICODE_SPACE),
            ("\u{456}", LOOKALIKE),
            ("😀", ASTRAL),
            ("Ã©", MOJIBAKE_LEAD),
            ("Ã©", MOJIBAKE_PAIR),
            ("Ù„", MOJIBAKE_PAIR),
            ("publicznÄ…", MOJIBAKE_PAIR),
        ] {
            assert_ne!(scan(text).bits & bit, 0, "{text:?}");
        }
    }

    #[test]
    fn ascii_counts_are_exact_across_blocks() {
        let text = "ab1 \u{1}".repeat(200);
        assert_eq!(ascii_letters_and_controls(text.as_bytes()), (400, true));
        assert_eq!(ascii_letters_and_controls(b"Zz@[`{\t"), (2, false));
    }

    #[test]
    fn clean_words_have_no_mojibake_pair() {
        for text in [
            "café crème",
            "Москва",
            "وقالت السفارة",
            "日本語",
            "بسيط، ثم",
            "её «всё»",
        ] {
            assert_eq!(scan(text).bits & MOJIBAKE_PAIR, 0, "{text}");
        }
    }

    #[test]
    fn tab_is_not_a_control_for_the_scan() {
        assert_eq!(scan("a\tb").bits & CONTROL, 0);
    }

    #[test]
    fn letters_are_counted_per_script() {
        let table = CharTable::get();
        let scan = scan("Telegram قناة 42 Ω");
        let named: Vec<(String, usize)> = scan
            .letters
            .iter()
            .map(|&(id, n)| (table.script(id).full_name().to_owned(), n))
            .collect();
        assert!(named.contains(&("Latin".to_owned(), 8)), "{named:?}");
        assert!(named.contains(&("Arabic".to_owned(), 4)), "{named:?}");
        assert!(named.contains(&("Greek".to_owned(), 1)), "{named:?}");
    }

    #[test]
    fn decode_matches_std_for_every_length() {
        for c in ['é', 'ق', '€', '日', '😀', '\u{10ffff}'] {
            let mut buf = [0; 4];
            let s = c.encode_utf8(&mut buf);
            assert_eq!(decode(s.as_bytes(), 0), (c as u32, c.len_utf8()));
        }
    }
}
