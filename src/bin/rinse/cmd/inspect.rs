//! `rinse inspect`: what the loader and the cleaner find in each input
//! (encoding and how it was decided, repairs, language, scripts), changing
//! nothing.

use std::io::{self, Write};
use std::process::ExitCode;

use rinse::report::Inspection;

use crate::args::InspectArgs;
use crate::{inputs, settings, Status};

pub fn run(args: &InspectArgs) -> anyhow::Result<ExitCode> {
    let cleaner = settings::cleaner(&args.steps)?;
    let mut stdout = io::stdout().lock();
    let mut status = Status::default();
    let (inputs, skipped) = inputs::expand(&args.paths, inputs::Walk::default());
    for skip in &skipped {
        eprintln!("rinse: {}", skip.message);
        if skip.error {
            status.failed();
        }
    }
    for input in &inputs {
        let bytes = match input.read(crate::args::DEFAULT_MAX_DOC_BYTES) {
            Ok(bytes) => bytes,
            Err(err) => {
                eprintln!("rinse: {err:#}");
                status.failed();
                continue;
            }
        };
        let inspection = Inspection::new(input.name(), &cleaner.clean_bytes(&bytes));
        if args.json {
            serde_json::to_writer(&mut stdout, &inspection)?;
            writeln!(stdout)?;
        } else {
            write!(stdout, "{inspection}")?;
        }
    }
    stdout.flush()?;
    Ok(status.code())
}
