//! `rinse clean`: inputs → cleaner (on a thread pool, in input order) →
//! the sink of the output mode and the side outputs; records (`--jsonl`,
//! `--parquet`) → [`records`]. Flags that do not apply to the mode are
//! errors, never silently ignored; a summary ends the run.

use std::io::{self, IsTerminal, Seek};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use rinse::jsonl::{Detail, FieldPath, RecordOptions};
use rinse::{Cleaner, ReportDetail, Streamed};

use crate::args::{CleanArgs, Compress, Metadata, DEFAULT_MAX_DOC_BYTES, DEFAULT_MAX_RECORD_BYTES};
use crate::compress::Compression;
use crate::guard::{self, Inputs};
use crate::inputs::{self, shown, Input, Walk};
use crate::records::{self, Format, Job, Place, Planned, Shared};
use crate::sink::{Document, Explain, Failure, Mode, Report};
use crate::stats::RunStats;
use crate::{atomic, ordered, progress, settings, Status};

/// What the inputs are.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Records(Format),
}

impl Kind {
    fn of(args: &CleanArgs) -> Kind {
        if args.jsonl {
            Kind::Records(Format::Jsonl)
        } else if args.parquet {
            Kind::Records(Format::Parquet)
        } else {
            Kind::Text
        }
    }

    fn flag(self) -> &'static str {
        match self {
            Kind::Text => "text files",
            Kind::Records(Format::Jsonl) => "--jsonl",
            Kind::Records(Format::Parquet) => "--parquet",
        }
    }
}

/// Refuses flags that would do nothing in this mode: a flag that is
/// silently ignored loses what the user meant.
fn check_flags(args: &CleanArgs, kind: Kind) -> anyhow::Result<()> {
    let refuse = |flag: &str, why: &str| -> anyhow::Result<()> {
        anyhow::bail!("{flag} does not apply to {}: {why}", kind.flag())
    };
    let writes_out = args.out.is_some() || args.output.is_some();
    if let Kind::Records(_) = kind {
        let text_only: [(bool, &str, &str); 6] = [
            (
                args.report.is_some(),
                "--report",
                "each record's summary is written under `rinse` (see --metadata)",
            ),
            (
                args.explain,
                "--explain",
                "it lists changes of text files; each record's summary is under `rinse`",
            ),
            (args.diff, "--diff", "it compares text files"),
            (
                args.check,
                "--check",
                "it lists text files that would change",
            ),
            (
                args.in_place,
                "--in-place",
                "records are written under --out or to --output",
            ),
            (
                args.max_doc_bytes.is_some(),
                "--max-doc-bytes",
                "records are bounded by --max-record-bytes",
            ),
        ];
        for (given, flag, why) in text_only {
            if given {
                refuse(flag, why)?;
            }
        }
    } else {
        let records_only: [(bool, &str); 7] = [
            (args.text_field.is_some(), "--text-field"),
            (args.text_column.is_some(), "--text-column"),
            (args.reject.is_some(), "--reject"),
            (args.max_reject.is_some(), "--max-reject"),
            (args.max_record_bytes.is_some(), "--max-record-bytes"),
            (args.metadata.is_some(), "--metadata"),
            (args.compress.is_some(), "--compress"),
        ];
        for (given, flag) in records_only {
            if given {
                refuse(flag, "it applies to --jsonl or --parquet")?;
            }
        }
    }
    if kind == Kind::Records(Format::Jsonl) && args.text_column.is_some() {
        refuse(
            "--text-column",
            "it names a Parquet column; use --text-field",
        )?;
    }
    if kind == Kind::Records(Format::Parquet) {
        if args.text_field.is_some() {
            refuse("--text-field", "use --text-column to name the column")?;
        }
        if args.max_record_bytes.is_some() {
            refuse("--max-record-bytes", "it bounds JSON Lines records")?;
        }
        if !writes_out {
            anyhow::bail!(
                "--parquet writes Parquet files: give --out DIR (one output per input) or --output FILE"
            );
        }
        if cfg!(not(feature = "parquet")) {
            anyhow::bail!("this rinse was built without Parquet support (the `parquet` feature)");
        }
    }
    if let Some(compress) = args.compress {
        if args.out.is_none() && kind == Kind::Records(Format::Jsonl) {
            anyhow::bail!(
                "--compress applies to outputs under --out; with --output the name chooses (.gz, .zst), and standard output is plain (pipe it to gzip or zstd)"
            );
        }
        if kind == Kind::Records(Format::Jsonl)
            && matches!(compress, Compress::Snappy | Compress::Lz4)
        {
            refuse(
                "--compress snappy/lz4",
                "JSON Lines is compressed with gzip or zstd",
            )?;
        }
    }
    if (args.resume || args.force) && !writes_out {
        let flag = if args.resume { "--resume" } else { "--force" };
        anyhow::bail!(
            "{flag} applies to --out or --output FILE (outputs that already exist; not standard output)"
        );
    }
    if args.drop_empty || args.min_chars.is_some() {
        let flag = if args.drop_empty {
            "--drop-empty"
        } else {
            "--min-chars"
        };
        for (given, mode) in [
            (args.in_place, "--in-place"),
            (args.check, "--check"),
            (args.diff, "--diff"),
        ] {
            if given {
                anyhow::bail!("{flag} does not apply to {mode}: it drops documents from an output");
            }
        }
    }
    if let Some(share) = args.max_reject {
        if !(0.0..=1.0).contains(&share) {
            anyhow::bail!("--max-reject {share}: a share from 0 to 1");
        }
    }
    Ok(())
}

pub fn run(args: &CleanArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let kind = Kind::of(args);
    check_flags(args, kind)?;
    // When nobody reads the changes one by one (no --report, --explain or
    // --diff), the report keeps counts per step and builds no excerpts.
    let counts_only = args.report.is_none() && !args.explain && !args.diff;
    let cleaner = settings::cleaner_with(&args.steps, |config| {
        if counts_only {
            config.report_detail(ReportDetail::Counts)
        } else {
            config
        }
    })?;
    let mode = Mode::of(args);
    if args.report.as_deref() == Some(Path::new("-")) && mode.uses_stdout() && args.output.is_none()
    {
        anyhow::bail!(
            "--report - needs standard output for itself: use it with --out, --output or --in-place, or give --report a file"
        );
    }
    let field = match &args.text_field {
        Some(spelled) => {
            FieldPath::parse(spelled).map_err(|err| anyhow::anyhow!("--text-field {err}"))?
        }
        None => FieldPath::key("text"),
    };
    let paths = if args.paths.is_empty() {
        if io::stdin().is_terminal() {
            anyhow::bail!(
                "no input: name files or directories, or pipe text in (`rinse clean --help`)"
            );
        }
        vec![PathBuf::from("-")]
    } else {
        args.paths.clone()
    };
    let walk = Walk {
        follow_links: args.follow,
        jsonl: kind == Kind::Records(Format::Jsonl),
        parquet: kind == Kind::Records(Format::Parquet),
    };
    let (mut inputs, skipped) = inputs::expand(&paths, walk);
    let mut status = Status::default();
    let mut stats = RunStats::new(match kind {
        Kind::Text => "files",
        Kind::Records(Format::Jsonl) => "jsonl",
        Kind::Records(Format::Parquet) => "parquet",
    });
    for skip in &skipped {
        if skip.error || !args.quiet {
            eprintln!("rinse: {}", skip.message);
        }
        if skip.error {
            status.failed();
            stats.failed_inputs += 1;
        }
    }
    if let Some((index, count)) =
        inputs::shard_of(args.shard.as_deref(), |name| std::env::var(name).ok())?
    {
        inputs = inputs::shard(inputs, index, count);
    }
    // Nothing is written where it would destroy an input or be read back.
    let guard = Inputs::new(&paths, &inputs);
    // Each input's own output under --out (renamed as --compress asks).
    let outs: Option<Vec<PathBuf>> = match &args.out {
        Some(out) => {
            guard.check_out(out)?;
            let relatives: Vec<PathBuf> = inputs
                .iter()
                .map(|input| output_relative(input, kind, args.compress))
                .collect();
            guard::check_collisions(&inputs, &relatives)?;
            let outs: Vec<PathBuf> = relatives
                .iter()
                .map(|relative| atomic::out_path(out, relative))
                .collect::<anyhow::Result<_>>()?;
            if matches!(kind, Kind::Records(_)) {
                // Text mode checks each file as it writes it (sink/tree.rs);
                // records are checked here, before anything is written.
                check_record_outputs(&guard, out, &outs)?;
            }
            Some(outs)
        }
        None => None,
    };
    for (flag, path) in [
        ("--report", &args.report),
        ("--reject", &args.reject),
        ("--stats", &args.stats),
        ("--output", &args.output),
    ] {
        if let Some(path) = path.as_deref().filter(|path| *path != Path::new("-")) {
            guard.check_side_file(flag, path)?;
        }
    }
    // Outputs that exist: skipped with --resume, rewritten with --force,
    // an error otherwise (a rerun never overwrites or skips silently).
    let mut planned: Vec<(Input, Option<PathBuf>)> = match outs {
        Some(outs) => inputs.into_iter().zip(outs.into_iter().map(Some)).collect(),
        None => inputs.into_iter().map(|input| (input, None)).collect(),
    };
    // Under --out anything standing at an output's path counts, a link
    // included (it is replaced, never followed); a path named with
    // --output counts when it holds a file (a device holds no output).
    let existing: Vec<&Path> = planned
        .iter()
        .filter_map(|(_, out)| out.as_deref())
        .filter(|path| atomic::is_taken(path))
        .chain(
            args.output
                .as_deref()
                .filter(|path| atomic::is_written(path)),
        )
        .collect();
    if let Some(first) = existing.first() {
        if args.resume {
            if let Some(output) = args
                .output
                .as_deref()
                .filter(|path| atomic::is_written(path))
            {
                // The one output is complete: nothing to do (and nothing
                // may overwrite it).
                stats.resumed += planned.len() as u64;
                if !args.quiet {
                    eprintln!(
                        "rinse: {}: complete (--resume): nothing to do",
                        shown(output)
                    );
                }
                finish(args, &mut stats, started)?;
                return Ok(status.code());
            }
            let before = planned.len();
            planned.retain(|(_, out)| !out.as_deref().is_some_and(atomic::is_taken));
            stats.resumed += (before - planned.len()) as u64;
        } else if !args.force {
            anyhow::bail!(
                "{} output{} already exist{} ({}{}): --resume skips complete outputs, --force rewrites them",
                existing.len(),
                if existing.len() == 1 { "" } else { "s" },
                if existing.len() == 1 { "s" } else { "" },
                shown(first),
                if existing.len() > 1 { ", …" } else { "" },
            );
        }
    }
    if let (Some(out), Kind::Records(_)) = (&args.out, kind) {
        // What a killed run left half-written goes first (text mode's tree
        // does the same).
        atomic::remove_stale_temps(out);
    }
    let threads = args.threads.unwrap_or(0);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("rinse-worker-{i}"))
        .build()
        .context("cannot start the worker threads")?;
    let result = match kind {
        Kind::Records(format) => {
            let job = Job {
                cleaner,
                options: RecordOptions::new(field).detail(match args.metadata {
                    Some(Metadata::Full) => Detail::Full,
                    _ => Detail::Summary,
                }),
                drop_empty: args.drop_empty,
                min_chars: args.min_chars,
                keep_rejects: args.reject.is_some(),
                max_record_bytes: usize::try_from(
                    args.max_record_bytes.unwrap_or(DEFAULT_MAX_RECORD_BYTES),
                )
                .unwrap_or(usize::MAX),
            };
            let total: Option<u64> = planned
                .iter()
                .map(|(input, _)| match input {
                    Input::File { path, .. } => std::fs::metadata(path).ok().map(|m| m.len()),
                    Input::Stdin => None,
                })
                .sum();
            let bar = progress::bytes(args.quiet, total);
            let shared = if args.out.is_some() || format == Format::Parquet {
                Shared::None
            } else {
                Shared::Lines(args.output.clone())
            };
            let planned: Vec<Planned> = planned
                .into_iter()
                .map(|(input, out)| Planned {
                    input,
                    place: if out.is_some() {
                        Place::UnderOut
                    } else {
                        Place::Named
                    },
                    out: out.or_else(|| {
                        (format == Format::Parquet)
                            .then(|| args.output.clone())
                            .flatten()
                    }),
                })
                .collect();
            if format == Format::Parquet && args.output.is_some() && planned.len() > 1 {
                anyhow::bail!(
                    "--output with --parquet takes one input ({} given): use --out DIR for one output per input",
                    planned.len()
                );
            }
            let result = records::run(
                format,
                &job,
                args,
                planned,
                shared,
                &pool,
                &mut status,
                &mut stats,
                bar.as_ref(),
            );
            if let Some(bar) = bar {
                bar.finish_and_clear();
            }
            result
        }
        Kind::Text => clean_files(
            args,
            cleaner,
            mode,
            planned,
            guard,
            &pool,
            &mut status,
            &mut stats,
        ),
    };
    if let Err(err) = result {
        if crate::is_broken_pipe(&err) {
            return Err(err);
        }
        // The summary still says what was done before the failure.
        finish(args, &mut stats, started)?;
        return Err(err);
    }
    finish(args, &mut stats, started)?;
    Ok(status.code())
}

/// The summary on standard error (unless `--quiet`) and in `--stats`.
fn finish(args: &CleanArgs, stats: &mut RunStats, started: Instant) -> anyhow::Result<()> {
    stats.seconds = started.elapsed().as_secs_f64();
    if !args.quiet {
        eprint!("{}", stats.human());
    }
    if let Some(path) = &args.stats {
        let json = serde_json::to_string_pretty(&*stats)? + "\n";
        atomic::write_named(path, json.as_bytes())
            .map_err(|err| anyhow::anyhow!("--stats {err:#}"))?;
    }
    Ok(())
}

/// The outputs of records under `--out`: none may be an input (`--out .`
/// beside the inputs would overwrite them), and none may leave the folder
/// through a symbolic link on the way (`OUT/sub` linked elsewhere).
fn check_record_outputs(guard: &Inputs, out: &Path, outs: &[PathBuf]) -> anyhow::Result<()> {
    let root = guard::resolve(out);
    for path in outs {
        guard.check_not_input(path)?;
        guard::check_inside(path, path.parent().unwrap_or(out), out, &root)?;
    }
    Ok(())
}

/// Where `input` goes under `--out`: its relative path, a JSON Lines
/// shard's extension changed as `--compress` asks.
fn output_relative(input: &Input, kind: Kind, compress: Option<Compress>) -> PathBuf {
    let relative = match input {
        Input::File { relative, .. } => relative.clone(),
        Input::Stdin => PathBuf::from(match kind {
            Kind::Text => "stdin.txt",
            Kind::Records(Format::Jsonl) => "stdin.jsonl",
            Kind::Records(Format::Parquet) => "stdin.parquet",
        }),
    };
    match (kind, compress) {
        (Kind::Records(Format::Jsonl), Some(Compress::Gzip)) => Compression::Gzip.rename(&relative),
        (Kind::Records(Format::Jsonl), Some(Compress::Zstd)) => Compression::Zstd.rename(&relative),
        (Kind::Records(Format::Jsonl), Some(Compress::None)) => Compression::None.rename(&relative),
        _ => relative,
    }
}

/// File mode: every input read and cleaned on the pool, written in order.
#[allow(clippy::too_many_arguments)]
fn clean_files(
    args: &CleanArgs,
    cleaner: Cleaner,
    mode: Mode,
    planned: Vec<(Input, Option<PathBuf>)>,
    guard: Inputs,
    pool: &rayon::ThreadPool,
    status: &mut Status,
    stats: &mut RunStats,
) -> anyhow::Result<()> {
    let keep_decoded = mode.keeps_decoded_input();
    // Whether every document kept is written (printed or under --out).
    let writes_text = matches!(mode, Mode::Print | Mode::Tree(_));
    let max = args.max_doc_bytes.unwrap_or(DEFAULT_MAX_DOC_BYTES);
    let mut sink = mode.open(guard, args.output.as_deref())?;
    let mut report = args.report.as_deref().map(Report::open).transpose()?;
    let job = Job {
        cleaner: cleaner.clone(),
        options: RecordOptions::new(FieldPath::key("text")),
        drop_empty: args.drop_empty,
        min_chars: args.min_chars,
        keep_rejects: false,
        max_record_bytes: 0,
    };
    let bar = progress::files(args.quiet, planned.len());
    // Two files per thread in flight: enough to keep every thread busy while
    // one is written, few enough that memory does not grow with the tree.
    let window = 2 * pool.current_num_threads() + 2;
    // A large file that is printed, written under `--out` or replaced in
    // place is cleaned on this thread, in input order, a block of lines at
    // a time (flat memory, no second copy of it), when the configuration
    // and its bytes allow that (see `Cleaner::clean_streaming`); else it is
    // read whole like the others.
    let stream_files = (writes_text || args.in_place)
        && !args.drop_empty
        && args.min_chars.is_none()
        && cleaner.streams();
    let whole = {
        let cleaner = cleaner.clone();
        move |input: Input, out: Option<PathBuf>| {
            read_whole(&cleaner, input, out, max, keep_decoded)
        }
    };
    let read_and_clean = {
        let whole = whole.clone();
        move |(input, out): (Input, Option<PathBuf>)| {
            let large = match &input {
                Input::File { path, .. } => std::fs::metadata(path)
                    .is_ok_and(|meta| (STREAM_FROM_BYTES..=max).contains(&meta.len())),
                Input::Stdin => false,
            };
            if stream_files && large {
                return Ok(Prepared::Later(input, out));
            }
            whole(input, out).map(|doc| Prepared::Now(Box::new(doc)))
        }
    };
    let mut fatal = None;
    let consumed = ordered::map_in_order(pool, planned, window, read_and_clean, |document| {
        if let Some(bar) = &bar {
            bar.inc(1);
        }
        let document = match document {
            Ok(Prepared::Now(doc)) => Ok(*doc),
            Ok(Prepared::Later(input, out)) => {
                match stream_file(
                    &cleaner,
                    &input,
                    out.as_deref(),
                    sink.as_mut(),
                    stats,
                    args.verbose,
                ) {
                    Ok(Some(report)) => {
                        if args.verbose {
                            let count: usize = report.changes.iter().map(|c| c.count).sum();
                            eprintln!(
                                "rinse: {}: {} ({count} changes, cleaned as a stream)",
                                input.name(),
                                report.encoding.name
                            );
                        }
                        return Ok(());
                    }
                    Ok(None) => whole(input, out),
                    Err(Failure::Document(err)) => Err(err),
                    Err(Failure::Fatal(err)) => {
                        fatal = Some(err);
                        anyhow::bail!("stopped");
                    }
                }
            }
            Err(err) => Err(err),
        };
        let doc = match document {
            Ok(doc) => doc,
            Err(err) => {
                eprintln!("rinse: {err:#}");
                status.failed();
                stats.failed_inputs += 1;
                return Ok(());
            }
        };
        stats.inputs += 1;
        stats.bytes_in += doc.bytes.len() as u64;
        // `changed` compares bytes (a re-encoded file changes).
        stats.document(doc.bytes.len(), &doc.cleaned, doc.changed());
        let written = job.keeps(stats, &doc.cleaned.text);
        let accepted = if written {
            if writes_text || (args.in_place && doc.changed()) {
                stats.bytes_out += doc.cleaned.text.len() as u64;
            }
            sink.accept(&doc)
        } else {
            Ok(())
        };
        let recorded =
            accepted.and_then(|()| report.as_mut().map_or(Ok(()), |report| report.record(&doc)));
        match recorded {
            Ok(()) => {}
            Err(Failure::Document(err)) => {
                eprintln!("rinse: {err:#}");
                status.failed();
                stats.failed_inputs += 1;
            }
            Err(Failure::Fatal(err)) => {
                fatal = Some(err);
                anyhow::bail!("stopped");
            }
        }
        if args.explain {
            Explain::write(&doc).context("writing to standard error")?;
        }
        if args.verbose {
            let count: usize = doc.cleaned.report.changes.iter().map(|c| c.count).sum();
            eprintln!(
                "rinse: {}: {} ({count} changes)",
                doc.input.name(),
                doc.cleaned.report.encoding.name
            );
        }
        Ok(())
    });
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    if let Some(err) = fatal {
        return Err(err);
    }
    consumed?;
    let finished = sink
        .finish()
        .and_then(|()| report.map_or(Ok(()), Report::finish));
    if let Err(Failure::Document(err) | Failure::Fatal(err)) = finished {
        return Err(err);
    }
    if sink.found_changes() {
        status.would_change();
    }
    Ok(())
}

/// Files at least this large are cleaned as a stream when they can be.
const STREAM_FROM_BYTES: u64 = 4 << 20;

/// An input as the worker threads hand it on.
enum Prepared {
    /// Read and cleaned.
    Now(Box<Document>),
    /// To be cleaned as a stream, in order, by the writer.
    Later(Input, Option<PathBuf>),
}

/// Reads `input` whole and cleans it.
fn read_whole(
    cleaner: &Cleaner,
    input: Input,
    out: Option<PathBuf>,
    max: u64,
    keep_decoded: bool,
) -> anyhow::Result<Document> {
    let bytes = input.read(max)?;
    let loaded = cleaner.load(&bytes);
    let cleaned = cleaner.clean_loaded(&loaded);
    let decoded = keep_decoded.then(|| loaded.text.into_owned());
    Ok(Document {
        input,
        out,
        bytes,
        decoded,
        cleaned,
    })
}

/// Cleans the file `input` as a stream into the sink's output, counts it
/// and returns its report; `Ok(None)` when it cannot be streamed (nothing
/// written, or what was written taken back: it is then read whole) or
/// cannot be opened (the whole read says why).
///
/// An output that can take back what it wrote (a regular file: `--output`,
/// or `> file`) gets the input read once, checked as it is cleaned
/// ([`Cleaner::clean_streaming_once`]); when a later block takes back what
/// was written (a line of latin-1 after a megabyte of ASCII), the input is
/// read again as any other output gets it: written only after a first
/// read has found that the input streams ([`Cleaner::clean_streaming`]),
/// so it is read whole only when it must be (or when it changed between
/// those two reads). A read error fails this document only when nothing
/// of it is left written; else it stops the run. A write
/// error into a file of the document's own (`--out`, `--in-place`) takes
/// that file back and leaves the document to be cleaned whole; into a
/// shared output (printing) it stops the run.
fn stream_file(
    cleaner: &Cleaner,
    input: &Input,
    out: Option<&Path>,
    sink: &mut dyn crate::sink::Sink,
    stats: &mut RunStats,
    verbose: bool,
) -> Result<Option<rinse::Report>, Failure> {
    let Input::File { path, .. } = input else {
        return Ok(None);
    };
    let Ok(mut file) = std::fs::File::open(path) else {
        return Ok(None);
    };
    let mark = sink.mark();
    let own_file = sink.streams_to_own_file();
    // Read once when what was written can be taken back; when a later
    // block shows the input is not what its first said (a line of latin-1
    // after a megabyte of ASCII), it is read again from the start with a
    // survey first, so it still streams, in flat memory, where it can.
    let mut once = mark.is_some();
    // Whether this is the second read, after a take-back.
    let mut retried = false;
    loop {
        let Some((output, name)) = sink.stream_to(path, out)? else {
            return Ok(None);
        };
        let name = name.to_owned();
        let mut counted = Counted {
            inner: output,
            written: 0,
            failed: false,
        };
        let streamed = if once {
            cleaner.clean_streaming_once(&mut file, &mut counted)
        } else {
            cleaner
                .clean_streaming(&mut file, &mut counted)
                .map(|report| {
                    report.map_or(Streamed::Whole, |report| {
                        Streamed::Cleaned(Box::new(report))
                    })
                })
        };
        let Counted {
            written, failed, ..
        } = counted;
        // Takes back what was written of this document.
        let mut take_back = |why: &str| match mark {
            Some(mark) => sink.take_back(mark).map_err(|err| {
                Failure::Fatal(anyhow::anyhow!(
                    "{name}: cannot take back the part of {} written before {why}: {}",
                    shown(path),
                    inputs::io_cause(&err)
                ))
            }),
            None => Ok(()),
        };
        return match streamed {
            Ok(Streamed::Cleaned(report)) => {
                // Text decoded from another encoding differs from its bytes
                // even where no step changed it.
                let changed =
                    report.changed() || report.encoding.name != rinse::Encoding::UTF_8.name();
                let replaced = sink.stream_done(written, changed)?;
                let read = file.stream_position().unwrap_or(0);
                stats.inputs += 1;
                stats.bytes_in += read;
                stats.document_report(read as usize, written as usize, &report, changed);
                stats.written += 1;
                if replaced {
                    stats.bytes_out += written;
                }
                Ok(Some(*report))
            }
            Ok(Streamed::Whole) => {
                // Nothing was written; a file begun for the document goes.
                // (A shared file is left as it is: after a retry, the
                // message that said so may stand there, `2>&1`.)
                if written > 0 || own_file {
                    take_back("it was found to need cleaning whole")?;
                }
                if verbose && retried {
                    eprintln!(
                        "rinse: {}: surveyed again, found to need cleaning whole: cleaned again whole",
                        shown(path)
                    );
                }
                Ok(None)
            }
            Ok(Streamed::TakeBack { .. }) => {
                take_back("it was found to need reading again")?;
                // The input is back at its start: surveyed this time.
                once = false;
                retried = true;
                if verbose {
                    eprintln!(
                        "rinse: {}: began as a stream, then found to need reading again (a later block): surveyed and cleaned again",
                        shown(path)
                    );
                }
                continue;
            }
            // A file of the document's own (a full disk): it is cleaned
            // whole, as if it had not streamed (an input that does not change
            // needs no space; one that does fails alone).
            Err(_) if failed && own_file => {
                take_back("a write error")?;
                Ok(None)
            }
            Err(err) if failed => Err(Failure::Fatal(
                anyhow::Error::new(err).context(format!("writing to {name}")),
            )),
            // Read again after a take-back, the input changed between the
            // survey and the stream (a log that grows): cleaned whole, as
            // it was before the retry (a read error says so then).
            Err(_) if retried => {
                if written > 0 || own_file {
                    take_back("the input changed")?;
                }
                if verbose {
                    eprintln!(
                        "rinse: {}: changed while it was read again: cleaned again whole",
                        shown(path)
                    );
                }
                Ok(None)
            }
            Err(err) if written == 0 || mark.is_some() => {
                let cause = inputs::io_cause(&err);
                take_back(&format!("a read error ({cause})"))?;
                Err(Failure::Document(anyhow::anyhow!(
                    "{}: {cause}",
                    shown(path)
                )))
            }
            Err(err) => Err(Failure::Fatal(anyhow::anyhow!(
                "{}: {} (part of its cleaned text is written)",
                shown(path),
                inputs::io_cause(&err)
            ))),
        };
    }
}

/// A writer that counts the bytes written through it and remembers a
/// failure (to tell a write error from a read error).
struct Counted<'a> {
    inner: &'a mut dyn io::Write,
    written: u64,
    failed: bool,
}

impl io::Write for Counted<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let result = self.inner.write(buf);
        match &result {
            Ok(n) => self.written += *n as u64,
            Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => self.failed = true,
        }
        result
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush().inspect_err(|_| self.failed = true)
    }
}
