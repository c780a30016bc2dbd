//! One look at the whole page: the facts of every line that stays (words,
//! sentence punctuation, stop words, phrase hits, a key for finding
//! copies), the document's language, and where the article is (its first
//! and last paragraph, its core). The rules and the signals read it; it is
//! built once per round with buffers reused, so a line costs no allocation.

use super::phrases::{self, Phrases, Related};
use super::stopwords::{self, fnv, Lang, Scripts, StopCount, StopWords, Votes, FNV_START, LISTS};
use super::text;
use super::Live;
use crate::unicode::boundary::floor_char_boundary;
use crate::unicode::class::{ALPHABETIC, NUMERIC};
use crate::unicode::table;

/// What a phrase list says about a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Hit {
    /// No phrase.
    None,
    /// The whole line is a phrase of `[line]`.
    Line,
    /// One capitalised word glued to itself (`HelpHelp`) or to its other
    /// state (`FollowFollowing`).
    Glued,
    /// A `[line]` phrase twice over (`Sponsored Links Sponsored Links`).
    Doubled,
    /// A share bar: two or more different `[share]` words and nothing else
    /// (`Facebook Twitter`).
    Share,
    /// A `[prefix]` label and a colon (`Read also: …`).
    Prefix,
    /// It contains a `[contains]` phrase (cookie and copyright notices).
    Contains,
}

/// The facts of one line.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Facts {
    /// Words (CJK: characters in pairs), counted up to 26.
    pub(crate) words: u8,
    pub(crate) ends_sentence: bool,
    pub(crate) paragraph: bool,
    /// A paragraph in the document's language (enough stop words).
    pub(crate) sentence: bool,
    pub(crate) stop: StopCount,
    pub(crate) title_case: bool,
    pub(crate) hit: Hit,
    /// A heading of a list of the article (`[heading]`: `Ingredients`).
    pub(crate) heading: bool,
    /// Whether it heads a list of other pages (`[related]`: `Related`,
    /// `Most read business stories`); not a line ending in a full stop, a
    /// question or an exclamation mark.
    pub(crate) related: Related,
    /// How many of its words have three letters or more and are not
    /// filler (0 when it has more than twelve words or sentence
    /// punctuation).
    pub(crate) edge_content: u8,
    /// How many of those are navigation words (`[edge]`).
    pub(crate) edge_hits: u8,
    /// A hash of the line's letters and digits (0: none).
    pub(crate) key: u64,
    /// A log's record header ([`text::log_header`]: a mail address in
    /// brackets, a commit's hash).
    pub(crate) log_header: bool,
    /// Its length in bytes.
    pub(crate) len: u32,
    /// Its letters by script (the first [`SCRIPT_CHARS`] characters) and
    /// the stop words of every Latin list among its first words: the
    /// evidence of its language.
    pub(crate) scripts: Scripts,
    pub(crate) votes: Votes,
    /// Its first words ([`WORDS_LOOKED_AT`](stopwords::WORDS_LOOKED_AT)):
    /// how many, and a bit a word:
    /// which are stop words of each list (indexed by [`Lang`]), which are
    /// cased and which capitalised.
    words_seen: u8,
    stops: [u16; LISTS],
    cased: u16,
    upper: u16,
}

impl Facts {
    /// A short line (six words at most) made only of navigation words
    /// (`[edge]`).
    pub(crate) fn edge_words(&self) -> bool {
        self.words <= 6 && self.edge_content > 0 && self.edge_hits == self.edge_content
    }

    /// Whether the lists call it residue: it names a phrase or is made of
    /// navigation words only.
    pub(crate) fn is_residue(&self) -> bool {
        self.hit != Hit::None || self.edge_words()
    }

    /// The share of its words that are navigation words (0 when none
    /// count).
    pub(crate) fn edge_share(&self) -> f32 {
        if self.edge_content == 0 {
            0.0
        } else {
            f32::from(self.edge_hits) / f32::from(self.edge_content)
        }
    }
}

/// How many characters of a line its script is told from.
const SCRIPT_CHARS: usize = 64;

/// The page as the rules and signals see it in one round.
pub(crate) struct Page {
    pub(crate) facts: Vec<Facts>,
    pub(crate) lang: Lang,
    /// The first and last paragraph (indices into the live lines).
    pub(crate) first_paragraph: Option<usize>,
    pub(crate) last_paragraph: Option<usize>,
    /// The article's core: the run of lines where sentences outweigh the
    /// rest (sentences count their words, up to 40; other lines −3, so that
    /// teasers of other articles between short labels do not join it).
    pub(crate) core: (usize, usize),
    /// The article's body: the same with sentences counting up to 80
    /// words.
    pub(crate) body: (usize, usize),
    /// The share of lines that are sentences.
    pub(crate) sentence_share: f32,
    /// Whether the page is a log: one of its lines is a record's header.
    pub(crate) log: bool,
    /// Sentences among the lines before each index (prefix sums).
    sentences_before: Vec<u32>,
    /// For each line: the heading of a list of other pages
    /// ([`Facts::related`]) that stands right above it, if one does.
    pub(crate) related_above: Vec<Option<RelatedAbove>>,
    /// For each line, when the page has a command at a shell's prompt:
    /// whether it is one or its output ([`shell_session`]).
    session: Vec<bool>,
}

/// The most lines of output a command at a prompt is taken to print.
const SESSION_OUTPUT: usize = 24;

/// For each line of `facts` (text `text(k)`): whether it is a command at a
/// shell's prompt ([`text::shell_prompt`]) or one of the lines it printed, up to
/// [`SESSION_OUTPUT`] of them, each shaped as output is
/// ([`text::output_shaped`]: `Installed: 2021.06.15-1`, `Pin-Priority:
/// 1001`). The first line of another shape, a paragraph or a
/// line the phrase lists call residue ends the output: a site's `Up`,
/// `Home` or `Share on Facebook` after a tutorial's last command. Empty
/// when no line is a command (most pages).
fn shell_session<'t>(facts: &[Facts], text: impl Fn(usize) -> &'t str) -> Vec<bool> {
    // Most pages have no command: asked once a line, and once more on the
    // pages that have one.
    let prompt = |k: usize| text::shell_prompt(text(k));
    if !(0..facts.len()).any(prompt) {
        return Vec::new();
    }
    let mut output_left = 0;
    facts
        .iter()
        .enumerate()
        .map(|(k, fact)| {
            if prompt(k) {
                output_left = SESSION_OUTPUT;
                true
            } else if output_left > 0
                && !fact.paragraph
                && !fact.is_residue()
                && text::output_shaped(text(k))
            {
                output_left -= 1;
                true
            } else {
                output_left = 0;
                false
            }
        })
        .collect()
}

/// A heading of a list of other pages right above a line: the live line
/// before it, or a line removed between the two (a heading alone is
/// residue itself, and usually gone by the time its list is judged).
#[derive(Clone, Copy, Debug)]
pub(crate) struct RelatedAbove {
    /// How many lines were removed between a removed heading and the line,
    /// by a rule or the score: they were the top of its list, and count
    /// towards its length, so that removing them does not move the list
    /// down a round later. 0 under a heading still there, whose list is
    /// counted in the lines left (what a second run of the cleaner sees).
    pub(crate) gone: usize,
}

/// How many bytes of paragraphs the document's language is guessed from.
const LANGUAGE_SAMPLE: usize = 2000;
/// How many words a line is counted up to.
const WORDS_COUNTED: usize = 26;

/// The stop-word share above which a paragraph is a sentence of the
/// document's language.
fn sentence_share(lang: Lang) -> f32 {
    if lang == Lang::Zh {
        0.05
    } else {
        0.12
    }
}

/// The facts of every entry, kept across rounds: what a line is does not
/// change when other lines go, only where it stands. The stop-word counts
/// depend on the page's language and are redone when it changes.
#[derive(Default)]
pub(crate) struct Cache {
    facts: Vec<Option<Facts>>,
    stop_lang: Vec<Option<Lang>>,
    /// Whether any line heads a list of other pages ([`Facts::related`]):
    /// most documents have none, and their pages skip the search above
    /// each line.
    any_related: bool,
    /// For each entry, once the first round has looked: whether it is a
    /// command at a prompt or its output ([`shell_session`]), decided on
    /// the lines as they came, so that a session does not grow into the
    /// lines below once the residue that ended it is removed. Empty when
    /// no line is a command.
    session: Option<Vec<bool>>,
}

impl Cache {
    pub(crate) fn new(entries: usize) -> Cache {
        Cache {
            facts: vec![None; entries],
            stop_lang: vec![None; entries],
            any_related: false,
            session: None,
        }
    }
}

impl Page {
    /// Looks at the `live` lines with `phrases`; `buf` is scratch space and
    /// `cache` holds the facts of earlier rounds.
    pub(crate) fn new(
        live: &Live<'_, '_>,
        phrases: &Phrases,
        buf: &mut String,
        cache: &mut Cache,
    ) -> Page {
        let stop = StopWords::shipped();
        let n = live.len();
        let mut facts = Vec::with_capacity(n);
        let mut scripts = Scripts::default();
        let mut votes = Votes::default();
        let mut sampled = 0;
        for k in 0..n {
            let line = live.text(k);
            let entry = live.entry(k);
            let fact = match cache.facts[entry] {
                Some(fact) => fact,
                None => {
                    let fact = intrinsic(line, phrases, stop, buf);
                    cache.facts[entry] = Some(fact);
                    cache.any_related |= fact.related != Related::No;
                    fact
                }
            };
            if fact.paragraph && sampled < LANGUAGE_SAMPLE {
                scripts.merge(&fact.scripts);
                votes.merge(&fact.votes);
                sampled += line.len();
            }
            facts.push(fact);
        }
        if sampled == 0 {
            // No paragraph: guess from the first lines.
            for fact in facts.iter().take(50) {
                scripts.merge(&fact.scripts);
                votes.merge(&fact.votes);
            }
        }
        let lang = stopwords::document_language(&scripts, &votes, stop);
        let threshold = sentence_share(lang);
        let mut sentences_before = Vec::with_capacity(n + 1);
        sentences_before.push(0);
        let mut sentences = 0;
        for (k, fact) in facts.iter_mut().enumerate() {
            let entry = live.entry(k);
            if cache.stop_lang[entry] != Some(lang) {
                let (stop_count, title_case) = words_of(live.text(k), fact, lang, stop);
                fact.stop = stop_count;
                fact.title_case = title_case;
                cache.stop_lang[entry] = Some(lang);
                if let Some(cached) = &mut cache.facts[entry] {
                    cached.stop = stop_count;
                    cached.title_case = title_case;
                }
            }
            fact.sentence =
                fact.paragraph && (lang == Lang::Other || fact.stop.share() >= threshold);
            sentences += u32::from(fact.sentence);
            sentences_before.push(sentences);
        }
        let related_above = (0..n)
            .map(|k| {
                if !cache.any_related {
                    return None;
                }
                let previous = (k > 0).then(|| live.entry(k - 1));
                let from = previous.unwrap_or(0);
                // The nearest heading above, among the removed lines and the
                // live line before.
                let entry = (from..live.entry(k)).rev().find(|&entry| {
                    cache.facts[entry]
                        .as_ref()
                        .is_some_and(|fact| fact.related != Related::No)
                })?;
                let gone = if Some(entry) == previous {
                    0
                } else {
                    (entry + 1..live.entry(k))
                        .filter(|&e| cache.facts[e].is_some())
                        .count()
                };
                Some(RelatedAbove { gone })
            })
            .collect();
        let first_paragraph = facts.iter().position(|f| f.paragraph);
        let last_paragraph = facts.iter().rposition(|f| f.paragraph);
        let core = best_run(&facts, 40, -3);
        let body = best_run(&facts, 80, -3);
        let by_entry = cache.session.get_or_insert_with(|| {
            let session = shell_session(&facts, |k| live.text(k));
            if session.is_empty() {
                return session;
            }
            let mut by_entry = vec![false; cache.facts.len()];
            for (k, &flag) in session.iter().enumerate() {
                by_entry[live.entry(k)] = flag;
            }
            by_entry
        });
        let session = if by_entry.is_empty() {
            Vec::new()
        } else {
            (0..n).map(|k| by_entry[live.entry(k)]).collect()
        };
        Page {
            sentence_share: sentences as f32 / n.max(1) as f32,
            log: facts.iter().any(|f| f.log_header),
            facts,
            lang,
            first_paragraph,
            last_paragraph,
            core,
            body,
            sentences_before,
            related_above,
            session,
        }
    }

    /// Whether line `k` is a command at a shell's prompt or its output
    /// ([`shell_session`]): code, whose lines repeat (a command run twice,
    /// a line of output printed twice) and stand after the last paragraph,
    /// which neither a copy rule nor the score takes for residue.
    pub(crate) fn in_session(&self, k: usize) -> bool {
        self.session.get(k).copied().unwrap_or(false)
    }

    pub(crate) fn len(&self) -> usize {
        self.facts.len()
    }

    /// How many sentences are among lines `from..to` (clamped).
    pub(crate) fn sentences_in(&self, from: usize, to: usize) -> u32 {
        let to = to.min(self.len());
        let from = from.min(to);
        self.sentences_before[to] - self.sentences_before[from]
    }

    /// Whether line `k` lies between the first and last paragraph.
    pub(crate) fn inside(&self, k: usize) -> bool {
        match (self.first_paragraph, self.last_paragraph) {
            (Some(first), Some(last)) => first <= k && k <= last,
            _ => false,
        }
    }
}

/// What a line is, whatever stands around it (the stop-word counts come
/// later, once the page's language is known).
fn intrinsic(line: &str, phrases: &Phrases, stop: &StopWords, buf: &mut String) -> Facts {
    let words = text::words_up_to(line, WORDS_COUNTED).min(WORDS_COUNTED) as u8;
    let mut scripts = Scripts::default();
    scripts.add_up_to(line, SCRIPT_CHARS);
    let (mut words_seen, mut stops, mut cased, mut upper) = (0u8, [0u16; LISTS], 0u16, 0u16);
    stopwords::for_words(line, stop, |mask, case| {
        let bit = 1u16 << words_seen;
        // The lists that hold the word (most words are in none).
        let mut lists = mask;
        while lists != 0 {
            stops[lists.trailing_zeros() as usize] |= bit;
            lists &= lists - 1;
        }
        if let Some(is_upper) = case {
            cased |= bit;
            upper |= u16::from(is_upper) << words_seen;
        }
        words_seen += 1;
    });
    let votes = Votes::of(words_seen, &stops);
    let ends_sentence = text::ends_sentence(line);
    let paragraph = words >= 10 || (words >= 4 && ends_sentence);
    // Code is neither a navigation label nor a phrase (looked at once).
    let code = words <= 12 && code_shaped(line);
    let (edge_content, edge_hits) = if ends_sentence || code {
        (0, 0)
    } else {
        edge_words(line, usize::from(words), phrases, buf)
    };
    let (hit, Heads { heading, related }) =
        phrase_hit(line, usize::from(words), ends_sentence, code, phrases, buf);
    Facts {
        words,
        ends_sentence,
        paragraph,
        sentence: false,
        stop: StopCount::default(),
        title_case: false,
        hit,
        heading,
        related,
        edge_content,
        edge_hits,
        key: content_key(line),
        // Most lines are longer than a header: not scanned for its `@`.
        log_header: usize::from(words) <= text::LOG_HEADER_WORDS && text::log_header(line),
        len: line.len() as u32,
        scripts,
        votes,
        words_seen,
        stops,
        cased,
        upper,
    }
}

/// The run of lines with the largest sum, where a sentence counts its words
/// (up to `cap`) and any other line `other`: where the article is. The
/// whole page when it has no sentence.
fn best_run(facts: &[Facts], cap: i32, other: i32) -> (usize, usize) {
    let (mut best, mut current, mut start) = (0i32, 0i32, 0usize);
    let mut found = None;
    for (k, fact) in facts.iter().enumerate() {
        let value = if fact.sentence {
            i32::from(fact.words).min(cap)
        } else {
            other
        };
        if current <= 0 {
            current = value;
            start = k;
        } else {
            current += value;
        }
        if current > best {
            best = current;
            found = Some((start, k));
        }
    }
    found.unwrap_or((0, facts.len().saturating_sub(1)))
}

/// The stop words of a line (`fact`, text `line`) in `lang`, and whether it
/// is written in Title Case (three or more cased words, every one that is
/// not a stop word capitalised).
fn words_of(line: &str, fact: &Facts, lang: Lang, stop: &StopWords) -> (StopCount, bool) {
    match lang {
        Lang::Zh | Lang::Ja => return (stopwords::count(line, lang, stop), false),
        Lang::Other => {
            let count = StopCount {
                hits: 0,
                words: u16::from(fact.words_seen),
            };
            return (count, false);
        }
        _ => {}
    }
    let stops = fact.stops[lang as usize];
    let count = StopCount {
        hits: stops.count_ones() as u16,
        words: u16::from(fact.words_seen),
    };
    // The cased words that are not stop words, and those of them that are
    // capitalised.
    let content = fact.cased & !stops;
    let title_case =
        fact.cased.count_ones() >= 3 && content != 0 && content & fact.upper == content;
    (count, title_case)
}

/// What a line heads, by the phrase lists.
#[derive(Clone, Copy, Debug)]
struct Heads {
    /// A list of the article: a `[heading]` of six words at most.
    heading: bool,
    /// A list of other pages ([`Phrases::related`]).
    related: Related,
}

/// What the phrase lists say about `line` (of `words` words, ending a
/// sentence or not, a line of code or not: [`code_shaped`]), and what it
/// heads.
fn phrase_hit(
    line: &str,
    words: usize,
    ends_sentence: bool,
    code: bool,
    phrases: &Phrases,
    buf: &mut String,
) -> (Hit, Heads) {
    let mut heads = Heads {
        heading: false,
        related: Related::No,
    };
    if words > 25 {
        return (Hit::None, heads);
    }
    if words <= 12 {
        phrases::normalize_into(line, buf);
        heads.heading = words <= 6 && phrases.is_heading(buf);
        // A heading may end in an arrow or a closing quote (`Related
        // Stories »`), not a stop: `More on that later.` is a sentence.
        if !text::ends_stop(line) {
            heads.related = phrases.related(buf);
        }
        if !code {
            if let Some(hit) = short_line_hit(line, ends_sentence, phrases, buf) {
                return (hit, heads);
            }
        }
    }
    let hit = if phrases.contained_in(line, buf).is_some() {
        Hit::Contains
    } else {
        Hit::None
    };
    (hit, heads)
}

/// What the lists say about a short line as a whole (`buf`: the line
/// through [`phrases::normalize`], overwritten): a `[line]` phrase, once or
/// twice over, a word glued to itself, a share bar or a teaser's label.
fn short_line_hit(
    line: &str,
    ends_sentence: bool,
    phrases: &Phrases,
    buf: &mut String,
) -> Option<Hit> {
    if phrases.lines.contains(buf.as_str()) {
        // A one-word phrase ending in sentence punctuation is a word of
        // dialogue ("Reply."), not a button, but one trailing off in an
        // ellipsis is a widget's state (`Loading...`, `Loading…`); one
        // that begins in lowercase ends a sentence wrapped from the line
        // before ("See the manual for" / "more details.", "the page
        // kept" / "loading...").
        let capitalized = !starts_lowercase(line);
        if !ends_sentence || (capitalized && (buf.contains(' ') || text::ends_ellipsis(line))) {
            return Some(Hit::Line);
        }
    }
    // A word twice and a full stop is a call or a cry (`Tweet tweet.`).
    if phrases
        .doubled(buf)
        .is_some_and(|half| half.contains(' ') || !ends_sentence)
    {
        return Some(Hit::Doubled);
    }
    if glued_repeat(line).is_some() {
        return Some(Hit::Glued);
    }
    if phrases.share_bar(line, ends_sentence, buf) {
        return Some(Hit::Share);
    }
    // A teaser's label is capitalized (`Read also:`, `WATCH:`); in
    // lowercase it names the part of a program a change touched
    // (`watch: support unicode`, a commit's subject).
    let (label, rest) = line
        .split_once([':', '：'])
        .filter(|(label, _)| !starts_lowercase(label))?;
    // A comment's label before one name (`# TAG: localip` in a setting's
    // file) and a label before names joined by `::` alone (a package's
    // `Tag: admin::package-management, devel::lang:ruby`) are code and
    // data, no teaser's; `# Read also: How to pick an editor` and `Read
    // also: std::move or std::forward` are teasers.
    let trimmed = label.trim_start();
    let comment = trimmed.starts_with('#') || trimmed.starts_with("//");
    if comment && rest.split_whitespace().count() <= 1 || text::joined_names_only(rest) {
        return None;
    }
    phrases::normalize_into(label, buf);
    // After a label of cross-references, links or identifiers alone are a
    // reference (`See also: https://bugs.example.org/1234`, `Related:
    // CVE-2017-18018`, a changelog's or a paper's), not a teaser's
    // headline; after `Read more:` or `Tags:` they are still residue.
    if REFERENCE_LABELS.contains(&buf.as_str()) && text::reference_only(rest) {
        return None;
    }
    phrases
        .prefixes
        .iter()
        .any(|p| p == buf.as_str())
        .then_some(Hit::Prefix)
}

/// The teaser labels that also introduce cross-references in a document
/// (normalized as [`phrases::normalize_into`] writes them).
const REFERENCE_LABELS: [&str; 5] = [
    "see also",
    "related",
    "siehe auch",
    "voir aussi",
    "vedi anche",
];

/// Whether `line` is a line of code, which no phrase list speaks of,
/// though its words may be a phrase once the ends are trimmed: a markup
/// tag alone, written in lowercase (`<details>`, `</details>`, `<br/>`), or
/// a line whose trimmed ends hold a variable (`print $_;`, `$login`) or a
/// backtick (`` `print` ``), or a command-line option alone or after its
/// short form ([`command_option`]: a manual's list of options). Not a price
/// (`$7`), nor the arrows, emphasis and escapes that text converters write
/// around a site's labels (`Read more =>`, `_Share_`, `Print\`, `<Share>`),
/// nor a label after a dash (`- Login`, `-Login`, `--Share--`).
fn code_shaped(line: &str) -> bool {
    let trimmed = line.trim();
    if command_option(trimmed) {
        return true;
    }
    // Every other shape of code below holds one of these bytes; most lines
    // none.
    if memchr::memchr3(b'<', b'$', b'`', line.as_bytes()).is_none() {
        return false;
    }
    let line = trimmed;
    if let Some(inner) = line.strip_prefix('<').and_then(|l| l.strip_suffix('>')) {
        let name = inner.strip_prefix('/').unwrap_or(inner);
        let name = name.strip_suffix('/').unwrap_or(name);
        if name.starts_with(|c: char| c.is_ascii_lowercase())
            && name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        {
            return true;
        }
    }
    let Some(first) = line.find(phrases::kept_at_ends) else {
        return false;
    };
    let last = line.rfind(phrases::kept_at_ends).unwrap_or(first);
    let end = last + line[last..].chars().next().map_or(0, char::len_utf8);
    line.char_indices()
        .filter(|&(at, _)| at < first || at >= end)
        .any(|(at, c)| match c {
            '`' => true,
            '$' => text::starts_variable(&line.as_bytes()[at + 1..]),
            _ => false,
        })
}

/// Whether the first letter or digit of `text` is a lowercase letter
/// (not in scripts without case).
fn starts_lowercase(text: &str) -> bool {
    text.chars()
        .find(|&c| table::is_alphanumeric(c))
        .is_some_and(char::is_lowercase)
}

/// Words that do not count when deciding whether a short line is made only
/// of navigation words.
const FILLER: &[&str] = &[
    "the", "and", "for", "with", "our", "you", "your", "all", "are", "this", "from", "its",
];

/// The words of `line` (of `words` words, twelve at most) that count for
/// navigation, and how many of them are navigation words: every word of
/// three letters or more that is not filler counts, and a navigation word
/// is in the `[edge]` list (`Latest news`, `In World`).
fn edge_words(line: &str, words: usize, phrases: &Phrases, buf: &mut String) -> (u8, u8) {
    if words == 0 || words > 12 {
        return (0, 0);
    }
    let (mut content, mut hits) = (0u8, 0u8);
    // `words` counts words between ASCII spaces; other spaces (a no-break
    // space, an ideographic space) split here too, and a line they make
    // longer than twelve words is not looked at either.
    for (at, word) in line.split_whitespace().enumerate() {
        if at == 12 {
            return (0, 0);
        }
        phrases::normalize_into(word, buf);
        if buf.chars().count() < 3 && !buf.chars().any(text::is_cjk)
            || FILLER.contains(&buf.as_str())
        {
            continue;
        }
        content = content.saturating_add(1);
        hits = hits.saturating_add(u8::from(phrases.edge_words.contains(buf.as_str())));
    }
    (content, hits)
}

/// The word of a line that is one capitalized word glued to itself two or
/// more times (`HelpHelp`, `MenuMenuMenu`), or once more in the other state
/// of a toggle (`FollowFollowing`, `RecommendRecommended`, `LikeLiked`):
/// the residue of a menu or a button whose label was rendered twice.
/// `Couscous` is not (the repeat is not capitalized).
pub(crate) fn glued_repeat(text: &str) -> Option<&str> {
    let text = text.trim();
    if text.len() > 40 || !text.chars().all(table::is_alphabetic) {
        return None;
    }
    let first = text.chars().next()?;
    if !first.is_uppercase() {
        return None;
    }
    let toggled = |suffix: &str| {
        let both = text.strip_suffix(suffix)?;
        let (word, again) = both.split_at_checked(both.len() / 2)?;
        (both.len() % 2 == 0 && word == again && word.chars().count() >= 3).then_some(word)
    };
    if let Some(word) = ["ing", "ed", "d"].into_iter().find_map(toggled) {
        return Some(word);
    }
    (1..text.len())
        .filter(|&len| text.is_char_boundary(len))
        .find_map(|len| {
            let word = &text[..len];
            let repeats = text.len() / len;
            (len * repeats == text.len()
                && repeats >= 2
                && word.chars().count() >= 2
                && (0..repeats)
                    .all(|r| &text.as_bytes()[r * len..(r + 1) * len] == word.as_bytes()))
            .then_some(word)
        })
}

/// How many letters and digits of a line its key reads: enough to find
/// copies, cheap on long lines (a match is confirmed on the whole lines).
const KEYED_CONTENT: usize = 64;

/// How many letters and digits from its end [`tail_key`] hashes: the key
/// only tells lines apart before they are compared whole, and lines that
/// begin alike and differ mostly differ in their last words.
const TAIL_CONTENT: usize = 16;

/// A hash (FNV-1a) of the first [`KEYED_CONTENT`] letters and digits of
/// `text`, case kept (`(Reuters)` and `. Reuters` are the same line, `LOTS`
/// and `Lots` are not); 0 when it has none.
pub(crate) fn content_key(text: &str) -> u64 {
    let bytes = text.as_bytes();
    let mut hash = FNV_START;
    let mut taken = 0;
    let mut at = 0;
    while at < bytes.len() && taken < KEYED_CONTENT {
        let b = bytes[at];
        if b.is_ascii() {
            // Eight ASCII bytes (zeros past the end are no letters): their
            // letters and digits hashed in order off a mask; an ASCII byte
            // among others (a space between Arabic words) alone.
            let block = bytes
                .get(at + 1)
                .is_some_and(u8::is_ascii)
                .then(|| text::ascii_block(bytes, at))
                .flatten();
            let Some(v) = block else {
                if b.is_ascii_alphanumeric() {
                    hash = fnv(hash, b);
                    taken += 1;
                }
                at += 1;
                continue;
            };
            let mut marked = text::ascii_alnum(v);
            if KEYED_CONTENT - taken < 8 {
                // The last block read: only the letters and digits still
                // wanted (most blocks are read whole, without a count to
                // check at each byte).
                marked = first_marked(marked, KEYED_CONTENT - taken);
            }
            while marked != 0 {
                let i = marked.trailing_zeros() as usize / 8;
                hash = fnv(hash, bytes[at + i]);
                taken += 1;
                marked &= marked - 1;
            }
            at += 8;
            continue;
        }
        let (entry, _, len) = text::char_at(bytes, at);
        if entry & (ALPHABETIC | NUMERIC) != 0 {
            hash = bytes[at..at + len]
                .iter()
                .fold(hash, |hash, &b| fnv(hash, b));
            taken += 1;
        }
        at += len;
    }
    if taken == 0 {
        0
    } else {
        hash | 1
    }
}

/// The lowest `n` bits that are set in `marked`.
fn first_marked(mut marked: u64, n: usize) -> u64 {
    let mut kept = 0;
    for _ in 0..n {
        kept |= marked & marked.wrapping_neg();
        marked &= marked.wrapping_sub(1);
    }
    kept
}

/// A hash (FNV-1a) of the last [`TAIL_CONTENT`] letters and digits of
/// `text` that are ASCII or in the BMP, read from its end: lines with the
/// same letters and digits have the same one (it is a function of them), so
/// most lines that only begin alike (lines of one template) are told apart
/// without comparing them letter by letter. Characters beyond the BMP
/// (emoji, mostly) are stepped over without a lookup.
pub(crate) fn tail_key(text: &str) -> u64 {
    let bytes = text.as_bytes();
    let mut hash = FNV_START;
    let mut taken = 0;
    let mut end = bytes.len();
    while end > 0 && taken < TAIL_CONTENT {
        let last = bytes[end - 1];
        if last.is_ascii() {
            // The eight bytes before `end`, when they are all ASCII: their
            // letters and digits hashed from the last off a mask; an ASCII
            // byte among others (a space between Arabic words) alone.
            let block = (end >= 8 && bytes[end - 2].is_ascii())
                .then(|| text::ascii_block(bytes, end - 8))
                .flatten();
            let Some(v) = block else {
                end -= 1;
                if last.is_ascii_alphanumeric() {
                    hash = fnv(hash, last);
                    taken += 1;
                }
                continue;
            };
            let mut marked = text::ascii_alnum(v);
            while marked != 0 && taken < TAIL_CONTENT {
                let i = (63 - marked.leading_zeros() as usize) / 8;
                hash = fnv(hash, bytes[end - 8 + i]);
                taken += 1;
                marked &= !(0xFF << (8 * i));
            }
            end -= 8;
            continue;
        }
        let mut start = end - 1;
        while bytes[start] & 0xC0 == 0x80 {
            start -= 1;
        }
        // One character; fewer than four bytes: in the BMP.
        let in_bmp = end - start < 4;
        if in_bmp
            && text[start..end]
                .chars()
                .next()
                .is_some_and(table::is_alphanumeric)
        {
            hash = bytes[start..end].iter().fold(hash, |hash, &b| fnv(hash, b));
            taken += 1;
        }
        end = start;
    }
    // Never 0, which callers keep for "not computed yet".
    hash | 1
}

/// The letters and digits of `text`.
fn content(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars().filter(|&c| table::is_alphanumeric(c))
}

/// Whether `line` is a command-line option (`--login`, `--register=`,
/// `-print`, `-V`) or a short one and its long form (`-n, --avoid-wraps`):
/// a name in lowercase after one or two hyphens, or one letter or digit;
/// not a capitalised label glued to a dash (`-Login`, `-Home -About`), one
/// framed in dashes (`--Share--`) or a number (`-50`).
fn command_option(line: &str) -> bool {
    let mut tokens = line.split_whitespace();
    match (tokens.next(), tokens.next(), tokens.next()) {
        (Some(option), None, None) => option_name(option).is_some(),
        (Some(short), Some(long), None) => {
            short
                .strip_suffix(',')
                .and_then(option_name)
                .is_some_and(|n| n.len() == 1)
                && long.starts_with("--")
                && option_name(long).is_some()
        }
        _ => false,
    }
}

/// The name of the option `token` ([`command_option`]), if it is one.
fn option_name(token: &str) -> Option<&str> {
    let name = token
        .strip_prefix("--")
        .or_else(|| token.strip_prefix('-'))?;
    let one = name.len() == 1 && name.as_bytes()[0].is_ascii_alphanumeric();
    let word = name.starts_with(|c: char| c.is_ascii_lowercase())
        && !name.ends_with('-')
        && name.bytes().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'-' | b'_' | b'=' | b'.')
        });
    (one || word).then_some(name)
}

/// The signs of an operator in `text` (`& + * % < > = ^ ~`), a `#` inside
/// a word and a `$` before a name (a shell's expansions: `${name#word}` and
/// `${name##word}`, `echo $ONE` and `echo ONE`), which tell apart lines of
/// code, formulas and a grammar's rules that have the same letters (`&&
/// operator, left associative` and `|| operator, left associative`); not
/// the signs that separate a menu's items (`|`, `/`), a dash, a quotation
/// mark, a bracket or `!`, nor a hashtag or a price (`#travel`, `$5`), which
/// a caption or a menu printed twice may change.
fn operators(text: &str) -> impl Iterator<Item = u8> + '_ {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().filter_map(move |(i, &b)| {
        let sign = match b {
            b'&' | b'+' | b'*' | b'%' | b'<' | b'>' | b'=' | b'^' | b'~' => true,
            b'#' => i > 0 && !bytes[i - 1].is_ascii_whitespace(),
            b'$' => text::starts_variable(&bytes[i + 1..]),
            _ => false,
        };
        sign.then_some(b)
    })
}

/// The signs of a call in code (`operator.not_(obj)`): all its ASCII
/// punctuation but backticks, which tells apart calls with the same letters
/// (`operator.not_(obj)` and `operator.__not__(obj)`, `truth(obj)` and
/// `__truth__(obj)`).
fn name_signs(text: &str) -> impl Iterator<Item = u8> + '_ {
    text.bytes()
        .filter(|&b| b.is_ascii_punctuation() && b != b'`')
}

/// Whether `text` calls a name: a letter, a digit or an underscore right
/// before an opening parenthesis (`not_(obj)`; not `(Reuters)` after a
/// space, nor a Markdown link's `](`).
fn calls_a_name(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b'(', bytes)
        .any(|at| at > 0 && (bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'_'))
}

/// Whether two lines have the same letters and digits, and the same signs
/// of an operator ([`operators`]); two calls in code of which one has an
/// underscore, the same punctuation too ([`name_signs`]). A caption or a
/// menu printed twice may differ in its punctuation, its Markdown (`_A
/// view of the hall_`, `jane\_doe`) or its separators, and stays a copy.
pub(crate) fn same_content(a: &str, b: &str) -> bool {
    // The bytes two lines share at their start have the same letters and
    // digits: skip them at memory speed, compare the rest letter by letter.
    let (x, y) = (a.as_bytes(), b.as_bytes());
    if x == y {
        return true;
    }
    // Blocks of 64 bytes compared as slices (a vectorised comparison), then
    // eight bytes at a time in the block that differs.
    let shorter = x.len().min(y.len());
    let mut common = 0;
    while common + 64 <= shorter && x[common..common + 64] == y[common..common + 64] {
        common += 64;
    }
    while common < shorter {
        let diff = text::load8(x, common) ^ text::load8(y, common);
        if diff != 0 {
            common += diff.trailing_zeros() as usize / 8;
            break;
        }
        common += 8;
    }
    let common = floor_char_boundary(a, common.min(shorter));
    // Operators are read whole: whether a `#` counts depends on the byte
    // before it, which may be in the common part.
    let named = |text: &str| memchr::memchr(b'_', text.as_bytes()).is_some();
    content(&a[common..]).eq(content(&b[common..]))
        && if (named(a) || named(b)) && calls_a_name(a) && calls_a_name(b) {
            name_signs(a).eq(name_signs(b))
        } else {
            operators(a).eq(operators(b))
        }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first [`KEYED_CONTENT`] and last [`TAIL_CONTENT`] letters and
    /// digits of `text` hashed a character at a time: what the keys compute
    /// a block at a time.
    fn keys_one_at_a_time(text: &str) -> (u64, u64) {
        let content: Vec<char> = content(text).collect();
        let hash = |chars: &mut dyn Iterator<Item = &char>| {
            chars.fold(FNV_START, |hash, c| {
                c.encode_utf8(&mut [0; 4]).bytes().fold(hash, fnv)
            })
        };
        let head = if content.is_empty() {
            0
        } else {
            hash(&mut content.iter().take(KEYED_CONTENT)) | 1
        };
        // The tail steps over characters beyond the BMP.
        let tail = hash(
            &mut content
                .iter()
                .rev()
                .filter(|c| c.len_utf8() < 4)
                .take(TAIL_CONTENT),
        ) | 1;
        (head, tail)
    }

    proptest::proptest! {
        #[test]
        fn keys_read_a_block_at_a_time_as_a_character_at_a_time(
            text in "([a-zA-Z0-9]{0,9}[ ,.’“”\\-]{0,2}(é|Ж|—|北|😀|\u{300}|٣)?){0,30}",
        ) {
            proptest::prop_assert_eq!(
                (content_key(&text), tail_key(&text)),
                keys_one_at_a_time(&text)
            );
        }
    }

    #[test]
    fn edge_words_count_navigation_words_among_the_words_that_count() {
        let phrases = Phrases::shipped();
        let mut buf = String::new();
        let mut count = |line: &str| edge_words(line, text::words(line), phrases, &mut buf);
        // Short words and filler do not count; `news` and `newsletter` do.
        assert_eq!(count("Sign up for our newsletter"), (2, 1));
        assert_eq!(count("Latest news"), (2, 2));
        assert_eq!(count("Horoscopes Crossword"), (2, 2));
        // Headings of articles made of words that are menus elsewhere.
        assert_eq!(count("Film and television").1, 0);
        assert_eq!(count("Members").1, 0);
        // More than twelve words, counted at ASCII spaces or at others.
        let long = "news ".repeat(13);
        assert_eq!(count(&long), (0, 0));
        assert_eq!(count("news ".repeat(12).trim()), (12, 12));
        let joined = "news\u{a0}".repeat(13);
        assert_eq!(edge_words(&joined, 1, phrases, &mut buf), (0, 0));
    }

    #[test]
    fn glued_repeats() {
        assert_eq!(glued_repeat("HelpHelp"), Some("Help"));
        assert_eq!(glued_repeat("MenuMenuMenu"), Some("Menu"));
        assert_eq!(glued_repeat("Couscous"), None);
        assert_eq!(glued_repeat("Help Help"), None);
        assert_eq!(glued_repeat("Details"), None);
        assert_eq!(glued_repeat("ЖЖ"), None);
        assert_eq!(glued_repeat("FollowFollowing"), Some("Follow"));
        assert_eq!(glued_repeat("RecommendRecommended"), Some("Recommend"));
        assert_eq!(glued_repeat("LikeLiked"), Some("Like"));
        assert_eq!(glued_repeat("Following"), None);
        assert_eq!(glued_repeat("Embedded"), None);
        assert_eq!(glued_repeat("Seeded"), None);
        assert_eq!(glued_repeat("Proceeded"), None);
    }

    #[test]
    fn code_is_told_by_a_tag_a_variable_or_a_backtick() {
        for code in [
            "<details>",
            "</details>",
            "<br/>",
            "<h2>",
            "print $_;",
            "$login",
            "${share}",
            "`print`",
            "--login",
            "--register=",
            "-print",
            "-V",
            "-n, --avoid-wraps",
            "-3, --no-common",
        ] {
            assert!(code_shaped(code), "{code}");
        }
        // Labels with the signs converters write around them stay labels.
        for label in [
            "Print",
            "» Print this article",
            "< Back",
            "Next >",
            "[Share]",
            "<Share>",
            "<advertisement here>",
            "$7/month",
            "$915",
            "$ Subscribe",
            "principles;",
            "Terms & Conditions",
            "<< Previous | Next >>",
            "Read more =>",
            "<= Previous",
            "_Advertisement_",
            "__Share this article__",
            "Print\\",
            "\\- Home",
            "- Login",
            "-- Login --",
            "-- 5",
            "-Login",
            "-Home -About -Contact -Login",
            "--Share--",
            "-Advertisement-",
            "-50",
            "-50%",
            "",
            "--",
            "___",
        ] {
            assert!(!code_shaped(label), "{label}");
        }
    }

    #[test]
    fn teaser_prefixes_end_in_an_ascii_or_a_fullwidth_colon() {
        let phrases = Phrases::shipped();
        let mut buf = String::new();
        for line in [
            "相关阅读：北京新开一条公交线路",
            "相关阅读: 北京新开一条公交线路",
        ] {
            let words = text::words(line);
            assert_eq!(
                phrase_hit(line, words, false, false, phrases, &mut buf).0,
                Hit::Prefix,
                "{line}"
            );
        }
    }

    #[test]
    fn copies_compare_letters_and_digits_with_case() {
        assert!(same_content(
            "A view of the hall. (Reuters)",
            "A view of the hall (Reuters)"
        ));
        assert!(!same_content("A view of the hall", "a view of the hall"));
        // Operators tell apart a grammar's rules; a menu's separators do not.
        assert!(!same_content(
            "&& operator, left associative",
            "|| operator, left associative"
        ));
        assert!(!same_content("x <= y", "x >= y"));
        assert!(same_content("Sign In| Join", "Sign In Join"));
        // So do a shell's expansions; a hashtag, a price or braces do not.
        assert!(!same_content("${name#word}", "${name##word}"));
        assert!(!same_content("echo $ONE $TWO", "echo ONE TWO"));
        // In two calls in code with an underscore, every sign counts but a
        // backtick.
        assert!(!same_content(
            "operator.not_(obj)¶",
            "operator.__not__(obj)¶"
        ));
        assert!(!same_content(
            "operator.truth(obj)",
            "operator.__truth__(obj)"
        ));
        assert!(same_content(
            "Call `read_all()` first.",
            "Call read_all() first."
        ));
        assert!(!same_content(
            "Call read_all() first.",
            "Call readall() first."
        ));
        // A caption with an underscore printed twice is still a copy: in
        // Markdown and in plain text, with a sign more or less.
        assert!(same_content(
            "_A view of the burned-out concert hall on Tuesday (Reuters)_",
            "A view of the burned-out concert hall on Tuesday (Reuters)"
        ));
        assert!(same_content(
            "Photo by @jane\\_doe on Unsplash, used with permission",
            "Photo by @jane_doe on Unsplash, used with permission."
        ));
        assert!(same_content(
            "Photo: [jane_doe](https://example.com/jane_doe) for Reuters",
            "Photo: jane_doe https://example.com/jane_doe for Reuters"
        ));
        assert!(same_content(
            "Home | News | Live_Music | Contact | About us",
            "Home / News / Live_Music / Contact / About us"
        ));
        // A caption in Markdown and in plain text is one caption twice.
        assert!(same_content(
            "Run `postqueue -p` to see which messages still wait",
            "Run postqueue -p to see which messages still wait"
        ));
        assert!(same_content(
            "Sunset over the bay at dusk #travel",
            "Sunset over the bay at dusk travel"
        ));
        assert!(same_content(
            "# Council debates city budget",
            "Council debates city budget"
        ));
        assert!(same_content(
            "Get $5 off your first order",
            "Get 5 off your first order"
        ));
        assert!(same_content(
            "Photo: {Sunset over the bay}",
            "Photo: Sunset over the bay"
        ));
        assert!(!same_content(
            "A view of the hall",
            "A view of the hall today"
        ));
        assert_eq!(
            content_key("A view of the hall. (Reuters)"),
            content_key("A view of the hall, Reuters")
        );
        assert_eq!(content_key("— · —"), 0);
        // The tail key is the same for the same letters and digits, in any
        // script, whatever else stands between them (emoji too), and tells
        // apart lines that only begin alike.
        let alike = [
            ("Прощай, 😀 немытая Россия! 👍🏽", "Прощай немытая Россия 🚀"),
            ("北京是中国的首都。", "北京是中国的首都"),
            ("Score: 3 — 1 (final) ✨", "Score 3-1, final"),
        ];
        for (a, b) in alike {
            assert!(same_content(a, b), "{a} / {b}");
            assert_eq!(tail_key(a), tail_key(b), "{a} / {b}");
        }
        let template = "Posted in News by the editors of the site on ";
        assert_ne!(
            tail_key(&format!("{template}Monday")),
            tail_key(&format!("{template}Tuesday"))
        );
        assert_ne!(tail_key("Россия"), tail_key("Россиян"));
    }
}
