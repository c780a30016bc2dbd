//! The harness's documents and the reference tools' results on them: both
//! made by Python scripts under `scripts/quality/`, cached under the work
//! folder and made again when their parameters or the scripts change.

use std::error::Error;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde::{Deserialize, Serialize};

use super::Options;

/// One (language, encoding) pair, as the generator made it.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub(crate) struct Pair {
    pub lang: String,
    pub encoding: String,
    /// Python's codec.
    pub codec: String,
    /// The WHATWG label of the encoding, if it has a WHATWG decoder.
    pub whatwg: Option<String>,
    pub family: String,
    /// The legacy spelling applied before encoding, if any.
    pub legacy_form: Option<String>,
    /// Lines of the language, lines kept and lines skipped (not encodable).
    pub lines: usize,
    pub kept: usize,
    pub skipped: usize,
    /// Whether enough lines were kept for documents to be made.
    pub built: bool,
}

/// One document.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub(crate) struct Doc {
    pub id: usize,
    pub lang: String,
    pub encoding: String,
    pub size: usize,
    /// Its number among the documents of its pair, size and variant.
    pub index: usize,
    /// `bare`, `declared` or `wrong`.
    pub variant: String,
    /// The encoding its `<meta charset>` line names, if it has one.
    pub declares: Option<String>,
    offset: usize,
    len: usize,
    text_offset: usize,
    text_len: usize,
    /// Whether the original text is pure ASCII (so any ASCII-compatible
    /// guess decodes it).
    pub ascii: bool,
}

#[derive(Deserialize)]
struct Manifest {
    params: Params,
    pairs: Vec<Pair>,
    docs: Vec<Doc>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
pub(crate) struct Params {
    pub text: String,
    pub langs: Vec<String>,
    pub sizes: Vec<usize>,
    pub docs: usize,
    pub seed: String,
    pub stamp: String,
    pub python: String,
    pub made: String,
}

/// The generated documents, with their bytes and original texts in memory.
pub(crate) struct Corpus {
    pub params: Params,
    pub pairs: Vec<Pair>,
    pub docs: Vec<Doc>,
    blob: Vec<u8>,
    texts: String,
}

impl Corpus {
    /// Loads the documents for `options`, running the generator first when
    /// the work folder has none made with these parameters.
    pub fn prepare(options: &Options) -> Result<Corpus, Box<dyn Error>> {
        let script = script("encoding_docs.py");
        let langs = options.langs.join(",");
        let sizes = options
            .sizes
            .iter()
            .map(usize::to_string)
            .collect::<Vec<_>>()
            .join(",");
        let text = fs::canonicalize(&options.text)
            .map_err(|err| format!("--text {}: {err}", options.text.display()))?;
        let stamp = stamp(&[
            &fs::read(&script).map_err(|err| format!("{}: {err}", script.display()))?,
            text.as_os_str().as_encoded_bytes(),
            langs.as_bytes(),
            sizes.as_bytes(),
            options.docs.to_string().as_bytes(),
            options.seed.as_bytes(),
        ]);
        let manifest_path = options.work.join("manifest.json");
        let current = read_manifest(&manifest_path)
            .ok()
            .filter(|manifest| manifest.params.stamp == stamp);
        let manifest = match current {
            Some(manifest) => manifest,
            None => {
                eprintln!(
                    "quality encoding: making documents in {}",
                    options.work.display()
                );
                let status = Command::new(&options.python)
                    .arg(&script)
                    .arg("--text")
                    .arg(&text)
                    .arg("--out")
                    .arg(&options.work)
                    .args(["--langs", &langs, "--sizes", &sizes])
                    .args(["--docs", &options.docs.to_string()])
                    .args(["--seed", &options.seed, "--stamp", &stamp])
                    .status()
                    .map_err(|err| format!("running {}: {err}", options.python))?;
                if !status.success() {
                    return Err(format!("{} failed ({status})", script.display()).into());
                }
                read_manifest(&manifest_path)?
            }
        };
        let blob = fs::read(options.work.join("docs.bin"))?;
        let texts = String::from_utf8(fs::read(options.work.join("texts.txt"))?)
            .map_err(|err| format!("texts.txt is not UTF-8: {err}"))?;
        let corpus = Corpus {
            params: manifest.params,
            pairs: manifest.pairs,
            docs: manifest.docs,
            blob,
            texts,
        };
        // Every range must be in bounds (and the text ranges on character
        // boundaries), so that `bytes` and `text` cannot fail later.
        for doc in &corpus.docs {
            let bytes_ok = doc
                .offset
                .checked_add(doc.len)
                .is_some_and(|end| end <= corpus.blob.len());
            let text_ok = doc
                .text_offset
                .checked_add(doc.text_len)
                .and_then(|end| corpus.texts.get(doc.text_offset..end))
                .is_some();
            if !bytes_ok || !text_ok {
                return Err(format!(
                    "document {} lies outside docs.bin or texts.txt: remove {} and run again",
                    doc.id,
                    options.work.display()
                )
                .into());
            }
            if doc.id >= corpus.docs.len() || corpus.docs[doc.id].id != doc.id {
                return Err(
                    format!("document ids in {} are not 0..n", manifest_path.display()).into(),
                );
            }
        }
        Ok(corpus)
    }

    /// A document's bytes.
    pub fn bytes(&self, doc: &Doc) -> &[u8] {
        self.blob
            .get(doc.offset..doc.offset + doc.len)
            .unwrap_or_default()
    }

    /// A document's original text.
    pub fn text(&self, doc: &Doc) -> &str {
        self.texts
            .get(doc.text_offset..doc.text_offset + doc.text_len)
            .unwrap_or_default()
    }
}

fn read_manifest(path: &Path) -> Result<Manifest, Box<dyn Error>> {
    let json = fs::read_to_string(path).map_err(|err| format!("{}: {err}", path.display()))?;
    Ok(serde_json::from_str(&json).map_err(|err| format!("{}: {err}", path.display()))?)
}

/// A script of `scripts/quality/`.
fn script(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("scripts/quality")
        .join(name)
}

/// A short fingerprint of `parts` (FNV-1a, 64 bits): enough to tell whether
/// cached files were made from the same script and parameters.
fn stamp(parts: &[&[u8]]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &byte in part.iter().chain(&[0xFF]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

/// What one reference tool answered for one document.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct ToolAnswer {
    /// The Python codec it named, if any.
    pub guess: Option<String>,
    /// Whether decoding with it gives the original text.
    pub ok: bool,
    /// Seconds it spent.
    pub seconds: f64,
}

/// The reference tools' answers, indexed by document id.
pub(crate) struct ToolResults {
    pub chardet_version: String,
    pub cn_version: String,
    pub chardet: Vec<Option<ToolAnswer>>,
    pub cn: Vec<Option<ToolAnswer>>,
}

#[derive(Deserialize)]
struct ToolHeader {
    stamp: String,
    chardet: String,
    charset_normalizer: String,
}

#[derive(Deserialize)]
struct ToolRecord {
    id: usize,
    chardet: Option<String>,
    chardet_ok: bool,
    chardet_s: f64,
    cn: Option<String>,
    cn_ok: bool,
    cn_s: f64,
}

/// The reference tools' answers on `corpus`, from the cache or by running
/// them; `None` when they are not to be compared.
pub(crate) fn tool_results(
    options: &Options,
    corpus: &Corpus,
) -> Result<Option<ToolResults>, Box<dyn Error>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let python = root.join("target/quality/venv/bin/python");
    let installed = || {
        Command::new(&python)
            .args(["-c", "import chardet, charset_normalizer"])
            .output()
            .is_ok_and(|output| output.status.success())
    };
    match options.compare {
        Some(false) => return Ok(None),
        None if !installed() => {
            eprintln!(
                "quality encoding: chardet and charset-normalizer are not installed in \
                 target/quality/venv; run with --compare to set them up and compare"
            );
            return Ok(None);
        }
        Some(true) if !installed() => {
            let setup = script("encoding_venv.sh");
            eprintln!("quality encoding: setting up {}", python.display());
            let status = Command::new("sh")
                .arg(&setup)
                .status()
                .map_err(|err| format!("running {}: {err}", setup.display()))?;
            if !status.success() || !installed() {
                return Err(format!("{} failed ({status})", setup.display()).into());
            }
        }
        _ => {}
    }
    let script = script("encoding_tools.py");
    let stamp = stamp(&[
        corpus.params.stamp.as_bytes(),
        &fs::read(&script).map_err(|err| format!("{}: {err}", script.display()))?,
    ]);
    let path = options.work.join("tools.jsonl");
    if let Some(results) = read_tools(&path, &stamp, corpus.docs.len()) {
        return Ok(Some(results));
    }
    eprintln!(
        "quality encoding: running chardet and charset-normalizer on {} documents \
         ({} processes; cached for the next runs)",
        corpus.docs.len(),
        options.jobs
    );
    let status = Command::new(&python)
        .arg(&script)
        .arg("--work")
        .arg(&options.work)
        .arg("--out")
        .arg(&path)
        .args(["--jobs", &options.jobs.to_string(), "--stamp", &stamp])
        .status()
        .map_err(|err| format!("running {}: {err}", python.display()))?;
    if !status.success() {
        return Err(format!("{} failed ({status})", script.display()).into());
    }
    read_tools(&path, &stamp, corpus.docs.len())
        .map(Some)
        .ok_or_else(|| format!("{} is incomplete", path.display()).into())
}

/// The cached answers in `path`, if they were made with `stamp` and cover
/// every document.
fn read_tools(path: &Path, stamp: &str, docs: usize) -> Option<ToolResults> {
    let text = fs::read_to_string(path).ok()?;
    let mut lines = text.lines();
    let header: ToolHeader = serde_json::from_str(lines.next()?).ok()?;
    if header.stamp != stamp {
        return None;
    }
    let mut results = ToolResults {
        chardet_version: header.chardet,
        cn_version: header.charset_normalizer,
        chardet: vec![None; docs],
        cn: vec![None; docs],
    };
    for line in lines {
        let record: ToolRecord = serde_json::from_str(line).ok()?;
        *results.chardet.get_mut(record.id)? = Some(ToolAnswer {
            guess: record.chardet,
            ok: record.chardet_ok,
            seconds: record.chardet_s,
        });
        *results.cn.get_mut(record.id)? = Some(ToolAnswer {
            guess: record.cn,
            ok: record.cn_ok,
            seconds: record.cn_s,
        });
    }
    let complete = results.chardet.iter().all(Option::is_some);
    complete.then_some(results)
}
