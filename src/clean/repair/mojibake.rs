//! The `mojibake` step: text that was UTF-8, decoded as a single-byte code
//! page and saved again, is decoded back.
//!
//! Every byte of a multi-byte UTF-8 sequence is 0x80 or above, so the
//! mojibake of a UTF-8 character is always inside a run of non-ASCII
//! characters: `é` becomes `Ã©` (windows-1252), `п` becomes `Рї`
//! (windows-1251), `ا` becomes `Ø§` (windows-1252) or `ط§` (windows-1256).
//! For each such run the step tries every code page (windows-1252 with the
//! ISO-8859-1 C1 controls, windows-1251, windows-1256, windows-1250,
//! MacRoman): it turns the run back into bytes and decodes the parts that
//! are valid UTF-8, up to three times (text damaged twice is repaired twice).
//!
//! A repair is kept only when it makes the text less *weird* by a margin:
//! [`weirdness`] counts C1 control characters, odd symbols glued to letters
//! (`Ã©`, `â€™`), letters of two scripts touching (`Ø§` is Latin and a
//! symbol; `ǐر` is Latin and Arabic), and a lowercase letter followed by an
//! uppercase one inside a word (`cafÃ`). Correct text scores zero or close
//! to it, and a "repair" of correct text that happens to form valid UTF-8
//! (Arabic `ة،` would become `ɡ`) scores worse, so it is not made. The
//! decision is a measurement, not a list of special cases.
//!
//! A word of one or two letters standing alone, whose mojibake is itself
//! plausible (`ë` → `Ã«`, `ث` → `Ø«`), is not repaired without evidence from
//! the rest of the line; the one-letter words of real text (`à`, `و`, `в`,
//! `ο`) all decode to an odd symbol and are.
//!
//! Once a line has one confident repair in a code page, that is evidence the
//! whole line went through it: its other runs are then repaired in the same
//! code page whenever the repair makes them no weirder (`Ĺľ` at the start of
//! a word is plausible Latin on its own, but not in a line where `ĹĄ` was
//! windows-1250 for `ť`).

use crate::clean::edit::Edit;
use crate::clean::StepOptions;
use crate::unicode::class::{
    Entry, COMBINING, LOWERCASE, MOJIBAKE_CONT, MOJIBAKE_LEAD, ODD_SYMBOL, PRIVATE_USE, UPPERCASE,
};
use crate::unicode::codepage::{self, CodePage};
use crate::unicode::table::{self, script, script_family, script_id};

/// How much less weird a repair must make the text.
const MARGIN: i32 = 2;

/// How many times a run is decoded at most (text damaged that many times).
const ROUNDS: usize = 3;

/// Undoing mojibake in one code page.
trait Undo {
    fn may_decode(&self, run: &str) -> bool;
    fn undo(&self, run: &str) -> Option<String>;
}

impl Undo for CodePage {
    /// Whether `run` has, in this page, a UTF-8 lead byte directly followed
    /// by a continuation byte: without one nothing can decode. Two array
    /// lookups a character, no allocation.
    fn may_decode(&self, run: &str) -> bool {
        let mut after_lead = false;
        for c in run.chars() {
            let byte = self.byte(c);
            if after_lead && byte.is_some_and(|b| (0x80..=0xBF).contains(&b)) {
                return true;
            }
            after_lead = byte.is_some_and(|b| (0xC2..=0xF4).contains(&b));
        }
        false
    }

    /// `run` with every part that encodes in this page to valid multi-byte
    /// UTF-8 decoded; `None` when no part does.
    fn undo(&self, run: &str) -> Option<String> {
        if !self.may_decode(run) {
            return None;
        }
        let mut out = String::with_capacity(run.len());
        let mut bytes = Vec::new();
        let mut chars = Vec::new();
        let mut changed = false;
        for c in run.chars() {
            match self.byte(c) {
                Some(byte) => {
                    bytes.push(byte);
                    chars.push(c);
                }
                None => {
                    changed |= flush(&mut out, &mut bytes, &mut chars);
                    out.push(c);
                }
            }
        }
        changed |= flush(&mut out, &mut bytes, &mut chars);
        changed.then_some(out)
    }
}

/// Writes the valid UTF-8 in `bytes` decoded and every other byte as the
/// character it came from; empties both buffers. Returns whether anything
/// was decoded.
fn flush(out: &mut String, bytes: &mut Vec<u8>, chars: &mut Vec<char>) -> bool {
    let mut decoded = false;
    let mut at = 0;
    for chunk in bytes.utf8_chunks() {
        let valid = chunk.valid();
        if !valid.is_empty() {
            out.push_str(valid);
            decoded = true;
        }
        at += valid.len();
        for _ in chunk.invalid() {
            out.push(chars[at]);
            at += 1;
        }
    }
    bytes.clear();
    chars.clear();
    decoded
}

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
/// Characters that two-byte UTF-8 sequences can decode to but that running
/// text almost never contains: IPA letters (except `ə`, which Azerbaijani
/// writes), spacing modifier letters, and combining diacritics (text on the
/// web is almost always precomposed). A "repair" producing them (`Лё` in
/// windows-1251 would become `˸`) is not one.
fn is_rare_in_running_text(c: char) -> bool {
    matches!(c, '\u{250}'..='\u{36F}') && c != '\u{259}'
}

fn is_never_inside_a_word(c: Seen) -> bool {
    c.odd() || matches!(c.c, '«' | '»' | '\u{201A}' | '\u{201C}'..='\u{201F}')
}

/// A character as the score sees it, read from the character table once.
#[derive(Clone, Copy)]
struct Seen {
    c: char,
    entry: Entry,
}

impl Seen {
    #[inline]
    fn of(c: char) -> Seen {
        Seen {
            c,
            entry: table::entry(c),
        }
    }

    fn is_ascii(self) -> bool {
        self.c.is_ascii()
    }

    fn odd(self) -> bool {
        self.entry & ODD_SYMBOL != 0
    }

    fn mark(self) -> bool {
        self.entry & COMBINING != 0
    }

    fn upper(self) -> bool {
        self.entry & UPPERCASE != 0
    }

    fn lower(self) -> bool {
        self.entry & LOWERCASE != 0
    }

    /// A letter of a script (ASCII letters included), not an odd symbol.
    fn letter(self) -> bool {
        if self.is_ascii() {
            return self.c.is_ascii_alphabetic();
        }
        script_id(self.entry) != 0 && !self.odd()
    }

    /// The script family id of a letter (scripts one language writes
    /// together count as one: Han with the kana and Hangul).
    fn script(self) -> Option<u8> {
        if self.is_ascii() {
            return self.c.is_ascii_alphabetic().then_some(script::LATIN);
        }
        match script_id(self.entry) {
            0 => None,
            id => Some(script_family(id)),
        }
    }
}

/// How unlikely `text` is as correct text, between the characters `before`
/// and `after` (which are scored as context, not as part of the text).
pub(crate) fn weirdness(before: Option<char>, text: &str, after: Option<char>) -> i32 {
    let mut score = 0;
    for c in text.chars() {
        let cp = c as u32;
        if (0x80..0xA0).contains(&cp) || (c.is_control() && !c.is_ascii_whitespace()) {
            score += 4;
        } else if table::entry(c) & PRIVATE_USE != 0
            || c == char::REPLACEMENT_CHARACTER
            || is_rare_in_running_text(c)
        {
            score += 3;
        }
    }
    let chars = before.into_iter().chain(text.chars()).chain(after);
    let mut prev: Option<Seen> = None;
    let mut prev2: Option<Seen> = None;
    // The script of the last letter since the last space: letters of two
    // scripts in one word are odd even with punctuation between them
    // (`ہ“Unfortunately`).
    let mut word_script: Option<u8> = None;
    for c in chars {
        let seen = Seen::of(c);
        if let Some(p) = prev {
            score += pair_weirdness(p, seen);
            // A symbol, guillemet or double quote between two letters with
            // no space (`Ã«a`, `Ã»a`) is odd in every quoting style.
            if is_never_inside_a_word(p) && seen.letter() && prev2.is_some_and(Seen::letter) {
                score += 2;
            }
        }
        if seen.mark() && prev.is_none_or(|p| !p.c.is_alphanumeric() && !p.mark()) {
            // A combining mark with nothing to combine with.
            score += 3;
        }
        if c.is_whitespace() {
            word_script = None;
        } else if seen.letter() {
            if let Some(script) = seen.script() {
                if word_script.is_some_and(|w| w != script) && prev.is_some_and(|p| !p.letter()) {
                    score += 3;
                }
                word_script = Some(script);
            }
        }
        prev2 = prev;
        prev = Some(seen);
    }
    score
}

fn pair_weirdness(a: Seen, b: Seen) -> i32 {
    if a.is_ascii() && b.is_ascii() {
        return 0;
    }
    match (a.letter(), b.letter()) {
        (true, true) => match (a.script(), b.script()) {
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
        (false, true) if a.odd() => 2 - i32::from(b.is_ascii()),
        // An opening quote right after a letter (`ë«`, `í‘`) is a weak sign:
        // German writes »so«, so it weighs half.
        (true, false) if is_opening_quote(b.c) && !a.is_ascii() => 1,
        (false, true) if a.c == '»' && !b.is_ascii() => 1,
        (false, false) if is_odd_or_quote(a) && is_odd_or_quote(b) => 1,
        _ => 0,
    }
}

/// How many candidates each round of the search keeps.
const BEAM: usize = 4;

/// The best repair of one run in one of `pages`, with the index of the page
/// of its first round, if it is at least `margin` less weird than the run.
///
/// Each round decodes every kept candidate through every page and keeps the
/// [`BEAM`] least weird results, so that one page's plausible-looking first
/// step cannot hide the right chain of another (double mojibake passes
/// through a first step that is still weird, `â€™`). A candidate that scores
/// zero ends the search: nothing can beat it.
fn repair_run(
    run: &str,
    before: Option<char>,
    after: Option<char>,
    pages: &[usize],
    margin: i32,
) -> Option<(String, usize)> {
    let original = weirdness(before, run, after);
    if original < margin.min(1) {
        return None;
    }
    let all = codepage::repaired();
    let mut best: Option<(i32, String, usize)> = None;
    // (text, page of its first round)
    let mut frontier: Vec<(String, Option<usize>)> = vec![(run.to_owned(), None)];
    'rounds: for _ in 0..ROUNDS {
        let mut next: Vec<(i32, String, usize)> = Vec::new();
        for (text, first_page) in &frontier {
            for &page in pages {
                let Some(candidate) = all[page].undo(text) else {
                    continue;
                };
                if next.iter().any(|(_, seen, _)| *seen == candidate) {
                    continue;
                }
                let score = weirdness(before, &candidate, after);
                let page = first_page.unwrap_or(page);
                if score == 0 {
                    // Nothing scores below zero: the search is over.
                    best = Some((0, candidate, page));
                    break 'rounds;
                }
                next.push((score, candidate, page));
            }
        }
        if next.is_empty() {
            break;
        }
        next.sort_by_key(|(score, _, _)| *score);
        next.truncate(BEAM);
        if best.as_ref().is_none_or(|(best, _, _)| next[0].0 < *best) {
            best = Some(next[0].clone());
        }

        frontier = next
            .into_iter()
            .map(|(_, text, page)| (text, Some(page)))
            .collect();
    }
    // The repair must beat the run by the margin; and when the margin is
    // asked for (no evidence from the line yet), it must also read as
    // ordinary text itself, not as a less odd jumble of symbols. A clean
    // repair that decoded a three- or four-byte sequence (`ç»‚` → `绂`) needs
    // less: three characters forming valid UTF-8 by chance is rare.
    best.filter(|(score, text, _)| {
        let wide = text.chars().any(|c| c >= '\u{800}') && *score == 0;
        let margin = if wide { margin.min(1) } else { margin };
        score + margin <= original && (margin == 0 || *score < MARGIN)
    })
    .map(|(_, text, page)| (text, page))
}

/// A run of non-ASCII characters with the characters around it.
struct Run {
    range: std::ops::Range<usize>,
    before: Option<char>,
    after: Option<char>,
}

/// The runs of non-ASCII characters of `line` that may be mojibake: those
/// with a character that can be a UTF-8 lead byte directly followed by one
/// that can be a continuation byte, in some code page (the least any
/// mojibake has). Clean Arabic or Cyrillic words are made of leads alone and
/// are passed over with one table lookup per character.
fn suspect_runs(line: &str) -> Vec<Run> {
    let mut runs = Vec::new();
    // The character before the current run, and the last character seen.
    let mut before: Option<char> = None;
    let mut last: Option<char> = None;
    let mut start: Option<usize> = None;
    let mut suspect = false;
    let mut after_lead = false;
    for (at, c) in line.char_indices() {
        if c.is_ascii() {
            if let Some(run_start) = start.take() {
                if suspect {
                    runs.push(Run {
                        range: run_start..at,
                        before,
                        after: Some(c),
                    });
                }
            }
            suspect = false;
            after_lead = false;
            last = Some(c);
            continue;
        }
        if start.is_none() {
            start = Some(at);
            before = last;
        }
        let entry = table::entry(c);
        suspect |= after_lead && entry & MOJIBAKE_CONT != 0;
        after_lead = entry & MOJIBAKE_LEAD != 0;
        last = Some(c);
    }
    if let (Some(run_start), true) = (start, suspect) {
        runs.push(Run {
            range: run_start..line.len(),
            before,
            after: None,
        });
    }
    runs
}

/// Repairs every mojibake run of `line`; the edit counts the runs and shows
/// the first.
pub(crate) fn repair(line: &str, _: &StepOptions) -> Option<Edit> {
    let runs = suspect_runs(line);
    if runs.is_empty() {
        return None;
    }
    let every_page: Vec<usize> = (0..codepage::repaired().len()).collect();
    let mut repaired: Vec<Option<String>> = vec![None; runs.len()];
    let mut seen_pages = Vec::new();
    for (run, slot) in runs.iter().zip(&mut repaired) {
        let text = &line[run.range.clone()];
        if let Some((fixed, page)) = repair_run(text, run.before, run.after, &every_page, MARGIN) {
            *slot = Some(fixed);
            if !seen_pages.contains(&page) {
                seen_pages.push(page);
            }
        }
    }
    if seen_pages.is_empty() {
        return None;
    }
    for (run, slot) in runs.iter().zip(&mut repaired) {
        if slot.is_none() {
            let text = &line[run.range.clone()];
            *slot = repair_run(text, run.before, run.after, &seen_pages, 0).map(|(fixed, _)| fixed);
        }
    }
    let replacements = runs
        .iter()
        .zip(repaired)
        .filter_map(|(run, fixed)| Some((run.range.clone(), fixed?)));
    Edit::splice(line, replacements.collect::<Vec<_>>())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn correct_text_scores_low_and_mojibake_high() {
        assert!(weirdness(None, "café", None) < MARGIN);
        assert!(weirdness(None, "Ã©", Some('t')) >= MARGIN);
        assert!(weirdness(Some('n'), "â€™", Some('t')) >= MARGIN);
    }
}
