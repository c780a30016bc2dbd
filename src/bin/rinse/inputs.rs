//! Which files a command works on: paths as given, directories walked,
//! and the shard of them a job-array task takes.

use std::io::{self, IsTerminal, Read};
use std::path::{Path, PathBuf};

use anyhow::Context;

/// One input of a command.
#[derive(Debug, Clone)]
pub enum Input {
    /// Standard input.
    Stdin,
    /// A file, and its path relative to the argument it was found under
    /// (its file name, when the argument was the file itself).
    File { path: PathBuf, relative: PathBuf },
}

impl Input {
    /// The name printed in messages and reports.
    pub fn name(&self) -> String {
        match self {
            Input::Stdin => "<stdin>".to_owned(),
            Input::File { path, .. } => path.display().to_string(),
        }
    }

    /// Reads the whole input; the error names it and the cause.
    pub fn read(&self) -> anyhow::Result<Vec<u8>> {
        match self {
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
}

/// An argument or file that was not taken as an input.
pub struct Skipped {
    /// One line for standard error.
    pub message: String,
    /// Whether it is an error (a missing path) rather than a note (a binary
    /// file in a walked directory).
    pub error: bool,
}

/// The inputs `paths` name, in order: `-` is standard input, a directory
/// is walked in sorted order (hidden entries and binary files skipped).
pub fn expand(paths: &[PathBuf]) -> (Vec<Input>, Vec<Skipped>) {
    let mut inputs = Vec::new();
    let mut skipped = Vec::new();
    for path in paths {
        if path == Path::new("-") {
            inputs.push(Input::Stdin);
        } else if path.is_dir() {
            walk(path, path, &mut inputs, &mut skipped);
        } else if path.exists() {
            let relative = path
                .file_name()
                .map(PathBuf::from)
                .unwrap_or_else(|| path.clone());
            inputs.push(Input::File {
                path: path.clone(),
                relative,
            });
        } else {
            skipped.push(Skipped {
                message: format!("{}: no such file or directory", path.display()),
                error: true,
            });
        }
    }
    (inputs, skipped)
}

fn walk(root: &Path, dir: &Path, inputs: &mut Vec<Input>, skipped: &mut Vec<Skipped>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) => {
            skipped.push(Skipped {
                message: format!(
                    "{}: cannot read directory: {}",
                    dir.display(),
                    io_cause(&err)
                ),
                error: true,
            });
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        let hidden = path
            .file_name()
            .is_some_and(|name| name.to_string_lossy().starts_with('.'));
        if hidden {
            continue;
        }
        if path.is_dir() {
            walk(root, &path, inputs, skipped);
        } else if is_binary(&path) {
            skipped.push(Skipped {
                message: format!("{}: skipped, looks binary", path.display()),
                error: false,
            });
        } else {
            let relative = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
            inputs.push(Input::File { path, relative });
        }
    }
}

/// Whether the first 8 KiB of a file hold a NUL byte without a UTF-16 or
/// UTF-32 byte-order mark to explain it.
fn is_binary(path: &Path) -> bool {
    let mut head = [0u8; 8192];
    let Ok(mut file) = std::fs::File::open(path) else {
        return false;
    };
    let n = file.read(&mut head).unwrap_or(0);
    let head = &head[..n];
    let wide_bom = head.starts_with(&[0xFF, 0xFE])
        || head.starts_with(&[0xFE, 0xFF])
        || head.starts_with(&[0, 0, 0xFE, 0xFF]);
    !wide_bom && head.contains(&0)
}

/// Shard `index` (1-based) of `count` of `inputs`, sorted by name: every
/// `count`-th input, so shards stay balanced.
pub fn shard(mut inputs: Vec<Input>, index: usize, count: usize) -> Vec<Input> {
    inputs.sort_by_cached_key(Input::name);
    inputs
        .into_iter()
        .enumerate()
        .filter(|(position, _)| position % count == index - 1)
        .map(|(_, input)| input)
        .collect()
}

/// The shard to work on, as (1-based index, count): `--shard I/N`, else a
/// Slurm job array's task, else none (every input).
///
/// Slurm numbers tasks as the array was declared (`--array=0-7`,
/// `--array=1-8`, `--array=10-40:10`), so the task's place is found from
/// `SLURM_ARRAY_TASK_MIN`, `_MAX` and `_STEP`; an array that is not a
/// regular range, or a task outside it, is an error: a task never falls
/// back to cleaning every input.
pub fn shard_of(
    flag: Option<&str>,
    env: impl Fn(&str) -> Option<String>,
) -> anyhow::Result<Option<(usize, usize)>> {
    if let Some(flag) = flag {
        let parsed = flag.split_once('/').and_then(|(i, n)| {
            let (index, count): (usize, usize) = (i.trim().parse().ok()?, n.trim().parse().ok()?);
            (count >= 1 && (1..=count).contains(&index)).then_some((index, count))
        });
        return parsed.map(Some).ok_or_else(|| {
            anyhow::anyhow!("--shard {flag}: expected I/N with 1 <= I <= N, like 3/8")
        });
    }
    if env("SLURM_ARRAY_TASK_ID").is_none() {
        return Ok(None);
    }
    let number = |name: &str| -> anyhow::Result<Option<u64>> {
        env(name)
            .map(|value| {
                value
                    .trim()
                    .parse::<u64>()
                    .map_err(|_| anyhow::anyhow!("{name}={value}: not a number"))
            })
            .transpose()
    };
    let id = number("SLURM_ARRAY_TASK_ID")?.unwrap_or_default();
    let (Some(min), Some(max)) = (
        number("SLURM_ARRAY_TASK_MIN")?,
        number("SLURM_ARRAY_TASK_MAX")?,
    ) else {
        anyhow::bail!(
            "SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_MIN/MAX are not: pass --shard I/N"
        );
    };
    let step = number("SLURM_ARRAY_TASK_STEP")?.unwrap_or(1).max(1);
    if min > max {
        anyhow::bail!("SLURM_ARRAY_TASK_MIN={min} is above SLURM_ARRAY_TASK_MAX={max}");
    }
    let count = (max - min) / step + 1;
    if let Some(declared) = number("SLURM_ARRAY_TASK_COUNT")? {
        if declared != count {
            anyhow::bail!(
                "the job array is not a regular range ({declared} tasks between {min} and {max}): pass --shard I/N"
            );
        }
    }
    if id < min || id > max || (id - min) % step != 0 {
        anyhow::bail!("SLURM_ARRAY_TASK_ID={id} is not a task of the array {min}-{max}:{step}");
    }
    let index = (id - min) / step + 1;
    Ok(Some((index as usize, count as usize)))
}

/// The cause of an I/O error in words, without the "(os error N)" suffix.
pub fn io_cause(err: &io::Error) -> String {
    match err.kind() {
        io::ErrorKind::NotFound => "no such file".to_owned(),
        io::ErrorKind::IsADirectory => "is a directory".to_owned(),
        io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => err.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slurm<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| {
            vars.iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| (*value).to_owned())
        }
    }

    #[test]
    fn slurm_arrays_map_to_shards_whatever_their_first_id() {
        for (id, min, max, expected) in [
            ("0", "0", "7", (1, 8)),
            ("7", "0", "7", (8, 8)),
            ("1", "1", "8", (1, 8)),
            ("8", "1", "8", (8, 8)),
        ] {
            let env = [
                ("SLURM_ARRAY_TASK_ID", id),
                ("SLURM_ARRAY_TASK_MIN", min),
                ("SLURM_ARRAY_TASK_MAX", max),
                ("SLURM_ARRAY_TASK_COUNT", "8"),
            ];
            assert_eq!(
                shard_of(None, slurm(&env)).unwrap(),
                Some(expected),
                "{id} of {min}-{max}"
            );
        }
        let stepped = [
            ("SLURM_ARRAY_TASK_ID", "30"),
            ("SLURM_ARRAY_TASK_MIN", "10"),
            ("SLURM_ARRAY_TASK_MAX", "40"),
            ("SLURM_ARRAY_TASK_STEP", "10"),
        ];
        assert_eq!(shard_of(None, slurm(&stepped)).unwrap(), Some((3, 4)));
    }

    #[test]
    fn irregular_or_incomplete_arrays_are_errors_not_everything() {
        let outside = [
            ("SLURM_ARRAY_TASK_ID", "9"),
            ("SLURM_ARRAY_TASK_MIN", "1"),
            ("SLURM_ARRAY_TASK_MAX", "8"),
        ];
        assert!(shard_of(None, slurm(&outside)).is_err());
        let irregular = [
            ("SLURM_ARRAY_TASK_ID", "3"),
            ("SLURM_ARRAY_TASK_MIN", "1"),
            ("SLURM_ARRAY_TASK_MAX", "7"),
            ("SLURM_ARRAY_TASK_COUNT", "3"),
        ];
        assert!(shard_of(None, slurm(&irregular)).is_err());
        let no_range = [
            ("SLURM_ARRAY_TASK_ID", "3"),
            ("SLURM_ARRAY_TASK_COUNT", "8"),
        ];
        assert!(shard_of(None, slurm(&no_range)).is_err());
        assert_eq!(shard_of(None, slurm(&[])).unwrap(), None);
    }

    #[test]
    fn the_flag_wins_and_is_checked() {
        let env = [("SLURM_ARRAY_TASK_ID", "99")];
        assert_eq!(shard_of(Some("2/4"), slurm(&env)).unwrap(), Some((2, 4)));
        assert!(shard_of(Some("5/4"), slurm(&env)).is_err());
        assert!(shard_of(Some("0/4"), slurm(&env)).is_err());
    }
}
