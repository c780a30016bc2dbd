//! The invariants rinse promises, checked on one input: the fuzz targets
//! run these on every input they generate, and `cargo test`
//! (`tests/hostile.rs`) replays the regression corpus `fuzz/regressions/`
//! and the hostile corpus `tests/data/hostile/` through the same code.
//!
//! Promises checked:
//!
//! - no panic (a panic here is a crash to the fuzzer and a failed test);
//! - valid UTF-8 everywhere: the text, the metadata, every excerpt and
//!   reason of the report, the report's JSON;
//! - idempotence: cleaning the output again gives the same text and a
//!   report with no change;
//! - determinism: the same input cleaned twice gives the same result;
//! - a report that adds up: changes sorted by step and line, the per-step
//!   summary equal to the changes, excerpts of bounded length.
//!
//! Each check returns `Err(description)` instead of panicking, so the
//! replay test can list every failure at once; [`run`] panics with the
//! description, which is what a fuzz target wants.
//!
//! This file is shared by the fuzz crate (`fuzz/src/lib.rs`) and the main
//! crate's tests (`#[path]` in `tests/hostile.rs`): it needs only `rinse`
//! (feature `jsonl`) and `serde_json`.

use std::sync::OnceLock;

use rinse::{Cleaned, Cleaner, Config, Encoding, Step};
use serde_json::{Map, Value};

/// What a failed check says.
pub type Outcome = Result<(), String>;

/// The fuzz targets, by name: each has a folder `fuzz/regressions/<name>/`
/// and a file `fuzz/fuzz_targets/<name>.rs`.
pub const TARGETS: &[&str] = &[
    "clean_default",
    "clean_all_steps",
    "load_bytes",
    "jsonl_record",
    "config_toml",
];

/// Runs the checks of `target` on `data` and panics with the failure.
pub fn run(target: &str, data: &[u8]) {
    if let Err(failure) = check(target, data) {
        panic!("{target}: {failure}");
    }
}

/// Runs the checks of the fuzz target `target` on `data`.
pub fn check(target: &str, data: &[u8]) -> Outcome {
    match target {
        "clean_default" => check_clean(default_cleaner(), data),
        "clean_all_steps" => check_clean(all_steps_cleaner(), data),
        "load_bytes" => check_load(data),
        "jsonl_record" => check_jsonl(data),
        "config_toml" => check_config(data),
        other => Err(format!("no fuzz target `{other}`")),
    }
}

/// The cleaner of `Config::default()`.
pub fn default_cleaner() -> &'static Cleaner {
    static CLEANER: OnceLock<Cleaner> = OnceLock::new();
    CLEANER.get_or_init(Cleaner::default)
}

/// Every step on, the optional ones (`case-fold`, `arabic-diacritics`,
/// `arabic-digits`, `ascii-punctuation`) included.
pub fn all_steps_config() -> Config {
    Step::ALL
        .iter()
        .fold(Config::default(), |config, &step| config.enable(step))
}

/// The cleaner of [`all_steps_config`].
pub fn all_steps_cleaner() -> &'static Cleaner {
    static CLEANER: OnceLock<Cleaner> = OnceLock::new();
    CLEANER.get_or_init(|| Cleaner::new(all_steps_config()).expect("every step on is valid"))
}

/// Cleans `bytes` and checks every promise: a well-formed result,
/// determinism, idempotence; and the same bytes cleaned as a record's field.
pub fn check_clean(cleaner: &Cleaner, bytes: &[u8]) -> Outcome {
    let first = cleaner.clean_bytes(bytes);
    check_cleaned(cleaner, &first)?;
    if cleaner.clean_bytes(bytes) != first {
        return Err(format!(
            "not deterministic: a second clean_bytes of the same input differs (input {})",
            show(bytes)
        ));
    }
    check_idempotent(cleaner, &first, bytes)?;
    check_field(cleaner, &first, bytes)
}

/// A record's field is cleaned as the document is, except that no line
/// break is added at its end; and a second run leaves it as it is.
pub fn check_field(cleaner: &Cleaner, document: &Cleaned, input: &[u8]) -> Outcome {
    let cleaned = cleaner.clean_field_bytes(input);
    if cleaned
        .report
        .changes_by(Step::FinalNewline)
        .any(|c| c.action == rinse::Action::Inserted)
    {
        return Err(format!(
            "a line break was added to a field: input {}",
            show(input)
        ));
    }
    let field = cleaned.text;
    let added = document.text.strip_prefix(field.as_str());
    let same = match added {
        Some("") => true,
        Some("\n" | "\r\n" | "\r") => !field.ends_with(['\n', '\r']),
        _ => false,
    };
    if !same {
        return Err(format!(
            "a field is not cleaned as its document is but for the final line break: input {} cleans to {} as a document and {} as a field",
            show(input),
            show(document.text.as_bytes()),
            show(field.as_bytes())
        ));
    }
    let again = cleaner.clean_field(&field).text;
    if again != field {
        return Err(format!(
            "not idempotent as a field: input {} cleans to {} which cleans to {}",
            show(input),
            show(field.as_bytes()),
            show(again.as_bytes())
        ));
    }
    Ok(())
}

/// `clean(clean(x)) == clean(x)`, and the second run reports nothing.
/// Meaningful only for a cleaner that detects the encoding (or forces
/// UTF-8): the output is UTF-8.
pub fn check_idempotent(cleaner: &Cleaner, first: &Cleaned, input: &[u8]) -> Outcome {
    let second = cleaner.clean_str(&first.text);
    if second.text != first.text {
        return Err(format!(
            "not idempotent: input {} cleans to {} which cleans to {}",
            show(input),
            show(first.text.as_bytes()),
            show(second.text.as_bytes())
        ));
    }
    if !second.report.changes.is_empty() || !second.metadata.is_empty() {
        let changes: Vec<String> = second
            .report
            .changes
            .iter()
            .take(5)
            .map(ToString::to_string)
            .collect();
        return Err(format!(
            "not idempotent: input {} cleans to {}, whose second clean reports changes {changes:?} and metadata {:?}",
            show(input),
            show(first.text.as_bytes()),
            second.metadata
        ));
    }
    Ok(())
}

/// The most bytes one excerpt of a change may take: 80 characters (and the
/// `…`), each escaped as at most `\u{10FFFF}` (10 bytes), or the hex of a
/// malformed sequence.
const MAX_EXCERPT_BYTES: usize = 81 * 10;

/// A result is valid UTF-8 throughout, its report adds up, and its JSON
/// form reads back as the same result.
pub fn check_cleaned(cleaner: &Cleaner, cleaned: &Cleaned) -> Outcome {
    utf8("text", &cleaned.text)?;
    for (key, value) in &cleaned.metadata {
        utf8("a metadata key", key)?;
        utf8("a metadata value", value)?;
    }
    let config = cleaner.config();
    if config.is_enabled(Step::FinalNewline)
        && config.is_enabled(Step::LineEndings)
        && config.is_enabled(Step::BlankLines)
        && !cleaned.text.is_empty()
        && (!cleaned.text.ends_with('\n') || cleaned.text.ends_with("\n\n"))
    {
        return Err(format!(
            "the text does not end in exactly one line break: {}",
            show(cleaned.text.as_bytes())
        ));
    }
    let report = &cleaned.report;
    utf8("the encoding name", &report.encoding.name)?;
    let mut previous: Option<(Step, usize)> = None;
    for change in &report.changes {
        for (what, text) in [
            ("an excerpt before", &change.before),
            ("an excerpt after", &change.after),
            ("a reason", &change.reason),
        ] {
            utf8(what, text)?;
        }
        if change.before.len() > MAX_EXCERPT_BYTES || change.after.len() > MAX_EXCERPT_BYTES {
            return Err(format!(
                "an excerpt of {} / {} bytes (at most {MAX_EXCERPT_BYTES}): {change}",
                change.before.len(),
                change.after.len()
            ));
        }
        if change.count == 0 || change.line == 0 {
            return Err(format!("a change of count 0 or on line 0: {change}"));
        }
        if !config.is_enabled(change.step) {
            return Err(format!("a change by a step that is off: {change}"));
        }
        let key = (change.step, change.line);
        if previous.is_some_and(|previous| previous > key) {
            return Err(format!(
                "changes not in step and line order: {change} after {previous:?}"
            ));
        }
        previous = Some(key);
        utf8("a change shown", &change.to_string())?;
    }
    let mut steps = Vec::new();
    for change in &report.changes {
        match steps.last_mut() {
            Some((step, changes, occurrences)) if *step == change.step => {
                *changes += 1;
                *occurrences += change.count;
            }
            _ => steps.push((change.step, 1, change.count)),
        }
    }
    let summary: Vec<(Step, usize, usize)> = report
        .steps
        .iter()
        .map(|s| (s.step, s.changes, s.occurrences))
        .collect();
    if summary != steps {
        return Err(format!(
            "the per-step summary {summary:?} does not add up the changes {steps:?}"
        ));
    }
    let json = serde_json::to_string(cleaned).map_err(|err| format!("no JSON: {err}"))?;
    let back: Cleaned =
        serde_json::from_str(&json).map_err(|err| format!("JSON does not read back: {err}"))?;
    if &back != cleaned {
        return Err("the JSON form reads back as another result".to_owned());
    }
    Ok(())
}

fn utf8(what: &str, text: &str) -> Outcome {
    std::str::from_utf8(text.as_bytes())
        .map(drop)
        .map_err(|err| format!("{what} is not valid UTF-8: {err}"))
}

/// The encodings a forced decoding can name: every WHATWG encoding but
/// *replacement*, and UTF-32.
pub const ENCODINGS: &[&str] = &[
    "UTF-8",
    "IBM866",
    "ISO-8859-2",
    "ISO-8859-3",
    "ISO-8859-4",
    "ISO-8859-5",
    "ISO-8859-6",
    "ISO-8859-7",
    "ISO-8859-8",
    "ISO-8859-8-I",
    "ISO-8859-10",
    "ISO-8859-13",
    "ISO-8859-14",
    "ISO-8859-15",
    "ISO-8859-16",
    "KOI8-R",
    "KOI8-U",
    "macintosh",
    "windows-874",
    "windows-1250",
    "windows-1251",
    "windows-1252",
    "windows-1253",
    "windows-1254",
    "windows-1255",
    "windows-1256",
    "windows-1257",
    "windows-1258",
    "x-mac-cyrillic",
    "GBK",
    "gb18030",
    "Big5",
    "EUC-JP",
    "ISO-2022-JP",
    "Shift_JIS",
    "EUC-KR",
    "UTF-16BE",
    "UTF-16LE",
    "x-user-defined",
    "UTF-32LE",
    "UTF-32BE",
];

/// Loads `data` with detection, and with a forced encoding chosen by its
/// first byte (the rest is the document); checks that loading is
/// deterministic and its account of malformed bytes points at real
/// positions; then cleans the document with that forced encoding.
pub fn check_load(data: &[u8]) -> Outcome {
    check_loaded(data, None)?;
    let Some((&selector, document)) = data.split_first() else {
        return Ok(());
    };
    let label = ENCODINGS[usize::from(selector) % ENCODINGS.len()];
    let encoding = Encoding::for_label(label).ok_or_else(|| format!("no encoding {label}"))?;
    check_loaded(document, Some(encoding))?;
    let cleaner = forced_cleaner(usize::from(selector) % ENCODINGS.len(), encoding);
    let first = cleaner.clean_bytes(document);
    check_cleaned(cleaner, &first)?;
    if cleaner.clean_bytes(document) != first {
        return Err(format!(
            "not deterministic under --encoding {label}: input {}",
            show(document)
        ));
    }
    // Forced UTF-8 output is UTF-8: cleaning it again must change nothing.
    if encoding == Encoding::UTF_8 {
        check_idempotent(cleaner, &first, document)?;
    }
    Ok(())
}

/// One cleaner per forced encoding, built once.
fn forced_cleaner(index: usize, encoding: Encoding) -> &'static Cleaner {
    static CLEANERS: OnceLock<Vec<Cleaner>> = OnceLock::new();
    let cleaners = CLEANERS.get_or_init(|| {
        ENCODINGS
            .iter()
            .map(|label| {
                let encoding = Encoding::for_label(label).expect("a known label");
                Cleaner::new(Config::default().force_encoding(encoding))
                    .expect("a forced encoding is a valid config")
            })
            .collect()
    });
    let cleaner = &cleaners[index];
    debug_assert_eq!(cleaner.config().forced_encoding(), Some(encoding));
    cleaner
}

fn check_loaded(bytes: &[u8], forced: Option<Encoding>) -> Outcome {
    let loaded = rinse::load::load_bytes(bytes, forced);
    let again = rinse::load::load_bytes(bytes, forced);
    let facts = |l: &rinse::load::Loaded<'_>| {
        (
            l.text.to_string(),
            l.encoding,
            l.decided_by,
            l.bom,
            l.repeated_boms,
            l.malformed.clone(),
            l.malformed_count,
        )
    };
    if facts(&loaded) != facts(&again) {
        return Err(format!(
            "load_bytes is not deterministic (forced {forced:?}): input {}",
            show(bytes)
        ));
    }
    utf8("the loaded text", &loaded.text)?;
    if let Some(forced) = forced {
        if loaded.encoding != forced {
            return Err(format!(
                "forced {forced} but decoded as {}: input {}",
                loaded.encoding,
                show(bytes)
            ));
        }
    }
    if loaded.malformed.len() > rinse::load::MAX_MALFORMED_LISTED
        || loaded.malformed.len() > loaded.malformed_count
    {
        return Err(format!(
            "{} malformed sequences listed of {} counted",
            loaded.malformed.len(),
            loaded.malformed_count
        ));
    }
    // Offsets into the text count from before the repeated byte-order
    // marks were taken off its start.
    let dropped = loaded.repeated_boms * '\u{feff}'.len_utf8();
    let mut previous_end = 0;
    for m in &loaded.malformed {
        let in_input =
            m.len > 0 && m.input_offset >= previous_end && m.input_offset + m.len <= bytes.len();
        let at_replacement = m
            .text_offset
            .checked_sub(dropped)
            .and_then(|at| loaded.text.get(at..))
            .is_some_and(|rest| rest.starts_with('\u{fffd}'));
        if !in_input || !at_replacement {
            return Err(format!(
                "malformed sequence {m:?} does not point at its bytes and its U+FFFD (forced {forced:?}, {} input bytes, {} text bytes): input {}",
                bytes.len(),
                loaded.text.len(),
                show(bytes)
            ));
        }
        previous_end = m.input_offset + m.len;
    }
    Ok(())
}

/// The JSON Lines record path. The first byte chooses the form: even, the
/// rest is one line of JSON as read from a file; odd, the rest (read as
/// UTF-8, lossily) is the text field of a record built around it (with a
/// `metadata` object when the byte is 1 mod 4, else with `metadata` not an
/// object when it is 3 mod 4), so that most inputs reach the cleaning.
pub fn check_jsonl(data: &[u8]) -> Outcome {
    let Some((&selector, rest)) = data.split_first() else {
        return check_record(b"");
    };
    if selector % 2 == 0 {
        return check_record(rest);
    }
    let mut record = Map::new();
    record.insert("id".to_owned(), Value::from(u64::from(selector)));
    let text = String::from_utf8_lossy(rest).into_owned();
    record.insert("text".to_owned(), Value::String(text));
    let metadata = if selector % 4 == 1 {
        Value::Object(Map::from_iter([("source".to_owned(), Value::from("fuzz"))]))
    } else {
        Value::from("not an object")
    };
    record.insert("metadata".to_owned(), metadata);
    let line = serde_json::to_string(&record).map_err(|err| err.to_string())?;
    check_record(line.as_bytes())
}

/// Cleans one JSON Lines record: deterministic; an output that is one line
/// of JSON whose text field is what `clean_field` gives; and a second pass
/// that changes nothing but the summary, which then says nothing changed.
pub fn check_record(line: &[u8]) -> Outcome {
    let cleaner = default_cleaner();
    let first = rinse::jsonl::clean_record(line, "text", cleaner);
    if rinse::jsonl::clean_record(line, "text", cleaner) != first {
        return Err(format!("clean_record is not deterministic: {}", show(line)));
    }
    let out = match first {
        Ok(out) => out,
        Err(err) => return utf8("a record error", &err.to_string()),
    };
    if out.contains(['\n', '\r']) {
        return Err(format!(
            "a cleaned record is not one line: {}",
            show(out.as_bytes())
        ));
    }
    let input: Map<String, Value> =
        serde_json::from_slice(line).map_err(|err| format!("accepted but not JSON: {err}"))?;
    let output: Map<String, Value> = serde_json::from_str(&out)
        .map_err(|err| format!("the cleaned record is not JSON: {err}: {out}"))?;
    let Some(Value::String(text)) = input.get("text") else {
        return Err(format!("accepted without a text string: {}", show(line)));
    };
    let expected = cleaner.clean_field(text).text;
    if output.get("text") != Some(&Value::String(expected.clone())) {
        return Err(format!(
            "the record's text is not clean_field of its text: {}",
            show(line)
        ));
    }
    let again = rinse::jsonl::clean_record(out.as_bytes(), "text", cleaner)
        .map_err(|err| format!("the cleaned record is refused: {err}: {out}"))?;
    let again: Map<String, Value> = serde_json::from_str(&again).map_err(|err| err.to_string())?;
    let (output, first_summary) = without_summary(output);
    let (again, summary) = without_summary(again);
    if first_summary.is_none() {
        return Err(format!("no summary in the cleaned record: {out}"));
    }
    if again != output {
        return Err(format!(
            "not idempotent: a second pass changes the record {out}"
        ));
    }
    let unchanged = serde_json::json!({"changed": false, "steps": {}, "metadata": {}});
    if summary.as_ref() != Some(&unchanged) {
        return Err(format!(
            "not idempotent: the second pass over {out} reports {summary:?}"
        ));
    }
    Ok(())
}

/// The record without its `rinse` summary, and the summary.
fn without_summary(mut record: Map<String, Value>) -> (Map<String, Value>, Option<Value>) {
    let summary = match record.get_mut("metadata") {
        Some(Value::Object(metadata)) => metadata.remove("rinse"),
        _ => record.remove("rinse"),
    };
    (record, summary)
}

/// Documents cleaned with every configuration the config target accepts.
const SAMPLES: &[&str] = &[
    "date 2024-03-23 A first line of the article, long enough to be a paragraph of text.\n1 comment\n",
    "caf\u{c3}\u{a9} &amp;amp; \u{200b}\u{fb01}  \r\nÙ…Ø±Ø\u{ad}Ø¨Ø§ ï¼¡\u{a0}x\r\rRead also: more\n",
    "Привет, мир. Это статья о чём-то важном, и она достаточно длинная.\nПодписывайтесь на нас\n",
];

/// Parses `data` as a TOML configuration; when it is valid, builds a
/// cleaner, and cleans sample documents and the TOML text itself with it
/// (deterministic, well-formed, and idempotent unless an encoding is
/// forced).
pub fn check_config(data: &[u8]) -> Outcome {
    let Ok(toml) = std::str::from_utf8(data) else {
        return Ok(());
    };
    let config = match Config::from_toml_str(toml) {
        Ok(config) => config,
        Err(err) => return utf8("a config error", &err.to_string()),
    };
    let again =
        Config::from_toml_str(toml).map_err(|err| format!("parsed once, not twice: {err}"))?;
    if again != config {
        return Err("Config::from_toml_str is not deterministic".to_owned());
    }
    let cleaner = match Cleaner::new(config) {
        Ok(cleaner) => cleaner,
        Err(err) => return utf8("a cleaner error", &err.to_string()),
    };
    for document in SAMPLES.iter().copied().chain([toml]) {
        let first = cleaner.clean_str(document);
        check_cleaned(&cleaner, &first)?;
        if cleaner.clean_str(document) != first {
            return Err(format!(
                "not deterministic with config {toml:?}: {}",
                show(document.as_bytes())
            ));
        }
        let forced = cleaner.config().forced_encoding();
        if forced.is_none() || forced == Some(Encoding::UTF_8) {
            check_idempotent(&cleaner, &first, document.as_bytes())
                .map_err(|failure| format!("with config {toml:?}: {failure}"))?;
        }
    }
    Ok(())
}

/// Bytes written so that every one shows (UTF-8 as text, the rest as
/// `\xNN`), cut after 300 characters.
pub fn show(bytes: &[u8]) -> String {
    let mut out = String::new();
    for chunk in bytes.utf8_chunks() {
        out.extend(chunk.valid().escape_debug());
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02X}"));
        }
        if out.len() > 300 {
            let mut cut = 300;
            while !out.is_char_boundary(cut) {
                cut -= 1;
            }
            out.truncate(cut);
            out.push_str(&format!("… ({} bytes)", bytes.len()));
            break;
        }
    }
    format!("\"{out}\"")
}
