//! Snapshots of every corpus document, and the corpus manifest.
//!
//! For every file under `corpus/<folder>/` there are two snapshots in the
//! top-level `snapshots/` folder: `text@<folder>__<file>.snap` (the cleaned
//! text, rendered so that every byte shows) and `report@….snap` (metadata and
//! the report, as YAML). `every_corpus_file_has_snapshots_and_no_snapshot_is_orphaned`
//! fails when one is missing or when a snapshot's corpus file is gone, which
//! insta alone never notices.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use rinse::clean_bytes;
use serde::Deserialize;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Insta settings: snapshots live in the top-level `snapshots/` folder
/// (relative to this file), named without the test module's path.
fn settings() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings
}

#[test]
fn corpus_snapshots() {
    settings().bind(|| {
        insta::glob!("../corpus", "*/*", |path| {
            let bytes = fs::read(path).unwrap();
            let cleaned = clean_bytes(&bytes);
            insta::assert_snapshot!("text", rinse::snapshot::render_text(&cleaned.text));
            insta::assert_yaml_snapshot!("report", rinse::snapshot::ReportView::of(&cleaned));
        });
    });
}

/// Every file under `corpus/<folder>/`, as `<folder>/<file>`.
fn corpus_files() -> BTreeSet<String> {
    let mut files = BTreeSet::new();
    for folder in fs::read_dir(repo().join("corpus")).unwrap() {
        let folder = folder.unwrap();
        if !folder.file_type().unwrap().is_dir() {
            continue;
        }
        for file in fs::read_dir(folder.path()).unwrap() {
            let file = file.unwrap();
            assert!(
                file.file_type().unwrap().is_file(),
                "corpus folders hold only files: {}",
                file.path().display()
            );
            files.insert(format!(
                "{}/{}",
                folder.file_name().to_string_lossy(),
                file.file_name().to_string_lossy()
            ));
        }
    }
    files
}

#[test]
fn every_corpus_file_has_snapshots_and_no_snapshot_is_orphaned() {
    let expected: BTreeSet<String> = corpus_files()
        .iter()
        .flat_map(|file| {
            let name = file.replace('/', "__");
            ["text", "report"].map(|kind| format!("{kind}@{name}.snap"))
        })
        .collect();
    let present: BTreeSet<String> = fs::read_dir(repo().join("snapshots"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".snap"))
        .collect();
    let missing: Vec<_> = expected.difference(&present).collect();
    let orphaned: Vec<_> = present.difference(&expected).collect();
    assert!(
        missing.is_empty() && orphaned.is_empty(),
        "snapshots missing for corpus files: {missing:?}\n\
         snapshots whose corpus file is gone (delete them): {orphaned:?}"
    );
}

/// Whether `name` is a problem of the vocabulary (`rinse::fixtures::Problem`).
fn known_problem(name: &str) -> bool {
    #[cfg(feature = "fixtures")]
    return name.parse::<rinse::fixtures::Problem>().is_ok();
    #[cfg(not(feature = "fixtures"))]
    return !name.is_empty();
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Manifest {
    document: Vec<Document>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // every field is checked for presence by deserializing
struct Document {
    id: String,
    file: PathBuf,
    language: String,
    source: String,
    problems: Vec<String>,
    notes: String,
    derived_from: Option<PathBuf>,
    #[serde(default)]
    junk: Vec<usize>,
    #[serde(default)]
    metadata: BTreeMap<String, String>,
}

fn manifest() -> Manifest {
    let text = fs::read_to_string(repo().join("corpus/manifest.toml")).unwrap();
    toml::from_str(&text).unwrap()
}

#[test]
fn manifest_lists_every_corpus_file_exactly_once() {
    let manifest = manifest();
    let listed: Vec<String> = manifest
        .document
        .iter()
        .map(|doc| doc.file.to_string_lossy().into_owned())
        .collect();
    let unique: BTreeSet<String> = listed.iter().cloned().collect();
    assert_eq!(unique.len(), listed.len(), "a file is listed twice");
    assert_eq!(unique, corpus_files(), "manifest and corpus/ disagree");
}

#[test]
fn manifest_entries_are_well_formed() {
    let manifest = manifest();
    let mut ids = BTreeSet::new();
    for doc in &manifest.document {
        assert!(ids.insert(doc.id.clone()), "duplicate id {}", doc.id);
        let stem = doc.file.with_extension("");
        assert_eq!(
            stem.to_string_lossy(),
            doc.id,
            "id must be the file without extension"
        );
        assert!(
            (2..=3).contains(&doc.language.len())
                && doc.language.bytes().all(|b| b.is_ascii_lowercase()),
            "{}: language must be an ISO 639 code, got {:?}",
            doc.id,
            doc.language
        );
        assert!(!doc.problems.is_empty(), "{}: name its problems", doc.id);
        assert_eq!(
            doc.derived_from.is_some(),
            doc.source == "damaged",
            "{}: damaged documents, and only they, name their source",
            doc.id
        );
        if let Some(source) = &doc.derived_from {
            assert!(
                repo().join("corpus").join(source).is_file(),
                "{}: {source:?}",
                doc.id
            );
        }
        for problem in &doc.problems {
            assert!(
                known_problem(problem),
                "{}: unknown problem {problem:?}",
                doc.id
            );
        }
    }
}

#[test]
fn corpus_is_marked_binary_for_git() {
    let attributes = fs::read_to_string(repo().join(".gitattributes")).unwrap();
    assert!(
        attributes
            .lines()
            .any(|line| line.trim() == "corpus/** -text"),
        "git must never rewrite corpus bytes"
    );
}

/// The cleaned output of every corpus file, byte for byte, in
/// `snapshots/cleaned/<folder>__<file>`: what `rinse::fixtures` embeds as
/// the expected cleaned text. Regenerate with
/// `RINSE_WRITE_CLEANED=1 cargo test --test integration cleaned_outputs`.
#[test]
fn cleaned_outputs_are_locked_byte_for_byte() {
    let dir = repo().join("snapshots/cleaned");
    let write = std::env::var_os("RINSE_WRITE_CLEANED").is_some();
    if write {
        fs::create_dir_all(&dir).unwrap();
    }
    let mut problems = Vec::new();
    let expected_names: BTreeSet<String> = corpus_files()
        .iter()
        .map(|f| f.replace('/', "__"))
        .collect();
    for file in corpus_files() {
        let bytes = fs::read(repo().join("corpus").join(&file)).unwrap();
        let cleaned = clean_bytes(&bytes).text;
        let path = dir.join(file.replace('/', "__"));
        if write {
            fs::write(&path, cleaned.as_bytes()).unwrap();
            continue;
        }
        match fs::read(&path) {
            Ok(locked) if locked == cleaned.as_bytes() => {}
            Ok(_) => problems.push(format!(
                "{file}: cleaned output differs from {}",
                path.display()
            )),
            Err(err) => problems.push(format!("{}: {err}", path.display())),
        }
    }
    let present: BTreeSet<String> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    for orphan in present.difference(&expected_names) {
        problems.push(format!("snapshots/cleaned/{orphan} has no corpus file"));
    }
    assert!(
        problems.is_empty(),
        "{}\n(review the text snapshots, then RINSE_WRITE_CLEANED=1 cargo test --test integration cleaned_outputs)",
        problems.join("\n")
    );
}
