//! Where cleaned documents go: one sink per output mode of `rinse clean`
//! (print, a tree under `--out`, `--in-place`, `--check`, `--diff`), and the
//! side outputs any mode can have (`--report`, `--explain`, `--verbose`).

mod check;
mod diff;
mod in_place;
mod print;
mod report;
mod tree;

use std::path::{Path, PathBuf};

use rinse::Cleaned;

use crate::args::CleanArgs;
use crate::guard::Inputs;
use crate::inputs::Input;

pub use report::{Explain, Report};

/// One input, read and cleaned.
pub struct Document {
    /// Where it came from.
    pub input: Input,
    /// Where it goes under `--out`.
    pub out: Option<PathBuf>,
    /// Its bytes as read.
    pub bytes: Vec<u8>,
    /// Its decoded text, kept when the mode shows the input (`--diff`).
    pub decoded: Option<String>,
    /// What rinse made of it.
    pub cleaned: Cleaned,
}

impl Document {
    /// Whether the cleaned bytes differ from the input's.
    pub fn changed(&self) -> bool {
        self.cleaned.text.as_bytes() != self.bytes
    }
}

/// What went wrong writing a document.
pub enum Failure {
    /// This document could not be written; the others still can (one line
    /// on standard error, exit status 2 at the end).
    Document(anyhow::Error),
    /// Nothing more can be written (standard output is closed or full).
    Fatal(anyhow::Error),
}

/// An output mode.
pub trait Sink {
    /// Writes what the mode makes of one document.
    fn accept(&mut self, doc: &Document) -> Result<(), Failure>;

    /// Flushes what is buffered.
    fn finish(&mut self) -> Result<(), Failure>;

    /// Whether a document would change (the modes that write nothing exit
    /// with 1 then).
    fn found_changes(&self) -> bool {
        false
    }

    /// Where a document cleaned as a stream is written, for the modes that
    /// write each document's text as it is (printing, `--out`,
    /// `--in-place`), with its name for errors; `input` is the file it is
    /// read from, `out` its path under `--out`. Once the stream ends,
    /// [`stream_done`](Sink::stream_done) (or
    /// [`take_back`](Sink::take_back)) is called.
    fn stream_to(
        &mut self,
        _input: &Path,
        _out: Option<&Path>,
    ) -> Result<Option<(&mut dyn std::io::Write, &str)>, Failure> {
        Ok(None)
    }

    /// The document streamed to [`stream_to`](Sink::stream_to) is written
    /// whole, `written` bytes, and its report says whether it `changed`
    /// (not always exact: the same bytes may be written in another
    /// encoding). Returns whether its text was written out (`--in-place`
    /// leaves an input that did not change as it is).
    fn stream_done(&mut self, _written: u64, _changed: bool) -> Result<bool, Failure> {
        Ok(true)
    }

    /// The temporary file of its own that [`stream_to`](Sink::stream_to)
    /// gives each document (`--out`, `--in-place`), whose bytes are taken
    /// back by removing it; `None` for a shared output (printing).
    fn temp_stream(&mut self) -> Option<&mut TempStream> {
        None
    }

    /// Whether [`stream_to`](Sink::stream_to) gives each document a file of
    /// its own ([`temp_stream`](Sink::temp_stream)), which a failure to
    /// write takes back: the document is then cleaned whole as if it had
    /// not streamed, and fails alone if writing fails again. Else
    /// (printing) a write error stops the run.
    fn streams_to_own_file(&mut self) -> bool {
        self.temp_stream().is_some()
    }

    /// Where the next bytes streamed to [`stream_to`](Sink::stream_to)
    /// start, when the sink can take them back
    /// ([`take_back`](Sink::take_back)): the start of a document's own
    /// temporary file, or the end of a regular file it writes.
    fn mark(&mut self) -> Option<u64> {
        self.temp_stream().map(|_| 0)
    }

    /// Takes back what was streamed since [`mark`](Sink::mark) gave
    /// `mark`.
    fn take_back(&mut self, _mark: u64) -> std::io::Result<()> {
        match self.temp_stream() {
            Some(stream) => {
                stream.take_back();
                Ok(())
            }
            None => Err(std::io::Error::other(
                "this output cannot take back what it wrote",
            )),
        }
    }
}

/// The temporary file one document is being streamed to (`--out`,
/// `--in-place`), with the path it stands for and its name for errors:
/// what was streamed is taken back by removing it.
#[derive(Default)]
pub struct TempStream(Option<(crate::atomic::AtomicFile, PathBuf, String)>);

impl TempStream {
    /// Starts streaming to `file`, which stands for `path`.
    fn begin(
        &mut self,
        file: crate::atomic::AtomicFile,
        path: &Path,
    ) -> Option<(&mut dyn std::io::Write, &str)> {
        let (file, _, name) = self
            .0
            .insert((file, path.to_owned(), crate::inputs::shown(path)));
        Some((file as &mut dyn std::io::Write, name.as_str()))
    }

    /// Removes what was streamed (dropped, the temporary file goes).
    fn take_back(&mut self) {
        self.0 = None;
    }

    /// The file streamed to, and the path it stands for.
    fn end(&mut self) -> (crate::atomic::AtomicFile, PathBuf) {
        let (file, path, _) = self.0.take().expect("a stream was begun");
        (file, path)
    }
}

/// The output mode the flags ask for.
pub enum Mode {
    /// Print the cleaned text on standard output.
    Print,
    /// Write each file under this folder at its relative path.
    Tree(PathBuf),
    /// Replace each input that changes.
    InPlace,
    /// List the inputs that would change; write nothing.
    Check,
    /// Print a unified diff of each input that would change.
    Diff,
}

impl Mode {
    /// The mode of `args` (clap has refused the combinations that conflict).
    pub fn of(args: &CleanArgs) -> Mode {
        if args.diff {
            Mode::Diff
        } else if args.check {
            Mode::Check
        } else if args.in_place {
            Mode::InPlace
        } else if let Some(out) = &args.out {
            Mode::Tree(out.clone())
        } else {
            Mode::Print
        }
    }

    /// Whether the mode shows the decoded input beside the cleaned text.
    pub fn keeps_decoded_input(&self) -> bool {
        matches!(self, Mode::Diff)
    }

    /// Whether the mode writes the cleaned text to standard output (or to
    /// `--output`, which frees it).
    pub fn uses_stdout(&self) -> bool {
        matches!(self, Mode::Print | Mode::Check | Mode::Diff)
    }

    /// The sink of this mode; `inputs` are what `--out` may not overwrite;
    /// `output` is `--output FILE` (printing into it).
    pub fn open(self, inputs: Inputs, output: Option<&Path>) -> anyhow::Result<Box<dyn Sink>> {
        Ok(match self {
            Mode::Print => Box::new(print::Print::new(output)?),
            Mode::Tree(out) => Box::new(tree::Tree::new(out, inputs)),
            Mode::InPlace => Box::new(in_place::InPlace::default()),
            Mode::Check => Box::new(check::Check::new()),
            Mode::Diff => Box::new(diff::Diff::new()),
        })
    }
}

/// An error writing to standard output: nothing more can be written.
pub fn stdout_failure(err: std::io::Error) -> Failure {
    Failure::Fatal(anyhow::Error::new(err).context("writing to standard output"))
}
