//! The junk-line rules against gold labels (`corpus/manifest.toml`) and
//! near-miss lines (`tests/data/junk_lines.toml`). Prints precision and
//! recall; both must be 100% on the labelled corpus.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use rinse::{clean_bytes, clean_str, Config, Step};
use serde::Deserialize;

const JUNK_STEPS: &[Step] = &[
    Step::Boilerplate,
    Step::DuplicateLines,
    Step::ForeignLines,
    Step::EdgeResidue,
];

#[derive(Deserialize)]
struct Manifest {
    document: Vec<Document>,
}

#[derive(Deserialize, Clone)]
struct Document {
    id: String,
    file: PathBuf,
    derived_from: Option<PathBuf>,
    #[serde(default)]
    junk: Vec<usize>,
    #[serde(default)]
    metadata: BTreeMap<String, String>,
}

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// The lines the junk steps removed.
fn removed_lines(report: &rinse::Report) -> BTreeSet<usize> {
    report
        .changes
        .iter()
        .filter(|change| JUNK_STEPS.contains(&change.step))
        .map(|change| change.line)
        .collect()
}

#[test]
fn precision_and_recall_on_the_labelled_corpus() {
    let text = std::fs::read_to_string(corpus().join("manifest.toml")).unwrap();
    let manifest: Manifest = toml::from_str(&text).unwrap();
    let by_file: BTreeMap<PathBuf, Document> = manifest
        .document
        .iter()
        .map(|doc| (doc.file.clone(), doc.clone()))
        .collect();
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    let mut problems = Vec::new();
    for doc in &manifest.document {
        let labels = match &doc.derived_from {
            Some(source) => &by_file[source],
            None => doc,
        };
        let bytes = std::fs::read(corpus().join(&doc.file)).unwrap();
        let cleaned = clean_bytes(&bytes);
        let expected: BTreeSet<usize> = labels.junk.iter().copied().collect();
        let got = removed_lines(&cleaned.report);
        let (t, f, n) = (
            got.intersection(&expected).count(),
            got.difference(&expected).count(),
            expected.difference(&got).count(),
        );
        tp += t;
        fp += f;
        fn_ += n;
        if f > 0 || n > 0 {
            problems.push(format!(
                "{}: removed {:?} but the labels say {:?}",
                doc.id, got, expected
            ));
        }
        if cleaned.metadata != labels.metadata {
            problems.push(format!(
                "{}: metadata {:?}, labels say {:?}",
                doc.id, cleaned.metadata, labels.metadata
            ));
        }
    }
    let precision = if tp + fp == 0 {
        1.0
    } else {
        tp as f64 / (tp + fp) as f64
    };
    let recall = if tp + fn_ == 0 {
        1.0
    } else {
        tp as f64 / (tp + fn_) as f64
    };
    println!(
        "junk lines over {} documents: precision {:.1}% ({tp} of {}), recall {:.1}% ({tp} of {})",
        manifest.document.len(),
        precision * 100.0,
        tp + fp,
        recall * 100.0,
        tp + fn_
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[derive(Deserialize)]
struct Cases {
    good: Vec<Good>,
    junk: Vec<Junk>,
}

#[derive(Deserialize)]
struct Good {
    line: String,
}

#[derive(Deserialize)]
struct Junk {
    line: String,
    rule: String,
    #[serde(default)]
    anywhere: bool,
}

fn cases() -> Cases {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/junk_lines.toml");
    toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Two paragraphs of an English article to put a line before, between or
/// after.
const FIRST: &str = "Gunmen stormed a major concert hall on Friday and sprayed the crowd with gunfire, officials said.";
const SECOND: &str =
    "The attack happened as crowds gathered for a performance by a popular rock band in the city.";

fn placements(line: &str) -> [(&'static str, String); 3] {
    [
        ("first", format!("{line}\n\n{FIRST}\n\n{SECOND}\n")),
        ("middle", format!("{FIRST}\n\n{line}\n\n{SECOND}\n")),
        ("last", format!("{FIRST}\n\n{SECOND}\n\n{line}\n")),
    ]
}

#[test]
fn near_miss_good_lines_survive_wherever_they_stand() {
    let mut lost = Vec::new();
    for good in cases().good {
        for (place, text) in placements(&good.line) {
            let cleaned = clean_str(&text);
            if !removed_lines(&cleaned.report).is_empty() {
                lost.push(format!(
                    "{place}: {:?} ({:?})",
                    good.line,
                    cleaned
                        .report
                        .changes
                        .iter()
                        .map(|c| &c.reason)
                        .collect::<Vec<_>>()
                ));
            }
        }
    }
    assert!(lost.is_empty(), "good lines removed:\n{}", lost.join("\n"));
}

#[test]
fn junk_lines_go_with_their_rule() {
    let mut kept = Vec::new();
    for junk in cases().junk {
        let rule: Step = junk.rule.parse().unwrap();
        let mut places = vec![placements(&junk.line)[2].clone()];
        if junk.anywhere {
            places.push(placements(&junk.line)[1].clone());
        }
        for (place, text) in places {
            let cleaned = clean_str(&text);
            let by_rule = cleaned
                .report
                .changes_by(rule)
                .any(|c| c.before.starts_with(junk.line.chars().next().unwrap()));
            if !by_rule {
                kept.push(format!("{place}: {:?} not removed by {rule}", junk.line));
            }
        }
    }
    assert!(kept.is_empty(), "{}", kept.join("\n"));
}

#[test]
fn user_phrases_are_added_and_removed() {
    let text = format!("{FIRST}\n\nDetails\n\nSponsored by ACME\n\n{SECOND}\n");
    let default = clean_str(&text).text;
    assert!(!default.contains("Details") && default.contains("Sponsored by ACME"));
    let edited = Config::default()
        .remove_boilerplate("details")
        .add_boilerplate("Sponsored by ACME");
    let cleaned = crate::support::cleaner(edited).clean_str(&text).text;
    assert!(
        cleaned.contains("Details") && !cleaned.contains("Sponsored by ACME"),
        "{cleaned}"
    );
}

#[test]
fn every_removed_line_is_in_the_report() {
    let text = std::fs::read_to_string(corpus().join("web/003_627cf354bd315b4c.txt")).unwrap();
    let cleaned = clean_str(&text);
    let input_lines = text.lines().filter(|l| !l.trim().is_empty()).count();
    let output_lines = cleaned.text.lines().filter(|l| !l.is_empty()).count();
    assert_eq!(
        input_lines - output_lines,
        removed_lines(&cleaned.report).len()
    );
}
