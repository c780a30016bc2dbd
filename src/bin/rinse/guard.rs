//! What a run may write: never an input, never inside a folder it reads,
//! never outside `--out`.

use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

use crate::inputs::{shown, Input};

/// The inputs of a run, resolved (absolute, symbolic links followed), for
/// checking output paths against.
pub struct Inputs {
    files: HashSet<PathBuf>,
    folders: Vec<PathBuf>,
}

impl Inputs {
    /// The files of `inputs` and the folders among the arguments `paths`.
    pub fn new(paths: &[PathBuf], inputs: &[Input]) -> Inputs {
        let files = inputs
            .iter()
            .filter_map(|input| match input {
                Input::File { path, .. } => Some(resolve(path)),
                Input::Stdin => None,
            })
            .collect();
        let folders = paths
            .iter()
            .filter(|path| path.is_dir())
            .map(|path| resolve(path))
            .collect();
        Inputs { files, folders }
    }

    /// Whether an input file lies inside the (resolved) folder `dir`.
    pub fn any_inside(&self, dir: &Path) -> bool {
        self.files.iter().any(|file| file.starts_with(dir))
    }

    /// Whether `path` is one of the input files.
    pub fn holds(&self, path: &Path) -> bool {
        self.files.contains(&resolve(path))
    }

    /// An error when the output `path` is one of the input files.
    pub fn check_not_input(&self, path: &Path) -> anyhow::Result<()> {
        if self.holds(path) {
            anyhow::bail!("{}: is an input; refusing to overwrite it", shown(path));
        }
        Ok(())
    }

    /// Checks a side file (`--report`, `--reject`, `--stats`): it may be
    /// neither an input nor inside an input folder.
    pub fn check_side_file(&self, flag: &str, path: &Path) -> anyhow::Result<()> {
        let resolved = resolve(path);
        if self.files.contains(&resolved) {
            anyhow::bail!(
                "{flag} {}: is an input; writing it would destroy it",
                shown(path)
            );
        }
        if let Some(folder) = self
            .folders
            .iter()
            .find(|folder| resolved.starts_with(folder))
        {
            anyhow::bail!(
                "{flag} {}: is inside the input folder {} (a rerun would read it as an input)",
                shown(path),
                shown(folder)
            );
        }
        Ok(())
    }

    /// Checks `--out DIR`: not an input folder, not inside one.
    pub fn check_out(&self, out: &Path) -> anyhow::Result<()> {
        let resolved = resolve(out);
        if self.files.contains(&resolved) {
            anyhow::bail!("--out {}: is an input file, not a folder", shown(out));
        }
        for folder in &self.folders {
            if resolved == *folder {
                anyhow::bail!(
                    "--out {}: is the input folder; to replace files where they are, use --in-place",
                    shown(out)
                );
            }
            if resolved.starts_with(folder) {
                anyhow::bail!(
                    "--out {}: is inside the input folder {} (a rerun would read the outputs as inputs)",
                    shown(out),
                    shown(folder)
                );
            }
        }
        Ok(())
    }
}

/// Checks that no two inputs write the same file under `--out`: two
/// arguments `d1/x.txt d2/x.txt` both become `x.txt` (as do `a.jsonl` and
/// `a.jsonl.gz` under `--compress none`). `relatives` are the inputs'
/// paths under `--out`, in the order of `inputs`.
pub fn check_collisions(inputs: &[Input], relatives: &[PathBuf]) -> anyhow::Result<()> {
    let mut seen: HashMap<&Path, &Input> = HashMap::new();
    for (input, relative) in inputs.iter().zip(relatives) {
        if let Some(first) = seen.insert(relative, input) {
            anyhow::bail!(
                "{} and {} would both be written to {} under --out: clean them in separate runs, or give their common folder",
                first.name(),
                input.name(),
                shown(relative)
            );
        }
    }
    Ok(())
}

/// An error when the output `path`, whose folder is `parent`, would leave
/// `out` (resolved: `resolved_out`) through a symbolic link on the way.
pub fn check_inside(
    path: &Path,
    parent: &Path,
    out: &Path,
    resolved_out: &Path,
) -> anyhow::Result<()> {
    if !resolve(parent).starts_with(resolved_out) {
        anyhow::bail!(
            "{}: refusing to write outside {} (a symbolic link on the way leads out of it)",
            shown(path),
            shown(out)
        );
    }
    Ok(())
}

/// `path` made absolute, with every symbolic link of the part that exists
/// resolved and `.`/`..` of the rest applied, so two spellings of one file
/// compare equal, also for a file that does not exist yet.
pub fn resolve(path: &Path) -> PathBuf {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|dir| dir.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    };
    // The longest prefix that exists is canonicalized; the rest is appended.
    let mut existing = absolute.clone();
    let mut rest: Vec<std::ffi::OsString> = Vec::new();
    loop {
        if let Ok(canonical) = existing.canonicalize() {
            let mut resolved = canonical;
            for part in rest.iter().rev() {
                if part == ".." {
                    resolved.pop();
                } else if part != "." {
                    resolved.push(part);
                }
            }
            return resolved;
        }
        let last = match existing.components().next_back() {
            Some(Component::Normal(name)) => name.to_os_string(),
            Some(Component::ParentDir) => "..".into(),
            Some(Component::CurDir) => ".".into(),
            _ => return absolute,
        };
        rest.push(last);
        if !existing.pop() {
            return absolute;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolve_applies_dots_to_paths_that_do_not_exist() {
        let here = std::env::current_dir().unwrap().canonicalize().unwrap();
        assert_eq!(
            resolve(Path::new("./no/such/../file")),
            here.join("no/file")
        );
        assert_eq!(resolve(Path::new(".")), here);
    }
}
