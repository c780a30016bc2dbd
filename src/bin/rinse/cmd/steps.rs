//! `rinse steps`: every step in pipeline order, whether it runs with the
//! settings given (configuration file, preset, flags), and what it does.

use std::io::{self, Write};
use std::process::ExitCode;

use rinse::Step;

use crate::args::StepsArgs;
use crate::settings;

pub fn run(args: &StepsArgs) -> anyhow::Result<ExitCode> {
    let (config, _) = settings::config(&args.steps)?;
    let mut out = io::stdout().lock();
    let width = Step::ALL.iter().map(|s| s.name().len()).max().unwrap_or(0);
    for &step in Step::ALL {
        let on = if config.is_enabled(step) { "on" } else { "off" };
        let fixed = if step.switchable() { "" } else { " (always)" };
        writeln!(
            out,
            "{:width$}  {on:3}  {}{fixed}",
            step.name(),
            step.summary()
        )?;
    }
    Ok(ExitCode::SUCCESS)
}
