//! The `html-entities` step: character references left in scraped text.
//!
//! Named references (`&amp;`, `&quot;`, `&nbsp;`, all 2125 of HTML5) and
//! numeric ones (`&#8217;`, `&#x2019;`) are decoded when they end with `;`
//! (so `AT&T` and `&copy` in prose stay as they are). Numeric references
//! follow the HTML rules: 128–159 mean the windows-1252 characters
//! (`&#146;` is `’`), and zero, surrogates and values past U+10FFFF become
//! U+FFFD. A reference to a line break becomes a space, since one line never
//! turns into two here; one to another control character (`&#x1;`, `&#27;`)
//! is left as written: it names the character, and decoded it would be
//! removed. Text escaped twice (`&amp;quot;`) is decoded until
//! nothing changes.

use std::borrow::Cow;

use crate::clean::edit::Edit;
use crate::clean::StepOptions;
use crate::report::Action;

/// How many passes over a line at most. One pass decodes nested escapes
/// (`&amp;amp;lt;`) by itself; another is needed only where decoding glues
/// a reference together (`&amp&#59;`), which takes a pass per level.
const PASSES: usize = 64;

/// Decodes the character references of `line`.
pub(crate) fn decode(line: &str, _: &StepOptions) -> Option<Edit> {
    memchr::memchr(b'&', line.as_bytes())?;
    let mut current: Cow<'_, str> = Cow::Borrowed(line);
    let mut count = 0;
    let mut first = None;
    for _ in 0..PASSES {
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
    // After more passes the first span's end may have moved: keep it in bounds.
    let after = after.start.min(text.len())..after.end.min(text.len());
    let after = if text.is_char_boundary(after.start) && text.is_char_boundary(after.end) {
        after
    } else {
        0..0
    };
    Some(Edit::new(text, Action::Replaced, count, before, after))
}

type Spans = (std::ops::Range<usize>, std::ops::Range<usize>);

/// One pass over `line`, in linear time: the decoded text, how many
/// references, and the first reference's span before and after. A
/// reference that decodes to `&` is looked at again with what follows it,
/// so `&amp;` escaped twenty times comes back in this one pass.
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
        let at = out.len();
        out.push_str(&line[copied..start]);
        let written = out.len();
        if !push_reference(&mut out, reference) {
            out.truncate(at);
            continue;
        }
        first.get_or_insert((start..end, written..out.len()));
        copied = end;
        search = end;
        count += 1;
        // A decoded `&` followed by the rest of a reference: decode again.
        while out.ends_with('&') {
            let Some(end) = reference_end_after_amp(line, copied) else {
                break;
            };
            let reference = format!("&{}", &line[copied..end]);
            out.pop();
            let before = out.len();
            if !push_reference(&mut out, &reference) {
                out.truncate(before);
                out.push('&');
                break;
            }
            copied = end;
            search = end;
            count += 1;
        }
    }
    let first = first?;
    out.push_str(&line[copied..]);
    Some((out, count, first))
}

/// The end of a reference made of a `&` (already decoded) and the text of
/// `line` at `at`: like [`reference_end`] for the text `&` + `line[at..]`.
fn reference_end_after_amp(line: &str, at: usize) -> Option<usize> {
    let rest = &line.as_bytes()[at..];
    let body = rest.iter().take(34).position(|&b| b == b';')?;
    valid_name(&rest[..body]).then_some(at + body + 1)
}

/// Whether `name` (between `&` and `;`) looks like a reference: `#digits`,
/// `#xhex`, or an alphanumeric name starting with a letter.
fn valid_name(name: &[u8]) -> bool {
    match name {
        [b'#', b'x' | b'X', hex @ ..] => !hex.is_empty() && hex.iter().all(u8::is_ascii_hexdigit),
        [b'#', digits @ ..] => !digits.is_empty() && digits.iter().all(u8::is_ascii_digit),
        [first, ..] => first.is_ascii_alphabetic() && name.iter().all(u8::is_ascii_alphanumeric),
        [] => false,
    }
}

/// The end (after `;`) of a reference starting at `start`, if it looks like
/// one: `&#digits;`, `&#xhex;` or `&name;` with an alphanumeric name of at
/// most 32 characters.
fn reference_end(line: &str, start: usize) -> Option<usize> {
    let rest = &line.as_bytes()[start + 1..];
    let body = rest.iter().take(34).position(|&b| b == b';')?;
    valid_name(&rest[..body]).then_some(start + 1 + body + 1)
}

/// Appends the text `reference` stands for to `out`; `false` (and `out`
/// as it was) for an unknown name.
fn push_reference(out: &mut String, reference: &str) -> bool {
    let body = &reference[1..reference.len() - 1];
    let value = if let Some(hex) = body.strip_prefix("#x").or_else(|| body.strip_prefix("#X")) {
        u32::from_str_radix(hex, 16).unwrap_or(u32::MAX)
    } else if let Some(digits) = body.strip_prefix('#') {
        digits.parse::<u32>().unwrap_or(u32::MAX)
    } else {
        // Decoded into `out` directly; an unknown name comes out as itself.
        let before = out.len();
        html_escape::decode_html_entities_to_string(reference, out);
        if &out[before..] == reference {
            out.truncate(before);
            return false;
        }
        return true;
    };
    let c = match value {
        0x0A | 0x0D => ' ',
        // A reference to a control character is the text naming it (`accept
        // &#x1; .. &#x1f;`), not a character escaped: decoded, the
        // `control-chars` step would take it away, and the words with it.
        0x01..=0x08 | 0x0B | 0x0C | 0x0E..=0x1F | 0x7F => return false,
        0x80..=0x9F => {
            let byte = [value as u8];
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&byte);
            text.chars().next().unwrap_or(char::REPLACEMENT_CHARACTER)
        }
        _ => char::from_u32(value)
            .filter(|&c| c != '\0')
            .unwrap_or(char::REPLACEMENT_CHARACTER),
    };
    out.push(c);
    true
}
