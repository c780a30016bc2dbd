//! `duplicate-lines`: a copy of a line that is residue, not structure.
//!
//! Real text repeats: a refrain, the same command twice in a tutorial, the
//! headings of a table of contents again in the body, a credit under each
//! photo. A page repeats too: a caption printed above and below a picture, a
//! menu at the top and the bottom. A copy (20 bytes or more, compared on
//! letters and digits with case kept) goes only when it
//!
//! - immediately repeats the line before it (blank lines aside), but for
//!   an echo in a dialogue (`- I am lonely!` and then `I am lonely!`), or
//! - stands outside the article body (before its first or after its last
//!   paragraph) while another copy is inside the body, or while the copy
//!   before it is outside too, on the other side of the body or in a block
//!   (a line next to the copy repeats the line next to its twin: a menu
//!   printed twice; a log's record header next to it makes no block), or
//! - stands before the body and its twin is inside it;
//!
//! and, but for the first case, not when the line occurs five or more
//! times with code beside one of its first five (a sign of code in it or
//! in a line next to it: a template's, a member of every struct of a C
//! header; a shop's `Add to basket` under every product is no template),
//! nor when it is a log's record header (a mail address in brackets, a
//! commit's hash: `Author: Jane Doe <jane@example.org>`, a ChangeLog
//! entry's date and name, [`text::log_header`]);
//! and never when it is one of three or more lines in a row that each
//! repeat a later line, in order: a table of contents. A label of which two
//! or more copies stand inside the body is part of its structure (the
//! author of each entry of a changelog, a speaker in a transcript): only
//! its copies that repeat the line right before them go; so is a
//! signature under each of several texts (`-- Stephen Hawking` under each
//! quote). Any other line the
//! body repeats is not: an advertisement's marker and `Continue reading`
//! recur inside an article too. Copies are counted among the lines left in
//! each round, as a second run of the cleaner would count them.

use std::collections::HashMap;

use super::page::{same_content, tail_key, Page};
use super::stopwords::FnvBuild;
use super::text;
use super::Live;

/// The shortest line (in bytes) whose copies are removed.
pub(crate) const MIN_BYTES: u32 = 20;

/// How many times a line beside code must occur to be a template's (a
/// member of every struct of a C header), whose copies go only right
/// after their twins: fewer are a menu or a caption printed twice or
/// thrice, beside a code sample as anywhere.
const TEMPLATE_COPIES: usize = 5;

/// A removed copy: the line, and the line it copies (indices into the live
/// lines), and why.
pub(crate) struct Copy {
    pub(crate) line: usize,
    pub(crate) of: usize,
    pub(crate) adjacent: bool,
}

/// The copies of `page` that are residue, given the `groups` of lines with
/// the same content.
pub(crate) fn find(live: &Live<'_, '_>, page: &Page, groups: &[Vec<usize>]) -> Vec<Copy> {
    if groups.is_empty() {
        return Vec::new();
    }
    let toc = table_of_contents(page, groups);
    let long = |k: usize| page.facts[k].len >= MIN_BYTES;
    let previous = previous_copies(page.len(), groups);
    // Two copies on one side of the body (or on a page without one) are
    // residue when they come in a block: a line next to the copy repeats
    // the line next to its twin (a menu printed twice). A line that recurs
    // alone there is a text's own (an entry's author in a changelog).
    // A log's record header beside the copy (a commit's author) makes no
    // block: it recurs as the log's structure, and stays.
    let header = |m: usize| page.facts[m].log_header;
    let in_block = |before: usize, k: usize| {
        (before > 0 && previous[k - 1] == before - 1 && !header(k - 1))
            || previous
                .get(k + 1)
                .is_some_and(|&m| m == before + 1 && !header(k + 1))
    };
    let opposite_sides = |before: usize, k: usize| {
        matches!(
            (page.first_paragraph, page.last_paragraph),
            (Some(first), Some(last)) if before < first && k > last
        )
    };
    let mut out = Vec::new();
    let mut removed = vec![false; page.len()];
    for group in groups {
        // Counted once per group, so a group of thousands of copies costs
        // no more than its length.
        let inside: Vec<usize> = group.iter().copied().filter(|&m| page.inside(m)).collect();
        let any_inside = |except: usize| inside.len() > usize::from(page.inside(except));
        // A label the body itself repeats is part of its structure (the
        // author of each entry of a changelog, a speaker's name in a
        // transcript): its copies outside the body are too. Not any line
        // the body repeats: an advertisement's marker, `Continue reading`
        // or a newsletter's prompt recur inside an article as well.
        let structure = inside.len() >= 2
            && !page.facts[group[0]].is_residue()
            && (labels_what_follows(live.text(group[0]))
                || signs_what_precedes(live.text(group[0])));
        // A line that recurs as a text's structure keeps its copies but
        // those right after their twins: a template's, one that recurs
        // many times among code (a member of every struct of a header; a
        // listing's `Add to basket` under every product has no code beside
        // it), and a log's record header (a commit's author, a ChangeLog
        // entry's date and name; any copy in brackets tells, copies being
        // compared on their letters and digits). Asked only of a copy that
        // would go otherwise, once a group; a template's first copies are
        // enough to tell (a group of thousands of copies, a text repeated
        // in a corpus file, costs no more).
        let is_structural = std::cell::OnceCell::new();
        let structural = || {
            *is_structural.get_or_init(|| {
                let template = group.len() >= TEMPLATE_COPIES
                    && group.iter().take(TEMPLATE_COPIES).any(|&k| {
                        (k.saturating_sub(1)..=k + 1)
                            .filter(|&m| m < page.len())
                            .any(|m| text::code_signs(live.text(m)))
                    });
                template || group.iter().any(|&m| header(m))
            })
        };
        for (i, &k) in group.iter().enumerate().skip(1) {
            let before = group[i - 1];
            // Right after its twin, unless it echoes a line of dialogue
            // (`- I am lonely!` and then `I am lonely!`). A headline or a
            // caption printed twice with another apostrophe, dash or
            // spacing is still a copy.
            let adjacent = k - before == 1 && !echo(live.text(before), live.text(k));
            let outside = !structure
                && !page.inside(k)
                && !toc[k]
                && (any_inside(k)
                    || (!page.inside(before)
                        && (opposite_sides(before, k) || in_block(before, k))))
                && !structural();
            if long(k)
                && (adjacent || outside)
                && !text::code_line(live.text(k))
                && !page.in_session(k)
            {
                out.push(Copy {
                    line: k,
                    of: before,
                    adjacent,
                });
                removed[k] = true;
            }
        }
        // A copy before the body of a line inside it (a caption or a
        // headline printed above the article and again in it), while that
        // line stays: a twin inside the body that went as a copy right
        // after this one leaves it the only copy, which stays.
        // (Found once a group: the lines removed below are all before the
        // body, none of them inside it.)
        let kept_inside = inside.iter().copied().find(|&m| !removed[m]);
        if let (Some(first), Some(of)) = (page.first_paragraph, kept_inside) {
            for &k in group {
                if long(k)
                    && k < first
                    && !removed[k]
                    && !toc[k]
                    && !structure
                    && !text::code_line(live.text(k))
                    && !page.in_session(k)
                    && !structural()
                {
                    out.push(Copy {
                        line: k,
                        of,
                        adjacent: false,
                    });
                    removed[k] = true;
                }
            }
        }
    }
    out.sort_by_key(|copy| copy.line);
    out
}

/// The groups of two or more live lines with the same letters and digits,
/// each in order. `tails` holds the [`tail_key`] of each entry of the
/// lines once computed (0 before), kept across rounds: what a line's
/// letters and digits are does not change when other lines go.
pub(crate) fn groups(live: &Live<'_, '_>, page: &Page, tails: &mut [u64]) -> Vec<Vec<usize>> {
    // The first line of each key (its first letters and digits), and the
    // next lines of the same key whose content differs from it (lines
    // that only begin alike), up to `OTHERS_PER_KEY`, each with its tail
    // key.
    let mut by_key: HashMap<u64, usize, FnvBuild> = HashMap::default();
    let mut others: HashMap<u64, Vec<(usize, u64)>, FnvBuild> = HashMap::default();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut group_of = vec![u32::MAX; page.len()];
    // Two lines of one key are told apart first by the key of their last
    // letters and digits (computed once per line, when it first meets
    // another line of its key): lines of one template, or paragraphs that
    // begin with the same sentence, mostly end differently, and the keys
    // sit side by side in memory while the lines do not. Lines whose tails
    // agree are compared whole.
    let mut tail = |k: usize| {
        let entry = live.entry(k);
        if tails[entry] == 0 {
            tails[entry] = tail_key(live.text(k));
        }
        tails[entry]
    };
    for k in 0..page.len() {
        let key = page.facts[k].key;
        if key == 0 {
            continue;
        }
        let Some(&first) = by_key.get(&key) else {
            by_key.insert(key, k);
            continue;
        };
        let tail_k = tail(k);
        let same =
            |m: usize, tail_m: u64| tail_m == tail_k && same_content(live.text(m), live.text(k));
        let original = if same(first, tail(first)) {
            Some(first)
        } else {
            let list = others.entry(key).or_default();
            let found = list
                .iter()
                .find(|&&(m, tail_m)| same(m, tail_m))
                .map(|&(m, _)| m);
            if found.is_none() && list.len() < OTHERS_PER_KEY {
                list.push((k, tail_k));
            }
            found
        };
        let Some(original) = original else {
            continue;
        };
        match group_of[original] {
            u32::MAX => {
                group_of[original] = groups.len() as u32;
                groups.push(vec![original, k]);
            }
            g => groups[g as usize].push(k),
        }
    }
    groups
}

/// Whether `copy`, right after `line`, echoes it in a dialogue: one of the
/// two begins with a dialogue dash and a space and the other does not,
/// they have the same words besides, and they end in an exclamation or a
/// question (`- tôi cô đơn lắm !` and then `tôi cô đơn lắm !`, the Little
/// Prince's echo). A headline or a list item has no such ending.
fn echo(line: &str, copy: &str) -> bool {
    fn said(text: &str) -> Option<&str> {
        text.trim()
            .strip_prefix(['-', '–', '—', '―'])
            .filter(|rest| rest.starts_with(char::is_whitespace))
    }
    let asks_or_cries = |text: &str| text.trim_end().ends_with(['!', '?', '！', '？', '…']);
    let (line_said, copy_said) = (said(line), said(copy));
    let (spoken, echoed) = match (line_said, copy_said) {
        (Some(spoken), None) => (spoken, copy),
        (None, Some(echoed)) => (line, echoed),
        _ => return false,
    };
    asks_or_cries(copy) && spoken.split_whitespace().eq(echoed.split_whitespace())
}

/// Whether `text` is shaped as a label of a text's own structure: an item
/// of a changelog's list (`* New upstream release`, `- Fix the build`, not
/// a marker framed in dashes), a line ending in a colon (`Quote from
/// ellie:`), or one to three words and a colon first (`Author: …`,
/// `Signed-off-by: …`, `MARIA LINDQVIST: …`).
fn labels_what_follows(text: &str) -> bool {
    let text = text.trim();
    if text.starts_with(['*', '-']) && text[1..].starts_with(' ') {
        return !text.ends_with(['*', '-', '–', '—']);
    }
    if text::ends_colon(text) {
        return true;
    }
    let Some((colon, sign)) = text.char_indices().find(|&(_, c)| c == ':' || c == '：') else {
        return false;
    };
    let head = &text[..colon];
    let spaced = sign == '：' || text[colon + 1..].starts_with(' ');
    let words = head.split_whitespace().count();
    spaced && (1..=3).contains(&words) && !head.contains(['.', '!', '?', ','])
}

/// Whether `text` is shaped as the signature of the text above it: a dash
/// (`--` and a space, `—`, `–`, `―`), then a name or a source of twelve
/// words at most that does not close the dash (`-- Stephen Hawking`,
/// `— Евгений Кащеев`, `—Albert Einstein`, not `— Advertisement —`): the
/// author under each quote of a collection, each poem of an anthology.
fn signs_what_precedes(text: &str) -> bool {
    let text = text.trim();
    // A typographic dash may touch the name (`—Albert Einstein`); two
    // hyphens need the space (`--help` is an option).
    let Some(rest) = ["-- ", "—", "–", "―"]
        .iter()
        .find_map(|dash| text.strip_prefix(dash))
    else {
        return false;
    };
    let rest = rest.trim_start();
    rest.starts_with(char::is_alphabetic)
        && !rest.ends_with(['-', '–', '—', '―'])
        && rest.split_whitespace().count() <= 12
}

/// The copy before each line in its group (`usize::MAX` for the first
/// copy and for a line without copies).
fn previous_copies(n: usize, groups: &[Vec<usize>]) -> Vec<usize> {
    let mut previous = vec![usize::MAX; n];
    for group in groups {
        for pair in group.windows(2) {
            previous[pair[1]] = pair[0];
        }
    }
    previous
}

/// How many lines that begin alike but differ one key tells apart; copies
/// of lines beyond them are not looked for (a page of thousands of lines
/// sharing their first 64 letters, not a page with copies in it).
const OTHERS_PER_KEY: usize = 8;

/// The lines that belong to a table of contents: runs of three or more
/// non-paragraph lines in a row, each of which repeats a later line, the
/// later copies in increasing order.
fn table_of_contents(page: &Page, groups: &[Vec<usize>]) -> Vec<bool> {
    let n = page.len();
    // The next copy after each line, if it has one.
    let mut next = vec![usize::MAX; n];
    for group in groups {
        for pair in group.windows(2) {
            next[pair[0]] = pair[1];
        }
    }
    let mut toc = vec![false; n];
    let mut k = 0;
    while k < n {
        let mut j = k;
        let mut previous = 0;
        while j < n && next[j] != usize::MAX && !page.facts[j].paragraph && next[j] > previous {
            previous = next[j];
            j += 1;
        }
        if j - k >= 3 {
            toc[k..j].iter_mut().for_each(|t| *t = true);
        }
        k = j.max(k + 1);
    }
    toc
}

#[cfg(test)]
mod tests {
    use super::{labels_what_follows, signs_what_precedes};

    #[test]
    fn labels_of_a_texts_structure_are_told_from_markers_and_sentences() {
        for label in [
            "Author: Ingrid Solberg <ingrid@example.org>",
            "Signed-off-by: Tomasz Wrona <tomasz@example.org>",
            "MARIA LINDQVIST: We had no choice.",
            "Quote from user greenthumb_ellie:",
            "* New upstream release",
            "- Fix the build on big-endian machines",
            "記者：王小明",
        ] {
            assert!(labels_what_follows(label), "{label}");
        }
        for other in [
            "ADVERTISEMENT - SCROLL TO CONTINUE",
            "- Advertisement -",
            "Continue reading the main story",
            "https://example.org/news/2024/storm",
            "The meeting starts at 10:30 tomorrow",
            "In the end, the mayor said: no more delays",
            "*Sponsored content*",
        ] {
            assert!(!labels_what_follows(other), "{other}");
        }
    }

    #[test]
    fn signatures_are_told_from_markers_framed_in_dashes() {
        for signature in [
            "-- Stephen Hawking. (1942-2018). Físico teórico y cosmólogo",
            "\t\t-- Евгений Кащеев",
            "— Mark Twain, The Innocents Abroad",
            "― 魯迅",
            "—Albert Einstein, physicist",
        ] {
            assert!(signs_what_precedes(signature), "{signature}");
        }
        for other in [
            "— Advertisement —",
            "-- Story continues below --",
            "--help prints this list",
            "— 2024",
            "— and then, after a long pause that nobody in the room dared to break, he finally turned around and left",
            "Mark Twain",
        ] {
            assert!(!signs_what_precedes(other), "{other}");
        }
    }
}
