//! What the integration tests share: the repository's paths, the corpus
//! manifest, and running the `rinse` binary.

#![allow(dead_code)] // each test file uses a part

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde::Deserialize;

/// The repository root.
pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The `corpus/` folder.
pub fn corpus() -> PathBuf {
    repo().join("corpus")
}

/// `corpus/manifest.toml`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub document: Vec<Document>,
}

/// One document of the manifest.
#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct Document {
    pub id: String,
    pub file: PathBuf,
    pub language: String,
    pub source: String,
    pub problems: Vec<String>,
    pub notes: String,
    pub derived_from: Option<PathBuf>,
    /// The 1-based input lines that are page residue.
    #[serde(default)]
    pub junk: Vec<usize>,
    /// What the metadata-prefix rule must move out of the text.
    #[serde(default)]
    pub metadata: BTreeMap<String, String>,
}

/// The corpus manifest, parsed.
pub fn manifest() -> Manifest {
    let text = std::fs::read_to_string(corpus().join("manifest.toml")).unwrap();
    toml::from_str(&text).unwrap()
}

/// A cleaner of `config`, which must be valid.
pub fn cleaner(config: rinse::Config) -> rinse::Cleaner {
    rinse::Cleaner::new(config).expect("a valid test configuration")
}

/// The `rinse` binary, run from the repository root.
pub fn rinse() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_rinse"));
    command.current_dir(repo());
    command.env_remove("SLURM_ARRAY_TASK_ID");
    command
}

/// `rinse ARGS`, run to completion.
pub fn run(args: &[&str]) -> Output {
    rinse().args(args).output().expect("rinse runs")
}

/// `rinse ARGS` with `input` on standard input (written from a thread, so a
/// large input does not block on a full pipe).
#[cfg(feature = "cli")]
pub fn piped(args: &[&str], input: &[u8]) -> Output {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = rinse()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("rinse runs");
    let mut stdin = child.stdin.take().expect("piped");
    let input = input.to_vec();
    let writer = std::thread::spawn(move || {
        // A closed pipe is the binary's business, not the test's.
        let _ = stdin.write_all(&input);
    });
    let output = child.wait_with_output().expect("rinse runs");
    writer.join().expect("the writer ends");
    output
}

/// Standard output, which must be UTF-8.
pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

/// Standard error, which must be UTF-8.
pub fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8")
}

/// A fresh scratch directory under the target directory.
pub fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
