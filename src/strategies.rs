//! proptest strategies of damaged text, for other projects' property tests.
//!
//! [`damaged_text`] gives real text from the corpus (lines of its documents,
//! in English, Arabic, Russian and French), damaged the way text is damaged
//! in the wild, with the text cleaning must give back; [`damaged`] wraps any
//! text strategy of yours in damage that cleaning always undoes:
//!
//! ```
//! use proptest::prelude::*;
//!
//! proptest!(|(case in rinse::strategies::damaged_text())| {
//!     let cleaned = rinse::clean_bytes(&case.damaged);
//!     prop_assert_eq!(cleaned.text, case.clean);
//! });
//! ```

use proptest::prelude::*;

use crate::damage::Damage;
use crate::fixtures::{self, Source};

/// One damaged text and what cleaning must make of it.
#[derive(Clone, Debug)]
pub struct DamagedCase {
    /// The text as rinse cleans the undamaged original.
    pub clean: String,
    /// The damaged bytes.
    pub damaged: Vec<u8>,
    /// The damage applied.
    pub damage: Damage,
}

/// The lines of the corpus's undamaged documents, as rinse cleans them, of
/// four words or more.
fn corpus_lines() -> Vec<String> {
    fixtures::all()
        .iter()
        .filter(|fixture| fixture.source != Source::Damaged)
        .flat_map(|fixture| fixture.expected().lines())
        .filter(|line| line.split_whitespace().count() >= 4)
        .map(str::to_owned)
        .collect()
}

/// The damage that cleaning undoes exactly: UTF-16 with a byte-order mark,
/// a UTF-8 byte-order mark with CRLF, windows-1252 mojibake, its C1 variant,
/// and HTML character references.
pub fn reversible_damage() -> impl Strategy<Value = Damage> {
    prop::sample::select(vec![
        Damage::Utf16LeBom,
        Damage::Utf8BomCrlf,
        Damage::Mojibake(crate::Encoding::WINDOWS_1252),
        Damage::C1Mojibake,
        Damage::HtmlEntities,
    ])
}

/// One to four real lines of the corpus, under one reversible damage.
pub fn damaged_text() -> impl Strategy<Value = DamagedCase> {
    let lines = prop::sample::subsequence(corpus_lines(), 1..=4);
    (lines, reversible_damage()).prop_map(|(lines, damage)| {
        let text = lines.join("\n") + "\n";
        DamagedCase {
            clean: crate::clean_str(&text).text,
            damaged: damage.apply(&text),
            damage,
        }
    })
}

/// Any text from `text`, under damage that cleaning undoes for every
/// string: UTF-16LE with a byte-order mark, or a UTF-8 byte-order mark with
/// CRLF line breaks. `clean` is the text cleaned as UTF-8.
///
/// ```
/// use proptest::prelude::*;
///
/// proptest!(|(case in rinse::strategies::damaged(any::<String>()))| {
///     let cleaned = rinse::clean_bytes(&case.damaged);
///     prop_assert_eq!(cleaned.text, case.clean);
/// });
/// ```
pub fn damaged(text: impl Strategy<Value = String>) -> impl Strategy<Value = DamagedCase> {
    let damage = prop::sample::select(vec![Damage::Utf16LeBom, Damage::Utf8BomCrlf]);
    let as_utf8 =
        crate::Cleaner::new(crate::Config::default().force_encoding(crate::Encoding::UTF_8))
            .expect("the default config with an encoding is valid");
    (text, damage).prop_map(move |(text, damage)| DamagedCase {
        clean: as_utf8.clean_bytes(text.as_bytes()).text,
        damaged: damage.apply(&text),
        damage,
    })
}
