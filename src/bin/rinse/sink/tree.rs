//! `--out DIR`: each cleaned file written under DIR at its path relative
//! to the argument it came from: to a temporary file at once (a large file
//! that streams, a block of lines at a time as it is cleaned), then, a batch
//! at a time (2,048 files or 256 MiB), synced together from several
//! threads and renamed, so a killed run leaves each output absent or
//! complete, without waiting on one sync per file.

use std::path::{Path, PathBuf};

use super::{Document, Failure, Sink, TempStream};
use crate::atomic::{self, AtomicFile, Pending};
use crate::guard::{self, Inputs};
use crate::inputs::shown;

/// How many files a batch holds at most before it is synced and renamed.
const BATCH_FILES: usize = 2048;

/// How many bytes a batch holds at most.
const BATCH_BYTES: usize = 256 << 20;

/// Writes a tree of cleaned files.
pub struct Tree {
    out: PathBuf,
    /// `out` resolved, once it exists.
    resolved: Option<PathBuf>,
    inputs: Inputs,
    /// The last folder checked to be inside `out` (files come in order, so
    /// most share their folder with the one before).
    checked_parent: Option<PathBuf>,
    /// Whether any input lies inside `out` (found once).
    inputs_inside: Option<bool>,
    batch: Vec<Pending>,
    batch_bytes: usize,
    /// The file a document is being streamed to.
    streaming: TempStream,
}

impl Tree {
    pub fn new(out: PathBuf, inputs: Inputs) -> Tree {
        // What a killed run left half-written goes first.
        atomic::remove_stale_temps(&out);
        Tree {
            out,
            resolved: None,
            inputs,
            checked_parent: None,
            inputs_inside: None,
            batch: Vec::new(),
            batch_bytes: 0,
            streaming: TempStream::default(),
        }
    }

    /// Checks that `path` is inside `out` for real (no symbolic link on the
    /// way leads out of it) and not an input, creating its folder (checked
    /// once per folder in a row).
    fn check(&mut self, path: &Path) -> anyhow::Result<()> {
        let parent = path.parent().unwrap_or(&self.out).to_path_buf();
        if self.checked_parent.as_ref() != Some(&parent) {
            self.check_parent(path, &parent)?;
            self.checked_parent = Some(parent);
        }
        // Only an input inside `out` can be overwritten by an output.
        let inside = *self.inputs_inside.get_or_insert_with(|| {
            let out = self.resolved.as_deref().expect("resolved by check_parent");
            self.inputs.any_inside(out)
        });
        if inside {
            self.inputs.check_not_input(path)?;
        }
        Ok(())
    }

    /// Creates `parent` and checks it is inside `out` for real.
    fn check_parent(&mut self, path: &Path, parent: &Path) -> anyhow::Result<()> {
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
        guard::check_inside(path, parent, &self.out, &out)
    }

    /// Syncs and renames the batch written so far.
    fn commit(&mut self) -> Result<(), Failure> {
        self.batch_bytes = 0;
        let batch = std::mem::take(&mut self.batch);
        let mut errors = atomic::commit_batch(batch);
        let Some(first) = errors.pop() else {
            return Ok(());
        };
        for err in errors {
            eprintln!("rinse: {err:#}");
        }
        Err(Failure::Document(first))
    }

    /// Adds a file written to the batch, which is committed when full.
    fn add(&mut self, pending: Pending, bytes: usize) -> Result<(), Failure> {
        self.batch.push(pending);
        self.batch_bytes += bytes;
        if self.batch.len() >= BATCH_FILES || self.batch_bytes >= BATCH_BYTES {
            self.commit()?;
        }
        Ok(())
    }
}

impl Sink for Tree {
    fn accept(&mut self, doc: &Document) -> Result<(), Failure> {
        let path = doc.out.clone().expect("--out gives every input its path");
        let text = doc.cleaned.text.as_bytes();
        let pending = self.check(&path).and_then(|()| {
            let mut file = AtomicFile::create(&path)?;
            std::io::Write::write_all(&mut file, text).map_err(|err| {
                anyhow::anyhow!(
                    "{}: cannot write: {}",
                    shown(&path),
                    crate::inputs::io_cause(&err)
                )
            })?;
            file.close()
        });
        let pending = pending.map_err(Failure::Document)?;
        self.add(pending, text.len())
    }

    /// A temporary file beside the document's path, checked as
    /// [`accept`](Sink::accept) checks it.
    fn stream_to(
        &mut self,
        _input: &Path,
        out: Option<&Path>,
    ) -> Result<Option<(&mut dyn std::io::Write, &str)>, Failure> {
        let path = out.expect("--out gives every input its path");
        let file = self
            .check(path)
            .and_then(|()| AtomicFile::create(path))
            .map_err(Failure::Document)?;
        Ok(self.streaming.begin(file, path))
    }

    fn temp_stream(&mut self) -> Option<&mut TempStream> {
        // Taken back, the document is then written whole by `accept`.
        Some(&mut self.streaming)
    }

    fn stream_done(&mut self, written: u64, _changed: bool) -> Result<bool, Failure> {
        let (file, _) = self.streaming.end();
        let pending = file.close().map_err(Failure::Document)?;
        self.add(pending, written as usize).map(|()| true)
    }

    fn finish(&mut self) -> Result<(), Failure> {
        self.commit()
    }
}
