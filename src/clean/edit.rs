//! [`Edit`]: what a character step did to a line; and [`map_chars`], the
//! driver shared by steps that decide character by character.

use std::ops::Range;

use crate::report::Action;
use crate::unicode::ascii::ascii_prefix_len;
use crate::unicode::class::{Entry, COMBINING};
use crate::unicode::table::{self, ClassFilter};

/// An edit a character step made to one line.
#[derive(Debug)]
pub(crate) struct Edit {
    /// The line's new text.
    pub(crate) text: String,
    /// What kind of edit it is.
    pub(crate) action: Action,
    /// How many occurrences it stands for.
    pub(crate) count: usize,
    /// The first changed span in the old text.
    pub(crate) before: Range<usize>,
    /// What that span became in the new text.
    pub(crate) after: Range<usize>,
    /// How the excerpts write a character.
    pub(crate) show: fn(&mut String, char),
    /// A reason more specific than the step's, if the step gives one
    /// (`UTF-8 read as windows-1252, twice`).
    pub(crate) reason: Option<String>,
}

impl Edit {
    /// An edit whose excerpts show invisible characters escaped.
    pub(crate) fn new(
        text: String,
        action: Action,
        count: usize,
        before: Range<usize>,
        after: Range<usize>,
    ) -> Edit {
        Edit {
            text,
            action,
            count,
            before,
            after,
            show: crate::unicode::visible::push_escaped,
            reason: None,
        }
    }

    /// `line` with each of `replacements` (ranges of `line` in order, and
    /// their new text) put in; the edit counts them and shows the first.
    /// `None` when there are none.
    pub(crate) fn splice<S: AsRef<str>>(
        line: &str,
        replacements: impl IntoIterator<Item = (Range<usize>, S)>,
    ) -> Option<Edit> {
        let mut text = String::with_capacity(line.len());
        let mut first = None;
        let mut count = 0;
        let mut copied = 0;
        for (range, replacement) in replacements {
            text.push_str(&line[copied..range.start]);
            let at = text.len();
            text.push_str(replacement.as_ref());
            first.get_or_insert((range.clone(), at..text.len()));
            copied = range.end;
            count += 1;
        }
        let (before, after) = first?;
        text.push_str(&line[copied..]);
        Some(Edit::new(text, Action::Replaced, count, before, after))
    }
}

/// What a step does with one character.
pub(crate) enum Mapped {
    /// Keep it.
    Keep,
    /// Drop it.
    Remove,
    /// Write this character instead.
    Char(char),
    /// Write this text instead.
    Str(&'static str),
    /// Write the lowercase mapping of a character (one to three characters).
    Lowercase(std::char::ToLowercase),
}

/// The characters around the one being decided.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Around {
    /// The last character written to the output (after earlier decisions, so
    /// a decision never leans on a character that was just removed).
    pub(crate) before: Option<char>,
    /// The last character written that is not a combining mark.
    pub(crate) base_before: Option<char>,
    /// The next character of the input.
    pub(crate) after: Option<char>,
    /// The byte offset in the input line of the character being decided.
    pub(crate) at: usize,
}

/// Pass as `bits` to have `decide` asked about every character.
pub(crate) const EVERY_CHAR: Entry = Entry::MAX;

/// The character at byte `at` of `line` (a character boundary) and its
/// length in bytes.
fn char_at(line: &str, at: usize) -> (char, usize) {
    let c = line[at..]
        .chars()
        .next()
        .expect("at is a character boundary");
    (c, c.len_utf8())
}

/// Runs `decide` on every character of `line` whose class has one of `bits`
/// (others are kept without asking), with what is [`Around`] it. Copies
/// nothing until the first change.
pub(crate) fn map_chars(
    line: &str,
    bits: Entry,
    mut decide: impl FnMut(Around, char) -> Mapped,
) -> Option<Edit> {
    // Until the first change the output is the input, so the characters
    // around a candidate are read off the input only when one is found, and
    // runs of ASCII are skipped eight bytes at a time when no ASCII
    // character has the classes asked for.
    let filter = ClassFilter::of(bits);
    let mut at = next_candidate(line, 0, bits, filter);
    while at < line.len() {
        let (c, len) = char_at(line, at);
        let around = Around {
            before: line[..at].chars().next_back(),
            base_before: line[..at]
                .chars()
                .rev()
                .find(|&b| table::entry(b) & COMBINING == 0),
            after: line[at + len..].chars().next(),
            at,
        };
        let mapped = decide(around, c);
        if !matches!(mapped, Mapped::Keep) {
            return Some(rewrite(line, at, around, mapped, bits, filter, decide));
        }
        at = next_candidate(line, at + len, bits, filter);
    }
    None
}

/// The offset of the first character of `line` at or after `from` whose
/// class has one of `bits` (every character for [`EVERY_CHAR`]); the
/// length of `line` when there is none. Runs of ASCII are skipped eight
/// bytes at a time when no ASCII character has the classes asked for, and
/// other characters by their first two bytes when `filter` (the class's
/// [`ClassFilter`]) says none of theirs can have it.
fn next_candidate(line: &str, from: usize, bits: Entry, filter: Option<&ClassFilter>) -> usize {
    if bits == EVERY_CHAR {
        return from;
    }
    let bytes = line.as_bytes();
    let skip_ascii = bits & table::ascii_classes() == 0;
    let mut at = from;
    while at < bytes.len() {
        let lead = bytes[at];
        if lead < 0x80 {
            if skip_ascii {
                at += ascii_prefix_len(&bytes[at..]);
                continue;
            }
        } else if let Some(filter) = filter {
            if !filter.may_have(lead, bytes[at + 1]) {
                // The length of the character from its lead byte.
                at += 2 + usize::from(lead >= 0xE0) + usize::from(lead >= 0xF0);
                continue;
            }
        }
        let (entry, len) = table::entry_at(bytes, at);
        if entry & bits != 0 {
            return at;
        }
        at += len;
    }
    bytes.len()
}

/// The rest of [`map_chars`] from the first character that changes (at
/// `at`, mapped to `first`): the characters with `bits` (found with the
/// class's `filter`, as [`map_chars`] found the first) are written as
/// `decide` says, the text between them copied as it is.
fn rewrite(
    line: &str,
    at: usize,
    mut around: Around,
    first_mapped: Mapped,
    bits: Entry,
    filter: Option<&ClassFilter>,
    mut decide: impl FnMut(Around, char) -> Mapped,
) -> Edit {
    let mut out = String::with_capacity(line.len());
    out.push_str(&line[..at]);
    let mut first = None;
    let mut count = 0;
    let wrote = |around: &mut Around, written: char| {
        around.before = Some(written);
        if table::entry(written) & COMBINING == 0 {
            around.base_before = Some(written);
        }
    };
    let mut pending = Some(first_mapped);
    // The text before `at` is in `out`; `around` is up to date with it.
    let mut at = at;
    while at < line.len() {
        let (c, len) = char_at(line, at);
        around.after = line[at + len..].chars().next();
        around.at = at;
        let mapped = match pending.take() {
            Some(mapped) => mapped,
            None => decide(around, c),
        };
        let start = out.len();
        let action = match mapped {
            Mapped::Keep => {
                wrote(&mut around, c);
                out.push(c);
                None
            }
            Mapped::Remove => Some(Action::Removed),
            Mapped::Char(to) => {
                out.push(to);
                wrote(&mut around, to);
                Some(Action::Replaced)
            }
            Mapped::Str(to) => {
                out.push_str(to);
                to.chars().for_each(|written| wrote(&mut around, written));
                Some(Action::Replaced)
            }
            Mapped::Lowercase(to) => {
                for written in to {
                    out.push(written);
                    wrote(&mut around, written);
                }
                Some(Action::Replaced)
            }
        };
        if let Some(action) = action {
            count += 1;
            first.get_or_insert((action, at..at + len, start..out.len()));
        }
        // The characters up to the next candidate are kept: copied at
        // once, `around` moved to their last character and the last one
        // that is not a combining mark (if any).
        let next = next_candidate(line, at + len, bits, filter);
        let kept = &line[at + len..next];
        if let Some(last) = kept.chars().next_back() {
            out.push_str(kept);
            around.before = Some(last);
            if let Some(base) = kept
                .chars()
                .rev()
                .find(|&b| table::entry(b) & COMBINING == 0)
            {
                around.base_before = Some(base);
            }
        }
        at = next;
    }
    let (action, before, after) = first.expect("the first character changed");
    Edit::new(out, action, count, before, after)
}
