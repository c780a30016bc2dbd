//! The `terminal-escapes` step: ANSI/VT100 escape sequences from logs and
//! terminal captures (`ESC[31m`, `ESC]0;title BEL`).

use crate::clean::edit::Edit;
use crate::clean::StepOptions;
use crate::report::Action;

const ESC: char = '\u{1B}';

/// Removes control sequences (`ESC [`, parameters, intermediates, a final
/// byte), operating system commands (`ESC ]` up to BEL or `ESC \`), and
/// two-character escapes (`ESC` and one of `@`–`_`).
///
/// The 8-bit introducer U+009B is not taken for a control sequence: in
/// decoded text it is far more often a byte of UTF-8 read as ISO-8859-1
/// (`炛` becomes `ç` U+0082 U+009B), which `mojibake` repairs; taking it for
/// CSI would delete the text after it.
pub(crate) fn strip(line: &str, _: &StepOptions) -> Option<Edit> {
    if !line.contains(ESC) {
        return None;
    }
    let mut text = String::with_capacity(line.len());
    let mut first = None;
    let mut count = 0;
    let mut rest = line;
    while let Some(at) = rest.find(ESC) {
        text.push_str(&rest[..at]);
        let len = sequence_len(&rest[at..]);
        if len == 0 {
            // A lone ESC: not a sequence; `control-chars` removes it.
            text.push(ESC);
            rest = &rest[at + 1..];
            continue;
        }
        let start = line.len() - rest.len() + at;
        first.get_or_insert((start..start + len, text.len()..text.len()));
        count += 1;
        rest = &rest[at + len..];
    }
    text.push_str(rest);
    let (before, after) = first?;
    Some(Edit::new(text, Action::Removed, count, before, after))
}

/// The byte length of the escape sequence at the start of `text` (which
/// starts with ESC), or 0 when it is not one.
fn sequence_len(text: &str) -> usize {
    let bytes = text.as_bytes();
    let (body_start, kind) = match bytes.get(1) {
        Some(&kind @ (b'[' | b']')) => (2, kind),
        Some(0x40..=0x5F) => return 2,
        _ => return 0,
    };
    let body = &bytes[body_start..];
    if kind == b'[' {
        let params = body
            .iter()
            .take_while(|&&b| (0x20..=0x3F).contains(&b))
            .count();
        match body.get(params) {
            Some(0x40..=0x7E) => body_start + params + 1,
            _ => 0,
        }
    } else {
        for (at, &b) in body.iter().enumerate() {
            match b {
                0x07 => return body_start + at + 1,
                0x1B if body.get(at + 1) == Some(&b'\\') => return body_start + at + 2,
                _ => {}
            }
        }
        0
    }
}
