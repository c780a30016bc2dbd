//! The cleaning pipeline: an ordered list of named steps over decoded text.
//!
//! [`clean_bytes`] runs the whole pipeline: it [loads](crate::load) the
//! bytes, splits the text into lines that remember their input line number,
//! runs every enabled [`Step`] in [`Step::ALL`] order, and records each change
//! in the [`Report`]. Steps of the [`Stage::Character`] stage work inside one
//! line at a time and never see its line break; steps of the [`Stage::Line`]
//! stage work on the list of lines.

mod arabic;
mod ascii;
pub(crate) mod char_class;
mod char_map;
mod compat;
mod homoglyphs;
mod invisibles;
mod junk;
mod line_breaks;
mod lines;
mod normalize;
mod spaces;
mod step;
mod typography;

use std::collections::BTreeMap;
use std::ops::Range;

use serde::{Deserialize, Serialize};

pub use step::{Stage, Step};

use crate::load::{self, Loaded};
use crate::report::{Action, Change, ChangeLog, EncodingReport, Report, ScriptTally};
use crate::{Config, NormalizationForm};

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
    let char_steps = CharSteps::new(config);
    let mut scripts = ScriptTally::default();
    for line in &mut lines {
        let scan = char_class::scan(&line.text);
        // Scripts are counted on the cleaned line: a repaired line is
        // scanned again, so mojibake does not count as Latin letters.
        let letters = if char_steps.run(line, scan.bits, &mut log) {
            char_class::scan(&line.text).letters
        } else {
            scan.letters
        };
        scripts.add_line(line.number, &letters, |id| {
            char_class::CharTable::get().script(id).full_name()
        });
    }
    let mut metadata = BTreeMap::new();
    junk::classify(&mut lines, config, &mut metadata, &mut log);
    if config.is_enabled(Step::BlankLines) {
        line_breaks::blank_lines(&mut lines, config.is_enabled(Step::FinalNewline), &mut log);
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
        metadata,
        report: log.finish(encoding, scripts.finish(), config),
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
            show: crate::visible::push_escaped,
        }
    }

    /// `line` with each of `replacements` (ranges of `line` in order, and
    /// their new text) put in; the edit counts them and shows the first.
    /// `None` when there are none.
    pub(crate) fn splice(
        line: &str,
        replacements: impl IntoIterator<Item = (Range<usize>, String)>,
    ) -> Option<Edit> {
        let mut text = String::with_capacity(line.len());
        let mut first = None;
        let mut count = 0;
        let mut copied = 0;
        for (range, replacement) in replacements {
            text.push_str(&line[copied..range.start]);
            let at = text.len();
            text.push_str(&replacement);
            first.get_or_insert((range.clone(), at..text.len()));
            copied = range.end;
            count += 1;
        }
        let (before, after) = first?;
        text.push_str(&line[copied..]);
        Some(Edit::new(text, Action::Replaced, count, before, after))
    }
}

/// In tests: the line after `step` ran on it (the line itself when the step
/// has nothing to do).
#[cfg(test)]
pub(crate) fn applied(step: fn(&str) -> Option<Edit>, line: &str) -> String {
    step(line).map_or_else(|| line.to_owned(), |edit| edit.text)
}

/// When a character step has work on a line.
#[derive(Clone, Copy)]
enum Trigger {
    /// When a character of the line has one of these class bits.
    Bits(u32),
    /// On every line (the step has its own cheap check).
    Always,
}

/// The enabled character steps, in pipeline order, with their triggers.
struct CharSteps {
    steps: Vec<(Step, Trigger)>,
    form: NormalizationForm,
}

impl CharSteps {
    fn new(config: &Config) -> CharSteps {
        use char_class::*;
        let form = config.normalization();
        let not_inert = match form {
            NormalizationForm::Nfc => NOT_NFC_INERT,
            NormalizationForm::Nfkc => NOT_NFKC_INERT,
        };
        let steps = Step::ALL
            .iter()
            .filter(|&&step| {
                step != Step::Decode && step.stage() != Stage::Line && config.is_enabled(step)
            })
            .map(|&step| {
                let trigger = match step {
                    Step::TerminalEscapes => Trigger::Bits(CONTROL),
                    Step::Mojibake => Trigger::Bits(MOJIBAKE_PAIR),
                    Step::ControlChars => Trigger::Bits(CONTROL),
                    Step::Invisibles => Trigger::Bits(INVISIBLE),
                    Step::Ligatures => Trigger::Bits(LIGATURE),
                    Step::Fullwidth => Trigger::Bits(FULLWIDTH),
                    Step::ArabicPresentationForms => Trigger::Bits(PRESENTATION_FORM),
                    Step::Tatweel => Trigger::Bits(TATWEEL),
                    Step::ArabicDiacritics => Trigger::Bits(ARABIC_DIACRITIC),
                    Step::ArabicDigits => Trigger::Bits(ARABIC_DIGIT),
                    Step::AsciiPunctuation => Trigger::Bits(TYPOGRAPHIC),
                    Step::Homoglyphs => Trigger::Bits(LOOKALIKE),
                    Step::Normalize => Trigger::Bits(not_inert),
                    Step::UnicodeSpaces => Trigger::Bits(UNICODE_SPACE),
                    _ => Trigger::Always,
                };
                (step, trigger)
            })
            .collect();
        CharSteps { steps, form }
    }

    /// Runs every step that has work on `line`; `bits` is what the scan of
    /// the line found. A step that changes the line makes the rest see a
    /// fresh scan of the new text. A line that changed goes through all the
    /// steps again, until a pass changes nothing (at most [`MAX_PASSES`]):
    /// a later step can leave work for an earlier one (normalization turns
    /// `Å` into a letter that looks like mojibake; removing a tatweel joins
    /// two characters), and cleaning must be idempotent. Returns whether the
    /// line changed.
    fn run(&self, line: &mut lines::Line<'_>, mut bits: u32, log: &mut ChangeLog) -> bool {
        let mut changed_at_all = false;
        for _ in 0..MAX_PASSES {
            let mut changed = false;
            for &(step, trigger) in &self.steps {
                if let Trigger::Bits(wanted) = trigger {
                    if bits & wanted == 0 {
                        continue;
                    }
                }
                if let Some(edit) = self.apply(step, &line.text) {
                    record(line, step, edit, log);
                    bits = char_class::scan(&line.text).bits;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
            changed_at_all = true;
        }
        changed_at_all
    }

    fn apply(&self, step: Step, text: &str) -> Option<Edit> {
        match step {
            Step::TerminalEscapes => load::escapes::strip(text),
            Step::HtmlEntities => load::entities::decode(text),
            Step::Mojibake => load::mojibake::repair(text),
            Step::ControlChars => invisibles::controls(text),
            Step::Invisibles => invisibles::invisibles(text),
            Step::Ligatures => compat::ligatures(text),
            Step::Fullwidth => compat::fullwidth(text),
            Step::ArabicPresentationForms => arabic::presentation_forms(text),
            Step::Tatweel => arabic::tatweel(text),
            Step::ArabicDiacritics => arabic::diacritics(text),
            Step::ArabicDigits => arabic::digits(text),
            Step::AsciiPunctuation => typography::ascii_punctuation(text),
            Step::CaseFold => typography::case_fold(text),
            Step::Homoglyphs => homoglyphs::apply(text),
            Step::Normalize => normalize::apply(text, self.form),
            Step::UnicodeSpaces => spaces::unicode_spaces(text),
            Step::CollapseSpaces => spaces::collapse(text),
            Step::LeadingWhitespace => spaces::leading(text),
            Step::TrailingWhitespace => spaces::trailing(text),
            _ => None,
        }
    }
}

/// How many times the character steps run over one line at most.
const MAX_PASSES: usize = 4;

/// How many characters of context an excerpt shows around a change.
const CONTEXT_CHARS: usize = 12;

/// Records `edit` of `line` and applies it.
fn record(line: &mut lines::Line<'_>, step: Step, edit: Edit, log: &mut ChangeLog) {
    let before = widen(&line.text, edit.before.clone());
    let after = widen(&edit.text, edit.after.clone());
    log.push(
        Change::new(step, line.number, edit.action, edit.count).texts_with(
            &line.text[before],
            &edit.text[after],
            edit.show,
        ),
    );
    line.text = edit.text.into();
}

/// `range` of `text` extended by up to [`CONTEXT_CHARS`] characters on each
/// side.
fn widen(text: &str, range: Range<usize>) -> Range<usize> {
    let start = text[..range.start]
        .char_indices()
        .rev()
        .take(CONTEXT_CHARS)
        .last()
        .map_or(range.start, |(at, _)| at);
    let end = text[range.end..]
        .char_indices()
        .nth(CONTEXT_CHARS)
        .map_or(text.len(), |(at, _)| range.end + at);
    start..end
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
        let input = "a \r\nb\u{301}\u{a0} \u{200b}\r\n\r\n\r\n";
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
        // Enough valid UTF-8 (six curly quotes) that two bad bytes stay damage.
        let mut input = "“a” “b” ‘c’\n".as_bytes().to_vec();
        input.extend_from_slice(b"bad \xFF and \xFE\nfine\n");
        let cleaned = clean_bytes(&input, &Config::default());
        let decode: Vec<_> = cleaned.report.changes_by(Step::Decode).collect();
        assert_eq!(decode.len(), 1);
        assert_eq!((decode[0].line, decode[0].count), (2, 2));
        assert_eq!(decode[0].before, "\\xFF");
        assert_eq!(cleaned.report.encoding.malformed, 2);
    }

    #[test]
    fn widen_adds_context_on_char_boundaries() {
        let text = "0123456789abcdefghijkl\u{a0}mnopqrstuvwxyzé";
        let at = text.find('\u{a0}').unwrap();
        let range = widen(text, at..at + 2);
        assert_eq!(&text[range], "abcdefghijkl\u{a0}mnopqrstuvwx");
        assert_eq!(widen("é", 0..2), 0..2);
    }

    #[test]
    fn paragraph_structure_is_kept() {
        let single = "one\ntwo\nthree\n";
        assert_eq!(clean_str(single, &Config::default()).text, single);
        let blank = "one\n\ntwo\n\nthree\n";
        assert_eq!(clean_str(blank, &Config::default()).text, blank);
    }

    #[test]
    fn runs_of_blank_lines_become_one() {
        let cleaned = clean_str("\n\none\n\n\n\n \ntwo\n", &Config::default());
        assert_eq!(cleaned.text, "one\n\ntwo\n");
        let changes: Vec<_> = cleaned.report.changes_by(Step::BlankLines).collect();
        assert_eq!(changes.len(), 2, "{changes:?}");
        assert_eq!((changes[0].line, changes[0].count), (1, 2));
        assert_eq!((changes[1].line, changes[1].count), (5, 3));
    }

    #[test]
    fn every_step_appears_in_the_report_summary() {
        let cleaned = clean_str("x\n", &Config::default());
        let steps: Vec<Step> = cleaned.report.steps.iter().map(|s| s.step).collect();
        assert_eq!(steps, Step::ALL);
    }
}
