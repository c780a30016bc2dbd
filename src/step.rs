//! The steps of the pipeline, from one table.
//!
//! Everything about a step sits in its row of [`step_table!`]: its name, the
//! stage it works in, whether it runs by default, a one-line summary (shown
//! by `rinse steps`), the reason recorded with each change it makes, and, for
//! a step that works on characters inside a line, the function that runs it
//! and the character classes that wake it. [`Step`], its names and docs, and
//! the registry of character steps in `clean/registry.rs` are all derived
//! from the table, so adding a step is one row here plus its file.
//!
//! The rows are in the order the pipeline runs them ([`Step::ALL`]).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// Where in the pipeline a step works.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Stage {
    /// Bytes to text: encodings, byte-order marks, malformed bytes.
    Decode,
    /// Repairs of how text was stored or transported: mojibake, character
    /// references, terminal escapes. They see each line as it came, before
    /// the character steps.
    Repair,
    /// Characters inside one line; never removes a line.
    Character,
    /// Whole lines of the document: line breaks, blank lines, junk lines.
    Line,
}

/// Whether a step runs when the configuration says nothing about it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Default {
    /// Part of every run; cannot be switched off.
    Always,
    /// On unless switched off.
    On,
    /// Off unless switched on.
    Off,
}

/// The table of steps, one row each, handed to `$callback` (a macro that
/// takes the rows). Each row:
///
/// ```text
/// /// doc of the enum variant
/// Variant {
///     name: "kebab-name",          // configs, command line, reports
///     stage: Decode | Repair | Character | Line,
///     default: Always | On | Off,
///     run: path::to::function,     // character and repair steps only:
///     when: Trigger,               //   the function, and what wakes it
///     summary: "…",                // one line for `rinse steps`
///     reason: "…",                 // recorded with every change
/// }
/// ```
///
/// `run` paths are relative to `clean/` and `when` is a
/// `clean::registry::Trigger` (they are resolved there, in the registry).
macro_rules! step_table {
    ($callback:ident) => {
        $callback! {
            /// Bytes to text: byte-order mark, encoding, malformed bytes to U+FFFD.
            Decode {
                name: "decode",
                stage: Decode,
                default: Always,
                summary: "decode bytes to text: strip the byte-order mark, replace malformed bytes with U+FFFD",
                reason: "the bytes are not valid in the document's encoding",
            }
            /// CRLF and lone CR line breaks become LF.
            LineEndings {
                name: "line-endings",
                stage: Line,
                default: On,
                summary: "turn CRLF and lone CR line breaks into LF",
                reason: "mixed line breaks make identical text compare different",
            }
            /// ANSI terminal escape sequences are removed, and overstrikes
            /// read as the character they show.
            TerminalEscapes {
                name: "terminal-escapes",
                stage: Repair,
                default: On,
                run: repair::escapes::strip,
                when: Class(CONTROL),
                summary: "remove ANSI terminal escape sequences (colours, titles) left by logs and captures, and read nroff's backspace overstrikes (bold, underline) as the letter they show",
                reason: "terminal escape sequences and overstrikes are formatting, not text",
            }
            /// UTF-8 text decoded through a single-byte code page is repaired.
            Mojibake {
                name: "mojibake",
                stage: Repair,
                default: On,
                run: repair::mojibake::repair,
                when: Class(MOJIBAKE_PAIR),
                summary: "repair UTF-8 read as windows-1250/1251/1252 (latin-1)/1253/1254/1256/1257, ISO-8859-2, MacRoman, cp437, cp850 or KOI8-R/U (Ã© → é), once, twice or mixed, and CESU-8 emoji, when it makes the text measurably less odd",
                reason: "UTF-8 bytes were decoded in a single-byte code page; decoding them as UTF-8 gives less odd text",
            }
            /// HTML character references are decoded.
            HtmlEntities {
                name: "html-entities",
                stage: Repair,
                default: On,
                run: repair::entities::decode,
                when: Always,
                summary: "decode HTML character references ending in ';' (&amp; &quot; &#8217; &nbsp;), repeatedly for double escaping; on a line where it decoded one, mojibake looks again",
                reason: "character references are markup left in text",
            }
            /// C0 and C1 control characters are removed.
            ControlChars {
                name: "control-chars",
                stage: Character,
                default: On,
                run: chars::invisibles::controls,
                when: Class(CONTROL),
                summary: "remove C0/C1 control characters and DEL (VT, FF and NEL become a space; tab stays; a C1 control in mojibake the repair left stays)",
                reason: "control characters are not text",
            }
            /// Zero-width, bidi-control and other invisible characters are removed.
            Invisibles {
                name: "invisibles",
                stage: Character,
                default: On,
                run: chars::invisibles::invisibles,
                when: Class(INVISIBLE),
                summary: "remove zero-width, bidi-control, soft-hyphen and stray BOM characters; keep ZWJ, ZWNJ and variation selectors where they carry meaning, and a soft hyphen in mojibake the repair left",
                reason: "invisible characters hide differences between equal words",
            }
            /// Private-use characters (icon-font glyphs) are removed.
            PrivateUse {
                name: "private-use",
                stage: Character,
                default: On,
                run: chars::private_use::remove,
                when: Class(PRIVATE_USE),
                summary: "remove private-use characters (U+E000–U+F8FF, planes 15–16): icon-font glyphs such as the one before a share label",
                reason: "a private-use character is a glyph of a font the text no longer has; it shows as a box",
            }
            /// Latin ligatures are split.
            Ligatures {
                name: "ligatures",
                stage: Character,
                default: On,
                run: chars::compat::ligatures,
                when: Class(LIGATURE),
                summary: "split Latin ligatures (ﬁ → fi)",
                reason: "a ligature is a glyph choice, not different letters",
            }
            /// Fullwidth ASCII forms become ASCII.
            Fullwidth {
                name: "fullwidth",
                stage: Character,
                default: On,
                run: chars::compat::fullwidth,
                when: Class(FULLWIDTH),
                summary: "turn fullwidth ASCII letters, digits and punctuation into ASCII",
                reason: "fullwidth forms are ASCII in a CJK-width glyph",
            }
            /// Arabic presentation forms become base letters.
            ArabicPresentationForms {
                name: "arabic-presentation-forms",
                stage: Character,
                default: On,
                run: chars::arabic::presentation_forms,
                when: Class(PRESENTATION_FORM),
                summary: "turn Arabic presentation forms into the base letters they show (ﻻ → لا)",
                reason: "presentation forms are glyph shapes; the letters are the text",
            }
            /// Arabic tatweel is removed.
            Tatweel {
                name: "tatweel",
                stage: Character,
                default: On,
                run: chars::arabic::tatweel,
                when: Class(TATWEEL),
                summary: "remove Arabic tatweel (kashida), a justification stroke",
                reason: "tatweel stretches a line for justification and carries no letter",
            }
            /// Unicode normalization (NFC, or NFKC when configured).
            Normalize {
                name: "normalize",
                stage: Character,
                default: On,
                run: chars::normalize::apply,
                when: NotInert,
                summary: "apply Unicode normalization: NFC by default, NFKC when configured",
                reason: "canonically equivalent text should have one spelling",
            }
            /// Text is case-folded (off by default).
            CaseFold {
                name: "case-fold",
                stage: Character,
                default: Off,
                run: chars::typography::case_fold,
                when: Always,
                summary: "fold case (lowercase, ß → ss); for deduplication and matching keys",
                reason: "case was configured to be folded",
            }
            /// Words mixing scripts through a lookalike letter are repaired.
            Homoglyphs {
                name: "homoglyphs",
                stage: Character,
                default: On,
                run: chars::homoglyphs::apply,
                when: Class(MIXED_ALPHABETS),
                summary: "repair words that mix Latin, Cyrillic and Greek through a lookalike letter (rosZmі → rosZmi)",
                reason: "a lookalike letter from another script hides a word from search and matching",
            }
            /// Arabic diacritics are removed (off by default).
            ArabicDiacritics {
                name: "arabic-diacritics",
                stage: Character,
                default: Off,
                run: chars::arabic::diacritics,
                when: Class(ARABIC_DIACRITIC),
                summary: "remove Arabic diacritics (harakat, tanween, shadda, sukun, Quranic marks); for search keys and matching",
                reason: "diacritics were configured to be removed",
            }
            /// Arabic-Indic digits become ASCII digits (off by default).
            ArabicDigits {
                name: "arabic-digits",
                stage: Character,
                default: Off,
                run: chars::arabic::digits,
                when: Class(ARABIC_DIGIT),
                summary: "turn Arabic-Indic and Persian digits into ASCII digits; for numbers that code will parse",
                reason: "Arabic-Indic digits were configured to become ASCII",
            }
            /// Curly quotes, dashes and the ellipsis become ASCII (off by default).
            AsciiPunctuation {
                name: "ascii-punctuation",
                stage: Character,
                default: Off,
                run: chars::typography::ascii_punctuation,
                when: Class(TYPOGRAPHIC),
                summary: "turn curly quotes, dashes, primes and the ellipsis into ASCII; for ASCII-only consumers",
                reason: "typographic punctuation was configured to become ASCII",
            }
            /// Unicode space characters become ASCII spaces.
            UnicodeSpaces {
                name: "unicode-spaces",
                stage: Character,
                default: On,
                run: chars::spaces::unicode_spaces,
                when: Class(UNICODE_SPACE),
                summary: "turn no-break, thin, ideographic and other Unicode spaces into ASCII spaces (not a no-break space in mojibake the repair left)",
                reason: "exotic spaces look like spaces but do not match them",
            }
            /// Runs of spaces and tabs inside a line become one space.
            CollapseSpaces {
                name: "collapse-spaces",
                stage: Character,
                default: On,
                run: chars::spaces::collapse,
                when: Class(SPACE_RUN),
                summary: "collapse runs of spaces and tabs inside a line into one space",
                reason: "repeated spaces inside a line carry no content",
            }
            /// Whitespace at the start of each line is removed.
            LeadingWhitespace {
                name: "leading-whitespace",
                stage: Character,
                default: On,
                run: chars::spaces::leading,
                when: Class(SPACE_RUN | UNICODE_SPACE | CONTROL),
                summary: "remove whitespace at the start of each line",
                reason: "whitespace at the start of a line carries no content",
            }
            /// Whitespace at the end of each line is removed.
            TrailingWhitespace {
                name: "trailing-whitespace",
                stage: Character,
                default: On,
                run: chars::spaces::trailing,
                when: Class(SPACE_RUN | UNICODE_SPACE | CONTROL),
                summary: "remove whitespace at the end of each line",
                reason: "whitespace at the end of a line carries no content",
            }
            /// A `date 2024-03-23` prefix on the first line moves into metadata.
            MetadataPrefix {
                name: "metadata-prefix",
                stage: Line,
                default: On,
                summary: "move a `date 2024-03-23` style prefix on the first line into the metadata",
                reason: "a metadata prefix is not part of the text",
            }
            /// Lines that are page residue wherever they stand are removed.
            Boilerplate {
                name: "boilerplate",
                stage: Line,
                default: On,
                summary: "remove lines that are page residue anywhere: comment counters, share/follow prompts, teaser prefixes, teaser cards of sponsored-link widgets, cookie and copyright notices, menu words glued to themselves (phrase lists per language, editable)",
                reason: "page residue, not article text",
            }
            /// Later copies of a repeated line are removed.
            DuplicateLines {
                name: "duplicate-lines",
                stage: Line,
                default: On,
                summary: "remove a copy of a line of 20 bytes or more that is residue: right after its twin, or outside the article body; never a repeat that is structure (table of contents, refrain, credits)",
                reason: "a repeated line (a caption printed twice)",
            }
            /// Lines in another language at the edges of the article are removed.
            ForeignLines {
                name: "foreign-lines",
                stage: Line,
                default: On,
                summary: "remove lines in another language before the first or after the last paragraph, when the evidence is strong",
                reason: "a line in another language outside the article body",
            }
            /// Navigation labels and teasers at the edges of the article are removed.
            EdgeResidue {
                name: "edge-residue",
                stage: Line,
                default: On,
                summary: "remove navigation labels and source-labelled teasers before the first or after the last paragraph",
                reason: "page residue outside the article body",
            }
            /// Lines whose junk score reaches the threshold are removed.
            JunkScore {
                name: "junk-score",
                stage: Line,
                default: On,
                summary: "remove lines whose junk score (signals of the line and its place on the page, weighed by fitted weights) reaches the threshold; never a sentence in the page's language",
                reason: "page residue by its junk score",
            }
            /// Runs of blank lines become one; blank lines at the start go.
            BlankLines {
                name: "blank-lines",
                stage: Line,
                default: On,
                summary: "collapse runs of blank lines into one and drop blank lines at the start",
                reason: "more than one blank line between paragraphs carries no content",
            }
            /// The text ends with exactly one line break; trailing blank lines go.
            /// A record's text keeps its own ending (no break is added).
            FinalNewline {
                name: "final-newline",
                stage: Line,
                default: On,
                summary: "end a file with exactly one line break, dropping trailing blank lines (a record's text keeps its own ending)",
                reason: "a text file ends with exactly one line break",
            }
        }
    };
}
pub(crate) use step_table;

/// Defines [`Step`] and its metadata from the rows of [`step_table!`].
macro_rules! define_steps {
    ($(
        $(#[$meta:meta])*
        $variant:ident {
            name: $name:literal,
            stage: $stage:ident,
            default: $default:ident,
            $(run: $run:path, when: $trigger:expr,)?
            summary: $summary:literal,
            reason: $reason:literal $(,)?
        }
    )*) => {
        /// One named step of the cleaning pipeline.
        ///
        /// [`Step::ALL`] lists them in the order they run. Every change a step
        /// makes is recorded in the [`Report`](crate::Report) under the step's
        /// name, and every switchable step can be turned on or off in a
        /// [`Config`](crate::Config).
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
            $($(#[$meta])* $variant,)*
        }

        impl Step {
            /// Every step, in the order the pipeline runs them.
            ///
            /// A line that a character step changed runs through the character
            /// steps again until nothing changes, so a later step never leaves
            /// work for an earlier one (a repaired lookalike followed by a
            /// combining mark is normalized again).
            pub const ALL: &'static [Step] = &[$(Step::$variant,)*];

            /// The step's name as used in configs, on the command line and in
            /// reports.
            pub fn name(self) -> &'static str {
                match self {
                    $(Step::$variant => $name,)*
                }
            }

            /// One line saying what the step does.
            pub fn summary(self) -> &'static str {
                match self {
                    $(Step::$variant => $summary,)*
                }
            }

            /// The reason recorded in the report for each change the step
            /// makes (a change may give a more specific one).
            pub fn reason(self) -> &'static str {
                match self {
                    $(Step::$variant => $reason,)*
                }
            }

            /// Where in the pipeline the step works.
            pub fn stage(self) -> Stage {
                match self {
                    $(Step::$variant => Stage::$stage,)*
                }
            }

            fn default(self) -> Default {
                match self {
                    $(Step::$variant => Default::$default,)*
                }
            }
        }
    };
}

step_table!(define_steps);

impl Step {
    /// Whether the step runs when the configuration says nothing about it.
    pub fn default_enabled(self) -> bool {
        self.default() != Default::Off
    }

    /// Whether a configuration may turn the step off (decoding is part of
    /// every run).
    pub fn switchable(self) -> bool {
        self.default() != Default::Always
    }

    /// Whether the step removes lines inside the text (junk lines, runs of
    /// blank lines) or cuts text out of a line into the metadata: the steps
    /// `--preset fix` leaves out. `line-endings` and `final-newline` only
    /// normalize line breaks.
    pub fn removes_lines(self) -> bool {
        self.stage() == Stage::Line && !matches!(self, Step::LineEndings | Step::FinalNewline)
    }

    /// The step's bit in a set of steps.
    pub(crate) fn bit(self) -> u64 {
        1 << (self as u32)
    }
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A step name that rinse does not know.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown step `{name}` (run `rinse steps` for the list)")]
pub struct UnknownStep {
    /// The name as it was written.
    pub name: String,
}

impl FromStr for Step {
    type Err = UnknownStep;

    fn from_str(name: &str) -> Result<Step, UnknownStep> {
        Step::ALL
            .iter()
            .copied()
            .find(|step| step.name() == name)
            .ok_or_else(|| UnknownStep {
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
        assert!(Step::ALL.len() <= 64, "a step set is a u64");
    }

    #[test]
    fn optional_steps_are_off_by_default() {
        let off: Vec<&str> = Step::ALL
            .iter()
            .filter(|s| !s.default_enabled())
            .map(|s| s.name())
            .collect();
        assert_eq!(
            off,
            [
                "case-fold",
                "arabic-diacritics",
                "arabic-digits",
                "ascii-punctuation"
            ]
        );
    }

    #[test]
    fn only_decode_is_always_on() {
        let fixed: Vec<Step> = Step::ALL
            .iter()
            .copied()
            .filter(|s| !s.switchable())
            .collect();
        assert_eq!(fixed, [Step::Decode]);
    }

    #[test]
    fn steps_that_remove_lines() {
        let names: Vec<&str> = Step::ALL
            .iter()
            .filter(|s| s.removes_lines())
            .map(|s| s.name())
            .collect();
        assert_eq!(
            names,
            [
                "metadata-prefix",
                "boilerplate",
                "duplicate-lines",
                "foreign-lines",
                "edge-residue",
                "junk-score",
                "blank-lines"
            ]
        );
    }
}
