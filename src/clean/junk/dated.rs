//! Lists of other articles that print each headline with its date, part of
//! the `boilerplate` step. A site's "latest" or "related" list shows under
//! (or above) each headline when it was published, and scraped to text the
//! two stand on lines of their own:
//!
//! ```text
//! Jaunākie
//! 18:51
//! Dobeles pils kapelas topošā ekspozīcija atklās pils stāstu
//! 18:09
//! Eiduka «Tour de Ski» desmit kilometru brīvā stila slēpojumā
//! 17:24
//! ```
//!
//! Such a list is a run of [`MIN_ITEMS`] dates or times or more
//! ([`byline::timestamp`]: nothing but a date or a time on the line), two
//! to [`MAX_ITEM_LINES`] lines apart, with only headline-shaped lines
//! between them, one of [`HEADLINE_MIN_WORDS`] words or more between every
//! two (a table of date formats has single words and values between its
//! dates), and one of:
//!
//! - every date has a time (`2019-01-22 20:44`): when a page was
//!   published, which no timeline of the article's own writes;
//! - the dates are times alone, counting down (`18:51`, `18:09`, `17:24`):
//!   the latest news, where a day's programme counts up;
//! - the list stands outside the article's core (a timeline inside the
//!   article, `June 28, 1914` above `Archduke assassinated in Sarajevo`,
//!   stays). In a language without a stop-word list, whose long headlines
//!   count as sentences, the core may hold the lists around the article:
//!   then only the first two kinds go.
//!
//! Every line of it goes:
//! the dates, the lines between them, and the lines of one more item
//! before the first date and after the last one, as far as they are
//! headline-shaped too (a list prints the date below its headline or above
//! it, and the heading of the list, `Jaunākie`, is such a line).
//!
//! Headline-shaped is a line of at most [`HEADLINE_WORDS`] words that ends
//! in no full stop and is neither code, a list item, a log's record header
//! nor part of a shell session. So a live blog (a time, then paragraphs of
//! sentences), a changelog's entries (a date, then items) and a timeline
//! inside the article stay.

use super::byline::{self, Timestamp};
use super::page::Page;
use super::text;
use super::Live;

/// How many dated items a list has at least.
const MIN_ITEMS: usize = 3;

/// How many lines an item has at most, its date included (a headline, its
/// date, a comma and a section: `香港观察：道德荏弱的梁振英班子`,
/// `2012年11月20日`, `,`, `中国`).
const MAX_ITEM_LINES: usize = 4;

/// How many words a line of a date or a time has at most.
const STAMP_WORDS: u8 = 8;

/// How many words the longest line of an item has at least: a headline,
/// not the cells of a table's row (`locale`, `en_US.UTF-8` between two
/// dates of a table of date formats).
const HEADLINE_MIN_WORDS: u8 = 3;

/// How many words a headline has at most.
const HEADLINE_WORDS: u8 = 25;

/// The lines of the dated lists among the live lines, each with the number
/// of items of its list.
pub(crate) fn find(live: &Live<'_, '_>, page: &Page) -> Vec<(usize, usize)> {
    let outside = |k: usize| k < page.core.0 || k > page.core.1;
    // Told by the page's facts first: a date is a few words with a digit.
    let stamps: Vec<(usize, Timestamp)> = (0..live.len())
        .filter(|&k| page.facts[k].words <= STAMP_WORDS)
        .filter_map(|k| byline::timestamp(live.text(k)).map(|stamp| (k, stamp)))
        .collect();
    let headline = |k: usize| {
        let fact = &page.facts[k];
        let line = live.text(k);
        (1..=HEADLINE_WORDS).contains(&fact.words)
            && !line.trim_end().ends_with(['.', '。', '．'])
            && !fact.log_header
            && !page.in_session(k)
            && !text::list_marker(line.trim_start())
            && !text::code_line(line)
            && (fact.words > STAMP_WORDS || byline::timestamp(line).is_none())
    };
    let mut found = Vec::new();
    let mut i = 0;
    while i < stamps.len() {
        // The dates one after another, each item's other lines headlines.
        let mut j = i;
        while j + 1 < stamps.len()
            && (2..=MAX_ITEM_LINES).contains(&(stamps[j + 1].0 - stamps[j].0))
            && (stamps[j].0 + 1..stamps[j + 1].0).all(headline)
            && (stamps[j].0 + 1..stamps[j + 1].0)
                .any(|k| page.facts[k].words >= HEADLINE_MIN_WORDS)
        {
            j += 1;
        }
        let list = &stamps[i..=j];
        i = j + 1;
        if list.len() < MIN_ITEMS {
            continue;
        }
        let (first, last) = (list[0].0, list[list.len() - 1].0);
        let before = (first - (list[1].0 - first - 1).min(first)..first)
            .rev()
            .take_while(|&k| headline(k))
            .last()
            .unwrap_or(first);
        let after_end = (last + last - list[list.len() - 2].0).min(live.len());
        let after = (last + 1..after_end)
            .take_while(|&k| headline(k))
            .last()
            .unwrap_or(last);
        let published = list.iter().all(|(_, s)| s.date && s.minutes.is_some());
        let counting_down = list.iter().all(|(_, s)| !s.date)
            && list.windows(2).all(|w| {
                w[0].1
                    .minutes
                    .zip(w[1].1.minutes)
                    .is_some_and(|(a, b)| a > b)
            });
        if published || counting_down || (before..=after).all(outside) {
            found.extend((before..=after).map(|k| (k, list.len())));
        }
    }
    found
}
