//! Throughput of a [`Cleaner`] on documents built from the bundled corpus,
//! and the cost of one short record.
//!
//! Run with `cargo bench --bench clean`; criterion prints MB/s per input
//! ("thrpt"). `full/*` is the default pipeline; `fix/*` is `--preset fix`
//! (no line removed); `normalizers/*` runs only the repair and character
//! steps; `junk/*` only the line steps (the junk-line classifier);
//! `full/legacy` and `full/mojibake-windows-1252` clean damaged corpus
//! files; `load_bytes/valid-utf8` is decoding alone. Inputs: `english`,
//! `arabic`, `mixed` (both), `emoji` (the English documents with an emoji,
//! skin-tone or ZWJ sequence after every third word), `mojibake-heavy` (the
//! mixed documents with every third line read as windows-1252). Each input is about
//! 48 MiB made of whole corpus documents (`rinse::fixtures`), cleaned one
//! document at a time as a real corpus would be. Set `RINSE_BENCH_MIB` to
//! change the size.
//!
//! `per_record/*` cleans paragraphs of the corpus (a few hundred bytes each)
//! one at a time, with the default configuration and with one phrase added
//! to the boilerplate list: a compiled cleaner makes both cost the same.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use rinse::{Cleaner, Config, Stage, Step};

/// The raw bytes of a corpus document, from the embedded fixtures: a path
/// under `corpus/` (`web/000_…` may be given by its number alone).
fn corpus_file(name: &str) -> Vec<u8> {
    let name = name.trim_end_matches(".txt");
    rinse::fixtures::all()
        .iter()
        .find(|f| f.id == name || f.id.starts_with(&format!("web/{name}_")))
        .unwrap_or_else(|| panic!("no corpus document {name}"))
        .raw
        .to_vec()
}

/// Repeats `docs` in order until their total size reaches the target.
fn build(docs: &[Vec<u8>]) -> Vec<Vec<u8>> {
    let mib: usize = std::env::var("RINSE_BENCH_MIB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(48);
    let target = mib << 20;
    let mut out = Vec::new();
    let mut total = 0;
    for doc in docs.iter().cycle() {
        if total >= target {
            break;
        }
        total += doc.len();
        out.push(doc.clone());
    }
    out
}

/// `docs` with an emoji (some with skin tones and ZWJ sequences) after
/// every third word.
fn with_emoji(docs: &[Vec<u8>]) -> Vec<Vec<u8>> {
    const EMOJI: &[&str] = &[
        "😀",
        "👍🏽",
        "🎉",
        "👨\u{200d}👩\u{200d}👧",
        "❤\u{fe0f}",
        "🇺🇦",
        "🔥",
        "🙏🏿",
    ];
    docs.iter()
        .map(|doc| {
            let text = String::from_utf8_lossy(doc);
            let mut out = String::with_capacity(text.len() * 2);
            let mut n = 0;
            for (i, word) in text.split(' ').enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                out.push_str(word);
                if i % 3 == 2 {
                    out.push(' ');
                    out.push_str(EMOJI[n % EMOJI.len()]);
                    n += 1;
                }
            }
            out.into_bytes()
        })
        .collect()
}

/// `docs` with every third line decoded through windows-1252 as mojibake
/// (`rinse::damage`), as a crawl with a broken source has them.
fn every_third_line_mojibake(docs: &[Vec<u8>]) -> Vec<Vec<u8>> {
    docs.iter()
        .map(|doc| {
            let text = String::from_utf8_lossy(doc);
            let mut out = String::with_capacity(text.len() * 2);
            for (i, line) in text.split_inclusive('\n').enumerate() {
                if i % 3 == 2 {
                    out.push_str(&rinse::damage::mojibake(
                        line,
                        rinse::Encoding::WINDOWS_1252,
                    ));
                } else {
                    out.push_str(line);
                }
            }
            out.into_bytes()
        })
        .collect()
}

fn cleaner(config: Config) -> Cleaner {
    Cleaner::new(config).expect("valid bench configuration")
}

fn bench_inputs(c: &mut Criterion) {
    let english: Vec<_> = ["001", "002", "003", "004"]
        .iter()
        .map(|id| corpus_file(id))
        .collect();
    let arabic = vec![corpus_file("000")];
    let mixed: Vec<_> = ["000", "001", "002", "003", "004"]
        .iter()
        .map(|id| corpus_file(id))
        .collect();
    let emoji = with_emoji(&english);
    let mojibake_heavy = every_third_line_mojibake(&mixed);
    let full = Cleaner::default();
    let fix = cleaner(Config::preset_fix());
    // Repair and character steps only.
    let normalizers = cleaner(
        Step::ALL
            .iter()
            .filter(|step| step.stage() == Stage::Line)
            .fold(Config::default(), |config, &step| config.disable(step)),
    );
    // The junk-line classifier with the line splitting it needs, and no
    // character step.
    let junk = cleaner(
        Step::ALL
            .iter()
            .filter(|step| step.switchable() && step.stage() != Stage::Line)
            .fold(Config::default(), |config, &step| config.disable(step)),
    );

    let mut group = c.benchmark_group("clean_bytes");
    group.sample_size(10);
    for (name, docs) in [
        ("english", english.clone()),
        ("arabic", arabic),
        ("mixed", mixed.clone()),
        ("emoji", emoji),
        ("mojibake-heavy", mojibake_heavy),
    ] {
        let docs = build(&docs);
        let bytes: usize = docs.iter().map(Vec::len).sum();
        group.throughput(Throughput::Bytes(bytes as u64));
        for (pipeline, cleaner) in [
            ("full", &full),
            ("fix", &fix),
            ("normalizers", &normalizers),
            ("junk", &junk),
        ] {
            group.bench_function(format!("{pipeline}/{name}"), |b| {
                b.iter(|| {
                    for doc in &docs {
                        black_box(cleaner.clean_bytes(black_box(doc)));
                    }
                })
            });
        }
    }
    // Damaged inputs, through the full pipeline.
    let legacy: Vec<_> = [
        "damaged/000_arabic.windows-1256.txt",
        "damaged/ru_news.windows-1251.txt",
        "damaged/ru_news.koi8-r.txt",
    ]
    .iter()
    .map(|name| corpus_file(name))
    .collect();
    let mojibake: Vec<_> = [
        "damaged/001_english.mojibake-windows-1252.txt",
        "damaged/000_arabic.mojibake-windows-1252.txt",
    ]
    .iter()
    .map(|name| corpus_file(name))
    .collect();
    for (name, docs) in [("legacy", legacy), ("mojibake-windows-1252", mojibake)] {
        let docs = build(&docs);
        let bytes: usize = docs.iter().map(Vec::len).sum();
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_function(format!("full/{name}"), |b| {
            b.iter(|| {
                for doc in &docs {
                    black_box(full.clean_bytes(black_box(doc)));
                }
            })
        });
    }
    group.finish();

    // Loading alone: valid UTF-8 is validated and borrowed, never copied.
    let mut group = c.benchmark_group("load_bytes");
    group.sample_size(10);
    let valid = build(&[corpus_file("001"), corpus_file("000")]);
    let bytes: usize = valid.iter().map(Vec::len).sum();
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("valid-utf8", |b| {
        b.iter(|| {
            for doc in &valid {
                black_box(rinse::load::load_bytes(black_box(doc), None));
            }
        })
    });
    group.finish();

    // One short record at a time: paragraphs of the English and Arabic
    // documents, as a JSON Lines corpus of short texts has them.
    let records: Vec<Vec<u8>> = mixed
        .iter()
        .flat_map(|doc| doc.split(|&b| b == b'\n').map(<[u8]>::to_vec))
        .filter(|line| line.len() >= 40)
        .collect();
    let edited = cleaner(Config::default().add_boilerplate("Sponsored by ACME"));
    let mut group = c.benchmark_group("per_record");
    group.throughput(Throughput::Elements(records.len() as u64));
    for (name, cleaner) in [("default", &full), ("one-added-phrase", &edited)] {
        group.bench_function(name, |b| {
            b.iter(|| {
                for record in &records {
                    black_box(cleaner.clean_field_bytes(black_box(record)));
                }
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench_inputs);
criterion_main!(benches);
