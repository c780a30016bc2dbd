//! From the step options of the command line to a compiled [`Cleaner`]: the
//! configuration file first, then the preset, the encoding and the
//! switches given as flags (flags win).

use std::path::PathBuf;

use rinse::{Cleaner, Config, Preset, Step};

use crate::args::StepArgs;

/// The configuration the options describe, and the file it was read from.
pub fn config(args: &StepArgs) -> anyhow::Result<(Config, Option<PathBuf>)> {
    // A rinse.toml in the current directory applies when --config names none.
    let found = args
        .config
        .clone()
        .or_else(|| Some(PathBuf::from("rinse.toml")).filter(|path| path.is_file()));
    let mut config = match &found {
        Some(path) => Config::from_path(path)?,
        None => Config::default(),
    };
    if let Some(preset) = &args.preset {
        config = config.preset(preset.parse::<Preset>()?);
    }
    if let Some(label) = &args.encoding {
        config = config.force_encoding(label.parse()?);
    }
    if args.tag {
        config = config.tag_junk(true);
    }
    if let Some(threshold) = args.junk_threshold {
        config = config.junk_threshold(threshold);
    }
    for name in &args.disable {
        config = config.set(name.parse::<Step>()?, false)?;
    }
    for name in &args.enable {
        config = config.set(name.parse::<Step>()?, true)?;
    }
    Ok((config, found))
}

/// The cleaner the options describe, compiled once.
pub fn cleaner(args: &StepArgs) -> anyhow::Result<Cleaner> {
    cleaner_with(args, |config| config)
}

/// [`cleaner`] with `adjust` applied to the configuration first.
pub fn cleaner_with(
    args: &StepArgs,
    adjust: impl FnOnce(Config) -> Config,
) -> anyhow::Result<Cleaner> {
    let (config, file) = config(args)?;
    let config = adjust(config);
    Cleaner::new(config).map_err(|err| match file {
        // What a cleaner refuses beyond the flags comes from the file.
        Some(path) => anyhow::Error::new(err.with_path(path)),
        None => anyhow::Error::new(err),
    })
}
