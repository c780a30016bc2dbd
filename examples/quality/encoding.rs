//! The `encoding` quality harness: how often [`rinse::load::load_bytes`]
//! decodes real text in a known encoding back to that text, beside chardet
//! and charset-normalizer on the same files.
//!
//! ```sh
//! cargo run --release --example quality -- encoding --text ../shared/devsets/text-ud \
//!     [--langs ru,ja] [--sizes 200,2000,20000] [--docs 20] [--compare] [--json OUT] [--show N]
//! ```
//!
//! # Documents
//!
//! `scripts/quality/encoding_docs.py` (run by the harness when needed)
//! encodes the sentences of `--text` (one per line, UTF-8, written by people
//! outside the project) with Python's codecs, an implementation independent of
//! the encoding_rs tables rinse decodes with, into documents for each
//! (language, encoding) pair that makes sense: the Unicode encodings for
//! every language (UTF-8, UTF-16LE/BE with and without a byte-order mark,
//! UTF-32LE/BE without one) and the legacy encodings of the language's script
//! (windows-1251, KOI8-R, IBM866, … for Cyrillic; Shift_JIS, EUC-JP,
//! ISO-2022-JP for Japanese; …). Lines an encoding cannot hold are skipped
//! and counted; a pair is built when it keeps at least half of them. Each
//! pair has up to `--docs` documents of each size in `--sizes` (bytes, cut
//! at line boundaries from disjoint, seeded spans of consecutive
//! sentences), in up to three variants: `bare`, `declared` (a first line
//! `<meta charset="…">` naming the right encoding) and `wrong` (declaring
//! UTF-8, or windows-1252 for UTF-8 documents); the declaration variants
//! only for encodings in which ASCII is ASCII. The script's docs say more.
//! Everything is written under `target/quality/encoding/` (`--work`), never
//! into the repository, and made again only when the parameters or the
//! script change.
//!
//! # Score
//!
//! A document counts as right when the decoded text equals the original
//! text: *decoding-equivalent*, so a guess of windows-1252 for ISO-8859-1
//! text without bytes 0x80–0x9F is right, and so is any ASCII-compatible
//! guess for a document in an ASCII-compatible encoding whose text is pure
//! ASCII (the `ascii%` column gives the share of documents whose text is
//! pure ASCII: mostly English). For rinse the text is `load_bytes(bytes, None)`;
//! for chardet and charset-normalizer, `scripts/quality/encoding_tools.py`
//! decodes the bytes strictly with Python's codec of the name they guess.
//! Percentages are over documents.
//!
//! As a check on the documents themselves, the harness also decodes each
//! one with the WHATWG decoder of its true encoding (when there is one):
//! a document that does not come back is *unreachable* for any WHATWG
//! decoder (a mapping table difference, not detection) and is reported.
//!
//! # Reference tools
//!
//! `--compare` runs chardet 7 and charset-normalizer from a virtual
//! environment under `target/quality/venv` (made by
//! `scripts/quality/encoding_venv.sh`, which the harness runs if the
//! environment is missing); without `--compare` they run when that
//! environment already has them, and `--no-compare` leaves them out. Their
//! results are cached beside the documents.
//!
//! # Output
//!
//! Per (language, encoding) and size, for each variant, the percentage of
//! documents decoded to the original, and summaries: overall at each size,
//! per encoding family, the pairs where rinse does worse than a reference
//! tool, rinse's most frequent confusions (`--show N`), and the throughput
//! of `load_bytes` on the largest documents. `--json OUT` writes all of it,
//! with one record per document.

mod corpus;
mod report;
mod score;

use std::error::Error;
use std::path::PathBuf;

/// Options of the harness.
pub(crate) struct Options {
    /// Folder of `<lang>.txt` files, one sentence per line.
    pub text: PathBuf,
    /// Languages to use; all the folder has when empty.
    pub langs: Vec<String>,
    /// Document sizes, in bytes.
    pub sizes: Vec<usize>,
    /// Documents per pair, size and variant (at most).
    pub docs: usize,
    /// Seed of the spans drawn.
    pub seed: String,
    /// Whether to run the reference tools: `Some(true)` always (setting up
    /// their environment), `Some(false)` never, `None` when installed.
    pub compare: Option<bool>,
    /// Where to write the JSON results.
    pub json: Option<PathBuf>,
    /// How many confusions to print.
    pub show: usize,
    /// Folder of the generated documents and cached tool results.
    pub work: PathBuf,
    /// The Python that runs the document generator.
    pub python: String,
    /// Worker processes for the reference tools.
    pub jobs: usize,
}

const USAGE: &str = "\
usage: quality encoding --text DIR [options]

Measures rinse's encoding detection (load::load_bytes) on documents made from
real sentences in known encodings, beside chardet and charset-normalizer.

  --text DIR        folder of <lang>.txt files, one sentence per line (required)
  --langs a,b,..    languages to use (default: every file in DIR)
  --sizes N,N,..    document sizes in bytes (default: 200,2000,20000)
  --docs N          documents per pair, size and variant (default: 20)
  --seed S          seed of the spans drawn (default: 1)
  --compare         run chardet and charset-normalizer, setting up
                    target/quality/venv if needed (default: run them only if
                    that venv already has them)
  --no-compare      do not run them
  --json OUT        write every result, per document too, as JSON
  --show N          print rinse's N most frequent confusions (default: 25)
  --work DIR        where documents and tool results go
                    (default: target/quality/encoding)
  --python PATH     Python for the document generator (default: python3)
  --jobs N          processes for the reference tools (default: 2)
";

fn parse(args: &[String]) -> Result<Option<Options>, Box<dyn Error>> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut options = Options {
        text: PathBuf::new(),
        langs: Vec::new(),
        sizes: vec![200, 2000, 20000],
        docs: 20,
        seed: "1".to_owned(),
        compare: None,
        json: None,
        show: 25,
        work: root.join("target/quality/encoding"),
        python: std::env::var("PYTHON").unwrap_or_else(|_| "python3".to_owned()),
        jobs: 2,
    };
    let mut text = None;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = || {
            args.next()
                .cloned()
                .ok_or_else(|| format!("{arg} needs a value"))
        };
        match arg.as_str() {
            "-h" | "--help" => {
                print!("{USAGE}");
                return Ok(None);
            }
            "--text" => text = Some(PathBuf::from(value()?)),
            "--langs" => options.langs = list(&value()?),
            "--sizes" => {
                options.sizes = list(&value()?)
                    .iter()
                    .map(|size| size.parse::<usize>())
                    .collect::<Result<_, _>>()
                    .map_err(|err| format!("--sizes: {err}"))?;
                if options.sizes.is_empty() || options.sizes.contains(&0) {
                    return Err("--sizes needs sizes above zero".into());
                }
                options.sizes.sort_unstable();
                options.sizes.dedup();
            }
            "--docs" => options.docs = number(arg, &value()?)?,
            "--seed" => options.seed = value()?,
            "--compare" => options.compare = Some(true),
            "--no-compare" => options.compare = Some(false),
            "--json" => options.json = Some(PathBuf::from(value()?)),
            "--show" => options.show = number(arg, &value()?)?,
            "--work" => options.work = PathBuf::from(value()?),
            "--python" => options.python = value()?,
            "--jobs" => options.jobs = number(arg, &value()?)?.max(1),
            other => return Err(format!("unknown argument {other:?}\n\n{USAGE}").into()),
        }
    }
    options.text = text.ok_or_else(|| format!("--text DIR is required\n\n{USAGE}"))?;
    if options.docs == 0 {
        return Err("--docs needs at least one document".into());
    }
    Ok(Some(options))
}

fn list(value: &str) -> Vec<String> {
    value
        .split(',')
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(str::to_owned)
        .collect()
}

fn number(arg: &str, value: &str) -> Result<usize, Box<dyn Error>> {
    value
        .parse()
        .map_err(|err| format!("{arg} {value:?}: {err}").into())
}

/// Runs the harness with its command-line arguments.
pub fn run(args: &[String]) -> Result<(), Box<dyn Error>> {
    let Some(options) = parse(args)? else {
        return Ok(());
    };
    let corpus = corpus::Corpus::prepare(&options)?;
    let tools = corpus::tool_results(&options, &corpus)?;
    let results = score::score(&corpus, tools.as_ref())?;
    let throughput = score::throughput(&corpus, tools.as_ref());
    let report = report::Report::new(&corpus, &results, tools.as_ref(), throughput);
    report.print(options.show);
    if let Some(path) = &options.json {
        report.write_json(path)?;
        eprintln!("quality encoding: results written to {}", path.display());
    }
    Ok(())
}
