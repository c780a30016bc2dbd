//! The character classes of the character table: one bit each.
//!
//! A line is scanned once ([`scan`](super::scan)) and the union of its
//! characters' bits says which character steps have work on it; clean text
//! has none of the bits a step waits for, so it skips every step. The
//! classes are defined in the table's generator (`src/unicode/classify.rs`),
//! from the sets in [`sets`](super::sets) and Unicode properties.

/// A table entry: class bits in the low 32 bits, the repaired code pages
/// that have the character in the next 16, one more class bit
/// ([`LOWERS`]) at 48, bits 49 to 55 free, the script id in the top 8
/// (see [`script_id`](super::table::script_id)).
pub(crate) type Entry = u64;

/// C0 controls other than tab, DEL, and C1 controls.
pub(crate) const CONTROL: Entry = 1 << 0;
/// The [invisible](super::sets::INVISIBLE) characters, including the ones
/// the `invisibles` step keeps in context (ZWJ, ZWNJ, variation selectors,
/// tags).
pub(crate) const INVISIBLE: Entry = 1 << 1;
/// Latin ligatures U+FB00–U+FB06.
pub(crate) const LIGATURE: Entry = 1 << 2;
/// Fullwidth ASCII forms U+FF01–U+FF5E.
pub(crate) const FULLWIDTH: Entry = 1 << 3;
/// Arabic presentation forms that have a compatibility decomposition.
pub(crate) const PRESENTATION_FORM: Entry = 1 << 4;
/// Arabic tatweel U+0640.
pub(crate) const TATWEEL: Entry = 1 << 5;
/// Arabic diacritics (harakat, Quranic annotation marks).
pub(crate) const ARABIC_DIACRITIC: Entry = 1 << 6;
/// Arabic-Indic and Extended Arabic-Indic digits.
pub(crate) const ARABIC_DIGIT: Entry = 1 << 7;
/// Curly quotes, dashes, primes, the ellipsis and the minus sign.
pub(crate) const TYPOGRAPHIC: Entry = 1 << 8;
/// Not inert under NFC: quick-check not "yes", or a nonzero combining class.
pub(crate) const NOT_NFC_INERT: Entry = 1 << 9;
/// Not inert under NFKC.
pub(crate) const NOT_NFKC_INERT: Entry = 1 << 10;
/// The [spaces](super::sets::SPACES) other than U+0020.
pub(crate) const UNICODE_SPACE: Entry = 1 << 11;
/// A Cyrillic or Greek letter that looks like a Latin letter.
pub(crate) const LOOKALIKE: Entry = 1 << 12;
/// A character that some [repaired code page](super::codepage::repaired)
/// has at a UTF-8 lead byte (0xC2–0xF4): where mojibake starts.
pub(crate) const MOJIBAKE_LEAD: Entry = 1 << 13;
/// A character that some repaired code page has at a UTF-8 continuation
/// byte (0x80–0xBF): mojibake needs one right after a lead.
pub(crate) const MOJIBAKE_CONT: Entry = 1 << 14;
/// Set by the [scan](super::scan::scan), never in the table: a mojibake lead
/// character directly followed by a [`MOJIBAKE_STRONG_CONT`] character (or,
/// after an uppercase lead, by any [`MOJIBAKE_CONT`] character).
pub(crate) const MOJIBAKE_PAIR: Entry = 1 << 15;
/// Set by the [scan](super::scan::scan), never in the table: the line has
/// Latin letters and Cyrillic or Greek letters, so a word of it may mix them
/// through a lookalike (`пoлиция` with a Latin `o`, `rosZmі` with a
/// Cyrillic `і`).
pub(crate) const MIXED_ALPHABETS: Entry = 1 << 24;
/// Set by the [scan](super::scan::scan), never in the table: the line has
/// a tab, two spaces in a row, or a space at either end: work for the
/// steps that collapse and trim spaces.
pub(crate) const SPACE_RUN: Entry = 1 << 30;
/// A continuation character that correct text does not put right after a
/// letter: [`MOJIBAKE_CONT`] without the Arabic comma, semicolon and
/// question mark, `ё`, guillemets, dashes, curly quotes, the ellipsis and the
/// no-break space, nor the letters that text of their own script puts after
/// letters (`і`, `ک`: see `scan::own_continuation_script`; the scan counts
/// them as strong again in a line whose letters are mostly of another
/// script). Mojibake of any word has such pairs (`ط§`, `Рї`, `Ã©`), so a
/// line with none (and no capital or glued lead before a continuation) is
/// correct text, however many of the others it has (`ة،`, `её`).
pub(crate) const MOJIBAKE_STRONG_CONT: Entry = 1 << 16;
/// An uppercase letter. After an uppercase mojibake lead every continuation
/// character counts: two-byte mojibake starts with an uppercase Latin-1
/// letter (`Ä…` for `ą`), and correct text rarely puts `…` or `»` there.
pub(crate) const UPPERCASE: Entry = 1 << 17;
/// A lowercase letter.
pub(crate) const LOWERCASE: Entry = 1 << 18;
/// A combining mark (canonical combining class other than 0).
pub(crate) const COMBINING: Entry = 1 << 19;
/// A symbol that mojibake glues to letters and real text rarely does
/// (`©`, `€`, `™`, `√`, the spacing accents of windows-1250).
pub(crate) const ODD_SYMBOL: Entry = 1 << 20;
/// A letter or mark of a script that forms conjuncts or joins with ZWJ and
/// ZWNJ (Arabic, Syriac, N'Ko, Mongolian, the Indic scripts, Sinhala, Khmer,
/// Myanmar).
pub(crate) const JOINING_SCRIPT: Entry = 1 << 21;
/// A private-use character (U+E000–U+F8FF, planes 15 and 16): icon-font
/// glyphs in scraped text.
pub(crate) const PRIVATE_USE: Entry = 1 << 22;

/// An alphabetic character (`char::is_alphabetic`: letters, and the marks
/// and numbers Unicode counts as alphabetic), looked up in the table
/// instead of the standard library's search (a binary search per
/// character beyond ASCII, the bulk of the junk stage's time on Arabic or
/// Russian text).
pub(crate) const ALPHABETIC: Entry = 1 << 23;
/// A numeric character (`char::is_numeric`: digits of every script,
/// fractions, Roman numerals), for the same reason.
pub(crate) const NUMERIC: Entry = 1 << 31;

/// A letter or mark that no language writes in running text: in no
/// exemplar set of any CLDR locale (`ˢ`, `Ʃ`, IPA letters, rare ideographs),
/// or a code point Unicode has not assigned.
pub(crate) const RARE: Entry = 1 << 25;
/// A letter that languages only borrow: in the auxiliary exemplars of some
/// CLDR locale and in no main set.
pub(crate) const BORROWED: Entry = 1 << 26;

/// A letter of a script whose text puts quotation marks directly between
/// letters (Han, kana, Hangul, Thai, Lao, Khmer, Myanmar, Tibetan, Yi).
pub(crate) const SPACELESS: Entry = 1 << 27;

/// The first bit of the page mask: bit `PAGE_SHIFT + i` is set when page
/// `i` of the [repaired code pages](super::codepage::REPAIRED) has the
/// character at a byte 0x80–0xFF.
pub(crate) const PAGE_SHIFT: u32 = 32;
/// The page mask's bits, shifted down.
pub(crate) const PAGE_MASK: Entry = (1 << 16) - 1;

/// A character that lowercasing changes (`char::to_lowercase` gives other
/// characters; Unicode's Changes_When_Lowercased, on the character as it
/// is): capitals, title-case letters, Roman numerals and circled capitals.
/// Text without them is its own lowercase.
pub(crate) const LOWERS: Entry = 1 << 48;

/// A sign of one script that no language lists among the characters it
/// writes: a character that is not alphabetic, white space, a control or a
/// mark with a combining class (a mark of class 0, [`MARK`], counts: the
/// Cyrillic enclosing `҈`), whose Unicode script is not Common or
/// Inherited, and that is in no exemplar set of CLDR: the Syriac `܋`, the
/// Tamil `௳`, the Armenian `։` and `֏`, the Khmer and NKo digits; not the
/// Arabic `٪`, which CLDR lists, nor the Thai `฿` or the danda `।`, whose
/// script is Common. The `mojibake` step finds one odd beside the trace of
/// a lost byte with no letter or digit beside it (`܋` between two U+FFFD is
/// how MacRoman reads the bytes a Japanese line kept of `か`), and such a
/// mark odd after anything but a letter or digit.
pub(crate) const SCRIPT_SIGN: Entry = 1 << 49;

/// A mark (Unicode's General_Category M: non-spacing, spacing or
/// enclosing), whatever its combining class: [`COMBINING`] holds the marks
/// of a non-zero class only, and leaves out the enclosing `҈` (U+0488),
/// variation selectors and the vowel signs of Indic scripts.
pub(crate) const MARK: Entry = 1 << 50;

// The class bits above the pages stay clear of them and of the script id.
const _: () = assert!(
    (LOWERS | SCRIPT_SIGN | MARK) & (PAGE_MASK << PAGE_SHIFT) == 0
        && LOWERS < 1 << SCRIPT_SHIFT
        && SCRIPT_SIGN < 1 << SCRIPT_SHIFT
        && MARK < 1 << SCRIPT_SHIFT
);

/// The bits of the script id.
pub(crate) const SCRIPT_SHIFT: u32 = 56;

/// The bits of an entry that hold its script id (the rest are class bits).
pub(crate) const SCRIPT_BITS: Entry = !((1 << SCRIPT_SHIFT) - 1);
