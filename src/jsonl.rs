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
//! Needs the `jsonl` feature (on with `cli`).

use std::fmt;

use indexmap::IndexMap;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::value::RawValue;

use crate::report::RecordSummary;
use crate::Cleaner;

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

/// Whether `value` is the summary an earlier run of rinse wrote.
fn is_rinse_summary(value: &serde_json::Value) -> bool {
    value.as_object().is_some_and(|object| {
        object
            .keys()
            .all(|key| matches!(key.as_str(), "changed" | "steps" | "metadata"))
    })
}

/// Cleans the `field` of one JSON Lines record and returns the record as
/// one line of JSON (without the line break): fields in their order, the
/// text replaced, and the summary under `metadata.rinse` (or a top-level
/// `rinse` when `metadata` is not an object).
///
/// ```
/// let cleaner = rinse::Cleaner::default();
/// let line = br#"{"id":7,"text":"caf\u00c3\u00a9  ","tags":["x"]}"#;
/// let cleaned = rinse::jsonl::clean_record(line, "text", &cleaner).unwrap();
/// assert!(cleaned.starts_with(r#"{"id":7,"text":"café\n","tags":["x"],"metadata":{"rinse":"#));
///
/// // Numbers are kept as written; a key given twice is refused.
/// let big = br#"{"n":1e400,"text":"x"}"#;
/// assert!(rinse::jsonl::clean_record(big, "text", &cleaner).unwrap().starts_with(r#"{"n":1e400,"#));
/// let twice = br#"{"text":"a","text":"b"}"#;
/// assert!(rinse::jsonl::clean_record(twice, "text", &cleaner).is_err());
/// ```
pub fn clean_record(line: &[u8], field: &str, cleaner: &Cleaner) -> Result<String, RecordError> {
    // Every field is kept as the raw JSON it was written as; only the text
    // field and `metadata` are read.
    let mut record: IndexMap<String, Box<RawValue>> =
        serde_json::from_slice(line).map_err(|err| not_json(&err))?;
    if let Err(err) = serde_json::from_slice::<DuplicateKeys>(line) {
        let message = err.to_string();
        if let Some(rest) = message.strip_prefix(DUPLICATE) {
            let key = rest.rsplit_once(" at line ").map_or(rest, |(key, _)| key);
            return Err(RecordError::DuplicateKey(key.to_owned()));
        }
    }
    let text: String = match record.get(field) {
        Some(raw) => serde_json::from_str(raw.get()).map_err(|err| {
            if raw.get().starts_with('"') {
                // A string JSON allows but Unicode does not: a lone surrogate.
                not_json(&err)
            } else {
                RecordError::NotAString(field.to_owned())
            }
        })?,
        None => {
            let seen: Vec<&str> = record.keys().map(String::as_str).take(12).collect();
            return Err(RecordError::NoField {
                field: field.to_owned(),
                seen: seen.join(", "),
            });
        }
    };
    let metadata: Option<IndexMap<String, Box<RawValue>>> = record
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
    let cleaned = cleaner.clean_str(&text);
    let summary = raw(&RecordSummary::new(&text, &cleaned));
    record.insert(field.to_owned(), raw(&cleaned.text));
    match metadata {
        Some(mut metadata) => {
            metadata.insert("rinse".to_owned(), summary);
            record.insert("metadata".to_owned(), raw(&metadata));
        }
        None if record.contains_key("metadata") => {
            // `metadata` is not an object: the summary goes beside it.
            record.insert("rinse".to_owned(), summary);
        }
        None => {
            let metadata: IndexMap<String, Box<RawValue>> = [("rinse".to_owned(), summary)].into();
            record.insert("metadata".to_owned(), raw(&metadata));
        }
    }
    Ok(serde_json::to_string(&record).expect("raw JSON values serialize"))
}

/// `value` as raw JSON.
fn raw(value: &impl serde::Serialize) -> Box<RawValue> {
    let json = serde_json::to_string(value).expect("rinse's own values serialize");
    RawValue::from_string(json).expect("serde_json writes valid JSON")
}
