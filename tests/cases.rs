//! Runs the step cases in `tests/data/steps/*.toml`: inputs, expected
//! outputs and switches kept as data, so adding a case is adding a few
//! lines of TOML.
//!
//! A file named after a step (`invisibles.toml`) runs each case with that
//! step alone switched on: the output must be `expected` exactly, the step
//! must have reported a change (and `count` occurrences when given), and
//! cleaning the output again must change nothing. A case without
//! `expected` is a near miss: it must come out unchanged with nothing
//! reported. `pipeline.toml` runs its cases through the default pipeline
//! instead (see its header).

use std::collections::BTreeSet;

use rinse::{Config, NormalizationForm, Step};
use serde::Deserialize;

use crate::support;

#[derive(Deserialize)]
struct Cases {
    case: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    input: Option<String>,
    /// With `through`: the clean text whose UTF-8 bytes are decoded
    /// through each code page in turn to make the input.
    original: Option<String>,
    #[serde(default)]
    through: Vec<String>,
    expected: Option<String>,
    count: Option<usize>,
    #[serde(default)]
    enable: Vec<String>,
    #[serde(default)]
    disable: Vec<String>,
    form: Option<NormalizationForm>,
    /// In `pipeline.toml`: a step that must appear in the report.
    step: Option<String>,
}

impl Case {
    /// The input, made from `original` when the case gives one.
    fn input(&self) -> String {
        match (&self.input, &self.original) {
            (Some(input), None) => input.clone(),
            (None, Some(original)) => {
                assert!(
                    !self.through.is_empty(),
                    "{}: `original` needs `through`",
                    self.name
                );
                self.through
                    .iter()
                    .fold(original.clone(), |text, label| decode_as(&text, label))
            }
            _ => panic!("{}: give exactly one of `input` and `original`", self.name),
        }
    }

    fn expected(&self) -> Option<String> {
        self.expected.clone().or_else(|| self.original.clone())
    }

    fn config(&self, base: Config) -> Config {
        let parse = |name: &String| {
            name.parse::<Step>()
                .unwrap_or_else(|e| panic!("{}: {e}", self.name))
        };
        let mut config = base;
        for name in &self.enable {
            config = config.enable(parse(name));
        }
        for name in &self.disable {
            config = config.disable(parse(name));
        }
        if let Some(form) = self.form {
            config = config.normalization_form(form);
        }
        config
    }
}

/// The UTF-8 bytes of `text` decoded as `label`, by encoding_rs (not by
/// rinse's own damage module); `iso-8859-1` is byte for character.
fn decode_as(text: &str, label: &str) -> String {
    if label == "iso-8859-1" {
        return text.bytes().map(char::from).collect();
    }
    let encoding = encoding_rs::Encoding::for_label(label.as_bytes())
        .unwrap_or_else(|| panic!("unknown encoding {label}"));
    encoding
        .decode_without_bom_handling(text.as_bytes())
        .0
        .into_owned()
}

/// Every switchable step off, then `step` on.
fn alone(step: Step) -> Config {
    Step::ALL
        .iter()
        .filter(|s| s.switchable())
        .fold(Config::default(), |config, &s| config.disable(s))
        .enable(step)
}

/// A final line break added unless the text is empty or has one.
fn with_final_newline(text: &str) -> String {
    if text.is_empty() || text.ends_with('\n') {
        text.to_owned()
    } else {
        format!("{text}\n")
    }
}

fn load(file: &str) -> Cases {
    let path = support::repo().join("tests/data/steps").join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    let cases: Cases = toml::from_str(&text).unwrap_or_else(|err| panic!("{file}: {err}"));
    let mut names = BTreeSet::new();
    for case in &cases.case {
        assert!(
            names.insert(&case.name),
            "{file}: duplicate case {}",
            case.name
        );
    }
    cases
}

/// Runs the cases of one step's file; returns the failures.
fn run_step_file(file: &str, step: Step) -> Vec<String> {
    let mut failures = Vec::new();
    for case in &load(file).case {
        let cleaner = support::cleaner(case.config(alone(step)));
        let input = case.input();
        let cleaned = cleaner.clean_str(&input);
        let name = &case.name;
        match case.expected() {
            Some(expected) => {
                if cleaned.text != expected {
                    failures.push(format!(
                        "{name}: expected {expected:?}, got {:?}",
                        cleaned.text
                    ));
                    continue;
                }
                let occurrences: usize = cleaned.report.changes_by(step).map(|c| c.count).sum();
                if expected != input && occurrences == 0 {
                    failures.push(format!("{name}: {step} reported no change"));
                }
                if let Some(count) = case.count {
                    if occurrences != count {
                        failures.push(format!(
                            "{name}: {step} reported {occurrences} occurrences, expected {count}"
                        ));
                    }
                }
                let again = cleaner.clean_str(&cleaned.text);
                if again.text != cleaned.text || again.report.changed() {
                    failures.push(format!(
                        "{name}: a second run changed {:?} to {:?}",
                        cleaned.text, again.text
                    ));
                }
            }
            None => {
                if cleaned.text != input || cleaned.report.changed() {
                    failures.push(format!(
                        "{name}: a near miss was changed: {input:?} became {:?} ({} changes)",
                        cleaned.text,
                        cleaned.report.changes.len()
                    ));
                }
            }
        }
    }
    failures
}

#[test]
fn every_step_file_names_a_step_and_passes() {
    let dir = support::repo().join("tests/data/steps");
    let mut failures = Vec::new();
    let mut files = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let file = entry.unwrap().file_name().to_string_lossy().into_owned();
        let Some(name) = file.strip_suffix(".toml") else {
            continue;
        };
        if name == "pipeline" {
            continue;
        }
        let step: Step = name
            .parse()
            .unwrap_or_else(|e| panic!("tests/data/steps/{file}: {e}"));
        files += 1;
        failures.extend(
            run_step_file(&file, step)
                .into_iter()
                .map(|f| format!("{file}: {f}")),
        );
    }
    assert!(files > 0);
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn every_repair_and_character_step_has_cases() {
    for &step in Step::ALL {
        if matches!(step.stage(), rinse::Stage::Repair | rinse::Stage::Character) {
            let path = support::repo().join(format!("tests/data/steps/{}.toml", step.name()));
            assert!(path.is_file(), "no cases for {step}: {}", path.display());
        }
    }
}

#[test]
fn pipeline_cases() {
    let mut failures = Vec::new();
    for case in &load("pipeline.toml").case {
        let cleaner = support::cleaner(case.config(Config::default()));
        let input = case.input();
        let expected = with_final_newline(&case.expected().unwrap_or_else(|| input.clone()));
        let cleaned = cleaner.clean_str(&input);
        if cleaned.text != expected {
            failures.push(format!(
                "{}: expected {expected:?}, got {:?}",
                case.name, cleaned.text
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
    assert!(
        failures.is_empty(),
        "pipeline.toml:\n{}",
        failures.join("\n")
    );
}
