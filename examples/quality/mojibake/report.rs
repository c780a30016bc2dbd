//! Tables, examples and the JSON result.

use std::collections::HashMap;
use std::fmt::Write as _;

use serde_json::{json, Value};

use super::cases::Case;
use super::judge::{neutral, Outcome, Tool};

/// The damage kinds, in table order.
pub const KINDS: [&str; 5] = ["full", "partial", "double", "mixed", "lossy"];

/// The single code pages, in the order of the generator's list.
const PAGES: [&str; 14] = [
    "windows-1252",
    "iso-8859-1",
    "windows-1250",
    "windows-1251",
    "windows-1253",
    "windows-1254",
    "windows-1256",
    "windows-1257",
    "iso-8859-2",
    "macintosh",
    "cp437",
    "cp850",
    "koi8-r",
    "koi8-u",
];

/// The verdicts of every tool on one case.
#[derive(Clone, Debug, Default)]
pub struct Judged {
    /// By [`Tool::index`]; `None` where the tool did not run.
    pub outcomes: [Option<Outcome>; 4],
    /// The output where the outcome is not exact (for examples and JSON).
    pub outputs: [Option<String>; 4],
}

/// Bytes and time a tool took.
#[derive(Clone, Copy, Debug, Default)]
pub struct Speed {
    pub bytes: u64,
    pub seconds: f64,
    pub clean_bytes: u64,
    pub clean_seconds: f64,
}

impl Speed {
    fn mb_per_s(bytes: u64, seconds: f64) -> String {
        if seconds > 0.0 {
            format!("{:.2}", bytes as f64 / seconds / 1e6)
        } else {
            "-".to_owned()
        }
    }
}

/// Everything a report is made of.
pub struct Run<'a> {
    pub cases: &'a [Case],
    pub judged: &'a [Judged],
    pub tools: &'a [Tool],
    pub speed: &'a HashMap<&'static str, Speed>,
    /// The generator's statistics (impossible and no-op counts, languages).
    pub stats: &'a Value,
    /// A line saying what was run.
    pub header: String,
    pub show: usize,
}

/// Counts of outcomes, by tool.
#[derive(Clone, Copy, Debug, Default)]
struct Tally {
    counts: [[u64; 3]; 4],
    cases: u64,
}

impl Tally {
    fn add(&mut self, judged: &Judged) {
        self.cases += 1;
        for (tool, outcome) in judged.outcomes.iter().enumerate() {
            if let Some(outcome) = outcome {
                self.counts[tool][outcome.index()] += 1;
            }
        }
    }

    fn of(&self, tool: Tool) -> [u64; 3] {
        self.counts[tool.index()]
    }
}

/// An insertion-ordered map of tallies.
#[derive(Default)]
struct Tallies {
    keys: Vec<String>,
    index: HashMap<String, usize>,
    tallies: Vec<Tally>,
}

impl Tallies {
    fn add(&mut self, key: &str, judged: &Judged) {
        let at = match self.index.get(key) {
            Some(&at) => at,
            None => {
                self.keys.push(key.to_owned());
                self.index.insert(key.to_owned(), self.tallies.len());
                self.tallies.push(Tally::default());
                self.tallies.len() - 1
            }
        };
        self.tallies[at].add(judged);
    }

    fn get(&self, key: &str) -> Tally {
        self.index
            .get(key)
            .map_or_else(Tally::default, |&at| self.tallies[at])
    }
}

fn pct(part: u64, whole: u64) -> f64 {
    if whole == 0 {
        0.0
    } else {
        100.0 * part as f64 / whole as f64
    }
}

/// `exact left wrong` in percent, or dashes where there are no cases.
fn elw(counts: [u64; 3]) -> String {
    let n: u64 = counts.iter().sum();
    if n == 0 {
        return format!("{:>5} {:>5} {:>5}", "-", "-", "-");
    }
    format!(
        "{:5.1} {:5.1} {:5.1}",
        pct(counts[0], n),
        pct(counts[1], n),
        pct(counts[2], n)
    )
}

/// A plain-text table: the first `left` columns left-aligned, the rest
/// right-aligned; an empty row prints as a blank separator line.
struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    left: usize,
}

impl Table {
    fn new(header: &[&str], left: usize) -> Table {
        Table {
            header: header.iter().map(|h| (*h).to_owned()).collect(),
            rows: Vec::new(),
            left,
        }
    }

    fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    fn render(&self) -> String {
        let columns = self.header.len();
        let mut widths: Vec<usize> = self.header.iter().map(|h| h.chars().count()).collect();
        for row in &self.rows {
            for (at, cell) in row.iter().enumerate().take(columns) {
                widths[at] = widths[at].max(cell.chars().count());
            }
        }
        let mut out = String::new();
        let mut line = |cells: &[String]| {
            let mut text = String::new();
            for (at, width) in widths.iter().enumerate() {
                let cell = cells.get(at).map_or("", String::as_str);
                let pad = width.saturating_sub(cell.chars().count());
                if at > 0 {
                    text.push_str("  ");
                }
                if at < self.left {
                    text.push_str(cell);
                    text.push_str(&" ".repeat(pad));
                } else {
                    text.push_str(&" ".repeat(pad));
                    text.push_str(cell);
                }
            }
            out.push_str(text.trim_end());
            out.push('\n');
        };
        line(&self.header);
        for row in &self.rows {
            if row.is_empty() {
                line(&[]);
            } else {
                line(row);
            }
        }
        out
    }
}

impl Run<'_> {
    fn damaged(&self) -> impl Iterator<Item = (&Case, &Judged)> {
        self.cases
            .iter()
            .zip(self.judged)
            .filter(|(case, _)| !case.is_clean())
    }

    fn clean(&self) -> impl Iterator<Item = (&Case, &Judged)> {
        self.cases
            .iter()
            .zip(self.judged)
            .filter(|(case, _)| case.is_clean())
    }

    /// The whole text report.
    pub fn render(&self) -> String {
        let mut out = String::new();
        out.push_str(&self.header);
        out.push('\n');
        out.push_str(
            "Each case is judged after the neutral normalizations (NFC, every whitespace run as one \
             space, trimmed):\nexact = the original text; left = the input unchanged (or what the \
             tool gives with its encoding repair off);\nwrong = anything else. Lossy cases are \
             exact when every lost character is recovered or is one U+FFFD.\n",
        );
        self.by_page(&mut out);
        self.counts(&mut out);
        self.by_variant(&mut out);
        self.lossy(&mut out);
        self.by_language(&mut out);
        self.leave_alone(&mut out);
        self.throughput(&mut out);
        if self.show > 0 {
            self.examples(&mut out);
        }
        out
    }

    fn tool_header(&self, first: &[&'static str], cell: &str) -> Vec<String> {
        let mut header: Vec<String> = first.iter().map(|h| (*h).to_owned()).collect();
        for tool in self.tools {
            header.push(format!("{} {cell}", tool.name()));
        }
        header
    }

    /// The code pages (and chains of them) of the damaged cases: the single
    /// pages in [`PAGES`] order, then the chains as they first appear.
    fn pages(&self) -> Vec<String> {
        let mut pages: Vec<String> = Vec::new();
        for (case, _) in self.damaged() {
            if !pages.contains(&case.pages) {
                pages.push(case.pages.clone());
            }
        }
        let rank = |page: &String| {
            PAGES
                .iter()
                .position(|known| known == page)
                .unwrap_or(PAGES.len())
        };
        // A stable sort: chains keep the order they first appear in.
        pages.sort_by_key(rank);
        pages
    }

    fn by_page(&self, out: &mut String) {
        let mut tallies = Tallies::default();
        for (case, judged) in self.damaged() {
            tallies.add(&format!("{}\t{}", case.pages, case.kind), judged);
        }
        let pages = self.pages();
        let _ = writeln!(
            out,
            "\n== Damaged text by code page: exact / left / wrong, % of cases (counts below)"
        );
        let mut header = vec!["code page", "tool"];
        header.extend(KINDS);
        let mut table = Table::new(&header, 2);
        let mut totals = [Tally::default(); KINDS.len()];
        for page in &pages {
            for (at, kind) in KINDS.iter().enumerate() {
                let tally = tallies.get(&format!("{page}\t{kind}"));
                for tool in 0..4 {
                    for outcome in 0..3 {
                        totals[at].counts[tool][outcome] += tally.counts[tool][outcome];
                    }
                }
                totals[at].cases += tally.cases;
            }
        }
        let all = "all".to_owned();
        for page in pages.into_iter().chain([all]) {
            for (row, tool) in self.tools.iter().enumerate() {
                let mut cells = vec![
                    if row == 0 {
                        page.clone()
                    } else {
                        String::new()
                    },
                    tool.name().to_owned(),
                ];
                for (at, kind) in KINDS.iter().enumerate() {
                    let tally = if page == "all" {
                        totals[at]
                    } else {
                        tallies.get(&format!("{page}\t{kind}"))
                    };
                    cells.push(elw(tally.of(*tool)));
                }
                table.row(cells);
            }
            if self.tools.len() > 1 {
                table.row(Vec::new());
            }
        }
        out.push_str(&table.render());
    }

    /// Cases per code page and kind, with the ones that could not be made.
    fn counts(&self, out: &mut String) {
        let mut made: HashMap<(String, String), u64> = HashMap::new();
        for (case, _) in self.damaged() {
            *made
                .entry((case.pages.clone(), case.kind.clone()))
                .or_default() += 1;
        }
        let pages = self.pages();
        let sum_of = |table: &str, page: &str, kind: &str| -> u64 {
            let Some(map) = self.stats.get(table).and_then(Value::as_object) else {
                return 0;
            };
            map.iter()
                .filter(|(key, _)| {
                    let mut parts = key.split('/');
                    let k = parts.next();
                    let _variant = parts.next();
                    k == Some(kind) && parts.next() == Some(page)
                })
                .flat_map(|(_, per_lang)| per_lang.as_object().into_iter().flatten())
                .filter_map(|(_, n)| n.as_u64())
                .sum()
        };
        let _ = writeln!(
            out,
            "\n== Cases per code page: made / impossible (a byte the page does not define) / no-op (damage changed nothing)"
        );
        let mut header = vec!["code page"];
        header.extend(KINDS);
        let mut table = Table::new(&header, 1);
        for page in &pages {
            let mut cells = vec![page.clone()];
            for kind in KINDS {
                let n = made
                    .get(&(page.clone(), kind.to_owned()))
                    .copied()
                    .unwrap_or(0);
                let impossible = sum_of("impossible", page, kind);
                let noop = sum_of("noop", page, kind);
                cells.push(if n + impossible + noop == 0 {
                    "-".to_owned()
                } else {
                    format!("{n} / {impossible} / {noop}")
                });
            }
            table.row(cells);
        }
        out.push_str(&table.render());
    }

    fn by_variant(&self, out: &mut String) {
        let mut tallies = Tallies::default();
        for (case, judged) in self.damaged() {
            tallies.add(&format!("{}/{}", case.kind, case.variant), judged);
        }
        let _ = writeln!(
            out,
            "\n== By kind of damage: exact / left / wrong, % of cases (every code page of the run)"
        );
        let header = self.tool_header(&["kind/variant", "cases"], "e/l/w");
        let mut table = Table::new(&header.iter().map(String::as_str).collect::<Vec<_>>(), 1);
        for (key, tally) in tallies.keys.iter().zip(&tallies.tallies) {
            let mut cells = vec![key.clone(), tally.cases.to_string()];
            cells.extend(self.tools.iter().map(|tool| elw(tally.of(*tool))));
            table.row(cells);
        }
        out.push_str(&table.render());
    }

    /// Lossy cases in more detail: of the exact ones, how many recovered
    /// every lost character (no U+FFFD); of the wrong ones, how many are the
    /// remnant text (everything repaired but the lost characters, which stay
    /// as mojibake instead of becoming U+FFFD).
    fn lossy(&self, out: &mut String) {
        let mut variants: Vec<&str> = Vec::new();
        let mut counts: HashMap<(&str, usize), [u64; 5]> = HashMap::new();
        for (case, judged) in self.damaged().filter(|(case, _)| case.kind == "lossy") {
            if !variants.contains(&case.variant.as_str()) {
                variants.push(&case.variant);
            }
            for tool in self.tools {
                let Some(outcome) = judged.outcomes[tool.index()] else {
                    continue;
                };
                let output = judged.outputs[tool.index()].as_deref().unwrap_or("");
                let slot = match outcome {
                    // An exact output is kept only where it marked a loss.
                    Outcome::Exact if judged.outputs[tool.index()].is_none() => 0,
                    Outcome::Exact => 4,
                    Outcome::Left => 3,
                    Outcome::Wrong => {
                        // C1 controls aside: `--preset fix` removes those
                        // of the remnants.
                        let without_c1 = |text: &str| {
                            neutral(text)
                                .chars()
                                .filter(|c| !('\u{80}'..='\u{9f}').contains(c))
                                .collect::<String>()
                        };
                        let remnant = case.lossy_remnant.as_deref().map(without_c1);
                        if remnant.is_some_and(|remnant| remnant == without_c1(output)) {
                            1
                        } else {
                            2
                        }
                    }
                };
                counts.entry((&case.variant, tool.index())).or_default()[slot] += 1;
            }
        }
        if variants.is_empty() {
            return;
        }
        let _ = writeln!(
            out,
            "\n== Lossy cases: exact, every lost character recovered / exact, some marked by \
             U+FFFD / remnants (all but the lost characters repaired, which stay mojibake instead \
             of U+FFFD; C1 controls aside) / other wrong / left, %"
        );
        let header = self.tool_header(&["variant"], "rec/mark/rem/w/l");
        let mut table = Table::new(&header.iter().map(String::as_str).collect::<Vec<_>>(), 1);
        for variant in variants {
            let mut cells = vec![variant.to_owned()];
            for tool in self.tools {
                let c = counts
                    .get(&(variant, tool.index()))
                    .copied()
                    .unwrap_or_default();
                let n: u64 = c.iter().sum();
                cells.push(format!(
                    "{:5.1} {:5.1} {:5.1} {:5.1} {:5.1}",
                    pct(c[0], n),
                    pct(c[4], n),
                    pct(c[1], n),
                    pct(c[2], n),
                    pct(c[3], n)
                ));
            }
            table.row(cells);
        }
        out.push_str(&table.render());
    }

    fn by_language(&self, out: &mut String) {
        let mut damaged = Tallies::default();
        for (case, judged) in self.damaged() {
            damaged.add(&case.lang, judged);
        }
        let mut clean = Tallies::default();
        for (case, judged) in self.clean() {
            clean.add(&case.lang, judged);
        }
        let _ = writeln!(
            out,
            "\n== Per language: exact % and wrong % of damaged cases, false positives % of leave-alone cases"
        );
        let header = self.tool_header(&["lang", "lines", "damaged", "clean"], "exact wrong FP");
        let mut table = Table::new(&header.iter().map(String::as_str).collect::<Vec<_>>(), 1);
        let mut langs: Vec<&String> = damaged.keys.iter().chain(&clean.keys).collect();
        langs.sort();
        langs.dedup();
        for lang in langs {
            let d = damaged.get(lang);
            let c = clean.get(lang);
            let lines = self
                .stats
                .pointer(&format!("/languages/{lang}/lines"))
                .and_then(Value::as_u64)
                .map_or_else(|| "?".to_owned(), |n| n.to_string());
            let mut cells = vec![
                lang.clone(),
                lines,
                d.cases.to_string(),
                c.cases.to_string(),
            ];
            for tool in self.tools {
                let dc = d.of(*tool);
                let cc = c.of(*tool);
                let dn: u64 = dc.iter().sum();
                let cn: u64 = cc.iter().sum();
                cells.push(format!(
                    "{:5.1} {:5.1} {:5.1}",
                    pct(dc[0], dn),
                    pct(dc[2], dn),
                    pct(cc[2], cn)
                ));
            }
            table.row(cells);
        }
        out.push_str(&table.render());
    }

    fn leave_alone(&self, out: &mut String) {
        let mut by_set = Tallies::default();
        let mut by_lang = Tallies::default();
        for (case, judged) in self.clean() {
            by_set.add(&case.variant, judged);
            by_lang.add(&case.lang, judged);
        }
        let _ = writeln!(
            out,
            "\n== Leave-alone sets: false positives (changed beyond the neutral normalizations)"
        );
        let header = self.tool_header(&["set", "cases"], "FP");
        let mut table = Table::new(&header.iter().map(String::as_str).collect::<Vec<_>>(), 1);
        let fp = |tally: &Tally, tool: Tool| {
            let n = tally.of(tool)[2];
            let all: u64 = tally.of(tool).iter().sum();
            format!("{n} ({:.2}%)", pct(n, all))
        };
        for (key, tally) in by_set.keys.iter().zip(&by_set.tallies) {
            let mut cells = vec![key.clone(), tally.cases.to_string()];
            cells.extend(self.tools.iter().map(|tool| fp(tally, *tool)));
            table.row(cells);
        }
        out.push_str(&table.render());

        let _ = writeln!(out, "\n== Leave-alone false positives per language");
        let header = self.tool_header(&["lang", "cases"], "FP");
        let mut table = Table::new(&header.iter().map(String::as_str).collect::<Vec<_>>(), 1);
        let mut langs: Vec<(&String, &Tally)> = by_lang.keys.iter().zip(&by_lang.tallies).collect();
        langs.sort_by_key(|(lang, _)| *lang);
        for (lang, tally) in &langs {
            let mut cells = vec![(*lang).clone(), tally.cases.to_string()];
            cells.extend(self.tools.iter().map(|tool| fp(tally, *tool)));
            table.row(cells);
        }
        out.push_str(&table.render());
        if self.show == 0 {
            return;
        }
        let _ = writeln!(
            out,
            "\nFirst false positives per language and tool (--show {}):",
            self.show
        );
        for (lang, _) in &langs {
            for tool in self.tools {
                let found = self
                    .clean()
                    .filter(|(case, judged)| {
                        &&case.lang == lang && judged.outcomes[tool.index()] == Some(Outcome::Wrong)
                    })
                    .take(self.show);
                for (case, judged) in found {
                    let output = judged.outputs[tool.index()].as_deref().unwrap_or("");
                    let _ = writeln!(out, "  {:<14} {}", tool.name(), case.id);
                    diff_lines(out, case, &case.expected, output, false);
                }
            }
        }
    }

    fn throughput(&self, out: &mut String) {
        let _ = writeln!(
            out,
            "\n== Throughput (MB/s of input text, one thread, each case cleaned as one document)"
        );
        let mut table = Table::new(&["tool", "all cases", "leave-alone cases"], 1);
        for tool in self.tools {
            if let Some(speed) = self.speed.get(tool.name()) {
                table.row(vec![
                    tool.name().to_owned(),
                    Speed::mb_per_s(speed.bytes, speed.seconds),
                    Speed::mb_per_s(speed.clean_bytes, speed.clean_seconds),
                ]);
            }
        }
        out.push_str(&table.render());
    }

    /// `show` examples of each failure class, spread over the cases (which
    /// are in language order) rather than the first ones.
    fn examples(&self, out: &mut String) {
        let _ = writeln!(
            out,
            "\n== Examples of each failure class (--show {})",
            self.show
        );
        for tool in self.tools {
            for kind in KINDS {
                for outcome in [Outcome::Left, Outcome::Wrong] {
                    let matching: Vec<(&Case, &Judged)> = self
                        .damaged()
                        .filter(|(case, judged)| {
                            case.kind == kind && judged.outcomes[tool.index()] == Some(outcome)
                        })
                        .collect();
                    if matching.is_empty() {
                        continue;
                    }
                    let _ = writeln!(
                        out,
                        "\n-- {} {kind}: {} ({} cases)",
                        tool.name(),
                        outcome.name(),
                        matching.len()
                    );
                    let step = matching.len().div_ceil(self.show).max(1);
                    for (case, judged) in matching.iter().step_by(step).take(self.show) {
                        let _ = writeln!(out, "  {}", case.id);
                        let expected = match (&case.expected_unescaped, tool.decodes_entities()) {
                            (Some(unescaped), true) => unescaped,
                            _ => &case.expected,
                        };
                        let output = judged.outputs[tool.index()]
                            .as_deref()
                            .unwrap_or(&case.input);
                        diff_lines(out, case, expected, output, true);
                    }
                }
            }
        }
    }

    /// The full result as JSON: the header, the generator's statistics,
    /// per-tool tallies by page/kind/variant/language, throughput, and every
    /// case's outcomes (with the output where it was wrong).
    pub fn to_json(&self) -> Value {
        let mut groups = Tallies::default();
        for (case, judged) in self.cases.iter().zip(self.judged) {
            let key = format!(
                "{}\t{}\t{}\t{}",
                case.kind, case.variant, case.pages, case.lang
            );
            groups.add(&key, judged);
        }
        let tally_json = |tally: &Tally| {
            let mut per_tool = serde_json::Map::new();
            for tool in self.tools {
                let counts = tally.of(*tool);
                per_tool.insert(
                    tool.name().to_owned(),
                    json!({"exact": counts[0], "left": counts[1], "wrong": counts[2]}),
                );
            }
            Value::Object(per_tool)
        };
        let summary: Vec<Value> = groups
            .keys
            .iter()
            .zip(&groups.tallies)
            .map(|(key, tally)| {
                let mut parts = key.split('\t');
                json!({
                    "kind": parts.next(),
                    "variant": parts.next(),
                    "pages": parts.next(),
                    "lang": parts.next(),
                    "cases": tally.cases,
                    "outcomes": tally_json(tally),
                })
            })
            .collect();
        let cases: Vec<Value> = self
            .cases
            .iter()
            .zip(self.judged)
            .map(|(case, judged)| {
                let mut outcomes = serde_json::Map::new();
                let mut wrong = serde_json::Map::new();
                for tool in self.tools {
                    if let Some(outcome) = judged.outcomes[tool.index()] {
                        outcomes.insert(tool.name().to_owned(), json!(outcome.name()));
                        if outcome == Outcome::Wrong {
                            if let Some(output) = &judged.outputs[tool.index()] {
                                wrong.insert(tool.name().to_owned(), json!(output));
                            }
                        }
                    }
                }
                let mut value = json!({"id": case.id, "outcomes": outcomes});
                if !wrong.is_empty() {
                    value["wrong_outputs"] = Value::Object(wrong);
                }
                value
            })
            .collect();
        let speed: serde_json::Map<String, Value> = self
            .speed
            .iter()
            .map(|(tool, speed)| {
                (
                    (*tool).to_owned(),
                    json!({
                        "bytes": speed.bytes,
                        "seconds": speed.seconds,
                        "clean_bytes": speed.clean_bytes,
                        "clean_seconds": speed.clean_seconds,
                    }),
                )
            })
            .collect();
        json!({
            "header": self.header,
            "tools": self.tools.iter().map(|t| t.name()).collect::<Vec<_>>(),
            "generator": self.stats,
            "throughput": speed,
            "summary": summary,
            "cases": cases,
        })
    }
}

/// Prints expected and output (and the input, for damaged cases) around
/// their first difference, shortened and with invisible characters escaped.
fn diff_lines(out: &mut String, case: &Case, expected: &str, output: &str, with_input: bool) {
    const WIDTH: usize = 32;
    let expected_n: Vec<char> = neutral(expected).chars().collect();
    let output_n: Vec<char> = neutral(output).chars().collect();
    let at = expected_n
        .iter()
        .zip(&output_n)
        .position(|(a, b)| a != b)
        .unwrap_or(expected_n.len().min(output_n.len()));
    if with_input {
        // The input is longer than the text it damages: start at the same
        // proportion of it.
        let input: Vec<char> = neutral(&case.input).chars().collect();
        let scaled = at * input.len() / expected_n.len().max(1);
        let _ = writeln!(out, "    input    {}", excerpt(&input, scaled, WIDTH));
    }
    let _ = writeln!(out, "    expected {}", excerpt(&expected_n, at, WIDTH));
    let _ = writeln!(out, "    output   {}", excerpt(&output_n, at, WIDTH));
}

/// Up to `width` characters each side of `at`, with `…` where cut.
fn excerpt(chars: &[char], at: usize, width: usize) -> String {
    let start = at.saturating_sub(width);
    let end = (at + width).min(chars.len());
    let start = start.min(end);
    let mut text = String::new();
    if start > 0 {
        text.push('…');
    }
    for &c in &chars[start..end] {
        push_visible(&mut text, c);
    }
    if end < chars.len() {
        text.push('…');
    }
    text
}

/// Writes `c`, or `\u{..}` for characters that do not show: controls,
/// format characters (zero-width, bidi), spaces other than U+0020, U+FFFD.
fn push_visible(out: &mut String, c: char) {
    let invisible = c.is_control()
        || matches!(c,
            '\u{A0}' | '\u{AD}' | '\u{2000}'..='\u{200F}' | '\u{2028}'..='\u{202F}'
            | '\u{205F}'..='\u{206F}' | '\u{3000}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}'
            | '\u{FFFD}');
    if invisible {
        let _ = write!(out, "\\u{{{:x}}}", c as u32);
    } else {
        out.push(c);
    }
}
