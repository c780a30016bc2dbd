//! `rinse clean`: inputs → cleaner (on a thread pool, in input order) →
//! the sink of the output mode and the side outputs.

use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use rinse::Cleaner;

use crate::args::CleanArgs;
use crate::guard::{self, Inputs};
use crate::inputs::{self, Input, Walk};
use crate::sink::{Document, Explain, Failure, Mode, Report};
use crate::{atomic, jsonl, ordered, settings, Status};

pub fn run(args: &CleanArgs) -> anyhow::Result<ExitCode> {
    let cleaner = settings::cleaner(&args.steps)?;
    let mode = Mode::of(args);
    if args.report.as_deref() == Some(Path::new("-")) && (mode.uses_stdout() || args.jsonl) {
        anyhow::bail!(
            "--report - needs standard output for itself: use it with --out or --in-place, or give --report a file"
        );
    }
    if args.reject.is_some() && !args.jsonl {
        anyhow::bail!("--reject applies to --jsonl only");
    }
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
        jsonl: args.jsonl,
    };
    let (mut inputs, skipped) = inputs::expand(&paths, walk);
    let mut status = Status::default();
    for skip in &skipped {
        if skip.error || !args.quiet {
            eprintln!("rinse: {}", skip.message);
        }
        if skip.error {
            status.failed();
        }
    }
    if let Some((index, count)) =
        inputs::shard_of(args.shard.as_deref(), |name| std::env::var(name).ok())?
    {
        inputs = inputs::shard(inputs, index, count);
    }
    // Nothing is written where it would destroy an input or be read back.
    let guard = Inputs::new(&paths, &inputs);
    if let Some(out) = &args.out {
        guard.check_out(out)?;
        guard::check_collisions(&inputs)?;
    }
    for (flag, path) in [("--report", &args.report), ("--reject", &args.reject)] {
        if let Some(path) = path.as_deref().filter(|path| *path != Path::new("-")) {
            guard.check_side_file(flag, path)?;
        }
    }
    if let (Some(out), false) = (&args.out, args.force) {
        inputs.retain(|input| match input {
            Input::File { relative, .. } => {
                !atomic::out_path(out, relative).is_ok_and(|path| path.exists())
            }
            Input::Stdin => true,
        });
    }
    let threads = args.threads.unwrap_or(0);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .context("cannot start the worker threads")?;
    if args.jsonl {
        return pool.install(|| jsonl::run(args, &cleaner, &inputs, status));
    }
    clean_files(args, cleaner, mode, inputs, guard, &pool, status)
}

/// File mode: every input read and cleaned on the pool, written in order.
fn clean_files(
    args: &CleanArgs,
    cleaner: Cleaner,
    mode: Mode,
    inputs: Vec<Input>,
    guard: Inputs,
    pool: &rayon::ThreadPool,
    mut status: Status,
) -> anyhow::Result<ExitCode> {
    let keep_decoded = mode.keeps_decoded_input();
    let max = args.max_doc_bytes;
    let mut sink = mode.open(guard);
    let mut report = args.report.as_deref().map(Report::open).transpose()?;
    // A progress bar on a terminal, for jobs of more than a few files.
    let progress = (!args.quiet && io::stderr().is_terminal() && inputs.len() > 16)
        .then(|| indicatif::ProgressBar::new(inputs.len() as u64));
    // Two files per thread in flight: enough to keep every thread busy while
    // one is written, few enough that memory does not grow with the tree.
    let window = 2 * pool.current_num_threads() + 2;
    let read_and_clean = move |input: Input| -> (Input, anyhow::Result<Document>) {
        let result = input.read(max).map(|bytes| {
            let loaded = cleaner.load(&bytes);
            let cleaned = cleaner.clean_loaded(&loaded);
            let decoded = keep_decoded.then(|| loaded.text.into_owned());
            (bytes, decoded, cleaned)
        });
        let document = result.map(|(bytes, decoded, cleaned)| Document {
            input: input.clone(),
            bytes,
            decoded,
            cleaned,
        });
        (input, document)
    };
    let mut fatal = None;
    let consumed = ordered::map_in_order(pool, inputs, window, read_and_clean, |(_, document)| {
        if let Some(bar) = &progress {
            bar.inc(1);
        }
        let doc = match document {
            Ok(doc) => doc,
            Err(err) => {
                eprintln!("rinse: {err:#}");
                status.failed();
                return Ok(());
            }
        };
        let written = sink
            .accept(&doc)
            .and_then(|()| report.as_mut().map_or(Ok(()), |report| report.record(&doc)));
        match written {
            Ok(()) => {}
            Err(Failure::Document(err)) => {
                eprintln!("rinse: {err:#}");
                status.failed();
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
    if let Some(bar) = progress {
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
    Ok(status.code())
}
