//! Bytes to text: which encoding, how it was decided, what was malformed.
//!
//! [`load_bytes`] decides the encoding in the order a browser would, and the
//! report says which rule decided ([`DecidedBy`]):
//!
//! 1. an encoding forced by the caller (a byte-order mark of that same
//!    encoding is still removed);
//! 2. a byte-order mark: UTF-8, UTF-16LE/BE, UTF-32LE/BE;
//! 3. an encoding the document declares (`<meta charset>`, `http-equiv`
//!    content type, XML declaration), trusted only when the bytes decode
//!    under it without a single error;
//! 4. UTF-16 or UTF-32 without a byte-order mark, when the zero bytes fall
//!    in the pattern only those encodings make;
//! 5. ISO-2022-JP, recognised by its escape sequences (it is also valid
//!    UTF-8, being 7-bit);
//! 6. valid UTF-8, checked with SIMD and without copying;
//! 7. UTF-8 with a few damaged spots (two valid multi-byte sequences or
//!    more for every malformed one), or with lines of another encoding
//!    among valid UTF-8 lines (two or more, with eight characters beyond
//!    ASCII, one for every four lines that are no UTF-8), which stays UTF-8;
//! 8. otherwise the legacy encoding chardetng finds most likely.
//!
//! Malformed input is never an error: each malformed byte sequence becomes one
//! U+FFFD, and its position is recorded so the report can name the line.
//! But in UTF-8 decided by rule 2 or 7, a line that is no UTF-8 and holds no
//! valid multi-byte UTF-8 sequence but by chance, a line of a legacy
//! encoding among UTF-8 lines (files joined, a database field in latin-1),
//! is decoded in the legacy page such lines choose by vote, where it reads
//! as text there ([`LegacyLine`], `mixed`); a line that is damaged UTF-8
//! keeps its U+FFFD.

//!
//! This module turns bytes into text and nothing else: repairs of decoded
//! text (mojibake, character references) are cleaning steps, run by a
//! [`Cleaner`](crate::Cleaner).

mod bom;
mod declared;
mod decode;
mod detect;
mod encoding;
mod korean;
mod language_data;
mod mixed;
mod model;

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

pub(crate) use detect::{LinesBeyondAscii, MIN_SAMPLE_HIGH};
pub use encoding::Encoding;
pub(crate) use encoding::SourceEncoding;
pub(crate) use korean::is_common_hangul;
pub(crate) use model::Spelling;

/// What decided a document's encoding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum DecidedBy {
    /// The configuration forced it.
    Forced,
    /// A byte-order mark announced it.
    Bom,
    /// The document declares it, and the bytes decode under it cleanly.
    Declared,
    /// Zero bytes in the pattern of UTF-16 or UTF-32.
    ZeroBytes,
    /// UTF-16 without a byte-order mark and with too few zero bytes to
    /// tell, told by the text it decodes to (Chinese, Japanese, Korean,
    /// Thai, Armenian).
    Utf16Text,
    /// The input is valid UTF-8.
    ValidUtf8,
    /// Mostly valid UTF-8: decoded as UTF-8, the malformed bytes replaced.
    MostlyUtf8,
    /// Guessed from the bytes by the detector.
    Detected,
}

impl DecidedBy {
    /// The name used in reports (`valid-utf8`, `declared`).
    pub fn name(self) -> &'static str {
        match self {
            DecidedBy::Forced => "forced",
            DecidedBy::Bom => "bom",
            DecidedBy::Declared => "declared",
            DecidedBy::ZeroBytes => "zero-bytes",
            DecidedBy::Utf16Text => "utf16-text",
            DecidedBy::ValidUtf8 => "valid-utf8",
            DecidedBy::MostlyUtf8 => "mostly-utf8",
            DecidedBy::Detected => "detected",
        }
    }
}

/// One malformed byte sequence, replaced by U+FFFD in the decoded text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Malformed {
    /// Where the sequence starts in the input bytes.
    pub input_offset: usize,
    /// How many bytes it has.
    pub len: usize,
    /// Where its U+FFFD is in the decoded text, in bytes.
    pub text_offset: usize,
}

/// How many malformed sequences a [`Loaded`] lists by position; the rest
/// are counted.
pub const MAX_MALFORMED_LISTED: usize = 10_000;

/// What decoding found of one kind, in input order: the first
/// [`MAX_MALFORMED_LISTED`] with their positions, and how many in all.
pub(crate) struct Listed<T> {
    pub(crate) first: Vec<T>,
    pub(crate) count: usize,
}

impl<T> Default for Listed<T> {
    fn default() -> Listed<T> {
        Listed {
            first: Vec::new(),
            count: 0,
        }
    }
}

impl<T> Listed<T> {
    pub(crate) fn push(&mut self, item: T) {
        self.count += 1;
        if self.first.len() < MAX_MALFORMED_LISTED {
            self.first.push(item);
        }
    }
}

/// The malformed sequences found while decoding.
pub(crate) type MalformedLog = Listed<Malformed>;

/// A line of a UTF-8 document that was no UTF-8 but text in a legacy
/// encoding (a latin-1 line in a UTF-8 file), decoded in that encoding
/// instead of into U+FFFD ([`DecidedBy::MostlyUtf8`] and [`DecidedBy::Bom`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LegacyLine {
    /// Where the line starts in the input bytes.
    pub input_offset: usize,
    /// How many bytes it has (its line break left out).
    pub len: usize,
    /// Where it starts in the decoded text, in bytes.
    pub text_offset: usize,
    /// The encoding it was decoded in.
    pub encoding: Encoding,
}

/// The lines decoded in a legacy encoding.
pub(crate) type LegacyLog = Listed<LegacyLine>;

/// A decoded document, with the bytes it came from.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Loaded<'a> {
    /// The bytes the text was decoded from (for the report of malformed
    /// sequences).
    pub(crate) input: &'a [u8],
    /// The text; borrowed from the input when it was valid UTF-8 without a
    /// byte-order mark, so loading clean text copies nothing.
    pub text: Cow<'a, str>,
    /// The encoding the text was decoded from.
    pub encoding: Encoding,
    /// What decided the encoding.
    pub decided_by: DecidedBy,
    /// Whether a byte-order mark was found (and removed).
    pub bom: bool,
    /// How many more U+FEFF characters stood at the start of the text (a
    /// byte-order mark repeated by concatenating or re-saving files); they
    /// are removed too, so the cleaned text never starts with one.
    pub repeated_boms: usize,
    /// The malformed byte sequences, in input order: the first
    /// [`MAX_MALFORMED_LISTED`] of them.
    pub malformed: Vec<Malformed>,
    /// How many malformed byte sequences there were in all.
    pub malformed_count: usize,
    /// The lines of a UTF-8 document decoded in a legacy encoding instead
    /// (the first [`MAX_MALFORMED_LISTED`] of them), in input order.
    pub legacy_lines: Vec<LegacyLine>,
    /// How many lines were decoded in a legacy encoding in all.
    pub legacy_line_count: usize,
    /// The legacy page of a UTF-8 document's lines that are no UTF-8,
    /// chosen from its first [`SAMPLE_BYTES`] (the next blocks of a
    /// document read in blocks are decoded with it).
    pub(crate) legacy_page: Option<mixed::LegacyPage>,
    /// An encoding the document declares that the bytes overruled (valid
    /// UTF-8 under a `<meta charset="koi8-r">`, KOI8-R bytes under
    /// `<meta charset="windows-1252">`).
    pub overridden: Option<Encoding>,
    /// How the language model chose among sibling code pages, when it did.
    pub detection: Option<Detection>,
}

/// How the language model judged a document's code page: the language the
/// decision relied on and the runner-up, each with its score: the number of
/// bits the language's letter-pair statistics give the text read (its
/// first 4,096 bytes of 0x80 or more and everything around them), per byte
/// of 0x80 or more. Lower is more plausible; only differences between the
/// readings of one document mean anything.
#[derive(Clone, Copy, Debug, PartialEq)]
#[non_exhaustive]
pub struct Detection {
    /// The language (ISO 639-1) whose statistics the chosen encoding read
    /// best.
    pub language: &'static str,
    /// The chosen encoding's score, in bits per byte of 0x80 or more.
    pub bits: f32,
    /// The best encoding that reads the document differently, with its
    /// language and score.
    pub runner_up: Option<RunnerUp>,
}

/// The second-best reading of a document.
#[derive(Clone, Copy, Debug, PartialEq)]
#[non_exhaustive]
pub struct RunnerUp {
    /// Its encoding.
    pub encoding: Encoding,
    /// The language its text read best as.
    pub language: &'static str,
    /// Its score, in bits per byte of 0x80 or more.
    pub bits: f32,
}

impl Detection {
    /// The detection a verdict makes, scored as `chosen` (the verdict's
    /// best when `None`).
    fn of(verdict: &model::Verdict, chosen: Option<model::Scored>) -> Detection {
        let chosen = chosen.unwrap_or(verdict.best);
        let runner_up = if chosen.encoding == verdict.best.encoding {
            verdict.runner_up
        } else {
            Some(verdict.best)
        };
        Detection {
            language: chosen.language,
            bits: chosen.per_byte,
            runner_up: runner_up.map(|s| RunnerUp {
                encoding: s.encoding,
                language: s.language,
                bits: s.per_byte,
            }),
        }
    }
}

/// Decodes `bytes` into text; see the [module docs](self) for the order in
/// which the encoding is decided.
///
/// ```
/// use rinse::load::{load_bytes, DecidedBy};
///
/// let loaded = load_bytes(b"\xEF\xBB\xBFcaf\xC3\xA9", None);
/// assert_eq!(loaded.text, "café");
/// assert_eq!(loaded.encoding.name(), "UTF-8");
/// assert_eq!(loaded.decided_by, DecidedBy::Bom);
///
/// // Latin-1 bytes are not UTF-8: the detector finds windows-1252.
/// let latin1 = load_bytes(b"caf\xE9 cr\xE8me", None);
/// assert_eq!(latin1.text, "café crème");
/// assert_eq!(latin1.decided_by, DecidedBy::Detected);
///
/// // UTF-8 with one broken byte stays UTF-8; the byte becomes U+FFFD.
/// let mut bytes = "“café” \u{2019}".as_bytes().to_vec();
/// bytes.push(0xFF);
/// let broken = load_bytes(&bytes, None);
///
/// // A forced encoding wins over everything.
/// let forced = load_bytes("é".as_bytes(), Some(rinse::Encoding::WINDOWS_1252));
/// assert_eq!(forced.text, "Ã©");
/// assert_eq!(broken.text, "“café” \u{2019}\u{FFFD}");
/// assert_eq!(broken.malformed.len(), 1);
/// ```
pub fn load_bytes(bytes: &[u8], forced: Option<Encoding>) -> Loaded<'_> {
    without_repeated_boms(decode(bytes, forced))
}

/// `loaded` without the U+FEFF characters at the start of its text.
fn without_repeated_boms(mut loaded: Loaded<'_>) -> Loaded<'_> {
    let text = loaded.text.as_ref();
    let kept = text.trim_start_matches('\u{feff}');
    if kept.len() < text.len() {
        loaded.repeated_boms = (text.len() - kept.len()) / '\u{feff}'.len_utf8();
        let start = text.len() - kept.len();
        loaded.text = match loaded.text {
            Cow::Borrowed(text) => Cow::Borrowed(&text[start..]),
            Cow::Owned(mut text) => {
                text.drain(..start);
                Cow::Owned(text)
            }
        };
        // The malformed sequences are after them (a U+FFFD is not one).
        for malformed in &mut loaded.malformed {
            malformed.text_offset = malformed.text_offset.saturating_sub(start);
        }
        for line in &mut loaded.legacy_lines {
            line.text_offset = line.text_offset.saturating_sub(start);
        }
    }
    loaded
}

/// The first block of a long input decoded as [`load_bytes`] would decode
/// all of it, when the rest can then be decoded block by block with
/// [`load_next`] into the same text; `None` when that cannot be known from
/// the first block.
///
/// The caller has checked all of the input: it is not valid UTF-8 and has
/// no control byte other than tab, line feed and carriage return (so no
/// zero byte of UTF-16 or UTF-32 and no escape of ISO-2022). `head` is
/// its first bytes up to a line break, `all` whether that is the whole
/// input (then it is decoded as any input is). Otherwise what remains to
/// decide is decided from the first [`SAMPLE_BYTES`], which the head must
/// hold, with [`detect::MIN_SAMPLE_HIGH`] bytes beyond ASCII among them
/// (else the lines beyond ASCII of the whole input decide, [`sample`]): a
/// byte-order mark of UTF-8, mostly valid UTF-8, or a legacy encoding the
/// detector finds; declarations and UTF-16 told by its text
/// are left to the whole input (they are rare in large files). Only
/// encodings whose LF and CR bytes are always line breaks continue block
/// by block (not UTF-16, ISO-2022, Johab).
///
/// When the first [`SAMPLE_BYTES`] hold too few bytes beyond ASCII, the
/// input's `lines` beyond ASCII decide ([`detect::LinesBeyondAscii`] over
/// all of it, as the pass that checked it collects them), or, without
/// them, the input is left to be read whole.
pub(crate) fn load_head<'a>(head: &'a [u8], all: bool, lines: Option<&[u8]>) -> Option<Loaded<'a>> {
    if all {
        // Nothing follows: the head is decided as the whole, since it is.
        return Some(load_bytes(head, None));
    }
    let all_valid_utf8 = false;
    if head.len() < SAMPLE_BYTES
        || declared::declared_encoding(head).is_some()
        || detect::utf16_by_sample(detect::utf16_sample(head), all_valid_utf8).is_some()
    {
        return None;
    }
    let sparse = !decides_alone(&head[..SAMPLE_BYTES]);
    // As `decode` and `undeclared` decide for input that is not UTF-8 and
    // has no zero byte or escape.
    let loaded = match bom::sniff(head) {
        // (A mark and too few bytes beyond ASCII after it: left whole.)
        Some((encoding, bom_len)) if Encoding(encoding) == Encoding::UTF_8 && !sparse => {
            decode_as(head, bom_len, encoding, DecidedBy::Bom)
        }
        // UTF-16 or UTF-32 by its mark: its line breaks are two or four
        // bytes, which a cut after an LF byte would split.
        Some(_) => return None,
        None if !sparse => not_utf8(head),
        None => not_utf8_from(head, lines?, Sample::Lines),
    };
    loaded
        .encoding
        .continues_by_lines()
        .then(|| without_repeated_boms(loaded))
}

/// Whether [`load_head`] needs the input's lines beyond ASCII to decide
/// from `head` (a first block of [`SAMPLE_BYTES`] or more): its first
/// bytes hold too few beyond ASCII, and nothing else leaves the input to be
/// read whole (a declaration, UTF-16 told by its text, a byte-order mark).
pub(crate) fn head_needs_lines(head: &[u8]) -> bool {
    head.len() >= SAMPLE_BYTES
        && !decides_alone(&head[..SAMPLE_BYTES])
        && bom::sniff(head).is_none()
        && declared::declared_encoding(head).is_none()
        && detect::utf16_by_sample(detect::utf16_sample(head), false).is_none()
}

/// A block after the first of an input whose first block [`load_head`]
/// decoded as `encoding`, decided by `decided_by`: decoded the same way.
pub(crate) fn load_next(block: &[u8], head: Continuation) -> Loaded<'_> {
    decode_in(
        block,
        0,
        head.encoding.0,
        head.decided_by,
        Page::Given(head.legacy_page),
    )
}

/// How the blocks after the first of a document read in blocks are decoded
/// ([`load_next`]): as the first one was.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Continuation {
    encoding: Encoding,
    decided_by: DecidedBy,
    legacy_page: Option<mixed::LegacyPage>,
}

impl Loaded<'_> {
    /// How the blocks after this one, the first of a document, are decoded.
    pub(crate) fn continuation(&self) -> Continuation {
        Continuation {
            encoding: self.encoding,
            decided_by: self.decided_by,
            legacy_page: self.legacy_page,
        }
    }
}

fn decode(bytes: &[u8], forced: Option<Encoding>) -> Loaded<'_> {
    let sniffed = bom::sniff(bytes);
    if let Some(forced) = forced {
        let bom_len = match sniffed {
            Some((announced, len)) if announced == forced.0 => len,
            _ => 0,
        };
        return decode_as(bytes, bom_len, forced.0, DecidedBy::Forced);
    }
    if let Some((encoding, bom_len)) = sniffed {
        return decode_as(bytes, bom_len, encoding, DecidedBy::Bom);
    }
    let declared = declared::declared_encoding(bytes);
    if let Some(declared) = declared {
        if let Some(loaded) = trust_declared(bytes, declared) {
            return loaded;
        }
    }
    let mut loaded = undeclared(bytes);
    if let Some(declared) = declared {
        if declared != loaded.encoding {
            loaded.overridden = Some(declared);
        }
    }
    loaded
}

/// How many bits per byte of 0x80 or more a page must read the document
/// better than the page it declares, for the declaration to be overruled.
const DECLARED_MARGIN_BITS: f32 = 3.0;

/// The document decoded as it declares, if the bytes bear the declaration
/// out: they decode under it without a single error, are not valid UTF-8
/// with characters beyond ASCII under a single-byte declaration, are not
/// ISO-2022 escapes under an ASCII one, and no other code page reads them
/// as far more plausible text.
fn trust_declared(bytes: &[u8], declared: Encoding) -> Option<Loaded<'_>> {
    let utf8 = Encoding::UTF_8;
    if bytes.is_ascii() {
        // 7-bit ISO-2022 escapes are what the bytes are, whatever the page
        // says (UTF-8, windows-1252).
        if declared != Encoding::ISO_2022_JP && detect::iso_2022_jp(bytes) {
            return None;
        }
        if declared != Encoding::ISO_2022_KR && korean::looks_iso_2022_kr(bytes) {
            return None;
        }
    } else if declared != utf8 {
        // Valid UTF-8 with characters beyond ASCII is UTF-8 whatever the
        // page says: a declaration left over from an older version of the
        // page would otherwise re-decode it into mojibake, worse at every
        // run.
        if let Some(text) = self::utf8(bytes) {
            let mut loaded = clean_decode(
                bytes,
                Cow::Borrowed(text),
                SourceEncoding::Whatwg(encoding_rs::UTF_8),
                DecidedBy::ValidUtf8,
            );
            loaded.overridden = Some(declared);
            return Some(loaded);
        }
    }
    let loaded = decode_as(bytes, 0, declared.0, DecidedBy::Declared);
    if loaded.malformed_count > 0 {
        return None;
    }
    if !model::is_candidate(declared) || bytes.is_ascii() {
        return Some(loaded);
    }
    let Some(verdict) = model::choose(&sample(bytes), Some(declared)) else {
        return Some(loaded);
    };
    match verdict.all.iter().find(|s| s.encoding == declared) {
        Some(own) => {
            if verdict.best.encoding != declared
                && verdict.best.bits + DECLARED_MARGIN_BITS * (verdict.high as f32) < own.bits
            {
                return None;
            }
            let mut loaded = loaded;
            loaded.detection = Some(Detection::of(&verdict, Some(*own)));
            Some(loaded)
        }
        // No language the model knows reads the bytes in the declared
        // page: nothing to weigh the declaration against.
        None => Some(loaded),
    }
}

/// How many bytes the detectors look at: enough for a settled choice, few
/// enough that a large file costs no more than its decoding.
pub(crate) const SAMPLE_BYTES: usize = 32 * 1024;

/// Whether the first [`SAMPLE_BYTES`] of an input, `head`, hold bytes
/// beyond ASCII enough for the detectors to decide from them alone
/// ([`sample`]).
pub(crate) fn decides_alone(head: &[u8]) -> bool {
    detect::high_bytes_at_least(head, detect::MIN_SAMPLE_HIGH)
}

/// The bytes the detectors decide from: the first [`SAMPLE_BYTES`], or,
/// when those hold fewer than [`detect::MIN_SAMPLE_HIGH`] bytes of 0x80 or
/// more and the input goes on, its lines that hold such bytes, in order,
/// up to [`SAMPLE_BYTES`] of them ([`detect::lines_beyond_ascii`]). A changelog in
/// windows-1252 whose first names with accents come after 60 kB of ASCII
/// is decided by those names, not read as UTF-8 with every accented letter
/// lost to U+FFFD. (Lines of ASCII tell the detectors nothing: each counts
/// the bytes beyond ASCII and what stands around them.)
fn sample(bytes: &[u8]) -> Cow<'_, [u8]> {
    let head = &bytes[..bytes.len().min(SAMPLE_BYTES)];
    if head.len() == bytes.len() || decides_alone(head) {
        Cow::Borrowed(head)
    } else {
        Cow::Owned(detect::lines_beyond_ascii(bytes, SAMPLE_BYTES))
    }
}

/// The document decoded as what its bytes say, declarations aside.
fn undeclared(bytes: &[u8]) -> Loaded<'_> {
    if let Some(wide) = detect::wide_encoding(bytes) {
        let loaded = decode_as(bytes, 0, wide, DecidedBy::ZeroBytes);
        if loaded.malformed.is_empty() {
            return loaded;
        }
    }
    if detect::iso_2022_jp(bytes) {
        return decode_as(bytes, 0, Encoding::ISO_2022_JP.0, DecidedBy::Detected);
    }
    if korean::looks_iso_2022_kr(bytes) {
        return decode_as(bytes, 0, Encoding::ISO_2022_KR.0, DecidedBy::Detected);
    }
    // Checked once, for the test of UTF-16 by its text and for the text.
    let valid = self::utf8(bytes);
    if let Some(wide) = detect::utf16_by_text(bytes, valid.is_some()) {
        let loaded = decode_as(bytes, 0, wide, DecidedBy::Utf16Text);
        if loaded.malformed.is_empty() {
            return loaded;
        }
    }
    let utf8 = SourceEncoding::Whatwg(encoding_rs::UTF_8);
    if let Some(text) = valid {
        return clean_decode(bytes, Cow::Borrowed(text), utf8, DecidedBy::ValidUtf8);
    }
    not_utf8(bytes)
}

/// Input that is not valid UTF-8 decoded as its [`sample`] says: as UTF-8
/// when it is mostly that or has UTF-8 lines (its lines of a legacy
/// encoding decoded in it, one by one), or when it has few bytes beyond
/// ASCII and one line of them is UTF-8 ([`detect::sparse_utf8`]), else in
/// the legacy encoding the detector finds.
fn not_utf8(bytes: &[u8]) -> Loaded<'_> {
    match sample(bytes) {
        Cow::Borrowed(head) => not_utf8_from(bytes, head, Sample::Head),
        Cow::Owned(lines) => not_utf8_from(bytes, &lines, Sample::Lines),
    }
}

/// What a detection sample is ([`sample`]).
#[derive(Clone, Copy)]
enum Sample {
    /// The first [`SAMPLE_BYTES`] of the input.
    Head,
    /// The lines beyond ASCII of all of the input.
    Lines,
}

/// [`not_utf8`] decided from `sample` ([`sample`] of all of the input,
/// which `bytes` may be the first block of).
fn not_utf8_from<'a>(bytes: &'a [u8], sample: &[u8], kind: Sample) -> Loaded<'a> {
    if detect::mostly_utf8(sample) || detect::has_utf8_lines(sample) || detect::sparse_utf8(sample)
    {
        let utf8 = SourceEncoding::Whatwg(encoding_rs::UTF_8);
        // The legacy page of its lines that are no UTF-8: from the first
        // bytes, or from the lines beyond ASCII that are the sample (also
        // for a first block that is valid UTF-8: the blocks after it are
        // decoded with it).
        let page = match kind {
            Sample::Head => Page::FromSample,
            Sample::Lines => Page::Given(mixed::legacy_page(sample)),
        };
        return decode_in(bytes, 0, utf8, DecidedBy::MostlyUtf8, page);
    }
    let (encoding, detection) = detect::legacy(sample);
    let mut loaded = decode_as(bytes, 0, encoding.0, DecidedBy::Detected);
    loaded.detection = detection;
    loaded
}

/// A document decoded without errors.
fn clean_decode<'a>(
    input: &'a [u8],
    text: Cow<'a, str>,
    encoding: SourceEncoding,
    decided_by: DecidedBy,
) -> Loaded<'a> {
    Loaded {
        input,
        text,
        encoding: Encoding(encoding),
        decided_by,
        bom: false,
        repeated_boms: 0,
        malformed: Vec::new(),
        malformed_count: 0,
        legacy_lines: Vec::new(),
        legacy_line_count: 0,
        legacy_page: None,
        overridden: None,
        detection: None,
    }
}

/// `bytes` as text if they are valid UTF-8, checked with SIMD (several
/// times faster than the standard library on non-ASCII text) and without
/// copying.
fn utf8(bytes: &[u8]) -> Option<&str> {
    simdutf8::basic::from_utf8(bytes).ok()
}

/// Decodes `bytes[bom_len..]` as `encoding`.
fn decode_as(
    bytes: &[u8],
    bom_len: usize,
    encoding: SourceEncoding,
    decided_by: DecidedBy,
) -> Loaded<'_> {
    decode_in(bytes, bom_len, encoding, decided_by, Page::FromSample)
}

/// Where the legacy page of the lines of UTF-8 that are no UTF-8 comes from
/// ([`mixed`]).
#[derive(Clone, Copy)]
enum Page {
    /// From the first [`SAMPLE_BYTES`] of the bytes decoded (a document, or
    /// its first block).
    FromSample,
    /// From the first block of a document read in blocks.
    Given(Option<mixed::LegacyPage>),
}

/// Decodes `bytes[bom_len..]` as `encoding`, UTF-8 decided by its bytes
/// (by rule 8, or a byte-order mark) with its lines that are no UTF-8 in
/// the legacy page `page` says.
fn decode_in(
    bytes: &[u8],
    bom_len: usize,
    encoding: SourceEncoding,
    decided_by: DecidedBy,
    page: Page,
) -> Loaded<'_> {
    let body = &bytes[bom_len..];
    let mut malformed = MalformedLog::default();
    let mut legacy = LegacyLog::default();
    let mut legacy_page = None;
    let text = match encoding {
        SourceEncoding::Whatwg(utf8) if utf8 == encoding_rs::UTF_8 => match self::utf8(body) {
            Some(text) => {
                // A first block that is valid UTF-8 passes on the page it
                // was given to the blocks after it.
                if let Page::Given(given) = page {
                    legacy_page = given;
                }
                Cow::Borrowed(text)
            }
            // Decided by the bytes, not by the caller: lines of a legacy
            // encoding among UTF-8 lines are decoded in it.
            None if matches!(decided_by, DecidedBy::MostlyUtf8 | DecidedBy::Bom) => {
                legacy_page = match page {
                    // The sample counts the mark, as a first block's does.
                    Page::FromSample => match sample(bytes) {
                        Cow::Borrowed(head) => mixed::legacy_page(&body[..head.len() - bom_len]),
                        // A mark with too few bytes beyond ASCII after it.
                        Cow::Owned(_) => {
                            mixed::legacy_page(&detect::lines_beyond_ascii(body, SAMPLE_BYTES))
                        }
                    },
                    Page::Given(given) => given,
                };
                Cow::Owned(mixed::decode_utf8_by_lines(
                    body,
                    bom_len,
                    legacy_page.as_ref(),
                    &mut malformed,
                    &mut legacy,
                ))
            }
            None => Cow::Owned(decode::decode_whatwg(utf8, body, bom_len, &mut malformed)),
        },
        SourceEncoding::Whatwg(other) => {
            Cow::Owned(decode::decode_whatwg(other, body, bom_len, &mut malformed))
        }
        SourceEncoding::Utf32Le => {
            Cow::Owned(decode::decode_utf32(body, false, bom_len, &mut malformed))
        }
        SourceEncoding::Utf32Be => {
            Cow::Owned(decode::decode_utf32(body, true, bom_len, &mut malformed))
        }
        SourceEncoding::SingleByte(table) => Cow::Owned(decode::decode_single_byte(
            table,
            body,
            bom_len,
            &mut malformed,
        )),
        SourceEncoding::Johab => Cow::Owned(korean::decode_johab(body, bom_len, &mut malformed)),
        SourceEncoding::Iso2022Kr => {
            Cow::Owned(korean::decode_iso_2022_kr(body, bom_len, &mut malformed))
        }
    };
    Loaded {
        input: bytes,
        text,
        encoding: Encoding(encoding),
        decided_by,
        bom: bom_len > 0,
        repeated_boms: 0,
        malformed: malformed.first,
        malformed_count: malformed.count,
        legacy_lines: legacy.first,
        legacy_line_count: legacy.count,
        legacy_page,
        overridden: None,
        detection: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(bytes: &[u8]) -> Loaded<'_> {
        load_bytes(bytes, None)
    }

    /// English lines of ASCII, `bytes` long or a little more.
    fn ascii_lines(bytes: usize) -> Vec<u8> {
        let line = b"o IO-488: FileUtils.waitFor(...) swallows thread interrupted status.\n";
        line.repeat(bytes / line.len() + 1)
    }

    #[test]
    fn a_legacy_page_is_told_by_its_bytes_beyond_ascii_however_late_they_come() {
        // A changelog whose first accented name comes after the loader's
        // sample (or after chardetng's share of it, in a file that fits the
        // sample): decided by its lines beyond ASCII, not read as UTF-8
        // with each letter lost to U+FFFD.
        let names = "Thanks to Björn Buchner, Sérgio Ozaki and Miguel Muñoz.\n";
        let smørgrav = "BSD fix from Dag-Erling Smørgrav.\n";
        for (before, tail, encoding) in [
            (40_000, names, encoding_rs::WINDOWS_1252),
            (13_000, names, encoding_rs::WINDOWS_1252),
            (40_000, smørgrav, encoding_rs::WINDOWS_1252),
            (
                40_000,
                "Спасибо Сергею Иванову за исправление.\n",
                encoding_rs::WINDOWS_1251,
            ),
        ] {
            let bytes = [ascii_lines(before), encoding.encode(tail).0.into_owned()].concat();
            let loaded = load(&bytes);
            assert_eq!(
                (loaded.encoding, loaded.malformed_count),
                (Encoding(SourceEncoding::Whatwg(encoding)), 0),
                "{tail}"
            );
            assert!(loaded.text.ends_with(tail), "{tail}");
        }
        // Near misses: UTF-8 with a damaged byte after ASCII stays UTF-8,
        // its letters whole; a head with bytes beyond ASCII enough decides
        // alone (its windows-1251 lines, before a later line of
        // windows-1252, which reads as it then may).
        let utf8 = [
            ascii_lines(40_000),
            "Merci à François, à Hélène et à Zoë.\nDéjà vu"
                .as_bytes()
                .to_vec(),
            b"\xff.\n".to_vec(),
        ]
        .concat();
        let loaded = load(&utf8);
        assert_eq!(loaded.encoding, Encoding::UTF_8);
        assert!(loaded.text.contains("à François, à Hélène et à Zoë"));
        let russian = encoding_rs::WINDOWS_1251
            .encode(&"Спасибо Сергею Иванову за исправление.\n".repeat(10))
            .0
            .into_owned();
        let head_decides = [russian, ascii_lines(40_000), b"caf\xe9\n".to_vec()].concat();
        assert_eq!(
            load(&head_decides).encoding,
            Encoding(SourceEncoding::Whatwg(encoding_rs::WINDOWS_1251))
        );
    }

    #[test]
    fn few_bytes_beyond_ascii_with_as_many_utf8_lines_as_others_are_utf8() {
        // A log of ASCII with a name in UTF-8 and a line cut inside a
        // character: UTF-8 with one damaged spot, not windows-1250 (`ĂĽ`).
        let log = [
            ascii_lines(40_000),
            "User Müller\n".as_bytes().to_vec(),
            b"name=Jos\xc3\n".to_vec(),
        ]
        .concat();
        let loaded = load(&log);
        assert_eq!(
            (loaded.encoding, loaded.malformed_count),
            (Encoding::UTF_8, 1)
        );
        assert!(loaded.text.contains("User Müller\n"));
        // Lines cut inside a character at their end, beside a valid line,
        // are damaged UTF-8 too (helper-90: two of them made it
        // windows-1250, and `ĂĽ` the repair's `å`).
        for tail in [
            &b"User M\xc3\xbcller logged in\nname=Jos\xc3\ncity=Z\xc3\n"[..],
            b"caf\xc3\xa9 ok\ntruncated caf\xc3\nemoji \xf0\x9f\x8e\n",
        ] {
            let bytes = [&ascii_lines(40_000)[..], tail].concat();
            let loaded = load(&bytes);
            assert_eq!(loaded.encoding, Encoding::UTF_8, "{tail:?}");
            assert!(!loaded.text.contains('Ă'), "{tail:?}");
        }
        // Near miss: a character broken inside a line is no cut at its
        // end; a latin-1 name after it keeps the legacy page.
        let broken = [
            &ascii_lines(40_000)[..],
            b"Jos\xc3 and Bj\xf6rn\nThanks to S\xe9rgio\n",
        ]
        .concat();
        assert_ne!(load(&broken).encoding, Encoding::UTF_8);
        // Near miss: six names in windows-1252 and two in UTF-8 (a
        // changelog of /usr/share/doc) are a legacy page (here windows-1250
        // or -1252, which read the six alike), where `mojibake` repairs the
        // two.
        let mut changelog = ascii_lines(40_000);
        for name in ["Björn", "Suárez", "Stéphane", "Jörg", "Meißner", "Härdeman"] {
            let line = format!("patch from {name}\n");
            changelog.extend(encoding_rs::WINDOWS_1252.encode(&line).0.iter());
        }
        changelog.extend("2004-02-15  Tomasz Kłoczko\n(UTF-8 '‰')\n".as_bytes());
        let loaded = load(&changelog);
        assert_ne!(loaded.encoding, Encoding::UTF_8);
        assert_eq!(loaded.malformed_count, 0);
        assert!(loaded
            .text
            .contains("patch from Meißner\npatch from Härdeman\n"));
    }

    #[test]
    fn lines_beyond_ascii_come_the_same_in_blocks_of_any_size() {
        let mut bytes = ascii_lines(3_000);
        bytes.extend_from_slice(b"caf\xe9 one\r\nmore\rna\xefve\n\n");
        bytes.extend(b"word ".repeat(900));
        bytes.extend_from_slice(b"\xc7a va, \xe0 bient\xf4t ");
        bytes.extend(b"word ".repeat(400));
        bytes.extend_from_slice(b"\n\xe9t\xe9\rend \xe0");
        for limit in [5, 24, 1_000, 1_300, 32 * 1024] {
            let whole = detect::lines_beyond_ascii(&bytes, limit);
            // Within the limit, each line with a byte beyond ASCII.
            assert!(whole.len() <= limit, "limit {limit}: {}", whole.len());
            assert!(whole
                .split(|&b| b == b'\n')
                .all(|line| line.is_empty() || !line.is_ascii()));
            for block in [1, 2, 3, 7, 64, 65, 1000, 4096] {
                let mut lines = detect::LinesBeyondAscii::new(limit);
                for chunk in bytes.chunks(block) {
                    lines.feed(chunk);
                }
                assert_eq!(lines.finish(), whole, "limit {limit}, block {block}");
            }
        }
        // The paragraph of 6.5 kB fits in 32 kB whole; in 1,300 bytes, its
        // window does, and the lines after it follow.
        let sample = detect::lines_beyond_ascii(&bytes, 32 * 1024);
        assert!(sample.starts_with(b"caf\xe9 one\nna\xefve\n"));
        assert!(sample.ends_with(b"\n\xe9t\xe9\nend \xe0\n"));
        let sample = detect::lines_beyond_ascii(&bytes, 1_300);
        assert!(sample.len() < 1_300, "{}", sample.len());
        assert!(sample.ends_with(b"\n\xe9t\xe9\nend \xe0\n"));
        let window = &sample[b"caf\xe9 one\nna\xefve\n".len()..];
        assert!(window.starts_with(&[&b"ord "[..], &b"word ".repeat(12)].concat()));
        assert!(window[64..].starts_with(b"\xc7a va, \xe0 bient\xf4t word"));
    }

    #[test]
    fn lines_beyond_ascii_are_whole_lines_up_to_the_limit() {
        let bytes = b"ascii\ncaf\xe9 one\r\nmore ascii\rna\xefve two\n\xe0 three\n";
        assert_eq!(
            detect::lines_beyond_ascii(bytes, 100),
            b"caf\xe9 one\nna\xefve two\n\xe0 three\n"
        );
        // A line longer than what is left gives a window from before its
        // first byte beyond ASCII, cut after a byte below 0x40.
        assert_eq!(
            detect::lines_beyond_ascii(bytes, 24),
            b"caf\xe9 one\nna\xefve two\n\xe0 \n"
        );
        assert_eq!(
            detect::lines_beyond_ascii(b"\xe9\xe9 \xe9\xe9\xe9", 5),
            b"\xe9\xe9 \n"
        );
        // A paragraph of kilobytes on one line: its window, and the lines
        // after it.
        let long = [
            b"word ".repeat(8000),
            b"\xc7a va\n".to_vec(),
            b"Merci \xe0 Fran\xe7ois.\n".to_vec(),
        ]
        .concat();
        let sample = detect::lines_beyond_ascii(&long, 32 * 1024);
        assert!(sample.len() < 100, "{}", sample.len());
        assert!(sample.ends_with(b"\xc7a va\nMerci \xe0 Fran\xe7ois.\n"));
        assert!(detect::lines_beyond_ascii(b"all ascii\n", 100).is_empty());
        assert!(detect::high_bytes_at_least(b"\xe9a\xe9", 2));
        assert!(!detect::high_bytes_at_least(b"\xe9abc", 2));
        assert!(detect::high_bytes_at_least(b"", 0));
    }

    #[test]
    fn valid_utf8_is_borrowed_not_copied() {
        let loaded = load("مرحبا".as_bytes());
        assert!(matches!(loaded.text, Cow::Borrowed(_)));
        assert_eq!(loaded.decided_by, DecidedBy::ValidUtf8);
    }

    #[test]
    fn utf8_bom_is_removed_and_text_still_borrowed() {
        let loaded = load(b"\xEF\xBB\xBFhello");
        assert_eq!(loaded.text, "hello");
        assert!(loaded.bom);
        assert!(matches!(loaded.text, Cow::Borrowed(_)));
    }

    #[test]
    fn repeated_boms_at_the_start_are_all_removed() {
        let loaded = load(b"\xEF\xBB\xBF\xEF\xBB\xBF\xEF\xBB\xBFx\xEF\xBB\xBF");
        assert_eq!(loaded.text, "x\u{feff}");
        assert!(loaded.bom);
        assert_eq!(loaded.repeated_boms, 2);
        assert!(matches!(loaded.text, Cow::Borrowed(_)));
    }

    #[test]
    fn malformed_bytes_after_repeated_boms_point_into_the_text_left() {
        // A byte-order mark, two more, then a malformed byte on line 2.
        let loaded =
            load(b"\xEF\xBB\xBF\xEF\xBB\xBF\xEF\xBB\xBFa\nb\xFFc caf\xC3\xA9 \xC3\xA9t\xC3\xA9");
        assert_eq!(loaded.text, "a\nb\u{fffd}c caf\u{e9} \u{e9}t\u{e9}");
        assert_eq!(loaded.malformed.len(), 1);
        let at = loaded.malformed[0].text_offset;
        assert_eq!(&loaded.text[at..at + 3], "\u{fffd}");
    }

    #[test]
    fn leading_zwnbsp_without_bom_is_removed_from_decoded_text() {
        let loaded = load(b"\xFF\xFE\xFF\xFEa\x00");
        assert_eq!(loaded.text, "a");
        assert_eq!(loaded.repeated_boms, 1);
    }

    #[test]
    fn utf16le_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "Привет\n".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let loaded = load(&bytes);
        assert_eq!(loaded.text, "Привет\n");
        assert_eq!(loaded.encoding.name(), "UTF-16LE");
    }

    #[test]
    fn utf16be_with_bom_and_lone_surrogate() {
        let bytes = b"\xFE\xFF\x00h\xD8\x00\x00i";
        let loaded = load(bytes);
        assert_eq!(loaded.text, "h\u{fffd}i");
        assert_eq!(loaded.malformed[0].input_offset, 4);
    }

    #[test]
    fn utf32le_with_bom() {
        let mut bytes = vec![0xFF, 0xFE, 0x00, 0x00];
        for c in "ok ✓".chars() {
            bytes.extend_from_slice(&(c as u32).to_le_bytes());
        }
        let loaded = load(&bytes);
        assert_eq!(loaded.text, "ok ✓");
        assert_eq!(loaded.encoding, Encoding::UTF_32LE);
    }

    #[test]
    fn mostly_utf8_keeps_utf8_with_located_replacements() {
        let mut bytes = "line “one”\nbad \u{2019}".as_bytes().to_vec();
        bytes.extend_from_slice(b"\xFF here");
        let loaded = load(&bytes);
        assert_eq!(loaded.text, "line “one”\nbad \u{2019}\u{fffd} here");
        assert_eq!(loaded.decided_by, DecidedBy::MostlyUtf8);
        // "line “one”\nbad ’" is 22 bytes.
        assert_eq!(loaded.malformed[0].input_offset, 22);
        assert_eq!(loaded.malformed[0].text_offset, 22);
    }

    /// UTF-8 lines with characters beyond ASCII, then `line`.
    fn among_utf8_lines(line: &[u8]) -> Vec<u8> {
        let mut bytes = "Le café est très bon, déjà vu à Noël.\n"
            .repeat(3)
            .into_bytes();
        bytes.extend_from_slice(line);
        bytes.extend_from_slice("\nEncore un café, s’il vous plaît.\n".as_bytes());
        bytes
    }

    #[test]
    fn a_line_of_a_legacy_encoding_among_utf8_lines_is_decoded_in_it() {
        // French in windows-1252, Russian in windows-1251, German with the
        // page's curly quotes, English with only an apostrophe.
        let cases: [(&[u8], &str, &str); 4] = [
            (
                b"Caf\xE9 cr\xE8me br\xFBl\xE9e, na\xEFve r\xE9sum\xE9.",
                "Café crème brûlée, naïve résumé.",
                "windows-1252",
            ),
            (
                b"\xCF\xF0\xE8\xE2\xE5\xF2, \xEC\xE8\xF0! \xDD\xF2\xEE \xF2\xE5\xF1\xF2.",
                "Привет, мир! Это тест.",
                "windows-1251",
            ),
            (
                b"Er sagte \x84Gr\xFC\xDF Gott\x93 und ging nach Hause.",
                "Er sagte „Grüß Gott“ und ging nach Hause.",
                "windows-1252",
            ),
            (
                b"It\x92s what we don\x92t know.",
                "It’s what we don’t know.",
                "windows-1252",
            ),
        ];
        for (line, text, encoding) in cases {
            let bytes = among_utf8_lines(line);
            let loaded = load(&bytes);
            assert_eq!(loaded.encoding, Encoding::UTF_8, "{text}");
            assert_eq!(loaded.decided_by, DecidedBy::MostlyUtf8, "{text}");
            assert_eq!(loaded.text.lines().nth(3), Some(text));
            assert_eq!(loaded.malformed_count, 0, "{text}");
            assert_eq!(loaded.legacy_line_count, 1, "{text}");
            let legacy = loaded.legacy_lines[0];
            assert_eq!(legacy.encoding.name(), encoding, "{text}");
            assert_eq!(&bytes[legacy.input_offset..][..legacy.len], line);
            assert!(loaded.text[legacy.text_offset..].starts_with(text));
            // The UTF-8 lines stay UTF-8.
            assert!(loaded.text.ends_with("Encore un café, s’il vous plaît.\n"));
        }
    }

    #[test]
    fn damaged_utf8_and_stray_bytes_keep_their_replacement_characters() {
        let cases: [(&[u8], &str); 5] = [
            // Damaged UTF-8: mostly valid characters.
            (
                b"D\xC3\xA9j\xC3\xA0 vu, \xE9t\xE9 pass\xC3\xA9.",
                "Déjà vu, \u{fffd}t\u{fffd} passé.",
            ),
            // A character cut to its lead byte: a capital after a small
            // letter through any page (`mÃximo`).
            (b"o m\xC3ximo permitido", "o m\u{fffd}ximo permitido"),
            // Bytes alone between words, which windows-1251 would read as
            // `я` and `ю` in an English line.
            (b"bad \xFF and \xFE", "bad \u{fffd} and \u{fffd}"),
            // One byte that no page judged (`h\xFDzla`: windows-1258's `ư`).
            (
                b"Kentin ekonomisi h\xFDzla geriledi.",
                "Kentin ekonomisi h\u{fffd}zla geriledi.",
            ),
            // A letter of another script glued to an ASCII letter.
            (b"Darykit, k\xE0 norit", "Darykit, k\u{fffd} norit"),
        ];
        for (line, text) in cases {
            let bytes = among_utf8_lines(line);
            let loaded = load(&bytes);
            assert_eq!(loaded.text.lines().nth(3), Some(text));
            assert_eq!(loaded.legacy_line_count, 0, "{text}");
            assert!(loaded.malformed_count > 0, "{text}");
        }
    }

    #[test]
    fn utf8_lines_among_legacy_lines_are_not_read_as_mojibake() {
        // As many lines of windows-1251 as of UTF-8: not mostly UTF-8, but
        // the UTF-8 lines are UTF-8 (as the legacy encoding they would be
        // mojibake, and the first would read `РџСЂРёРІРµС‚`).
        let mut bytes = Vec::new();
        for _ in 0..4 {
            bytes.extend_from_slice("Привет, мир! Это обычная строка.\n".as_bytes());
            bytes.extend_from_slice(
                b"\xCF\xF0\xE8\xE2\xE5\xF2, \xEC\xE8\xF0! \xDD\xF2\xEE \xF2\xE5\xF1\xF2.\n",
            );
        }
        let loaded = load(&bytes);
        assert_eq!(loaded.encoding, Encoding::UTF_8);
        assert_eq!(loaded.legacy_line_count, 4);
        for (i, line) in loaded.text.lines().enumerate() {
            let expected = if i % 2 == 0 {
                "Привет, мир! Это обычная строка."
            } else {
                "Привет, мир! Это тест."
            };
            assert_eq!(line, expected);
        }
    }

    /// French UTF-8 lines with as many windows-1252 lines among them, ten
    /// each, then `lines`.
    fn with_a_windows_1252_page(lines: &[&[u8]]) -> Vec<u8> {
        let mut bytes = Vec::new();
        for _ in 0..10 {
            bytes.extend_from_slice("Le café est très bon, déjà vu à Noël.\n".as_bytes());
            bytes.extend_from_slice(b"L'\xE9t\xE9 fut long, la r\xE9colte tr\xE8s maigre.\n");
        }
        for line in lines {
            bytes.extend_from_slice(line);
            bytes.push(b'\n');
        }
        bytes
    }

    #[test]
    fn damaged_utf8_gains_no_letter_among_lines_of_a_legacy_page() {
        // Each line's only damage is one character: cut short, cut to its
        // lead, without its lead, encoded as surrogates (CESU-8), or
        // modified UTF-8's NUL.
        let damaged: [&[u8]; 9] = [
            b"Great day at the beach \xF0\x9F\x8E",
            b"Loved it \xF0\x9F\x9A",
            b"hi \xED\xA0\xBD\xED\xB8\x80 there",
            b"nul \xC0\x80 here",
            b"ID: \xE4\xB8 ok",
            b"L'\xC3tat est fort",
            b"\x9F\x98\x80 so happy",
            b"The word \xE2 here is fine",
            b"see \x80\x94 there",
        ];
        let bytes = with_a_windows_1252_page(&damaged);
        let loaded = load(&bytes);
        assert_eq!(loaded.decided_by, DecidedBy::MostlyUtf8);
        // The page's own lines are read in it.
        assert_eq!(loaded.legacy_line_count, 10);
        assert!(loaded
            .legacy_lines
            .iter()
            .all(|l| l.encoding.name() == "windows-1252"));
        for (line, text) in damaged.iter().zip(loaded.text.lines().skip(20)) {
            assert_eq!(text, String::from_utf8_lossy(line), "{line:?}");
        }
    }

    #[test]
    fn a_legacy_word_list_with_a_few_valid_utf8_words_stays_in_its_page() {
        // DOS Russian (cp866): `сад`, `чем`, `том` are valid UTF-8 by chance;
        // the rest of the list is not.
        let words = [
            "сад",
            "чем",
            "том",
            "дом",
            "кот",
            "лес",
            "мир",
            "год",
            "нос",
            "рука",
            "вода",
            "снег",
            "город",
            "время",
            "слово",
            "ночь",
            "утро",
            "гора",
            "поле",
            "море",
        ];
        let mut text = String::new();
        for _ in 0..6 {
            for word in words {
                text.push_str(word);
                text.push('\n');
            }
        }
        text.push_str("Москва - столица России.\n");
        let ibm866 = encoding_rs::Encoding::for_label(b"ibm866").expect("a WHATWG label");
        let bytes = ibm866.encode(&text).0.into_owned();
        let loaded = load(&bytes);
        assert_eq!(loaded.encoding.name(), "IBM866");
        assert_eq!(loaded.text, text);
    }

    #[test]
    fn a_damaged_line_does_not_choose_the_page_of_the_others() {
        // Hebrew in windows-1255 and French in windows-1252 among Russian
        // UTF-8 lines, each with a cut emoji whose byte 0x9F or 0x8F the
        // right page leaves undefined (read together, they chose KOI8-R
        // and windows-1250).
        let hebrew = "קבוצה אחרת של מפגינים פרצה למרכז המסחרי";
        let french = "D'après les rapports, il n'était pas sur le plateau au moment de l'incident.";
        for (text, page, cut) in [
            (
                hebrew,
                encoding_rs::WINDOWS_1255,
                &b"Great day \xF0\x9F\x8E"[..],
            ),
            (french, encoding_rs::WINDOWS_1252, b"Great day \xF0\x9F\x8F"),
        ] {
            let mut bytes = "Он был назначен председателем в октябре 2015 года.\n"
                .repeat(3)
                .into_bytes();
            for _ in 0..2 {
                bytes.extend_from_slice(&page.encode(text).0);
                bytes.push(b'\n');
            }
            bytes.extend_from_slice(cut);
            bytes.push(b'\n');
            let loaded = load(&bytes);
            assert_eq!(loaded.legacy_line_count, 2, "{text}");
            assert_eq!(loaded.legacy_lines[0].encoding.name(), page.name());
            assert_eq!(loaded.text.lines().nth(3), Some(text));
            assert_eq!(
                loaded.text.lines().nth(5),
                Some(String::from_utf8_lossy(cut).as_ref())
            );
        }
    }

    #[test]
    fn a_line_of_bytes_that_are_no_text_has_no_vote() {
        // French in windows-1252 and a line of random bytes that reads as
        // text in no page (alone it is found to be windows-1250, and voted
        // so, `être` came out as `ętre`).
        let mut bytes = "Это первая строка текста на русском языке.\n"
            .repeat(2)
            .into_bytes();
        bytes.extend_from_slice(
            b"Ils doivent \xEAtre accueillis par la nouvelle g\xE9n\xE9ration.\n",
        );
        bytes.extend_from_slice(b"f\xFAj\x9F\xD9u\xECi\x8E\x95\xD5\xC3e\xE7\n");
        bytes.extend_from_slice(
            b"Chaque lettre du recueil a son histoire, rarement bas\xE9e sur des faits v\xE9rifi\xE9s.\n",
        );
        let loaded = load(&bytes);
        let lines: Vec<&str> = loaded.text.lines().collect();
        assert_eq!(
            lines[2],
            "Ils doivent être accueillis par la nouvelle génération."
        );
        assert!(lines[3].contains('\u{fffd}'), "{}", lines[3]);
        assert!(lines[4].ends_with("basée sur des faits vérifiés."));
    }

    #[test]
    fn a_line_is_not_read_in_a_page_that_makes_it_marks_without_letters() {
        // Bulgarian in windows-1251, which windows-1255 reads as Hebrew
        // letters with a point at the start of a word (`Г` is `ֳ`).
        let mut bytes = "日本語の文章です。今日は良い天気ですね。\n"
            .as_bytes()
            .to_vec();
        bytes.extend_from_slice(
            &encoding_rs::WINDOWS_1251
                .encode("Говори се, че ще дойдеш.")
                .0,
        );
        bytes.extend_from_slice("\n明日も晴れるでしょう。\n".as_bytes());
        let loaded = load(&bytes);
        let line = loaded.text.lines().nth(1).unwrap_or_default();
        assert!(
            line.chars().all(|c| c.is_ascii() || c == '\u{fffd}'),
            "{line}"
        );
    }

    #[test]
    fn lines_that_sibling_pages_read_alike_back_the_page_that_reads_them_all() {
        // Hungarian: most lines read the same in windows-1250 and 1252, and
        // vote for 1252 alone; the ones with `ő` and `ű` only in 1250.
        let lines = [
            "A szakember úgy véli, hogy a világpiaci ár csökken.",
            "Tegnap két új hidat adtak át a főváros szélén.",
            "Három kábítószer-árusítót fogtak el a héten.",
            "Az április végi ülésen a kérdés ismét napirendre került.",
            "A belső tényezők között első helyen említik a bérek szűk mozgásterét.",
        ];
        let mut bytes = Vec::new();
        for line in lines {
            bytes.extend_from_slice(format!("{line} – ez már régi hír.\n").as_bytes());
            bytes.extend_from_slice(&encoding_rs::WINDOWS_1250.encode(line).0);
            bytes.push(b'\n');
        }
        let loaded = load(&bytes);
        assert_eq!(loaded.legacy_line_count, lines.len());
        for (line, text) in lines.iter().zip(loaded.text.lines().skip(1).step_by(2)) {
            assert_eq!(&text, line);
        }
    }

    #[test]
    fn bytes_that_are_no_text_stay_replacement_characters() {
        let junk: [&[u8]; 4] = [
            b"\xDB\x87\xF7\xBF\x8D\xA8\x9C\xDF",
            b"\xD0\xD1\xD0",
            b"\x9C\xD3pO\x9C\x99\xD5M",
            b"vs\x80odr\xEDnwu mx\xCBy\x80nuj",
        ];
        let mut bytes = Vec::new();
        for _ in 0..8 {
            bytes.extend_from_slice("Le café est très bon, déjà vu à Noël.\n".as_bytes());
        }
        for line in junk {
            bytes.extend_from_slice(line);
            bytes.push(b'\n');
        }
        let loaded = load(&bytes);
        assert_eq!(loaded.decided_by, DecidedBy::MostlyUtf8);
        assert_eq!(loaded.legacy_line_count, 0);
        for (line, text) in junk.iter().zip(loaded.text.lines().skip(8)) {
            assert_eq!(text, String::from_utf8_lossy(line), "{line:?}");
        }
    }

    #[test]
    fn latin1_text_is_detected_as_windows_1252() {
        let loaded =
            load(b"Le caf\xE9 de la gare rouvre apr\xE8s travaux, annonce la municipalit\xE9.");
        assert_eq!(loaded.encoding.name(), "windows-1252");
        assert_eq!(loaded.decided_by, DecidedBy::Detected);
        assert!(loaded.text.contains("café"));
    }

    #[test]
    fn declared_encoding_is_used_when_it_decodes_cleanly() {
        let mut page = b"<meta charset=\"windows-1251\"><p>".to_vec();
        page.extend_from_slice(&encoding_rs::WINDOWS_1251.encode("Привет").0);
        let loaded = load(&page);
        assert_eq!(loaded.decided_by, DecidedBy::Declared);
        assert!(loaded.text.ends_with("Привет"));
    }

    #[test]
    fn valid_utf8_overrules_a_declared_single_byte_encoding() {
        let page = "<meta charset=\"koi8-r\">café".as_bytes();
        let loaded = load(page);
        assert_eq!(loaded.text, "<meta charset=\"koi8-r\">café");
        assert_eq!(loaded.decided_by, DecidedBy::ValidUtf8);
        assert_eq!(loaded.overridden.map(Encoding::name), Some("KOI8-R"));
        // Pure ASCII decodes alike either way: the declaration stands.
        assert_eq!(
            load(b"<meta charset=\"koi8-r\">cafe").decided_by,
            DecidedBy::Declared
        );
    }

    #[test]
    fn declared_utf8_that_does_not_decode_is_not_trusted() {
        let page = b"<meta charset=utf-8><p>caf\xE9 cr\xE8me br\xFBl\xE9e et g\xE2teau";
        let loaded = load(page);
        assert_ne!(loaded.decided_by, DecidedBy::Declared);
        assert!(loaded.text.contains("café"), "{}", loaded.text);
    }

    #[test]
    fn utf16le_without_bom_is_found_by_zero_bytes() {
        let bytes: Vec<u8> = "Moscow, Friday.\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let loaded = load(&bytes);
        assert_eq!(loaded.decided_by, DecidedBy::ZeroBytes);
        assert_eq!(loaded.text, "Moscow, Friday.\n");
    }

    #[test]
    fn forced_encoding_wins_over_valid_utf8() {
        let loaded = load_bytes("é".as_bytes(), Some(Encoding::WINDOWS_1252));
        assert_eq!(loaded.text, "Ã©");
        assert_eq!(loaded.decided_by, DecidedBy::Forced);
    }

    #[test]
    fn forced_encoding_strips_its_own_bom_only() {
        let loaded = load_bytes(b"\xEF\xBB\xBFx", Some(Encoding::UTF_8));
        assert_eq!(loaded.text, "x");
        assert!(loaded.bom);
        let loaded = load_bytes(b"\xEF\xBB\xBFx", Some(Encoding::WINDOWS_1252));
        assert_eq!(loaded.text, "ï»¿x");
        assert!(!loaded.bom);
    }

    #[test]
    fn decided_by_names_match_serde() {
        for decided in [
            DecidedBy::Forced,
            DecidedBy::Bom,
            DecidedBy::Declared,
            DecidedBy::ZeroBytes,
            DecidedBy::Utf16Text,
            DecidedBy::ValidUtf8,
            DecidedBy::MostlyUtf8,
            DecidedBy::Detected,
        ] {
            let json = serde_json::to_string(&decided).unwrap();
            assert_eq!(json, format!("\"{}\"", decided.name()));
        }
    }

    #[test]
    fn empty_input_is_empty_text() {
        let loaded = load(b"");
        assert_eq!(loaded.text, "");
        assert!(loaded.malformed.is_empty());
    }

    fn encoded(label: &str, text: &str) -> Vec<u8> {
        Encoding::for_label(label).unwrap().encode(text).unwrap()
    }

    const RU: &str = "Во вторник мэрия открыла в центре города новую публичную библиотеку, где собрано более двадцати тысяч книг.\n";
    const ES: &str = "La biblioteca pública abrió el martes en el centro de la ciudad, con más de veinte mil libros y una sala de lectura.\n";

    #[test]
    fn sibling_cyrillic_pages_are_told_apart_by_the_language() {
        for label in [
            "windows-1251",
            "KOI8-R",
            "ISO-8859-5",
            "IBM866",
            "IBM855",
            "x-mac-cyrillic",
        ] {
            let bytes = encoded(label, RU);
            let loaded = load(&bytes);
            assert_eq!(loaded.text, RU, "{label}");
            assert_eq!(loaded.decided_by, DecidedBy::Detected);
            let detection = loaded.detection.unwrap();
            assert_eq!(detection.language, "ru", "{label}");
            let runner_up = detection.runner_up.unwrap();
            assert!(runner_up.bits > detection.bits, "{label}");
        }
    }

    #[test]
    fn dos_spanish_is_not_taken_for_big5_or_shift_jis() {
        for label in ["IBM437", "IBM850"] {
            let bytes = encoded(label, ES);
            let loaded = load(&bytes);
            assert_eq!(loaded.text, ES, "{label}");
        }
    }

    #[test]
    fn fractions_of_a_recipe_are_numbers_not_cyrillic_capitals() {
        // ½, ¼ and ¾ are Н, М and О in ISO-8859-5: a capital standing alone
        // between digits and words had been cheaper than a rare symbol.
        let recipe = "Pancakes\n\nIngredients:\n1 ½ cups flour\n¼ teaspoon salt\n\
                      3 ½ teaspoons baking powder\n1 ¼ cups milk\n¾ cup water\n\
                      Cook at 180° for 3 minutes.\n";
        let bytes = encoded("windows-1252", recipe);
        assert_eq!(load(&bytes).text, recipe);
        // Near misses: a letter where the fraction would stand glued to a
        // word (Spanish `ó` is IBM850's `¾`, Slovak `ľ` windows-1252's `¾`),
        // and the capitals themselves in Russian.
        for (label, text) in [
            ("windows-1252", "Joseph Darnand, quien se convirtió en un oficial de la SS y lideró a los paramilitares de la milicia que persiguió a los miembros de la Resistencia, fue ejecutado en 1945.\n"),
            ("windows-1250", "Ľudia v meste boli radi, že sa ľad na rieke konečne roztopil a že ľahko prejdú cez most.\n"),
            ("ISO-8859-5", "НА МОСКВУ ОБРУШИЛСЯ СНЕГОПАД. Во вторник мэрия открыла новую библиотеку, где собрано более двадцати тысяч книг.\n"),
        ] {
            assert_eq!(load(&encoded(label, text)).text, text, "{label}");
        }
    }

    #[test]
    fn a_dos_frame_is_box_drawing_not_a_row_of_capitals() {
        // `═` is `Н` in windows-1251 and `║` is `є`: the frame had been read
        // as Cyrillic capitals.
        let frame = "╔══════════════════════════╗\n\
                     ║   Welcome to the BBS!    ║\n\
                     ╠══════════════════════════╣\n\
                     ║ 1. Files                 ║\n\
                     ║ 2. Messages              ║\n\
                     ╚══════════════════════════╝\n\
                     Press any key to continue...\n";
        for label in ["IBM437", "IBM850"] {
            assert_eq!(load(&encoded(label, frame)).text, frame, "{label}");
        }
        // Near misses: Russian whose letters are box drawing in another
        // page (KOI8-R's small letters are IBM866's frames), in capitals
        // too, and Russian in IBM866 with a frame of its own.
        let capitals = "ВО ВТОРНИК МЭРИЯ ОТКРЫЛА В ЦЕНТРЕ ГОРОДА НОВУЮ ПУБЛИЧНУЮ БИБЛИОТЕКУ.\n";
        for label in ["KOI8-R", "IBM866", "windows-1251"] {
            assert_eq!(load(&encoded(label, RU)).text, RU, "{label}");
            let text = format!("{capitals}{RU}");
            assert_eq!(load(&encoded(label, &text)).text, text, "{label}");
        }
        let framed = format!("╔════════════╗\n║ Новости    ║\n╚════════════╝\n{RU}");
        assert_eq!(load(&encoded("IBM866", &framed)).text, framed);
    }

    #[test]
    fn cyrillic_among_much_markup_is_still_cyrillic() {
        let mut page = Vec::new();
        for _ in 0..40 {
            page.extend_from_slice(
                b"<div class=\"navigation-item\"><a href=\"/section/news/latest\">",
            );
        }
        page.extend_from_slice(&encoded("KOI8-R", RU));
        let loaded = load(&page);
        assert_eq!(loaded.encoding.name(), "KOI8-R");
    }

    #[test]
    fn a_declaration_wrong_for_the_bytes_is_overruled() {
        let mut page = b"<meta charset=\"windows-1252\">\n".to_vec();
        page.extend_from_slice(&encoded("KOI8-R", &RU.repeat(3)));
        let loaded = load(&page);
        assert_eq!(loaded.encoding.name(), "KOI8-R");
        assert_eq!(loaded.decided_by, DecidedBy::Detected);
        assert_eq!(loaded.overridden, Some(Encoding::WINDOWS_1252));
        // A right declaration of a sibling page stands.
        let mut page = b"<meta charset=\"koi8-u\">\n".to_vec();
        page.extend_from_slice(&encoded("KOI8-R", RU));
        assert_eq!(load(&page).decided_by, DecidedBy::Declared);
    }

    #[test]
    fn iso_2022_escapes_overrule_a_declaration_of_utf8() {
        let mut page = b"<meta charset=\"utf-8\">\n".to_vec();
        page.extend_from_slice(&encoded("ISO-2022-KR", "한국어 문장입니다.\n"));
        let loaded = load(&page);
        assert_eq!(loaded.encoding, Encoding::ISO_2022_KR);
        assert!(loaded.text.ends_with("한국어 문장입니다.\n"));
        assert_eq!(loaded.overridden, Some(Encoding::UTF_8));
    }

    #[test]
    fn korean_outside_the_standard_is_detected() {
        let text = "서울시는 화요일 도심에 새 공공 도서관을 열었다. 이만 권이 넘는 책이 있다.\n";
        let bytes = encoded("Johab", text);
        let johab = load(&bytes);
        assert_eq!(
            (johab.encoding, johab.text.as_ref()),
            (Encoding::JOHAB, text)
        );
        let bytes = encoded("ISO-2022-KR", text);
        let iso = load(&bytes);
        assert_eq!(
            (iso.encoding, iso.text.as_ref()),
            (Encoding::ISO_2022_KR, text)
        );
    }

    #[test]
    fn utf16_of_cjk_and_thai_without_bom() {
        for text in [
            "東京都は火曜日、都心に新しい公共図書館を開いた。二万冊以上の本がある。",
            "市政府周二在市中心开设了一座新的公共图书馆，藏书两万多册。",
            "เทศบาลเปิดห้องสมุดสาธารณะแห่งใหม่ในใจกลางเมืองเมื่อวันอังคาร",
        ] {
            for encoding in [Encoding::UTF_16LE, Encoding::UTF_16BE] {
                let bytes = encoding.encode(text).unwrap();
                let loaded = load(&bytes);
                assert_eq!((loaded.encoding, loaded.text.as_ref()), (encoding, text));
            }
        }
    }

    #[test]
    fn utf32_beyond_the_bmp_without_bom() {
        let text = "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 😀😃😄 𐍈𐌰𐌹 and more text\n";
        for encoding in [Encoding::UTF_32LE, Encoding::UTF_32BE] {
            let bytes = encoding.encode(text).unwrap();
            let loaded = load(&bytes);
            assert_eq!((loaded.encoding, loaded.text.as_ref()), (encoding, text));
        }
    }

    #[test]
    fn extra_encodings_decode_when_forced() {
        let loaded = load_bytes(b"\x8D\xA0\xE0", Encoding::for_label("cp437"));
        assert_eq!(loaded.text, "ìáα");
        let loaded = load_bytes(b"a\x8Db", Encoding::for_label("kz-1048"));
        assert_eq!(loaded.text, "aҚb");
        assert_eq!(loaded.encoding.name(), "KZ-1048");
    }
}
