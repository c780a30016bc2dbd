//! Teaser cards of sponsored-link widgets (Taboola, Outbrain, a portal's
//! own "from around the web"), part of the `boilerplate` step. A card shows
//! an advertiser's name and a headline; scraped to text, the name stands on
//! a line of its own and again glued to the end of the headline, without a
//! space (the two were separate boxes on the page):
//!
//! ```text
//! LifeDaily.com
//! Fresh Evidence In Missing Teen Mystery Stuns PoliceLifeDaily.com
//! ```
//!
//! Both lines go. Neither shape alone is residue: a line may well end with
//! the words of the line above it (a refrain, a heading taken up), and
//! brands glue a word to a name (`iPhone`, `eBay`, `McDonald`); what marks
//! a card is a name of a few words on the line above, glued to the end of a
//! headline of three words or more.

use super::text;

/// How many words, at most, the advertiser's line has: a name
/// (`Sparta Free Online Game`, `HealthGrove — By Graphiq`).
const SOURCE_WORDS: usize = 6;

/// How many words, at least, the headline has before the glued name.
const HEADLINE_WORDS: usize = 3;

/// Whether `line` is a teaser card whose advertiser's name is `above`, the
/// line right above it (blank lines aside): `line` ends in `above`, glued
/// to the headline before it without a space.
pub(crate) fn is_card(above: &str, line: &str) -> bool {
    let source = above.trim();
    let line = line.trim();
    if source.len() < 4 || line.len() < source.len() + 12 || !line.ends_with(source) {
        return false;
    }
    // A name: a few words, no sentence, starting with a capital or a digit,
    // or a domain (`tripsinsider.com`).
    if source.split_whitespace().count() > SOURCE_WORDS
        || text::ends_sentence(source)
        || !(starts_capital(source) || is_domain(source))
    {
        return false;
    }
    let headline = &line[..line.len() - source.len()];
    // Glued: no space before the name.
    if headline.ends_with(char::is_whitespace) {
        return false;
    }
    // The word the name is glued to is a word of the headline, not a
    // brand's prefix of one or two letters (`iPhone`, `McDonald`); `PC`,
    // `2016`, `Hotcakes!` are.
    let last = headline.rsplit(char::is_whitespace).next().unwrap_or("");
    if last.chars().count() <= 2
        && last.chars().any(char::is_lowercase)
        && last.chars().all(char::is_alphabetic)
    {
        return false;
    }
    headline.split_whitespace().count() >= HEADLINE_WORDS
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
                "tripsinsider.com",
                "Finding Cheap Flights is Now Easytripsinsider.com",
            ),
            (
                "Lumify X9",
                "Crazy Cheap Flashlight - Selling Like Hotcakes!Lumify X9",
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
            // Too short a headline.
            ("Babbel", "Learn nowBabbel"),
            ("Auto.ru", "Новости Auto.ru"),
        ] {
            assert!(!is_card(above, line), "{line}");
        }
    }
}
