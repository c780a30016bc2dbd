//! The driver shared by steps that decide character by character.

use std::borrow::Cow;

use super::char_class::CharTable;
use super::Edit;
use crate::report::Action;

/// What a step does with one character.
pub(crate) enum Mapped {
    /// Keep it.
    Keep,
    /// Drop it.
    Remove,
    /// Write this character instead.
    Char(char),
    /// Write this text instead.
    Text(Cow<'static, str>),
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
}

/// Pass as `bits` to have `decide` asked about every character.
pub(crate) const EVERY_CHAR: u32 = u32::MAX;

/// Runs `decide` on every character of `line` whose class has one of `bits`
/// (others are kept without asking), with what is [`Around`] it. Copies
/// nothing until the first change.
pub(crate) fn map_chars(
    line: &str,
    bits: u32,
    mut decide: impl FnMut(Around, char) -> Mapped,
) -> Option<Edit> {
    let table = CharTable::get();
    let mut out: Option<String> = None;
    let mut first = None;
    let mut count = 0;
    let mut around = Around::default();
    let wrote = |around: &mut Around, written: char| {
        around.before = Some(written);
        if unicode_normalization::char::canonical_combining_class(written) == 0 {
            around.base_before = Some(written);
        }
    };
    let mut chars = line.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        around.after = chars.peek().map(|&(_, n)| n);
        let mapped = if bits == EVERY_CHAR || table.entry(c) & bits != 0 {
            decide(around, c)
        } else {
            Mapped::Keep
        };
        if let Mapped::Keep = mapped {
            wrote(&mut around, c);
            if let Some(out) = &mut out {
                out.push(c);
            }
            continue;
        }
        let out = out.get_or_insert_with(|| {
            let mut text = String::with_capacity(line.len());
            text.push_str(&line[..at]);
            text
        });
        let start = out.len();
        let action = match mapped {
            Mapped::Keep => unreachable!("handled above"),
            Mapped::Remove => Action::Removed,
            Mapped::Char(to) => {
                out.push(to);
                wrote(&mut around, to);
                Action::Replaced
            }
            Mapped::Text(to) => {
                out.push_str(&to);
                to.chars().for_each(|written| wrote(&mut around, written));
                Action::Replaced
            }
        };
        count += 1;
        first.get_or_insert((action, at..at + c.len_utf8(), start..out.len()));
    }
    let (action, before, after) = first?;
    Some(Edit::new(out?, action, count, before, after))
}
