//! Throughput of [`rinse::load::load_bytes`] on 1 MB files in legacy
//! encodings (detection and decoding together), and on valid UTF-8 (which
//! is borrowed, not copied).
//!
//! ```sh
//! cargo bench --bench load
//! ```
//!
//! Inputs: Arabic in windows-1256, Russian in windows-1251 and KOI8-R, Czech
//! in ISO-8859-2, Japanese in Shift_JIS, each about 1 MB, and the Russian
//! text in UTF-8. The text is real sentences from
//! `../shared/devsets/text-ud/<lang>.txt` when that folder is there (it is
//! read, never copied into the repository), otherwise the sample paragraphs
//! of `tests/data/languages.toml`, repeated. Before measuring, each input is
//! checked to decode back to its text under the right encoding name.

use std::borrow::Cow;
use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use rinse::load::load_bytes;
use rinse::Encoding;

const TARGET: usize = 1 << 20;

/// Real sentences of `lang`, or rinse's own sample paragraph for it.
fn text(lang: &str) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shared = root
        .join("../shared/devsets/text-ud")
        .join(format!("{lang}.txt"));
    if let Ok(text) = std::fs::read_to_string(shared) {
        return text;
    }
    let samples = std::fs::read_to_string(root.join("tests/data/languages.toml")).unwrap();
    let table: toml::Table = toml::from_str(&samples).unwrap();
    table["language"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["code"].as_str() == Some(lang))
        .and_then(|l| l["text"].as_str())
        .unwrap_or_else(|| panic!("no sample text for {lang}"))
        .trim_start()
        .to_owned()
}

/// About 1 MB of `lang`'s lines that `encoding` can write, and their text.
fn input(lang: &str, encoding: Encoding) -> (Vec<u8>, String) {
    let text = text(lang);
    let mut bytes = Vec::with_capacity(TARGET + 4096);
    let mut kept = String::new();
    while bytes.len() < TARGET {
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let line = format!("{line}\n");
            if let Some(encoded) = encoding.encode(&line) {
                bytes.extend_from_slice(&encoded);
                kept.push_str(&line);
                if bytes.len() >= TARGET {
                    break;
                }
            }
        }
    }
    (bytes, kept)
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("load_bytes");
    for (lang, label) in [
        ("ar", "windows-1256"),
        ("ru", "windows-1251"),
        ("ru", "koi8-r"),
        ("cs", "iso-8859-2"),
        ("ja", "shift_jis"),
        ("ru", "utf-8"),
    ] {
        let encoding = Encoding::for_label(label).unwrap();
        let (bytes, expected) = input(lang, encoding);
        let loaded = load_bytes(&bytes, None);
        assert_eq!(loaded.encoding, encoding, "{lang} {label}");
        assert!(
            loaded.text == expected,
            "{lang} {label}: decodes to other text"
        );
        if encoding == Encoding::UTF_8 {
            assert!(matches!(loaded.text, Cow::Borrowed(_)), "UTF-8 is copied");
        }
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function(format!("{lang}-{}", encoding.name()), |b| {
            b.iter(|| black_box(load_bytes(black_box(&bytes), None)).text.len())
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
