//! The registry of pipeline steps: names, defaults and one-line docs.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::Error;

/// Where in the pipeline a step works.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Stage {
    /// Bytes to text: encodings, byte-order marks, malformed bytes.
    Load,
    /// Characters inside one line; never removes a line.
    Character,
    /// Whole lines of the document: line breaks, blank lines, junk lines.
    Line,
}

/// One named step of the cleaning pipeline.
///
/// [`Step::ALL`] lists them in the order they run. Every change a step makes
/// is recorded in the [`Report`](crate::Report) under the step's name, and
/// every switchable step can be turned on or off in a [`Config`](crate::Config).
///
/// ```
/// use rinse::Step;
///
/// let step: Step = "trailing-whitespace".parse().unwrap();
/// assert_eq!(step, Step::TrailingWhitespace);
/// assert!(step.default_enabled());
/// println!("{}: {}", step.name(), step.summary());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Step {
    /// Bytes to text: byte-order mark, encoding, malformed bytes to U+FFFD.
    Decode,
    /// CRLF and lone CR line breaks become LF.
    LineEndings,
    /// Unicode normalization (NFC, or NFKC when configured).
    Normalize,
    /// Whitespace at the end of each line is removed.
    TrailingWhitespace,
    /// The text ends with exactly one line break; trailing blank lines go.
    FinalNewline,
}

impl Step {
    /// Every step, in the order the pipeline runs them.
    pub const ALL: &'static [Step] = &[
        Step::Decode,
        Step::LineEndings,
        Step::Normalize,
        Step::TrailingWhitespace,
        Step::FinalNewline,
    ];

    /// The step's name as used in configs, on the command line and in reports.
    pub fn name(self) -> &'static str {
        match self {
            Step::Decode => "decode",
            Step::LineEndings => "line-endings",
            Step::Normalize => "normalize",
            Step::TrailingWhitespace => "trailing-whitespace",
            Step::FinalNewline => "final-newline",
        }
    }

    /// One line saying what the step does.
    pub fn summary(self) -> &'static str {
        match self {
            Step::Decode => {
                "decode bytes to text: strip the byte-order mark, replace malformed bytes with U+FFFD"
            }
            Step::LineEndings => "turn CRLF and lone CR line breaks into LF",
            Step::Normalize => {
                "apply Unicode normalization: NFC by default, NFKC when configured"
            }
            Step::TrailingWhitespace => "remove whitespace at the end of each line",
            Step::FinalNewline => {
                "end the text with exactly one line break, dropping trailing blank lines"
            }
        }
    }

    /// The reason recorded in the report for each change the step makes.
    pub(crate) fn reason(self) -> &'static str {
        match self {
            Step::Decode => "the bytes are not valid in the document's encoding",
            Step::LineEndings => "mixed line breaks make identical text compare different",
            Step::Normalize => "canonically equivalent text should have one spelling",
            Step::TrailingWhitespace => "whitespace at the end of a line carries no content",
            Step::FinalNewline => "a text file ends with exactly one line break",
        }
    }

    /// Whether the step runs when the configuration says nothing about it.
    pub fn default_enabled(self) -> bool {
        true
    }

    /// Whether a configuration may turn the step off.
    pub fn switchable(self) -> bool {
        !matches!(self, Step::Decode)
    }

    /// Where in the pipeline the step works.
    pub fn stage(self) -> Stage {
        match self {
            Step::Decode => Stage::Load,
            Step::Normalize | Step::TrailingWhitespace => Stage::Character,
            Step::LineEndings | Step::FinalNewline => Stage::Line,
        }
    }

    pub(crate) fn bit(self) -> u64 {
        1 << (self as u32)
    }
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Step {
    type Err = Error;

    fn from_str(name: &str) -> Result<Step, Error> {
        Step::ALL
            .iter()
            .copied()
            .find(|step| step.name() == name)
            .ok_or_else(|| Error::UnknownStep {
                name: name.to_owned(),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_step_round_trips_through_its_name() {
        for &step in Step::ALL {
            assert_eq!(step.name().parse::<Step>().unwrap(), step);
            assert_eq!(step.to_string(), step.name());
        }
    }

    #[test]
    fn serde_name_matches_display_name() {
        for &step in Step::ALL {
            let json = serde_json::to_string(&step).unwrap();
            assert_eq!(json, format!("\"{}\"", step.name()));
        }
    }

    #[test]
    fn unknown_step_name_is_an_error_naming_it() {
        let err = "trailing-space".parse::<Step>().unwrap_err();
        assert!(err.to_string().contains("`trailing-space`"), "{err}");
    }

    #[test]
    fn step_bits_are_distinct() {
        let mut seen = 0u64;
        for &step in Step::ALL {
            assert_eq!(seen & step.bit(), 0, "{step}");
            seen |= step.bit();
        }
    }
}
