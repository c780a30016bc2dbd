//! The command line at corpus scale (issue 16), run for real: JSON Lines
//! and Parquet in and out, shards one to one, resume after `kill -9`, drops,
//! rejects and errors, the run summary and its merge, completions and man.

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Output, Stdio};

use crate::support::{piped, rinse, scratch, stderr, stdout};

/// Records with work for the cleaner: mojibake, trailing spaces, junk, an
/// empty document, a short one.
fn records(n: usize) -> String {
    let mut out = String::new();
    for i in 0..n {
        let text = match i % 5 {
            0 => format!("caf\u{c3}\u{a9} number {i}  \r\n\r\n1 comment"),
            1 => format!("A plain paragraph about record {i}, long enough to be one."),
            2 => "Leave a review".to_owned(),
            3 => "ok".to_owned(),
            _ => format!("ＦＵＬＬ width {i}\u{200b}"),
        };
        let line = serde_json::json!({"id": i, "text": text, "meta": {"n": i}});
        out.push_str(&line.to_string());
        out.push('\n');
    }
    out
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

fn zstd(bytes: &[u8]) -> Vec<u8> {
    zstd::stream::encode_all(bytes, 3).unwrap()
}

/// `bytes` decompressed as their magic says.
fn decode(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    if bytes.starts_with(&[0x1F, 0x8B]) {
        flate2::read::MultiGzDecoder::new(bytes)
            .read_to_end(&mut out)
            .unwrap();
    } else if bytes.starts_with(&[0x28, 0xB5, 0x2F, 0xFD]) {
        out = zstd::stream::decode_all(bytes).unwrap();
    } else {
        out = bytes.to_vec();
    }
    out
}

fn ok(output: &Output) {
    assert_eq!(output.status.code(), Some(0), "{}", stderr(output));
}

fn arg(path: &Path) -> &str {
    path.to_str().unwrap()
}

#[test]
fn jsonl_every_input_form_to_every_output_form_gives_the_same_records() {
    let dir = scratch("io_matrix");
    let plain = records(300);
    let reference = {
        let path = dir.join("ref.jsonl");
        std::fs::write(&path, &plain).unwrap();
        let output = rinse()
            .args(["clean", "--jsonl", "--quiet"])
            .arg(&path)
            .output()
            .unwrap();
        ok(&output);
        output.stdout
    };
    assert_eq!(String::from_utf8_lossy(&reference).lines().count(), 300);
    let inputs: [(&str, Vec<u8>); 3] = [
        ("plain.jsonl", plain.clone().into_bytes()),
        // Compression is read from the data, not the name.
        ("gzip-without-suffix.jsonl", gzip(plain.as_bytes())),
        ("zstd.jsonl.zst", zstd(plain.as_bytes())),
    ];
    for (name, bytes) in &inputs {
        let input_dir = dir.join(format!("in-{name}"));
        std::fs::create_dir_all(&input_dir).unwrap();
        let file = input_dir.join(name);
        std::fs::write(&file, bytes).unwrap();
        // Standard input to standard output (`aws s3 cp - | rinse | zstd`).
        let streamed = piped(&["clean", "--jsonl", "-", "--quiet"], bytes);
        ok(&streamed);
        assert_eq!(streamed.stdout, reference, "{name} through stdin");
        // A file to standard output.
        let printed = rinse()
            .args(["clean", "--jsonl", "--quiet", arg(&file)])
            .output()
            .unwrap();
        ok(&printed);
        assert_eq!(printed.stdout, reference, "{name} to stdout");
        // To one file, compressed as its name says.
        for (out_name, magic) in [
            ("all.jsonl", None),
            ("all.jsonl.gz", Some(&[0x1F, 0x8B][..])),
            ("all.jsonl.zst", Some(&[0x28, 0xB5, 0x2F, 0xFD][..])),
        ] {
            let target = dir.join(format!("out-{name}-{out_name}"));
            let written = rinse()
                .args([
                    "clean",
                    "--jsonl",
                    "--quiet",
                    arg(&file),
                    "--output",
                    arg(&target),
                ])
                .output()
                .unwrap();
            ok(&written);
            assert!(written.stdout.is_empty());
            let bytes = std::fs::read(&target).unwrap();
            if let Some(magic) = magic {
                assert!(bytes.starts_with(magic), "{out_name} is compressed");
            }
            assert_eq!(decode(&bytes), reference, "{name} to {out_name}");
        }
        // One output per input under --out: compression kept, or set.
        let kept = dir.join(format!("tree-{name}"));
        ok(&rinse()
            .args([
                "clean",
                "--jsonl",
                "--quiet",
                arg(&input_dir),
                "--out",
                arg(&kept),
            ])
            .output()
            .unwrap());
        let out_bytes = std::fs::read(kept.join(name)).unwrap();
        assert_eq!(
            &out_bytes[..2],
            &bytes[..2],
            "{name}: the output is compressed as the input"
        );
        assert_eq!(decode(&out_bytes), reference, "{name} under --out");
        let zstd_tree = dir.join(format!("tree-zstd-{name}"));
        ok(&rinse()
            .args([
                "clean",
                "--jsonl",
                "--quiet",
                arg(&input_dir),
                "--compress",
                "zstd",
            ])
            .args(["--out", arg(&zstd_tree)])
            .output()
            .unwrap());
        let renamed = zstd_tree.join(format!("{}.zst", name.trim_end_matches(".zst")));
        let out_bytes =
            std::fs::read(&renamed).unwrap_or_else(|_| panic!("{} is written", renamed.display()));
        assert!(out_bytes.starts_with(&[0x28, 0xB5, 0x2F, 0xFD]));
        assert_eq!(decode(&out_bytes), reference, "{name} --compress zstd");
    }
    // A complete --output is neither overwritten nor redone with --resume,
    // and an error without it.
    let done = dir.join("out-plain.jsonl-all.jsonl.gz");
    let before = std::fs::read(&done).unwrap();
    let again = rinse()
        .args(["clean", "--jsonl", "--output", arg(&done), "--resume"])
        .arg(dir.join("ref.jsonl"))
        .output()
        .unwrap();
    ok(&again);
    assert!(stderr(&again).contains("complete (--resume): nothing to do"));
    assert_eq!(std::fs::read(&done).unwrap(), before);
    let refused = rinse()
        .args(["clean", "--jsonl", "--output", arg(&done)])
        .arg(dir.join("ref.jsonl"))
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2));
    assert!(stderr(&refused).contains("1 output already exists"));
    // Standard input under --out is named stdin.jsonl (plain, whatever
    // the stream's compression: there is no name to keep it by).
    let tree = dir.join("stdin-tree");
    ok(&piped(
        &["clean", "--jsonl", "-", "--quiet", "--out", arg(&tree)],
        &gzip(plain.as_bytes()),
    ));
    assert_eq!(std::fs::read(tree.join("stdin.jsonl")).unwrap(), reference);
}

#[test]
fn shards_map_one_to_one_at_their_relative_paths() {
    let dir = scratch("one_to_one");
    let shards = dir.join("shards");
    for (i, relative) in ["a.jsonl", "x/b.jsonl.gz", "x/y/c.jsonl.zst", "d.jsonl"]
        .iter()
        .enumerate()
    {
        let text = records(20 + i);
        let bytes = match relative {
            r if r.ends_with(".gz") => gzip(text.as_bytes()),
            r if r.ends_with(".zst") => zstd(text.as_bytes()),
            _ => text.into_bytes(),
        };
        let path = shards.join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    // A Parquet table among JSON Lines shards is skipped with a note.
    std::fs::write(shards.join("table.parquet"), b"PAR1 not really").unwrap();
    let out = dir.join("cleaned");
    let output = rinse()
        .args(["clean", "--jsonl", arg(&shards), "--out", arg(&out)])
        .output()
        .unwrap();
    ok(&output);
    assert!(stderr(&output).contains("table.parquet: skipped, a Parquet table"));
    let mut written: Vec<String> = Vec::new();
    collect(&out, &out, &mut written);
    written.sort();
    assert_eq!(
        written,
        ["a.jsonl", "d.jsonl", "x/b.jsonl.gz", "x/y/c.jsonl.zst"]
    );
    for name in &written {
        let alone = rinse()
            .args(["clean", "--jsonl", "--quiet", arg(&shards.join(name))])
            .output()
            .unwrap();
        assert_eq!(
            decode(&std::fs::read(out.join(name)).unwrap()),
            alone.stdout,
            "{name}"
        );
    }
    // --shard applies to the files of any format.
    let mut union = Vec::new();
    for shard in ["1/2", "2/2"] {
        let part = dir.join(format!("part-{}", &shard[..1]));
        ok(&rinse()
            .args([
                "clean",
                "--jsonl",
                "--quiet",
                arg(&shards),
                "--shard",
                shard,
            ])
            .args(["--out", arg(&part)])
            .output()
            .unwrap());
        collect(&part, &part, &mut union);
    }
    union.sort();
    assert_eq!(union, written, "the shards together are every input once");
}

/// Every file under `dir`, relative to `root`, hidden ones included.
fn collect(root: &Path, dir: &Path, into: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(root, &path, into);
        } else {
            into.push(
                path.strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
            );
        }
    }
}

#[cfg(unix)]
#[test]
fn kill_9_in_a_sharded_run_leaves_outputs_absent_or_complete_and_resume_finishes() {
    let dir = scratch("kill9");
    let shards = dir.join("shards");
    std::fs::create_dir_all(&shards).unwrap();
    let count = 24;
    for i in 0..count {
        let text = records(1500);
        let bytes = if i % 2 == 0 {
            gzip(text.as_bytes())
        } else {
            text.into_bytes()
        };
        std::fs::write(shards.join(format!("shard-{i:02}.jsonl")), bytes).unwrap();
    }
    let command = |out: &Path, extra: &[&str]| {
        let mut command = rinse();
        command
            .args(["clean", "--jsonl", "--quiet", "--threads", "1"])
            .arg(&shards)
            .args(["--shard", "1/1", "--out"])
            .arg(out)
            .args(extra);
        command
    };
    let reference = dir.join("reference");
    ok(&command(&reference, &[]).output().unwrap());
    let out = dir.join("out");
    let mut child = command(&out, &[]).stderr(Stdio::null()).spawn().unwrap();
    // Killed as soon as the first output is complete.
    let started = std::time::Instant::now();
    let finished = loop {
        let done = visible_files(&out);
        if !done.is_empty() {
            break done.len();
        }
        assert!(
            started.elapsed().as_secs() < 120,
            "no output after 2 minutes"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
    };
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let done = visible_files(&out);
    assert!(
        done.len() < count,
        "killed after {finished} outputs, but all {count} were done: the test proves nothing"
    );
    for name in &done {
        assert_eq!(
            std::fs::read(out.join(name)).unwrap(),
            std::fs::read(reference.join(name)).unwrap(),
            "{name}: an output that exists is complete"
        );
    }
    // A rerun without --resume refuses to touch them.
    let refused = command(&out, &[]).output().unwrap();
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        stderr(&refused).contains("--resume"),
        "{}",
        stderr(&refused)
    );
    // With --resume it completes the rest; the union equals the
    // uninterrupted run, and no temporary file is left.
    let resumed = command(&out, &["--resume", "--stats"])
        .arg(dir.join("resumed.json"))
        .output()
        .unwrap();
    ok(&resumed);
    let mut all = Vec::new();
    collect(&out, &out, &mut all);
    all.sort();
    let mut expected = Vec::new();
    collect(&reference, &reference, &mut expected);
    expected.sort();
    assert_eq!(all, expected, "every output once, no temporary file left");
    for name in &all {
        assert_eq!(
            std::fs::read(out.join(name)).unwrap(),
            std::fs::read(reference.join(name)).unwrap(),
            "{name}"
        );
    }
    let stats: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("resumed.json")).unwrap()).unwrap();
    assert_eq!(stats["resumed"], done.len());
    assert_eq!(stats["inputs"], count - done.len());
}

/// The names of the complete (not hidden) files in `dir`.
fn visible_files(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| !name.starts_with('.'))
        .collect()
}

#[test]
fn nested_text_fields_by_dotted_path_or_json_pointer() {
    let dir = scratch("nested");
    let path = dir.join("nested.jsonl");
    std::fs::write(
        &path,
        concat!(
            r#"{"id":1,"content":{"body":"caf\u00c3\u00a9  ","lang":"fr"},"n":1e400}"#,
            "\n",
            r#"{"id":2,"content":"flat"}"#,
            "\n",
            r#"{"id":3,"a.b":{"c":"dotted  key"}}"#,
            "\n",
        ),
    )
    .unwrap();
    let dotted = rinse()
        .args([
            "clean",
            "--jsonl",
            "--text-field",
            "content.body",
            arg(&path),
        ])
        .output()
        .unwrap();
    let out = stdout(&dotted);
    assert!(
        out.starts_with(r#"{"id":1,"content":{"body":"café","lang":"fr"},"n":1e400,"metadata":{"rinse":{"changed":true"#),
        "{out}"
    );
    let err = stderr(&dotted);
    assert!(
        err.contains("field `content` is not an object (the text is at `content.body`)"),
        "{err}"
    );
    assert!(
        err.contains("no field `content.body` (fields: id, a.b)"),
        "{err}"
    );
    let pointer = rinse()
        .args(["clean", "--jsonl", "--text-field", "/a.b/c", arg(&path)])
        .output()
        .unwrap();
    assert!(
        stdout(&pointer).contains(r#"{"id":3,"a.b":{"c":"dotted key"}"#),
        "{}",
        stdout(&pointer)
    );
    let bad = rinse()
        .args(["clean", "--jsonl", "--text-field", "a..b", arg(&path)])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("--text-field `a..b`: an empty key"));
}

#[test]
fn every_record_rejected_is_an_error_naming_the_file_and_the_cause() {
    let dir = scratch("all_rejected");
    let csv = dir.join("table.csv");
    std::fs::write(&csv, "id,text\n1,hello\n").unwrap();
    let output = rinse()
        .args(["clean", "--jsonl", "--quiet", arg(&csv)])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(
        err.contains("table.csv: every record was rejected: it is not JSON Lines"),
        "{err}"
    );
    let wrong_field = dir.join("body.jsonl");
    std::fs::write(&wrong_field, "{\"body\":\"x\"}\n{\"body\":\"y\"}\n").unwrap();
    let output = rinse()
        .args(["clean", "--jsonl", arg(&wrong_field)])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output)
            .contains("no field `text` (fields: body); choose the field with --text-field"),
        "{}",
        stderr(&output)
    );
    assert!(output.stdout.is_empty());
    // Rejects past --max-reject fail the run; they are in --reject and in
    // the stats by reason.
    let mixed = dir.join("mixed.jsonl");
    std::fs::write(&mixed, "{\"text\":\"a\"}\nnot json\n{\"text\":1}\n").unwrap();
    let stats = dir.join("stats.json");
    let reject = dir.join("reject.jsonl");
    let output = rinse()
        .args(["clean", "--jsonl", "--max-reject", "0.5", arg(&mixed)])
        .args(["--reject", arg(&reject), "--stats", arg(&stats)])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "2 of 3 rejected is over 0.5");
    assert_eq!(std::fs::read_to_string(&reject).unwrap().lines().count(), 2);
    let stats: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&stats).unwrap()).unwrap();
    assert_eq!(stats["rejected"], 2);
    assert_eq!(stats["reject_reasons"]["not-json"], 1);
    assert_eq!(stats["reject_reasons"]["not-a-string"], 1);
    assert_eq!(stats["failed_inputs"], 1);
    // bzip2 is named, not rejected record by record.
    let bz = dir.join("data.jsonl.bz2");
    std::fs::write(&bz, b"BZh91AY&SY").unwrap();
    let output = rinse()
        .args(["clean", "--jsonl", arg(&bz)])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("bzip2-compressed"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn flags_that_do_not_apply_are_errors_not_ignored() {
    let cases: &[(&[&str], &str)] = &[
        (
            &[
                "clean",
                "--jsonl",
                "tests/data/sample.jsonl",
                "--report",
                "x.jsonl",
            ],
            "--report does not apply to --jsonl",
        ),
        (
            &["clean", "--jsonl", "tests/data/sample.jsonl", "--explain"],
            "--explain does not apply to --jsonl",
        ),
        (
            &["clean", "--jsonl", "tests/data/sample.jsonl", "--diff"],
            "--diff does not apply to --jsonl",
        ),
        (
            &["clean", "README.md", "--text-field", "body"],
            "--text-field does not apply to text files",
        ),
        (
            &["clean", "README.md", "--max-record-bytes", "10"],
            "--max-record-bytes does not apply to text files",
        ),
        (
            &["clean", "README.md", "--metadata", "full"],
            "--metadata does not apply to text files",
        ),
        (
            &[
                "clean",
                "--jsonl",
                "tests/data/sample.jsonl",
                "--text-column",
                "x",
            ],
            "--text-column does not apply to --jsonl",
        ),
        (
            &[
                "clean",
                "--jsonl",
                "tests/data/sample.jsonl",
                "--max-doc-bytes",
                "9",
            ],
            "--max-doc-bytes does not apply to --jsonl",
        ),
        (
            &[
                "clean",
                "--jsonl",
                "tests/data/sample.jsonl",
                "--compress",
                "gzip",
            ],
            "--compress applies to outputs under --out",
        ),
        (
            &["clean", "README.md", "--resume"],
            "--resume applies to --out",
        ),
        (
            &["clean", "README.md", "--check", "--drop-empty"],
            "--drop-empty does not apply to --check",
        ),
        (
            &["clean", "--parquet", "README.md"],
            "--parquet writes Parquet files: give --out",
        ),
        (
            &[
                "clean",
                "--jsonl",
                "tests/data/sample.jsonl",
                "--max-reject",
                "2",
            ],
            "--max-reject 2: a share from 0 to 1",
        ),
    ];
    for (args, expected) in cases {
        let output = rinse().args(*args).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let err = stderr(&output);
        assert!(err.contains(expected), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "one line: {err}");
        assert!(output.stdout.is_empty(), "{args:?} wrote nothing");
    }
}

#[test]
fn drop_empty_and_min_chars_drop_documents_and_count_them() {
    let dir = scratch("drops");
    let path = dir.join("docs.jsonl");
    std::fs::write(&path, records(10)).unwrap();
    let stats = dir.join("stats.json");
    let output = rinse()
        .args([
            "clean",
            "--jsonl",
            arg(&path),
            "--drop-empty",
            "--min-chars",
            "3",
        ])
        .args(["--stats", arg(&stats)])
        .output()
        .unwrap();
    ok(&output);
    // Records 2 and 7 ("Leave a review") clean to nothing; 3 and 8 ("ok")
    // are under 3 characters.
    let ids: Vec<u64> = stdout(&output)
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["id"]
                .as_u64()
                .unwrap()
        })
        .collect();
    assert_eq!(ids, [0, 1, 4, 5, 6, 9]);
    let stats: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&stats).unwrap()).unwrap();
    assert_eq!(stats["dropped"]["empty"], 2);
    assert_eq!(stats["dropped"]["short"], 2);
    assert_eq!(stats["documents"], 10);
    assert_eq!(stats["written"], 6);
    let err = stderr(&output);
    assert!(
        err.contains("4 dropped (2 empty, 2 under --min-chars)"),
        "{err}"
    );
    // Files too: a file that cleans to nothing is not written under --out.
    let files = dir.join("files");
    std::fs::create_dir_all(&files).unwrap();
    std::fs::write(files.join("junk.txt"), "Leave a review\n").unwrap();
    std::fs::write(files.join("kept.txt"), "kept  \n").unwrap();
    let out = dir.join("out");
    ok(&rinse()
        .args([
            "clean",
            "--quiet",
            "--drop-empty",
            arg(&files),
            "--out",
            arg(&out),
        ])
        .output()
        .unwrap());
    assert!(out.join("kept.txt").exists());
    assert!(!out.join("junk.txt").exists());
}

#[test]
fn the_summary_says_what_happened_and_stats_merge_adds_up_shards() {
    let dir = scratch("summary");
    let shards = dir.join("shards");
    std::fs::create_dir_all(&shards).unwrap();
    for i in 0..4 {
        std::fs::write(shards.join(format!("{i}.jsonl")), records(10 + i)).unwrap();
    }
    let mut files = Vec::new();
    for shard in 1..=2 {
        let stats = dir.join(format!("stats-{shard}.json"));
        let output = rinse()
            .args(["clean", "--jsonl", arg(&shards)])
            .args(["--shard", &format!("{shard}/2"), "--stats", arg(&stats)])
            .output()
            .unwrap();
        ok(&output);
        let err = stderr(&output);
        assert!(err.contains("documents from 2 inputs"), "{err}");
        assert!(
            err.contains("MB/s") || err.contains(" s,") || err.contains(" s\n"),
            "{err}"
        );
        assert!(err.contains("mojibake"), "per-step counts: {err}");
        assert!(err.contains("lines removed"), "{err}");
        assert!(
            !err.contains('\r') && !err.contains('\u{1b}'),
            "no progress bar off a terminal"
        );
        files.push(stats);
    }
    let merged = rinse()
        .args(["stats", "merge"])
        .args(&files)
        .output()
        .unwrap();
    ok(&merged);
    let merged: serde_json::Value = serde_json::from_slice(&merged.stdout).unwrap();
    assert_eq!(merged["documents"], 10 + 11 + 12 + 13);
    assert_eq!(merged["inputs"], 4);
    assert_eq!(merged["runs"], 2);
    assert_eq!(merged["format"], "rinse-stats/1");
    let parts: Vec<serde_json::Value> = files
        .iter()
        .map(|f| serde_json::from_str(&std::fs::read_to_string(f).unwrap()).unwrap())
        .collect();
    assert_eq!(
        merged["steps"]["mojibake"]["documents"],
        parts[0]["steps"]["mojibake"]["documents"].as_u64().unwrap()
            + parts[1]["steps"]["mojibake"]["documents"].as_u64().unwrap()
    );
    let human = rinse()
        .args(["stats", "merge", "--human"])
        .args(&files)
        .output()
        .unwrap();
    assert!(
        stdout(&human).contains("46 documents from 4 inputs (2 runs)"),
        "{}",
        stdout(&human)
    );
    let into = dir.join("merged.json");
    ok(&rinse()
        .args(["stats", "merge", "-o", arg(&into)])
        .args(&files)
        .output()
        .unwrap());
    assert!(std::fs::read_to_string(&into)
        .unwrap()
        .contains("\"runs\": 2"));
    // Not a stats file: an error naming it.
    let bad = rinse()
        .args(["stats", "merge", arg(&files[0]), "README.md"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("README.md: not a rinse stats file"),
        "{}",
        stderr(&bad)
    );
    // --stats is never an input, like --report.
    let clash = rinse()
        .args(["clean", "--jsonl", arg(&shards), "--stats"])
        .arg(shards.join("0.jsonl"))
        .output()
        .unwrap();
    assert_eq!(clash.status.code(), Some(2));
    assert!(stderr(&clash).contains("--stats"), "{}", stderr(&clash));
    // --quiet: no summary.
    let quiet = rinse()
        .args(["clean", "--jsonl", "--quiet", arg(&shards)])
        .output()
        .unwrap();
    assert_eq!(stderr(&quiet), "");
}

#[test]
fn text_files_go_to_one_output_file_and_the_summary_counts_files() {
    let dir = scratch("text_output");
    let target = dir.join("all.txt");
    let output = rinse()
        .args([
            "clean",
            "corpus/web/003_627cf354bd315b4c.txt",
            "corpus/synthetic/windows_export_bom_crlf.txt",
            "--output",
            arg(&target),
        ])
        .output()
        .unwrap();
    ok(&output);
    assert!(output.stdout.is_empty());
    let printed = rinse()
        .args([
            "clean",
            "--quiet",
            "corpus/web/003_627cf354bd315b4c.txt",
            "corpus/synthetic/windows_export_bom_crlf.txt",
        ])
        .output()
        .unwrap();
    assert_eq!(std::fs::read(&target).unwrap(), printed.stdout);
    let err = stderr(&output);
    assert!(
        err.contains("rinse: 2 files from 2 inputs: 2 changed, 2 written"),
        "{err}"
    );
    assert!(err.contains("boilerplate"), "{err}");
    // A compressed file given as text is an error, not mangled text.
    let gz = dir.join("data.txt.gz");
    std::fs::write(&gz, gzip(b"text")).unwrap();
    let output = rinse().args(["clean", arg(&gz)]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("data.txt.gz: is compressed"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn completions_and_man_pages_come_from_the_command_line_definitions() {
    for shell in ["bash", "zsh", "fish"] {
        let output = rinse().args(["completions", shell]).output().unwrap();
        ok(&output);
        let script = stdout(&output);
        assert!(script.contains("text-field"), "{shell}");
        assert!(script.contains("resume"), "{shell}");
    }
    let man = rinse().arg("man").output().unwrap();
    ok(&man);
    let page = stdout(&man);
    assert!(
        page.starts_with(".ie") || page.starts_with(".TH"),
        "{}",
        &page[..80]
    );
    assert!(page.contains("rinse"));
    let dir = scratch("man");
    ok(&rinse().args(["man", "--out", arg(&dir)]).output().unwrap());
    let clean = std::fs::read_to_string(dir.join("rinse-clean.1")).unwrap();
    assert!(
        clean.contains("resume"),
        "the clean page documents its flags"
    );
    assert!(dir.join("rinse-stats-merge.1").exists());
}

#[cfg(feature = "parquet")]
mod parquet_io {
    use std::fs::File;
    use std::sync::Arc;

    use arrow_array::{Array, Int64Array, RecordBatch, StringArray};
    use arrow_schema::{DataType, Field, Schema};
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
    use parquet::arrow::ArrowWriter;
    use parquet::basic::Compression;
    use parquet::file::properties::WriterProperties;

    use super::*;

    /// Texts with work for the cleaner.
    fn texts(n: usize) -> Vec<Option<String>> {
        (0..n)
            .map(|i| match i % 4 {
                0 => Some(format!("caf\u{c3}\u{a9} {i}  ")),
                1 => Some("Leave a review".to_owned()),
                2 => None,
                _ => Some(format!("A sentence about row {i}.")),
            })
            .collect()
    }

    /// A table of `groups` row groups of `rows` rows: id, text, tag.
    pub fn write_table(path: &Path, groups: usize, rows: usize) {
        let schema = Arc::new(Schema::new(vec![
            Field::new("id", DataType::Int64, false),
            Field::new("text", DataType::Utf8, true),
            Field::new("tag", DataType::Utf8, false),
        ]));
        let properties = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .build();
        let mut writer = ArrowWriter::try_new(
            File::create(path).unwrap(),
            schema.clone(),
            Some(properties),
        )
        .unwrap();
        for group in 0..groups {
            let ids: Vec<i64> = (0..rows).map(|i| (group * rows + i) as i64).collect();
            let tags: Vec<String> = ids.iter().map(|i| format!("tag-{i}")).collect();
            let batch = RecordBatch::try_new(
                schema.clone(),
                vec![
                    Arc::new(Int64Array::from(ids)),
                    Arc::new(StringArray::from(texts(rows))),
                    Arc::new(StringArray::from(tags)),
                ],
            )
            .unwrap();
            writer.write(&batch).unwrap();
            writer.flush().unwrap();
        }
        writer.close().unwrap();
    }

    /// Every batch of a table, and its row groups' codecs.
    fn read_table(path: &Path) -> (Vec<RecordBatch>, Vec<Compression>) {
        let builder = ParquetRecordBatchReaderBuilder::try_new(File::open(path).unwrap()).unwrap();
        let codecs = builder
            .metadata()
            .row_groups()
            .iter()
            .map(|g| g.column(1).compression())
            .collect();
        (
            builder.build().unwrap().map(Result::unwrap).collect(),
            codecs,
        )
    }

    fn column<'a>(batch: &'a RecordBatch, name: &str) -> &'a StringArray {
        batch
            .column_by_name(name)
            .unwrap()
            .as_any()
            .downcast_ref::<StringArray>()
            .unwrap()
    }

    #[test]
    fn parquet_in_and_out_cleans_the_text_column_and_passes_the_rest_through() {
        let dir = scratch("parquet_io");
        let tables = dir.join("tables");
        std::fs::create_dir_all(tables.join("sub")).unwrap();
        write_table(&tables.join("a.parquet"), 3, 40);
        write_table(&tables.join("sub/b.parquet"), 1, 10);
        std::fs::write(tables.join("notes.txt"), "not a table\n").unwrap();
        let out = dir.join("out");
        let output = rinse()
            .args(["clean", "--parquet", arg(&tables), "--out", arg(&out)])
            .args(["--metadata", "full"])
            .output()
            .unwrap();
        ok(&output);
        assert!(stderr(&output).contains("notes.txt: skipped, not a Parquet file"));
        let (batches, codecs) = read_table(&out.join("a.parquet"));
        assert_eq!(
            codecs,
            vec![Compression::SNAPPY; 3],
            "row groups map one to one, codec kept"
        );
        let rows: usize = batches.iter().map(RecordBatch::num_rows).sum();
        assert_eq!(rows, 120);
        let cleaner = rinse::Cleaner::default();
        let mut index = 0;
        for batch in &batches {
            let ids = batch
                .column_by_name("id")
                .unwrap()
                .as_any()
                .downcast_ref::<Int64Array>()
                .unwrap();
            let (text, tag, summary) = (
                column(batch, "text"),
                column(batch, "tag"),
                column(batch, "rinse"),
            );
            for row in 0..batch.num_rows() {
                assert_eq!(ids.value(row), index as i64);
                assert_eq!(tag.value(row), format!("tag-{index}"));
                let original = &texts(40)[index % 40];
                match original {
                    None => {
                        assert!(text.is_null(row) && summary.is_null(row));
                    }
                    Some(original) => {
                        assert_eq!(text.value(row), cleaner.clean_field(original).text);
                        let json: serde_json::Value =
                            serde_json::from_str(summary.value(row)).unwrap();
                        assert!(json["changed"].is_boolean());
                        assert!(json["lines"]["in"].is_u64(), "full metadata: {json}");
                    }
                }
                index += 1;
            }
        }
        assert!(out.join("sub/b.parquet").exists());
        // Cleaned again: the rinse column is replaced, not doubled.
        let again = dir.join("again");
        ok(&rinse()
            .args([
                "clean",
                "--parquet",
                "--quiet",
                arg(&out),
                "--out",
                arg(&again),
            ])
            .args(["--compress", "zstd", "--drop-empty"])
            .output()
            .unwrap());
        let (batches, codecs) = read_table(&again.join("a.parquet"));
        assert!(matches!(codecs[0], Compression::ZSTD(_)));
        assert_eq!(batches[0].num_columns(), 4);
        let rows: usize = batches.iter().map(RecordBatch::num_rows).sum();
        assert_eq!(rows, 90, "the 30 rows of `Leave a review` are dropped");
        // One input to one named file.
        let single = dir.join("single.parquet");
        ok(&rinse()
            .args(["clean", "--parquet", "--quiet"])
            .arg(tables.join("sub/b.parquet"))
            .args(["--output", arg(&single)])
            .output()
            .unwrap());
        assert_eq!(
            read_table(&single)
                .0
                .iter()
                .map(RecordBatch::num_rows)
                .sum::<usize>(),
            10
        );
    }

    #[test]
    fn parquet_errors_name_the_file_and_the_cause() {
        let dir = scratch("parquet_errors");
        let table = dir.join("t.parquet");
        write_table(&table, 1, 4);
        let out = dir.join("out");
        let missing = rinse()
            .args(["clean", "--parquet", arg(&table), "--text-column", "body"])
            .args(["--out", arg(&out)])
            .output()
            .unwrap();
        assert_eq!(missing.status.code(), Some(2));
        let err = stderr(&missing);
        assert!(
            err.contains("t.parquet: no column `body` (columns: id, text, tag); choose it with --text-column"),
            "{err}"
        );
        assert!(
            !out.join("t.parquet").exists(),
            "a failed input leaves no output"
        );
        let not_string = rinse()
            .args(["clean", "--parquet", arg(&table), "--text-column", "id"])
            .args(["--out", arg(&out)])
            .output()
            .unwrap();
        assert!(stderr(&not_string).contains("column `id` is Int64, not a string column"));
        let as_jsonl = rinse()
            .args(["clean", "--jsonl", arg(&table)])
            .output()
            .unwrap();
        assert_eq!(as_jsonl.status.code(), Some(2));
        assert!(stderr(&as_jsonl).contains("is a Parquet table: clean it with --parquet"));
        let as_text = rinse().args(["clean", arg(&table)]).output().unwrap();
        assert_eq!(as_text.status.code(), Some(2));
        assert!(stderr(&as_text).contains("--parquet"));
        let from_stdin = piped(
            &["clean", "--parquet", "-", "--out", arg(&out)],
            &std::fs::read(&table).unwrap(),
        );
        assert_eq!(from_stdin.status.code(), Some(2));
        assert!(stderr(&from_stdin).contains("cannot be read from standard input"));
        let truncated = dir.join("cut.parquet");
        let bytes = std::fs::read(&table).unwrap();
        std::fs::write(&truncated, &bytes[..bytes.len() / 2]).unwrap();
        let cut = rinse()
            .args(["clean", "--parquet", arg(&truncated), "--out", arg(&out)])
            .output()
            .unwrap();
        assert_eq!(cut.status.code(), Some(2));
        assert!(
            stderr(&cut).contains("cut.parquet: not a readable Parquet file"),
            "{}",
            stderr(&cut)
        );
    }
}

#[test]
fn tag_keeps_junk_lines_and_junk_threshold_is_passed_to_the_cleaner() {
    let text = b"An article of one sentence, long enough to be a paragraph.\n\n12 comments\n";
    let plain = piped(&["clean", "--quiet", "-"], text);
    ok(&plain);
    assert!(
        !stdout(&plain).contains("12 comments"),
        "{}",
        stdout(&plain)
    );
    let tagged = piped(&["clean", "--quiet", "--tag", "-"], text);
    ok(&tagged);
    assert!(
        stdout(&tagged).contains("12 comments"),
        "{}",
        stdout(&tagged)
    );
    // In a record, the tags go under metadata.rinse.junk.
    let record = serde_json::json!({"text": String::from_utf8_lossy(text)}).to_string();
    let output = piped(
        &["clean", "--jsonl", "--quiet", "--tag", "-"],
        record.as_bytes(),
    );
    ok(&output);
    let cleaned: serde_json::Value = serde_json::from_str(stdout(&output).trim()).unwrap();
    let junk = cleaned["metadata"]["rinse"]["junk"].as_array().unwrap();
    assert!(junk.iter().any(|tag| tag["label"] == "junk"), "{junk:?}");
    // The threshold reaches the library, which refuses one that is not a number.
    let output = piped(&["clean", "--junk-threshold", "NaN", "-"], text);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("junk threshold"),
        "{}",
        stderr(&output)
    );
    let output = piped(&["clean", "--quiet", "--junk-threshold", "-3.5", "-"], text);
    ok(&output);
}
