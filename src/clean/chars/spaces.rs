//! Whitespace inside lines: `unicode-spaces`, `collapse-spaces`,
//! `leading-whitespace` and `trailing-whitespace`.
//!
//! Tabs: a tab inside a line is a word separator like a space, so
//! `collapse-spaces` turns every run of spaces and tabs into one space; tabs
//! at the start or end of a line go with the other leading or trailing
//! whitespace. Text whose indentation matters (code, poetry) should run with
//! `collapse-spaces` and `leading-whitespace` off.

use crate::clean::edit::{map_chars, Edit, Mapped};
use crate::clean::StepOptions;
use crate::report::Action;
use crate::unicode::class::UNICODE_SPACE;

/// Turns every Unicode space separator (no-break space, the U+2000–U+200A
/// spaces, narrow no-break space, medium mathematical space, ideographic
/// space, Ogham space mark) and the line and paragraph separators into an
/// ASCII space.
pub(crate) fn unicode_spaces(line: &str, _: &StepOptions) -> Option<Edit> {
    map_chars(line, UNICODE_SPACE, |_, _| Mapped::Char(' '))
}

/// Collapses every run of two or more spaces or tabs, and every lone tab,
/// between two other characters of a line into one space. Runs at the start
/// and end of the line belong to `leading-whitespace` and
/// `trailing-whitespace`.
pub(crate) fn collapse(line: &str, _: &StepOptions) -> Option<Edit> {
    let bytes = line.as_bytes();
    static DOUBLE_SPACE: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"  "));
    if memchr::memchr(b'\t', bytes).is_none() && DOUBLE_SPACE.find(bytes).is_none() {
        return None;
    }
    let blank = [' ', '\t'];
    let inner_start = line.len() - line.trim_start_matches(blank).len();
    let inner_end = line.trim_end_matches(blank).len().max(inner_start);
    let inner = &line[inner_start..inner_end];
    let mut text = String::with_capacity(line.len());
    text.push_str(&line[..inner_start]);
    let mut count = 0;
    let mut first = None;
    let mut rest = inner;
    while let Some(start) = rest.find(blank) {
        let run = rest[start..].len() - rest[start..].trim_start_matches(blank).len();
        text.push_str(&rest[..start]);
        if run > 1 || rest.as_bytes()[start] == b'\t' {
            let at = inner_start + (inner.len() - rest.len()) + start;
            count += 1;
            first.get_or_insert((at..at + run, text.len()..text.len() + 1));
        }
        text.push(' ');
        rest = &rest[start + run..];
    }
    text.push_str(rest);
    text.push_str(&line[inner_end..]);
    let (before, after) = first?;
    Some(Edit::new(text, Action::Replaced, count, before, after))
}

/// Removes whitespace at the start of a line.
pub(crate) fn leading(line: &str, _: &StepOptions) -> Option<Edit> {
    let &first = line.as_bytes().first()?;
    if first.is_ascii() && !(first as char).is_whitespace() {
        return None;
    }
    let kept = line.trim_start();
    let cut = line.len() - kept.len();
    (cut > 0).then(|| {
        Edit::new(
            kept.to_owned(),
            Action::Removed,
            line[..cut].chars().count(),
            0..cut,
            0..0,
        )
    })
}

/// Removes whitespace at the end of a line.
pub(crate) fn trailing(line: &str, _: &StepOptions) -> Option<Edit> {
    // Fast path: a line ending in a visible ASCII character needs nothing.
    let &last = line.as_bytes().last()?;
    if last.is_ascii() && !(last as char).is_whitespace() {
        return None;
    }
    let kept = line.trim_end().len();
    (kept < line.len()).then(|| {
        Edit::new(
            line[..kept].to_owned(),
            Action::Removed,
            line[kept..].chars().count(),
            kept..line.len(),
            kept..kept,
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapse_counts_runs_and_shows_the_first() {
        let options = StepOptions {
            normalization: crate::NormalizationForm::Nfc,
        };
        let edit = collapse("March 6.  On\t\tMarch 8,   a\tb", &options).unwrap();
        assert_eq!(edit.text, "March 6. On March 8, a b");
        assert_eq!(edit.count, 4);
        assert_eq!(edit.before, 8..10);
    }
}
