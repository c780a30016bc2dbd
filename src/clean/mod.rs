//! The cleaning pipeline: an ordered list of named steps over decoded text.
//!
//! [`clean_bytes`] runs the whole pipeline: it [loads](crate::load) the
//! bytes, splits the text into lines that remember their input line number,
//! runs every enabled [`Step`] in [`Step::ALL`] order, and records each change
//! in the [`Report`]. Steps of the [`Stage::Character`] stage work inside one
//! line at a time and never see its line break; steps of the [`Stage::Line`]
//! stage work on the list of lines.

mod ascii;
mod line_breaks;
mod lines;
mod normalize;
mod step;
mod trailing_whitespace;

use std::collections::BTreeMap;
use std::ops::Range;

use serde::{Deserialize, Serialize};

pub use step::{Stage, Step};

use crate::load::{self, Loaded};
use crate::report::{Action, Change, ChangeLog, EncodingReport, Report};
use crate::Config;

/// The result of cleaning one document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Cleaned {
    /// The cleaned text: valid UTF-8, ending in exactly one line break unless
    /// it is empty (with the default steps).
    pub text: String,
    /// Facts about the document that steps moved out of the text, such as a
    /// `date` prefix a scraper glued onto the first line.
    pub metadata: BTreeMap<String, String>,
    /// Every change, with its step, line and reason.
    pub report: Report,
}

/// Cleans one document given as bytes in any encoding.
///
/// Never fails and never panics: malformed bytes become U+FFFD and are listed
/// in the report.
///
/// ```
/// use rinse::{clean_bytes, Config, Step};
///
/// let cleaned = clean_bytes(b"\xEF\xBB\xBFHello  \r\nworld", &Config::default());
/// assert_eq!(cleaned.text, "Hello\nworld\n");
/// assert_eq!(cleaned.report.encoding.name, "UTF-8");
/// // byte-order mark, trailing spaces, CRLF, missing final newline:
/// let steps: Vec<Step> = cleaned.report.changes.iter().map(|c| c.step).collect();
/// assert_eq!(
///     steps,
///     [Step::Decode, Step::LineEndings, Step::TrailingWhitespace, Step::FinalNewline]
/// );
/// ```
pub fn clean_bytes(bytes: &[u8], config: &Config) -> Cleaned {
    let loaded = load::load_bytes(bytes, config);
    clean_loaded(bytes, &loaded, config)
}

/// Cleans one document that is already text.
///
/// The same as [`clean_bytes`] on its UTF-8 bytes, so a leading U+FEFF is
/// taken as a byte-order mark.
///
/// ```
/// let cleaned = rinse::clean_str("cafe\u{301}\n", &rinse::Config::default());
/// assert_eq!(cleaned.text, "caf\u{e9}\n");
/// ```
pub fn clean_str(text: &str, config: &Config) -> Cleaned {
    clean_bytes(text.as_bytes(), config)
}

/// Runs the pipeline on a document the loader has decoded from `input`.
pub fn clean_loaded(input: &[u8], loaded: &Loaded<'_>, config: &Config) -> Cleaned {
    let mut log = ChangeLog::new();
    let mut lines = lines::split(&loaded.text);
    record_decoding(input, loaded, &lines, &mut log);

    if config.is_enabled(Step::LineEndings) {
        line_breaks::unify(&mut lines, &mut log);
    }
    let normalize = config.is_enabled(Step::Normalize);
    let trim = config.is_enabled(Step::TrailingWhitespace);
    for line in &mut lines {
        if normalize {
            let form = config.normalization();
            apply(line, Step::Normalize, &mut log, |text| {
                normalize::apply(text, form)
            });
        }
        if trim {
            apply(
                line,
                Step::TrailingWhitespace,
                &mut log,
                trailing_whitespace::apply,
            );
        }
    }
    if config.is_enabled(Step::FinalNewline) {
        line_breaks::final_newline(&mut lines, &mut log);
    }

    let mut text = String::with_capacity(loaded.text.len() + 1);
    for line in &lines {
        text.push_str(&line.text);
        text.push_str(line.ending.as_str());
    }
    let encoding = EncodingReport {
        name: loaded.encoding.name().to_owned(),
        decided_by: loaded.decided_by,
        bom: loaded.bom,
        malformed: loaded.malformed.len(),
    };
    Cleaned {
        text,
        metadata: BTreeMap::new(),
        report: log.finish(encoding, config),
    }
}

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
}

/// Runs one character step on one line, recording its edit.
fn apply(
    line: &mut lines::Line<'_>,
    step: Step,
    log: &mut ChangeLog,
    edit: impl FnOnce(&str) -> Option<Edit>,
) {
    let Some(edit) = edit(&line.text) else { return };
    let before = &line.text[edit.before.clone()];
    let after = &edit.text[edit.after.clone()];
    log.push(
        Change::new(step, line.number, edit.action, edit.count)
            .texts_with(before, after, edit.show),
    );
    line.text = edit.text.into();
}

/// Records what decoding changed: a removed byte-order mark and every
/// malformed byte sequence, aggregated per line.
fn record_decoding(
    input: &[u8],
    loaded: &Loaded<'_>,
    lines: &[lines::Line<'_>],
    log: &mut ChangeLog,
) {
    if loaded.bom {
        log.push(
            Change::new(Step::Decode, 1, Action::Removed, 1)
                .texts("\u{feff}", "")
                .because("a byte-order mark announces the encoding; it is not text"),
        );
    }
    if loaded.repeated_boms > 0 {
        log.push(
            Change::new(Step::Decode, 1, Action::Removed, loaded.repeated_boms)
                .texts(&"\u{feff}".repeat(loaded.repeated_boms), "")
                .because("a byte-order mark repeated at the start is left over from joined or re-saved files"),
        );
    }
    let mut malformed = loaded.malformed.iter().peekable();
    while let Some(first) = malformed.next() {
        let line = lines::line_at(lines, first.text_offset);
        let mut count = 1;
        while malformed
            .next_if(|next| lines::line_at(lines, next.text_offset) == line)
            .is_some()
        {
            count += 1;
        }
        let bytes = &input[first.input_offset..first.input_offset + first.len];
        let hex: String = bytes.iter().map(|b| format!("\\x{b:02X}")).collect();
        log.push(
            Change::new(Step::Decode, line, Action::Replaced, count)
                .raw_texts(hex, "\\u{fffd}".to_owned())
                .because(&format!(
                    "malformed {} byte sequence",
                    loaded.encoding.name()
                )),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn disabled_steps_change_nothing() {
        let mut config = Config::default();
        for &step in Step::ALL {
            config = config.disable(step);
        }
        let input = "a \r\nb\u{301}\r\n\r\n";
        let cleaned = clean_str(input, &config);
        assert_eq!(cleaned.text, input);
        assert!(cleaned.report.changes.is_empty());
    }

    #[test]
    fn final_newline_follows_crlf_when_line_endings_are_kept() {
        let config = Config::default().disable(Step::LineEndings);
        assert_eq!(clean_str("a\r\nb", &config).text, "a\r\nb\r\n");
    }

    #[test]
    fn trailing_blank_lines_are_one_change() {
        let cleaned = clean_str("text\n\n\n  \n", &Config::default());
        assert_eq!(cleaned.text, "text\n");
        let removed: Vec<_> = cleaned.report.changes_by(Step::FinalNewline).collect();
        assert_eq!(removed.len(), 1);
        assert_eq!(removed[0].count, 3);
        assert_eq!(removed[0].line, 2);
    }

    #[test]
    fn blank_document_becomes_empty() {
        assert_eq!(clean_str("\n \n\r\n", &Config::default()).text, "");
        assert_eq!(clean_str("", &Config::default()).text, "");
    }

    #[test]
    fn crlf_is_one_aggregated_change() {
        let cleaned = clean_str("a\r\nb\r\nc\r\n", &Config::default());
        assert_eq!(cleaned.text, "a\nb\nc\n");
        let changes: Vec<_> = cleaned.report.changes_by(Step::LineEndings).collect();
        assert_eq!(changes.len(), 1);
        assert_eq!((changes[0].line, changes[0].count), (1, 3));
        assert_eq!(changes[0].before, "\\r\\n");
    }

    #[test]
    fn malformed_bytes_are_reported_per_line_with_their_bytes() {
        let cleaned = clean_bytes(b"ok\nbad \xFF and \xFE\nfine\n", &Config::default());
        let decode: Vec<_> = cleaned.report.changes_by(Step::Decode).collect();
        assert_eq!(decode.len(), 1);
        assert_eq!((decode[0].line, decode[0].count), (2, 2));
        assert_eq!(decode[0].before, "\\xFF");
        assert_eq!(cleaned.report.encoding.malformed, 2);
    }

    #[test]
    fn every_step_appears_in_the_report_summary() {
        let cleaned = clean_str("x\n", &Config::default());
        let steps: Vec<Step> = cleaned.report.steps.iter().map(|s| s.step).collect();
        assert_eq!(steps, Step::ALL);
    }
}
