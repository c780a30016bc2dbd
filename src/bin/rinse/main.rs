//! The `rinse` command line: a thin layer over the library.

use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod diff;
mod inputs;
mod jsonl;
mod output;

use anyhow::Context;
use clap::{Parser, Subcommand};
use rayon::prelude::*;
use rinse::{Config, Step};

use crate::inputs::Input;

/// Clean text scraped from the web, and explain every change.
#[derive(Parser)]
#[command(name = "rinse", version, about, long_about = None)]
#[command(
    after_help = "Exit status: 0 when every input was cleaned, 2 when an input failed \
(the other inputs are still processed)."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Clean files (or `-` for standard input) and print the cleaned text.
    Clean(CleanArgs),
    /// Show what the loader and cleaner find in files, changing nothing.
    Inspect(InspectArgs),
    /// List every pipeline step with its default and what it does.
    Steps,
    /// The bundled corpus of test fixtures: list, show one, or export all.
    #[command(subcommand)]
    Corpus(CorpusCommand),
}

#[derive(Subcommand)]
enum CorpusCommand {
    /// One line per document: id, language, problems.
    List,
    /// A document's metadata and its expected cleaned text.
    Show {
        /// The document id (`rinse corpus list` shows them).
        id: String,
    },
    /// Write every document to DIR: raw/<id>, cleaned/<id> and fixtures.jsonl.
    Export {
        /// The folder to write to (created if missing).
        dir: PathBuf,
    },
}

#[derive(clap::Args)]
struct InspectArgs {
    /// Files to inspect; `-` reads standard input.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Print one JSON object per file (fields: path, encoding, decided_by,
    /// bom, malformed, repairs, scripts, changes).
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    steps: StepArgs,
}

#[derive(clap::Args)]
struct CleanArgs {
    /// Files and directories to clean (directories are walked in sorted
    /// order, hidden and binary files skipped); `-` reads standard input,
    /// as does giving no path when standard input is not a terminal.
    paths: Vec<PathBuf>,
    /// Work only on shard I of N (1-based) of the sorted list of input
    /// files, for a job array; without it, SLURM_ARRAY_TASK_ID and
    /// SLURM_ARRAY_TASK_COUNT are used when set.
    #[arg(long, value_name = "I/N")]
    shard: Option<String>,
    /// With --out: write outputs that already exist too (a rerun skips them).
    #[arg(long)]
    force: bool,
    /// Print only errors: no notes about skipped files or rejected records,
    /// no progress bar.
    #[arg(long, short, conflicts_with = "verbose")]
    quiet: bool,
    /// Also print one line per input on standard error: its encoding and
    /// how many changes cleaning made.
    #[arg(long, short)]
    verbose: bool,
    /// Write each cleaned file under DIR, at its path relative to the
    /// argument it came from, instead of printing it.
    #[arg(long, value_name = "DIR", conflicts_with_all = ["in_place", "check"])]
    out: Option<PathBuf>,
    /// Replace each file that changes with its cleaned text (atomically:
    /// temporary file, sync, rename). Without it no input is ever written.
    #[arg(long, conflicts_with = "check")]
    in_place: bool,
    /// Write nothing; list the files cleaning would change and exit with 1
    /// if there are any.
    #[arg(long)]
    check: bool,
    /// Print a unified diff of each file that changes (input against
    /// cleaned text), each removed line followed by the rule that removed
    /// it; coloured when standard output is a terminal. Writes no file.
    #[arg(long, conflicts_with_all = ["out", "in_place", "check"])]
    diff: bool,
    /// Write one JSON object per document (path, encoding, metadata, every
    /// change) to FILE, or to standard output with `-`.
    #[arg(long, value_name = "FILE")]
    report: Option<PathBuf>,
    /// How many threads clean files at once (default: one per core).
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    /// The inputs are JSON Lines corpora (plain, .gz or .zst): clean the
    /// text field of every record, pass every other field through, and
    /// print the records as JSON Lines.
    #[arg(long, conflicts_with_all = ["out", "in_place", "check"])]
    jsonl: bool,
    /// The field that holds the text, with --jsonl.
    #[arg(long, value_name = "NAME", default_value = "text")]
    text_field: String,
    /// With --jsonl: write records that are not JSON objects with a string
    /// text field here (one JSON object each, with file and line number).
    #[arg(long, value_name = "FILE")]
    reject: Option<PathBuf>,
    /// Also list every change on standard error: the line, the step, what
    /// was removed or replaced, and why.
    #[arg(long)]
    explain: bool,
    #[command(flatten)]
    steps: StepArgs,
}

/// The options that choose steps and their settings.
#[derive(clap::Args)]
struct StepArgs {
    /// Read settings from this TOML file.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Turn a step off (repeatable).
    #[arg(long, value_name = "STEP")]
    disable: Vec<String>,
    /// Turn a step on (repeatable).
    #[arg(long, value_name = "STEP")]
    enable: Vec<String>,
    /// Decode every input with this encoding (a WHATWG label such as
    /// windows-1256, koi8-r, shift_jis) instead of detecting one.
    #[arg(long, value_name = "NAME")]
    encoding: Option<String>,
    /// `full` (the default): every default step; `fix`: character-level
    /// repair only, no line removed.
    #[arg(long, value_name = "PRESET", value_parser = ["full", "fix"])]
    preset: Option<String>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Clean(args) => clean(&args),
        Command::Inspect(args) => inspect(&args),
        Command::Steps => steps(),
        Command::Corpus(command) => corpus(&command),
    };
    match result {
        Ok(code) => code,
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("rinse: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn config_from(args: &StepArgs) -> anyhow::Result<Config> {
    // A rinse.toml in the current directory applies when --config names none.
    let found = args
        .config
        .clone()
        .or_else(|| Some(PathBuf::from("rinse.toml")).filter(|path| path.is_file()));
    let mut config = match &found {
        Some(path) => Config::from_path(path)?,
        None if args.preset.as_deref() == Some("fix") => Config::preset_fix(),
        None => Config::default(),
    };
    if let Some(label) = &args.encoding {
        let encoding =
            encoding_rs::Encoding::for_label(label.trim().as_bytes()).ok_or_else(|| {
                rinse::Error::UnknownEncoding {
                    label: label.clone(),
                }
            })?;
        config = config.force_encoding(encoding);
    }
    for name in &args.disable {
        config = config.set(name.parse::<Step>()?, false)?;
    }
    for name in &args.enable {
        config = config.set(name.parse::<Step>()?, true)?;
    }
    Ok(config)
}

/// An input read and cleaned: its bytes and what rinse made of them.
type Done = (Vec<u8>, rinse::Cleaned);

fn clean(args: &CleanArgs) -> anyhow::Result<ExitCode> {
    let config = config_from(&args.steps)?;
    if args.report.as_deref() == Some(Path::new("-"))
        && !(args.check || args.in_place || args.out.is_some())
    {
        anyhow::bail!(
            "--report - needs the cleaned text to go elsewhere (--out, --in-place or --check)"
        );
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
    let (mut inputs, skipped) = inputs::expand(&paths);
    let mut failed = false;
    for skip in &skipped {
        if skip.error || !args.quiet {
            eprintln!("rinse: {}", skip.message);
        }
        failed |= skip.error;
    }
    if let Some((index, count)) = shard(args.shard.as_deref())? {
        inputs = inputs::shard(inputs, index, count);
    }
    if let (Some(out), false) = (&args.out, args.force) {
        inputs.retain(|input| match input {
            Input::File { relative, .. } => {
                !output::out_path(out, relative).is_ok_and(|path| path.exists())
            }
            Input::Stdin => true,
        });
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.unwrap_or(0))
        .build()
        .context("cannot start the worker threads")?;
    if args.jsonl {
        return pool.install(|| clean_jsonl(args, &config, &inputs, failed));
    }
    // A progress bar on a terminal, for jobs of more than a few files.
    let progress = (!args.quiet && io::stderr().is_terminal() && inputs.len() > 16)
        .then(|| indicatif::ProgressBar::new(inputs.len() as u64));
    // Files are cleaned in parallel; results come back in input order.
    let results: Vec<(Input, anyhow::Result<Done>)> = pool.install(|| {
        inputs
            .into_par_iter()
            .map(|input| {
                let result = read_input(&input).map(|bytes| {
                    let cleaned = rinse::clean_bytes(&bytes, &config);
                    (bytes, cleaned)
                });
                if let Some(bar) = &progress {
                    bar.inc(1);
                }
                (input, result)
            })
            .collect()
    });
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }

    let mut stdout = io::stdout().lock();
    let mut report = String::new();
    let mut would_change = false;
    for (input, result) in results {
        let (bytes, cleaned) = match result {
            Ok(done) => done,
            Err(err) => {
                eprintln!("rinse: {err:#}");
                failed = true;
                continue;
            }
        };
        let name = input.name();
        let changes = cleaned.text.as_bytes() != bytes.as_slice();
        let written = if args.diff {
            if changes {
                let before = rinse::load::load_bytes(&bytes, &config).text;
                diff::write(&mut stdout, &name, &before, &cleaned)
                    .context("writing to standard output")?;
                would_change = true;
            }
            Ok(())
        } else if args.check {
            if changes {
                writeln!(stdout, "{name}")?;
                would_change = true;
            }
            Ok(())
        } else if args.in_place {
            match &input {
                Input::File { path, .. } if changes => {
                    output::write_atomically(path, cleaned.text.as_bytes())
                }
                Input::File { .. } => Ok(()),
                Input::Stdin => Err(anyhow::anyhow!("<stdin>: cannot be cleaned in place")),
            }
        } else if let Some(out) = &args.out {
            let relative = match &input {
                Input::File { relative, .. } => relative.clone(),
                Input::Stdin => PathBuf::from("stdin.txt"),
            };
            output::out_path(out, &relative)
                .and_then(|path| output::write_atomically(&path, cleaned.text.as_bytes()))
        } else {
            stdout
                .write_all(cleaned.text.as_bytes())
                .context("writing to standard output")
        };
        if let Err(err) = written {
            if is_broken_pipe(&err) {
                return Err(err);
            }
            eprintln!("rinse: {err:#}");
            failed = true;
        }
        if args.explain {
            explain(&name, &cleaned)?;
        }
        if args.verbose {
            let count: usize = cleaned.report.changes.iter().map(|c| c.count).sum();
            eprintln!(
                "rinse: {name}: {} ({count} changes)",
                cleaned.report.encoding.name
            );
        }
        if args.report.is_some() {
            let entry = serde_json::json!({
                "path": name,
                "encoding": cleaned.report.encoding,
                "metadata": cleaned.metadata,
                "changed": changes,
                "changes": cleaned.report.changes,
            });
            report.push_str(&serde_json::to_string(&entry)?);
            report.push('\n');
        }
    }
    stdout.flush().context("writing to standard output")?;
    match args.report.as_deref() {
        Some(path) if path == Path::new("-") => stdout.write_all(report.as_bytes())?,
        Some(path) => output::write_atomically(path, report.as_bytes())?,
        None => {}
    }
    Ok(if failed {
        ExitCode::from(2)
    } else if would_change {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The shard to work on: `--shard I/N`, else the SLURM job-array
/// variables, else none. `I` is 1-based.
fn shard(flag: Option<&str>) -> anyhow::Result<Option<(usize, usize)>> {
    let parse = |index: &str, count: &str| -> Option<(usize, usize)> {
        let (index, count) = (index.trim().parse().ok()?, count.trim().parse().ok()?);
        (count >= 1 && (1..=count).contains(&index)).then_some((index, count))
    };
    if let Some(flag) = flag {
        let parsed = flag.split_once('/').and_then(|(i, n)| parse(i, n));
        return parsed.map(Some).ok_or_else(|| {
            anyhow::anyhow!("--shard {flag}: expected I/N with 1 <= I <= N, like 3/8")
        });
    }
    match (
        std::env::var("SLURM_ARRAY_TASK_ID"),
        std::env::var("SLURM_ARRAY_TASK_COUNT"),
    ) {
        // SLURM task ids start at 0 by default.
        (Ok(id), Ok(count)) => Ok(id
            .trim()
            .parse::<usize>()
            .ok()
            .and_then(|id| parse(&(id + 1).to_string(), &count))),
        _ => Ok(None),
    }
}

/// `rinse clean --jsonl`: every input file is a JSON Lines corpus.
fn clean_jsonl(
    args: &CleanArgs,
    config: &Config,
    inputs: &[Input],
    mut failed: bool,
) -> anyhow::Result<ExitCode> {
    let mut stdout = io::BufWriter::with_capacity(1 << 20, io::stdout().lock());
    let mut reject = jsonl::reject_writer(args.reject.as_deref())?;
    for input in inputs {
        let Input::File { path, .. } = input else {
            eprintln!("rinse: <stdin>: --jsonl reads files");
            failed = true;
            continue;
        };
        match jsonl::clean_file(path, &args.text_field, config, &mut stdout, &mut reject) {
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
            Err(err) if is_broken_pipe(&err) => return Err(err),
            Err(err) => {
                eprintln!("rinse: {err:#}");
                failed = true;
            }
        }
    }
    stdout.flush().context("writing to standard output")?;
    reject.flush()?;
    Ok(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

/// Writes every change of a cleaned document to standard error.
fn explain(path: &str, cleaned: &rinse::Cleaned) -> io::Result<()> {
    let mut err = io::stderr().lock();
    for (key, value) in &cleaned.metadata {
        writeln!(err, "{path}: metadata {key} = {value}")?;
    }
    for change in &cleaned.report.changes {
        let action = match change.action {
            rinse::Action::Removed => "removed",
            rinse::Action::Replaced => "replaced",
            rinse::Action::Inserted => "inserted",
        };
        let times = if change.count > 1 {
            format!(" ×{}", change.count)
        } else {
            String::new()
        };
        let what = match change.action {
            rinse::Action::Removed => format!("{:?}", change.before),
            _ => format!("{:?} → {:?}", change.before, change.after),
        };
        writeln!(
            err,
            "{path}:{}: {} {action}{times} {what}: {}",
            change.line, change.step, change.reason
        )?;
    }
    Ok(())
}

fn read_input(input: &Input) -> anyhow::Result<Vec<u8>> {
    match input {
        Input::Stdin => {
            let mut bytes = Vec::new();
            let mut stdin = io::stdin().lock();
            if stdin.is_terminal() {
                eprintln!("rinse: reading standard input (end with Ctrl-D)");
            }
            stdin
                .read_to_end(&mut bytes)
                .context("<stdin>: cannot read")?;
            Ok(bytes)
        }
        Input::File { path, .. } => std::fs::read(path)
            .map_err(|err| anyhow::anyhow!("{}: {}", path.display(), io_cause(&err))),
    }
}

/// The cause of an I/O error without the "(os error N)" suffix.
pub(crate) fn io_cause(err: &io::Error) -> String {
    match err.kind() {
        io::ErrorKind::NotFound => "no such file".to_owned(),
        io::ErrorKind::IsADirectory => "is a directory".to_owned(),
        io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => err.to_string(),
    }
}

fn inspect(args: &InspectArgs) -> anyhow::Result<ExitCode> {
    let config = config_from(&args.steps)?;
    let mut stdout = io::stdout().lock();
    let mut failed = false;
    let (inputs, skipped) = inputs::expand(&args.paths);
    for skip in &skipped {
        eprintln!("rinse: {}", skip.message);
        failed |= skip.error;
    }
    for input in &inputs {
        let bytes = match read_input(input) {
            Ok(bytes) => bytes,
            Err(err) => {
                eprintln!("rinse: {err:#}");
                failed = true;
                continue;
            }
        };
        let cleaned = rinse::clean_bytes(&bytes, &config);
        let shown = input.name();
        let language = dominant_language(&cleaned.text);
        if args.json {
            serde_json::to_writer(&mut stdout, &inspection(&shown, &cleaned.report, language))?;
            writeln!(stdout)?;
        } else {
            write_inspection(&mut stdout, &shown, &cleaned.report, language)?;
        }
    }
    stdout.flush()?;
    Ok(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

/// The language of a cleaned text, from its first 2000 bytes, when the
/// identification is reliable.
fn dominant_language(text: &str) -> Option<&'static str> {
    let mut end = text.len().min(2000);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    whatlang::detect(&text[..end])
        .filter(whatlang::Info::is_reliable)
        .map(|info| info.lang().eng_name())
}

/// The steps that repair how text was stored, rather than clean it.
fn is_repair(step: Step) -> bool {
    step.stage() == rinse::Stage::Load
}

/// What `inspect --json` prints for one file.
fn inspection(path: &str, report: &rinse::Report, language: Option<&str>) -> serde_json::Value {
    let repairs: Vec<_> = report
        .steps
        .iter()
        .filter(|s| is_repair(s.step) && s.occurrences > 0)
        .map(|s| serde_json::json!({ "step": s.step, "count": s.occurrences }))
        .collect();
    serde_json::json!({
        "path": path,
        "encoding": report.encoding.name,
        "decided_by": report.encoding.decided_by,
        "bom": report.encoding.bom,
        "malformed": report.encoding.malformed,
        "repairs": repairs,
        "language": language,
        "scripts": report.scripts,
        "changes": report.changes.iter().map(|c| c.count).sum::<usize>(),
    })
}

fn write_inspection(
    out: &mut impl Write,
    path: &str,
    report: &rinse::Report,
    language: Option<&str>,
) -> io::Result<()> {
    let encoding = &report.encoding;
    writeln!(out, "{path}")?;
    let decided = serde_json::to_value(encoding.decided_by)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default();
    let bom = if encoding.bom {
        ", with byte-order mark"
    } else {
        ""
    };
    writeln!(
        out,
        "  encoding: {} (decided by {decided}{bom})",
        encoding.name
    )?;
    if encoding.malformed > 0 {
        writeln!(
            out,
            "  malformed byte sequences: {} (replaced by U+FFFD)",
            encoding.malformed
        )?;
    }
    if let Some(language) = language {
        writeln!(out, "  language: {language}")?;
    }
    if let Some(dominant) = &report.scripts.dominant {
        let mix: Vec<String> = report
            .scripts
            .letters
            .iter()
            .map(|s| format!("{} {}", s.script, s.letters))
            .collect();
        writeln!(out, "  scripts: {} (letters: {})", dominant, mix.join(", "))?;
        if !report.scripts.mixed_lines.is_empty() {
            writeln!(
                out,
                "  lines mixing scripts: {}",
                report.scripts.mixed_lines.len()
            )?;
        }
    }
    for step in report.steps.iter().filter(|s| s.occurrences > 0) {
        let kind = if is_repair(step.step) {
            "repair"
        } else {
            "clean"
        };
        let first = report.changes_by(step.step).next();
        let example = first
            .filter(|c| !c.before.is_empty() || !c.after.is_empty())
            .map(|c| format!(", first on line {}: {:?} → {:?}", c.line, c.before, c.after))
            .unwrap_or_default();
        writeln!(out, "  {kind} {}: {}{example}", step.step, step.occurrences)?;
    }
    Ok(())
}

fn corpus(command: &CorpusCommand) -> anyhow::Result<ExitCode> {
    use rinse::fixtures;
    let mut out = io::stdout().lock();
    match command {
        CorpusCommand::List => {
            for fixture in fixtures::all() {
                let problems: Vec<&str> = fixture.problems.iter().map(|p| p.name()).collect();
                writeln!(
                    out,
                    "{}\t{}\t{}",
                    fixture.id,
                    fixture.language,
                    problems.join(",")
                )?;
            }
        }
        CorpusCommand::Show { id } => {
            let fixture = fixtures::by_id(id).ok_or_else(|| {
                anyhow::anyhow!("{id}: no such corpus document (see `rinse corpus list`)")
            })?;
            writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&fixture_json(fixture))?
            )?;
            writeln!(out, "--- expected cleaned text ---")?;
            out.write_all(fixture.expected().as_bytes())?;
        }
        CorpusCommand::Export { dir } => {
            let mut index = String::new();
            for fixture in fixtures::all() {
                output::write_atomically(&dir.join("raw").join(fixture.file), fixture.raw)?;
                output::write_atomically(
                    &dir.join("cleaned").join(fixture.file),
                    fixture.expected().as_bytes(),
                )?;
                index.push_str(&serde_json::to_string(&fixture_json(fixture))?);
                index.push('\n');
            }
            output::write_atomically(&dir.join("fixtures.jsonl"), index.as_bytes())?;
            writeln!(
                out,
                "wrote {} documents to {}",
                fixtures::all().len(),
                dir.display()
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A fixture's metadata as JSON (for `corpus show` and `corpus export`).
fn fixture_json(fixture: &rinse::fixtures::Fixture) -> serde_json::Value {
    let problems: Vec<&str> = fixture.problems.iter().map(|p| p.name()).collect();
    serde_json::json!({
        "id": fixture.id,
        "file": fixture.file,
        "language": fixture.language,
        "source": format!("{:?}", fixture.source),
        "problems": problems,
        "derived_from": fixture.derived_from,
        "notes": fixture.notes,
        "raw": format!("raw/{}", fixture.file),
        "cleaned": format!("cleaned/{}", fixture.file),
    })
}

fn steps() -> anyhow::Result<ExitCode> {
    let mut out = io::stdout().lock();
    let width = Step::ALL.iter().map(|s| s.name().len()).max().unwrap_or(0);
    for step in Step::ALL {
        let default = if step.default_enabled() { "on" } else { "off" };
        let fixed = if step.switchable() { "" } else { " (always)" };
        writeln!(
            out,
            "{:width$}  {default:3}  {}{fixed}",
            step.name(),
            step.summary()
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}
