//! Hostile input: the fuzzers' regression corpus (`fuzz/regressions/`),
//! the hostile corpus (`tests/data/hostile/files/`, made by `make.py`
//! there) and the Big List of Naughty Strings, each checked for rinse's
//! promises: no panic, valid UTF-8 out, idempotent, deterministic.
//!
//! The library checks are the fuzz targets' own (`fuzz/src/checks.rs`,
//! compiled in here), so `cargo test` on stable replays exactly what the
//! fuzzers check. The command-line tests run the real binary in file mode,
//! on standard input and on JSON Lines.
//!
//! An input that still fails because of a bug that is known and being
//! fixed elsewhere is listed, with the issue that fixes it, in
//! `fuzz/regressions/known.toml`; a listed input that passes fails the test
//! too, so the list stays true. Large inputs (and memory) are measured by
//! `benches/hostile.sh`, never here.

use std::collections::{BTreeMap, BTreeSet};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::{Map, Value};

use crate::support::{piped, repo, rinse, run, scratch, stderr, stdout};

#[path = "../fuzz/src/checks.rs"]
#[allow(dead_code)]
mod checks;

/// The hostile corpus.
fn hostile_dir() -> PathBuf {
    repo().join("tests/data/hostile/files")
}

/// Every regular file under `dir`, sorted, with its path relative to the
/// repository.
fn files_under(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|err| panic!("{}: {err}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_file())
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let name = path
                .strip_prefix(repo())
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (name, std::fs::read(&path).unwrap())
        })
        .collect()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Known {
    #[serde(default)]
    known: Vec<KnownFailure>,
}

/// An input that fails checks because of a known bug.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KnownFailure {
    input: String,
    checks: Vec<String>,
    issue: String,
}

/// The known failures, by (check, input).
fn known() -> BTreeMap<(String, String), String> {
    let text = std::fs::read_to_string(repo().join("fuzz/regressions/known.toml")).unwrap();
    let known: Known = toml::from_str(&text).expect("fuzz/regressions/known.toml parses");
    let mut failures = BTreeMap::new();
    for entry in known.known {
        assert!(
            repo().join(&entry.input).is_file(),
            "known.toml names no file {}",
            entry.input
        );
        for check in entry.checks {
            failures.insert((check, entry.input.clone()), entry.issue.clone());
        }
    }
    failures
}

/// Whether a hostile-corpus file is known to fail `check` (the command-line
/// tests let those through; the library test holds the list true).
fn known_to_fail(check: &str, file: &str) -> bool {
    let input = format!("tests/data/hostile/files/{file}");
    known().contains_key(&(check.to_owned(), input))
}

/// Runs checks and tells them apart: failures, of which known ones, and
/// what kind.
#[derive(Default)]
struct Tally {
    runs: usize,
    inputs: BTreeSet<String>,
    failures: Vec<String>,
    known_failing: BTreeSet<(String, String)>,
    panics: usize,
    invalid_utf8: usize,
    not_idempotent: usize,
    not_deterministic: usize,
}

impl Tally {
    /// Runs `check` named `name` on `input`, catching a panic.
    fn run(&mut self, name: &str, input: &str, check: impl FnOnce() -> checks::Outcome) {
        self.runs += 1;
        self.inputs.insert(input.to_owned());
        let outcome = catch_unwind(AssertUnwindSafe(check)).unwrap_or_else(|panic| {
            let message = panic
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| panic.downcast_ref::<&str>().copied())
                .unwrap_or("a panic");
            Err(format!("panicked: {message}"))
        });
        let Err(failure) = outcome else { return };
        if failure.starts_with("panicked") {
            self.panics += 1;
        } else if failure.contains("not valid UTF-8") {
            self.invalid_utf8 += 1;
        } else if failure.contains("not idempotent") {
            self.not_idempotent += 1;
        } else if failure.contains("not deterministic") {
            self.not_deterministic += 1;
        }
        self.failures.push(format!("{name} {input}: {failure}"));
        self.known_failing
            .insert((name.to_owned(), input.to_owned()));
    }

    /// Fails unless every failure is known, and every known failure of
    /// these inputs still fails.
    fn finish(self, what: &str) {
        let known = known();
        let unknown: Vec<&String> = self
            .failures
            .iter()
            .filter(|failure| {
                !known
                    .keys()
                    .any(|(check, input)| failure.starts_with(&format!("{check} {input}: ")))
            })
            .collect();
        let fixed: Vec<String> = known
            .iter()
            .filter(|((_, input), _)| self.inputs.contains(input))
            .filter(|(key, _)| !self.known_failing.contains(*key))
            .map(|((check, input), issue)| format!("{check} {input} ({issue})"))
            .collect();
        println!(
            "{what}: {} inputs, {} checks: {} failures ({} known), {} panics, {} invalid UTF-8, {} not idempotent, {} not deterministic",
            self.inputs.len(),
            self.runs,
            self.failures.len(),
            self.failures.len() - unknown.len(),
            self.panics,
            self.invalid_utf8,
            self.not_idempotent,
            self.not_deterministic,
        );
        for failure in &self.failures {
            println!("  {failure}");
        }
        assert!(
            unknown.is_empty(),
            "{} failures not listed in fuzz/regressions/known.toml:\n{}",
            unknown.len(),
            unknown
                .iter()
                .map(|f| f.as_str())
                .collect::<Vec<_>>()
                .join("\n")
        );
        assert!(
            fixed.is_empty(),
            "known failures that now pass: remove them from fuzz/regressions/known.toml:\n{}",
            fixed.join("\n")
        );
    }
}

#[test]
fn the_fuzz_regression_corpus_replays_clean() {
    let mut tally = Tally::default();
    for &target in checks::TARGETS {
        let dir = repo().join("fuzz/regressions").join(target);
        if !dir.is_dir() {
            continue;
        }
        for (name, bytes) in files_under(&dir) {
            tally.run(target, &name, || checks::check(target, &bytes));
        }
    }
    for entry in std::fs::read_dir(repo().join("fuzz/regressions")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            !path.is_dir() || checks::TARGETS.contains(&name.as_str()),
            "fuzz/regressions/{name}/ is no fuzz target's"
        );
    }
    tally.finish("fuzz regression corpus");
}

/// Forced encodings the hostile corpus is also loaded and cleaned with:
/// the first byte of a `load_bytes` input picks one from `ENCODINGS`.
const FORCED: &[&str] = &["UTF-8", "windows-1252", "UTF-16LE", "UTF-32BE", "Shift_JIS"];

#[test]
fn the_hostile_corpus_keeps_every_promise_in_the_library() {
    let files = files_under(&hostile_dir());
    assert!(files.len() >= 150, "the hostile corpus is there");
    let mut tally = Tally::default();
    for (name, bytes) in &files {
        tally.run("clean_default", name, || {
            checks::check_clean(checks::default_cleaner(), bytes)
        });
        tally.run("clean_all_steps", name, || {
            checks::check_clean(checks::all_steps_cleaner(), bytes)
        });
        // Forced encodings on the smaller files only: the large ones cost
        // seconds each in a debug build and add nothing the fuzzer misses.
        let forced = if bytes.len() <= 16 * 1024 {
            FORCED
        } else {
            &FORCED[..1]
        };
        for label in forced {
            let selector = checks::ENCODINGS.iter().position(|e| e == label).unwrap() as u8;
            let mut input = vec![selector];
            input.extend_from_slice(bytes);
            tally.run(&format!("load_bytes/{label}"), name, || {
                checks::check_load(&input)
            });
        }
        let mut record = vec![1];
        record.extend_from_slice(bytes);
        tally.run("jsonl_record", name, || checks::check_jsonl(&record));
    }
    tally.finish("hostile corpus, library");
}

#[test]
fn naughty_strings_keep_every_promise_in_the_library() {
    let mut tally = Tally::default();
    for (i, &text) in naughty_strings::BLNS.iter().enumerate() {
        let name = format!("naughty-strings[{i}]");
        tally.run("clean_default", &name, || {
            checks::check_clean(checks::default_cleaner(), text.as_bytes())
        });
        tally.run("clean_all_steps", &name, || {
            checks::check_clean(checks::all_steps_cleaner(), text.as_bytes())
        });
        let mut record = vec![1];
        record.extend_from_slice(text.as_bytes());
        tally.run("jsonl_record", &name, || checks::check_jsonl(&record));
        tally.run("config_toml", &name, || {
            checks::check_config(text.as_bytes())
        });
    }
    tally.finish("naughty strings, library");
}

/// The hostile corpus and the naughty strings as files of one folder.
fn hostile_tree(name: &str) -> (PathBuf, Vec<(String, Vec<u8>)>) {
    let dir = scratch(name).join("in");
    std::fs::create_dir_all(&dir).unwrap();
    let mut files = Vec::new();
    for (path, bytes) in files_under(&hostile_dir()) {
        let file = path.rsplit('/').next().unwrap().to_owned();
        files.push((file, bytes));
    }
    for (i, text) in naughty_strings::BLNS.iter().enumerate() {
        files.push((format!("naughty-{i:03}"), text.as_bytes().to_vec()));
    }
    for (file, bytes) in &files {
        std::fs::write(dir.join(file), bytes).unwrap();
    }
    (dir, files)
}

/// Every file of `dir`, by name.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&path).unwrap())
        })
        .collect()
}

#[test]
fn the_hostile_corpus_in_file_mode() {
    let (input, files) = hostile_tree("hostile-file-mode");
    let base = input.parent().unwrap();
    let out = base.join("out");
    let output = run(&[
        "clean",
        input.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    let notes = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{notes}");
    let cleaned = tree(&out);
    let cleaner = checks::default_cleaner();
    let mut skipped = 0;
    for (name, bytes) in &files {
        match cleaned.get(name) {
            Some(text) => {
                let text = std::str::from_utf8(text)
                    .unwrap_or_else(|err| panic!("{name}: the output is not UTF-8: {err}"));
                assert_eq!(
                    text,
                    cleaner.clean_bytes(bytes).text,
                    "{name}: file mode cleans as the library does"
                );
            }
            None => {
                assert!(
                    notes.contains(&format!("{name}: skipped")),
                    "{name}: neither cleaned nor skipped with a note: {notes}"
                );
                skipped += 1;
            }
        }
    }
    println!(
        "file mode: {} files cleaned, {skipped} skipped as binary",
        cleaned.len()
    );
    let extra: Vec<&String> = cleaned
        .keys()
        .filter(|name| !files.iter().any(|(file, _)| file == *name))
        .collect();
    assert!(extra.is_empty(), "outputs of no input: {extra:?}");
    // Files that look binary are skipped with a note (each is cleaned on
    // standard input below); the rest of the corpus is text.
    assert!(
        skipped * 10 < files.len(),
        "{skipped} of {} files skipped",
        files.len()
    );

    // Idempotent: cleaning the outputs again would change none, and the
    // report of that run lists no change.
    let report = base.join("again.jsonl");
    let output = run(&[
        "clean",
        out.to_str().unwrap(),
        "--check",
        "--report",
        report.to_str().unwrap(),
    ]);
    let listed = stdout(&output);
    let would_change: Vec<&str> = listed
        .lines()
        .filter(|path| !known_to_fail("clean_default", path.rsplit('/').next().unwrap()))
        .collect();
    assert!(
        would_change.is_empty(),
        "cleaning the cleaned files again would change: {would_change:?} {}",
        stderr(&output)
    );
    let expected_status = if listed.is_empty() { 0 } else { 1 };
    assert_eq!(output.status.code(), Some(expected_status));
    let report = std::fs::read_to_string(&report).unwrap();
    assert_eq!(report.lines().count(), cleaned.len());
    for line in report.lines() {
        let record: Value = serde_json::from_str(line).unwrap();
        let path = record["path"].as_str().unwrap();
        if known_to_fail("clean_default", path.rsplit('/').next().unwrap()) {
            continue;
        }
        assert_eq!(record["changes"], Value::Array(vec![]), "{line}");
        assert_eq!(record["changed"], Value::Bool(false), "{line}");
    }

    // Deterministic, on one thread or two.
    let again = base.join("out-2-threads");
    let output = rinse()
        .args(["clean", input.to_str().unwrap(), "--threads", "2", "--out"])
        .arg(&again)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(tree(&again) == cleaned, "the same tree on two threads");
}

#[test]
fn the_hostile_corpus_on_standard_input() {
    let cleaner = checks::default_cleaner();
    let mut documents = files_under(&hostile_dir());
    // The naughty strings as one document: one process, not five hundred.
    documents.push((
        "naughty strings".to_owned(),
        naughty_strings::BLNS.join("\n").into_bytes(),
    ));
    for (name, bytes) in &documents {
        let output = piped(&["clean"], bytes);
        assert_eq!(output.status.code(), Some(0), "{name}: {}", stderr(&output));
        let text = String::from_utf8(output.stdout)
            .unwrap_or_else(|err| panic!("{name}: standard output is not UTF-8: {err}"));
        let expected = cleaner.clean_bytes(bytes);
        assert_eq!(text, expected.text, "{name}: as the library cleans it");
        let again = piped(&["clean", "--check"], text.as_bytes());
        let file = name.rsplit('/').next().unwrap();
        if !known_to_fail("clean_default", file) {
            assert_eq!(
                again.status.code(),
                Some(0),
                "{name}: the output would change again"
            );
        }
    }
}

#[test]
fn the_hostile_corpus_as_json_lines() {
    let dir = scratch("hostile-jsonl");
    let mut records = Vec::new();
    let mut texts = Vec::new();
    let documents = files_under(&hostile_dir()).into_iter().chain(
        naughty_strings::BLNS
            .iter()
            .enumerate()
            .map(|(i, s)| (format!("naughty-{i}"), s.as_bytes().to_vec())),
    );
    for (name, bytes) in documents {
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let mut record = Map::new();
        record.insert("id".to_owned(), Value::String(name));
        record.insert("text".to_owned(), Value::String(text.clone()));
        records.push(serde_json::to_string(&record).unwrap());
        texts.push(text);
    }
    let input = dir.join("hostile.jsonl");
    std::fs::write(&input, records.join("\n") + "\n").unwrap();
    let output = run(&["clean", "--jsonl", input.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let first = stdout(&output);
    let cleaner = checks::default_cleaner();
    let lines: Vec<&str> = first.lines().collect();
    assert_eq!(
        lines.len(),
        records.len(),
        "a record out for every record in"
    );
    for (line, text) in lines.iter().zip(&texts) {
        let record: Map<String, Value> = serde_json::from_str(line).unwrap();
        assert_eq!(
            record["text"],
            Value::String(cleaner.clean_field(text).text),
            "as the library cleans it: {line}"
        );
    }
    // Idempotent: a second pass keeps every text and reports no change.
    let cleaned = dir.join("cleaned.jsonl");
    std::fs::write(&cleaned, &first).unwrap();
    let output = run(&["clean", "--jsonl", cleaned.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let second = stdout(&output);
    let again: Vec<&str> = second.lines().collect();
    assert_eq!(again.len(), lines.len());
    for (before, after) in lines.iter().zip(&again) {
        let before: Value = serde_json::from_str(before).unwrap();
        let after: Value = serde_json::from_str(after).unwrap();
        let id = before["id"].as_str().unwrap();
        if known_to_fail("jsonl_record", id.rsplit('/').next().unwrap()) {
            continue;
        }
        assert_eq!(
            before["text"], after["text"],
            "a second pass keeps the text"
        );
        assert_eq!(
            after["metadata"]["rinse"]["changed"],
            Value::Bool(false),
            "{after}"
        );
        assert_eq!(after["metadata"]["rinse"]["steps"], serde_json::json!({}));
    }
    // Deterministic on two threads.
    let output = run(&[
        "clean",
        "--jsonl",
        "--threads",
        "2",
        input.to_str().unwrap(),
    ]);
    assert!(stdout(&output) == first, "the same output on two threads");
}

/// Inputs too large to commit, made here: a few megabytes each, enough to
/// show that line count and line length cost nothing special (the
/// hundred-megabyte versions, and memory, are `benches/hostile.sh`'s).
fn generated() -> Vec<(&'static str, Vec<u8>)> {
    let mojibake = "Caf\u{c3}\u{a9} cr\u{c3}\u{a8}me \u{e2}\u{20ac}\u{2122} ";
    vec![
        ("a million empty lines", vec![b'\n'; 1_000_000]),
        ("a million CRs", vec![b'\r'; 1_000_000]),
        ("half a million \"a\\n\"", b"a\n".repeat(500_000)),
        (
            "a 2 MB line of mojibake",
            mojibake.repeat(100_000).into_bytes(),
        ),
        (
            "a 1 MB line of U+FFFD",
            "\u{fffd}".repeat(350_000).into_bytes(),
        ),
        ("a letter and 200,000 combining marks", {
            let mut text = String::from("a");
            text.push_str(&"\u{301}".repeat(200_000));
            text.into_bytes()
        }),
    ]
}

#[test]
fn generated_large_inputs_through_the_binary() {
    let cleaner = checks::default_cleaner();
    for (name, bytes) in generated() {
        let output = piped(&["clean"], &bytes);
        assert_eq!(output.status.code(), Some(0), "{name}: {}", stderr(&output));
        let text = String::from_utf8(output.stdout)
            .unwrap_or_else(|err| panic!("{name}: standard output is not UTF-8: {err}"));
        let first = cleaner.clean_bytes(&bytes);
        assert!(text == first.text, "{name}: as the library cleans it");
        checks::check_cleaned(cleaner, &first)
            .unwrap_or_else(|failure| panic!("{name}: {failure}"));
        checks::check_idempotent(cleaner, &first, &bytes)
            .unwrap_or_else(|failure| panic!("{name}: {failure}"));
    }
}
