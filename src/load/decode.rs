//! Decoding bytes in a known encoding, recording where bytes were malformed.

use encoding_rs::{DecoderResult, Encoding};

use super::{DecidedBy, LegacyLine, LegacyLog, Malformed, MalformedLog};
use crate::unicode::class::{ALPHABETIC, MARK, RARE};
use crate::unicode::codepage::Table;
use crate::unicode::table;

/// Decodes `bytes` (which carry no byte-order mark) as `encoding`, replacing
/// each malformed sequence with U+FFFD and recording where it was.
///
/// `base` is the offset of `bytes` in the original input, so that recorded
/// offsets point into what the caller was given.
pub(crate) fn decode_whatwg(
    encoding: &'static Encoding,
    bytes: &[u8],
    base: usize,
    malformed: &mut MalformedLog,
) -> String {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut out = String::new();
    let mut rest = bytes;
    loop {
        let needed = decoder
            .max_utf8_buffer_length_without_replacement(rest.len())
            .unwrap_or(rest.len().saturating_mul(3).saturating_add(16));
        out.reserve(needed);
        let (result, read) = decoder.decode_to_string_without_replacement(rest, &mut out, true);
        let consumed = bytes.len() - rest.len();
        match result {
            DecoderResult::InputEmpty => return out,
            DecoderResult::OutputFull => {}
            DecoderResult::Malformed(bad, after) => {
                let end = consumed + read - usize::from(after);
                let start = end - usize::from(bad);
                malformed.push(Malformed {
                    input_offset: base + start,
                    len: usize::from(bad),
                    text_offset: out.len(),
                });
                out.push(char::REPLACEMENT_CHARACTER);
            }
        }
        rest = &rest[read..];
    }
}

/// Decodes UTF-8 that is not valid line by line: a valid line as it is; a
/// line of a legacy encoding ([`legacy_line`]) in that encoding, recorded
/// in `legacy`; any other line as UTF-8, each malformed sequence replaced
/// by U+FFFD and recorded in `malformed`. A line never depends on another,
/// so a document decoded block by block comes out as decoded whole.
pub(crate) fn decode_utf8_by_lines(
    bytes: &[u8],
    base: usize,
    malformed: &mut MalformedLog,
    legacy: &mut LegacyLog,
) -> String {
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 8);
    let mut start = 0;
    while start < bytes.len() {
        // A line ends at a CR as at an LF (`\r\n` is two: the second is
        // empty), as a document read in blocks may be cut after either.
        let end =
            memchr::memchr2(b'\n', b'\r', &bytes[start..]).map_or(bytes.len(), |at| start + at + 1);
        let line = &bytes[start..end];
        if let Some(text) = super::utf8(line) {
            out.push_str(text);
        } else {
            let body = line.strip_suffix(b"\n").unwrap_or(line);
            let body = body.strip_suffix(b"\r").unwrap_or(body);
            match legacy_line(body) {
                Some((text, encoding)) => {
                    legacy.push(LegacyLine {
                        input_offset: base + start,
                        len: body.len(),
                        text_offset: out.len(),
                        encoding,
                    });
                    out.push_str(&text);
                    // The line break, ASCII.
                    out.extend(line[body.len()..].iter().map(|&b| char::from(b)));
                }
                None => {
                    let listed = malformed.first.len();
                    let text = decode_whatwg(encoding_rs::UTF_8, line, base + start, malformed);
                    // Their places in the line, made places in the text.
                    for bad in &mut malformed.first[listed..] {
                        bad.text_offset += out.len();
                    }
                    out.push_str(&text);
                }
            }
        }
        start = end;
    }
    out
}

/// `line` (no line break) decoded in the legacy encoding the detector finds
/// for it, when it is text in one: it holds no valid multi-byte UTF-8
/// sequence but by chance, one for four malformed ones at most (damaged
/// UTF-8 is mostly valid: `caf\xC3\xA9 \xE9t\xE9` keeps its U+FFFD),
/// decodes without error, no letter of another script is glued to an ASCII
/// letter, no capital beyond ASCII follows a small letter, a letter stands
/// in a word, and it reads as text: every character beyond ASCII
/// a letter, a mark or the punctuation and signs of running text; letters
/// among them, at least as many as signs (dashes and quotation marks
/// aside, which may be all a line holds), and half of them at least ones
/// the language the model read it as writes (a foreign name may have the
/// others; random bytes decode to signs and odd letters alike, and are
/// left to U+FFFD).
fn legacy_line(line: &[u8]) -> Option<(String, super::Encoding)> {
    // Legacy bytes may make a valid UTF-8 character by chance (Shift_JIS
    // and GBK often do), damaged UTF-8 is mostly valid characters.
    let (mut valid, mut invalid) = (0usize, 0usize);
    for chunk in line.utf8_chunks() {
        valid += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    if valid * CHANCE_CHARACTERS > invalid {
        return None;
    }
    let (encoding, detection) = super::detect::legacy(line);
    if encoding == super::Encoding::UTF_8 {
        return None;
    }
    // The language the model read the line as, when it chose the page:
    // its letters are that language's, so bytes that are no text and read
    // as letters no one language writes together are left to U+FFFD.
    let alphabet = detection.and_then(|d| super::model::alphabet(d.language));
    // A page the model did not choose (Greek, Hebrew, Arabic, Thai,
    // Vietnamese, CJK: chardetng's guess stands) needs a few bytes of
    // evidence: one byte is any page's letter (`h\xFDzla`, Turkish `hızla`,
    // is `hưzla` through windows-1258).
    let high = line.iter().filter(|&&b| b >= 0x80).count();
    if detection.is_none() && high < MIN_UNJUDGED_BYTES {
        return None;
    }
    let written = |c: char| {
        let small = c.to_lowercase().next().unwrap_or(c);
        alphabet.is_none_or(|alphabet| alphabet.writes(c) || alphabet.writes(small))
    };
    let decoded = super::decode_as(line, 0, encoding.0, DecidedBy::Detected);
    if decoded.malformed_count > 0 {
        return None;
    }
    let text = decoded.text.into_owned();
    let (mut letters, mut signs, mut strange) = (0usize, 0usize, 0usize);
    // Whether a letter beyond ASCII stands beside another letter: in a
    // word, not alone between spaces as bytes that are no text do
    // (`bad \xFF and \xFE`, `ÿ` and `þ` through windows-1252).
    let mut in_a_word = false;
    // Whether a letter beyond ASCII that stands alone is of another script
    // than Latin (`bad я and ю`, the same bytes through windows-1251).
    let mut lone_foreign = false;
    let mut previous = ' ';
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let before = std::mem::replace(&mut previous, c);
        if !c.is_ascii() && table::is_alphabetic(c) {
            let glued = table::is_alphabetic(before)
                || chars
                    .peek()
                    .is_some_and(|&after| table::is_alphabetic(after));
            in_a_word |= glued;
            lone_foreign |= !glued && !latin_or_not_letter(c);
        }
        if c.is_ascii() {
            // A letter of another script glued to an ASCII letter: a page of
            // another script (`k\xE0` of Lithuanian `ką` is `kа`, with a
            // Cyrillic `а`, through windows-1251).
            if c.is_ascii_alphabetic() && !latin_or_not_letter(before) {
                return None;
            }
            continue;
        }
        if before.is_ascii_alphabetic() && !latin_or_not_letter(c) {
            return None;
        }
        // A capital after a small letter: the lead byte of a UTF-8
        // character that lost the rest (`m\xC3ximo`, `Contribu\xC8ia`:
        // the leads C2-DF are latin-1's capitals), no word of a legacy
        // page.
        if c.is_uppercase() && before.is_lowercase() {
            return None;
        }
        let entry = table::entry(c);
        if entry & (ALPHABETIC | MARK) != 0 && entry & RARE == 0 {
            strange += usize::from(!written(c));
            letters += 1;
        } else if text_sign(c) {
            signs += usize::from(!quote_or_dash(c));
        } else {
            return None;
        }
    }
    // A line of plain letters and quotation marks or dashes (English):
    // one of them beside a letter (`don’t`), or two.
    let quotes = text.chars().filter(|&c| quote_or_dash(c)).count();
    let glued_quote = text
        .char_indices()
        .filter(|&(_, c)| quote_or_dash(c))
        .any(|(at, c)| {
            text[..at]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
                || text[at + c.len_utf8()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric)
        });
    let quotes_only = letters == 0 && (quotes >= 2 || glued_quote);
    // Letters alone between spaces (Italian `è`) where the language's
    // alphabet has them all.
    let placed = in_a_word || alphabet.is_some() && strange == 0 && !lone_foreign;
    let reads = quotes_only || placed && letters >= signs.max(1) && strange * 2 <= letters;
    reads.then_some((text, encoding))
}

/// Whether `c` is a Latin letter or no letter.
fn latin_or_not_letter(c: char) -> bool {
    let entry = table::entry(c);
    entry & ALPHABETIC == 0 || table::script_id(entry) == table::script::LATIN
}

/// Whether `c` is a dash, a quotation mark or an ellipsis of General
/// Punctuation, or a guillemet: what English lines in windows-1252 hold.
fn quote_or_dash(c: char) -> bool {
    matches!(
        c,
        '\u{2010}'..='\u{2027}' | '«' | '»' | '\u{2039}' | '\u{203A}'
    )
}

/// How many malformed sequences a line of a legacy encoding has for every
/// valid UTF-8 character beyond ASCII its bytes make by chance, at least
/// ([`legacy_line`]).
const CHANCE_CHARACTERS: usize = 4;

/// How many bytes of 0x80 or more a line needs to be decoded in a page the
/// model did not choose ([`legacy_line`]).
const MIN_UNJUDGED_BYTES: usize = 4;

/// Punctuation and signs that running text writes beyond ASCII: dashes,
/// quotation marks, the ellipsis and bullet, guillemets, inverted marks,
/// the degree, section, copyright and currency signs, a few of arithmetic,
/// superscript digits and fractions, the no-break space, and CJK and
/// full-width punctuation.
fn text_sign(c: char) -> bool {
    matches!(c,
        '\u{2010}'..='\u{2027}' | '\u{2030}' | '\u{2039}' | '\u{203A}' | '\u{20AC}' | '\u{2116}'
        | '\u{2122}' | '\u{A0}' | '¡' | '¢' | '£' | '¥' | '§' | '©' | '«' | '®' | '°' | '±'
        | '²' | '³' | '´' | 'µ' | '·' | '¹' | '»' | '¼' | '½' | '¾' | '¿' | '×' | '÷'
        | '\u{3000}'..='\u{303F}' | '\u{FF01}'..='\u{FF60}')
}

/// Decodes a single-byte code page of rinse's tables, replacing each byte
/// the page does not define with U+FFFD.
pub(crate) fn decode_single_byte(
    table: &Table,
    bytes: &[u8],
    base: usize,
    malformed: &mut MalformedLog,
) -> String {
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 2);
    let mut rest = bytes;
    while !rest.is_empty() {
        let ascii = rest.iter().position(|&b| b >= 0x80).unwrap_or(rest.len());
        out.push_str(std::str::from_utf8(&rest[..ascii]).expect("ASCII"));
        rest = &rest[ascii..];
        let high = rest.iter().position(|&b| b < 0x80).unwrap_or(rest.len());
        for (at, &byte) in rest[..high].iter().enumerate() {
            match table.decode(byte) {
                Some(c) => out.push(c),
                None => {
                    malformed.push(Malformed {
                        input_offset: base + (bytes.len() - rest.len()) + at,
                        len: 1,
                        text_offset: out.len(),
                    });
                    out.push(char::REPLACEMENT_CHARACTER);
                }
            }
        }
        rest = &rest[high..];
    }
    out
}

/// Decodes UTF-32 (which `encoding_rs` does not support), replacing each
/// unit that is not a Unicode scalar value, and an incomplete last unit, with
/// U+FFFD.
pub(crate) fn decode_utf32(
    bytes: &[u8],
    big_endian: bool,
    base: usize,
    malformed: &mut MalformedLog,
) -> String {
    let mut out = String::with_capacity(bytes.len() / 4);
    let units = bytes.chunks_exact(4);
    let tail = units.remainder();
    for (index, unit) in units.enumerate() {
        let unit: [u8; 4] = unit.try_into().expect("chunks_exact yields 4 bytes");
        let value = if big_endian {
            u32::from_be_bytes(unit)
        } else {
            u32::from_le_bytes(unit)
        };
        match char::from_u32(value) {
            Some(c) => out.push(c),
            None => {
                malformed.push(Malformed {
                    input_offset: base + index * 4,
                    len: 4,
                    text_offset: out.len(),
                });
                out.push(char::REPLACEMENT_CHARACTER);
            }
        }
    }
    if !tail.is_empty() {
        malformed.push(Malformed {
            input_offset: base + bytes.len() - tail.len(),
            len: tail.len(),
            text_offset: out.len(),
        });
        out.push(char::REPLACEMENT_CHARACTER);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf8(bytes: &[u8]) -> (String, Vec<Malformed>) {
        let mut malformed = MalformedLog::default();
        let text = decode_whatwg(encoding_rs::UTF_8, bytes, 0, &mut malformed);
        (text, malformed.first)
    }

    #[test]
    fn lone_continuation_byte_is_one_replacement_at_its_offset() {
        let (text, malformed) = utf8(b"ab\x80cd");
        assert_eq!(text, "ab\u{fffd}cd");
        assert_eq!(
            malformed,
            [Malformed {
                input_offset: 2,
                len: 1,
                text_offset: 2
            }]
        );
    }

    #[test]
    fn truncated_sequence_at_end_is_recorded() {
        let (text, malformed) = utf8(b"x\xE2\x82");
        assert_eq!(text, "x\u{fffd}");
        assert_eq!(malformed[0].input_offset, 1);
        assert_eq!(malformed[0].len, 2);
    }

    #[test]
    fn offsets_after_multibyte_text_are_byte_offsets() {
        let (text, malformed) = utf8(
            "é\u{2019}"
                .as_bytes()
                .iter()
                .copied()
                .chain(*b"\xFF")
                .collect::<Vec<_>>()
                .as_slice(),
        );
        assert_eq!(text, "é\u{2019}\u{fffd}");
        assert_eq!(malformed[0].input_offset, 5);
        assert_eq!(malformed[0].text_offset, 5);
    }

    #[test]
    fn every_malformed_sequence_is_counted() {
        let (text, malformed) = utf8(b"\xFF\xFE\xC0\xAF ok \xED\xA0\x80");
        assert_eq!(text.matches('\u{fffd}').count(), malformed.len());
        assert!(malformed.len() >= 4, "{malformed:?}");
    }

    #[test]
    fn utf32_surrogate_and_tail_are_malformed() {
        let mut log = MalformedLog::default();
        let bytes = b"a\x00\x00\x00\x00\xD8\x00\x00b\x00";
        let text = decode_utf32(bytes, false, 4, &mut log);
        let malformed = log.first;
        assert_eq!(text, "a\u{fffd}\u{fffd}");
        assert_eq!(malformed.len(), 2);
        assert_eq!(malformed[0].input_offset, 8);
        assert_eq!(malformed[1].input_offset, 12);
        assert_eq!(malformed[1].len, 2);
    }

    #[test]
    fn utf32_big_endian_astral() {
        let mut log = MalformedLog::default();
        let text = decode_utf32(b"\x00\x01\xF6\x00", true, 0, &mut log);
        assert_eq!(text, "\u{1F600}");
        assert_eq!(log.count, 0);
    }

    #[test]
    fn a_flood_of_malformed_bytes_lists_the_first_and_counts_all() {
        let mut log = MalformedLog::default();
        let bytes = vec![0xFF; crate::load::MAX_MALFORMED_LISTED + 5];
        let text = decode_whatwg(encoding_rs::UTF_8, &bytes, 0, &mut log);
        assert_eq!(text.chars().count(), bytes.len());
        assert_eq!(
            (log.first.len(), log.count),
            (crate::load::MAX_MALFORMED_LISTED, bytes.len())
        );
    }
}
