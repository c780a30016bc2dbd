//! The junk stage's view of text files, for fitting and measuring the
//! weights of the junk score (`scripts/junk/fit.py` runs it).
//!
//! ```sh
//! # every non-blank line of each file as one JSON object: the file's name,
//! # the input line, the rule that removes it (if any), whether the sentence
//! # guard protects it, and the signal values the score sees after the rules
//! cargo run --release --example junk_signals -- FILE...
//! # the cleaned text of one file with other weights (a cleaner command for
//! # ../shared/devsets/score_junk.py --cmd)
//! cargo run --release --example junk_signals -- --clean --weights W.toml [--threshold T] FILE
//! ```

use std::path::Path;

use rinse::{Cleaner, Config};

fn main() {
    let mut args = std::env::args().skip(1);
    let (mut clean, mut weights, mut threshold, mut files) = (false, None, None, Vec::new());
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--clean" => clean = true,
            "--weights" => weights = Some(args.next().expect("--weights FILE")),
            "--threshold" => {
                threshold = Some(
                    args.next()
                        .and_then(|t| t.parse::<f32>().ok())
                        .expect("--threshold NUMBER"),
                )
            }
            _ => files.push(arg),
        }
    }
    let mut config = Config::default();
    if let Some(path) = weights {
        config = config.junk_weights(std::fs::read_to_string(path).expect("a weights file"));
    }
    if let Some(t) = threshold {
        config = config.junk_threshold(t);
    }
    if clean {
        let cleaner = Cleaner::new(config).expect("valid weights");
        for file in files {
            let bytes = std::fs::read(&file).expect("a readable file");
            print!("{}", cleaner.clean_bytes(&bytes).text);
        }
        return;
    }
    // Only the rules remove: the signals are those the score sees first.
    let cleaner =
        Cleaner::new(config.tag_junk(true).junk_threshold(f32::INFINITY)).expect("valid weights");
    println!(
        "{}",
        serde_json::json!({ "signals": rinse::junk_signal_names() })
    );
    for file in files {
        let bytes = std::fs::read(&file).expect("a readable file");
        let name = Path::new(&file).file_name().unwrap().to_string_lossy();
        for tag in cleaner.clean_bytes(&bytes).tags {
            println!(
                "{}",
                serde_json::json!({
                    "file": name,
                    "line": tag.line,
                    "step": tag.step.map(|s| s.name()),
                    "guard": tag.guarded,
                    "x": tag.signals,
                })
            );
        }
    }
}
