//! `--diff`: what cleaning changes, as a unified diff of the decoded input
//! against the cleaned text, with the rule behind each removed line.

use std::collections::HashMap;
use std::io::{self, IsTerminal, Write};

use similar::{ChangeTag, TextDiff};

use super::{stdout_failure, Document, Failure, Sink};

const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

/// Prints a diff of each document that changes.
pub struct Diff {
    out: io::BufWriter<io::Stdout>,
    colour: bool,
    found: bool,
}

impl Diff {
    pub fn new() -> Diff {
        Diff {
            out: io::BufWriter::new(io::stdout()),
            colour: io::stdout().is_terminal(),
            found: false,
        }
    }

    fn paint(&self, code: &'static str) -> &'static str {
        if self.colour {
            code
        } else {
            ""
        }
    }

    fn write(&mut self, doc: &Document) -> io::Result<()> {
        let name = doc.input.name();
        let before = doc.decoded.as_deref().unwrap_or_default();
        let cleaned = &doc.cleaned;
        // The rule that removed each input line (the first change on it).
        let mut rules: HashMap<usize, String> = HashMap::new();
        for change in &cleaned.report.changes {
            if change.action == rinse::Action::Removed && change.step.stage() == rinse::Stage::Line
            {
                rules
                    .entry(change.line)
                    .or_insert_with(|| format!("{}: {}", change.step, change.reason));
            }
        }
        let (dim, reset, red, green) = (
            self.paint(DIM),
            self.paint(RESET),
            self.paint(RED),
            self.paint(GREEN),
        );
        let out = &mut self.out;
        writeln!(out, "--- {name}")?;
        writeln!(out, "+++ {name} (cleaned)")?;
        let diff = TextDiff::from_lines(before, cleaned.text.as_str());
        for hunk in diff.unified_diff().context_radius(2).iter_hunks() {
            writeln!(out, "{dim}{}{reset}", hunk.header())?;
            for change in hunk.iter_changes() {
                let text = change.value().trim_end_matches(['\n', '\r']);
                match change.tag() {
                    ChangeTag::Equal => writeln!(out, " {text}")?,
                    ChangeTag::Insert => writeln!(out, "{green}+{text}{reset}")?,
                    ChangeTag::Delete => {
                        let rule = change
                            .old_index()
                            .and_then(|index| rules.get(&(index + 1)))
                            .map(|rule| format!("  {dim}← {rule}{reset}"))
                            .unwrap_or_default();
                        writeln!(out, "{red}-{text}{reset}{rule}")?;
                    }
                }
            }
        }
        Ok(())
    }
}

impl Sink for Diff {
    fn accept(&mut self, doc: &Document) -> Result<(), Failure> {
        if !doc.changed() {
            return Ok(());
        }
        self.found = true;
        self.write(doc).map_err(stdout_failure)
    }

    fn finish(&mut self) -> Result<(), Failure> {
        self.out.flush().map_err(stdout_failure)
    }

    fn found_changes(&self) -> bool {
        self.found
    }
}
