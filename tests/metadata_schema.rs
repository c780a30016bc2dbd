//! `schema/rinse-metadata.schema.json` describes what rinse really writes
//! under `metadata.rinse`: every record of the corpus, cleaned with the
//! summary and with full metadata, by the library and by the command
//! line, validates against it.
//!
//! The validator here implements the JSON Schema keywords the file uses
//! (and refuses any other, so the file cannot drift into keywords nothing
//! checks): type, properties, required, additionalProperties,
//! propertyNames with pattern, pattern, items, enum, minimum, maximum,
//! dependentRequired.

use serde_json::{Map, Value};

use crate::support::{rinse, scratch, stderr};

fn schema() -> Value {
    let text =
        std::fs::read_to_string(crate::support::repo().join("schema/rinse-metadata.schema.json"))
            .expect("the schema file");
    serde_json::from_str(&text).expect("the schema is JSON")
}

/// Whether `value` is of JSON Schema type `name`.
fn is_type(value: &Value, name: &str) -> bool {
    match name {
        "object" => value.is_object(),
        "array" => value.is_array(),
        "string" => value.is_string(),
        "boolean" => value.is_boolean(),
        "null" => value.is_null(),
        "number" => value.is_number(),
        "integer" => value.is_u64() || value.is_i64(),
        other => panic!("unknown type {other}"),
    }
}

/// A pattern of the form the schema uses: `^[a-z][a-z0-9]*(-[a-z0-9]+)*$`
/// (kebab-case names), checked without a regex engine.
fn matches_pattern(pattern: &str, text: &str) -> bool {
    assert_eq!(
        pattern, "^[a-z][a-z0-9]*(-[a-z0-9]+)*$",
        "a pattern the test knows"
    );
    let mut parts = text.split('-');
    let first = parts.next().unwrap_or("");
    first.starts_with(|c: char| c.is_ascii_lowercase())
        && first
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && parts.all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

/// The errors of `value` against `schema`, each with its JSON path.
fn validate(schema: &Value, value: &Value, path: &str, errors: &mut Vec<String>) {
    let schema: &Map<String, Value> = schema.as_object().expect("a schema is an object");
    for (keyword, rule) in schema {
        match keyword.as_str() {
            "$schema" | "$id" | "title" | "description" | "$comment" => {}
            "type" => {
                let names: Vec<&str> = match rule {
                    Value::String(name) => vec![name],
                    Value::Array(names) => names.iter().map(|n| n.as_str().unwrap()).collect(),
                    _ => panic!("bad type"),
                };
                if !names.iter().any(|name| is_type(value, name)) {
                    errors.push(format!("{path}: {value} is not of type {names:?}"));
                    return;
                }
            }
            "enum" => {
                if !rule.as_array().unwrap().contains(value) {
                    errors.push(format!("{path}: {value} is not one of {rule}"));
                }
            }
            "minimum" => {
                if value.as_f64().is_some_and(|v| v < rule.as_f64().unwrap()) {
                    errors.push(format!("{path}: {value} < {rule}"));
                }
            }
            "maximum" => {
                if value.as_f64().is_some_and(|v| v > rule.as_f64().unwrap()) {
                    errors.push(format!("{path}: {value} > {rule}"));
                }
            }
            "required" => {
                if let Some(object) = value.as_object() {
                    for key in rule.as_array().unwrap() {
                        if !object.contains_key(key.as_str().unwrap()) {
                            errors.push(format!("{path}: missing {key}"));
                        }
                    }
                }
            }
            "dependentRequired" => {
                if let Some(object) = value.as_object() {
                    for (key, needs) in rule.as_object().unwrap() {
                        if object.contains_key(key) {
                            for need in needs.as_array().unwrap() {
                                if !object.contains_key(need.as_str().unwrap()) {
                                    errors.push(format!("{path}: {key} without {need}"));
                                }
                            }
                        }
                    }
                }
            }
            "properties" => {
                if let Some(object) = value.as_object() {
                    for (key, sub) in rule.as_object().unwrap() {
                        if let Some(item) = object.get(key) {
                            validate(sub, item, &format!("{path}.{key}"), errors);
                        }
                    }
                }
            }
            "additionalProperties" => {
                if let Some(object) = value.as_object() {
                    let known = schema.get("properties").and_then(Value::as_object);
                    for (key, item) in object {
                        if known.is_some_and(|k| k.contains_key(key)) {
                            continue;
                        }
                        match rule {
                            Value::Bool(false) => {
                                errors.push(format!("{path}: unexpected key {key}"))
                            }
                            Value::Bool(true) => {}
                            sub => validate(sub, item, &format!("{path}.{key}"), errors),
                        }
                    }
                }
            }
            "pattern" => {
                if let Some(text) = value.as_str() {
                    let pattern = rule.as_str().unwrap();
                    if !matches_pattern(pattern, text) {
                        errors.push(format!("{path}: {text:?} does not match {pattern}"));
                    }
                }
            }
            "items" => {
                if let Some(items) = value.as_array() {
                    for (i, item) in items.iter().enumerate() {
                        validate(rule, item, &format!("{path}[{i}]"), errors);
                    }
                }
            }
            "propertyNames" => {
                if let Some(object) = value.as_object() {
                    let pattern = rule["pattern"].as_str().expect("propertyNames by pattern");
                    for key in object.keys() {
                        if !matches_pattern(pattern, key) {
                            errors.push(format!("{path}: key {key} does not match {pattern}"));
                        }
                    }
                }
            }
            other => panic!("the schema uses `{other}`, which this test does not check"),
        }
    }
}

fn assert_valid(schema: &Value, value: &Value) {
    let mut errors = Vec::new();
    validate(schema, value, "rinse", &mut errors);
    assert!(errors.is_empty(), "{errors:#?}\n{value}");
}

#[test]
fn every_step_name_fits_the_schema() {
    let schema = schema();
    let pattern = schema["properties"]["steps"]["propertyNames"]["pattern"]
        .as_str()
        .unwrap();
    for step in rinse::Step::ALL {
        assert!(matches_pattern(pattern, step.name()), "{}", step.name());
    }
}

#[test]
fn summaries_of_every_fixture_validate_with_and_without_details() {
    let schema = schema();
    let cleaner = rinse::Cleaner::default();
    let tagger = rinse::Cleaner::new(rinse::Config::default().tag_junk(true)).unwrap();
    let mut tags = 0;
    for fixture in rinse::fixtures::all() {
        let text = String::from_utf8_lossy(fixture.raw);
        let cleaned = cleaner.clean_str(&text);
        for summary in [
            rinse::report::RecordSummary::new(&text, &cleaned),
            rinse::report::RecordSummary::detailed(&text, &cleaned),
        ] {
            assert_valid(&schema, &serde_json::to_value(&summary).unwrap());
        }
        let tagged = tagger.clean_str(&text);
        let summary = rinse::report::RecordSummary::detailed(&text, &tagged);
        let value = serde_json::to_value(&summary).unwrap();
        tags += value["junk"].as_array().map_or(0, Vec::len);
        assert_valid(&schema, &value);
    }
    assert!(tags > 0, "tagging tags lines");
    // An empty text has no language and no script.
    let empty = rinse::report::RecordSummary::detailed("", &cleaner.clean_str(""));
    let value = serde_json::to_value(&empty).unwrap();
    assert!(value["language"].is_null() && value["script"].is_null());
    assert_valid(&schema, &value);
}

#[test]
fn what_the_command_line_writes_validates_and_the_validator_catches_drift() {
    let schema = schema();
    let dir = scratch("schema_cli");
    let corpus = dir.join("corpus.jsonl");
    let mut lines = String::new();
    for fixture in rinse::fixtures::all() {
        let text = String::from_utf8_lossy(fixture.raw);
        lines.push_str(&serde_json::json!({"id": fixture.id, "text": text}).to_string());
        lines.push('\n');
    }
    std::fs::write(&corpus, &lines).unwrap();
    let mut seen = 0;
    let mut tags = 0;
    for (detail, tag) in [("summary", false), ("full", false), ("full", true)] {
        let output = rinse()
            .args(["clean", "--jsonl", "--quiet", "--metadata", detail])
            .args(tag.then_some("--tag"))
            .arg(&corpus)
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", stderr(&output));
        for line in String::from_utf8(output.stdout).unwrap().lines() {
            let record: Value = serde_json::from_str(line).unwrap();
            let summary = &record["metadata"]["rinse"];
            assert_valid(&schema, summary);
            assert_eq!(summary.get("lines").is_some(), detail == "full");
            if !tag {
                assert!(summary.get("junk").is_none(), "junk tags only with --tag");
            }
            tags += summary
                .get("junk")
                .and_then(Value::as_array)
                .map_or(0, Vec::len);
            seen += 1;
        }
    }
    assert_eq!(seen, 3 * rinse::fixtures::all().len());
    assert!(tags > 0, "--tag tags lines");
    // The validator is not a rubber stamp.
    let mut errors = Vec::new();
    let drifted =
        serde_json::json!({"changed": true, "steps": {"Mojibake": 0}, "metadata": {}, "extra": 1});
    validate(&schema, &drifted, "rinse", &mut errors);
    assert_eq!(errors.len(), 3, "{errors:#?}");
    let half = serde_json::json!({"changed": true, "steps": {}, "metadata": {}, "encoding": {"name": "UTF-8", "decided_by": "guess", "malformed": 0}});
    errors.clear();
    validate(&schema, &half, "rinse", &mut errors);
    assert_eq!(errors.len(), 5, "{errors:#?}");
}
