//! The default mode: cleaned text on standard output, in input order.

use std::io::{self, Write};

use super::{stdout_failure, Document, Failure, Sink};

/// Prints each cleaned document.
pub struct Print {
    out: io::BufWriter<io::Stdout>,
}

impl Print {
    pub fn new() -> Print {
        Print {
            out: io::BufWriter::with_capacity(1 << 16, io::stdout()),
        }
    }
}

impl Sink for Print {
    fn accept(&mut self, doc: &Document) -> Result<(), Failure> {
        self.out
            .write_all(doc.cleaned.text.as_bytes())
            .map_err(stdout_failure)
    }

    fn finish(&mut self) -> Result<(), Failure> {
        self.out.flush().map_err(stdout_failure)
    }
}
