//! The `trailing-whitespace` step: whitespace at the end of a line goes.

use super::Edit;
use crate::report::Action;

/// Removes every Unicode `White_Space` character at the end of `line`.
pub(crate) fn apply(line: &str) -> Option<Edit> {
    // Fast path: a line ending in a visible ASCII character needs nothing.
    let &last = line.as_bytes().last()?;
    if last.is_ascii() && !(last as char).is_whitespace() {
        return None;
    }
    let kept = line.trim_end().len();
    if kept == line.len() {
        return None;
    }
    Some(Edit {
        text: line[..kept].to_owned(),
        action: Action::Removed,
        count: line[kept..].chars().count(),
        before: kept..line.len(),
        after: kept..kept,
        show: crate::visible::push_escaped,
    })
}

#[cfg(test)]
mod tests {
    use super::apply;

    #[test]
    fn spaces_and_tabs_at_the_end_go() {
        let edit = apply("word \t ").unwrap();
        assert_eq!(edit.text, "word");
        assert_eq!(edit.count, 3);
    }

    #[test]
    fn unicode_spaces_at_the_end_go() {
        assert_eq!(apply("نص\u{a0}\u{3000}").unwrap().text, "نص");
    }

    #[test]
    fn leading_and_inner_spaces_stay() {
        assert!(apply("  indented  text").is_none());
    }

    #[test]
    fn zero_width_space_is_not_whitespace() {
        // U+200B is a format character, not White_Space: the invisibles step owns it.
        assert!(apply("a\u{200b}").is_none());
    }

    #[test]
    fn empty_and_all_blank_lines() {
        assert!(apply("").is_none());
        assert_eq!(apply("   ").unwrap().text, "");
    }
}
