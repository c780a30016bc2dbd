//! The `line-endings`, `blank-lines` and `final-newline` steps.

use super::lines::{repeated_excerpt, Ending, Lines};
use crate::report::{Action, Change, ChangeLog};
use crate::Step;

/// Makes every line break LF, recording one change per kind of break
/// replaced (at the first line that had it), not one per line.
pub(crate) fn unify(lines: &mut Lines<'_>, log: &mut ChangeLog) {
    let mut crlf: Option<(usize, usize)> = None;
    let mut cr: Option<(usize, usize)> = None;
    for i in 0..lines.len() {
        let seen = match lines.ending(i) {
            Ending::CrLf => &mut crlf,
            Ending::Cr => &mut cr,
            Ending::Lf | Ending::None => continue,
        };
        let (_, count) = seen.get_or_insert((lines.number(i), 0));
        *count += lines.count(i);
        lines.set_ending(i, Ending::Lf);
    }
    for (found, before) in [(crlf, "\r\n"), (cr, "\r")] {
        if let Some((first, count)) = found {
            log.push(
                Change::new(Step::LineEndings, first, Action::Replaced, count).texts(before, "\n"),
            );
        }
    }
}

/// Removes blank lines at the start of the text and all but the first blank
/// line of every run, one change per run. A run at the end is left to
/// `final-newline` when `final_newline_runs` is set. Removed lines in the
/// middle of a run do not break it.
pub(crate) fn blank_lines(lines: &mut Lines<'_>, final_newline_runs: bool, log: &mut ChangeLog) {
    // One pass over the entries, holding only the current run (a list of
    // every entry would cost 8 bytes per line of a document of millions).
    let mut run: Vec<usize> = Vec::new();
    let mut after_text = false;
    for i in 0..=lines.len() {
        let at_end = i == lines.len();
        if !at_end && lines.is_removed(i) {
            continue;
        }
        if !at_end && lines.is_blank(i) {
            run.push(i);
            continue;
        }
        // A run at the end is final-newline's when that step runs.
        let left_to_final_newline = at_end && final_newline_runs;
        if !run.is_empty() && !left_to_final_newline {
            collapse_run(lines, &run, !after_text, log);
        }
        run.clear();
        after_text = true;
    }
}

/// Removes the blank lines of `run` (kept entries in order) but one, or all
/// of them `at_start`, as one change.
fn collapse_run(lines: &mut Lines<'_>, run: &[usize], at_start: bool, log: &mut ChangeLog) {
    let total: usize = run.iter().map(|&i| lines.count(i)).sum();
    // Keep one blank line between paragraphs; none before the first.
    let keep = usize::from(!at_start);
    if total <= keep {
        return;
    }
    let first = run[0];
    let first_removed = first_removed(
        keep,
        (lines.number(first), lines.count(first)),
        run.get(1).map(|&second| lines.number(second)),
    );
    // The line breaks of the removed lines, for the excerpt.
    let mut before = String::new();
    let mut skip = keep;
    for &i in run {
        let removed_here = lines.count(i) - skip.min(lines.count(i));
        skip -= skip.min(lines.count(i));
        before.push_str(&repeated_excerpt(lines.ending(i).as_str(), removed_here));
        if before.len() > crate::report::Change::EXCERPT_CHARS {
            break;
        }
    }
    for &i in run {
        lines.remove(i);
    }
    if keep == 1 {
        lines.restore_one(first);
    }
    log.push(
        Change::new(
            Step::BlankLines,
            first_removed,
            Action::Removed,
            total - keep,
        )
        .texts(&before, ""),
    );
}

/// The number of the first line `blank-lines` removes from a run that keeps
/// `keep` lines (0 or 1), given the number and line count of the run's
/// first entry and the number of its second entry: the kept line is the
/// first, so with a first entry of one line the removal starts at the second.
pub(super) fn first_removed(keep: usize, first: (usize, usize), second: Option<usize>) -> usize {
    match second {
        Some(second) if keep == 1 && first.1 == 1 => second,
        _ => first.0 + keep,
    }
}

/// Why `final-newline` takes the break off a record's new last line.
const OWN_ENDING: &str =
    "a record's text keeps its own ending: it came without a line break at its end";

/// Why `final-newline` drops the blank lines at the end.
pub(super) const TRAILING_BLANKS: &str = "blank lines at the end of a text carry no content";

/// Drops blank lines at the end and, when `add_break` is set, gives the last
/// line a line break (the kind the line before it has, LF if none), so the
/// text ends with exactly one; without it (a record's field), a text that
/// came without a break at its end ends without one, also when its last
/// lines were removed. The empty text stays empty.
pub(crate) fn final_newline(lines: &mut Lines<'_>, add_break: bool, log: &mut ChangeLog) {
    // Whether the text came without a break at its end (its last line, kept
    // or not), which a record's text keeps.
    let came_unended = lines.len() > 0 && lines.ending(lines.len() - 1) == Ending::None;
    // From the end: the blank lines there, the last line with text, and the
    // kept line before it (no list of every entry).
    let mut kept = (0..lines.len()).rev().filter(|&i| !lines.is_removed(i));
    let mut dropped: Vec<usize> = Vec::new();
    let mut last = None;
    for i in kept.by_ref() {
        if lines.is_blank(i) {
            dropped.push(i);
        } else {
            last = Some(i);
            break;
        }
    }
    let previous = kept.next();
    dropped.reverse();
    if !dropped.is_empty() {
        let count: usize = dropped.iter().map(|&i| lines.count(i)).sum();
        let mut before = String::new();
        for &i in &dropped {
            before.push_str(&repeated_excerpt(lines.ending(i).as_str(), lines.count(i)));
            if before.len() > crate::report::Change::EXCERPT_CHARS {
                break;
            }
        }
        log.push(
            Change::new(
                Step::FinalNewline,
                lines.number(dropped[0]),
                Action::Removed,
                count,
            )
            .texts(&before, "")
            .because(TRAILING_BLANKS),
        );
        for &i in &dropped {
            lines.remove(i);
        }
    }
    let Some(last) = last else {
        return;
    };
    if !add_break {
        // A record's text that came without a break and lost its last lines
        // ends where its new last line ends, without the break between.
        let ending = lines.ending(last);
        if came_unended && ending != Ending::None {
            lines.set_ending(last, Ending::None);
            log.push(
                Change::new(Step::FinalNewline, lines.number(last), Action::Removed, 1)
                    .texts(ending.as_str(), "")
                    .because(OWN_ENDING),
            );
        }
        return;
    }
    if lines.ending(last) == Ending::None {
        let ending = match previous.map(|i| lines.ending(i)) {
            Some(ending @ (Ending::CrLf | Ending::Cr)) => ending,
            _ => Ending::Lf,
        };
        lines.set_ending(last, ending);
        log.push(
            Change::new(Step::FinalNewline, lines.number(last), Action::Inserted, 1)
                .texts("", ending.as_str()),
        );
    }
}
