//! Writes a JSON Lines corpus of about N MiB (default 1024) to standard
//! output, made of the bundled corpus documents, for `benches/jsonl.sh`:
//! `cargo run --release --example make_jsonl -- 1024 > /tmp/corpus.jsonl`.

use std::io::Write;

fn main() {
    let mib: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(1024);
    let docs: Vec<&str> = rinse::fixtures::all()
        .iter()
        .filter(|f| f.source != rinse::fixtures::Source::Damaged)
        .map(|f| f.expected())
        .collect();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let (mut written, mut id) = (0usize, 0usize);
    while written < mib << 20 {
        let line = serde_json::json!({
            "id": id,
            "text": docs[id % docs.len()],
            "metadata": {"source": "rinse-bench", "n": id},
        })
        .to_string();
        out.write_all(line.as_bytes()).unwrap();
        out.write_all(b"\n").unwrap();
        written += line.len() + 1;
        id += 1;
    }
}
