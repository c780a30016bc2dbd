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
    /// List every pipeline step with its default and what it does.
    Steps,
}

#[derive(clap::Args)]
struct CleanArgs {
    /// Files to clean; `-` reads standard input.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Read settings from this TOML file.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Turn a step off (repeatable).
    #[arg(long, value_name = "STEP")]
    disable: Vec<String>,
    /// Turn a step on (repeatable).
    #[arg(long, value_name = "STEP")]
    enable: Vec<String>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Clean(args) => clean(&args),
        Command::Steps => steps(),
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

fn config_from(args: &CleanArgs) -> anyhow::Result<Config> {
    let mut config = match &args.config {
        Some(path) => Config::from_path(path)?,
        None => Config::default(),
    };
    for name in &args.disable {
        config = config.set(name.parse::<Step>()?, false)?;
    }
    for name in &args.enable {
        config = config.set(name.parse::<Step>()?, true)?;
    }
    Ok(config)
}

fn clean(args: &CleanArgs) -> anyhow::Result<ExitCode> {
    let config = config_from(args)?;
    let mut stdout = io::stdout().lock();
    let mut failed = false;
    for path in &args.paths {
        match read_input(path) {
            Ok(bytes) => {
                let cleaned = rinse::clean_bytes(&bytes, &config);
                stdout
                    .write_all(cleaned.text.as_bytes())
                    .context("writing to standard output")?;
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
