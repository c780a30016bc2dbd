//! `rinse completions SHELL` and `rinse man`: shell completions and manual
//! pages generated from the command-line definitions, so they never
//! disagree with `--help`.

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use clap::CommandFactory;

use crate::args::Cli;
use crate::atomic;

/// Prints the completion script of `shell`.
pub fn completions(shell: clap_complete::Shell) -> anyhow::Result<ExitCode> {
    let mut command = Cli::command();
    let mut out = io::stdout().lock();
    clap_complete::generate(shell, &mut command, "rinse", &mut out);
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Prints the manual page of `rinse`, or writes one page per command into
/// `dir` (`rinse.1`, `rinse-clean.1`, …).
pub fn man(dir: Option<&Path>) -> anyhow::Result<ExitCode> {
    let command = Cli::command();
    match dir {
        None => {
            let mut page = Vec::new();
            clap_mangen::Man::new(command).render(&mut page)?;
            let mut out = io::stdout().lock();
            out.write_all(&page)?;
            out.flush()?;
        }
        Some(dir) => {
            write_pages(dir, command, "rinse")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes the page of `command` (called `name`) and of its subcommands.
fn write_pages(dir: &Path, command: clap::Command, name: &str) -> anyhow::Result<()> {
    // clap names commands with static strings; a few pages leak a few bytes.
    let command = command.name(&*name.to_owned().leak());
    let mut page = Vec::new();
    clap_mangen::Man::new(command.clone()).render(&mut page)?;
    atomic::write(&dir.join(format!("{name}.1")), &page)?;
    for sub in command.get_subcommands() {
        if sub.get_name() == "help" {
            continue;
        }
        write_pages(dir, sub.clone(), &format!("{name}-{}", sub.get_name()))?;
    }
    Ok(())
}
