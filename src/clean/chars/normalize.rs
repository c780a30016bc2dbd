//! The `normalize` step: Unicode normalization to NFC or NFKC.
//!
//! Almost all real text is already in NFC, so the step first proves that
//! cheaply: ASCII is skipped eight bytes at a time, and every other character
//! in the Basic Multilingual Plane is looked up in a bitmap of characters that
//! are *inert* (quick-check "yes" and combining class 0, so no neighbour can
//! change them). Only a line that contains a non-inert character goes through
//! the full quick-check, and only one that fails it is normalized.

use unicode_normalization::{is_nfc_quick, is_nfkc_quick, IsNormalized, UnicodeNormalization};

use crate::clean::edit::Edit;
use crate::clean::StepOptions;
use crate::report::Action;
use crate::unicode::ascii::ascii_prefix_len;
use crate::unicode::class::{Entry, NOT_NFC_INERT, NOT_NFKC_INERT};
use crate::unicode::table::{self, entry_of_three_byte, entry_of_two_byte};
use crate::NormalizationForm;

/// The class bit of characters that are not inert under `form`.
fn not_inert_bit(form: NormalizationForm) -> Entry {
    match form {
        NormalizationForm::Nfc => NOT_NFC_INERT,
        NormalizationForm::Nfkc => NOT_NFKC_INERT,
    }
}

/// Characters that are inert under a normalization form, through the
/// character table.
struct Inert {
    bit: Entry,
}

impl Inert {
    fn get(form: NormalizationForm) -> Inert {
        Inert {
            bit: not_inert_bit(form),
        }
    }

    fn is_inert(&self, c: char) -> bool {
        table::entry(c) & self.bit == 0
    }

    fn is_inert_code_point(&self, cp: u32) -> bool {
        table::entry_of(cp) & self.bit == 0
    }
}

/// The byte offset of the first character of `text` at or after `from`
/// that is not inert; `None` when there is none.
///
/// Works on the bytes: ASCII runs are skipped eight bytes at a time, and two-
/// and three-byte sequences (every script of the Basic Multilingual Plane)
/// are decoded in place, since `text` is known to be valid UTF-8.
fn first_non_inert(text: &str, from: usize, table: &Inert) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut at = from;
    loop {
        // Words of a two-byte script (Arabic, Cyrillic, Greek, Hebrew) and
        // the spaces between them: a character through the direct table, or
        // a space before one, a turn.
        let mut rest = &bytes[at.min(bytes.len())..];
        while let [lead, cont, ref tail @ ..] = *rest {
            if lead & 0xE0 == 0xC0 {
                if entry_of_two_byte(lead, cont) & table.bit != 0 {
                    break;
                }
                rest = tail;
            } else if lead == b' ' && cont & 0xE0 == 0xC0 {
                rest = &rest[1..];
            } else {
                break;
            }
        }
        at = bytes.len() - rest.len();
        let &lead = bytes.get(at)?;
        let (cp, len) = match lead {
            0x00..=0x7F => {
                // A lone space between two words is stepped over at once.
                at += match bytes.get(at + 1) {
                    Some(&next) if next >= 0x80 => 1,
                    _ => ascii_prefix_len(&bytes[at..]),
                };
                continue;
            }
            0xC0..=0xDF => {
                if entry_of_two_byte(lead, bytes[at + 1]) & table.bit != 0 {
                    return Some(at);
                }
                at += 2;
                continue;
            }
            0xE0..=0xEF => {
                // Words of a three-byte script (Thai, Devanagari, CJK) and
                // the spaces between them, the same way.
                let mut rest = &bytes[at..];
                while let [lead, second, third, ref tail @ ..] = *rest {
                    if lead & 0xF0 == 0xE0 {
                        if entry_of_three_byte(lead, second, third) & table.bit != 0 {
                            return Some(bytes.len() - rest.len());
                        }
                        rest = tail;
                    } else if lead == b' ' && second & 0xF0 == 0xE0 {
                        rest = &rest[1..];
                    } else {
                        break;
                    }
                }
                at = bytes.len() - rest.len();
                continue;
            }
            _ => {
                let c = text[at..].chars().next()?;
                (c as u32, c.len_utf8())
            }
        };
        if !table.is_inert_code_point(cp) {
            return Some(at);
        }
        at += len;
    }
}

/// The normalization segment around the non-inert character at `at`: from
/// the character before it (inert, or the start of the text) up to the next
/// inert character. Normalization never crosses the start of a segment, so
/// normalizing each segment on its own gives the same text as normalizing
/// the whole.
fn segment_around(text: &str, at: usize, table: &Inert) -> std::ops::Range<usize> {
    let start = text[..at].char_indices().next_back().map_or(0, |(i, _)| i);
    let end = text[at..]
        .char_indices()
        .skip(1)
        .find(|&(_, c)| table.is_inert(c))
        .map_or(text.len(), |(i, _)| at + i);
    start..end
}

/// The most characters a normalization segment (a character and the marks
/// that follow it) can have to be normalized. Longer ones (a letter under
/// hundreds of stacked marks, "Zalgo" text) are left as they are: reordering
/// them costs time in proportion to their length squared, and no writing
/// system stacks more (Unicode's stream-safe format allows 30 marks).
const MAX_SEGMENT_CHARS: usize = 32;

/// Whether `segment` is too long to normalize (see [`MAX_SEGMENT_CHARS`]).
fn too_long(segment: &str) -> bool {
    segment.len() > MAX_SEGMENT_CHARS && segment.chars().nth(MAX_SEGMENT_CHARS).is_some()
}

/// Whether `text` is already in `form`, without allocating in the common
/// case: only the segments around non-inert characters are checked, and
/// segments too long to normalize count as normalized.
pub(crate) fn is_normalized(text: &str, form: NormalizationForm) -> bool {
    let table = &Inert::get(form);
    let mut from = 0;
    while let Some(at) = first_non_inert(text, from, table) {
        let segment = segment_around(text, at, table);
        let part = &text[segment.clone()];
        if too_long(part) {
            from = segment.end;
            continue;
        }
        let ok = match quick_check(part, form) {
            IsNormalized::Yes => true,
            IsNormalized::No => false,
            // Compared as it is composed: no string built per segment.
            IsNormalized::Maybe => match form {
                NormalizationForm::Nfc => part.nfc().eq(part.chars()),
                NormalizationForm::Nfkc => part.nfkc().eq(part.chars()),
            },
        };
        if !ok {
            return false;
        }
        from = segment.end;
    }
    true
}

/// The quick check of `segment` under `form`.
fn quick_check(segment: &str, form: NormalizationForm) -> IsNormalized {
    match form {
        NormalizationForm::Nfc => is_nfc_quick(segment.chars()),
        NormalizationForm::Nfkc => is_nfkc_quick(segment.chars()),
    }
}

/// Normalizes `line` to `form`; `None` when it already is. The edit counts
/// the segments that changed and shows the first.
pub(crate) fn apply(line: &str, options: &StepOptions) -> Option<Edit> {
    normalize_line(line, options.normalization)
}

/// [`apply`] with the form given.
fn normalize_line(line: &str, form: NormalizationForm) -> Option<Edit> {
    if is_normalized(line, form) {
        return None;
    }
    let table = &Inert::get(form);
    let mut text = String::with_capacity(line.len());
    let mut first: Option<(std::ops::Range<usize>, std::ops::Range<usize>)> = None;
    let mut count = 0;
    // Only the segments around non-inert characters are looked at; the
    // inert text between them is copied as it is, in one piece.
    let mut copied = 0;
    while let Some(at) = first_non_inert(line, copied, table) {
        let range = segment_around(line, at, table);
        text.push_str(&line[copied..range.start]);
        let segment = &line[range.clone()];
        let start = text.len();
        if too_long(segment) || quick_check(segment, form) == IsNormalized::Yes {
            text.push_str(segment);
        } else {
            // Composed straight into the line: no string per segment.
            if !compose_pair(segment, form, &mut text) {
                match form {
                    NormalizationForm::Nfc => text.extend(segment.nfc()),
                    NormalizationForm::Nfkc => text.extend(segment.nfkc()),
                }
            }
            if &text[start..] != segment {
                count += 1;
                first.get_or_insert((range.clone(), start..text.len()));
            }
        }
        copied = range.end;
    }
    text.push_str(&line[copied..]);
    let (before, after) = first?;
    Some(Edit {
        text,
        action: Action::Replaced,
        count,
        before,
        after,
        show: match form {
            NormalizationForm::Nfc => show_nfc,
            NormalizationForm::Nfkc => show_nfkc,
        },
        reason: None,
    })
}

/// Writes the normalization of `segment` under `form` into `out` without
/// the crate's iterator when the segment is an ASCII character and one
/// other that decomposes to itself (`e` + U+0301: most decomposed text,
/// and the iterator, decomposing and reordering, costs about 600
/// instructions a segment): as the iterator does, the pair becomes the
/// character the two compose into, or stays as it is. `false` for any
/// other segment, left to the iterator. (A test holds the two together
/// for every ASCII character before every character that is not inert.)
fn compose_pair(segment: &str, form: NormalizationForm, out: &mut String) -> bool {
    let mut chars = segment.chars();
    let (Some(base), Some(other), None) = (chars.next(), chars.next(), chars.next()) else {
        return false;
    };
    if !base.is_ascii() || !decomposes_to_itself(other, form) {
        return false;
    }
    match unicode_normalization::char::compose(base, other) {
        Some(composed) => out.push(composed),
        None => {
            out.push(base);
            out.push(other);
        }
    }
    true
}

/// Whether `c`'s decomposition under `form` (canonical for NFC,
/// compatibility for NFKC) is `c` alone.
fn decomposes_to_itself(c: char, form: NormalizationForm) -> bool {
    let (mut parts, mut itself) = (0, true);
    let mut each = |part: char| {
        parts += 1;
        itself &= part == c;
    };
    match form {
        NormalizationForm::Nfc => unicode_normalization::char::decompose_canonical(c, &mut each),
        NormalizationForm::Nfkc => unicode_normalization::char::decompose_compatible(c, &mut each),
    }
    itself && parts == 1
}

/// Writes `c` for an excerpt, as its code point when it is one of the
/// characters normalization changes, so that `e` + U+0301 and `é` differ on
/// screen.
fn show(out: &mut String, c: char, form: NormalizationForm) {
    if Inert::get(form).is_inert(c) || c.is_ascii() {
        crate::visible::push_escaped(out, c);
    } else {
        use std::fmt::Write;
        let _ = write!(out, "\\u{{{:x}}}", c as u32);
    }
}

fn show_nfc(out: &mut String, c: char) {
    show(out, c, NormalizationForm::Nfc);
}

fn show_nfkc(out: &mut String, c: char) {
    show(out, c, NormalizationForm::Nfkc);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text` normalized whole, the reference the step is checked against.
    fn normalized(text: &str, form: NormalizationForm) -> String {
        match form {
            NormalizationForm::Nfc => text.nfc().collect(),
            NormalizationForm::Nfkc => text.nfkc().collect(),
        }
    }

    const NFC: NormalizationForm = NormalizationForm::Nfc;
    const NFKC: NormalizationForm = NormalizationForm::Nfkc;

    #[test]
    fn decomposed_accent_is_composed() {
        let edit = normalize_line("cafe\u{301} ok", NFC).unwrap();
        assert_eq!(edit.text, "caf\u{e9} ok");
        assert_eq!(&"cafe\u{301} ok"[edit.before.clone()], "e\u{301}");
        assert_eq!(&edit.text[edit.after.clone()], "\u{e9}");
        assert_eq!(edit.action, Action::Replaced);
    }

    #[test]
    fn segmentwise_result_equals_whole_line_normalization() {
        for line in [
            "e\u{301}\u{327}x",
            "\u{1100}\u{1161}\u{11a8} hangul jamo",
            "\u{b47}\u{b3e} oriya two-part vowel",
            "\u{644}\u{651}\u{64e}\u{627}",
            "a\u{301}\u{301}\u{301}",
            "\u{301}leading mark",
            "👍\u{301}",
        ] {
            for form in [NFC, NFKC] {
                let whole = normalized(line, form);
                let got = normalize_line(line, form).map_or_else(|| line.to_owned(), |e| e.text);
                assert_eq!(got, whole, "{line:?} {form:?}");
            }
        }
    }

    #[test]
    fn excerpt_shows_changed_characters_as_code_points() {
        let mut out = String::new();
        for c in "e\u{301}\u{212b}é".chars() {
            show_nfc(&mut out, c);
        }
        assert_eq!(out, "e\\u{301}\\u{212b}é");
    }

    #[test]
    fn is_normalized_agrees_with_full_normalization() {
        for text in [
            "جزئيًا هرباً",
            "\u{644}\u{651}\u{64e}",
            "\u{644}\u{64e}\u{651}",
            "a\u{301}\u{300}b",
            "a\u{300}\u{301}",
            "\u{1100}\u{1161}",
            "ok \u{212b}",
            "\u{301}",
            "x👍\u{301}y",
        ] {
            for form in [NFC, NFKC] {
                assert_eq!(
                    is_normalized(text, form),
                    normalized(text, form) == text,
                    "{text:?} {form:?}"
                );
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]

        /// Lines of letters and marks in any order (marks that compose
        /// and marks that do not, alone and stacked): the step's result is
        /// the whole line normalized, and it says a line is normalized
        /// exactly when it is.
        #[test]
        fn marks_alone_or_stacked_normalize_as_the_whole_line_does(
            chars in proptest::collection::vec(proptest::sample::select(vec![
                'a', 'e', ' ', '\u{a0}', '\u{628}', '\u{627}', '\u{648}', '\u{64a}',
                '\u{64e}', '\u{650}', '\u{651}', '\u{652}', '\u{64b}', '\u{653}',
                '\u{654}', '\u{655}', '\u{5d0}', '\u{5b8}', '\u{5bc}', '\u{5c1}',
                '\u{300}', '\u{301}', '\u{323}', '\u{344}', '\u{345}', '\u{3b1}',
                '\u{415}', '\u{308}', '\u{6f0}', '\u{670}', '\u{711}', '\u{7eb}',
                '\u{1100}', '\u{1161}', '\u{fb01}', '\u{212b}', '😀',
            ]), 0..10)
        ) {
            let line: String = chars.into_iter().collect();
            for form in [NFC, NFKC] {
                let whole = normalized(&line, form);
                proptest::prop_assert_eq!(is_normalized(&line, form), whole == line, "{:?} {:?}", line, form);
                let got = normalize_line(&line, form).map_or_else(|| line.clone(), |e| e.text);
                proptest::prop_assert_eq!(got, whole, "{:?} {:?}", line, form);
            }
        }
    }

    proptest::proptest! {
        /// The byte scan finds the first character that is not inert at or
        /// after any character boundary, as a look at every character does.
        #[test]
        fn byte_scan_finds_what_a_char_scan_finds(
            chars in proptest::collection::vec(proptest::prop_oneof![
                proptest::char::range('\u{0}', '\u{7f}'),
                proptest::char::range('\u{80}', '\u{7ff}'),
                proptest::char::range('\u{800}', '\u{ffff}'),
                proptest::char::range('\u{e00}', '\u{e7f}'),
                proptest::char::range('\u{900}', '\u{97f}'),
                proptest::char::any(),
                proptest::sample::select(vec![' ', 'a', 'ก', '\u{e48}', '\u{94d}', '日', '\u{301}', 'é']),
            ], 0..24),
            from_char in 0usize..24,
        ) {
            let text: String = chars.into_iter().collect();
            let from = text.char_indices().map(|(i, _)| i).nth(from_char).unwrap_or(text.len());
            for form in [NFC, NFKC] {
                let table = &Inert::get(form);
                let by_chars = text[from..]
                    .char_indices()
                    .find(|&(_, c)| !table.is_inert(c))
                    .map(|(i, _)| from + i);
                proptest::prop_assert_eq!(first_non_inert(&text, from, table), by_chars, "{:?} {}", text, from);
            }
        }
    }

    #[test]
    fn byte_scan_agrees_with_char_scan() {
        let table = &Inert::get(NFC);
        for text in [
            "abc",
            "وقالت",
            "e\u{301}",
            "日本",
            "x👍",
            "é\u{2019}",
            "\u{212b}",
            "",
        ] {
            let by_chars = text.chars().all(|c| table.is_inert(c));
            assert_eq!(
                first_non_inert(text, 0, table).is_none(),
                by_chars,
                "{text:?}"
            );
        }
    }

    #[test]
    fn a_pair_composes_as_the_iterator_composes_it() {
        // Every ASCII character before every character that is not inert
        // (the second character of a segment of two), in both forms.
        let mut composed = 0;
        for form in [NFC, NFKC] {
            let table = &Inert::get(form);
            for other in ('\u{80}'..=char::MAX).filter(|&c| !table.is_inert(c)) {
                for base in (0..0x80u8).map(char::from) {
                    let pair: String = [base, other].into_iter().collect();
                    let mut out = String::new();
                    if compose_pair(&pair, form, &mut out) {
                        assert_eq!(out, normalized(&pair, form), "{pair:?} {form:?}");
                        composed += usize::from(out != pair);
                    }
                }
            }
        }
        assert!(composed > 500, "{composed}");
        // Any other segment is left to the iterator.
        let mut out = String::new();
        for segment in ["e\u{301}\u{323}", "α\u{301}", "e", "\u{344}e", "e\u{344}"] {
            assert!(!compose_pair(segment, NFC, &mut out), "{segment:?}");
        }
        assert!(out.is_empty());
    }

    #[test]
    fn inert_table_agrees_with_full_normalization_on_the_bmp() {
        let table = &Inert::get(NFC);
        for cp in (0..=0xFFFFu32).step_by(7) {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            if table.is_inert(c) {
                let s = c.to_string();
                assert_eq!(normalized(&s, NFC), s, "U+{cp:04X}");
            }
        }
    }
}
