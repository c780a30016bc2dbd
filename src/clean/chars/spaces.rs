//! Whitespace inside lines: `unicode-spaces`, `collapse-spaces`,
//! `leading-whitespace` and `trailing-whitespace`.
//!
//! Tabs: a tab inside a line is a word separator like a space, so
//! `collapse-spaces` turns every run of spaces and tabs into one space; tabs
//! at the start or end of a line go with the other leading or trailing
//! whitespace. Text whose indentation matters (code, poetry) should run with
//! `collapse-spaces` and `leading-whitespace` off.

use crate::clean::edit::{map_chars, Edit, Mapped};
use crate::clean::repair::mojibake::kept_for_repair;
use crate::clean::StepOptions;
use crate::report::Action;
use crate::unicode::class::UNICODE_SPACE;

/// Turns every Unicode space separator (no-break space, the U+2000–U+200A
/// spaces, narrow no-break space, medium mathematical space, ideographic
/// space, Ogham space mark) and the line and paragraph separators into an
/// ASCII space; not a no-break space that is a byte of mojibake the repair
/// left, beside C1 damage or among mojibake through one page ([`kept_for_repair`]:
/// `é\u{a0}ź` is `頼` through ISO-8859-2, and with a space for its middle
/// byte the repair's next pass would read the rest without it).
pub(crate) fn unicode_spaces(line: &str, _: &StepOptions) -> Option<Edit> {
    map_chars(line, UNICODE_SPACE, |around, c| {
        if c == '\u{a0}' && kept_for_repair(line, around.at) {
            Mapped::Keep
        } else {
            Mapped::Char(' ')
        }
    })
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
    // Bytes, not characters: a space or a tab is never part of another
    // character. Only the runs that change (a tab, or two blanks or more)
    // are looked for, with the searches above; the text between them, lone
    // spaces included, is copied at once.
    let is_blank = |b: &u8| matches!(b, b' ' | b'\t');
    let inner_start = bytes
        .iter()
        .position(|b| !is_blank(b))
        .unwrap_or(bytes.len());
    let inner_end = bytes
        .iter()
        .rposition(|b| !is_blank(b))
        .map_or(0, |at| at + 1)
        .max(inner_start);
    let inner = &bytes[..inner_end];
    let mut text = String::with_capacity(line.len());
    let mut count = 0;
    let mut first = None;
    let mut copied = 0;
    let mut at = inner_start;
    // The next tab and the next two spaces at or after `at` (they are
    // searched again only once passed).
    let find_tab = |from: usize| memchr::memchr(b'\t', &inner[from..]).map(|i| from + i);
    let find_double = |from: usize| DOUBLE_SPACE.find(&inner[from..]).map(|i| from + i);
    let mut tab = find_tab(at);
    let mut double = find_double(at);
    loop {
        if tab.is_some_and(|t| t < at) {
            tab = find_tab(at);
        }
        if double.is_some_and(|d| d < at) {
            double = find_double(at);
        }
        let Some(mut start) = tab.into_iter().chain(double).min() else {
            break;
        };
        // A lone space before a tab belongs to its run.
        while start > at && is_blank(&inner[start - 1]) {
            start -= 1;
        }
        let run = inner[start..].iter().take_while(|b| is_blank(b)).count();
        text.push_str(&line[copied..start]);
        count += 1;
        first.get_or_insert((start..start + run, text.len()..text.len() + 1));
        text.push(' ');
        at = start + run;
        copied = at;
    }
    text.push_str(&line[copied..]);
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
