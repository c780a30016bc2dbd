//! Encodings a document declares about itself: `<meta charset>`,
//! `<meta http-equiv="Content-Type" content="…; charset=…">`, and the XML
//! declaration's `encoding="…"`.

use super::Encoding;

/// How far into the document a declaration is looked for. Browsers look at
/// the first 1024 bytes; scraped pages often carry a longer `<head>`.
const PRESCAN_BYTES: usize = 4096;

/// The encoding the document declares in its first bytes, if any.
///
/// Any label [`Encoding::for_label`] knows counts (`ibm855`, `johab`,
/// `iso-2022-kr` too). A declaration of UTF-16 or UTF-32 is ignored: a
/// document that can be read as ASCII to find the declaration is not in
/// UTF-16 (HTML treats it as UTF-8; the caller's other rules decide).
pub(crate) fn declared_encoding(bytes: &[u8]) -> Option<Encoding> {
    let head = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    // Plain text has no markup to declare anything in.
    memchr::memchr(b'<', head)?;
    let label = xml_declaration(head).or_else(|| meta_charset(head))?;
    let encoding = Encoding::for_label(std::str::from_utf8(label).ok()?)?;
    let wide = !encoding.is_ascii_compatible() && encoding != Encoding::ISO_2022_KR;
    (!wide || encoding == Encoding::ISO_2022_JP).then_some(encoding)
}

/// The `encoding` pseudo-attribute of an XML declaration at the start.
fn xml_declaration(head: &[u8]) -> Option<&[u8]> {
    let start = head.iter().position(|b| !b.is_ascii_whitespace())?;
    let rest = &head[start..];
    if !rest.starts_with(b"<?xml") {
        return None;
    }
    let end = find(rest, b"?>")?;
    attribute_value(&rest[..end], b"encoding")
}

/// The charset of the first `<meta>` tag that declares one.
fn meta_charset(head: &[u8]) -> Option<&[u8]> {
    let mut rest = head;
    while let Some(at) = find_tag(rest, b"<meta") {
        let tag = &rest[at..];
        let end = tag.iter().position(|&b| b == b'>').unwrap_or(tag.len());
        let tag = &tag[..end];
        if let Some(value) = attribute_value(tag, b"charset") {
            return Some(value);
        }
        rest = &rest[at + 5..];
    }
    None
}

/// The value after `name` `=` in `text` (quoted or not), matching `name`
/// without regard to case; also finds `charset=` inside a `content` value.
fn attribute_value<'a>(text: &'a [u8], name: &[u8]) -> Option<&'a [u8]> {
    let mut rest = text;
    while let Some(at) = find_ignore_case(rest, name) {
        let after = rest[at + name.len()..].trim_ascii_start();
        if let Some(value) = after.strip_prefix(b"=") {
            let value = value.trim_ascii_start();
            let value = match value.first() {
                Some(&quote @ (b'"' | b'\'')) => {
                    let inner = &value[1..];
                    &inner[..inner
                        .iter()
                        .position(|&b| b == quote)
                        .unwrap_or(inner.len())]
                }
                _ => value,
            };
            let end = value
                .iter()
                .position(|&b| {
                    b.is_ascii_whitespace() || matches!(b, b';' | b'"' | b'\'' | b'>' | b'/' | b'?')
                })
                .unwrap_or(value.len());
            let value = &value[..end];
            if !value.is_empty() {
                return Some(value);
            }
        }
        rest = &rest[at + name.len()..];
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The next `<name` (matched without regard to case), jumping from `<` to
/// `<` instead of comparing at every byte.
fn find_tag(haystack: &[u8], open: &[u8]) -> Option<usize> {
    let mut from = 0;
    while let Some(offset) = memchr::memchr(b'<', &haystack[from..]) {
        let at = from + offset;
        if haystack[at..]
            .get(..open.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(open))
        {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

fn find_ignore_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(bytes: &[u8]) -> Option<&'static str> {
        declared_encoding(bytes).map(Encoding::name)
    }

    #[test]
    fn meta_charset_quoted_and_unquoted() {
        assert_eq!(
            name(b"<html><head><meta charset=\"windows-1256\">"),
            Some("windows-1256")
        );
        assert_eq!(name(b"<META CHARSET=koi8-r>"), Some("KOI8-R"));
        assert_eq!(name(b"<meta charset='Shift_JIS' />"), Some("Shift_JIS"));
    }

    #[test]
    fn meta_http_equiv_content_type() {
        let html = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-6\">";
        assert_eq!(name(html), Some("ISO-8859-6"));
    }

    #[test]
    fn xml_declaration_encoding() {
        assert_eq!(
            name(b"<?xml version=\"1.0\" encoding=\"windows-1251\"?><doc/>"),
            Some("windows-1251")
        );
        assert_eq!(
            name(b"\n  <?xml version='1.0' encoding='EUC-KR' ?>"),
            Some("EUC-KR")
        );
    }

    #[test]
    fn latin1_label_means_windows_1252() {
        assert_eq!(name(b"<meta charset=iso-8859-1>"), Some("windows-1252"));
    }

    #[test]
    fn utf16_declaration_is_ignored() {
        assert_eq!(name(b"<meta charset=utf-16>"), None);
        assert_eq!(name(b"<meta charset=utf-32>"), None);
    }

    #[test]
    fn encodings_outside_the_standard_are_declared_too() {
        assert_eq!(name(b"<meta charset=ibm855>"), Some("IBM855"));
        assert_eq!(name(b"<meta charset=cp437>"), Some("IBM437"));
        assert_eq!(name(b"<meta charset=johab>"), Some("Johab"));
        assert_eq!(name(b"<meta charset=iso-2022-kr>"), Some("ISO-2022-KR"));
        assert_eq!(name(b"<meta charset=iso-2022-jp>"), Some("ISO-2022-JP"));
    }

    #[test]
    fn unknown_labels_and_plain_text_declare_nothing() {
        assert_eq!(name(b"<meta charset=klingon>"), None);
        assert_eq!(name(b"The charset = utf-8 in prose"), None);
        assert_eq!(name(b""), None);
    }

    #[test]
    fn declaration_past_the_prescan_window_is_not_seen() {
        let mut page = vec![b' '; PRESCAN_BYTES];
        page.extend_from_slice(b"<meta charset=windows-1251>");
        assert_eq!(name(&page), None);
    }
}
