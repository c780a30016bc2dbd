//! Bylines, credits and datelines: article metadata that the score alone
//! never removes (`By Jane Doe`, `Credit Harry Campbell`, `Par Martin
//! Untersinger`, `Alex Perry 1 day ago`, `July 29, 2016`, `2024-03-23`).
//!
//! They stand where residue stands, above and below the article among share
//! buttons and section labels, and they are short and in Title Case like
//! menu items; but a corpus keeps them (who wrote it, when, whose picture).
//! The phrase rules still remove a byline the lists name as residue (`by
//! Taboola`), and a copy of one is still a copy.

use super::text;

/// The most words a byline or dateline line has.
const MAX_WORDS: usize = 14;

/// Words that open a byline or a credit, lowercase, followed by a name:
/// English, German, French, Spanish, Italian, Portuguese, Dutch, the
/// Scandinavian languages, Polish, Russian.
const LEADS: &[&str] = &[
    "by",
    "written by",
    "credit",
    "credits",
    "photo",
    "photos",
    "photograph",
    "photography",
    "image",
    "illustration",
    "von",
    "foto",
    "fotos",
    "bild",
    "par",
    "photo de",
    "por",
    "ilustración",
    "di",
    "door",
    "av",
    "af",
    "przez",
    "autor",
    "автор",
    "фото",
];

/// Month names and their usual abbreviations, lowercase: English, German,
/// French, Spanish, Italian, Portuguese, Russian (genitive, as dates write
/// them).
const MONTHS: &[&str] = &[
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "januar",
    "februar",
    "märz",
    "mai",
    "juni",
    "juli",
    "oktober",
    "dezember",
    "janvier",
    "février",
    "mars",
    "avril",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
    "gennaio",
    "febbraio",
    "aprile",
    "maggio",
    "giugno",
    "luglio",
    "settembre",
    "ottobre",
    "dicembre",
    "janeiro",
    "fevereiro",
    "março",
    "maio",
    "junho",
    "julho",
    "setembro",
    "outubro",
    "novembro",
    "dezembro",
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];

/// Units of a relative date (`3 hours ago`).
const AGO_UNITS: &[&str] = &[
    "minute", "minutes", "min", "hour", "hours", "hr", "hrs", "day", "days", "week", "weeks",
    "month", "months", "year", "years",
];

/// Whether `line` is a byline, a credit or a dateline: at most
/// [`MAX_WORDS`] words that open with a byline word and a name, or that
/// name a date.
pub(crate) fn is_byline_or_dateline(line: &str) -> bool {
    let line = line.trim();
    if line.is_empty() || text::words(line) > MAX_WORDS {
        return false;
    }
    byline(line) || dateline(line)
}

/// `By Jane Doe`, `Credit: Harry Campbell`, `Par Martin Untersinger`: a
/// lead word, a space or a colon, then a capitalised word.
fn byline(line: &str) -> bool {
    LEADS.iter().any(|lead| {
        let Some(head) = line.get(..lead.len()) else {
            return false;
        };
        if !head.chars().flat_map(char::to_lowercase).eq(lead.chars()) {
            return false;
        }
        let rest = &line[lead.len()..];
        let name = rest.trim_start_matches([' ', ':', '\u{a0}']);
        name.len() < rest.len() && name.chars().next().is_some_and(char::is_uppercase)
    })
}

/// A date: a month name next to a day or a year (`July 29, 2016`, `29.
/// Juli`, `mai 2015`), a numeric date (`29/07/2016`, `29.07.16`,
/// `2016-07-29`), a relative one (`1 day ago`), or a CJK one (`2016年7月29日`).
fn dateline(line: &str) -> bool {
    if !line.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    let words: Vec<&str> = line
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '|' | '•' | '·' | '(' | ')'))
        .filter(|w| !w.is_empty())
        .collect();
    let number = |w: &str| {
        let w = w.trim_end_matches(['.', ',', ':']);
        !w.is_empty() && w.len() <= 4 && w.bytes().all(|b| b.is_ascii_digit())
    };
    let month = |w: &str| {
        let w = w.trim_end_matches(['.', ',']);
        MONTHS
            .iter()
            .any(|m| w.chars().flat_map(char::to_lowercase).eq(m.chars()))
    };
    // A number next to the month, or one word away across `de` or `of`
    // (`12 de mayo de 2019`, `the 4th of July 1976`).
    let near = |i: usize, step: isize| {
        let at = |d: isize| i.checked_add_signed(step * d).and_then(|j| words.get(j));
        at(1).is_some_and(|w| number(w))
            || at(1).is_some_and(|w| matches!(*w, "de" | "del" | "of"))
                && at(2).is_some_and(|w| number(w))
    };
    for (i, word) in words.iter().enumerate() {
        if month(word) && (near(i, -1) || near(i, 1)) {
            return true;
        }
        if numeric_date(word) {
            return true;
        }
        if word.eq_ignore_ascii_case("ago")
            && i >= 2
            && number(words[i - 2])
            && AGO_UNITS
                .iter()
                .any(|unit| words[i - 1].eq_ignore_ascii_case(unit))
        {
            return true;
        }
    }
    cjk_date(line)
}

/// `29/07/2016`, `29.07.16`, `2016-07-29`: three groups of digits joined by
/// one separator, one of them of four digits or the last of two.
fn numeric_date(word: &str) -> bool {
    let word = word.trim_end_matches(['.', ',', ':']);
    let Some(sep) = word.chars().find(|c| matches!(c, '/' | '.' | '-')) else {
        return false;
    };
    let parts: Vec<&str> = word.split(sep).collect();
    parts.len() == 3
        && parts
            .iter()
            .all(|p| (1..=4).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
        && (parts[0].len() == 4 && parts[1].len() <= 2 && parts[2].len() <= 2
            || parts[0].len() <= 2 && parts[1].len() <= 2 && matches!(parts[2].len(), 2 | 4))
}

/// `2016年7月29日`: digits, 年, digits, 月, digits, 日.
fn cjk_date(line: &str) -> bool {
    let mut rest = line;
    while let Some(at) = rest.find('年') {
        let before = &rest[..at];
        let after = &rest[at + '年'.len_utf8()..];
        let year = before
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .count();
        let month: String = after.chars().take_while(char::is_ascii_digit).collect();
        if year == 4 && !month.is_empty() && after[month.len()..].starts_with('月') {
            return true;
        }
        rest = after;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines_and_credits_in_several_languages() {
        for line in [
            "By STEVEN DAVIDOFF SOLOMON",
            "By Jane Doe and John Roe",
            "Credit Harry Campbell",
            "Photo: Reuters",
            "Von Anna Schmidt",
            "Par Martin Untersinger",
            "Por María López",
            "Di Marco Rossi",
            "Автор: Иван Петров",
            "Written by Tom Meyer",
        ] {
            assert!(is_byline_or_dateline(line), "{line}");
        }
    }

    #[test]
    fn datelines_in_several_languages() {
        for line in [
            "July 29, 2016",
            "Alex Perry 1 day ago",
            "Updated 3 hours ago",
            "29. Juli 2016",
            "Le Monde | 04.05.2015 à 13h36",
            "12 de mayo de 2019",
            "2024-03-23",
            "29/07/2016 10:00",
            "29 июля 2016",
            "2016年7月29日 08:00",
        ] {
            assert!(is_byline_or_dateline(line), "{line}");
        }
    }

    #[test]
    fn near_misses_are_not_bylines_or_dates() {
        for line in [
            "Share on Facebook",
            "by the way",
            "Photos",
            "Image",
            "Byline",
            "Bypass the menu",
            "Version 1.2.3",
            "May the best team win",
            "Chapter 5 - Eliminating Toil",
            "Call 555-1234",
            "Related stories",
        ] {
            assert!(!is_byline_or_dateline(line), "{line}");
        }
    }

    #[test]
    fn long_lines_are_neither() {
        let long = "By the time the rescue teams reached the village on the hill most of the houses had burned down";
        assert!(!is_byline_or_dateline(long));
    }
}
