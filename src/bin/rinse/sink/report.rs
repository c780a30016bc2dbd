//! The side outputs of `rinse clean`: `--report` (a JSON record per
//! document, to a file written atomically or to standard output) and
//! `--explain` (every change, on standard error).

use std::io::{self, Write};
use std::path::Path;

use rinse::report::DocumentRecord;

use super::{stdout_failure, Document, Failure};
use crate::atomic::AtomicFile;
use crate::inputs::io_cause;

/// Where `--report` records go.
pub enum Report {
    /// A file, committed when the run ends.
    File(AtomicFile, std::path::PathBuf),
    /// Standard output.
    Stdout(io::BufWriter<io::Stdout>),
}

impl Report {
    /// Opens `--report PATH` (`-`: standard output).
    pub fn open(path: &Path) -> anyhow::Result<Report> {
        if path == Path::new("-") {
            return Ok(Report::Stdout(io::BufWriter::new(io::stdout())));
        }
        Ok(Report::File(
            AtomicFile::create_named(path)?,
            path.to_owned(),
        ))
    }

    /// Writes the record of one document.
    pub fn record(&mut self, doc: &Document) -> Result<(), Failure> {
        let record = DocumentRecord::new(doc.input.name(), &doc.bytes, &doc.cleaned);
        let line = serde_json::to_string(&record).map_err(|err| Failure::Fatal(err.into()))?;
        match self {
            Report::File(file, path) => writeln!(file, "{line}").map_err(|err| {
                Failure::Fatal(anyhow::anyhow!(
                    "{}: cannot write: {}",
                    path.display(),
                    io_cause(&err)
                ))
            }),
            Report::Stdout(out) => writeln!(out, "{line}").map_err(stdout_failure),
        }
    }

    /// Commits the file, or flushes standard output.
    pub fn finish(self) -> Result<(), Failure> {
        match self {
            Report::File(file, _) => file.commit().map_err(Failure::Fatal),
            Report::Stdout(mut out) => out.flush().map_err(stdout_failure),
        }
    }
}

/// `--explain`: every change of a document on standard error, one a line,
/// after the file name (`doc.txt:29: boilerplate removed "1 comment": …`).
pub struct Explain;

impl Explain {
    pub fn write(doc: &Document) -> io::Result<()> {
        let name = doc.input.name();
        let mut err = io::stderr().lock();
        for (key, value) in &doc.cleaned.metadata {
            writeln!(err, "{name}: metadata {key} = {value}")?;
        }
        for change in &doc.cleaned.report.changes {
            writeln!(err, "{name}:{change}")?;
        }
        Ok(())
    }
}
