//! The inputs of benches/e2e.sh, made deterministically from corpus/.
//!
//!     gen text KIND BYTES CORPUS_DIR OUT [OUT.jsonl]
//!     gen tree CORPUS_DIR OUT_DIR FILES BYTES_EACH
//!
//! KIND is one of:
//!
//! - `english`: paragraphs of the English articles of corpus/web;
//! - `arabic`: paragraphs of the Arabic article of corpus/web and
//!   corpus/synthetic/ar_news_footer.txt;
//! - `mixed`: English, Arabic, Russian (corpus/synthetic/ru_news_*), French
//!   and Greek in NFD (corpus/synthetic/decomposed_nfd_blank_tail.txt) and
//!   emoji paragraphs; one in six paragraphs ends with a sentence in another
//!   language;
//! - `emoji`: English paragraphs with an emoji (ZWJ sequences, skin tones,
//!   flags, variation selectors) after about every third word;
//! - `mojibake`: `mixed`, with every third non-empty line turned into
//!   mojibake (its UTF-8 bytes decoded as windows-1252, WHATWG mapping);
//! - `cp1251`: Russian paragraphs, encoded as windows-1251.
//!
//! Paragraphs are made of 2 to 6 sentences of the corpus drawn at random
//! (a fixed seed per kind), so that lines rarely repeat: a text made of the
//! same few articles over and over would be mostly removed by rinse's
//! duplicate-line rule, and measure that rule instead of cleaning. One line
//! in ten is a short line of the corpus as it is (headlines, navigation,
//! captions), which do repeat, as page residue does. Paragraphs are
//! separated by one line break or, half of the time, two.
//!
//! BYTES is the size of OUT (its first line break at or past BYTES; for
//! `cp1251` counted in windows-1251 bytes). With OUT.jsonl, the same text is
//! also written as JSON Lines: records of 2 to 6 KB of whole lines,
//! `{"id": N, "text": …, "metadata": {"source": "rinse-e2e", "kind": KIND}}`
//! (for `cp1251` the text in UTF-8, as JSON holds nothing else).
//!
//! `tree` writes FILES files of BYTES_EACH bytes of `mixed` text (seeded
//! by the file number) as OUT_DIR/NN/NNNN.txt, 100 files a folder.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const KINDS: &[&str] = &["english", "arabic", "mixed", "emoji", "mojibake", "cp1251"];

const EMOJI: &[&str] = &[
    "😀",
    "😂",
    "❤️",
    "👍🏽",
    "🔥",
    "🙏",
    "🎉",
    "☕",
    "✨",
    "🇺🇦",
    "🇫🇷",
    "👨‍👩‍👧",
    "👩🏻‍💻",
    "🏳️‍🌈",
    "🤔",
    "💯",
    "😭",
    "🚀",
    "✅",
    "⚠️",
];

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = match args.as_slice() {
        ["text", kind, bytes, corpus, out] => text(kind, bytes, corpus, out, None),
        ["text", kind, bytes, corpus, out, jsonl] => text(kind, bytes, corpus, out, Some(jsonl)),
        ["tree", corpus, dir, files, bytes] => tree(corpus, dir, files, bytes),
        _ => Err(format!(
            "usage: gen text KIND BYTES CORPUS_DIR OUT [OUT.jsonl] | \
             gen tree CORPUS_DIR OUT_DIR FILES BYTES_EACH (KIND: {})",
            KINDS.join(", ")
        )),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("gen: {message}");
            ExitCode::from(2)
        }
    }
}

fn number(arg: &str) -> Result<usize, String> {
    arg.parse().map_err(|_| format!("not a number: {arg}"))
}

fn create(path: &Path) -> Result<BufWriter<File>, String> {
    File::create(path)
        .map(|file| BufWriter::with_capacity(1 << 20, file))
        .map_err(|err| format!("{}: {err}", path.display()))
}

fn text(
    kind: &str,
    bytes: &str,
    corpus: &str,
    out: &str,
    jsonl: Option<&str>,
) -> Result<(), String> {
    if !KINDS.contains(&kind) {
        return Err(format!("unknown kind {kind} ({})", KINDS.join(", ")));
    }
    let target = number(bytes)?;
    let pools = Pools::load(Path::new(corpus))?;
    let mut stream = Stream::new(&pools, kind, 0);
    let mut out_file = create(Path::new(out))?;
    let mut records = match jsonl {
        Some(path) => Some(Records::new(create(Path::new(path))?, kind)),
        None => None,
    };
    let mut written = 0;
    let io_err = |err: io::Error| err.to_string();
    while written < target {
        let line = stream.next_line();
        if kind == "cp1251" {
            let (encoded, _, _) = encoding_rs::WINDOWS_1251.encode(&line);
            out_file.write_all(&encoded).map_err(io_err)?;
            written += encoded.len();
        } else {
            out_file.write_all(line.as_bytes()).map_err(io_err)?;
            written += line.len();
        }
        if let Some(records) = &mut records {
            records.push(&line).map_err(io_err)?;
        }
    }
    if let Some(records) = &mut records {
        records.finish().map_err(io_err)?;
    }
    out_file.flush().map_err(io_err)
}

fn tree(corpus: &str, dir: &str, files: &str, bytes: &str) -> Result<(), String> {
    let (files, target) = (number(files)?, number(bytes)?);
    let pools = Pools::load(Path::new(corpus))?;
    for i in 0..files {
        let folder = PathBuf::from(dir).join(format!("{:02}", i / 100));
        fs::create_dir_all(&folder).map_err(|err| format!("{}: {err}", folder.display()))?;
        let path = folder.join(format!("{i:04}.txt"));
        let mut file = create(&path)?;
        let mut stream = Stream::new(&pools, "mixed", i as u64 + 1);
        let mut written = 0;
        while written < target {
            let line = stream.next_line();
            file.write_all(line.as_bytes()).map_err(|e| e.to_string())?;
            written += line.len();
        }
        file.flush().map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// Sentences and short lines of one language.
#[derive(Default)]
struct Pool {
    sentences: Vec<String>,
    short: Vec<String>,
}

impl Pool {
    fn add_file(&mut self, path: &Path) -> Result<(), String> {
        let text = fs::read_to_string(path).map_err(|err| format!("{}: {err}", path.display()))?;
        let text = text.trim_start_matches('\u{feff}');
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            // Headlines, navigation, captions, teasers: kept whole.
            if line.len() < 60 || !ends_sentence(line) {
                self.short.push(line.to_owned());
                continue;
            }
            self.sentences
                .extend(sentences(line).filter(|s| s.len() >= 20).map(str::to_owned));
        }
        Ok(())
    }

    fn paragraph(&self, rng: &mut Rng) -> String {
        let count = 2 + rng.below(5);
        let mut text = String::new();
        for i in 0..count {
            if i > 0 {
                text.push(' ');
            }
            text.push_str(rng.pick::<String>(&self.sentences));
        }
        text
    }
}

fn ends_sentence(line: &str) -> bool {
    let line = line.trim_end_matches(['"', '”', '’', '»', ')', '\'']);
    line.ends_with(['.', '!', '?', '؟', '…'])
}

/// Splits a line after sentence punctuation (and any closing quotes or
/// brackets) that a space follows.
fn sentences(line: &str) -> impl Iterator<Item = &str> {
    let mut rest = line;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let mut end = rest.len();
        let mut after_stop = false;
        for (i, c) in rest.char_indices() {
            if matches!(c, '.' | '!' | '?' | '؟' | '…') {
                after_stop = true;
            } else if after_stop && c == ' ' {
                end = i;
                break;
            } else if !matches!(c, '"' | '”' | '’' | '»' | ')' | '\'') {
                after_stop = false;
            }
        }
        let sentence = &rest[..end];
        rest = rest[end..].trim_start();
        Some(sentence)
    })
}

struct Pools {
    english: Pool,
    arabic: Pool,
    russian: Pool,
    nfd: Pool,
}

impl Pools {
    fn load(corpus: &Path) -> Result<Pools, String> {
        let mut pools = Pools {
            english: Pool::default(),
            arabic: Pool::default(),
            russian: Pool::default(),
            nfd: Pool::default(),
        };
        let web = corpus.join("web");
        let mut files: Vec<PathBuf> = fs::read_dir(&web)
            .map_err(|err| format!("{}: {err}", web.display()))?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|path| path.extension().is_some_and(|e| e == "txt"))
            .collect();
        files.sort();
        for path in &files {
            let text = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
            let letters = text.chars().filter(|c| c.is_alphabetic()).count();
            let arabic = text
                .chars()
                .filter(|c| ('\u{600}'..='\u{6ff}').contains(c))
                .count();
            if arabic * 2 > letters {
                pools.arabic.add_file(path)?;
            } else {
                pools.english.add_file(path)?;
            }
        }
        let synthetic = corpus.join("synthetic");
        pools
            .arabic
            .add_file(&synthetic.join("ar_news_footer.txt"))?;
        pools
            .russian
            .add_file(&synthetic.join("ru_news_metro.txt"))?;
        pools
            .russian
            .add_file(&synthetic.join("ru_news_footer.txt"))?;
        pools
            .nfd
            .add_file(&synthetic.join("decomposed_nfd_blank_tail.txt"))?;
        for (name, pool) in [
            ("English", &pools.english),
            ("Arabic", &pools.arabic),
            ("Russian", &pools.russian),
            ("NFD", &pools.nfd),
        ] {
            if pool.sentences.is_empty() {
                return Err(format!("no {name} sentences in {}", corpus.display()));
            }
        }
        Ok(pools)
    }
}

/// SplitMix64: the same numbers on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Lines of one kind of text, each ending in a line break.
struct Stream<'p> {
    pools: &'p Pools,
    kind: &'p str,
    rng: Rng,
    /// Non-empty lines so far (for `mojibake`).
    lines: usize,
    /// A blank line to give before the next line.
    blank: bool,
}

impl<'p> Stream<'p> {
    fn new(pools: &'p Pools, kind: &'p str, seed: u64) -> Stream<'p> {
        let seed = kind.bytes().fold(0xcbf2_9ce4_8422_2325_u64 ^ seed, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
        });
        Stream {
            pools,
            kind,
            rng: Rng(seed),
            lines: 0,
            blank: false,
        }
    }

    fn next_line(&mut self) -> String {
        if self.blank {
            self.blank = false;
            return "\n".to_owned();
        }
        let pools = self.pools;
        let mut line = match self.kind {
            "english" => self.line(&pools.english),
            "arabic" => self.line(&pools.arabic),
            "cp1251" => self.line(&pools.russian),
            "emoji" => self.emoji_line(),
            _ => self.mixed_line(),
        };
        self.lines += 1;
        // Lines 2, 5, 8, …: every third line.
        if self.kind == "mojibake" && self.lines % 3 == 2 {
            line = encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(line.as_bytes())
                .0
                .into_owned();
        }
        line.push('\n');
        self.blank = self.rng.below(2) == 0;
        line
    }

    fn line(&mut self, pool: &Pool) -> String {
        if self.rng.below(10) == 0 && !pool.short.is_empty() {
            self.rng.pick(&pool.short).clone()
        } else {
            pool.paragraph(&mut self.rng)
        }
    }

    fn emoji_line(&mut self) -> String {
        let pools = self.pools;
        let plain = self.line(&pools.english);
        let mut line = String::with_capacity(plain.len() * 3 / 2);
        for (i, word) in plain.split(' ').enumerate() {
            if i > 0 {
                line.push(' ');
            }
            line.push_str(word);
            if self.rng.below(3) == 0 {
                line.push(' ');
                line.push_str(self.rng.pick::<&str>(EMOJI));
            }
        }
        line
    }

    fn mixed_line(&mut self) -> String {
        let pools = self.pools;
        let languages = [
            &pools.english,
            &pools.english,
            &pools.english,
            &pools.english,
            &pools.arabic,
            &pools.arabic,
            &pools.russian,
            &pools.russian,
            &pools.nfd,
        ];
        let choice = self.rng.below(languages.len() + 1);
        let mut line = match languages.get(choice) {
            Some(pool) => self.line(pool),
            None => self.emoji_line(),
        };
        if self.rng.below(6) == 0 {
            let other = *self.rng.pick(&languages);
            line.push(' ');
            line.push_str(self.rng.pick::<String>(&other.sentences));
        }
        line
    }
}

/// JSON Lines records of whole lines, 2 to 6 KB of text each.
struct Records {
    out: BufWriter<File>,
    /// Its own numbers, so that the text is the same with or without records.
    rng: Rng,
    kind: String,
    text: String,
    size: usize,
    id: usize,
}

impl Records {
    fn new(out: BufWriter<File>, kind: &str) -> Records {
        Records {
            out,
            rng: Rng(0x5eed),
            kind: kind.to_owned(),
            text: String::new(),
            size: 4000,
            id: 0,
        }
    }

    fn push(&mut self, line: &str) -> io::Result<()> {
        self.text.push_str(line);
        if self.text.len() >= self.size {
            self.write()?;
            self.size = 2000 + self.rng.below(4001);
        }
        Ok(())
    }

    fn write(&mut self) -> io::Result<()> {
        let record = serde_json::json!({
            "id": self.id,
            "text": self.text,
            "metadata": {"source": "rinse-e2e", "kind": self.kind},
        });
        serde_json::to_writer(&mut self.out, &record)?;
        self.out.write_all(b"\n")?;
        self.text.clear();
        self.id += 1;
        Ok(())
    }

    fn finish(&mut self) -> io::Result<()> {
        if !self.text.is_empty() {
            self.write()?;
        }
        self.out.flush()
    }
}
