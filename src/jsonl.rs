//! JSON Lines records (`{"id": …, "text": …, "metadata": {…}}` a line): the
//! text field cleaned, every other field passed through in order, and a
//! [`RecordSummary`] added under `metadata.rinse`. The command line
//! (`rinse clean --jsonl`) and the Python package clean records with this
//! one function, so their output is the same byte for byte.
//!
//! A record keeps what it holds: numbers are written back exactly as they
//! were (`1e400`, a 30-digit integer), fields keep their order. What cannot
//! be kept faithfully is rejected with a reason rather than changed: a key
//! given twice in one object (JSON parsers disagree on which value wins),
//! a `\u` escape that is half a surrogate pair (not a character), and a
//! `metadata.rinse` that is not rinse's own summary (another tool's data
//! under the name rinse writes to). A summary from an earlier run of rinse
//! is replaced, so cleaning a cleaned corpus again is idempotent.
//!
//! The text may also sit in a nested object: [`clean_record_with`] takes a
//! [`FieldPath`] (`content.body`, or the JSON Pointer `/content/body`) and
//! can add [`RecordDetails`](crate::report::RecordDetails) to the summary.
//!
//! Needs the `jsonl` feature (on with `cli`).

use std::fmt;

use indexmap::IndexMap;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::value::RawValue;

use crate::report::RecordSummary;
use crate::{Cleaned, Cleaner};

/// Why a line is not a record that can be cleaned.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RecordError {
    /// The line is not a JSON object.
    #[error("not a JSON object: {0}")]
    NotAnObject(String),
    /// A string holds a `\u` escape that is half a surrogate pair: JSON
    /// allows it, but it is not a character.
    #[error("a \\u escape is half a surrogate pair, not a character ({0})")]
    LoneSurrogate(String),
    /// An object of the record has a key twice.
    #[error("duplicate key `{0}` (which value is meant is ambiguous)")]
    DuplicateKey(String),
    /// The record has no text field.
    #[error("no field `{field}` (fields: {seen})")]
    NoField {
        /// The field asked for.
        field: String,
        /// The record's own fields, comma-separated.
        seen: String,
    },
    /// The text field is not a string.
    #[error("field `{0}` is not a string")]
    NotAString(String),
    /// `metadata.rinse` holds something other than rinse's summary.
    #[error("metadata.rinse holds another tool's data; rinse writes its summary there")]
    ForeignRinseMetadata,
    /// The text is in a top-level `rinse` field and `metadata` is not an
    /// object: the summary would have to go where the text is.
    #[error(
        "the text field is `rinse` and `metadata` is not an object: the summary has nowhere to go"
    )]
    SummaryClash,
    /// A field on the way to a nested text field is not an object.
    #[error("field `{field}` is not an object (the text is at `{path}`)")]
    NotNested {
        /// The field that is not an object.
        field: String,
        /// The whole path asked for.
        path: String,
    },
}

impl RecordError {
    /// A short name of the kind of error, for counting rejects by reason:
    /// `not-json`, `lone-surrogate`, `duplicate-key`, `no-field`,
    /// `not-a-string`, `foreign-metadata`, `summary-clash`, `not-nested`.
    pub fn kind(&self) -> &'static str {
        match self {
            RecordError::NotAnObject(_) => "not-json",
            RecordError::LoneSurrogate(_) => "lone-surrogate",
            RecordError::DuplicateKey(_) => "duplicate-key",
            RecordError::NoField { .. } => "no-field",
            RecordError::NotAString(_) => "not-a-string",
            RecordError::ForeignRinseMetadata => "foreign-metadata",
            RecordError::SummaryClash => "summary-clash",
            RecordError::NotNested { .. } => "not-nested",
        }
    }
}

/// Where the text of a record is: a top-level field, or a path through
/// nested objects.
///
/// [`FieldPath::parse`] reads a JSON Pointer (RFC 6901: `/content/body`,
/// with `~1` for `/` and `~0` for `~` inside a key) when the spelling starts
/// with `/`, and otherwise a dotted path (`content.body`); a key that holds
/// a dot is named with a pointer (`/content.body`).
///
/// ```
/// use rinse::jsonl::FieldPath;
/// assert_eq!(FieldPath::parse("content.body").unwrap().segments(), ["content", "body"]);
/// assert_eq!(FieldPath::parse("/a.b/c~1d").unwrap().segments(), ["a.b", "c/d"]);
/// assert_eq!(FieldPath::parse("text").unwrap(), FieldPath::key("text"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FieldPath {
    segments: Vec<String>,
    spelled: String,
}

impl FieldPath {
    /// One top-level key, taken verbatim (dots and slashes included).
    pub fn key(name: &str) -> FieldPath {
        FieldPath {
            segments: vec![name.to_owned()],
            spelled: name.to_owned(),
        }
    }

    /// A JSON Pointer (starting with `/`) or a dotted path; an error for an
    /// empty path, an empty key or a bad `~` escape.
    pub fn parse(spelled: &str) -> Result<FieldPath, String> {
        let segments: Vec<String> = if let Some(pointer) = spelled.strip_prefix('/') {
            pointer
                .split('/')
                .map(|part| {
                    let mut out = String::with_capacity(part.len());
                    let mut chars = part.chars();
                    while let Some(c) = chars.next() {
                        match (c, c == '~') {
                            (_, false) => out.push(c),
                            (_, true) => match chars.next() {
                                Some('0') => out.push('~'),
                                Some('1') => out.push('/'),
                                _ => {
                                    return Err(format!(
                                        "`{spelled}`: `~` in a JSON Pointer must be `~0` or `~1`"
                                    ))
                                }
                            },
                        }
                    }
                    Ok(out)
                })
                .collect::<Result<_, _>>()?
        } else {
            spelled.split('.').map(str::to_owned).collect()
        };
        if segments.iter().any(String::is_empty) {
            return Err(format!(
                "`{spelled}`: an empty key (name the field as `text`, `content.body` or `/content/body`)"
            ));
        }
        Ok(FieldPath {
            segments,
            spelled: spelled.to_owned(),
        })
    }

    /// The keys from the top of the record down to the text.
    pub fn segments(&self) -> &[String] {
        &self.segments
    }
}

impl fmt::Display for FieldPath {
    /// The path as it was spelled.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.spelled)
    }
}

/// How much a record's summary says.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Detail {
    /// `changed`, `steps` and `metadata`: what [`clean_record`] writes.
    #[default]
    Summary,
    /// The summary and its [`RecordDetails`](crate::report::RecordDetails).
    Full,
}

/// What [`clean_record_with`] does with a record.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct RecordOptions {
    /// Where the text is.
    pub field: FieldPath,
    /// How much the summary under `metadata.rinse` says.
    pub detail: Detail,
}

impl RecordOptions {
    /// The text at `field`, with the plain summary.
    pub fn new(field: FieldPath) -> RecordOptions {
        RecordOptions {
            field,
            detail: Detail::Summary,
        }
    }

    /// The same options with the summary's detail set.
    pub fn detail(mut self, detail: Detail) -> RecordOptions {
        self.detail = detail;
        self
    }
}

/// One record cleaned by [`clean_record_with`]: the line to write and what
/// cleaning did to its text.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct CleanedRecord {
    /// The record as one line of JSON, without the line break.
    pub line: String,
    /// The text as it was in the record.
    pub input: String,
    /// The cleaned text, its report and metadata.
    pub cleaned: Cleaned,
}

/// The error of a line that is not JSON, in words: a lone surrogate escape
/// is named as such (serde_json calls it an unexpected end of hex escape).
fn not_json(err: &serde_json::Error) -> RecordError {
    let message = err.to_string();
    if message.contains("surrogate") || message.contains("hex escape") {
        return RecordError::LoneSurrogate(message);
    }
    RecordError::NotAnObject(message)
}

/// Walks a JSON value only to find an object with a key given twice.
struct DuplicateKeys;

impl<'de> Deserialize<'de> for DuplicateKeys {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(DuplicateKeys)
    }
}

impl<'de> Visitor<'de> for DuplicateKeys {
    type Value = DuplicateKeys;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self, E> {
        Ok(self)
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self, E> {
        Ok(self)
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self, E> {
        Ok(self)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self, E> {
        Ok(self)
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<Self, E> {
        Ok(self)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self, E> {
        Ok(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self, A::Error> {
        while seq.next_element::<DuplicateKeys>()?.is_some() {}
        Ok(self)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self, A::Error> {
        let mut keys: Vec<String> = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            if keys.contains(&key) {
                return Err(de::Error::custom(DUPLICATE.to_owned() + &key));
            }
            // (A number kept as written arrives as a one-key map; its value
            // is a string.)
            let _: DuplicateKeys = map.next_value()?;
            keys.push(key);
        }
        Ok(self)
    }
}

/// The start of the message [`DuplicateKeys`] fails with.
const DUPLICATE: &str = "rinse: duplicate key ";

/// The key `value` (a field's raw JSON) gives twice in one of its objects.
fn duplicate_inside(value: &RawValue) -> Option<String> {
    // Only objects and arrays hold keys: strings (the text, most of a
    // record's bytes) and numbers are not read again.
    if !value.get().starts_with(['{', '[']) {
        return None;
    }
    let message = serde_json::from_str::<DuplicateKeys>(value.get())
        .err()?
        .to_string();
    let rest = message.strip_prefix(DUPLICATE)?;
    let key = rest.rsplit_once(" at line ").map_or(rest, |(key, _)| key);
    Some(key.to_owned())
}

/// A record's fields as written, in order, read in one pass that also
/// finds the first key given twice, at the top or inside a field (in the
/// order of the line).
struct Fields {
    record: IndexMap<String, Box<RawValue>>,
    twice: Option<String>,
}

impl<'de> Deserialize<'de> for Fields {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(FieldsVisitor)
    }
}

struct FieldsVisitor;

impl<'de> Visitor<'de> for FieldsVisitor {
    type Value = Fields;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // (The words IndexMap's own visitor used, kept for the messages.)
        f.write_str("a map")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Fields, A::Error> {
        let mut record = IndexMap::with_capacity(map.size_hint().unwrap_or(8));
        let mut twice = None;
        while let Some(key) = map.next_key::<String>()? {
            let value: Box<RawValue> = map.next_value()?;
            if twice.is_none() {
                if record.contains_key(&key) {
                    twice = Some(key);
                    continue;
                }
                twice = duplicate_inside(&value);
            }
            record.insert(key, value);
        }
        Ok(Fields { record, twice })
    }
}

/// Whether `value` is the summary an earlier run of rinse wrote.
fn is_rinse_summary(value: &serde_json::Value) -> bool {
    value.as_object().is_some_and(|object| {
        object
            .keys()
            .all(|key| RecordSummary::KEYS.contains(&key.as_str()))
    })
}

/// Cleans the `field` of one JSON Lines record and returns the record as
/// one line of JSON (without the line break): fields in their order, the
/// text replaced, and the summary under `metadata.rinse` (or a top-level
/// `rinse` when `metadata` is not an object). The text is cleaned as a
/// record's field ([`Cleaner::clean_field`]): it keeps its own ending.
///
/// ```
/// let cleaner = rinse::Cleaner::default();
/// let line = br#"{"id":7,"text":"caf\u00c3\u00a9  ","tags":["x"]}"#;
/// let cleaned = rinse::jsonl::clean_record(line, "text", &cleaner).unwrap();
/// assert!(cleaned.starts_with(r#"{"id":7,"text":"café","tags":["x"],"metadata":{"rinse":"#));
///
/// // Numbers are kept as written; a key given twice is refused.
/// let big = br#"{"n":1e400,"text":"x"}"#;
/// assert!(rinse::jsonl::clean_record(big, "text", &cleaner).unwrap().starts_with(r#"{"n":1e400,"#));
/// let twice = br#"{"text":"a","text":"b"}"#;
/// assert!(rinse::jsonl::clean_record(twice, "text", &cleaner).is_err());
///
/// // Also inside another field, first in the order of the line; a string
/// // that only looks like such an object is text.
/// use rinse::jsonl::RecordError;
/// let nested = br#"{"meta":[{"a":1,"b":2,"a":3}],"text":"x","text":"y"}"#;
/// let err = rinse::jsonl::clean_record(nested, "text", &cleaner).unwrap_err();
/// assert_eq!(err, RecordError::DuplicateKey("a".into()));
/// let quoted = br#"{"text":"{\"a\":1,\"a\":2}"}"#;
/// assert!(rinse::jsonl::clean_record(quoted, "text", &cleaner).is_ok());
/// // A lone surrogate in another field is passed through as written; it
/// // does not hide a key given twice.
/// let lone = br#"{"x":"\ud800","text":"a","text":"b"}"#;
/// let err = rinse::jsonl::clean_record(lone, "text", &cleaner).unwrap_err();
/// assert_eq!(err, RecordError::DuplicateKey("text".into()));
///
/// // The text in a field `rinse` beside a `metadata` that is not an object
/// // leaves the summary nowhere to go.
/// let clash = br#"{"rinse":"hello","metadata":3}"#;
/// let err = rinse::jsonl::clean_record(clash, "rinse", &cleaner).unwrap_err();
/// assert_eq!(err, RecordError::SummaryClash);
/// ```
pub fn clean_record(line: &[u8], field: &str, cleaner: &Cleaner) -> Result<String, RecordError> {
    let options = RecordOptions::new(FieldPath::key(field));
    clean_record_with(line, &options, cleaner).map(|record| record.line)
}

/// Cleans the text at `options.field` of one JSON Lines record, as
/// [`clean_record`] does (the same line for a top-level field and
/// [`Detail::Summary`]), and also returns the text and its [`Cleaned`]
/// result, for callers that count or filter.
///
/// ```
/// use rinse::jsonl::{clean_record_with, Detail, FieldPath, RecordOptions};
/// let cleaner = rinse::Cleaner::default();
/// let line = br#"{"id":1,"content":{"body":"caf\u00c3\u00a9  ","lang":"fr"}}"#;
/// let options = RecordOptions::new(FieldPath::parse("content.body").unwrap()).detail(Detail::Full);
/// let record = clean_record_with(line, &options, &cleaner).unwrap();
/// assert!(record.line.starts_with(r#"{"id":1,"content":{"body":"café","lang":"fr"},"metadata":{"rinse":{"changed":true"#));
/// assert!(record.line.contains(r#""encoding":{"name":"UTF-8""#));
/// assert_eq!(record.cleaned.text, "café");
/// ```
pub fn clean_record_with(
    line: &[u8],
    options: &RecordOptions,
    cleaner: &Cleaner,
) -> Result<CleanedRecord, RecordError> {
    // Every field is kept as the raw JSON it was written as; only the text
    // field (and the objects on the way to it) and `metadata` are read.
    // A line checked as UTF-8 at once (SIMD) is parsed as text, so that no
    // field is checked again as it is kept; any other line is parsed as
    // bytes, which says where it is not UTF-8.
    let fields = match simdutf8::basic::from_utf8(line) {
        Ok(text) => serde_json::from_str(text),
        Err(_) => serde_json::from_slice(line),
    };
    let Fields { mut record, twice } = fields.map_err(|err| not_json(&err))?;
    if let Some(key) = twice {
        return Err(RecordError::DuplicateKey(key));
    }
    let path = &options.field;
    // The objects on the way to the text, outermost first (the record
    // itself is not among them).
    let mut nested: Vec<IndexMap<String, Box<RawValue>>> = Vec::new();
    let (last, parents) = path.segments().split_last().expect("a path has a key");
    for key in parents {
        let holder = nested.last().unwrap_or(&record);
        let Some(raw) = holder.get(key) else {
            return Err(no_field(path, holder));
        };
        let object: IndexMap<String, Box<RawValue>> =
            serde_json::from_str(raw.get()).map_err(|_| RecordError::NotNested {
                field: key.clone(),
                path: path.to_string(),
            })?;
        nested.push(object);
    }
    let holder = nested.last().unwrap_or(&record);
    let text: String = match holder.get(last) {
        Some(raw) => match decode_string(raw.get()) {
            Some(text) => Ok(text),
            None => serde_json::from_str(raw.get()),
        }
        .map_err(|err| {
            if raw.get().starts_with('"') {
                // A string JSON allows but Unicode does not: a lone surrogate.
                not_json(&err)
            } else {
                RecordError::NotAString(path.to_string())
            }
        })?,
        None => return Err(no_field(path, holder)),
    };
    let mut metadata: Option<IndexMap<String, Box<RawValue>>> = record
        .get("metadata")
        .and_then(|raw| serde_json::from_str(raw.get()).ok());
    if let Some(metadata) = &metadata {
        let foreign = metadata.get("rinse").is_some_and(|raw| {
            !serde_json::from_str::<serde_json::Value>(raw.get())
                .is_ok_and(|v| is_rinse_summary(&v))
        });
        if foreign {
            return Err(RecordError::ForeignRinseMetadata);
        }
    }
    let cleaned = cleaner.clean_field(&text);
    let summary = match options.detail {
        Detail::Summary => RecordSummary::new(&text, &cleaned),
        Detail::Full => RecordSummary::detailed(&text, &cleaned),
    };
    let summary = raw(&summary);
    // The cleaned text goes back in, then each object on the way back up;
    // a top-level text is written straight into the line at the end.
    let top = &path.segments()[0];
    let mut top_text = Some(cleaned.text.as_str());
    if !nested.is_empty() {
        let mut value = raw(&cleaned.text);
        for (object, key) in nested.iter_mut().zip(path.segments()[1..].iter()).rev() {
            object.insert(key.clone(), value);
            value = raw(&*object);
        }
        record.insert(top.clone(), value);
        top_text = None;
    }
    if !nested.is_empty() && path.segments()[0] == "metadata" {
        // The text was inside `metadata`: the summary goes beside it there.
        metadata = record
            .get("metadata")
            .and_then(|raw| serde_json::from_str(raw.get()).ok());
    }
    match metadata {
        Some(mut metadata) => {
            metadata.insert("rinse".to_owned(), summary);
            record.insert("metadata".to_owned(), raw(&metadata));
        }
        None if record.contains_key("metadata") => {
            // `metadata` is not an object: the summary goes beside it,
            // unless the text is there.
            if top == "rinse" {
                return Err(RecordError::SummaryClash);
            }
            record.insert("rinse".to_owned(), summary);
        }
        None => {
            let metadata: IndexMap<String, Box<RawValue>> = [("rinse".to_owned(), summary)].into();
            record.insert("metadata".to_owned(), raw(&metadata));
        }
    }
    let mut line = String::with_capacity(line.len() + line.len() / 8 + 256);
    write_object(
        &mut line,
        &record,
        top_text.map(|text| (top.as_str(), text)),
    );
    Ok(CleanedRecord {
        line,
        input: text,
        cleaned,
    })
}

/// The text of `raw`, a string value as serde_json found it in a record
/// (between quotes, escapes well formed, no control characters), decoded
/// without reading it a second time through serde_json: the runs between
/// backslashes are copied whole. `None` when `raw` is not a string or holds
/// an escape of a lone surrogate, which JSON allows and Unicode does not:
/// serde_json's own reading then says so, in its words.
fn decode_string(raw: &str) -> Option<String> {
    let inner = raw.strip_prefix('"')?.strip_suffix('"')?;
    let bytes = inner.as_bytes();
    let Some(first) = memchr::memchr(b'\\', bytes) else {
        return Some(inner.to_owned());
    };
    let mut out = String::with_capacity(inner.len());
    let (mut start, mut at) = (0, first);
    loop {
        // `at` is a backslash, an ASCII byte: both ends are boundaries.
        out.push_str(&inner[start..at]);
        let (c, len) = match *bytes.get(at + 1)? {
            b'"' => ('"', 2),
            b'\\' => ('\\', 2),
            b'/' => ('/', 2),
            b'b' => ('\u{8}', 2),
            b'f' => ('\u{c}', 2),
            b'n' => ('\n', 2),
            b'r' => ('\r', 2),
            b't' => ('\t', 2),
            b'u' => unicode_escape(&bytes[at..])?,
            _ => return None,
        };
        out.push(c);
        at += len;
        start = at;
        match memchr::memchr(b'\\', &bytes[at..]) {
            Some(next) => at += next,
            None => break,
        }
    }
    out.push_str(&inner[start..]);
    Some(out)
}

/// The character of the `\uXXXX` escape (or surrogate pair of two) that
/// `bytes` starts with, and how many bytes it takes; `None` for a lone
/// surrogate or a malformed escape.
fn unicode_escape(bytes: &[u8]) -> Option<(char, usize)> {
    let unit = |at: usize| -> Option<u32> {
        let digits = bytes.get(at..at + 4)?;
        digits.iter().try_fold(0u32, |value, &d| {
            Some(value << 4 | char::from(d).to_digit(16)?)
        })
    };
    let high = unit(2)?;
    match high {
        0xD800..=0xDBFF => {
            if bytes.get(6..8)? != b"\\u" {
                return None;
            }
            let low = unit(8)?;
            if !(0xDC00..=0xDFFF).contains(&low) {
                return None;
            }
            let c = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
            Some((char::from_u32(c)?, 12))
        }
        _ => Some((char::from_u32(high)?, 6)),
    }
}

/// The error for a record without the field `path` asks for: the keys seen
/// where it was looked for.
fn no_field(path: &FieldPath, holder: &IndexMap<String, Box<RawValue>>) -> RecordError {
    let seen: Vec<&str> = holder.keys().map(String::as_str).take(12).collect();
    RecordError::NoField {
        field: path.to_string(),
        seen: seen.join(", "),
    }
}

/// Writes `record` as compact JSON (as serde_json writes it), with the
/// field `text.0`, when given, holding the string `text.1`.
fn write_object(
    out: &mut String,
    record: &IndexMap<String, Box<RawValue>>,
    text: Option<(&str, &str)>,
) {
    out.push('{');
    for (i, (key, value)) in record.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_json_string(out, key);
        out.push(':');
        match text {
            Some((field, text)) if field == key => push_json_string(out, text),
            _ => out.push_str(value.get()),
        }
    }
    out.push('}');
}

/// Whether JSON writes byte `b` of a string escaped.
fn escaped(b: u8) -> bool {
    (b < 0x20) | (b == b'"') | (b == b'\\')
}

/// Appends `text` as a JSON string, escaped byte for byte as serde_json
/// escapes it (`\"`, `\\`, `\n`-style short forms, `\u00XX` for other
/// control characters, everything else as it is), skipping 16 bytes at a
/// time where nothing needs escaping.
fn push_json_string(out: &mut String, text: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.reserve(text.len() + 2);
    out.push('"');
    let bytes = text.as_bytes();
    let (mut start, mut at) = (0, 0);
    while at < bytes.len() {
        if let Some(chunk) = bytes.get(at..at + 16) {
            if !chunk.iter().fold(false, |any, &b| any | escaped(b)) {
                at += 16;
                continue;
            }
        }
        // A block with something to escape: byte by byte to its end, so
        // that text full of escapes is not looked at 16 times a byte.
        let end = (at + 16).min(bytes.len());
        while at < end {
            let b = bytes[at];
            if escaped(b) {
                // An ASCII byte: `at` is a character boundary.
                out.push_str(&text[start..at]);
                match b {
                    b'"' => out.push_str("\\\""),
                    b'\\' => out.push_str("\\\\"),
                    b'\n' => out.push_str("\\n"),
                    b'\r' => out.push_str("\\r"),
                    b'\t' => out.push_str("\\t"),
                    0x08 => out.push_str("\\b"),
                    0x0C => out.push_str("\\f"),
                    _ => {
                        out.push_str("\\u00");
                        out.push(char::from(HEX[usize::from(b >> 4)]));
                        out.push(char::from(HEX[usize::from(b & 0xF)]));
                    }
                }
                start = at + 1;
            }
            at += 1;
        }
    }
    out.push_str(&text[start..]);
    out.push('"');
}

/// `value` as raw JSON.
fn raw(value: &impl serde::Serialize) -> Box<RawValue> {
    // (Not read back to check it: serde_json wrote it.)
    serde_json::value::to_raw_value(value).expect("rinse's own values serialize")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn written(text: &str) -> String {
        let mut out = String::new();
        push_json_string(&mut out, text);
        out
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let every_ascii: String = (0u8..=0x7F).map(char::from).collect();
        for text in [
            "",
            "plain",
            &every_ascii,
            "caf\u{e9} \u{201c}quoted\u{201d} \u{1F600}\n\t\"\\\u{7f}\u{80}\u{2028}",
            "0123456789abcdef\n0123456789abcde\"f",
        ] {
            assert_eq!(
                written(text),
                serde_json::to_string(text).unwrap(),
                "{text:?}"
            );
        }
    }

    /// What serde_json reads `raw` as (`None` for its errors).
    fn serde_reads(raw: &str) -> Option<String> {
        serde_json::from_str(raw).ok()
    }

    #[test]
    fn strings_are_read_as_serde_json_reads_them() {
        for raw in [
            r#""""#,
            r#""plain""#,
            r#""\"\\\/\b\f\n\r\t""#,
            r#""caf\u00e9 \u00C9 \u201cq\u201D \ud83d\ude00 \uD83D\uDE00 end""#,
            r#""\u0000\u001f\u007f\uffff\ufffe""#,
            "\"caf\u{e9} \u{1F600} raw\"",
            r#""a\\u0041""#,
        ] {
            assert_eq!(decode_string(raw), serde_reads(raw), "{raw}");
        }
        // Lone surrogates (JSON allows them, Unicode does not) are left to
        // serde_json, whose error the record's error quotes.
        for raw in [
            r#""\ud83d""#,
            r#""\ud83d x""#,
            r#""\ud83d\u0041""#,
            r#""\ud83d\ud83d""#,
            r#""\ude00""#,
            r#""x\ude00\ud83d""#,
        ] {
            assert_eq!(decode_string(raw), None, "{raw}");
            assert_eq!(serde_reads(raw), None, "{raw}");
        }
        assert_eq!(decode_string("12"), None);
    }

    proptest! {
        #[test]
        fn any_string_is_read_as_serde_json_reads_it(
            parts in proptest::collection::vec(prop_oneof![
                "(?s).{0,12}".prop_map(|text| serde_json::to_string(&text).unwrap()),
                "[\\\\\"/bfnrt]".prop_map(|c| format!("\"\\{c}\"")),
                "[0-9a-fA-F]{4}".prop_map(|hex| format!("\"\\u{hex}\"")),
                "[dD][89abAB][0-9a-f]{2}".prop_map(|hex| format!("\"\\u{hex}\"")),
                "[dD][c-fC-F][0-9a-f]{2}".prop_map(|hex| format!("\"\\u{hex}\"")),
            ], 0..8),
        ) {
            // Strings glued together inside one pair of quotes.
            let inner: String = parts.iter().map(|part| &part[1..part.len() - 1]).collect();
            let raw = format!("\"{inner}\"");
            match serde_reads(&raw) {
                Some(text) => prop_assert_eq!(decode_string(&raw), Some(text)),
                None => prop_assert_eq!(decode_string(&raw), None),
            }
        }

        #[test]
        fn any_string_is_escaped_as_serde_json_escapes_it(text in "(?s).{0,80}") {
            prop_assert_eq!(written(&text), serde_json::to_string(&text).unwrap());
        }

        #[test]
        fn any_record_is_written_as_serde_json_writes_it(
            fields in proptest::collection::vec(("[a-z\"\\\n]{0,6}", "(?s).{0,30}"), 0..6),
        ) {
            let mut record: IndexMap<String, Box<RawValue>> = IndexMap::new();
            for (key, text) in &fields {
                record.insert(key.clone(), raw(text));
            }
            let mut out = String::new();
            write_object(&mut out, &record, None);
            prop_assert_eq!(out, serde_json::to_string(&record).unwrap());
        }
    }
}
