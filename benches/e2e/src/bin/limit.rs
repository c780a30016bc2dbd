//! "The limit" of benches/e2e.sh: the least a text cleaner must do with a
//! file, so the cost of everything else shows.
//!
//!     limit [--nfc] [--encoding LABEL] FILE > OUT
//!
//! Reads FILE in blocks of a mebibyte, checks that it is UTF-8 (or, with
//! `--encoding`, decodes it from that legacy encoding with encoding_rs, as
//! a cleaner that already knew the encoding would), and writes the text to
//! standard output block by block: memory stays flat and each block is
//! written while it is still in the processor's cache (one read and one
//! write of a whole large file take about twice as long here, and the
//! limit must be the fastest way, not a slow one a cleaner could beat).
//! With `--nfc`, also brings the text to Unicode NFC the way a careful
//! cleaner would: a line whose quick check says "yes" is copied as it is,
//! any other line goes through `unicode-normalization`'s composing
//! iterator. Malformed UTF-8 becomes U+FFFD (as `String::from_utf8_lossy`
//! reads the whole file: a sequence cut by the end of a block is carried
//! into the next one), so the program never fails on its input.

use std::borrow::Cow;
use std::fs::File;
use std::io::{self, Read, Write};
use std::process::ExitCode;

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// The bytes read at a time.
const BLOCK: usize = 1 << 20;

fn main() -> ExitCode {
    let mut nfc = false;
    let mut encoding = None;
    let mut path = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--nfc" => nfc = true,
            "--encoding" => {
                let label = args.next().unwrap_or_default();
                match encoding_rs::Encoding::for_label(label.as_bytes()) {
                    Some(found) => encoding = Some(found),
                    None => return fail(&format!("unknown encoding {label:?}")),
                }
            }
            _ if path.is_none() => path = Some(arg),
            _ => return fail("usage: limit [--nfc] [--encoding LABEL] FILE"),
        }
    }
    let Some(path) = path else {
        return fail("usage: limit [--nfc] [--encoding LABEL] FILE");
    };
    let file = match File::open(&path) {
        Ok(file) => file,
        Err(err) => return fail(&format!("{path}: {err}")),
    };
    let mut out = Output {
        out: io::stdout().lock(),
        nfc,
        line: String::new(),
        buffer: String::new(),
    };
    let result = match encoding {
        Some(encoding) => decode_legacy(file, encoding, &mut out),
        None => decode_utf8(file, &mut out),
    };
    match result.and_then(|()| out.finish()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => fail(&format!("{path}: {err}")),
    }
}

/// Reads `file` block by block as UTF-8 into `out`. A sequence the end of a
/// block cuts is carried into the next block.
fn decode_utf8(mut file: File, out: &mut Output<'_>) -> io::Result<()> {
    let mut block = vec![0; BLOCK + 3];
    let mut carried = 0;
    loop {
        let read = read_full(&mut file, &mut block[carried..carried + BLOCK])?;
        let end = carried + read;
        let last = read == 0;
        let cut = if last {
            end
        } else {
            complete_up_to(&block[..end])
        };
        out.write(&String::from_utf8_lossy(&block[..cut]))?;
        if last {
            return Ok(());
        }
        block.copy_within(cut..end, 0);
        carried = end - cut;
    }
}

/// Reads `file` block by block from `encoding` into `out`.
fn decode_legacy(
    mut file: File,
    encoding: &'static encoding_rs::Encoding,
    out: &mut Output<'_>,
) -> io::Result<()> {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut block = vec![0; BLOCK];
    let mut text = String::new();
    loop {
        let read = read_full(&mut file, &mut block)?;
        let last = read == 0;
        text.clear();
        let needed = decoder
            .max_utf8_buffer_length(read)
            .unwrap_or(usize::MAX / 2);
        text.reserve(needed);
        let (_, _, _) = decoder.decode_to_string(&block[..read], &mut text, last);
        out.write(&text)?;
        if last {
            return Ok(());
        }
    }
}

/// How many bytes of `bytes` end with a complete character: all of them,
/// or all but the start of a sequence the block's end cuts.
fn complete_up_to(bytes: &[u8]) -> usize {
    let end = bytes.len();
    for back in 1..=3.min(end) {
        let byte = bytes[end - back];
        if byte < 0x80 {
            return end;
        }
        if byte >= 0xC0 {
            let len = match byte {
                0xF0.. => 4,
                0xE0.. => 3,
                _ => 2,
            };
            return if back < len { end - back } else { end };
        }
    }
    end
}

/// Fills `buffer` as far as the file goes; the bytes read (0 at its end).
fn read_full(file: &mut File, buffer: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < buffer.len() {
        match file.read(&mut buffer[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
            Err(err) => return Err(err),
        }
    }
    Ok(filled)
}

/// Standard output, with NFC line by line when asked (the end of a block
/// that is not the end of a line waits for the rest of the line).
struct Output<'a> {
    out: io::StdoutLock<'a>,
    nfc: bool,
    /// The start of a line the last block did not end.
    line: String,
    /// The NFC of the block's lines.
    buffer: String,
}

impl Output<'_> {
    fn write(&mut self, text: &str) -> io::Result<()> {
        if !self.nfc {
            return self.out.write_all(text.as_bytes());
        }
        let Some(last_break) = text.rfind('\n') else {
            self.line.push_str(text);
            return Ok(());
        };
        let (lines, rest) = text.split_at(last_break + 1);
        self.buffer.clear();
        let whole: Cow<'_, str> = if self.line.is_empty() {
            Cow::Borrowed(lines)
        } else {
            let mut joined = std::mem::take(&mut self.line);
            joined.push_str(lines);
            Cow::Owned(joined)
        };
        for line in whole.split_inclusive('\n') {
            push_nfc(line, &mut self.buffer);
        }
        self.line.clear();
        self.line.push_str(rest);
        self.out.write_all(self.buffer.as_bytes())
    }

    fn finish(mut self) -> io::Result<()> {
        if self.nfc && !self.line.is_empty() {
            let line = std::mem::take(&mut self.line);
            self.buffer.clear();
            push_nfc(&line, &mut self.buffer);
            self.out.write_all(self.buffer.as_bytes())?;
        }
        self.out.flush()
    }
}

/// Appends `line` in NFC to `out`: as it is when the quick check says
/// "yes", through the composing iterator otherwise.
fn push_nfc(line: &str, out: &mut String) {
    if is_nfc_quick(line.chars()) == IsNormalized::Yes {
        out.push_str(line);
    } else {
        out.extend(line.nfc());
    }
}

fn fail(message: &str) -> ExitCode {
    eprintln!("limit: {message}");
    ExitCode::from(2)
}
