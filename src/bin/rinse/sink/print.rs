//! The default mode: cleaned text on standard output, in input order, or
//! into `--output FILE` (written atomically).

use std::io::{self, Write};
use std::path::Path;

use super::{stdout_failure, Document, Failure, Sink};
use crate::atomic::{self, AtomicFile, WRITE_PIECE};
use crate::inputs::{io_cause, shown};

/// Prints each cleaned document.
pub enum Print {
    /// Standard output, and a copy of its descriptor when it is a regular
    /// file (`> out.txt`), whose bytes can be taken back.
    Stdout(io::BufWriter<io::Stdout>, Option<std::fs::File>),
    File(Option<AtomicFile>, String),
}

impl Print {
    pub fn new(output: Option<&Path>) -> anyhow::Result<Print> {
        Ok(match output {
            None => {
                let file = atomic::stdout_file()
                    .filter(|file| file.metadata().is_ok_and(|meta| meta.is_file()));
                Print::Stdout(io::BufWriter::with_capacity(1 << 16, io::stdout()), file)
            }
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
            Print::Stdout(out, _) => write_in_pieces(out, text).map_err(stdout_failure),
            Print::File(file, name) => file
                .as_mut()
                .expect("not finished")
                .write_all(text)
                .map_err(|err| {
                    Failure::Fatal(anyhow::anyhow!("{name}: cannot write: {}", io_cause(&err)))
                }),
        }
    }

    fn stream_to(
        &mut self,
        _input: &Path,
        _out: Option<&Path>,
    ) -> Result<Option<(&mut dyn Write, &str)>, Failure> {
        Ok(Some(match self {
            Print::Stdout(out, _) => (out as &mut dyn Write, "standard output"),
            Print::File(file, name) => (
                file.as_mut().expect("not finished") as &mut dyn Write,
                name.as_str(),
            ),
        }))
    }

    fn mark(&mut self) -> Option<u64> {
        match self {
            Print::Stdout(out, file) => {
                let file = file.as_mut()?;
                out.flush().ok()?;
                atomic::mark(file)
            }
            Print::File(file, _) => file.as_mut().expect("not finished").mark(),
        }
    }

    fn take_back(&mut self, mark: u64) -> io::Result<()> {
        match self {
            Print::Stdout(out, Some(file)) => {
                out.flush()?;
                atomic::take_back(file, mark)
            }
            Print::Stdout(_, None) => Err(io::Error::other("standard output is not a file")),
            Print::File(file, _) => file.as_mut().expect("not finished").take_back(mark),
        }
    }

    fn finish(&mut self) -> Result<(), Failure> {
        match self {
            Print::Stdout(out, _) => out.flush().map_err(stdout_failure),
            Print::File(file, _) => file
                .take()
                .expect("finished once")
                .commit()
                .map_err(Failure::Fatal),
        }
    }
}
