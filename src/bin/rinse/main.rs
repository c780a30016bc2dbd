//! The `rinse` command line: a thin layer over the library.

use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};
use rinse::{Config, Step};

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
    /// Files to clean; `-` reads standard input.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
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
    let mut config = match &args.config {
        Some(path) => Config::from_path(path)?,
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

fn clean(args: &CleanArgs) -> anyhow::Result<ExitCode> {
    let config = config_from(&args.steps)?;
    let mut stdout = io::stdout().lock();
    let mut failed = false;
    for path in &args.paths {
        match read_input(path) {
            Ok(bytes) => {
                let cleaned = rinse::clean_bytes(&bytes, &config);
                stdout
                    .write_all(cleaned.text.as_bytes())
                    .context("writing to standard output")?;
                if args.explain {
                    explain(&path.display().to_string(), &cleaned)?;
                }
            }
            Err(err) => {
                eprintln!("rinse: {err:#}");
                failed = true;
            }
        }
    }
    stdout.flush().context("writing to standard output")?;
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

fn read_input(path: &Path) -> anyhow::Result<Vec<u8>> {
    if path == Path::new("-") {
        let mut bytes = Vec::new();
        let mut stdin = io::stdin().lock();
        if stdin.is_terminal() {
            eprintln!("rinse: reading standard input (end with Ctrl-D)");
        }
        stdin
            .read_to_end(&mut bytes)
            .context("<stdin>: cannot read")?;
        return Ok(bytes);
    }
    if path.is_dir() {
        anyhow::bail!("{}: is a directory", path.display());
    }
    std::fs::read(path).map_err(|err| anyhow::anyhow!("{}: {}", path.display(), io_cause(&err)))
}

/// The cause of an I/O error without the "(os error N)" suffix.
fn io_cause(err: &io::Error) -> String {
    match err.kind() {
        io::ErrorKind::NotFound => "no such file".to_owned(),
        io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => err.to_string(),
    }
}

fn inspect(args: &InspectArgs) -> anyhow::Result<ExitCode> {
    let config = config_from(&args.steps)?;
    let mut stdout = io::stdout().lock();
    let mut failed = false;
    for path in &args.paths {
        let bytes = match read_input(path) {
            Ok(bytes) => bytes,
            Err(err) => {
                eprintln!("rinse: {err:#}");
                failed = true;
                continue;
            }
        };
        let cleaned = rinse::clean_bytes(&bytes, &config);
        let shown = path.display().to_string();
        if args.json {
            serde_json::to_writer(&mut stdout, &inspection(&shown, &cleaned.report))?;
            writeln!(stdout)?;
        } else {
            write_inspection(&mut stdout, &shown, &cleaned.report)?;
        }
    }
    stdout.flush()?;
    Ok(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

/// The steps that repair how text was stored, rather than clean it.
fn is_repair(step: Step) -> bool {
    step.stage() == rinse::Stage::Load
}

/// What `inspect --json` prints for one file.
fn inspection(path: &str, report: &rinse::Report) -> serde_json::Value {
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
        "scripts": report.scripts,
        "changes": report.changes.iter().map(|c| c.count).sum::<usize>(),
    })
}

fn write_inspection(out: &mut impl Write, path: &str, report: &rinse::Report) -> io::Result<()> {
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
                write_atomically(&dir.join("raw").join(fixture.file), fixture.raw)?;
                write_atomically(
                    &dir.join("cleaned").join(fixture.file),
                    fixture.expected().as_bytes(),
                )?;
                index.push_str(&serde_json::to_string(&fixture_json(fixture))?);
                index.push('\n');
            }
            write_atomically(&dir.join("fixtures.jsonl"), index.as_bytes())?;
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

/// Writes `bytes` to `path` through a temporary file in the same folder and
/// a rename, so that a reader never sees a half-written file.
fn write_atomically(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).with_context(|| format!("{}: cannot create", dir.display()))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = dir.join(format!(".{name}.rinse-tmp"));
    std::fs::write(&temp, bytes).with_context(|| format!("{}: cannot write", temp.display()))?;
    std::fs::rename(&temp, path).with_context(|| format!("{}: cannot write", path.display()))?;
    Ok(())
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
