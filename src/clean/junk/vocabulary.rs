//! The page's vocabulary: the words its sentences use, and how much of a
//! line's own words are among them (the `body_words` signal).
//!
//! Residue speaks of the site (`Login`, `Newsletter`, another article's
//! headline); a short line of the article speaks of its subject: a heading
//! names what the next paragraphs discuss, an infobox row (`Capital`,
//! `Wellington`) what the article says in full, a caption who is in the
//! picture. Words of three characters or more count, lowercased; stop words
//! and numbers are not looked up. In scripts written without spaces
//! (Chinese, Japanese, Thai, Lao, Myanmar, Khmer) every two letters in a row
//! make a word (`北京`, `京新`, …).

use std::collections::HashMap;

use super::page::Page;
use super::stopwords::{fnv, MulBuild, StopWords, FNV_START};
use super::text::{
    ascii_alnum, ascii_block, ascii_masks, ascii_prefix, is_cjk, is_general_punctuation,
    is_unspaced, load8, packed_lower, LETTER,
};
use super::Live;
use crate::unicode::class::{ALPHABETIC, LOWERS, NUMERIC};
use crate::unicode::table;

/// How many words of each sentence the vocabulary takes.
const SENTENCE_WORDS: usize = 64;

/// How many words of a line are looked up.
const LINE_WORDS: usize = 16;

/// The fewest characters a word has.
const MIN_CHARS: usize = 3;

/// Which words of the page's other lines its sentences use. Built the
/// other way round, for speed: the few words of the lines that are not
/// sentences are collected first (numbers aside: they are never asked
/// about), then the sentences are read once to mark the ones
/// they use (a bitmap of hash bits turns most words away before the map is
/// asked, and a word's bit is cleared once no word still missing sets it);
/// ASCII words are found 64 bytes at a time on a mask of letters and
/// digits.
pub(crate) struct Vocabulary {
    /// Each looked-up word (its hash), and whether a sentence uses it.
    used: HashMap<u64, bool, MulBuild>,
}

/// The most bits of the prefilter: 16 a word looked for, a power of two
/// from 64 up to this.
const FILTER_BITS: usize = 1 << 14;

/// The hash bits of the words still missing from the sentences: most
/// words of a sentence are turned away on one bit before the map is asked,
/// and a bit is cleared once no missing word sets it. Sized by the words
/// looked for, so that a short document does not clear a large one.
struct Prefilter {
    bits: Vec<u64>,
    /// How many missing words set each bit.
    pending: Vec<u32>,
}

impl Prefilter {
    /// The prefilter of the words `hashes`.
    fn new(hashes: impl ExactSizeIterator<Item = u64>) -> Prefilter {
        let len = (hashes.len() * 16)
            .next_power_of_two()
            .clamp(64, FILTER_BITS);
        let mut filter = Prefilter {
            bits: vec![0; len / 64],
            pending: vec![0; len],
        };
        for hash in hashes {
            let index = filter.index(hash);
            filter.bits[index / 64] |= 1 << (index % 64);
            filter.pending[index] += 1;
        }
        filter
    }

    /// The bit of `hash` (the filter's length is a power of two).
    fn index(&self, hash: u64) -> usize {
        (hash >> 40) as usize & (self.pending.len() - 1)
    }

    /// Whether a missing word may have the hash `hash`.
    fn may_hold(&self, hash: u64) -> bool {
        let index = self.index(hash);
        self.bits[index / 64] & (1 << (index % 64)) != 0
    }

    /// The word `hash` was found.
    fn found(&mut self, hash: u64) {
        let index = self.index(hash);
        self.pending[index] -= 1;
        if self.pending[index] == 0 {
            self.bits[index / 64] &= !(1 << (index % 64));
        }
    }
}

/// Marks the word `hash` used, if it is looked up and was not yet; kept
/// out of line so that the map's hashing is done only for the few words
/// the prefilter lets through.
#[inline(never)]
fn mark_used(used: &mut HashMap<u64, bool, MulBuild>, hash: u64) -> bool {
    match used.get_mut(&hash) {
        Some(found) if !*found => {
            *found = true;
            true
        }
        _ => false,
    }
}

impl Vocabulary {
    /// What the sentences of `page` use of the words of its other lines.
    pub(crate) fn of(live: &Live<'_, '_>, page: &Page) -> Vocabulary {
        let mut used: HashMap<u64, bool, MulBuild> = HashMap::default();
        for k in (0..page.len()).filter(|&k| !page.facts[k].sentence) {
            let line = live.text(k);
            for_words(line, LINE_WORDS, |word| {
                // Numbers are never asked about. Stop words are (asking the
                // lists here costs more, on text beyond ASCII, than the
                // sentences' stop words cost the prefilter, whose bit for
                // a word clears once it is found).
                if !word.digits {
                    used.insert(word.hash, false);
                }
            });
        }
        let mut missing = used.len();
        if missing == 0 {
            return Vocabulary { used };
        }
        let mut filter = Prefilter::new(used.keys().copied());
        for k in (0..page.len()).filter(|&k| page.facts[k].sentence) {
            if missing == 0 {
                break;
            }
            for_words(live.text(k), SENTENCE_WORDS, |word| {
                if filter.may_hold(word.hash) && mark_used(&mut used, word.hash) {
                    missing -= 1;
                    filter.found(word.hash);
                }
            });
        }
        Vocabulary { used }
    }

    /// The share of the words of line `k` (stop words and numbers aside)
    /// that the page's sentences use; 0 when it has none to look up.
    pub(crate) fn share(
        &self,
        live: &Live<'_, '_>,
        page: &Page,
        k: usize,
        stop: &StopWords,
        buf: &mut String,
    ) -> f32 {
        let line = live.text(k);
        // A sentence uses its own first words.
        let sentence = page.facts[k].sentence;
        let (mut looked, mut found) = (0u32, 0u32);
        for_words(line, LINE_WORDS, |word| {
            if word.digits || stop_word(&line[word.start..word.end], stop, buf) {
                return;
            }
            looked += 1;
            found += u32::from(sentence || self.used.get(&word.hash) == Some(&true));
        });
        if looked == 0 {
            // Nothing to look up: a sentence shows no sign of residue;
            // digits, symbols and stop words alone do.
            if sentence {
                1.0
            } else {
                0.0
            }
        } else {
            found as f32 / looked as f32
        }
    }
}

/// Whether `word` is a stop word of any language rinse has a list for.
fn stop_word(word: &str, stop: &StopWords, buf: &mut String) -> bool {
    if word.is_ascii() {
        return stop.mask_ascii(word.as_bytes()) != 0;
    }
    buf.clear();
    for c in word.chars() {
        table::push_lowercase(c, buf);
    }
    stop.mask(buf) != 0
}

/// One word of a line.
struct Word {
    /// A hash of its lowercase letters and digits (ASCII runs eight bytes
    /// at a time, other letters a byte at a time), finished by [`finish`].
    hash: u64,
    /// Its first byte in the line.
    start: usize,
    /// The byte after its last.
    end: usize,
    /// Made of digits only.
    digits: bool,
}

/// Calls `each` with the first `limit` words of `text` of [`MIN_CHARS`]
/// characters or more: runs of letters and digits, Chinese and Japanese
/// characters aside.
fn for_words(text: &str, limit: usize, each: impl FnMut(Word)) {
    read_words::<true>(text, limit, each);
}

/// [`for_words`], with (`FAST`) or without the fast path that
/// takes the ASCII words of up to 64 bytes at once (the tests check that
/// both read the same words).
fn read_words<const FAST: bool>(text: &str, limit: usize, mut each: impl FnMut(Word)) {
    let bytes = text.as_bytes();
    let mut seen = 0;
    let mut at = 0;
    // The word being read: its start, characters, hash, digits only.
    let mut start = 0;
    let mut chars = 0;
    let mut hash = FNV_START;
    let mut digits = true;
    // Where the letter before starts, when it is of a script written
    // without spaces: such letters make words in pairs.
    let mut unspaced: Option<usize> = None;
    while at < bytes.len() {
        let b = bytes[at];
        if FAST
            && chars == 0
            && b.is_ascii()
            && bytes.get(at + 1).is_none_or(u8::is_ascii)
            && ascii_block(bytes, at).is_some()
        {
            // Between words, at eight ASCII bytes (not at a space between
            // words of another script): the words of the ASCII bytes ahead
            // (up to 64), found on a mask of the letters and digits, those
            // that surely end there (an ASCII byte or the end of the line
            // after them) read whole.
            let (alnum, other) = ascii_masks(bytes, at);
            let ascii = (other.trailing_zeros() as usize).min(bytes.len() - at);
            let to_end = at + ascii == bytes.len();
            let mut left = if ascii == 64 {
                alnum
            } else {
                alnum & ((1 << ascii) - 1)
            };
            let mut next = at + ascii;
            while left != 0 {
                let first = left.trailing_zeros() as usize;
                let end = first + (!(left >> first)).trailing_zeros() as usize;
                if end == ascii && !to_end {
                    // It may go on past the bytes looked at.
                    next = at + first;
                    break;
                }
                left = if end == 64 {
                    0
                } else {
                    left & !((1 << end) - 1)
                };
                if end - first >= MIN_CHARS {
                    let (hash, letters) = ascii_word(bytes, at + first, at + end);
                    each(Word {
                        hash: finish(hash),
                        start: at + first,
                        end: at + end,
                        digits: !letters,
                    });
                    seen += 1;
                    if seen == limit {
                        return;
                    }
                }
            }
            if next > at {
                unspaced = None;
                at = next;
                continue;
            }
            // A word that may go on from here: read as below.
        }
        if b.is_ascii_alphanumeric() {
            // An ASCII run, the bulk of most text: found and hashed eight
            // bytes at a time.
            unspaced = None;
            if chars == 0 {
                start = at;
                hash = FNV_START;
                digits = true;
            }
            let (end, run_hash, letters) = ascii_run(bytes, at, hash);
            hash = run_hash;
            digits &= !letters;
            chars += end - at;
            at = end;
            continue;
        }
        // Past ASCII letters and digits: a character that ends a word, a
        // letter or digit of another alphabet, or one of a script written
        // without spaces.
        let (len, letter, unspaced_letter) = if b.is_ascii() {
            (1, None, false)
        } else {
            // One look at the table tells a letter or digit and whether
            // it has a lowercase; the scripts without spaces start at
            // U+0E00, beyond every two-byte character.
            match text[at..].chars().next() {
                Some(c) if is_general_punctuation(c) => (c.len_utf8(), None, false),
                Some(c) if c >= '\u{e00}' && (is_cjk(c) || is_unspaced(c)) => {
                    (c.len_utf8(), None, true)
                }
                Some(c) => {
                    let entry = table::entry(c);
                    // A letter or digit, and whether it has a lowercase.
                    let letter =
                        (entry & (ALPHABETIC | NUMERIC) != 0).then_some((c, entry & LOWERS != 0));
                    (c.len_utf8(), letter, false)
                }
                None => break,
            }
        };
        if let Some((c, lowers)) = letter {
            unspaced = None;
            if chars == 0 {
                start = at;
                hash = FNV_START;
            }
            chars += 1;
            digits = false;
            if lowers {
                let mut utf8 = [0u8; 4];
                for lower in c.to_lowercase() {
                    for &byte in lower.encode_utf8(&mut utf8).as_bytes() {
                        hash = fnv(hash, byte);
                    }
                }
            } else {
                hash = bytes[at..at + len]
                    .iter()
                    .fold(hash, |hash, &b| fnv(hash, b));
            }
            at += len;
            continue;
        }
        if chars > 0 {
            if chars >= MIN_CHARS {
                each(Word {
                    hash: finish(hash),
                    start,
                    end: at,
                    digits,
                });
                seen += 1;
                if seen == limit {
                    return;
                }
            }
            chars = 0;
        }
        if unspaced_letter {
            // A letter of Chinese, Japanese, Thai, …: a word with the one
            // before it, if that one is of such a script too.
            if let Some(from) = unspaced {
                let pair = &text[from..at + len];
                each(Word {
                    hash: finish(pair.bytes().fold(FNV_START, fnv)),
                    start: from,
                    end: at + len,
                    digits: false,
                });
                seen += 1;
                if seen == limit {
                    return;
                }
            }
            unspaced = Some(at);
        } else {
            unspaced = None;
        }
        at += len;
    }
    if chars >= MIN_CHARS {
        each(Word {
            hash: finish(hash),
            start,
            end: bytes.len(),
            digits,
        });
    }
}

/// The hash of the ASCII word `start..end` (letters and digits only, its
/// end known) and whether it has a letter: what [`ascii_run`] gives for it
/// from [`FNV_START`], without looking for its end.
fn ascii_word(bytes: &[u8], mut start: usize, end: usize) -> (u64, bool) {
    let mut hash = FNV_START;
    let mut letters = 0;
    while start < end {
        let n = (end - start).min(8);
        let lowered = packed_lower(load8(bytes, start), n);
        letters |= lowered & LETTER;
        hash = mix(hash, lowered);
        start += n;
    }
    (hash, letters != 0)
}

/// `hash` with a block of up to eight lowercased bytes mixed in.
fn mix(hash: u64, lowered: u64) -> u64 {
    (hash.rotate_left(23) ^ lowered).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// The run of ASCII letters and digits at `at` (which starts one), eight
/// bytes at a time: where it ends, `hash` with its bytes lowercased mixed
/// in, and whether it has a letter.
fn ascii_run(bytes: &[u8], mut at: usize, mut hash: u64) -> (usize, u64, bool) {
    let mut letters = 0;
    loop {
        let v = load8(bytes, at);
        let n = ascii_prefix(ascii_alnum(v));
        if n == 0 {
            break;
        }
        let lowered = packed_lower(v, n);
        letters |= lowered & LETTER;
        hash = mix(hash, lowered);
        at += n;
        if n < 8 {
            break;
        }
    }
    (at, hash, letters != 0)
}

/// Mixes the bits of a word's hash so that every bit depends on all of
/// its input: the blocks are mixed in with one multiplication each, which
/// leaves words with related blocks related, and the prefilter reads 6 to
/// 14 bits of the result ([`Prefilter`]).
fn finish(hash: u64) -> u64 {
    let hash = (hash ^ (hash >> 32)).wrapping_mul(0xD6E8_FEB8_6659_FD93);
    hash ^ (hash >> 32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<(String, bool)> {
        let mut out = Vec::new();
        for_words(text, 100, |w| {
            out.push((text[w.start..w.end].to_owned(), w.digits))
        });
        out
    }

    fn hashes(text: &str) -> Vec<u64> {
        let mut out = Vec::new();
        for_words(text, 100, |w| out.push(w.hash));
        out
    }

    #[test]
    fn words_are_runs_of_three_letters_or_digits_or_more() {
        assert_eq!(
            words("The 2018 census: Māori, 70.2% of NZ — Ōtautahi's"),
            [
                ("The".to_owned(), false),
                ("2018".to_owned(), true),
                ("census".to_owned(), false),
                ("Māori".to_owned(), false),
                ("Ōtautahi".to_owned(), false),
            ]
        );
        // Chinese, Japanese and Thai letters make words in pairs; Korean
        // has spaces.
        let pairs = |text: &str| -> Vec<String> {
            text.chars()
                .collect::<Vec<_>>()
                .windows(2)
                .map(|w| w.iter().collect())
                .collect()
        };
        let mut expected: Vec<(String, bool)> =
            pairs("北京新开").into_iter().map(|w| (w, false)).collect();
        expected.extend(pairs("ตำรวจ").into_iter().map(|w| (w, false)));
        expected.push(("도서관에서".to_owned(), false));
        assert_eq!(words("北京新开 ตำรวจ 서울 도서관에서"), expected);
    }

    #[test]
    fn words_are_compared_lowercase() {
        assert_eq!(
            hashes("WELLINGTON Wellington wellington"),
            vec![hashes("wellington")[0]; 3]
        );
        assert_eq!(hashes("ÉCOLE"), hashes("école"));
        assert_ne!(hashes("école"), hashes("ecole"));
    }

    #[test]
    fn long_words_are_read_a_block_at_a_time_like_short_ones() {
        // Digits only across two blocks; a letter in the second block.
        assert_eq!(
            words("123456789 12345678a"),
            [
                ("123456789".to_owned(), true),
                ("12345678a".to_owned(), false)
            ]
        );
        assert_eq!(
            hashes("INTERNATIONALISATION Internationalisation"),
            vec![hashes("internationalisation")[0]; 2]
        );
        // A word of exactly eight bytes, and one that goes on past them
        // with a letter beyond ASCII.
        assert_eq!(hashes("POLITICS"), hashes("politics"));
        assert_ne!(hashes("politics"), hashes("politica"));
        assert_eq!(hashes("ÜBERMÄSSIGKEIT"), hashes("übermässigkeit"));
    }

    /// Every word `read_words` finds, with and without the fast path.
    fn both_ways(text: &str, limit: usize) -> [Vec<(u64, usize, usize, bool)>; 2] {
        let mut fast = Vec::new();
        read_words::<true>(text, limit, |w| {
            fast.push((w.hash, w.start, w.end, w.digits))
        });
        let mut slow = Vec::new();
        read_words::<false>(text, limit, |w| {
            slow.push((w.hash, w.start, w.end, w.digits))
        });
        [fast, slow]
    }

    #[test]
    fn the_fast_path_reads_the_words_the_slow_one_does() {
        // Words that end at the 64-byte window, at a letter beyond ASCII,
        // at the end of the line; digits; runs longer than the window.
        let long = "x".repeat(70);
        let cases = [
            "The 2018 census: Māori, 70.2% of NZ — Ōtautahi's".to_owned(),
            format!("{} endsonthewindowedge and more", "a ".repeat(26)),
            format!("{}Māori", "word ".repeat(12)),
            format!("{long} {long}1 tail"),
            "北京abc新开 ตำรวจxyz 서울 12345678 123456789 abcdefgh".to_owned(),
            "“Quoted”—dash…ellipsis ‘single’ naïve café".to_owned(),
        ];
        for text in &cases {
            for limit in [1, 3, 16, 64, 1000] {
                let [fast, slow] = both_ways(text, limit);
                assert_eq!(fast, slow, "{text:?} limit {limit}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn the_fast_path_agrees_on_any_text(
            text in "([a-zA-Z0-9]{0,12}[ ,.\\-]{0,3}(é|ß|—|北|ต|Ω|\u{300})?){0,40}",
            limit in 1usize..80,
        ) {
            let [fast, slow] = both_ways(&text, limit);
            proptest::prop_assert_eq!(fast, slow);
        }
    }

    #[test]
    fn a_prefilter_bit_clears_once_every_word_that_sets_it_is_found() {
        // Two words on one bit (the filter of two words has 64), a third
        // on another.
        let (a, b, c) = (5u64 << 40, (5 + 64) << 40, 6 << 40);
        let mut filter = Prefilter::new([a, b, c].into_iter());
        assert_eq!(filter.pending.len(), 64);
        assert!(filter.may_hold(a) && filter.may_hold(b) && filter.may_hold(c));
        assert!(!filter.may_hold(7 << 40));
        filter.found(a);
        assert!(
            filter.may_hold(a) && filter.may_hold(b),
            "b still sets the bit"
        );
        filter.found(b);
        assert!(!filter.may_hold(a) && !filter.may_hold(b));
        assert!(filter.may_hold(c));
        filter.found(c);
        assert!(!filter.may_hold(c));
        // Sized by the words: 16 bits a word, at most FILTER_BITS.
        assert_eq!(
            Prefilter::new((0..100u64).collect::<Vec<_>>().into_iter())
                .pending
                .len(),
            2048
        );
        assert_eq!(
            Prefilter::new((0..10_000u64).collect::<Vec<_>>().into_iter())
                .pending
                .len(),
            FILTER_BITS
        );
    }

    #[test]
    fn at_most_limit_words_are_read() {
        let mut n = 0;
        for_words("one two three four five six", 2, |_| n += 1);
        assert_eq!(n, 2);
    }
}
