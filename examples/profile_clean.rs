//! Cleans corpus documents over and over, for profilers:
//! `cargo build --release --example profile_clean && perf record target/release/examples/profile_clean [ROUNDS] [NAME-PREFIX] [FOLDER]`
//! (FOLDER under corpus/, `web` by default; documents from `rinse::fixtures`).

fn main() {
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(2000);
    let prefix = std::env::args().nth(2).unwrap_or_default();
    let folder = std::env::args().nth(3).unwrap_or_else(|| "web".to_owned());
    let start_of_id = format!("{folder}/{prefix}");
    let docs: Vec<&[u8]> = rinse::fixtures::all()
        .iter()
        .filter(|f| f.id.starts_with(&start_of_id))
        .map(|f| f.raw)
        .collect();
    assert!(
        !docs.is_empty(),
        "no corpus document starts with {start_of_id}"
    );
    let cleaner = rinse::Cleaner::default();
    let mut bytes = 0;
    let start = std::time::Instant::now();
    for _ in 0..rounds {
        for doc in &docs {
            bytes += cleaner.clean_bytes(doc).text.len();
        }
    }
    let secs = start.elapsed().as_secs_f64();
    eprintln!("{:.0} MB/s", bytes as f64 / secs / 1e6);
}
