//! Junk lines: the residue of the web page an article was scraped from,
//! found by named rules and removed with a reason for each line.
//!
//! Precision comes before recall: a cleaner that deletes a real sentence is
//! worse than one that leaves a footer in. So the rules are of two kinds:
//!
//! - **strong** rules remove a line wherever it stands, because what it says
//!   is never article text: a whole line that is a known phrase (`1 comment`,
//!   `Leave a review`, `Follow us on social networks`), a teaser prefix
//!   (`Read also: …`), a cookie or copyright notice, a word glued to itself
//!   (`HelpHelp`), a line repeated from earlier in the page, a metadata
//!   prefix (`date 2024-03-23 `) glued to the first line;
//! - **edge** rules act only before the first and after the last paragraph
//!   of the article (a line of at least ten words, or of four ending in
//!   sentence punctuation), where pages put their residue: a short line
//!   without sentence punctuation made only of navigation words (`Latest
//!   news`), a headline behind a source label (`NYT: …`), and a headline in
//!   another language than the article (a teaser in Azerbaijani under an
//!   English article; a sentence ending in a full stop is kept, as it is
//!   more often a translation or a quotation). The same lines in the middle
//!   of the article stay.
//!
//! Sentence punctuation includes closing quotes and brackets (`” ’ » ) ]`),
//! the ellipsis and the Arabic question mark, so a line ending in a
//! quotation is a paragraph like any other.

mod phrases;

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use super::lines::Lines;
use crate::config::Config;
use crate::report::{Action, Change, ChangeLog};
use crate::{Error, Step};
use phrases::Phrases;

/// Words that do not count when deciding whether a short line is made only
/// of navigation words.
const FILLER: &[&str] = &[
    "the", "and", "for", "with", "our", "you", "your", "all", "are", "this", "from", "its",
];

/// The junk rules of one configuration, compiled: which are on, and the
/// phrase lists (the shipped ones, or a copy with the configuration's edits
/// and its own automaton).
#[derive(Debug)]
pub(crate) struct Rules {
    metadata_prefix: bool,
    boilerplate: bool,
    duplicates: bool,
    foreign: bool,
    edge: bool,
    phrases: Cow<'static, Phrases>,
}

impl Rules {
    /// Compiles the junk rules of `config`; a phrase it adds or removes that
    /// has no letter or digit is an error (it would match nothing, or every
    /// line of punctuation).
    pub(crate) fn compile(config: &Config) -> Result<Rules, Error> {
        let (add, remove) = config.boilerplate_edits();
        for phrase in add.iter().chain(remove) {
            if !phrase.chars().any(char::is_alphanumeric) {
                return Err(Error::InvalidConfig {
                    message: format!("boilerplate phrase {phrase:?} has no letter or digit"),
                });
            }
        }
        let phrases = if add.is_empty() && remove.is_empty() {
            Cow::Borrowed(Phrases::shipped())
        } else {
            Cow::Owned(Phrases::edited(add, remove))
        };
        Ok(Rules {
            metadata_prefix: config.is_enabled(Step::MetadataPrefix),
            boilerplate: config.is_enabled(Step::Boilerplate),
            duplicates: config.is_enabled(Step::DuplicateLines),
            foreign: config.is_enabled(Step::ForeignLines),
            edge: config.is_enabled(Step::EdgeResidue),
            phrases,
        })
    }

    /// Runs the enabled rules over `lines`, removing junk lines and moving
    /// metadata prefixes into `metadata`. Each decision is recorded in `log`
    /// when it is made (a line once removed stays removed).
    pub(crate) fn classify(
        &self,
        lines: &mut Lines<'_>,
        metadata: &mut BTreeMap<String, String>,
        log: &mut ChangeLog,
    ) {
        if self.metadata_prefix {
            metadata_prefix(lines, metadata, log);
        }
        let removed = self.decide(lines, log);
        for (i, verdict) in removed.removed.iter().enumerate() {
            if verdict.is_some() {
                lines.remove(i);
            }
        }
    }

    /// Decides which lines the line rules remove (after the metadata prefix).
    fn decide(&self, lines: &Lines<'_>, log: &mut ChangeLog) -> Verdicts {
        let phrases: &Phrases = &self.phrases;
        let mut removed = Verdicts::new(lines.len());
        if self.boilerplate {
            for i in alive(lines) {
                if let Some(reason) = boilerplate(lines.text(i), phrases) {
                    removed.decide(lines, i, Step::Boilerplate, &reason, log);
                }
            }
        }
        if self.duplicates {
            duplicates(lines, &mut removed, log);
        }
        let (foreign, edge) = (self.foreign, self.edge);
        // A text without a paragraph (a bare list, a title) has no article to
        // have edges: the edge rules do not apply to it.
        let has_paragraph = alive(lines).any(|i| !removed.is(i) && is_paragraph(lines.text(i)));
        if (foreign || edge) && has_paragraph {
            // A decision can lean on lines removed later in the same walk (a
            // letter "found elsewhere" only in a line that then goes), so the
            // walks repeat until they remove nothing more: every line kept is
            // then judged against the lines that stay, as a second run would.
            loop {
                let before = removed.count;
                let mut languages = Languages::default();
                for tail in [true, false] {
                    walk_edge(
                        lines,
                        tail,
                        foreign,
                        edge,
                        phrases,
                        &mut languages,
                        &mut removed,
                        log,
                    );
                }
                if removed.count == before {
                    break;
                }
            }
        }
        removed
    }
}

/// The entries of `lines` that hold text, in order.
fn alive<'a>(lines: &'a Lines<'_>) -> impl DoubleEndedIterator<Item = usize> + 'a {
    (0..lines.len()).filter(move |&i| !lines.is_blank(i))
}

/// What the rules decided: the step that removed each line, if any (one
/// byte a line; the reasons go straight into the report).
struct Verdicts {
    removed: Vec<Option<Step>>,
    count: usize,
}

impl Verdicts {
    fn new(lines: usize) -> Verdicts {
        Verdicts {
            removed: vec![None; lines],
            count: 0,
        }
    }

    /// Whether line `i` is removed.
    fn is(&self, i: usize) -> bool {
        self.removed[i].is_some()
    }

    /// Removes line `i` by `step`, recording why.
    fn decide(
        &mut self,
        lines: &Lines<'_>,
        i: usize,
        step: Step,
        reason: &str,
        log: &mut ChangeLog,
    ) {
        debug_assert!(!self.is(i));
        self.removed[i] = Some(step);
        self.count += 1;
        log.push(
            Change::new(step, lines.number(i), Action::Removed, 1)
                .texts(lines.text(i), "")
                .because(reason),
        );
    }
}

/// Walks from one edge of the text (the end when `tail`) to the first
/// paragraph that stays, removing residue and foreign headlines on the way.
#[allow(clippy::too_many_arguments)]
fn walk_edge(
    lines: &Lines<'_>,
    tail: bool,
    foreign: bool,
    edge: bool,
    phrases: &Phrases,
    languages: &mut Languages,
    removed: &mut Verdicts,
    log: &mut ChangeLog,
) {
    let order: Box<dyn Iterator<Item = usize>> = if tail {
        Box::new(alive(lines).rev())
    } else {
        Box::new(alive(lines))
    };
    for i in order {
        if removed.is(i) {
            continue;
        }
        let text = lines.text(i);
        if is_paragraph(text) {
            match foreign
                .then(|| languages.foreign(lines, removed, i))
                .flatten()
            {
                Some(reason) => removed.decide(lines, i, Step::ForeignLines, &reason, log),
                // The last (or first) paragraph of the article.
                None => break,
            }
        } else {
            let verdict = edge
                .then(|| edge_residue(text, tail, phrases))
                .flatten()
                .map(|reason| (Step::EdgeResidue, reason))
                .or_else(|| {
                    foreign
                        .then(|| languages.foreign(lines, removed, i))
                        .flatten()
                        .map(|reason| (Step::ForeignLines, reason))
                });
            if let Some((step, reason)) = verdict {
                removed.decide(lines, i, step, &reason, log);
            }
        }
    }
}

/// Cuts a `date 2024-03-23 ` style prefix off the first line into
/// `metadata`.
fn metadata_prefix(
    lines: &mut Lines<'_>,
    metadata: &mut BTreeMap<String, String>,
    log: &mut ChangeLog,
) {
    let Some(i) = alive(lines).next() else {
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

/// Why `text` is boilerplate wherever it stands, if it is.
fn boilerplate(text: &str, phrases: &Phrases) -> Option<String> {
    let words = word_count_up_to(text, 25);
    if words <= 12 {
        let normalized = phrases::normalize(text);
        if phrases.lines.contains(&normalized) {
            return Some(format!("page residue: the phrase \"{normalized}\""));
        }
        if let Some(word) = glued_repeat(text) {
            return Some(format!("menu residue: \"{word}\" glued to itself"));
        }
        if let Some((label, _)) = text.split_once(':') {
            let label = phrases::normalize(label);
            if phrases.prefixes.contains(&label) {
                return Some(format!("teaser for another article (\"{label}:\")"));
            }
        }
    }
    if words <= 25 {
        if let Some(phrase) = phrases.contained_in(text) {
            return Some(format!("page residue: contains \"{phrase}\""));
        }
    }
    None
}

/// The word of a line that is one capitalized word glued to itself two or
/// more times (`HelpHelp`, `MenuMenuMenu`): the residue of a menu whose label
/// was rendered twice. `Couscous` is not (the repeat is not capitalized).
fn glued_repeat(text: &str) -> Option<&str> {
    let text = text.trim();
    if text.len() > 40 || !text.chars().all(char::is_alphabetic) {
        return None;
    }
    let first = text.chars().next()?;
    if !first.is_uppercase() {
        return None;
    }
    (1..text.len())
        .filter(|&len| text.is_char_boundary(len))
        .find_map(|len| {
            let word = &text[..len];
            let repeats = text.len() / len;
            (len * repeats == text.len()
                && repeats >= 2
                && word.chars().count() >= 2
                && text == word.repeat(repeats))
            .then_some(word)
        })
}

/// Removes later copies of a line (of 20 bytes or more) that appeared
/// earlier, ignoring ASCII case, punctuation and spacing.
fn duplicates(lines: &Lines<'_>, removed: &mut Verdicts, log: &mut ChangeLog) {
    let mut seen: HashMap<u64, usize> = HashMap::new();
    for i in alive(lines) {
        let text = lines.text(i);
        if removed.is(i) || text.len() < 20 {
            continue;
        }
        let key = content_hash(text);
        match seen.get(&key) {
            Some(&first) if same_content(lines.text(first), text) => {
                let reason = format!("repeats line {}", lines.number(first));
                removed.decide(lines, i, Step::DuplicateLines, &reason, log);
            }
            Some(_) => {}
            None => {
                seen.insert(key, i);
            }
        }
    }
}

/// The bytes of `text` that count for comparing lines: ASCII letters and
/// digits lowercased, ASCII punctuation and spaces skipped, everything else
/// as it is. Byte-wise, so that comparing costs no Unicode look-ups.
fn content(text: &str) -> impl Iterator<Item = u8> + '_ {
    text.bytes()
        .filter(|b| !b.is_ascii() || b.is_ascii_alphanumeric())
        .map(|b| b.to_ascii_lowercase())
}

/// A hash (FNV-1a) of the first [`HASHED_CONTENT`] content bytes: enough to
/// find candidates, cheap on long lines; a hit is confirmed by comparing the
/// whole lines.
fn content_hash(text: &str) -> u64 {
    content(text)
        .take(HASHED_CONTENT)
        .fold(0xcbf2_9ce4_8422_2325, |hash, b| {
            (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
        })
}

/// How many content bytes of a line the duplicate hash reads.
const HASHED_CONTENT: usize = 64;

fn same_content(a: &str, b: &str) -> bool {
    content(a).eq(content(b))
}

/// Whether `text` reads as a paragraph of the article: ten words or more,
/// or four or more ending in sentence punctuation.
pub(crate) fn is_paragraph(text: &str) -> bool {
    let words = word_count_up_to(text, 10);
    words >= 10 || (words >= 4 && ends_sentence(text))
}

/// The number of words of `text`, counted on the bytes: after the character
/// steps the only whitespace left inside a line is ASCII (and a word count
/// that misses a rare Unicode space errs towards fewer words, so towards
/// treating a line as short).
fn word_count(text: &str) -> usize {
    word_count_up_to(text, usize::MAX)
}

/// [`word_count`], but stopping once it passes `limit` (the rules only ask
/// whether a line is short).
fn word_count_up_to(text: &str, limit: usize) -> usize {
    let mut words = 0;
    let mut in_word = false;
    for &b in text.as_bytes() {
        let space = matches!(b, b' ' | b'\t');
        words += usize::from(!space && !in_word);
        in_word = !space;
        if words > limit {
            break;
        }
    }
    words
}

/// Whether `text` ends in sentence punctuation, closing quotes and brackets
/// included.
pub(crate) fn ends_sentence(text: &str) -> bool {
    text.trim_end().chars().next_back().is_some_and(|c| {
        matches!(
            c,
            '.' | '!'
                | '?'
                | '…'
                | '”'
                | '’'
                | '»'
                | '"'
                | '\''
                | ')'
                | ']'
                | '؟'
                | '。'
                | '！'
                | '？'
                | '۔'
        )
    })
}

/// Why a line before the first or after the last paragraph is residue, if
/// it is: a headline behind a source label (after the last paragraph), or a
/// short line without sentence punctuation made only of navigation words.
fn edge_residue(text: &str, tail: bool, phrases: &Phrases) -> Option<String> {
    if ends_sentence(text) {
        return None;
    }
    let place = if tail {
        "after the last paragraph"
    } else {
        "before the first paragraph"
    };
    if tail {
        if let Some(label) = source_label(text) {
            return Some(format!("teaser for another article {place} (\"{label}:\")"));
        }
    }
    let words: Vec<String> = text.split_whitespace().map(phrases::normalize).collect();
    if words.is_empty() || words.len() > 6 {
        return None;
    }
    let content: Vec<&String> = words
        .iter()
        .filter(|w| w.chars().count() >= 3 && !FILLER.contains(&w.as_str()))
        .collect();
    (!content.is_empty()
        && content
            .iter()
            .all(|w| phrases.edge_words.contains(w.as_str())))
    .then(|| format!("navigation or section label {place}"))
}

/// The source label of a teaser headline (`NYT: U.S. officials confirm …`):
/// two to eight capitals, digits, `&` or `.` before a colon, then a headline
/// of four words or more.
fn source_label(text: &str) -> Option<&str> {
    let (label, headline) = text.split_once(':')?;
    let label_ok = (2..=8).contains(&label.len())
        && label.chars().next().is_some_and(char::is_uppercase)
        && label
            .chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || matches!(c, '&' | '.'));
    (label_ok && word_count(headline) >= 4).then_some(label)
}

/// Language identification, done lazily and only for lines that give a
/// reason to suspect them (whatlang takes about 0.1 ms a line).
#[derive(Default)]
struct Languages {
    document: Option<Option<whatlang::Lang>>,
}

/// How sure the identifier must be that a line is in another language.
const FOREIGN_CONFIDENCE: f64 = 0.8;
/// How many bytes of the document's longest paragraphs its language is
/// identified from (identification costs time in proportion).
const LANGUAGE_SAMPLE: usize = 300;

/// The languages a line or document is identified among: the common
/// languages of the web. Restricting the candidates keeps rare languages from
/// winning on short text, and halves the time identification takes.
fn detector() -> &'static whatlang::Detector {
    use whatlang::Lang::*;
    static DETECTOR: std::sync::OnceLock<whatlang::Detector> = std::sync::OnceLock::new();
    DETECTOR.get_or_init(|| {
        whatlang::Detector::with_allowlist(vec![
            Eng, Fra, Deu, Spa, Por, Ita, Nld, Tur, Aze, Pol, Ces, Hun, Ron, Swe, Dan, Fin, Rus,
            Ukr, Bul, Ara, Pes, Urd, Heb, Ell, Hin, Cmn, Jpn, Kor, Tha, Vie, Ind,
        ])
    })
}
/// How many letters a line needs before its language is judged at all.
const FOREIGN_MIN_LETTERS: usize = 20;

impl Languages {
    /// The language of the document, from its longest paragraphs.
    fn document(&mut self, lines: &Lines<'_>, removed: &Verdicts) -> Option<whatlang::Lang> {
        *self.document.get_or_insert_with(|| {
            let mut paragraphs: Vec<&str> = kept(lines, removed)
                .map(|(_, text)| text)
                .filter(|text| is_paragraph(text))
                .collect();
            paragraphs.sort_by_key(|text| std::cmp::Reverse(text.len()));
            let mut sample = String::new();
            for text in paragraphs.into_iter().take(3) {
                sample.push_str(text);
                sample.push('\n');
                if sample.len() >= LANGUAGE_SAMPLE {
                    break;
                }
            }
            let mut end = sample.len().min(LANGUAGE_SAMPLE);
            while !sample.is_char_boundary(end) {
                end -= 1;
            }
            sample.truncate(end);
            detector().detect(&sample).map(|info| info.lang())
        })
    }

    /// Why line `i` is in another language than the document, if the
    /// evidence is strong: the line reads as a headline (no sentence
    /// punctuation at the end), is written in another script than the
    /// document or uses letters found nowhere else in it (`ə ı ğ` under an
    /// English article), and the identifier is sure of a different language.
    fn foreign(&mut self, lines: &Lines<'_>, removed: &Verdicts, i: usize) -> Option<String> {
        let text = lines.text(i);
        // Teasers are headlines; a sentence in another language that ends
        // with a full stop is more often a translation or a quotation.
        if ends_sentence(text) || word_count_up_to(text, 25) > 25 {
            return None;
        }
        let letters = text.chars().filter(|c| c.is_alphabetic()).count();
        if letters < FOREIGN_MIN_LETTERS || !suspect(lines, removed, i) {
            return None;
        }
        let info = detector().detect(text)?;
        if !info.is_reliable() || info.confidence() < FOREIGN_CONFIDENCE {
            return None;
        }
        let document = self.document(lines, removed)?;
        (info.lang() != document).then(|| {
            format!(
                "a line in {} in a text in {}, outside the article body",
                info.lang().eng_name(),
                document.eng_name()
            )
        })
    }
}

/// The lines no rule has removed (so far), with their indices and texts.
fn kept<'a>(
    lines: &'a Lines<'_>,
    removed: &'a Verdicts,
) -> impl Iterator<Item = (usize, &'a str)> + 'a {
    alive(lines)
        .filter(move |&j| !removed.is(j))
        .map(move |j| (j, lines.text(j)))
}

/// Whether line `i` gives a reason to identify its language: letters no
/// other kept line uses, or mostly Latin letters in a document whose other
/// paragraphs are not. Lines already removed do not count, so that the
/// decision is the same when the output is cleaned again.
fn suspect(lines: &Lines<'_>, removed: &Verdicts, i: usize) -> bool {
    let text = lines.text(i);
    let mut unusual: Vec<char> = text
        .chars()
        .filter(|c| c.is_alphabetic() && !c.is_ascii())
        .collect();
    unusual.sort_unstable();
    unusual.dedup();
    let elsewhere = |c: char| kept(lines, removed).any(|(j, other)| j != i && other.contains(c));
    if unusual.iter().any(|&c| !elsewhere(c)) {
        return true;
    }
    let mostly_latin = |text: &str| {
        let latin = text.chars().filter(|c| c.is_ascii_alphabetic()).count();
        latin * 2 > text.chars().filter(|c| c.is_alphabetic()).count()
    };
    // A Latin line in a document whose other paragraphs are not Latin (an
    // English teaser under an Arabic article).
    mostly_latin(text)
        && !kept(lines, removed)
            .any(|(j, other)| j != i && is_paragraph(other) && mostly_latin(other))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glued_repeats() {
        assert_eq!(glued_repeat("HelpHelp"), Some("Help"));
        assert_eq!(glued_repeat("MenuMenuMenu"), Some("Menu"));
        assert_eq!(glued_repeat("Couscous"), None);
        assert_eq!(glued_repeat("Help Help"), None);
        assert_eq!(glued_repeat("Details"), None);
        assert_eq!(glued_repeat("ЖЖ"), None);
    }

    #[test]
    fn paragraphs_and_sentence_ends() {
        assert!(is_paragraph(
            "“Unfortunately, the number of victims may increase,” the agency said."
        ));
        assert!(is_paragraph("He said it was over.”"));
        assert!(!is_paragraph("With Post Wires"));
        assert!(!is_paragraph(
            "NYT: U.S. officials confirm ISIS was behind Moscow attack"
        ));
        assert!(ends_sentence("هل هذا صحيح؟"));
        assert!(ends_sentence("(Evgenia Novozhenina/Reuters)"));
    }

    #[test]
    fn source_labels() {
        assert_eq!(
            source_label("NYT: U.S. officials confirm ISIS was behind Moscow attack"),
            Some("NYT")
        );
        assert_eq!(
            source_label("AFP: Rescue teams reach the village"),
            Some("AFP")
        );
        assert_eq!(source_label("Note: see below"), None);
        assert_eq!(source_label("MOSCOW: Gunmen"), None);
    }

    #[test]
    fn near_duplicates_ignore_ascii_case_punctuation_and_spacing() {
        assert!(same_content(
            "A view of the hall. (Reuters)",
            "a view of the hall (REUTERS)"
        ));
        assert!(!same_content(
            "A view of the hall",
            "A view of the hall today"
        ));
        assert!(same_content("وقالت السفارة، إنها", "وقالت السفارة، إنها"));
    }

    #[test]
    fn near_duplicates_hash_alike() {
        let a = "A view of the burned-out hall on March 26 (Evgenia Novozhenina/Reuters)";
        let b = "A view of the burned-out hall on March 26. Evgenia Novozhenina, Reuters";
        assert_eq!(content_hash(a), content_hash(b));
        assert!(same_content(a, b));
    }

    #[test]
    fn word_counts() {
        assert_eq!(word_count("  one two\tthree  "), 3);
        assert_eq!(word_count(""), 0);
        assert_eq!(word_count("وقالت السفارة، إنها"), 3);
    }

    #[test]
    fn dates() {
        assert!(is_date("2024-03-23"));
        assert!(is_date("2024-03-23T10:00"));
        assert!(!is_date("2024-3-23"));
        assert!(!is_date("March"));
    }
}
