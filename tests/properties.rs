//! Invariants of the whole pipeline over arbitrary input.

use proptest::prelude::*;
use rinse::{clean_bytes, clean_str, Config};

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 2000,
        ..ProptestConfig::default()
    }
}

/// Text that is likely to hit the pipeline's edge cases: line breaks of
/// every kind, whitespace, BOMs, combining marks, malformed-looking text.
fn tricky_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "a",
        "é",
        "e\u{301}",
        "\u{301}",
        " ",
        "\t",
        "\u{a0}",
        "\u{3000}",
        "\n",
        "\r",
        "\r\n",
        "\u{feff}",
        "\u{fffd}",
        "ق",
        "\u{651}\u{64e}",
        "\u{212b}",
        "\u{2000}",
        "x",
        "\u{85}",
        "\u{2028}",
        "👍🏽",
        "",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|parts| parts.concat())
}

/// Properties every output of the default pipeline has.
fn check_output(text: &str) -> Result<(), TestCaseError> {
    prop_assert!(!text.contains('\r'), "no CR survives: {text:?}");
    prop_assert!(
        text.is_empty() || text.ends_with('\n'),
        "one final newline: {text:?}"
    );
    prop_assert!(
        !text.ends_with("\n\n"),
        "no blank line at the end: {text:?}"
    );
    prop_assert!(
        !text.starts_with('\u{feff}'),
        "no BOM at the start: {text:?}"
    );
    for line in text.lines() {
        prop_assert_eq!(line, line.trim_end(), "no trailing whitespace");
    }
    Ok(())
}

fn check_idempotent(first: &rinse::Cleaned) -> Result<(), TestCaseError> {
    let second = clean_str(&first.text, &Config::default());
    prop_assert_eq!(&second.text, &first.text, "clean(clean(x)) == clean(x)");
    prop_assert!(
        second.report.changes.is_empty(),
        "the second run changes nothing: {:?}",
        second.report.changes
    );
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_bytes_clean_without_panic_idempotently(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let first = clean_bytes(&bytes, &Config::default());
        check_output(&first.text)?;
        check_idempotent(&first)?;
        prop_assert_eq!(&clean_bytes(&bytes, &Config::default()), &first, "deterministic");
    }

    #[test]
    fn any_string_cleans_idempotently(text in any::<String>()) {
        let first = clean_str(&text, &Config::default());
        check_output(&first.text)?;
        check_idempotent(&first)?;
    }

    #[test]
    fn tricky_text_cleans_idempotently(text in tricky_text()) {
        let first = clean_str(&text, &Config::default());
        check_output(&first.text)?;
        check_idempotent(&first)?;
    }

    #[test]
    fn output_is_nfc(text in tricky_text()) {
        use unicode_normalization::UnicodeNormalization;
        let cleaned = clean_str(&text, &Config::default()).text;
        prop_assert_eq!(cleaned.nfc().collect::<String>(), cleaned);
    }

    #[test]
    fn line_break_style_does_not_change_the_result(lines in prop::collection::vec("[a-z é\u{301}\u{a0}]{0,12}", 0..8)) {
        let lf = clean_str(&lines.join("\n"), &Config::default()).text;
        let crlf = clean_str(&lines.join("\r\n"), &Config::default()).text;
        let cr = clean_str(&lines.join("\r"), &Config::default()).text;
        prop_assert_eq!(&lf, &crlf);
        prop_assert_eq!(&lf, &cr);
    }

    #[test]
    fn report_accounts_for_every_difference(text in tricky_text()) {
        let cleaned = clean_str(&text, &Config::default());
        let unchanged = cleaned.text == text;
        prop_assert_eq!(unchanged, !cleaned.report.changed(),
            "a change happened iff the report lists one: {:?}", cleaned.report.changes);
    }
}
