//! The summary of a run: what went in and out, what each step changed, what
//! was dropped or rejected and why. Printed on standard error at the end
//! (unless `--quiet`), written as JSON by `--stats FILE`, and added up over
//! shards by `rinse stats merge`.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use rinse::{Cleaned, Step};
use serde::{Deserialize, Serialize};

/// The value of the `format` field: what a stats file is.
pub const FORMAT: &str = "rinse-stats/1";

/// What one step did over a run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepStats {
    /// Documents the step changed.
    pub documents: u64,
    /// Occurrences it changed: characters or runs of them for the character
    /// and repair steps, lines for the line steps.
    pub occurrences: u64,
}

/// Why documents were dropped (`--drop-empty`, `--min-chars`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dropped {
    /// Empty once cleaned (`--drop-empty`).
    pub empty: u64,
    /// Shorter than `--min-chars` once cleaned.
    pub short: u64,
}

/// The summary of a run (or of many, merged).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RunStats {
    /// Always [`FORMAT`].
    pub format: String,
    /// The version of rinse that wrote it (`mixed` after merging versions).
    pub version: String,
    /// `files`, `jsonl` or `parquet` (`mixed` after merging modes).
    pub mode: String,
    /// How many runs this summarises (1, or the number of files merged).
    pub runs: u64,
    /// Input files (or streams) read.
    pub inputs: u64,
    /// Inputs that failed (unreadable, truncated, too large…).
    pub failed_inputs: u64,
    /// Inputs skipped because their output was complete (`--resume`).
    pub resumed: u64,
    /// Documents cleaned (files, records, rows), dropped ones included.
    pub documents: u64,
    /// Documents cleaning changed.
    pub changed: u64,
    /// Documents written.
    pub written: u64,
    /// Documents dropped, by reason.
    pub dropped: Dropped,
    /// Records rejected (not cleaned): their total.
    pub rejected: u64,
    /// Records rejected, by kind of reason (`not-json`, `no-field`…).
    pub reject_reasons: BTreeMap<String, u64>,
    /// Bytes read, as stored (compressed input counts compressed).
    pub bytes_in: u64,
    /// Bytes written, as stored.
    pub bytes_out: u64,
    /// Bytes of the documents' text before cleaning (UTF-8).
    pub text_bytes_in: u64,
    /// Bytes of the documents' text after cleaning.
    pub text_bytes_out: u64,
    /// Lines removed by the junk and blank-line steps.
    pub lines_removed: u64,
    /// Wall-clock seconds (added up over merged runs).
    pub seconds: f64,
    /// Per step (by name), for the steps that changed something.
    pub steps: BTreeMap<String, StepStats>,
}

impl RunStats {
    /// An empty summary of a run in `mode`.
    pub fn new(mode: &str) -> RunStats {
        RunStats {
            format: FORMAT.to_owned(),
            version: env!("CARGO_PKG_VERSION").to_owned(),
            mode: mode.to_owned(),
            runs: 1,
            inputs: 0,
            failed_inputs: 0,
            resumed: 0,
            documents: 0,
            changed: 0,
            written: 0,
            dropped: Dropped::default(),
            rejected: 0,
            reject_reasons: BTreeMap::new(),
            bytes_in: 0,
            bytes_out: 0,
            text_bytes_in: 0,
            text_bytes_out: 0,
            lines_removed: 0,
            seconds: 0.0,
            steps: BTreeMap::new(),
        }
    }

    /// Counts one document: `input_len` bytes of text cleaned into
    /// `cleaned`; `changed` says whether it differs from its input.
    pub fn document(&mut self, input_len: usize, cleaned: &Cleaned, changed: bool) {
        self.document_report(input_len, cleaned.text.len(), &cleaned.report, changed);
    }

    /// Counts one document from its report and sizes (a document cleaned as
    /// a stream has no text in memory).
    pub fn document_report(
        &mut self,
        input_len: usize,
        output_len: usize,
        report: &rinse::Report,
        changed: bool,
    ) {
        self.documents += 1;
        self.changed += u64::from(changed);
        self.text_bytes_in += input_len as u64;
        self.text_bytes_out += output_len as u64;
        self.lines_removed += report.lines_removed() as u64;
        for step in &report.steps {
            // Looked up by name first: no allocation per document.
            let name = step.step.name();
            if !self.steps.contains_key(name) {
                self.steps.insert(name.to_owned(), StepStats::default());
            }
            let entry = self.steps.get_mut(name).expect("inserted");
            entry.documents += 1;
            entry.occurrences += step.occurrences as u64;
        }
    }

    /// Counts a rejected record of kind `kind`.
    pub fn reject(&mut self, kind: &str) {
        self.rejected += 1;
        *self.reject_reasons.entry(kind.to_owned()).or_default() += 1;
    }

    /// Adds `other` (a part of this run, or another run) into this one.
    pub fn add(&mut self, other: &RunStats) {
        self.inputs += other.inputs;
        self.failed_inputs += other.failed_inputs;
        self.resumed += other.resumed;
        self.documents += other.documents;
        self.changed += other.changed;
        self.written += other.written;
        self.dropped.empty += other.dropped.empty;
        self.dropped.short += other.dropped.short;
        self.rejected += other.rejected;
        for (kind, n) in &other.reject_reasons {
            *self.reject_reasons.entry(kind.clone()).or_default() += n;
        }
        self.bytes_in += other.bytes_in;
        self.bytes_out += other.bytes_out;
        self.text_bytes_in += other.text_bytes_in;
        self.text_bytes_out += other.text_bytes_out;
        self.lines_removed += other.lines_removed;
        for (step, stats) in &other.steps {
            let entry = self.steps.entry(step.clone()).or_default();
            entry.documents += stats.documents;
            entry.occurrences += stats.occurrences;
        }
    }

    /// Merges the summaries of other runs (shards of one job) into this one:
    /// counts and seconds added up, runs counted.
    pub fn merge(&mut self, other: &RunStats) {
        self.add(other);
        self.runs += other.runs;
        self.seconds += other.seconds;
        if self.mode != other.mode {
            self.mode = "mixed".to_owned();
        }
        if self.version != other.version {
            self.version = "mixed".to_owned();
        }
    }

    /// Reads a stats file written by `--stats`; an error names what is
    /// wrong with it.
    pub fn parse(json: &str) -> Result<RunStats, String> {
        let stats: RunStats = serde_json::from_str(json).map_err(|err| {
            let line = err.to_string();
            format!("not a rinse stats file ({line})")
        })?;
        if stats.format != FORMAT {
            return Err(format!(
                "format `{}` is not {FORMAT} (written by another version of rinse?)",
                stats.format
            ));
        }
        Ok(stats)
    }

    /// The summary for a person: a few lines, each starting with `rinse:`.
    pub fn human(&self) -> String {
        let mut out = String::new();
        let unit = if self.mode == "files" {
            "files"
        } else {
            "documents"
        };
        let _ = write!(
            out,
            "rinse: {} {} from {} input{}",
            thousands(self.documents),
            if self.documents == 1 {
                unit.trim_end_matches('s')
            } else {
                unit
            },
            thousands(self.inputs),
            if self.inputs == 1 { "" } else { "s" },
        );
        if self.runs > 1 {
            let _ = write!(out, " ({} runs)", thousands(self.runs));
        }
        let _ = write!(
            out,
            ": {} changed, {} written",
            thousands(self.changed),
            thousands(self.written)
        );
        let dropped = self.dropped.empty + self.dropped.short;
        if dropped > 0 {
            let _ = write!(
                out,
                ", {} dropped ({} empty, {} under --min-chars)",
                thousands(dropped),
                thousands(self.dropped.empty),
                thousands(self.dropped.short)
            );
        }
        if self.rejected > 0 {
            let reasons: Vec<String> = self
                .reject_reasons
                .iter()
                .map(|(kind, n)| format!("{} {kind}", thousands(*n)))
                .collect();
            let _ = write!(
                out,
                ", {} rejected ({})",
                thousands(self.rejected),
                reasons.join(", ")
            );
        }
        if self.failed_inputs > 0 {
            let _ = write!(out, ", {} inputs failed", thousands(self.failed_inputs));
        }
        if self.resumed > 0 {
            let _ = write!(
                out,
                ", {} inputs already done (--resume)",
                thousands(self.resumed)
            );
        }
        out.push('\n');
        let rate = if self.seconds > 0.0 {
            format!(", {:.1} MB/s", self.bytes_in as f64 / 1e6 / self.seconds)
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "rinse: {} in, {} out ({} of text in, {} out), {:.2} s{rate}",
            megabytes(self.bytes_in),
            megabytes(self.bytes_out),
            megabytes(self.text_bytes_in),
            megabytes(self.text_bytes_out),
            self.seconds,
        );
        if !self.steps.is_empty() {
            let width = self.steps.keys().map(String::len).max().unwrap_or(4).max(4);
            let _ = writeln!(
                out,
                "rinse:   {:width$}  {:>10}  {:>12}",
                "step", unit, "occurrences"
            );
            // In pipeline order; names of other versions' steps last.
            let mut rows: Vec<(usize, &String, &StepStats)> = self
                .steps
                .iter()
                .map(|(name, stats)| {
                    let order = name
                        .parse::<Step>()
                        .map_or(usize::MAX, |step| step as usize);
                    (order, name, stats)
                })
                .collect();
            rows.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
            for (_, name, stats) in rows {
                let _ = writeln!(
                    out,
                    "rinse:   {name:width$}  {:>10}  {:>12}",
                    thousands(stats.documents),
                    thousands(stats.occurrences)
                );
            }
            let _ = writeln!(
                out,
                "rinse:   lines removed: {}",
                thousands(self.lines_removed)
            );
        }
        out
    }
}

/// `n` with thousands separated by commas.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Bytes in MB (10^6), with one decimal (or in kB when small).
fn megabytes(bytes: u64) -> String {
    if bytes < 1_000 {
        format!("{bytes} B")
    } else if bytes < 100_000 {
        format!("{:.1} kB", bytes as f64 / 1e3)
    } else {
        format!("{:.1} MB", bytes as f64 / 1e6)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merging_adds_up_and_round_trips_through_json() {
        let mut a = RunStats::new("jsonl");
        a.documents = 10;
        a.reject("not-json");
        a.steps.insert(
            "mojibake".into(),
            StepStats {
                documents: 2,
                occurrences: 5,
            },
        );
        a.seconds = 1.5;
        let mut b = RunStats::parse(&serde_json::to_string(&a).unwrap()).unwrap();
        b.reject("no-field");
        b.merge(&a);
        assert_eq!(b.documents, 20);
        assert_eq!(b.runs, 2);
        assert_eq!(b.rejected, 3);
        assert_eq!(b.reject_reasons["not-json"], 2);
        assert_eq!(b.steps["mojibake"].occurrences, 10);
        assert!((b.seconds - 3.0).abs() < 1e-9);
        assert!(b.human().contains("20 documents from 0 inputs (2 runs)"));
    }

    #[test]
    fn other_files_are_refused_with_a_reason() {
        assert!(RunStats::parse("{}")
            .unwrap_err()
            .contains("not a rinse stats file"));
        assert!(RunStats::parse("[1]").is_err());
    }

    #[test]
    fn numbers_are_readable() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(1234567), "1,234,567");
        assert_eq!(megabytes(1_500_000), "1.5 MB");
    }
}
