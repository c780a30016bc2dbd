//! The `homoglyphs` step: words that mix Latin, Cyrillic and Greek through a
//! lookalike letter are written in one script.
//!
//! Which letters look alike comes from the Unicode confusables data (UTS #39,
//! through `unicode-security`): a Cyrillic or Greek letter is a lookalike of
//! the ASCII letter of the same case whose confusable skeleton it shares
//! (`і` U+0456 and `i`; `о` U+043E and `o`; `Α` U+0391 and `A`).
//!
//! A word (a run of letters, marks and digits) is repaired only when all of
//! this holds, so that legitimate mixing is left alone:
//!
//! - its letters are Latin, Cyrillic or Greek only (a brand name in Latin
//!   letters next to Arabic words is a separate word; Japanese mixes Han and
//!   kana, which this step never touches);
//! - one script has at least two letters and at least twice as many letters
//!   as all the other scripts together;
//! - every letter of the other scripts has a lookalike in that script.

use std::sync::OnceLock;

use unicode_script::{Script, UnicodeScript};

use super::char_class::{script_id, CharTable, LOOKALIKE};
use super::Edit;

/// Lookalike letters between Latin and Cyrillic or Greek.
struct Lookalikes {
    /// Cyrillic or Greek letter → ASCII letter of the same case, sorted.
    to_latin: Vec<(char, char)>,
    /// ASCII letter → basic Cyrillic (U+0400–U+045F) lookalike.
    to_cyrillic: [Option<char>; 128],
    /// ASCII letter → basic Greek (U+0370–U+03FF) lookalike.
    to_greek: [Option<char>; 128],
}

impl Lookalikes {
    fn get() -> &'static Lookalikes {
        static TABLE: OnceLock<Lookalikes> = OnceLock::new();
        TABLE.get_or_init(Lookalikes::build)
    }

    fn build() -> Lookalikes {
        let skeleton = |c: char| -> String {
            let mut buf = [0; 4];
            unicode_security::skeleton(c.encode_utf8(&mut buf)).collect()
        };
        let latin: Vec<(char, String)> = ('A'..='Z')
            .chain('a'..='z')
            .map(|l| (l, skeleton(l)))
            .collect();
        let mut to_latin = Vec::new();
        for cp in 0x0370..=0x052F {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            if !c.is_alphabetic() || !matches!(c.script(), Script::Cyrillic | Script::Greek) {
                continue;
            }
            let shape = skeleton(c);
            let same = latin
                .iter()
                .find(|(l, s)| *s == shape && l.is_uppercase() == c.is_uppercase());
            if let Some(&(l, _)) = same {
                to_latin.push((c, l));
            }
        }
        let mut to_cyrillic = [None; 128];
        let mut to_greek = [None; 128];
        // `to_latin` is in code point order, so the first match is the lowest.
        for &(c, l) in &to_latin {
            let target = match c as u32 {
                0x0400..=0x045F => &mut to_cyrillic,
                0x0370..=0x03FF => &mut to_greek,
                _ => continue,
            };
            target[l as usize].get_or_insert(c);
        }
        Lookalikes {
            to_latin,
            to_cyrillic,
            to_greek,
        }
    }
}

/// The ASCII letter a Cyrillic or Greek letter looks like, of the same case.
pub(crate) fn latin_lookalike(c: char) -> Option<char> {
    let table = &Lookalikes::get().to_latin;
    table
        .binary_search_by_key(&c, |&(from, _)| from)
        .ok()
        .map(|at| table[at].1)
}

/// The scripts a word may mix.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Alphabet {
    Latin,
    Cyrillic,
    Greek,
}

impl Alphabet {
    /// The alphabet of a letter: `None` for a character that is not a
    /// letter of a script, `Err` for a letter of another script.
    fn of(c: char) -> Option<Result<Alphabet, ()>> {
        if c.is_ascii() {
            return c.is_ascii_alphabetic().then_some(Ok(Alphabet::Latin));
        }
        let table = CharTable::get();
        Some(match table.script(script_id(table.entry(c))) {
            Script::Latin => Ok(Alphabet::Latin),
            Script::Cyrillic => Ok(Alphabet::Cyrillic),
            Script::Greek => Ok(Alphabet::Greek),
            Script::Common => return None,
            _ => Err(()),
        })
    }

    /// `c` (a letter of another alphabet) written in this one.
    fn lookalike(self, c: char) -> Option<char> {
        let latin = if c.is_ascii_alphabetic() {
            c
        } else {
            latin_lookalike(c)?
        };
        let table = Lookalikes::get();
        match self {
            Alphabet::Latin => Some(latin),
            Alphabet::Cyrillic => table.to_cyrillic[latin as usize],
            Alphabet::Greek => table.to_greek[latin as usize],
        }
    }
}

/// The word repaired, when it qualifies (see the module docs).
fn repair_word(word: &str) -> Option<String> {
    let mut counts = [0usize; 3];
    for c in word.chars() {
        match Alphabet::of(c) {
            None => {}
            Some(Ok(alphabet)) => counts[alphabet as usize] += 1,
            Some(Err(())) => return None,
        }
    }
    let alphabets = [Alphabet::Latin, Alphabet::Cyrillic, Alphabet::Greek];
    let (dominant, &most) = counts.iter().enumerate().max_by_key(|&(_, n)| n)?;
    let others: usize = counts.iter().sum::<usize>() - most;
    if others == 0 || most < 2 || most < 2 * others {
        return None;
    }
    let dominant = alphabets[dominant];
    word.chars()
        .map(|c| match Alphabet::of(c) {
            Some(Ok(alphabet)) if alphabet != dominant => dominant.lookalike(c),
            _ => Some(c),
        })
        .collect()
}

/// Repairs every qualifying word of `line`; the edit counts the words and
/// shows the first.
///
/// Only words mixing Latin with Cyrillic or Greek are repaired, so a line
/// without an ASCII letter (most Cyrillic and Greek text) is passed over at
/// once; a Cyrillic word with a Greek lookalike and no Latin letter is not
/// looked for.
pub(crate) fn apply(line: &str) -> Option<Edit> {
    if !line.bytes().any(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let repaired = words(line)
        .filter_map(|(start, word)| Some((start..start + word.len(), repair_word(word)?)));
    let mut edit = Edit::splice(line, repaired.collect::<Vec<_>>())?;
    edit.show = show_lookalike;
    Some(edit)
}

/// The words of `line` with their byte offsets: runs of alphanumeric
/// characters and combining marks.
fn words(line: &str) -> impl Iterator<Item = (usize, &str)> {
    let is_word = |c: char| {
        c.is_alphanumeric() || unicode_normalization::char::canonical_combining_class(c) != 0
    };
    let mut rest = line.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, _) = loop {
            let (at, c) = rest.next()?;
            if is_word(c) {
                break (at, c);
            }
        };
        let mut end = line.len();
        while let Some(&(at, c)) = rest.peek() {
            if !is_word(c) {
                end = at;
                break;
            }
            rest.next();
        }
        Some((start, &line[start..end]))
    })
}

/// Writes Cyrillic and Greek lookalikes as code points, so that `rosZmі`
/// and `rosZmi` differ in the report.
fn show_lookalike(out: &mut String, c: char) {
    if super::char_class::CharTable::get().entry(c) & LOOKALIKE != 0 {
        use std::fmt::Write;
        let _ = write!(out, "\\u{{{:x}}}", c as u32);
    } else {
        crate::visible::push_escaped(out, c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cleaned(text: &str) -> String {
        apply(text).map_or_else(|| text.to_owned(), |edit| edit.text)
    }

    #[test]
    fn latin_word_with_cyrillic_i_is_repaired() {
        let edit = apply("reference to rosZm\u{456} and France24").unwrap();
        assert_eq!(edit.text, "reference to rosZmi and France24");
        assert_eq!(edit.count, 1);
    }

    #[test]
    fn latin_word_with_cyrillic_o_and_a_is_repaired() {
        assert_eq!(
            cleaned("M\u{43e}sc\u{43e}w and P\u{430}ris"),
            "Moscow and Paris"
        );
    }

    #[test]
    fn cyrillic_word_with_latin_o_is_repaired() {
        assert_eq!(cleaned("п\u{6f}лиция"), "полиция");
    }

    #[test]
    fn line_without_latin_letters_is_passed_over() {
        assert!(apply("Москва и Санкт-Петербург, 2024").is_none());
    }

    #[test]
    fn greek_capitals_in_latin_word_are_repaired() {
        assert_eq!(cleaned("\u{391}PPLE"), "APPLE");
    }

    #[test]
    fn uppercase_cyrillic_i_becomes_uppercase_latin_i() {
        // The confusable prototype of both І and I is `l`: case decides.
        assert_eq!(cleaned("\u{406}NTERNET"), "INTERNET");
    }

    #[test]
    fn pure_words_in_any_script_are_untouched() {
        for text in [
            "Москва и Санкт-Петербург",
            "Αθήνα και Θεσσαλονίκη",
            "Moscow and Paris",
            "日本語とカタカナ",
            "قناة Telegram الروسية",
            "Ağamirzəyev Çətin",
        ] {
            assert!(apply(text).is_none(), "{text}");
        }
    }

    #[test]
    fn mixing_without_lookalikes_is_left_alone() {
        // `ж` has no Latin lookalike: a real mix, not a spoof.
        assert!(apply("abcж").is_none());
        // Cyrillic suffix on a Latin brand name, balanced: not repaired.
        assert!(apply("iPhoneом").is_none());
    }

    #[test]
    fn short_or_balanced_words_are_left_alone() {
        assert!(apply("a\u{430}").is_none());
        assert!(apply("ab\u{430}\u{43e}").is_none());
    }

    #[test]
    fn words_with_other_scripts_are_left_alone() {
        assert!(apply("abc\u{430}ق").is_none());
    }

    #[test]
    fn excerpt_shows_the_lookalike_as_a_code_point() {
        let mut out = String::new();
        for c in "rosZm\u{456}".chars() {
            show_lookalike(&mut out, c);
        }
        assert_eq!(out, "rosZm\\u{456}");
    }
}
