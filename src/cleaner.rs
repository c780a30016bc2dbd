//! [`Cleaner`]: a configuration validated and compiled once, to clean any
//! number of documents.

use std::io::{self, Read, Seek, SeekFrom, Write};
use std::sync::{Arc, OnceLock};

use crate::clean::{Plan, Stream};
use crate::load::{self, DecidedBy, Encoding, Loaded};
use crate::report::{Cleaned, Report};
use crate::{Config, Error};

/// How many bytes a streamed document is read in at a time (a block is cut
/// after the last line break in it, so it holds whole lines).
const STREAM_BLOCK: usize = 1 << 20;

/// A compiled cleaning pipeline: build it once with [`Cleaner::new`], then
/// clean as many documents as you like, from as many threads as you like.
///
/// Building validates the [`Config`] (a step that cannot be switched off,
/// phrases that match nothing) and compiles everything that depends on it:
/// the list of enabled steps with what wakes each, the phrase automata of
/// the junk rules. Cleaning then does only work proportional to the input.
/// A `Cleaner` is `Send + Sync`, and cloning one is cheap (the compiled
/// pipeline is shared).
///
/// ```
/// use rinse::{Cleaner, Config, Step};
///
/// let cleaner = Cleaner::new(Config::default().disable(Step::Boilerplate))?;
/// let cleaned = cleaner.clean_bytes(b"caf\xC3\xA9  \r\n1 comment\n");
/// assert_eq!(cleaned.text, "café\n1 comment\n");
///
/// // Invalid settings are refused when the cleaner is built, not later.
/// assert!(Cleaner::new(Config::default().disable(Step::Decode)).is_err());
/// # Ok::<(), rinse::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Cleaner {
    inner: Arc<Compiled>,
}

#[derive(Debug)]
struct Compiled {
    config: Config,
    plan: Plan,
}

impl Cleaner {
    /// Validates and compiles `config`.
    pub fn new(config: Config) -> Result<Cleaner, Error> {
        config.validate()?;
        let plan = Plan::compile(&config)?;
        Ok(Cleaner {
            inner: Arc::new(Compiled { config, plan }),
        })
    }

    /// The configuration this cleaner was built from.
    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    /// Decodes `bytes` as this cleaner would, without cleaning: see
    /// [`load_bytes`](crate::load::load_bytes).
    pub fn load<'a>(&self, bytes: &'a [u8]) -> Loaded<'a> {
        load::load_bytes(bytes, self.inner.config.forced_encoding())
    }

    /// Cleans one document given as bytes in any encoding.
    ///
    /// Never fails and never panics: malformed bytes become U+FFFD and are
    /// listed in the report.
    pub fn clean_bytes(&self, bytes: &[u8]) -> Cleaned {
        self.clean_loaded(&self.load(bytes))
    }

    /// Cleans one document that is already text. The same as
    /// [`clean_bytes`](Cleaner::clean_bytes) on its UTF-8 bytes, so a
    /// leading U+FEFF is taken as a byte-order mark.
    pub fn clean_str(&self, text: &str) -> Cleaned {
        self.clean_bytes(text.as_bytes())
    }

    /// Cleans a document [loaded](Cleaner::load) before, for callers that
    /// also want the decoded input (to show a diff against it, say).
    ///
    /// ```
    /// let cleaner = rinse::Cleaner::default();
    /// let loaded = cleaner.load(b"one  \ntwo");
    /// let cleaned = cleaner.clean_loaded(&loaded);
    /// assert_eq!((loaded.text.as_ref(), cleaned.text.as_str()), ("one  \ntwo", "one\ntwo\n"));
    /// ```
    pub fn clean_loaded(&self, loaded: &Loaded<'_>) -> Cleaned {
        self.inner.plan.run(loaded, false)
    }

    /// Cleans one text that is a field of a record (of JSON Lines, Parquet,
    /// an Arrow array), given as bytes in any encoding: as
    /// [`clean_bytes`](Cleaner::clean_bytes) does a file, except that
    /// `final-newline` adds no line break where the text has none (it still
    /// drops blank lines at the end). A record keeps its own ending, and
    /// one that needs nothing else comes back unchanged.
    ///
    /// ```
    /// let cleaner = rinse::Cleaner::default();
    /// assert_eq!(cleaner.clean_bytes(b"Hello there.").text, "Hello there.\n");
    /// let field = cleaner.clean_field_bytes(b"Hello there.");
    /// assert_eq!(field.text, "Hello there.");
    /// assert!(!field.report.changed());
    /// assert_eq!(cleaner.clean_field_bytes(b"caf\xC3\xA9  \n\n\n").text, "caf\u{e9}\n");
    /// ```
    pub fn clean_field_bytes(&self, bytes: &[u8]) -> Cleaned {
        self.inner.plan.run(&self.load(bytes), true)
    }

    /// Cleans one text that is a field of a record: the same as
    /// [`clean_field_bytes`](Cleaner::clean_field_bytes) on its UTF-8 bytes.
    pub fn clean_field(&self, text: &str) -> Cleaned {
        self.clean_field_bytes(text.as_bytes())
    }

    /// Whether [`clean_streaming`](Cleaner::clean_streaming) can stream a
    /// document with this configuration (its bytes decide the rest).
    pub fn streams(&self) -> bool {
        self.inner.plan.can_stream() && self.inner.config.forced_encoding().is_none()
    }

    /// Cleans the document read from `input` into `output` a block of
    /// lines at a time, in memory that does not grow with the document,
    /// when that gives exactly the text of
    /// [`clean_bytes`](Cleaner::clean_bytes) on the whole input; returns
    /// `Ok(None)` otherwise, having written nothing, with `input` back where
    /// it was (the caller then cleans the document whole).
    ///
    /// It streams when every enabled step works inside a line (no junk rule
    /// and no tagging: they read the whole page), `line-endings` is on, the
    /// report is [`ReportDetail::Counts`](crate::ReportDetail) (excerpts per
    /// change would be listed block by block), no encoding is forced, the
    /// input has no control byte but tab, line feed and carriage return and
    /// no line of 2 GiB once decoded (for input that is not UTF-8, 2/3 GiB
    /// of bytes: a byte may decode to three), and its encoding is decided
    /// from its first block as it would be from the whole: UTF-8; or, for
    /// input that is not valid UTF-8, what its first 32 KiB decide (a
    /// legacy encoding the detector finds, in which a line feed or carriage
    /// return byte is always a line break; UTF-8 with malformed bytes,
    /// which are counted block by block, after a byte-order mark or not).
    /// An encoding declared in markup (`<meta charset>`, an XML
    /// declaration), a byte-order mark of UTF-16 or UTF-32, Johab, or a
    /// start that reads as UTF-16 without zero bytes leave the input to be
    /// cleaned whole. `input` is read twice: once to check that, once to
    /// clean it, so it must not change in between: UTF-8 that no longer is
    /// gives an error after part of the text is written, but other bytes
    /// are decoded as the first read decided, whatever they have become.
    /// Blocks are cut after a line break (LF, CRLF or a lone CR), so memory
    /// grows only with the longest line. Unlike
    /// [`clean_bytes`](Cleaner::clean_bytes), a document whose text is
    /// larger than 4 GiB is cleaned too.
    ///
    /// ```
    /// use rinse::{Cleaner, Config, ReportDetail};
    /// use std::io::Cursor;
    ///
    /// let fix = Cleaner::new(Config::preset_fix().report_detail(ReportDetail::Counts))?;
    /// let input = "\u{feff}caf\u{e9}  \r\n\r\n\r\nna\u{ef}ve".repeat(3);
    /// let mut output = Vec::new();
    /// let report = fix.clean_streaming(&mut Cursor::new(&input), &mut output)?.unwrap();
    /// let whole = fix.clean_str(&input);
    /// assert_eq!(String::from_utf8(output).unwrap(), whole.text);
    /// assert_eq!(report.steps, whole.report.steps);
    ///
    /// // The full preset reads whole pages: nothing is streamed.
    /// let full = Cleaner::new(Config::default().report_detail(ReportDetail::Counts))?;
    /// assert!(full.clean_streaming(&mut Cursor::new(&input), &mut Vec::new())?.is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn clean_streaming<R: Read + Seek, W: Write>(
        &self,
        input: &mut R,
        output: &mut W,
    ) -> io::Result<Option<Report>> {
        match self.clean_in_blocks(input, output, STREAM_BLOCK, Check::Surveyed)? {
            Streamed::Cleaned(report) => Ok(Some(*report)),
            Streamed::Whole => Ok(None),
            Streamed::TakeBack { .. } => unreachable!("a surveyed input streams to its end"),
        }
    }

    /// [`clean_streaming`](Cleaner::clean_streaming) for an output that can
    /// take back what was written (a file): the input is read once, not
    /// twice, and what [`clean_streaming`](Cleaner::clean_streaming) checks
    /// before it writes anything is checked block by block as the input is
    /// cleaned. When a block shows that the document must be cleaned whole
    /// after part of it is written (a byte that is not UTF-8 after UTF-8, a
    /// control byte, a line too long), it returns
    /// [`Streamed::TakeBack`]: the caller removes the bytes written and
    /// reads the document again, with
    /// [`clean_streaming`](Cleaner::clean_streaming) (which streams it where
    /// the whole input allows: a latin-1 line after megabytes of ASCII) or
    /// whole. `input` is back where it was whenever the
    /// result is [`Streamed::Whole`] or [`Streamed::TakeBack`] (not after
    /// an error). A document that is found to need the whole late is
    /// cleaned about twice: the price of not reading every input twice.
    ///
    /// ```
    /// use rinse::{Cleaner, Config, ReportDetail, Streamed};
    /// use std::io::Cursor;
    ///
    /// let fix = Cleaner::new(Config::preset_fix().report_detail(ReportDetail::Counts))?;
    /// let mut output = Vec::new();
    /// let input = "caf\u{e9}  \r\n".repeat(3);
    /// let Streamed::Cleaned(_) = fix.clean_streaming_once(&mut Cursor::new(&input), &mut output)? else {
    ///     panic!("plain UTF-8 streams");
    /// };
    /// assert_eq!(String::from_utf8(output).unwrap(), fix.clean_str(&input).text);
    ///
    /// // UTF-8 for 3 MiB, then a byte of windows-1252: what was written
    /// // is taken back.
    /// let mut input = "caf\u{e9}\n".repeat(1 << 19).into_bytes();
    /// input.extend_from_slice(b"caf\xE9\n");
    /// let mut output = Vec::new();
    /// let streamed = fix.clean_streaming_once(&mut Cursor::new(&input), &mut output)?;
    /// let Streamed::TakeBack { written } = streamed else { panic!("{streamed:?}") };
    /// assert_eq!(written, output.len() as u64);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn clean_streaming_once<R: Read + Seek, W: Write>(
        &self,
        input: &mut R,
        output: &mut W,
    ) -> io::Result<Streamed> {
        self.clean_in_blocks(input, output, STREAM_BLOCK, Check::AsRead)
    }

    /// [`clean_streaming`](Cleaner::clean_streaming) (with [`Check::Surveyed`])
    /// or [`clean_streaming_once`](Cleaner::clean_streaming_once) (with
    /// [`Check::AsRead`]) with blocks of at least `block_size` bytes.
    fn clean_in_blocks<R: Read + Seek, W: Write>(
        &self,
        input: &mut R,
        output: &mut W,
        block_size: usize,
        check: Check,
    ) -> io::Result<Streamed> {
        self.clean_in_blocks_up_to(
            input,
            output,
            block_size,
            check,
            crate::clean::MAX_LINE_BYTES,
        )
    }

    /// [`clean_in_blocks`](Cleaner::clean_in_blocks) with lines under
    /// `max_line` bytes once decoded.
    fn clean_in_blocks_up_to<R: Read + Seek, W: Write>(
        &self,
        input: &mut R,
        output: &mut W,
        block_size: usize,
        check: Check,
        max_line: usize,
    ) -> io::Result<Streamed> {
        let plan = &self.inner.plan;
        if !self.streams() {
            return Ok(Streamed::Whole);
        }
        let start = input.stream_position()?;
        // Whether the input is UTF-8: known before the first block when
        // it was surveyed, else decided by the first block.
        // Its lines beyond ASCII, when its first bytes hold too few.
        let mut lines: Option<Vec<u8>> = None;
        let known_utf8 = match check {
            Check::Surveyed => {
                let survey = survey(input, block_size, max_line)?;
                match survey {
                    Some(survey) if survey.short_lines => {
                        input.seek(SeekFrom::Start(start))?;
                        lines = survey.lines;
                        Some(survey.utf8)
                    }
                    _ => return give_up(input, start, false, 0),
                }
            }
            Check::AsRead => None,
        };
        // Text that is not UTF-8 is decoded as its first block says, which
        // holds all the bytes the loader decides from: it ends after them.
        let (first_size, first_min) = match known_utf8 {
            Some(true) => (block_size, 0),
            _ => (block_size.max(load::SAMPLE_BYTES), load::SAMPLE_BYTES),
        };
        let mut buf: Vec<u8> = Vec::with_capacity(2 * first_size);
        let mut out: Vec<u8> = Vec::with_capacity(block_size + block_size / 4);
        // The stream and how its blocks are decoded, once the first block
        // has started it.
        let mut started: Option<(Stream, Decoding)> = None;
        let mut written = 0u64;
        let mut eof = false;
        loop {
            let (size, min) = match started {
                Some(_) => (block_size, 0),
                None => (first_size, first_min),
            };
            // A block: the bytes up to the last line break in the first
            // `size` bytes or more, ending after `min` bytes, or the rest of
            // the input.
            let mut cut = None;
            // Bytes before this were looked at for a line break already (a
            // long line is not searched again at every read).
            let mut searched = min.saturating_sub(1);
            loop {
                if buf.len() >= size {
                    if let Some(end) = last_break_end(&buf, searched) {
                        cut = Some(end);
                        break;
                    }
                    // A CR at the very end may be the first half of a CRLF.
                    searched = buf.len().saturating_sub(1);
                }
                if eof {
                    break;
                }
                eof = read_more(input, &mut buf, size)? == 0;
            }
            let cut = cut.unwrap_or(buf.len());
            if cut == 0 {
                break;
            }
            let all = eof && cut == buf.len();
            let bytes = &buf[..cut];
            // Checked as read: what the survey would have found in the
            // block makes the document one to clean whole.
            if check == Check::AsRead {
                // A line is long by its decoded size, which for text that
                // is not UTF-8 can be three times its bytes.
                let long_line = bytes.len().saturating_mul(3) >= max_line && {
                    let utf8 = match &started {
                        Some((_, decoding)) => matches!(decoding, Decoding::Utf8),
                        None => simdutf8::basic::from_utf8(bytes).is_ok(),
                    };
                    let growth = if utf8 { 1 } else { 3 };
                    longest_line(bytes).saturating_mul(growth) >= max_line
                };
                if has_control_byte(bytes) || long_line {
                    return give_up(input, start, started.is_some(), written);
                }
            }
            match &mut started {
                None => {
                    let utf8 =
                        known_utf8.unwrap_or_else(|| simdutf8::basic::from_utf8(bytes).is_ok());
                    // Read once, text that is not UTF-8 whose first bytes
                    // hold too few beyond ASCII to decide its encoding: its
                    // lines beyond ASCII are read ahead (nothing is written
                    // yet), as the survey would have collected them.
                    if !utf8 && !all && lines.is_none() && load::head_needs_lines(bytes) {
                        lines = Some(lines_ahead(input, &buf)?);
                    }
                    let Some((loaded, decoding)) =
                        load_first_block(bytes, all, utf8, lines.as_deref())
                    else {
                        return give_up(input, start, false, 0);
                    };
                    let mut stream = plan.start_stream(&loaded);
                    plan.stream_block(&mut stream, &loaded.text, &mut out);
                    started = Some((stream, decoding));
                }
                Some((stream, Decoding::Utf8)) => {
                    let Ok(text) = simdutf8::basic::from_utf8(bytes) else {
                        if check == Check::AsRead {
                            return give_up(input, start, true, written);
                        }
                        return Err(io::Error::new(
                            io::ErrorKind::InvalidData,
                            "the input changed while it was read: it is no longer UTF-8",
                        ));
                    };
                    plan.stream_block(stream, text, &mut out);
                }
                Some((stream, Decoding::As(head))) => {
                    let loaded = load::load_next(bytes, *head);
                    plan.stream_decoded(stream, &loaded, &mut out);
                }
            }
            written += out.len() as u64;
            output.write_all(&out)?;
            out.clear();
            buf.drain(..cut);
        }
        let Some((stream, _)) = started else {
            // Empty input: nothing was written, and the whole is as cheap.
            return give_up(input, start, false, 0);
        };
        let report = plan.finish_stream(stream, &mut out);
        output.write_all(&out)?;
        Ok(Streamed::Cleaned(Box::new(report)))
    }
}

/// Puts `input` back at `start` and says what the caller does instead of
/// streaming: clean the document whole, after taking back the `written`
/// bytes when the stream had `begun`.
fn give_up<R: Seek>(input: &mut R, start: u64, begun: bool, written: u64) -> io::Result<Streamed> {
    input.seek(SeekFrom::Start(start))?;
    Ok(if begun {
        Streamed::TakeBack { written }
    } else {
        Streamed::Whole
    })
}

/// How [`Cleaner::clean_streaming_once`] ended.
#[derive(Debug)]
pub enum Streamed {
    /// The document was cleaned into the output, as
    /// [`clean_bytes`](Cleaner::clean_bytes) cleans it whole; its report.
    Cleaned(Box<Report>),
    /// Nothing was written: the document is to be cleaned whole.
    Whole,
    /// `written` bytes were written before a block showed that the
    /// document is not what its first blocks said: take them back, then
    /// read it again ([`clean_streaming`](Cleaner::clean_streaming), or
    /// whole).
    TakeBack {
        /// How many bytes were written to the output.
        written: u64,
    },
}

/// When a streamed input is checked for what streaming needs (no control
/// byte, lines short enough, UTF-8 throughout or not at all).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Check {
    /// Surveyed: read whole once before it is cleaned, so nothing is
    /// written when it cannot stream.
    Surveyed,
    /// Block by block as it is cleaned: part may be written before.
    AsRead,
}

/// How the blocks of a streamed input after the first are decoded.
enum Decoding {
    /// All of it is valid UTF-8: each block is checked and borrowed.
    Utf8,
    /// Decoded as the first block was.
    As(load::Continuation),
}

/// The first block of a streamed input (`all` of it, or not), decoded as
/// the whole input would be, and how the rest is decoded; `None` when that
/// cannot be known from it (the input is then cleaned whole).
fn load_first_block<'a>(
    bytes: &'a [u8],
    all: bool,
    utf8: bool,
    lines: Option<&[u8]>,
) -> Option<(Loaded<'a>, Decoding)> {
    if !utf8 {
        let loaded = load::load_head(bytes, all, lines)?;
        let decoding = Decoding::As(loaded.continuation());
        return Some((loaded, decoding));
    }
    // UTF-8 throughout is decided by its first bytes: a byte-order mark,
    // or none. A declaration in markup is left to the whole.
    let loaded = load::load_bytes(bytes, None);
    let as_whole = loaded.encoding == Encoding::UTF_8
        && matches!(loaded.decided_by, DecidedBy::ValidUtf8 | DecidedBy::Bom)
        && loaded.overridden.is_none()
        && loaded.malformed_count == 0;
    as_whole.then_some((loaded, Decoding::Utf8))
}

/// Where the last line break in `buf` at or after `from` ends: after an
/// LF, or after a CR that is not followed by an LF (a CR at the very end is
/// not taken: the next byte may be its LF).
fn last_break_end(buf: &[u8], from: usize) -> Option<usize> {
    memchr::memrchr2_iter(b'\n', b'\r', &buf[from..])
        .map(|at| from + at)
        .find(|&at| buf[at] == b'\n' || buf.get(at + 1).is_some_and(|&next| next != b'\n'))
        .map(|at| at + 1)
}

/// The length of the longest line of `bytes`, without its line break (a
/// CR, an LF or both end a line).
fn longest_line(bytes: &[u8]) -> usize {
    let mut longest = 0;
    let mut start = 0;
    for at in memchr::memchr2_iter(b'\n', b'\r', bytes) {
        longest = longest.max(at - start);
        start = at + 1;
    }
    longest.max(bytes.len() - start)
}

/// The lines beyond ASCII of an input of which `read` was read and the
/// rest is in `input` ([`load::LinesBeyondAscii`]), read to their end (or
/// until the sample is full); `input` is left where it was.
fn lines_ahead<R: Read + Seek>(input: &mut R, read: &[u8]) -> io::Result<Vec<u8>> {
    let here = input.stream_position()?;
    let mut lines = load::LinesBeyondAscii::new(load::SAMPLE_BYTES);
    lines.feed(read);
    let mut block = Vec::with_capacity(STREAM_BLOCK);
    while !lines.is_full() {
        block.clear();
        if read_more(input, &mut block, STREAM_BLOCK)? == 0 {
            break;
        }
        lines.feed(&block);
    }
    input.seek(SeekFrom::Start(here))?;
    Ok(lines.finish())
}

/// Reads up to `block` more bytes onto the end of `buf`; 0 at the end of
/// the input.
fn read_more<R: Read>(input: &mut R, buf: &mut Vec<u8>, block: usize) -> io::Result<usize> {
    // `read_to_end` reads into the spare capacity without zeroing it first.
    input.take(block as u64).read_to_end(buf)
}

/// Whether `bytes` has a control byte other than tab, LF and CR: checked in
/// blocks without a branch per byte, so the compiler vectorizes it.
///
/// `b | 4 == 13` holds for tab (9) and CR (13) and no other byte, so a byte
/// costs three comparisons (a test checks every byte).
fn has_control_byte(bytes: &[u8]) -> bool {
    bytes.chunks(4096).any(|chunk| {
        chunk.iter().fold(0u8, |seen, &b| {
            seen | (u8::from(b < 0x20) & u8::from(b | 4 != b'\r') & u8::from(b != b'\n'))
        }) != 0
    })
}

/// What the first read of an input found (see [`survey`]).
struct Survey {
    /// Whether it is valid UTF-8.
    utf8: bool,
    /// Its lines beyond ASCII, the loader's sample when its first
    /// [`SAMPLE_BYTES`](load::SAMPLE_BYTES) hold too few bytes beyond ASCII
    /// to decide its encoding (`None` when they hold enough).
    lines: Option<Vec<u8>>,
    /// Whether every line is short enough to be cleaned as a line: under
    /// [`MAX_LINE_BYTES`](crate::clean::MAX_LINE_BYTES) once decoded (the
    /// limit [`survey`] is given), which
    /// for text that is not UTF-8 can take three times its bytes (a byte
    /// of a code page becomes up to three; a malformed one, U+FFFD, three).
    short_lines: bool,
}

/// Reads `input` to its end: whether it is valid UTF-8 and its lines are
/// short enough to clean one at a time (under `max_line` bytes decoded); `None` when it has a control byte
/// other than tab, LF and CR, so that the loader decides its encoding from
/// its first bytes alone (no zero byte of UTF-16 or UTF-32, no escape of
/// ISO-2022).
fn survey<R: Read>(input: &mut R, block: usize, max_line: usize) -> io::Result<Option<Survey>> {
    let mut buf = Vec::with_capacity(block + 4);
    // The bytes since the last line break, and the longest line so far (or
    // more: a line between two breaks of one read counts as long as all
    // the bytes between the first and last break of that read).
    let mut since_break = 0usize;
    let mut longest = 0usize;
    let mut utf8 = true;
    // The lines beyond ASCII, collected until the first SAMPLE_BYTES are
    // seen to hold bytes beyond ASCII enough to decide from
    // (`load::load_head`).
    let mut lines = Some(load::LinesBeyondAscii::new(load::SAMPLE_BYTES));
    // Bytes of the first SAMPLE_BYTES seen, and how many were 0x80 or more.
    let (mut head_seen, mut head_high) = (0usize, 0usize);
    loop {
        let carried = buf.len();
        if read_more(input, &mut buf, block)? == 0 {
            // A sequence cut off by the end of the input is not UTF-8.
            let utf8 = utf8 && carried == 0;
            let growth = if utf8 { 1 } else { 3 };
            let lines = lines.map(|mut lines| {
                lines.feed(&buf);
                lines.finish()
            });
            return Ok(Some(Survey {
                utf8,
                lines,
                short_lines: longest.saturating_mul(growth) < max_line,
            }));
        }
        // The loader's validator (SIMD), in its form that says where a
        // sequence cut by the end of the buffer starts.
        let checked = if utf8 {
            match simdutf8::compat::from_utf8(&buf) {
                Ok(text) => text.len(),
                Err(err) if err.error_len().is_none() => err.valid_up_to(),
                Err(_) => {
                    utf8 = false;
                    buf.len()
                }
            }
        } else {
            buf.len()
        };
        let checked_bytes = &buf[..checked];
        if has_control_byte(checked_bytes) {
            return Ok(None);
        }
        if let Some(collected) = &mut lines {
            collected.feed(checked_bytes);
            if head_seen < load::SAMPLE_BYTES {
                let more = (load::SAMPLE_BYTES - head_seen).min(checked_bytes.len());
                head_high += checked_bytes[..more].iter().filter(|&&b| b >= 0x80).count();
                head_seen += more;
                if head_seen == load::SAMPLE_BYTES && head_high >= load::MIN_SAMPLE_HIGH {
                    lines = None;
                }
            }
        }
        match memchr::memchr2(b'\n', b'\r', checked_bytes) {
            Some(first) => {
                let last = memchr::memrchr2(b'\n', b'\r', checked_bytes).unwrap_or(first);
                // The line that ends at the first break, and at most the
                // longest of those between the first and the last.
                longest = longest.max(since_break + first).max(last - first);
                since_break = checked_bytes.len() - last - 1;
            }
            None => since_break += checked_bytes.len(),
        }
        longest = longest.max(since_break);
        if longest >= max_line {
            // Too long whatever the encoding: no need to read on.
            return Ok(Some(Survey {
                utf8,
                lines: None,
                short_lines: false,
            }));
        }
        buf.drain(..checked);
    }
}

impl Default for Cleaner {
    /// The cleaner of `Config::default()`, compiled once per process.
    fn default() -> Cleaner {
        static DEFAULT: OnceLock<Cleaner> = OnceLock::new();
        DEFAULT
            .get_or_init(|| Cleaner::new(Config::default()).expect("the default config is valid"))
            .clone()
    }
}

/// Cleans one document given as bytes in any encoding, with the default
/// configuration: a shorthand for `Cleaner::default().clean_bytes(bytes)`.
///
/// ```
/// use rinse::Step;
///
/// let cleaned = rinse::clean_bytes(b"\xEF\xBB\xBFHello  \r\nworld");
/// assert_eq!(cleaned.text, "Hello\nworld\n");
/// assert_eq!(cleaned.report.encoding.name, "UTF-8");
/// // byte-order mark, trailing spaces, CRLF, missing final newline:
/// let steps: Vec<Step> = cleaned.report.changes.iter().map(|c| c.step).collect();
/// assert_eq!(
///     steps,
///     [Step::Decode, Step::LineEndings, Step::TrailingWhitespace, Step::FinalNewline]
/// );
/// ```
pub fn clean_bytes(bytes: &[u8]) -> Cleaned {
    Cleaner::default().clean_bytes(bytes)
}

/// Cleans one document that is already text, with the default
/// configuration: a shorthand for `Cleaner::default().clean_str(text)`.
///
/// ```
/// let cleaned = rinse::clean_str("cafe\u{301}\n");
/// assert_eq!(cleaned.text, "caf\u{e9}\n");
/// ```
pub fn clean_str(text: &str) -> Cleaned {
    Cleaner::default().clean_str(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ReportDetail, Step};
    use proptest::prelude::*;
    use std::io::Cursor;

    #[test]
    fn control_bytes_are_the_c0_bytes_but_tab_lf_and_cr() {
        for b in 0..=u8::MAX {
            let expected = b < 0x20 && ![b'\t', b'\n', b'\r'].contains(&b);
            let mut text = vec![b'a'; 40];
            text[33] = b;
            assert_eq!(has_control_byte(&text), expected, "{b:#x}");
        }
    }

    fn counting(config: Config) -> Cleaner {
        Cleaner::new(config.report_detail(ReportDetail::Counts)).unwrap()
    }

    /// What of a streamed result differs from cleaning the document whole
    /// (`None`: nothing, text and every part of the report alike).
    fn differs_from_whole(out: &str, report: &Report, whole: &Cleaned) -> Option<&'static str> {
        let parts = [
            ("text", out == whole.text),
            ("steps", report.steps == whole.report.steps),
            ("changes", report.changes == whole.report.changes),
            ("scripts", report.scripts == whole.report.scripts),
            ("encoding", report.encoding == whole.report.encoding),
        ];
        parts.iter().find(|(_, same)| !same).map(|(part, _)| *part)
    }

    /// Streams `input` in blocks of `block` bytes; `None` when it did not.
    /// Read once ([`Check::AsRead`]) where it was surveyed first
    /// ([`Check::Surveyed`]) too: streamed, both give the same text and
    /// report; else the input is rewound, and what was written is what
    /// [`Streamed::TakeBack`] says.
    fn streamed(cleaner: &Cleaner, input: &[u8], block: usize) -> Option<(String, Report)> {
        streamed_up_to(cleaner, input, block, crate::clean::MAX_LINE_BYTES)
    }

    /// [`streamed`] with lines under `max_line` bytes once decoded.
    fn streamed_up_to(
        cleaner: &Cleaner,
        input: &[u8],
        block: usize,
        max_line: usize,
    ) -> Option<(String, Report)> {
        let run = |check| {
            let mut reader = Cursor::new(input);
            let mut out = Vec::new();
            let streamed = cleaner
                .clean_in_blocks_up_to(&mut reader, &mut out, block, check, max_line)
                .unwrap();
            match streamed {
                Streamed::Cleaned(report) => Some((String::from_utf8(out).unwrap(), *report)),
                Streamed::Whole | Streamed::TakeBack { .. } => {
                    let written = match streamed {
                        Streamed::TakeBack { written } => written,
                        _ => 0,
                    };
                    assert_eq!(
                        out.len() as u64,
                        written,
                        "{check:?}: what was written is said"
                    );
                    assert_eq!(reader.position(), 0, "{check:?}: the input is rewound");
                    None
                }
            }
        };
        let surveyed = run(Check::Surveyed);
        if let Some((once, report)) = run(Check::AsRead) {
            let (text, first) = surveyed
                .as_ref()
                .expect("read once, streamed when surveyed too");
            assert_eq!(&once, text, "read once or surveyed, the same text");
            assert_eq!(
                format!("{report:?}"),
                format!("{first:?}"),
                "and the same report"
            );
        }
        surveyed
    }

    /// Lines of the kinds whose handling spans blocks or depends on the
    /// line: blank and whitespace-only lines, lines that clean to nothing,
    /// CR and CRLF breaks, mojibake, no-break and zero-width spaces, and
    /// fullwidth punctuation below a line of Chinese or none.
    fn block_text() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just(""),
            Just(" "),
            Just("\u{200b}"),
            Just("\u{feff}"),
            Just("word"),
            Just("caf\u{c3}\u{a9} \u{e2}\u{20ac}\u{2122}"),
            Just("a\u{a0}\u{a0}b  c\t"),
            Just("\u{417}\u{434}\u{440}\u{430}\u{432}o"),
            Just("e\u{301}"),
            Just("\u{4e2d}\u{6587}\u{ff0c}"),
            Just("x\u{ff09}"),
        ];
        let ending = prop_oneof![Just("\n"), Just("\r\n"), Just("\r"), Just("\n\n\n")];
        prop::collection::vec((piece, ending), 0..24).prop_map(|lines| {
            lines
                .into_iter()
                .map(|(text, ending)| format!("{text}{ending}"))
                .collect()
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn streaming_gives_the_whole_documents_text_and_report(
            text in block_text(),
            tail in prop_oneof![Just(""), Just("last"), Just("  ")],
            block in 1usize..40,
        ) {
            let text = format!("{text}{tail}");
            prop_assume!(!text.is_empty());
            let fix = Config::preset_fix;
            for cleaner in [
                counting(fix()),
                counting(fix().enable(Step::BlankLines)),
                counting(fix().enable(Step::BlankLines).disable(Step::FinalNewline)),
                counting(fix().disable(Step::FinalNewline).enable(Step::CaseFold)),
            ] {
                let whole = cleaner.clean_str(&text);
                let (out, report) = streamed(&cleaner, text.as_bytes(), block)
                    .expect("plain UTF-8 streams");
                prop_assert_eq!(differs_from_whole(&out, &report, &whole), None);
            }
        }
    }

    #[test]
    fn lone_cr_breaks_and_long_lines_stream_like_the_whole() {
        let fix = counting(Config::preset_fix());
        let long = "caf\u{c3}\u{a9} ".repeat(50);
        for text in [
            "one\rtwo  \r\rthree\r".repeat(20),
            format!("{long}\n{long}"),
            format!("a\r\n{long}\r"),
        ] {
            for block in [1, 3, 8, 64] {
                let (out, report) = streamed(&fix, text.as_bytes(), block).unwrap();
                let whole = fix.clean_str(&text);
                assert_eq!(out, whole.text, "block {block}");
                assert_eq!(report.changes, whole.report.changes, "block {block}");
            }
        }
    }

    #[test]
    fn a_line_is_long_by_its_decoded_size() {
        let survey = |bytes: &[u8], max_line| {
            survey(&mut Cursor::new(bytes), 4, max_line)
                .unwrap()
                .map(|s| (s.utf8, s.short_lines))
        };
        // A line of 100 bytes: 100 in UTF-8, up to 300 decoded otherwise
        // (every 0x80 of windows-1252 is a euro sign of three bytes).
        let utf8 = format!("a\n{}\nb", "é".repeat(50));
        assert_eq!(survey(utf8.as_bytes(), 101), Some((true, true)));
        assert_eq!(survey(utf8.as_bytes(), 100), Some((true, false)));
        let legacy = [&b"a\n"[..], &[0x80; 100], b"\nb"].concat();
        assert_eq!(survey(&legacy, 301), Some((false, true)));
        assert_eq!(survey(&legacy, 300), Some((false, false)));
        assert_eq!(survey(b"a\x00b", 301), None, "a control byte");
    }

    #[test]
    fn read_once_a_line_is_long_by_its_decoded_size_too() {
        let fix = counting(Config::preset_fix());
        let streams = |bytes: &[u8], max_line| {
            let block = 8;
            let (text, report) = streamed_up_to(&fix, bytes, block, max_line)?;
            let mut out = Vec::new();
            let once = fix
                .clean_in_blocks_up_to(
                    &mut Cursor::new(bytes),
                    &mut out,
                    block,
                    Check::AsRead,
                    max_line,
                )
                .unwrap();
            let Streamed::Cleaned(once) = once else {
                panic!("surveyed, it streamed; read once: {once:?}")
            };
            assert_eq!(
                (String::from_utf8(out).unwrap(), format!("{once:?}")),
                (text, format!("{report:?}"))
            );
            Some(())
        };
        let utf8 = format!("a\n{}\nb", "é".repeat(50));
        assert!(streams(utf8.as_bytes(), 101).is_some());
        assert!(streams(utf8.as_bytes(), 100).is_none());
        let legacy = [&b"a\n"[..], &[0x80; 100], b"\nb"].concat();
        assert!(streams(&legacy, 301).is_some());
        assert!(streams(&legacy, 300).is_none());
    }

    #[test]
    fn read_once_what_was_written_is_taken_back_when_a_later_block_needs_the_whole() {
        let fix = counting(Config::preset_fix());
        let first = "caf\u{e9}  \n".repeat(load::SAMPLE_BYTES / 4);
        for (tail, why) in [
            (&b"caf\xE9\n"[..], "a byte that is not UTF-8"),
            (b"tab\tbell\x07\n", "a control byte"),
            (b"nul\x00\n", "a zero byte"),
        ] {
            let input = [first.as_bytes(), tail].concat();
            let mut out = Vec::new();
            let mut reader = Cursor::new(&input);
            let once = fix
                .clean_in_blocks(&mut reader, &mut out, 1024, Check::AsRead)
                .unwrap();
            let Streamed::TakeBack { written } = once else {
                panic!("{why}: {once:?}")
            };
            assert!(written > 0 && written == out.len() as u64, "{why}");
            assert_eq!(reader.position(), 0, "{why}");
            // Surveyed first: a control byte leaves it whole, nothing
            // written; text that is not UTF-8 throughout streams as its
            // first 32 KiB decide (here: UTF-8 with a line of another
            // page), like the whole.
            let control = tail.iter().any(|&b| b < 0x20 && b != b'\n');
            match streamed(&fix, &input, 1024) {
                Some((text, _)) => {
                    assert!(!control, "{why}");
                    assert_eq!(text, fix.clean_bytes(&input).text, "{why}");
                }
                None => assert!(control, "{why}: not UTF-8 throughout, it streams"),
            }
        }
        // A control byte in the first block: nothing is written.
        let mut out = Vec::new();
        let once = fix
            .clean_in_blocks(&mut Cursor::new(b"a\x01b\n"), &mut out, 1024, Check::AsRead)
            .unwrap();
        assert!(
            matches!(once, Streamed::Whole) && out.is_empty(),
            "{once:?}"
        );
    }

    #[test]
    fn legacy_text_whose_first_block_is_ascii_streams_as_its_later_lines_say() {
        // The first 32 KiB hold no byte beyond ASCII: the lines after them
        // that hold some decide the page. Surveyed, the input streams as
        // they say, like the whole; read once too, where the first block
        // holds one of them (its lines beyond ASCII are read ahead), and
        // where it does not, what was written of it, read as UTF-8, is
        // taken back.
        let fix = counting(Config::preset_fix());
        let ascii = b"plain ascii line\n".repeat(load::SAMPLE_BYTES / 8);
        for tail in [
            &b"Thanks to Bj\xf6rn Buchner and S\xe9rgio Ozaki.\n"[..],
            b"User M\xc3\xbcller\nname=Jos\xc3\n",
            b"\xd1\xef\xe0\xf1\xe8\xe1\xee \xd1\xe5\xf0\xe3\xe5\xfe.\nok\n",
            // As many lines of UTF-8 as of windows-1251 (helper-90): UTF-8,
            // whose lines of windows-1251 are read in that page also where
            // the first block is all ASCII.
            b"User M\xc3\xbcller logged in.\nUser M\xc3\xbcller logged in.\n\
              \xcf\xf0\xe8\xe2\xe5\xf2, \xd1\xe5\xf0\xe3\xe5\xe9.\n\
              \xcf\xf0\xe8\xe2\xe5\xf2, \xd1\xe5\xf0\xe3\xe5\xe9.\n",
        ] {
            let input = [&ascii[..], tail, &ascii, tail, &ascii].concat();
            let whole = fix.clean_bytes(&input);
            for block in [1024, 80_000] {
                let Some((text, report)) = streamed(&fix, &input, block) else {
                    panic!("surveyed, it streams: {tail:?}, {block}")
                };
                assert_eq!(
                    differs_from_whole(&text, &report, &whole),
                    None,
                    "{tail:?}, {block}"
                );
            }
            let mut out = Vec::new();
            let once = fix
                .clean_in_blocks(&mut Cursor::new(&input), &mut out, 80_000, Check::AsRead)
                .unwrap();
            assert!(matches!(once, Streamed::Cleaned(_)), "{once:?}");
            let once = fix
                .clean_in_blocks(&mut Cursor::new(&input), &mut out, 1024, Check::AsRead)
                .unwrap();
            assert!(matches!(once, Streamed::TakeBack { .. }), "{once:?}");
        }
        let latin_1 = [
            b"plain ascii line\n".repeat(load::SAMPLE_BYTES / 8),
            b"Thanks to Bj\xf6rn Buchner and S\xe9rgio Ozaki.\n".to_vec(),
        ]
        .concat();
        let whole = fix.clean_bytes(&latin_1);
        let mixed = [
            b"plain ascii line\n".repeat(load::SAMPLE_BYTES / 8),
            b"User M\xc3\xbcller logged in.\n\xcf\xf0\xe8\xe2\xe5\xf2.\n".to_vec(),
        ]
        .concat();
        assert!(fix
            .clean_bytes(&mixed)
            .text
            .ends_with("User Müller logged in.\nПривет.\n"));
        assert!(whole
            .text
            .ends_with("Thanks to Björn Buchner and Sérgio Ozaki.\n"));
        assert_eq!(whole.report.encoding.name, "windows-1252");
    }

    /// `lines` joined by `break_` and repeated past the bytes the loader
    /// decides an encoding from, encoded by `encode`.
    fn long_input(lines: &[&str], encode: impl Fn(&str) -> Vec<u8>) -> Vec<u8> {
        let mut input = Vec::new();
        let mut round = 0;
        while input.len() < 3 * load::SAMPLE_BYTES {
            for (i, line) in lines.iter().enumerate() {
                input.extend(encode(line));
                // Every kind of line break, blank lines among them.
                input.extend_from_slice([&b"\n"[..], b"\r\n", b"\r", b"\n\n\n"][(i + round) % 4]);
            }
            round += 1;
        }
        input
    }

    fn encoded(encoding: &'static encoding_rs::Encoding) -> impl Fn(&str) -> Vec<u8> {
        move |line| encoding.encode(line).0.into_owned()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// Bytes the first 32 KiB do not foresee (any byte but the control
        /// ones, in any encoding's text) stream like the whole.
        #[test]
        fn any_bytes_after_the_first_block_stream_like_the_whole(
            encoding in prop::sample::select(vec![
                encoding_rs::WINDOWS_1251,
                encoding_rs::WINDOWS_1252,
                encoding_rs::GBK,
                encoding_rs::EUC_KR,
                encoding_rs::UTF_8,
            ]),
            tail in prop::collection::vec(
                prop_oneof![0x20u8..=0xFF, Just(b'\n'), Just(b'\r'), Just(b'\t')],
                0..3000,
            ),
            block in 1usize..5000,
        ) {
            let lines = [
                "\u{41f}\u{440}\u{438}\u{432}\u{435}\u{442}, caf\u{e9} \u{4e2d}\u{6587} \u{d55c}",
                "  two  spaces\u{a0}",
            ];
            let mut input = long_input(&lines, encoded(encoding));
            input.extend_from_slice(&tail);
            let fix = counting(Config::preset_fix());
            let whole = fix.clean_bytes(&input);
            let (out, report) = streamed(&fix, &input, block).expect("streams");
            prop_assert_eq!(differs_from_whole(&out, &report, &whole), None);
        }
    }

    #[test]
    fn text_in_other_encodings_streams_like_the_whole() {
        let fix = counting(Config::preset_fix());
        let russian = [
            "Съешь же ещё этих мягких французских булок, да выпей чаю.",
            "  Ещё  одна\u{a0}строка  ",
            "",
            "«Цитата» — и тире, 1998 г.",
            "Рaris с латинской a",
        ];
        let japanese = [
            "いろはにほへと　ちりぬるを",
            "日本語の文章です。",
            "  半角ｶﾀｶﾅ  ",
        ];
        let utf8 = [
            "Le c\u{153}ur d\u{e9}\u{e7}u mais l\u{2019}\u{e2}me plut\u{f4}t na\u{ef}ve,",
            "no\u{eb}l  o\u{f9} \u{ea}tre\u{a0}: cr\u{e8}me br\u{fb}l\u{e9}e",
            "\u{c0} l\u{2019}\u{e9}t\u{e9}, o\u{f9} les \u{e9}l\u{e8}ves ont-ils d\u{e9}jeun\u{e9} ?",
        ];
        let mut cases = vec![
            (
                long_input(&russian, encoded(encoding_rs::WINDOWS_1251)),
                "windows-1251",
                0,
            ),
            (
                long_input(&russian, encoded(encoding_rs::KOI8_R)),
                "KOI8-R",
                0,
            ),
            (
                long_input(&utf8, encoded(encoding_rs::WINDOWS_1252)),
                "windows-1252",
                0,
            ),
        ];
        // Two bytes a character: a block is never cut inside one.
        cases.push((
            long_input(&japanese, encoded(encoding_rs::SHIFT_JIS)),
            "Shift_JIS",
            0,
        ));
        // UTF-8 with a broken sequence before the line break of some lines
        // (malformed, and numbered on its line, in later blocks too), with
        // and without a byte-order mark.
        let broken_utf8 = |line: &str| {
            let mut bytes = line.as_bytes().to_vec();
            if line.starts_with('n') {
                bytes.extend_from_slice(b" \xE2\x80");
            }
            bytes
        };
        let mostly = long_input(&utf8, broken_utf8);
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(&mostly);
        cases.push((mostly, "UTF-8", 1));
        cases.push((bom, "UTF-8", 1));
        // UTF-8 with lines of windows-1252 among them, decoded in the page
        // the first block's lines choose, in later blocks too.
        let legacy_lines = |line: &str| {
            if line.starts_with('n') {
                encoding_rs::WINDOWS_1252.encode(line).0.into_owned()
            } else {
                line.as_bytes().to_vec()
            }
        };
        let mixed = long_input(&utf8, legacy_lines);
        let whole = fix.clean_bytes(&mixed);
        assert!(
            whole.report.encoding.legacy_lines > 500,
            "{:?}",
            whole.report.encoding
        );
        assert_eq!(
            whole.report.encoding.legacy_page.as_deref(),
            Some("windows-1252")
        );
        assert!(whole.text.contains("noël") && whole.text.contains("crème brûlée"));
        assert!(!whole.text.contains('\u{fffd}'));
        cases.push((mixed, "UTF-8", 0));
        for (input, name, malformed) in cases {
            let whole = fix.clean_bytes(&input);
            assert_eq!(
                whole.report.encoding.name, name,
                "{:?}",
                whole.report.encoding
            );
            assert_eq!(whole.report.encoding.malformed > 0, malformed > 0, "{name}");
            for block in [1, 100, 4096, 50_000, 1 << 20] {
                let (out, report) = streamed(&fix, &input, block)
                    .unwrap_or_else(|| panic!("{name} streams in blocks of {block}"));
                let differs = differs_from_whole(&out, &report, &whole);
                assert_eq!(differs, None, "{name}, block {block}");
            }
        }
    }

    #[test]
    fn streaming_declines_what_it_cannot_do_alike() {
        let fix = counting(Config::preset_fix());
        // A control byte anywhere (a zero byte of UTF-16, an escape).
        for input in [&b"a\x01b\n"[..], b"caf\xc3\xa9\n\x1b$B\n"] {
            assert!(streamed(&fix, input, 4).is_none(), "{input:?}");
        }
        // Text that is not UTF-8 is decoded as its first bytes say, like
        // the whole; a declaration, or UTF-16 by its text, is left to it.
        for input in [&b"caf\xe9\n"[..], b"caf\xc3"] {
            let (out, _) = streamed(&fix, input, 4).expect("short input streams whole");
            assert_eq!(out, fix.clean_bytes(input).text);
        }
        let mut declared = b"<meta charset=\"koi8-r\">\n".to_vec();
        declared.extend(long_input(
            &["\u{41f}\u{440}\u{438}\u{432}\u{435}\u{442}"],
            encoded(encoding_rs::KOI8_R),
        ));
        assert!(streamed(&fix, &declared, 4096).is_none());
        let wide: Vec<u8> = "日本語の文章です。"
            .repeat(4000)
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert!(!wide.contains(&0), "no zero byte to tell UTF-16 by");
        assert_eq!(fix.clean_bytes(&wide).report.encoding.name, "UTF-16LE");
        assert!(streamed(&fix, &wide, 4096).is_none());
        assert!(streamed(&fix, b"", 4).is_none());
        // A declaration in the first bytes, whole pages, lists of changes,
        // a forced encoding.
        let declared = b"<meta charset=\"windows-1252\">\ncaf\xc3\xa9\n";
        assert!(streamed(&fix, declared, 4096).is_none());
        for config in [
            Config::default().report_detail(ReportDetail::Counts),
            Config::preset_fix(),
            Config::preset_fix()
                .report_detail(ReportDetail::Counts)
                .force_encoding(Encoding::UTF_8),
        ] {
            let cleaner = Cleaner::new(config).unwrap();
            assert!(streamed(&cleaner, b"one\ntwo\n", 4).is_none());
        }
        assert!(streamed(&fix, b"one  \n\n\ntwo", 4).is_some());
    }

    #[test]
    fn cleaner_is_send_sync_and_cheap_to_clone() {
        fn shared<T: Send + Sync + Clone>() {}
        shared::<Cleaner>();
        let a = Cleaner::default();
        let b = a.clone();
        assert!(Arc::ptr_eq(&a.inner, &b.inner));
    }

    #[test]
    fn invalid_configs_are_refused_at_build_time() {
        let err = Cleaner::new(Config::default().disable(Step::Decode)).unwrap_err();
        assert!(err.to_string().contains("`decode`"), "{err}");
        let err = Cleaner::new(Config::default().add_boilerplate(" -- ")).unwrap_err();
        assert!(err.to_string().contains("no letter or digit"), "{err}");
    }

    #[test]
    fn an_added_phrase_is_compiled_once_and_applies() {
        let cleaner = Cleaner::new(Config::default().add_boilerplate("Sponsored by ACME")).unwrap();
        let text = "A paragraph of the article that is long enough to count.\nSponsored by ACME\n";
        assert_eq!(
            cleaner.clean_str(text).text,
            "A paragraph of the article that is long enough to count.\n"
        );
    }
}
