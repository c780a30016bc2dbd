//! `rinse clean` under hostile trees, hostile flags and hostile records:
//! nothing lost, nothing written outside what was asked. Each test runs the
//! real binary.

use std::io::Write;
use std::path::Path;

use crate::support::{rinse, scratch, stderr, stdout};

fn write(path: &Path, bytes: &[u8]) {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).unwrap();
    }
    std::fs::write(path, bytes).unwrap();
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

#[test]
fn an_output_path_that_is_an_input_is_refused_and_the_input_kept() {
    let dir = scratch("out_is_input");
    let data = dir.join("data.jsonl");
    let records = b"{\"text\":\"a  \"}\n{\"text\":\"b\"}\n";
    write(&data, records);
    let output = rinse()
        .args(["clean", "--jsonl"])
        .arg(&data)
        .arg("--reject")
        .arg(&data)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("is an input"),
        "{}",
        stderr(&output)
    );
    assert_eq!(read(&data), records, "the input is untouched");

    let doc = dir.join("doc.txt");
    write(&doc, b"text  \n");
    let output = rinse()
        .args(["clean", "--check"])
        .arg(&doc)
        .arg("--report")
        .arg(&doc)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(read(&doc), b"text  \n");

    // A side file inside a walked input folder would be read on a rerun.
    let tree = dir.join("tree");
    write(&tree.join("a.txt"), b"a\n");
    let output = rinse()
        .args(["clean", "--check"])
        .arg(&tree)
        .arg("--report")
        .arg(tree.join("report.jsonl"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("inside the input folder"),
        "{}",
        stderr(&output)
    );
    assert!(!tree.join("report.jsonl").exists());
}

#[cfg(unix)]
#[test]
fn directory_symlinks_are_not_followed_unless_asked_and_loops_end() {
    use std::os::unix::fs::symlink;
    let dir = scratch("symlink_walk");
    let outside = dir.join("outside");
    write(&outside.join("secret.txt"), b"outside  \n");
    let tree = dir.join("tree");
    write(&tree.join("a.txt"), b"a  \n");
    symlink(&outside, tree.join("link")).unwrap();
    symlink(".", tree.join("self")).unwrap();
    let output = rinse()
        .args(["clean", "--in-place"])
        .arg(&tree)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(read(&tree.join("a.txt")), b"a\n");
    assert_eq!(
        read(&outside.join("secret.txt")),
        b"outside  \n",
        "nothing outside the tree is rewritten"
    );
    assert!(
        stderr(&output).contains("symbolic link"),
        "{}",
        stderr(&output)
    );

    // With -L the link is followed, the loop is detected, each file is
    // cleaned once.
    let listed = rinse()
        .args(["clean", "--check", "-L"])
        .arg(&tree)
        .output()
        .unwrap();
    let names: Vec<String> = stdout(&listed).lines().map(str::to_owned).collect();
    assert_eq!(names.len(), 1, "{names:?} {}", stderr(&listed));
    assert!(names[0].ends_with("secret.txt"), "{names:?}");
}

#[cfg(unix)]
#[test]
fn out_never_writes_through_a_symlink_that_leaves_it() {
    use std::os::unix::fs::symlink;
    let dir = scratch("out_symlink");
    let elsewhere = dir.join("elsewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    let input = dir.join("in");
    write(&input.join("sub/x.txt"), b"x  \n");
    let out = dir.join("out");
    std::fs::create_dir_all(&out).unwrap();
    symlink(&elsewhere, out.join("sub")).unwrap();
    let output = rinse()
        .arg("clean")
        .arg(&input)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("outside"), "{}", stderr(&output));
    assert!(!elsewhere.join("x.txt").exists());
}

#[test]
fn two_inputs_with_one_relative_path_are_an_error_before_anything_is_written() {
    let dir = scratch("collision");
    write(&dir.join("d1/x.txt"), b"one\n");
    write(&dir.join("d2/x.txt"), b"two\n");
    let out = dir.join("out");
    let output = rinse()
        .arg("clean")
        .arg(dir.join("d1/x.txt"))
        .arg(dir.join("d2/x.txt"))
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("x.txt"), "{}", stderr(&output));
    assert!(!out.join("x.txt").exists(), "nothing is written");
}

#[test]
fn out_equal_to_the_input_folder_points_at_in_place() {
    let dir = scratch("out_is_in");
    write(&dir.join("a.txt"), b"a  \n");
    for force in [false, true] {
        let mut command = rinse();
        command.arg("clean").arg(&dir).arg("--out").arg(&dir);
        if force {
            command.arg("--force");
        }
        let output = command.output().unwrap();
        assert_eq!(output.status.code(), Some(2));
        assert!(
            stderr(&output).contains("--in-place"),
            "{}",
            stderr(&output)
        );
        assert_eq!(read(&dir.join("a.txt")), b"a  \n");
    }
}

#[test]
fn jsonl_folders_read_compressed_shards_and_binary_files_are_known_by_their_magic() {
    let dir = scratch("jsonl_folder");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(b"{\"text\":\"from gzip  \"}\n").unwrap();
    write(&dir.join("shard.jsonl.gz"), &gz.finish().unwrap());
    write(&dir.join("plain.jsonl"), b"{\"text\":\"plain\"}\n");
    let output = rinse()
        .args(["clean", "--jsonl"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("from gzip"), "{}", stdout(&output));

    // A Parquet file with no NUL byte in its head is still not text.
    let text = dir.join("text");
    let mut parquet = b"PAR1".to_vec();
    parquet.extend(std::iter::repeat_n(b'x', 9000));
    write(&text.join("table.parquet"), &parquet);
    write(&text.join("a.txt"), b"a\n");
    let out = dir.join("out");
    let output = rinse()
        .arg("clean")
        .arg(&text)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("table.parquet"),
        "{}",
        stderr(&output)
    );
    assert!(!out.join("table.parquet").exists());
    assert!(out.join("a.txt").exists());
}

#[test]
fn encodings_browsers_refuse_are_refused_with_a_reason() {
    let output = rinse()
        .args(["clean", "--encoding", "hz-gb-2312", "README.md"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("not supported"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_declared_single_byte_encoding_never_reencodes_valid_utf8() {
    let dir = scratch("declared_utf8");
    let page = dir.join("page.html");
    write(&page, "<meta charset=\"koi8-r\">café\n".as_bytes());
    for _ in 0..2 {
        let output = rinse()
            .args(["clean", "--in-place"])
            .arg(&page)
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", stderr(&output));
        assert_eq!(read(&page), "<meta charset=\"koi8-r\">café\n".as_bytes());
    }
    let inspected = rinse()
        .args(["inspect", "--json"])
        .arg(&page)
        .output()
        .unwrap();
    let json = stdout(&inspected);
    assert!(json.contains("\"encoding\":\"UTF-8\""), "{json}");
    assert!(json.contains("\"overridden\":\"KOI8-R\""), "{json}");
}

#[test]
fn a_truncated_gzip_keeps_every_complete_record() {
    let dir = scratch("truncated_gz");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    for i in 0..5000 {
        writeln!(
            gz,
            "{{\"id\":{i},\"text\":\"record {i} with some words in it\"}}"
        )
        .unwrap();
    }
    let bytes = gz.finish().unwrap();
    let cut = &bytes[..bytes.len() * 2 / 3];
    let path = dir.join("cut.jsonl.gz");
    write(&path, cut);
    let output = rinse()
        .args(["clean", "--jsonl"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("cut.jsonl.gz"),
        "{}",
        stderr(&output)
    );
    // Every record that was decompressed whole is written.
    let mut decoder = flate2::read::GzDecoder::new(cut);
    let mut whole = Vec::new();
    let _ = std::io::Read::read_to_end(&mut decoder, &mut whole);
    let complete = whole.split(|&b| b == b'\n').count() - 1;
    assert!(complete > 3000, "{complete}");
    assert_eq!(stdout(&output).lines().count(), complete);
}

#[cfg(unix)]
#[test]
fn in_place_keeps_modes_writes_through_symlinks_and_refuses_hard_links() {
    use std::os::unix::fs::{symlink, PermissionsExt};
    let dir = scratch("in_place_meta");
    let script = dir.join("run.sh");
    write(&script, b"echo hi  \n");
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o750)).unwrap();
    let private = dir.join("private.txt");
    write(&private, b"secret  \n");
    std::fs::set_permissions(&private, std::fs::Permissions::from_mode(0o600)).unwrap();
    let target = dir.join("target.txt");
    write(&target, b"through  \n");
    let link = dir.join("link.txt");
    symlink(&target, &link).unwrap();
    let linked = dir.join("linked.txt");
    write(&linked, b"linked  \n");
    std::fs::hard_link(&linked, dir.join("other-name.txt")).unwrap();
    let output = rinse()
        .args(["clean", "--in-place"])
        .args([&script, &private, &link, &linked])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "the hard link is refused");
    let mode = |path: &Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    assert_eq!(
        (mode(&script), read(&script)),
        (0o750, b"echo hi\n".to_vec())
    );
    assert_eq!(
        (mode(&private), read(&private)),
        (0o600, b"secret\n".to_vec())
    );
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(read(&target), b"through\n");
    assert!(stderr(&output).contains("hard link"), "{}", stderr(&output));
    assert_eq!(read(&linked), b"linked  \n");
}

#[test]
fn jsonl_records_keep_what_they_hold() {
    let dir = scratch("jsonl_records");
    let path = dir.join("records.jsonl");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(
        concat!(
            r#"{"id":1,"text":"first  "}"#,
            "\n",
            r#"{"id":2,"n":1e400,"big":123456789012345678901234567890,"text":"numbers"}"#,
            "\n",
            r#"{"id":3,"text":"a","text":"b"}"#,
            "\n",
            r#"{"id":4,"text":"x","metadata":{"rinse":"mine"}}"#,
            "\n",
            r#"{"id":5,"text":"\ud800"}"#,
            "\n",
        )
        .as_bytes(),
    );
    write(&path, &bytes);
    let output = rinse()
        .args(["clean", "--jsonl", "--quiet"])
        .arg(&path)
        .output()
        .unwrap();
    let out = stdout(&output);
    let err = stderr(&output);
    assert!(
        out.contains(r#""id":1,"text":"first""#),
        "a BOM does not cost the first record: {out}"
    );
    assert!(
        out.contains(r#""n":1e400,"big":123456789012345678901234567890"#),
        "numbers are kept as written: {out}"
    );
    assert!(
        !out.contains(r#""id":3"#),
        "duplicate keys are refused: {out}"
    );
    assert!(
        !out.contains(r#""id":4"#),
        "another tool's metadata.rinse is refused: {out}"
    );
    assert!(
        err.contains("3 rejected"),
        "rejects are counted even with --quiet: {err}"
    );
    assert!(err.contains("duplicate key `text`"), "{err}");
    assert!(err.contains("surrogate"), "{err}");
}

#[test]
fn limits_are_errors_naming_the_input_never_aborts() {
    let dir = scratch("limits");
    let big = dir.join("big.txt");
    write(&big, &vec![b'a'; 3000]);
    let small = dir.join("small.txt");
    write(&small, b"ok  \n");
    let output = rinse()
        .args(["clean", "--max-doc-bytes", "1000"])
        .args([&big, &small])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("big.txt"), "{}", stderr(&output));
    assert_eq!(stdout(&output), "ok\n", "the other inputs still run");

    let records = dir.join("long.jsonl");
    let mut bytes = b"{\"text\":\"".to_vec();
    bytes.extend(std::iter::repeat_n(b'z', 5000));
    bytes.extend_from_slice(b"\"}\n{\"text\":\"after\"}\n");
    write(&records, &bytes);
    let output = rinse()
        .args(["clean", "--jsonl", "--max-record-bytes", "1000"])
        .arg(&records)
        .output()
        .unwrap();
    assert!(
        stdout(&output).contains("after"),
        "the stream goes on: {}",
        stderr(&output)
    );
    assert!(
        stderr(&output).contains("longer than"),
        "{}",
        stderr(&output)
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_in_a_walked_folder_is_skipped_not_waited_on() {
    let dir = scratch("fifo");
    write(&dir.join("a.txt"), b"a  \n");
    let status = std::process::Command::new("mkfifo")
        .arg(dir.join("pipe"))
        .status()
        .unwrap();
    assert!(status.success());
    let output = rinse().arg("clean").arg(&dir).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stdout(&output), "a\n");
    assert!(
        stderr(&output).contains("not a regular file"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn messages_are_one_line_each_without_repetition_or_os_codes() {
    let dir = scratch("messages");
    let bad = dir.join("bad.toml");
    write(&bad, b"encodng = 1\n");
    let output = rinse()
        .args(["clean", "--config"])
        .arg(&bad)
        .arg("README.md")
        .output()
        .unwrap();
    let err = stderr(&output);
    assert_eq!(err.matches("invalid config").count(), 1, "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[cfg(unix)]
#[test]
fn file_names_are_printed_unambiguously() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let dir = scratch("names");
    for name in [&b"bad\xFF.txt"[..], b"bad\xFE.txt", b"new\nline.txt"] {
        write(&dir.join(OsStr::from_bytes(name)), b"x  \n");
    }
    let output = rinse()
        .args(["clean", "--check"])
        .arg(&dir)
        .output()
        .unwrap();
    let listed = stdout(&output);
    let names: Vec<&str> = listed.lines().collect();
    assert_eq!(names.len(), 3, "one line per file: {listed:?}");
    assert!(
        listed.contains("bad\\xFF.txt") && listed.contains("bad\\xFE.txt"),
        "{listed}"
    );
    assert!(listed.contains("new\\nline.txt"), "{listed}");
}
