//! What the README says about the steps is what the step table says.

use rinse::Step;

use crate::support;

/// The rows of the README's step table (under "## The pipeline"): the step
/// names of the first column, in order, with the default of the second.
fn readme_step_rows() -> Vec<(String, String)> {
    let readme = std::fs::read_to_string(support::repo().join("README.md")).unwrap();
    let section = readme
        .split("\n## The pipeline\n")
        .nth(1)
        .expect("README has a section `## The pipeline`");
    let table = section
        .lines()
        .skip_while(|line| !line.starts_with("| step |"))
        .skip(2)
        .take_while(|line| line.starts_with('|'));
    let mut rows = Vec::new();
    for line in table {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let (names, default) = (cells[1], cells[2]);
        for name in names.split(',') {
            rows.push((name.trim().trim_matches('`').to_owned(), default.to_owned()));
        }
    }
    rows
}

#[test]
fn readme_step_table_lists_every_step_in_order_with_its_default() {
    let rows = readme_step_rows();
    let names: Vec<&str> = rows.iter().map(|(name, _)| name.as_str()).collect();
    let steps: Vec<&str> = Step::ALL.iter().map(|s| s.name()).collect();
    assert_eq!(names, steps, "README step table against Step::ALL");
    for ((name, default), &step) in rows.iter().zip(Step::ALL) {
        let expected = match (step.switchable(), step.default_enabled()) {
            (false, _) => "always",
            (true, true) => "on",
            (true, false) => "off",
        };
        assert_eq!(default, expected, "README default of {name}");
    }
}
