//! Quality harnesses: rinse's judgements measured on real text that nobody
//! on the project wrote, beside the reference tools where they are installed.
//!
//! ```sh
//! cargo run --release --example quality -- mojibake --text ../shared/devsets/text-ud
//! cargo run --release --example quality -- encoding --text ../shared/devsets/text-ud
//! cargo run --release --example quality -- junk --text ../shared/devsets/text-ud
//! ```
//!
//! Each mode prints its own `--help`.

mod encoding;
mod junk;
mod mojibake;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("mojibake") => mojibake::run(&args[1..]),
        Some("encoding") => encoding::run(&args[1..]),
        Some("junk") => junk::run(&args[1..]).map_err(Into::into),
        _ => Err("usage: quality (mojibake|encoding|junk) [--help]".into()),
    };
    if let Err(err) = result {
        eprintln!("quality: {err}");
        std::process::exit(2);
    }
}
