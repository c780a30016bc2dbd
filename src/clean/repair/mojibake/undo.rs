//! Undoing one decoding: a run of characters turned back into the bytes a
//! code page decoded them from, and those bytes decoded as UTF-8.

use crate::unicode::class::{Entry, MOJIBAKE_CONT, MOJIBAKE_LEAD, PAGE_MASK, PAGE_SHIFT};
use crate::unicode::codepage::CodePage;
use crate::unicode::table;

/// The repaired pages that have every character of `text` (a bit per page
/// of [`REPAIRED`](crate::unicode::codepage::REPAIRED)), and the pages that
/// have, somewhere in `text`, a character at a UTF-8 lead byte directly
/// followed by one at a continuation byte: without one nothing decodes.
pub(super) fn page_masks(pages: &[CodePage], text: &str) -> (u32, u32) {
    let mut all = u32::MAX;
    let mut pairs = 0u32;
    let mut previous: Option<(char, Entry)> = None;
    for c in text.chars() {
        let entry = table::entry(c);
        let mask = ((entry >> PAGE_SHIFT) & PAGE_MASK) as u32;
        all &= mask;
        if let Some((p, p_entry)) = previous {
            if p_entry & MOJIBAKE_LEAD != 0 && entry & MOJIBAKE_CONT != 0 {
                let both = mask & ((p_entry >> PAGE_SHIFT) & PAGE_MASK) as u32 & !pairs;
                for_each_bit(both, |i| {
                    let page = &pages[i];
                    let lead = page.byte(p).is_some_and(|b| lead_len(b) > 0);
                    let cont = page.byte(c).is_some_and(is_continuation);
                    if lead && cont {
                        pairs |= 1 << i;
                    }
                });
            }
        }
        previous = Some((c, entry));
    }
    (if text.is_empty() { 0 } else { all }, pairs)
}

/// Calls `f` with the index of every set bit of `mask`, lowest first.
pub(super) fn for_each_bit(mut mask: u32, mut f: impl FnMut(usize)) {
    while mask != 0 {
        let i = mask.trailing_zeros() as usize;
        f(i);
        mask &= mask - 1;
    }
}

/// What undoing one page did to a text.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Undone {
    /// Characters decoded from multi-byte UTF-8 (or CESU-8) sequences.
    pub(super) decoded: usize,
    /// Of those, the ones decoded from three bytes or more.
    pub(super) wide: usize,
    /// Characters of the page that were left as they were: their bytes form
    /// no valid sequence.
    pub(super) left: usize,
    /// Of those, the ones at a lead byte: a sequence begun and not
    /// finished.
    pub(super) stranded: usize,
    /// Of those, the signs (not letters).
    pub(super) stranded_signs: usize,
    /// Of those, the ones clean text does not write beside words (not
    /// quotation marks, dashes, an ellipsis: [`super::clean_punctuation`]).
    pub(super) stranded_odd: usize,
}

/// `text` with every part that encodes in `page` to valid multi-byte UTF-8
/// (or to a CESU-8 surrogate pair) decoded, written to `out`; characters
/// the page does not have, and bytes that form no sequence, stay as they
/// were. Returns what it did; nothing is written when nothing decodes.
pub(super) fn undo(page: &CodePage, text: &str, out: &mut String) -> Undone {
    // The bytes and characters of the current stretch, reused across calls
    // (the search undoes many short runs through many pages).
    thread_local! {
        static SCRATCH: std::cell::RefCell<(Vec<u8>, Vec<char>)> =
            const { std::cell::RefCell::new((Vec::new(), Vec::new())) };
    }
    SCRATCH.with(|scratch| {
        let (bytes, chars) = &mut *scratch.borrow_mut();
        undo_with(page, text, out, bytes, chars)
    })
}

fn undo_with(
    page: &CodePage,
    text: &str,
    out: &mut String,
    bytes: &mut Vec<u8>,
    chars: &mut Vec<char>,
) -> Undone {
    out.clear();
    bytes.clear();
    chars.clear();
    let mut done = Undone::default();
    for c in text.chars() {
        match page.byte(c) {
            Some(byte) => {
                bytes.push(byte);
                chars.push(c);
            }
            None => {
                flush(out, bytes, chars, &mut done);
                bytes.clear();
                chars.clear();
                out.push(c);
            }
        }
    }
    flush(out, bytes, chars, &mut done);
    if done.decoded == 0 {
        out.clear();
    }
    done
}

/// How many bytes the UTF-8 sequence led by `lead` has (2 to 4; 0 when
/// `lead` leads none).
pub(super) fn lead_len(lead: u8) -> usize {
    match lead {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => 0,
    }
}

/// Whether `byte` is a UTF-8 continuation byte (0x80 to 0xBF).
pub(super) fn is_continuation(byte: u8) -> bool {
    (0x80..=0xBF).contains(&byte)
}

/// Whether `byte` can be the continuation byte at position `at` (1 to 3)
/// of a sequence led by `lead`: UTF-8 narrows the second byte after `E0`,
/// `ED`, `F0` and `F4` (no overlong forms, no surrogates, nothing above
/// U+10FFFF).
pub(super) fn continues(lead: u8, at: usize, byte: u8) -> bool {
    let range = match (lead, at) {
        (0xE0, 1) => 0xA0..=0xBF,
        (0xED, 1) => 0x80..=0x9F,
        (0xF0, 1) => 0x90..=0xBF,
        (0xF4, 1) => 0x80..=0x8F,
        _ => return is_continuation(byte),
    };
    range.contains(&byte)
}

/// The length of the valid UTF-8 sequence at the start of `bytes` (2 to 4;
/// 0 when there is none).
fn sequence_len(bytes: &[u8]) -> usize {
    let len = lead_len(bytes[0]);
    if len > 0 && (1..len).all(|i| bytes.get(i).is_some_and(|&b| continues(bytes[0], i, b))) {
        len
    } else {
        0
    }
}

/// The character of a valid multi-byte UTF-8 `sequence` (two to four
/// bytes, as [`sequence_len`] found it).
pub(super) fn decode_sequence(sequence: &[u8]) -> Option<char> {
    let lead = u32::from(sequence[0]);
    let mut cp = match sequence.len() {
        2 => lead & 0x1F,
        3 => lead & 0x0F,
        _ => lead & 0x07,
    };
    for &b in &sequence[1..] {
        cp = (cp << 6) | u32::from(b & 0x3F);
    }
    char::from_u32(cp)
}

/// The character of a CESU-8 surrogate pair at the start of `bytes`
/// (`ED A0–AF xx ED B0–BF xx`: a character beyond the BMP written as its
/// two UTF-16 halves, each as a three-byte sequence).
fn cesu_pair(bytes: &[u8]) -> Option<char> {
    let [0xED, h1 @ 0xA0..=0xAF, h2 @ 0x80..=0xBF, 0xED, l1 @ 0xB0..=0xBF, l2 @ 0x80..=0xBF, ..] =
        *bytes
    else {
        return None;
    };
    let high = 0xD000 | (u32::from(h1 & 0x3F) << 6) | u32::from(h2 & 0x3F);
    let low = 0xD000 | (u32::from(l1 & 0x3F) << 6) | u32::from(l2 & 0x3F);
    char::from_u32(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
}

/// Writes `bytes` decoded where they form sequences and every other byte as
/// the character it came from (`chars`, one per byte).
fn flush(out: &mut String, bytes: &[u8], chars: &[char], done: &mut Undone) {
    let mut at = 0;
    while at < bytes.len() {
        let len = sequence_len(&bytes[at..]);
        if len > 0 {
            // `sequence_len` checked the sequence as UTF-8 does.
            if let Some(c) = decode_sequence(&bytes[at..at + len]) {
                out.push(c);
                done.decoded += 1;
                done.wide += usize::from(len >= 3);
                at += len;
                continue;
            }
        }
        if let Some(c) = cesu_pair(&bytes[at..]) {
            out.push(c);
            done.decoded += 1;
            done.wide += 1;
            at += 6;
            continue;
        }
        out.push(chars[at]);
        done.left += 1;
        let stranded = lead_len(bytes[at]) > 0;
        done.stranded += usize::from(stranded);
        let sign = stranded && !table::is_alphabetic(chars[at]);
        done.stranded_signs += usize::from(sign);
        done.stranded_odd += usize::from(sign && !super::clean_punctuation(chars[at]));
        at += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::unicode::codepage::repaired;

    fn page(name: &str) -> &'static CodePage {
        repaired().iter().find(|p| p.name() == name).unwrap()
    }

    #[test]
    fn decodes_sequences_and_keeps_the_rest() {
        let mut out = String::new();
        let done = undo(page("windows-1252"), "Ã©’Ã", &mut out);
        assert_eq!(out, "é’Ã");
        assert_eq!((done.decoded, done.left), (1, 2));
        assert_eq!(undo(page("windows-1252"), "©", &mut out).decoded, 0);
        assert_eq!(out, "");
    }

    #[test]
    fn decodes_cesu_8_pairs() {
        // U+1F600 as CESU-8: ED A0 BD ED B8 80, read as windows-1252.
        let mut out = String::new();
        undo(page("windows-1252"), "í\u{a0}½í¸€", &mut out);
        assert_eq!(out, "😀");
    }

    #[test]
    fn masks_name_the_pages() {
        let pages = repaired();
        let (all, pairs) = page_masks(pages, "Ã©");
        assert_ne!(all & 1, 0);
        assert_ne!(pairs & 1, 0);
        let (_, pairs) = page_masks(pages, "©Ã");
        assert_eq!(pairs, 0);
    }
}
