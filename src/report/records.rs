//! The records rinse writes about documents, as typed structs: one line of
//! `rinse clean --report` ([`DocumentRecord`]), the result of `rinse
//! inspect` ([`Inspection`]), and the summary a JSON Lines record carries
//! under `metadata.rinse` ([`RecordSummary`]). Their field names are part of
//! rinse's interface: they change only with a new minor version.

use std::collections::BTreeMap;
use std::fmt;

use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};

use super::{Change, Cleaned, EncodingReport, LineTag, ScriptReport};
use crate::load::DecidedBy;
use crate::unicode::boundary::floor_char_boundary;
use crate::{Stage, Step};

/// One line of `rinse clean --report`: what cleaning did to one document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DocumentRecord {
    /// The input's name as given (a path, or `<stdin>`).
    pub path: String,
    /// How its bytes were decoded.
    pub encoding: EncodingReport,
    /// What steps moved out of the text.
    pub metadata: BTreeMap<String, String>,
    /// Whether the cleaned bytes differ from the input bytes.
    pub changed: bool,
    /// Every change.
    pub changes: Vec<Change>,
    /// Each line's junk tag, when the cleaner tags junk instead of removing
    /// it ([`Config::tag_junk`](crate::Config::tag_junk)); absent otherwise.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub junk: Vec<LineTag>,
}

impl DocumentRecord {
    /// The record of `input` (the bytes as read) cleaned into `cleaned`.
    pub fn new(path: impl Into<String>, input: &[u8], cleaned: &Cleaned) -> DocumentRecord {
        DocumentRecord {
            path: path.into(),
            encoding: cleaned.report.encoding.clone(),
            metadata: cleaned.metadata.clone(),
            changed: cleaned.text.as_bytes() != input,
            changes: cleaned.report.changes.clone(),
            junk: cleaned.tags.clone(),
        }
    }
}

/// How many occurrences one step changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct StepCount {
    /// The step.
    pub step: Step,
    /// How many occurrences.
    pub count: usize,
}

/// What `rinse inspect` finds in one document: how it was decoded, what
/// repairs and cleaning would do, which language and scripts it is in.
/// `Display` writes the human form; serialized, it is `inspect --json`.
///
/// ```
/// let cleaned = rinse::clean_bytes(b"caf\xC3\x83\xC2\xA9 au lait, s'il vous pla\xC3\x83\xC2\xAEt");
/// let inspection = rinse::report::Inspection::new("menu.txt", &cleaned);
/// assert_eq!(inspection.repairs[0].step, rinse::Step::Mojibake);
/// assert!(inspection.to_string().contains("repair mojibake: 2"));
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Inspection {
    /// The input's name as given.
    pub path: String,
    /// The encoding's name (`UTF-8`, `windows-1256`).
    pub encoding: String,
    /// What decided the encoding.
    pub decided_by: DecidedBy,
    /// An encoding the document declared that the bytes overruled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overridden: Option<String>,
    /// The language the encoding was chosen by, with its score, when the
    /// language model chose among sibling code pages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding_language: Option<String>,
    /// The chosen encoding's score (bits per byte of 0x80 or more).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding_score: Option<f64>,
    /// The runner-up encoding, its language and score.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub runner_up: Option<super::RunnerUpReport>,
    /// Whether a byte-order mark was found.
    pub bom: bool,
    /// How many malformed byte sequences became U+FFFD.
    pub malformed: usize,
    /// How many lines that were no UTF-8 were read in a legacy page.
    #[serde(default, skip_serializing_if = "super::is_zero")]
    pub legacy_lines: usize,
    /// The legacy page they were read in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legacy_page: Option<String>,
    /// The repair steps that changed something (mojibake, character
    /// references, terminal escapes), with their occurrences.
    pub repairs: Vec<StepCount>,
    /// The language of the cleaned text, when it is identified reliably.
    pub language: Option<String>,
    /// The scripts of its letters.
    pub scripts: ScriptReport,
    /// How many occurrences every step together changed.
    pub changes: usize,
    /// Every step that changed something, with its occurrences and its first
    /// change (for the human form).
    #[serde(skip)]
    steps: Vec<(StepCount, Option<Change>)>,
}

impl Inspection {
    /// The inspection of a cleaned document called `path`.
    pub fn new(path: impl Into<String>, cleaned: &Cleaned) -> Inspection {
        let report = &cleaned.report;
        let steps: Vec<(StepCount, Option<Change>)> = report
            .steps
            .iter()
            .map(|s| {
                let count = StepCount {
                    step: s.step,
                    count: s.occurrences,
                };
                (count, report.changes_by(s.step).next().cloned())
            })
            .collect();
        Inspection {
            path: path.into(),
            encoding: report.encoding.name.clone(),
            decided_by: report.encoding.decided_by,
            overridden: report.encoding.overridden.clone(),
            encoding_language: report.encoding.language.clone(),
            encoding_score: report.encoding.score,
            runner_up: report.encoding.runner_up.clone(),
            bom: report.encoding.bom,
            malformed: report.encoding.malformed,
            legacy_lines: report.encoding.legacy_lines,
            legacy_page: report.encoding.legacy_page.clone(),
            repairs: steps
                .iter()
                .map(|(count, _)| *count)
                .filter(|count| count.step.stage() == Stage::Repair)
                .collect(),
            language: dominant_language(&cleaned.text).map(str::to_owned),
            scripts: report.scripts.clone(),
            changes: report.changes.iter().map(|c| c.count).sum(),
            steps,
        }
    }
}

impl fmt::Display for Inspection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.path)?;
        let bom = if self.bom {
            ", with byte-order mark"
        } else {
            ""
        };
        writeln!(
            f,
            "  encoding: {} (decided by {}{bom})",
            self.encoding,
            self.decided_by.name()
        )?;
        if let Some(declared) = &self.overridden {
            let why = match self.decided_by {
                DecidedBy::ValidUtf8 => "the bytes are valid UTF-8",
                DecidedBy::ZeroBytes => "the bytes are UTF-16 or UTF-32",
                DecidedBy::Utf16Text => "the bytes read as UTF-16 text",
                _ if self.encoding.starts_with("ISO-2022") => "the bytes are ISO-2022 escapes",
                _ => "the bytes do not decode under it, or read as far less plausible text",
            };
            writeln!(f, "  declared {declared}, overruled: {why}")?;
        }
        if let (Some(language), Some(score)) = (&self.encoding_language, self.encoding_score) {
            write!(
                f,
                "  chosen by the language model: {language} text, {score:.2} bits per byte"
            )?;
            match &self.runner_up {
                Some(r) => writeln!(
                    f,
                    "; runner-up {} ({} text, {:.2})",
                    r.encoding, r.language, r.score
                )?,
                None => writeln!(f)?,
            }
        }
        if let Some(page) = &self.legacy_page {
            writeln!(
                f,
                "  lines that are no UTF-8, read as {page}: {}",
                self.legacy_lines
            )?;
        }
        if self.malformed > 0 {
            writeln!(
                f,
                "  malformed byte sequences: {} (replaced by U+FFFD)",
                self.malformed
            )?;
        }
        if let Some(language) = &self.language {
            writeln!(f, "  language: {language}")?;
        }
        if let Some(dominant) = &self.scripts.dominant {
            let mix: Vec<String> = self
                .scripts
                .letters
                .iter()
                .map(|s| format!("{} {}", s.script, s.letters))
                .collect();
            writeln!(f, "  scripts: {dominant} (letters: {})", mix.join(", "))?;
            if !self.scripts.mixed_lines.is_empty() {
                writeln!(
                    f,
                    "  lines mixing scripts: {}",
                    self.scripts.mixed_lines.len()
                )?;
            }
        }
        for (count, first) in &self.steps {
            let kind = if count.step.stage() == Stage::Repair {
                "repair"
            } else {
                "clean"
            };
            let example = first
                .as_ref()
                .filter(|c| !c.before.is_empty() || !c.after.is_empty())
                .map(|c| format!(", first on line {}: {:?} → {:?}", c.line, c.before, c.after))
                .unwrap_or_default();
            writeln!(f, "  {kind} {}: {}{example}", count.step, count.count)?;
        }
        Ok(())
    }
}

/// What a JSON Lines record carries under `metadata.rinse` after `rinse
/// clean --jsonl`: whether the text changed, the occurrences per step that
/// changed it (an object, in pipeline order), and what steps moved out of
/// the text. [`RecordSummary::detailed`] adds [`RecordDetails`] (`rinse
/// clean --metadata full`); [`RecordSummary::new`] does not, and its JSON
/// is the same as before the details existed.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct RecordSummary {
    /// Whether the cleaned text differs from the record's text.
    pub changed: bool,
    /// Occurrences per step, for the steps that changed something.
    #[serde(serialize_with = "counts_as_map")]
    pub steps: Vec<StepCount>,
    /// What steps moved out of the text.
    pub metadata: BTreeMap<String, String>,
    /// Each line's junk tag, when the cleaner tags junk instead of removing
    /// it ([`Config::tag_junk`](crate::Config::tag_junk)); absent otherwise.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub junk: Vec<LineTag>,
    /// Encoding, language, script and line counts, when asked for.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub details: Option<RecordDetails>,
}

impl RecordSummary {
    /// The summary of `text` cleaned into `cleaned`.
    pub fn new(text: &str, cleaned: &Cleaned) -> RecordSummary {
        RecordSummary {
            changed: cleaned.text != text,
            steps: cleaned
                .report
                .steps
                .iter()
                .map(|s| StepCount {
                    step: s.step,
                    count: s.occurrences,
                })
                .collect(),
            metadata: cleaned.metadata.clone(),
            junk: cleaned.tags.clone(),
            details: None,
        }
    }

    /// The summary with its [`RecordDetails`]: how the text was decoded,
    /// its dominant language and script with their confidence, and how many
    /// lines and characters went in and came out.
    ///
    /// ```
    /// let cleaned = rinse::clean_str("Leave a review\nThe committee met on Tuesday to discuss the budget for the coming year.\n");
    /// let text = "Leave a review\nThe committee met on Tuesday to discuss the budget for the coming year.\n";
    /// let summary = rinse::report::RecordSummary::detailed(text, &cleaned);
    /// let details = summary.details.as_ref().unwrap();
    /// assert_eq!(details.lines.removed, 1);
    /// assert_eq!(details.language.as_ref().unwrap().name, "English");
    /// assert_eq!(details.script.as_ref().unwrap().name, "Latin");
    /// ```
    pub fn detailed(text: &str, cleaned: &Cleaned) -> RecordSummary {
        let mut summary = RecordSummary::new(text, cleaned);
        summary.details = Some(RecordDetails::new(text, cleaned));
        summary
    }

    /// The top-level keys a serialized summary may have (with or without
    /// details): what an earlier run of rinse wrote under `metadata.rinse`.
    pub const KEYS: &'static [&'static str] = &[
        "changed", "steps", "metadata", "junk", "encoding", "language", "script", "lines", "chars",
    ];
}

impl super::Report {
    /// How many lines of the input the junk and blank-line steps removed
    /// (a `metadata-prefix` cut is not a line).
    ///
    /// ```
    /// let cleaned = rinse::clean_str("a\n\n\n\nb\n");
    /// assert_eq!(cleaned.report.lines_removed(), 2);
    /// ```
    pub fn lines_removed(&self) -> usize {
        self.changes
            .iter()
            .filter(|c| {
                c.action == super::Action::Removed
                    && c.step.removes_lines()
                    && c.step != Step::MetadataPrefix
            })
            .map(|c| c.count)
            .sum()
    }
}

/// The details [`RecordSummary::detailed`] adds to a record's summary.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct RecordDetails {
    /// How the text was decoded (for a JSON string: UTF-8, valid).
    pub encoding: RecordEncoding,
    /// The dominant language of the cleaned text, if one was identified.
    pub language: Option<LanguageGuess>,
    /// The script of most of its letters, if it has letters.
    pub script: Option<ScriptShare>,
    /// Lines before and after cleaning, and how many were removed.
    pub lines: LineCounts,
    /// Characters (Unicode scalar values) before and after cleaning.
    pub chars: CharCounts,
}

impl RecordDetails {
    /// The details of `text` cleaned into `cleaned`.
    pub fn new(text: &str, cleaned: &Cleaned) -> RecordDetails {
        let report = &cleaned.report;
        let letters: usize = report.scripts.letters.iter().map(|s| s.letters).sum();
        let script = report.scripts.letters.first().map(|first| ScriptShare {
            name: first.script.clone(),
            share: round3(first.letters as f64 / letters.max(1) as f64),
        });
        let removed = report.lines_removed();
        RecordDetails {
            encoding: RecordEncoding {
                name: report.encoding.name.clone(),
                decided_by: report.encoding.decided_by,
                malformed: report.encoding.malformed,
            },
            language: language_guess(&cleaned.text),
            script,
            lines: LineCounts {
                input: count_lines(text),
                output: count_lines(&cleaned.text),
                removed,
            },
            chars: CharCounts {
                input: text.chars().count(),
                output: cleaned.text.chars().count(),
            },
        }
    }
}

/// How a record's text was decoded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct RecordEncoding {
    /// The encoding's WHATWG name (`UTF-8`, `windows-1256`).
    pub name: String,
    /// What decided it.
    pub decided_by: DecidedBy,
    /// How many malformed byte sequences became U+FFFD.
    pub malformed: usize,
}

/// A language identified in a text, with whatlang's confidence (0 to 1).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct LanguageGuess {
    /// The language's English name (`English`, `Arabic`).
    pub name: String,
    /// Its ISO 639-3 code (`eng`, `arb`).
    pub code: String,
    /// How sure the identification is, from 0 to 1.
    pub confidence: f64,
    /// Whether whatlang deems the identification reliable.
    pub reliable: bool,
}

/// The script of most of a text's letters, and its share of them.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct ScriptShare {
    /// The script's Unicode name (`Latin`, `Arabic`).
    pub name: String,
    /// Its share of the letters, from 0 to 1.
    pub share: f64,
}

/// Lines of a text before and after cleaning.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct LineCounts {
    /// Lines of the input text.
    #[serde(rename = "in")]
    pub input: usize,
    /// Lines of the cleaned text.
    #[serde(rename = "out")]
    pub output: usize,
    /// Lines the junk and blank-line steps removed.
    pub removed: usize,
}

/// Characters of a text before and after cleaning.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct CharCounts {
    /// Characters of the input text.
    #[serde(rename = "in")]
    pub input: usize,
    /// Characters of the cleaned text.
    #[serde(rename = "out")]
    pub output: usize,
}

/// Lines of `text`: line breaks, plus one for a last line without one.
fn count_lines(text: &str) -> usize {
    let breaks = memchr::memchr_iter(b'\n', text.as_bytes()).count();
    breaks + usize::from(!text.is_empty() && !text.ends_with('\n'))
}

/// `value` rounded to three decimals, so summaries are short and stable.
fn round3(value: f64) -> f64 {
    (value * 1000.0).round() / 1000.0
}

/// The language of a cleaned text from its first 2000 bytes, with its
/// confidence, whether or not the identification is reliable.
fn language_guess(text: &str) -> Option<LanguageGuess> {
    let info = whatlang::detect(head(text))?;
    Some(LanguageGuess {
        name: info.lang().eng_name().to_owned(),
        code: info.lang().code().to_owned(),
        confidence: round3(info.confidence()),
        reliable: info.is_reliable(),
    })
}

/// The first 2000 bytes of `text`, cut at a character boundary.
fn head(text: &str) -> &str {
    &text[..floor_char_boundary(text, 2000)]
}

/// Step counts as a JSON object from step name to count, in order.
fn counts_as_map<S: Serializer>(counts: &[StepCount], serializer: S) -> Result<S::Ok, S::Error> {
    let mut map = serializer.serialize_map(Some(counts.len()))?;
    for count in counts {
        map.serialize_entry(count.step.name(), &count.count)?;
    }
    map.end()
}

/// The language of a cleaned text, from its first 2000 bytes, when the
/// identification is reliable: its English name (`English`, `Arabic`).
fn dominant_language(text: &str) -> Option<&'static str> {
    whatlang::detect(head(text))
        .filter(whatlang::Info::is_reliable)
        .map(|info| info.lang().eng_name())
}
