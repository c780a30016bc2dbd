//! The cases: made by `scripts/quality/mojibake.py` with Python's codecs,
//! read back from its JSONL.

use std::error::Error;
use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::SystemTime;

use serde::Deserialize;

/// One damaged (or leave-alone) line and what repairing it must give.
#[derive(Clone, Debug, Deserialize)]
pub struct Case {
    /// `lang:line:kind:variant:pages`, stable across runs with one seed.
    pub id: String,
    pub lang: String,
    /// `full`, `partial`, `double`, `mixed`, `lossy` or `clean`.
    pub kind: String,
    /// The sub-kind (`word`, `phrase`, `entity`, `undef-?`, `printf`, …).
    pub variant: String,
    /// The code page, or the chain of them (`windows-1252>windows-1251`).
    pub pages: String,
    /// The text given to the repair.
    pub input: String,
    /// The text a perfect repair gives, inserted HTML references left as
    /// they are.
    pub expected: String,
    /// For cases with an inserted HTML reference: `expected` with it
    /// decoded, what a tool that decodes references must give.
    #[serde(default)]
    pub expected_unescaped: Option<String>,
    /// For lossy cases: the characters of `expected` (indices in chars)
    /// whose bytes were destroyed.
    #[serde(default)]
    pub lost: Option<Vec<usize>>,
    /// For lossy cases: `expected` with each lost character as what is left
    /// of it in the input (`Ñ?` for `я`): what a repair gives that decodes
    /// everything else but does not mark the loss.
    #[serde(default)]
    pub lossy_remnant: Option<String>,
}

impl Case {
    /// Whether this is a leave-alone case (clean text that must not change).
    pub fn is_clean(&self) -> bool {
        self.kind == "clean"
    }
}

/// What the case generator was asked for.
pub struct Request<'a> {
    pub script: &'a Path,
    pub text: &'a Path,
    pub langs: Option<&'a str>,
    pub limit: usize,
    pub seed: &'a str,
}

/// The cases file for `request` in `dir`, written by the Python script unless
/// an up-to-date one is there (newer than the script and every text file).
pub fn generate(request: &Request<'_>, dir: &Path) -> Result<PathBuf, Box<dyn Error>> {
    let text = fs::canonicalize(request.text)
        .map_err(|err| format!("--text {}: {err}", request.text.display()))?;
    let key = format!(
        "{}\n{}\n{}\n{}",
        text.display(),
        request.langs.unwrap_or("*"),
        request.limit,
        request.seed
    );
    let path = dir.join(format!("cases-{:016x}.jsonl", fnv1a(key.as_bytes())));
    let mut sources = vec![request.script.to_path_buf()];
    for entry in fs::read_dir(&text)? {
        let entry = entry?.path();
        if entry.extension().is_some_and(|ext| ext == "txt") {
            sources.push(entry);
        }
    }
    if is_newer_than(&path, &sources) && stats_path(&path).exists() {
        eprintln!("mojibake: reusing {}", path.display());
        return Ok(path);
    }
    fs::create_dir_all(dir)?;
    let mut command = Command::new("python3");
    command
        .arg(request.script)
        .arg("cases")
        .arg("--text")
        .arg(&text)
        .arg("--out")
        .arg(&path)
        .arg("--limit")
        .arg(request.limit.to_string())
        .arg("--seed")
        .arg(request.seed);
    if let Some(langs) = request.langs {
        command.arg("--langs").arg(langs);
    }
    eprintln!(
        "mojibake: generating cases with {}",
        request.script.display()
    );
    let status = command
        .status()
        .map_err(|err| format!("cannot run python3: {err}"))?;
    if !status.success() {
        // Leave no half-written file that a later run would reuse.
        let _ = fs::remove_file(&path);
        return Err(format!("the case generator failed ({status})").into());
    }
    Ok(path)
}

/// The statistics file the generator writes beside its cases.
pub fn stats_path(cases: &Path) -> PathBuf {
    cases.with_extension("stats.json")
}

/// Reads every case of a JSONL file.
pub fn load(path: &Path) -> Result<Vec<Case>, Box<dyn Error>> {
    let file = fs::File::open(path).map_err(|err| format!("{}: {err}", path.display()))?;
    let mut cases = Vec::new();
    for (number, line) in BufReader::new(file).lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let case: Case = serde_json::from_str(&line)
            .map_err(|err| format!("{}:{}: {err}", path.display(), number + 1))?;
        cases.push(case);
    }
    Ok(cases)
}

/// Whether `path` exists and was modified after every file of `sources`.
pub fn is_newer_than(path: &Path, sources: &[PathBuf]) -> bool {
    let modified = |p: &Path| fs::metadata(p).and_then(|m| m.modified()).ok();
    let Some(made) = modified(path) else {
        return false;
    };
    sources
        .iter()
        .all(|source| modified(source).is_none_or(|time: SystemTime| time <= made))
}

/// A stable 64-bit FNV-1a hash, for cache file names.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}
