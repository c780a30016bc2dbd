//! The `line-endings` and `final-newline` steps.

use super::lines::{Ending, Line};
use crate::report::{Action, Change, ChangeLog};
use crate::Step;

/// Makes every line break LF, recording one change per kind of break
/// replaced (at the first line that had it), not one per line.
pub(crate) fn unify(lines: &mut [Line<'_>], log: &mut ChangeLog) {
    let mut crlf: Option<(usize, usize)> = None;
    let mut cr: Option<(usize, usize)> = None;
    for line in lines.iter_mut() {
        let seen = match line.ending {
            Ending::CrLf => &mut crlf,
            Ending::Cr => &mut cr,
            Ending::Lf | Ending::None => continue,
        };
        let (_, count) = seen.get_or_insert((line.number, 0));
        *count += 1;
        line.ending = Ending::Lf;
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
/// `final-newline` when `final_newline_runs` is set.
pub(crate) fn blank_lines(
    lines: &mut Vec<Line<'_>>,
    final_newline_runs: bool,
    log: &mut ChangeLog,
) {
    let mut keep = vec![true; lines.len()];
    let mut at = 0;
    while at < lines.len() {
        if !lines[at].text.is_empty() {
            at += 1;
            continue;
        }
        let run_end = lines[at..]
            .iter()
            .position(|line| !line.text.is_empty())
            .map_or(lines.len(), |n| at + n);
        let at_start = at == 0;
        let at_end = run_end == lines.len();
        if at_end && final_newline_runs {
            break;
        }
        // Keep one blank line between paragraphs; none before the first.
        let first_removed = if at_start { at } else { at + 1 };
        if first_removed < run_end {
            for flag in &mut keep[first_removed..run_end] {
                *flag = false;
            }
            let removed = &lines[first_removed..run_end];
            let before: String = removed.iter().map(|line| line.ending.as_str()).collect();
            log.push(
                Change::new(
                    Step::BlankLines,
                    removed[0].number,
                    Action::Removed,
                    removed.len(),
                )
                .texts(&before, ""),
            );
        }
        at = run_end;
    }
    let mut flags = keep.into_iter();
    lines.retain(|_| flags.next().unwrap_or(true));
}

/// Drops blank lines at the end and gives the last line a line break (the
/// kind the line before it has, LF if none), so the text ends with exactly
/// one. The empty text stays empty.
pub(crate) fn final_newline(lines: &mut Vec<Line<'_>>, log: &mut ChangeLog) {
    let keep = lines
        .iter()
        .rposition(|line| !line.text.is_empty())
        .map_or(0, |last| last + 1);
    if keep < lines.len() {
        let dropped = &lines[keep..];
        let before: String = dropped
            .iter()
            .flat_map(|line| [line.text.as_ref(), line.ending.as_str()])
            .collect();
        log.push(
            Change::new(
                Step::FinalNewline,
                dropped[0].number,
                Action::Removed,
                dropped.len(),
            )
            .texts(&before, "")
            .because("blank lines at the end of a text carry no content"),
        );
        lines.truncate(keep);
    }
    let previous = lines.iter().rev().nth(1).map(|line| line.ending);
    if let Some(last) = lines.last_mut() {
        if last.ending == Ending::None {
            last.ending = match previous {
                Some(ending @ (Ending::CrLf | Ending::Cr)) => ending,
                _ => Ending::Lf,
            };
            log.push(
                Change::new(Step::FinalNewline, last.number, Action::Inserted, 1)
                    .texts("", last.ending.as_str()),
            );
        }
    }
}
