//! `--in-place`: each input that changes is replaced atomically, keeping its
//! permissions; a symbolic link is written through; a file with several
//! hard links is refused. Inputs that do not change are not touched.

use super::{Document, Failure, Sink};
use crate::atomic;
use crate::inputs::Input;

/// Replaces changed inputs.
pub struct InPlace;

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

    fn finish(&mut self) -> Result<(), Failure> {
        Ok(())
    }
}
