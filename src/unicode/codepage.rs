//! Single-byte code pages, read backwards: which byte of a code page a
//! character came from.
//!
//! Mojibake is UTF-8 that was decoded through a single-byte code page, so
//! undoing it starts by turning each character back into the byte it was
//! decoded from. [`repaired`] lists the code pages the `mojibake` step
//! undoes, in the order it tries them; the character table records, for
//! every character, whether one of them has it at a UTF-8 lead or
//! continuation byte.

use std::sync::OnceLock;

/// Characters below this have their byte in a direct array.
const DIRECT: usize = 0x2200;

/// The bytes 0x80–0xFF of one code page, by the character they decode to.
pub(crate) struct CodePage {
    /// The byte of each character below [`DIRECT`] (0: none): Latin, Greek,
    /// Cyrillic, Arabic and general punctuation, found without a search.
    direct: Box<[u8]>,
    /// Every character with its byte, sorted, for the rest (MacRoman's
    /// mathematical symbols and ligatures).
    to_byte: Vec<(char, u8)>,
}

impl CodePage {
    /// The page of `encoding`, whose bytes 0x80–0xFF decode to one character
    /// each; `with_c1` adds the C1 controls U+0080–U+009F at their own
    /// bytes, as ISO-8859-1 decoders (and browsers, for windows-1252's
    /// undefined bytes) produce them.
    fn build(encoding: &'static encoding_rs::Encoding, with_c1: bool) -> CodePage {
        let mut to_byte = Vec::with_capacity(160);
        for byte in 0x80..=0xFFu8 {
            let single = [byte];
            let (text, _) = encoding.decode_without_bom_handling(&single);
            let mut chars = text.chars();
            if let (Some(c), None) = (chars.next(), chars.next()) {
                if c != char::REPLACEMENT_CHARACTER {
                    to_byte.push((c, byte));
                }
            }
            if with_c1 && (0x80..0xA0).contains(&byte) {
                to_byte.push((char::from(byte), byte));
            }
        }
        to_byte.sort_unstable();
        to_byte.dedup_by_key(|&mut (c, _)| c);
        let mut direct = vec![0u8; DIRECT].into_boxed_slice();
        for &(c, byte) in &to_byte {
            if let Some(slot) = direct.get_mut(c as usize) {
                *slot = byte;
            }
        }
        CodePage { direct, to_byte }
    }

    /// The byte 0x80–0xFF that decodes to `c` in this page, if one does.
    #[inline]
    pub(crate) fn byte(&self, c: char) -> Option<u8> {
        match self.direct.get(c as usize) {
            Some(&0) => None,
            Some(&byte) => Some(byte),
            None => self
                .to_byte
                .binary_search_by_key(&c, |&(from, _)| from)
                .ok()
                .map(|at| self.to_byte[at].1),
        }
    }
}

/// The code pages the `mojibake` step undoes, in the order it tries them:
/// windows-1252 (with the C1 controls of ISO-8859-1), windows-1251,
/// windows-1256, windows-1250 and MacRoman. Built once, on first use (a few
/// microseconds).
pub(crate) fn repaired() -> &'static [CodePage] {
    static PAGES: OnceLock<Vec<CodePage>> = OnceLock::new();
    PAGES.get_or_init(|| {
        vec![
            CodePage::build(encoding_rs::WINDOWS_1252, true),
            CodePage::build(encoding_rs::WINDOWS_1251, false),
            CodePage::build(encoding_rs::WINDOWS_1256, false),
            CodePage::build(encoding_rs::WINDOWS_1250, false),
            CodePage::build(encoding_rs::MACINTOSH, false),
        ]
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_of_each_page() {
        let pages = repaired();
        assert_eq!(pages[0].byte('Ã'), Some(0xC3));
        assert_eq!(pages[0].byte('\u{81}'), Some(0x81));
        assert_eq!(pages[0].byte('€'), Some(0x80));
        assert_eq!(pages[1].byte('Р'), Some(0xD0));
        assert_eq!(pages[4].byte('√'), Some(0xC3));
        assert_eq!(pages[0].byte('a'), None);
    }
}
