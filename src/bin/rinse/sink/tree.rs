//! `--out DIR`: each cleaned file written atomically under DIR at its path
//! relative to the argument it came from.

use std::path::PathBuf;

use super::{Document, Failure, Sink};
use crate::atomic;
use crate::inputs::Input;

/// Writes a tree of cleaned files.
pub struct Tree {
    out: PathBuf,
}

impl Tree {
    pub fn new(out: PathBuf) -> Tree {
        Tree { out }
    }
}

impl Sink for Tree {
    fn accept(&mut self, doc: &Document) -> Result<(), Failure> {
        let relative = match &doc.input {
            Input::File { relative, .. } => relative.clone(),
            Input::Stdin => PathBuf::from("stdin.txt"),
        };
        atomic::out_path(&self.out, &relative)
            .and_then(|path| atomic::write(&path, doc.cleaned.text.as_bytes()))
            .map_err(Failure::Document)
    }

    fn finish(&mut self) -> Result<(), Failure> {
        Ok(())
    }
}
