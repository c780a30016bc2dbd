//! Stop words per language (data files in `stopwords/`, see its NOTICE),
//! the share of them in a line, and a cheap guess of a document's or a
//! line's language from its script and its stop words. Sentences of a
//! language are made of its function words; menus, headlines and labels are
//! not: the signal jusText relies on.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use super::text::{
    ascii_letters, ascii_prefix, char_at, is_cjk, is_cjk_code, is_hiragana, load8, packed_lower,
};
use crate::unicode::class::{ALPHABETIC, LOWERCASE, LOWERS, UPPERCASE};

/// The languages rinse has stop words (or a stand-in) for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Lang {
    En,
    De,
    Fr,
    Es,
    It,
    Pt,
    Ru,
    Ar,
    Zh,
    Ja,
    /// Letters of a script or language without a list (Czech, Greek, Hindi…).
    Other,
}

/// The Latin-script languages with lists, in the order their bits are set.
const LATIN: [Lang; 6] = [Lang::En, Lang::De, Lang::Fr, Lang::Es, Lang::It, Lang::Pt];

impl Lang {
    /// The bit of the language in a word's mask.
    pub(crate) fn bit(self) -> u16 {
        1 << (self as u16)
    }

    /// Whether the language is written without spaces between words.
    pub(crate) fn is_cjk(self) -> bool {
        matches!(self, Lang::Zh | Lang::Ja)
    }
}

/// How many languages have a list of words (all but Chinese, whose
/// function words are characters, and Japanese): the bits of a word's mask,
/// each below this.
pub(crate) const LISTS: usize = 8;
const _: () = assert!(Lang::Ar as usize + 1 == LISTS && Lang::Zh as usize == LISTS);

/// The list files, by language.
const FILES: &[(Lang, &str)] = &[
    (Lang::En, include_str!("stopwords/en.txt")),
    (Lang::De, include_str!("stopwords/de.txt")),
    (Lang::Fr, include_str!("stopwords/fr.txt")),
    (Lang::Es, include_str!("stopwords/es.txt")),
    (Lang::It, include_str!("stopwords/it.txt")),
    (Lang::Pt, include_str!("stopwords/pt.txt")),
    (Lang::Ru, include_str!("stopwords/ru.txt")),
    (Lang::Ar, include_str!("stopwords/ar.txt")),
    (Lang::Zh, include_str!("stopwords/zh.txt")),
];

/// FNV-1a's starting value.
pub(crate) const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

/// One byte of FNV-1a.
pub(crate) fn fnv(hash: u64, byte: u8) -> u64 {
    (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
}

/// FNV-1a: stop words are short, and the table is looked up once per word.
#[derive(Default)]
pub(crate) struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let start = if self.0 == 0 { FNV_START } else { self.0 };
        self.0 = bytes.iter().fold(start, |hash, &b| fnv(hash, b));
    }
}

pub(crate) type FnvBuild = BuildHasherDefault<Fnv>;

/// A hasher for packed words: one multiplication.
#[derive(Default)]
pub(crate) struct Mul(u64);

impl Hasher for Mul {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (n ^ (n >> 29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

pub(crate) type MulBuild = BuildHasherDefault<Mul>;

/// An ASCII word of one to eight letters, lowercased and packed into a
/// number (its bytes, little-endian; shorter words leave zeros).
/// The key [`for_words`] reads straight from a line's bytes.
fn pack(word: &[u8]) -> Option<u64> {
    let block = load8(word, 0);
    let letters = ascii_prefix(ascii_letters(block));
    (!word.is_empty() && word.len() <= 8 && letters == word.len())
        .then(|| packed_lower(block, letters))
}

/// A word of one to sixteen bytes (UTF-8, lowercase) packed into a number:
/// its bytes, little-endian; shorter words leave zeros. The key of words
/// beyond ASCII, built by [`WideKey`] as a line is read.
fn pack_wide(word: &[u8]) -> Option<u128> {
    (!word.is_empty() && word.len() <= 16).then(|| {
        word.iter()
            .rev()
            .fold(0, |key, &b| (key << 8) | u128::from(b))
    })
}

/// A word packed a character at a time, as [`pack_wide`] packs it whole:
/// past sixteen bytes it is no key.
#[derive(Default)]
struct WideKey {
    key: u128,
    len: usize,
}

impl WideKey {
    /// Adds a character: its UTF-8 bytes `bytes` (the first lowest) and
    /// their number `len`, or with `len` 0 the character `bytes` itself.
    #[inline(always)]
    fn push(&mut self, bytes: u32, len: usize) {
        let (bytes, len) = match len {
            0 => match char::from_u32(bytes) {
                Some(c) => {
                    let mut utf8 = [0; 4];
                    let n = c.encode_utf8(&mut utf8).len();
                    (u32::from_le_bytes(utf8), n)
                }
                None => return,
            },
            _ => (bytes, len),
        };
        if self.len + len <= 16 {
            self.key |= u128::from(bytes) << (8 * self.len);
        }
        self.len += len;
    }

    /// The key, when the word has sixteen bytes at most.
    fn key(&self) -> Option<u128> {
        (self.len <= 16).then_some(self.key)
    }
}

/// A key of a [`PackedTable`]: a packed word, never 0.
trait Packed: Copy + Eq + Default {
    /// Sixty-four bits of the key to hash.
    fn fold(self) -> u64;
}

impl Packed for u64 {
    fn fold(self) -> u64 {
        self
    }
}

impl Packed for u128 {
    fn fold(self) -> u64 {
        (self as u64) ^ ((self >> 64) as u64).rotate_left(29)
    }
}

/// The packed words ([`pack`], [`pack_wide`]) and their languages, in a
/// table of open addressing: a lookup is a multiplication and, mostly, one
/// comparison (a general hash map's probe costs several times that, once
/// per word of every line).
struct PackedTable<K> {
    /// A key a slot (0: empty; no packed word is 0), and its languages.
    slots: Vec<(K, u16)>,
    /// 64 less the number of bits of a slot's index.
    shift: u32,
}

impl<K: Packed> PackedTable<K> {
    /// The table of `entries`, at most half full; a key given twice keeps
    /// its last languages (as collecting into a map would).
    fn new(entries: impl Iterator<Item = (K, u16)>) -> PackedTable<K> {
        let entries: Vec<(K, u16)> = entries.collect();
        let size = (entries.len() * 2).next_power_of_two().max(2);
        let mut table = PackedTable {
            slots: vec![(K::default(), 0); size],
            shift: 64 - size.trailing_zeros(),
        };
        for (key, mask) in entries {
            let mut at = table.slot(key);
            while table.slots[at].0 != K::default() && table.slots[at].0 != key {
                at = (at + 1) & (size - 1);
            }
            table.slots[at] = (key, mask);
        }
        table
    }

    /// The first slot `key` may be in: the top bits of its product with an
    /// odd constant (Fibonacci hashing).
    fn slot(&self, key: K) -> usize {
        (key.fold().wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    /// The languages of `key` (0 when no list holds it).
    fn get(&self, key: K) -> u16 {
        let last = self.slots.len() - 1;
        let mut at = self.slot(key);
        loop {
            let (held, mask) = self.slots[at];
            if held == key {
                return mask;
            }
            if held == K::default() {
                return 0;
            }
            at = (at + 1) & last;
        }
    }
}

/// Every stop word of every list, with the languages it belongs to; the
/// single-character Chinese function words apart.
pub(crate) struct StopWords {
    words: HashMap<&'static str, u16, FnvBuild>,
    /// The words of up to eight ASCII letters, packed into a number (one
    /// multiplication to hash, no string to build).
    packed: PackedTable<u64>,
    /// Every word, packed into a wider number ([`pack_wide`]): the words of
    /// a line beyond ASCII are looked up without a string.
    wide: PackedTable<u128>,
    chinese: HashMap<char, (), FnvBuild>,
    /// How many words each Latin list has (to weigh votes: a long list
    /// finds more words by its length alone).
    sizes: [f32; 6],
    /// The longest stop word, in bytes: longer words are not looked up.
    longest: usize,
}

impl StopWords {
    /// The shipped lists, parsed once per process.
    pub(crate) fn shipped() -> &'static StopWords {
        static WORDS: OnceLock<StopWords> = OnceLock::new();
        WORDS.get_or_init(|| {
            let mut words: HashMap<&'static str, u16, FnvBuild> = HashMap::default();
            let mut chinese = HashMap::default();
            let mut sizes = [0.0; 6];
            let mut longest = 0;
            for &(lang, text) in FILES {
                for word in text.lines().map(str::trim).filter(|w| !w.is_empty()) {
                    if lang == Lang::Zh {
                        let mut chars = word.chars();
                        if let (Some(c), None) = (chars.next(), chars.next()) {
                            chinese.insert(c, ());
                        }
                        continue;
                    }
                    *words.entry(word).or_insert(0) |= lang.bit();
                    longest = longest.max(word.len());
                    if let Some(at) = LATIN.iter().position(|&l| l == lang) {
                        sizes[at] += 1.0;
                    }
                }
            }
            let packed = PackedTable::new(
                words
                    .iter()
                    .filter_map(|(word, &mask)| pack(word.as_bytes()).map(|key| (key, mask))),
            );
            // Every word has a wide key: a word beyond sixteen bytes is none.
            assert!(longest <= 16, "a stop word of more than sixteen bytes");
            let wide = PackedTable::new(
                words
                    .iter()
                    .filter_map(|(word, &mask)| pack_wide(word.as_bytes()).map(|key| (key, mask))),
            );
            StopWords {
                words,
                packed,
                wide,
                chinese,
                sizes: sizes.map(|n: f32| n.max(1.0).powf(0.25)),
                longest,
            }
        })
    }

    /// The languages whose lists hold the ASCII word `word` (any case).
    pub(crate) fn mask_ascii(&self, word: &[u8]) -> u16 {
        pack(word).map_or(0, |key| self.mask_packed(key))
    }

    /// The languages whose lists hold the word of one to eight ASCII
    /// letters packed into `key` (lowercase, as [`pack`] makes it).
    pub(crate) fn mask_packed(&self, key: u64) -> u16 {
        self.packed.get(key)
    }

    /// The languages whose lists hold the word packed into `key` (lowercase,
    /// as [`WideKey`] makes it; 0 for a word of more than sixteen bytes).
    fn mask_wide(&self, key: &WideKey) -> u16 {
        key.key().map_or(0, |key| self.wide.get(key))
    }

    /// The languages whose lists hold `word` (already lowercase).
    pub(crate) fn mask(&self, word: &str) -> u16 {
        if word.len() > self.longest {
            return 0;
        }
        self.words.get(word).copied().unwrap_or(0)
    }
}

/// How many stop words a line has, and of how many words (CJK: characters).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct StopCount {
    pub(crate) hits: u16,
    pub(crate) words: u16,
}

impl StopCount {
    /// The share of stop words (0 when the line has no words).
    pub(crate) fn share(self) -> f32 {
        if self.words == 0 {
            0.0
        } else {
            f32::from(self.hits) / f32::from(self.words)
        }
    }
}

/// How many words of a line are looked at: enough to tell a sentence from a
/// label, and a bound on the cost of a long paragraph.
pub(crate) const WORDS_LOOKED_AT: usize = 16;
const _: () = assert!(WORDS_LOOKED_AT <= 16, "a bit a word in a u16");

/// Calls `each` with the stop-word languages of every word of `text` (runs
/// of letters; CJK characters are not words here), the first
/// [`WORDS_LOOKED_AT`] of them, and whether the word starts with a capital
/// (`Some(true)`), a small letter (`Some(false)`) or an uncased letter.
/// ASCII words are looked up packed into eight bytes, others packed into
/// sixteen as they are lowercased: no string is built.
pub(crate) fn for_words(text: &str, stop: &StopWords, mut each: impl FnMut(u16, Option<bool>)) {
    let bytes = text.as_bytes();
    let mut seen = 0;
    let mut at = 0;
    while seen < WORDS_LOOKED_AT && at < bytes.len() {
        let b = bytes[at];
        if b.is_ascii() {
            if !b.is_ascii_alphabetic() {
                at += 1;
                continue;
            }
            // An ASCII word, unless a non-ASCII letter continues it. Its
            // first eight bytes are read at once, and are the key of the
            // packed list when the word is no longer.
            let first = load8(bytes, at);
            let mut end = at + ascii_prefix(ascii_letters(first));
            if end - at == 8 {
                end += bytes[end..]
                    .iter()
                    .position(|b| !b.is_ascii_alphabetic())
                    .unwrap_or(bytes.len() - end);
            }
            if end == bytes.len() || bytes[end].is_ascii() {
                let mask = if end - at <= 8 {
                    stop.mask_packed(packed_lower(first, end - at))
                } else {
                    0
                };
                each(mask, Some(b.is_ascii_uppercase()));
                seen += 1;
                at = end;
                continue;
            }
        }
        // A character outside ASCII (or a word that goes on with one).
        let (entry, code, len) = char_at(bytes, at);
        // General punctuation (curly quotes, dashes) is common and no letter.
        let letter = b.is_ascii()
            || !(0x2000..=0x206F).contains(&code) && entry & ALPHABETIC != 0 && !is_cjk_code(code);
        if !letter {
            at += len;
            continue;
        }
        let case = if entry & UPPERCASE != 0 {
            Some(true)
        } else if entry & LOWERCASE != 0 {
            Some(false)
        } else {
            None
        };
        // The word, lowercased, up to its first character that is no
        // letter (or is CJK): one look at the table a character.
        let mut key = WideKey::default();
        let mut end = at;
        while end < bytes.len() {
            let b = bytes[end];
            if b.is_ascii() {
                if !b.is_ascii_alphabetic() {
                    break;
                }
                key.push(u32::from(b.to_ascii_lowercase()), 1);
                end += 1;
                continue;
            }
            let (entry, code, len) = char_at(bytes, end);
            if entry & ALPHABETIC == 0 || is_cjk_code(code) {
                break;
            }
            if entry & LOWERS == 0 {
                key.push(raw_le(bytes, end, len), len);
            } else if let Some(c) = char::from_u32(code) {
                for lower in c.to_lowercase() {
                    key.push(u32::from(lower), 0);
                }
            }
            end += len;
        }
        each(stop.mask_wide(&key), case);
        seen += 1;
        at = end;
    }
}

/// The `len` bytes of `bytes` from `at` (one character, one to four bytes)
/// as a number, the first byte lowest.
#[inline(always)]
fn raw_le(bytes: &[u8], at: usize, len: usize) -> u32 {
    bytes[at..at + len]
        .iter()
        .rev()
        .fold(0, |v, &b| (v << 8) | u32::from(b))
}

/// The stop words of `text` in `lang`.
pub(crate) fn count(text: &str, lang: Lang, stop: &StopWords) -> StopCount {
    let mut count = StopCount::default();
    match lang {
        Lang::Zh | Lang::Ja => {
            for c in text
                .chars()
                .filter(|&c| is_cjk(c))
                .take(WORDS_LOOKED_AT * 3)
            {
                count.words += 1;
                let hit = if lang == Lang::Ja {
                    is_hiragana(c)
                } else {
                    stop.chinese.contains_key(&c)
                };
                count.hits += u16::from(hit);
            }
        }
        Lang::Other => {
            for_words(text, stop, |_, _| count.words += 1);
        }
        _ => {
            let bit = lang.bit();
            for_words(text, stop, |mask, _| {
                count.words += 1;
                count.hits += u16::from(mask & bit != 0);
            });
        }
    }
    count
}

/// How many blocks of eight bytes [`ascii_letter_count`] counts in the
/// bytes of one number before summing them: 31 blocks put at most 248 in
/// all its bytes together, so neither a byte nor their sum overflows.
const LANE_BLOCKS: usize = 31;

/// The sum of the eight bytes of `lanes`, when it is below 256 (the
/// multiplication adds every byte into the top one).
fn sum_lanes(lanes: u64) -> u32 {
    (lanes.wrapping_mul(0x0101_0101_0101_0101) >> 56) as u32
}

/// How many ASCII letters `text` (ASCII) has: eight bytes at a time,
/// counted in the bytes of one number (no popcount per block).
fn ascii_letter_count(text: &[u8]) -> u32 {
    let mut count = 0;
    for run in text.chunks(8 * LANE_BLOCKS) {
        let mut lanes = 0u64;
        let blocks = run.chunks_exact(8);
        let rest = blocks.remainder();
        for block in blocks {
            let v = u64::from_le_bytes(block.try_into().unwrap_or([0; 8]));
            lanes += ascii_letters(v) >> 7;
        }
        // Zeros past the end are no letters.
        lanes += ascii_letters(load8(rest, 0)) >> 7;
        count += sum_lanes(lanes);
    }
    count
}

/// Letters of a text by script family.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Scripts {
    pub(crate) latin: u32,
    pub(crate) cyrillic: u32,
    pub(crate) arabic: u32,
    pub(crate) cjk: u32,
    pub(crate) kana: u32,
    pub(crate) other: u32,
}

impl Scripts {
    /// Adds the letters of `other`.
    pub(crate) fn merge(&mut self, other: &Scripts) {
        self.latin += other.latin;
        self.cyrillic += other.cyrillic;
        self.arabic += other.arabic;
        self.cjk += other.cjk;
        self.kana += other.kana;
        self.other += other.other;
    }

    #[cfg(test)]
    pub(crate) fn add(&mut self, text: &str) {
        self.add_up_to(text, usize::MAX);
    }

    /// Adds the letters of the first `chars` characters of `text` (a
    /// script is told by a few dozen letters).
    pub(crate) fn add_up_to(&mut self, text: &str, chars: usize) {
        let bytes = text.as_bytes();
        let prefix = &bytes[..bytes.len().min(chars)];
        if prefix.is_ascii() {
            self.latin += ascii_letter_count(prefix);
            return;
        }
        let mut at = 0;
        let mut seen = 0;
        while at < bytes.len() && seen < chars {
            let b = bytes[at];
            seen += 1;
            if b.is_ascii() {
                self.latin += u32::from(b.is_ascii_alphabetic());
                at += 1;
                continue;
            }
            // General punctuation (curly quotes, dashes) is common and no
            // letter.
            let (entry, code, len) = char_at(bytes, at);
            at += len;
            if (0x2000..=0x206F).contains(&code) || entry & ALPHABETIC == 0 {
                continue;
            }
            match code {
                0..=0x24F => self.latin += 1,
                0x400..=0x4FF => self.cyrillic += 1,
                0x600..=0x6FF | 0x750..=0x77F | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => {
                    self.arabic += 1
                }
                0x3040..=0x30FF => {
                    self.cjk += 1;
                    self.kana += 1;
                }
                _ if is_cjk_code(code) => self.cjk += 1,
                _ => self.other += 1,
            }
        }
    }

    pub(crate) fn total(&self) -> u32 {
        self.latin + self.cyrillic + self.arabic + self.cjk + self.other
    }

    /// The language the script alone says (`None` for Latin letters, whose
    /// language the stop words tell).
    fn language(&self, share: f32) -> Option<Lang> {
        let total = self.total().max(1) as f32;
        let share_of = |n: u32| n as f32 / total;
        if share_of(self.cjk) > share {
            return Some(if self.kana * 10 > self.cjk {
                Lang::Ja
            } else {
                Lang::Zh
            });
        }
        if share_of(self.arabic) > share {
            return Some(Lang::Ar);
        }
        if share_of(self.cyrillic) > share {
            return Some(Lang::Ru);
        }
        if share_of(self.latin) > share {
            return None;
        }
        Some(Lang::Other)
    }
}

/// Votes for the Latin languages over the words of some text.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Votes {
    hits: [u32; 6],
    words: u32,
}

impl Votes {
    /// Adds the votes of `other`.
    pub(crate) fn merge(&mut self, other: &Votes) {
        for (a, b) in self.hits.iter_mut().zip(other.hits) {
            *a += b;
        }
        self.words += other.words;
    }

    #[cfg(test)]
    pub(crate) fn add(&mut self, text: &str, stop: &StopWords) {
        for_words(text, stop, |mask, _| self.vote(mask));
    }

    /// The votes of `words` words, given which of them are stop words of
    /// each list (`stops`, a bit a word, indexed by [`Lang`]).
    pub(crate) fn of(words: u8, stops: &[u16; LISTS]) -> Votes {
        Votes {
            hits: LATIN.map(|lang| stops[lang as usize].count_ones()),
            words: u32::from(words),
        }
    }

    /// Counts one word whose stop-word languages are `mask`.
    #[cfg(test)]
    pub(crate) fn vote(&mut self, mask: u16) {
        self.words += 1;
        if mask != 0 {
            for (at, lang) in LATIN.iter().enumerate() {
                self.hits[at] += u32::from(mask & lang.bit() != 0);
            }
        }
    }

    /// The language with the most stop words (weighed by list length), if
    /// any word was one.
    fn best(&self, stop: &StopWords) -> Option<(Lang, u32)> {
        let mut best: Option<(usize, f32)> = None;
        for at in 0..LATIN.len() {
            let score = self.hits[at] as f32 / stop.sizes[at];
            if self.hits[at] > 0 && best.is_none_or(|(_, b)| score > b) {
                best = Some((at, score));
            }
        }
        best.map(|(at, _)| (LATIN[at], self.hits[at]))
    }

    fn hits(&self, lang: Lang) -> u32 {
        LATIN
            .iter()
            .position(|&l| l == lang)
            .map_or(0, |at| self.hits[at])
    }
}

/// The language of a document from the scripts and stop words of a sample
/// of its paragraphs.
pub(crate) fn document_language(scripts: &Scripts, votes: &Votes, stop: &StopWords) -> Lang {
    match scripts.language(0.3) {
        Some(lang) => lang,
        None => match votes.best(stop) {
            // A Latin text with almost no stop word of any list is in
            // another language (Czech, Turkish, Vietnamese…).
            Some((lang, hits)) if hits * 5 >= votes.words => lang,
            _ => Lang::Other,
        },
    }
}

/// How many letters a line needs before its language is guessed.
const LINE_LANGUAGE_LETTERS: u32 = 12;

/// The language of one line, when its evidence is clear and it differs
/// from the document's `doc`: a line mostly in another script, or a Latin
/// line with at least two stop words of another list and at most half as
/// many of the document's.
#[cfg(test)]
pub(crate) fn foreign_line(text: &str, doc: Lang, stop: &StopWords) -> Option<Lang> {
    let mut scripts = Scripts::default();
    scripts.add(text);
    let mut votes = Votes::default();
    votes.add(text, stop);
    foreign_of(&scripts, &votes, doc, stop)
}

/// `foreign_line` from a line's letters by script and its stop-word
/// votes, counted before.
pub(crate) fn foreign_of(
    scripts: &Scripts,
    votes: &Votes,
    doc: Lang,
    stop: &StopWords,
) -> Option<Lang> {
    if scripts.total() < LINE_LANGUAGE_LETTERS {
        return None;
    }
    match scripts.language(0.5) {
        Some(Lang::Other) => None,
        Some(lang) => (lang != doc && doc != Lang::Other).then_some(lang),
        None => {
            if votes.words < 4 {
                return None;
            }
            match votes.best(stop) {
                Some((lang, hits)) if hits >= 2 && votes.hits(doc) * 2 <= hits && lang != doc => {
                    Some(lang)
                }
                // A Latin line in an Arabic, Russian, Chinese or Japanese text.
                _ if matches!(doc, Lang::Ru | Lang::Ar | Lang::Zh | Lang::Ja) => Some(Lang::Other),
                _ => None,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::text::is_general_punctuation;
    use super::*;
    use crate::unicode::table;

    #[test]
    fn words_of_one_to_eight_ascii_letters_pack_lowercase() {
        let key =
            |w: &str| u64::from_le_bytes(*format!("{w:\0<8}").as_bytes().first_chunk().unwrap());
        assert_eq!(pack(b"The"), Some(key("the")));
        assert_eq!(pack(b"ZWISCHEN"), Some(key("zwischen")));
        assert_eq!(pack(b"a"), Some(key("a")));
        // Too long, empty, or not letters only.
        for word in [&b"zwischens"[..], b"", b"r2d2", b"don't", "été".as_bytes()] {
            assert_eq!(pack(word), None, "{word:?}");
        }
        // The key the scan of a line reads from its bytes is the same.
        let stop = StopWords::shipped();
        assert_ne!(stop.mask_ascii(b"The"), 0);
        let mut masks = Vec::new();
        for_words("The zwischen", stop, |mask, _| masks.push(mask));
        assert_eq!(
            masks,
            [stop.mask_ascii(b"the"), stop.mask_ascii(b"ZWISCHEN")]
        );
    }

    /// The words of `text` as [`for_words`] reads them, a character at a
    /// time, words beyond ASCII lowercased into a string and looked up in
    /// the map of every word: what it reads off the bytes, packed.
    fn for_words_one_at_a_time(text: &str, stop: &StopWords) -> Vec<(u16, Option<bool>)> {
        let mut out = Vec::new();
        let bytes = text.as_bytes();
        let mut buf = String::new();
        let mut at = 0;
        while out.len() < WORDS_LOOKED_AT && at < bytes.len() {
            let b = bytes[at];
            if b.is_ascii() {
                if !b.is_ascii_alphabetic() {
                    at += 1;
                    continue;
                }
                let end = at
                    + bytes[at..]
                        .iter()
                        .position(|b| !b.is_ascii_alphabetic())
                        .unwrap_or(bytes.len() - at);
                if end == bytes.len() || bytes[end].is_ascii() {
                    let word = &bytes[at..end];
                    let mask = if word.len() <= 8 {
                        stop.mask_ascii(word)
                    } else {
                        0
                    };
                    out.push((mask, Some(b.is_ascii_uppercase())));
                    at = end;
                    continue;
                }
            }
            let rest = &text[at..];
            let c = rest.chars().next().unwrap();
            if is_general_punctuation(c) || !table::is_alphabetic(c) || is_cjk(c) {
                at += c.len_utf8();
                continue;
            }
            let entry = table::entry(c);
            let case = if entry & UPPERCASE != 0 {
                Some(true)
            } else if entry & LOWERCASE != 0 {
                Some(false)
            } else {
                None
            };
            buf.clear();
            let mut end = rest.len();
            for (i, c) in rest.char_indices() {
                if c.is_ascii() {
                    if !c.is_ascii_alphabetic() {
                        end = i;
                        break;
                    }
                    buf.push(c.to_ascii_lowercase());
                    continue;
                }
                let entry = table::entry(c);
                if entry & ALPHABETIC == 0 || is_cjk(c) {
                    end = i;
                    break;
                }
                table::push_lowercase_of(c, entry, &mut buf);
            }
            out.push((stop.mask(&buf), case));
            at += end;
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn words_read_packed_as_one_at_a_time(
            text in "([a-zA-Z]{0,12}|the|and|und|dans|que|и|не|что|это|Он|في|من|على|ÜBER|über|été|À|Ǆ|İ|K|Σ|ſ)([ ,.’“—\\-]{0,3}(é|Ж|م|北|ひ|😀|ก|\u{300}|1)?){0,1}",
            repeat in 1usize..40,
            shift in 0usize..70,
        ) {
            let stop = StopWords::shipped();
            let text = format!("{}{}", " ".repeat(shift), text.repeat(repeat));
            let mut fast = Vec::new();
            for_words(&text, stop, |mask, case| fast.push((mask, case)));
            proptest::prop_assert_eq!(fast, for_words_one_at_a_time(&text, stop));
        }

        #[test]
        fn mixed_words_read_packed_as_one_at_a_time(
            text in "([a-zA-Z]{0,70}|the|und|и|не|что|Он|في|من|été|ÜBER|İ|K|Σ|[Жжé]{1,9}|[ \t,.’“1]{1,70}|北|ひ|😀|\u{300}|\u{2019}){0,40}",
        ) {
            let stop = StopWords::shipped();
            let mut fast = Vec::new();
            for_words(&text, stop, |mask, case| fast.push((mask, case)));
            proptest::prop_assert_eq!(fast, for_words_one_at_a_time(&text, stop));
        }
    }

    #[test]
    fn non_ascii_stop_words_are_found_packed() {
        let stop = StopWords::shipped();
        let mut masks = Vec::new();
        for_words("Что это ÜBER été", stop, |mask, _| {
            masks.push(mask)
        });
        assert_eq!(masks[0], stop.mask("что"));
        assert_ne!(masks[0], 0);
        assert_eq!(masks[1], stop.mask("это"));
        assert_eq!(masks[2], stop.mask("über"));
        assert_eq!(masks[3], stop.mask("été"));
        // Every word of the lists has a wide key that finds it.
        for (word, &mask) in &stop.words {
            let mut key = WideKey::default();
            for c in word.chars() {
                key.push(u32::from(c), 0);
            }
            assert_eq!(key.key(), pack_wide(word.as_bytes()), "{word}");
            assert_eq!(stop.mask_wide(&key), mask, "{word}");
        }
    }

    /// The letters by script of the first `chars` characters of `text`,
    /// a character at a time: what [`Scripts::add_up_to`] counts eight
    /// ASCII bytes at a time.
    fn scripts_one_at_a_time(text: &str, chars: usize) -> [u32; 6] {
        let mut s = Scripts::default();
        for c in text.chars().take(chars) {
            if is_general_punctuation(c) || !table::is_alphabetic(c) {
                continue;
            }
            match c as u32 {
                0..=0x24F => s.latin += 1,
                0x400..=0x4FF => s.cyrillic += 1,
                0x600..=0x6FF | 0x750..=0x77F | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => s.arabic += 1,
                0x3040..=0x30FF => {
                    s.cjk += 1;
                    s.kana += 1;
                }
                _ if is_cjk(c) => s.cjk += 1,
                _ => s.other += 1,
            }
        }
        [s.latin, s.cyrillic, s.arabic, s.cjk, s.kana, s.other]
    }

    proptest::proptest! {
        #[test]
        fn scripts_count_eight_ascii_bytes_at_a_time_as_one_at_a_time(
            text in "([a-zA-Z0-9]{0,9}[ ,.]{0,2}(é|Ж|م|北|ひ|—|😀|ก)?){0,40}",
            chars in 0usize..300,
        ) {
            for chars in [chars, usize::MAX] {
                let mut s = Scripts::default();
                s.add_up_to(&text, chars);
                proptest::prop_assert_eq!(
                    [s.latin, s.cyrillic, s.arabic, s.cjk, s.kana, s.other],
                    scripts_one_at_a_time(&text, chars)
                );
            }
        }
    }

    #[test]
    fn the_packed_table_holds_what_a_map_of_the_words_holds() {
        let stop = StopWords::shipped();
        let map: HashMap<u64, u16> = stop
            .words
            .iter()
            .filter_map(|(word, &mask)| pack(word.as_bytes()).map(|key| (key, mask)))
            .collect();
        assert!(map.len() > 100);
        for (&key, &mask) in &map {
            assert_eq!(stop.mask_packed(key), mask, "{key:x}");
        }
        for word in ["zzyzx", "politics", "a", "qq", "zwischenx"] {
            let expected = pack(word.as_bytes()).and_then(|key| map.get(&key).copied());
            assert_eq!(
                stop.mask_ascii(word.as_bytes()),
                expected.unwrap_or(0),
                "{word}"
            );
        }
    }

    fn doc_lang(text: &str) -> Lang {
        let stop = StopWords::shipped();
        let mut scripts = Scripts::default();
        let mut votes = Votes::default();
        scripts.add(text);
        votes.add(text, stop);
        document_language(&scripts, &votes, stop)
    }

    #[test]
    fn documents_languages_from_script_and_stop_words() {
        assert_eq!(
            doc_lang("The attack happened as crowds gathered for a performance by a band."),
            Lang::En
        );
        assert_eq!(
            doc_lang("Der Angriff geschah, als sich die Menge für ein Konzert versammelte."),
            Lang::De
        );
        assert_eq!(
            doc_lang("L'attaque a eu lieu alors que la foule se rassemblait pour le concert."),
            Lang::Fr
        );
        assert_eq!(
            doc_lang(
                "El ataque ocurrió cuando la multitud se reunía para el concierto de la banda."
            ),
            Lang::Es
        );
        assert_eq!(
            doc_lang(
                "L'attacco è avvenuto mentre la folla si radunava per il concerto della band."
            ),
            Lang::It
        );
        assert_eq!(
            doc_lang("O ataque aconteceu quando a multidão se reunia para o concerto da banda."),
            Lang::Pt
        );
        assert_eq!(
            doc_lang("Нападение произошло, когда толпа собиралась на концерт группы."),
            Lang::Ru
        );
        assert_eq!(
            doc_lang("وقالت وزارة الصحة إن أكثر من 50 فريق إسعاف أرسل إلى مكان الحادث."),
            Lang::Ar
        );
        assert_eq!(
            doc_lang("这是一个很长的句子，我们在这里写了很多字。"),
            Lang::Zh
        );
        assert_eq!(
            doc_lang("これは日本語の文です。私たちはここに書きました。"),
            Lang::Ja
        );
        assert_eq!(
            doc_lang("Praha je hlavní město České republiky a zároveň největší město v zemi."),
            Lang::Other
        );
    }

    #[test]
    fn stop_word_shares() {
        let stop = StopWords::shipped();
        let sentence = count(
            "The attack happened as the crowds gathered for a show.",
            Lang::En,
            stop,
        );
        assert!(sentence.share() > 0.3, "{sentence:?}");
        let menu = count("Politics Business Technology Science", Lang::En, stop);
        assert_eq!(menu.hits, 0);
        let ja = count("これは日本語の文です", Lang::Ja, stop);
        assert!(ja.share() > 0.3, "{ja:?}");
    }

    #[test]
    fn foreign_lines() {
        let stop = StopWords::shipped();
        assert_eq!(
            foreign_line(
                "Der Angriff geschah, als sich die Menge versammelte",
                Lang::En,
                stop
            ),
            Some(Lang::De)
        );
        assert_eq!(
            foreign_line("The attack happened as the crowds gathered", Lang::En, stop),
            None
        );
        assert_eq!(
            foreign_line("Нападение произошло вечером", Lang::En, stop),
            Some(Lang::Ru)
        );
        assert_eq!(foreign_line("Short", Lang::En, stop), None);
    }
}
