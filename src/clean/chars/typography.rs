//! The `ascii-punctuation` and `case-fold` steps (both off by default).

use crate::clean::edit::{map_chars, Edit, Mapped, EVERY_CHAR};
use crate::clean::StepOptions;
use crate::unicode::class::TYPOGRAPHIC;

/// Turns typographic punctuation into ASCII: curly single quotes and primes
/// into `'`, curly double quotes and double primes into `"`, hyphens and
/// dashes into `-`, the minus sign into `-`, the ellipsis into `...`.
pub(crate) fn ascii_punctuation(line: &str, _: &StepOptions) -> Option<Edit> {
    map_chars(line, TYPOGRAPHIC, |_, c| match c {
        '\u{2018}'..='\u{201B}' | '\u{2032}' => Mapped::Char('\''),
        '\u{201C}'..='\u{201F}' | '\u{2033}' => Mapped::Char('"'),
        '\u{2010}'..='\u{2015}' | '\u{2212}' => Mapped::Char('-'),
        '\u{2026}' => Mapped::Str("..."),
        _ => Mapped::Keep,
    })
}

/// Folds case: Unicode lowercase mapping (locale-independent), plus the full
/// case folds that lowercasing misses: `ß`/`ẞ` → `ss`, final `ς` → `σ`,
/// long `ſ` → `s`.
pub(crate) fn case_fold(line: &str, _: &StepOptions) -> Option<Edit> {
    map_chars(line, EVERY_CHAR, |_, c| match c {
        'ß' | 'ẞ' => Mapped::Str("ss"),
        'ς' => Mapped::Char('σ'),
        'ſ' => Mapped::Char('s'),
        // Some uppercase letters have no lowercase form (`𝐓`, `ℝ`): they stay.
        c if c.is_uppercase() && !c.to_lowercase().eq([c]) => Mapped::Lowercase(c.to_lowercase()),
        _ => Mapped::Keep,
    })
}
