//! The tools compared and how one output is judged.
//!
//! Every comparison is made after the *neutral normalizations* ([`neutral`]):
//! Unicode NFC, every run of whitespace (`char::is_whitespace`: ASCII spaces,
//! no-break and other Unicode spaces) as one ASCII space, no whitespace at the
//! ends. `--preset fix` normalizes exactly these on every line, and they never
//! change a letter; anything else a tool changes counts.

use unicode_normalization::UnicodeNormalization;

use super::cases::Case;

/// A repair tool under measurement.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tool {
    /// `rinse::clean_str` with every step off but `mojibake` (and `decode`,
    /// which cannot be switched off).
    RinseMojibake,
    /// `rinse::clean_str` with `Config::preset_fix()`.
    RinseFix,
    /// `ftfy.fix_encoding`: ftfy's encoding repair alone.
    FtfyEncoding,
    /// `ftfy.fix_text(uncurl_quotes=False)`: ftfy's default fixers but the
    /// one that straightens curly quotes.
    FtfyFixText,
}

impl Tool {
    pub fn name(self) -> &'static str {
        match self {
            Tool::RinseMojibake => "rinse:mojibake",
            Tool::RinseFix => "rinse:fix",
            Tool::FtfyEncoding => "ftfy:encoding",
            Tool::FtfyFixText => "ftfy:fix_text",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }

    /// Whether the tool decodes HTML character references, so that it must
    /// give [`Case::expected_unescaped`] where a case has one.
    pub fn decodes_entities(self) -> bool {
        matches!(self, Tool::RinseFix | Tool::FtfyFixText)
    }
}

/// The verdict on one output.
///
/// For damaged cases: `Exact` (the expected text), `Left` (the input, or
/// what the tool gives with its encoding repair switched off: the repair did
/// nothing), `Wrong` (anything else: a wrong or partial repair). For
/// leave-alone cases only `Exact` (kept) and `Wrong` (a false positive).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Exact,
    Left,
    Wrong,
}

impl Outcome {
    pub fn name(self) -> &'static str {
        match self {
            Outcome::Exact => "exact",
            Outcome::Left => "left",
            Outcome::Wrong => "wrong",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

/// The text after the neutral normalizations (see the module docs).
pub fn neutral(text: &str) -> String {
    let composed: String = text.nfc().collect();
    let mut out = String::with_capacity(composed.len());
    for word in composed.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Judges `output`, the result of `tool` on `case`. `base` gives, when
/// asked, the tool's output with its encoding repair switched off (for tools
/// whose other steps change damaged text too: `--preset fix` removes the C1
/// controls of unrepaired latin-1 mojibake).
pub fn judge(
    case: &Case,
    tool: Tool,
    output: &str,
    base: impl FnOnce() -> Option<String>,
) -> Outcome {
    let expected = match (&case.expected_unescaped, tool.decodes_entities()) {
        (Some(unescaped), true) => unescaped,
        _ => &case.expected,
    };
    let output = neutral(output);
    if output == neutral(expected) {
        return Outcome::Exact;
    }
    if let Some(lost) = &case.lost {
        if lossy_match(expected, lost, &output) {
            return Outcome::Exact;
        }
    }
    if case.is_clean() {
        return Outcome::Wrong;
    }
    if output == neutral(&case.input) {
        return Outcome::Left;
    }
    if base().is_some_and(|base| output == neutral(&base)) {
        return Outcome::Left;
    }
    Outcome::Wrong
}

/// At most this many ways of choosing which lost characters a lossy repair
/// recovered are tried.
const MAX_CHOICES: u64 = 4096;

/// Whether `output` (normalized) is `expected` with each lost character
/// either recovered or replaced by exactly one U+FFFD.
///
/// That is what "exact" means for a lossy case: every character whose bytes
/// survive is repaired, every character whose bytes were destroyed is
/// either guessed right or marked by one U+FFFD, and no letter is wrong.
fn lossy_match(expected: &str, lost: &[usize], output: &str) -> bool {
    let chars: Vec<char> = expected.chars().collect();
    let lost: Vec<usize> = lost.iter().copied().filter(|&i| i < chars.len()).collect();
    let count = |text: &str| text.chars().filter(|&c| c == '\u{FFFD}').count();
    // The U+FFFD the output has beyond those of the expected text: how many
    // lost characters it marked rather than recovered.
    let Some(marked) = count(output).checked_sub(count(expected)) else {
        return false;
    };
    if marked == 0 || marked > lost.len() || choose(lost.len() as u64, marked as u64) > MAX_CHOICES
    {
        return false;
    }
    let mut chosen = Vec::with_capacity(marked);
    any_combination(lost.len(), marked, 0, &mut chosen, &mut |chosen| {
        let mut candidate = chars.clone();
        for &pick in chosen {
            candidate[lost[pick]] = '\u{FFFD}';
        }
        neutral(&candidate.into_iter().collect::<String>()) == output
    })
}

/// Calls `test` on every `k`-subset of `0..n` (in `chosen`), until it
/// returns true.
fn any_combination(
    n: usize,
    k: usize,
    from: usize,
    chosen: &mut Vec<usize>,
    test: &mut impl FnMut(&[usize]) -> bool,
) -> bool {
    if chosen.len() == k {
        return test(chosen);
    }
    for next in from..n {
        if n - next < k - chosen.len() {
            break;
        }
        chosen.push(next);
        let found = any_combination(n, k, next + 1, chosen, test);
        chosen.pop();
        if found {
            return true;
        }
    }
    false
}

/// n choose k, saturating.
fn choose(n: u64, k: u64) -> u64 {
    let k = k.min(n - k.min(n));
    (0..k).fold(1u64, |acc, i| acc.saturating_mul(n - i) / (i + 1))
}
