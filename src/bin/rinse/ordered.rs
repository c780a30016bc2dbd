//! Work on a thread pool, results in input order, with a bounded window:
//! at most `window` items are read, cleaned or waiting to be written at
//! once, so memory follows the window, not the number of inputs.

use std::collections::BTreeMap;
use std::panic::{self, AssertUnwindSafe};
use std::sync::mpsc;
use std::sync::Arc;

/// Runs `work` on every item on `pool` and hands each result to `consume`
/// in the order of `items`, as soon as it and all before it are done.
/// Items are taken from the iterator only as the window allows (an
/// iterator that reads ahead on its own thread is read as the work goes).
/// Stops at the first error `consume` returns. A panic in `work` becomes an
/// error naming the item's position, never a hang.
pub fn map_in_order<I, T, W, C>(
    pool: &rayon::ThreadPool,
    items: impl IntoIterator<Item = I>,
    window: usize,
    work: W,
    mut consume: C,
) -> anyhow::Result<()>
where
    I: Send + 'static,
    T: Send + 'static,
    W: Fn(I) -> T + Send + Sync + 'static,
    C: FnMut(T) -> anyhow::Result<()>,
{
    let window = window.max(1);
    let work = Arc::new(work);
    let (done, results) = mpsc::channel::<(usize, Result<T, String>)>();
    let mut items = items.into_iter();
    let mut waiting: BTreeMap<usize, Result<T, String>> = BTreeMap::new();
    let (mut started, mut next, mut exhausted) = (0, 0, false);
    loop {
        while !exhausted && started - next < window {
            let Some(item) = items.next() else {
                exhausted = true;
                break;
            };
            let (done, work, index) = (done.clone(), Arc::clone(&work), started);
            pool.spawn(move || {
                let result = panic::catch_unwind(AssertUnwindSafe(|| work(item)))
                    .map_err(|_| format!("internal error on input {}", index + 1));
                // The receiver is gone only when consuming stopped early.
                let _ = done.send((index, result));
            });
            started += 1;
        }
        if next == started {
            return Ok(());
        }
        let (index, result) = results.recv()?;
        waiting.insert(index, result);
        while let Some(result) = waiting.remove(&next) {
            next += 1;
            consume(result.map_err(|message| anyhow::anyhow!(message))?)?;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_input_order_with_any_window() {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(3)
            .build()
            .unwrap();
        for window in [1, 2, 7, 100] {
            let mut seen = Vec::new();
            map_in_order(
                &pool,
                0..50u64,
                window,
                |n| {
                    std::thread::sleep(std::time::Duration::from_micros((50 - n) * 20));
                    n * 2
                },
                |n| {
                    seen.push(n);
                    Ok(())
                },
            )
            .unwrap();
            assert_eq!(
                seen,
                (0..50).map(|n| n * 2).collect::<Vec<_>>(),
                "window {window}"
            );
        }
    }

    #[test]
    fn a_panic_is_an_error_not_a_hang() {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        let result = map_in_order(
            &pool,
            vec![1, 2, 3],
            2,
            |n| {
                assert!(n != 2, "boom");
                n
            },
            |_| Ok(()),
        );
        assert!(result.unwrap_err().to_string().contains("input 2"));
    }
}
