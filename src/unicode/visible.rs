//! Making invisible characters visible.
//!
//! A cleaner's output differs from its input mostly in characters nobody can
//! see: a no-break space, a zero-width space, a trailing blank, a CR. Reports
//! and snapshots therefore show text through [`escape`], which leaves every
//! printable character alone (Arabic, CJK, emoji and accents stay readable)
//! and writes every other one as an escape:
//!
//! | character | written as |
//! |---|---|
//! | backslash | `\\` |
//! | tab, CR, LF | `\t`, `\r`, `\n` |
//! | other C0 and C1 controls, DEL | `\u{7f}` |
//! | spaces other than U+0020, line and paragraph separators | `\u{a0}` |
//! | format and default-ignorable characters (zero-width, bidi controls, soft hyphen, BOM, variation selectors, tags) | `\u{200b}` |
//! | private-use characters and noncharacters | `\u{e000}` |
//! | the replacement character U+FFFD, which marks a decoding error | `\u{fffd}` |
//!
//! Because the backslash itself is escaped, the result is unambiguous: two
//! different texts always render differently.

use std::borrow::Cow;
use std::fmt::Write;

use super::sets;
pub use super::sets::{is_control, is_invisible, is_unicode_space};

/// Escapes every character that does not show as itself; see the module docs.
///
/// Returns the input unchanged (borrowed) when nothing needs escaping.
///
/// ```
/// assert_eq!(rinse::visible::escape("March 6.\u{a0} On"), "March 6.\\u{a0} On");
/// assert_eq!(rinse::visible::escape("line\r\n"), "line\\r\\n");
/// assert_eq!(rinse::visible::escape("مرحبا ✓"), "مرحبا ✓");
/// ```
pub fn escape(text: &str) -> Cow<'_, str> {
    let first = text
        .char_indices()
        .find(|&(_, c)| c == '\\' || !shows_as_itself(c));
    let Some((start, _)) = first else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len() + 16);
    out.push_str(&text[..start]);
    for c in text[start..].chars() {
        push_escaped(&mut out, c);
    }
    Cow::Owned(out)
}

/// Appends `c` to `out`, escaped if it does not show as itself.
pub(crate) fn push_escaped(out: &mut String, c: char) {
    match c {
        '\\' => out.push_str("\\\\"),
        '\t' => out.push_str("\\t"),
        '\r' => out.push_str("\\r"),
        '\n' => out.push_str("\\n"),
        c if shows_as_itself(c) => out.push(c),
        c => {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
    }
}

/// Whether `c` is printable and visible on its own: not a control, not a
/// space other than U+0020, not an invisible (format or default-ignorable)
/// character, not private-use, not a noncharacter, not U+FFFD.
///
/// ```
/// use rinse::visible::shows_as_itself;
///
/// assert!(shows_as_itself('é') && shows_as_itself('ع') && shows_as_itself('👍'));
/// assert!(!shows_as_itself('\u{a0}') && !shows_as_itself('\u{200b}'));
/// ```
pub fn shows_as_itself(c: char) -> bool {
    let cp = c as u32;
    if cp < 0x80 {
        return (0x20..0x7f).contains(&cp);
    }
    !(sets::is_control(c)
        || sets::is_unicode_space(c)
        || sets::is_invisible(c)
        || sets::in_ranges(ALSO_ESCAPED, cp)
        || (cp & 0xfffe) == 0xfffe)
}

/// Characters that are escaped although the steps leave them alone: they
/// show as nothing or as a placeholder, or are not characters at all.
const ALSO_ESCAPED: &[(u32, u32)] = &[
    (0x034f, 0x034f),    // combining grapheme joiner
    (0x115f, 0x1160),    // Hangul fillers
    (0x17b4, 0x17b5),    // Khmer inherent vowels
    (0x180b, 0x180f),    // Mongolian variation selectors
    (0x2065, 0x2065),    // unassigned, among the invisible operators
    (0x3164, 0x3164),    // Hangul filler
    (0xe000, 0xf8ff),    // private use
    (0xfdd0, 0xfdef),    // noncharacters
    (0xffa0, 0xffa0),    // halfwidth Hangul filler
    (0xfff0, 0xfffd),    // specials, the replacement character
    (0xe0000, 0xe0fff),  // tags and variation selectors, unassigned among them
    (0xf0000, 0x10ffff), // supplementary private use
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printable_text_in_any_script_is_borrowed() {
        for text in [
            "plain ASCII",
            "مرحبا بالعالم",
            "日本語のテキスト",
            "café ☕ 👍🏽",
            "",
        ] {
            assert!(matches!(escape(text), Cow::Borrowed(_)), "{text}");
        }
    }

    #[test]
    fn backslash_is_escaped_so_escapes_are_unambiguous() {
        assert_eq!(escape("\\u{a0}"), "\\\\u{a0}");
        assert_ne!(escape("\\u{a0}"), escape("\u{a0}"));
    }

    #[test]
    fn invisible_characters_are_written_as_code_points() {
        assert_eq!(escape("a\u{200b}b"), "a\\u{200b}b");
        assert_eq!(escape("\u{feff}x"), "\\u{feff}x");
        assert_eq!(escape("\u{202e}evil"), "\\u{202e}evil");
        assert_eq!(escape("\u{0}\u{7f}\u{85}"), "\\u{0}\\u{7f}\\u{85}");
        assert_eq!(escape("bad \u{fffd}"), "bad \\u{fffd}");
        assert_eq!(escape("\u{10ffff}"), "\\u{10ffff}");
        assert_eq!(escape("\u{1fffe}"), "\\u{1fffe}");
    }

    #[test]
    fn line_breaks_and_tabs_use_short_escapes() {
        assert_eq!(escape("a\tb\r\nc\n"), "a\\tb\\r\\nc\\n");
    }
}
