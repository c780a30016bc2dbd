//! The `junk` quality harness: how many lines of real text the junk stage
//! takes for page residue, in every language of a directory of sentences.
//!
//! ```sh
//! cargo run --release --example quality -- junk --text ../shared/devsets/text-ud \
//!     [--langs de,ru] [--lines 12] [--show N]
//! ```
//!
//! The sentences of `--text` (one per line, one file per language, written
//! by people outside the project) are laid out as articles: runs of
//! `--lines` consecutive sentences, one a paragraph (a blank line between),
//! as a scraper writes a page's text. Every line is text, so every line the
//! default cleaner removes (`boilerplate`, `edge-residue`,
//! `duplicate-lines`, `foreign-lines`, `junk-score`) is a false
//! positive (and so is a `metadata-prefix` cut from one); a second layout, `short`, keeps only the sentences of six
//! words or fewer (dialogue, headlines, captions, list items: the lines
//! that look most like residue) between the first and last sentence of
//! each article. It prints, per language and layout, the lines and the
//! share removed, by step, and with `--show N` up to N removed lines of each
//! language. The development set's pages (`junk-readability`) measure
//! recall; this measures what the rules do to text in languages that set
//! hardly has.

use std::collections::BTreeMap;
use std::path::PathBuf;

use rinse::{Cleaner, Step};

/// The junk stage's steps.
const JUNK: &[Step] = &[
    Step::MetadataPrefix,
    Step::Boilerplate,
    Step::EdgeResidue,
    Step::DuplicateLines,
    Step::ForeignLines,
    Step::JunkScore,
];

struct Options {
    text: PathBuf,
    langs: Option<Vec<String>>,
    lines: usize,
    show: usize,
}

fn options(args: &[String]) -> Result<Options, String> {
    let mut text = None;
    let mut langs = None;
    let mut lines = 12;
    let mut show = 0;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .cloned()
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match arg.as_str() {
            "--text" => text = Some(PathBuf::from(value("--text")?)),
            "--langs" => langs = Some(value("--langs")?.split(',').map(str::to_owned).collect()),
            "--lines" => {
                lines = value("--lines")?
                    .parse()
                    .map_err(|_| "--lines takes a number")?
            }
            "--show" => {
                show = value("--show")?
                    .parse()
                    .map_err(|_| "--show takes a number")?
            }
            "--help" | "-h" => {
                return Err(
                    "usage: quality junk --text DIR [--langs de,ru] [--lines 12] [--show N]".into(),
                )
            }
            other => return Err(format!("unknown option {other}")),
        }
    }
    Ok(Options {
        text: text.ok_or("--text DIR is needed")?,
        langs,
        lines: lines.max(2),
        show,
    })
}

/// What one layout of one language gave.
#[derive(Default)]
struct Tally {
    lines: usize,
    removed: usize,
    by_step: BTreeMap<&'static str, usize>,
    examples: Vec<String>,
}

/// One row of the table: lines, removed, share, and the removals by step.
fn print_row(lang: &str, layout: &str, tally: &Tally) {
    let steps: Vec<String> = tally
        .by_step
        .iter()
        .map(|(step, n)| format!("{step} {n}"))
        .collect();
    println!(
        "| {lang} | {layout} | {} | {} | {:.2}% | {} |",
        tally.lines,
        tally.removed,
        100.0 * tally.removed as f64 / tally.lines.max(1) as f64,
        steps.join(", ")
    );
}

pub fn run(args: &[String]) -> Result<(), String> {
    let options = options(args)?;
    let mut files: Vec<(String, PathBuf)> = std::fs::read_dir(&options.text)
        .map_err(|err| format!("{}: {err}", options.text.display()))?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .filter_map(|path| {
            let lang = path.file_stem()?.to_str()?.to_owned();
            Some((lang, path))
        })
        .filter(|(lang, _)| {
            options
                .langs
                .as_ref()
                .is_none_or(|langs| langs.contains(lang))
        })
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(format!("no <lang>.txt in {}", options.text.display()));
    }
    let cleaner = Cleaner::default();
    let mut total: BTreeMap<&str, Tally> = BTreeMap::new();
    println!("| lang | layout | lines | removed | share | by step |");
    println!("|---|---|--:|--:|--:|---|");
    let mut shown = Vec::new();
    for (lang, path) in &files {
        let text =
            std::fs::read_to_string(path).map_err(|err| format!("{}: {err}", path.display()))?;
        let sentences: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        for layout in ["article", "short"] {
            let mut tally = Tally::default();
            for chunk in sentences.chunks(options.lines) {
                let lines: Vec<&str> = match layout {
                    "article" => chunk.to_vec(),
                    _ if chunk.len() < 3 => continue,
                    _ => {
                        let short: Vec<&str> = chunk[1..chunk.len() - 1]
                            .iter()
                            .copied()
                            .filter(|s| s.split_whitespace().count() <= 6)
                            .collect();
                        if short.is_empty() {
                            continue;
                        }
                        let mut lines = vec![chunk[0]];
                        lines.extend(short);
                        lines.push(chunk[chunk.len() - 1]);
                        lines
                    }
                };
                let doc = lines.join("\n\n") + "\n";
                let cleaned = cleaner.clean_str(&doc);
                tally.lines += if layout == "article" {
                    lines.len()
                } else {
                    lines.len() - 2
                };
                for change in &cleaned.report.changes {
                    // (A note of count 0 removes nothing: a document too
                    // long for the stage, say.)
                    if !JUNK.contains(&change.step) || change.count == 0 {
                        continue;
                    }
                    // Input lines are 1-based; a sentence is every other line.
                    let index = change.line.saturating_sub(1) / 2;
                    if layout == "short" && (index == 0 || index + 1 == lines.len()) {
                        // The framing sentences count in `article`.
                        continue;
                    }
                    tally.removed += 1;
                    *tally.by_step.entry(change.step.name()).or_default() += 1;
                    if tally.examples.len() < options.show {
                        let line = lines.get(index).copied().unwrap_or("?");
                        tally
                            .examples
                            .push(format!("{lang} {layout} {}: {line}", change.step.name()));
                    }
                }
            }
            print_row(lang, layout, &tally);
            let sum = total.entry(layout).or_default();
            sum.lines += tally.lines;
            sum.removed += tally.removed;
            for (step, n) in &tally.by_step {
                *sum.by_step.entry(step).or_default() += n;
            }
            shown.extend(tally.examples);
        }
    }
    for (layout, sum) in &total {
        print_row("**all**", layout, sum);
    }
    if !shown.is_empty() {
        println!("\nremoved lines:");
        for line in shown {
            println!("  {line}");
        }
    }
    Ok(())
}
