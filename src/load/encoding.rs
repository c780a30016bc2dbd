//! [`Encoding`]: an encoding rinse can decode, by its name.

use std::fmt;
use std::str::FromStr;

use crate::Error;

/// An encoding a document can be decoded from: one of the WHATWG Encoding
/// Standard (UTF-8, UTF-16LE/BE, the windows and ISO code pages, Shift_JIS,
/// EUC-KR, GBK, Big5, …) or UTF-32LE/BE.
///
/// ```
/// use rinse::Encoding;
///
/// let latin1 = Encoding::for_label("latin1").unwrap();
/// assert_eq!(latin1.name(), "windows-1252"); // as browsers read it
/// assert_eq!(Encoding::for_label("utf-32le"), Some(Encoding::UTF_32LE));
/// assert_eq!(Encoding::for_label("klingon"), None);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Encoding(pub(crate) SourceEncoding);

/// How an [`Encoding`] is decoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum SourceEncoding {
    /// By `encoding_rs`.
    Whatwg(&'static encoding_rs::Encoding),
    /// UTF-32, little-endian (not in the WHATWG standard).
    Utf32Le,
    /// UTF-32, big-endian.
    Utf32Be,
}

impl Encoding {
    /// UTF-8.
    pub const UTF_8: Encoding = Encoding(SourceEncoding::Whatwg(encoding_rs::UTF_8));
    /// UTF-16, little-endian.
    pub const UTF_16LE: Encoding = Encoding(SourceEncoding::Whatwg(encoding_rs::UTF_16LE));
    /// UTF-16, big-endian.
    pub const UTF_16BE: Encoding = Encoding(SourceEncoding::Whatwg(encoding_rs::UTF_16BE));
    /// UTF-32, little-endian.
    pub const UTF_32LE: Encoding = Encoding(SourceEncoding::Utf32Le);
    /// UTF-32, big-endian.
    pub const UTF_32BE: Encoding = Encoding(SourceEncoding::Utf32Be);
    /// windows-1252, which is also what browsers (and rinse) mean by
    /// ISO-8859-1 and latin1.
    pub const WINDOWS_1252: Encoding = Encoding(SourceEncoding::Whatwg(encoding_rs::WINDOWS_1252));

    /// The encoding a label names: any WHATWG label (`utf-8`, `latin1`,
    /// `cp1256`, `koi8-r`, `sjis`), or `utf-32le`/`utf-32be` (also
    /// `utf-32`, meaning little-endian), case-insensitive, surrounding
    /// whitespace ignored. Labels that the Encoding Standard maps to its
    /// *replacement* decoder (`iso-2022-kr`, `hz-gb-2312`, …), which turns a
    /// whole document into one U+FFFD, name no encoding here.
    pub fn for_label(label: &str) -> Option<Encoding> {
        let label = label.trim();
        match label.to_ascii_lowercase().as_str() {
            "utf-32" | "utf-32le" | "utf32" | "utf32le" => return Some(Encoding::UTF_32LE),
            "utf-32be" | "utf32be" => return Some(Encoding::UTF_32BE),
            _ => {}
        }
        let found = encoding_rs::Encoding::for_label_no_replacement(label.as_bytes())?;
        Some(Encoding(SourceEncoding::Whatwg(found)))
    }

    /// Whether `label` is one the Encoding Standard maps to its replacement
    /// decoder: a real encoding (ISO-2022-KR, HZ) that browsers refuse to
    /// decode, so rinse refuses it with a clear message.
    fn is_replacement_label(label: &str) -> bool {
        encoding_rs::Encoding::for_label(label.trim().as_bytes()) == Some(encoding_rs::REPLACEMENT)
    }

    /// The encoding's name: the WHATWG name for WHATWG encodings (`UTF-8`,
    /// `windows-1256`, `Shift_JIS`), otherwise `UTF-32LE` or `UTF-32BE`.
    pub fn name(self) -> &'static str {
        match self.0 {
            SourceEncoding::Whatwg(encoding) => encoding.name(),
            SourceEncoding::Utf32Le => "UTF-32LE",
            SourceEncoding::Utf32Be => "UTF-32BE",
        }
    }

    /// The `encoding_rs` encoding, for a WHATWG one.
    pub(crate) fn whatwg(self) -> Option<&'static encoding_rs::Encoding> {
        match self.0 {
            SourceEncoding::Whatwg(encoding) => Some(encoding),
            _ => None,
        }
    }

    /// `text` encoded in this encoding, or `None` when a character of it has
    /// no representation there. UTF-16 and UTF-32 are written without a
    /// byte-order mark.
    pub fn encode(self, text: &str) -> Option<Vec<u8>> {
        match self.0 {
            SourceEncoding::Whatwg(encoding) if encoding == encoding_rs::UTF_16LE => {
                Some(text.encode_utf16().flat_map(u16::to_le_bytes).collect())
            }
            SourceEncoding::Whatwg(encoding) if encoding == encoding_rs::UTF_16BE => {
                Some(text.encode_utf16().flat_map(u16::to_be_bytes).collect())
            }
            SourceEncoding::Whatwg(encoding) => {
                let (bytes, _, unmappable) = encoding.encode(text);
                (!unmappable).then(|| bytes.into_owned())
            }
            SourceEncoding::Utf32Le => Some(
                text.chars()
                    .flat_map(|c| (c as u32).to_le_bytes())
                    .collect(),
            ),
            SourceEncoding::Utf32Be => Some(
                text.chars()
                    .flat_map(|c| (c as u32).to_be_bytes())
                    .collect(),
            ),
        }
    }
}

/// Parses a label as [`Encoding::for_label`] does, with an error that says
/// why a label names no encoding.
///
/// ```
/// let err = "iso-2022-kr".parse::<rinse::Encoding>().unwrap_err();
/// assert!(err.to_string().contains("not supported"));
/// ```
impl FromStr for Encoding {
    type Err = Error;

    fn from_str(label: &str) -> Result<Encoding, Error> {
        if Encoding::is_replacement_label(label) {
            return Err(Error::UnsupportedEncoding {
                label: label.to_owned(),
            });
        }
        Encoding::for_label(label).ok_or_else(|| Error::UnknownEncoding {
            label: label.to_owned(),
        })
    }
}

impl fmt::Debug for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Encoding({})", self.name())
    }
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_resolve_to_whatwg_names() {
        for (label, name) in [
            ("utf-8", "UTF-8"),
            (" UTF8 ", "UTF-8"),
            ("latin1", "windows-1252"),
            ("iso-8859-1", "windows-1252"),
            ("cp1256", "windows-1256"),
            ("koi8-r", "KOI8-R"),
            ("sjis", "Shift_JIS"),
            ("utf-32", "UTF-32LE"),
            ("UTF-32BE", "UTF-32BE"),
        ] {
            assert_eq!(Encoding::for_label(label).unwrap().name(), name, "{label}");
        }
    }

    #[test]
    fn replacement_labels_name_no_encoding() {
        for label in ["iso-2022-kr", "hz-gb-2312", "csiso2022kr", "replacement"] {
            assert_eq!(Encoding::for_label(label), None, "{label}");
            assert!(Encoding::is_replacement_label(label), "{label}");
        }
        assert!(!Encoding::is_replacement_label("utf-8"));
    }

    #[test]
    fn encode_round_trips_and_refuses_unmappable_text() {
        let ru = Encoding::for_label("windows-1251").unwrap();
        assert_eq!(ru.encode("Да").unwrap(), [0xC4, 0xE0]);
        assert_eq!(ru.encode("日本"), None);
        assert_eq!(Encoding::UTF_16BE.encode("a").unwrap(), [0, b'a']);
        assert_eq!(Encoding::UTF_32LE.encode("a").unwrap(), [b'a', 0, 0, 0]);
    }
}
