//! `boilerplate`: lines that are page residue wherever they stand, found by
//! the phrase lists (`phrases/*.txt`): a whole line that is a known phrase
//! (`1 comment`, `Leave a review`, `Follow us on social networks`) or one
//! twice over (`Sponsored Links Sponsored Links`), a word glued to itself
//! (`HelpHelp`, `FollowFollowing`), a share bar (`Facebook Twitter`), a
//! teaser prefix (`Read also: …`), a line of at most 25 words containing a
//! cookie or copyright notice. A one-word phrase ending in sentence
//! punctuation (`Reply.`) is dialogue and stays, unless it trails off in an
//! ellipsis (`Loading...`, a widget's state), as is a phrase that begins in
//! lowercase (`more details.`: a wrapped sentence's end); so is a teaser
//! label in lowercase (`watch: support unicode`, a commit's subject).
//!
//! The lists are matched once per line when the page is read
//! ([`Page`](super::page::Page)); this file turns a hit into its reason.

use super::page::{glued_repeat, Hit};
use super::phrases::{self, Phrases};

/// Why `line`, which the phrase lists hit as `hit`, is residue.
pub(crate) fn reason(line: &str, hit: Hit, phrases: &Phrases) -> Option<String> {
    match hit {
        Hit::None => None,
        Hit::Line => Some(format!(
            "page residue: the phrase \"{}\"",
            phrases::normalize(line)
        )),
        Hit::Glued => {
            let word = glued_repeat(line).unwrap_or(line);
            let trimmed = line.trim();
            let itself = trimmed.split(word).all(str::is_empty);
            Some(format!(
                "menu residue: \"{word}\" glued to {}",
                if itself { "itself" } else { "its other state" }
            ))
        }
        Hit::Doubled => Some(format!(
            "page residue: the phrase \"{}\" printed twice",
            phrases.doubled(&phrases::normalize(line)).unwrap_or(line)
        )),
        Hit::Share => Some(format!("share bar: \"{}\"", phrases::normalize(line))),
        Hit::Prefix => {
            let label = line
                .split_once([':', '：'])
                .map_or(line, |(label, _)| label);
            Some(format!(
                "teaser for another article (\"{}:\")",
                phrases::normalize(label)
            ))
        }
        Hit::Contains => Some(format!(
            "page residue: contains \"{}\"",
            phrases.contained_in(line, &mut String::new()).unwrap_or("")
        )),
    }
}
