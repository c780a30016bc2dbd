//! The `mojibake` quality harness: how well rinse repairs mojibake in real
//! text that nobody on the project wrote, damaged by codecs that are not
//! rinse's, beside ftfy.
//!
//! ```sh
//! cargo run --release --example quality -- mojibake --text ../shared/devsets/text-ud \
//!     [--langs en,ru,..] [--limit N] [--seed S] [--pages P,..] [--ftfy | --no-ftfy] \
//!     [--half fit|held] [--show N] [--json OUT]
//! ```
//!
//! `--half fit` keeps the lines of one half of each language (a hash of
//! the language and line number decides), `--half held` the other half:
//! the repair's costs were set looking at the first, and are reported on
//! the second.
//!
//! # What it does
//!
//! 1. `scripts/quality/mojibake.py cases` (plain `python3`, no packages)
//!    reads a seeded sample of `--limit` lines (default 100) of each
//!    `<lang>.txt` in `--text` and damages them with **Python's codecs**,
//!    never with `rinse::damage`: the whole line in each of 15 code pages
//!    (windows-1250/1251/1252/1253/1254/1256/1257, ISO-8859-1/-2/-15,
//!    MacRoman, cp437, cp850, KOI8-R, KOI8-U), one word or a 3–5 word phrase, a word
//!    next to an HTML character reference or an intact curly quote, twice
//!    through one page or two, half 1252 and half latin-1, CESU-8 emoji
//!    read as 1252, lossy 1252 (undefined bytes as `?`, U+FFFD or dropped;
//!    0xA0 as a space; soft hyphens stripped), and leave-alone sets (the line as it is,
//!    upper-cased, with printf formats, URLs, emoji or math inserted, with
//!    letters of another script quoted or named, `«Г»`, `Δ\u{a0}= 5`). The
//!    script's docstring defines every kind; the cases go to
//!    `target/quality/mojibake/cases-<hash>.jsonl` (reused while newer than
//!    the script and the text files). The text is only read there: nothing
//!    of it is written into the repository.
//! 2. Each case runs through rinse in two configurations, one thread, each
//!    case as one document (`rinse::Cleaner::clean_str`):
//!    - `rinse:mojibake`: every step off but `mojibake` (`decode` cannot be
//!      switched off), the repair alone;
//!    - `rinse:fix`: `Config::preset_fix()`, whose other steps (invisibles,
//!      homoglyphs, control characters, HTML references, …) change text too.
//! 3. With ftfy (`--ftfy`; automatic when the harness's venv or `python3`
//!    imports it; `--no-ftfy` skips it), `mojibake.py ftfy` runs
//!    `ftfy:encoding` (`ftfy.fix_encoding`) and `ftfy:fix_text`
//!    (`ftfy.fix_text(uncurl_quotes=False)`: the defaults but the
//!    quote straightening, which `--preset fix` does not do either) on the
//!    same cases. `--ftfy` installs a pinned ftfy in
//!    `target/quality/venv` with `scripts/quality/mojibake-venv.sh` when no
//!    Python has it.
//!
//! # How a case is judged
//!
//! Outputs are compared after the *neutral normalizations*: NFC, every
//! whitespace run (ASCII or Unicode spaces) as one ASCII space, trimmed.
//! `--preset fix` makes exactly these on every line and none changes a
//! letter. Then, for damaged cases:
//!
//! - **exact**: the output is the original line. Where an HTML reference was
//!   inserted, tools that decode references (`rinse:fix`, `ftfy:fix_text`)
//!   must give it decoded, the others must keep it. For **lossy** cases
//!   (bytes destroyed), exact means: every character whose bytes survive is
//!   repaired, and each character whose bytes were destroyed is either
//!   recovered or replaced by exactly one U+FFFD — no wrong letter, no lost
//!   neighbour, no second U+FFFD.
//! - **left**: the output is the input unchanged, or what the tool gives
//!   with its encoding repair switched off (`--preset fix` without
//!   `mojibake` removes the C1 controls of unrepaired latin-1 mojibake; that
//!   is not a wrong repair but no repair).
//! - **wrong**: anything else — a wrong letter, a partial repair, a repair
//!   of the wrong part.
//!
//! For leave-alone cases, any change is a **false positive**.
//!
//! # What it prints
//!
//! Per code page × kind (full, partial, double, mixed, lossy): exact / left /
//! wrong in %, one row per tool; the number of cases made, impossible (the
//! damage needs a byte the page does not define, so the case is not made)
//! and no-ops (damage that changes nothing, such as an ASCII line); the same
//! by kind and variant; per language; false positives per leave-alone set
//! and per language with the first `--show N` examples (default 2); examples
//! of each failure class of each tool, shortened around the first difference
//! (`--show 0` prints none); and the throughput of each tool in MB/s.
//! `--json OUT` writes all of it, with every case's outcome per tool and the
//! wrong outputs, for comparing runs.

mod cases;
mod ftfy;
mod judge;
mod report;

use std::collections::HashMap;
use std::error::Error;
use std::path::{Path, PathBuf};
use std::time::Instant;

use rinse::{Cleaner, Config, Step};

use self::cases::Case;
use self::judge::{judge, neutral, Outcome, Tool};
use self::report::{Judged, Speed};

const USAGE: &str = "\
usage: quality mojibake --text DIR [--langs en,ru,..] [--limit N] [--seed S]
                        [--pages P,..] [--ftfy | --no-ftfy] [--half fit|held]
                        [--show N] [--json OUT]

  --text DIR    directory of <lang>.txt files, one sentence a line (required;
                e.g. ../shared/devsets/text-ud)
  --langs L,..  only these languages (default: every file)
  --limit N     lines per language, a seeded sample (default 100; 0: all)
  --seed S      seed of the line sample and of every random choice (default 1)
  --pages P,..  report only damage through these code pages (names as in the
                tables: windows-1252,iso-8859-1,..); leave-alone sets stay
  --ftfy        also run ftfy; install it in target/quality/venv if needed
                (default: run it when a Python with ftfy is found)
  --no-ftfy     do not run ftfy
  --half H      only the lines of one half of each language: `fit` (the half
                the repair's costs were set on) or `held` (the other half)
  --show N      examples of each failure class and false positives (default 2)
  --json OUT    write the full result as JSON";

struct Options {
    text: PathBuf,
    langs: Option<String>,
    pages: Option<Vec<String>>,
    limit: usize,
    seed: String,
    ftfy: ftfy::Want,
    show: usize,
    json: Option<PathBuf>,
    half: Option<bool>,
}

fn parse(args: &[String]) -> Result<Option<Options>, Box<dyn Error>> {
    let mut text = None;
    let mut options = Options {
        text: PathBuf::new(),
        langs: None,
        pages: None,
        limit: 100,
        seed: "1".to_owned(),
        ftfy: ftfy::Want::Auto,
        show: 2,
        json: None,
        half: None,
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .cloned()
                .ok_or_else(|| format!("{name} needs a value\n{USAGE}"))
        };
        match arg.as_str() {
            "--help" | "-h" => return Ok(None),
            "--text" => text = Some(PathBuf::from(value("--text")?)),
            "--langs" => options.langs = Some(value("--langs")?),
            "--limit" => {
                options.limit = value("--limit")?
                    .parse()
                    .map_err(|err| format!("--limit: {err}"))?;
            }
            "--seed" => options.seed = value("--seed")?,
            "--pages" => {
                let pages = value("--pages")?;
                options.pages = Some(pages.split(',').map(|p| p.trim().to_owned()).collect());
            }
            "--ftfy" => options.ftfy = ftfy::Want::Yes,
            "--no-ftfy" => options.ftfy = ftfy::Want::No,
            "--show" => {
                options.show = value("--show")?
                    .parse()
                    .map_err(|err| format!("--show: {err}"))?;
            }
            "--json" => options.json = Some(PathBuf::from(value("--json")?)),
            "--half" => {
                options.half = match value("--half")?.as_str() {
                    "fit" => Some(false),
                    "held" => Some(true),
                    other => return Err(format!("--half: fit or held, not {other:?}").into()),
                }
            }
            other => return Err(format!("unknown argument {other:?}\n{USAGE}").into()),
        }
    }
    if let Some(langs) = &options.langs {
        let valid = |lang: &str| {
            !lang.is_empty()
                && lang
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        };
        if !langs.split(',').all(valid) {
            return Err(format!("--langs: expected codes like en,ru, got {langs:?}").into());
        }
    }
    options.text = text.ok_or_else(|| format!("--text DIR is required\n{USAGE}"))?;
    Ok(Some(options))
}

/// Runs the harness with its command-line arguments.
pub fn run(args: &[String]) -> Result<(), Box<dyn Error>> {
    let Some(options) = parse(args)? else {
        println!("{USAGE}");
        return Ok(());
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let target =
        std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from);
    let work = target.join("quality").join("mojibake");
    let script = root.join("scripts/quality/mojibake.py");

    let cases_path = cases::generate(
        &cases::Request {
            script: &script,
            text: &options.text,
            langs: options.langs.as_deref(),
            limit: options.limit,
            seed: &options.seed,
        },
        &work,
    )?;
    let stats: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(cases::stats_path(&cases_path))?)?;
    let all_cases = cases::load(&cases_path)?;
    if all_cases.is_empty() {
        return Err("the generator made no cases".into());
    }

    let python = ftfy::python(
        options.ftfy,
        &root.join("scripts/quality/mojibake-venv.sh"),
        &target.join("quality").join("venv"),
    )?;
    let ftfy_results = match &python {
        Some(python) => Some(ftfy::run(python, &script, &cases_path)?),
        None => None,
    };

    // Cases through other pages are left out only now: ftfy runs on the
    // whole file, so that its outputs are cached once for every selection.
    let cases: Vec<Case> = match &options.pages {
        Some(pages) => all_cases
            .into_iter()
            .filter(|case| {
                case.is_clean()
                    || case
                        .pages
                        .split(['>', '|'])
                        .all(|page| pages.iter().any(|p| p == page))
            })
            .collect(),
        None => all_cases,
    };
    let cases: Vec<Case> = match options.half {
        Some(held) => cases
            .into_iter()
            .filter(|case| is_held_out(case) == held)
            .collect(),
        None => cases,
    };
    let mut judged = vec![Judged::default(); cases.len()];
    let mut speed: HashMap<&'static str, Speed> = HashMap::new();
    run_rinse(&cases, &mut judged, &mut speed);
    let mut tools = vec![Tool::RinseMojibake, Tool::RinseFix];
    let mut ftfy_version = String::new();
    if let Some(results) = &ftfy_results {
        judge_ftfy(&cases, results, &mut judged)?;
        tools.extend([Tool::FtfyEncoding, Tool::FtfyFixText]);
        let timing = &results.timing;
        for tool in [Tool::FtfyEncoding, Tool::FtfyFixText] {
            let seconds =
                |table: &HashMap<String, f64>| table.get(tool.name()).copied().unwrap_or(0.0);
            speed.insert(
                tool.name(),
                Speed {
                    bytes: timing.bytes,
                    seconds: seconds(&timing.seconds),
                    clean_bytes: timing.clean_bytes,
                    clean_seconds: seconds(&timing.clean_seconds),
                },
            );
        }
        ftfy_version = format!(" (ftfy {}, Python {})", timing.ftfy, timing.python);
    }

    let languages = stats
        .get("languages")
        .and_then(serde_json::Value::as_object)
        .map_or(0, serde_json::Map::len);
    let lines: u64 = stats
        .get("languages")
        .and_then(serde_json::Value::as_object)
        .into_iter()
        .flatten()
        .filter_map(|(_, lang)| lang.get("lines").and_then(serde_json::Value::as_u64))
        .sum();
    let header = format!(
        "mojibake quality: {} cases from {lines} lines of {languages} languages in {} (limit {} lines per language, seed {})\ntools: {}{ftfy_version}",
        cases.len(),
        options.text.display(),
        options.limit,
        options.seed,
        tools.iter().map(|t| t.name()).collect::<Vec<_>>().join(", "),
    );
    let header = match options.half {
        Some(true) => format!("{header}\nonly the held-out half of the lines (--half held)"),
        Some(false) => {
            format!("{header}\nonly the half of the lines the costs were set on (--half fit)")
        }
        None => header,
    };
    let header = match &options.pages {
        Some(pages) => format!("{header}\ndamage only through: {}", pages.join(", ")),
        None => header,
    };
    let run = report::Run {
        cases: &cases,
        judged: &judged,
        tools: &tools,
        speed: &speed,
        stats: &stats,
        header,
        show: options.show,
    };
    print!("{}", run.render());
    if let Some(path) = &options.json {
        if let Some(dir) = path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let file =
            std::fs::File::create(path).map_err(|err| format!("{}: {err}", path.display()))?;
        serde_json::to_writer(std::io::BufWriter::new(file), &run.to_json())?;
        eprintln!("mojibake: wrote {}", path.display());
    }
    Ok(())
}

/// Whether a case's line is in the held-out half: a hash of its language
/// and line number (the first two fields of its id), so that every case of
/// one line falls in the same half.
fn is_held_out(case: &Case) -> bool {
    let line = case.id.splitn(3, ':').take(2).collect::<Vec<_>>().join(":");
    cases::fnv1a(line.as_bytes()) >> 63 == 1
}

/// The configuration of `rinse:mojibake`: every step off but `mojibake`.
fn mojibake_only() -> Config {
    Step::ALL
        .iter()
        .copied()
        .filter(|&step| step != Step::Mojibake && step.switchable())
        .fold(Config::default(), Config::disable)
}

fn cleaner(config: Config) -> Cleaner {
    Cleaner::new(config).expect("the harness's configurations are valid")
}

/// Runs both rinse configurations on every case, timing only the cleaning.
fn run_rinse(cases: &[Case], judged: &mut [Judged], speed: &mut HashMap<&'static str, Speed>) {
    let fix_without_repair = cleaner(Config::preset_fix().disable(Step::Mojibake));
    let configs = [
        (Tool::RinseMojibake, cleaner(mojibake_only()), None),
        (
            Tool::RinseFix,
            cleaner(Config::preset_fix()),
            Some(fix_without_repair),
        ),
    ];
    for (tool, config, base_config) in &configs {
        eprintln!("mojibake: running {} on {} cases", tool.name(), cases.len());
        let mut tool_speed = Speed::default();
        for (case, verdict) in cases.iter().zip(judged.iter_mut()) {
            let started = Instant::now();
            let cleaned = config.clean_str(&case.input);
            let seconds = started.elapsed().as_secs_f64();
            let bytes = case.input.len() as u64;
            tool_speed.bytes += bytes;
            tool_speed.seconds += seconds;
            if case.is_clean() {
                tool_speed.clean_bytes += bytes;
                tool_speed.clean_seconds += seconds;
            }
            let base = || {
                base_config
                    .as_ref()
                    .map(|base| base.clean_str(&case.input).text)
            };
            record(verdict, *tool, case, cleaned.text, base);
        }
        speed.insert(tool.name(), tool_speed);
    }
}

fn judge_ftfy(
    cases: &[Case],
    results: &ftfy::Results,
    judged: &mut [Judged],
) -> Result<(), Box<dyn Error>> {
    for (case, verdict) in cases.iter().zip(judged.iter_mut()) {
        let outputs = results
            .by_id
            .get(&case.id)
            .ok_or_else(|| format!("ftfy gave no output for case {}", case.id))?;
        record(
            verdict,
            Tool::FtfyEncoding,
            case,
            outputs.encoding.clone(),
            || None,
        );
        record(
            verdict,
            Tool::FtfyFixText,
            case,
            outputs.fix_text.clone(),
            || outputs.fix_text_base.clone(),
        );
    }
    Ok(())
}

/// Judges one output and keeps it where it is not exact, or is exact for a
/// lossy case by marking a lost character (the report tells those from
/// the ones that recovered every character).
fn record(
    verdict: &mut Judged,
    tool: Tool,
    case: &Case,
    output: String,
    base: impl FnOnce() -> Option<String>,
) {
    let outcome = judge(case, tool, &output, base);
    verdict.outcomes[tool.index()] = Some(outcome);
    let marked = || case.lost.is_some() && neutral(&output) != neutral(&case.expected);
    if outcome != Outcome::Exact || marked() {
        verdict.outputs[tool.index()] = Some(output);
    }
}
