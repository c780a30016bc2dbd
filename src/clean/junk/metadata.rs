//! `metadata-prefix`: a `date 2024-03-23 ` prefix that a scraper glued to
//! the first line moves into the metadata.

use std::collections::BTreeMap;

use super::super::lines::Lines;
use crate::report::{Action, Change, ChangeLog};
use crate::Step;

/// Cuts a `date 2024-03-23 ` style prefix off the first line into
/// `metadata`.
pub(crate) fn prefix(
    lines: &mut Lines<'_>,
    metadata: &mut BTreeMap<String, String>,
    log: &mut ChangeLog,
) {
    let Some(i) = (0..lines.len()).find(|&i| !lines.is_blank(i)) else {
        return;
    };
    let text = lines.text(i);
    let Some((key, rest)) = text.split_once([' ', ':']) else {
        return;
    };
    let name = match key.to_ascii_lowercase().as_str() {
        "date" | "published" | "posted" => "date",
        "updated" | "modified" => "updated",
        _ => return,
    };
    let rest = rest.trim_start_matches([' ', ':']);
    let (value, body) = rest.split_once(' ').unwrap_or((rest, ""));
    if !is_date(value) || body.trim().is_empty() {
        return;
    }
    let cut = text.len() - body.len();
    log.push(
        Change::new(Step::MetadataPrefix, lines.number(i), Action::Removed, 1)
            .texts(&text[..cut], "")
            .because(&format!(
                "a metadata prefix glued on by the scraper: moved to metadata ({name} = {value})"
            )),
    );
    metadata.insert(name.to_owned(), value.to_owned());
    let kept = body.trim_start().len();
    let total = text.len();
    lines.cut_front(i, total - kept);
}

/// `YYYY-MM-DD`, optionally followed by `T` or nothing and a time.
fn is_date(value: &str) -> bool {
    let bytes = value.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        bytes
            .get(range)
            .is_some_and(|b| b.iter().all(u8::is_ascii_digit))
    };
    digits(0..4)
        && bytes.get(4) == Some(&b'-')
        && digits(5..7)
        && bytes.get(7) == Some(&b'-')
        && digits(8..10)
        && (bytes.len() == 10 || bytes.get(10) == Some(&b'T'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert!(is_date("2024-03-23"));
        assert!(is_date("2024-03-23T10:00"));
        assert!(!is_date("2024-3-23"));
        assert!(!is_date("March"));
    }
}
