//! Running rinse's loader on every document, and timing it.

use std::collections::HashMap;
use std::error::Error;
use std::hint::black_box;
use std::time::{Duration, Instant};

use rinse::load::load_bytes;
use serde::Serialize;

use super::corpus::{Corpus, Doc, Pair, ToolResults};

/// What rinse made of one document.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct RinseAnswer {
    /// `loaded.encoding.name()`.
    pub guess: &'static str,
    /// The rule that decided (`DecidedBy`, as its Debug name).
    pub decided_by: String,
    /// Whether `loaded.text` is the original text.
    pub ok: bool,
    /// Whether the WHATWG decoder of the true encoding gives the original
    /// text back; `None` when the encoding has no such decoder.
    pub reachable: Option<bool>,
    /// When it does not: the first character that comes back different, as
    /// `U+XXXX -> U+YYYY`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mismatch: Option<String>,
}

/// Runs `load_bytes` on every document of `corpus`, in id order.
pub(crate) fn score(
    corpus: &Corpus,
    tools: Option<&ToolResults>,
) -> Result<Vec<RinseAnswer>, Box<dyn Error>> {
    if let Some(tools) = tools {
        if tools.chardet.len() != corpus.docs.len() {
            return Err("the tool results do not match the documents".into());
        }
    }
    let pairs = pair_index(&corpus.pairs);
    let mut answers = Vec::with_capacity(corpus.docs.len());
    for doc in &corpus.docs {
        let pair = pairs
            .get(&(doc.lang.as_str(), doc.encoding.as_str()))
            .ok_or_else(|| format!("document {} has no pair", doc.id))?;
        let bytes = corpus.bytes(doc);
        let original = corpus.text(doc);
        let loaded = load_bytes(bytes, None);
        let true_text = true_decoding(pair, bytes);
        answers.push(RinseAnswer {
            guess: loaded.encoding.name(),
            decided_by: format!("{:?}", loaded.decided_by),
            ok: loaded.text == original,
            reachable: true_text.as_ref().map(|text| text == original),
            mismatch: true_text.and_then(|text| first_difference(original, &text)),
        });
    }
    Ok(answers)
}

/// The first character where `decoded` differs from `original`, as
/// `U+XXXX -> U+YYYY` (`end` when one text ends first).
fn first_difference(original: &str, decoded: &str) -> Option<String> {
    let show =
        |c: Option<char>| c.map_or_else(|| "end".to_owned(), |c| format!("U+{:04X}", u32::from(c)));
    let mut a = original.chars();
    let mut b = decoded.chars();
    loop {
        match (a.next(), b.next()) {
            (None, None) => return None,
            (x, y) if x == y => continue,
            (x, y) => return Some(format!("{} -> {}", show(x), show(y))),
        }
    }
}

/// The pairs by (language, encoding).
pub(crate) fn pair_index(pairs: &[Pair]) -> HashMap<(&str, &str), &Pair> {
    pairs
        .iter()
        .map(|pair| ((pair.lang.as_str(), pair.encoding.as_str()), pair))
        .collect()
}

/// `bytes` decoded with the WHATWG decoder of the pair's true encoding (or
/// as UTF-32), after its byte-order mark; `None` when the encoding has no
/// such decoder. Malformed input gives `Some` text that cannot equal the
/// original.
fn true_decoding(pair: &Pair, bytes: &[u8]) -> Option<String> {
    let body = if pair.encoding.ends_with("+BOM") {
        bytes.get(2..).unwrap_or_default()
    } else {
        bytes
    };
    let big_endian = match pair.encoding.as_str() {
        "UTF-32LE" => Some(false),
        "UTF-32BE" => Some(true),
        _ => None,
    };
    if let Some(big_endian) = big_endian {
        let units = body.chunks_exact(4);
        let whole = units.remainder().is_empty();
        let text: Option<String> = units
            .map(|unit| {
                let unit = [unit[0], unit[1], unit[2], unit[3]];
                let value = if big_endian {
                    u32::from_be_bytes(unit)
                } else {
                    u32::from_le_bytes(unit)
                };
                char::from_u32(value)
            })
            .collect();
        return Some(text.filter(|_| whole).unwrap_or_else(|| "\u{FFFD}".into()));
    }
    let encoding = encoding_rs::Encoding::for_label(pair.whatwg.as_deref()?.as_bytes())?;
    Some(
        encoding
            .decode_without_bom_handling_and_without_replacement(body)
            .map_or_else(|| "\u{FFFD}".into(), |text| text.into_owned()),
    )
}

/// Throughput of `load_bytes` on one group of documents.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct Throughput {
    /// `all`, `UTF-8`, `UTF-16/32` or `legacy`.
    pub group: &'static str,
    /// Size of the documents timed (the largest size), in bytes.
    pub size: usize,
    pub docs: usize,
    pub bytes: usize,
    /// Decimal megabytes per second, one thread.
    pub mb_per_s: f64,
    /// The same for chardet and charset-normalizer (their own timing of
    /// detection alone, one process), when they ran.
    pub chardet_mb_per_s: Option<f64>,
    pub cn_mb_per_s: Option<f64>,
}

/// The group of an encoding for the throughput figures.
fn group(doc: &Doc) -> &'static str {
    if doc.encoding == "UTF-8" {
        "UTF-8"
    } else if doc.encoding.starts_with("UTF-") {
        "UTF-16/32"
    } else {
        "legacy"
    }
}

/// Times `load_bytes` on the bare documents of the largest size, one
/// thread, repeating each group for about a second.
pub(crate) fn throughput(corpus: &Corpus, tools: Option<&ToolResults>) -> Vec<Throughput> {
    let Some(&size) = corpus.params.sizes.iter().max() else {
        return Vec::new();
    };
    let docs: Vec<&Doc> = corpus
        .docs
        .iter()
        .filter(|doc| doc.size == size && doc.variant == "bare")
        .collect();
    let mut out = Vec::new();
    for name in ["all", "UTF-8", "UTF-16/32", "legacy"] {
        let group: Vec<&Doc> = docs
            .iter()
            .copied()
            .filter(|doc| name == "all" || group(doc) == name)
            .collect();
        if group.is_empty() {
            continue;
        }
        let bytes: usize = group.iter().map(|doc| corpus.bytes(doc).len()).sum();
        let pass = || {
            for doc in &group {
                black_box(load_bytes(black_box(corpus.bytes(doc)), None).text.len());
            }
        };
        pass();
        let start = Instant::now();
        let mut passes = 0u32;
        while passes == 0 || start.elapsed() < Duration::from_secs(1) {
            pass();
            passes += 1;
        }
        let seconds = start.elapsed().as_secs_f64() / f64::from(passes);
        let tool_rate = |answers: &Vec<Option<super::corpus::ToolAnswer>>| {
            let spent: f64 = group
                .iter()
                .filter_map(|doc| answers.get(doc.id)?.as_ref())
                .map(|answer| answer.seconds)
                .sum();
            (spent > 0.0).then(|| bytes as f64 / spent / 1e6)
        };
        out.push(Throughput {
            group: name,
            size,
            docs: group.len(),
            bytes,
            mb_per_s: bytes as f64 / seconds / 1e6,
            chardet_mb_per_s: tools.and_then(|tools| tool_rate(&tools.chardet)),
            cn_mb_per_s: tools.and_then(|tools| tool_rate(&tools.cn)),
        });
    }
    out
}
