//! ftfy, the reference: found or installed, run on the cases by
//! `scripts/quality/mojibake.py ftfy`, its outputs read back.

use std::collections::HashMap;
use std::error::Error;
use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::Command;

use serde::Deserialize;

use super::cases::is_newer_than;

/// Whether to run ftfy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Want {
    /// When a Python with ftfy is already there (the harness's venv or
    /// `python3`).
    Auto,
    /// Always; make the venv when no Python has ftfy.
    Yes,
    /// Never.
    No,
}

/// ftfy's outputs for one case.
#[derive(Debug, Default)]
pub struct Outputs {
    /// `ftfy.fix_encoding(input)`.
    pub encoding: String,
    /// `ftfy.fix_text(input, uncurl_quotes=False)`.
    pub fix_text: String,
    /// `fix_text` with `fix_encoding=False`, where the script found the
    /// `fix_text` output to be neither the expected text nor the input.
    pub fix_text_base: Option<String>,
}

/// Time ftfy spent, as the script measured it.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Timing {
    /// Input bytes of every case, and of the leave-alone cases.
    pub bytes: u64,
    pub clean_bytes: u64,
    /// Seconds by tool name, for every case and for the leave-alone cases.
    pub seconds: HashMap<String, f64>,
    pub clean_seconds: HashMap<String, f64>,
    pub ftfy: String,
    pub python: String,
}

/// Every case's outputs by id, and the timing.
pub struct Results {
    pub by_id: HashMap<String, Outputs>,
    pub timing: Timing,
}

/// A Python interpreter that imports ftfy: the harness's venv, then
/// `python3`; with [`Want::Yes`], the venv is made when neither does.
pub fn python(
    want: Want,
    venv_script: &Path,
    venv: &Path,
) -> Result<Option<String>, Box<dyn Error>> {
    if want == Want::No {
        return Ok(None);
    }
    let venv_python = venv.join("bin").join("python");
    for candidate in [venv_python.display().to_string(), "python3".to_owned()] {
        if imports_ftfy(&candidate) {
            return Ok(Some(candidate));
        }
    }
    if want == Want::Auto {
        eprintln!(
            "mojibake: ftfy is not installed; pass --ftfy to install it in {}",
            venv.display()
        );
        return Ok(None);
    }
    eprintln!("mojibake: installing ftfy with {}", venv_script.display());
    let status = Command::new("bash")
        .arg(venv_script)
        .arg(venv)
        .status()
        .map_err(|err| format!("cannot run bash: {err}"))?;
    if !status.success() || !imports_ftfy(&venv_python.display().to_string()) {
        return Err(format!("{} failed ({status})", venv_script.display()).into());
    }
    Ok(Some(venv_python.display().to_string()))
}

fn imports_ftfy(python: &str) -> bool {
    Command::new(python)
        .args(["-c", "import ftfy"])
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

/// Runs ftfy on every case of `cases` (unless an up-to-date output file is
/// there) and reads its outputs.
pub fn run(python: &str, script: &Path, cases: &Path) -> Result<Results, Box<dyn Error>> {
    let version = Command::new(python)
        .args(["-c", "import ftfy; print(ftfy.__version__)"])
        .output()?;
    let version = String::from_utf8_lossy(&version.stdout).trim().to_owned();
    let out = cases.with_extension(format!("ftfy-{version}.jsonl"));
    let sources: Vec<PathBuf> = vec![script.to_path_buf(), cases.to_path_buf()];
    if is_newer_than(&out, &sources) {
        eprintln!("mojibake: reusing {}", out.display());
    } else {
        eprintln!("mojibake: running ftfy {version} on the cases (minutes)");
        let status = Command::new(python)
            .arg(script)
            .arg("ftfy")
            .arg("--cases")
            .arg(cases)
            .arg("--out")
            .arg(&out)
            .status()
            .map_err(|err| format!("cannot run {python}: {err}"))?;
        if !status.success() {
            let _ = fs::remove_file(&out);
            return Err(format!("ftfy run failed ({status})").into());
        }
    }
    read(&out)
}

fn read(path: &Path) -> Result<Results, Box<dyn Error>> {
    #[derive(Deserialize)]
    struct Row {
        id: Option<String>,
        #[serde(rename = "ftfy:encoding")]
        encoding: Option<String>,
        #[serde(rename = "ftfy:fix_text")]
        fix_text: Option<String>,
        #[serde(rename = "ftfy:fix_text:base")]
        fix_text_base: Option<String>,
        timing: Option<Timing>,
    }
    let file = fs::File::open(path).map_err(|err| format!("{}: {err}", path.display()))?;
    let mut by_id = HashMap::new();
    let mut timing = None;
    for (number, line) in BufReader::new(file).lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let row: Row = serde_json::from_str(&line)
            .map_err(|err| format!("{}:{}: {err}", path.display(), number + 1))?;
        match row {
            Row {
                id: Some(id),
                encoding: Some(encoding),
                fix_text: Some(fix_text),
                fix_text_base,
                ..
            } => {
                let outputs = Outputs {
                    encoding,
                    fix_text,
                    fix_text_base,
                };
                by_id.insert(id, outputs);
            }
            Row {
                timing: Some(found),
                ..
            } => timing = Some(found),
            _ => return Err(format!("{}:{}: unexpected row", path.display(), number + 1).into()),
        }
    }
    let timing =
        timing.ok_or_else(|| format!("{}: no timing row (interrupted run?)", path.display()))?;
    Ok(Results { by_id, timing })
}
