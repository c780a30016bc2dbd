//! How odd a piece of text is: the measure the `mojibake` step compares a
//! run with its repairs by.
//!
//! [`weirdness`] adds a cost for each sign that text is not what people
//! write:
//!
//! - characters no language writes in running text: C1 controls, private-use
//!   characters, U+FFFD, and letters and marks in no exemplar set of any
//!   Unicode CLDR locale (`ˢ`, `Ʃ`, IPA letters, rare ideographs; the
//!   character table's [`RARE`] bit, generated from CLDR's 803 locales),
//!   the arrows of Supplemental Arrows-B that are no emoji (`⤽`,
//!   ISO-8859-15's reading of windows-1252's `â€œ`), and the CJK radicals
//!   (`⻔`);
//! - odd symbols glued to letters (`Ã©`, `â€™`, `╨┐`): the symbols that
//!   continuation bytes decode to and that real text rarely glues to a
//!   letter (the table's [`ODD_SYMBOL`] bit);
//! - letters of two scripts touching or in one word (`Ø§`, `ǐر`);
//! - a lowercase letter followed by an uppercase one inside a word (`cafÃ`),
//!   two accented capitals in a row followed by a small letter;
//! - a combining mark with nothing to combine with;
//! - a sign of one script that no language lists (the table's
//!   [`SCRIPT_SIGN`] bit: `܋`, `௳`) beside the trace of a lost byte (U+FFFD
//!   or a C1 control on either side, `?` before it) and no letter or digit;
//!   such a sign that is a mark of combining class 0 (`҈`) after anything
//!   but a letter or digit.
//!
//! Correct text scores zero or close to it in every language of the
//! development set (32 languages, upper-cased too); mojibake scores about
//! two per damaged character. The costs were set on half of the development
//! lines and are reported on the other half (see the README).

use super::memo::{Memo, Question};
use crate::unicode::class::{
    Entry, ALPHABETIC, BORROWED, COMBINING, LOWERCASE, MARK, MOJIBAKE_LEAD, NUMERIC, ODD_SYMBOL,
    PRIVATE_USE, RARE, SCRIPT_SIGN, SPACELESS, UPPERCASE,
};
use crate::unicode::table::{self, script, script_family, script_id};

/// What a C1 control or another control character costs.
const CONTROL_COST: i32 = 4;
/// What a private-use character, U+FFFD or a rare letter costs.
const RARE_COST: i32 = 3;
/// What a letter that languages only borrow costs.
const BORROWED_COST: i32 = 1;

/// Odd symbols, quotation marks and dashes: two of them touching (`‘‚`,
/// `«‚`, `–‚`) are odd.
fn is_odd_or_quote(c: Seen) -> bool {
    c.odd()
        || matches!(
            c.c,
            '«' | '»' | '\u{2013}' | '\u{2014}' | '\u{2018}'..='\u{201F}'
        )
}

/// Quotation marks that open a quotation, and so follow a space.
fn is_opening_quote(c: char) -> bool {
    matches!(c, '«' | '\u{2018}' | '\u{201A}' | '\u{201C}' | '\u{201E}')
}

/// Characters that never stand between two letters of one word: odd
/// symbols, guillemets and double or low quotes (the single quotes stay
/// out: they are apostrophes in `don’t` and `l’homme`).
fn is_never_inside_a_word(c: Seen) -> bool {
    c.odd() || matches!(c.c, '«' | '»' | '\u{201A}' | '\u{201C}'..='\u{201F}')
}

/// Combining marks of the blocks every script shares (diacritics,
/// extended and supplementary diacritics, marks for symbols, half marks).
fn is_generic_mark(c: char) -> bool {
    matches!(c as u32, 0x300..=0x36F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// A character as the score sees it, read from the character table once
/// (with whether it is a letter and its script family, which the score
/// asks of every character several times).
#[derive(Clone, Copy)]
struct Seen {
    c: char,
    entry: Entry,
    /// A letter of a script (ASCII letters included), not an odd symbol.
    letter: bool,
    /// The script family id of a letter (scripts one language writes
    /// together count as one: Han with the kana and Hangul); `None` for
    /// what is no letter of a script.
    script: Option<u8>,
}

impl Seen {
    #[inline]
    fn of(c: char) -> Seen {
        let entry = table::entry(c);
        if c.is_ascii() {
            let alphabetic = c.is_ascii_alphabetic();
            return Seen {
                c,
                entry,
                letter: alphabetic,
                script: alphabetic.then_some(script::LATIN),
            };
        }
        let id = script_id(entry);
        let script = (id != 0).then(|| script_family(id));
        Seen {
            c,
            entry,
            letter: id != 0 && entry & ODD_SYMBOL == 0,
            script,
        }
    }

    #[inline]
    fn is_ascii(self) -> bool {
        self.c.is_ascii()
    }

    #[inline]
    fn odd(self) -> bool {
        self.entry & ODD_SYMBOL != 0
    }

    #[inline]
    fn mark(self) -> bool {
        self.entry & COMBINING != 0
    }

    #[inline]
    fn upper(self) -> bool {
        self.entry & UPPERCASE != 0
    }

    #[inline]
    fn lower(self) -> bool {
        self.entry & LOWERCASE != 0
    }

    /// A letter of a script whose text glues quotation marks to letters.
    #[inline]
    fn spaceless(self) -> bool {
        self.entry & SPACELESS != 0
    }

    /// A letter or a digit of any kind (`char::is_alphanumeric`).
    #[inline]
    fn alphanumeric(self) -> bool {
        self.entry & (ALPHABETIC | NUMERIC) != 0
    }

    /// A letter of a script (ASCII letters included), not an odd symbol.
    #[inline]
    fn letter(self) -> bool {
        self.letter
    }

    /// The script family id of a letter.
    #[inline]
    fn script(self) -> Option<u8> {
        self.script
    }
}

/// The arrows of Supplemental Arrows-B that ISO-8859-15 reads the mojibake
/// of general punctuation back into (`â€œ`, windows-1252's `“`, is `⤽`
/// through it, `â€ž` is `⤸`: E2 A4 80 to E2 A4 BF), signs no text writes;
/// but for `⤴` and `⤵`, which are emoji.
fn latin_9_arrow(cp: u32) -> bool {
    (0x2900..=0x293F).contains(&cp) && !matches!(cp, 0x2934 | 0x2935)
}

/// The CJK radicals of the Radicals Supplement (E2 BA 80 to E2 BB BF),
/// forms dictionaries list and text writes as the ideographs themselves:
/// the mojibake of `»”` read back through ISO-8859-15 and then ISO-8859-1
/// is `⻔`. (Not the Kangxi Radicals, which text extracted from PDF files
/// holds for ideographs: `⼒` for `力`.)
fn radical(cp: u32) -> bool {
    (0x2E80..=0x2EFF).contains(&cp)
}

/// What one character costs on its own.
#[inline]
fn char_cost(c: char, entry: Entry) -> i32 {
    let cp = c as u32;
    if cp < 0x80 {
        return 0;
    }
    if (0x80..0xA0).contains(&cp) {
        CONTROL_COST
    } else if entry & (PRIVATE_USE | RARE) != 0
        || c == char::REPLACEMENT_CHARACTER
        || latin_9_arrow(cp)
        || radical(cp)
    {
        RARE_COST
    } else {
        if entry & BORROWED != 0 {
            BORROWED_COST
        } else {
            0
        }
    }
}

/// How unlikely `text` is as correct text, between the characters `before`
/// and `after` (which are scored as context, not as part of the text).
///
/// Short texts are looked up in this thread's memo of recent answers first
/// ([`super::memo`]).
pub(crate) fn weirdness(before: Option<char>, text: &str, after: Option<char>) -> i32 {
    let Some(question) = Question::new(before, text, after, 0) else {
        return weirdness_of(before, text, after);
    };
    MEMO.with(|memo| {
        memo.borrow_mut()
            .answer(question, || weirdness_of(before, text, after))
    })
}

thread_local! {
    static MEMO: std::cell::RefCell<Memo<i32>> = std::cell::RefCell::new(Memo::new());
}

/// [`weirdness`], worked out.
fn weirdness_of(before: Option<char>, text: &str, after: Option<char>) -> i32 {
    let mut state = Scoring::default();
    if let Some(c) = before {
        state.step(c, false);
    }
    for c in text.chars() {
        state.step(c, true);
    }
    if let Some(c) = after {
        state.step(c, false);
    }
    if state.lone_sign == Some(true) {
        // Nothing after it, a lost byte before it.
        state.score += RARE_COST;
    }
    state.score
}

/// What a byte the way lost leaves in text: U+FFFD or a C1 control, and
/// `?` when it stands `before` what is weighed (after a sign, a `?` is more
/// often a question mark: `֏?`, `២?`).
#[inline]
fn trace_of_a_lost_byte(c: char, before: bool) -> bool {
    c == '\u{FFFD}' || super::is_c1(c) || (before && c == '?')
}

/// The score of the characters seen so far and what the next one is
/// weighed against.
#[derive(Default)]
struct Scoring {
    score: i32,
    prev: Option<Seen>,
    prev2: Option<Seen>,
    /// The last letter since the last space: letters of two scripts in
    /// one word are odd even with punctuation between them
    /// (`ہ“Unfortunately`), but for the exception of [`glues_latin`]:
    /// Chinese and Japanese set Latin words in their own brackets and
    /// quotes, glued to their letters on both sides (`先生（Spielberg）先生`).
    word_letter: Option<Seen>,
    /// The last character is a [`SCRIPT_SIGN`] of the text, not a mark,
    /// with no letter or digit before it (odd when none follows either and
    /// the trace of a lost byte is on one side), and whether that trace is
    /// before it.
    lone_sign: Option<bool>,
}

impl Scoring {
    /// Scores `c`, a character of the text (`inside`) or of its context.
    #[inline(always)]
    fn step(&mut self, c: char, inside: bool) {
        let seen = Seen::of(c);
        let prev = self.prev;
        if inside {
            self.score += char_cost(c, seen.entry);
        }
        // A sign of one script that no language lists, with neither a
        // letter nor a digit on either side and the trace of a lost byte
        // on one (`܋` between two U+FFFD; a `?` counts before it only).
        // Beside a word or a number (the Armenian full stop `։`), alone
        // between spaces (the Armenian dram `֏`, a Khmer digit) or before a
        // question mark, such signs are text.
        if let Some(lost_before) = self.lone_sign {
            if !seen.alphanumeric() && (lost_before || trace_of_a_lost_byte(c, false)) {
                self.score += RARE_COST;
            }
        }
        let sign =
            inside && seen.entry & SCRIPT_SIGN != 0 && prev.is_none_or(|p| !p.alphanumeric());
        // Such a sign that is a mark (of combining class 0: the enclosing
        // `҈` that windows-1256 makes of the `Ò` of `“` in a Thai line) has
        // nothing to combine with.
        if sign && seen.entry & MARK != 0 {
            self.score += RARE_COST;
        }
        self.lone_sign = (sign && seen.entry & MARK == 0)
            .then(|| prev.is_some_and(|p| trace_of_a_lost_byte(p.c, true)));
        if let Some(p) = prev {
            self.score += pair_weirdness(p, seen);
            // A symbol, guillemet or double quote between two letters with
            // no space (`Ã«a`, `Ã»a`) is odd in every quoting style.
            if is_never_inside_a_word(p)
                && seen.letter()
                && !seen.spaceless()
                && self.prev2.is_some_and(|p2| p2.letter() && !p2.spaceless())
            {
                self.score += 2;
            }
        }
        // A capital beyond ASCII standing alone, glued to a sign that
        // no word ends with (`Â«`, `Â©`, `Ã·`): how the windows-1252
        // reading of a two-byte character starts (the lead bytes are the
        // Latin-1 capitals), not how a one-letter word (Portuguese `É`,
        // Swedish `Å`) is written.
        if let Some(p) = prev {
            if is_glued_sign(c)
                && p.upper()
                && !p.is_ascii()
                && p.script() == Some(script::LATIN)
                && self.prev2.is_none_or(|p2| !p2.alphanumeric())
            {
                self.score += 1;
            }
            // `Â` and the closing guillemet after a space (or at the start,
            // or after the no-break space French puts there): the windows-1252
            // reading of `»` (a quoted one-letter word, `«É»`, has its
            // opening mark right before it, and no language writes `Â` as
            // a word).
            if c == '»' && p.c == 'Â' && self.prev2.is_none_or(|p2| is_space(p2.c)) {
                self.score += 2;
            }
            // An accented capital, a dash and a small letter with no space
            // (`Ă–rnekler`, `galÄ–tumÄ–te`): the reading of a two-byte
            // letter whose continuation byte windows-1252 or -1250 has as a
            // dash (`Ö`, `Ė`), not how words are joined (`Bogotá–Cali`,
            // `café–bar` and `A–Z` have no such capital or no small letter).
            if matches!(p.c, '–' | '—')
                && seen.lower()
                && self.prev2.is_some_and(|p2| {
                    p2.upper()
                        && !p2.is_ascii()
                        && p2.script() == Some(script::LATIN)
                        && p2.entry & MOJIBAKE_LEAD != 0
                })
            {
                self.score += 2;
            }
        }
        // A mark that is the first character of the context combines with
        // what comes before it, which the score does not see (a Thai vowel
        // sign before a damaged word that starts in the middle of a
        // syllable).
        if seen.mark() && (inside || prev.is_some()) {
            if prev.is_none_or(|p| !p.alphanumeric() && !p.mark()) {
                // A combining mark with nothing to combine with.
                self.score += 3;
            } else if is_generic_mark(c) && inside {
                // A combining diacritic in a repair: text on the web is
                // written precomposed (`ö`, not `o` + U+0308), so a repair
                // that makes one (`k̦n` for `kön` through MacRoman) is less
                // likely than one that makes a precomposed letter; but text
                // written decomposed (`e` + U+0301) is still repaired.
                self.score += 1;
            } else if !is_generic_mark(c) && prev.is_some_and(|p| p.script() == Some(script::LATIN))
            {
                // A mark of another script's block on a Latin letter (`Mَ`:
                // the Arabic fatha that `ŮŽ` of `MŮŽE` decodes to).
                self.score += 3;
            }
        }
        if is_space(c) || matches!(c, '\'' | '\u{2019}') {
            // An apostrophe joins an English ending to any word
            // (`Москва’s`).
            self.word_letter = None;
        } else if seen.letter() {
            if let Some(script) = seen.script() {
                let other_script = self
                    .word_letter
                    .is_some_and(|w| w.script() != Some(script) && !glues_latin(w, seen));
                if other_script && prev.is_some_and(|p| !p.letter()) {
                    self.score += 3;
                }
                self.word_letter = Some(seen);
            }
        }
        self.prev2 = prev;
        self.prev = Some(seen);
    }
}

/// Signs that follow a word only after a space, if at all: the opening
/// guillemet, currency, the signs of Latin-1's upper half and the
/// typographic ones. Not the closing guillemet: a quoted one-letter word
/// (Portuguese `«É»`) ends with it.
fn is_glued_sign(c: char) -> bool {
    matches!(
        c,
        '«' | '©'
            | '®'
            | '°'
            | '±'
            | '·'
            | '¶'
            | '§'
            | '¬'
            | '¦'
            | '¤'
            | '¢'
            | '£'
            | '¥'
            | '¼'
            | '½'
            | '¾'
            | '¿'
            | '¡'
            | '†'
            | '‡'
            | '•'
            | '‰'
            | '™'
            | '¨'
            | '¯'
            | '´'
            | '¸'
    )
}

/// `char::is_whitespace`, without the table lookup for the characters
/// below U+1680 (the first white space beyond Latin-1).
#[inline(always)]
fn is_space(c: char) -> bool {
    match c as u32 {
        0..=0x7F => c.is_ascii_whitespace() || c == '\u{0B}',
        0x85 | 0xA0 => true,
        0x80..=0x167F => false,
        _ => c.is_whitespace(),
    }
}

#[inline(always)]
fn pair_weirdness(a: Seen, b: Seen) -> i32 {
    if a.is_ascii() && b.is_ascii() {
        return 0;
    }
    // A low quote opens a quotation, so it follows a space or an opening
    // bracket: right after a letter, a digit or other punctuation (`Ã‚` for
    // `Â`, `»‚`) it is as odd as a symbol.
    if matches!(b.c, '\u{201A}' | '\u{201E}')
        && !a.c.is_whitespace()
        && !matches!(
            a.c,
            '(' | '[' | '{' | '<' | '-' | '\u{2013}' | '\u{2014}' | '/'
        )
        && !a.spaceless()
    {
        return 2;
    }
    match (a.letter(), b.letter()) {
        // An ellipsis ends a word in every script (`СИГНАЛ…`, `κατά…`).
        (true, false) if b.c == '…' => 0,
        (true, true) => match (a.script(), b.script()) {
            // Chinese and Japanese glue Latin words and acronyms to their
            // own letters (`GCIキャピタル`, `AKB48チーム`, `iPhone用`).
            (Some(x), Some(y)) if x != y && glues_latin(a, b) => 0,
            (Some(x), Some(y)) if x != y => 3,
            _ if a.lower() && b.upper() => 2,
            // Two accented capitals in a row (`ÙŠ` for Arabic `ي`), or an
            // accented capital followed by an accented small letter (`Ãœber`
            // for `Über`): rare in real words. Where they are real (`Łódź`,
            // `Říjen`), the pair never re-encodes to valid UTF-8, so no
            // repair competes with it.
            (Some(script::LATIN), Some(script::LATIN))
                if a.upper() && !a.is_ascii() && !b.is_ascii() =>
            {
                2
            }
            _ => 0,
        },
        (true, false) if b.odd() => 2 - i32::from(a.is_ascii()),
        // Chinese and Japanese go on after an ellipsis with no space
        // (`……好`); mojibake has no such letter after one.
        (false, true) if a.c == '…' && b.spaceless() => 0,
        (false, true) if a.odd() => 2 - i32::from(b.is_ascii()),
        // An opening quote right after a letter (`ë«`, `í‘`) is a weak sign:
        // German writes »so«, so it weighs half.
        (true, false) if is_opening_quote(b.c) && !a.is_ascii() && !a.spaceless() => 1,
        (false, true) if a.c == '»' && !b.is_ascii() => 1,
        // An odd symbol glued to a sign of Latin-1's upper half (`├¿`,
        // `√®`: `è` through cp437 and MacRoman) is no symbol text writes.
        (false, false) if a.odd() && is_glued_sign(b.c) => 2,
        // Two em dashes or two ellipses are one mark in Chinese and
        // Japanese (`——`, `……`), and a long dash elsewhere.
        (false, false) if a.c == b.c && matches!(a.c, '\u{2014}' | '…') => 0,
        (false, false) if is_odd_or_quote(a) && is_odd_or_quote(b) => 1,
        _ => 0,
    }
}

/// Whether `a` and `b` are an ASCII letter and a letter of a script written
/// without spaces, side by side.
#[inline]
fn glues_latin(a: Seen, b: Seen) -> bool {
    (a.is_ascii() && b.spaceless()) || (a.spaceless() && b.is_ascii())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_memo_answers_as_the_measure_does() {
        // More questions than the memo has slots, each asked twice, with
        // texts at and past its length limit and every kind of neighbour.
        let texts = [
            "â€™",
            "Ã©",
            "é",
            "’",
            "Ð¿Ñ€Ð¸",
            "при",
            "ÃƒÂ©",
            "",
            "a",
            "Ã",
            "\u{81}",
            "abcdefghijklmnopqrstuvwx",
            "abcdefghijklmnopqrstuvwxy",
            "æ—¥æœ¬èªžã\u{81}§ã\u{81}™",
        ];
        let around = [
            None,
            Some(' '),
            Some('a'),
            Some('Z'),
            Some('é'),
            Some('«'),
            Some('\u{fffd}'),
        ];
        for _ in 0..2 {
            for text in texts {
                for before in around {
                    for after in around {
                        for extra in 0..12u32 {
                            let before =
                                before.map(|c| char::from_u32(c as u32 + extra).unwrap_or(c));
                            assert_eq!(
                                weirdness(before, text, after),
                                weirdness_of(before, text, after),
                                "{before:?} {text:?} {after:?}"
                            );
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn correct_text_scores_low_and_mojibake_high() {
        assert!(weirdness(None, "café", None) < 2);
        assert!(weirdness(None, "Ã©", Some('t')) >= 2);
        assert!(weirdness(Some('n'), "â€™", Some('t')) >= 2);
        assert!(weirdness(None, "╨┐╤Ç╨╕", None) >= 2);
    }

    #[test]
    fn latin_words_in_cjk_brackets_glued_to_cjk_letters_cost_nothing() {
        // Chinese and Japanese set Latin words in their own brackets and
        // quotes, glued on both sides.
        for text in [
            "先生（Spielberg）先生",
            "映画「Titanic」の監督",
            "品牌《iPhone》手机",
        ] {
            assert_eq!(weirdness(None, text, None), 0, "{text}");
        }
        // Other scripts glued to a Latin word through a quote still cost:
        // `ہ“Unfortunately`, and a Cyrillic letter through a bracket.
        assert!(weirdness(None, "ہ“Unfortunately", None) >= 3);
        assert!(weirdness(None, "Москва(Moscow)", None) >= 3);
    }

    #[test]
    fn a_double_dash_or_ellipsis_costs_nothing_other_pairs_of_signs_do() {
        assert_eq!(weirdness(None, "他們說——這是真的……好嗎", None), 0);
        assert_eq!(weirdness(None, "wait—— what", None), 0);
        assert!(weirdness(None, "«‚", None) > 0);
        assert!(weirdness(None, "–‚", None) > 0);
    }

    #[test]
    fn a_lone_capital_glued_to_a_sign_costs() {
        let glued = weirdness(Some(' '), "Â«", Some(' '));
        assert!(glued >= 2, "{glued}");
        // Not inside a word, not before a closing guillemet, not spaced.
        assert_eq!(weirdness(Some('«'), "É»", Some(' ')), 0);
        assert_eq!(weirdness(Some(' '), "Â «", Some(' ')), 0);
        assert_eq!(
            weirdness(Some(' '), "Â©", None),
            weirdness(Some('5'), "Â©", None) + 1
        );
    }

    #[test]
    fn a_mark_before_the_text_combines_with_what_the_score_does_not_see() {
        assert_eq!(weirdness(Some('\u{e48}'), "อ", Some('ก')), 0);
        assert!(weirdness(None, "\u{e48}อ", Some('ก')) >= 3);
    }

    #[test]
    fn a_sign_of_one_script_costs_beside_a_lost_byte_with_no_letter_or_digit() {
        // MacRoman's reading of `‹ã` between two lost bytes of a Japanese
        // line: the Syriac `܋`.
        assert!(weirdness(Some('\u{fffd}'), "\u{70b}", Some('\u{fffd}')) >= RARE_COST);
        assert!(weirdness(Some('?'), "\u{70b}", None) >= RARE_COST);
        assert!(weirdness(Some(' '), "\u{70b}", Some('\u{81}')) >= RARE_COST);
        // The Armenian full stop after a word or a number, the Armenian dram
        // between spaces or at the end, a Khmer digit alone: text.
        assert_eq!(weirdness(Some('ն'), "\u{589}", Some(' ')), 0);
        assert_eq!(weirdness(Some('5'), "\u{589}", None), 0);
        assert_eq!(weirdness(Some(' '), "\u{58f}", Some(' ')), 0);
        assert_eq!(weirdness(Some(' '), "\u{58f}", None), 0);
        assert_eq!(weirdness(None, "\u{17e2}", Some(' ')), 0);
        // A question mark after a sign is one.
        assert_eq!(weirdness(Some(' '), "\u{58f}", Some('?')), 0);
        assert_eq!(weirdness(Some(' '), "\u{17e5}?", None), 0);
        // A sign of the context is not scored.
        assert_eq!(weirdness(Some('\u{70b}'), " ", Some('\u{fffd}')), 0);
    }

    #[test]
    fn rare_letters_cost() {
        assert!(weirdness(None, "ZV\u{74a}ILY", None) > weirdness(None, "ZVÝŠILY", None));
        assert!(weirdness(None, "\u{4cfa}", None) >= RARE_COST);
    }
}
