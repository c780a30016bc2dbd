//! The `rinse` command line: parses the arguments, runs the subcommand, and
//! turns the outcome into an exit status. The work is in the library and in
//! one module per subcommand ([`cmd`]); output modes are in [`sink`].

use std::io;
use std::process::ExitCode;

use clap::Parser;

mod args;
mod atomic;
mod cmd;
mod compress;
mod guard;
mod inputs;
mod interrupt;
mod ordered;
mod progress;
mod records;
mod settings;
mod sink;
mod stats;
mod stream;

use args::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    interrupt::install();
    let result = match cli.command {
        Command::Clean(mut args) => {
            // `-o -` is standard output, as `-` is standard input and
            // `--report -` standard output: not a file named `-`.
            if args.output.as_deref() == Some(std::path::Path::new("-")) {
                args.output = None;
            }
            cmd::clean::run(&args)
        }
        Command::Inspect(args) => cmd::inspect::run(&args),
        Command::Steps(args) => cmd::steps::run(&args),
        Command::Corpus(command) => cmd::corpus::run(&command),
        Command::Stats(command) => cmd::stats::run(&command),
        Command::Completions { shell } => cmd::docs::completions(shell),
        Command::Man { out } => cmd::docs::man(out.as_deref()),
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

/// How a run over many inputs ended.
#[derive(Default)]
pub struct Status {
    failed: bool,
    would_change: bool,
}

impl Status {
    /// An input or an output failed (the others still ran).
    pub fn failed(&mut self) {
        self.failed = true;
    }

    /// `--check` or `--diff` found an input that cleaning would change.
    pub fn would_change(&mut self) {
        self.would_change = true;
    }

    /// 2 when anything failed, else 1 when something would change, else 0.
    pub fn code(&self) -> ExitCode {
        if self.failed {
            ExitCode::from(2)
        } else if self.would_change {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        }
    }
}

/// Whether the error is a closed pipe (`rinse clean big.txt | head`), which
/// ends the run quietly.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}
