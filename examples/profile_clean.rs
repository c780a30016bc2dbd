//! Cleans corpus documents over and over, for profilers:
//! `cargo build --release --example profile_clean && perf record target/release/examples/profile_clean [ROUNDS] [NAME-PREFIX] [FOLDER]`
//! (FOLDER under corpus/, `web` by default).
fn main() {
    let folder = std::env::args().nth(3).unwrap_or_else(|| "web".to_owned());
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus")
        .join(folder);
    let mut docs = Vec::new();
    let prefix = std::env::args().nth(2).unwrap_or_default();
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        if entry.file_name().to_string_lossy().starts_with(&prefix) {
            docs.push(std::fs::read(entry.path()).unwrap());
        }
    }
    let config = rinse::Config::default();
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(2000);
    let mut bytes = 0;
    let start = std::time::Instant::now();
    for _ in 0..rounds {
        for doc in &docs {
            bytes += rinse::clean_bytes(doc, &config).text.len();
        }
    }
    let secs = start.elapsed().as_secs_f64();
    eprintln!("{:.0} MB/s", bytes as f64 / secs / 1e6);
}
