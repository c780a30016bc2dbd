//! Rendering cleaned text for snapshot files.
//!
//! Snapshot tools compare text loosely: insta ignores the difference between
//! CRLF and LF and trailing whitespace, which are exactly the differences a
//! cleaner exists to make. [`render_text`] therefore writes the text so that
//! every byte of it shows:
//!
//! - a header with the byte length, the line count, whether the text ends
//!   with a line break, and an FNV-1a hash of the exact bytes, so two outputs
//!   that differ anywhere never render the same;
//! - each line through [`visible::escape`](crate::visible::escape), with
//!   spaces at the end of a line written as `\u{20}`;
//! - an end marker, so blank lines at the end are not trimmed away.

use std::collections::BTreeMap;
use std::fmt::Write;

use serde::Serialize;

/// What a report snapshot holds: the metadata a document gave up and the
/// report of its cleaning.
#[derive(Debug, Serialize)]
pub struct ReportView<'a> {
    /// The metadata moved out of the text.
    pub metadata: &'a BTreeMap<String, String>,
    /// Every change.
    pub report: &'a crate::Report,
}

impl<'a> ReportView<'a> {
    /// The view of a cleaned document.
    pub fn of(cleaned: &'a crate::Cleaned) -> ReportView<'a> {
        ReportView {
            metadata: &cleaned.metadata,
            report: &cleaned.report,
        }
    }
}

/// Snapshots every file of a folder of yours, cleaned by rinse: the text
/// through [`render_text`] (snapshot `text`) and the [`ReportView`] as YAML
/// (snapshot `report`), one pair per file, reviewed with `cargo insta
/// review`. Your crate needs `insta` with the `glob` and `yaml` features.
///
/// The first two arguments are those of `insta::glob!`: a folder relative
/// to the test file, and a pattern; a [`Cleaner`](crate::Cleaner) may follow
/// (the default one otherwise).
///
/// ```ignore
/// #[test]
/// fn my_pages_clean_as_reviewed() {
///     rinse::assert_cleaned_snapshots!("data/pages", "*.html");
///     let config = rinse::Config::default().disable(rinse::Step::Boilerplate);
///     let cleaner = rinse::Cleaner::new(config).unwrap();
///     rinse::assert_cleaned_snapshots!("data/raw", "*.txt", &cleaner);
/// }
/// ```
#[macro_export]
macro_rules! assert_cleaned_snapshots {
    ($base:expr, $pattern:expr) => {
        $crate::assert_cleaned_snapshots!($base, $pattern, &$crate::Cleaner::default())
    };
    ($base:expr, $pattern:expr, $cleaner:expr) => {
        ::insta::glob!($base, $pattern, |path| {
            let bytes =
                ::std::fs::read(path).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
            let cleaned = $crate::Cleaner::clean_bytes($cleaner, &bytes);
            ::insta::assert_snapshot!("text", $crate::snapshot::render_text(&cleaned.text));
            ::insta::assert_yaml_snapshot!("report", $crate::snapshot::ReportView::of(&cleaned));
        })
    };
}

/// The marker written after the last line of a rendered text.
pub const END_MARKER: &str = "--- end of text ---";

/// Renders `text` so that every difference is visible; see the module docs.
///
/// ```
/// let shown = rinse::snapshot::render_text("one \ntwo\u{a0}\r\n");
/// assert!(shown.contains("\none\\u{20}\n"));
/// assert!(shown.contains("\ntwo\\u{a0}\\r\n"));
/// assert!(shown.starts_with("bytes: 12\nlines: 2\nfinal-newline: yes\n"));
/// ```
pub fn render_text(text: &str) -> String {
    let body = text.strip_suffix('\n').unwrap_or(text);
    let line_count = if text.is_empty() {
        0
    } else {
        body.split('\n').count()
    };
    let mut out = String::with_capacity(text.len() + text.len() / 8 + 128);
    let _ = writeln!(out, "bytes: {}", text.len());
    let _ = writeln!(out, "lines: {line_count}");
    let final_newline = if text.ends_with('\n') { "yes" } else { "no" };
    let _ = writeln!(out, "final-newline: {final_newline}");
    let _ = writeln!(out, "fnv1a-64: {:016x}", fnv1a_64(text.as_bytes()));
    out.push_str("---\n");
    if !text.is_empty() {
        for line in body.split('\n') {
            let kept = line.trim_end_matches(' ');
            out.push_str(&crate::unicode::visible::escape(kept));
            for _ in kept.len()..line.len() {
                out.push_str("\\u{20}");
            }
            out.push('\n');
        }
    }
    out.push_str(END_MARKER);
    out.push('\n');
    out
}

/// The 64-bit FNV-1a hash of `bytes`: not cryptographic, but any change of
/// the text changes it with overwhelming likelihood.
fn fnv1a_64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every pair is a difference insta's own comparison would not see.
    const INVISIBLE_TO_INSTA: &[(&str, &str)] = &[
        ("a\nb\n", "a\r\nb\r\n"),
        ("a\nb\n", "a \nb\n"),
        ("a\nb\n", "a\nb\n\n"),
        ("a\nb\n", "a\nb"),
        ("a b\n", "a\u{a0}b\n"),
        ("ab\n", "a\u{200b}b\n"),
        ("a\tb\n", "a    b\n"),
    ];

    #[test]
    fn differences_insta_ignores_render_differently() {
        for (left, right) in INVISIBLE_TO_INSTA {
            let (l, r) = (render_text(left), render_text(right));
            let loose = |s: &str| -> Vec<String> {
                s.lines().map(|line| line.trim_end().to_owned()).collect()
            };
            assert_ne!(loose(&l), loose(&r), "{left:?} vs {right:?}");
        }
    }

    #[test]
    fn rendered_lines_have_no_trailing_whitespace() {
        let shown = render_text("x  \n\u{3000}\n \t\n");
        for line in shown.lines() {
            assert_eq!(line, line.trim_end(), "{shown}");
        }
    }

    #[test]
    fn empty_text_renders_header_and_marker() {
        assert_eq!(
            render_text(""),
            format!(
                "bytes: 0\nlines: 0\nfinal-newline: no\nfnv1a-64: cbf29ce484222325\n---\n{END_MARKER}\n"
            )
        );
    }

    #[test]
    fn fnv_matches_reference_vectors() {
        assert_eq!(fnv1a_64(b""), 0xcbf29ce484222325);
        assert_eq!(fnv1a_64(b"a"), 0xaf63dc4c8601ec8c);
        assert_eq!(fnv1a_64(b"foobar"), 0x85944171f73967e8);
    }
}
