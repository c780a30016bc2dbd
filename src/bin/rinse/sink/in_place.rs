//! `--in-place`: each input that changes is replaced atomically, keeping its
//! permissions; a symbolic link is written through; a file with several
//! hard links is refused. Inputs that do not change are not touched. A
//! large input that streams is cleaned into the temporary file that
//! replaces it, which is removed instead when the text is the same.

use std::path::Path;

use super::{Document, Failure, Sink, TempStream};
use crate::atomic;
use crate::inputs::{io_cause, shown, Input};

/// Replaces changed inputs.
#[derive(Default)]
pub struct InPlace {
    /// The file a large input is being streamed to, beside the file it
    /// replaces.
    streaming: TempStream,
}

impl Sink for InPlace {
    fn accept(&mut self, doc: &Document) -> Result<(), Failure> {
        match &doc.input {
            Input::File { path, .. } if doc.changed() => {
                atomic::replace(path, doc.cleaned.text.as_bytes()).map_err(Failure::Document)
            }
            Input::File { .. } => Ok(()),
            Input::Stdin => Err(Failure::Document(anyhow::anyhow!(
                "<stdin>: cannot be cleaned in place"
            ))),
        }
    }

    /// A temporary file beside the input (its target, for a symbolic
    /// link), checked as [`atomic::replace`] checks it; none when that
    /// fails (several hard links, a folder that cannot be written): the
    /// input is then read whole, and only an input that changes fails.
    fn stream_to(
        &mut self,
        input: &Path,
        _out: Option<&Path>,
    ) -> Result<Option<(&mut dyn std::io::Write, &str)>, Failure> {
        let Ok(file) = atomic::replacement(input) else {
            return Ok(None);
        };
        Ok(self.streaming.begin(file, input))
    }

    fn temp_stream(&mut self) -> Option<&mut TempStream> {
        // Taken back, the document is then written whole by `accept`.
        Some(&mut self.streaming)
    }

    /// Replaces the input when its cleaned text differs from its bytes:
    /// when the report says so, or the sizes differ, or (the report saying
    /// nothing changed) the bytes do.
    fn stream_done(&mut self, written: u64, changed: bool) -> Result<bool, Failure> {
        let (mut file, input) = self.streaming.end();
        let fail = |err: std::io::Error| {
            Failure::Document(anyhow::anyhow!("{}: {}", shown(&input), io_cause(&err)))
        };
        let differs = changed
            || std::fs::metadata(&input).map_err(fail)?.len() != written
            || !file.holds_bytes_of(&input).map_err(fail)?;
        if !differs {
            // Dropped, the temporary file is removed: the input stays.
            return Ok(false);
        }
        file.commit().map_err(Failure::Document)?;
        Ok(true)
    }

    fn finish(&mut self) -> Result<(), Failure> {
        Ok(())
    }
}
