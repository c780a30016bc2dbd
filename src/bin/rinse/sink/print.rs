//! The default mode: cleaned text on standard output, in input order, or
//! into `--output FILE` (written atomically).

use std::io::{self, Write};
use std::path::Path;

use super::{stdout_failure, Document, Failure, Sink};
use crate::atomic::{AtomicFile, WRITE_PIECE};
use crate::inputs::{io_cause, shown};

/// Prints each cleaned document.
pub enum Print {
    Stdout(io::BufWriter<io::Stdout>),
    File(Option<AtomicFile>, String),
}

impl Print {
    pub fn new(output: Option<&Path>) -> anyhow::Result<Print> {
        Ok(match output {
            None => Print::Stdout(io::BufWriter::with_capacity(1 << 16, io::stdout())),
            Some(path) => Print::File(Some(AtomicFile::create_named(path)?), shown(path)),
        })
    }
}

/// Writes `text` to standard output in pieces of at most
/// [`WRITE_PIECE`] bytes (a file under `--output` cuts its writes itself).
fn write_in_pieces(out: &mut impl Write, text: &[u8]) -> io::Result<()> {
    text.chunks(WRITE_PIECE)
        .try_for_each(|piece| out.write_all(piece))
}

impl Sink for Print {
    fn accept(&mut self, doc: &Document) -> Result<(), Failure> {
        let text = doc.cleaned.text.as_bytes();
        match self {
            Print::Stdout(out) => write_in_pieces(out, text).map_err(stdout_failure),
            Print::File(file, name) => file
                .as_mut()
                .expect("not finished")
                .write_all(text)
                .map_err(|err| {
                    Failure::Fatal(anyhow::anyhow!("{name}: cannot write: {}", io_cause(&err)))
                }),
        }
    }

    fn stream_to(&mut self) -> Option<(&mut dyn Write, &str)> {
        Some(match self {
            Print::Stdout(out) => (out as &mut dyn Write, "standard output"),
            Print::File(file, name) => (
                file.as_mut().expect("not finished") as &mut dyn Write,
                name.as_str(),
            ),
        })
    }

    fn finish(&mut self) -> Result<(), Failure> {
        match self {
            Print::Stdout(out) => out.flush().map_err(stdout_failure),
            Print::File(file, _) => file
                .take()
                .expect("finished once")
                .commit()
                .map_err(Failure::Fatal),
        }
    }
}
