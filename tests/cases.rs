//! Runs the cases in `tests/data/*.toml`: inputs, expected outputs and step
//! switches kept as data, so adding a case is adding a few lines of TOML.

use std::path::Path;

use rinse::{clean_str, Config, NormalizationForm, Step};
use serde::Deserialize;

#[derive(Deserialize)]
struct Cases {
    case: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    input: String,
    expected: Option<String>,
    #[serde(default)]
    enable: Vec<String>,
    #[serde(default)]
    disable: Vec<String>,
    form: Option<NormalizationForm>,
    step: Option<String>,
}

/// A final line break added unless the text is empty or has one.
fn with_final_newline(text: &str) -> String {
    if text.is_empty() || text.ends_with('\n') {
        text.to_owned()
    } else {
        format!("{text}\n")
    }
}

fn run_file(file: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    let cases: Cases = toml::from_str(&text).unwrap_or_else(|err| panic!("{file}: {err}"));
    let mut failures = Vec::new();
    let mut names = std::collections::BTreeSet::new();
    for case in &cases.case {
        assert!(
            names.insert(&case.name),
            "{file}: duplicate case {}",
            case.name
        );
        let mut config = Config::default();
        for name in &case.enable {
            config = config.enable(name.parse().unwrap());
        }
        for name in &case.disable {
            config = config.disable(name.parse().unwrap());
        }
        if let Some(form) = case.form {
            config = config.normalization_form(form);
        }
        let expected = with_final_newline(case.expected.as_deref().unwrap_or(&case.input));
        let cleaned = clean_str(&case.input, &config);
        if cleaned.text != expected {
            failures.push(format!(
                "{}: expected {:?}, got {:?}",
                case.name, expected, cleaned.text
            ));
            continue;
        }
        if let Some(step) = &case.step {
            let step: Step = step.parse().unwrap();
            if cleaned.report.changes_by(step).next().is_none() {
                failures.push(format!("{}: no change reported by {step}", case.name));
            }
        }
    }
    println!("{file}: {} cases", cases.case.len());
    assert!(failures.is_empty(), "{file}:\n{}", failures.join("\n"));
}

#[test]
fn normalizer_cases() {
    run_file("normalizers.toml");
}
