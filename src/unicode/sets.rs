//! The character sets that steps, escaping and the character table share,
//! each written down once.
//!
//! - [`INVISIBLE`]: format and default-ignorable characters that render as
//!   nothing, so that two strings that look the same compare different. The
//!   `invisibles` step looks at exactly these (and keeps some of them where
//!   they carry meaning), [`visible`](super::visible) escapes them.
//! - [`SPACES`]: space characters other than U+0020 (the `unicode-spaces`
//!   step turns them into U+0020; escaping shows them).
//! - [`is_control`]: C0 controls but tab and the line breaks, DEL, C1
//!   controls.

/// The invisible characters, as inclusive code point ranges in order.
pub(crate) const INVISIBLE: &[(u32, u32)] = &[
    (0x00AD, 0x00AD),   // soft hyphen
    (0x061C, 0x061C),   // Arabic letter mark
    (0x180E, 0x180E),   // Mongolian vowel separator (no longer a space)
    (0x200B, 0x200F),   // ZWSP, ZWNJ, ZWJ, LRM, RLM
    (0x202A, 0x202E),   // bidi embeddings and overrides
    (0x2060, 0x2064),   // word joiner, invisible operators
    (0x2066, 0x206F),   // bidi isolates, deprecated format characters
    (0xFE00, 0xFE0F),   // variation selectors
    (0xFEFF, 0xFEFF),   // BOM / zero-width no-break space
    (0xFFF9, 0xFFFB),   // interlinear annotation controls
    (0x1BCA0, 0x1BCA3), // shorthand format controls
    (0x1D173, 0x1D17A), // musical formatting controls
    (0xE0001, 0xE0001), // language tag
    (0xE0020, 0xE007F), // tag characters
    (0xE0100, 0xE01EF), // variation selectors supplement
];

/// Space separators other than U+0020, and the line and paragraph
/// separators, as inclusive code point ranges in order.
pub(crate) const SPACES: &[(u32, u32)] = &[
    (0x00A0, 0x00A0), // no-break space
    (0x1680, 0x1680), // Ogham space mark
    (0x2000, 0x200A), // en quad … hair space
    (0x2028, 0x2029), // line and paragraph separators
    (0x202F, 0x202F), // narrow no-break space
    (0x205F, 0x205F), // medium mathematical space
    (0x3000, 0x3000), // ideographic space
];

/// Whether `cp` lies in one of `ranges`.
pub(crate) fn in_ranges(ranges: &[(u32, u32)], cp: u32) -> bool {
    ranges
        .iter()
        .any(|&(first, last)| (first..=last).contains(&cp))
}

/// Whether `c` is invisible: a format or default-ignorable character that
/// renders as nothing (zero-width and bidi controls, the soft hyphen, the BOM,
/// variation selectors, tags). The `invisibles` step looks at exactly these.
pub fn is_invisible(c: char) -> bool {
    in_ranges(INVISIBLE, c as u32)
}

/// Whether `c` can be part of an emoji ZWJ sequence: a pictograph, a skin
/// tone modifier, the emoji variation selector, or a gender or object sign
/// used in sequences. An approximation of Extended_Pictographic that covers
/// every emoji block.
pub(crate) fn is_emoji_part(c: char) -> bool {
    matches!(c as u32,
        0x1F000..=0x1FAFF   // pictographs, emoticons, transport, supplemental symbols
        | 0x2600..=0x27BF   // miscellaneous symbols, dingbats (♀ ♂ ❤ ✈)
        | 0x2300..=0x23FF   // technical (⌚ ⏰)
        | 0x2B00..=0x2BFF   // arrows and shapes (⭐ ⬛)
        | 0x2190..=0x21FF   // arrows
        | 0xFE0F            // emoji presentation selector
        | 0x20E3            // combining enclosing keycap
        | 0xA9 | 0xAE | 0x203C | 0x2049 | 0x2122 | 0x2139 | 0x3030 | 0x303D | 0x3297 | 0x3299
    )
}

/// Whether `c` can start the emoji after a zero width joiner: a part of an
/// emoji ([`is_emoji_part`]) but the selector and the keycap, which end one.
pub(crate) fn is_emoji_start(c: char) -> bool {
    is_emoji_part(c) && !matches!(c, '\u{FE0F}' | '\u{20E3}')
}

/// Whether `c` is a space other than U+0020: the no-break, en/em, thin,
/// hair, narrow, mathematical, ideographic and Ogham spaces, and the line and
/// paragraph separators.
pub fn is_unicode_space(c: char) -> bool {
    in_ranges(SPACES, c as u32)
}

/// Whether `c` is a control character that is not text: C0 controls other
/// than tab (line feed and carriage return included: inside a line they are
/// stray), DEL, and the C1 controls U+0080–U+009F.
pub fn is_control(c: char) -> bool {
    matches!(c as u32, 0x00..=0x08 | 0x0A..=0x1F | 0x7F..=0x9F)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_are_sorted_and_disjoint() {
        for pair in INVISIBLE.windows(2) {
            assert!(pair[0].0 <= pair[0].1 && pair[0].1 < pair[1].0, "{pair:x?}");
        }
    }

    #[test]
    fn space_ranges_are_sorted_and_disjoint() {
        for pair in SPACES.windows(2) {
            assert!(pair[0].0 <= pair[0].1 && pair[0].1 < pair[1].0, "{pair:x?}");
        }
    }

    #[test]
    fn every_listed_space_is_whitespace_but_ascii_space() {
        for &(first, last) in SPACES {
            for cp in first..=last {
                assert!(char::from_u32(cp).unwrap().is_whitespace(), "{cp:x}");
            }
        }
    }

    #[test]
    fn every_invisible_character_is_a_format_or_ignorable_character() {
        for &(first, last) in INVISIBLE {
            for cp in first..=last {
                let c = char::from_u32(cp).unwrap();
                assert!(!c.is_alphanumeric() && !c.is_whitespace(), "{cp:x}");
            }
        }
    }
}
