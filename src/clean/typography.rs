//! The `ascii-punctuation` and `case-fold` steps (both off by default).

use std::borrow::Cow;

use super::char_class::TYPOGRAPHIC;
use super::char_map::{map_chars, Mapped, EVERY_CHAR};
use super::Edit;

/// Turns typographic punctuation into ASCII: curly single quotes and primes
/// into `'`, curly double quotes and double primes into `"`, hyphens and
/// dashes into `-`, the minus sign into `-`, the ellipsis into `...`.
pub(crate) fn ascii_punctuation(line: &str) -> Option<Edit> {
    map_chars(line, TYPOGRAPHIC, |_, c| match c {
        '\u{2018}'..='\u{201B}' | '\u{2032}' => Mapped::Char('\''),
        '\u{201C}'..='\u{201F}' | '\u{2033}' => Mapped::Char('"'),
        '\u{2010}'..='\u{2015}' | '\u{2212}' => Mapped::Char('-'),
        '\u{2026}' => Mapped::Text(Cow::Borrowed("...")),
        _ => Mapped::Keep,
    })
}

/// Folds case: Unicode lowercase mapping (locale-independent), plus the full
/// case folds that lowercasing misses: `ß`/`ẞ` → `ss`, final `ς` → `σ`,
/// long `ſ` → `s`.
pub(crate) fn case_fold(line: &str) -> Option<Edit> {
    map_chars(line, EVERY_CHAR, |_, c| match c {
        'ß' | 'ẞ' => Mapped::Text(Cow::Borrowed("ss")),
        'ς' => Mapped::Char('σ'),
        'ſ' => Mapped::Char('s'),
        c if c.is_uppercase() => {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.len()) {
                (Some(one), 0) => Mapped::Char(one),
                (Some(one), _) => {
                    Mapped::Text(Cow::Owned(std::iter::once(one).chain(lower).collect()))
                }
                (None, _) => Mapped::Keep,
            }
        }
        _ => Mapped::Keep,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn curly_quotes_dashes_and_ellipsis_become_ascii() {
        let edit = ascii_punctuation("“Yes” — it’s 5−3… ‘ok’").unwrap();
        assert_eq!(edit.text, "\"Yes\" - it's 5-3... 'ok'");
    }

    #[test]
    fn guillemets_are_not_touched() {
        assert!(ascii_punctuation("« Bonjour »").is_none());
    }

    #[test]
    fn case_fold_lowercases_and_folds_sharp_s() {
        assert_eq!(
            case_fold("Straße ΟΔΟΣ İstanbul").unwrap().text,
            "strasse οδοσ i̇stanbul"
        );
    }

    #[test]
    fn case_fold_leaves_lowercase_alone() {
        assert!(case_fold("already lowercase, 123").is_none());
    }
}
