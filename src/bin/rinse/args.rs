//! The command line, as clap parses it.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// The default of `--max-doc-bytes`: 1 GiB.
pub const DEFAULT_MAX_DOC_BYTES: u64 = 1 << 30;

/// The default of `--max-record-bytes`: 64 MiB.
pub const DEFAULT_MAX_RECORD_BYTES: u64 = 64 << 20;

/// Clean text scraped from the web, and explain every change.
#[derive(Parser)]
#[command(name = "rinse", version, about, long_about = None)]
#[command(
    after_help = "Exit status: 0 when every input was cleaned; 1 when --check or --diff found \
files that would change; 2 when an input or the configuration failed (the other inputs are \
still processed)."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

// Parsed once per process: the size of the largest variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand)]
pub enum Command {
    /// Clean files (or `-` for standard input) and print the cleaned text.
    Clean(CleanArgs),
    /// Show what the loader and cleaner find in files, changing nothing.
    Inspect(InspectArgs),
    /// List every pipeline step: whether it runs (with the settings given)
    /// and what it does.
    Steps(StepsArgs),
    /// The bundled corpus of test fixtures: list, show one, or export all.
    #[command(subcommand)]
    Corpus(CorpusCommand),
    /// Run summaries written by `rinse clean --stats`.
    #[command(subcommand)]
    Stats(StatsCommand),
    /// Print a shell completion script (bash, zsh, fish, elvish,
    /// powershell) on standard output.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) on standard output, or write one page
    /// per command into a folder.
    Man {
        /// Write rinse.1, rinse-clean.1, … into this folder instead.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
pub enum StatsCommand {
    /// Add up the summaries of many runs (the shards of a job array) into
    /// one: counts and seconds are summed. Prints the merged JSON.
    Merge {
        /// Stats files written by `rinse clean --stats`.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Write the merged summary to FILE (atomically) instead of
        /// standard output.
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Print the summary for a person (as `rinse clean` does at the
        /// end) instead of JSON.
        #[arg(long)]
        human: bool,
    },
}

/// The summary a JSON Lines record or Parquet row carries under `rinse`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Metadata {
    /// Whether the text changed, occurrences per step, metadata moved out
    /// of the text (what the Python package writes too).
    Summary,
    /// The summary, plus encoding, language and script with confidence,
    /// lines and characters in and out (schema: schema/rinse-metadata.schema.json).
    Full,
}

/// How outputs of records are compressed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Compress {
    /// As the input (JSON Lines: as its data is; Parquet: the codec of its
    /// text column).
    Keep,
    /// Not compressed.
    None,
    /// gzip (JSON Lines: `.gz`; Parquet: GZIP).
    Gzip,
    /// zstd (JSON Lines: `.zst`; Parquet: ZSTD).
    Zstd,
    /// Parquet only: SNAPPY.
    Snappy,
    /// Parquet only: LZ4_RAW.
    Lz4,
}

#[derive(Subcommand)]
pub enum CorpusCommand {
    /// One line per document: id, language, problems.
    List,
    /// A document's metadata and its expected cleaned text.
    Show {
        /// The document id (`rinse corpus list` shows them).
        id: String,
    },
    /// Write every document to DIR: raw/<id>, cleaned/<id> and fixtures.jsonl.
    Export {
        /// The folder to write to (created if missing).
        dir: PathBuf,
    },
}

#[derive(clap::Args)]
pub struct StepsArgs {
    #[command(flatten)]
    pub steps: StepArgs,
}

#[derive(clap::Args)]
pub struct InspectArgs {
    /// Files to inspect; `-` reads standard input.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Print one JSON object per file (fields: path, encoding, decided_by,
    /// bom, malformed, repairs, language, scripts, changes).
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub steps: StepArgs,
}

#[derive(clap::Args)]
pub struct CleanArgs {
    /// Files and directories to clean (directories are walked in sorted
    /// order, hidden and binary files skipped); `-` reads standard input,
    /// as does giving no path when standard input is not a terminal.
    pub paths: Vec<PathBuf>,
    /// Work only on shard I of N (1-based) of the sorted list of input
    /// files (of any format), for a job array; without it, a Slurm job
    /// array's SLURM_ARRAY_TASK_ID, _MIN, _MAX (and _STEP) choose the shard.
    #[arg(long, value_name = "I/N")]
    pub shard: Option<String>,
    /// With --out or --output: skip inputs whose output is complete (an
    /// output is only ever complete: it is written to a temporary file and
    /// renamed). Without --resume or --force, existing outputs are an error.
    #[arg(long, conflicts_with = "force")]
    pub resume: bool,
    /// With --out or --output: write outputs that already exist again.
    #[arg(long)]
    pub force: bool,
    /// Follow symbolic links to files and folders found while walking a
    /// folder (loops are detected). Without it they are skipped with a
    /// note; links given as arguments are always followed.
    #[arg(short = 'L', long = "follow")]
    pub follow: bool,
    /// Text files: refuse (as an error naming it) any document larger than
    /// this many bytes, instead of cleaning it [default: 1 GiB].
    #[arg(long, value_name = "BYTES")]
    pub max_doc_bytes: Option<u64>,
    /// With --jsonl: reject a record (line) longer than this many bytes and
    /// go on with the next one [default: 64 MiB].
    #[arg(long, value_name = "BYTES")]
    pub max_record_bytes: Option<u64>,
    /// With --jsonl: exit with 2 when more than this share (0 to 1) of a
    /// file's records are rejected. Without it, only a file whose every
    /// record is rejected fails the run.
    #[arg(long, value_name = "SHARE")]
    pub max_reject: Option<f64>,
    /// Print only errors: no notes about skipped files, no progress bar,
    /// no summary at the end (rejected records are still counted).
    #[arg(long, short, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Also print one line per input on standard error: its encoding and
    /// how many changes cleaning made (with --jsonl or --parquet: its
    /// records).
    #[arg(long, short)]
    pub verbose: bool,
    /// Write one output per input under DIR, at its path relative to the
    /// argument it came from, instead of printing: cleaned text files, or
    /// cleaned JSON Lines / Parquet shards (one to one). Each output is
    /// written to a temporary file and renamed when complete.
    #[arg(long, value_name = "DIR", conflicts_with_all = ["in_place", "check", "output"])]
    pub out: Option<PathBuf>,
    /// Write everything to FILE (atomically) instead of standard output:
    /// the cleaned text, or the records of every input in order; a name
    /// ending in .gz or .zst compresses JSON Lines. `-` is standard output.
    #[arg(long, short, value_name = "FILE", conflicts_with_all = ["in_place", "check", "diff"])]
    pub output: Option<PathBuf>,
    /// Replace each file that changes with its cleaned text (atomically:
    /// temporary file, sync, rename). Without it no input is ever written.
    #[arg(long, conflicts_with = "check")]
    pub in_place: bool,
    /// Write nothing; list the files cleaning would change and exit with 1
    /// if there are any.
    #[arg(long)]
    pub check: bool,
    /// Print a unified diff of each file that changes (input against
    /// cleaned text), each removed line followed by the rule that removed
    /// it; coloured when standard output is a terminal. Writes no file;
    /// exits with 1 when a file would change.
    #[arg(long, conflicts_with_all = ["out", "in_place", "check"])]
    pub diff: bool,
    /// Write one JSON object per document (path, encoding, metadata, every
    /// change) to FILE, or to standard output with `-`.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// How many threads clean at once (default: one per core). Reading,
    /// decompressing and writing run on threads of their own besides.
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// The inputs are JSON Lines corpora (plain, gzip or zstd, read from
    /// the data; `-` is standard input): clean the text field of every
    /// record, pass every other field through, add a summary under
    /// metadata.rinse, and write the records as JSON Lines.
    #[arg(long, conflicts_with = "parquet")]
    pub jsonl: bool,
    /// The inputs are Parquet tables: clean the text column of every row
    /// group, pass every other column through, add a `rinse` column (the
    /// summary as JSON), and write Parquet (needs --out or --output).
    #[arg(long)]
    pub parquet: bool,
    /// With --jsonl: the field that holds the text: a key (`text`), a
    /// dotted path into nested objects (`content.body`) or a JSON Pointer
    /// (`/content/body`; needed for a key with a dot) [default: text].
    #[arg(long, value_name = "PATH")]
    pub text_field: Option<String>,
    /// With --parquet: the string column that holds the text [default:
    /// text].
    #[arg(long, value_name = "NAME")]
    pub text_column: Option<String>,
    /// With --jsonl or --parquet: how much the summary of each record says
    /// [default: summary].
    #[arg(long, value_name = "DETAIL")]
    pub metadata: Option<Metadata>,
    /// With --jsonl or --parquet and --out: how outputs are compressed
    /// [default: keep]; a JSON Lines output's extension follows
    /// (`a.jsonl.gz` → `a.jsonl.zst`).
    #[arg(long, value_name = "CODEC")]
    pub compress: Option<Compress>,
    /// With --jsonl: write records that are not JSON objects with a string
    /// text field here (one JSON object each, with file and line number).
    #[arg(long, value_name = "FILE")]
    pub reject: Option<PathBuf>,
    /// Drop documents that cleaning leaves empty (not written; counted in
    /// the summary).
    #[arg(long)]
    pub drop_empty: bool,
    /// Drop documents with fewer than N characters once cleaned (not
    /// written; counted in the summary).
    #[arg(long, value_name = "N")]
    pub min_chars: Option<usize>,
    /// Write the run's summary as JSON to FILE (atomically); `rinse stats
    /// merge` adds up the files of many shards.
    #[arg(long, value_name = "FILE")]
    pub stats: Option<PathBuf>,
    /// Also list every change on standard error: the line, the step, what
    /// was removed or replaced, and why.
    #[arg(long)]
    pub explain: bool,
    #[command(flatten)]
    pub steps: StepArgs,
}

/// The options that choose steps and their settings. They apply on top of
/// the configuration file: flags win.
#[derive(clap::Args)]
pub struct StepArgs {
    /// Read settings from this TOML file (default: rinse.toml in the
    /// current directory, when there is one).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// `full`: every step that removes lines on (the default); `fix`:
    /// character-level repair only, no line removed. Applies on top of the
    /// configuration file.
    #[arg(long, value_name = "PRESET", value_parser = ["full", "fix"])]
    pub preset: Option<String>,
    /// Turn a step off (repeatable).
    #[arg(long, value_name = "STEP")]
    pub disable: Vec<String>,
    /// Turn a step on (repeatable).
    #[arg(long, value_name = "STEP")]
    pub enable: Vec<String>,
    /// Decode every input with this encoding (a WHATWG label such as
    /// windows-1256, koi8-r, shift_jis, or utf-32le) instead of detecting
    /// one.
    #[arg(long, value_name = "NAME")]
    pub encoding: Option<String>,
    /// Keep the lines the junk rules and score would remove and tag every
    /// line instead (span, score, label, rule, reason): the tags go to
    /// --report and, with --jsonl or --parquet, under `rinse.junk` of each
    /// record. Same as `tag = true` under `[junk]` in the configuration.
    #[arg(long)]
    pub tag: bool,
    /// The junk score (a log-odds) at and above which `junk-score` removes
    /// a line (or tags it junk, with --tag): higher removes less [default:
    /// the shipped weights' own]. Same as `threshold` under `[junk]`.
    #[arg(long, value_name = "X", allow_negative_numbers = true)]
    pub junk_threshold: Option<f32>,
}
