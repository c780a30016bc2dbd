//! The `html-entities` step: character references left in scraped text.
//!
//! Named references (`&amp;`, `&quot;`, `&nbsp;`, all 2125 of HTML5) and
//! numeric ones (`&#8217;`, `&#x2019;`) are decoded when they end with `;`
//! (so `AT&T` and `&copy` in prose stay as they are). Numeric references
//! follow the HTML rules: 128–159 mean the windows-1252 characters
//! (`&#146;` is `’`), and zero, surrogates and values past U+10FFFF become
//! U+FFFD. A reference to a line break becomes a space, since one line never
//! turns into two here. Text escaped twice (`&amp;quot;`) is decoded until
//! nothing changes.

use std::borrow::Cow;

use crate::clean::Edit;
use crate::report::Action;

/// How many times a line is decoded at most (`&amp;amp;amp;` needs three).
const ROUNDS: usize = 4;

/// Decodes the character references of `line`.
pub(crate) fn decode(line: &str) -> Option<Edit> {
    memchr::memchr(b'&', line.as_bytes())?;
    let mut current: Cow<'_, str> = Cow::Borrowed(line);
    let mut count = 0;
    let mut first = None;
    for _ in 0..ROUNDS {
        let Some((next, n, span)) = decode_once(&current) else {
            break;
        };
        if first.is_none() {
            first = Some(span);
        }
        count += n;
        current = Cow::Owned(next);
    }
    let (before, after) = first?;
    let text = current.into_owned();
    // After more rounds the first span's end may have moved: keep it in bounds.
    let after = after.start.min(text.len())..after.end.min(text.len());
    let after = if text.is_char_boundary(after.start) && text.is_char_boundary(after.end) {
        after
    } else {
        0..0
    };
    Some(Edit::new(text, Action::Replaced, count, before, after))
}

type Spans = (std::ops::Range<usize>, std::ops::Range<usize>);

/// One pass over `line`: the decoded text, how many references, and the
/// first reference's span before and after.
fn decode_once(line: &str) -> Option<(String, usize, Spans)> {
    let mut out = String::new();
    let mut count = 0;
    let mut first = None;
    let mut copied = 0;
    let mut search = 0;
    while let Some(offset) = memchr::memchr(b'&', &line.as_bytes()[search..]) {
        let start = search + offset;
        search = start + 1;
        let Some(end) = reference_end(line, start) else {
            continue;
        };
        let reference = &line[start..end];
        let Some(decoded) = decode_reference(reference) else {
            continue;
        };
        out.push_str(&line[copied..start]);
        let at = out.len();
        out.push_str(&decoded);
        first.get_or_insert((start..end, at..out.len()));
        copied = end;
        search = end;
        count += 1;
    }
    let first = first?;
    out.push_str(&line[copied..]);
    Some((out, count, first))
}

/// The end (after `;`) of a reference starting at `start`, if it looks like
/// one: `&#digits;`, `&#xhex;` or `&name;` with an alphanumeric name of at
/// most 32 characters.
fn reference_end(line: &str, start: usize) -> Option<usize> {
    let rest = &line.as_bytes()[start + 1..];
    let body = rest.iter().take(34).position(|&b| b == b';')?;
    let name = &rest[..body];
    let valid = match name {
        [b'#', b'x' | b'X', hex @ ..] => !hex.is_empty() && hex.iter().all(u8::is_ascii_hexdigit),
        [b'#', digits @ ..] => !digits.is_empty() && digits.iter().all(u8::is_ascii_digit),
        [first, ..] => first.is_ascii_alphabetic() && name.iter().all(u8::is_ascii_alphanumeric),
        [] => false,
    };
    valid.then_some(start + 1 + body + 1)
}

/// The text a reference stands for, or `None` for an unknown name.
fn decode_reference(reference: &str) -> Option<Cow<'static, str>> {
    let body = &reference[1..reference.len() - 1];
    let value = if let Some(hex) = body.strip_prefix("#x").or_else(|| body.strip_prefix("#X")) {
        u32::from_str_radix(hex, 16).unwrap_or(u32::MAX)
    } else if let Some(digits) = body.strip_prefix('#') {
        digits.parse::<u32>().unwrap_or(u32::MAX)
    } else {
        let decoded = html_escape::decode_html_entities(reference);
        return match decoded {
            Cow::Owned(text) if text != reference => Some(Cow::Owned(text)),
            _ => None,
        };
    };
    let c = match value {
        0x0A | 0x0D => ' ',
        0x80..=0x9F => {
            let byte = [value as u8];
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&byte);
            text.chars().next().unwrap_or(char::REPLACEMENT_CHARACTER)
        }
        _ => char::from_u32(value)
            .filter(|&c| c != '\0')
            .unwrap_or(char::REPLACEMENT_CHARACTER),
    };
    Some(Cow::Owned(c.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(text: &str) -> String {
        decode(text).map_or_else(|| text.to_owned(), |edit| edit.text)
    }

    #[test]
    fn common_named_references() {
        assert_eq!(
            decoded("Tom &amp; Jerry &quot;live&quot; &lt;3&gt;"),
            "Tom & Jerry \"live\" <3>"
        );
        assert_eq!(decoded("a&nbsp;b &eacute;t&eacute;"), "a\u{a0}b été");
    }

    #[test]
    fn numeric_references_decimal_and_hex() {
        assert_eq!(decoded("it&#8217;s &#x201C;ok&#x201d;"), "it’s “ok”");
    }

    #[test]
    fn c1_numeric_references_mean_windows_1252() {
        assert_eq!(decoded("it&#146;s &#133;"), "it’s …");
    }

    #[test]
    fn invalid_numeric_references_become_replacement() {
        assert_eq!(
            decoded("&#0; &#xD800; &#99999999;"),
            "\u{fffd} \u{fffd} \u{fffd}"
        );
    }

    #[test]
    fn line_break_reference_becomes_a_space() {
        assert_eq!(decoded("one&#10;two"), "one two");
    }

    #[test]
    fn double_escaped_text_is_decoded_fully() {
        let edit = decode("&amp;quot;quoted&amp;quot; &amp;amp;amp;").unwrap();
        assert_eq!(edit.text, "\"quoted\" &");
    }

    #[test]
    fn ampersands_that_are_not_references_stay() {
        for text in [
            "AT&T",
            "R&D; not a ref",
            "&copy without semicolon",
            "a & b",
            "&;",
            "&unknownentity;",
        ] {
            assert!(decode(text).is_none(), "{text}");
        }
    }
}
