//! `--out DIR`: each cleaned file written atomically under DIR at its path
//! relative to the argument it came from.

use std::path::{Path, PathBuf};

use super::{Document, Failure, Sink};
use crate::atomic;
use crate::guard::{self, Inputs};
use crate::inputs::{shown, Input};

/// Writes a tree of cleaned files.
pub struct Tree {
    out: PathBuf,
    /// `out` resolved, once it exists.
    resolved: Option<PathBuf>,
    inputs: Inputs,
}

impl Tree {
    pub fn new(out: PathBuf, inputs: Inputs) -> Tree {
        Tree {
            out,
            resolved: None,
            inputs,
        }
    }

    /// Where `relative` is written: inside `out` for real (no symbolic link
    /// on the way leads out of it), and not an input.
    fn checked_path(&mut self, relative: &Path) -> anyhow::Result<PathBuf> {
        let path = atomic::out_path(&self.out, relative)?;
        let parent = path.parent().unwrap_or(&self.out);
        std::fs::create_dir_all(parent).map_err(|err| {
            anyhow::anyhow!(
                "{}: cannot create: {}",
                shown(parent),
                crate::inputs::io_cause(&err)
            )
        })?;
        let out = match &self.resolved {
            Some(out) => out.clone(),
            None => {
                let out = guard::resolve(&self.out);
                self.resolved = Some(out.clone());
                out
            }
        };
        if !guard::resolve(parent).starts_with(&out) {
            anyhow::bail!(
                "{}: refusing to write outside {} (a symbolic link on the way leads out of it)",
                shown(&path),
                shown(&self.out)
            );
        }
        if self.inputs.holds(&path) {
            anyhow::bail!("{}: is an input; refusing to overwrite it", shown(&path));
        }
        Ok(path)
    }
}

impl Sink for Tree {
    fn accept(&mut self, doc: &Document) -> Result<(), Failure> {
        let relative = match &doc.input {
            Input::File { relative, .. } => relative.clone(),
            Input::Stdin => PathBuf::from("stdin.txt"),
        };
        self.checked_path(&relative)
            .and_then(|path| atomic::write(&path, doc.cleaned.text.as_bytes()))
            .map_err(Failure::Document)
    }

    fn finish(&mut self) -> Result<(), Failure> {
        Ok(())
    }
}
