//! `rinse corpus`: the bundled fixtures, listed, shown or exported for
//! projects in other languages.

use std::io::{self, Write};
use std::process::ExitCode;

use rinse::fixtures;

use crate::args::CorpusCommand;
use crate::atomic;

pub fn run(command: &CorpusCommand) -> anyhow::Result<ExitCode> {
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
            writeln!(out, "{}", serde_json::to_string_pretty(&fixture.record())?)?;
            writeln!(out, "--- expected cleaned text ---")?;
            out.write_all(fixture.expected().as_bytes())?;
        }
        CorpusCommand::Export { dir } => {
            let mut index = String::new();
            for fixture in fixtures::all() {
                atomic::write(&dir.join("raw").join(fixture.file), fixture.raw)?;
                atomic::write(
                    &dir.join("cleaned").join(fixture.file),
                    fixture.expected().as_bytes(),
                )?;
                index.push_str(&serde_json::to_string(&fixture.record())?);
                index.push('\n');
            }
            atomic::write(&dir.join("fixtures.jsonl"), index.as_bytes())?;
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
