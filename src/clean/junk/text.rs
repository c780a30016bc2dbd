//! What the junk rules read off the text of one line: words, sentence
//! punctuation, paragraphs, CJK characters. Byte scans wherever the answer
//! does not need Unicode tables.

use crate::unicode::class::Entry;
use crate::unicode::table;

/// Each byte of a word of eight bytes set to 1.
const ONES: u64 = 0x0101_0101_0101_0101;

/// The high bit of each byte.
pub(crate) const HIGH: u64 = 0x8080_8080_8080_8080;

/// Bit 5 of each byte: set, it lowercases an ASCII letter and leaves a
/// digit as it is.
pub(crate) const LOWER: u64 = 0x2020_2020_2020_2020;

/// Bit 6 of each byte: set in an ASCII letter, clear in a digit.
pub(crate) const LETTER: u64 = 0x4040_4040_4040_4040;

/// The eight bytes of `bytes` from `at` as one number (little-endian:
/// the first byte lowest); zeros past its end.
pub(crate) fn load8(bytes: &[u8], at: usize) -> u64 {
    let mut eight = [0u8; 8];
    match bytes.get(at..at + 8) {
        Some(chunk) => eight.copy_from_slice(chunk),
        None => {
            for (to, from) in eight.iter_mut().zip(bytes.get(at..).unwrap_or_default()) {
                *to = *from;
            }
        }
    }
    u64::from_le_bytes(eight)
}

/// The high bit of each byte of `v` (bytes below 0x80) that lies in
/// `lo..=hi`: subtracting the bound sets or clears it without a borrow
/// into the next byte.
fn in_range(v: u64, lo: u8, hi: u8) -> u64 {
    let at_least = (v | HIGH).wrapping_sub(ONES * u64::from(lo));
    let at_most = (ONES * u64::from(0x80 | hi)).wrapping_sub(v);
    at_least & at_most & HIGH
}

/// The high bit of each byte of `v` that is an ASCII letter.
pub(crate) fn ascii_letters(v: u64) -> u64 {
    let low7 = v & !HIGH;
    !v & HIGH & in_range(low7 | LOWER, b'a', b'z')
}

/// The high bit of each byte of `v` that is an ASCII letter or digit.
pub(crate) fn ascii_alnum(v: u64) -> u64 {
    let low7 = v & !HIGH;
    !v & HIGH & (in_range(low7 | LOWER, b'a', b'z') | in_range(low7, b'0', b'9'))
}

/// The eight bytes of `bytes` from `at` ([`load8`]: zeros past its end)
/// when they are all ASCII. Callers look at one byte first where text of
/// another script is likely (a space between Arabic words is ASCII, the
/// byte after it is not), so that such text pays no load.
pub(crate) fn ascii_block(bytes: &[u8], at: usize) -> Option<u64> {
    let v = load8(bytes, at);
    (v & HIGH == 0).then_some(v)
}

/// Two masks of the 64 bytes of `bytes` from `at` (bit `i` for byte
/// `at + i`; zeros past its end): the ASCII letters and digits, and the
/// bytes that are not ASCII.
pub(crate) fn ascii_masks(bytes: &[u8], at: usize) -> (u64, u64) {
    let mut padded = [0u8; 64];
    let window: &[u8] = match bytes.get(at..at + 64) {
        Some(window) => window,
        None => {
            let rest = bytes.get(at..).unwrap_or_default();
            padded[..rest.len()].copy_from_slice(rest);
            &padded
        }
    };
    let (mut alnum, mut other) = (0, 0);
    for (block, eight) in window.chunks_exact(8).enumerate() {
        let v = u64::from_le_bytes(eight.try_into().expect("chunks_exact yields 8 bytes"));
        alnum |= byte_bits(ascii_alnum(v)) << (8 * block);
        other |= byte_bits(v & HIGH) << (8 * block);
    }
    (alnum, other)
}

/// How many bytes in a row, from the first, a mask of high bits (from
/// [`ascii_letters`], [`ascii_alnum`] or any other such test) marks: 0 to 8.
pub(crate) fn ascii_prefix(marked: u64) -> usize {
    (!marked & HIGH).trailing_zeros() as usize / 8
}

/// The first `n` bytes of `v` (0 to 8) lowercased, the others 0: an ASCII
/// word of up to eight letters and digits packed into a number.
pub(crate) fn packed_lower(v: u64, n: usize) -> u64 {
    let keep = if n >= 8 { u64::MAX } else { (1 << (8 * n)) - 1 };
    (v | LOWER) & keep
}

/// Whether `c` is a Chinese or Japanese character (kana, CJK ideographs):
/// scripts written without spaces, where characters stand in for words.
pub(crate) fn is_cjk(c: char) -> bool {
    is_cjk_code(c as u32)
}

/// [`is_cjk`] of a code point.
pub(crate) fn is_cjk_code(code: u32) -> bool {
    matches!(code, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF)
}

/// The table entry, code point and length in bytes of the character that
/// starts at byte `at` of `bytes` (valid UTF-8, `at` a character
/// boundary); a character of two bytes (Cyrillic, Arabic, Greek, Latin
/// with accents) without decoding it for the table.
#[inline(always)]
pub(crate) fn char_at(bytes: &[u8], at: usize) -> (Entry, u32, usize) {
    let lead = bytes[at];
    match lead {
        0..=0x7F => (table::entry_of(u32::from(lead)), u32::from(lead), 1),
        0xC0..=0xDF => {
            let cont = bytes[at + 1];
            let code = (u32::from(lead & 0x1F) << 6) | u32::from(cont & 0x3F);
            (table::entry_of_two_byte(lead, cont), code, 2)
        }
        _ => {
            let (code, len) = table::decode(bytes, at);
            (table::entry_of(code), code, len)
        }
    }
}

/// Whether `c` belongs to a script written without spaces between words
/// (Thai, Lao, Myanmar, Khmer), where a line is a run of letters and a
/// sentence seldom ends in punctuation.
pub(crate) fn is_unspaced(c: char) -> bool {
    matches!(c as u32, 0x0E00..=0x0EFF | 0x1000..=0x109F | 0x1780..=0x17FF)
}

/// How many characters of such a script count as one word (Thai words
/// average four to five characters, marks included).
const UNSPACED_PER_WORD: usize = 4;

/// How many such characters make a line a sentence without punctuation.
const UNSPACED_SENTENCE: usize = 24;

/// Whether `c` is general punctuation (U+2000 to U+206F: curly quotes,
/// dashes, special spaces): common in text, and never a letter or digit,
/// so word readers step over it without asking the table.
pub(crate) fn is_general_punctuation(c: char) -> bool {
    ('\u{2000}'..='\u{206f}').contains(&c)
}

/// Whether `c` is hiragana (Japanese particles and inflections).
pub(crate) fn is_hiragana(c: char) -> bool {
    matches!(c as u32, 0x3041..=0x309F)
}

/// The number of words of `text`, stopping once it passes `limit`: tokens
/// between spaces and tabs (after the character steps the only whitespace
/// left inside a line is ASCII), where a token of CJK characters counts one
/// word per two characters (Chinese and Japanese have no spaces), and one
/// of Thai, Lao, Myanmar or Khmer characters one per four.
pub(crate) fn words_up_to(text: &str, limit: usize) -> usize {
    let bytes = text.as_bytes();
    // Words are counted as their starts, 64 bytes at a time as bit masks
    // (a bit a byte, eight bytes at once), until the limit or a byte that
    // can lead a kana or ideograph (E3–E9, EF) or a letter of Thai, Lao,
    // Myanmar or Khmer (E0, E1), which sends the text to the careful count.
    let mut words = 0usize;
    // Whether the byte before the chunk is a space (the text's start is).
    let mut previous_space = 1u64;
    let mut plain = true;
    for chunk in bytes.chunks(64) {
        let mut spaces = 0u64;
        let mut high = 0u64;
        let mut add = |i: usize, word: u64| {
            spaces |= byte_bits(
                zero_bytes(word ^ (ONES * u64::from(b' ')))
                    | zero_bytes(word ^ (ONES * u64::from(b'\t'))),
            ) << (8 * i);
            high |= high_leads(word);
        };
        // Eight bytes at a time (a read of fixed size, kept in a register);
        // a short last piece through `load8`, its zeros past the chunk's end
        // masked below.
        let eights = chunk.chunks_exact(8);
        let rest = eights.remainder();
        for (i, eight) in eights.enumerate() {
            add(i, u64::from_le_bytes(eight.try_into().unwrap_or([0; 8])));
        }
        if !rest.is_empty() {
            add(chunk.len() / 8, load8(rest, 0));
        }
        if high != 0 && leads_any(chunk) {
            plain = false;
            break;
        }
        // Bits past a short last chunk are no bytes (nor its zeros).
        let valid = u64::MAX >> (64 - chunk.len());
        let starts = !spaces & (spaces << 1 | previous_space) & valid;
        previous_space = spaces >> 63;
        words += starts.count_ones() as usize;
        if words > limit {
            return words;
        }
    }
    if plain {
        return words;
    }
    let mut words = 0;
    // CJK and unspaced characters of the current token, and whether it has
    // a byte.
    let (mut cjk, mut unspaced, mut in_word) = (0usize, 0usize, false);
    let token = |cjk: usize, unspaced: usize| {
        if cjk == 0 && unspaced == 0 {
            1
        } else {
            cjk.div_ceil(2) + unspaced.div_ceil(UNSPACED_PER_WORD)
        }
    };
    let mut at = 0;
    while at < bytes.len() {
        let b = bytes[at];
        if b == b' ' || b == b'\t' {
            if in_word {
                words += token(cjk, unspaced);
                if words > limit {
                    return words;
                }
            }
            (cjk, unspaced, in_word) = (0, 0, false);
            at += 1;
            continue;
        }
        in_word = true;
        // Kana and CJK ideographs are three-byte sequences led by E3–E9
        // (U+3000–U+9FFF) or EF (U+F900–U+FAFF); Thai and Lao by E0,
        // Myanmar and Khmer by E1.
        if leads_unspaced(b) {
            if let Some(c) = text[at..].chars().next() {
                cjk += usize::from(is_cjk(c));
                unspaced += usize::from(is_unspaced(c));
                at += c.len_utf8();
                continue;
            }
        }
        at += 1;
    }
    if in_word {
        words += token(cjk, unspaced);
    }
    words
}

/// The high bit of each byte of `v` that is zero, and no other bit.
fn zero_bytes(v: u64) -> u64 {
    const LOW_SEVEN: u64 = !HIGH;
    !(((v & LOW_SEVEN) + LOW_SEVEN) | v) & HIGH
}

/// The high bits of the bytes of `high` (no other bit set) gathered into
/// its low eight bits: bit `i` for byte `i` (in little-endian order; each
/// lands on its own bit of the product, so nothing carries).
fn byte_bits(high: u64) -> u64 {
    ((high >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56
}

/// The high bit of each byte E0–FF of `word` (the top three bits set): a
/// byte that may lead a kana, an ideograph or a letter of Thai, Lao,
/// Myanmar or Khmer. Most in text are E2 (curly quotes, dashes), which
/// lead none.
fn high_leads(word: u64) -> u64 {
    word & (word << 1) & (word << 2) & HIGH
}

/// Whether a byte of `chunk` can lead a kana or ideograph or a letter of
/// Thai, Lao, Myanmar or Khmer ([`leads_unspaced`]): only the bytes E0–FF
/// are looked at, eight bytes at a time.
fn leads_any(chunk: &[u8]) -> bool {
    chunk.chunks(8).any(|eight| {
        let mut marked = high_leads(load8(eight, 0));
        while marked != 0 {
            if leads_unspaced(eight[marked.trailing_zeros() as usize / 8]) {
                return true;
            }
            marked &= marked - 1;
        }
        false
    })
}

/// Whether `b` can lead a kana or ideograph (E3–E9, EF) or a letter of
/// Thai, Lao, Myanmar or Khmer (E0, E1).
fn leads_unspaced(b: u8) -> bool {
    matches!(b, 0xE0 | 0xE1 | 0xE3..=0xE9 | 0xEF)
}

/// [`words_up_to`] without a limit.
pub(crate) fn words(text: &str) -> usize {
    words_up_to(text, usize::MAX)
}

/// Whether `text` ends in a full stop, a question or an exclamation mark
/// (an ellipsis too), spaces at its end aside: a sentence's end, where a
/// closing quote, bracket or arrow may be a label's (`Related Stories »`).
pub(crate) fn ends_stop(text: &str) -> bool {
    text.trim_end().chars().next_back().is_some_and(|c| {
        matches!(
            c,
            '.' | '!' | '?' | '…' | '؟' | '。' | '！' | '？' | '۔' | '।'
        )
    })
}

/// Whether `text` trails off in an ellipsis (`...` or `…`), spaces at its
/// end aside.
pub(crate) fn ends_ellipsis(text: &str) -> bool {
    let text = text.trim_end();
    text.ends_with("...") || text.ends_with('…')
}

/// Whether `text` ends in sentence punctuation, closing quotes and brackets
/// included (`. ! ? … ” ’ » " ' ) ]`, the Arabic and Urdu stops, the CJK
/// stops and closing corner brackets, the danda, the Myanmar, Khmer,
/// Armenian and Ethiopic stops), or is a sentence of a
/// script that writes none: [`UNSPACED_SENTENCE`] Thai, Lao, Myanmar or
/// Khmer characters or more, and ends in one.
pub(crate) fn ends_sentence(text: &str) -> bool {
    let text = text.trim_end();
    if text.chars().next_back().is_some_and(is_unspaced) {
        return text
            .chars()
            .filter(|&c| is_unspaced(c))
            .nth(UNSPACED_SENTENCE - 1)
            .is_some();
    }
    text.chars().next_back().is_some_and(|c| {
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
                | '」'
                | '』'
                | '।'
                | '။'
                | '។'
                | '։'
                | '።'
        )
    })
}

/// Whether `text` reads as a paragraph of the article: ten words or more,
/// or four or more ending in sentence punctuation.
pub(crate) fn is_paragraph(text: &str) -> bool {
    let words = words_up_to(text, 10);
    words >= 10 || (words >= 4 && ends_sentence(text))
}

/// Whether `text` is shaped as a line of program code, which no page's
/// residue is: it ends in `=` or an opening bracket (`int main() {`,
/// `"list": [`), or in `;` after a statement (a sign of code, a jump, a
/// type and a name: `console.log(data);`, `break;`, `int count;`,
/// `CARD8 xfixesReqType;`; not a footer's `Impressum; Datenschutz;
/// Kontakt;`), holds a comment after a statement (`x = 1; // one`,
/// `CARD8 reqType; /* X_Reply */`), is a key of JSON, is made of closing
/// brackets only (`}`, `});`, `],`), begins with a directive (`#include`,
/// `#define`), or with a declaration's lowercase keyword followed by an
/// identifier alone or by a sign of code (`const session = …`, `def
/// main():`, `return x`; not `return to the home page`, `return home`), or
/// is a shell script's block word alone (`fi`, `done`), names of constants
/// alone (`MAX_MEMBERS_PER_GROUP`) or a clause of SQL (`GROUP BY
/// customer`; not `FROM OUR PARTNERS`). Not a comment (`// Type
/// your email address` is a site's label in the dress of code), nor a tracker's
/// snippet leaked into the text (`window.dataLayer = …`,
/// `googletag.cmd.push(…)`: the page's machinery, not the article's code).
/// A code sample's lines repeat (`});`) and stand after an article's last
/// paragraph, where the score and the copy rule look for residue; the
/// signs at their ends are what a sentence and a menu lack.
pub(crate) fn code_line(text: &str) -> bool {
    let line = text.trim();
    let Some(&last) = line.as_bytes().last() else {
        return false;
    };
    // A tracker's snippet leaked into the text is code, but the page's
    // machinery, not a sample of the article's.
    const TRACKERS: [&str; 13] = [
        "dataLayer",
        "gtag(",
        "_gaq",
        "googletag",
        "ga(",
        "ga.",
        "fbq(",
        "ym(",
        "yaParams",
        "_paq",
        "adsbygoogle",
        "twttr",
        "createElement('script')",
    ];
    if TRACKERS.iter().any(|name| line.contains(name)) {
        return false;
    }
    if matches!(last, b'{' | b'[' | b'(' | b'=') {
        return true;
    }
    // A statement ends in `;`; a footer's links are separated by it
    // (`Impressum; Datenschutz; Kontakt;`, `Configurar;`): a statement
    // also has a sign of code, or is a jump or a declaration alone.
    if last == b';' && statement(&line[..line.len() - 1]) {
        return true;
    }
    // A statement before a comment: `path.isAbsolute('/a'); // true`,
    // `CARD8 reqType; /* always X_Reply */`.
    if line.contains("; //") || line.contains(") //") {
        return true;
    }
    if let Some((code, _)) = line.split_once("; /*") {
        if line.ends_with("*/") && statement(code) {
            return true;
        }
    }
    // A key of JSON (`"heapSpaceStatistics": [`), not a quotation that
    // leads a headline (`"We missed a chance": Can Reddit…`).
    if let Some(key) = line
        .strip_prefix('"')
        .and_then(|rest| rest.split_once("\":"))
    {
        if !key.0.is_empty()
            && key
                .0
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b'$'))
        {
            return true;
        }
    }
    if line
        .bytes()
        .all(|b| matches!(b, b'}' | b')' | b']' | b';' | b',' | b' '))
    {
        return true;
    }
    if ["#include", "#define"]
        .iter()
        .any(|start| line.starts_with(start))
    {
        return true;
    }
    // A shell script's block words alone (`fi`, `done`), and a clause of
    // SQL: its keyword in capitals, then a name in lowercase (`GROUP BY
    // customer`, `WHERE total > 100`; not a heading in capitals, `FROM OUR
    // PARTNERS`).
    if matches!(line, "fi" | "done" | "esac" | "then" | "do" | "else") {
        return true;
    }
    // Names of constants or settings alone (`MAX_MEMBERS_PER_GROUP`,
    // `PASS_MAX_DAYS PASS_MIN_DAYS`): capitals joined by `_`, which no
    // label or headline writes (a site's template key leaked into the
    // text, `READ_MORE`, is taken for code too, and stays).
    if line.split(' ').all(constant_name) {
        return true;
    }
    const CLAUSES: [&str; 12] = [
        "SELECT ",
        "FROM ",
        "WHERE ",
        "GROUP BY ",
        "ORDER BY ",
        "HAVING ",
        "LIMIT ",
        "JOIN ",
        "LEFT JOIN ",
        "INSERT INTO ",
        "UPDATE ",
        "VALUES ",
    ];
    if CLAUSES.iter().any(|clause| {
        line.strip_prefix(clause).is_some_and(|rest| {
            rest.starts_with(|c: char| {
                c.is_ascii_lowercase() || c.is_ascii_digit() || c == '*' || c == '('
            })
        })
    }) {
        return true;
    }
    const KEYWORDS: [&str; 9] = [
        "const ",
        "let ",
        "var ",
        "function ",
        "def ",
        "return ",
        "import ",
        "export ",
        "async ",
    ];
    // The keyword, then a name and a sign of code, or an identifier alone
    // (`return x`, `import os`, `let timer;`; not `return to the home
    // page`, `return home`, `export orders`: a site's lowercase links).
    KEYWORDS.iter().any(|keyword| {
        line.strip_prefix(keyword).is_some_and(|rest| {
            let rest = rest.strip_suffix(';').unwrap_or(rest);
            rest.starts_with(|c: char| {
                c.is_ascii_alphabetic() || matches!(c, '_' | '{' | '[' | '(')
            }) && (rest.contains(['=', '(', '{', '[', ':', ';'])
                || !rest.contains(' ') && identifier(rest))
        })
    })
}

/// Whether `text` (a line without its final `;`) reads as a statement: it
/// holds a sign of code (a bracket, `=`, a quotation mark, a dot between
/// letters: `list.appendChild(li)`, `ga.async = true`), or is a jump alone
/// (`break`, `continue`, `return`), or two lowercase words of ASCII, a
/// type and a name (`int count`).
fn statement(text: &str) -> bool {
    if text.contains(['(', ')', '[', ']', '{', '}', '=', '"', '\'']) {
        return true;
    }
    let bytes = text.as_bytes();
    if bytes
        .windows(3)
        .any(|w| w[0].is_ascii_alphanumeric() && w[1] == b'.' && w[2].is_ascii_alphabetic())
    {
        return true;
    }
    if matches!(text, "break" | "continue" | "return") {
        return true;
    }
    let mut words = text.split(' ');
    if matches!(
        (words.next(), words.next(), words.next()),
        (Some(a), Some(b), None) if !a.is_empty() && !b.is_empty() && [a, b].iter().all(|w| w.bytes().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'_' || c == b'*'))
    ) {
        return true;
    }
    declaration(text)
}

/// Whether `text` (a line without its final `;`) declares names of a type
/// as C and its kin write it: a type, then names separated by commas. A
/// type of C's own shape (capitals and digits, four or more, with a
/// digit: `CARD16`, `INT8`; or ending in `_t`: `uint32_t`) takes any
/// lowercase names (`CARD16 width, height`, `INT16 x, y`); another type
/// (`Window`, `XtPointer`) only names that no word has: `_` in them
/// (`num_args`) or camel case, a capital after two small letters
/// (`parentWindow`, `xfixesReqType`). Not a word before a word (`Window
/// window`, `USA today`), a number's name (`F1 news`, `MP3 player`, `G20
/// leaders`) or a brand (`Apple iPhone`, `Nintendo eShop`).
fn declaration(text: &str) -> bool {
    let Some((kind, names)) = text.split_once(' ') else {
        return false;
    };
    let ascii_name = |w: &str| {
        w.bytes()
            .next()
            .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
            && w.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
    };
    if !ascii_name(kind) {
        return false;
    }
    let c_type = kind.ends_with("_t")
        || (kind.len() >= 4
            && kind.bytes().any(|b| b.is_ascii_digit())
            && kind
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()));
    names.split(", ").all(|name| {
        let name = name.trim_start_matches('*');
        let lowercase = name
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_lowercase() || b == b'_');
        lowercase && ascii_name(name) && (c_type || no_word(name))
    })
}

/// Whether `name` (ASCII letters, digits and `_`) is an identifier no word
/// is: it holds `_`, or a capital after two small letters (`parentWindow`;
/// not `iPhone`, `eShop`).
fn no_word(name: &str) -> bool {
    let bytes = name.as_bytes();
    name.contains('_')
        || bytes.windows(3).any(|w| {
            w[0].is_ascii_lowercase() && w[1].is_ascii_lowercase() && w[2].is_ascii_uppercase()
        })
}

/// Whether `text` holds a sign of C and its kin that no page's text has:
/// a comment (`/*`, `*/`), a path of names (`llvm::omp`), an arrow between
/// names (`ptr->next`), or is [`code_line`]. Tells a template's copies
/// (the members of every struct of a header) from a listing's.
pub(crate) fn code_signs(text: &str) -> bool {
    text.contains("/*")
        || text.contains("*/")
        || text.contains("::")
        || text.as_bytes().windows(4).any(|w| {
            w[0].is_ascii_alphanumeric() && &w[1..3] == b"->" && w[3].is_ascii_alphabetic()
        })
        || code_line(text)
}

/// Whether `text` declares a function of C: a name with an underscore
/// inside or two humps of camelCase or more, then parentheses that hold
/// `void`, a first parameter with its type (`(xsltStylesheetPtr style)`,
/// `(const char * name,`), or nothing after a space (`xsltFreeLocales ()`).
/// An API reference's synopsis and details, each function with a line of
/// description, have the shape of a menu. Not a site's label with a count
/// or a note (`YouTube (2)`, `iPhone (new)`), nor a call without types, as
/// a table of contents of a library's functions lists them
/// (`fs.createReadStream(path[, options])`).
pub(crate) fn call_shaped(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b'(', bytes).any(|open| {
        let before = text[..open].trim_end_matches([' ', '\t']);
        let spaced = before.len() < open;
        let start = before
            .bytes()
            .rposition(|b| !(b.is_ascii_alphanumeric() || b == b'_'))
            .map_or(0, |at| at + 1);
        let name = &before.as_bytes()[start..];
        if name.len() < 4 || !name[0].is_ascii_alphabetic() && name[0] != b'_' {
            return false;
        }
        let underscore = name[1..name.len() - 1].contains(&b'_');
        let humps = name
            .windows(2)
            .filter(|pair| pair[0].is_ascii_lowercase() && pair[1].is_ascii_uppercase())
            .count();
        if !underscore && humps < 2 {
            return false;
        }
        let rest = &text[open + 1..];
        let first = rest[..rest.find([',', ')']).unwrap_or(rest.len())].trim();
        let typed = first.split_ascii_whitespace().count() >= 2
            && first
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'*' | b' ' | b'\t'));
        (first.is_empty() && spaced && rest.trim_start().starts_with(')'))
            || first == "void"
            || typed
    })
}

/// Whether `text` is a list of names joined by `::` and nothing else
/// (`admin::package-management, devel::lang:ruby,`): a package's tags, no
/// teaser's headline (`std::move or std::forward` has words too).
pub(crate) fn joined_names_only(text: &str) -> bool {
    let mut names = 0;
    for item in text
        .split(',')
        .map(str::trim)
        .filter(|item| !item.is_empty())
    {
        if item.contains(char::is_whitespace) || !joined_names(item) {
            return false;
        }
        names += 1;
    }
    names > 0
}

/// Whether `text` joins two names with `::` (`admin::package-management`,
/// `std::io`): a tag's or a path's in code.
fn joined_names(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memmem::find_iter(bytes, b"::").any(|at| {
        at > 0
            && bytes[at - 1].is_ascii_alphanumeric()
            && bytes.get(at + 2).is_some_and(u8::is_ascii_alphanumeric)
    })
}

/// Whether `text` is shaped as a program's output is: it has a sign of a
/// path, a setting or a listing (`/ = _ * | @ ~ $ < > [ ] { } \` or a
/// backtick), a dot inside a word or a number (`ssl.conf`, `1.22.1-9`), or
/// it is a field's name and a number (`Pin-Priority: 1001`) or a field's
/// name alone (`limnoria:`, `Version table:`). Not a site's line of words,
/// a count or a label (`Up`, `Page 1 of 3`, `Comments (0)`, `© 2024
/// Example`, `Previous: Installing nginx`).
pub(crate) fn output_shaped(text: &str) -> bool {
    let line = text.trim();
    let bytes = line.as_bytes();
    let signed = bytes.iter().enumerate().any(|(at, &b)| match b {
        b'/' | b'=' | b'_' | b'*' | b'|' | b'@' | b'~' | b'$' | b'<' | b'>' | b'[' | b']'
        | b'{' | b'}' | b'\\' | b'`' => true,
        b'.' => {
            at > 0
                && bytes[at - 1].is_ascii_alphanumeric()
                && bytes.get(at + 1).is_some_and(u8::is_ascii_alphanumeric)
        }
        _ => false,
    });
    if signed {
        return true;
    }
    match line.split_once(':') {
        Some((field, "")) => words_up_to(field, 4) <= 3,
        Some((field, value)) => {
            !field.contains(char::is_whitespace)
                && value.trim_start().starts_with(|c: char| c.is_ascii_digit())
        }
        None => false,
    }
}

/// Whether `text` is a command typed at a shell's prompt: `$ ` or `# `,
/// alone or after `user@host:dir`, and then a command's name in
/// lowercase (`$ apt-cache policy limnoria`, `# adduser openldap
/// ssl-cert`, `me@box:~$ ls`). A session's output follows it, lines that
/// repeat and stand after the last paragraph as residue does (`Installed:
/// 2021.06.15-1`). Not a heading in Markdown (`# Installation`, `#
/// notes`: after `#` the command or an argument holds a digit or one of
/// `- _ . / =`), a price (`$ 20`) or a setting's comment (`# TAG:
/// localip`); nor zsh's `% `, which begins text as well (`% of readers`).
pub(crate) fn shell_prompt(text: &str) -> bool {
    let line = text.trim_start();
    let bytes = line.as_bytes();
    let command = match bytes {
        [b'$' | b'#', b' ', ..] => &line[2..],
        _ => {
            // `user@host:dir$ `: no space before the prompt's sign.
            let Some(end) = bytes.iter().take(64).position(|&b| b == b' ' || b == b'\t') else {
                return false;
            };
            let (prompt, rest) = line.split_at(end);
            let Some(host) = prompt
                .strip_suffix('$')
                .or_else(|| prompt.strip_suffix('#'))
            else {
                return false;
            };
            let Some((user, place)) = host.split_once('@') else {
                return false;
            };
            if user.is_empty() || !place.contains(':') {
                return false;
            }
            &rest[1..]
        }
    };
    let mut tokens = command.split(' ');
    let name = tokens.next().unwrap_or("");
    // A program by its path (`./configure`, `/usr/bin/env`, `~/bin/run`).
    let name = name.trim_start_matches(['.', '~', '/']);
    let command_name = name.as_bytes().first().is_some_and(u8::is_ascii_lowercase)
        && name.bytes().all(|b| {
            b.is_ascii_lowercase()
                || b.is_ascii_digit()
                || matches!(b, b'-' | b'_' | b'.' | b'+' | b'/')
        });
    // After `#`, which heads a section in Markdown too (`# notes`, `# more
    // from the blog`), the command or one of its arguments has a sign of
    // code: a digit, `-`, `_`, `.`, `/` or `=` (`# a2enmod ssl`, `#
    // systemctl restart apache2`, `# adduser openldap ssl-cert`).
    let coded = |token: &str| {
        token
            .bytes()
            .any(|b| b.is_ascii_digit() || matches!(b, b'-' | b'_' | b'.' | b'/' | b'='))
    };
    command_name && (bytes.first() != Some(&b'#') || coded(name) || tokens.any(coded))
}

/// The most words a log's record header has: a date, a name of a few
/// words and a mail address (`2022-04-15  Jane Q. Doe  <jane@example.org>`,
/// ` -- Jane Doe <jane@example.org>  Sun, 25 Dec 2022 12:00:00 +0100`).
pub(crate) const LOG_HEADER_WORDS: usize = 16;

/// Whether `text` is the header of a record of a log: a line of at most
/// [`LOG_HEADER_WORDS`] words with a mail address in angle brackets (a
/// commit's `Author: Jane Doe <jane@example.org>`, a GNU ChangeLog entry's
/// `2022-04-15  Jane Doe  <jane@example.org>`, a Debian changelog's ` --
/// Jane Doe <jane@example.org>  Sun, 25 Dec 2022 …`, a message's `From:`),
/// or a commit's `commit` and its hash (7 to 40 hexadecimal digits). Such
/// a line recurs through a changelog as its structure, and a log's last
/// entries stand after its last paragraph, where residue stands; a page's
/// residue carries no address in brackets (a scraper keeps the text of a
/// `mailto:` link, not the link).
pub(crate) fn log_header(text: &str) -> bool {
    let line = text.trim();
    if let Some(hash) = line.strip_prefix("commit ") {
        let hash = hash.split(' ').next().unwrap_or("");
        return (7..=40).contains(&hash.len())
            && hash
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    }
    // The address's `@` is looked for first, at the speed of `memchr` (the
    // page asks this of every line of up to LOG_HEADER_WORDS words).
    if memchr::memchr(b'@', line.as_bytes()).is_none()
        || words_up_to(line, LOG_HEADER_WORDS + 1) > LOG_HEADER_WORDS
    {
        return false;
    }
    line.split('<').skip(1).any(|rest| {
        let Some((address, _)) = rest.split_once('>') else {
            return false;
        };
        let Some((local, domain)) = address.split_once('@') else {
            return false;
        };
        !local.is_empty()
            && !local.contains(char::is_whitespace)
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && domain
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-'))
    })
}

/// Whether `text` is nothing but references: links (`https://…`,
/// `<https://…>`, `www.…`), an issue's number (`#19687`), a CVE's name
/// (`CVE-2017-18018`), a manual page (`sane-scsi(5)`) or a variable
/// (`$write_bcc`), one or more; a setting's bare name (`sidebar_whitelist`)
/// only beside one of those. A headline (`See also: Ten ways to …`), a
/// year (`2024`), a name with a number (`COVID-19`, `GPT-4`), a slug
/// (`my_new_post`), a count (`Comments(5)`), a ticker (`$TSLA`) or text in
/// a script without spaces (`2024年…`) is none.
pub(crate) fn reference_only(text: &str) -> bool {
    let mut tokens = text.split_whitespace().peekable();
    let mut clear = false;
    tokens.peek().is_some()
        && tokens.all(|token| {
            let token = token.trim_end_matches([',', ';', '.']);
            if bare_setting(token) {
                return true;
            }
            clear = true;
            if manual_page(token) || variable(token) {
                return true;
            }
            let token = token.trim_matches(|c: char| {
                matches!(c, '<' | '>' | '(' | ')' | '[' | ']' | ',' | ';' | '.')
            });
            let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
            token.contains("://")
                || token.starts_with("www.")
                || token.strip_prefix('#').is_some_and(digits)
                || token.strip_prefix("CVE-").is_some_and(|id| {
                    id.split_once('-')
                        .is_some_and(|(year, n)| year.len() == 4 && digits(year) && digits(n))
                })
        })
        && clear
}

/// Whether `token` names a manual page: a program's name in lowercase and
/// its section in brackets (`sane-scsi(5)`, `flog(1)`, `openssl(1ssl)`;
/// not a count, `Comments(5)`).
fn manual_page(token: &str) -> bool {
    let Some((name, section)) = token.strip_suffix(')').and_then(|t| t.split_once('(')) else {
        return false;
    };
    name.starts_with(|c: char| c.is_ascii_lowercase())
        && name.bytes().all(|b| {
            b.is_ascii_lowercase()
                || b.is_ascii_digit()
                || matches!(b, b'-' | b'_' | b'.' | b':' | b'+')
        })
        && section.starts_with(|c: char| c.is_ascii_digit())
        && section.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// Whether `after`, the text right after a `$`, names a variable: a
/// letter, `_` or `{` (`$HOME`, `$_`, `${name}`), not a price (`$5`).
pub(crate) fn starts_variable(after: &[u8]) -> bool {
    after
        .first()
        .is_some_and(|&b| b.is_ascii_alphabetic() || matches!(b, b'_' | b'{'))
}

/// Whether `token` is a variable: `$` and a name with a small letter or an
/// underscore (`$sidebar_width`, `${HOME_DIR}`; not a ticker, `$TSLA`).
fn variable(token: &str) -> bool {
    let Some(name) = token.strip_prefix('$') else {
        return false;
    };
    let braced = name.trim_start_matches('{').trim_end_matches('}');
    starts_variable(name.as_bytes())
        && !braced.starts_with(|c: char| c.is_ascii_digit())
        && !braced.is_empty()
        && braced
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_')
        && braced.bytes().any(|b| b.is_ascii_lowercase() || b == b'_')
}

/// Whether `token` is a setting's bare name: small letters and digits
/// joined by `_` (`sidebar_whitelist`).
fn bare_setting(token: &str) -> bool {
    token.starts_with(|c: char| c.is_ascii_lowercase())
        && token.trim_matches('_').contains('_')
        && token
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// Whether `word` is the name of a constant or a setting: capitals and
/// digits, a capital first, with a `_` between two capitals
/// (`MAX_MEMBERS_PER_GROUP`, `PASS_MAX_DAYS`; not `COVID_19`, `_`, `A_`).
fn constant_name(word: &str) -> bool {
    let bytes = word.as_bytes();
    bytes.first().is_some_and(u8::is_ascii_uppercase)
        && bytes
            .iter()
            .all(|&b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
        && bytes
            .windows(3)
            .any(|w| w[0].is_ascii_uppercase() && w[1] == b'_' && w[2].is_ascii_uppercase())
}

/// Whether `name` is shaped as a program's identifier rather than a word:
/// it holds `_`, `.` or a digit, a capital after its first letter
/// (`setTimeout`), or is one or two letters (`x`, `os`).
fn identifier(name: &str) -> bool {
    name.len() <= 2
        || name
            .bytes()
            .any(|b| matches!(b, b'_' | b'.') || b.is_ascii_digit())
        || name.bytes().skip(1).any(|b| b.is_ascii_uppercase())
}

/// Whether `text` ends in a colon (a label or the lead-in of a list).
pub(crate) fn ends_colon(text: &str) -> bool {
    text.trim_end().ends_with([':', '：'])
}

/// Whether `text` starts with a list marker: a bullet or dash, or `1.`,
/// `1)`, `a)`, `(1)`, `[1]`, followed by a space.
pub(crate) fn list_marker(text: &str) -> bool {
    let mut chars = text.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if matches!(
        first,
        '-' | '*' | '•' | '·' | '–' | '—' | '▪' | '►' | '‣' | '◦'
    ) {
        return chars.next() == Some(' ');
    }
    let bytes = text.as_bytes();
    let (open, close) = match bytes[0] {
        b'(' => (1, b')'),
        b'[' => (1, b']'),
        _ => (0, 0),
    };
    let digits = bytes[open..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    let letter = digits == 0
        && open == 0
        && bytes.get(1).is_some_and(|b| matches!(b, b'.' | b')'))
        && bytes[0].is_ascii_lowercase();
    if letter {
        return bytes.get(2) == Some(&b' ');
    }
    if !(1..=3).contains(&digits) {
        return false;
    }
    let after = open + digits;
    let closed = if open == 1 {
        bytes.get(after) == Some(&close)
    } else {
        bytes.get(after).is_some_and(|b| matches!(b, b'.' | b')'))
    };
    closed && bytes.get(after + 1) == Some(&b' ')
}

/// Whether `text` holds a separator of menu items or breadcrumbs (` | `,
/// ` · `, ` • `, ` / `, ` › `, `»`, `>>`).
pub(crate) fn has_separator(text: &str) -> bool {
    let bytes = text.as_bytes();
    if memchr::memchr(b'|', bytes).is_some() || text.contains(">>") {
        return true;
    }
    if bytes.is_ascii() {
        return text.contains(" / ") || text.contains(" > ");
    }
    text.contains(['»', '›', '·', '•']) || text.contains(" / ") || text.contains(" > ")
}

/// Whether `text` is a short line glued from repeated parts: the same words
/// twice (`Share Share`, `Latest Stories Latest Stories`), the same characters twice
/// (`MenuMenu`), or a capitalised word glued to a lowercase one that
/// repeats an earlier part (`Follow us on InstagramFollow`).
pub(crate) fn glued(text: &str) -> bool {
    let t = text.trim();
    if t.len() > 120 {
        return false;
    }
    let half = t.len() / 2;
    if t.len() >= 6 && t.len() % 2 == 0 && t.is_char_boundary(half) && t[..half] == t[half..] {
        return true;
    }
    if let Some((a, b)) = t.split_at_checked(half) {
        // "Latest Stories Latest Stories": two halves around one space.
        if let Some(b) = b.strip_prefix(' ') {
            if a == b && !a.is_empty() {
                return true;
            }
        }
        if let Some(a) = a.strip_suffix(' ') {
            if a == b && !a.is_empty() {
                return true;
            }
        }
    }
    // A lowercase letter followed by a capitalised word whose start already
    // appeared: "InstagramTwitter" is not, "Follow us on InstagramFollow" is.
    let bytes = t.as_bytes();
    for i in 1..bytes.len().saturating_sub(2) {
        if bytes[i - 1].is_ascii_lowercase()
            && bytes[i].is_ascii_uppercase()
            && bytes[i + 1].is_ascii_lowercase()
        {
            let word: usize = bytes[i..]
                .iter()
                .take_while(|b| b.is_ascii_alphabetic())
                .count();
            if word >= 4 {
                let start = &bytes[i..i + 4];
                let before = &bytes[..i];
                if before.windows(4).any(|w| w.eq_ignore_ascii_case(start)) {
                    return true;
                }
            }
        }
    }
    false
}

/// Whether `text` has a lowercase letter directly followed by a capitalised
/// word (`FacebookTwitter`, `Skip to contentSkip`): words glued where the
/// page put them side by side.
pub(crate) fn camel_glued(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.windows(3).any(|w| {
        w[0].is_ascii_lowercase() && w[1].is_ascii_uppercase() && w[2].is_ascii_lowercase()
    })
}

/// Whether `text` is a counter: a number and a word or two (`12 comments`,
/// `Comments (3)`, `5 replies`, `1.2k shares`), four words at most.
pub(crate) fn counter(text: &str, words: usize) -> bool {
    if words > 4 || words == 0 {
        return false;
    }
    let t = text.trim_matches(|c: char| !table::is_alphanumeric(c));
    let digits_at_start = t.starts_with(|c: char| c.is_ascii_digit());
    let digits_at_end = t.ends_with(|c: char| c.is_ascii_digit())
        || text.trim_end().ends_with(')') && text.contains('(') && text.contains(table::is_numeric);
    let letters = t.chars().filter(|&c| table::is_alphabetic(c)).count();
    letters >= 2 && (digits_at_start || digits_at_end) && t.chars().any(|c| c.is_ascii_digit())
}

/// Whether `text` has no more than one letter: a lone number, letter or
/// symbol (pagination, an A–Z index, a vote count).
pub(crate) fn lone_token(text: &str) -> bool {
    let mut letters = 0;
    for c in text.chars() {
        if table::is_alphabetic(c) {
            letters += 1;
            if letters > 1 {
                return false;
            }
        }
    }
    true
}

/// Whether `line` is made of files' paths or patterns of paths alone, one
/// or several (`man3/list.3 man3/queue.3`): words with a wildcard beside
/// a slash or before a dot (`debian/*`, `*.txt`); lowercase words with two
/// slashes (or backslashes) or more (`libs/log/doc`) or starting `/`, `./`,
/// `~/` (`/etc/hosts`); words with a slash and a lowercase file name's
/// extension, in a lowercase folder or with two slashes (`src/main.rs`,
/// `man3/LIST_EMPTY.3`, `X11/extensions/dmxproto.h`). Menu labels are none: one slash between
/// two words or capitalised words between slashes (`Heartburn/GERD`,
/// `Film/TV/Games`, `Damen/Herren/Kinder`, `React/Next.js`), a breadcrumb
/// with spaces (`Home / News`), a domain or a URL (`example.com`,
/// `https://example.com/a/b`).
pub(crate) fn path_like(line: &str) -> bool {
    let mut words = line.split_whitespace().peekable();
    words.peek().is_some() && words.all(path_word)
}

/// Whether `word` is a file's path or a pattern of paths (see
/// [`path_like`]).
fn path_word(word: &str) -> bool {
    if word.contains("://") {
        return false;
    }
    if word.contains("/*") || word.contains("*/") || word.contains("*.") {
        return true;
    }
    let upper = word.chars().any(char::is_uppercase);
    let slashes = word.bytes().filter(|&b| b == b'/' || b == b'\\').count();
    let rooted = word.starts_with('/') || word.starts_with("./") || word.starts_with("~/");
    let extension = word.rsplit_once('.').is_some_and(|(name, ext)| {
        !name.ends_with(['/', '\\'])
            && (1..=5).contains(&ext.len())
            && ext
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    });
    if !upper && (slashes >= 2 || (rooted && slashes >= 1)) {
        return true;
    }
    // A capital in the file's name is a path's (`man3/LIST_EMPTY.3`), in
    // the first word a label's (`React/Next.js`).
    let folder = word.split(['/', '\\']).next().unwrap_or("");
    slashes >= 1
        && extension
        && (slashes >= 2 || !folder.is_empty() && !folder.chars().any(char::is_uppercase))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_told_from_headlines() {
        for reference in [
            " https://bugs.example.org/show_bug.cgi?id=1234",
            " <https://lists.example.org/r/devel/2019-05/msg00017.html>",
            " CVE-2017-18018",
            " #19687, #19688",
            " www.example.org/notes",
            " https://example.org/rfc7231 (#12)",
            " sane-scsi(5)",
            " flog(1), tm(1)",
            " $sidebar_short_path, $sidebar_folder_indent, $sidebar_delim_chars.",
            " sidebar_whitelist, $sidebar_width",
            " openssl(1ssl)",
        ] {
            assert!(reference_only(reference), "{reference:?}");
        }
        for headline in [
            " Ten ways to bake bread at home",
            " The 2024 budget, explained",
            " iPhone 15 review",
            " ",
            " 10 Tips",
            " Bug 1234 fixed",
            " 2024",
            " COVID-19",
            " GPT-4, 5G",
            " CVE-2024",
            " #",
            " 2024年全市供水管网改造计划公布",
            " 5G基站建设进展",
            " «COVID-19»",
            " Apple (5)",
            " (5)",
            " $5",
            " _",
            " my blog",
            " Top 10 (2024)",
            " sidebar_whitelist.",
            " my_new_post",
            " top_10_gadgets, best_of_2024",
            " Best_Deals_2024",
            " Comments(5)",
            " Gallery(12)",
            " $TSLA",
            " $AAPL, $MSFT",
        ] {
            assert!(!reference_only(headline), "{headline:?}");
        }
    }

    #[test]
    fn calls_are_told_from_labels_with_a_count() {
        for call in [
            "void\txsltShutdownExts\t\t(xsltStylesheetPtr style)",
            "xsltFreeLocales ()",
            "int exsltSetsXpathCtxtRegister (xmlXPathContextPtr ctxt,",
            "g_object_unref (GObject *object);",
            "xsltDecimalFormatPtr xsltDecimalFormatGetByName (xsltStylesheetPtr style, xmlChar * name)",
        ] {
            assert!(call_shaped(call), "{call:?}");
        }
        for other in [
            "YouTube (2)",
            "iPhone (new)",
            "Contact_us",
            "Comments (12)",
            "Log in (or sign up)",
            "(x_y)",
            "Registers the test module",
            "PowerPoint (pptx)",
            "fs.createReadStream(path[, options])",
            "Transferring with postMessage()",
            "getElementById(id)",
        ] {
            assert!(!call_shaped(other), "{other:?}");
        }
    }

    #[test]
    fn names_joined_by_two_colons_are_told_from_a_time_and_a_label() {
        for joined in [
            "admin::package-management, devel::lang:ruby",
            "use std::io;",
            "a::b",
        ] {
            assert!(joined_names(joined), "{joined:?}");
        }
        for other in [
            "10:30",
            "Note:: see below",
            "::",
            "a ::b",
            "Ratio 2::",
            "Read more: the story",
        ] {
            assert!(!joined_names(other), "{other:?}");
        }
        assert!(joined_names_only(
            " admin::package-management, devel::lang:ruby, hardware::storage,"
        ));
        for headline in [
            " std::vector or std::list, which one to pick",
            " Was std::move wirklich tut",
            " admin::package-management and more",
            " ",
            "",
        ] {
            assert!(!joined_names_only(headline), "{headline:?}");
        }
    }

    #[test]
    fn output_is_told_from_a_line_of_words() {
        for output in [
            "Installed: 2021.06.15-1",
            "Module authz_core already enabled",
            "Writing new private key to 'ssl.key'",
            "100 /var/lib/dpkg/status",
            "*** 1.22.1-9 500",
            "Setting up nginx (1.22.1-9) ...",
            "Pin-Priority: 1001",
            "limnoria:",
            "Version table:",
        ] {
            assert!(output_shaped(output), "{output:?}");
        }
        for words in [
            "Up",
            "Home",
            "Zum Anfang",
            "Data Base Updated",
            "Enabling module ssl.",
            "Наверх",
            "上に戻る",
            "Page 1 of 3",
            "Comments (0)",
            "© 2024 Example Docs",
            "Previous: Installing nginx",
            "Follow us: Twitter",
            "Older posts (12)",
            "Posted on: 12 May 2024",
        ] {
            assert!(!output_shaped(words), "{words:?}");
        }
    }

    #[test]
    fn shell_prompts_are_told_from_headings_prices_and_comments() {
        for command in [
            "$ apt-cache policy nginx",
            "# adduser openldap ssl-cert",
            "  $ ls -l test.txt",
            "me@box:~$ git status",
            "root@server:/etc/apt# apt update",
            "$ ./configure --prefix=/usr",
            "$ python3 -m venv .venv",
            "# a2enmod ssl",
            "# systemctl restart apache2",
        ] {
            assert!(shell_prompt(command), "{command:?}");
        }
        for other in [
            "# Installation",
            "# TAG: localip",
            "$ 20 off your first order",
            "$20",
            "#hashtag",
            "$",
            "# ",
            "Price: $ 20",
            "me@box:~ $ ls",
            "@home:$ ls",
            "mail me at jane@example.org$ now",
            "% of readers",
            "# notes",
            "# more from the blog",
            "% make -j4",
            "$ Ñandú",
        ] {
            assert!(!shell_prompt(other), "{other:?}");
        }
    }

    #[test]
    fn log_headers_are_told_from_labels_and_mail_in_words() {
        for header in [
            "Author: Jane Doe <jane.doe@example.org>",
            "2022-04-15  Jane Q. Doe  <jdoe@mail.example.net>",
            " -- Jane Doe <jane@example.org>  Sun, 25 Dec 2022 12:00:00 +0100",
            "From: Иван Петров <ivan@пример.рф>",
            "Signed-off-by: J. Random Hacker <jrh@example-mail.com>",
            "commit 3f1c2a9",
            "commit 3f1c2a9b0d4e5f60718293a4b5c6d7e8f9012345",
            "commit 3f1c2a9b0d4e (HEAD -> main)",
        ] {
            assert!(log_header(header), "{header:?}");
        }
        for other in [
            "Contact: jane@example.org",
            "Write to us at info@example.org",
            "Author: Jane Doe",
            "<jane@localhost>",
            "a <b@c.> d",
            "Follow @example on <Twitter>",
            "commit to the plan",
            "commit 12345678901234567890123456789012345678901",
            "commit 3F1C2A9",
            "x < y and z@w.org > v",
            "Questions about this release, its schedule, the packages it ships and how to upgrade go to <help@example.org> any time",
        ] {
            assert!(!log_header(other), "{other:?}");
        }
    }

    #[test]
    fn code_is_told_from_labels_headlines_and_sentences() {
        for code in [
            "});",
            "}",
            "],",
            "console.log(data);",
            "int main(void) {",
            "Local<Object> instance =",
            "\"heapSpaceStatistics\": [",
            "\"usedGlobalHandlesSize\": 2112,",
            "path.isAbsolute('/baz/../..'); // true",
            "const session = new Session();",
            "def main():",
            "return x",
            "#include <stdio.h>",
            "let timer;",
            "int count;",
            "CARD8 xfixesReqType;",
            "CARD16 width, height;",
            "CARD32 length;",
            "INT16 x, y;",
            "uint32_t *buffer;",
            "size_t len;",
            "XtPointer client_data;",
            "CARD8 reqType; /* X_Reply */",
            "Window parentWindow;",
            "break;",
            "list.appendChild(li);",
            "import os",
            "GROUP BY customer",
            "ORDER BY 2 DESC",
            "SELECT * FROM orders",
            "fi",
            "done",
            "MAX_MEMBERS_PER_GROUP",
            "PASS_MAX_DAYS PASS_MIN_DAYS PASS_WARN_AGE",
            "LC_ALL",
        ] {
            assert!(code_line(code), "{code}");
        }
        for other in [
            "// Type your email address",
            "\"We missed a chance to be a leader\": Can Reddit change?",
            "Share this article",
            "Related: Why the river flooded twice this spring",
            "the right to appeal the decision within thirty days;",
            "Constance Wu stars as the lead (Reuters)",
            "Import duties rose again in March.",
            "return to the home page",
            "return home",
            "export orders",
            "FROM OUR PARTNERS",
            "From our partners",
            "WHERE TO BUY",
            "Done",
            "Impressum; Datenschutz; Kontakt;",
            "Privacy policy; Terms of use; Cookie settings;",
            "Configurar;",
            "USA today;",
            "BBC news;",
            "Window window;",
            "Paris, London;",
            "Kontakt; Impressum;",
            "MP3 Player;",
            "MP3 player;",
            "F1 news, results, standings;",
            "G20 leaders;",
            "Top10 rezepte;",
            "Covid19 updates;",
            "Apple iPhone, iPad, iMac;",
            "Nintendo eShop;",
            "Samsung s24;",
            "TV, radio;",
            "Photo credits: Reuters; /* AP */",
            "margin: 0; /* reset banner */",
            "Фото: ТАСС; /* архив */",
            "; /*",
            "window.dataLayer = window.dataLayer || [];",
            "googletag.enableServices();",
            "var ga = document.createElement('script');",
            "",
            "COVID_19",
            "NEW ARRIVALS",
            "SALE_",
            "_HOT_DEALS",
            "TOP_10 DEALS",
            "BREAKING NEWS_",
            "Max_Members",
        ] {
            assert!(!code_line(other), "{other}");
        }
    }

    #[test]
    fn stops_and_ellipses_end_a_line_where_quotes_and_arrows_do_not_stop_it() {
        for (line, stop, ellipsis) in [
            ("Loading...", true, true),
            ("Loading… ", true, true),
            ("More on that later.", true, false),
            ("Why?", true, false),
            ("相关阅读。", true, false),
            ("Related Stories »", false, false),
            ("“Quoted”", false, false),
            ("Most read", false, false),
            ("", false, false),
        ] {
            assert_eq!(ends_stop(line), stop, "{line}");
            assert_eq!(ends_ellipsis(line), ellipsis, "{line}");
        }
    }

    #[test]
    fn masks_of_64_bytes_mark_each_byte() {
        // Every byte value at the first and last position of the window
        // and of its blocks, and windows cut short by the end of the text.
        let text: Vec<u8> = (0..80u8).map(|i| b"ab 9,Z-"[usize::from(i) % 7]).collect();
        for b in 0..=255u8 {
            for at in [0, 7, 8, 31, 63] {
                let mut bytes = text.clone();
                bytes[at] = b;
                for len in [bytes.len(), 64, at + 1, 3] {
                    let bytes = &bytes[..len.min(bytes.len())];
                    let (alnum, other) = ascii_masks(bytes, 0);
                    for (i, byte) in bytes.iter().take(64).enumerate() {
                        assert_eq!(alnum >> i & 1 == 1, byte.is_ascii_alphanumeric());
                        assert_eq!(other >> i & 1 == 1, !byte.is_ascii());
                    }
                    let past = bytes.len().min(64);
                    if past < 64 {
                        assert_eq!((alnum | other) >> past, 0);
                    }
                }
            }
        }
    }

    #[test]
    fn eight_bytes_at_a_time_agree_with_one_at_a_time() {
        // The high bit of each byte a one-byte-at-a-time test marks.
        let mask = |bytes: &[u8; 8], test: fn(&u8) -> bool| {
            (0..8).fold(0u64, |m, k| m | (u64::from(test(&bytes[k])) << (8 * k + 7)))
        };
        // Every byte value at every position, among letters and digits of
        // both cases.
        for base in [*b"aZ09zA9q", *b"QwErTyUi", *b"01234567"] {
            for b in 0..=255u8 {
                for at in 0..8 {
                    let mut bytes = base;
                    bytes[at] = b;
                    let v = load8(&bytes, 0);
                    assert_eq!(
                        ascii_alnum(v),
                        mask(&bytes, u8::is_ascii_alphanumeric),
                        "{bytes:?}"
                    );
                    assert_eq!(
                        ascii_letters(v),
                        mask(&bytes, u8::is_ascii_alphabetic),
                        "{bytes:?}"
                    );
                    let alnum = bytes.iter().position(|b| !b.is_ascii_alphanumeric());
                    assert_eq!(
                        ascii_prefix(ascii_alnum(v)),
                        alnum.unwrap_or(8),
                        "{bytes:?}"
                    );
                }
            }
        }
        // Past the end: zeros, which are neither.
        assert_eq!(load8(b"Ab1", 0), u64::from_le_bytes(*b"Ab1\0\0\0\0\0"));
        assert_eq!(ascii_prefix(ascii_alnum(load8(b"Ab1", 0))), 3);
        assert_eq!(load8(b"Ab1", 3), 0);
        assert_eq!(load8(b"Ab1", 9), 0);
        assert_eq!(
            packed_lower(load8(b"HeLLo, world", 0), 5),
            load8(b"hello", 0)
        );
        assert_eq!(
            packed_lower(load8(b"ABCDEFGH", 0), 8),
            load8(b"abcdefgh", 0)
        );
        assert_eq!(packed_lower(load8(b"2024", 0), 4), load8(b"2024", 0));
    }

    #[test]
    fn words_counted_by_bit_masks_agree_with_a_byte_at_a_time() {
        // The count of the careful path (word starts, a byte at a time) on
        // text it would not send there, and where it stops past a limit.
        let one_at_a_time = |text: &str, limit: usize| {
            let mut words = 0;
            let mut previous_space = true;
            for chunk in text.as_bytes().chunks(64) {
                for &b in chunk {
                    let space = b == b' ' || b == b'\t';
                    words += usize::from(previous_space && !space);
                    previous_space = space;
                }
                if words > limit {
                    return words;
                }
            }
            words
        };
        // 3,000 random mixes of spaces, tabs, letters, a curly quote (E2,
        // no lead of the careful path), and the bytes one above a space or
        // a tab (`!`, U+0008: a zero-byte test that borrows across bytes
        // takes them for spaces after a space), at lengths around the 8-
        // and 64-byte steps, from a fixed seed.
        let pieces = [" ", "\t", "a", "Zz", "“", "é", " !", "\t\u{8}"];
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        for _ in 0..3000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let len = (seed % 150) as usize;
            let mut text = String::new();
            let mut state = seed;
            while text.len() < len {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1);
                text.push_str(pieces[(state >> 61) as usize]);
            }
            for limit in [0, 3, 10, 26, usize::MAX] {
                assert_eq!(
                    words_up_to(&text, limit),
                    one_at_a_time(&text, limit),
                    "{text:?} {limit}"
                );
            }
        }
        assert_eq!(words(&"word ".repeat(40)), 40);
        assert_eq!(words("a !"), 2);
        assert_eq!(words("a\t\u{8} !"), 3);
        // A lead of CJK or Thai sends the whole text to the careful count
        // (CJK characters in pairs), unless the limit was passed in an
        // earlier chunk of 64 bytes.
        assert_eq!(words(&format!("{}我要", "a ".repeat(40))), 41);
        assert_eq!(words_up_to(&format!("{}我要我要", "a ".repeat(40)), 10), 32);
        assert_eq!(
            words_up_to(&format!("我要我要 {}", "a ".repeat(40)), 10),
            11
        );
        assert_eq!(words("ตำรวจจับ คน"), 3);
        // Curly quotes (led by E2) beside a CJK character in the same eight
        // bytes and in another: the CJK character still sends the text there.
        assert_eq!(words("“a” 我要我要"), 3);
        assert_eq!(words("“quoted words” and 我要"), 4);
    }

    #[test]
    fn general_punctuation_has_no_letter_or_digit() {
        let letters: Vec<char> = ('\u{2000}'..='\u{2fff}')
            .filter(|&c| is_general_punctuation(c) && table::is_alphanumeric(c))
            .collect();
        assert!(letters.is_empty(), "{letters:?}");
        assert!(!is_general_punctuation('\u{2071}') && table::is_alphanumeric('\u{2071}'));
    }

    #[test]
    fn words_count_cjk_characters_in_pairs() {
        assert_eq!(words("  one two\tthree  "), 3);
        assert_eq!(words(""), 0);
        assert_eq!(words("وقالت السفارة، إنها"), 3);
        assert_eq!(words("我要分享"), 2);
        assert_eq!(words("这是一个很长的句子，有很多字。"), 7);
    }

    #[test]
    fn thai_and_its_neighbours_count_a_word_per_four_characters() {
        // 50 Thai characters: 13 words, a paragraph and a sentence without
        // a full stop; a short Thai label is neither.
        let sentence = "ตำรวจปิดถนนทุกสายรอบอาคารและอพยพผู้คนออกจากพื้นที่";
        assert_eq!(words(sentence), sentence.chars().count().div_ceil(4));
        assert!(is_paragraph(sentence) && ends_sentence(sentence));
        assert!(!ends_sentence("หน้าแรก") && !is_paragraph("หน้าแรก"));
        assert_eq!(words("ສະບາຍດີ ทดสอบ"), 2 + 2);
        // Devanagari shares the lead byte, not the count.
        assert_eq!(words("यह एक वाक्य है"), 4);
    }

    #[test]
    fn paragraphs_and_sentence_ends() {
        assert!(is_paragraph(
            "“Unfortunately, the number of victims may increase,” the agency said."
        ));
        assert!(is_paragraph("He said it was over.”"));
        assert!(!is_paragraph("With Post Wires"));
        assert!(ends_sentence("هل هذا صحيح؟"));
        assert!(ends_sentence("(Evgenia Novozhenina/Reuters)"));
        assert!(ends_sentence("「こんにちは」"));
        assert!(ends_sentence("Այսօր եղանակը շատ լավ է։"));
        assert!(is_paragraph("这是一个很长的句子，有很多很多的字。"));
    }

    #[test]
    fn list_markers() {
        assert!(list_marker("- item"));
        assert!(list_marker("• item"));
        assert!(list_marker("1. item"));
        assert!(list_marker("12) item"));
        assert!(list_marker("(3) item"));
        assert!(list_marker("[4] item"));
        assert!(list_marker("a) item"));
        assert!(!list_marker("2024. A year"));
        assert!(!list_marker("-item"));
        assert!(!list_marker("As it was"));
        assert!(!list_marker(""));
    }

    #[test]
    fn glued_lines() {
        assert!(glued("MenuMenu"));
        assert!(glued("Latest Stories Latest Stories"));
        assert!(glued("Follow us on InstagramFollow"));
        assert!(!glued("Couscous"));
        assert!(!glued("FacebookTwitter"));
        assert!(camel_glued("FacebookTwitter"));
        assert!(!camel_glued("Facebook Twitter"));
        assert!(!glued("é"));
    }

    #[test]
    fn counters_and_lone_tokens() {
        assert!(counter("12 comments", 2));
        assert!(counter("Comments (3)", 2));
        assert!(counter("5 replies", 2));
        assert!(!counter("In 2024 the city grew", 5));
        assert!(!counter("2024", 1));
        assert!(lone_token("2"));
        assert!(lone_token("A"));
        assert!(lone_token("»"));
        assert!(!lone_token("Go"));
    }

    #[test]
    fn separators() {
        assert!(has_separator("Home | News"));
        assert!(has_separator("Home » News"));
        assert!(has_separator("Home > News"));
        assert!(!has_separator("A/B testing"));
    }

    #[test]
    fn paths_and_labels_with_a_slash() {
        for path in [
            "debian/*",
            "*.txt",
            "*/zlib-1.2.11/*",
            "libs/config/configure",
            "tools/build/src/engine/jamgram.cpp",
            "src/main.rs",
            "/etc/hosts",
            "./configure",
            "~/.bashrc",
            "X11/extensions/dmxproto.h",
            "libfoo/*.so",
            "man3/CIRCLEQ_EMPTY.3 man3/CIRCLEQ_ENTRY.3 man3/CIRCLEQ_FIRST.3",
        ] {
            assert!(path_like(path), "{path}");
        }
        for label in [
            "Heartburn/GERD",
            "TV/Radio",
            "Home / News",
            "example.com",
            "Sale*",
            "README",
            "Arts/Entertainment",
            "Wirtschaft/Finanzen",
            "Film/TV/Games",
            "Film/TV/Streaming",
            "Ciné/Séries/TV",
            "Кино/ТВ/Сериалы",
            "Damen/Herren/Kinder",
            "DE/EN/FR",
            "S/M/L",
            "Jan/Feb/Mar",
            "React/Next.js",
            "C#/.NET",
            "https://nyti.ms/2fXyz12",
            "https://example.com/a/b",
            "Files: debian/*",
            "See src/main.rs for details",
            "",
        ] {
            assert!(!path_like(label), "{label}");
        }
    }
}
