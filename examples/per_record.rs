//! The cost of cleaning one short record (a line or paragraph of a few
//! hundred bytes), as a pipeline that calls rinse once per record pays it:
//! `cargo run --release --example per_record [SECONDS]` (default 2 per row).
//!
//! Records are the lines of 100 to 1,000 bytes of the web and synthetic
//! documents of the bundled corpus (`rinse::fixtures`), cleaned round after
//! round with a `rinse::Cleaner` built once. Two configurations: the default
//! one, and the default one with one boilerplate phrase added (its phrase
//! automaton is compiled once, when the cleaner is built, so the two cost
//! the same per record).

use std::hint::black_box;
use std::time::{Duration, Instant};

use rinse::{Cleaner, Config};

fn main() {
    let seconds: f64 = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(2.0);
    let records: Vec<&[u8]> = rinse::fixtures::all()
        .iter()
        .filter(|fixture| fixture.source != rinse::fixtures::Source::Damaged)
        .flat_map(|fixture| fixture.raw.split(|&b| b == b'\n'))
        .filter(|line| (100..=1000).contains(&line.len()))
        .collect();
    assert!(!records.is_empty(), "no corpus line of 100 to 1,000 bytes");
    let bytes: usize = records.iter().map(|r| r.len()).sum();
    println!(
        "{} records of {} bytes on average, {seconds} s per row",
        records.len(),
        bytes / records.len()
    );
    println!("| config | µs per record | MB/s |");
    println!("|---|--:|--:|");
    let rows = [
        ("Config::default()", Config::default()),
        (
            "Config::default().add_boilerplate(\"Sponsored by ACME\")",
            Config::default().add_boilerplate("Sponsored by ACME"),
        ),
    ];
    for (name, config) in rows {
        let cleaner = Cleaner::new(config).expect("valid configuration");
        let budget = Duration::from_secs_f64(seconds);
        let (mut count, mut cleaned_bytes) = (0usize, 0usize);
        let start = Instant::now();
        while start.elapsed() < budget {
            for record in &records {
                black_box(cleaner.clean_field_bytes(black_box(record)));
            }
            count += records.len();
            cleaned_bytes += bytes;
        }
        let secs = start.elapsed().as_secs_f64();
        println!(
            "| {name} | {:.1} | {:.1} |",
            secs * 1e6 / count as f64,
            cleaned_bytes as f64 / secs / 1e6
        );
    }
}
