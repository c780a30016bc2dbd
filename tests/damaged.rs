//! The damaged corpus: every file in `corpus/damaged/` is what
//! `rinse::damage` makes of its source, byte for byte, and cleaning it gives
//! back the cleaned source.
//!
//! To regenerate the files after changing a recipe:
//! `RINSE_WRITE_DAMAGED=1 cargo test --test integration damaged`.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use rinse::clean_bytes;
use rinse::damage::{corpus_variants, Damage};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

fn source_text(source: &str) -> String {
    fs::read_to_string(corpus().join(source)).unwrap()
}

#[test]
fn damaged_files_match_their_generator() {
    let write = std::env::var_os("RINSE_WRITE_DAMAGED").is_some();
    let mut drifted = Vec::new();
    for variant in corpus_variants() {
        let expected = variant.damage.apply(&source_text(variant.source));
        let path = corpus().join(variant.file);
        if write {
            fs::write(&path, &expected).unwrap();
            continue;
        }
        match fs::read(&path) {
            Ok(actual) if actual == expected => {}
            Ok(_) => drifted.push(format!("{} differs from its generator", variant.file)),
            Err(err) => drifted.push(format!("{}: {err}", variant.file)),
        }
    }
    assert!(
        drifted.is_empty(),
        "{}\n(regenerate with RINSE_WRITE_DAMAGED=1)",
        drifted.join("\n")
    );
}

#[test]
fn every_damaged_file_has_a_recipe() {
    let listed: BTreeSet<String> = corpus_variants()
        .iter()
        .map(|v| v.file.trim_start_matches("damaged/").to_owned())
        .collect();
    let present: BTreeSet<String> = fs::read_dir(corpus().join("damaged"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(present, listed);
}

#[test]
fn cleaning_a_damaged_file_gives_back_the_cleaned_source() {
    let cleaner = rinse::Cleaner::default();
    let mut failures = Vec::new();
    for variant in corpus_variants() {
        let source = cleaner
            .clean_bytes(source_text(variant.source).as_bytes())
            .text;
        let damaged = fs::read(corpus().join(variant.file)).unwrap();
        let cleaned = cleaner.clean_bytes(&damaged);
        let got = if variant.damage.reversible() {
            cleaned.text.clone()
        } else {
            // Malformed bytes are lost: each leaves a U+FFFD, and nothing else
            // differs.
            assert!(cleaned.text.contains('\u{fffd}'), "{}", variant.file);
            cleaned.text.replace('\u{fffd}', "")
        };
        if got != source {
            let first = got
                .lines()
                .zip(source.lines())
                .position(|(a, b)| a != b)
                .unwrap_or(0);
            failures.push(format!(
                "{} ({:?}, decoded as {} by {:?}): line {} is\n  {:?}\nnot\n  {:?}",
                variant.file,
                variant.damage,
                cleaned.report.encoding.name,
                cleaned.report.encoding.decided_by,
                first + 1,
                got.lines().nth(first).unwrap_or(""),
                source.lines().nth(first).unwrap_or(""),
            ));
        }
    }
    println!(
        "round trip: {} of {} damaged files clean back to their source",
        corpus_variants().len() - failures.len(),
        corpus_variants().len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn lossy_damage_is_only_the_injected_bytes() {
    let variant = corpus_variants()
        .iter()
        .find(|v| v.damage == Damage::NulAndInvalidUtf8)
        .unwrap();
    let damaged = fs::read(corpus().join(variant.file)).unwrap();
    let cleaned = clean_bytes(&damaged);
    assert_eq!(cleaned.report.encoding.name, "UTF-8");
    let replaced = cleaned.text.matches('\u{fffd}').count();
    assert_eq!(replaced, cleaned.report.encoding.malformed);
    assert!(replaced >= 10, "{replaced}");
}

/// The damage functions that are not in the damaged corpus, applied to the
/// English seeds: cleaning gives back the cleaned source.
#[test]
fn every_damage_function_is_undone_by_cleaning() {
    use rinse::damage;
    let cleaner = rinse::Cleaner::default();
    for source in [
        "web/001_38025df435438118.txt",
        "synthetic/long_legit_tail.txt",
    ] {
        let text = source_text(source);
        let expected = cleaner.clean_bytes(text.as_bytes()).text;
        let cases: [(&str, String); 5] = [
            ("exotic_spaces", damage::exotic_spaces(&text, 7)),
            ("invisibles", damage::invisibles(&text, 5)),
            ("homoglyphs", damage::homoglyphs(&text, 6)),
            ("with_footer", damage::with_footer(&text)),
            (
                "duplicated_first_line",
                damage::duplicated_first_line(&text),
            ),
        ];
        for (name, damaged) in cases {
            assert_ne!(damaged, text, "{name} changed nothing");
            let cleaned = cleaner.clean_bytes(damaged.as_bytes()).text;
            assert_eq!(cleaned, expected, "{name} on {source}");
        }
        let dated = cleaner.clean_bytes(damage::metadata_prefix(&text, "2024-03-23").as_bytes());
        assert_eq!(dated.text, expected, "metadata_prefix on {source}");
        assert_eq!(dated.metadata["date"], "2024-03-23");
    }
}
