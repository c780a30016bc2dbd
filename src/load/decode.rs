//! Decoding bytes in a known encoding, recording where bytes were malformed.

use encoding_rs::{DecoderResult, Encoding};

use super::{Malformed, MalformedLog};
use crate::unicode::codepage::Table;

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
