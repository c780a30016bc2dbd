//! Where cleaned text goes: files written atomically, paths kept inside the
//! output folder.

use std::io::Write;
use std::path::{Component, Path, PathBuf};

use anyhow::Context;

/// `relative` under `out`, refusing any path that would leave `out` (`..`,
/// an absolute path, a prefix).
pub fn out_path(out: &Path, relative: &Path) -> anyhow::Result<PathBuf> {
    let mut path = out.to_path_buf();
    for component in relative.components() {
        match component {
            Component::Normal(part) => path.push(part),
            Component::CurDir => {}
            _ => anyhow::bail!(
                "{}: refusing to write outside {}",
                relative.display(),
                out.display()
            ),
        }
    }
    Ok(path)
}

/// Writes `bytes` to `path` through a temporary file in the same folder,
/// flushed to disk, then renamed over `path`: a reader sees the old file or
/// the new one, never half of one.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir).with_context(|| format!("{}: cannot create", dir.display()))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = dir.join(format!(".{name}.rinse-{}.tmp", std::process::id()));
    let written = (|| -> std::io::Result<()> {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()
    })();
    if let Err(err) = written.and_then(|()| std::fs::rename(&temp, path)) {
        let _ = std::fs::remove_file(&temp);
        anyhow::bail!(
            "{}: cannot write: {}",
            path.display(),
            crate::io_cause(&err)
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn out_path_keeps_relative_paths_inside() {
        let out = Path::new("/tmp/out");
        assert_eq!(
            out_path(out, Path::new("a/b.txt")).unwrap(),
            Path::new("/tmp/out/a/b.txt")
        );
        assert_eq!(
            out_path(out, Path::new("./c.txt")).unwrap(),
            Path::new("/tmp/out/c.txt")
        );
    }

    #[test]
    fn out_path_refuses_to_leave_its_folder() {
        for escaping in ["../x.txt", "a/../../x.txt", "/etc/passwd"] {
            let err = out_path(Path::new("/tmp/out"), Path::new(escaping)).unwrap_err();
            assert!(
                err.to_string().contains("refusing to write outside"),
                "{escaping}"
            );
        }
    }
}
