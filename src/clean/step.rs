//! The registry of pipeline steps: names, defaults and one-line docs.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::Error;

/// Where in the pipeline a step works.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Stage {
    /// Bytes to text and the repairs of how text was stored: encodings,
    /// byte-order marks, malformed bytes, mojibake, character references,
    /// terminal escapes. Apart from decoding, these work line by line.
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
    /// ANSI terminal escape sequences are removed.
    TerminalEscapes,
    /// HTML character references are decoded.
    HtmlEntities,
    /// UTF-8 text decoded through a single-byte code page is repaired.
    Mojibake,
    /// C0 and C1 control characters are removed.
    ControlChars,
    /// Zero-width, bidi-control and other invisible characters are removed.
    Invisibles,
    /// Latin ligatures are split.
    Ligatures,
    /// Fullwidth ASCII forms become ASCII.
    Fullwidth,
    /// Arabic presentation forms become base letters.
    ArabicPresentationForms,
    /// Arabic tatweel is removed.
    Tatweel,
    /// Unicode normalization (NFC, or NFKC when configured).
    Normalize,
    /// Text is case-folded (off by default).
    CaseFold,
    /// Words mixing scripts through a lookalike letter are repaired.
    Homoglyphs,
    /// Arabic diacritics are removed (off by default).
    ArabicDiacritics,
    /// Arabic-Indic digits become ASCII digits (off by default).
    ArabicDigits,
    /// Curly quotes, dashes and the ellipsis become ASCII (off by default).
    AsciiPunctuation,
    /// Unicode space characters become ASCII spaces.
    UnicodeSpaces,
    /// Runs of spaces and tabs inside a line become one space.
    CollapseSpaces,
    /// Whitespace at the start of each line is removed.
    LeadingWhitespace,
    /// Whitespace at the end of each line is removed.
    TrailingWhitespace,
    /// A `date 2024-03-23` prefix on the first line moves into metadata.
    MetadataPrefix,
    /// Lines that are page residue wherever they stand are removed.
    Boilerplate,
    /// Later copies of a repeated line are removed.
    DuplicateLines,
    /// Lines in another language at the edges of the article are removed.
    ForeignLines,
    /// Navigation labels and teasers at the edges of the article are removed.
    EdgeResidue,
    /// Runs of blank lines become one; blank lines at the start go.
    BlankLines,
    /// The text ends with exactly one line break; trailing blank lines go.
    FinalNewline,
}

impl Step {
    /// Every step, in the order the pipeline runs them.
    ///
    /// A line that a character step changed runs through the character steps
    /// again until nothing changes, so a later step never leaves work for an
    /// earlier one (a repaired lookalike followed by a combining mark is
    /// normalized again).
    pub const ALL: &'static [Step] = &[
        Step::Decode,
        Step::LineEndings,
        Step::TerminalEscapes,
        Step::HtmlEntities,
        Step::Mojibake,
        Step::ControlChars,
        Step::Invisibles,
        Step::Ligatures,
        Step::Fullwidth,
        Step::ArabicPresentationForms,
        Step::Tatweel,
        Step::Normalize,
        Step::CaseFold,
        Step::Homoglyphs,
        Step::ArabicDiacritics,
        Step::ArabicDigits,
        Step::AsciiPunctuation,
        Step::UnicodeSpaces,
        Step::CollapseSpaces,
        Step::LeadingWhitespace,
        Step::TrailingWhitespace,
        Step::MetadataPrefix,
        Step::Boilerplate,
        Step::DuplicateLines,
        Step::ForeignLines,
        Step::EdgeResidue,
        Step::BlankLines,
        Step::FinalNewline,
    ];

    /// The step's name as used in configs, on the command line and in reports.
    pub fn name(self) -> &'static str {
        match self {
            Step::Decode => "decode",
            Step::LineEndings => "line-endings",
            Step::TerminalEscapes => "terminal-escapes",
            Step::HtmlEntities => "html-entities",
            Step::Mojibake => "mojibake",
            Step::ControlChars => "control-chars",
            Step::Invisibles => "invisibles",
            Step::Ligatures => "ligatures",
            Step::Fullwidth => "fullwidth",
            Step::ArabicPresentationForms => "arabic-presentation-forms",
            Step::Tatweel => "tatweel",
            Step::ArabicDiacritics => "arabic-diacritics",
            Step::ArabicDigits => "arabic-digits",
            Step::AsciiPunctuation => "ascii-punctuation",
            Step::CaseFold => "case-fold",
            Step::Homoglyphs => "homoglyphs",
            Step::Normalize => "normalize",
            Step::UnicodeSpaces => "unicode-spaces",
            Step::CollapseSpaces => "collapse-spaces",
            Step::LeadingWhitespace => "leading-whitespace",
            Step::TrailingWhitespace => "trailing-whitespace",
            Step::MetadataPrefix => "metadata-prefix",
            Step::Boilerplate => "boilerplate",
            Step::DuplicateLines => "duplicate-lines",
            Step::ForeignLines => "foreign-lines",
            Step::EdgeResidue => "edge-residue",
            Step::BlankLines => "blank-lines",
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
            Step::TerminalEscapes => {
                "remove ANSI terminal escape sequences (colours, titles) left by logs and captures"
            }
            Step::HtmlEntities => {
                "decode HTML character references ending in ';' (&amp; &quot; &#8217; &nbsp;), repeatedly for double escaping"
            }
            Step::Mojibake => {
                "repair UTF-8 read as windows-1252/latin-1, -1251, -1256, -1250 or MacRoman (Ã© → é), once or twice, when it makes the text measurably less odd"
            }
            Step::ControlChars => {
                "remove C0/C1 control characters and DEL (VT, FF and NEL become a space; tab stays)"
            }
            Step::Invisibles => {
                "remove zero-width, bidi-control, soft-hyphen and stray BOM characters; keep ZWJ, ZWNJ and variation selectors where they carry meaning"
            }
            Step::Ligatures => "split Latin ligatures (ﬁ → fi)",
            Step::Fullwidth => "turn fullwidth ASCII letters, digits and punctuation into ASCII",
            Step::ArabicPresentationForms => {
                "turn Arabic presentation forms into the base letters they show (ﻻ → لا)"
            }
            Step::Tatweel => "remove Arabic tatweel (kashida), a justification stroke",
            Step::ArabicDiacritics => {
                "remove Arabic diacritics (harakat, tanween, shadda, sukun, Quranic marks); for search keys and matching"
            }
            Step::ArabicDigits => {
                "turn Arabic-Indic and Persian digits into ASCII digits; for numbers that code will parse"
            }
            Step::AsciiPunctuation => {
                "turn curly quotes, dashes, primes and the ellipsis into ASCII; for ASCII-only consumers"
            }
            Step::CaseFold => {
                "fold case (lowercase, ß → ss); for deduplication and matching keys"
            }
            Step::Homoglyphs => {
                "repair words that mix Latin, Cyrillic and Greek through a lookalike letter (rosZmі → rosZmi)"
            }
            Step::Normalize => {
                "apply Unicode normalization: NFC by default, NFKC when configured"
            }
            Step::UnicodeSpaces => {
                "turn no-break, thin, ideographic and other Unicode spaces into ASCII spaces"
            }
            Step::CollapseSpaces => "collapse runs of spaces and tabs inside a line into one space",
            Step::LeadingWhitespace => "remove whitespace at the start of each line",
            Step::TrailingWhitespace => "remove whitespace at the end of each line",
            Step::MetadataPrefix => {
                "move a `date 2024-03-23` style prefix on the first line into the metadata"
            }
            Step::Boilerplate => {
                "remove lines that are page residue anywhere: comment counters, share/follow prompts, teaser prefixes, cookie and copyright notices, menu words glued to themselves (phrase lists per language, editable)"
            }
            Step::DuplicateLines => "remove later copies of a line of 20 characters or more",
            Step::ForeignLines => {
                "remove lines in another language before the first or after the last paragraph, when the evidence is strong"
            }
            Step::EdgeResidue => {
                "remove navigation labels and source-labelled teasers before the first or after the last paragraph"
            }
            Step::BlankLines => {
                "collapse runs of blank lines into one and drop blank lines at the start"
            }
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
            Step::TerminalEscapes => "terminal escape sequences are formatting, not text",
            Step::HtmlEntities => "character references are markup left in text",
            Step::Mojibake => {
                "UTF-8 bytes were decoded in a single-byte code page; decoding them as UTF-8 gives less odd text"
            }
            Step::ControlChars => "control characters are not text",
            Step::Invisibles => "invisible characters hide differences between equal words",
            Step::Ligatures => "a ligature is a glyph choice, not different letters",
            Step::Fullwidth => "fullwidth forms are ASCII in a CJK-width glyph",
            Step::ArabicPresentationForms => {
                "presentation forms are glyph shapes; the letters are the text"
            }
            Step::Tatweel => "tatweel stretches a line for justification and carries no letter",
            Step::ArabicDiacritics => "diacritics were configured to be removed",
            Step::ArabicDigits => "Arabic-Indic digits were configured to become ASCII",
            Step::AsciiPunctuation => "typographic punctuation was configured to become ASCII",
            Step::CaseFold => "case was configured to be folded",
            Step::Homoglyphs => {
                "a lookalike letter from another script hides a word from search and matching"
            }
            Step::Normalize => "canonically equivalent text should have one spelling",
            Step::UnicodeSpaces => "exotic spaces look like spaces but do not match them",
            Step::CollapseSpaces => "repeated spaces inside a line carry no content",
            Step::LeadingWhitespace => "whitespace at the start of a line carries no content",
            Step::TrailingWhitespace => "whitespace at the end of a line carries no content",
            Step::MetadataPrefix => "a metadata prefix is not part of the text",
            Step::Boilerplate => "page residue, not article text",
            Step::DuplicateLines => "a repeated line (a caption printed twice)",
            Step::ForeignLines => "a line in another language outside the article body",
            Step::EdgeResidue => "page residue outside the article body",
            Step::BlankLines => "more than one blank line between paragraphs carries no content",
            Step::FinalNewline => "a text file ends with exactly one line break",
        }
    }

    /// Whether the step runs when the configuration says nothing about it.
    pub fn default_enabled(self) -> bool {
        !matches!(
            self,
            Step::ArabicDiacritics | Step::ArabicDigits | Step::AsciiPunctuation | Step::CaseFold
        )
    }

    /// Whether a configuration may turn the step off.
    pub fn switchable(self) -> bool {
        !matches!(self, Step::Decode)
    }

    /// Where in the pipeline the step works.
    pub fn stage(self) -> Stage {
        match self {
            Step::Decode | Step::TerminalEscapes | Step::HtmlEntities | Step::Mojibake => {
                Stage::Load
            }
            Step::LineEndings
            | Step::MetadataPrefix
            | Step::Boilerplate
            | Step::DuplicateLines
            | Step::ForeignLines
            | Step::EdgeResidue
            | Step::BlankLines
            | Step::FinalNewline => Stage::Line,
            _ => Stage::Character,
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
    fn all_lists_every_step_once_in_declaration_order() {
        for (index, &step) in Step::ALL.iter().enumerate() {
            assert_eq!(step as usize, index, "{step}");
        }
    }

    #[test]
    fn optional_steps_are_off_by_default() {
        let off: Vec<_> = Step::ALL.iter().filter(|s| !s.default_enabled()).collect();
        assert_eq!(
            off,
            [
                &Step::CaseFold,
                &Step::ArabicDiacritics,
                &Step::ArabicDigits,
                &Step::AsciiPunctuation
            ]
        );
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
