//! Throughput of `clean_bytes` on documents built from the bundled corpus.
//!
//! Run with `cargo bench --bench clean`; criterion prints MB/s per input
//! ("thrpt"). `full/*` is the default pipeline; `normalizers/*` runs only the
//! character-level steps; `junk/*` only the line steps (the junk-line
//! classifier); `full/legacy` and `full/mojibake-windows-1252` clean
//! damaged corpus files; `load_bytes/valid-utf8` is decoding alone. Each
//! input is about 48 MiB made of whole corpus documents (`rinse::fixtures`),
//! cleaned one document at a time as a real corpus would be. Set
//! `RINSE_BENCH_MIB` to change the size.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use rinse::{clean_bytes, Config, Stage, Step};

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
    let config = Config::default();
    // Character-level steps only: what `--preset fix` will run.
    let normalizers = Step::ALL
        .iter()
        .filter(|step| step.stage() == Stage::Line)
        .fold(Config::default(), |config, &step| config.disable(step));
    // The junk-line classifier with the line splitting it needs, and no
    // character step.
    let junk = Step::ALL
        .iter()
        .filter(|step| step.stage() != Stage::Line)
        .fold(Config::default(), |config, &step| config.disable(step));

    let mut group = c.benchmark_group("clean_bytes");
    group.sample_size(10);
    for (name, docs) in [("english", english), ("arabic", arabic), ("mixed", mixed)] {
        let docs = build(&docs);
        let bytes: usize = docs.iter().map(Vec::len).sum();
        group.throughput(Throughput::Bytes(bytes as u64));
        for (pipeline, config) in [
            ("full", &config),
            ("normalizers", &normalizers),
            ("junk", &junk),
        ] {
            group.bench_function(format!("{pipeline}/{name}"), |b| {
                b.iter(|| {
                    for doc in &docs {
                        black_box(clean_bytes(black_box(doc), config));
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
                    black_box(clean_bytes(black_box(doc), &config));
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
                black_box(rinse::load::load_bytes(black_box(doc), &config));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench_inputs);
criterion_main!(benches);
