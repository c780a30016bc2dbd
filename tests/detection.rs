//! Encoding detection over sample texts in 19 languages, each encoded in its
//! common legacy encodings, bare and with an HTML or XML declaration
//! (`tests/data/languages.toml`). Prints the share that decodes to exactly
//! the original text.

use std::path::Path;

use rinse::Encoding;

use serde::Deserialize;
use unicode_normalization::UnicodeNormalization;

#[derive(Deserialize)]
struct Languages {
    language: Vec<Language>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Language {
    code: String,
    encodings: Vec<String>,
    text: String,
}

/// `text` in the form windows-1258 stores Vietnamese: base letters with
/// circumflex, breve or horn precomposed, tone marks as combining marks.
fn windows_1258_form(text: &str) -> String {
    const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
    let mut out = String::new();
    for c in text.nfd() {
        let mark = unicode_normalization::char::canonical_combining_class(c) != 0;
        if mark && !TONES.contains(&c) {
            // Canonical order may put a tone mark (dot below) before this
            // mark: compose with the base letter and keep the tones after it.
            let mut tones = Vec::new();
            while out.ends_with(TONES) {
                tones.push(out.pop().expect("ends with a tone"));
            }
            let base = out.pop().expect("a mark follows its base");
            out.extend([base, c].into_iter().nfc());
            out.extend(tones.into_iter().rev());
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn legacy_encodings_decode_to_the_original_text() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/languages.toml");
    let languages: Languages = toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let cleaner = rinse::Cleaner::default();
    let mut total = [0usize; 3];
    let mut exact = [0usize; 3];
    let mut misses = Vec::new();
    for language in &languages.language {
        let text = language.text.trim_start_matches('\n');
        let expected = cleaner.clean_bytes(text.as_bytes()).text;
        for label in &language.encodings {
            let encoding =
                Encoding::for_label(label).unwrap_or_else(|| panic!("unknown label {label}"));
            let source = if encoding.name() == "windows-1258" {
                windows_1258_form(text)
            } else {
                text.to_owned()
            };
            let body = encoding
                .encode(&source)
                .unwrap_or_else(|| panic!("{} is not representable in {label}", language.code));
            let declared_html = [
                format!("<meta charset=\"{label}\">\n").into_bytes(),
                body.to_vec(),
            ]
            .concat();
            let declared_xml = [
                format!("<?xml version=\"1.0\" encoding=\"{label}\"?>\n").into_bytes(),
                body.to_vec(),
            ]
            .concat();
            for (kind, bytes) in [body.to_vec(), declared_html, declared_xml]
                .iter()
                .enumerate()
            {
                total[kind] += 1;
                let cleaned = cleaner.clean_bytes(bytes);
                let got = match kind {
                    0 => cleaned.text.clone(),
                    _ => cleaned
                        .text
                        .split_once('\n')
                        .map_or(String::new(), |(_, rest)| rest.to_owned()),
                };
                if got == expected {
                    exact[kind] += 1;
                } else {
                    misses.push(format!(
                        "{} in {label} ({}): decoded as {} ({:?})",
                        language.code,
                        ["bare", "html meta", "xml declaration"][kind],
                        cleaned.report.encoding.name,
                        cleaned.report.encoding.decided_by
                    ));
                }
            }
        }
    }
    let all: usize = total.iter().sum();
    let right: usize = exact.iter().sum();
    println!(
        "encoding detection: {right} of {all} decode exactly ({:.1}%)",
        100.0 * right as f64 / all as f64
    );
    for (kind, name) in ["bare", "with <meta charset>", "with <?xml encoding?>"]
        .iter()
        .enumerate()
    {
        println!("  {name}: {} of {}", exact[kind], total[kind]);
    }
    for miss in &misses {
        println!("  miss: {miss}");
    }
    // The README promises every sample, bare or declared, decodes exactly.
    // (These are rinse's own short samples; the quality harness measures
    // detection on real text: `cargo run --release --example quality -- encoding`.)
    assert_eq!(exact, total, "{misses:#?}");
}
