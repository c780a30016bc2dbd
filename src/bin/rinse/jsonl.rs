//! `rinse clean --jsonl`: corpora as JSON Lines (`{"id": …, "text": …,
//! "metadata": {…}}` per line), plain, gzip or zstd, streamed in chunks so
//! memory stays flat whatever the corpus size.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::Path;

use anyhow::Context;
use rayon::prelude::*;
use serde_json::{Map, Value};

/// How many records are cleaned together (in parallel) before their output
/// is written, in order.
const CHUNK: usize = 2048;

/// What a run over one JSONL file did.
#[derive(Default)]
pub struct Totals {
    pub records: usize,
    pub rejected: usize,
}

/// Opens `path`, decompressing `.gz` and `.zst` files.
fn open(path: &Path) -> anyhow::Result<Box<dyn BufRead + Send>> {
    let file = File::open(path)
        .map_err(|err| anyhow::anyhow!("{}: {}", path.display(), crate::io_cause(&err)))?;
    let reader: Box<dyn Read + Send> = match path.extension().and_then(|e| e.to_str()) {
        Some("gz") => Box::new(flate2::read::MultiGzDecoder::new(file)),
        Some("zst") => Box::new(
            zstd::stream::read::Decoder::new(file)
                .with_context(|| format!("{}: not zstd", path.display()))?,
        ),
        _ => Box::new(file),
    };
    Ok(Box::new(BufReader::with_capacity(1 << 20, reader)))
}

/// Cleans every record of `path` into `out`; records that are not JSON
/// objects with a string `field` go to `reject` with their line number.
pub fn clean_file(
    path: &Path,
    field: &str,
    config: &rinse::Config,
    out: &mut dyn Write,
    reject: &mut dyn Write,
) -> anyhow::Result<Totals> {
    let mut reader = open(path)?;
    let mut totals = Totals::default();
    let mut number = 0usize;
    loop {
        let mut chunk: Vec<(usize, Vec<u8>)> = Vec::with_capacity(CHUNK);
        while chunk.len() < CHUNK {
            let mut line = Vec::new();
            let read = reader
                .read_until(b'\n', &mut line)
                .with_context(|| format!("{}: cannot read", path.display()))?;
            if read == 0 {
                break;
            }
            number += 1;
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            chunk.push((number, line));
        }
        if chunk.is_empty() {
            return Ok(totals);
        }
        let cleaned: Vec<Result<String, String>> = chunk
            .par_iter()
            .map(|(_, line)| clean_record(line, field, config))
            .collect();
        for ((number, line), result) in chunk.iter().zip(cleaned) {
            match result {
                Ok(record) => {
                    out.write_all(record.as_bytes())?;
                    out.write_all(b"\n")?;
                    totals.records += 1;
                }
                Err(error) => {
                    let raw = String::from_utf8_lossy(line);
                    let entry = serde_json::json!({
                        "file": path.display().to_string(),
                        "line": number,
                        "error": error,
                        "record": raw.trim_end(),
                    });
                    writeln!(reject, "{entry}")?;
                    totals.rejected += 1;
                }
            }
        }
    }
}

/// One record cleaned: its text field replaced by the cleaned text, a
/// `rinse` summary added under `metadata` (or at the top level when
/// `metadata` is not an object), every other field untouched and in order.
fn clean_record(line: &[u8], field: &str, config: &rinse::Config) -> Result<String, String> {
    let mut record: Map<String, Value> =
        serde_json::from_slice(line).map_err(|err| format!("not a JSON object: {err}"))?;
    let text = match record.get(field) {
        Some(Value::String(text)) => text,
        Some(_) => return Err(format!("field `{field}` is not a string")),
        None => return Err(format!("no field `{field}`")),
    };
    let cleaned = rinse::clean_str(text, config);
    let mut steps = Map::new();
    for step in cleaned.report.steps.iter().filter(|s| s.occurrences > 0) {
        steps.insert(step.step.name().to_owned(), Value::from(step.occurrences));
    }
    let summary = serde_json::json!({
        "changed": cleaned.text != *text,
        "steps": steps,
        "metadata": cleaned.metadata,
    });
    record.insert(field.to_owned(), Value::String(cleaned.text));
    match record.get_mut("metadata") {
        Some(Value::Object(metadata)) => {
            metadata.insert("rinse".to_owned(), summary);
        }
        Some(_) => {
            record.insert("rinse".to_owned(), summary);
        }
        None => {
            let mut metadata = Map::new();
            metadata.insert("rinse".to_owned(), summary);
            record.insert("metadata".to_owned(), Value::Object(metadata));
        }
    }
    serde_json::to_string(&record).map_err(|err| err.to_string())
}

/// A writer for rejected records: the file given, or a sink.
pub fn reject_writer(path: Option<&Path>) -> anyhow::Result<Box<dyn Write>> {
    Ok(match path {
        Some(path) => Box::new(io::BufWriter::new(File::create(path).map_err(|err| {
            anyhow::anyhow!("{}: {}", path.display(), crate::io_cause(&err))
        })?)),
        None => Box::new(io::sink()),
    })
}
