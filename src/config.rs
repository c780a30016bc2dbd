//! Which steps run, and how: the [`Config`] type and its TOML form.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::load::Encoding;
use crate::{Error, Step};

/// The Unicode normalization form the `normalize` step applies.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NormalizationForm {
    /// Canonical composition. Changes only the spelling of canonically
    /// equivalent text (`e` + U+0301 becomes `é`); never the meaning.
    #[default]
    Nfc,
    /// Compatibility composition. Also folds compatibility characters:
    /// ligatures (`ﬁ` → `fi`), fullwidth letters, superscripts (`x²` → `x2`),
    /// fractions (`½` → `1⁄2`), circled digits, Arabic presentation forms.
    /// This loses information (`x²` and `x2` become the same text), so use it
    /// only where matching matters more than fidelity, such as search keys.
    Nfkc,
}

/// How much of each change the [`Report`](crate::Report) keeps.
///
/// ```
/// use rinse::{Cleaner, Config, ReportDetail, Step};
///
/// let counts = Cleaner::new(Config::default().report_detail(ReportDetail::Counts))?;
/// let cleaned = counts.clean_str("one  \ntwo  \n");
/// assert_eq!(cleaned.text, "one\ntwo\n");
/// // One entry per step, with its first line and its total (four spaces
/// // on two lines), without excerpts.
/// let trailing: Vec<_> = cleaned.report.changes_by(Step::TrailingWhitespace).collect();
/// assert_eq!((trailing.len(), trailing[0].line, trailing[0].count), (1, 1, 4));
/// assert!(trailing[0].before.is_empty());
/// # Ok::<(), rinse::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum ReportDetail {
    /// Every change listed with its line, excerpts and reason (up to 10,000
    /// per step; the rest of a step's changes are added up).
    #[default]
    Changes,
    /// Only counts: one entry per step that changed something, with its
    /// first line and its number of occurrences, and the lines that mix
    /// scripts without their mix. For runs where nobody reads the report
    /// (the text is all that is wanted), building excerpts, reasons and
    /// mixes is skipped; the text is the same.
    Counts,
}

/// A named set of steps to start from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Preset {
    /// Every step at its default: repair, normalize, and remove junk lines.
    #[default]
    Full,
    /// Character-level repair only: no line is removed and nothing is cut
    /// into the metadata (the steps for which [`Step::removes_lines`] holds
    /// are off).
    Fix,
}

impl std::str::FromStr for Preset {
    type Err = Error;

    fn from_str(name: &str) -> Result<Preset, Error> {
        match name {
            "full" => Ok(Preset::Full),
            "fix" => Ok(Preset::Fix),
            other => Err(Error::InvalidConfig {
                message: format!("unknown preset `{other}` (use `full` or `fix`)"),
            }),
        }
    }
}

/// The settings of one cleaning run: which steps are on, and their options.
/// A `Config` is a description; [`Cleaner::new`](crate::Cleaner::new)
/// validates and compiles it.
///
/// `Config::default()` is the full clean with every step at its default.
/// Steps are switched by value, so a configuration reads as one expression:
///
/// ```
/// use rinse::{Config, Step};
///
/// let config = Config::default().disable(Step::Normalize);
/// assert!(!config.is_enabled(Step::Normalize));
/// assert!(config.is_enabled(Step::TrailingWhitespace));
/// ```
///
/// The same settings in TOML, as `rinse --config` reads them:
///
/// ```
/// use rinse::{Config, NormalizationForm, Step};
///
/// let config = Config::from_toml_str(r#"
///     encoding = "windows-1256"   # force a decoding instead of detecting one
///     normalization = "nfkc"
///
///     [steps]
///     trailing-whitespace = false
///
///     [boilerplate]
///     add = ["Sponsored by ACME"]  # whole lines that are residue on your site
///     remove = ["details"]         # a shipped phrase that is content for you
/// "#).unwrap();
/// assert_eq!(config.forced_encoding().unwrap().name(), "windows-1256");
/// assert_eq!(config.normalization(), NormalizationForm::Nfkc);
/// assert!(!config.is_enabled(Step::TrailingWhitespace));
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    enabled: u64,
    encoding: Option<Encoding>,
    normalization: NormalizationForm,
    boilerplate_add: Vec<String>,
    boilerplate_remove: Vec<String>,
    junk: JunkOptions,
    detail: ReportDetail,
}

/// The options of the junk score: the cut, tagging instead of removing,
/// other weights.
#[derive(Clone, Debug, Default, PartialEq)]
struct JunkOptions {
    threshold: Option<f32>,
    tag: bool,
    weights: Option<String>,
}

impl Default for Config {
    fn default() -> Config {
        let enabled = Step::ALL
            .iter()
            .filter(|step| step.default_enabled())
            .fold(0, |bits, step| bits | step.bit());
        Config {
            enabled,
            encoding: None,
            normalization: NormalizationForm::default(),
            boilerplate_add: Vec::new(),
            boilerplate_remove: Vec::new(),
            junk: JunkOptions::default(),
            detail: ReportDetail::default(),
        }
    }
}

impl Config {
    /// Character-level repair only (`--preset fix`): decoding, mojibake,
    /// entities, invisible and control characters, spaces, normalization,
    /// line endings. No line is removed and no metadata is taken out.
    ///
    /// ```
    /// use rinse::{Config, Step};
    ///
    /// let fix = Config::preset_fix();
    /// assert!(fix.is_enabled(Step::Mojibake));
    /// assert!(!fix.is_enabled(Step::Boilerplate));
    /// ```
    pub fn preset_fix() -> Config {
        Config::default().preset(Preset::Fix)
    }

    /// Applies a preset on top of this configuration: [`Preset::Fix`] turns
    /// off every step that removes lines, [`Preset::Full`] turns them back
    /// on. Other settings (the other steps, the encoding, the phrases) stay
    /// as they are, so a preset composes with a configuration file.
    ///
    /// ```
    /// use rinse::{Config, Preset, Step};
    ///
    /// let config = Config::default()
    ///     .disable(Step::TrailingWhitespace)
    ///     .preset(Preset::Fix);
    /// assert!(!config.is_enabled(Step::Boilerplate));
    /// assert!(!config.is_enabled(Step::TrailingWhitespace));
    /// assert!(config.preset(Preset::Full).is_enabled(Step::Boilerplate));
    /// ```
    pub fn preset(self, preset: Preset) -> Config {
        let on = preset == Preset::Full;
        Step::ALL
            .iter()
            .copied()
            .filter(|step| step.removes_lines())
            .fold(self, |config, step| {
                if on {
                    config.enable(step)
                } else {
                    config.disable(step)
                }
            })
    }

    /// Whether `step` runs under this configuration.
    pub fn is_enabled(&self, step: Step) -> bool {
        self.enabled & step.bit() != 0
    }

    /// Turns `step` on.
    pub fn enable(mut self, step: Step) -> Config {
        self.enabled |= step.bit();
        self
    }

    /// Turns `step` off. A step that is part of every run (see
    /// [`Step::switchable`]) cannot be: [`Cleaner::new`](crate::Cleaner::new)
    /// refuses such a configuration, and [`Config::set`] refuses at once.
    pub fn disable(mut self, step: Step) -> Config {
        self.enabled &= !step.bit();
        self
    }

    /// Turns `step` on or off, refusing to turn off a step that every run needs.
    pub fn set(self, step: Step, on: bool) -> Result<Config, Error> {
        match (on, step.switchable()) {
            (true, _) => Ok(self.enable(step)),
            (false, true) => Ok(self.disable(step)),
            (false, false) => Err(Error::StepNotSwitchable { step }),
        }
    }

    /// Decodes every input with `encoding` instead of detecting one.
    /// A byte-order mark of the same encoding is still removed.
    pub fn force_encoding(mut self, encoding: Encoding) -> Config {
        self.encoding = Some(encoding);
        self
    }

    /// The encoding every input is decoded with, if one was forced.
    pub fn forced_encoding(&self) -> Option<Encoding> {
        self.encoding
    }

    /// Checks what the builder methods accept but no run can honour: a step
    /// that every run needs, switched off.
    pub(crate) fn validate(&self) -> Result<(), Error> {
        match Step::ALL
            .iter()
            .find(|step| !step.switchable() && !self.is_enabled(**step))
        {
            Some(&step) => Err(Error::StepNotSwitchable { step }),
            None => Ok(()),
        }
    }

    /// Sets the normalization form of the `normalize` step.
    pub fn normalization_form(mut self, form: NormalizationForm) -> Config {
        self.normalization = form;
        self
    }

    /// The normalization form of the `normalize` step.
    pub fn normalization(&self) -> NormalizationForm {
        self.normalization
    }

    /// Adds a whole-line phrase to the `boilerplate` lists (matched without
    /// regard to case or surrounding punctuation; `{n}` stands for a number).
    pub fn add_boilerplate(mut self, phrase: impl Into<String>) -> Config {
        self.boilerplate_add.push(phrase.into());
        self
    }

    /// Removes a phrase from the shipped `boilerplate` and edge lists, for
    /// texts where it is real content.
    pub fn remove_boilerplate(mut self, phrase: impl Into<String>) -> Config {
        self.boilerplate_remove.push(phrase.into());
        self
    }

    /// The phrases added to and removed from the shipped lists.
    pub fn boilerplate_edits(&self) -> (&[String], &[String]) {
        (&self.boilerplate_add, &self.boilerplate_remove)
    }

    /// Sets the junk score at and above which `junk-score` removes a line
    /// (the shipped weights carry their own default; a higher cut removes
    /// less). The score is a log-odds: 4 means the model finds residue about
    /// 50 times likelier than article text.
    ///
    /// ```
    /// let config = rinse::Config::default().junk_threshold(6.0);
    /// assert_eq!(config.junk_score_threshold(), Some(6.0));
    /// ```
    pub fn junk_threshold(mut self, threshold: f32) -> Config {
        self.junk.threshold = Some(threshold);
        self
    }

    /// The junk threshold set, if one was (else the weights' own).
    pub fn junk_score_threshold(&self) -> Option<f32> {
        self.junk.threshold
    }

    /// Keeps every junk line and tags every line instead: the cleaned text
    /// keeps the lines the junk rules and score would remove, and
    /// [`Cleaned::tags`](crate::Cleaned::tags) holds each line's span, score,
    /// label, rule and reason, so a corpus team can choose its own cut.
    ///
    /// ```
    /// use rinse::{Cleaner, Config, JunkLabel};
    ///
    /// let cleaner = Cleaner::new(Config::default().tag_junk(true))?;
    /// let cleaned = cleaner.clean_str("An article of one sentence, long enough to be a paragraph.\n\n12 comments\n");
    /// assert!(cleaned.text.contains("12 comments"));
    /// let last = cleaned.tags.last().unwrap();
    /// assert_eq!((last.label, last.step), (JunkLabel::Junk, Some(rinse::Step::Boilerplate)));
    /// assert_eq!(&cleaned.text[last.start..last.end], "12 comments");
    /// # Ok::<(), rinse::Error>(())
    /// ```
    pub fn tag_junk(mut self, on: bool) -> Config {
        self.junk.tag = on;
        self
    }

    /// Whether junk lines are tagged instead of removed.
    pub fn junk_tagging(&self) -> bool {
        self.junk.tag
    }

    /// Weighs the junk signals with other weights: the text of a weights
    /// file in the form of the shipped `src/clean/junk/weights.toml` (a
    /// `threshold` and a `[weights]` table by signal name), such as
    /// `scripts/junk/fit.py` writes from labelled pages of your own.
    /// [`Cleaner::new`](crate::Cleaner::new) refuses unknown signals.
    pub fn junk_weights(mut self, weights_toml: impl Into<String>) -> Config {
        self.junk.weights = Some(weights_toml.into());
        self
    }

    /// The weights set with [`Config::junk_weights`], if any.
    pub fn junk_weights_text(&self) -> Option<&str> {
        self.junk.weights.as_deref()
    }

    /// Sets how much of each change the report keeps (see [`ReportDetail`]).
    pub fn report_detail(mut self, detail: ReportDetail) -> Config {
        self.detail = detail;
        self
    }

    /// How much of each change the report keeps.
    pub fn reporting(&self) -> ReportDetail {
        self.detail
    }

    /// Parses a configuration from TOML, starting from the defaults.
    ///
    /// Unknown keys, unknown step names and unknown encodings are errors, so a
    /// typo never silently leaves a step on.
    pub fn from_toml_str(toml_text: &str) -> Result<Config, Error> {
        let raw: RawConfig = toml::from_str(toml_text).map_err(|err| Error::InvalidConfig {
            message: err.message().replace('\n', " "),
        })?;
        let mut config = Config::default().preset(raw.preset.unwrap_or_default());
        if let Some(label) = raw.encoding {
            config = config.force_encoding(label.parse()?);
        }
        if let Some(form) = raw.normalization {
            config = config.normalization_form(form);
        }
        for (name, on) in raw.steps {
            config = config.set(name.parse()?, on)?;
        }
        config.boilerplate_add = raw.boilerplate.add;
        config.boilerplate_remove = raw.boilerplate.remove;
        config.junk.threshold = raw.junk.threshold;
        config.junk.tag = raw.junk.tag;
        if let Some(detail) = raw.report {
            config.detail = detail;
        }
        Ok(config)
    }

    /// Reads and parses a TOML configuration file; errors name the file.
    pub fn from_path(path: &Path) -> Result<Config, Error> {
        let text = std::fs::read_to_string(path).map_err(|cause| Error::Io {
            path: path.to_owned(),
            cause,
        })?;
        Config::from_toml_str(&text).map_err(|err| err.with_path(path))
    }
}

/// The TOML form of a [`Config`], before validation.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    preset: Option<Preset>,
    encoding: Option<String>,
    normalization: Option<NormalizationForm>,
    report: Option<ReportDetail>,
    #[serde(default)]
    steps: BTreeMap<String, bool>,
    #[serde(default)]
    boilerplate: RawPhrases,
    #[serde(default)]
    junk: RawJunk,
}

/// `[junk]` in TOML: the score's threshold, tagging instead of removing.
#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawJunk {
    threshold: Option<f32>,
    #[serde(default)]
    tag: bool,
}

/// `[boilerplate]` in TOML: phrases added to and removed from the lists.
#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPhrases {
    #[serde(default)]
    add: Vec<String>,
    #[serde(default)]
    remove: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_enables_every_default_step() {
        let config = Config::default();
        for &step in Step::ALL {
            assert_eq!(config.is_enabled(step), step.default_enabled(), "{step}");
        }
    }

    #[test]
    fn decode_cannot_be_switched_off() {
        let err = Config::default()
            .disable(Step::Decode)
            .validate()
            .unwrap_err();
        assert!(err.to_string().contains("`decode`"), "{err}");
        let err = Config::default().set(Step::Decode, false).unwrap_err();
        assert!(err.to_string().contains("`decode`"), "{err}");
        assert!(Config::default().validate().is_ok());
    }

    #[test]
    fn toml_preset_is_the_base_and_steps_apply_on_top() {
        let config =
            Config::from_toml_str("preset = \"fix\"\n[steps]\nduplicate-lines = true\n").unwrap();
        assert!(!config.is_enabled(Step::Boilerplate));
        assert!(config.is_enabled(Step::DuplicateLines));
    }

    #[test]
    fn replacement_encodings_are_refused_with_a_reason() {
        let err = Config::from_toml_str("encoding = \"hz-gb-2312\"\n").unwrap_err();
        assert!(err.to_string().contains("not supported"), "{err}");
    }

    #[test]
    fn toml_unknown_step_is_rejected_by_name() {
        let err = Config::from_toml_str("[steps]\nnfc = false\n").unwrap_err();
        assert!(err.to_string().contains("unknown step `nfc`"), "{err}");
    }

    #[test]
    fn toml_unknown_key_is_rejected() {
        let err = Config::from_toml_str("encodng = \"utf-8\"\n").unwrap_err();
        assert!(err.to_string().starts_with("invalid config:"), "{err}");
        assert!(!err.to_string().contains('\n'), "one line: {err}");
    }

    #[test]
    fn toml_unknown_encoding_is_rejected_by_label() {
        let err = Config::from_toml_str("encoding = \"klingon\"\n").unwrap_err();
        assert!(err.to_string().contains("`klingon`"), "{err}");
    }

    #[test]
    fn toml_encoding_label_aliases_resolve_to_whatwg_names() {
        let config = Config::from_toml_str("encoding = \"latin1\"\n").unwrap();
        assert_eq!(config.forced_encoding().unwrap().name(), "windows-1252");
    }

    #[test]
    fn toml_boilerplate_edits() {
        let config = Config::from_toml_str(
            "[boilerplate]\nadd = [\"Sponsored by ACME\"]\nremove = [\"details\"]\n",
        )
        .unwrap();
        let (add, remove) = config.boilerplate_edits();
        assert_eq!(add, ["Sponsored by ACME"]);
        assert_eq!(remove, ["details"]);
    }

    #[test]
    fn preset_fix_turns_off_exactly_the_steps_that_remove_lines() {
        // Written out, not derived from `removes_lines`: this is the promise.
        let off = [
            "metadata-prefix",
            "boilerplate",
            "duplicate-lines",
            "foreign-lines",
            "edge-residue",
            "junk-score",
            "blank-lines",
        ];
        let fix = Config::preset_fix();
        for &step in Step::ALL {
            let expected = step.default_enabled() && !off.contains(&step.name());
            assert_eq!(fix.is_enabled(step), expected, "{step}");
        }
    }

    #[test]
    fn toml_junk_options() {
        let config = Config::from_toml_str("[junk]\nthreshold = 6.5\ntag = true\n").unwrap();
        assert_eq!(config.junk_score_threshold(), Some(6.5));
        assert!(config.junk_tagging());
        assert!(Config::from_toml_str("[junk]\ncut = 1\n").is_err());
    }

    #[test]
    fn empty_toml_is_the_default() {
        assert_eq!(Config::from_toml_str("").unwrap(), Config::default());
    }

    #[test]
    fn from_path_names_the_missing_file() {
        let err = Config::from_path(Path::new("/no/such/rinse.toml")).unwrap_err();
        assert!(
            err.to_string().starts_with("/no/such/rinse.toml: "),
            "{err}"
        );
    }
}
