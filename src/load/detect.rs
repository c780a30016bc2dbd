//! Guessing an encoding from the bytes alone.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::Encoding;

use super::SourceEncoding;

/// How many bytes the zero-byte pattern and the detector look at.
const SAMPLE_BYTES: usize = 64 * 1024;

/// How many zero bytes, at least, make a UTF-16 or UTF-32 pattern: a few
/// stray NULs in a short text are damage, not an encoding.
const MIN_ZEROS: usize = 8;

/// UTF-16 or UTF-32 without a byte-order mark, recognised by where the zero
/// bytes fall: text in those encodings has a zero byte in most code units of
/// ASCII characters (spaces, digits, punctuation, line breaks), always at the
/// same position in the unit, while no other encoding of text has zero bytes
/// at all.
///
/// UTF-32 is taken when the two high bytes of every unit are zero; UTF-16
/// when at least a tenth of the units have a zero on one side and almost
/// none on the other. The caller still checks that the whole input decodes.
pub(crate) fn wide_encoding(bytes: &[u8]) -> Option<SourceEncoding> {
    let sample = &bytes[..bytes.len().min(SAMPLE_BYTES)];
    if sample.len() < 4 || memchr::memchr(0, sample).is_none() {
        return None;
    }
    let mut zeros = [0usize; 4];
    for (at, &byte) in sample.iter().enumerate() {
        zeros[at % 4] += usize::from(byte == 0);
    }
    let units32 = sample.len() / 4;
    if bytes.len() % 4 == 0 && units32 >= MIN_ZEROS {
        if zeros[2] == units32 && zeros[3] == units32 && zeros[0] < units32 {
            return Some(SourceEncoding::Utf32Le);
        }
        if zeros[0] == units32 && zeros[1] == units32 && zeros[3] < units32 {
            return Some(SourceEncoding::Utf32Be);
        }
    }
    if bytes.len() % 2 != 0 {
        return None;
    }
    let units16 = sample.len() / 2;
    let even = zeros[0] + zeros[2];
    let odd = zeros[1] + zeros[3];
    let few = units16 / 100;
    let enough = |zeros: usize| zeros >= MIN_ZEROS && zeros * 10 >= units16;
    if enough(odd) && even <= few {
        return Some(SourceEncoding::Whatwg(encoding_rs::UTF_16LE));
    }
    if enough(even) && odd <= few {
        return Some(SourceEncoding::Whatwg(encoding_rs::UTF_16BE));
    }
    None
}

/// ISO-2022-JP, which is 7-bit and so also valid UTF-8: recognised by its
/// escape into JIS X 0208 (`ESC $ B` or `ESC $ @`) in bytes that decode
/// under it without error. Terminal escape sequences never take that form.
pub(crate) fn iso_2022_jp(bytes: &[u8]) -> bool {
    memchr::memchr(0x1B, bytes).is_some()
        && (memchr::memmem::find(bytes, b"\x1b$B").is_some()
            || memchr::memmem::find(bytes, b"\x1b$@").is_some())
        && bytes.is_ascii()
        && encoding_rs::ISO_2022_JP
            .decode_without_bom_handling_and_without_replacement(bytes)
            .is_some()
}

/// Whether invalid UTF-8 is still best read as UTF-8 with a few damaged
/// spots: it has valid multi-byte sequences, at least two for every
/// malformed one. Text in a legacy encoding almost never forms valid
/// multi-byte UTF-8 sequences, so this keeps a UTF-8 file with some broken
/// bytes from being taken for windows-1252.
pub(crate) fn mostly_utf8(bytes: &[u8]) -> bool {
    let mut valid = 0usize;
    let mut invalid = 0usize;
    for chunk in bytes.utf8_chunks() {
        valid += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    valid > 0 && invalid * 2 <= valid
}

/// The legacy encoding chardetng finds most likely for `bytes`.
pub(crate) fn guess_legacy(bytes: &[u8]) -> &'static Encoding {
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Allow);
    detector.feed(&bytes[..bytes.len().min(SAMPLE_BYTES)], true);
    detector.guess(None, Utf8Detection::Allow)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(text: &str) -> Vec<u8> {
        text.encode_utf16().flat_map(u16::to_le_bytes).collect()
    }

    fn utf16be(text: &str) -> Vec<u8> {
        text.encode_utf16().flat_map(u16::to_be_bytes).collect()
    }

    #[test]
    fn utf16le_english_without_bom() {
        let bytes = utf16le("Gunmen stormed a concert hall in Moscow.\n");
        assert_eq!(
            wide_encoding(&bytes),
            Some(SourceEncoding::Whatwg(encoding_rs::UTF_16LE))
        );
    }

    #[test]
    fn utf16be_arabic_without_bom() {
        let bytes = utf16be("وقالت السفارة الأميركية في موسكو في 7 مارس\n");
        assert_eq!(
            wide_encoding(&bytes),
            Some(SourceEncoding::Whatwg(encoding_rs::UTF_16BE))
        );
    }

    #[test]
    fn utf32le_without_bom() {
        let bytes: Vec<u8> = "Привет, мир\n"
            .chars()
            .flat_map(|c| (c as u32).to_le_bytes())
            .collect();
        assert_eq!(wide_encoding(&bytes), Some(SourceEncoding::Utf32Le));
    }

    #[test]
    fn text_with_a_stray_nul_is_not_wide() {
        assert_eq!(
            wide_encoding(b"plain text with one \0 NUL byte in it"),
            None
        );
    }

    #[test]
    fn iso_2022_jp_is_recognised_by_its_escapes() {
        let (bytes, _, _) = encoding_rs::ISO_2022_JP.encode("市は火曜日、新しい図書館を開館した。");
        assert!(iso_2022_jp(&bytes));
        assert!(!iso_2022_jp(b"\x1b[31mred\x1b[0m"));
    }

    #[test]
    fn utf8_with_a_few_broken_bytes_is_mostly_utf8() {
        let mut bytes = "“Quote” — it’s “fine”. ".repeat(4).into_bytes();
        bytes.extend_from_slice(b"\xFF\xC0");
        assert!(mostly_utf8(&bytes));
    }

    #[test]
    fn latin1_french_is_not_mostly_utf8() {
        assert!(!mostly_utf8(b"caf\xE9 \xE0 la cr\xE8me br\xFBl\xE9e"));
    }

    #[test]
    fn windows_1251_russian_is_not_mostly_utf8() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode("Москва, вторник. «ВТОР» сообщил");
        assert!(!mostly_utf8(&bytes));
    }

    #[test]
    fn chardetng_finds_windows_1256_arabic() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1256
            .encode("وقالت السفارة الأميركية في موسكو إنها تراقب التقارير التي تفيد بأن المتطرفين لديهم خططا وشيكة");
        assert_eq!(guess_legacy(&bytes), encoding_rs::WINDOWS_1256);
    }
}
