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
//! - it is not a word of Latin letters with a Cyrillic ending in a line
//!   most of whose letters are Cyrillic: that is a name's case ending
//!   (`manpathа` in a Serbian manual);
//! - every letter of the other scripts has a lookalike in that script;
//! - in a line without small letters (an upper-cased line), a letter of
//!   the script most of the line is written in counts as a lookalike only
//!   when its small letter is one too: upper-casing a Greek line turns the
//!   `ζ` of a Latin name (`Dybkjζr`) into `Ζ`, which looks like `Z` though
//!   `ζ` never looked like `z`. Where the line has small letters, its
//!   capitals were written as they are (`TΕSLA` in a Greek sentence is
//!   repaired);
//! - it is not part of code (a printf format, a URL glued to a word) nor
//!   of mojibake the repair left: a word that holds or is glued to a sign
//!   of a code page's upper half that words do not carry (`StyleО╪┴`,
//!   KOI8-R damage), whose letters the repair's next pass must see as
//!   they came.

use crate::clean::edit::Edit;
use crate::clean::StepOptions;
use crate::unicode::ascii::ascii_prefix_len;
use crate::unicode::class::{COMBINING, LOOKALIKE, ODD_SYMBOL};
use crate::unicode::table::{self, script, script_id};

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
        Some(match script_id(table::entry(c)) {
            script::LATIN => Ok(Alphabet::Latin),
            script::CYRILLIC => Ok(Alphabet::Cyrillic),
            script::GREEK => Ok(Alphabet::Greek),
            0 => return None,
            _ => Err(()),
        })
    }

    /// `c` (a letter of another alphabet) written in this one.
    fn lookalike(self, c: char) -> Option<char> {
        let latin = if c.is_ascii_alphabetic() {
            c
        } else {
            table::lookalike_to_latin(c)?
        };
        match self {
            Alphabet::Latin => Some(latin),
            Alphabet::Cyrillic => table::lookalike_in('\u{400}'..='\u{45f}', latin),
            Alphabet::Greek => table::lookalike_in('\u{370}'..='\u{3ff}', latin),
        }
    }
}

/// The word repaired, when it qualifies (see the module docs); `main`
/// gives the alphabet most of the line is in ([`main_alphabet`]), `upper`
/// the same when the line has no small letter (`None` otherwise),
/// `formula` whether the line holds a formula ([`holds_formula`]), each
/// worked out once per line when first asked; `alone` whether the word
/// stands between spaces or prose punctuation ([`word_edge`]).
fn repair_word(
    word: &str,
    main: &dyn Fn() -> Option<Alphabet>,
    upper: &dyn Fn() -> Option<Alphabet>,
    formula: &dyn Fn() -> bool,
    alone: bool,
) -> Option<String> {
    if word.chars().any(table::is_numeric) {
        // `x²`, `H2О`: a formula or a code, not a word.
        return None;
    }
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
    // A letter of another script at the edge of a word is more often a
    // token glued to it (a math `α`, a variable `x`, the Bulgarian `В` after
    // `dx`) than a lookalike typed by mistake: only a Cyrillic or capital
    // Greek lookalike at the edge of a Latin word of three letters or more
    // (`rosZmі`, `ΑPPLE`), or the one Latin letter at the edge of a
    // Cyrillic or Greek word of three letters or more (`yзде`, `pоняете`,
    // `Виндy`: the Russian of a keyboard that mixed its layouts; not two,
    // a Latin prefix glued to a translation: `SEКОРИСТУВАЧ`, `-Psмоја`), is
    // taken for one, when it stands for a letter of the Russian alphabet
    // or of Greek ([`common_letter`]): a physics symbol before a Russian
    // subscript (`Iмакс`, a current) would become a Ukrainian `І`; and
    // not in a line that holds a formula, where it is a variable glued to a
    // word (`бувa → b`), nor in a word glued to a sign (`20 °Cарабского`,
    // a unit), nor a capital before a Russian subscript (`Pвых`, `Tмакс`: a
    // physics symbol whose subscript lost its markup).
    let letters: Vec<(char, Alphabet)> = word
        .chars()
        .filter_map(|c| Some((c, Alphabet::of(c)?.ok()?)))
        .collect();
    // In a line of Cyrillic, a Cyrillic letter ending a Latin word is the
    // case ending of a name written in Latin letters (`manpathа`,
    // `lexgrogа(1)` in a Serbian manual), not a lookalike.
    for (i, &(c, alphabet)) in letters.iter().enumerate() {
        let at_edge = i == 0 || i + 1 == letters.len();
        let lookalike_at_edge = most >= 3
            && match dominant {
                Alphabet::Latin => {
                    alphabet == Alphabet::Cyrillic
                        || (alphabet == Alphabet::Greek && c.is_uppercase())
                }
                Alphabet::Cyrillic | Alphabet::Greek => {
                    alphabet == Alphabet::Latin
                        && others == 1
                        && dominant.lookalike(c).is_some_and(common_letter)
                        && alone
                        && !formula()
                        && !(i == 0
                            && c.is_uppercase()
                            && word.strip_prefix(c).is_some_and(subscript))
                }
            };
        if alphabet != dominant && at_edge && !lookalike_at_edge {
            return None;
        }
        let ending = i + 1 == letters.len() && i > 0;
        if dominant == Alphabet::Latin
            && alphabet == Alphabet::Cyrillic
            && ending
            && main() == Some(Alphabet::Cyrillic)
        {
            return None;
        }
    }
    if let Some(main) = upper() {
        let capital_only = letters.iter().any(|&(c, alphabet)| {
            alphabet != dominant && alphabet == main && !small_letter_looks_alike(c, dominant)
        });
        if capital_only {
            return None;
        }
    }
    word.chars()
        .map(|c| match Alphabet::of(c) {
            Some(Ok(alphabet)) if alphabet != dominant => dominant.lookalike(c),
            _ => Some(c),
        })
        .collect()
}

/// The punctuation of prose that may stand right before or after a word
/// (the Greek ano teleia `·` included: NFC writes U+0387 as it).
const PROSE_PUNCTUATION: &[char] = &[
    '.', ',', ';', ':', '!', '?', '…', '·', '"', '\'', '«', '»', '„', '“', '”', '‘', '’', '(', ')',
    '[', ']', '—', '–',
];

/// Whether `c`, the character before or after a word (`None`: the line's
/// edge), leaves the word standing alone: a space or the punctuation of
/// prose, not a sign the word is glued to (`°Cарабского`, `-Psмоја`).
fn word_edge(c: Option<char>) -> bool {
    c.is_none_or(|c| c.is_whitespace() || PROSE_PUNCTUATION.contains(&c))
}

/// Whether `line` holds a formula: a sign of arithmetic or comparison
/// (`=`, `+`, `<`, `>`, `^`), a superscript or subscript, an arrow or a
/// mathematical operator, or a Latin letter standing alone between spaces
/// that no Cyrillic letter looks like (a variable: `b` in `a → b`; a `c`
/// alone is the Russian `с` typed on the other layout).
fn holds_formula(line: &str) -> bool {
    let sign = line.chars().any(|c| {
        matches!(c, '=' | '+' | '<' | '>' | '^' | '²' | '³' | '¹')
            || ('\u{2070}'..='\u{209f}').contains(&c)
            || ('\u{2190}'..='\u{22ff}').contains(&c)
    });
    // A letter between spaces (`a → b`, `x, y`), not an initial or part of
    // an abbreviation (`J. K. Jerome`, `E.ON`).
    sign || line.split_whitespace().any(|token| {
        let letters = token.trim_matches(|c: char| !c.is_alphanumeric());
        let mut chars = letters.chars();
        let (Some(letter), None) = (chars.next(), chars.next()) else {
            return false;
        };
        letter.is_ascii_alphabetic()
            && !token.contains('.')
            && Alphabet::Cyrillic.lookalike(letter).is_none()
    })
}

/// The subscripts Russian physics and engineering write after a symbol
/// (`Pвых`, output power; `Tмакс`, the highest temperature).
const SUBSCRIPTS: &[&str] = &[
    "макс", "мин", "вх", "вых", "ном", "ср", "кин", "пот", "экв", "доп", "раб", "нач", "кон",
    "общ", "пол", "max", "min",
];

/// Whether `rest`, the letters after a symbol, is a subscript
/// ([`SUBSCRIPTS`]).
fn subscript(rest: &str) -> bool {
    SUBSCRIPTS.contains(&rest)
}

/// Whether `c` is a letter of the Russian alphabet (`А`–`я`, `Ё`, `ё`) or
/// of the Greek one (U+0386–U+03CE): the letters a Latin lookalike at a
/// word's edge may stand for.
fn common_letter(c: char) -> bool {
    matches!(c, '\u{410}'..='\u{44f}' | 'Ё' | 'ё' | '\u{386}'..='\u{3ce}')
}

/// Whether the small letter of the capital `c` looks like the small letter
/// of its lookalike in `alphabet` (`Α`: `α` looks like `a`; `Ζ`: `ζ` looks
/// like nothing; `Ν`: `ν` looks like `v`, not `n`).
fn small_letter_looks_alike(c: char, alphabet: Alphabet) -> bool {
    let (Some(small), Some(capital_lookalike)) = (single_lowercase(c), alphabet.lookalike(c))
    else {
        return false;
    };
    small != c
        && alphabet.lookalike(small).is_some()
        && alphabet.lookalike(small) == single_lowercase(capital_lookalike)
}

/// The small letter of `c`, when it is one character.
fn single_lowercase(c: char) -> Option<char> {
    let mut small = c.to_lowercase();
    match (small.next(), small.next()) {
        (Some(small), None) => Some(small),
        _ => None,
    }
}

/// The alphabet most letters of `line` are in (Latin, Cyrillic or Greek);
/// `None` when the line has more letters of other scripts, or a tie.
fn main_alphabet(line: &str) -> Option<Alphabet> {
    let mut counts = [0usize; 4];
    for c in line.chars() {
        match Alphabet::of(c) {
            None => {}
            Some(Ok(alphabet)) => counts[alphabet as usize] += 1,
            Some(Err(())) => counts[3] += 1,
        }
    }
    let most = *counts.iter().max()?;
    let mut with_most = counts.iter().enumerate().filter(|&(_, &n)| n == most);
    match (with_most.next(), with_most.next()) {
        (Some((at, _)), None) if at < 3 => {
            Some([Alphabet::Latin, Alphabet::Cyrillic, Alphabet::Greek][at])
        }
        _ => None,
    }
}

/// Repairs every qualifying word of `line`; the edit counts the words and
/// shows the first.
///
/// Only words mixing Latin with Cyrillic or Greek are repaired, so a line
/// without an ASCII letter (most Cyrillic and Greek text) is passed over at
/// once; a Cyrillic word with a Greek lookalike and no Latin letter is not
/// looked for.
pub(crate) fn apply(line: &str, _: &StepOptions) -> Option<Edit> {
    if !line.bytes().any(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    // Most words are in one script: they are passed over on the scan that
    // finds them; only a word with a Latin and a Cyrillic or Greek letter is
    // looked at closely.
    let main = std::cell::OnceCell::new();
    let main = || *main.get_or_init(|| main_alphabet(line));
    let upper = std::cell::OnceCell::new();
    let upper = || {
        *upper.get_or_init(|| {
            if line.chars().any(char::is_lowercase) {
                None
            } else {
                main()
            }
        })
    };
    let formula = std::cell::OnceCell::new();
    let formula = || *formula.get_or_init(|| holds_formula(line));
    let repaired = words(line)
        .filter(|&(_, _, mixed)| mixed)
        .filter_map(|(start, word, _)| {
            let end = start + word.len();
            let alone = word_edge(line[..start].chars().next_back())
                && word_edge(line[end..].chars().next());
            let repaired = repair_word(word, &main, &upper, &formula, alone)?;
            Some((start..end, repaired))
        })
        .filter(|(range, _)| !in_code(line, range.clone()) && !in_mojibake(line, range.clone()));
    let mut edit = Edit::splice(line, repaired.collect::<Vec<_>>())?;
    edit.show = show_lookalike;
    Some(edit)
}

/// Whether the word at `range` of `line` is part of a token that is code
/// rather than a word: a printf format (`%sзнаела`, `%1$sна`), a URL or an
/// address glued to a word (`сеhttps://…`, `цікавитьwww.example.com`).
fn in_code(line: &str, range: std::ops::Range<usize>) -> bool {
    let start = line[..range.start]
        .char_indices()
        .rfind(|&(_, c)| c.is_whitespace())
        .map_or(0, |(at, c)| at + c.len_utf8());
    let end = line[range.end..]
        .find(char::is_whitespace)
        .map_or(line.len(), |at| range.end + at);
    let token = &line[start..end];
    token.contains(['%', '$', '@', '/', '\\', '_', '{', '}', '=']) || token.contains("www.")
}

/// Whether the word at `range` of `line` is mojibake the repair left
/// rather than a word: it holds, or is glued to, a sign that code pages'
/// upper halves decode to and words do not carry (box drawing, blocks,
/// `µ`, `¤`, spacing accents: `StyleО╪┴` is `Style）` through KOI8-R,
/// `µîæσëöµá` part of `挑剔格` through cp437). Typographic signs that
/// real words are glued to (`…`, `•`, `©`, `®`, `™`, `°`, `€`, `№`, `‰`,
/// `†`, `‡`, `«`, `»`, `¡`, `¿`, `·`) do not count: `TΕSLA™` is repaired.
fn in_mojibake(line: &str, range: std::ops::Range<usize>) -> bool {
    let odd = |c: char| {
        table::entry(c) & ODD_SYMBOL != 0
            && !matches!(
                c,
                '…' | '•'
                    | '©'
                    | '®'
                    | '™'
                    | '°'
                    | '€'
                    | '№'
                    | '‰'
                    | '†'
                    | '‡'
                    | '«'
                    | '»'
                    | '¡'
                    | '¿'
                    | '·'
            )
    };
    let before = line[..range.start].chars().next_back();
    let after = line[range.end..].chars().next();
    line[range].chars().chain(before).chain(after).any(odd)
}

/// What a character is to a word: not part of it, or a part of one of
/// these kinds.
const LATIN: u8 = 1;
const OTHER_ALPHABET: u8 = 2;
const PART: u8 = 4;

/// The kind of `c` in a word (see [`words`]); `None` when it separates
/// words.
fn kind(c: char) -> Option<u8> {
    if c.is_ascii() {
        return c
            .is_ascii_alphanumeric()
            .then_some(if c.is_ascii_alphabetic() { LATIN } else { PART });
    }
    let entry = table::entry(c);
    match script_id(entry) {
        script::LATIN => Some(LATIN),
        script::CYRILLIC | script::GREEK => Some(OTHER_ALPHABET),
        0 if entry & COMBINING == 0 && !table::is_alphanumeric(c) => None,
        _ => Some(PART),
    }
}

/// The words of `line` that have a Cyrillic or Greek letter, with their
/// byte offsets: runs of ASCII letters and digits, letters of any script
/// and combining marks (read off the character table); and whether each
/// has a Latin letter too. The line is read for its Cyrillic and Greek
/// letters (ASCII skipped eight bytes at a time); only the words around
/// them are read character by character.
fn words(line: &str) -> impl Iterator<Item = (usize, &str, bool)> {
    let bytes = line.as_bytes();
    let mut from = 0;
    std::iter::from_fn(move || {
        // The next Cyrillic or Greek letter.
        let mut at = from;
        let found = loop {
            at += ascii_prefix_len(&bytes[at..]);
            let c = line[at..].chars().next()?;
            if kind(c) == Some(OTHER_ALPHABET) {
                break at;
            }
            at += c.len_utf8();
        };
        // Its word, and what the word has.
        let mut seen = OTHER_ALPHABET;
        let mut start = found;
        for (i, c) in line[..found].char_indices().rev() {
            let Some(kind) = kind(c) else { break };
            seen |= kind;
            start = i;
        }
        let mut end = line.len();
        for (i, c) in line[found..].char_indices() {
            let Some(kind) = kind(c) else {
                end = found + i;
                break;
            };
            seen |= kind;
        }
        from = end;
        let mixed = seen & (LATIN | OTHER_ALPHABET) == LATIN | OTHER_ALPHABET;
        Some((start, &line[start..end], mixed))
    })
}

/// Writes Cyrillic and Greek lookalikes as code points, so that `rosZmі`
/// and `rosZmi` differ in the report.
fn show_lookalike(out: &mut String, c: char) {
    if table::entry(c) & LOOKALIKE != 0 {
        use std::fmt::Write;
        let _ = write!(out, "\\u{{{:x}}}", c as u32);
    } else {
        crate::unicode::visible::push_escaped(out, c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpt_shows_the_lookalike_as_a_code_point() {
        let mut out = String::new();
        for c in "rosZm\u{456}".chars() {
            show_lookalike(&mut out, c);
        }
        assert_eq!(out, "rosZm\\u{456}");
    }
}
