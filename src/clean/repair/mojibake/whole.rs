//! The fast path of the `mojibake` step: a line that went through
//! windows-1252 whole, once or twice.
//!
//! Most mojibake on the web is a page of UTF-8 read as windows-1252: every
//! character of such a line beyond ASCII is a character of windows-1252,
//! and their bytes, read back, are valid UTF-8 together (clean text beside
//! the damage is not: `é` or `’` alone is no UTF-8 sequence). Such a line
//! is read back in one pass, and each of its runs is weighed as the search
//! weighs it ([`weirdness`] between the same neighbours, [`foreign_repair`]
//! in the same line's script), without searching every page for each run
//! and without identifying the line's language.
//!
//! The line is repaired here only where the search could decide nothing
//! else: every run reads as ordinary text after the repair and is no odder
//! for it, one run at least was odd by the search's margin before, no run
//! stands between quotation marks or alone as a letter, no run is letters
//! before a sign of mathematics. Anything else (a character of another
//! page, a lost byte, a run whose repair is odd or foreign, text read
//! more than twice) is left to the search. A test holds the two together on
//! damaged text of many languages (`the_fast_path_repairs_as_the_search_does`).

use std::ops::Range;

use super::score::weirdness;
use super::{
    foreign, foreign_repair, in_windows_1252, letter_script, math_after_letters, Chain, Quoted,
    MARGIN, WINDOWS_1252,
};
use crate::clean::edit::Edit;
use crate::unicode::codepage;

/// How many times the fast path reads a line back at most.
const ROUNDS: usize = 2;

/// The repair of `line` when it went through windows-1252 whole (once or
/// twice) and nothing about it asks for the search; `None` leaves the line
/// to the search.
pub(super) fn repair(line: &str) -> Option<Edit> {
    thread_local! {
        static BUFFERS: std::cell::RefCell<(Vec<u8>, Vec<u8>, Vec<Run>)> =
            const { std::cell::RefCell::new((Vec::new(), Vec::new(), Vec::new())) };
    }
    BUFFERS.with(|buffers| {
        let (first, second, runs) = &mut *buffers.borrow_mut();
        repair_with(line, first, second, runs)
    })
}

/// A stretch of characters beyond ASCII: where it is in the line and in the
/// line as read back.
#[derive(Clone)]
struct Run {
    line: Range<usize>,
    read: Range<usize>,
}

fn repair_with(
    line: &str,
    first: &mut Vec<u8>,
    second: &mut Vec<u8>,
    runs: &mut Vec<Run>,
) -> Option<Edit> {
    runs.clear();
    if !read_back(line, first, Some(runs)) {
        return None;
    }
    // The script of the line outside its runs, as the search finds it
    // ([`super::line_script`]): the letters outside are all ASCII here.
    let ascii_letters = line.bytes().filter(u8::is_ascii_alphabetic).count();
    let script = (ascii_letters >= 4).then_some(crate::unicode::table::script::LATIN);
    // A run set off as a letter ([`Quoted::letter`]: alone between
    // quotation marks or no-break spaces), quoted as a short word or
    // opening or closing a quotation, which the search weighs with the
    // line's language; letters before a sign of mathematics.
    for run in runs.iter() {
        let quoted = Quoted::of(line, &run.line, || None);
        if quoted.letter
            || quoted.short.is_some()
            || quoted.opener.is_some()
            || quoted.closer.is_some()
            || math_after_letters(line, &run.line)
        {
            return None;
        }
    }
    let mut read = std::str::from_utf8(first).ok()?;
    let mut rounds = 1;
    loop {
        if let Some(decided) = weigh(line, read, runs, script) {
            if !decided {
                return None;
            }
            break;
        }
        // Still odd: read back once more, when the whole line again went
        // through windows-1252.
        if rounds == ROUNDS {
            return None;
        }
        let mut next_runs = Vec::new();
        if !read_back(read, second, Some(&mut next_runs)) || next_runs.len() != runs.len() {
            return None;
        }
        for (run, next) in runs.iter_mut().zip(next_runs) {
            run.read = next.read;
        }
        std::mem::swap(first, second);
        read = std::str::from_utf8(first).ok()?;
        rounds += 1;
    }
    let chain = (1..rounds).fold(Chain::one(WINDOWS_1252), |chain, _| {
        chain.then(WINDOWS_1252)
    });
    let first_run = runs.first()?;
    let mut edit = Edit::new(
        read.to_owned(),
        crate::report::Action::Replaced,
        runs.len(),
        first_run.line.clone(),
        first_run.read.clone(),
    );
    edit.reason = Some(chain.describe());
    Some(edit)
}

/// Writes into `out` the bytes windows-1252 gives `text`, ASCII as it is,
/// and a C1 control as the byte it stands for (the five bytes windows-1252
/// leaves undefined come through as such, read as latin-1 is): `false` when
/// a character beyond ASCII is not one of them or the bytes are not valid
/// UTF-8 (a byte lost on the way, as `?`, U+FFFD or nothing, leaves a
/// sequence cut short). With `runs`, pushes the stretches beyond ASCII.
fn read_back(text: &str, out: &mut Vec<u8>, mut runs: Option<&mut Vec<Run>>) -> bool {
    let page = &codepage::repaired()[WINDOWS_1252];
    out.clear();
    let mut in_run = false;
    for (at, c) in text.char_indices() {
        if c.is_ascii() {
            out.push(c as u8);
            in_run = false;
            continue;
        }
        let Some(byte) = page.byte(c) else {
            return false;
        };
        if let Some(runs) = runs.as_deref_mut() {
            if !in_run {
                runs.push(Run {
                    line: at..at,
                    read: out.len()..out.len(),
                });
            }
            if let Some(run) = runs.last_mut() {
                run.line.end = at + c.len_utf8();
                run.read.end = out.len() + 1;
            }
        }
        in_run = true;
        out.push(byte);
    }
    if std::str::from_utf8(out).is_err() {
        return false;
    }
    // The ends of the runs are byte offsets of the bytes pushed; once the
    // bytes are decoded, they are offsets of the text read back, since each
    // run holds whole UTF-8 sequences (ASCII ends every sequence).
    runs.is_none_or(|runs| !runs.is_empty())
}

/// Weighs the runs of `line` against the same runs of `read`, the line as
/// read back: `Some(true)` when the repair is the search's decision (every
/// run reads as ordinary text, none is odder for it, one at least was
/// clearly odd), `Some(false)` when the search must decide, `None` when a
/// repair is still odd (it may have been read twice).
fn weigh(line: &str, read: &str, runs: &[Run], script: Option<u8>) -> Option<bool> {
    let around = |text: &str, range: &Range<usize>| {
        (
            text[..range.start].chars().next_back(),
            text[range.end..].chars().next(),
        )
    };
    let mut clearly_odd = false;
    for run in runs {
        let (before, after) = around(line, &run.line);
        let repaired = &read[run.read.clone()];
        // A Latin letter windows-1252 lacks (`Ĩ` from `Ä¨`, which is `č`
        // through windows-1257) calls for the search and the line's
        // language, as it does in the search's first guess.
        if repaired
            .chars()
            .any(|c| !in_windows_1252(c) && latin_letter(c))
        {
            return Some(false);
        }
        // Costs as the search's: a repair that costs anything (a word of
        // another script in a Latin line) makes it search deeper.
        if weirdness(before, repaired, after) + foreign_repair(repaired, script) > 0 {
            return None;
        }
        // The run as it stands, until one is clearly odd.
        if !clearly_odd {
            let text = &line[run.line.clone()];
            clearly_odd = weirdness(before, text, after) + foreign(text, script) >= MARGIN;
        }
    }
    Some(clearly_odd)
}

/// Whether `c` is a letter of the Latin script.
fn latin_letter(c: char) -> bool {
    letter_script(c) == Some(crate::unicode::table::script::LATIN)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text` as windows-1252 reads its UTF-8 bytes (WHATWG's mapping: the
    /// five undefined bytes become C1 controls), `times` times.
    fn through_windows_1252(text: &str, times: usize) -> String {
        (0..times).fold(text.to_owned(), |text, _| {
            let (read, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(text.as_bytes());
            read.into_owned()
        })
    }

    #[test]
    fn a_line_read_through_windows_1252_whole_is_read_back() {
        let cases = [
            ("café déjà vu, don’t", 1, "UTF-8 read as windows-1252"),
            ("Привет, мир: «всё» ок", 1, "UTF-8 read as windows-1252"),
            ("مرحبا بالعالم", 1, "UTF-8 read as windows-1252"),
            ("東京で会いましょう 🎉", 1, "UTF-8 read as windows-1252"),
            ("Über die Brücke", 2, "UTF-8 read as windows-1252, twice"),
        ];
        for (clean, times, reason) in cases {
            let damaged = through_windows_1252(clean, times);
            let edit = repair(&damaged).unwrap_or_else(|| panic!("{damaged}"));
            assert_eq!(edit.text, clean);
            assert_eq!(edit.reason.as_deref(), Some(reason));
            assert_eq!(
                edit.count,
                clean
                    .split(|c: char| c.is_ascii())
                    .filter(|w| !w.is_empty())
                    .count()
            );
            assert_eq!(
                &edit.text[edit.after.clone()],
                clean
                    .split(|c: char| c.is_ascii())
                    .find(|w| !w.is_empty())
                    .unwrap()
            );
        }
    }

    #[test]
    fn what_asks_for_the_search_is_left_to_it() {
        let left = [
            // Clean text, and clean text beside damage.
            "café déjà vu",
            "RÉSUMÉ… CAFÉ’s",
            "café Ã© crème",
            // A byte lost on the way (0x81 as `?`, 0xA0 as a space).
            "Ù?ÙŠ ÙƒØ§Ù†",
            "voilÃ ",
            // A Latin letter windows-1252 lacks: the line's language
            // decides between the pages (`Ä¨` is `č` through windows-1257).
            "Ä¨lanova",
            "zaÅ¼Ã³Å‚Ä‡ gÄ™Å›lÄ… jaÅºÅ„",
            // A repair that is still odd, and one of another script than the
            // rest of the line.
            "Ã©Ì",
            "The price is Ð’Ðˆ15",
            // A letter set off by quotation marks or no-break spaces, and
            // letters before a sign of mathematics.
            "x Ã\u{a0}= y",
            "Ä±5",
        ];
        for line in left {
            assert!(repair(line).is_none(), "{line}");
        }
    }

    #[test]
    fn text_read_more_than_twice_is_left_to_the_search() {
        let damaged = through_windows_1252("Über die Brücke", 3);
        assert!(repair(&damaged).is_none());
    }
}
