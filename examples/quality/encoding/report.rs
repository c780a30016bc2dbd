//! Tables and summaries of the harness, printed and as JSON.

use std::collections::{BTreeMap, HashMap};
use std::error::Error;
use std::fmt::Write as _;
use std::path::Path;

use serde::Serialize;

use super::corpus::{Corpus, Pair, Params, ToolAnswer, ToolResults};
use super::score::{RinseAnswer, Throughput};

/// The order families are printed in.
const FAMILIES: &[&str] = &[
    "cyrillic",
    "central-european",
    "baltic",
    "western",
    "greek",
    "turkish",
    "hebrew",
    "arabic",
    "thai",
    "vietnamese",
    "japanese",
    "chinese",
    "korean",
    "unicode",
];

const VARIANTS: &[&str] = &["bare", "declared", "wrong"];

/// Counts of documents, and of those each detector decoded to the original.
#[derive(Clone, Copy, Debug, Default, Serialize)]
pub(crate) struct Tally {
    pub docs: usize,
    pub rinse: usize,
    pub chardet: usize,
    pub cn: usize,
    /// Documents that are pure ASCII (right for any ASCII-compatible guess).
    pub ascii: usize,
}

impl Tally {
    fn add(&mut self, ascii: bool, rinse: bool, chardet: bool, cn: bool) {
        self.docs += 1;
        self.ascii += usize::from(ascii);
        self.rinse += usize::from(rinse);
        self.chardet += usize::from(chardet);
        self.cn += usize::from(cn);
    }

    /// How far rinse is below the better reference tool, in points.
    fn deficit(&self) -> f64 {
        pct(self.chardet.max(self.cn), self.docs) - pct(self.rinse, self.docs)
    }
}

fn pct(count: usize, of: usize) -> f64 {
    if of == 0 {
        0.0
    } else {
        100.0 * count as f64 / of as f64
    }
}

/// One row of a table: a group of documents of one variant and size.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct Row {
    /// `lang encoding`, a family, or a label such as `overall`.
    pub group: String,
    pub variant: String,
    pub size: usize,
    #[serde(flatten)]
    pub tally: Tally,
    pub rinse_pct: f64,
    pub chardet_pct: Option<f64>,
    pub cn_pct: Option<f64>,
}

/// rinse's answers for one true encoding that were wrong, by guess.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct Confusion {
    pub encoding: String,
    pub guessed: String,
    pub count: usize,
    /// Counts by variant, by the rule that decided, by language.
    pub variants: BTreeMap<String, usize>,
    pub decided_by: BTreeMap<String, usize>,
    pub langs: BTreeMap<String, usize>,
}

/// One document's results, for the JSON output.
#[derive(Serialize)]
struct DocRecord<'a> {
    id: usize,
    lang: &'a str,
    encoding: &'a str,
    size: usize,
    index: usize,
    variant: &'a str,
    declares: Option<&'a str>,
    bytes: usize,
    ascii: bool,
    rinse: &'a RinseAnswer,
    chardet: Option<&'a ToolAnswer>,
    charset_normalizer: Option<&'a ToolAnswer>,
}

#[derive(Serialize)]
struct Versions<'a> {
    chardet: &'a str,
    charset_normalizer: &'a str,
}

/// A summary row: its label, the variants it adds up, and which pairs.
type SummaryGroup = (&'static str, &'static [&'static str], fn(&Pair) -> bool);

/// Everything the harness found.
pub(crate) struct Report<'a> {
    corpus: &'a Corpus,
    answers: &'a [RinseAnswer],
    tools: Option<&'a ToolResults>,
    throughput: Vec<Throughput>,
    /// Built pairs in print order.
    order: Vec<&'a Pair>,
    /// Tallies by (lang, encoding, variant, size).
    tallies: HashMap<(&'a str, &'a str, &'a str, usize), Tally>,
    confusions: Vec<Confusion>,
    unreachable: Vec<usize>,
}

impl<'a> Report<'a> {
    pub fn new(
        corpus: &'a Corpus,
        answers: &'a [RinseAnswer],
        tools: Option<&'a ToolResults>,
        throughput: Vec<Throughput>,
    ) -> Report<'a> {
        let mut first_seen: HashMap<&str, usize> = HashMap::new();
        for pair in &corpus.pairs {
            let next = first_seen.len();
            first_seen.entry(pair.encoding.as_str()).or_insert(next);
        }
        let mut order: Vec<&Pair> = corpus.pairs.iter().filter(|pair| pair.built).collect();
        order.sort_by_key(|pair| {
            (
                FAMILIES
                    .iter()
                    .position(|&family| family == pair.family)
                    .unwrap_or(FAMILIES.len()),
                first_seen.get(pair.encoding.as_str()).copied(),
                pair.lang.as_str(),
            )
        });

        let mut tallies: HashMap<(&str, &str, &str, usize), Tally> = HashMap::new();
        let mut confusions: HashMap<(&str, &str), Confusion> = HashMap::new();
        let mut unreachable = Vec::new();
        for (doc, answer) in corpus.docs.iter().zip(answers) {
            let (chardet, cn) = tool_oks(tools, doc.id);
            tallies
                .entry((&doc.lang, &doc.encoding, &doc.variant, doc.size))
                .or_default()
                .add(doc.ascii, answer.ok, chardet, cn);
            if answer.reachable == Some(false) {
                unreachable.push(doc.id);
            }
            if !answer.ok {
                let confusion = confusions
                    .entry((&doc.encoding, answer.guess))
                    .or_insert_with(|| Confusion {
                        encoding: doc.encoding.clone(),
                        guessed: answer.guess.to_owned(),
                        count: 0,
                        variants: BTreeMap::new(),
                        decided_by: BTreeMap::new(),
                        langs: BTreeMap::new(),
                    });
                confusion.count += 1;
                *confusion.variants.entry(doc.variant.clone()).or_default() += 1;
                *confusion
                    .decided_by
                    .entry(answer.decided_by.clone())
                    .or_default() += 1;
                *confusion.langs.entry(doc.lang.clone()).or_default() += 1;
            }
        }
        let mut confusions: Vec<Confusion> = confusions.into_values().collect();
        confusions.sort_by(|a, b| {
            b.count
                .cmp(&a.count)
                .then_with(|| (&a.encoding, &a.guessed).cmp(&(&b.encoding, &b.guessed)))
        });
        Report {
            corpus,
            answers,
            tools,
            throughput,
            order,
            tallies,
            confusions,
            unreachable,
        }
    }

    fn sizes(&self) -> &[usize] {
        &self.corpus.params.sizes
    }

    fn tally(&self, pair: &Pair, variant: &str, size: usize) -> Tally {
        self.tallies
            .get(&(pair.lang.as_str(), pair.encoding.as_str(), variant, size))
            .copied()
            .unwrap_or_default()
    }

    /// The sum of the tallies of the pairs `keep` accepts.
    fn sum(&self, variants: &[&str], size: usize, keep: impl Fn(&Pair) -> bool) -> Tally {
        let mut total = Tally::default();
        for pair in self.order.iter().filter(|pair| keep(pair)) {
            for variant in variants {
                let tally = self.tally(pair, variant, size);
                total.docs += tally.docs;
                total.rinse += tally.rinse;
                total.chardet += tally.chardet;
                total.cn += tally.cn;
                total.ascii += tally.ascii;
            }
        }
        total
    }

    fn row(&self, group: String, variant: &str, size: usize, tally: Tally) -> Row {
        let tools = self.tools.is_some();
        Row {
            group,
            variant: variant.to_owned(),
            size,
            tally,
            rinse_pct: pct(tally.rinse, tally.docs),
            chardet_pct: tools.then(|| pct(tally.chardet, tally.docs)),
            cn_pct: tools.then(|| pct(tally.cn, tally.docs)),
        }
    }

    /// Rows for every built pair, variant and size.
    fn pair_rows(&self) -> Vec<Row> {
        let mut rows = Vec::new();
        for pair in &self.order {
            for variant in VARIANTS {
                for &size in self.sizes() {
                    let tally = self.tally(pair, variant, size);
                    if tally.docs > 0 {
                        let group = format!("{} {}", pair.lang, pair.encoding);
                        rows.push(self.row(group, variant, size, tally));
                    }
                }
            }
        }
        rows
    }

    /// Summary groups: (label, variants, which pairs).
    fn overall_groups() -> Vec<SummaryGroup> {
        vec![
            ("bare", &["bare"], |_| true),
            ("declared", &["declared"], |_| true),
            ("wrong declaration", &["wrong"], |_| true),
            ("all variants", VARIANTS, |_| true),
            ("bare, legacy encodings", &["bare"], |pair| {
                pair.family != "unicode"
            }),
            ("bare, Unicode encodings", &["bare"], |pair| {
                pair.family == "unicode"
            }),
            ("bare, legacy with a WHATWG decoder", &["bare"], |pair| {
                pair.family != "unicode" && pair.whatwg.is_some()
            }),
            ("bare, encodings with a WHATWG decoder", &["bare"], |pair| {
                pair.whatwg.is_some() || pair.encoding.starts_with("UTF-32")
            }),
        ]
    }

    fn overall_rows(&self) -> Vec<Row> {
        let mut rows = Vec::new();
        for (label, variants, keep) in Self::overall_groups() {
            for &size in self.sizes() {
                let tally = self.sum(variants, size, keep);
                rows.push(self.row(label.to_owned(), &variants.join("+"), size, tally));
            }
        }
        rows
    }

    fn family_rows(&self, variant: &str) -> Vec<Row> {
        let mut rows = Vec::new();
        for family in FAMILIES {
            for &size in self.sizes() {
                let tally = self.sum(&[variant], size, |pair| pair.family == *family);
                if tally.docs > 0 {
                    rows.push(self.row((*family).to_owned(), variant, size, tally));
                }
            }
        }
        rows
    }

    /// (pair, variant) where rinse is below a reference tool at some size,
    /// the largest deficit first.
    fn worse(&self) -> Vec<(&'a Pair, &'static str, f64)> {
        let mut worse = Vec::new();
        if self.tools.is_none() {
            return worse;
        }
        for &pair in &self.order {
            for &variant in VARIANTS {
                let deficit = self
                    .sizes()
                    .iter()
                    .map(|&size| self.tally(pair, variant, size))
                    .filter(|tally| tally.docs > 0)
                    .map(|tally| tally.deficit())
                    .fold(f64::NEG_INFINITY, f64::max);
                if deficit > 0.0 {
                    worse.push((pair, variant, deficit));
                }
            }
        }
        worse.sort_by(|a, b| b.2.total_cmp(&a.2));
        worse
    }

    /// Prints the tables and summaries to stdout.
    pub fn print(&self, show: usize) {
        let mut out = String::new();
        // Writing to a String cannot fail.
        let _ = self.write_text(&mut out, show);
        print!("{out}");
    }

    fn write_text(&self, out: &mut String, show: usize) -> std::fmt::Result {
        let params = &self.corpus.params;
        writeln!(
            out,
            "rinse encoding detection on {} documents of {} (language, encoding) pairs \
             from {} (seed {}, up to {} documents per pair, size and variant)",
            self.corpus.docs.len(),
            self.order.len(),
            params.text,
            params.seed,
            params.docs
        )?;
        match self.tools {
            Some(tools) => writeln!(
                out,
                "reference tools: chardet {}, charset-normalizer {} (`chard`, `c-nrm`)",
                tools.chardet_version, tools.cn_version
            )?,
            None => writeln!(out, "reference tools: not run (see --compare)")?,
        }
        writeln!(
            out,
            "cells: % of documents decoded to the original text; n = documents; \
             * = rinse below a reference tool"
        )?;
        for variant in VARIANTS {
            self.write_pair_table(out, variant)?;
        }

        writeln!(out, "\n== overall (every built pair; % of documents) ==")?;
        self.write_header(out, "")?;
        for (label, variants, keep) in Self::overall_groups() {
            let tallies: Vec<Tally> = self
                .sizes()
                .iter()
                .map(|&size| self.sum(variants, size, keep))
                .collect();
            self.write_cells(out, label, &tallies, true)?;
        }

        for variant in ["bare", "wrong"] {
            writeln!(out, "\n== per encoding family, {variant} documents ==")?;
            self.write_header(out, "")?;
            for family in FAMILIES {
                let tallies: Vec<Tally> = self
                    .sizes()
                    .iter()
                    .map(|&size| self.sum(&[variant], size, |pair| pair.family == *family))
                    .collect();
                if tallies.iter().any(|tally| tally.docs > 0) {
                    self.write_cells(out, family, &tallies, true)?;
                }
            }
        }

        if self.tools.is_some() {
            let worse = self.worse();
            let bare: Vec<_> = worse.iter().filter(|w| w.1 == "bare").collect();
            writeln!(
                out,
                "\n== {} pairs where rinse is below chardet or charset-normalizer at some size \
                 (bare documents), largest gap (points) first ==",
                bare.len()
            )?;
            self.write_header(out, "gap lang encoding")?;
            for &&(pair, variant, deficit) in &bare {
                let tallies: Vec<Tally> = self
                    .sizes()
                    .iter()
                    .map(|&size| self.tally(pair, variant, size))
                    .collect();
                let label = format!("{deficit:>3.0} {} {}", pair.lang, pair.encoding);
                self.write_cells(out, &label, &tallies, false)?;
            }
            // The declaration variants mostly repeat the bare gaps; name
            // only those that add to them.
            let bare_gap: HashMap<(&str, &str), f64> = bare
                .iter()
                .map(|w| ((w.0.lang.as_str(), w.0.encoding.as_str()), w.2))
                .collect();
            let more: Vec<String> = worse
                .iter()
                .filter(|w| w.1 != "bare")
                .filter(|w| {
                    let key = (w.0.lang.as_str(), w.0.encoding.as_str());
                    w.2 > bare_gap.get(&key).copied().unwrap_or(0.0)
                })
                .map(|w| format!("{} {} {} ({:.0})", w.0.lang, w.0.encoding, w.1, w.2))
                .collect();
            writeln!(
                out,
                "declared/wrong variants with a larger gap than bare ({}): {}",
                more.len(),
                if more.is_empty() {
                    "none".to_owned()
                } else {
                    more.join(", ")
                }
            )?;
        }

        let wrong: usize = self.answers.iter().filter(|answer| !answer.ok).count();
        writeln!(
            out,
            "\n== rinse's confusions: {wrong} documents not decoded to the original; \
             the {} most frequent (true encoding -> rinse's guess) ==",
            show.min(self.confusions.len())
        )?;
        for confusion in self.confusions.iter().take(show) {
            writeln!(
                out,
                "{:>6}  {:<15} -> {:<15} variants {}; by {}; langs {}",
                confusion.count,
                confusion.encoding,
                confusion.guessed,
                counts(&confusion.variants, 3),
                counts(&confusion.decided_by, 3),
                counts(&confusion.langs, 6),
            )?;
        }

        writeln!(
            out,
            "\n== throughput of load_bytes (one thread, bare documents) =="
        )?;
        for t in &self.throughput {
            write!(
                out,
                "{:<10} {:>5} docs of {} B: rinse {:>8.1} MB/s",
                t.group, t.docs, t.size, t.mb_per_s
            )?;
            if let (Some(chardet), Some(cn)) = (t.chardet_mb_per_s, t.cn_mb_per_s) {
                write!(
                    out,
                    "   (detection alone: chardet {chardet:.2} MB/s, charset-normalizer {cn:.2} MB/s)"
                )?;
            }
            writeln!(out)?;
        }

        let not_built: Vec<String> = self
            .corpus
            .pairs
            .iter()
            .filter(|pair| !pair.built)
            .map(|pair| {
                format!(
                    "{} {} ({}/{})",
                    pair.lang, pair.encoding, pair.kept, pair.lines
                )
            })
            .collect();
        writeln!(
            out,
            "\npairs not built (fewer than half of the lines encodable; kept/lines): {}",
            if not_built.is_empty() {
                "none".to_owned()
            } else {
                not_built.join(", ")
            }
        )?;
        let skipped: usize = self.order.iter().map(|pair| pair.skipped).sum();
        let lines: usize = self.order.iter().map(|pair| pair.lines).sum();
        writeln!(
            out,
            "lines skipped as not encodable in built pairs: {skipped} of {lines} \
             (per pair: the kept% column)"
        )?;
        if self.unreachable.is_empty() {
            writeln!(
                out,
                "every document with a WHATWG decoder for its encoding decodes back to its text under it"
            )?;
        } else {
            let mut by_pair: BTreeMap<String, usize> = BTreeMap::new();
            for &id in &self.unreachable {
                if let (Some(doc), Some(answer)) = (self.corpus.docs.get(id), self.answers.get(id))
                {
                    let mismatch = answer.mismatch.as_deref().unwrap_or("?");
                    *by_pair
                        .entry(format!("{} {} ({mismatch})", doc.lang, doc.encoding))
                        .or_default() += 1;
                }
            }
            writeln!(
                out,
                "WARNING: {} documents do not decode back under the WHATWG decoder of their own \
                 encoding (mapping differences; no detector can get them right): {}",
                self.unreachable.len(),
                counts(&by_pair, 20)
            )?;
        }
        Ok(())
    }

    fn write_pair_table(&self, out: &mut String, variant: &str) -> std::fmt::Result {
        let rows: Vec<&Pair> = self
            .order
            .iter()
            .copied()
            .filter(|pair| {
                self.sizes()
                    .iter()
                    .any(|&size| self.tally(pair, variant, size).docs > 0)
            })
            .collect();
        if rows.is_empty() {
            return Ok(());
        }
        let what = match variant {
            "bare" => "bare documents",
            "declared" => "documents declaring their encoding in <meta charset>",
            _ => "documents with a wrong <meta charset> (UTF-8; windows-1252 for UTF-8 ones)",
        };
        writeln!(out, "\n== {what} ==")?;
        self.write_header(
            out,
            &format!("{:<18}{:>5}{:>7}", "lang encoding", "kept%", "ascii%"),
        )?;
        let mut family = "";
        for pair in rows {
            if pair.family != family {
                family = &pair.family;
                writeln!(out, "-- {family}")?;
            }
            let tallies: Vec<Tally> = self
                .sizes()
                .iter()
                .map(|&size| self.tally(pair, variant, size))
                .collect();
            let docs: usize = tallies.iter().map(|tally| tally.docs).sum();
            let ascii: usize = tallies.iter().map(|tally| tally.ascii).sum();
            let label = format!(
                "{:<3}{:<15}{:>5.0}{:>7.0}",
                pair.lang,
                pair.encoding,
                pct(pair.kept, pair.lines),
                pct(ascii, docs)
            );
            self.write_cells(out, &label, &tallies, false)?;
        }
        Ok(())
    }

    fn write_header(&self, out: &mut String, label: &str) -> std::fmt::Result {
        let tools = self.tools.is_some();
        let width = if tools { 24 } else { 12 };
        write!(out, "{:<38}", "")?;
        for &size in self.sizes() {
            write!(out, "|{:^width$}", size_label(size))?;
        }
        writeln!(out)?;
        write!(out, "{label:<38}")?;
        for _ in self.sizes() {
            write!(out, "|{:>5} {:>6}", "n", "rinse")?;
            if tools {
                write!(out, "{:>6}{:>6}", "chard", "c-nrm")?;
            }
        }
        writeln!(out)
    }

    fn write_cells(
        &self,
        out: &mut String,
        label: &str,
        tallies: &[Tally],
        decimals: bool,
    ) -> std::fmt::Result {
        let tools = self.tools.is_some();
        let precision = usize::from(decimals);
        write!(out, "{label:<38}")?;
        for tally in tallies {
            if tally.docs == 0 {
                write!(out, "|{:>5} {:>6}", 0, "-")?;
                if tools {
                    write!(out, "{:>6}{:>6}", "-", "-")?;
                }
                continue;
            }
            let mark = if tools && tally.rinse < tally.chardet.max(tally.cn) {
                "*"
            } else {
                " "
            };
            write!(
                out,
                "|{:>5} {:>5.precision$}{mark}",
                tally.docs,
                pct(tally.rinse, tally.docs)
            )?;
            if tools {
                write!(
                    out,
                    "{:>6.precision$}{:>6.precision$}",
                    pct(tally.chardet, tally.docs),
                    pct(tally.cn, tally.docs)
                )?;
            }
        }
        writeln!(out)
    }

    /// Writes every result as JSON to `path`.
    pub fn write_json(&self, path: &Path) -> Result<(), Box<dyn Error>> {
        #[derive(Serialize)]
        struct Json<'b> {
            params: &'b Params,
            tools: Option<Versions<'b>>,
            pairs: &'b [Pair],
            table: Vec<Row>,
            overall: Vec<Row>,
            families: Vec<Row>,
            rinse_worse: Vec<RowGap>,
            confusions: &'b [Confusion],
            unreachable: &'b [usize],
            throughput: &'b [Throughput],
            docs: Vec<DocRecord<'b>>,
        }
        #[derive(Serialize)]
        struct RowGap {
            lang: String,
            encoding: String,
            variant: String,
            gap_points: f64,
        }
        let json = Json {
            params: &self.corpus.params,
            tools: self.tools.map(|tools| Versions {
                chardet: &tools.chardet_version,
                charset_normalizer: &tools.cn_version,
            }),
            pairs: &self.corpus.pairs,
            table: self.pair_rows(),
            overall: self.overall_rows(),
            families: VARIANTS
                .iter()
                .flat_map(|variant| self.family_rows(variant))
                .collect(),
            rinse_worse: self
                .worse()
                .into_iter()
                .map(|(pair, variant, gap)| RowGap {
                    lang: pair.lang.clone(),
                    encoding: pair.encoding.clone(),
                    variant: variant.to_owned(),
                    gap_points: gap,
                })
                .collect(),
            confusions: &self.confusions,
            unreachable: &self.unreachable,
            throughput: &self.throughput,
            docs: self
                .corpus
                .docs
                .iter()
                .zip(self.answers)
                .map(|(doc, rinse)| DocRecord {
                    id: doc.id,
                    lang: &doc.lang,
                    encoding: &doc.encoding,
                    size: doc.size,
                    index: doc.index,
                    variant: &doc.variant,
                    declares: doc.declares.as_deref(),
                    bytes: self.corpus.bytes(doc).len(),
                    ascii: doc.ascii,
                    rinse,
                    chardet: self
                        .tools
                        .and_then(|tools| tools.chardet.get(doc.id)?.as_ref()),
                    charset_normalizer: self.tools.and_then(|tools| tools.cn.get(doc.id)?.as_ref()),
                })
                .collect(),
        };
        let file =
            std::fs::File::create(path).map_err(|err| format!("{}: {err}", path.display()))?;
        serde_json::to_writer(std::io::BufWriter::new(file), &json)?;
        Ok(())
    }
}

/// Whether chardet and charset-normalizer decoded document `id` right.
fn tool_oks(tools: Option<&ToolResults>, id: usize) -> (bool, bool) {
    let ok = |answers: &[Option<ToolAnswer>]| {
        answers
            .get(id)
            .and_then(Option::as_ref)
            .is_some_and(|answer| answer.ok)
    };
    tools.map_or((false, false), |tools| (ok(&tools.chardet), ok(&tools.cn)))
}

/// `200 B`, `2 KB`, `20 KB`.
fn size_label(size: usize) -> String {
    if size >= 1000 && size % 1000 == 0 {
        format!("{} KB", size / 1000)
    } else {
        format!("{size} B")
    }
}

/// The `top` largest counts as `name count, …`.
fn counts(map: &BTreeMap<String, usize>, top: usize) -> String {
    let mut items: Vec<(&String, &usize)> = map.iter().collect();
    items.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
    let mut text = items
        .iter()
        .take(top)
        .map(|(name, count)| format!("{name} {count}"))
        .collect::<Vec<_>>()
        .join(", ");
    if items.len() > top {
        text.push_str(", …");
    }
    text
}
