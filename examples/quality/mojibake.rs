//! The `mojibake` quality harness (not written yet).

/// Runs the harness with its command-line arguments.
pub fn run(_args: &[String]) -> Result<(), Box<dyn std::error::Error>> {
    Err("the mojibake harness is not written yet".into())
}
