//! The `rinse` binary, run for real.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::support::{rinse, run, scratch, stderr, stdout};

#[test]
fn clean_prints_the_same_text_as_the_library() {
    let path = "corpus/synthetic/windows_export_bom_crlf.txt";
    let output = run(&["clean", path]);
    assert!(output.status.success(), "{}", stderr(&output));
    let bytes = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap();
    let expected = rinse::clean_bytes(&bytes).text;
    assert_eq!(stdout(&output), expected);
}

#[test]
fn clean_reads_standard_input_for_a_dash() {
    let mut child = rinse()
        .args(["clean", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"\xEF\xBB\xBFone  \r\ntwo")
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    assert_eq!(stdout(&output), "one\ntwo\n");
}

#[test]
fn output_dash_is_standard_output_not_a_file() {
    let dir = scratch("output_dash");
    let input = dir.join("in.txt");
    std::fs::write(&input, "one  \r\ntwo").unwrap();
    let output = rinse()
        .current_dir(&dir)
        .args(["clean", "-o", "-", "--quiet"])
        .arg(&input)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stdout(&output), "one\ntwo\n");
    assert!(!dir.join("-").exists());
}

#[test]
fn missing_file_is_one_line_naming_it_and_the_rest_still_run() {
    let dir = scratch("missing_file");
    let good = dir.join("good.txt");
    std::fs::write(&good, "kept \n").unwrap();
    let output = rinse()
        .args(["clean", "--quiet", "no/such/file.txt"])
        .arg(&good)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stdout(&output), "kept\n");
    let err = stderr(&output);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("no/such/file.txt: no such file or directory"),
        "{err}"
    );
}

#[test]
fn directory_is_walked_in_order_into_out_with_relative_paths() {
    let dir = scratch("walk_in");
    std::fs::create_dir_all(dir.join("b")).unwrap();
    std::fs::write(dir.join("a.txt"), "first  \r\n").unwrap();
    std::fs::write(dir.join("b/c.txt"), "cafÃ©\n").unwrap();
    std::fs::write(dir.join(".hidden.txt"), "hidden\n").unwrap();
    std::fs::write(dir.join("image.bin"), b"\x89PNG\0\0\0binary").unwrap();
    let out = scratch("walk_out");
    let output = rinse()
        .arg("clean")
        .arg(&dir)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(output.stdout.is_empty());
    assert_eq!(
        std::fs::read_to_string(out.join("a.txt")).unwrap(),
        "first\n"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("b/c.txt")).unwrap(),
        "café\n"
    );
    assert!(!out.join(".hidden.txt").exists());
    assert!(stderr(&output).contains("image.bin: skipped, looks binary"));
    // Printed in sorted order without --out.
    let printed = stdout(&rinse().arg("clean").arg(&dir).output().unwrap());
    assert_eq!(printed, "first\ncafé\n");
}

#[test]
fn check_lists_files_that_would_change_and_exits_1() {
    let dir = scratch("check");
    std::fs::write(dir.join("clean.txt"), "already clean\n").unwrap();
    std::fs::write(dir.join("dirty.txt"), "needs  work \n").unwrap();
    let output = rinse()
        .args(["clean", "--check"])
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let listed = stdout(&output);
    assert!(
        listed.contains("dirty.txt") && !listed.contains("clean.txt"),
        "{listed}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("dirty.txt")).unwrap(),
        "needs  work \n"
    );
    let clean = rinse()
        .args(["clean", "--check"])
        .arg(dir.join("clean.txt"))
        .output()
        .unwrap();
    assert_eq!(clean.status.code(), Some(0));
}

#[test]
fn in_place_replaces_changed_files_atomically_and_leaves_the_rest() {
    let dir = scratch("in_place");
    std::fs::write(dir.join("dirty.txt"), "a  b\r\n").unwrap();
    std::fs::write(dir.join("clean.txt"), "clean\n").unwrap();
    let before = std::fs::metadata(dir.join("clean.txt"))
        .unwrap()
        .modified()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let output = rinse()
        .args(["clean", "--in-place"])
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        std::fs::read_to_string(dir.join("dirty.txt")).unwrap(),
        "a b\n"
    );
    let after = std::fs::metadata(dir.join("clean.txt"))
        .unwrap()
        .modified()
        .unwrap();
    assert_eq!(before, after, "an unchanged file is not rewritten");
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("rinse"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn report_writes_one_json_object_per_document() {
    let dir = scratch("report");
    let report = dir.join("report.jsonl");
    let output = rinse()
        .args([
            "clean",
            "--check",
            "corpus/web/003_627cf354bd315b4c.txt",
            "corpus/damaged/000_arabic.windows-1256.txt",
            "--report",
        ])
        .arg(&report)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let lines: Vec<serde_json::Value> = std::fs::read_to_string(&report)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["path"], "corpus/web/003_627cf354bd315b4c.txt");
    assert!(lines[0]["changes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["step"] == "boilerplate"));
    assert_eq!(lines[1]["encoding"]["name"], "windows-1256");
}

/// A report or output path that is a device, a pipe or a descriptor of the
/// process is written to, not replaced by a file renamed over its name; a
/// symbolic link to a file is written through and stays a link; under
/// `--out` a link is replaced, never followed. No real `/dev` name is used:
/// a regression would replace only names in the scratch folder (or fail to
/// write into `/proc`).
#[cfg(unix)]
#[test]
fn named_outputs_write_through_devices_and_links() {
    use std::ffi::OsStr;
    use std::os::unix::fs::{symlink, PermissionsExt};
    use std::path::Path;
    let page = "corpus/web/003_627cf354bd315b4c.txt";
    // `rinse clean PAGE ARGS…`, run to completion.
    let clean = |args: &[&OsStr]| rinse().args(["clean", page]).args(args).output().unwrap();
    let kind = |path: &Path| std::fs::symlink_metadata(path).unwrap().file_type();
    let dir = scratch("named_outputs");

    // Standard output by its descriptor's name: the report arrives there.
    let output = clean(&[
        "--check".as_ref(),
        "--report".as_ref(),
        "/proc/self/fd/1".as_ref(),
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    // --check lists the file; the report's line is the JSON object.
    let printed = stdout(&output);
    let line = printed.lines().find(|line| line.starts_with('{'));
    let report: serde_json::Value =
        serde_json::from_str(line.unwrap_or_else(|| panic!("no report in {printed:?}"))).unwrap();
    assert_eq!(report["path"], page);

    // Standard output on a file the caller opened to append to: written at
    // its end, what was there before kept.
    let log = dir.join("run.log");
    std::fs::write(&log, "EARLIER\n").unwrap();
    let appended = std::fs::OpenOptions::new().append(true).open(&log).unwrap();
    let output = rinse()
        .args([
            "clean",
            page,
            "--output",
            "/dev/null",
            "--report",
            "/dev/fd/1",
        ])
        .stdout(appended)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let logged = std::fs::read_to_string(&log).unwrap();
    assert!(logged.starts_with("EARLIER\n{\"path\""), "{logged}");

    // Another descriptor of the process is refused: standard input here,
    // which `--output /dev/stdin` would have overwritten.
    let input = dir.join("input.txt");
    std::fs::copy(page, &input).unwrap();
    let output = rinse()
        .args(["clean", "--output", "/dev/fd/0"])
        .stdin(std::fs::File::open(&input).unwrap())
        .output()
        .unwrap();
    let said = stderr(&output);
    assert!(
        output.status.code() == Some(2) && said.contains("names descriptor 0"),
        "{said}"
    );
    assert_eq!(std::fs::read(&input).unwrap(), std::fs::read(page).unwrap());

    // A device through a link of the scratch folder: written to, and the
    // link stays (a file renamed over it would replace it).
    let null = dir.join("null");
    symlink("/dev/null", &null).unwrap();
    let output = clean(&["--output".as_ref(), null.as_ref()]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(kind(&null).is_symlink());

    // A link to a file: the target is written (its permissions kept), the
    // link stays.
    let target = dir.join("target.jsonl");
    std::fs::write(&target, "old\n").unwrap();
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o640)).unwrap();
    let link = dir.join("link.jsonl");
    symlink(&target, &link).unwrap();
    let output = clean(&["--check".as_ref(), "--report".as_ref(), link.as_ref()]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(kind(&link).is_symlink());
    let written = std::fs::read_to_string(&target).unwrap();
    assert!(written.contains("\"path\""), "{written}");
    let mode = std::fs::metadata(&target).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o640);

    // A folder is no report.
    let output = clean(&["--check".as_ref(), "--report".as_ref(), dir.as_ref()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("is a folder"),
        "{}",
        stderr(&output)
    );

    // Under --out a link is replaced, never followed: what it pointed to
    // stays as it was, in text mode and with --jsonl.
    let out = dir.join("out");
    std::fs::create_dir_all(&out).unwrap();
    let outside = dir.join("outside.txt");
    std::fs::write(&outside, "outside\n").unwrap();
    let planted = out.join("003_627cf354bd315b4c.txt");
    symlink(&outside, &planted).unwrap();
    let output = clean(&["--force".as_ref(), "--out".as_ref(), out.as_ref()]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(std::fs::read_to_string(&outside).unwrap(), "outside\n");
    assert!(kind(&planted).is_file());

    let records = dir.join("records.jsonl");
    std::fs::write(&records, "{\"text\":\"One line.\"}\n").unwrap();
    let jsonl_out = dir.join("jsonl-out");
    std::fs::create_dir_all(&jsonl_out).unwrap();
    let planted = jsonl_out.join("records.jsonl");
    symlink(&outside, &planted).unwrap();
    // `rinse clean --jsonl [--force] --out JSONL_OUT RECORDS`.
    let into_jsonl_out = |force: &[&str]| {
        rinse()
            .args(["clean", "--jsonl"])
            .args(force)
            .arg("--out")
            .args([&jsonl_out, &records])
            .output()
            .unwrap()
    };
    let output = into_jsonl_out(&[]);
    let said = stderr(&output);
    assert!(
        output.status.code() == Some(2) && said.contains("already exists"),
        "{said}"
    );
    let output = into_jsonl_out(&["--force"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(std::fs::read_to_string(&outside).unwrap(), "outside\n");
    assert!(kind(&planted).is_file());
}

/// Records under `--out` are checked before anything is written, as text
/// files are: an output that is an input, or one a link on the way takes
/// out of the folder, is an error and nothing is written.
#[cfg(unix)]
#[test]
fn records_under_out_never_overwrite_an_input_or_leave_the_folder() {
    let dir = scratch("records_out_guard");
    let records = "{\"text\":\"One line.\"}\n";
    // `rinse clean --jsonl --force --out OUT INPUT` must refuse with `why`.
    let refused = |out: &Path, input: &Path, why: &str| {
        let output = rinse()
            .args(["clean", "--jsonl", "--force", "--out"])
            .args([out, input])
            .output()
            .unwrap();
        let said = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{said}");
        assert!(said.contains(why), "{said}");
    };
    let input = dir.join("a.jsonl");
    std::fs::write(&input, records).unwrap();
    refused(&dir, &input, "is an input");
    assert_eq!(std::fs::read_to_string(&input).unwrap(), records);

    let src = dir.join("src");
    std::fs::create_dir_all(src.join("sub")).unwrap();
    std::fs::write(src.join("sub/b.jsonl"), records).unwrap();
    let out = dir.join("out");
    let elsewhere = dir.join("elsewhere");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::create_dir_all(&elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, out.join("sub")).unwrap();
    refused(&out, &src, "refusing to write outside");
    assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0);
}

#[test]
fn preset_composes_with_the_config_file_and_steps_shows_the_result() {
    let dir = scratch("preset_and_config");
    let config = dir.join("rinse.toml");
    std::fs::write(&config, "[steps]\ntrailing-whitespace = false\n").unwrap();
    let page = dir.join("page.txt");
    std::fs::write(
        &page,
        "A first paragraph of the article, long enough to be one.  \n\nLeave a review\n",
    )
    .unwrap();
    let output = rinse()
        .args(["clean", "--preset", "fix", "--config"])
        .arg(&config)
        .arg(&page)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(
        text.contains("Leave a review"),
        "the preset applies: {text}"
    );
    assert!(text.contains("one.  \n"), "the file applies: {text:?}");
    let steps = rinse()
        .args(["steps", "--preset", "fix", "--config"])
        .arg(&config)
        .output()
        .unwrap();
    let listing = stdout(&steps);
    for (step, on) in [
        ("trailing-whitespace", "off"),
        ("boilerplate", "off"),
        ("mojibake", "on"),
    ] {
        assert!(
            listing
                .lines()
                .any(|line| line.split_whitespace().take(2).eq([step, on])),
            "{step} {on} in:\n{listing}"
        );
    }
}

#[test]
fn decode_cannot_be_switched_off_from_a_file_or_a_flag() {
    let dir = scratch("decode_off");
    let config = dir.join("rinse.toml");
    std::fs::write(&config, "[steps]\ndecode = false\n").unwrap();
    for output in [
        rinse()
            .args(["clean", "--config"])
            .arg(&config)
            .arg("README.md")
            .output()
            .unwrap(),
        run(&["clean", "--disable", "decode", "README.md"]),
    ] {
        assert_eq!(output.status.code(), Some(2));
        assert!(
            stderr(&output).contains("`decode` cannot be switched off"),
            "{}",
            stderr(&output)
        );
    }
}

#[test]
fn preset_fix_repairs_characters_and_removes_no_line() {
    let output = run(&[
        "clean",
        "--preset",
        "fix",
        "corpus/web/003_627cf354bd315b4c.txt",
    ]);
    let text = stdout(&output);
    assert!(
        text.contains("Leave a review") && text.contains("March 6. On March 8"),
        "{text}"
    );
}

#[test]
fn missing_path_in_a_list_is_one_line_and_the_rest_still_run() {
    let output = run(&[
        "clean",
        "no/such/dir",
        "corpus/web/004_ac573e2a3b29c701.txt",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("no/such/dir: no such file or directory"));
    assert!(stdout(&output).contains("rosZmi"));
}

#[test]
fn input_file_is_never_modified() {
    let dir = scratch("input_untouched");
    let file = dir.join("in.txt");
    std::fs::write(&file, b"a  \r\nb").unwrap();
    let output = rinse().arg("clean").arg(&file).output().unwrap();
    assert!(output.status.success());
    assert_eq!(std::fs::read(&file).unwrap(), b"a  \r\nb");
}

#[test]
fn disable_switches_a_step_off() {
    let dir = scratch("disable");
    let file = dir.join("in.txt");
    std::fs::write(&file, "a \r\n").unwrap();
    let output = rinse()
        .args(["clean", "--disable", "line-endings"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(stdout(&output), "a\r\n");
}

#[test]
fn unknown_step_is_an_error_naming_it() {
    let output = run(&[
        "clean",
        "--disable",
        "nfc",
        "corpus/web/000_8e67905d711366b3.txt",
    ]);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(err.contains("unknown step `nfc`"), "{err}");
    assert!(output.stdout.is_empty());
}

#[test]
fn invalid_config_is_an_error_naming_the_file() {
    let dir = scratch("bad_config");
    let config = dir.join("rinse.toml");
    std::fs::write(&config, "[steps]\nnormalise = false\n").unwrap();
    let output = rinse()
        .arg("clean")
        .arg("--config")
        .arg(&config)
        .arg("corpus/web/000_8e67905d711366b3.txt")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(
        err.contains("rinse.toml: unknown step `normalise`"),
        "{err}"
    );
}

#[test]
fn steps_lists_every_step_with_default_and_summary() {
    let output = run(&["steps"]);
    assert!(output.status.success());
    let listing = stdout(&output);
    for step in rinse::Step::ALL {
        let line = listing
            .lines()
            .find(|line| line.split_whitespace().next() == Some(step.name()))
            .unwrap_or_else(|| panic!("{} missing from:\n{listing}", step.name()));
        assert!(line.contains(step.summary()), "{line}");
    }
}

#[test]
fn help_and_version() {
    let help = run(&["--help"]);
    assert!(help.status.success());
    assert!(stdout(&help).contains("clean"));
    let version = run(&["--version"]);
    assert_eq!(
        stdout(&version).trim(),
        format!("rinse {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn readme_set_up_installs_rinse_and_its_commands_work_as_written() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let section = &readme[readme.find("## Set up").expect("a set-up section")..];
    let section = &section[..section[3..].find("\n## ").unwrap() + 3];
    assert!(
        section.contains("cargo install --locked --path .\n"),
        "the set-up installs the binary"
    );
    assert!(
        section.contains("cargo run --release -- clean"),
        "and says how to run it without installing"
    );
    let commands: Vec<&str> = section
        .lines()
        .filter_map(|line| line.trim().strip_prefix("rinse clean "))
        .collect();
    assert!(!commands.is_empty(), "the set-up shows rinse at work");
    for command in commands {
        let args: Vec<&str> = std::iter::once("clean")
            .chain(command.split_whitespace())
            .collect();
        let output = run(&args);
        assert!(
            output.status.success(),
            "`rinse clean {command}` failed: {}",
            stderr(&output)
        );
        assert!(!output.stdout.is_empty(), "`{command}` printed nothing");
    }
}

#[test]
fn inspect_json_names_path_and_whatwg_encoding() {
    let output = run(&[
        "inspect",
        "--json",
        "corpus/damaged/000_arabic.windows-1256.txt",
        "corpus/damaged/001_english.mojibake-windows-1252.txt",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let lines: Vec<serde_json::Value> = stdout(&output)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(
        lines[0]["path"],
        "corpus/damaged/000_arabic.windows-1256.txt"
    );
    assert_eq!(lines[0]["encoding"], "windows-1256");
    assert_eq!(lines[0]["decided_by"], "detected");
    assert_eq!(lines[1]["encoding"], "UTF-8");
    assert_eq!(lines[1]["repairs"][0]["step"], "mojibake");
    assert_eq!(lines[1]["repairs"][0]["count"], 66);
}

#[test]
fn inspect_human_readable_shows_encoding_decision_and_repairs() {
    let output = run(&["inspect", "corpus/damaged/001_english.double-mojibake.txt"]);
    assert!(output.status.success());
    let text = stdout(&output);
    assert!(
        text.contains("encoding: UTF-8 (decided by valid-utf8)"),
        "{text}"
    );
    assert!(text.contains("repair mojibake: 66"), "{text}");
    assert!(text.contains("scripts: Latin"), "{text}");
}

#[test]
fn inspect_and_the_report_name_lines_read_in_a_legacy_page() {
    let dir = scratch("inspect_legacy_lines");
    let path = dir.join("mixed.txt");
    let mut bytes = Vec::new();
    for _ in 0..3 {
        bytes.extend_from_slice("Le café est très bon, déjà vu à Noël.\n".as_bytes());
        bytes.extend_from_slice(b"L'\xE9t\xE9 fut long, la r\xE9colte tr\xE8s maigre.\n");
    }
    std::fs::write(&path, &bytes).unwrap();
    let path = path.to_str().unwrap();
    let output = run(&["inspect", path]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(
        text.contains("encoding: UTF-8 (decided by mostly-utf8)"),
        "{text}"
    );
    assert!(
        text.contains("lines that are no UTF-8, read as windows-1252: 3"),
        "{text}"
    );
    let report = dir.join("report.json");
    let output = run(&["clean", path, "--report", report.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        "Le café est très bon, déjà vu à Noël.\nL'été fut long, la récolte très maigre.\n"
            .repeat(3)
    );
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(report).unwrap()).unwrap();
    assert_eq!(report["encoding"]["legacy_lines"], 3);
    assert_eq!(report["encoding"]["legacy_page"], "windows-1252");
    assert_eq!(report["encoding"]["malformed"], 0);
}

#[test]
fn forced_encoding_overrides_detection() {
    let output = run(&[
        "clean",
        "--encoding",
        "windows-1252",
        "corpus/web/001_38025df435438118.txt",
    ]);
    assert!(output.status.success());
    // UTF-8 forced through windows-1252 is mojibake, which the repair undoes.
    let forced = stdout(&output);
    let normal = stdout(&run(&["clean", "corpus/web/001_38025df435438118.txt"]));
    assert_eq!(forced, normal);
    let output = run(&[
        "clean",
        "--encoding",
        "klingon",
        "corpus/web/001_38025df435438118.txt",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("unknown encoding `klingon`"));
}

#[test]
fn explain_lists_each_removed_line_with_rule_and_reason() {
    let output = run(&["clean", "--explain", "corpus/web/003_627cf354bd315b4c.txt"]);
    assert!(output.status.success());
    let text = stdout(&output);
    assert!(!text.contains("Leave a review"));
    let explained = stderr(&output);
    for expected in [
        ":3: duplicate-lines removed",
        ":29: boilerplate removed \"1 comment\": page residue: the phrase \"{n} comment\"",
        ":33: edge-residue removed \"In World\"",
        ":35: foreign-lines removed",
        "Azerbaijani",
    ] {
        assert!(
            explained.contains(expected),
            "{expected:?} missing from:\n{explained}"
        );
    }
}

#[test]
fn corpus_list_show_and_export() {
    let list = stdout(&run(&["corpus", "list"]));
    assert!(list.lines().count() >= 26);
    assert!(list.contains("web/003_627cf354bd315b4c\ten\t"));
    let show = run(&["corpus", "show", "web/004_ac573e2a3b29c701"]);
    assert!(show.status.success());
    assert!(stdout(&show).contains("\"homoglyph\""));
    let missing = run(&["corpus", "show", "web/nope"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("web/nope: no such corpus document"));

    let dir = scratch("corpus_export");
    let output = rinse()
        .args(["corpus", "export"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let raw = std::fs::read(dir.join("raw/damaged/000_arabic.windows-1256.txt")).unwrap();
    let original = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/damaged/000_arabic.windows-1256.txt"),
    )
    .unwrap();
    assert_eq!(raw, original);
    let index = std::fs::read_to_string(dir.join("fixtures.jsonl")).unwrap();
    for line in index.lines() {
        let entry: serde_json::Value = serde_json::from_str(line).unwrap();
        let cleaned =
            std::fs::read_to_string(dir.join(entry["cleaned"].as_str().unwrap())).unwrap();
        assert!(
            cleaned.is_empty() || cleaned.ends_with('\n'),
            "{}",
            entry["id"]
        );
    }
    assert!(!std::fs::read_dir(dir.join("raw/web")).unwrap().any(|e| e
        .unwrap()
        .file_name()
        .to_string_lossy()
        .contains("rinse-tmp")));
}

#[test]
fn jsonl_cleans_the_text_field_and_passes_everything_else_through_in_order() {
    let dir = scratch("jsonl");
    let corpus = dir.join("corpus.jsonl");
    std::fs::write(
        &corpus,
        concat!(
            r#"{"id":"a","text":"cafÃ©  \r\n\r\n1 comment","score":0.5,"tags":["x",{"deep":[1,2]}],"metadata":{"url":"http://x"}}"#, "\n",
            "not json at all\n",
            r#"{"id":"b","body":"no text field"}"#, "\n",
            "\n",
            r#"{"text":"plain line","metadata":"not an object","zeta":null}"#, "\n",
        ),
    )
    .unwrap();
    let reject = dir.join("reject.jsonl");
    let output = rinse()
        .args(["clean", "--jsonl"])
        .arg(&corpus)
        .arg("--reject")
        .arg(&reject)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("2 records cleaned, 2 rejected"),
        "{}",
        stderr(&output)
    );
    let records: Vec<&str> = std::str::from_utf8(&output.stdout)
        .unwrap()
        .lines()
        .collect();
    assert_eq!(records.len(), 2);
    // Field order and untouched fields survive byte for byte.
    assert!(records[0].starts_with(r#"{"id":"a","text":"café","score":0.5,"tags":["x",{"deep":[1,2]}],"metadata":{"url":"http://x","rinse":"#), "{}", records[0]);
    let first: serde_json::Value = serde_json::from_str(records[0]).unwrap();
    assert_eq!(first["metadata"]["rinse"]["changed"], true);
    assert!(
        first["metadata"]["rinse"]["steps"]["mojibake"]
            .as_u64()
            .unwrap()
            >= 1
    );
    let second: serde_json::Value = serde_json::from_str(records[1]).unwrap();
    assert_eq!(second["metadata"], "not an object");
    // A record that needs nothing keeps its own ending: no line break is
    // added to a record's text.
    assert_eq!(second["rinse"]["changed"], false);
    assert_eq!(second["text"], "plain line");
    assert!(records[1].contains(r#""zeta":null"#));
    let rejected: Vec<serde_json::Value> = std::fs::read_to_string(&reject)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(rejected.len(), 2);
    assert_eq!(rejected[0]["line"], 2);
    assert_eq!(rejected[1]["line"], 3);
    assert!(rejected[1]["error"]
        .as_str()
        .unwrap()
        .contains("no field `text`"));
}

#[test]
fn jsonl_reads_gzip_and_a_custom_text_field() {
    use std::io::Write as _;
    let dir = scratch("jsonl_gz");
    let path = dir.join("corpus.jsonl.gz");
    let mut encoder = flate2::write::GzEncoder::new(
        std::fs::File::create(&path).unwrap(),
        flate2::Compression::fast(),
    );
    for i in 0..5000 {
        writeln!(encoder, r#"{{"n":{i},"content":"line {i}  "}}"#).unwrap();
    }
    encoder.finish().unwrap();
    let output = rinse()
        .args([
            "clean",
            "--jsonl",
            "--text-field",
            "content",
            "--threads",
            "2",
        ])
        .arg(&path)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let lines: Vec<serde_json::Value> = stdout(&output)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 5000);
    for (i, line) in lines.iter().enumerate() {
        assert_eq!(line["n"], i, "records stay in input order");
        assert_eq!(line["content"], format!("line {i}"));
    }
}

#[test]
fn shards_together_clean_every_file_exactly_once() {
    let dir = scratch("shards_in");
    for i in 0..7 {
        std::fs::write(dir.join(format!("f{i}.txt")), format!("file {i}  \n")).unwrap();
    }
    let mut seen = Vec::new();
    for shard in 1..=3 {
        let out = scratch(&format!("shards_out_{shard}"));
        let output = rinse()
            .arg("clean")
            .arg(&dir)
            .args(["--shard", &format!("{shard}/3"), "--out"])
            .arg(&out)
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", stderr(&output));
        for entry in std::fs::read_dir(&out).unwrap() {
            seen.push(entry.unwrap().file_name().to_string_lossy().into_owned());
        }
    }
    seen.sort();
    let all: Vec<String> = (0..7).map(|i| format!("f{i}.txt")).collect();
    assert_eq!(
        seen, all,
        "the union of the shards is every file, with no overlap"
    );
    // A Slurm array numbered from 0 (--array=0-2) and one numbered from 1
    // (--array=1-3): the last task takes the last shard, never every file.
    for (id, min, max) in [("0", "0", "2"), ("3", "1", "3")] {
        let slurm = rinse()
            .arg("clean")
            .arg(&dir)
            .env("SLURM_ARRAY_TASK_ID", id)
            .env("SLURM_ARRAY_TASK_MIN", min)
            .env("SLURM_ARRAY_TASK_MAX", max)
            .env("SLURM_ARRAY_TASK_COUNT", "3")
            .output()
            .unwrap();
        let expected = if id == "0" {
            "file 0\nfile 3\nfile 6\n"
        } else {
            "file 2\nfile 5\n"
        };
        assert_eq!(stdout(&slurm), expected, "task {id} of {min}-{max}");
    }
    let outside = rinse()
        .arg("clean")
        .arg(&dir)
        .env("SLURM_ARRAY_TASK_ID", "4")
        .env("SLURM_ARRAY_TASK_MIN", "1")
        .env("SLURM_ARRAY_TASK_MAX", "3")
        .output()
        .unwrap();
    assert_eq!(outside.status.code(), Some(2));
    assert!(
        stdout(&outside).is_empty(),
        "a task outside the array cleans nothing"
    );
    let bad = run(&["clean", "--shard", "4/3", "corpus"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("--shard 4/3: expected I/N"));
}

#[test]
fn rerun_with_out_is_an_error_unless_resumed_or_forced() {
    let dir = scratch("rerun_in");
    std::fs::write(dir.join("a.txt"), "a  \n").unwrap();
    std::fs::write(dir.join("b.txt"), "b  \n").unwrap();
    let out = scratch("rerun_out");
    std::fs::write(out.join("a.txt"), "kept from before\n").unwrap();
    let refused = rinse()
        .arg("clean")
        .arg(&dir)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2));
    let err = stderr(&refused);
    assert!(
        err.contains("1 output already exists")
            && err.contains("--resume")
            && err.contains("--force"),
        "{err}"
    );
    assert!(!out.join("b.txt").exists(), "nothing is written");
    let resumed = rinse()
        .arg("clean")
        .arg(&dir)
        .arg("--out")
        .arg(&out)
        .arg("--resume")
        .output()
        .unwrap();
    assert!(resumed.status.success(), "{}", stderr(&resumed));
    assert_eq!(
        std::fs::read_to_string(out.join("a.txt")).unwrap(),
        "kept from before\n"
    );
    assert_eq!(std::fs::read_to_string(out.join("b.txt")).unwrap(), "b\n");
    assert!(stderr(&resumed).contains("1 inputs already done (--resume)"));
    let forced = rinse()
        .arg("clean")
        .arg(&dir)
        .arg("--out")
        .arg(&out)
        .arg("--force")
        .output()
        .unwrap();
    assert!(forced.status.success());
    assert_eq!(std::fs::read_to_string(out.join("a.txt")).unwrap(), "a\n");
}

#[test]
fn no_path_reads_standard_input_and_rinse_toml_is_found() {
    let dir = scratch("toml_found");
    std::fs::write(
        dir.join("rinse.toml"),
        "[steps]\ntrailing-whitespace = false\n",
    )
    .unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_rinse"))
        .arg("clean")
        .current_dir(&dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"kept  \n").unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    assert_eq!(
        stdout(&output),
        "kept  \n",
        "rinse.toml in the current directory applies"
    );
}

#[test]
fn diff_shows_each_removed_line_with_its_rule_and_writes_nothing() {
    let output = run(&[
        "clean",
        "--diff",
        "corpus/web/004_ac573e2a3b29c701.txt",
        "corpus/web/000_8e67905d711366b3.txt",
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let diff = stdout(&output);
    assert!(
        diff.starts_with("--- corpus/web/004_ac573e2a3b29c701.txt\n+++ "),
        "{diff}"
    );
    assert!(
        diff.contains("-HelpHelp  ← boilerplate: menu residue"),
        "{diff}"
    );
    assert!(diff.contains("-Details  ← boilerplate"), "{diff}");
    assert!(
        !diff.contains("+date") && diff.contains("+On Friday, Russia said"),
        "{diff}"
    );
    assert!(!diff.contains('\u{1b}'), "no colour when not a terminal");
}

#[test]
fn quiet_keeps_errors_only_and_verbose_adds_a_line_per_file() {
    let dir = scratch("quiet");
    std::fs::write(dir.join("a.txt"), "text  \n").unwrap();
    std::fs::write(dir.join("b.bin"), b"\0\0binary").unwrap();
    let quiet = rinse()
        .args(["clean", "--quiet"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(quiet.status.success());
    assert_eq!(stderr(&quiet), "", "no note about the binary file");
    let verbose = rinse()
        .args(["clean", "--verbose"])
        .arg(&dir)
        .output()
        .unwrap();
    let err = stderr(&verbose);
    assert!(err.contains("b.bin: skipped, looks binary"), "{err}");
    assert!(err.contains("a.txt: UTF-8 (2 changes)"), "{err}");
}

#[test]
fn inspect_names_the_language() {
    let output = run(&[
        "inspect",
        "--json",
        "corpus/damaged/000_arabic.windows-1256.txt",
        "corpus/synthetic/ru_news_metro.txt",
    ]);
    let lines: Vec<serde_json::Value> = stdout(&output)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[0]["language"], "Arabic");
    assert_eq!(lines[1]["language"], "Russian");
    assert!(
        stdout(&run(&["inspect", "corpus/web/001_38025df435438118.txt"]))
            .contains("language: English")
    );
}

/// Runs every `rinse …` line of the README's "Using it" block as written,
/// from the repository root, with the built binary first on PATH.
#[test]
fn readme_usage_examples_run_as_written() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let start = readme.find("## Using it").expect("a Using it section");
    let block = &readme[start..];
    let block = &block[block.find("```sh").unwrap() + 5..];
    let block = &block[..block.find("```").unwrap()];
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_rinse")).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut ran = 0;
    for line in block.lines().filter(|l| l.starts_with("rinse ")) {
        let command = line.split("  #").next().unwrap().trim();
        let output = Command::new("sh")
            .arg("-c")
            .arg(command)
            .current_dir(root)
            .env("PATH", &path)
            .stdin(Stdio::null())
            .output()
            .unwrap();
        let allowed: &[i32] = if command.contains("--check") || command.contains("--diff") {
            &[0, 1]
        } else {
            &[0]
        };
        let code = output.status.code().unwrap_or(-1);
        assert!(
            allowed.contains(&code),
            "`{command}` exited {code}: {}",
            stderr(&output)
        );
        assert!(
            !stderr(&output).contains("panicked"),
            "`{command}` panicked"
        );
        ran += 1;
    }
    assert!(ran >= 15, "only {ran} examples found");
}

/// A large file printed with `--preset fix` is cleaned as a stream (in
/// blocks, memory flat): the text is the library's on the whole file, for
/// files that stream (UTF-8 with a byte-order mark, CRLF, mojibake, blank
/// lines across blocks, no final line break; French in windows-1252) and
/// for one that does not (a control byte: read whole), into standard output
/// and into `--output`.
#[test]
fn large_files_print_the_same_text_streamed_or_whole() {
    let dir = scratch("streamed");
    let repeat = |unit: &str, prefix: &str| {
        let mut text = String::from(prefix);
        while text.len() < 5 << 20 {
            text.push_str(unit);
        }
        text.push_str("last line without a break  ");
        text
    };
    let unit = "caf\u{c3}\u{a9}  cr\u{c3}\u{a8}me\r\n\r\n\r\n\u{a0}\nna\u{ef}ve \u{201c}quoted\u{201d}\n\n";
    let streams = repeat(unit, "\u{feff}");
    let read_whole = format!("{streams}\u{1}");
    let french = repeat(
        "Le c\u{153}ur d\u{e9}\u{e7}u mais l\u{2019}\u{e2}me plut\u{f4}t na\u{ef}ve,\r\n\r\n\nno\u{eb}l  o\u{f9} \u{ea}tre\u{a0}: cr\u{e8}me br\u{fb}l\u{e9}e\n",
        "",
    );
    let legacy = encoding_rs::WINDOWS_1252.encode(&french).0.into_owned();
    for (name, bytes) in [
        ("streams.txt", streams.as_bytes()),
        ("whole.txt", read_whole.as_bytes()),
        ("legacy.txt", &legacy[..]),
    ] {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        let path = path.to_str().unwrap();
        let expected = rinse::Cleaner::new(rinse::Config::preset_fix())
            .unwrap()
            .clean_bytes(bytes)
            .text;
        let printed = run(&["clean", "--preset", "fix", "--verbose", path]);
        assert!(printed.status.success(), "{}", stderr(&printed));
        assert!(stdout(&printed) == expected, "{name}: stdout differs");
        let streamed = stderr(&printed).contains("cleaned as a stream");
        assert_eq!(streamed, name != "whole.txt", "{}", stderr(&printed));
        // Decoded from another encoding, the text changed.
        assert!(
            stderr(&printed).contains("1 changed"),
            "{}",
            stderr(&printed)
        );
        let output = dir.join(format!("{name}.out"));
        let written = run(&[
            "clean",
            "--preset",
            "fix",
            "--quiet",
            path,
            "--output",
            output.to_str().unwrap(),
        ]);
        assert!(written.status.success(), "{}", stderr(&written));
        assert!(
            std::fs::read_to_string(&output).unwrap() == expected,
            "{name}: --output differs"
        );
    }
}

/// Printed into a regular file (`> file` or `--output`), a large file is
/// read once and checked as it is cleaned: when a later block shows it
/// reads otherwise (a byte that is not UTF-8 after 5 MiB of UTF-8, a
/// control byte), what was written of it is taken back and it is read
/// again as a pipe reads it, surveyed first: cleaned as a stream again
/// where it can be (the latin-1 byte: the lines beyond ASCII decide), else
/// whole (the control byte). The output is what a pipe gets (where the
/// file is read first and nothing is taken back), the document before it
/// stays, and so does what the file held before `>>`.
#[test]
fn a_large_file_that_needs_reading_whole_late_is_taken_back_from_a_file() {
    let dir = scratch("taken-back");
    let mut utf8 = String::new();
    while utf8.len() < 5 << 20 {
        utf8.push_str("caf\u{e9}  cr\u{e8}me \u{201c}quoted\u{201d}\r\n\n\n");
    }
    let first = dir.join("first.txt");
    std::fs::write(&first, &utf8).unwrap();
    let mut late = Vec::new();
    for (name, tail) in [
        ("latin1.txt", &b"caf\xe9\n"[..]),
        ("control.txt", b"bell\x07\n"),
    ] {
        let path = dir.join(name);
        std::fs::write(&path, [utf8.as_bytes(), tail].concat()).unwrap();
        late.push(path);
    }
    for path in &late {
        let args = [
            "clean",
            "--preset",
            "fix",
            "--verbose",
            first.to_str().unwrap(),
            path.to_str().unwrap(),
        ];
        let piped = run(&args);
        assert!(piped.status.success(), "{}", stderr(&piped));
        // Into a file by `>`, after what the file held (`>>`).
        let redirected = dir.join("redirected.out");
        std::fs::write(&redirected, "held before\n").unwrap();
        let file = std::fs::OpenOptions::new()
            .append(true)
            .open(&redirected)
            .unwrap();
        let into_file = rinse().args(args).stdout(file).output().unwrap();
        assert!(into_file.status.success(), "{}", stderr(&into_file));
        let taken_back = "began as a stream, then found to need reading again";
        assert!(
            stderr(&into_file).contains(taken_back),
            "{}",
            stderr(&into_file)
        );
        // Read again: as a stream where the survey allows it.
        let log = stderr(&into_file);
        let streamed_again = log.lines().any(|line| {
            line.contains("latin1.txt: UTF-8") && line.ends_with("cleaned as a stream)")
        });
        if path.ends_with("latin1.txt") {
            assert!(streamed_again, "{log}");
        } else {
            assert!(
                log.contains("control.txt: surveyed again, found to need cleaning whole"),
                "{log}"
            );
            // With standard error sent to the same file (`> both 2>&1`),
            // nothing taken back cuts the messages written after the mark.
            let both = dir.join("both.out");
            let file = std::fs::File::create(&both).unwrap();
            let errors = file.try_clone().unwrap();
            let ran = rinse()
                .args(args)
                .stdout(file)
                .stderr(errors)
                .output()
                .unwrap();
            assert!(ran.status.success());
            let written = String::from_utf8_lossy(&std::fs::read(&both).unwrap()).into_owned();
            for message in [taken_back, "surveyed again, found to need cleaning whole"] {
                assert!(written.contains(message), "{message}");
            }
        }
        assert!(!stderr(&piped).contains(taken_back), "{}", stderr(&piped));
        let written = std::fs::read(&redirected).unwrap();
        assert!(
            written == [&b"held before\n"[..], &piped.stdout].concat(),
            "{}: > file differs from the pipe",
            path.display()
        );
        // Into `--output`.
        let output = dir.join("output.out");
        let _ = std::fs::remove_file(&output);
        let mut with_output = args.to_vec();
        with_output.extend(["--output", output.to_str().unwrap()]);
        let written = run(&with_output);
        assert!(written.status.success(), "{}", stderr(&written));
        assert!(
            stderr(&written).contains(taken_back),
            "{}",
            stderr(&written)
        );
        assert!(
            std::fs::read(&output).unwrap() == piped.stdout,
            "{}: --output differs from the pipe",
            path.display()
        );
    }
}

/// Under `--out`, a large file is streamed into its output (memory flat)
/// when it can be, taken back and written whole when a later block needs
/// that, and read whole otherwise: each output is the library's text of
/// the whole file, and no temporary file is left behind.
#[test]
fn large_files_under_out_are_streamed_or_written_whole_alike() {
    let dir = scratch("tree-streamed");
    let input = dir.join("in");
    std::fs::create_dir_all(input.join("sub")).unwrap();
    let mut utf8 = String::new();
    while utf8.len() < 5 << 20 {
        utf8.push_str("caf\u{e9}  na\u{ef}ve \u{201c}quoted\u{201d}\r\n\n\n");
    }
    // `a-form-feed.txt` is left whole by its first block, then
    // `b-streams.txt` streams: the first one's output must stay.
    let files: [(&str, Vec<u8>); 5] = [
        ("a-form-feed.txt", format!("page\x0c{utf8}").into_bytes()),
        ("b-streams.txt", utf8.clone().into_bytes()),
        ("sub/late.txt", [utf8.as_bytes(), b"caf\xe9\n"].concat()),
        ("sub/control.txt", [utf8.as_bytes(), b"\x01\n"].concat()),
        ("small.txt", b"small  file\n".to_vec()),
    ];
    for (name, bytes) in &files {
        std::fs::write(input.join(name), bytes).unwrap();
    }
    let out = dir.join("out");
    let ran = run(&[
        "clean",
        "--preset",
        "fix",
        "--verbose",
        input.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(ran.status.success(), "{}", stderr(&ran));
    let log = stderr(&ran);
    assert!(
        log.contains("b-streams.txt: UTF-8") && log.contains("cleaned as a stream"),
        "{log}"
    );
    assert!(log.contains("late.txt: began as a stream"), "{log}");
    let fix = rinse::Cleaner::new(rinse::Config::preset_fix()).unwrap();
    for (name, bytes) in &files {
        let written =
            std::fs::read(out.join(name)).unwrap_or_else(|err| panic!("{name}: {err}\n{log}"));
        assert!(
            written == fix.clean_bytes(bytes).text.as_bytes(),
            "{name} differs"
        );
    }
    let mut left = Vec::new();
    for folder in [out.clone(), out.join("sub")] {
        for entry in std::fs::read_dir(folder).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            if name.ends_with(".tmp") {
                left.push(name);
            }
        }
    }
    assert!(left.is_empty(), "temporary files left: {left:?}");
}

/// With `--in-place`, a large file is streamed into a temporary file beside
/// it, which replaces it only when the text changed: a file already clean
/// is left as it was (the same file, not rewritten), one whose later block
/// needs the whole is taken back and replaced whole, and each ends as the
/// library cleans it whole.
#[test]
fn large_files_in_place_are_streamed_and_replaced_only_when_changed() {
    let dir = scratch("in-place-streamed");
    let mut utf8 = String::new();
    while utf8.len() < 5 << 20 {
        utf8.push_str("caf\u{e9}  na\u{ef}ve \u{201c}quoted\u{201d}\r\n\n\n");
    }
    let fix = rinse::Cleaner::new(rinse::Config::preset_fix()).unwrap();
    let clean = fix.clean_str(&utf8).text;
    let files: [(&str, Vec<u8>); 3] = [
        ("changes.txt", utf8.clone().into_bytes()),
        ("clean.txt", clean.clone().into_bytes()),
        ("late.txt", [utf8.as_bytes(), b"caf\xe9\n"].concat()),
    ];
    let mut paths = Vec::new();
    for (name, bytes) in &files {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        paths.push(path);
    }
    #[cfg(unix)]
    let inode =
        |path: &Path| std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(path).unwrap());
    #[cfg(unix)]
    let clean_inode = inode(&paths[1]);
    // A clean file with a second name: refused only if it changed.
    #[cfg(unix)]
    std::fs::hard_link(&paths[1], dir.join("clean-link.txt")).unwrap();
    let mut args = vec!["clean", "--preset", "fix", "--verbose", "--in-place"];
    args.extend(paths.iter().map(|p| p.to_str().unwrap()));
    let ran = run(&args);
    assert!(ran.status.success(), "{}", stderr(&ran));
    let log = stderr(&ran);
    assert!(
        log.contains("changes.txt: UTF-8") && log.contains("cleaned as a stream"),
        "{log}"
    );
    assert!(log.contains("late.txt: began as a stream"), "{log}");
    for ((name, bytes), path) in files.iter().zip(&paths) {
        let now = std::fs::read(path).unwrap();
        assert!(
            now == fix.clean_bytes(bytes).text.as_bytes(),
            "{name} differs"
        );
    }
    #[cfg(unix)]
    assert_eq!(
        inode(&paths[1]),
        clean_inode,
        "a clean file is not replaced"
    );
    let left: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "temporary files left: {left:?}");
}

/// The files under `dir`, recursively (none for a folder that is not
/// there yet).
#[cfg(unix)]
fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut folders = vec![dir.to_owned()];
    while let Some(folder) = folders.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            if entry.file_type().is_ok_and(|kind| kind.is_dir()) {
                folders.push(entry.path());
            } else {
                found.push(entry.path());
            }
        }
    }
    found
}

/// Whether `path` names a temporary file of rinse (`.NAME.rinse-PID.tmp`).
#[cfg(unix)]
fn is_temporary(path: &Path) -> bool {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    name.starts_with('.') && name.contains(".rinse-") && name.ends_with(".tmp")
}

/// The temporary files of rinse under `dir` (recursively).
#[cfg(unix)]
fn temporary_files(dir: &Path) -> Vec<String> {
    files_in(dir)
        .into_iter()
        .filter(|path| is_temporary(path))
        .map(|path| path.display().to_string())
        .collect()
}

/// Waits until `ready` holds, at most 60 seconds.
#[cfg(unix)]
fn wait_for(what: &str, ready: impl Fn() -> bool) {
    let started = std::time::Instant::now();
    while !ready() {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(60),
            "{what}: not after a minute"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}

/// `rinse` with Ctrl-C, SIGTERM and SIGHUP at their default action, or
/// ignored (as `nohup` and a script's background job leave them), whatever
/// the test runner's are (a job started in the background of a shell runs
/// with SIGINT ignored, which its children inherit).
#[cfg(unix)]
fn rinse_with_signals(ignored: bool) -> Command {
    use std::os::unix::process::CommandExt;
    let mut command = Command::new(env!("CARGO_BIN_EXE_rinse"));
    let action = if ignored {
        libc::SIG_IGN
    } else {
        libc::SIG_DFL
    };
    // SAFETY: `signal` is async-signal-safe and touches no memory of the
    // parent's.
    unsafe {
        command.pre_exec(move || {
            for signal in [libc::SIGINT, libc::SIGTERM, libc::SIGHUP] {
                libc::signal(signal, action);
            }
            Ok(())
        });
    }
    command
}

/// `rinse clean - --output OUTPUT` (signals ignored or not, as
/// [`rinse_with_signals`]) given `first` on standard input, which stays
/// open: rinse waits for the rest with its output's temporary file created.
#[cfg(unix)]
fn waiting_on_input(
    ignored: bool,
    output: &Path,
    first: &str,
) -> (std::process::Child, std::process::ChildStdin) {
    let mut child = rinse_with_signals(ignored)
        .args(["clean", "-", "--output"])
        .arg(output)
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    input.write_all(first.as_bytes()).unwrap();
    let dir = output.parent().unwrap();
    wait_for("the temporary file", || !temporary_files(dir).is_empty());
    (child, input)
}

/// Sends `signal` (a name `kill` knows) to the process `pid`.
#[cfg(unix)]
fn send(signal: &str, pid: u32) {
    let sent = Command::new("kill")
        .args([&format!("-{signal}"), &pid.to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
}

#[cfg(unix)]
#[test]
fn an_interrupted_run_removes_its_temporary_file_and_ends_by_the_signal() {
    use std::os::unix::process::ExitStatusExt;
    // Standard input held open: rinse waits for the rest of it, with its
    // output's temporary file created. Ctrl-C (SIGINT) and SIGTERM remove
    // it, and rinse ends by the signal itself, as a shell's loop expects.
    for (signal, number) in [("INT", 2), ("TERM", 15)] {
        let dir = scratch(&format!("interrupted-{signal}"));
        let output = dir.join("out.txt");
        let (mut child, input) = waiting_on_input(false, &output, "The first line.\n");
        send(signal, child.id());
        let status = ended(&mut child, 60);
        drop(input);
        assert_eq!(status.signal(), Some(number), "{signal}: {status:?}");
        assert_eq!(temporary_files(&dir), Vec::<String>::new(), "{signal}");
        assert!(!output.exists(), "{signal}");
    }
}

#[cfg(unix)]
#[test]
fn a_signal_the_parent_ignores_stays_ignored() {
    // `nohup rinse …`: SIGHUP is ignored before rinse starts, and must not
    // end it (nor SIGINT, which a script's background job ignores).
    let dir = scratch("ignored-signal");
    let output = dir.join("out.txt");
    let (mut child, mut input) = waiting_on_input(true, &output, "The first line.\n");
    send("HUP", child.id());
    send("INT", child.id());
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert!(child.try_wait().unwrap().is_none(), "rinse ended");
    input.write_all(b"The second line.\n").unwrap();
    drop(input);
    let status = ended(&mut child, 60);
    assert!(status.success(), "{status:?}");
    assert_eq!(
        std::fs::read_to_string(&output).unwrap(),
        "The first line.\nThe second line.\n"
    );
    assert_eq!(temporary_files(&dir), Vec::<String>::new());
}

/// Waits for `child` to end, at most `seconds`: killed and failed after
/// that (a run that does not end is a failure, not a hung test).
#[cfg(unix)]
fn ended(child: &mut std::process::Child, seconds: u64) -> std::process::ExitStatus {
    let started = std::time::Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        if started.elapsed() > std::time::Duration::from_secs(seconds) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("rinse did not end within {seconds} s");
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}

/// A tree of `folders` × 200 files with the same text, which the default
/// clean changes; returns the text and what it becomes.
#[cfg(unix)]
fn tree_of_copies(root: &Path, folders: usize) -> (String, String) {
    let text = "A  sentence of an article  that goes on for a while.\n".repeat(60);
    let sample = root.with_extension("sample.txt");
    std::fs::write(&sample, &text).unwrap();
    let cleaned = stdout(&run(&["clean", sample.to_str().unwrap()]));
    assert_ne!(cleaned, text);
    for folder in 0..folders {
        let folder = root.join(format!("f{folder:02}"));
        std::fs::create_dir_all(&folder).unwrap();
        for file in 0..200 {
            std::fs::write(folder.join(format!("{file:03}.txt")), &text).unwrap();
        }
    }
    (text, cleaned)
}

/// The files under `dir` that are no temporary files of rinse, with their
/// contents.
#[cfg(unix)]
fn files_under(dir: &Path) -> Vec<(PathBuf, String)> {
    files_in(dir)
        .into_iter()
        .filter(|path| !is_temporary(path))
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            (path, text)
        })
        .collect()
}

#[cfg(unix)]
#[test]
fn a_tree_interrupted_under_out_leaves_no_temporary_file_and_resumes() {
    use std::os::unix::process::ExitStatusExt;
    // Worker threads create temporary files all the time, and outputs are
    // renamed in batches of up to 2,048: 6,000 files, interrupted once the
    // first batch is in place. None is left, and none is created after;
    // the outputs in place are complete, and `--resume` writes the rest.
    let dir = scratch("interrupted-tree");
    let (inputs, out) = (dir.join("in"), dir.join("out"));
    let (_, cleaned) = tree_of_copies(&inputs, 30);
    let mut child = rinse_with_signals(false)
        .args(["clean", "--threads", "2", "--out"])
        .arg(&out)
        .arg(&inputs)
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    wait_for("the first outputs", || !files_under(&out).is_empty());
    send("TERM", child.id());
    let status = ended(&mut child, 60);
    assert_eq!(status.signal(), Some(15), "the run ended first: {status:?}");
    assert_eq!(temporary_files(&out), Vec::<String>::new());
    let written = files_under(&out);
    assert!(written.len() < 6000, "{}", written.len());
    for (path, text) in &written {
        assert_eq!(text, &cleaned, "{}", path.display());
    }
    let resumed = run(&[
        "clean",
        "--resume",
        "--out",
        out.to_str().unwrap(),
        inputs.to_str().unwrap(),
    ]);
    assert!(resumed.status.success(), "{}", stderr(&resumed));
    let written = files_under(&out);
    assert_eq!(written.len(), 6000);
    assert!(written.iter().all(|(_, text)| text == &cleaned));
    assert_eq!(temporary_files(&out), Vec::<String>::new());
}

#[cfg(unix)]
#[test]
fn a_tree_interrupted_in_place_keeps_each_file_old_or_new() {
    use std::os::unix::process::ExitStatusExt;
    // `--in-place` over 6,000 files, interrupted once the first are
    // replaced: each input holds its old bytes or its new ones, and no
    // temporary file is left beside them.
    let dir = scratch("interrupted-in-place");
    let inputs = dir.join("in");
    let (text, cleaned) = tree_of_copies(&inputs, 30);
    let mut child = rinse_with_signals(false)
        .args(["clean", "--threads", "2", "--in-place"])
        .arg(&inputs)
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let first = inputs.join("f00");
    wait_for("the first replaced inputs", || {
        files_under(&first).iter().any(|(_, t)| t == &cleaned)
    });
    send("TERM", child.id());
    let status = ended(&mut child, 60);
    assert_eq!(status.signal(), Some(15), "the run ended first: {status:?}");
    assert_eq!(temporary_files(&inputs), Vec::<String>::new());
    let files = files_under(&inputs);
    assert_eq!(files.len(), 6000);
    let replaced = files.iter().filter(|(_, t)| t == &cleaned).count();
    assert!(replaced < 6000, "every file was replaced before the signal");
    for (path, content) in &files {
        assert!(
            content == &text || content == &cleaned,
            "{}",
            path.display()
        );
    }
}
