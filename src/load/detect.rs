//! Guessing an encoding from the bytes alone.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::Encoding;

use super::{korean, model, Detection, SourceEncoding};
use crate::unicode::class::{COMBINING, CONTROL, PRIVATE_USE, RARE};
use crate::unicode::table;

/// How many bytes the zero-byte pattern looks at, and at most how many the
/// share of valid UTF-8 does (the loader passes it fewer: its own sample).
const ZERO_SAMPLE_BYTES: usize = 64 * 1024;

/// How many zero bytes, at least, make a UTF-16 or UTF-32 pattern: a few
/// stray NULs in a short text are damage, not an encoding.
const MIN_ZEROS: usize = 8;

/// UTF-16 or UTF-32 without a byte-order mark, recognised by where the zero
/// bytes fall: text in those encodings has a zero byte in most code units of
/// ASCII characters (spaces, digits, punctuation, line breaks), always at the
/// same position in the unit, while no other encoding of text has zero bytes
/// at all.
///
/// UTF-32 is taken when the two high bytes of every unit are zero; UTF-16
/// when at least a tenth of the units have a zero on one side and almost
/// none on the other. The caller still checks that the whole input decodes.
pub(crate) fn wide_encoding(bytes: &[u8]) -> Option<SourceEncoding> {
    let sample = &bytes[..bytes.len().min(ZERO_SAMPLE_BYTES)];
    if sample.len() < 4 || memchr::memchr(0, sample).is_none() {
        return None;
    }
    let mut zeros = [0usize; 4];
    for (at, &byte) in sample.iter().enumerate() {
        zeros[at % 4] += usize::from(byte == 0);
    }
    let units32 = sample.len() / 4;
    if bytes.len() % 4 == 0 && units32 >= MIN_ZEROS {
        // The top byte of every unit is zero and the next one at most 0x10
        // (text beyond the BMP has 0x01 or 0x02 there); the lowest is not
        // always zero.
        let plane = |at: usize| sample.iter().skip(at).step_by(4).all(|&b| b <= 0x10);
        if zeros[3] == units32 && zeros[0] < units32 && plane(2) {
            return Some(SourceEncoding::Utf32Le);
        }
        if zeros[0] == units32 && zeros[3] < units32 && plane(1) {
            return Some(SourceEncoding::Utf32Be);
        }
    }
    if bytes.len() % 2 != 0 {
        return None;
    }
    let units16 = sample.len() / 2;
    let even = zeros[0] + zeros[2];
    let odd = zeros[1] + zeros[3];
    let few = units16 / 100;
    let enough = |zeros: usize| zeros >= MIN_ZEROS && zeros * 10 >= units16;
    if enough(odd) && even <= few {
        return Some(SourceEncoding::Whatwg(encoding_rs::UTF_16LE));
    }
    if enough(even) && odd <= few {
        return Some(SourceEncoding::Whatwg(encoding_rs::UTF_16BE));
    }
    None
}

/// ISO-2022-JP, which is 7-bit and so also valid UTF-8: recognised by its
/// escape into JIS X 0208 (`ESC $ B` or `ESC $ @`) in bytes that decode
/// under it without error. Terminal escape sequences never take that form.
pub(crate) fn iso_2022_jp(bytes: &[u8]) -> bool {
    memchr::memchr(0x1B, bytes).is_some()
        && (memchr::memmem::find(bytes, b"\x1b$B").is_some()
            || memchr::memmem::find(bytes, b"\x1b$@").is_some())
        && bytes.is_ascii()
        && encoding_rs::ISO_2022_JP
            .decode_without_bom_handling_and_without_replacement(bytes)
            .is_some()
}

/// Whether invalid UTF-8 is still best read as UTF-8 with a few damaged
/// spots: it has valid multi-byte sequences, at least two for every
/// malformed one. Text in a legacy encoding almost never forms valid
/// multi-byte UTF-8 sequences, so this keeps a UTF-8 file with some broken
/// bytes from being taken for windows-1252.
pub(crate) fn mostly_utf8(bytes: &[u8]) -> bool {
    let mut valid = 0usize;
    let mut invalid = 0usize;
    for chunk in bytes[..bytes.len().min(ZERO_SAMPLE_BYTES)].utf8_chunks() {
        valid += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    valid > 0 && invalid * 2 <= valid
}

/// Whether input that is not valid UTF-8 has UTF-8 lines among its others:
/// two lines or more that are valid UTF-8 with characters beyond ASCII,
/// eight such characters in all, and a quarter as many lines as those that
/// are no UTF-8. Sentences of a legacy encoding almost never make such a
/// line (none of 25,802 sentences of 30 languages in their legacy pages
/// did), but single words and words in capitals do now and then (`сад` in
/// cp866, `PÓŁNOC` in windows-1250): a word list of a legacy page has a few
/// among thousands of others. These are UTF-8 lines of a file joined from
/// several, or written by several programs; the lines that are not UTF-8
/// are then decoded one by one ([`super::mixed`]), and the UTF-8 lines are
/// not read as the legacy encoding, into mojibake.
pub(crate) fn has_utf8_lines(bytes: &[u8]) -> bool {
    let (mut lines, mut chars, mut others) = (0usize, 0usize, 0usize);
    for line in bytes.split(|&b| b == b'\n' || b == b'\r') {
        match super::utf8(line) {
            Some(text) => {
                let beyond = text.chars().filter(|c| !c.is_ascii()).count();
                lines += usize::from(beyond > 0);
                chars += beyond;
            }
            None => others += 1,
        }
    }
    lines >= 2 && chars >= 8 && lines * UTF8_LINES_SHARE >= others
}

/// Whether a sample with fewer than [`MIN_SAMPLE_HIGH`] bytes of 0x80 or
/// more has a line that is valid UTF-8 with a character beyond ASCII, and
/// as many lines of UTF-8 (valid, or cut inside a character at their end,
/// `name=Jos\xC3`) as lines of a legacy page: a log of ASCII with a name
/// in UTF-8 (`User Müller`) and lines cut inside a character is UTF-8 with
/// damaged lines, not a legacy page that would turn `ü` into `ĂĽ` (and the
/// repair `ĂĽ` into `å`). With so few bytes beyond ASCII, a legacy page makes such
/// a line only by chance (a capital with an accent before a symbol of the
/// page's upper half, `Ã©`). A changelog of eight names in windows-1252
/// and two in UTF-8 is read in windows-1252, where the `mojibake` step
/// repairs the two (`KÅ‚oczko` is `Kłoczko`).
pub(crate) fn sparse_utf8(sample: &[u8]) -> bool {
    if high_bytes_at_least(sample, MIN_SAMPLE_HIGH) {
        return false;
    }
    let (mut utf8, mut cut, mut legacy) = (0usize, 0usize, 0usize);
    for line in sample.split(|&b| b == b'\n' || b == b'\r') {
        if line.is_ascii() {
            continue;
        }
        if super::utf8(line).is_some() {
            utf8 += 1;
        } else if cut_at_end(line) {
            cut += 1;
        } else {
            legacy += 1;
        }
    }
    // A line of legacy text can end in a letter that is a lead byte
    // (`się` in ISO-8859-2): cut lines side with UTF-8 only beside a valid
    // one.
    utf8 > 0 && utf8 + cut >= legacy
}

/// Whether `line` is valid UTF-8 but for its end, the start of a character
/// cut short (a lead byte and fewer continuation bytes than it asks for).
fn cut_at_end(line: &[u8]) -> bool {
    let mut chunks = line.utf8_chunks().peekable();
    while let Some(chunk) = chunks.next() {
        let invalid = chunk.invalid();
        if invalid.is_empty() {
            continue;
        }
        // Malformed before the end: not a cut at the end alone.
        if chunks.peek().is_some() {
            return false;
        }
        let length = match invalid[0] {
            0xC2..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF4 => 4,
            _ => return false,
        };
        return invalid.len() < length && invalid[1..].iter().all(|&b| b & 0xC0 == 0x80);
    }
    false
}

/// For how many lines that are no UTF-8 a document needs one valid UTF-8
/// line with characters beyond ASCII to have UTF-8 lines
/// ([`has_utf8_lines`]).
const UTF8_LINES_SHARE: usize = 4;

/// How many bytes chardetng reads: it costs about a millisecond for 8 KB.
const CHARDET_BYTES: usize = 12 * 1024;

/// How many bytes of 0x80 or more the first bytes a detector reads of a
/// longer input must hold for it to decide from them alone: with fewer,
/// it reads the input's lines that hold such bytes instead
/// ([`lines_beyond_ascii`]; the loader's sample, `super::sample`, and
/// chardetng's share of it, [`guess_legacy`]).
pub(crate) const MIN_SAMPLE_HIGH: usize = 64;

/// Whether `bytes` hold at least `n` bytes of 0x80 or more.
pub(crate) fn high_bytes_at_least(bytes: &[u8], n: usize) -> bool {
    let mut seen = 0;
    let mut rest = bytes;
    while seen < n {
        let ascii = crate::unicode::ascii::ascii_prefix_len(rest);
        let Some((_, tail)) = rest[ascii..].split_first() else {
            return false;
        };
        seen += 1;
        rest = tail;
    }
    true
}

/// How much of a line too long for what is left of a sample
/// [`lines_beyond_ascii`] takes: a window from a little before its first
/// byte of 0x80 or more.
const LONG_LINE_WINDOW: usize = 1024;

/// How many bytes before a long line's first byte of 0x80 or more its
/// window starts (the word the byte is in, and the one before).
const LONG_LINE_LEAD: usize = 64;

/// The lines of `bytes` (split at LF and CR) that hold a byte of 0x80 or
/// more, in order, each followed by an LF, up to `limit` bytes in all
/// ([`LinesBeyondAscii`], here given all the bytes at once).
pub(crate) fn lines_beyond_ascii(bytes: &[u8], limit: usize) -> Vec<u8> {
    let mut lines = LinesBeyondAscii::new(limit);
    lines.feed(bytes);
    lines.finish()
}

/// [`lines_beyond_ascii`] of bytes given a block at a time, in memory that
/// does not grow with them: the pass that reads a whole file to see
/// whether it is UTF-8 collects them on the way, so that a file whose
/// first block cannot decide its encoding still streams.
///
/// A line goes into the sample whole while it fits. A line longer than
/// what is left takes [`LONG_LINE_WINDOW`] bytes (or what is left) from
/// [`LONG_LINE_LEAD`] bytes before its first byte of 0x80 or more, cut
/// after its last byte below 0x40 (which no multi-byte character holds)
/// where the line goes on, and the lines after it are read on: a paragraph
/// of kilobytes on one line neither fills the sample with its ASCII nor
/// hides the lines after it. Lines of ASCII tell the detectors nothing:
/// each weighs the bytes beyond ASCII and what stands around them.
pub(crate) struct LinesBeyondAscii {
    limit: usize,
    sample: Vec<u8>,
    /// The line being read, whose end has not come yet.
    line: PartLine,
}

/// What [`LinesBeyondAscii`] keeps of the line it is reading.
#[derive(Default)]
struct PartLine {
    /// Its bytes so far.
    len: usize,
    /// Its first bytes, up to one more than the room the sample had when
    /// it started (it goes in whole only if it fits).
    kept: Vec<u8>,
    /// Where its first byte of 0x80 or more is.
    first_high: Option<usize>,
    /// Its last [`LONG_LINE_LEAD`] bytes, until that byte comes.
    lead: Vec<u8>,
    /// Its window ([`LinesBeyondAscii`]): up to [`LONG_LINE_LEAD`] bytes
    /// before that byte (`lead_in_window` of them, fewer where the window
    /// has little room) and the bytes from it on.
    window: Vec<u8>,
    lead_in_window: usize,
}

impl LinesBeyondAscii {
    /// Collects up to `limit` bytes.
    pub(crate) fn new(limit: usize) -> LinesBeyondAscii {
        LinesBeyondAscii {
            limit,
            sample: Vec::new(),
            line: PartLine::default(),
        }
    }

    /// Whether the sample is full (the rest of the bytes change nothing).
    pub(crate) fn is_full(&self) -> bool {
        self.sample.len() + 2 > self.limit
    }

    /// What is left for a line and its LF.
    fn room(&self) -> usize {
        self.limit.saturating_sub(self.sample.len() + 1)
    }

    /// Reads the next `bytes`.
    pub(crate) fn feed(&mut self, bytes: &[u8]) {
        // ASCII after ASCII (most of a file this is asked of): only the
        // line it ends in is kept.
        if self.line.first_high.is_none() && !self.is_full() && bytes.is_ascii() {
            if let Some(last) = memchr::memrchr2(b'\n', b'\r', bytes) {
                self.line = PartLine::default();
                self.part(&bytes[last + 1..]);
            } else {
                self.part(bytes);
            }
            return;
        }
        let mut rest = bytes;
        while !self.is_full() {
            let Some(at) = memchr::memchr2(b'\n', b'\r', rest) else {
                self.part(rest);
                return;
            };
            let line = &rest[..at];
            rest = &rest[at + 1..];
            // A whole line of ASCII read at once: nothing to keep.
            if self.line.len == 0 && line.is_ascii() {
                continue;
            }
            self.part(line);
            self.end_line();
        }
    }

    /// The sample, the last line read as ended by the end of the bytes.
    pub(crate) fn finish(mut self) -> Vec<u8> {
        if !self.is_full() {
            self.end_line();
        }
        self.sample
    }

    /// Reads `bytes` of the line being read.
    fn part(&mut self, bytes: &[u8]) {
        let room = self.room();
        let line = &mut self.line;
        let keep = (room + 1).saturating_sub(line.kept.len()).min(bytes.len());
        line.kept.extend_from_slice(&bytes[..keep]);
        let width = room.min(LONG_LINE_WINDOW);
        match line.first_high {
            Some(_) => {
                let more = width.saturating_sub(line.window.len()).min(bytes.len());
                line.window.extend_from_slice(&bytes[..more]);
            }
            None => match bytes.iter().position(|&b| b >= 0x80) {
                Some(at) => {
                    line.first_high = Some(line.len + at);
                    // The window starts up to LONG_LINE_LEAD bytes before
                    // the byte: those of `lead` and of `bytes` before it.
                    line.lead
                        .extend_from_slice(&bytes[at.saturating_sub(LONG_LINE_LEAD)..at]);
                    // At least the byte itself fits (`room` is 1 or more).
                    let lead = line
                        .lead
                        .len()
                        .min(LONG_LINE_LEAD)
                        .min(width.saturating_sub(1));
                    line.window
                        .extend_from_slice(&line.lead[line.lead.len() - lead..]);
                    line.lead_in_window = lead;
                    let more = width
                        .saturating_sub(line.window.len())
                        .min(bytes.len() - at);
                    line.window.extend_from_slice(&bytes[at..at + more]);
                    line.lead = Vec::new();
                }
                None => {
                    let tail = &bytes[bytes.len().saturating_sub(LONG_LINE_LEAD)..];
                    line.lead.extend_from_slice(tail);
                    let over = line.lead.len().saturating_sub(LONG_LINE_LEAD);
                    line.lead.drain(..over);
                }
            },
        }
        line.len += bytes.len();
    }

    /// Ends the line being read: into the sample if it holds a byte of
    /// 0x80 or more.
    fn end_line(&mut self) {
        let line = std::mem::take(&mut self.line);
        let Some(first_high) = line.first_high else {
            return;
        };
        if line.len <= self.room() {
            self.sample.extend_from_slice(&line.kept);
        } else {
            let (window, lead) = (&line.window, line.lead_in_window);
            let cut = if first_high - lead + window.len() == line.len {
                window.len()
            } else {
                window[lead..]
                    .iter()
                    .rposition(|&b| b < 0x40)
                    .map_or(window.len(), |at| lead + at + 1)
            };
            self.sample.extend_from_slice(&window[..cut]);
        }
        self.sample.push(b'\n');
    }
}

/// The legacy encoding chardetng finds most likely for `bytes`: from their
/// first [`CHARDET_BYTES`], or from their lines beyond ASCII when those
/// hold fewer than [`MIN_SAMPLE_HIGH`] bytes of 0x80 or more (a name with
/// an accent after 12 kB of English is all there is to read).
pub(crate) fn guess_legacy(bytes: &[u8]) -> &'static Encoding {
    let evidence;
    let bytes = if bytes.len() > CHARDET_BYTES
        && !high_bytes_at_least(&bytes[..CHARDET_BYTES], MIN_SAMPLE_HIGH)
    {
        evidence = lines_beyond_ascii(bytes, CHARDET_BYTES);
        &evidence[..]
    } else {
        bytes
    };
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Allow);
    if bytes.len() <= CHARDET_BYTES {
        detector.feed(bytes, true);
    } else {
        // Cut after a byte that is never part of a multi-byte character,
        // and tell chardetng more would follow: a character cut in two is
        // not an error.
        let cut = bytes[..CHARDET_BYTES]
            .iter()
            .rposition(|&b| b < 0x40)
            .map_or(CHARDET_BYTES, |at| at + 1);
        detector.feed(&bytes[..cut], false);
    }
    detector.guess(None, Utf8Detection::Allow)
}

/// The legacy encoding of `bytes` (a sample of the document), with how the
/// language model chose it when it did.
///
/// chardetng proposes an encoding. A multi-byte one (Shift_JIS, EUC-JP,
/// GBK, Big5, EUC-KR) stands when its text is made of characters real
/// Chinese, Japanese or Korean text uses; DOS code-page letters often look
/// like lead bytes and decode to rare ideographs instead. Greek, Hebrew,
/// Arabic, Thai and Vietnamese pages, which have no siblings the model
/// does not know chardetng to tell apart, stand too. Johab, which
/// chardetng does not know, is taken when the bytes decode under it into
/// common Hangul. Otherwise the language model chooses among the
/// single-byte pages (chardetng's guess first among equals).
pub(crate) fn legacy(bytes: &[u8]) -> (super::Encoding, Option<Detection>) {
    let guess = guess_legacy(bytes);
    let proposed = super::Encoding(SourceEncoding::Whatwg(guess));
    let multi_byte = is_multi_byte(proposed);
    if multi_byte {
        if decoded_sample(bytes, proposed).is_some_and(|text| cjk_share(&text) >= MIN_CJK_SHARE) {
            return (proposed, None);
        }
    } else if !model::is_candidate(proposed) {
        return (proposed, None);
    }
    if johab(bytes) {
        return (super::Encoding::JOHAB, None);
    }
    let first = model::is_candidate(proposed).then_some(proposed);
    match model::choose(bytes, first) {
        Some(verdict) => (verdict.best.encoding, Some(Detection::of(&verdict, None))),
        None => (proposed, None),
    }
}

/// Whether `encoding` is one of the multi-byte encodings of Chinese,
/// Japanese and Korean that chardetng proposes.
pub(crate) fn is_multi_byte(encoding: super::Encoding) -> bool {
    [
        encoding_rs::SHIFT_JIS,
        encoding_rs::EUC_JP,
        encoding_rs::GBK,
        encoding_rs::GB18030,
        encoding_rs::BIG5,
        encoding_rs::EUC_KR,
        encoding_rs::ISO_2022_JP,
    ]
    .iter()
    .any(|&page| super::Encoding(SourceEncoding::Whatwg(page)) == encoding)
}

/// The share of common Chinese, Japanese or Korean characters a multi-byte
/// encoding's text needs.
pub(crate) const MIN_CJK_SHARE: f32 = 0.75;

/// `bytes` decoded as `encoding`, a malformed sequence at the very end (a
/// character cut by the sample) forgiven; `None` with other errors.
fn decoded_sample(bytes: &[u8], encoding: super::Encoding) -> Option<String> {
    let loaded = super::decode_as(bytes, 0, encoding.0, super::DecidedBy::Detected);
    let cut = loaded
        .malformed
        .iter()
        .all(|m| m.input_offset + 4 >= bytes.len());
    (loaded.malformed_count <= 1 && cut).then(|| loaded.text.into_owned())
}

/// Of the characters of `text` beyond ASCII, the share that Chinese,
/// Japanese and Korean text is made of: Han, kana and Hangul letters that
/// some language writes in running text (not rare), and CJK punctuation.
/// DOS letters read as lead bytes make rare ideographs, Cyrillic and Greek
/// letters and symbols instead.
pub(crate) fn cjk_share(text: &str) -> f32 {
    let mut all = 0usize;
    let mut common = 0usize;
    let mut letters = 0usize;
    for c in text.chars().filter(|c| !c.is_ascii()) {
        all += 1;
        let entry = table::entry(c);
        let cjk = matches!(
            table::script_name(table::script_id(entry)),
            "Han" | "Hiragana" | "Katakana" | "Hangul" | "Bopomofo"
        ) && entry & RARE == 0;
        let punctuation = ('\u{3000}'..='\u{303F}').contains(&c)
            || ('\u{FF01}'..='\u{FF60}').contains(&c)
            || ('\u{2010}'..='\u{2027}').contains(&c)
            || c == '\u{30FC}'
            || c == '\u{30FB}';
        common += usize::from(cjk || punctuation);
        letters += usize::from(cjk);
    }
    // Mostly letters: a few symbols alone are no CJK text.
    if letters * 2 < all {
        return 0.0;
    }
    if all == 0 {
        0.0
    } else {
        common as f32 / all as f32
    }
}

/// Whether `bytes` are Johab: they decode under it, into Hangul syllables
/// of KS X 1001's common set (and other characters real text has).
fn johab(bytes: &[u8]) -> bool {
    let Some(text) = decoded_sample(bytes, super::Encoding::JOHAB) else {
        return false;
    };
    let mut all = 0usize;
    let mut hangul = 0usize;
    for c in text.chars().filter(|c| !c.is_ascii()) {
        all += 1;
        hangul +=
            usize::from(('\u{AC00}'..='\u{D7A3}').contains(&c) && korean::is_common_hangul(c));
    }
    all >= 2 && hangul as f32 >= 0.8 * all as f32
}

/// UTF-16 without a byte-order mark and with too few zero bytes for
/// [`wide_encoding`] (Chinese, Japanese, Korean, Thai): the bytes decode
/// under one byte order, and not the other, into text whose characters
/// are nearly all ones real text uses. Only tried on input that is not
/// valid UTF-8, or is full of control bytes (Thai in UTF-16 is 7-bit).
/// `valid_utf8`: whether all of `bytes` is valid UTF-8 (the caller has
/// checked, for its own use too).
pub(crate) fn utf16_by_text(bytes: &[u8], valid_utf8: bool) -> Option<SourceEncoding> {
    // Under 16 units, a few Latin-1 letters among ASCII ones read as
    // ideographs just as well ("caf\xE9 cr\xE8me" is five of them).
    if bytes.len() % 2 != 0 || bytes.len() < 32 {
        return None;
    }
    utf16_by_sample(utf16_sample(bytes), valid_utf8)
}

/// The first bytes of `bytes` that [`utf16_by_text`] reads (an even number).
pub(crate) fn utf16_sample(bytes: &[u8]) -> &[u8] {
    &bytes[..bytes.len().min(8 * 1024) & !1]
}

/// [`utf16_by_text`]'s verdict from its sample of an input of an even
/// length of 32 bytes or more, and whether all of the input is valid UTF-8.
pub(crate) fn utf16_by_sample(sample: &[u8], valid_utf8: bool) -> Option<SourceEncoding> {
    // Branch-free and in byte-wide counters (a chunk of 224 bytes, a
    // multiple of the vector width, cannot overflow one), so the count runs
    // in vector registers.
    let controls: usize = sample
        .chunks(224)
        .map(|chunk| {
            let control = |b: u8| {
                u8::from((b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r') & (b != 0x0C))
            };
            usize::from(chunk.iter().fold(0u8, |n, &b| n + control(b)))
        })
        .sum();
    // Valid UTF-8 with few control bytes is never UTF-16 (below): most
    // text stops here, after one pass over the sample.
    if valid_utf8 && controls * 8 < sample.len() {
        return None;
    }
    // Text of UTF-16 with few zero bytes is letters of blocks beyond
    // U+00FF: their bytes are mostly 0x80 or more (Han, kana, Hangul) or
    // control bytes (Thai, 0x0E). ASCII with a stray byte is neither, though
    // its pairs of letters read as ideographs (`pl` is `灬`): a log line
    // repeated, with one `\x92` in it, read as UTF-16BE.
    let high: usize = sample
        .chunks(224)
        .map(|chunk| usize::from(chunk.iter().fold(0u8, |n, &b| n + (b >> 7))))
        .sum();
    if (controls + high) * MAX_UTF16_ASCII_SHARE < sample.len() {
        return None;
    }
    // The bytes on one side of the units take a few values where they are
    // the high bytes of one script's block (0x0E for Thai, 0x05 for
    // Armenian, 0x00 for a space, 0x20 for a curly quote), which no 8-bit
    // text has on every other byte.
    let mut seen = [[false; 256]; 2];
    for pair in sample.chunks_exact(2) {
        seen[0][usize::from(pair[0])] = true;
        seen[1][usize::from(pair[1])] = true;
    }
    let small_side = |parity: usize| seen[parity].iter().filter(|&&s| s).count() <= 4;
    let high_side = match (small_side(0), small_side(1)) {
        (true, false) => Some(encoding_rs::UTF_16BE),
        (false, true) => Some(encoding_rs::UTF_16LE),
        _ => None,
    };
    if valid_utf8 && (controls * 8 < sample.len() || high_side.is_none()) {
        // Valid UTF-8 (7-bit) is UTF-16 only when it is long enough to
        // tell, full of control bytes, and the high bytes are on one side.
        return None;
    }
    let (read, other, encoding) = match high_side {
        // The side of the high bytes gives the byte order: the other
        // reads one script's letters as ideographs just as well (Armenian
        // `\x05\x31` is `Ա` in UTF-16BE and `㄄` in UTF-16LE), and is not
        // read.
        Some(encoding) => (
            utf16_share(sample, encoding == encoding_rs::UTF_16BE),
            None,
            encoding,
        ),
        None => {
            let le = utf16_share(sample, false);
            let be = utf16_share(sample, true);
            if le.share >= be.share {
                (le, Some(be), encoding_rs::UTF_16LE)
            } else {
                (be, Some(le), encoding_rs::UTF_16BE)
            }
        }
    };
    let share = read.share;
    let told_apart = other.is_none_or(|other| other.share < share - 0.2);
    // Chinese and Japanese run with punctuation of their own (`、`, `。`,
    // `，`), kana, or ASCII (a line break, a comma: a unit with a zero
    // byte, which no multi-byte page has): ideographs without any are the
    // pairs of bytes of a multi-byte page (Shift_JIS read as UTF-16LE is
    // ideographs too).
    let marked = read.han * 2 < read.all || read.all < MIN_UNMARKED_HAN || read.marks > 0;
    (share >= MIN_UTF16_SHARE && told_apart && marked).then_some(SourceEncoding::Whatwg(encoding))
}

/// Below this many characters, ideographs read from UTF-16 need no
/// punctuation, kana or ASCII among them ([`utf16_by_sample`]): a title.
const MIN_UNMARKED_HAN: usize = 24;

/// The punctuation of alphabets beyond Latin that their text runs with:
/// Greek's ano teleia, Armenian's, Hebrew's, Arabic's, the Indic dandas.
fn script_punctuation(c: char) -> bool {
    matches!(
        c,
        '\u{0387}'
            | '\u{055A}'..='\u{055F}'
            | '\u{0589}'..='\u{058A}'
            | '\u{05BE}'
            | '\u{05C0}'
            | '\u{05C3}'
            | '\u{05F3}'..='\u{05F4}'
            | '\u{060C}'
            | '\u{061B}'
            | '\u{061F}'
            | '\u{066A}'..='\u{066D}'
            | '\u{06D4}'
            | '\u{0964}'..='\u{0965}'
            | '\u{10FB}'
    )
}

/// What [`utf16_share`] counts of a reading of bytes as UTF-16.
#[derive(Clone, Copy, Default)]
struct Utf16Reading {
    /// The share of the characters that real text has.
    share: f32,
    /// How many characters were read.
    all: usize,
    /// How many of them are ideographs.
    han: usize,
    /// How many are ASCII, CJK or fullwidth punctuation, or kana.
    marks: usize,
}

/// The share of text characters UTF-16 needs.
const MIN_UTF16_SHARE: f32 = 0.95;

/// UTF-16 found by its text has at least one byte in this many that is
/// 0x80 or more or a control byte ([`utf16_by_sample`]).
const MAX_UTF16_ASCII_SHARE: usize = 5;

/// The share of `bytes`' UTF-16 characters (in that byte order) that real
/// text has: printable ASCII, whitespace, letters no rarer than some
/// language's, common punctuation; 0 when a surrogate is unpaired. With
/// how many ideographs and CJK marks it has ([`Utf16Reading`]).
fn utf16_share(bytes: &[u8], big_endian: bool) -> Utf16Reading {
    let units = bytes.chunks_exact(2).map(|pair| {
        if big_endian {
            u16::from_be_bytes([pair[0], pair[1]])
        } else {
            u16::from_le_bytes([pair[0], pair[1]])
        }
    });
    let mut reading = Utf16Reading::default();
    let mut text = 0usize;
    for c in char::decode_utf16(units) {
        let Ok(c) = c else {
            // A surrogate cut at the end of the sample is no error.
            if reading.all + 2 >= bytes.len() / 2 {
                break;
            }
            return Utf16Reading::default();
        };
        reading.all += 1;
        let good = if c.is_ascii() {
            c.is_ascii_graphic() || matches!(c, ' ' | '\t' | '\n' | '\r')
        } else {
            let entry = table::entry(c);
            entry & (RARE | PRIVATE_USE | CONTROL) == 0
                && (table::is_alphanumeric(c)
                    || entry & COMBINING != 0
                    || table::is_mark(c)
                    || script_punctuation(c)
                    || c.is_whitespace()
                    || ('\u{2010}'..='\u{205F}').contains(&c)
                    || ('\u{3000}'..='\u{303F}').contains(&c)
                    || ('\u{FF00}'..='\u{FFEF}').contains(&c)
                    || ('\u{00A0}'..='\u{00BF}').contains(&c))
        };
        text += usize::from(good);
        reading.han += usize::from(
            matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}'),
        );
        reading.marks += usize::from(
            c.is_ascii() || matches!(c, '\u{3000}'..='\u{30FF}' | '\u{FF00}'..='\u{FFEF}'),
        );
    }
    if reading.all > 0 {
        reading.share = text as f32 / reading.all as f32;
    }
    reading
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(text: &str) -> Vec<u8> {
        text.encode_utf16().flat_map(u16::to_le_bytes).collect()
    }

    fn utf16be(text: &str) -> Vec<u8> {
        text.encode_utf16().flat_map(u16::to_be_bytes).collect()
    }

    /// [`utf16_by_text`] with the check of the bytes as UTF-8 done here.
    fn by_text(bytes: &[u8]) -> Option<SourceEncoding> {
        utf16_by_text(bytes, std::str::from_utf8(bytes).is_ok())
    }

    /// Asserts that `text` in UTF-16LE and in UTF-16BE, without a mark, is
    /// found as such by its text.
    fn assert_utf16_by_text(text: &str) {
        for (bytes, encoding) in [
            (utf16le(text), encoding_rs::UTF_16LE),
            (utf16be(text), encoding_rs::UTF_16BE),
        ] {
            assert_eq!(
                by_text(&bytes),
                Some(SourceEncoding::Whatwg(encoding)),
                "{text}"
            );
        }
    }

    #[test]
    fn utf16le_english_without_bom() {
        let bytes = utf16le("Gunmen stormed a concert hall in Moscow.\n");
        assert_eq!(
            wide_encoding(&bytes),
            Some(SourceEncoding::Whatwg(encoding_rs::UTF_16LE))
        );
    }

    #[test]
    fn utf16be_arabic_without_bom() {
        let bytes = utf16be("وقالت السفارة الأميركية في موسكو في 7 مارس\n");
        assert_eq!(
            wide_encoding(&bytes),
            Some(SourceEncoding::Whatwg(encoding_rs::UTF_16BE))
        );
    }

    #[test]
    fn utf32le_without_bom() {
        let bytes: Vec<u8> = "Привет, мир\n"
            .chars()
            .flat_map(|c| (c as u32).to_le_bytes())
            .collect();
        assert_eq!(wide_encoding(&bytes), Some(SourceEncoding::Utf32Le));
    }

    #[test]
    fn one_scripts_utf16_is_told_by_the_side_of_its_high_bytes() {
        // A space or a line break is the only zero byte, too few for
        // `wide_encoding` in a short text with long words. The other byte
        // order reads the letters as ideographs just as well (`Ա`, 0x0531,
        // is `㄄`).
        let armenian = "Երեքշաբթի օրը քաղաքապետարանը բացեց նոր գրադարան քաղաքի կենտրոնում։\n";
        // Thai's tone marks and `์` are marks of no combining class.
        let thai =
            "วันอังคารเทศบาลเปิดห้องสมุดใหม่ใจกลางเมือง มีหนังสือมากกว่าสองหมื่นเล่ม ผู้คนเห็นว่าศูนย์แห่งนี้ดีเยี่ยม\n";
        for text in [armenian, thai] {
            // Every character of real text is one real text has.
            assert_eq!(utf16_share(&utf16le(text), false).share, 1.0, "{text}");
            assert_utf16_by_text(text);
        }
    }

    #[test]
    fn shift_jis_is_no_utf16_of_ideographs() {
        // Read as UTF-16LE, Shift_JIS is ideographs (`\x82\xcc` is `첂`,
        // `\x89\xcc` `챉`, `\x90\xea` `ꪐ`; kana's lead bytes make the
        // grass radical's row), but never the punctuation or kana that
        // Chinese and Japanese run with.
        let text = "今年の春から、市の図書館で新しい読書会の案内役を務めている。参加者は毎月増えている。\n";
        let (bytes, _, errors) = encoding_rs::SHIFT_JIS.encode(text);
        assert!(!errors);
        let mut bytes = bytes.into_owned();
        if bytes.len() % 2 == 1 {
            bytes.push(b'\n');
        }
        assert_eq!(by_text(&bytes), None);
        // Near misses: Chinese in UTF-16 with ASCII punctuation, and an
        // unpunctuated classical text with line breaks (a zero byte in too
        // few units for `wide_encoding`).
        for text in [
            "市政府周二宣布,新图书馆将于下月在市中心开放,馆内藏书两万余册,欢迎市民参观.\n",
            "春眠不觉晓处处闻啼鸟夜来风雨声花落知多少床前明月光疑是地上霜\n举头望明月低头思故乡白日依山尽黄河入海流欲穷千里目更上一层楼\n",
        ] {
            assert_eq!(wide_encoding(&utf16le(text)), None, "{text}");
            assert_utf16_by_text(text);
        }
    }

    #[test]
    fn ascii_with_a_stray_byte_is_no_utf16_by_its_text() {
        // Repeated, a log line of even length reads as ideographs in
        // UTF-16BE (`pl` is `灬`); one byte beyond ASCII makes it no UTF-8.
        let mut log = b"plain ascii log line number one two three\n".repeat(10);
        log.extend_from_slice(b"don\x92t\n");
        assert_eq!(log.len() % 2, 0);
        assert_eq!(by_text(&log), None);
        // Near misses: Chinese and Japanese in UTF-16 without zero bytes.
        for text in [
            "市は火曜日、新しい図書館を開館した。利用者は多い。",
            "市政府周二宣布，新图书馆将于下月开放，欢迎市民参观。",
        ] {
            assert_utf16_by_text(text);
        }
    }

    #[test]
    fn text_with_a_stray_nul_is_not_wide() {
        assert_eq!(
            wide_encoding(b"plain text with one \0 NUL byte in it"),
            None
        );
    }

    #[test]
    fn iso_2022_jp_is_recognised_by_its_escapes() {
        let (bytes, _, _) = encoding_rs::ISO_2022_JP.encode("市は火曜日、新しい図書館を開館した。");
        assert!(iso_2022_jp(&bytes));
        assert!(!iso_2022_jp(b"\x1b[31mred\x1b[0m"));
    }

    #[test]
    fn utf8_with_a_few_broken_bytes_is_mostly_utf8() {
        let mut bytes = "“Quote” — it’s “fine”. ".repeat(4).into_bytes();
        bytes.extend_from_slice(b"\xFF\xC0");
        assert!(mostly_utf8(&bytes));
    }

    #[test]
    fn latin1_french_is_not_mostly_utf8() {
        assert!(!mostly_utf8(b"caf\xE9 \xE0 la cr\xE8me br\xFBl\xE9e"));
    }

    #[test]
    fn windows_1251_russian_is_not_mostly_utf8() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode("Москва, вторник. «ВТОР» сообщил");
        assert!(!mostly_utf8(&bytes));
    }

    #[test]
    fn chardetng_finds_windows_1256_arabic() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1256
            .encode("وقالت السفارة الأميركية في موسكو إنها تراقب التقارير التي تفيد بأن المتطرفين لديهم خططا وشيكة");
        assert_eq!(guess_legacy(&bytes), encoding_rs::WINDOWS_1256);
    }
}
