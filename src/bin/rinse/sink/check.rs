//! `--check`: the names of the inputs that would change, one a line; nothing
//! is written.

use std::io::{self, Write};

use super::{stdout_failure, Document, Failure, Sink};

/// Lists the inputs that would change.
pub struct Check {
    out: io::BufWriter<io::Stdout>,
    found: bool,
}

impl Check {
    pub fn new() -> Check {
        Check {
            out: io::BufWriter::new(io::stdout()),
            found: false,
        }
    }
}

impl Sink for Check {
    fn accept(&mut self, doc: &Document) -> Result<(), Failure> {
        if doc.changed() {
            self.found = true;
            writeln!(self.out, "{}", doc.input.name()).map_err(stdout_failure)?;
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<(), Failure> {
        self.out.flush().map_err(stdout_failure)
    }

    fn found_changes(&self) -> bool {
        self.found
    }
}
