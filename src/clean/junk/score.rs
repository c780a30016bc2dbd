//! `junk-score`: the signals of a line weighed into one score (a logistic
//! model's log-odds that the line is residue), with weights from a data
//! file (`weights.toml`, fitted by `scripts/junk/fit.py`), and a cut.
//!
//! The score alone never removes a sentence of the document's language:
//! a line that ends in sentence punctuation, has four words or more (ten
//! CJK characters), enough stop words of the page's language and no sign
//! of another language is guarded; nor a byline, a credit or a dateline
//! ([`super::byline`]).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::OnceLock;

use serde::Deserialize;

use super::page::Page;
use super::signals::{Signal, Values, COUNT};
use super::stopwords::{self, Lang, StopWords};
use super::text;
use super::Live;
use crate::Error;

/// The shipped weights.
const SHIPPED: &str = include_str!("weights.toml");

/// A weights file: a threshold and a weight per signal.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WeightsFile {
    threshold: f32,
    weights: BTreeMap<String, f32>,
}

/// The compiled score: a weight per signal and the cut.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Model {
    weights: [f32; COUNT],
    /// The score at and above which a line is residue.
    pub(crate) threshold: f32,
}

impl Model {
    /// The shipped model, parsed once per process.
    pub(crate) fn shipped() -> &'static Model {
        static MODEL: OnceLock<Model> = OnceLock::new();
        MODEL.get_or_init(|| Model::parse(SHIPPED).expect("the shipped weights are valid"))
    }

    /// Parses a weights file; a signal rinse does not know is an error, a
    /// signal it does not mention weighs nothing.
    pub(crate) fn parse(toml_text: &str) -> Result<Model, Error> {
        let invalid = |message: String| Error::InvalidConfig { message };
        let file: WeightsFile = toml::from_str(toml_text).map_err(|err| {
            invalid(format!(
                "junk weights: {}",
                err.message().replace('\n', " ")
            ))
        })?;
        let mut weights = [0.0; COUNT];
        for (name, &weight) in &file.weights {
            let signal = Signal::ALL
                .iter()
                .find(|s| s.name() == name)
                .ok_or_else(|| invalid(format!("junk weights: unknown signal `{name}`")))?;
            if !weight.is_finite() {
                return Err(invalid(format!("junk weights: `{name}` is not a number")));
            }
            weights[*signal as usize] = weight;
        }
        if !file.threshold.is_finite() {
            return Err(invalid(
                "junk weights: the threshold is not a number".into(),
            ));
        }
        Ok(Model {
            weights,
            threshold: file.threshold,
        })
    }

    /// The weight of `signal`.
    pub(crate) fn weight(&self, signal: Signal) -> f32 {
        self.weights[signal as usize]
    }

    /// The score of a line with signal `values`.
    pub(crate) fn score(&self, values: &Values) -> f32 {
        self.weights.iter().zip(values).map(|(w, x)| w * x).sum()
    }

    /// The signals that raised the score most, strongest first (at most
    /// `n`): the reasons of a removal.
    pub(crate) fn top(&self, values: &Values, n: usize) -> Vec<(Signal, f32)> {
        let mut terms: Vec<(Signal, f32)> = Signal::ALL
            .iter()
            .map(|&s| (s, self.weights[s as usize] * values[s as usize]))
            .filter(|&(s, term)| term > 0.0 && s != Signal::Bias)
            .collect();
        terms.sort_by(|a, b| b.1.total_cmp(&a.1));
        terms.truncate(n);
        terms
    }

    /// Why a line with `values` and `score` is residue, for the report.
    pub(crate) fn reason(&self, values: &Values, score: f32, threshold: f32) -> String {
        let mut reason = format!("junk score {score:.1} ≥ {threshold:.1}:");
        for (i, (signal, term)) in self.top(values, 3).into_iter().enumerate() {
            let sep = if i == 0 { " " } else { ", " };
            let _ = write!(reason, "{sep}{} +{term:.1}", signal.describe());
        }
        reason
    }
}

/// Whether line `k` reads as the page's language: one of the languages
/// with a stop-word list, four words or more, a stop-word share of at least
/// 0.15 and no sign of another language.
pub(crate) fn reads_as(page: &Page, k: usize) -> bool {
    let fact = &page.facts[k];
    !page.lang.is_cjk()
        && page.lang != Lang::Other
        && fact.stop.words >= 4
        && fact.stop.share() >= 0.15
        && stopwords::foreign_of(&fact.scripts, &fact.votes, page.lang, StopWords::shipped())
            .is_none()
}

/// Whether line `k` is a byline, a credit or a dateline, which the score
/// alone never removes (nor a sentence, [`guarded`]).
pub(crate) fn byline_or_dateline(live: &Live<'_, '_>, page: &Page, k: usize) -> bool {
    super::byline::is_byline_or_dateline(live.text(k), usize::from(page.facts[k].words))
}

/// Whether line `k` is a sentence of the page's language, which the score
/// alone never removes.
pub(crate) fn guarded(live: &Live<'_, '_>, page: &Page, k: usize) -> bool {
    let fact = &page.facts[k];
    if !fact.ends_sentence {
        return false;
    }
    let line = live.text(k);
    let lang = page.lang;
    if lang.is_cjk() {
        if line.chars().filter(|&c| text::is_cjk(c)).count() < 10 {
            return false;
        }
    } else if fact.stop.words < 4 {
        return false;
    }
    let share = fact.stop.share();
    let enough = match lang {
        Lang::Zh | Lang::Ja => share >= 0.05,
        // No list: the shape of a sentence has to do.
        Lang::Other => fact.words >= 6,
        _ => share >= 0.15,
    };
    enough
        && stopwords::foreign_of(&fact.scripts, &fact.votes, lang, StopWords::shipped()).is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_weights_parse_and_name_known_signals() {
        let model = Model::shipped();
        assert!(model.threshold > 0.0);
        assert!(Model::parse("threshold = 1.0\n[weights]\nbias = 1.0\n").is_ok());
        let err = Model::parse("threshold = 1.0\n[weights]\nbogus = 1.0\n").unwrap_err();
        assert!(err.to_string().contains("unknown signal `bogus`"), "{err}");
        assert!(Model::parse("threshold = nan\n[weights]\n").is_err());
    }
}
