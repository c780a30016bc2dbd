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
/// the text.
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
        }
    }
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
    let mut end = text.len().min(2000);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    whatlang::detect(&text[..end])
        .filter(whatlang::Info::is_reliable)
        .map(|info| info.lang().eng_name())
}
