//! `rinse clean --diff`: what cleaning changes, as a unified diff with the
//! rule behind each removed line.

use std::collections::HashMap;
use std::io::{self, IsTerminal, Write};

use similar::{ChangeTag, TextDiff};

const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

/// Writes the diff of `before` (the decoded input) and the cleaned text.
pub fn write(
    out: &mut impl Write,
    name: &str,
    before: &str,
    cleaned: &rinse::Cleaned,
) -> io::Result<()> {
    let colour = io::stdout().is_terminal();
    let paint = |code: &'static str| if colour { code } else { "" };
    // The rule that removed each input line (the first change on it).
    let mut rules: HashMap<usize, String> = HashMap::new();
    for change in &cleaned.report.changes {
        if change.action == rinse::Action::Removed && change.step.stage() == rinse::Stage::Line {
            rules
                .entry(change.line)
                .or_insert_with(|| format!("{}: {}", change.step, change.reason));
        }
    }
    writeln!(out, "--- {name}")?;
    writeln!(out, "+++ {name} (cleaned)")?;
    let diff = TextDiff::from_lines(before, cleaned.text.as_str());
    for hunk in diff.unified_diff().context_radius(2).iter_hunks() {
        writeln!(out, "{}{}{}", paint(DIM), hunk.header(), paint(RESET))?;
        for change in hunk.iter_changes() {
            let text = change.value().trim_end_matches(['\n', '\r']);
            match change.tag() {
                ChangeTag::Equal => writeln!(out, " {text}")?,
                ChangeTag::Insert => writeln!(out, "{}+{text}{}", paint(GREEN), paint(RESET))?,
                ChangeTag::Delete => {
                    let rule = change
                        .old_index()
                        .and_then(|index| rules.get(&(index + 1)))
                        .map(|rule| format!("  {}← {rule}{}", paint(DIM), paint(RESET)))
                        .unwrap_or_default();
                    writeln!(out, "{}-{text}{}{rule}", paint(RED), paint(RESET))?;
                }
            }
        }
    }
    Ok(())
}
