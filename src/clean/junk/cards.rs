//! Teaser cards of sponsored-link widgets (Taboola, Outbrain, a portal's
//! own "from around the web"), part of the `boilerplate` step. A card shows
//! an advertiser's name and a headline; scraped to text, the name stands on
//! a line of its own and again glued to the end of the headline, without a
//! space (the two were separate boxes on the page), and a widget shows
//! several cards, one every few lines:
//!
//! ```text
//! LifeDaily.com
//! Fresh Evidence In Missing Teen Mystery Stuns PoliceLifeDaily.com
//! Undo
//! Carophile
//! 41 Sedans Nobody Should Have BoughtCarophile
//! ```
//!
//! Both lines of every card go. One pair alone is no card: a line may well
//! end in the line above it glued to a word (`YouTube` below `Tube`,
//! `JavaScript` below `Script`, a name joined by a hyphen, `Jones-Smith`
//! below `Smith`), so a card needs another card of the same shape within
//! [`CARD_SPACING`] lines, with no paragraph between them. The name must be glued to a letter, a digit or
//! the end of a headline's phrase (`!`, `?`, `…`, `...`, a closing
//! bracket), not joined by a hyphen, a dash, a slash, an apostrophe, a
//! quotation mark or an `@` (`l'Allemagne`, `1914–1918`, `press@example.org`);
//! not in a script written without spaces (Chinese, Japanese, Thai), where
//! every word is glued; and neither line is code.

use super::page::Page;
use super::text;
use super::Live;

/// How many words, at most, the advertiser's line has: a name
/// (`Sparta Free Online Game`, `HealthGrove — By Graphiq`).
const SOURCE_WORDS: usize = 6;

/// How many bytes, at most, the advertiser's line has (its spaces at the
/// ends aside): the longest names of the widgets seen are about 30.
const SOURCE_BYTES: usize = 80;

/// How many words, at least, the headline has before the glued name.
const HEADLINE_WORDS: usize = 3;

/// How many characters, at least, the headline has before the glued name.
const HEADLINE_CHARS: usize = 12;

/// How many lines apart, at most, two cards of one widget are (counted
/// from one card's headline to the next's: a widget prints a card every
/// three lines, its name, its headline and a button such as `Undo`).
const CARD_SPACING: usize = 6;

/// The teaser cards among the live lines: for each, the index of its
/// headline (its advertiser's name is the line before). A card stands
/// within [`CARD_SPACING`] lines of another, with no paragraph between the
/// two (`page` tells).
pub(crate) fn find(live: &Live<'_, '_>, page: &Page) -> Vec<usize> {
    let pairs: Vec<usize> = (1..live.len())
        .filter(|&k| {
            // The two lines next to each other in the text, nothing
            // removed between them.
            // Told by the page's facts first, without reading the lines:
            // a name is short, and its headline longer.
            let (name, headline) = (&page.facts[k - 1], &page.facts[k]);
            name.len as usize <= SOURCE_BYTES + 8
                && headline.len > name.len
                && live.removed_before(k) == 0
                && !live.scored_before(k)
                && is_card(live.text(k - 1), live.text(k))
        })
        .collect();
    pairs
        .iter()
        .enumerate()
        .filter(|&(i, &k)| {
            // The other card near, and only short lines between the two
            // (a widget's buttons, not the article's paragraphs).
            let near = |j: usize| {
                let (a, b) = (pairs[j].min(k), pairs[j].max(k));
                b - a <= CARD_SPACING && !(a + 1..b - 1).any(|m| page.facts[m].paragraph)
            };
            (i > 0 && near(i - 1)) || (i + 1 < pairs.len() && near(i + 1))
        })
        .map(|(_, &k)| k)
        .collect()
}

/// Whether `line` has the shape of a teaser card whose advertiser's name
/// is `above`, the line right above it: `line` ends in `above`, glued to a
/// headline of [`HEADLINE_WORDS`] words or more without a space. (A card
/// also needs another card near it: [`find`].)
pub(crate) fn is_card(above: &str, line: &str) -> bool {
    let source = above.trim();
    let line = line.trim();
    if !(4..=SOURCE_BYTES).contains(&source.len())
        || line.len() < source.len() + HEADLINE_CHARS
        || !line.ends_with(source)
    {
        return false;
    }
    // A name: a few words, no sentence, starting with a capital or a digit,
    // or a domain (`tripsinsider.com`).
    if source.split_whitespace().count() > SOURCE_WORDS
        || text::ends_sentence(source)
        || !(starts_capital(source) || is_domain(source))
        || text::code_line(source)
        || text::code_line(line)
    {
        return false;
    }
    let headline = &line[..line.len() - source.len()];
    if headline.chars().count() < HEADLINE_CHARS
        || headline.split_whitespace().count() < HEADLINE_WORDS
    {
        return false;
    }
    let Some(glue) = headline.chars().next_back() else {
        return false;
    };
    let first = source.chars().next().unwrap_or(' ');
    // Glued to a letter or a digit, or after the end of the headline's
    // phrase; in a script without spaces every word is glued.
    let glued = if glue.is_alphanumeric() {
        !unspaced(glue)
    } else {
        matches!(glue, '!' | '?' | '…' | ')' | ']') || headline.ends_with("...")
    };
    if !glued || unspaced(first) {
        return false;
    }
    // The word the name is glued to is a word of the headline, not a
    // brand's prefix of one or two letters (`iPhone`, `eBay`, `McDonald`);
    // `PC`, `2016`, `Hotcakes!` are.
    let last = headline.rsplit(char::is_whitespace).next().unwrap_or("");
    !(last.chars().count() <= 2
        && last.chars().any(char::is_lowercase)
        && last.chars().all(char::is_alphabetic))
}

/// Whether `c` belongs to a script written without spaces between words
/// (Chinese, Japanese, Thai, Lao, Burmese, Khmer).
fn unspaced(c: char) -> bool {
    text::is_cjk(c) || text::is_unspaced(c)
}

/// Whether `text` starts with an uppercase letter or a digit.
fn starts_capital(text: &str) -> bool {
    text.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_numeric())
}

/// Whether `text` is a domain name alone (`lifedaily.com`): one word of
/// letters, digits, dots and hyphens, with a dot before its last two to
/// six letters.
fn is_domain(text: &str) -> bool {
    let Some((name, top)) = text.rsplit_once('.') else {
        return false;
    };
    !name.is_empty()
        && (2..=6).contains(&top.len())
        && top.bytes().all(|b| b.is_ascii_lowercase())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::is_card;

    #[test]
    fn cards_of_sponsored_widgets() {
        for (above, line) in [
            (
                "LifeDaily.com",
                "Fresh Evidence In Missing Teen Mystery Stuns PoliceLifeDaily.com",
            ),
            (
                "LifeDaily.com",
                "Lost Dog Walks 300 Miles Home: But What Happened Next...LifeDaily.com",
            ),
            (
                "tripsinsider.com",
                "Booking Last-Minute Hotels is Now Simpletripsinsider.com",
            ),
            (
                "Lumify X9",
                "Tiny Torch Lights a Whole Garden - Shoppers Love It!Lumify X9",
            ),
            (
                "Sparta Free Online Game",
                "If you like strategy, this is the game of 2016Sparta Free Online Game",
            ),
            (
                "HealthGrove — By Graphiq",
                "The Best Countries for TravelHealthGrove — By Graphiq",
            ),
            ("Xtra-PC", "Turn Your Old Computer Into New Fast PCXtra-PC"),
            (
                "Intel",
                "Watch the keynote of the Developer Forum [Video]Intel",
            ),
            ("Babbel", "Aprende un idioma nuevo en 3 semanasBabbel"),
            (
                "Ferienhaus.de",
                "Die schönsten Ferienhäuser an der OstseeFerienhaus.de",
            ),
            ("Авто.ру", "Новости про электромобили и гибридыАвто.ру"),
        ] {
            assert!(is_card(above, line), "{line}");
        }
    }

    #[test]
    fn near_misses_stay() {
        for (above, line) in [
            // The name after a space: a sentence naming it.
            ("Intel", "The new notebook runs on a chip made by Intel"),
            (
                "Microsoft Store",
                "Das Spiel gibt es jetzt im Microsoft Store",
            ),
            // A brand's prefix glued to the word above.
            ("Phone", "I finally bought myself an iPhone"),
            ("Donald", "Il a rencontré Ronald McDonald"),
            // Joined by a hyphen, a dash, a slash, an apostrophe, a
            // quotation mark, an `@`, a bracket that opens.
            (
                "Smith",
                "The motion was seconded by councillor Anna Jones-Smith",
            ),
            ("Württemberg", "Die Landtagswahl in Baden-Württemberg"),
            ("1918", "The First World War lasted from 1914–1918"),
            ("2024", "Rückblick auf die Saison 2023/2024"),
            (
                "Allemagne",
                "Les élections régionales dans l'est de l'Allemagne",
            ),
            ("Europe", "Le grand débat sur l’avenir de l’Europe"),
            ("Nevermore", "Quoth the Raven, only this—Nevermore"),
            (
                "example.org",
                "For press enquiries please write to press@example.org",
            ),
            ("Мастер", "Мы снова перечитали роман «Мастер"),
            ("Installation", "See the section [Installation"),
            ("Петербург", "Скоростной поезд Москва-Петербург"),
            // A refrain taken up at the end of a line, with a space.
            ("Let it be", "Speaking words of wisdom, let it be Let it be"),
            // The line above is a sentence, or too long for a name.
            (
                "It was late.",
                "We went home because, as she said: It was late.",
            ),
            (
                "This is one of the longest names one could think of",
                "Headline hereThis is one of the longest names one could think of",
            ),
            // A word's end, not a name: lowercase and no domain.
            ("tion", "We need more information"),
            // A headline of two words, long enough in characters.
            ("Babbel", "Internationalization Handbook!Babbel"),
            // Scripts without spaces glue every word.
            ("Python 3", "本文介绍 如何在 Windows 上安装Python 3"),
            ("2567", "สรุปผลงาน ของรัฐบาล ตลอดปี2567"),
            ("東京", "今日は 晴れ です 明日は東京"),
            // Code.
            ("HashMap", "pub use std::collections::HashMap"),
            ("Props", "export default function Card(props: CardProps"),
        ] {
            assert!(!is_card(above, line), "{line}");
        }
    }
}
