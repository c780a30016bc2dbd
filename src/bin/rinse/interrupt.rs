//! An interrupted run leaves no temporary file behind. Every temporary file
//! an output is written to ([`AtomicFile`](crate::atomic::AtomicFile),
//! `.NAME.rinse-PID.tmp` beside its output, or beside the input under
//! `--in-place`) is recorded before it is created and forgotten once it is
//! renamed or removed. On Ctrl-C (SIGINT), SIGTERM or SIGHUP a thread of
//! its own puts the three signals back to their default action (a second
//! Ctrl-C ends the run at once), marks the run interrupted, takes the
//! record, removes the files in it, and ends the process by the same
//! signal, as if rinse had not caught it (a shell's loop stops, a parent
//! sees the signal). The record is held only for a moment by a worker (to
//! add or drop a path, never across a call to the file system), and by
//! the signal's thread until the end: a worker about to create another
//! temporary file waits for it; one that was creating a file when the
//! signal came removes it itself once it sees the mark. The outputs already
//! renamed stay, complete; an input being replaced in place keeps its old
//! bytes.
//!
//! A signal the parent set to be ignored (`nohup rinse …` for SIGHUP, a
//! job started in the background of a script for SIGINT) stays ignored:
//! the handler is installed only for signals whose action is the default.
//! Any other end (`kill -9`, `Ctrl-\`, a crash) leaves the temporary files;
//! under `--out`, `--resume` removes them.

use std::collections::HashSet;
use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};

/// The temporary files that may exist now.
static TEMPS: Mutex<Option<HashSet<PathBuf>>> = Mutex::new(None);

/// Set by the signal's thread before it removes the temporary files.
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

fn temps() -> MutexGuard<'static, Option<HashSet<PathBuf>>> {
    // A panic while the record was held leaves it as it was: still usable.
    TEMPS.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Creates the temporary file `temp` with `open`, recorded first, so that
/// the signal's thread sees every temporary file that may exist. Once the
/// run is interrupted, no new one is created: a call waits for the record
/// (the process ends meanwhile), and a file created while the signal came
/// is removed here, and the thread waits for the end.
pub fn create(temp: &Path, open: impl FnOnce(&Path) -> io::Result<File>) -> io::Result<File> {
    temps()
        .get_or_insert_with(HashSet::new)
        .insert(temp.to_owned());
    // Not under the record: a slow file system must not keep the signal's
    // thread waiting.
    let opened = open(temp);
    // Either the signal's thread removed the files after this one was
    // created, or the mark is seen here (it is set before the removal).
    if INTERRUPTED.load(Ordering::SeqCst) {
        drop(opened);
        let _ = std::fs::remove_file(temp);
        loop {
            std::thread::park();
        }
    }
    if opened.is_err() {
        forget(temp);
    }
    opened
}

/// Records that `temp` is gone: renamed to its output or removed.
pub fn forget(temp: &Path) {
    if let Some(set) = temps().as_mut() {
        set.remove(temp);
    }
}

/// Removes the temporary file `temp` and forgets it.
pub fn discard(temp: &Path) {
    let _ = std::fs::remove_file(temp);
    forget(temp);
}

/// Installs the handler of Ctrl-C, SIGTERM and SIGHUP, for each of them
/// whose action is the default. Where it cannot be installed, an
/// interrupted run leaves its temporary files, as a killed one does.
#[cfg(unix)]
pub fn install() {
    use signal_hook::consts::signal::{SIGHUP, SIGINT, SIGTERM};

    let caught: Vec<i32> = [SIGINT, SIGTERM, SIGHUP]
        .into_iter()
        .filter(|&signal| by_default(signal))
        .collect();
    if caught.is_empty() {
        return;
    }
    let Ok(mut signals) = signal_hook::iterator::Signals::new(&caught) else {
        return;
    };
    let handled = caught.clone();
    let spawned = std::thread::Builder::new()
        .name("rinse-signals".into())
        .spawn(move || {
            let Some(signal) = signals.forever().next() else {
                return;
            };
            // A second signal ends the run at once, whatever is left to do
            // (one the parent ignores stays ignored).
            default_action(&handled);
            INTERRUPTED.store(true, Ordering::SeqCst);
            // Held until the process ends: no temporary file is recorded,
            // and so none created, after these are removed.
            let record = temps();
            for temp in record.iter().flatten() {
                let _ = std::fs::remove_file(temp);
            }
            // The signal's own end: raised again at its default action.
            // SAFETY: `raise` on a valid signal number.
            unsafe {
                libc::raise(signal);
            }
            std::process::exit(128 + signal);
        });
    if spawned.is_err() {
        // No thread to handle them: the signals end the run as before.
        default_action(&caught);
    }
}

/// Puts `signals` back to their default action.
#[cfg(unix)]
fn default_action(signals: &[i32]) {
    for &signal in signals {
        // SAFETY: setting a standard action on a valid signal number.
        unsafe {
            libc::signal(signal, libc::SIG_DFL);
        }
    }
}

/// Where signals are not Unix's, nothing is installed.
#[cfg(not(unix))]
pub fn install() {}

/// Whether `signal`'s action is the default one (not ignored, nor set by
/// another handler).
#[cfg(unix)]
fn by_default(signal: i32) -> bool {
    // SAFETY: a query only (no new action); `old` is plain data the call
    // fills in.
    unsafe {
        let mut old: libc::sigaction = std::mem::zeroed();
        libc::sigaction(signal, std::ptr::null(), &mut old) == 0
            && old.sa_sigaction == libc::SIG_DFL
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recorded_from_creation_until_renamed_or_discarded() {
        let dir = std::env::temp_dir().join(format!("rinse-interrupt-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let (a, b) = (dir.join(".a.rinse-1.tmp"), dir.join(".b.rinse-1.tmp"));
        let recorded = |path: &Path| temps().as_ref().is_some_and(|set| set.contains(path));
        create(&a, |p| File::create(p)).unwrap();
        create(&b, |p| File::create(p)).unwrap();
        assert!(recorded(&a) && recorded(&b));
        discard(&a);
        assert!(!a.exists() && !recorded(&a));
        std::fs::rename(&b, dir.join("b")).unwrap();
        forget(&b);
        assert!(!recorded(&b));
        // A file that could not be created is not recorded.
        let missing = dir.join("no such folder/.c.rinse-1.tmp");
        assert!(create(&missing, |p| File::create(p)).is_err());
        assert!(!recorded(&missing));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn the_default_action_is_told_from_an_ignored_signal() {
        // SIGWINCH is not one rinse catches: set it to be ignored and back.
        unsafe {
            let old = libc::signal(libc::SIGWINCH, libc::SIG_IGN);
            assert!(!by_default(libc::SIGWINCH));
            libc::signal(libc::SIGWINCH, libc::SIG_DFL);
            assert!(by_default(libc::SIGWINCH));
            libc::signal(libc::SIGWINCH, old);
        }
    }
}
