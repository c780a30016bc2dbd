//! `rinse clean --jsonl`: corpora as JSON Lines (`{"id": …, "text": …,
//! "metadata": {…}}` per line), plain, gzip or zstd, streamed in chunks so
//! memory stays flat whatever the corpus size.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use rayon::prelude::*;
use rinse::Cleaner;
use serde::Serialize;

use crate::args::CleanArgs;
use crate::atomic::AtomicFile;
use crate::inputs::{io_cause, Input};
use crate::Status;

/// How many records are cleaned in parallel at a time.
const CHUNK: usize = 2048;

/// Records cleaned and rejected in one file.
#[derive(Default)]
struct Totals {
    records: usize,
    rejected: usize,
}

/// A record `--reject` writes: where the rejected line was, why, and what it
/// held.
#[derive(Serialize)]
struct Rejected<'a> {
    file: String,
    line: usize,
    error: &'a str,
    record: &'a str,
}

/// Cleans every input as a JSON Lines corpus onto standard output.
pub fn run(
    args: &CleanArgs,
    cleaner: &Cleaner,
    inputs: &[Input],
    mut status: Status,
) -> anyhow::Result<ExitCode> {
    let mut stdout = io::BufWriter::with_capacity(1 << 20, io::stdout().lock());
    let mut reject = match &args.reject {
        Some(path) => Some(AtomicFile::create(path)?),
        None => None,
    };
    for input in inputs {
        let Input::File { path, .. } = input else {
            eprintln!("rinse: <stdin>: --jsonl reads files");
            status.failed();
            continue;
        };
        let sink: &mut dyn Write = match &mut reject {
            Some(file) => file,
            None => &mut io::sink(),
        };
        match clean_file(path, &args.text_field, cleaner, &mut stdout, sink) {
            Ok(totals) if totals.rejected > 0 && !args.quiet => {
                eprintln!(
                    "rinse: {}: {} records cleaned, {} rejected{}",
                    path.display(),
                    totals.records,
                    totals.rejected,
                    if args.reject.is_some() {
                        ""
                    } else {
                        " (see --reject)"
                    }
                );
            }
            Ok(_) => {}
            Err(err) if crate::is_broken_pipe(&err) => return Err(err),
            Err(err) => {
                eprintln!("rinse: {err:#}");
                status.failed();
            }
        }
    }
    stdout.flush().context("writing to standard output")?;
    if let Some(file) = reject {
        file.commit()?;
    }
    Ok(status.code())
}

fn open(path: &Path) -> anyhow::Result<Box<dyn BufRead + Send>> {
    let file = File::open(path)
        .map_err(|err| anyhow::anyhow!("{}: {}", path.display(), io_cause(&err)))?;
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

/// Cleans one corpus file, chunk by chunk, writing records in order.
fn clean_file(
    path: &Path,
    field: &str,
    cleaner: &Cleaner,
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
            .map(|(_, line)| {
                rinse::jsonl::clean_record(line, field, cleaner).map_err(|err| err.to_string())
            })
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
                    let entry = Rejected {
                        file: path.display().to_string(),
                        line: *number,
                        error: &error,
                        record: raw.trim_end(),
                    };
                    serde_json::to_writer(&mut *reject, &entry)?;
                    reject.write_all(b"\n")?;
                    totals.rejected += 1;
                }
            }
        }
    }
}
