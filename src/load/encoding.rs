//! [`Encoding`]: an encoding rinse can decode, by its name.

use std::fmt;
use std::str::FromStr;

use crate::unicode::codepage::{self, Table};
use crate::Error;

/// An encoding a document can be decoded from: one of the WHATWG Encoding
/// Standard (UTF-8, UTF-16LE/BE, the windows and ISO code pages, Shift_JIS,
/// EUC-KR, GBK, Big5, …), UTF-32LE/BE, or one of the encodings old files
/// still arrive in that the standard leaves out: the DOS code pages IBM437,
/// IBM850, IBM852 and IBM855, KZ-1048 (Kazakh), Johab and ISO-2022-KR
/// (Korean). [`Encoding::all`] lists them.
///
/// ```
/// use rinse::Encoding;
///
/// let latin1 = Encoding::for_label("latin1").unwrap();
/// assert_eq!(latin1.name(), "windows-1252"); // as browsers read it
/// assert_eq!(Encoding::for_label("utf-32le"), Some(Encoding::UTF_32LE));
/// assert_eq!(Encoding::for_label("cp855").unwrap().name(), "IBM855");
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
    /// A single-byte code page of rinse's own tables that encoding_rs lacks
    /// (IBM437, IBM850, IBM852, IBM855, KZ-1048).
    SingleByte(&'static Table),
    /// Johab (KS X 1001:1992 annex 3): Hangul by its jamo bits, the rest of
    /// KS X 1001 moved to other byte values.
    Johab,
    /// ISO-2022-KR (RFC 1557): 7-bit, KS X 1001 between SO and SI.
    Iso2022Kr,
}

/// The code pages of rinse's tables that it decodes itself: (table name,
/// the name rinse gives the encoding, its labels besides those two).
pub(crate) const EXTRA_PAGES: &[(&str, &str, &[&str])] = &[
    (
        "cp437",
        "IBM437",
        &["437", "cspc8codepage437", "ibm-437", "oem-us"],
    ),
    (
        "cp850",
        "IBM850",
        &["850", "cspc850multilingual", "ibm-850"],
    ),
    ("cp852", "IBM852", &["852", "cspcp852", "ibm-852"]),
    ("cp855", "IBM855", &["855", "csibm855", "ibm-855"]),
    (
        "kz-1048",
        "KZ-1048",
        &["kz1048", "strk1048-2002", "rk1048", "cskz1048"],
    ),
];

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
    /// ISO-2022-JP.
    pub const ISO_2022_JP: Encoding = Encoding(SourceEncoding::Whatwg(encoding_rs::ISO_2022_JP));
    /// ISO-2022-KR (RFC 1557), which browsers refuse and rinse decodes.
    pub const ISO_2022_KR: Encoding = Encoding(SourceEncoding::Iso2022Kr);
    /// Johab, the Korean encoding of KS X 1001:1992 annex 3.
    pub const JOHAB: Encoding = Encoding(SourceEncoding::Johab);

    /// The encoding a label names: any WHATWG label (`utf-8`, `latin1`,
    /// `cp1256`, `koi8-r`, `sjis`), or `utf-32le`/`utf-32be` (also
    /// `utf-32`, meaning little-endian), case-insensitive, surrounding
    /// whitespace ignored. Labels that the Encoding Standard maps to its
    /// *replacement* decoder (`iso-2022-kr`, `hz-gb-2312`, …), which turns a
    /// whole document into one U+FFFD, name no encoding here, except
    /// `iso-2022-kr` (and `csiso2022kr`), which rinse decodes itself.
    /// Labels of the encodings outside the standard: `ibm437`/`cp437`/`437`,
    /// `ibm850`/`cp850`, `ibm852`/`cp852`, `ibm855`/`cp855`,
    /// `kz-1048`/`kz1048`/`rk1048`, `johab`/`cp1361`, `iso-2022-kr`.
    pub fn for_label(label: &str) -> Option<Encoding> {
        let label = label.trim();
        let lower = label.to_ascii_lowercase();
        match lower.as_str() {
            "utf-32" | "utf-32le" | "utf32" | "utf32le" => return Some(Encoding::UTF_32LE),
            "utf-32be" | "utf32be" => return Some(Encoding::UTF_32BE),
            "johab" | "cp1361" | "ms1361" | "x-johab" => {
                return Some(Encoding(SourceEncoding::Johab))
            }
            "iso-2022-kr" | "csiso2022kr" | "iso2022kr" | "iso2022_kr" => {
                return Some(Encoding(SourceEncoding::Iso2022Kr))
            }
            _ => {}
        }
        for &(table, name, labels) in EXTRA_PAGES {
            if lower == table
                || lower.eq_ignore_ascii_case(name)
                || labels.contains(&lower.as_str())
            {
                return Some(Encoding::page(table));
            }
        }
        let found = encoding_rs::Encoding::for_label_no_replacement(label.as_bytes())?;
        Some(Encoding(SourceEncoding::Whatwg(found)))
    }

    /// Whether `label` is one the Encoding Standard maps to its replacement
    /// decoder: a real encoding (ISO-2022-KR, HZ) that browsers refuse to
    /// decode, so rinse refuses it with a clear message.
    fn is_replacement_label(label: &str) -> bool {
        Encoding::for_label(label).is_none()
            && encoding_rs::Encoding::for_label(label.trim().as_bytes())
                == Some(encoding_rs::REPLACEMENT)
    }

    /// The encoding of the code page called `table` in rinse's tables.
    fn page(table: &str) -> Encoding {
        let table = codepage::table(table).expect("every extra page is in the tables");
        Encoding(SourceEncoding::SingleByte(table))
    }

    /// Every encoding rinse decodes, WHATWG ones first (in the standard's
    /// order), then UTF-32LE/BE and the encodings outside the standard.
    pub fn all() -> Vec<Encoding> {
        let mut all: Vec<Encoding> = WHATWG
            .iter()
            .map(|&encoding| Encoding(SourceEncoding::Whatwg(encoding)))
            .collect();
        all.extend([Encoding::UTF_32LE, Encoding::UTF_32BE]);
        all.extend(
            EXTRA_PAGES
                .iter()
                .map(|&(table, _, _)| Encoding::page(table)),
        );
        all.extend([
            Encoding(SourceEncoding::Johab),
            Encoding(SourceEncoding::Iso2022Kr),
        ]);
        all
    }

    /// Whether ASCII text is the same bytes in this encoding (all but
    /// UTF-16 and UTF-32).
    pub fn is_ascii_compatible(self) -> bool {
        match self.0 {
            SourceEncoding::Whatwg(encoding) => {
                encoding.is_ascii_compatible() && encoding != encoding_rs::ISO_2022_JP
            }
            SourceEncoding::Utf32Le | SourceEncoding::Utf32Be => false,
            SourceEncoding::SingleByte(_) | SourceEncoding::Johab => true,
            SourceEncoding::Iso2022Kr => false,
        }
    }

    /// Whether text in this encoding decodes the same cut after any LF or
    /// CR byte as whole: those bytes are line breaks and never part of
    /// another character, and the decoder keeps no state from one line to
    /// the next (all ASCII-compatible encodings but Johab, whose decoder
    /// rinse writes itself and has not been checked for it).
    pub(crate) fn continues_by_lines(self) -> bool {
        self.is_ascii_compatible() && self.0 != SourceEncoding::Johab
    }

    /// The encoding's name: the WHATWG name for WHATWG encodings (`UTF-8`,
    /// `windows-1256`, `Shift_JIS`), otherwise `UTF-32LE` or `UTF-32BE`.
    pub fn name(self) -> &'static str {
        match self.0 {
            SourceEncoding::Whatwg(encoding) => encoding.name(),
            SourceEncoding::Utf32Le => "UTF-32LE",
            SourceEncoding::Utf32Be => "UTF-32BE",
            SourceEncoding::SingleByte(table) => EXTRA_PAGES
                .iter()
                .find(|&&(name, _, _)| name == table.name())
                .map_or(table.name(), |&(_, name, _)| name),
            SourceEncoding::Johab => "Johab",
            SourceEncoding::Iso2022Kr => "ISO-2022-KR",
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
            SourceEncoding::SingleByte(table) => {
                let page = codepage::CodePage::new(table, codepage::C1::AsDefined);
                text.chars()
                    .map(|c| {
                        if c.is_ascii() {
                            Some(c as u8)
                        } else {
                            page.byte(c)
                        }
                    })
                    .collect()
            }
            SourceEncoding::Johab => super::korean::encode_johab(text),
            SourceEncoding::Iso2022Kr => super::korean::encode_iso_2022_kr(text),
        }
    }
}

/// Every encoding of the WHATWG Encoding Standard but `replacement`, in the
/// standard's order.
const WHATWG: [&encoding_rs::Encoding; 39] = [
    encoding_rs::UTF_8,
    encoding_rs::IBM866,
    encoding_rs::ISO_8859_2,
    encoding_rs::ISO_8859_3,
    encoding_rs::ISO_8859_4,
    encoding_rs::ISO_8859_5,
    encoding_rs::ISO_8859_6,
    encoding_rs::ISO_8859_7,
    encoding_rs::ISO_8859_8,
    encoding_rs::ISO_8859_8_I,
    encoding_rs::ISO_8859_10,
    encoding_rs::ISO_8859_13,
    encoding_rs::ISO_8859_14,
    encoding_rs::ISO_8859_15,
    encoding_rs::ISO_8859_16,
    encoding_rs::KOI8_R,
    encoding_rs::KOI8_U,
    encoding_rs::MACINTOSH,
    encoding_rs::WINDOWS_874,
    encoding_rs::WINDOWS_1250,
    encoding_rs::WINDOWS_1251,
    encoding_rs::WINDOWS_1252,
    encoding_rs::WINDOWS_1253,
    encoding_rs::WINDOWS_1254,
    encoding_rs::WINDOWS_1255,
    encoding_rs::WINDOWS_1256,
    encoding_rs::WINDOWS_1257,
    encoding_rs::WINDOWS_1258,
    encoding_rs::X_MAC_CYRILLIC,
    encoding_rs::GBK,
    encoding_rs::GB18030,
    encoding_rs::BIG5,
    encoding_rs::EUC_JP,
    encoding_rs::ISO_2022_JP,
    encoding_rs::SHIFT_JIS,
    encoding_rs::EUC_KR,
    encoding_rs::UTF_16BE,
    encoding_rs::UTF_16LE,
    encoding_rs::X_USER_DEFINED,
];

/// Parses a label as [`Encoding::for_label`] does, with an error that says
/// why a label names no encoding.
///
/// ```
/// let err = "hz-gb-2312".parse::<rinse::Encoding>().unwrap_err();
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
        for label in ["hz-gb-2312", "iso-2022-cn", "replacement"] {
            assert_eq!(Encoding::for_label(label), None, "{label}");
            assert!(Encoding::is_replacement_label(label), "{label}");
        }
        assert!(!Encoding::is_replacement_label("utf-8"));
        // ISO-2022-KR is one of them in the standard, but rinse decodes it.
        assert!(!Encoding::is_replacement_label("csiso2022kr"));
        assert_eq!(
            Encoding::for_label("ISO-2022-KR").map(Encoding::name),
            Some("ISO-2022-KR")
        );
    }

    #[test]
    fn encodings_outside_the_standard_have_names_and_labels() {
        for (label, name) in [
            ("ibm437", "IBM437"),
            ("cp437", "IBM437"),
            ("437", "IBM437"),
            ("IBM850", "IBM850"),
            ("cp852", "IBM852"),
            ("ibm855", "IBM855"),
            ("kz-1048", "KZ-1048"),
            ("RK1048", "KZ-1048"),
            ("johab", "Johab"),
            ("cp1361", "Johab"),
            ("csiso2022kr", "ISO-2022-KR"),
            // encoding_rs's own: IBM866 and the Mac pages.
            ("cp866", "IBM866"),
            ("mac", "macintosh"),
            ("x-mac-cyrillic", "x-mac-cyrillic"),
        ] {
            let encoding = Encoding::for_label(label).unwrap_or_else(|| panic!("{label}"));
            assert_eq!(encoding.name(), name, "{label}");
            assert_eq!(Encoding::for_label(name), Some(encoding), "{name}");
        }
        let names: Vec<&str> = Encoding::all().into_iter().map(Encoding::name).collect();
        for name in [
            "UTF-8",
            "UTF-32BE",
            "IBM437",
            "KZ-1048",
            "Johab",
            "ISO-2022-KR",
        ] {
            assert!(names.contains(&name), "{name}");
        }
        let mut unique = names.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), names.len());
    }

    #[test]
    fn extra_pages_encode() {
        let ibm855 = Encoding::for_label("ibm855").unwrap();
        assert_eq!(ibm855.encode("Я a").unwrap(), [0xE0, b' ', b'a']);
        assert_eq!(ibm855.encode("€"), None);
        let kz = Encoding::for_label("kz-1048").unwrap();
        assert_eq!(kz.encode("Қ").unwrap(), [0x8D]);
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
