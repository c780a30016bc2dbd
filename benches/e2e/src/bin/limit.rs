//! "The limit" of benches/e2e.sh: the least a text cleaner must do with a
//! file, so the cost of everything else shows.
//!
//!     limit [--nfc] [--encoding LABEL] FILE > OUT
//!
//! Reads FILE whole, checks that it is UTF-8 (or, with `--encoding`, decodes
//! it from that legacy encoding with encoding_rs, as a cleaner that already
//! knew the encoding would), and writes the text to standard output.
//! With `--nfc`, also brings the text to Unicode NFC the way a careful
//! cleaner would: a line whose quick check says "yes" is copied as it is,
//! any other line goes through `unicode-normalization`'s composing
//! iterator. Malformed UTF-8 becomes U+FFFD, so the program never fails on
//! its input.

use std::borrow::Cow;
use std::io::{self, Write};
use std::process::ExitCode;

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

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
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(err) => return fail(&format!("{path}: {err}")),
    };
    let text: Cow<'_, str> = match encoding {
        Some(encoding) => encoding.decode_without_bom_handling(&bytes).0,
        None => String::from_utf8_lossy(&bytes),
    };
    let mut out = io::stdout().lock();
    let written = if nfc {
        write_nfc(&text, &mut out)
    } else {
        out.write_all(text.as_bytes())
    };
    match written.and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => fail(&format!("writing: {err}")),
    }
}

/// Writes `text` in NFC, line by line, normalizing only the lines that need
/// it.
fn write_nfc(text: &str, out: &mut impl Write) -> io::Result<()> {
    let mut out = io::BufWriter::with_capacity(1 << 20, out);
    let mut buffer = String::new();
    for line in text.split_inclusive('\n') {
        if is_nfc_quick(line.chars()) == IsNormalized::Yes {
            out.write_all(line.as_bytes())?;
        } else {
            buffer.clear();
            buffer.extend(line.nfc());
            out.write_all(buffer.as_bytes())?;
        }
    }
    out.flush()
}

fn fail(message: &str) -> ExitCode {
    eprintln!("limit: {message}");
    ExitCode::from(2)
}
