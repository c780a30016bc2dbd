//! `metadata-prefix`: a `date 2024-03-23 ` prefix that a scraper glued to
//! the first line moves into the metadata.

use std::collections::BTreeMap;

use super::super::lines::Lines;
use crate::report::{Action, Change, ChangeLog};
use crate::Step;

/// The most prefixes cut from one line (`date … published … updated …`).
const MAX_CHAINED: usize = 8;

/// Cuts `date 2024-03-23 ` style prefixes off the first line that is
/// neither blank nor removed into `metadata`, as many as are chained there
/// (up to [`MAX_CHAINED`]), so that a second run finds none left. A key
/// already in `metadata` keeps its value; the later one is stored under the
/// word the page used (`published`), or only reported when that is taken.
pub(crate) fn prefix(
    lines: &mut Lines<'_>,
    metadata: &mut BTreeMap<String, String>,
    log: &mut ChangeLog,
) {
    let Some(i) = (0..lines.len()).find(|&i| !lines.is_blank(i) && !lines.is_removed(i)) else {
        return;
    };
    for _ in 0..MAX_CHAINED {
        let text = lines.text(i);
        let Some((word, name, value, cut)) = split_prefix(text) else {
            break;
        };
        let stored = [name, word.as_str()]
            .into_iter()
            .find(|key| !metadata.contains_key(*key));
        let reason = match stored {
            Some(key) => format!(
                "a metadata prefix glued on by the scraper: moved to metadata ({key} = {value})"
            ),
            None => format!(
                "a metadata prefix glued on by the scraper ({word} {value}; metadata already has {name})"
            ),
        };
        log.push(
            Change::new(Step::MetadataPrefix, lines.number(i), Action::Removed, 1)
                .texts(&text[..cut], "")
                .because(&reason),
        );
        if let Some(key) = stored {
            metadata.insert(key.to_owned(), value.to_owned());
        }
        lines.cut_front(i, cut);
    }
}

/// The prefix of `text` as (the word as written, lowercase; the metadata
/// key; the date; the bytes to cut, through the spaces after the date),
/// when `text` starts with one and has words after it.
fn split_prefix(text: &str) -> Option<(String, &'static str, &str, usize)> {
    let (key, rest) = text.split_once([' ', ':'])?;
    let word = key.to_ascii_lowercase();
    let name = match word.as_str() {
        "date" | "published" | "posted" => "date",
        "updated" | "modified" => "updated",
        _ => return None,
    };
    let rest = rest.trim_start_matches([' ', ':']);
    let (value, body) = rest.split_once(' ').unwrap_or((rest, ""));
    if !is_date(value) || body.trim().is_empty() {
        return None;
    }
    let cut = text.len() - body.trim_start().len();
    Some((word, name, value, cut))
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

    #[test]
    fn prefixes_split_only_before_words() {
        let text = "Published: 2024-03-24 The article";
        let (word, name, value, cut) = split_prefix(text).unwrap();
        assert_eq!(
            (word.as_str(), name, value),
            ("published", "date", "2024-03-24")
        );
        assert_eq!(&text[cut..], "The article");
        assert!(split_prefix("date 2024-03-23").is_none());
        assert!(split_prefix("date 2024-03-23   ").is_none());
        assert!(split_prefix("Dates 2024-03-23 are fine").is_none());
        assert!(split_prefix("date March 23 it was").is_none());
    }
}
