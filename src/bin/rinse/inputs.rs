//! Which files a command works on: paths as given, directories walked.

use std::path::{Path, PathBuf};

/// One input to clean.
#[derive(Debug, Clone)]
pub enum Input {
    /// Standard input (`-`).
    Stdin,
    /// A file, with its path relative to the argument it came from (the
    /// file name for a file argument; the path inside a directory argument).
    File { path: PathBuf, relative: PathBuf },
}

impl Input {
    /// How the input is named in messages and reports.
    pub fn name(&self) -> String {
        match self {
            Input::Stdin => "<stdin>".to_owned(),
            Input::File { path, .. } => path.display().to_string(),
        }
    }
}

/// A path that gave no input, and why: one line for the user.
pub struct Skipped {
    pub message: String,
    /// Whether this is an error (exit code 2) or only a note (a hidden or
    /// binary file inside a directory).
    pub error: bool,
}

/// The inputs named by `paths`: files as they are, directories walked in
/// sorted order (hidden entries skipped), `-` for standard input.
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
                    crate::io_cause(&err)
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

/// Whether a file found in a directory looks binary: a NUL byte in its
/// first 8 KiB without a UTF-16/UTF-32 byte-order mark. (A file named on the
/// command line is always cleaned: any bytes are valid input.)
fn is_binary(path: &Path) -> bool {
    use std::io::Read;
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

/// Shard `index` of `count` (1-based) of the inputs: every `count`-th file of
/// the sorted list, starting at the `index`-th, so that the shards together
/// hold every file exactly once. Standard input belongs to the first shard.
pub fn shard(mut inputs: Vec<Input>, index: usize, count: usize) -> Vec<Input> {
    inputs.sort_by_cached_key(Input::name);
    inputs
        .into_iter()
        .enumerate()
        .filter(|(position, _)| position % count == index - 1)
        .map(|(_, input)| input)
        .collect()
}
