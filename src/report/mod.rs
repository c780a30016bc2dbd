//! What a cleaning run did, change by change.
//!
//! A [`Report`] accounts for every character the pipeline changed and every
//! line it removed: which [`Step`] did it, on which line of the decoded input,
//! what the text was before and after, and why. Changes of one kind on one
//! line are aggregated into one [`Change`] with a count, so a document with
//! ten thousand no-break spaces does not produce ten thousand entries.

mod records;

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

pub use records::{
    CharCounts, DocumentRecord, Inspection, LanguageGuess, LineCounts, RecordDetails,
    RecordEncoding, RecordSummary, ScriptShare, StepCount,
};

use crate::load::DecidedBy;
use crate::unicode::visible;
use crate::Step;

/// The result of cleaning one document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Cleaned {
    /// The cleaned text: valid UTF-8, ending in exactly one line break unless
    /// it is empty (with the default steps).
    pub text: String,
    /// Facts about the document that steps moved out of the text, such as a
    /// `date` prefix a scraper glued onto the first line.
    pub metadata: BTreeMap<String, String>,
    /// Every change, with its step, line and reason.
    pub report: Report,
    /// With [`Config::tag_junk`](crate::Config::tag_junk): what the junk
    /// stage judged of every non-blank line of the cleaned text (which then
    /// keeps its junk lines); empty otherwise.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<LineTag>,
}

/// Whether the junk stage judged a line residue.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum JunkLabel {
    /// Article text: no rule removes it and its score is below the cut (or
    /// it is a sentence of the page's language).
    Keep,
    /// Page residue: a rule or the score would remove it.
    Junk,
}

/// The junk stage's judgement of one line, for tagging instead of removing
/// ([`Config::tag_junk`](crate::Config::tag_junk)): where the line is in the
/// cleaned text, its score, its label and why. Spans are given in bytes of
/// the UTF-8 text and in characters (Unicode scalar values, the offsets of a
/// Python `str`, as dolma's taggers record attribute spans); they cover the
/// line without its line break.
///
/// Serialized: `{"line":3,"start":120,"end":131,"char_start":118,"char_end":129,
/// "score":5.2,"label":"junk","step":"boilerplate","reason":"page residue: …"}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LineTag {
    /// The 1-based line of the decoded input.
    pub line: usize,
    /// Byte offset of the line in the cleaned text.
    pub start: usize,
    /// Byte offset of its end (before the line break).
    pub end: usize,
    /// Character offset of the line in the cleaned text.
    pub char_start: usize,
    /// Character offset of its end.
    pub char_end: usize,
    /// The junk score (log-odds that the line is residue; the default cut is
    /// the shipped weights' threshold). Lines a rule removes in an earlier
    /// round keep the score of their last round (0 when no score ran).
    pub score: f32,
    /// The label at the configured threshold.
    pub label: JunkLabel,
    /// The step that would remove the line (`junk-score` for the score).
    pub step: Option<Step>,
    /// Whether the line is a sentence of the page's language, a byline or a
    /// dateline, which the score alone never removes (whatever its score).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub guarded: bool,
    /// Why: the rule's reason, or the score's strongest signals; for a line
    /// kept only by the guard (a sentence, a byline, a dateline), that;
    /// else empty.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
    /// The value of every signal of the score, in the order of
    /// [`junk_signal_names`](crate::junk_signal_names) (for fitting weights;
    /// not serialized).
    #[serde(skip)]
    pub signals: Vec<f32>,
}

/// Everything one cleaning run did to one document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Report {
    /// How the bytes were decoded.
    pub encoding: EncodingReport,
    /// Which scripts the document's letters are written in (found, not
    /// changed).
    pub scripts: ScriptReport,
    /// Every step that changed something, in pipeline order, with how much.
    pub steps: Vec<StepReport>,
    /// Every change, in pipeline order, then line order.
    pub changes: Vec<Change>,
}

impl Report {
    /// Whether the cleaned text differs from the decoded input in any way
    /// (including a removed byte-order mark or replaced malformed bytes).
    pub fn changed(&self) -> bool {
        // A note that the junk stage did not run (count 0) changes nothing;
        // a document too large to split is still decoded (re-encoded).
        self.changes
            .iter()
            .any(|change| change.count > 0 || change.step == Step::Decode)
    }

    /// The changes one step made.
    pub fn changes_by(&self, step: Step) -> impl Iterator<Item = &Change> {
        self.changes
            .iter()
            .filter(move |change| change.step == step)
    }
}

/// How the input's bytes were turned into text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EncodingReport {
    /// The WHATWG name of the encoding, as `encoding_rs` spells it (`UTF-8`,
    /// `windows-1256`, `UTF-16LE`); `UTF-32LE`/`UTF-32BE` for UTF-32.
    pub name: String,
    /// What decided the encoding.
    pub decided_by: DecidedBy,
    /// Whether the input started with a byte-order mark (it is removed).
    pub bom: bool,
    /// How many malformed byte sequences became U+FFFD.
    pub malformed: usize,
    /// How many lines of a UTF-8 document were no UTF-8 and were read in a
    /// legacy page instead ([`legacy_page`](EncodingReport::legacy_page));
    /// left out when none.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub legacy_lines: usize,
    /// The legacy page those lines were read in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legacy_page: Option<String>,
    /// An encoding the document declared that the bytes overruled (valid
    /// UTF-8 under `<meta charset="koi8-r">`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overridden: Option<String>,
    /// When the language model chose among sibling code pages: the
    /// language (ISO 639-1) whose letter statistics the chosen encoding
    /// read best.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// The chosen encoding's score from the language model: bits per byte
    /// of 0x80 or more (lower is more plausible), rounded to hundredths.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
    /// The best encoding that reads the document differently, with its
    /// score.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub runner_up: Option<RunnerUpReport>,
}

/// Whether `n` is zero (a count left out of the report when nothing was
/// counted).
pub(crate) fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// The second-best reading of a document, as the language model scored it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RunnerUpReport {
    /// Its encoding's name.
    pub encoding: String,
    /// The language it read best as (ISO 639-1).
    pub language: String,
    /// Its score: bits per byte of 0x80 or more, rounded to hundredths.
    pub score: f64,
}

impl EncodingReport {
    /// The report of how `loaded` was decoded.
    pub fn of(loaded: &crate::load::Loaded<'_>) -> EncodingReport {
        let round = |bits: f32| (f64::from(bits) * 100.0).round() / 100.0;
        let detection = loaded.detection.as_ref();
        EncodingReport {
            name: loaded.encoding.name().to_owned(),
            decided_by: loaded.decided_by,
            bom: loaded.bom,
            malformed: loaded.malformed_count,
            legacy_lines: loaded.legacy_line_count,
            legacy_page: loaded
                .legacy_lines
                .first()
                .map(|line| line.encoding.name().to_owned()),
            overridden: loaded.overridden.map(|encoding| encoding.name().to_owned()),
            language: detection.map(|d| d.language.to_owned()),
            score: detection.map(|d| round(d.bits)),
            runner_up: detection.and_then(|d| d.runner_up).map(|r| RunnerUpReport {
                encoding: r.encoding.name().to_owned(),
                language: r.language.to_owned(),
                score: round(r.bits),
            }),
        }
    }
}

/// The scripts of a document's letters, counted on the cleaned text (so that
/// repaired mojibake counts as the script it really is).
///
/// Only letters count (digits, punctuation and combining marks belong to no
/// script of their own).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ScriptReport {
    /// The script with the most letters, if the document has letters.
    pub dominant: Option<String>,
    /// Letters per script over the document, most first.
    pub letters: Vec<ScriptCount>,
    /// Every line whose letters are in more than one script, with its mix
    /// (numbered as in the input; the first 10,000 such lines). In a report
    /// of counts ([`ReportDetail::Counts`](crate::ReportDetail)) each line
    /// comes without its mix (`scripts` is empty).
    pub mixed_lines: Vec<LineScripts>,
}

/// How many letters of one script.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ScriptCount {
    /// The script's Unicode name (`Latin`, `Arabic`, `Cyrillic`).
    pub script: String,
    /// How many letters.
    pub letters: usize,
}

/// The script mix of one line of the input.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LineScripts {
    /// The 1-based line of the decoded input.
    pub line: usize,
    /// Letters per script on that line, most first; empty in a report of
    /// counts.
    pub scripts: Vec<ScriptCount>,
}

/// Adds up letters per script line by line.
#[derive(Default)]
pub(crate) struct ScriptTally {
    totals: Vec<(&'static str, usize)>,
    /// Where each script id's total is in `totals`.
    by_id: Vec<Option<usize>>,
    mixed: Vec<LineScripts>,
    /// Whether a line that mixes scripts is listed without its mix (a
    /// report of counts: no allocation per line).
    counts_only: bool,
}

impl ScriptTally {
    /// A tally for a report that lists (`limit` above 0) or only counts
    /// (0): the lines that mix scripts are listed either way, their mix only
    /// when the report lists changes (see [`crate::ReportDetail::Counts`]).
    pub(crate) fn listing(limit: usize) -> ScriptTally {
        ScriptTally {
            counts_only: limit == 0,
            ..ScriptTally::default()
        }
    }

    /// Adds one line's letter counts, given as script ids and a way to name them.
    pub(crate) fn add_line(
        &mut self,
        line: usize,
        letters: impl Iterator<Item = (u8, usize)> + Clone,
        name: impl Fn(u8) -> &'static str,
    ) {
        let mut scripts = 0;
        for (id, n) in letters.clone() {
            scripts += 1;
            if self.by_id.len() <= usize::from(id) {
                self.by_id.resize(usize::from(id) + 1, None);
            }
            match self.by_id[usize::from(id)] {
                Some(at) => self.totals[at].1 += n,
                None => {
                    self.by_id[usize::from(id)] = Some(self.totals.len());
                    self.totals.push((name(id), n));
                }
            }
        }
        if scripts > 1 && self.mixed.len() < MAX_CHANGES_PER_STEP {
            let scripts = if self.counts_only {
                Vec::new()
            } else {
                ranked(letters.map(|(id, n)| (name(id), n)).collect())
            };
            self.mixed.push(LineScripts { line, scripts });
        }
    }

    pub(crate) fn finish(self) -> ScriptReport {
        let letters = ranked(self.totals);
        ScriptReport {
            dominant: letters.first().map(|count| count.script.clone()),
            letters,
            mixed_lines: self.mixed,
        }
    }
}

/// Counts sorted most first, ties by name, so reports are deterministic.
fn ranked(mut counts: Vec<(&'static str, usize)>) -> Vec<ScriptCount> {
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    counts
        .into_iter()
        .map(|(script, letters)| ScriptCount {
            script: script.to_owned(),
            letters,
        })
        .collect()
}

/// What one step did over the whole document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct StepReport {
    /// The step.
    pub step: Step,
    /// How many [`Change`] entries it recorded.
    pub changes: usize,
    /// How many occurrences those entries add up to.
    pub occurrences: usize,
}

/// What kind of edit a [`Change`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
#[serde(rename_all = "kebab-case")]
pub enum Action {
    /// Text was replaced by other text.
    Replaced,
    /// Text or whole lines were removed.
    Removed,
    /// Text was added (for example a missing final line break).
    Inserted,
}

/// One recorded edit: a step changed text on a line, `count` times.
///
/// `before` and `after` are excerpts of the first occurrence, written through
/// [`visible::escape`] so invisible characters show,
/// and cut to at most [`Change::EXCERPT_CHARS`] characters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Change {
    /// The step that made the change.
    pub step: Step,
    /// The 1-based line of the decoded input where it happened (for changes
    /// aggregated over the document, the first such line).
    pub line: usize,
    /// What kind of edit it is.
    pub action: Action,
    /// How many occurrences this entry stands for.
    pub count: usize,
    /// The text before the change (first occurrence, escaped, cut).
    pub before: String,
    /// The text after the change (first occurrence, escaped, cut).
    pub after: String,
    /// Why the step made it.
    pub reason: String,
}

impl Change {
    /// The most characters an excerpt keeps before it is cut with `…`.
    pub const EXCERPT_CHARS: usize = 80;

    pub(crate) fn new(step: Step, line: usize, action: Action, count: usize) -> Change {
        Change {
            step,
            line,
            action,
            count,
            before: String::new(),
            after: String::new(),
            reason: step.reason().to_owned(),
        }
    }

    /// Sets the excerpts from raw text, escaping invisible characters.
    pub(crate) fn texts(mut self, before: &str, after: &str) -> Change {
        self.before = excerpt(before, visible::push_escaped);
        self.after = excerpt(after, visible::push_escaped);
        self
    }

    /// Sets the excerpts, writing each character with `show`.
    pub(crate) fn texts_with(
        mut self,
        before: &str,
        after: &str,
        show: fn(&mut String, char),
    ) -> Change {
        self.before = excerpt(before, show);
        self.after = excerpt(after, show);
        self
    }

    /// Sets excerpts that the caller has already written out.
    pub(crate) fn raw_texts(mut self, before: String, after: String) -> Change {
        self.before = before;
        self.after = after;
        self
    }

    /// Replaces the step's general reason with a more specific one.
    pub(crate) fn because(mut self, reason: &str) -> Change {
        reason.clone_into(&mut self.reason);
        self
    }
}

/// `29: boilerplate removed "1 comment": page residue: …`, the line number
/// first: one line for a person to read (`rinse clean --explain` puts the
/// file name in front).
///
/// ```
/// let cleaned = rinse::clean_str("text  \n");
/// assert_eq!(
///     cleaned.report.changes[0].to_string(),
///     "1: trailing-whitespace removed ×2 \"text  \": whitespace at the end of a line carries no content"
/// );
/// ```
impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let action = match self.action {
            Action::Removed => "removed",
            Action::Replaced => "replaced",
            Action::Inserted => "inserted",
        };
        write!(f, "{}: {} {action}", self.line, self.step)?;
        if self.count > 1 {
            write!(f, " ×{}", self.count)?;
        }
        match self.action {
            Action::Removed => write!(f, " {:?}", self.before)?,
            _ => write!(f, " {:?} → {:?}", self.before, self.after)?,
        }
        write!(f, ": {}", self.reason)
    }
}

/// `text` written through `push` and cut to [`Change::EXCERPT_CHARS`]
/// characters.
fn excerpt(text: &str, push: fn(&mut String, char)) -> String {
    let mut out = String::new();
    for (taken, c) in text.chars().enumerate() {
        if taken == Change::EXCERPT_CHARS {
            out.push('…');
            break;
        }
        push(&mut out, c);
    }
    out
}

/// How many changes of one step a report lists one by one; the rest of a
/// step's changes are added up into one entry, so that a document of ten
/// million removed lines has a report of bounded size.
pub(crate) const MAX_CHANGES_PER_STEP: usize = 10_000;

/// Collects changes during a run and turns them into a [`Report`].
pub(crate) struct ChangeLog {
    /// How many changes of one step are listed one by one.
    limit: usize,
    changes: Vec<Change>,
    listed: Vec<usize>,
    /// Per step: the first line and the occurrences of the changes past the
    /// limit.
    unlisted: Vec<Option<(usize, Action, usize)>>,
}

impl ChangeLog {
    /// A log that lists up to `limit` changes per step; 0 only counts.
    pub(crate) fn listing(limit: usize) -> ChangeLog {
        ChangeLog {
            limit,
            changes: Vec::new(),
            listed: vec![0; Step::ALL.len()],
            unlisted: vec![None; Step::ALL.len()],
        }
    }

    /// Whether a change of `step` would be listed one by one (else it is
    /// only counted; building its excerpts can be skipped).
    pub(crate) fn wants(&self, step: Step) -> bool {
        self.listed[step as usize] < self.limit
    }

    pub(crate) fn push(&mut self, change: Change) {
        if self.wants(change.step) {
            self.listed[change.step as usize] += 1;
            self.changes.push(change);
        } else {
            self.count(change.step, change.line, change.action, change.count);
        }
    }

    /// Counts a change that is not listed one by one.
    pub(crate) fn count(&mut self, step: Step, line: usize, action: Action, count: usize) {
        let entry = self.unlisted[step as usize].get_or_insert((line, action, 0));
        // The first line where the step acted, whatever order it was told in.
        if line < entry.0 {
            *entry = (line, action, entry.2);
        }
        entry.2 += count;
    }

    /// Orders the changes by pipeline step, then line, and adds the per-step
    /// summary of the steps that changed something.
    pub(crate) fn finish(mut self, encoding: EncodingReport, scripts: ScriptReport) -> Report {
        for (&step, unlisted) in Step::ALL.iter().zip(&self.unlisted) {
            if let Some((line, action, count)) = *unlisted {
                let change = Change::new(step, line, action, count);
                self.changes.push(if self.limit == 0 {
                    change
                } else {
                    change.because(&format!(
                        "{count} more occurrences of this step from this line on, not listed one by one (a report lists {} changes per step)",
                        self.limit
                    ))
                });
            }
        }
        self.changes
            .sort_by_key(|change| (change.step, change.line));
        let mut steps: Vec<StepReport> = Vec::new();
        for change in &self.changes {
            match steps.last_mut() {
                Some(last) if last.step == change.step => {
                    last.changes += 1;
                    last.occurrences += change.count;
                }
                _ => steps.push(StepReport {
                    step: change.step,
                    changes: 1,
                    occurrences: change.count,
                }),
            }
        }
        Report {
            encoding,
            scripts,
            steps,
            changes: self.changes,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpt_escapes_and_cuts_long_text() {
        let long = "x".repeat(200);
        let cut = excerpt(&long, visible::push_escaped);
        assert_eq!(cut.chars().count(), Change::EXCERPT_CHARS + 1);
        assert!(cut.ends_with('…'));
        assert_eq!(excerpt("a\u{a0}", visible::push_escaped), "a\\u{a0}");
    }

    #[test]
    fn excerpt_of_exactly_the_limit_is_not_cut() {
        let exact = "y".repeat(Change::EXCERPT_CHARS);
        assert_eq!(excerpt(&exact, visible::push_escaped), exact);
    }
}
