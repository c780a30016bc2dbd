//! Writing files atomically: to a temporary file beside the target, synced,
//! then renamed over it, so a reader (or a killed run) never sees half a
//! file. And keeping output paths inside their folder.

use std::fs::File;
use std::io::{self, Seek, SeekFrom, Write};
use std::path::{Component, Path, PathBuf};

use crate::inputs::{io_cause, shown};
use crate::interrupt;

/// A file being written: the bytes go to a temporary file beside `path`,
/// which [`commit`](AtomicFile::commit) syncs and renames to `path`.
/// Dropped without a commit, the temporary file is removed.
///
/// A path the user named ([`create_named`](AtomicFile::create_named)) that
/// is not a file of its own (a terminal, a pipe, a device such as
/// `/dev/stdout` or `/dev/null`) is written directly instead.
pub struct AtomicFile {
    path: PathBuf,
    /// The temporary file; empty when the path is written directly.
    temp: PathBuf,
    file: Option<io::BufWriter<File>>,
}

impl AtomicFile {
    /// Starts writing `path` (its folder is created if missing). What
    /// stands at `path` is replaced, a symbolic link included (not written
    /// through: an output folder is never left by a link inside it).
    pub fn create(path: &Path) -> anyhow::Result<AtomicFile> {
        let dir = match path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        };
        std::fs::create_dir_all(dir).map_err(|err| {
            anyhow::anyhow!("{}: cannot create: {}", dir.display(), io_cause(&err))
        })?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let temp = dir.join(format!(".{name}.rinse-{}.tmp", std::process::id()));
        // Readable too: `holds_bytes_of` reads it back.
        let file = interrupt::create(&temp, |temp| {
            std::fs::OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(true)
                .open(temp)
        })
        .map_err(|err| anyhow::anyhow!("{}: cannot write: {}", path.display(), io_cause(&err)))?;
        Ok(AtomicFile {
            path: path.to_owned(),
            temp,
            file: Some(io::BufWriter::with_capacity(1 << 16, file)),
        })
    }

    /// Starts writing `path`, a path the user named (`--output`,
    /// `--report`, `--reject`, `--stats`):
    /// - standard output or standard error by a name of their descriptor
    ///   (`/dev/stdout`, `/dev/fd/2`, `/proc/self/fd/1`, whatever it is
    ///   open on: a terminal, a pipe, or a file the shell opened with `>` or
    ///   `>>`) is written through a copy of that descriptor, at its offset;
    ///   any other descriptor of the process (standard input, `3>file`, one
    ///   rinse opened on an input) is an error;
    /// - a device, a pipe or a socket is written to directly (renaming a
    ///   file over it would replace its name instead; a pipe with no reader
    ///   waits for one, as a shell redirection does);
    /// - a folder, or a link to one, is an error;
    /// - a symbolic link to a file is written through: its target is
    ///   replaced atomically, keeping its permissions, and the link stays;
    /// - anything else is replaced atomically, as [`create`](Self::create)
    ///   does (a link to nothing included).
    pub fn create_named(path: &Path) -> anyhow::Result<AtomicFile> {
        let cannot_write = |err: io::Error| {
            anyhow::anyhow!("{}: cannot write: {}", path.display(), io_cause(&err))
        };
        let direct = |file: File| AtomicFile {
            path: path.to_owned(),
            temp: PathBuf::new(),
            file: Some(io::BufWriter::with_capacity(1 << 16, file)),
        };
        if let Some(fd) = own_descriptor(path) {
            return Ok(direct(descriptor_file(fd, path)?));
        }
        let Ok(meta) = std::fs::metadata(path) else {
            return AtomicFile::create(path);
        };
        if meta.is_dir() {
            anyhow::bail!("{}: is a folder", path.display());
        }
        if is_device(&meta) {
            let file = std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(cannot_write)?;
            return Ok(direct(file));
        }
        let link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
        if link {
            let mut file = AtomicFile::create(&path.canonicalize().map_err(cannot_write)?)?;
            file.keep_metadata_of(&meta);
            return Ok(file);
        }
        AtomicFile::create(path)
    }

    /// Gives the file, when committed, the permissions of `meta` (and its
    /// owner and group, where the process may).
    pub fn keep_metadata_of(&mut self, meta: &std::fs::Metadata) {
        let _ = std::fs::set_permissions(&self.temp, meta.permissions());
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            // Only a privileged process may give a file away; otherwise the
            // file keeps the owner it was created with.
            let _ = std::os::unix::fs::chown(&self.temp, Some(meta.uid()), Some(meta.gid()));
        }
    }

    /// Closes the temporary file without syncing or renaming it: a batch of
    /// them is synced at once and then renamed ([`commit_batch`]).
    pub fn close(mut self) -> anyhow::Result<Pending> {
        let file = self.file.take().expect("closed once");
        file.into_inner()
            .map_err(io::IntoInnerError::into_error)
            .map_err(|err| {
                interrupt::discard(&self.temp);
                anyhow::anyhow!("{}: cannot write: {}", shown(&self.path), io_cause(&err))
            })?;
        Ok(Pending {
            path: std::mem::take(&mut self.path),
            temp: std::mem::take(&mut self.temp),
        })
    }

    /// Where the next byte written goes, when what is written from there
    /// can be taken back ([`take_back`](Self::take_back)): the file is a
    /// regular file (not a pipe, a terminal or a device).
    pub fn mark(&mut self) -> Option<u64> {
        let file = self.file.as_mut().expect("not committed");
        file.flush().ok()?;
        mark(file.get_mut())
    }

    /// Takes back what was written since [`mark`](Self::mark) gave `mark`.
    pub fn take_back(&mut self, mark: u64) -> io::Result<()> {
        let file = self.file.as_mut().expect("not committed");
        file.flush()?;
        take_back(file.get_mut(), mark)
    }

    /// Whether the bytes written so far are those of the file at `other`
    /// (read back and compared a block at a time).
    pub fn holds_bytes_of(&mut self, other: &Path) -> io::Result<bool> {
        let file = self.file.as_mut().expect("not committed");
        file.flush()?;
        let written = file.get_mut();
        written.seek(SeekFrom::Start(0))?;
        let mut other = File::open(other)?;
        let (mut a, mut b) = (vec![0; 1 << 16], vec![0; 1 << 16]);
        let same = loop {
            let n = read_full(written, &mut a)?;
            let m = read_full(&mut other, &mut b)?;
            if a[..n] != b[..m] {
                break false;
            }
            if n == 0 {
                break true;
            }
        };
        written.seek(SeekFrom::End(0))?;
        Ok(same)
    }

    /// Whether the path is written directly (a device, a pipe, a
    /// descriptor), with no temporary file.
    fn is_direct(&self) -> bool {
        self.temp.as_os_str().is_empty()
    }

    /// Syncs the bytes written and renames the temporary file to the path
    /// (written directly: flushes them).
    pub fn commit(mut self) -> anyhow::Result<()> {
        let file = self.file.take().expect("committed once");
        let flushed = file.into_inner().map_err(io::IntoInnerError::into_error);
        let done = if self.is_direct() {
            flushed.map(drop)
        } else {
            flushed
                .and_then(|file| file.sync_all())
                .and_then(|()| std::fs::rename(&self.temp, &self.path))
                .inspect(|()| interrupt::forget(&self.temp))
        };
        done.map_err(|err| {
            anyhow::anyhow!("{}: cannot write: {}", self.path.display(), io_cause(&err))
        })
    }
}

/// The most bytes handed to the kernel in one write: it copies a piece
/// into its page cache while the piece is still in the processor's cache,
/// where one write of a whole large document (a hundred megabytes) reads
/// it all back from memory and takes about twice as long.
pub const WRITE_PIECE: usize = 1 << 20;

impl Write for AtomicFile {
    /// Writes at most [`WRITE_PIECE`] bytes of `buf`.
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let piece = &buf[..buf.len().min(WRITE_PIECE)];
        self.file.as_mut().expect("not committed").write(piece)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.as_mut().expect("not committed").flush()
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if self.file.take().is_some() && !self.is_direct() {
            interrupt::discard(&self.temp);
        }
    }
}

/// A file written to its temporary name, waiting for its batch to be
/// synced and renamed. Dropped unrenamed, the temporary file is removed.
pub struct Pending {
    path: PathBuf,
    temp: PathBuf,
}

impl Pending {
    /// Whether it was written directly (a device or a pipe): nothing to
    /// sync or rename.
    fn is_direct(&self) -> bool {
        self.temp.as_os_str().is_empty()
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        if !self.temp.as_os_str().is_empty() {
            interrupt::discard(&self.temp);
        }
    }
}

/// Makes a batch of closed files durable and gives them their names: their
/// data synced (from 16 threads at once, which the file system commits
/// together), then each renamed, then their folders synced. A killed run
/// leaves every file either absent (a hidden temporary file, removed by the
/// next run) or complete. Returns the files that could not be written, each
/// with its error.
pub fn commit_batch(batch: Vec<Pending>) -> Vec<anyhow::Error> {
    let mut errors = Vec::new();
    if batch.is_empty() {
        return errors;
    }
    {
        // Synced from several threads at once: the file system commits
        // concurrent syncs together (and, unlike `syncfs`, nobody else's
        // data is flushed with ours).
        let failed = std::sync::Mutex::new(Vec::new());
        let threads = 16.min(batch.len());
        std::thread::scope(|scope| {
            for part in batch.chunks(batch.len().div_ceil(threads)) {
                let failed = &failed;
                scope.spawn(move || {
                    for pending in part.iter().filter(|p| !p.is_direct()) {
                        if let Err(err) =
                            File::open(&pending.temp).and_then(|file| file.sync_data())
                        {
                            failed.lock().expect("not poisoned").push(anyhow::anyhow!(
                                "{}: cannot write: {}",
                                shown(&pending.path),
                                io_cause(&err)
                            ));
                        }
                    }
                });
            }
        });
        errors.extend(failed.into_inner().expect("not poisoned"));
    }
    let mut parents: Vec<PathBuf> = Vec::new();
    for mut pending in batch {
        if pending.is_direct() {
            continue;
        }
        match std::fs::rename(&pending.temp, &pending.path) {
            Ok(()) => {
                interrupt::forget(&pending.temp);
                pending.temp = PathBuf::new();
                if let Some(parent) = pending.path.parent() {
                    if parents.last().map(PathBuf::as_path) != Some(parent) {
                        parents.push(parent.to_path_buf());
                    }
                }
            }
            Err(err) => errors.push(anyhow::anyhow!(
                "{}: cannot write: {}",
                shown(&pending.path),
                io_cause(&err)
            )),
        }
    }
    parents.sort();
    parents.dedup();
    for parent in parents {
        let _ = File::open(&parent).and_then(|dir| dir.sync_all());
    }
    errors
}

/// Whether `name` is the name of a temporary file of [`AtomicFile`].
fn is_temp_name(name: &str) -> bool {
    name.starts_with('.')
        && name
            .strip_suffix(".tmp")
            .and_then(|rest| rest.rsplit_once(".rinse-"))
            .is_some_and(|(_, pid)| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
}

/// Removes the temporary files a killed run left under `dir` (hidden
/// `.NAME.rinse-PID.tmp` files), so a rerun starts clean. Symbolic links
/// are not followed.
pub fn remove_stale_temps(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        let name = entry.file_name();
        if kind.is_dir() {
            remove_stale_temps(&entry.path());
        } else if kind.is_file() && is_temp_name(&name.to_string_lossy()) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Whether `meta` is of something other than a file or a folder: a
/// terminal, a pipe, a socket, a device.
fn is_device(meta: &std::fs::Metadata) -> bool {
    !meta.is_file() && !meta.is_dir()
}

/// Whether `path`, named on the command line, holds an output written
/// before: a file or a folder (a device such as `/dev/null`, or a
/// descriptor of this process such as `/dev/stdout`, holds none, whatever
/// was written to it).
pub fn is_written(path: &Path) -> bool {
    own_descriptor(path).is_none() && std::fs::metadata(path).is_ok_and(|meta| !is_device(&meta))
}

/// Whether anything stands at `path`, a symbolic link included (to nothing,
/// or to a device): an output under `--out` would replace it.
pub fn is_taken(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}

/// The descriptor of this process that `path` names, directly or through
/// symbolic links (`/dev/stdout` is a link to `/proc/self/fd/1`; `/dev/fd`,
/// `/proc/thread-self/fd` and any other spelling lead to the process's
/// descriptor folder, which is what is compared).
fn own_descriptor(path: &Path) -> Option<u32> {
    let mut at = path.to_path_buf();
    // Links are followed a few steps, as far as a descriptor's name.
    for _ in 0..8 {
        if let (Some(dir), Some(name)) = (at.parent(), at.file_name()) {
            if dir
                .canonicalize()
                .is_ok_and(|dir| is_own_descriptor_folder(&dir))
            {
                return name.to_str()?.parse().ok();
            }
        }
        let next = std::fs::read_link(&at).ok()?;
        at = match at.parent() {
            Some(dir) if next.is_relative() => dir.join(next),
            _ => next,
        };
    }
    None
}

/// Whether `dir` (canonical) is `/proc/PID/fd` or `/proc/PID/task/TID/fd`
/// of this process.
fn is_own_descriptor_folder(dir: &Path) -> bool {
    let pid = std::process::id().to_string();
    let Ok(rest) = dir.strip_prefix(Path::new("/proc").join(&pid)) else {
        return false;
    };
    let parts: Vec<_> = rest.iter().collect();
    matches!(parts.as_slice(), [fd] if *fd == "fd")
        || matches!(parts.as_slice(), [task, _, fd] if *task == "task" && *fd == "fd")
}

/// A file writing to descriptor `fd` of this process (named `path`): a copy
/// of standard output or standard error, sharing their offset and append
/// mode. Any other descriptor is refused: opening it again by its name would
/// write from its start (over a file the shell opened to append to), and it
/// may be standard input or a descriptor rinse opened on an input.
fn descriptor_file(fd: u32, path: &Path) -> anyhow::Result<File> {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        let copy = match fd {
            1 => Some(io::stdout().as_fd().try_clone_to_owned()),
            2 => Some(io::stderr().as_fd().try_clone_to_owned()),
            _ => None,
        };
        if let Some(copy) = copy {
            return copy.map(File::from).map_err(|err| {
                anyhow::anyhow!("{}: cannot write: {}", path.display(), io_cause(&err))
            });
        }
    }
    anyhow::bail!(
        "{}: names descriptor {fd} of rinse; only standard output and standard error (/dev/stdout, /dev/stderr) are written through a descriptor",
        path.display()
    )
}

/// Reads into `buf` until it is full or the input ends; how many bytes.
fn read_full(input: &mut impl io::Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match input.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
            Err(err) => return Err(err),
        }
    }
    Ok(filled)
}

/// Where the next byte written to `file` goes, when `file` is a regular
/// file, whose bytes written from there can be taken back
/// ([`take_back`]): its end, where its offset stands. `None` for a pipe, a
/// terminal, a device, a file whose offset is not at its end (opened to
/// append, `>>`, before the first write: the offset says 0 while the bytes
/// go to the end), and a file that cannot be cut (append-only, `chattr
/// +a`: cutting it at its own length is refused too).
pub fn mark(file: &mut File) -> Option<u64> {
    let meta = file.metadata().ok()?;
    let at = file.stream_position().ok()?;
    (meta.is_file() && at == meta.len() && file.set_len(at).is_ok()).then_some(at)
}

/// Cuts the regular file `file` at `mark` (from [`mark`]): what was
/// written after is taken back, and writing goes on from there.
pub fn take_back(file: &mut File, mark: u64) -> io::Result<()> {
    file.set_len(mark)?;
    file.seek(SeekFrom::Start(mark)).map(drop)
}

/// A copy of the descriptor of standard output, as a file.
pub fn stdout_file() -> Option<File> {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        io::stdout()
            .as_fd()
            .try_clone_to_owned()
            .ok()
            .map(File::from)
    }
    #[cfg(not(unix))]
    {
        None
    }
}

/// Writes `bytes` to `path` atomically.
pub fn write(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    write_to(AtomicFile::create(path)?, path, bytes)
}

/// Writes `bytes` to `path`, a path the user named
/// ([`AtomicFile::create_named`]).
pub fn write_named(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    write_to(AtomicFile::create_named(path)?, path, bytes)
}

/// Writes `bytes` to `file` (at `path`) and commits it.
fn write_to(mut file: AtomicFile, path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    file.write_all(bytes)
        .map_err(|err| anyhow::anyhow!("{}: cannot write: {}", path.display(), io_cause(&err)))?;
    file.commit()
}

/// Replaces the input file `path` with `bytes` (`--in-place`): atomically,
/// keeping its permissions (and its owner and group, where the process may
/// set them). A symbolic link is written through: its target gets the new
/// text and the link stays. A file with more than one hard link is refused:
/// replacing it would leave its other names with the old text.
pub fn replace(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let fail = |err: std::io::Error| anyhow::anyhow!("{}: {}", shown(path), io_cause(&err));
    let mut file = replacement(path)?;
    file.write_all(bytes).map_err(fail)?;
    file.commit()
}

/// The file that replaces `path` once committed ([`replace`]): written
/// through a symbolic link (its target is replaced), with the permissions
/// of the file it replaces; an error for a file with several hard links.
pub fn replacement(path: &Path) -> anyhow::Result<AtomicFile> {
    let fail = |err: std::io::Error| anyhow::anyhow!("{}: {}", shown(path), io_cause(&err));
    let target = if std::fs::symlink_metadata(path)
        .map_err(fail)?
        .file_type()
        .is_symlink()
    {
        path.canonicalize().map_err(fail)?
    } else {
        path.to_path_buf()
    };
    let meta = std::fs::metadata(&target).map_err(fail)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if meta.nlink() > 1 {
            anyhow::bail!(
                "{}: has {} hard links; replacing it would leave the other names with the old text (clean a copy, or --out)",
                shown(path),
                meta.nlink()
            );
        }
    }
    let mut file = AtomicFile::create(&target)?;
    file.keep_metadata_of(&meta);
    Ok(file)
}

/// `relative` under `out`; an error for a path that would leave it.
pub fn out_path(out: &Path, relative: &Path) -> anyhow::Result<PathBuf> {
    let mut path = out.to_path_buf();
    for component in relative.components() {
        match component {
            Component::Normal(part) => path.push(part),
            Component::CurDir => {}
            _ => anyhow::bail!(
                "{}: refusing to write outside {}",
                relative.display(),
                out.display()
            ),
        }
    }
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn out_path_keeps_relative_paths_inside() {
        let out = Path::new("/tmp/out");
        assert_eq!(
            out_path(out, Path::new("a/b.txt")).unwrap(),
            Path::new("/tmp/out/a/b.txt")
        );
        assert_eq!(
            out_path(out, Path::new("./c.txt")).unwrap(),
            Path::new("/tmp/out/c.txt")
        );
    }

    #[test]
    fn out_path_refuses_to_leave_its_folder() {
        for escaping in ["../x.txt", "a/../../x.txt", "/etc/passwd"] {
            let err = out_path(Path::new("/tmp/out"), Path::new(escaping)).unwrap_err();
            assert!(
                err.to_string().contains("refusing to write outside"),
                "{escaping}"
            );
        }
    }

    #[test]
    fn temporary_names_are_recognised() {
        assert!(is_temp_name(".a.jsonl.rinse-123.tmp"));
        assert!(!is_temp_name("a.jsonl.rinse-123.tmp"));
        assert!(!is_temp_name(".a.rinse-x.tmp"));
        assert!(!is_temp_name(".notes.tmp"));
    }

    #[test]
    fn a_batch_is_renamed_after_it_is_synced() {
        let dir = std::env::temp_dir().join(format!("rinse-batch-{}", std::process::id()));
        let mut batch = Vec::new();
        for i in 0..3 {
            let mut file = AtomicFile::create(&dir.join(format!("sub/{i}.txt"))).unwrap();
            file.write_all(b"x").unwrap();
            batch.push(file.close().unwrap());
        }
        assert!(
            !dir.join("sub/0.txt").exists(),
            "not before the batch commits"
        );
        assert!(commit_batch(batch).is_empty());
        assert_eq!(std::fs::read(dir.join("sub/2.txt")).unwrap(), b"x");
        std::fs::write(dir.join("sub/.3.txt.rinse-99.tmp"), b"half").unwrap();
        remove_stale_temps(&dir);
        assert_eq!(std::fs::read_dir(dir.join("sub")).unwrap().count(), 3);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn an_uncommitted_file_leaves_nothing() {
        let dir = std::env::temp_dir().join(format!("rinse-atomic-{}", std::process::id()));
        let path = dir.join("x.txt");
        {
            let mut file = AtomicFile::create(&path).unwrap();
            file.write_all(b"half").unwrap();
        }
        assert!(!path.exists());
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0);
        write(&path, b"whole").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"whole");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
