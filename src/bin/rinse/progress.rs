//! Progress bars on standard error, with rate and time left: by files in
//! file mode, by bytes read in record mode. None when standard error is
//! not a terminal or with `--quiet`.

use std::io::{self, IsTerminal};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};

/// Whether bars are drawn at all.
fn wanted(quiet: bool) -> bool {
    !quiet && io::stderr().is_terminal()
}

/// A bar over `count` files, for jobs of more than a few.
pub fn files(quiet: bool, count: usize) -> Option<ProgressBar> {
    if !wanted(quiet) || count <= 16 {
        return None;
    }
    let bar = ProgressBar::new(count as u64);
    bar.set_style(
        ProgressStyle::with_template(
            "{bar:30} {human_pos}/{human_len} files, {per_sec}, {eta} left",
        )
        .expect("a valid template"),
    );
    bar.enable_steady_tick(Duration::from_millis(200));
    Some(bar)
}

/// A bar over `total` bytes read (a spinner with the bytes read and the
/// rate when the total is unknown, as for standard input).
pub fn bytes(quiet: bool, total: Option<u64>) -> Option<ProgressBar> {
    if !wanted(quiet) {
        return None;
    }
    let bar = match total {
        Some(total) => {
            let bar = ProgressBar::new(total);
            bar.set_style(
                ProgressStyle::with_template(
                    "{bar:30} {bytes}/{total_bytes} read, {bytes_per_sec}, {eta} left",
                )
                .expect("a valid template"),
            );
            bar
        }
        None => {
            let bar = ProgressBar::new_spinner();
            bar.set_style(
                ProgressStyle::with_template("{spinner} {bytes} read, {bytes_per_sec}")
                    .expect("a valid template"),
            );
            bar
        }
    };
    bar.enable_steady_tick(Duration::from_millis(200));
    Some(bar)
}
