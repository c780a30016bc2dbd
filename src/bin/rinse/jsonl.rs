//! `rinse clean --jsonl`: corpora as JSON Lines (`{"id": …, "text": …,
//! "metadata": {…}}` per line), plain, gzip or zstd, streamed in chunks so
//! memory stays flat whatever the corpus size.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Write};
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

/// How many distinct reasons a file's summary of rejected records shows.
const REASONS_SHOWN: usize = 3;

/// How much of a rejected record's line `--reject` keeps.
const REJECT_KEEPS: usize = 64 << 10;

/// What happened to the records of one file.
#[derive(Default)]
struct Totals {
    records: usize,
    rejected: usize,
    /// The first few distinct reasons records were rejected for.
    reasons: Vec<String>,
}

impl Totals {
    fn reject(&mut self, reason: &str) {
        self.rejected += 1;
        if self.reasons.len() < REASONS_SHOWN && !self.reasons.iter().any(|r| r == reason) {
            self.reasons.push(reason.to_owned());
        }
    }
}

/// A record `--reject` writes: where the rejected line was, why, and what it
/// held (its first 64 KiB).
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
        let name = input.name();
        let (totals, error) = clean_file(path, &name, args, cleaner, &mut stdout, sink);
        if let Some(err) = error {
            if crate::is_broken_pipe(&err) {
                return Err(err);
            }
            eprintln!("rinse: {err:#}");
            status.failed();
        }
        if summarize(&name, &totals, args) {
            status.failed();
        }
    }
    stdout.flush().context("writing to standard output")?;
    if let Some(file) = reject {
        file.commit()?;
    }
    Ok(status.code())
}

/// Prints what was rejected in one file (even with `--quiet`: a rejected
/// record is data not cleaned), and says whether the rejects fail the run:
/// every record of the file rejected, or more than `--max-reject`.
fn summarize(name: &str, totals: &Totals, args: &CleanArgs) -> bool {
    if totals.rejected == 0 {
        return false;
    }
    let all = totals.records + totals.rejected;
    let whereto = if args.reject.is_some() {
        ""
    } else {
        " (keep them with --reject FILE)"
    };
    eprintln!(
        "rinse: {name}: {} records cleaned, {} rejected{whereto}: {}",
        totals.records,
        totals.rejected,
        totals.reasons.join("; ")
    );
    if totals.records == 0 {
        eprintln!(
            "rinse: {name}: every record was rejected: {}",
            likely_cause(&totals.reasons)
        );
        return true;
    }
    let share = totals.rejected as f64 / all as f64;
    args.max_reject.is_some_and(|max| share > max)
}

/// What a file whose every record is rejected most likely is.
fn likely_cause(reasons: &[String]) -> String {
    match reasons.first() {
        Some(reason) if reason.starts_with("not a JSON object") => {
            "it is not JSON Lines (one JSON object a line)".to_owned()
        }
        Some(reason) if reason.starts_with("no field") => {
            format!("{reason}; choose the field with --text-field")
        }
        Some(reason) => reason.clone(),
        None => "no record".to_owned(),
    }
}

/// Opens a corpus file, decompressing gzip or zstd as its first bytes say
/// (whatever its name).
fn open(path: &Path, name: &str) -> anyhow::Result<Box<dyn BufRead + Send>> {
    let fail = |err: io::Error| anyhow::anyhow!("{name}: {}", io_cause(&err));
    let mut file = BufReader::with_capacity(1 << 20, File::open(path).map_err(fail)?);
    let head = file.fill_buf().map_err(fail)?;
    if head.starts_with(b"BZh") {
        anyhow::bail!("{name}: bzip2-compressed; decompress it first (bzip2 -dc {name} | rinse clean --jsonl -)");
    }
    let reader: Box<dyn BufRead + Send> = match crate::inputs::compression(head) {
        Some("gzip") => Box::new(BufReader::with_capacity(
            1 << 20,
            flate2::read::MultiGzDecoder::new(file),
        )),
        Some(_) => Box::new(BufReader::with_capacity(
            1 << 20,
            zstd::stream::read::Decoder::with_buffer(file)
                .with_context(|| format!("{name}: not zstd"))?,
        )),
        None => Box::new(file),
    };
    Ok(reader)
}

/// Reads one line into `line`, keeping at most `max` bytes of it; returns
/// its whole length without the line break (`None` at the end).
fn read_record(
    reader: &mut dyn BufRead,
    max: usize,
    line: &mut Vec<u8>,
) -> io::Result<Option<usize>> {
    line.clear();
    let mut total = 0;
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            return Ok((total > 0).then_some(total));
        }
        let (take, done) = match memchr::memchr(b'\n', buf) {
            Some(at) => (at + 1, true),
            None => (buf.len(), false),
        };
        let kept = take.min(max.saturating_sub(line.len()));
        line.extend_from_slice(&buf[..kept]);
        reader.consume(take);
        total += take;
        if done {
            return Ok(Some(total - 1));
        }
    }
}

/// Cleans one corpus file, chunk by chunk, writing records in order. An
/// error (a truncated stream) comes after every complete record read
/// before it has been written.
fn clean_file(
    path: &Path,
    name: &str,
    args: &CleanArgs,
    cleaner: &Cleaner,
    out: &mut dyn Write,
    reject: &mut dyn Write,
) -> (Totals, Option<anyhow::Error>) {
    let mut totals = Totals::default();
    let mut reader = match open(path, name) {
        Ok(reader) => reader,
        Err(err) => return (totals, Some(err)),
    };
    let max = usize::try_from(args.max_record_bytes).unwrap_or(usize::MAX);
    let mut number = 0usize;
    let mut line = Vec::new();
    loop {
        let mut chunk: Vec<(usize, Vec<u8>, Option<String>)> = Vec::with_capacity(CHUNK);
        let mut stopped = None;
        let mut ended = false;
        while chunk.len() < CHUNK {
            let length = match read_record(&mut reader, max.saturating_add(1), &mut line) {
                Ok(Some(length)) => length,
                Ok(None) => {
                    ended = true;
                    break;
                }
                Err(err) => {
                    stopped = Some(anyhow::anyhow!(
                        "{name}: cannot read past record {number}: {}",
                        io_cause(&err)
                    ));
                    break;
                }
            };
            number += 1;
            let mut record = std::mem::take(&mut line);
            if number == 1 && record.starts_with(b"\xEF\xBB\xBF") {
                record.drain(..3);
            }
            if record.iter().all(u8::is_ascii_whitespace) && length <= max {
                continue;
            }
            let too_long = (length > max).then(|| {
                format!("a record longer than --max-record-bytes ({max}): {length} bytes")
            });
            chunk.push((number, record, too_long));
        }
        let cleaned: Vec<Result<String, String>> = chunk
            .par_iter()
            .map(|(_, line, too_long)| match too_long {
                Some(reason) => Err(reason.clone()),
                None => rinse::jsonl::clean_record(line, &args.text_field, cleaner)
                    .map_err(|err| err.to_string()),
            })
            .collect();
        for ((number, line, _), result) in chunk.iter().zip(cleaned) {
            let written = match result {
                Ok(record) => out
                    .write_all(record.as_bytes())
                    .and_then(|()| out.write_all(b"\n"))
                    .map(|()| totals.records += 1),
                Err(error) => {
                    totals.reject(&error);
                    let kept = &line[..line.len().min(REJECT_KEEPS)];
                    let raw = String::from_utf8_lossy(kept);
                    let entry = Rejected {
                        file: name.to_owned(),
                        line: *number,
                        error: &error,
                        record: raw.trim_end(),
                    };
                    serde_json::to_writer(&mut *reject, &entry)
                        .map_err(io::Error::other)
                        .and_then(|()| reject.write_all(b"\n"))
                }
            };
            if let Err(err) = written {
                return (
                    totals,
                    Some(anyhow::Error::new(err).context("writing the records")),
                );
            }
        }
        if stopped.is_some() || ended {
            return (totals, stopped);
        }
    }
}
