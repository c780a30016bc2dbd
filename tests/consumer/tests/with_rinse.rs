//! The consumer's tests, written against rinse's public API only.

use rinse::fixtures::{self, Problem};
use rinse::{clean_bytes, damage, Encoding};

#[test]
fn every_fixture_cleans_to_its_expected_text() {
    for fixture in fixtures::all() {
        assert_eq!(
            clean_bytes(fixture.raw).text,
            fixture.expected(),
            "{}",
            fixture.id
        );
    }
}

#[test]
fn damaged_fixtures_count_the_same_words_as_their_source_once_cleaned() {
    for fixture in fixtures::with_problem(Problem::Mojibake) {
        let source = fixtures::by_id(fixture.derived_from.unwrap()).unwrap();
        assert_eq!(
            rinse_consumer::word_count(fixture.expected()),
            rinse_consumer::word_count(source.expected()),
            "{}",
            fixture.id
        );
    }
}

#[test]
fn damage_functions_are_undone_by_cleaning() {
    let text = "Über die Brücke — “quoted” café\n";
    for damaged in [
        damage::mojibake(text, "windows-1252".parse::<Encoding>().unwrap()),
        damage::c1_mojibake(text),
        damage::html_entities(text, 3),
    ] {
        assert_eq!(rinse::clean_str(&damaged).text, text);
    }
    let bytes = damage::utf16le_with_bom(text);
    assert_eq!(clean_bytes(&bytes).text, text);
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config { cases: 500, ..Default::default() })]

    #[test]
    fn any_string_under_encoding_damage_cleans_back(case in rinse::strategies::damaged(proptest::prelude::any::<String>())) {
        let cleaned = clean_bytes(&case.damaged);
        proptest::prop_assert_eq!(cleaned.text, case.clean, "{:?}", case.damage);
    }

    #[test]
    fn damaged_text_cleans_back(case in rinse::strategies::damaged_text()) {
        let cleaned = clean_bytes(&case.damaged);
        proptest::prop_assert_eq!(cleaned.text, case.clean, "{:?}", case.damage);
    }
}

/// The consumer's own pages, cleaned by rinse and locked with insta
/// (`tests/snapshots/`, reviewed with `cargo insta review`).
#[test]
fn own_pages_clean_as_reviewed() {
    rinse::assert_cleaned_snapshots!("pages", "*.txt");
}
