//! Byte-order marks.

use super::SourceEncoding;

/// Finds a byte-order mark at the start of `bytes`.
///
/// Returns the encoding it announces and its length in bytes. The UTF-32LE
/// mark `FF FE 00 00` begins with the UTF-16LE mark `FF FE`; it is read as
/// UTF-32LE only when the rest of the input is a whole number of 4-byte units,
/// since UTF-16LE text that starts with U+0000 is far less likely than
/// UTF-32LE text, yet a UTF-32 text must have a length divisible by four.
pub(crate) fn sniff(bytes: &[u8]) -> Option<(SourceEncoding, usize)> {
    match bytes {
        [0xFF, 0xFE, 0x00, 0x00, ..] if bytes.len() % 4 == 0 => Some((SourceEncoding::Utf32Le, 4)),
        [0x00, 0x00, 0xFE, 0xFF, ..] => Some((SourceEncoding::Utf32Be, 4)),
        [0xEF, 0xBB, 0xBF, ..] => Some((SourceEncoding::Whatwg(encoding_rs::UTF_8), 3)),
        [0xFF, 0xFE, ..] => Some((SourceEncoding::Whatwg(encoding_rs::UTF_16LE), 2)),
        [0xFE, 0xFF, ..] => Some((SourceEncoding::Whatwg(encoding_rs::UTF_16BE), 2)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(bytes: &[u8]) -> Option<(&'static str, usize)> {
        sniff(bytes).map(|(encoding, len)| (crate::load::Encoding(encoding).name(), len))
    }

    #[test]
    fn utf8_bom() {
        assert_eq!(name(b"\xEF\xBB\xBFabc"), Some(("UTF-8", 3)));
    }

    #[test]
    fn utf16_boms() {
        assert_eq!(name(b"\xFF\xFEa\x00"), Some(("UTF-16LE", 2)));
        assert_eq!(name(b"\xFE\xFF\x00a"), Some(("UTF-16BE", 2)));
    }

    #[test]
    fn utf32le_bom_is_not_taken_for_utf16le() {
        assert_eq!(
            name(b"\xFF\xFE\x00\x00a\x00\x00\x00"),
            Some(("UTF-32LE", 4))
        );
    }

    #[test]
    fn utf16le_text_starting_with_nul_and_odd_unit_count_stays_utf16le() {
        // BOM, U+0000, U+0061: six bytes, not a whole number of UTF-32 units.
        assert_eq!(name(b"\xFF\xFE\x00\x00a\x00"), Some(("UTF-16LE", 2)));
    }

    #[test]
    fn utf32be_bom() {
        assert_eq!(
            name(b"\x00\x00\xFE\xFF\x00\x00\x00a"),
            Some(("UTF-32BE", 4))
        );
    }

    #[test]
    fn no_bom() {
        assert_eq!(name(b"plain"), None);
        assert_eq!(name(b""), None);
        assert_eq!(name(b"\xEF\xBB"), None);
    }
}
