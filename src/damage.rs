//! Deterministic generators of real-world damage, for tests and fixtures.
//!
//! Each function takes clean text and returns it damaged the way text is
//! damaged in the wild; each says what rinse does to undo it. The same input
//! always gives the same output, so damaged corpus files can be checked
//! against the generator byte for byte ([`corpus_variants`]).
//!
//! ```
//! use rinse::damage;
//!
//! let broken = damage::mojibake("café", rinse::Encoding::WINDOWS_1252);
//! assert_eq!(broken, "cafÃ©");
//! assert_eq!(rinse::clean_str(&broken).text, "café\n");
//! ```

use crate::load::SourceEncoding;
pub use crate::Encoding;

/// `text` encoded in a legacy `encoding`; `None` when a character of `text`
/// has no representation there. Undone by detection (`decode`).
pub fn encode_legacy(text: &str, encoding: Encoding) -> Option<Vec<u8>> {
    encoding.encode(text)
}

/// The UTF-8 bytes of `text` decoded as the single-byte `encoding`: what a
/// program that guessed the wrong code page stores (`é` → `Ã©` through
/// windows-1252). Undone by the `mojibake` step. For an encoding that is not
/// a WHATWG one (UTF-32), the text comes back as it was.
pub fn mojibake(text: &str, encoding: Encoding) -> String {
    match encoding.whatwg() {
        Some(encoding) => encoding
            .decode_without_bom_handling(text.as_bytes())
            .0
            .into_owned(),
        None => text.to_owned(),
    }
}

/// The UTF-8 bytes of `text` read as ISO-8859-1, byte for character, so that
/// the bytes 0x80–0x9F become C1 control characters (`’` → `â` U+0080
/// U+0099). Undone by the `mojibake` step.
pub fn c1_mojibake(text: &str) -> String {
    text.bytes().map(char::from).collect()
}

/// `text` as UTF-16LE with a byte-order mark. Undone by `decode`.
pub fn utf16le_with_bom(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    bytes
}

/// `text` as UTF-8 with a byte-order mark. Undone by `decode`.
pub fn utf8_with_bom(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend_from_slice(text.as_bytes());
    bytes
}

/// Every line break of `text` as CRLF. Undone by `line-endings`.
pub fn crlf(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\n', "\r\n")
}

/// The malformed byte sequences [`nul_and_invalid_utf8`] injects, in turn:
/// a lone continuation byte, bytes that never occur in UTF-8, an overlong
/// encoding, an encoded surrogate, a truncated sequence, and a NUL.
const INJECTED: &[&[u8]] = &[
    b"\x80",
    b"\xFF",
    b"\xC0\xAF",
    b"\xED\xA0\x80",
    b"\xE2\x82",
    b"\x00",
    b"\xFE",
];

/// `text` as UTF-8 with a malformed byte sequence or a NUL glued to the end
/// of every `every`-th word. Lossy: each malformed sequence becomes U+FFFD
/// (`decode`), each NUL is removed (`control-chars`).
pub fn nul_and_invalid_utf8(text: &str, every: usize) -> Vec<u8> {
    let every = every.max(1);
    let mut out = Vec::with_capacity(text.len() + text.len() / every);
    let mut words = 0;
    let mut injected = 0;
    let bytes = text.as_bytes();
    for (at, &byte) in bytes.iter().enumerate() {
        out.push(byte);
        let word_ends = !byte.is_ascii_whitespace()
            && bytes
                .get(at + 1)
                .is_none_or(|next| next.is_ascii_whitespace());
        if word_ends {
            words += 1;
            if words % every == 0 {
                out.extend_from_slice(INJECTED[injected % INJECTED.len()]);
                injected += 1;
            }
        }
    }
    out
}

/// `text` escaped as careless HTML export does: `&`, `<`, `>`, quotes,
/// apostrophes and dashes as character references (named and numeric), and
/// every `every`-th space as `&nbsp;`. Undone by `html-entities` (and the
/// no-break spaces by `unicode-spaces`).
pub fn html_entities(text: &str, every: usize) -> String {
    let every = every.max(1);
    let mut out = String::with_capacity(text.len() * 11 / 10);
    let mut spaces = 0;
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\u{2014}' => out.push_str("&mdash;"),
            '\u{2019}' => out.push_str("&#8217;"),
            '\u{201C}' => out.push_str("&#x201C;"),
            '\u{201D}' => out.push_str("&#x201D;"),
            ' ' => {
                spaces += 1;
                if spaces % every == 0 {
                    out.push_str("&nbsp;");
                } else {
                    out.push(' ');
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// `text` with a no-break or other Unicode space instead of every `every`-th
/// ASCII space (cycling through NBSP, thin, narrow no-break, ideographic),
/// and a doubled space after each sentence end. Undone by `unicode-spaces`
/// and `collapse-spaces`.
///
/// ```
/// assert_eq!(rinse::damage::exotic_spaces("a b. c", 1), "a\u{2009}b.\u{202f} c");
/// ```
pub fn exotic_spaces(text: &str, every: usize) -> String {
    const SPACES: [char; 4] = ['\u{a0}', '\u{2009}', '\u{202f}', '\u{3000}'];
    let every = every.max(1);
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut spaces = 0;
    let mut previous = '\0';
    for c in text.chars() {
        if c == ' ' {
            spaces += 1;
            if previous == '.' {
                out.push(SPACES[spaces % SPACES.len()]);
                out.push(' ');
            } else if spaces % every == 0 {
                out.push(SPACES[(spaces / every) % SPACES.len()]);
            } else {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
        previous = c;
    }
    out
}

/// `text` with an invisible character inside every `every`-th word of four
/// letters or more, cycling through a zero-width space, a soft hyphen, a
/// left-to-right mark, a word joiner and a bidi isolate pair. Undone by
/// `invisibles`.
///
/// ```
/// assert_eq!(rinse::damage::invisibles("Moscow attack", 1), "Mo\u{200b}scow at\u{ad}tack");
/// ```
pub fn invisibles(text: &str, every: usize) -> String {
    const INVISIBLE: [&str; 5] = [
        "\u{200b}",
        "\u{ad}",
        "\u{200e}",
        "\u{2060}",
        "\u{2066}\u{2069}",
    ];
    let mut count = 0;
    map_words(text, every, |word, out| {
        let split = word.char_indices().nth(2).map_or(word.len(), |(at, _)| at);
        out.push_str(&word[..split]);
        out.push_str(INVISIBLE[count % INVISIBLE.len()]);
        out.push_str(&word[split..]);
        count += 1;
    })
}

/// `text` with one Latin letter of every `every`-th word of four letters or
/// more replaced by its Cyrillic lookalike (`a e o p c` → `а е о р с`), as
/// spam and copy-paste do. Undone by `homoglyphs`.
///
/// ```
/// assert_eq!(rinse::damage::homoglyphs("the Moscow attack", 1), "the Mоscow аttack");
/// ```
pub fn homoglyphs(text: &str, every: usize) -> String {
    map_words(text, every, |word, out| {
        let mut replaced = false;
        for c in word.chars() {
            let lookalike = match c {
                'a' => 'а',
                'e' => 'е',
                'o' => 'о',
                'p' => 'р',
                'c' => 'с',
                _ => c,
            };
            if !replaced && lookalike != c {
                out.push(lookalike);
                replaced = true;
            } else {
                out.push(c);
            }
        }
    })
}

/// Applies `damage` to every `every`-th word of four ASCII letters or more.
fn map_words(text: &str, every: usize, mut damage: impl FnMut(&str, &mut String)) -> String {
    let every = every.max(1);
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    let mut words = 0;
    let mut rest = text;
    while !rest.is_empty() {
        let word_len = rest
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(rest.len());
        if word_len == 0 {
            let c = rest.chars().next().expect("rest is not empty");
            out.push(c);
            rest = &rest[c.len_utf8()..];
            continue;
        }
        let (word, tail) = rest.split_at(word_len);
        if word.len() >= 4 {
            words += 1;
            if words % every == 0 {
                damage(word, &mut out);
                rest = tail;
                continue;
            }
        }
        out.push_str(word);
        rest = tail;
    }
    out
}

/// `text` with a web page's footer after it: a comment counter, a review
/// prompt, a section label and a social prompt, each its own paragraph.
/// Undone by `boilerplate` and `edge-residue` (the text needs a paragraph
/// for the footer to stand after).
pub fn with_footer(text: &str) -> String {
    let body = text.trim_end_matches('\n');
    format!(
        "{body}\n\n3 comments\n\nLeave a review\n\nLatest news\n\nFollow us on social networks\n"
    )
}

/// `text` with its first line printed twice (separated as the text separates
/// its paragraphs), as pages print an image caption above and below the
/// picture. Undone by `duplicate-lines` (for a
/// first line of 20 bytes or more).
pub fn duplicated_first_line(text: &str) -> String {
    let first = text.lines().next().unwrap_or("");
    // Between paragraphs the way the text has it: a blank line or none.
    let separator = if text.contains("\n\n") { "\n\n" } else { "\n" };
    format!("{first}{separator}{text}")
}

/// `text` with ` date DATE ` glued to its first line, as some scrapers
/// export. Undone by `metadata-prefix`, which moves the date into the
/// metadata.
///
/// ```
/// let damaged = rinse::damage::metadata_prefix("MOSCOW — Text.", "2024-03-23");
/// assert_eq!(damaged, " date 2024-03-23 MOSCOW — Text.");
/// let cleaned = rinse::clean_str(&damaged);
/// assert_eq!(cleaned.metadata["date"], "2024-03-23");
/// assert_eq!(cleaned.text, "MOSCOW — Text.\n");
/// ```
pub fn metadata_prefix(text: &str, date: &str) -> String {
    format!(" date {date} {text}")
}

/// A kind of damage a damaged corpus document carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Damage {
    /// Encoded in a legacy encoding ([`encode_legacy`]).
    Legacy(Encoding),
    /// UTF-16LE with a byte-order mark ([`utf16le_with_bom`]).
    Utf16LeBom,
    /// UTF-8 with a byte-order mark and CRLF line breaks.
    Utf8BomCrlf,
    /// Mojibake through a single-byte code page ([`mojibake`]).
    Mojibake(Encoding),
    /// Mojibake through windows-1252, twice.
    DoubleMojibake,
    /// Mojibake through ISO-8859-1, with C1 controls ([`c1_mojibake`]).
    C1Mojibake,
    /// NUL bytes and malformed UTF-8 glued to words ([`nul_and_invalid_utf8`]).
    NulAndInvalidUtf8,
    /// HTML character references ([`html_entities`]).
    HtmlEntities,
}

impl Damage {
    /// The damaged bytes of `text`.
    ///
    /// # Panics
    ///
    /// For [`Damage::Legacy`], if `text` has a character the encoding lacks
    /// (the corpus recipes only pair texts with encodings that have them).
    pub fn apply(self, text: &str) -> Vec<u8> {
        match self {
            Damage::Legacy(encoding) => encode_legacy(text, encoding)
                .unwrap_or_else(|| panic!("text not representable in {}", encoding.name())),
            Damage::Utf16LeBom => utf16le_with_bom(text),
            Damage::Utf8BomCrlf => utf8_with_bom(&crlf(text)),
            Damage::Mojibake(encoding) => mojibake(text, encoding).into_bytes(),
            Damage::DoubleMojibake => {
                let once = mojibake(text, Encoding::WINDOWS_1252);
                mojibake(&once, Encoding::WINDOWS_1252).into_bytes()
            }
            Damage::C1Mojibake => c1_mojibake(text).into_bytes(),
            Damage::NulAndInvalidUtf8 => nul_and_invalid_utf8(text, 60),
            Damage::HtmlEntities => html_entities(text, 9).into_bytes(),
        }
    }

    /// Whether cleaning the damaged text gives exactly the cleaned source.
    /// Malformed bytes are lossy: they leave U+FFFD where they were.
    pub fn reversible(self) -> bool {
        !matches!(self, Damage::NulAndInvalidUtf8)
    }
}

/// One file of `corpus/damaged/`: which corpus document it was made from and
/// how.
#[derive(Clone, Copy, Debug)]
pub struct Variant {
    /// The damaged file, relative to `corpus/`.
    pub file: &'static str,
    /// The clean document it was made from, relative to `corpus/`.
    pub source: &'static str,
    /// The damage applied.
    pub damage: Damage,
}

const ARABIC: &str = "web/000_8e67905d711366b3.txt";
const ENGLISH: &str = "web/001_38025df435438118.txt";
const ENGLISH_DATED: &str = "web/002_4298c29b566fd99a.txt";
const RUSSIAN: &str = "synthetic/ru_news_metro.txt";

/// The recipes of every file in `corpus/damaged/`.
pub fn corpus_variants() -> &'static [Variant] {
    const fn whatwg(encoding: &'static encoding_rs::Encoding) -> Encoding {
        Encoding(SourceEncoding::Whatwg(encoding))
    }
    const ISO_8859_6: Encoding = whatwg(encoding_rs::ISO_8859_6);
    const KOI8_R: Encoding = whatwg(encoding_rs::KOI8_R);
    const WINDOWS_1251: Encoding = whatwg(encoding_rs::WINDOWS_1251);
    const WINDOWS_1252: Encoding = Encoding::WINDOWS_1252;
    const WINDOWS_1256: Encoding = whatwg(encoding_rs::WINDOWS_1256);
    const fn v(file: &'static str, source: &'static str, damage: Damage) -> Variant {
        Variant {
            file,
            source,
            damage,
        }
    }
    static VARIANTS: &[Variant] = &[
        v(
            "damaged/000_arabic.windows-1256.txt",
            ARABIC,
            Damage::Legacy(WINDOWS_1256),
        ),
        v(
            "damaged/000_arabic.iso-8859-6.txt",
            ARABIC,
            Damage::Legacy(ISO_8859_6),
        ),
        v(
            "damaged/000_arabic.mojibake-windows-1252.txt",
            ARABIC,
            Damage::Mojibake(WINDOWS_1252),
        ),
        v(
            "damaged/000_arabic.mojibake-windows-1256.txt",
            ARABIC,
            Damage::Mojibake(WINDOWS_1256),
        ),
        v(
            "damaged/001_english.utf-16le-bom.txt",
            ENGLISH,
            Damage::Utf16LeBom,
        ),
        v(
            "damaged/001_english.utf-8-bom-crlf.txt",
            ENGLISH,
            Damage::Utf8BomCrlf,
        ),
        v(
            "damaged/001_english.mojibake-windows-1252.txt",
            ENGLISH,
            Damage::Mojibake(WINDOWS_1252),
        ),
        v(
            "damaged/001_english.double-mojibake.txt",
            ENGLISH,
            Damage::DoubleMojibake,
        ),
        v(
            "damaged/001_english.c1-controls.txt",
            ENGLISH,
            Damage::C1Mojibake,
        ),
        v(
            "damaged/001_english.nul-invalid-utf8.txt",
            ENGLISH,
            Damage::NulAndInvalidUtf8,
        ),
        v(
            "damaged/002_english.html-entities.txt",
            ENGLISH_DATED,
            Damage::HtmlEntities,
        ),
        v(
            "damaged/ru_news.windows-1251.txt",
            RUSSIAN,
            Damage::Legacy(WINDOWS_1251),
        ),
        v(
            "damaged/ru_news.koi8-r.txt",
            RUSSIAN,
            Damage::Legacy(KOI8_R),
        ),
    ];
    VARIANTS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mojibake_through_each_code_page() {
        assert_eq!(
            mojibake("it’s", Encoding::for_label("windows-1252").unwrap()),
            "itâ€™s"
        );
        assert_eq!(
            mojibake("п", Encoding::for_label("windows-1251").unwrap()),
            "Рї"
        );
        assert_eq!(
            mojibake("ا", Encoding::for_label("windows-1256").unwrap()),
            "ط§"
        );
    }

    #[test]
    fn c1_mojibake_keeps_c1_controls() {
        assert_eq!(c1_mojibake("’"), "â\u{80}\u{99}");
    }

    #[test]
    fn legacy_encoding_refuses_unmappable_text() {
        assert!(encode_legacy("日本", Encoding::for_label("windows-1251").unwrap()).is_none());
        assert_eq!(
            encode_legacy("Да", Encoding::for_label("koi8-r").unwrap()).unwrap(),
            b"\xe4\xc1"
        );
    }

    #[test]
    fn injection_is_deterministic_and_glued_to_words() {
        let text = "one two three four";
        let damaged = nul_and_invalid_utf8(text, 2);
        assert_eq!(damaged, nul_and_invalid_utf8(text, 2));
        assert_eq!(damaged, b"one two\x80 three four\xFF");
    }

    #[test]
    fn html_entities_escape_markup_and_some_spaces() {
        assert_eq!(
            html_entities("a & \"b\" — it’s", 3),
            "a &amp; &quot;b&quot;&nbsp;&mdash; it&#8217;s"
        );
    }

    #[test]
    fn word_damage_skips_short_words_and_keeps_the_rest() {
        assert_eq!(homoglyphs("a big apple pie", 1), "a big аpple pie");
        assert_eq!(invisibles("one, two", 1), "one, two");
    }

    #[test]
    fn crlf_does_not_double_existing_crlf() {
        assert_eq!(crlf("a\nb\r\nc"), "a\r\nb\r\nc");
    }
}
