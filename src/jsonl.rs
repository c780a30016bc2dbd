//! JSON Lines records (`{"id": …, "text": …, "metadata": {…}}` a line): the
//! text field cleaned, every other field passed through in order, and a
//! [`RecordSummary`] added under `metadata.rinse`. The command line
//! (`rinse clean --jsonl`) and the Python package clean records with this
//! one function, so their output is the same byte for byte.
//!
//! Needs the `jsonl` feature (on with `cli`).

use serde_json::{Map, Value};

use crate::report::RecordSummary;
use crate::Cleaner;

/// Why a line is not a record that can be cleaned.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RecordError {
    /// The line is not a JSON object.
    #[error("not a JSON object: {0}")]
    NotAnObject(String),
    /// The record has no text field.
    #[error("no field `{0}`")]
    NoField(String),
    /// The text field is not a string.
    #[error("field `{0}` is not a string")]
    NotAString(String),
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
/// ```
pub fn clean_record(line: &[u8], field: &str, cleaner: &Cleaner) -> Result<String, RecordError> {
    let mut record: Map<String, Value> =
        serde_json::from_slice(line).map_err(|err| RecordError::NotAnObject(err.to_string()))?;
    let text = match record.get(field) {
        Some(Value::String(text)) => text,
        Some(_) => return Err(RecordError::NotAString(field.to_owned())),
        None => return Err(RecordError::NoField(field.to_owned())),
    };
    let cleaned = cleaner.clean_str(text);
    let summary =
        serde_json::to_value(RecordSummary::new(text, &cleaned)).expect("a summary serializes");
    record.insert(field.to_owned(), Value::String(cleaned.text));
    match record.get_mut("metadata") {
        Some(Value::Object(metadata)) => {
            metadata.insert("rinse".to_owned(), summary);
        }
        Some(_) => {
            record.insert("rinse".to_owned(), summary);
        }
        None => {
            let mut metadata = Map::new();
            metadata.insert("rinse".to_owned(), summary);
            record.insert("metadata".to_owned(), Value::Object(metadata));
        }
    }
    Ok(serde_json::to_string(&record).expect("a JSON value serializes"))
}
