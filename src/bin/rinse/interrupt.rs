//! An interrupted run leaves no temporary file behind: every temporary
//! file an output is written to ([`AtomicFile`](crate::atomic::AtomicFile),
//! `.NAME.rinse-PID.tmp` beside its output, or beside the input under
//! `--in-place`) is tracked from its creation until it is renamed or
//! removed, and on Ctrl-C (SIGINT), SIGTERM or SIGHUP the ones still there
//! are removed before the process exits with status 130. The outputs
//! already renamed stay, complete; an input being replaced in place keeps
//! its old bytes. (A kill that cannot be caught, SIGKILL, still leaves the
//! temporary files; under `--out` the next run removes them.)

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

/// The exit status of an interrupted run (128 + SIGINT, as shells report
/// Ctrl-C).
pub const EXIT_INTERRUPTED: i32 = 130;

/// The temporary files that exist now.
static LIVE: Mutex<Option<HashSet<PathBuf>>> = Mutex::new(None);

fn live() -> MutexGuard<'static, Option<HashSet<PathBuf>>> {
    // A panic while the set was held leaves it as it was: still usable.
    LIVE.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Records that the temporary file `temp` exists.
pub fn track(temp: &Path) {
    live()
        .get_or_insert_with(HashSet::new)
        .insert(temp.to_owned());
}

/// Records that `temp` is gone: renamed to its output or removed.
pub fn untrack(temp: &Path) {
    if let Some(set) = live().as_mut() {
        set.remove(temp);
    }
}

/// Removes the temporary file `temp` and stops tracking it.
pub fn discard(temp: &Path) {
    let _ = std::fs::remove_file(temp);
    untrack(temp);
}

/// Installs the handler of Ctrl-C, SIGTERM and SIGHUP: it removes the
/// temporary files that exist and exits with [`EXIT_INTERRUPTED`]. Without
/// it (the handler could not be installed) an interrupted run leaves them,
/// as a killed one does.
pub fn install() {
    let _ = ctrlc::set_handler(|| {
        let temps: Vec<PathBuf> = live()
            .as_ref()
            .map(|set| set.iter().cloned().collect())
            .unwrap_or_default();
        for temp in temps {
            let _ = std::fs::remove_file(temp);
        }
        eprintln!("rinse: interrupted");
        std::process::exit(EXIT_INTERRUPTED);
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tracked_until_discarded_or_untracked() {
        let dir = std::env::temp_dir().join(format!("rinse-interrupt-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let (a, b) = (dir.join(".a.rinse-1.tmp"), dir.join(".b.rinse-1.tmp"));
        std::fs::write(&a, b"a").unwrap();
        track(&a);
        track(&b);
        assert!(live().as_ref().unwrap().contains(&a));
        discard(&a);
        assert!(!a.exists());
        untrack(&b);
        let set = live();
        assert!(!set.as_ref().unwrap().contains(&a) && !set.as_ref().unwrap().contains(&b));
        drop(set);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
