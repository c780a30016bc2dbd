//! A document cleaned a block of lines at a time, with the result of
//! cleaning it whole.
//!
//! Only a plan whose steps all work inside a line can stream: the junk stage
//! reads the whole document, so it must be idle. What spans blocks is kept
//! in a [`Stream`]: the report being built, the letters per script, the
//! number of the next input line, and the run of blank lines not yet
//! written (a run can span blocks; whether it is kept as one blank line,
//! dropped at the start, or dropped at the end is known only when the next
//! non-blank line, or the end, comes). The line breaks are unified to LF in
//! every block, so `blank-lines` and `final-newline` are done here, on the
//! fly, the way [`breaks`] does them on a whole document.

use super::lines::{Ending, Lines};
use super::{breaks, record_decoding, Plan};
use crate::load::Loaded;
use crate::report::{Action, Change, ChangeLog, EncodingReport, Report, ScriptTally};
use crate::Step;

/// The state of a document being cleaned block by block.
pub(crate) struct Stream {
    log: ChangeLog,
    scripts: ScriptTally,
    encoding: EncodingReport,
    /// Input lines before the next block.
    lines_before: usize,
    /// Whether a non-blank line has been written.
    started: bool,
    /// The blank lines since the last non-blank line.
    blanks: BlankRun,
    /// The number of the last non-blank line written, when it had no line
    /// break (only the last line of the input can lack one).
    unended: Option<usize>,
}

/// A run of blank lines, possibly over several entries and blocks.
#[derive(Default)]
struct BlankRun {
    /// How many lines.
    total: usize,
    /// The number and line count of its first entry.
    first: Option<(usize, usize)>,
    /// The number of its second entry.
    second: Option<usize>,
    /// Whether its last line has no line break (the input's last line,
    /// cleaned to nothing).
    unended: bool,
    /// Whether that is its first line too.
    first_unended: bool,
}

impl BlankRun {
    fn add(&mut self, number: usize, count: usize, unended: bool) {
        if self.first.is_none() {
            self.first = Some((number, count));
            self.first_unended = unended;
        } else if self.second.is_none() {
            self.second = Some(number);
        }
        self.total += count;
        self.unended = unended;
    }

    /// The number of the first line `blank-lines` removes when it keeps
    /// `keep` lines of the run.
    fn first_removed(&self, keep: usize) -> usize {
        breaks::first_removed(keep, self.first.unwrap_or_default(), self.second)
    }
}

impl Plan {
    /// Whether documents can be cleaned a block of lines at a time with the
    /// result of cleaning them whole: no junk stage, line breaks unified,
    /// and a report of counts (per-block excerpts would list a step's
    /// changes once per block).
    pub(crate) fn can_stream(&self) -> bool {
        self.junk.is_idle() && self.line_endings && self.list_limit == 0
    }

    /// Starts a streamed document from how its first block was decoded
    /// (which [`can_stream`](Plan::can_stream) and the caller have checked:
    /// decided as it would be for the whole input), recording what decoding
    /// it changed; later blocks decoded from bytes that are not UTF-8 record
    /// theirs in [`stream_decoded`](Plan::stream_decoded).
    pub(crate) fn start_stream(&self, first: &Loaded<'_>) -> Stream {
        let mut log = ChangeLog::listing(self.list_limit);
        record_decoding(first, 0, &mut log);
        Stream {
            log,
            scripts: ScriptTally::listing(self.list_limit),
            encoding: EncodingReport::of(first),
            lines_before: 0,
            started: false,
            blanks: BlankRun::default(),
            unended: None,
        }
    }

    /// Cleans one block of lines (all of them ending in a line break but
    /// the last block's last line) and appends what can be written of it to
    /// `out`.
    pub(crate) fn stream_block(&self, stream: &mut Stream, text: &str, out: &mut Vec<u8>) {
        let mut lines = Lines::split_after(text, stream.lines_before);
        stream.lines_before += lines.line_count();
        breaks::unify(&mut lines, &mut stream.log);
        self.clean_lines(&mut lines, &mut stream.log, &mut stream.scripts);
        for i in 0..lines.len() {
            if lines.is_blank(i) {
                let unended = lines.ending(i) == Ending::None;
                stream.blanks.add(lines.number(i), lines.count(i), unended);
                continue;
            }
            self.flush_blanks(stream, out);
            out.extend_from_slice(lines.text(i).as_bytes());
            if lines.ending(i) == Ending::None {
                stream.unended = Some(lines.number(i));
            } else {
                out.push(b'\n');
            }
            stream.started = true;
        }
    }

    /// Cleans one block of lines after the first, decoded from bytes that
    /// were not UTF-8 (see [`stream_block`](Plan::stream_block)), and
    /// records its malformed byte sequences and its lines read in a legacy
    /// page.
    pub(crate) fn stream_decoded(
        &self,
        stream: &mut Stream,
        block: &Loaded<'_>,
        out: &mut Vec<u8>,
    ) {
        record_decoding(block, stream.lines_before, &mut stream.log);
        stream.encoding.malformed += block.malformed_count;
        stream.encoding.legacy_lines += block.legacy_line_count;
        if stream.encoding.legacy_page.is_none() {
            let page = block.legacy_lines.first().map(|line| line.encoding.name());
            stream.encoding.legacy_page = page.map(str::to_owned);
        }
        self.stream_block(stream, &block.text, out);
    }

    /// Ends a streamed document: drops the blank lines at its end, ends its
    /// last line with a line break, and returns the report.
    pub(crate) fn finish_stream(&self, mut stream: Stream, out: &mut Vec<u8>) -> Report {
        let run = std::mem::take(&mut stream.blanks);
        if let Some((first, _)) = run.first {
            if self.final_newline {
                stream.log.push(
                    Change::new(Step::FinalNewline, first, Action::Removed, run.total)
                        .because(breaks::TRAILING_BLANKS),
                );
            } else if self.blank_lines {
                // The run at the end is one blank line after a paragraph,
                // none in a text of blank lines only.
                collapse(
                    &run,
                    stream.started,
                    !run.first_unended,
                    &mut stream.log,
                    out,
                );
            } else {
                let ended = run.total - usize::from(run.unended);
                out.extend(std::iter::repeat_n(b'\n', ended));
            }
        }
        if let (Some(number), true) = (stream.unended, self.final_newline) {
            out.push(b'\n');
            stream
                .log
                .push(Change::new(Step::FinalNewline, number, Action::Inserted, 1).texts("", "\n"));
        }
        stream.log.finish(stream.encoding, stream.scripts.finish())
    }

    /// Writes the run of blank lines before a non-blank line as
    /// `blank-lines` would (none at the start, one between paragraphs), or
    /// as it is when that step is off.
    fn flush_blanks(&self, stream: &mut Stream, out: &mut Vec<u8>) {
        let run = std::mem::take(&mut stream.blanks);
        if run.first.is_none() {
            return;
        }
        if !self.blank_lines {
            out.extend(std::iter::repeat_n(b'\n', run.total));
            return;
        }
        collapse(&run, stream.started, true, &mut stream.log, out);
    }
}

/// `blank-lines` on a run: one blank line kept after text (`after_text`),
/// written with its line break when `ended`, none at the start; the rest
/// removed as one change.
fn collapse(run: &BlankRun, after_text: bool, ended: bool, log: &mut ChangeLog, out: &mut Vec<u8>) {
    let keep = usize::from(after_text);
    if keep == 1 && ended {
        out.push(b'\n');
    }
    if run.total > keep {
        log.push(Change::new(
            Step::BlankLines,
            run.first_removed(keep),
            Action::Removed,
            run.total - keep,
        ));
    }
}
