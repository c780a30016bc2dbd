//! Compression of JSON Lines corpora: read from the data on input (gzip,
//! zstd; bzip2 is named and refused), chosen by the output's name or
//! `--compress` on output.

use std::ffi::OsString;
use std::io::{self, BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;

/// How a JSON Lines stream is (or is to be) compressed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Compression {
    None,
    Gzip,
    Zstd,
}

/// The extensions each compression is known by, the usual one first.
const EXTENSIONS: &[(Compression, &[&str])] = &[
    (Compression::Gzip, &["gz", "gzip"]),
    (Compression::Zstd, &["zst", "zstd"]),
];

impl Compression {
    /// The compression of data starting with `head`, from its magic bytes.
    pub fn of_data(head: &[u8]) -> Compression {
        match crate::inputs::compression(head) {
            Some("gzip") => Compression::Gzip,
            Some(_) => Compression::Zstd,
            None => Compression::None,
        }
    }

    /// The compression a file name asks for: `.gz` or `.zst` (or `.gzip`,
    /// `.zstd`), else none.
    pub fn of_name(path: &Path) -> Compression {
        let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        EXTENSIONS
            .iter()
            .find(|(_, names)| names.iter().any(|n| n.eq_ignore_ascii_case(extension)))
            .map_or(Compression::None, |(c, _)| *c)
    }

    /// `path` with its compression extension (if any) replaced by this
    /// compression's: `a.jsonl.gz` as zstd is `a.jsonl.zst`.
    pub fn rename(self, path: &Path) -> PathBuf {
        let base = if Compression::of_name(path) == Compression::None {
            path.to_path_buf()
        } else {
            path.with_extension("")
        };
        match EXTENSIONS.iter().find(|(c, _)| *c == self) {
            Some((_, names)) => {
                let mut name: OsString = base.into_os_string();
                name.push(".");
                name.push(names[0]);
                PathBuf::from(name)
            }
            None => base,
        }
    }
}

/// `reader` decompressed as its first bytes say (gzip, zstd or plain); bzip2
/// is an error that says how to read it.
pub fn decoder<R: BufRead + Send + 'static>(
    mut reader: R,
    name: &str,
) -> anyhow::Result<Box<dyn BufRead + Send>> {
    let head = reader
        .fill_buf()
        .map_err(|err| anyhow::anyhow!("{name}: {}", crate::inputs::io_cause(&err)))?;
    if head.starts_with(b"BZh") {
        anyhow::bail!(
            "{name}: bzip2-compressed; decompress it first (bzip2 -dc {name} | rinse clean --jsonl -)"
        );
    }
    Ok(match Compression::of_data(head) {
        Compression::Gzip => Box::new(BufReader::with_capacity(
            1 << 20,
            flate2::bufread::MultiGzDecoder::new(reader),
        )),
        Compression::Zstd => Box::new(BufReader::with_capacity(
            1 << 20,
            zstd::stream::read::Decoder::with_buffer(reader)
                .with_context(|| format!("{name}: not zstd"))?,
        )),
        Compression::None => Box::new(reader),
    })
}

/// A writer that compresses what it is given into `W`.
pub enum Encoder<W: Write> {
    Plain(W),
    Gzip(flate2::write::GzEncoder<W>),
    Zstd(zstd::stream::write::Encoder<'static, W>),
}

impl<W: Write> Encoder<W> {
    /// Compresses into `inner` (gzip at level 6, zstd at level 3: each
    /// format's default).
    pub fn new(inner: W, compression: Compression) -> io::Result<Encoder<W>> {
        Ok(match compression {
            Compression::None => Encoder::Plain(inner),
            Compression::Gzip => Encoder::Gzip(flate2::write::GzEncoder::new(
                inner,
                flate2::Compression::default(),
            )),
            Compression::Zstd => Encoder::Zstd(zstd::stream::write::Encoder::new(inner, 3)?),
        })
    }

    /// Writes the end of the compressed stream and returns the inner writer.
    pub fn finish(self) -> io::Result<W> {
        match self {
            Encoder::Plain(inner) => Ok(inner),
            Encoder::Gzip(encoder) => encoder.finish(),
            Encoder::Zstd(encoder) => encoder.finish(),
        }
    }
}

impl<W: Write> Write for Encoder<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Encoder::Plain(inner) => inner.write(buf),
            Encoder::Gzip(encoder) => encoder.write(buf),
            Encoder::Zstd(encoder) => encoder.write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match self {
            Encoder::Plain(inner) => inner.write_all(buf),
            Encoder::Gzip(encoder) => encoder.write_all(buf),
            Encoder::Zstd(encoder) => encoder.write_all(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Encoder::Plain(inner) => inner.flush(),
            Encoder::Gzip(encoder) => encoder.flush(),
            Encoder::Zstd(encoder) => encoder.flush(),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    #[test]
    fn names_choose_and_rename_compression() {
        assert_eq!(
            Compression::of_name(Path::new("a.jsonl.gz")),
            Compression::Gzip
        );
        assert_eq!(
            Compression::of_name(Path::new("a.jsonl.ZST")),
            Compression::Zstd
        );
        assert_eq!(
            Compression::of_name(Path::new("a.jsonl")),
            Compression::None
        );
        assert_eq!(
            Compression::Zstd.rename(Path::new("d/a.jsonl.gz")),
            Path::new("d/a.jsonl.zst")
        );
        assert_eq!(
            Compression::None.rename(Path::new("a.jsonl.zst")),
            Path::new("a.jsonl")
        );
        assert_eq!(
            Compression::Gzip.rename(Path::new("a.jsonl")),
            Path::new("a.jsonl.gz")
        );
    }

    #[test]
    fn what_is_encoded_decodes_back() {
        for compression in [Compression::None, Compression::Gzip, Compression::Zstd] {
            let mut encoder = Encoder::new(Vec::new(), compression).unwrap();
            encoder.write_all(b"{\"text\":\"x\"}\n").unwrap();
            let bytes = encoder.finish().unwrap();
            assert_eq!(Compression::of_data(&bytes), compression);
            let mut decoded = String::new();
            decoder(io::Cursor::new(bytes), "t")
                .unwrap()
                .read_to_string(&mut decoded)
                .unwrap();
            assert_eq!(decoded, "{\"text\":\"x\"}\n");
        }
    }
}
