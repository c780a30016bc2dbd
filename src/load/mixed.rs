//! Lines of a legacy encoding among UTF-8 lines: a file joined from
//! several, a database field in latin-1 inside a UTF-8 page. In UTF-8 that
//! is not valid (decided by its bytes being mostly UTF-8 or having UTF-8
//! lines, or by a byte-order mark), the lines that are no UTF-8 are decoded
//! in one legacy page, chosen by the lines of the first
//! [`SAMPLE_BYTES`](super::SAMPLE_BYTES) bytes (a [`LegacyPage`]), each line
//! only where it reads as text in it; a line of damaged UTF-8 keeps its
//! U+FFFD.

use super::{detect, model, DecidedBy, Encoding, LegacyLine, LegacyLog, MalformedLog};
use crate::unicode::alphabets::{self, Alphabet};
use crate::unicode::class::{ALPHABETIC, MARK, RARE};
use crate::unicode::table;

/// The legacy page of the lines of a UTF-8 document that are no UTF-8,
/// and how a line must read to be decoded in it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct LegacyPage {
    encoding: Encoding,
    judge: Judge,
}

/// How a line decoded in a [`LegacyPage`] must read.
#[derive(Clone, Copy, Debug)]
enum Judge {
    /// Mostly letters these languages write: the language the model read
    /// the lines as, or the languages of a page the model does not judge
    /// (Greek, Hebrew, Arabic, Thai, Vietnamese). None known: any letters,
    /// from [`MIN_UNJUDGED_BYTES`] bytes of 0x80 or more.
    Alphabets([Option<Alphabet>; 3]),
    /// Mostly common Chinese, Japanese or Korean characters (a multi-byte
    /// page, where random bytes decode to rare ones).
    Cjk,
}

/// The legacy page of the lines of `sample` (the first
/// [`SAMPLE_BYTES`](super::SAMPLE_BYTES) of a document) that are no UTF-8
/// and not mostly valid UTF-8 ([`mostly_valid`]), chosen by a vote: each of
/// them (but the ones shaped as damaged UTF-8, and the ones with one byte
/// beyond ASCII where others are left) that reads as text in the page the
/// detector finds for it alone votes for that page, and the page that reads
/// the most of their bytes as their own pages do wins. `None` without
/// votes, with fewer than [`MIN_PAGE_BYTES`] bytes of 0x80 or more for the
/// winner, or when half of the lines that could vote or more do not read
/// as text in it ([`legacy_line`]).
pub(crate) fn legacy_page(sample: &[u8]) -> Option<LegacyPage> {
    let candidates: Vec<&[u8]> = sample
        .split(|&b| b == b'\n' || b == b'\r')
        .filter(|line| super::utf8(line).is_none() && !mostly_valid(line))
        .collect();
    // The lines that may vote: not the ones shaped as damaged UTF-8 (one
    // byte a page leaves undefined rules it out), nor the ones with a
    // single byte beyond ASCII (as often a cut character:
    // `one_byte_reads`), unless no line is left.
    let unshaped: Vec<&[u8]> = candidates
        .iter()
        .copied()
        .filter(|line| !utf8_shaped(line))
        .collect();
    let mut voters = if unshaped.is_empty() {
        candidates
    } else {
        unshaped
    };
    if voters.iter().any(|line| high_bytes(line) > 1) {
        voters.retain(|line| high_bytes(line) > 1);
    }
    // Each line votes, with its bytes beyond ASCII, for the page the
    // detector finds for it alone, where it reads as text there: bytes that
    // are no text find a page too, and would turn the choice of the lines
    // read together (a byte a page leaves undefined rules it out).
    let mut ballots: Vec<Ballot> = Vec::with_capacity(voters.len());
    for &line in &voters {
        let (encoding, detection) = detect::legacy(line);
        if encoding == Encoding::UTF_8 {
            continue;
        }
        if let Some(text) = legacy_line(line, &LegacyPage::new(encoding, detection)) {
            ballots.push(Ballot {
                line,
                page: encoding,
                text,
                weight: high_bytes(line),
            });
        }
    }
    // The page that reads the most of them as their own pages do: a line
    // that two sibling pages read alike (Hungarian without `ő`, in
    // windows-1250 and windows-1252) backs both, one they read apart (with
    // `ő`) only its own.
    let mut winner: Option<(Encoding, usize)> = None;
    for (at, ballot) in ballots.iter().enumerate() {
        let page = ballot.page;
        if ballots[..at].iter().any(|earlier| earlier.page == page) {
            continue;
        }
        let weight: usize = ballots
            .iter()
            .filter(|other| {
                other.page == page
                    || super::decode_as(other.line, 0, page.0, DecidedBy::Detected).text
                        == other.text.as_str()
            })
            .map(|other| other.weight)
            .sum();
        if winner.is_none_or(|(_, best)| weight > best) {
            winner = Some((page, weight));
        }
    }
    let (encoding, weight) = winner?;
    if weight < MIN_PAGE_BYTES {
        return None;
    }
    // The language the model reads in the lines that chose the page,
    // together.
    let agreeing: Vec<&[u8]> = ballots
        .iter()
        .filter(|ballot| ballot.page == encoding)
        .map(|ballot| ballot.line)
        .collect();
    let (together, detection) = detect::legacy(&agreeing.join(&b'\n'));
    let page = LegacyPage::new(encoding, detection.filter(|_| together == encoding));
    // Most of the lines that could vote read as text in it: lines of bytes
    // that are no text and lines of damaged UTF-8 outnumbering the others
    // leave all to U+FFFD.
    let reading = voters
        .iter()
        .filter(|line| legacy_line(line, &page).is_some())
        .count();
    (reading * 2 > voters.len()).then_some(page)
}

/// A line's vote in [`legacy_page`]: the page the detector found for it,
/// its text there, and its bytes beyond ASCII.
struct Ballot<'a> {
    line: &'a [u8],
    page: Encoding,
    text: String,
    weight: usize,
}

/// How many bytes of 0x80 or more `line` has.
fn high_bytes(line: &[u8]) -> usize {
    line.iter().filter(|&&b| b >= 0x80).count()
}

impl LegacyPage {
    /// `encoding` with the judge of its lines: the alphabet of the language
    /// the model read (`detection`), or of the page's languages; common
    /// CJK characters for a multi-byte page.
    fn new(encoding: Encoding, detection: Option<super::Detection>) -> LegacyPage {
        let judge = if detect::is_multi_byte(encoding) {
            Judge::Cjk
        } else if let Some(model) = detection.and_then(|d| model::alphabet(d.language)) {
            Judge::Alphabets([Some(model), None, None])
        } else {
            let mut alphabets = [None; 3];
            for (slot, code) in alphabets.iter_mut().zip(page_languages(encoding)) {
                *slot = alphabets::of(code);
            }
            Judge::Alphabets(alphabets)
        };
        LegacyPage { encoding, judge }
    }
}

/// The languages (ISO 639-3) whose letters a single-byte page the model does
/// not judge is for; none for the others.
fn page_languages(encoding: Encoding) -> &'static [&'static str] {
    match encoding.name() {
        "windows-1253" | "ISO-8859-7" => &["ell"],
        "windows-1255" | "ISO-8859-8" | "ISO-8859-8-I" => &["heb", "yid"],
        "windows-1256" | "ISO-8859-6" => &["ara", "pes"],
        "windows-874" => &["tha"],
        "windows-1258" => &["vie"],
        _ => &[],
    }
}

/// Decodes UTF-8 that is not valid line by line: a valid line as it is; a
/// line that reads as text in `page` ([`legacy_line`]) in it, recorded in
/// `legacy`; any other line as UTF-8, each malformed sequence replaced by
/// U+FFFD and recorded in `malformed`. A line depends on `page` and on
/// nothing else, so a document decoded block by block (with the page of its
/// first block) comes out as decoded whole.
pub(crate) fn decode_utf8_by_lines(
    bytes: &[u8],
    base: usize,
    page: Option<&LegacyPage>,
    malformed: &mut MalformedLog,
    legacy: &mut LegacyLog,
) -> String {
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 8);
    let mut start = 0;
    while start < bytes.len() {
        // A line ends at a CR as at an LF (`\r\n` is two: the second is
        // empty), as a document read in blocks may be cut after either.
        let end =
            memchr::memchr2(b'\n', b'\r', &bytes[start..]).map_or(bytes.len(), |at| start + at + 1);
        let line = &bytes[start..end];
        if let Some(text) = super::utf8(line) {
            out.push_str(text);
            start = end;
            continue;
        }
        let body = line.strip_suffix(b"\n").unwrap_or(line);
        let body = body.strip_suffix(b"\r").unwrap_or(body);
        let decoded = page.and_then(|page| Some((legacy_line(body, page)?, page.encoding)));
        if let Some((text, encoding)) = decoded {
            legacy.push(LegacyLine {
                input_offset: base + start,
                len: body.len(),
                text_offset: out.len(),
                encoding,
            });
            out.push_str(&text);
            // The line break, ASCII.
            out.extend(line[body.len()..].iter().map(|&b| char::from(b)));
        } else {
            let listed = malformed.first.len();
            let text =
                super::decode::decode_whatwg(encoding_rs::UTF_8, line, base + start, malformed);
            // Their places in the line, made places in the text.
            for bad in &mut malformed.first[listed..] {
                bad.text_offset += out.len();
            }
            out.push_str(&text);
        }
        start = end;
    }
    out
}

/// Whether `line` (no UTF-8) looks like damaged UTF-8 rather than text of a
/// single-byte page: half of its malformed sequences at least are the
/// start of a UTF-8 character cut short (`\xF0\x9F\x8E`, an emoji that
/// lost its last byte), or it holds an encoded surrogate (CESU-8:
/// `\xED\xA0\xBD`) or modified UTF-8's NUL (`\xC0\x80`), or all its bytes
/// beyond ASCII are two or three continuation bytes in a row after no lead
/// (a character that lost its first byte: `\x9F\x98\x80`). A single-byte
/// page makes a cut sequence only where a letter meets a sign of
/// 0x80–0xBF (`т»` in windows-1251), among many single malformed bytes.
/// (Multi-byte pages make all of these shapes, and are judged otherwise.)
fn utf8_shaped(line: &[u8]) -> bool {
    let (mut chunks, mut cut) = (0usize, 0usize);
    for chunk in line.utf8_chunks() {
        let invalid = chunk.invalid();
        chunks += usize::from(!invalid.is_empty());
        cut += usize::from(invalid.len() >= 2);
    }
    if cut * 2 >= chunks {
        return true;
    }
    let continuation = |b: u8| b & 0xC0 == 0x80;
    let surrogate = line
        .windows(3)
        .any(|w| w[0] == 0xED && (0xA0..=0xBF).contains(&w[1]) && continuation(w[2]));
    let nul = line.windows(2).any(|w| w == b"\xC0\x80");
    let mut high = line.iter().enumerate().filter(|&(_, &b)| b >= 0x80);
    let first = high.next().map_or(0, |(at, _)| at);
    let count = 1 + high.count();
    let run = &line[first..line.len().min(first + count)];
    let lost_lead = (2..=3).contains(&count) && run.iter().all(|&b| continuation(b));
    surrogate || nul || lost_lead
}

/// Whether `line` holds more valid UTF-8 characters beyond ASCII than
/// chance makes: one for every [`CHANCE_CHARACTERS`] malformed sequences
/// (legacy bytes make one now and then, Shift_JIS and GBK often; damaged
/// UTF-8 is mostly valid characters: `caf\xC3\xA9 \xE9t\xE9` keeps its
/// U+FFFD).
fn mostly_valid(line: &[u8]) -> bool {
    let (mut valid, mut invalid) = (0usize, 0usize);
    for chunk in line.utf8_chunks() {
        valid += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    valid * CHANCE_CHARACTERS > invalid
}

/// `line` (no line break, no UTF-8) decoded in `page`, when it reads as
/// text there: no damaged UTF-8 ([`utf8_shaped`], [`mostly_valid`]), decoded
/// without error, and then, in a single-byte page: no letter of another
/// script glued to an ASCII letter, no capital beyond ASCII after a small
/// letter, every character beyond ASCII a letter, a mark or the
/// punctuation and signs of running text, letters among them at least as
/// many as signs (dashes and quotation marks aside, which may be all a
/// line holds), three in four at least ones the page's language writes
/// (all, in a line of a few), and a letter in a word (or alone, where that
/// language writes all of the line's: Italian `è`); in a multi-byte page,
/// mostly common Chinese, Japanese or Korean characters.
fn legacy_line(line: &[u8], page: &LegacyPage) -> Option<String> {
    if mostly_valid(line) || matches!(page.judge, Judge::Alphabets(_)) && utf8_shaped(line) {
        return None;
    }
    let decoded = super::decode_as(line, 0, page.encoding.0, DecidedBy::Detected);
    if decoded.malformed_count > 0 {
        return None;
    }
    let text = decoded.text.into_owned();
    let high = high_bytes(line);
    let reads = match page.judge {
        Judge::Cjk => {
            // Mostly characters of the page, not a Latin line with a few
            // of its letters read as ideographs (`relat\xF3rio
            // acad\xEAmico` is `relat鏎io acad瘱ico` in Big5).
            let wide = text.chars().filter(|c| !c.is_ascii()).count();
            let latin = text.bytes().filter(u8::is_ascii_alphabetic).count();
            high >= MIN_CJK_BYTES
                && wide * 2 >= latin
                && (!euc_shaped(page.encoding) || in_the_euc_rows(line))
                && detect::cjk_share(&text) >= detect::MIN_CJK_SHARE
        }
        Judge::Alphabets(alphabets) => {
            let known = alphabets.iter().any(Option::is_some);
            (known || high >= MIN_UNJUDGED_BYTES)
                && (high > 1 || one_byte_reads(&text, first_high(line), &alphabets))
                && reads_as_text(&text, &alphabets)
        }
    };
    reads.then_some(text)
}

/// Whether the one character beyond ASCII of `text` (a line with one byte
/// of 0x80 or more, `byte`) may be read: between two letters or digits
/// (`don’t`, `premi\xE8re`), or a small letter the language writes standing
/// as a word or ending one (Italian `\xE8`, `citt\xE0`), but for `â`, the
/// first byte of `’`, `“` and `”` (the characters most often cut in UTF-8).
/// One byte alone is as often a UTF-8 character that lost the rest, and is
/// left to U+FFFD otherwise (`\xE2`, `caf\xC3`).
fn one_byte_reads(text: &str, byte: u8, alphabets: &[Option<Alphabet>; 3]) -> bool {
    let Some(at) = text.find(|c: char| !c.is_ascii()) else {
        return false;
    };
    let c = text[at..].chars().next().unwrap_or(' ');
    let before = text[..at].chars().next_back();
    let after = text[at + c.len_utf8()..].chars().next();
    if before.is_some_and(char::is_alphanumeric) && after.is_some_and(char::is_alphanumeric) {
        return true;
    }
    let written = alphabets
        .iter()
        .flatten()
        .any(|alphabet| alphabet.writes(c));
    let ends_a_word = after.is_none_or(|after| !after.is_alphanumeric());
    byte != 0xE2 && c.is_lowercase() && table::is_alphabetic(c) && written && ends_a_word
}

/// Whether `encoding` is windows-949, which extends the rows of KS X 1001
/// (two bytes of 0xA1–0xFE) with the Hangul syllables that Korean hardly
/// writes, and damaged UTF-8 decodes into (`\xC3e`, `é` cut to its first
/// byte, is `홦`). (GBK's extension has the traditional characters, and the
/// rare ones among them are told by [`detect::cjk_share`].)
fn euc_shaped(encoding: Encoding) -> bool {
    encoding.name() == "EUC-KR"
}

/// Whether every character of `line` beyond ASCII is two bytes of
/// 0xA1–0xFE: in the rows of KS X 1001, where the common characters are.
fn in_the_euc_rows(line: &[u8]) -> bool {
    let row = |b: u8| (0xA1..=0xFE).contains(&b);
    let mut at = 0;
    while at < line.len() {
        if line[at] < 0x80 {
            at += 1;
        } else if row(line[at]) && line.get(at + 1).copied().is_some_and(row) {
            at += 2;
        } else {
            return false;
        }
    }
    true
}

/// The first byte of 0x80 or more of `line`, 0 for none.
fn first_high(line: &[u8]) -> u8 {
    line.iter().copied().find(|&b| b >= 0x80).unwrap_or(0)
}

/// Whether `text`, a line decoded in a single-byte page, reads as text in
/// the languages of `alphabets` ([`legacy_line`]).
fn reads_as_text(text: &str, alphabets: &[Option<Alphabet>; 3]) -> bool {
    let known = alphabets.iter().any(Option::is_some);
    let written = |c: char| {
        let small = c.to_lowercase().next().unwrap_or(c);
        !known
            || alphabets
                .iter()
                .flatten()
                .any(|alphabet| alphabet.writes(c) || alphabet.writes(small))
    };
    let (mut letters, mut signs, mut strange, mut quotes) = (0usize, 0usize, 0usize, 0usize);
    // Whether a letter beyond ASCII stands beside another letter: in a
    // word, not alone between spaces as bytes that are no text do
    // (`bad \xFF and \xFE`, `ÿ` and `þ` through windows-1252).
    let mut in_a_word = false;
    // Whether a quotation mark or dash stands beside a letter or digit
    // (`don’t`).
    let mut glued_quote = false;
    // Whether a letter beyond ASCII that stands alone is of another script
    // than Latin (`bad я and ю`, the same bytes through windows-1251).
    let mut lone_foreign = false;
    let mut previous = ' ';
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let before = std::mem::replace(&mut previous, c);
        let after = chars.peek().copied();
        if c.is_ascii() {
            // A letter of another script glued to an ASCII letter: a page of
            // another script (`k\xE0` of Lithuanian `ką` is `kа`, with a
            // Cyrillic `а`, through windows-1251).
            if c.is_ascii_alphabetic() && !latin_or_not_letter(before) {
                return false;
            }
            continue;
        }
        if before.is_ascii_alphabetic() && !latin_or_not_letter(c) {
            return false;
        }
        // A capital after a small letter: the lead byte of a UTF-8
        // character that lost the rest (`m\xC3ximo`, `Contribu\xC8ia`: the
        // leads C2-DF are latin-1's capitals), no word of a legacy page.
        if c.is_uppercase() && before.is_lowercase() {
            return false;
        }
        let entry = table::entry(c);
        // A mark stands on a letter (or on another mark): one after a
        // space or a sign is a letter of another page (`Г` of windows-1251
        // is windows-1255's point `ֳ`).
        let on_a_letter = |before: char| {
            let under = table::entry(before);
            before != ' ' && under & (ALPHABETIC | MARK) != 0
        };
        if entry & MARK != 0 && !on_a_letter(before) {
            return false;
        }
        // A currency sign right after a letter: a letter of another page
        // (`я` of windows-1251 is x-mac-cyrillic's `€`).
        if matches!(c, '€' | '£' | '¥' | '¢') && table::is_alphabetic(before) {
            return false;
        }
        if entry & (ALPHABETIC | MARK) != 0 && entry & RARE == 0 {
            let glued = table::is_alphabetic(before) || after.is_some_and(table::is_alphabetic);
            in_a_word |= glued;
            lone_foreign |= !glued && !latin_or_not_letter(c);
            strange += usize::from(!written(c));
            letters += 1;
        } else if quote_or_dash(c) {
            quotes += 1;
            glued_quote |= before.is_alphanumeric() || after.is_some_and(char::is_alphanumeric);
        } else if text_sign(c) {
            signs += 1;
        } else {
            return false;
        }
    }
    // A line of plain letters and quotation marks or dashes (English): one
    // of them beside a letter (`don’t`), or two.
    let quotes_only = letters == 0 && (quotes >= 2 || glued_quote);
    // Letters alone between spaces (Italian `è`) where the language's
    // alphabet has them all.
    let placed = in_a_word || known && strange == 0 && !lone_foreign;
    // Letters the language does not write: one in four at most (a foreign
    // name), none in a line of a few (`kh\xF4ng m\xE0` of Vietnamese reads
    // `khōng mą` through windows-1257).
    let foreign = match letters {
        0..FEW_LETTERS => strange > 0,
        _ => strange * 4 > letters,
    };
    quotes_only || placed && letters >= signs.max(1) && !foreign
}

/// Whether `c` is a Latin letter or no letter.
fn latin_or_not_letter(c: char) -> bool {
    let entry = table::entry(c);
    entry & ALPHABETIC == 0 || table::script_id(entry) == table::script::LATIN
}

/// Whether `c` is a dash, a quotation mark or an ellipsis of General
/// Punctuation, or a guillemet: what English lines in windows-1252 hold.
fn quote_or_dash(c: char) -> bool {
    matches!(
        c,
        '\u{2010}'..='\u{2027}' | '«' | '»' | '\u{2039}' | '\u{203A}'
    )
}

/// Below how many letters beyond ASCII a line must have only letters its
/// language writes ([`reads_as_text`]).
const FEW_LETTERS: usize = 4;

/// How many malformed sequences a line of a legacy encoding has for every
/// valid UTF-8 character beyond ASCII its bytes make by chance, at least
/// ([`mostly_valid`]).
const CHANCE_CHARACTERS: usize = 4;

/// How many bytes of 0x80 or more a line needs to be decoded in a page
/// whose languages are not known.
const MIN_UNJUDGED_BYTES: usize = 4;

/// How many bytes of 0x80 or more a line needs to be decoded in a
/// multi-byte page: two characters (one is as often damaged UTF-8).
const MIN_CJK_BYTES: usize = 4;

/// How many bytes of 0x80 or more the lines of a sample that are no UTF-8
/// need to choose a page (`It\x92s` alone says little).
const MIN_PAGE_BYTES: usize = 2;

/// Punctuation and signs that running text writes beyond ASCII (dashes and
/// quotation marks aside: [`quote_or_dash`]): the per mille, the euro,
/// numero and trade mark signs, inverted marks, the degree, section,
/// copyright and currency signs, a few of arithmetic, superscript digits
/// and fractions, the no-break space, and CJK and full-width punctuation.
fn text_sign(c: char) -> bool {
    matches!(c,
        '\u{2030}' | '\u{20AC}' | '\u{2116}'
        | '\u{2122}' | '\u{A0}' | '¡' | '¢' | '£' | '¥' | '§' | '©' | '®' | '°' | '±'
        | '²' | '³' | '´' | 'µ' | '·' | '¹' | '¼' | '½' | '¾' | '¿' | '×' | '÷'
        | '\u{3000}'..='\u{303F}' | '\u{FF01}'..='\u{FF60}')
}
