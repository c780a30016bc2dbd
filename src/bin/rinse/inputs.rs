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
    /// Whether this is standard input.
    pub fn is_stdin(&self) -> bool {
        matches!(self, Input::Stdin)
    }

    /// The name printed in messages and reports, escaped so that two names
    /// never print alike (see [`shown`]).
    pub fn name(&self) -> String {
        match self {
            Input::Stdin => "<stdin>".to_owned(),
            Input::File { path, .. } => shown(path),
        }
    }

    /// Reads the whole input, refusing one larger than `max` bytes; the error
    /// names the input and the cause.
    pub fn read(&self, max: u64) -> anyhow::Result<Vec<u8>> {
        let too_large = |size: u64| {
            anyhow::anyhow!(
                "{}: {size} bytes is more than --max-doc-bytes ({max}): not cleaned",
                self.name()
            )
        };
        match self {
            Input::Stdin => {
                let mut bytes = Vec::new();
                let stdin = io::stdin().lock();
                if stdin.is_terminal() {
                    eprintln!("rinse: reading standard input (end with Ctrl-D)");
                }
                stdin
                    .take(max.saturating_add(1))
                    .read_to_end(&mut bytes)
                    .context("<stdin>: cannot read")?;
                if bytes.len() as u64 > max {
                    return Err(too_large(bytes.len() as u64));
                }
                Ok(bytes)
            }
            Input::File { path, .. } => {
                let fail = |err: io::Error| anyhow::anyhow!("{}: {}", shown(path), io_cause(&err));
                let file = std::fs::File::open(path).map_err(fail)?;
                let size = file.metadata().map_err(fail)?.len();
                if size > max {
                    return Err(too_large(size));
                }
                let mut bytes = Vec::with_capacity(size as usize);
                file.take(max.saturating_add(1))
                    .read_to_end(&mut bytes)
                    .map_err(fail)?;
                if bytes.len() as u64 > max {
                    return Err(too_large(bytes.len() as u64));
                }
                Ok(bytes)
            }
        }
    }
}

/// `path` as printed: valid UTF-8 as it is, control characters (a newline
/// in a name) and the backslash escaped, and each byte that is not UTF-8 as
/// `\xFF`, so two different names never print alike and one name is one
/// line.
pub fn shown(path: &Path) -> String {
    #[cfg(unix)]
    let bytes = {
        use std::os::unix::ffi::OsStrExt;
        path.as_os_str().as_bytes().to_vec()
    };
    #[cfg(not(unix))]
    let bytes = path.to_string_lossy().into_owned().into_bytes();
    let mut out = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            match c {
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
                c => out.push(c),
            }
        }
        for byte in chunk.invalid() {
            out.push_str(&format!("\\x{byte:02X}"));
        }
    }
    out
}

/// An argument or file that was not taken as an input.
pub struct Skipped {
    /// One line for standard error.
    pub message: String,
    /// Whether it is an error (a missing path) rather than a note (a binary
    /// file in a walked directory).
    pub error: bool,
}

/// How directories are walked.
#[derive(Clone, Copy, Default)]
pub struct Walk {
    /// Follow symbolic links to directories and files found while walking
    /// (`-L`); loops are detected. Paths given as arguments are always
    /// followed.
    pub follow_links: bool,
    /// The inputs are JSON Lines: gzip and zstd files are inputs, not binary.
    pub jsonl: bool,
    /// The inputs are Parquet tables: only Parquet files are inputs.
    pub parquet: bool,
}

/// The inputs `paths` name, in order: `-` is standard input, a directory
/// is walked in sorted order (hidden entries skipped; binary files,
/// symbolic links (without `-L`) and anything that is not a regular file
/// skipped with a note).
pub fn expand(paths: &[PathBuf], walk: Walk) -> (Vec<Input>, Vec<Skipped>) {
    let mut inputs = Vec::new();
    let mut skipped = Vec::new();
    for path in paths {
        if path == Path::new("-") {
            inputs.push(Input::Stdin);
            continue;
        }
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                let mut ancestors = vec![identity(&meta)];
                walk_dir(path, path, walk, &mut ancestors, &mut inputs, &mut skipped);
            }
            Ok(_) => {
                let wrong = match sniff(path) {
                    Kind::Parquet if !walk.parquet => {
                        Some("is a Parquet table: clean it with --parquet")
                    }
                    Kind::Compressed(_) if !walk.jsonl && !walk.parquet => {
                        Some("is compressed: with --jsonl, rinse reads compressed JSON Lines; decompress other text first")
                    }
                    Kind::Text | Kind::Compressed(_) | Kind::Binary(_) if walk.parquet => {
                        Some("is not a Parquet file (no PAR1 header)")
                    }
                    _ => None,
                };
                if let Some(why) = wrong {
                    skipped.push(Skipped {
                        message: format!("{}: {why}", shown(path)),
                        error: true,
                    });
                    continue;
                }
                let relative = path
                    .file_name()
                    .map(PathBuf::from)
                    .unwrap_or_else(|| path.clone());
                inputs.push(Input::File {
                    path: path.clone(),
                    relative,
                });
            }
            Err(err) if err.kind() == io::ErrorKind::NotFound => skipped.push(Skipped {
                message: format!("{}: no such file or directory", shown(path)),
                error: true,
            }),
            Err(err) => skipped.push(Skipped {
                message: format!("{}: {}", shown(path), io_cause(&err)),
                error: true,
            }),
        }
    }
    (inputs, skipped)
}

/// What identifies a directory, to find loops: device and inode on Unix.
#[cfg(unix)]
fn identity(meta: &std::fs::Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

#[cfg(not(unix))]
fn identity(_: &std::fs::Metadata) -> (u64, u64) {
    (0, 0)
}

fn walk_dir(
    root: &Path,
    dir: &Path,
    walk: Walk,
    ancestors: &mut Vec<(u64, u64)>,
    inputs: &mut Vec<Input>,
    skipped: &mut Vec<Skipped>,
) {
    let note = |skipped: &mut Vec<Skipped>, path: &Path, why: &str| {
        skipped.push(Skipped {
            message: format!("{}: skipped, {why}", shown(path)),
            error: false,
        });
    };
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) => {
            skipped.push(Skipped {
                message: format!("{}: cannot read directory: {}", shown(dir), io_cause(&err)),
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
        let Ok(own) = std::fs::symlink_metadata(&path) else {
            note(skipped, &path, "cannot be read");
            continue;
        };
        let meta = if own.file_type().is_symlink() {
            if !walk.follow_links {
                note(
                    skipped,
                    &path,
                    "a symbolic link (rinse clean -L follows links)",
                );
                continue;
            }
            match std::fs::metadata(&path) {
                Ok(meta) => meta,
                Err(_) => {
                    note(skipped, &path, "a symbolic link to nothing");
                    continue;
                }
            }
        } else {
            own
        };
        if meta.is_dir() {
            let id = identity(&meta);
            // Without identities (not Unix), a depth limit ends loops.
            if (cfg!(unix) && ancestors.contains(&id)) || ancestors.len() > 64 {
                note(skipped, &path, "a directory loop");
                continue;
            }
            ancestors.push(id);
            walk_dir(root, &path, walk, ancestors, inputs, skipped);
            ancestors.pop();
        } else if !meta.is_file() {
            note(skipped, &path, "not a regular file");
        } else {
            match sniff(&path) {
                Kind::Parquet if walk.parquet => {
                    let relative = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
                    inputs.push(Input::File { path, relative });
                }
                _ if walk.parquet => note(skipped, &path, "not a Parquet file"),
                Kind::Parquet => note(
                    skipped,
                    &path,
                    "a Parquet table (rinse clean --parquet reads Parquet)",
                ),
                Kind::Binary(format) => note(skipped, &path, &format!("looks binary ({format})")),
                Kind::Compressed(format) if !walk.jsonl => note(
                    skipped,
                    &path,
                    &format!(
                        "{format}-compressed (rinse clean --jsonl reads compressed JSON Lines)"
                    ),
                ),
                Kind::Text | Kind::Compressed(_) => {
                    let relative = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
                    inputs.push(Input::File { path, relative });
                }
            }
        }
    }
}

/// What the head of a file says it is.
pub enum Kind {
    Text,
    /// A Parquet table.
    Parquet,
    /// Data compressed in a format `--jsonl` reads.
    Compressed(&'static str),
    Binary(&'static str),
}

/// Formats known by their first bytes.
const MAGIC: &[(&[u8], &str)] = &[
    (b"PAR1", "Parquet"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"BZh", "bzip2 data"),
    (b"\xFD7zXZ\x00", "xz data"),
    (b"7z\xBC\xAF\x27\x1C", "a 7-Zip archive"),
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1A\n", "a PNG image"),
    (b"\xFF\xD8\xFF", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\x7FELF", "an ELF executable"),
    (b"\x00asm", "WebAssembly"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"ARROW1", "an Arrow file"),
];

/// The kind of a file from its first 8 KiB: a known binary format by its
/// magic bytes, gzip or zstd data, or (with no NUL byte unexplained by a
/// UTF-16/32 byte-order mark) text.
pub fn sniff(path: &Path) -> Kind {
    let mut head = [0u8; 8192];
    let Ok(mut file) = std::fs::File::open(path) else {
        return Kind::Text;
    };
    let mut n = 0;
    while n < head.len() {
        match file.read(&mut head[n..]) {
            Ok(0) | Err(_) => break,
            Ok(read) => n += read,
        }
    }
    let head = &head[..n];
    if let Some(format) = compression(head) {
        return Kind::Compressed(format);
    }
    if head.starts_with(b"PAR1") {
        return Kind::Parquet;
    }
    if let Some(&(_, format)) = MAGIC.iter().find(|(magic, _)| head.starts_with(magic)) {
        return Kind::Binary(format);
    }
    if head.len() >= 12 && &head[..4] == b"RIFF" && &head[8..12] == b"WEBP" {
        return Kind::Binary("a WebP image");
    }
    let wide_bom = head.starts_with(&[0xFF, 0xFE])
        || head.starts_with(&[0xFE, 0xFF])
        || head.starts_with(&[0, 0, 0xFE, 0xFF]);
    if !wide_bom && head.contains(&0) {
        return Kind::Binary("a NUL byte in its first 8 KiB");
    }
    Kind::Text
}

/// The compression of data starting with `head`, in a format `--jsonl`
/// reads: `gzip` or `zstd`.
pub fn compression(head: &[u8]) -> Option<&'static str> {
    if head.starts_with(&[0x1F, 0x8B]) {
        Some("gzip")
    } else if head.starts_with(&[0x28, 0xB5, 0x2F, 0xFD]) {
        Some("zstd")
    } else {
        None
    }
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
    rinse::Error::io_cause(err)
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
