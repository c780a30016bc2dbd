//! The lines of a document as the pipeline works on them.
//!
//! A line is a range of the decoded text (or, once a step changed it, of an
//! arena that holds every edited line), eight bytes and a flag byte per
//! line, and a run of empty lines with the same line break is one entry
//! that counts its lines. So a document costs about its own size plus nine
//! bytes per non-empty line, however its lines are laid out: ten million
//! empty lines are one entry. Line numbers are those of the decoded input,
//! counting LF, CRLF and a lone CR each as one line break (as editors do);
//! they do not change when lines are removed.

use std::fmt::Write as _;

/// The line break that ended a line in the input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Ending {
    /// `\n`
    Lf,
    /// `\r\n`
    CrLf,
    /// a `\r` not followed by `\n`
    Cr,
    /// the last line, with no line break after it
    None,
}

impl Ending {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Ending::Lf => "\n",
            Ending::CrLf => "\r\n",
            Ending::Cr => "\r",
            Ending::None => "",
        }
    }

    fn bits(self) -> u8 {
        match self {
            Ending::Lf => 0,
            Ending::CrLf => 1,
            Ending::Cr => 2,
            Ending::None => 3,
        }
    }

    fn from_bits(bits: u8) -> Ending {
        match bits & ENDING {
            0 => Ending::Lf,
            1 => Ending::CrLf,
            2 => Ending::Cr,
            _ => Ending::None,
        }
    }
}

/// The flag bits of a line: its ending, where its text is, whether it is
/// removed.
const ENDING: u8 = 0b11;
const IN_ARENA: u8 = 1 << 2;
const REMOVED: u8 = 1 << 3;

/// Where a line's text is: `start..start + len` of the source or the arena.
/// An empty line (`len == 0`) has no text to point to, so `start` holds the
/// number of empty lines the entry stands for.
#[derive(Clone, Copy, Debug)]
struct Slot {
    start: u32,
    len: u32,
}

/// The lines of one document.
#[derive(Debug)]
pub(crate) struct Lines<'t> {
    source: &'t str,
    arena: String,
    slots: Vec<Slot>,
    flags: Vec<u8>,
    /// For each entry that stands for more than one line: its index, and how
    /// many lines beyond one per entry come up to and including it, so a
    /// line's number is a binary search away.
    runs: Vec<(u32, u32)>,
    /// How many input lines come before the first entry (a block of a
    /// streamed document starts after the lines of the blocks before it).
    base: usize,
}

/// The most bytes a document can have to be split into lines (offsets are
/// 32-bit); a larger one is left as it is, with a reason in the report.
pub(crate) const MAX_BYTES: usize = u32::MAX as usize;

/// From how many bytes a text's line breaks are counted before its entries
/// are allocated ([`Lines::split_after`]).
const COUNTED_FROM: usize = 4 << 20;

impl<'t> Lines<'t> {
    /// Splits `text` (at most [`MAX_BYTES`] long). A text that ends with a
    /// line break has no empty last line; the empty text has no lines.
    pub(crate) fn split(text: &'t str) -> Lines<'t> {
        Lines::split_after(text, 0)
    }

    /// Splits `text` as [`split`](Lines::split) does, numbering its first
    /// line `base + 1`.
    pub(crate) fn split_after(text: &'t str, base: usize) -> Lines<'t> {
        debug_assert!(text.len() <= MAX_BYTES);
        let bytes = text.as_bytes();
        // Text without a carriage return (most) has only LF endings: found
        // with the search for one byte, which is faster than for two.
        let only_lf = memchr::memchr(b'\r', bytes).is_none();
        // In a large text the line breaks are counted first (a fast scan),
        // so the entries are allocated once: grown by doubling, a document
        // of tens of millions of short lines held two copies of them at the
        // peak. A smaller text (a block of a stream, a page) is not read
        // twice for that: its entries grow from a guess.
        let breaks = if bytes.len() < COUNTED_FROM {
            bytes.len() / 64 + 1
        } else if only_lf {
            memchr::memchr_iter(b'\n', bytes).count() + 1
        } else {
            memchr::memchr2_iter(b'\n', b'\r', bytes).count() + 1
        };
        let mut lines = Lines {
            source: text,
            arena: String::new(),
            slots: Vec::with_capacity(breaks),
            flags: Vec::with_capacity(breaks),
            runs: Vec::new(),
            base,
        };
        let mut start = 0;
        if only_lf {
            for at in memchr::memchr_iter(b'\n', bytes) {
                lines.push(start, at, Ending::Lf);
                start = at + 1;
            }
        }
        // The rest: all of it when it has carriage returns, none else.
        let from = start;
        let mut breaks = memchr::memchr2_iter(b'\n', b'\r', &bytes[from..]).map(|at| from + at);
        while let Some(at) = breaks.next() {
            // A CR at `at - 1` already consumed this LF as part of a CRLF.
            if at < start {
                continue;
            }
            let ending = match bytes[at] {
                b'\n' => Ending::Lf,
                _ if bytes.get(at + 1) == Some(&b'\n') => Ending::CrLf,
                _ => Ending::Cr,
            };
            lines.push(start, at, ending);
            start = at + ending.as_str().len();
            if ending == Ending::CrLf {
                breaks.next();
            }
        }
        if start < bytes.len() {
            lines.push(start, bytes.len(), Ending::None);
        }
        lines
    }

    fn push(&mut self, start: usize, end: usize, ending: Ending) {
        if start == end {
            // An empty line joins the run of empty lines before it.
            if let (Some(last), Some(&flags)) = (self.slots.last_mut(), self.flags.last()) {
                if last.len == 0 && Ending::from_bits(flags) == ending {
                    last.start += 1;
                    let index = self.slots.len() as u32 - 1;
                    match self.runs.last_mut() {
                        Some((run, extra)) if *run == index => *extra += 1,
                        _ => {
                            let before = self.runs.last().map_or(0, |&(_, extra)| extra);
                            self.runs.push((index, before + 1));
                        }
                    }
                    return;
                }
            }
            self.slots.push(Slot { start: 1, len: 0 });
        } else {
            self.slots.push(Slot {
                start: start as u32,
                len: (end - start) as u32,
            });
        }
        self.flags.push(ending.bits());
    }

    /// How many entries there are (a run of empty lines is one).
    pub(crate) fn len(&self) -> usize {
        self.slots.len()
    }

    /// The text of entry `i`, without its line break.
    pub(crate) fn text(&self, i: usize) -> &str {
        let slot = self.slots[i];
        if slot.len == 0 {
            return "";
        }
        let range = slot.start as usize..(slot.start + slot.len) as usize;
        if self.flags[i] & IN_ARENA != 0 {
            &self.arena[range]
        } else {
            &self.source[range]
        }
    }

    /// Whether entry `i` is empty (a run of one or more empty lines).
    pub(crate) fn is_blank(&self, i: usize) -> bool {
        self.slots[i].len == 0
    }

    /// How many lines entry `i` stands for now.
    pub(crate) fn count(&self, i: usize) -> usize {
        let slot = self.slots[i];
        if slot.len == 0 {
            slot.start as usize
        } else {
            1
        }
    }

    /// Keeps `n` (at least one) of the lines of an empty entry.
    pub(crate) fn set_count(&mut self, i: usize, n: usize) {
        debug_assert!(self.slots[i].len == 0 && n >= 1);
        self.slots[i].start = n as u32;
    }

    /// The 1-based input line number of (the first line of) entry `i`.
    pub(crate) fn number(&self, i: usize) -> usize {
        let before = self.runs.partition_point(|&(run, _)| (run as usize) < i);
        let extra = before.checked_sub(1).map_or(0, |at| self.runs[at].1);
        self.base + i + 1 + extra as usize
    }

    /// How many input lines the entries stand for.
    pub(crate) fn line_count(&self) -> usize {
        self.slots.len() + self.runs.last().map_or(0, |&(_, extra)| extra as usize)
    }

    /// The line break after entry `i` (after each of its lines).
    pub(crate) fn ending(&self, i: usize) -> Ending {
        Ending::from_bits(self.flags[i])
    }

    pub(crate) fn set_ending(&mut self, i: usize, ending: Ending) {
        self.flags[i] = (self.flags[i] & !ENDING) | ending.bits();
    }

    /// Whether entry `i` has been removed.
    pub(crate) fn is_removed(&self, i: usize) -> bool {
        self.flags[i] & REMOVED != 0
    }

    pub(crate) fn remove(&mut self, i: usize) {
        self.flags[i] |= REMOVED;
    }

    /// Brings back one line of a removed empty entry: the blank line kept
    /// between two paragraphs.
    pub(crate) fn restore_one(&mut self, i: usize) {
        self.flags[i] &= !REMOVED;
        self.set_count(i, 1);
    }

    /// Gives entry `i` a new text (kept in the arena). An empty text keeps
    /// the entry: it becomes one empty line.
    pub(crate) fn replace(&mut self, i: usize, text: &str) {
        if text.is_empty() {
            self.slots[i] = Slot { start: 1, len: 0 };
            self.flags[i] &= !IN_ARENA;
            return;
        }
        let start = self.arena.len();
        self.arena.push_str(text);
        self.slots[i] = Slot {
            start: start as u32,
            len: text.len() as u32,
        };
        self.flags[i] |= IN_ARENA;
    }

    /// Cuts the first `bytes` bytes (a character boundary) off entry `i`.
    pub(crate) fn cut_front(&mut self, i: usize, bytes: usize) {
        let slot = &mut self.slots[i];
        debug_assert!(bytes <= slot.len as usize);
        if bytes as u32 == slot.len {
            *slot = Slot { start: 1, len: 0 };
            self.flags[i] &= !IN_ARENA;
        } else {
            slot.start += bytes as u32;
            slot.len -= bytes as u32;
        }
    }

    /// The entries that are not removed, in order.
    pub(crate) fn kept(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.len()).filter(move |&i| !self.is_removed(i))
    }

    /// The text of the lines not removed, each with its line break.
    pub(crate) fn join(&self) -> String {
        let mut out = String::with_capacity(self.source.len() + self.arena.len() / 4 + 1);
        for i in self.kept() {
            let ending = self.ending(i).as_str();
            if self.is_blank(i) {
                for _ in 0..self.count(i) {
                    out.push_str(ending);
                }
            } else {
                out.push_str(self.text(i));
                out.push_str(ending);
            }
        }
        out
    }
}

/// `text` written `times` times, but no more than an excerpt shows (the
/// report cuts excerpts at [`Change::EXCERPT_CHARS`](crate::Change)
/// characters), so a run of a million empty lines costs nothing to report.
pub(crate) fn repeated_excerpt(text: &str, times: usize) -> String {
    let mut out = String::new();
    let cap = crate::report::Change::EXCERPT_CHARS + 1;
    for _ in 0..times {
        if out.chars().count() >= cap {
            break;
        }
        let _ = out.write_str(text);
    }
    out
}

/// The 1-based line numbers of byte `offsets` (in increasing order) of
/// `text`, counting line breaks as [`Lines::split`] does, in one pass.
pub(crate) fn numbers_at(text: &str, offsets: impl IntoIterator<Item = usize>) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut breaks = memchr::memchr2_iter(b'\n', b'\r', bytes).peekable();
    let mut line = 1;
    let mut numbers = Vec::new();
    for offset in offsets {
        while let Some(&at) = breaks.peek() {
            if at >= offset {
                break;
            }
            breaks.next();
            // The LF of a CRLF is part of the break its CR started.
            if bytes[at] == b'\n' && at > 0 && bytes[at - 1] == b'\r' {
                continue;
            }
            line += 1;
        }
        numbers.push(line);
    }
    numbers
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(text: &str) -> Vec<(String, Ending, usize, usize)> {
        let lines = Lines::split(text);
        (0..lines.len())
            .map(|i| {
                (
                    lines.text(i).to_owned(),
                    lines.ending(i),
                    lines.count(i),
                    lines.number(i),
                )
            })
            .collect()
    }

    #[test]
    fn lf_crlf_and_lone_cr_each_end_one_line() {
        assert_eq!(
            shape("a\nb\r\nc\rd"),
            [
                ("a".into(), Ending::Lf, 1, 1),
                ("b".into(), Ending::CrLf, 1, 2),
                ("c".into(), Ending::Cr, 1, 3),
                ("d".into(), Ending::None, 1, 4)
            ]
        );
    }

    #[test]
    fn cr_cr_lf_is_a_lone_cr_then_a_crlf() {
        assert_eq!(
            shape("a\r\r\n"),
            [
                ("a".into(), Ending::Cr, 1, 1),
                ("".into(), Ending::CrLf, 1, 2)
            ]
        );
    }

    #[test]
    fn trailing_break_makes_no_empty_last_line() {
        assert_eq!(shape("a\n"), [("a".into(), Ending::Lf, 1, 1)]);
        assert_eq!(
            shape("a\n\n"),
            [
                ("a".into(), Ending::Lf, 1, 1),
                ("".into(), Ending::Lf, 1, 2)
            ]
        );
        assert!(shape("").is_empty());
    }

    #[test]
    fn runs_of_empty_lines_are_one_entry_and_numbers_follow_the_input() {
        let lines = Lines::split("a\n\n\n\nb\n\r\n\r\nc\n\n");
        let got: Vec<(usize, usize)> = (0..lines.len())
            .map(|i| (lines.number(i), lines.count(i)))
            .collect();
        assert_eq!(got, [(1, 1), (2, 3), (5, 1), (6, 2), (8, 1), (9, 1)]);
        assert_eq!(lines.join(), "a\n\n\n\nb\n\r\n\r\nc\n\n");
    }

    #[test]
    fn a_flood_of_empty_lines_is_one_entry() {
        let text = "\n".repeat(100_000);
        let lines = Lines::split(&text);
        assert_eq!((lines.len(), lines.count(0)), (1, 100_000));
        assert_eq!(lines.join(), text);
    }

    #[test]
    fn replaced_cut_and_removed_lines_join_as_edited() {
        let mut lines = Lines::split("date 2024 text\nkeep\ngone\n");
        lines.cut_front(0, 10);
        lines.replace(1, "kept!");
        lines.remove(2);
        assert_eq!(lines.join(), "text\nkept!\n");
        lines.replace(1, "");
        assert!(lines.is_blank(1));
        assert_eq!(lines.number(2), 3);
    }

    #[test]
    fn numbers_at_offsets_match_the_split() {
        let text = "ab\r\ncd\ne\rf";
        assert_eq!(numbers_at(text, [0, 2, 4, 7, 9, 10]), [1, 1, 2, 3, 4, 4]);
    }

    #[test]
    fn excerpts_of_long_runs_are_short() {
        assert_eq!(repeated_excerpt("\n", 3), "\n\n\n");
        assert!(repeated_excerpt("\n", 10_000_000).len() <= 100);
    }
}
