//! `rinse stats merge`: the summaries of many runs (`rinse clean --stats`
//! of each shard of a job array) added up into one.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use crate::args::StatsCommand;
use crate::atomic;
use crate::inputs::{io_cause, shown};
use crate::stats::RunStats;

pub fn run(command: &StatsCommand) -> anyhow::Result<ExitCode> {
    let StatsCommand::Merge {
        files,
        output,
        human,
    } = command;
    let merged = merge(files)?;
    let text = if *human {
        merged.human()
    } else {
        serde_json::to_string_pretty(&merged)? + "\n"
    };
    match output {
        Some(path) => {
            if files
                .iter()
                .any(|file| crate::guard::resolve(file) == crate::guard::resolve(path))
            {
                anyhow::bail!(
                    "--output {}: is one of the files merged; writing it would destroy it",
                    shown(path)
                );
            }
            atomic::write_named(path, text.as_bytes())?;
        }
        None => {
            let mut out = io::stdout().lock();
            out.write_all(text.as_bytes())?;
            out.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The stats of `files` added up; an error names the first file that is not
/// a stats file.
fn merge(files: &[PathBuf]) -> anyhow::Result<RunStats> {
    let mut merged: Option<RunStats> = None;
    for file in files {
        let json = std::fs::read_to_string(file)
            .map_err(|err| anyhow::anyhow!("{}: {}", shown(file), io_cause(&err)))?;
        let stats =
            RunStats::parse(&json).map_err(|err| anyhow::anyhow!("{}: {err}", shown(file)))?;
        match &mut merged {
            Some(merged) => merged.merge(&stats),
            None => merged = Some(stats),
        }
    }
    merged.ok_or_else(|| anyhow::anyhow!("no stats file given"))
}
