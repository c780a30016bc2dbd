//! `between-residue`: a short label that stands between two lines of page
//! residue is residue too. A share bar or a menu whose other labels the
//! lists know (`Share`, `Tweet`, `Email`; `Skip to content`, `News`) keeps
//! the one they do not (`LinkedIn` among the buttons, `Transportation`
//! among the sections, `Open in the app` between two prompts); with the
//! lines above and below it gone, it is what remains of the bar.
//!
//! Only the residue rules count as its neighbours: `boilerplate` (a phrase)
//! and `edge-residue` (navigation words at the article's edges); not a copy
//! (`duplicate-lines`: a caption printed twice is the article's), not a
//! headline in another language, not a line the score removed (the score
//! would feed on its own decisions). And only a line that reads as a
//! label: six words at most, no sentence punctuation, not ending in a
//! colon (it announces what follows), no heading of a list of the article
//! (`Ingredients`), no byline, credit or dateline (`By Jane Doe`,
//! `Photo: Reuters`, `July 29, 2016`), which stand among share buttons
//! and are the article's.

use super::byline;
use super::page::Page;
use super::Live;
use crate::Step;

/// The most words a label between two residue lines has.
const MAX_WORDS: u8 = 6;

/// Why live line `k` of `page` is residue, standing between two lines that
/// `removed` (by entry of the page's lines) says one residue rule took;
/// `None` when it is not a label, when a neighbour stays or was removed
/// otherwise, when the two were removed by different rules (or, before the
/// article's first paragraph, by another rule than `edge-residue`), when it
/// stands where the article's title does (right above the first
/// paragraph, but for bylines and datelines) or where a heading of its
/// sections does (a paragraph right above and right below).
pub(crate) fn residue(
    live: &Live<'_, '_>,
    page: &Page,
    k: usize,
    removed: &[Option<Step>],
) -> Option<String> {
    let text = live.text(k);
    let fact = &page.facts[k];
    let first_paragraph = page.first_paragraph;
    let label = fact.words >= 1
        && fact.words <= MAX_WORDS
        && !fact.paragraph
        && !fact.ends_sentence
        && !fact.heading
        && !text.trim_end().ends_with([':', '：'])
        && !byline::is_byline_or_dateline(text, usize::from(fact.words));
    if !label {
        return None;
    }
    let residue_rule = |step: Option<(usize, Step)>| {
        step.filter(|&(_, step)| matches!(step, Step::Boilerplate | Step::EdgeResidue))
    };
    let (above, above_step) = residue_rule(live.removed_beside(k, false, removed))?;
    let (below, below_step) = residue_rule(live.removed_beside(k, true, removed))?;
    // Both lines residue of one kind: the line stands inside one menu
    // (navigation words on both sides) or one bar of phrases; a line between
    // a menu and a share bar is where a headline stands. Before the article
    // only inside a menu of navigation words (the edge rule's on both
    // sides): a headline also stands between two of a share bar's phrases.
    let before_article = first_paragraph.is_some_and(|first| k < first);
    if above_step != below_step
        || before_article && above_step != Step::EdgeResidue
        || heads_the_article(live, k, first_paragraph, removed)
        || heads_a_section(page, k)
    {
        return None;
    }
    Some(format!(
        "a label between two lines of page residue (lines {above} and {below}, {above_step})"
    ))
}

/// Whether live line `k` of `page` stands where a heading of the article's
/// sections does: a paragraph is the line that stays right above it and
/// the one right below it (an advertisement's label on each side of a
/// heading, `Advertisement`, leaves the heading between two residue lines).
fn heads_a_section(page: &Page, k: usize) -> bool {
    let paragraph = |j: Option<usize>| {
        j.and_then(|j| page.facts.get(j))
            .is_some_and(|f| f.paragraph)
    };
    paragraph(k.checked_sub(1)) && paragraph(Some(k + 1))
}

/// Whether live line `k` stands where the article's title does: the last
/// line before its first paragraph (`first_paragraph`, a live index), with
/// nothing but bylines, datelines and lines `removed` took (in this round
/// too) between them.
fn heads_the_article(
    live: &Live<'_, '_>,
    k: usize,
    first_paragraph: Option<usize>,
    removed: &[Option<Step>],
) -> bool {
    first_paragraph.is_some_and(|first| {
        k < first
            && (k + 1..first).all(|j| {
                let text = live.text(j);
                removed[live.entry(j)].is_some()
                    || byline::is_byline_or_dateline(text, super::text::words(text))
            })
    })
}
