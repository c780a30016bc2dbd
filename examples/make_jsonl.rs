//! Writes a corpus of about N MiB (default 1024) made of the bundled corpus
//! documents as they were scraped (mojibake, junk lines and all: every
//! fixture whose raw bytes are UTF-8), for `benches/jsonl.sh`:
//!
//! ```text
//! cargo run --release --example make_jsonl -- 1024 > /tmp/corpus.jsonl
//! cargo run --release --example make_jsonl -- 1024 --parquet /tmp/corpus.parquet
//! cargo run --release --example make_jsonl -- --records 12 --parquet tests/data/sample.parquet
//! cargo run --release --example make_jsonl -- --records 10000 --tree /tmp/tree
//! ```
//!
//! `--tree DIR` writes each document as a text file instead, 100 to a
//! folder (`DIR/000/00001.txt`), for directory mode.
//!
//! JSON Lines go to standard output (`{"id", "text", "metadata"}` a line);
//! Parquet (`id`, `text`, `source` columns, zstd, row groups of 20,000
//! rows) to the file named.

use std::io::Write;
use std::sync::Arc;

use arrow_array::{Int64Array, RecordBatch, StringArray};
use arrow_schema::{DataType, Field, Schema};
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::properties::WriterProperties;

/// Rows per Parquet row group.
const GROUP_ROWS: usize = 20_000;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut mib = 1024usize;
    let mut records: Option<usize> = None;
    let mut parquet: Option<String> = None;
    let mut tree: Option<String> = None;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--parquet" => parquet = rest.next().cloned(),
            "--records" => records = rest.next().and_then(|n| n.parse().ok()),
            "--tree" => tree = rest.next().cloned(),
            n => mib = n.parse().expect("a size in MiB"),
        }
    }
    let docs: Vec<&str> = rinse::fixtures::all()
        .iter()
        .filter_map(|f| std::str::from_utf8(f.raw).ok())
        .collect();
    // Documents until the size (or the count) is reached.
    let mut id = 0usize;
    let mut size = 0usize;
    let mut next = move || -> Option<(usize, String)> {
        let done = match records {
            Some(n) => id >= n,
            None => size >= mib << 20,
        };
        if done {
            return None;
        }
        // The document with its id after its first line's first word, so
        // no two texts are equal (a Parquet dictionary cannot fold them).
        let doc = docs[id % docs.len()];
        let cut = doc.find(' ').unwrap_or(doc.len());
        let text = format!("{} {id}{}", &doc[..cut], &doc[cut..]);
        size += text.len() + 60;
        id += 1;
        Some((id - 1, text))
    };
    if let Some(dir) = tree {
        while let Some((id, text)) = next() {
            let folder = std::path::Path::new(&dir).join(format!("{:03}", id / 100));
            std::fs::create_dir_all(&folder).unwrap();
            std::fs::write(folder.join(format!("{:05}.txt", id + 1)), text).unwrap();
        }
        return;
    }
    match parquet {
        None => {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            while let Some((id, text)) = next() {
                let line = serde_json::json!({
                    "id": id,
                    "text": text,
                    "metadata": {"source": "rinse-bench", "n": id},
                });
                writeln!(out, "{line}").unwrap();
            }
        }
        Some(path) => {
            let schema = Arc::new(Schema::new(vec![
                Field::new("id", DataType::Int64, false),
                Field::new("text", DataType::Utf8, false),
                Field::new("source", DataType::Utf8, false),
            ]));
            let properties = WriterProperties::builder()
                .set_compression(Compression::ZSTD(ZstdLevel::default()))
                .set_max_row_group_row_count(Some(GROUP_ROWS))
                .build();
            let file = std::fs::File::create(&path).expect("the Parquet file can be created");
            let mut writer = ArrowWriter::try_new(file, schema.clone(), Some(properties)).unwrap();
            loop {
                let rows: Vec<(usize, String)> = std::iter::from_fn(&mut next).take(4096).collect();
                if rows.is_empty() {
                    break;
                }
                let ids: Vec<i64> = rows.iter().map(|(id, _)| *id as i64).collect();
                let texts: Vec<&str> = rows.iter().map(|(_, text)| text.as_str()).collect();
                let sources = vec!["rinse-bench"; rows.len()];
                let batch = RecordBatch::try_new(
                    schema.clone(),
                    vec![
                        Arc::new(Int64Array::from(ids)),
                        Arc::new(StringArray::from(texts)),
                        Arc::new(StringArray::from(sources)),
                    ],
                )
                .unwrap();
                writer.write(&batch).unwrap();
            }
            writer.close().unwrap();
        }
    }
}
