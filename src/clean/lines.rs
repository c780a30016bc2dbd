//! Splitting decoded text into lines that remember where they came from.

use std::borrow::Cow;

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
}

/// One line of the document as the pipeline works on it.
#[derive(Clone, Debug)]
pub(crate) struct Line<'t> {
    /// 1-based line number in the decoded input, counting LF, CRLF and a
    /// lone CR each as one line break (as editors do).
    pub(crate) number: usize,
    /// Byte offset of the line's start in the decoded input.
    pub(crate) start: usize,
    /// The line's text without its line break; borrowed until a step edits it.
    pub(crate) text: Cow<'t, str>,
    /// The line break that follows it in the output.
    pub(crate) ending: Ending,
}

/// Splits `text` into lines. A text that ends with a line break has no
/// empty last line; the empty text has no lines.
pub(crate) fn split(text: &str) -> Vec<Line<'_>> {
    let bytes = text.as_bytes();
    let mut lines = Vec::with_capacity(bytes.len() / 64 + 1);
    let mut start = 0;
    let mut breaks = memchr::memchr2_iter(b'\n', b'\r', bytes);
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
        lines.push(Line {
            number: lines.len() + 1,
            start,
            text: Cow::Borrowed(&text[start..at]),
            ending,
        });
        start = at + ending.as_str().len();
        if ending == Ending::CrLf {
            breaks.next();
        }
    }
    if start < bytes.len() {
        lines.push(Line {
            number: lines.len() + 1,
            start,
            text: Cow::Borrowed(&text[start..]),
            ending: Ending::None,
        });
    }
    lines
}

/// The 1-based number of the line that contains byte `offset`.
pub(crate) fn line_at(lines: &[Line<'_>], offset: usize) -> usize {
    match lines.partition_point(|line| line.start <= offset) {
        0 => 1,
        after => lines[after - 1].number,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(text: &str) -> Vec<(&str, Ending)> {
        split(text)
            .into_iter()
            .map(|line| match line.text {
                Cow::Borrowed(text) => (text, line.ending),
                Cow::Owned(_) => unreachable!("split never copies"),
            })
            .collect()
    }

    #[test]
    fn lf_crlf_and_lone_cr_each_end_one_line() {
        assert_eq!(
            shape("a\nb\r\nc\rd"),
            [
                ("a", Ending::Lf),
                ("b", Ending::CrLf),
                ("c", Ending::Cr),
                ("d", Ending::None)
            ]
        );
    }

    #[test]
    fn cr_cr_lf_is_a_lone_cr_then_a_crlf() {
        assert_eq!(shape("a\r\r\n"), [("a", Ending::Cr), ("", Ending::CrLf)]);
    }

    #[test]
    fn trailing_break_makes_no_empty_last_line() {
        assert_eq!(shape("a\n"), [("a", Ending::Lf)]);
        assert_eq!(shape("a\n\n"), [("a", Ending::Lf), ("", Ending::Lf)]);
        assert!(shape("").is_empty());
    }

    #[test]
    fn numbers_and_starts_follow_the_input() {
        let lines = split("ab\r\ncd\ne");
        let got: Vec<_> = lines.iter().map(|l| (l.number, l.start)).collect();
        assert_eq!(got, [(1, 0), (2, 4), (3, 7)]);
        assert_eq!(line_at(&lines, 0), 1);
        assert_eq!(line_at(&lines, 5), 2);
        assert_eq!(line_at(&lines, 8), 3);
    }
}
