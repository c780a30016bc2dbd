//! The signals the junk score weighs: what one line carries in plain text
//! (its length, sentence punctuation, stop words, shape) and where it
//! stands on the page (edges, the article's core, its neighbours, its
//! copies). Each is a number between 0 and 1; the weights live in
//! `weights.toml`. The README's table lists them with why each is there.

use super::page::Page;
use super::stopwords::{self, StopWords};
use super::text;
use super::vocabulary::Vocabulary;
use super::Live;

macro_rules! signals {
    ($($variant:ident = $name:literal: $doc:literal,)*) => {
        /// One signal of the junk score.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub(crate) enum Signal {
            $(#[doc = $doc] $variant,)*
        }

        impl Signal {
            /// Every signal, in the order of a line's values.
            pub(crate) const ALL: &'static [Signal] = &[$(Signal::$variant,)*];

            /// Its name in `weights.toml` and in tags.
            pub(crate) fn name(self) -> &'static str {
                match self {
                    $(Signal::$variant => $name,)*
                }
            }

            /// What it says, for reasons in the report.
            pub(crate) fn describe(self) -> &'static str {
                match self {
                    $(Signal::$variant => $doc,)*
                }
            }
        }
    };
}

signals! {
    Bias = "bias": "every line",
    WordsLog = "words_log": "long line (log of its words)",
    EndPunct = "end_punct": "ends in sentence punctuation",
    StopShare = "stop_share": "share of stop words",
    TitleCase = "title_case": "written in Title Case",
    Separator = "separator": "menu separators (| · » >)",
    Glued = "glued": "words glued together or repeated",
    ColonEnd = "colon_end": "ends in a colon",
    ListMarker = "list_marker": "starts with a list marker",
    Counter = "counter": "a number and a word (a counter)",
    LoneToken = "lone_token": "a lone number, letter or symbol",
    Foreign = "foreign": "in another language than the page",
    EdgeWords = "edge_words": "only navigation words",
    BeforeFirstParagraph = "before_first_par": "before the first paragraph",
    AfterLastParagraph = "after_last_par": "after the last paragraph",
    ParagraphDensity = "par_density": "share of sentences among its 10 neighbours",
    NextParagraph = "next_par": "followed by a sentence",
    PreviousParagraph = "prev_par": "preceded by a sentence",
    BlockPhrase = "blk_phrase_other": "page residue in its run of non-sentences",
    BlockResidue = "blk_residue": "share of residue in its run of three or more non-sentences",
    AnnouncedRun = "announced_run": "in a list announced by a sentence ending in a colon or under a heading such as Ingredients",
    UnderRelated = "under_related": "in a list of other pages, under a heading such as Related or Most read",
    CopyOfBodyOutside = "dup_outside_body_of_body_line": "a copy, outside the body, of a body line",
    CopyAdjacent = "dup_adjacent": "a copy of a line next to it",
    DocSentenceShare = "doc_sent_share": "share of sentences on the page",
    OutsideCore = "outside_core": "outside the article's core",
    DistanceCore = "dist_core": "far from the article's core",
    BodyWords = "body_words": "share of its words the page's sentences use",
    ShortOutside = "short_outside": "a short line outside the article's core",
    Copied = "copied": "has a copy on the page",
    EdgeShare = "edge_share": "share of its words that are navigation words",
    Menu = "menu": "in a menu: a run of 15 or more short labels outside the article's core",
}

/// How many lines below a heading of other pages (`Related`) are taken
/// for its list: a list of headlines is rarely longer, and a run of
/// non-sentences goes on into the page's footer.
const RELATED_LIST: usize = 12;

/// How many words, at least, a line under a heading of other pages has to
/// be taken for a headline (`Most popular` may head names).
const RELATED_WORDS: u8 = 3;

/// How many words a line of a date or a time alone has at most
/// ([`byline::timestamp`](super::byline::timestamp)), told by the line's
/// facts before it is read.
const TIMESTAMP_WORDS: u8 = 8;

/// How many lines, at least, a run of short lines outside the article's
/// core has to be to count as a menu (`menu`), counting the lines a rule
/// removed between them: a site's sections, its footer's links, a sidebar
/// of categories are that long; a list in an article rarely is and, when
/// it is, it usually stands between the article's sentences (see
/// [`menu`]). Chosen with [`MENU_WORDS`] and the signal's weight on the
/// development set (README, "Junk lines", stop 56); the signal's
/// description says the number.
const MENU_RUN: usize = 15;

/// How many lines of a menu, at least, are residue (removed by a rule
/// between its lines or right above the first, naming a phrase, or made of
/// navigation words): a site's menu has its `Home`, `Login` or `Contact`; a
/// table, a code block or a changelog's run of `Likewise.` has none.
const MENU_RESIDUE: usize = 1;

/// How many words, at most, a line of a menu has (and no sentence).
const MENU_WORDS: u8 = 6;

/// How many signals there are.
pub(crate) const COUNT: usize = Signal::ALL.len();

/// The values of every signal for one line.
pub(crate) type Values = [f32; COUNT];

/// What the signals of a page need beyond its facts: for each line, its
/// run of non-sentence lines and whether another line of the run is
/// residue, and its copies.
pub(crate) struct Context {
    /// For each line: whether another line of its block (its run of lines
    /// that are not sentences) hits a phrase or is made of navigation words.
    block_phrase: Vec<bool>,
    /// For each line in a run of three or more lines that are not
    /// sentences, counting the lines a rule removed between its lines
    /// (whatever they were: a phrase, a copy, a foreign headline): the
    /// share of the run that is residue (removed, hits a phrase or made of
    /// navigation words). A menu or a share bar whose labels the rules know
    /// is residue around the labels they do not; a list in the article has
    /// none.
    block_residue: Vec<f32>,
    /// For each line: whether its run of non-sentences follows a sentence
    /// ending in a colon, or a heading of a list (`[heading]`:
    /// `Ingredients`) stands above it in its run with no residue between.
    announced_run: Vec<bool>,
    /// For each line: whether it is one of the first [`RELATED_LIST`] lines
    /// below a heading of a list of other pages (`[related]`: `Related`,
    /// `Most read business stories`), counting the lines removed below a
    /// removed heading, and a headline of [`RELATED_WORDS`] words or more;
    /// the list ends at the article's own lines (a sentence with its
    /// punctuation, a heading, a line ending in a colon, a byline or
    /// dateline, a line a paragraph with its punctuation follows).
    under_related: Vec<bool>,
    /// For each line: a copy within two lines; a copy outside the body of a
    /// line inside it.
    copy_adjacent: Vec<bool>,
    copy_of_body: Vec<bool>,
    /// For each line: whether it has a copy anywhere on the page.
    copied: Vec<bool>,
    /// For each line: whether it stands in a menu ([`menu`]).
    menu: Vec<bool>,
    /// The words of the page's sentences, found when a line first asks
    /// ([`add_body_words`]).
    vocabulary: std::cell::OnceCell<Vocabulary>,
}

impl Context {
    pub(crate) fn new(live: &Live<'_, '_>, page: &Page, groups: &[Vec<usize>]) -> Context {
        let n = page.len();
        let mut block_phrase = vec![false; n];
        let mut block_residue = vec![0.0; n];
        let mut announced_run = vec![false; n];
        let mut under_related = vec![false; n];
        let residue = |k: usize| page.facts[k].is_residue();
        let mut k = 0;
        while k < n {
            if page.facts[k].sentence {
                k += 1;
                continue;
            }
            let start = k;
            let mut hits = 0;
            // The lines removed between its lines are residue of the run;
            // those removed at its ends may have stood beside a line of the
            // article (a credit or a list above a footer).
            let mut removed = 0;
            // A run the text announces (`The winners were:`; the line
            // before a run is a sentence) is a list of the article. A label
            // of its own (`Quick links:`) announces nothing.
            let announced = start
                .checked_sub(1)
                .is_some_and(|j| text::ends_colon(live.text(j)));
            // So are the lines under a heading of a list (`Ingredients`),
            // up to the first residue.
            let mut headed = false;
            while k < n && !page.facts[k].sentence {
                let is_residue = residue(k);
                hits += usize::from(is_residue);
                headed = (headed || page.facts[k].heading) && !is_residue;
                announced_run[k] = announced || headed;
                k += 1;
                if k < n && !page.facts[k].sentence {
                    let gone = live.removed_before(k);
                    removed += gone;
                    headed &= gone == 0;
                }
            }
            for (m, flag) in block_phrase.iter_mut().enumerate().take(k).skip(start) {
                *flag = hits > usize::from(residue(m));
            }
            let run = k - start + removed;
            if run >= 3 {
                let share = (hits + removed) as f32 / run as f32;
                block_residue[start..k].fill(share);
            }
        }
        // The lines of a list of other pages still to come. A headline is
        // no sentence of the article however many words it has: the list
        // goes on over lines without sentence punctuation, and ends at the
        // article's own lines: a sentence with its punctuation, a heading, a
        // line ending in a colon, a byline or dateline, and a line that a
        // punctuated paragraph follows (it heads text: a subheading, a
        // numbered item above its review). A headline has three words or
        // more (`Most popular` may head names). A date or a time alone on a
        // line, one every two or three lines, is the list's too (a byline or
        // a dateline of its own ends it).
        let mut listed = 0;
        for (k, fact) in page.facts.iter().enumerate() {
            if let Some(above) = page.related_above[k] {
                listed = RELATED_LIST.saturating_sub(above.gone);
            }
            if listed == 0 {
                continue;
            }
            let line = live.text(k);
            let heads_text = page
                .facts
                .get(k + 1)
                .is_some_and(|next| next.paragraph && next.ends_sentence);
            // The date or time a list prints beside each headline
            // (`2019-01-22 20:44`, `18:51`) is part of it, no line of the
            // article and no headline, where another stands two or three
            // lines before or after it (a date beside every item); a date
            // alone is the article's own, above its headline.
            let stamp = |j: usize| {
                page.facts
                    .get(j)
                    .is_some_and(|f| f.words <= TIMESTAMP_WORDS)
                    && super::byline::timestamp(live.text(j))
            };
            if stamp(k)
                && [k + 2, k + 3]
                    .into_iter()
                    .chain(k.checked_sub(2))
                    .chain(k.checked_sub(3))
                    .any(stamp)
            {
                continue;
            }
            if fact.heading
                || (fact.sentence && fact.ends_sentence)
                || heads_text
                || text::ends_colon(line)
                || super::byline::is_byline_or_dateline(line, usize::from(fact.words))
            {
                listed = 0;
                continue;
            }
            under_related[k] = fact.words >= RELATED_WORDS;
            listed -= 1;
        }
        let mut copy_adjacent = vec![false; n];
        let mut copy_of_body = vec![false; n];
        let mut copied = vec![false; n];
        let in_body = |k: usize| page.body.0 <= k && k <= page.body.1;
        for group in groups {
            // A group is in line order: the nearest copies are its
            // neighbours in it. Counted once per group, so a group of
            // thousands of copies costs no more than its length.
            let in_body_count = group.iter().filter(|&&m| in_body(m)).count();
            for (i, &k) in group.iter().enumerate() {
                let near = |m: Option<&usize>| m.is_some_and(|&m| m.abs_diff(k) <= 2);
                copy_adjacent[k] =
                    near(i.checked_sub(1).and_then(|j| group.get(j))) || near(group.get(i + 1));
                copy_of_body[k] = !in_body(k) && in_body_count > 0;
                copied[k] = true;
            }
        }
        Context {
            menu: menu(live, page),
            block_phrase,
            block_residue,
            announced_run,
            under_related,
            copy_adjacent,
            copy_of_body,
            copied,
            vocabulary: std::cell::OnceCell::new(),
        }
    }
}

/// For each line of `page`: whether it stands in a menu, outside the
/// article's core: a run of [`MENU_RUN`] or more short labels
/// ([`MENU_WORDS`] words at most, no sentence, a [`label`]), counting the
/// lines a rule removed between them, of which [`MENU_RESIDUE`] or more are
/// residue (a line a rule removed between them or right above the first, a
/// phrase, navigation words only), which does not stand between two
/// sentences on each side (a list of the text, whatever the core says: a
/// long list outweighs the paragraphs after it and splits the core), and
/// which nothing announces (a line ending in a colon right above it or
/// first in it, a heading of a list first in it). A line the score removed
/// ends a run, so that the score does not feed on its own decisions. Lines
/// removed right below a run do not count as its residue: a list of the
/// article often stands right above a share bar or a footer the rules
/// remove; a menu often begins with the label the lists know (`Home`).
fn menu(live: &Live<'_, '_>, page: &Page) -> Vec<bool> {
    let n = page.len();
    let mut menu = vec![false; n];
    let short = |k: usize| {
        page.facts[k].words <= MENU_WORDS && !page.facts[k].sentence && label(live.text(k))
    };
    let sentence = |m: usize| page.facts.get(m).is_some_and(|f| f.sentence);
    let (c0, c1) = page.core;
    let mut k = 0;
    while k < n {
        if !short(k) {
            k += 1;
            continue;
        }
        let start = k;
        let mut run = 1;
        let mut residue = usize::from(page.facts[k].is_residue()) + live.removed_before(k);
        k += 1;
        while k < n && short(k) && !live.scored_before(k) {
            run += 1 + live.removed_before(k);
            residue += live.removed_before(k) + usize::from(page.facts[k].is_residue());
            k += 1;
        }
        // A run with two sentences right above it and two right below it
        // is a list of the text, whatever the core says.
        let enclosed = start >= 2
            && sentence(start - 1)
            && sentence(start - 2)
            && sentence(k)
            && sentence(k + 1);
        // A run that a line ending in a colon or a heading of a list
        // (`Ingredients`) opens, or that follows a line ending in a colon,
        // is announced by the text: a list of it.
        let announced = page.facts[start].heading
            || text::ends_colon(live.text(start))
            || (start >= 1 && text::ends_colon(live.text(start - 1)));
        // Its rows are counted last: most runs are no menu before that.
        if run >= MENU_RUN
            && residue >= MENU_RESIDUE
            && !enclosed
            && !announced
            && !Rows::of((start..k).map(|m| (live.text(m), page.facts[m].words))).table(k - start)
        {
            for (m, flag) in menu.iter_mut().enumerate().take(k).skip(start) {
                *flag = m < c0 || m > c1;
            }
        }
    }
    menu
}

/// The lines of a run of short lines that start with a number, to tell a
/// table from a menu: a table's rows start with a number and hold another
/// (`1 Kenya 2:04:11`, `1 Bayern München 72 Punkte`), or their numbers do
/// not count up (a protocol's fields: `2 CARD16 sequence number`, `4
/// CARD32 bad resource id`); a ranked list of headlines counts up with
/// nothing else to number (`1 Storm batters northern coast`, `2 …`), and
/// a date under each headline is no row (`12 March 2024`).
struct Rows {
    /// Lines that start with a number and are no date.
    rows: usize,
    /// Rows with another number after their first word.
    more: usize,
    /// Whether every row's number is the one before it plus one.
    counts_up: bool,
    /// The number of the last row.
    last: Option<u64>,
}

impl Rows {
    /// The rows among `lines` (each line with its word count).
    fn of<'a>(lines: impl Iterator<Item = (&'a str, u8)>) -> Rows {
        let mut rows = Rows {
            rows: 0,
            more: 0,
            counts_up: true,
            last: None,
        };
        for (line, words) in lines {
            rows.add(line, words);
        }
        rows
    }

    /// Counts `line` (of `words` words) if it is a row.
    fn add(&mut self, line: &str, words: u8) {
        let line = line.trim_start();
        if !line.starts_with(|c: char| c.is_ascii_digit())
            || super::byline::is_byline_or_dateline(line, usize::from(words))
        {
            return;
        }
        let number = line
            .bytes()
            .take_while(u8::is_ascii_digit)
            .fold(0u64, |n, d| {
                n.saturating_mul(10).saturating_add(u64::from(d - b'0'))
            });
        self.counts_up &= self
            .last
            .is_none_or(|last| number == last.saturating_add(1));
        self.last = Some(number);
        self.rows += 1;
        let more = line
            .split_once(char::is_whitespace)
            .is_some_and(|(_, rest)| rest.bytes().any(|b| b.is_ascii_digit()));
        self.more += usize::from(more);
    }

    /// Whether a run of `lines` lines with these rows is a table: half its
    /// lines or more are rows, which hold another number or do not count
    /// up.
    fn table(&self, lines: usize) -> bool {
        2 * self.rows >= lines && (2 * self.more >= self.rows || !self.counts_up)
    }
}

/// Whether `line` can be a menu's label: it has a letter and none of the
/// characters of code and markup (`<`, `>`, `{`, `}`, `=`, `;`, a
/// backtick), so that a code block, an XML sample or a rule of dashes in a
/// document is no menu; nor is a file's path (a list of files in a
/// licence or a build log), nor a function's name and its parentheses (an
/// API reference's list of functions: [`text::call_shaped`]).
fn label(line: &str) -> bool {
    !line
        .bytes()
        .any(|b| matches!(b, b'<' | b'>' | b'{' | b'}' | b'=' | b';' | b'`'))
        && line.chars().any(char::is_alphabetic)
        && !text::path_like(line)
        && !text::call_shaped(line)
}

/// The signal values of line `k` but `body_words`, which is 0 until
/// [`add_body_words`] sets it (it needs the page's vocabulary: a long page's
/// every sentence read again).
pub(crate) fn values(live: &Live<'_, '_>, page: &Page, context: &Context, k: usize) -> Values {
    let line = live.text(k);
    let fact = &page.facts[k];
    let words = usize::from(fact.words);
    let n = page.len();
    let mut v = [0.0; COUNT];
    let mut set = |signal: Signal, value: f32| v[signal as usize] = value;
    let flag = |b: bool| if b { 1.0 } else { 0.0 };
    set(Signal::Bias, 1.0);
    set(
        Signal::WordsLog,
        ((1.0 + words as f32).ln() / 50f32.ln()).min(1.0),
    );
    set(Signal::EndPunct, flag(fact.ends_sentence));
    set(Signal::StopShare, fact.stop.share());
    set(Signal::TitleCase, flag(fact.title_case));
    set(
        Signal::Separator,
        flag(!fact.paragraph && text::has_separator(line)),
    );
    set(
        Signal::Glued,
        flag(text::glued(line) || (words <= 8 && !fact.ends_sentence && text::camel_glued(line))),
    );
    set(Signal::ColonEnd, flag(text::ends_colon(line)));
    set(Signal::ListMarker, flag(text::list_marker(line)));
    set(Signal::Counter, flag(text::counter(line, words)));
    set(
        Signal::LoneToken,
        flag(words <= 2 && text::lone_token(line)),
    );
    let foreign = words <= 25
        && !fact.sentence
        && stopwords::foreign_of(&fact.scripts, &fact.votes, page.lang, StopWords::shipped())
            .is_some();
    set(Signal::Foreign, flag(foreign));
    set(Signal::EdgeWords, flag(fact.edge_words()));
    set(
        Signal::BeforeFirstParagraph,
        flag(page.first_paragraph.is_some_and(|first| k < first)),
    );
    set(
        Signal::AfterLastParagraph,
        flag(page.last_paragraph.is_some_and(|last| k > last)),
    );
    let (from, to) = (k.saturating_sub(5), (k + 6).min(n));
    let neighbours = (to - from - 1).max(1);
    let around = page.sentences_in(from, to) - u32::from(fact.sentence);
    set(Signal::ParagraphDensity, around as f32 / neighbours as f32);
    set(
        Signal::NextParagraph,
        flag(k + 1 < n && page.facts[k + 1].sentence),
    );
    set(
        Signal::PreviousParagraph,
        flag(k > 0 && page.facts[k - 1].sentence),
    );
    set(Signal::BlockPhrase, flag(context.block_phrase[k]));
    set(Signal::BlockResidue, context.block_residue[k]);
    set(Signal::AnnouncedRun, flag(context.announced_run[k]));
    set(Signal::UnderRelated, flag(context.under_related[k]));
    set(Signal::CopyOfBodyOutside, flag(context.copy_of_body[k]));
    set(Signal::CopyAdjacent, flag(context.copy_adjacent[k]));
    set(Signal::DocSentenceShare, page.sentence_share);
    let (c0, c1) = page.core;
    let outside = k < c0 || k > c1;
    set(Signal::OutsideCore, flag(outside));
    let distance = if k < c0 { c0 - k } else { k.saturating_sub(c1) };
    set(
        Signal::DistanceCore,
        ((1.0 + distance as f32).ln() / 50f32.ln()).min(1.0),
    );
    set(Signal::ShortOutside, flag(outside && words <= 3));
    set(Signal::Copied, flag(context.copied[k]));
    set(Signal::EdgeShare, fact.edge_share());
    set(Signal::Menu, flag(context.menu[k]));
    v
}

/// Sets the `body_words` signal of line `k` in `values` (made by [`values`]
/// without it): the page's vocabulary is looked for on the first call.
pub(crate) fn add_body_words(
    values: &mut Values,
    live: &Live<'_, '_>,
    page: &Page,
    context: &Context,
    k: usize,
    buf: &mut String,
) {
    let vocabulary = context
        .vocabulary
        .get_or_init(|| Vocabulary::of(live, page));
    values[Signal::BodyWords as usize] = vocabulary.share(live, page, k, StopWords::shipped(), buf);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_label_has_a_letter_and_no_code_or_markup() {
        for line in [
            "Home",
            "Weather",
            "Über uns",
            "Новости",
            "新闻",
            "Comments (3)",
            "News | Sport",
        ] {
            assert!(label(line), "{line:?}");
        }
        for line in [
            "</edit>",
            "<string>foo</string>",
            "x = 1",
            "}",
            "int main() {",
            "return 0;",
            "`cargo test`",
            "2024",
            "----",
            "├──┼──┤",
            "",
        ] {
            assert!(!label(line), "{line:?}");
        }
    }

    #[test]
    fn the_menu_signal_says_its_run() {
        let said = Signal::Menu.describe();
        assert!(said.contains(&format!("run of {MENU_RUN} ")), "{said}");
    }
}
