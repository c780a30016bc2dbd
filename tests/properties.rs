//! Invariants of the whole pipeline over arbitrary input.

use proptest::prelude::*;
use rinse::{clean_str, Action, Cleaner, Config, NormalizationForm, ReportDetail, Step};

use crate::support::cleaner;
use unicode_normalization::UnicodeNormalization;

fn cases() -> ProptestConfig {
    ProptestConfig {
        cases: 3000,
        ..ProptestConfig::default()
    }
}

/// Every step on, optional ones included.
fn everything() -> Config {
    Step::ALL
        .iter()
        .fold(Config::default(), |config, &step| config.enable(step))
}

/// Text likely to hit the pipeline's edge cases: line breaks of every kind,
/// whitespace, BOMs, combining marks, joiners, lookalikes, controls.
fn tricky_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "a",
        "é",
        "e\u{301}",
        "\u{301}",
        " ",
        "  ",
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
        "\u{640}",
        "\u{663}",
        "\u{212b}",
        "\u{2000}",
        "x",
        "\u{85}",
        "\u{0}",
        "\u{1b}",
        "\u{2028}",
        "👍🏽",
        "\u{200d}",
        "\u{200c}",
        "\u{200b}",
        "\u{fe0f}",
        "\u{202e}",
        "\u{ad}",
        "\u{fb01}",
        "\u{ff21}",
        "\u{fefb}",
        "\u{456}",
        "\u{43e}",
        "\u{3b9}",
        "\u{1fbe}",
        "Z",
        "ß",
        "İ",
        "\u{201c}",
        "\u{2014}",
        "\u{2026}",
        "\u{fe58}",
        "\u{e0067}",
        "\u{1f3f4}",
        "क्",
        "ی",
        "",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|parts| parts.concat())
}

/// Properties every output of the default pipeline has.
fn check_output(text: &str) -> Result<(), TestCaseError> {
    prop_assert!(
        text.is_empty() || text.ends_with('\n'),
        "one final newline: {text:?}"
    );
    prop_assert!(
        !text.starts_with('\n') && !text.ends_with("\n\n"),
        "no blank edge lines: {text:?}"
    );
    prop_assert!(
        !text.contains("\n\n\n"),
        "at most one blank line in a row: {text:?}"
    );
    prop_assert!(
        !text.starts_with('\u{feff}'),
        "no BOM at the start: {text:?}"
    );
    if !has_stacked_marks(text) {
        prop_assert_eq!(text.nfc().collect::<String>(), text, "NFC");
    }
    for line in text.lines() {
        prop_assert_eq!(line, line.trim(), "no leading or trailing whitespace");
        prop_assert!(!line.contains("  "), "no double spaces: {:?}", line);
        // A C1 control stays only as a byte of mojibake the repair left:
        // with the characters around it, the bytes of one UTF-8 character
        // through a single-byte page (checked here with encoding_rs and
        // latin-1, not rinse's tables); NEL only in a line with another.
        // Beside one, a no-break space or soft hyphen may be a byte of such
        // damage too; and without one (the undefined bytes lost on the way)
        // when it continues a three- or four-byte character through a
        // page among four other bytes of its stretch through that page.
        let chars: Vec<char> = line.chars().collect();
        let c1_byte = |i: usize| {
            (0x80..=0x9F).contains(&(chars[i] as u32)) && byte_of_a_utf8_character(&chars, i)
        };
        let c1_damage = (0..chars.len()).any(|i| chars[i] != '\u{85}' && c1_byte(i));
        for (i, &c) in chars.iter().enumerate() {
            let cp = c as u32;
            let kept_c1 = c1_byte(i) && (c != '\u{85}' || c1_damage);
            let kept_byte = matches!(c, '\u{a0}' | '\u{ad}')
                && byte_of_a_utf8_character(&chars, i)
                && (c1_damage || damage_around(&chars, i));
            prop_assert!(
                !c.is_control() || kept_c1,
                "no control characters: {:?}",
                line
            );
            prop_assert!(
                !c.is_whitespace() || c == ' ' || kept_c1 || kept_byte,
                "no whitespace but ASCII space: {:?}",
                line
            );
            // Every invisible character goes but those kept where they carry
            // meaning (joiners, variation selectors, emoji tags, the
            // zero-width space between Thai words); tatweel stays only where
            // it is not between two Arabic letters.
            let kept_in_context = matches!(cp, 0x200B..=0x200D | 0xFE00..=0xFE0F | 0xE0020..=0xE007F | 0xE0100..=0xE01EF | 0x640);
            prop_assert!(
                kept_in_context || kept_byte || !rinse::visible::is_invisible(c),
                "no removed invisible character: {:?}",
                line
            );
            // Fullwidth punctuation next to CJK letters is CJK punctuation.
            prop_assert!(
                !(matches!(cp, 0xFB00..=0xFB06)
                    || (matches!(cp, 0xFF01..=0xFF5E) && c.is_alphanumeric())),
                "no ligatures or fullwidth letters and digits: {:?}",
                line
            );
        }
    }
    Ok(())
}

/// Whether `chars[at]` is kept as a byte of mojibake with no C1 control
/// beside it (windows-1252's undefined bytes lost on the way; other pages
/// have none to leave): through one of the pages the mojibake step undoes,
/// a continuation byte of a three- or four-byte UTF-8 character, and at
/// least four other characters of its stretch beyond ASCII (64 characters
/// each way at most) bytes of a UTF-8 character through the same page,
/// first bytes included. Checked here with encoding_rs's pages (and
/// latin-1 for the C1 controls), and cp437 and cp850 as Python's codecs
/// write them, not rinse's tables ([`repaired_pages`]).
fn damage_around(chars: &[char], at: usize) -> bool {
    repaired_pages().iter().any(|page| {
        if !byte_through(chars, at, page, false, 3) {
            return false;
        }
        let before = (at.saturating_sub(64)..at)
            .rev()
            .take_while(|&j| !chars[j].is_ascii());
        let after = (at + 1..chars.len().min(at + 65)).take_while(|&j| !chars[j].is_ascii());
        before
            .chain(after)
            .filter(|&j| byte_through(chars, j, page, true, 2))
            .count()
            >= 4
    })
}

/// cp437 and cp850 from 0x80 to 0xFF (encoding_rs has neither), as
/// Python's codecs decode them.
const CP437_HIGH: &str = "ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u{a0}";
const CP850_HIGH: &str = "ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜø£Ø×ƒáíóúñÑªº¿®¬½¼¡«»░▒▓│┤ÁÂÀ©╣║╗╝¢¥┐└┴┬├─┼ãÃ╚╔╩╦╠═╬¤ðÐÊËÈıÍÎÏ┘┌█▄¦Ì▀ÓßÔÒõÕµþÞÚÛÙýÝ¯´\u{ad}±‗¾¶§÷¸°¨·¹³²■\u{a0}";

/// The byte 0x80–0xFF that a page given by its upper half writes for `c`.
fn byte_in_high(high: &str, c: char) -> Option<u8> {
    high.chars().position(|h| h == c).map(|i| 0x80 + i as u8)
}

/// A page's byte for a character, 0x80 to 0xFF.
type Page = Box<dyn Fn(char) -> Option<u8>>;

/// The pages the mojibake step undoes, each as the byte it writes for a
/// character: windows-1252 as the step reads it (with latin-1's C1
/// controls), the others by encoding_rs or Python's codecs.
fn repaired_pages() -> Vec<Page> {
    use encoding_rs::{
        ISO_8859_15, ISO_8859_2, KOI8_R, KOI8_U, MACINTOSH, WINDOWS_1250, WINDOWS_1251,
        WINDOWS_1253, WINDOWS_1254, WINDOWS_1256, WINDOWS_1257,
    };
    let mut pages: Vec<Page> = vec![
        Box::new(windows_1252_and_latin_1),
        Box::new(|c| byte_in_high(CP437_HIGH, c)),
        Box::new(|c| byte_in_high(CP850_HIGH, c)),
    ];
    for encoding in [
        WINDOWS_1250,
        WINDOWS_1251,
        WINDOWS_1253,
        WINDOWS_1254,
        WINDOWS_1256,
        WINDOWS_1257,
        ISO_8859_2,
        MACINTOSH,
        KOI8_R,
        KOI8_U,
        ISO_8859_15,
    ] {
        pages.push(Box::new(move |c| byte_in(encoding, c)));
    }
    pages
}

/// Whether `chars[at]` is a continuation byte of one UTF-8 character with
/// up to three characters on each side, through latin-1 (by code point) or
/// one of the pages the mojibake step undoes ([`repaired_pages`]).
/// windows-1252 is read as the step reads it, together with latin-1, which
/// differs from it only at 0x80–0x9F (a superset of windows-1252 alone): a
/// C1 control is its own byte there (in `èƒ\u{91}`, `ƒ` is 0x83 through
/// windows-1252, U+0091 is 0x91 through latin-1: `胑` went through both).
fn byte_of_a_utf8_character(chars: &[char], at: usize) -> bool {
    byte_through(chars, at, &latin_1, false, 2)
        || repaired_pages()
            .iter()
            .any(|page| byte_through(chars, at, page, false, 2))
}

/// The byte 0x80–0xFF that `encoding` (a single-byte page) writes for `c`.
fn byte_in(encoding: &'static encoding_rs::Encoding, c: char) -> Option<u8> {
    let mut utf8 = [0; 4];
    let (bytes, _, errors) = encoding.encode(c.encode_utf8(&mut utf8));
    (!errors && bytes.len() == 1 && bytes[0] >= 0x80).then(|| bytes[0])
}

/// The byte 0x80–0xFF that latin-1 has for `c`.
fn latin_1(c: char) -> Option<u8> {
    u8::try_from(c as u32).ok().filter(|&b| b >= 0x80)
}

/// windows-1252 as the mojibake step reads it: a C1 control is its own
/// byte, as latin-1 has it.
fn windows_1252_and_latin_1(c: char) -> Option<u8> {
    byte_in(encoding_rs::WINDOWS_1252, c).or_else(|| latin_1(c).filter(|&b| b < 0xA0))
}

/// Whether `chars[at]` is a byte (`lead_too`: or the first byte) of one
/// UTF-8 character of `min_len` to four bytes through `page`, with up to
/// three characters on each side.
fn byte_through(
    chars: &[char],
    at: usize,
    page: &dyn Fn(char) -> Option<u8>,
    lead_too: bool,
    min_len: usize,
) -> bool {
    (at.saturating_sub(3)..at + usize::from(lead_too)).any(|start| {
        (min_len..=4).any(|len| {
            let end = start + len;
            end > at
                && end <= chars.len()
                && chars[start..end]
                    .iter()
                    .map(|&c| page(c))
                    .collect::<Option<Vec<u8>>>()
                    .is_some_and(|bytes| {
                        std::str::from_utf8(&bytes).is_ok_and(|s| s.chars().count() == 1)
                    })
        })
    })
}

/// Whether `text` has a character under more than 31 combining marks, which
/// normalization leaves as it is (README: Zalgo text).
fn has_stacked_marks(text: &str) -> bool {
    let mut run = 0;
    for c in text.chars() {
        if unicode_normalization::char::canonical_combining_class(c) == 0 {
            run = 0;
        } else {
            run += 1;
            if run > 31 {
                return true;
            }
        }
    }
    false
}

/// Cleaning keeps C1 controls (bytes of mojibake) but makes none: a text
/// without them comes out without them and without the no-break spaces
/// and soft hyphens kept beside them; such a text keeps a no-break space
/// or soft hyphen only as a byte of a three- or four-byte character through
/// a page among four others of such damage (`é““é\u{a0}\u{a0}` is two CJK
/// characters through windows-1252, their undefined bytes lost), as
/// [`damage_around`] checks.
fn check_no_control_made(input: &str, output: &str) -> Result<(), TestCaseError> {
    let c1 = |text: &str| {
        text.chars()
            .filter(|&c| ('\u{80}'..='\u{9f}').contains(&c))
            .count()
    };
    prop_assert!(c1(output) <= c1(input), "no C1 control made: {:?}", output);
    if c1(input) == 0 {
        for line in output.lines() {
            let chars: Vec<char> = line.chars().collect();
            for (i, &c) in chars.iter().enumerate() {
                prop_assert!(
                    !matches!(c, '\u{a0}' | '\u{ad}') || damage_around(&chars, i),
                    "nothing kept but a byte of damage among others: {:?}",
                    output
                );
            }
        }
    }
    Ok(())
}

fn check_idempotent(first: &rinse::Cleaned, cleaner: &Cleaner) -> Result<(), TestCaseError> {
    let second = cleaner.clean_str(&first.text);
    prop_assert_eq!(&second.text, &first.text, "clean(clean(x)) == clean(x)");
    prop_assert!(
        second.report.changes.is_empty(),
        "the second run changes nothing: {:?}",
        second.report.changes
    );
    Ok(())
}

#[test]
fn a_byte_is_kept_without_a_c1_control_only_among_damage() {
    let chars = |text: &str| text.chars().collect::<Vec<char>>();
    // Two CJK characters through windows-1252, their undefined bytes lost:
    // both no-break spaces are bytes of the damage.
    let cjk = chars("é““é\u{a0}\u{a0}\u{fffd}");
    assert!(damage_around(&cjk, 4) && damage_around(&cjk, 5));
    // `時尚》` through KOI8-R: 0x9A, the last byte of `尚`, is a no-break
    // space there.
    let koi8 = chars("Ф≥┌Е╟\u{a0}Ц─▀");
    assert!(damage_around(&koi8, 5));
    // Russian typography (`Я` + no-break space is a two-byte character
    // through windows-1251), and the last byte of two-byte characters
    // (`Ñ` + no-break space), keep none.
    let russian = chars("Я\u{a0}—\u{a0}«Ёлка»\u{a0}—\u{a0}ёж");
    let two_byte = chars("Ñ\u{a0}Ñ\u{a0}Ñ\u{a0}Ñ\u{a0}\u{fffd}");
    for (text, at) in [(&russian, 1), (&russian, 3), (&two_byte, 1), (&two_byte, 5)] {
        assert!(!damage_around(text, at), "{text:?} {at}");
    }
    // And the cleaner agrees on all three.
    let cleaner = Cleaner::default();
    for text in [
        "é““é\u{a0}\u{a0}\u{fffd}",
        "Я\u{a0}—\u{a0}«Ёлка»\u{a0}—\u{a0}ёж",
        "Ñ\u{a0}Ñ\u{a0}Ñ\u{a0}Ñ\u{a0}\u{fffd}",
        "Ф≥┌Е╟\u{a0}Ц─▀",
    ] {
        let cleaned = cleaner.clean_str(text);
        check_output(&cleaned.text).unwrap();
        check_no_control_made(text, &cleaned.text).unwrap();
    }
    assert!(!cleaner
        .clean_str("Я\u{a0}—\u{a0}«Ёлка»")
        .text
        .contains('\u{a0}'));
}

proptest! {
    #![proptest_config(cases())]

    #[test]
    fn any_bytes_clean_without_panic_idempotently(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let cleaner = Cleaner::default();
        let first = cleaner.clean_bytes(&bytes);
        check_output(&first.text)?;
        check_idempotent(&first, &cleaner)?;
        prop_assert_eq!(&cleaner.clean_bytes(&bytes), &first, "deterministic");
    }

    #[test]
    fn any_string_cleans_idempotently(text in any::<String>()) {
        let cleaner = Cleaner::default();
        let first = cleaner.clean_str(&text);
        check_output(&first.text)?;
        check_idempotent(&first, &cleaner)?;
        check_no_control_made(&text, &first.text)?;
    }

    #[test]
    fn tricky_text_cleans_idempotently(text in tricky_text()) {
        let cleaner = Cleaner::default();
        let first = cleaner.clean_str(&text);
        check_output(&first.text)?;
        check_idempotent(&first, &cleaner)?;
        check_no_control_made(&text, &first.text)?;
    }

    #[test]
    fn a_field_is_its_document_without_an_added_line_break(text in tricky_text()) {
        let cleaner = Cleaner::default();
        let document = cleaner.clean_str(&text).text;
        let field = cleaner.clean_field(&text);
        // The document's properties (checked elsewhere) hold for the field
        // through this relation, but for its final line break.
        let added = document.strip_prefix(field.text.as_str());
        let ends = field.text.ends_with(['\n', '\r']);
        prop_assert!(
            matches!(added, Some("")) || (!ends && matches!(added, Some("\n" | "\r\n" | "\r"))),
            "document {:?}, field {:?}", document, field.text
        );
        let again = cleaner.clean_field(&field.text);
        prop_assert_eq!(&again.text, &field.text, "idempotent");
        prop_assert!(!again.report.changed(), "a second run reports nothing");
        // A field that ends in a line break was cleaned as its document;
        // one that came without keeps its ending, and no break is added.
        if text.ends_with('\n') {
            prop_assert_eq!(&field.text, &document);
        } else if !text.ends_with('\r') {
            prop_assert!(!field.text.ends_with(['\n', '\r']), "field {:?}", field.text);
        }
        prop_assert!(
            field.report.changes_by(Step::FinalNewline).all(|c| c.action != Action::Inserted),
            "no line break is added to a field"
        );
    }

    #[test]
    fn every_step_on_is_idempotent(text in tricky_text()) {
        let cleaner = cleaner(everything());
        let first = cleaner.clean_str(&text);
        check_output(&first.text)?;
        check_idempotent(&first, &cleaner)?;
    }

    #[test]
    fn nfkc_with_every_step_is_idempotent_and_nfkc(text in tricky_text()) {
        let cleaner = cleaner(everything().normalization_form(NormalizationForm::Nfkc));
        let first = cleaner.clean_str(&text);
        if !has_stacked_marks(&first.text) {
            prop_assert_eq!(first.text.nfkc().collect::<String>(), first.text.clone(), "NFKC");
        }
        check_idempotent(&first, &cleaner)?;
    }

    #[test]
    fn line_break_style_does_not_change_the_result(lines in prop::collection::vec("[a-z é\u{301}\u{a0}]{0,12}", 0..8)) {
        let lf = clean_str(&lines.join("\n")).text;
        let crlf = clean_str(&lines.join("\r\n")).text;
        let cr = clean_str(&lines.join("\r")).text;
        prop_assert_eq!(&lf, &crlf);
        prop_assert_eq!(&lf, &cr);
    }

    #[test]
    fn whole_text_equals_line_by_line(lines in prop::collection::vec(
        // A U+FEFF at the start of the text is a byte-order mark, which only
        // the first line can have: no line starts with one here.
        (tricky_text(), tricky_text()).prop_map(|(a, b)| {
            format!("{a}x{b}")
                .replace(['\n', '\r', '\u{85}'], "")
                .trim_start_matches('\u{feff}')
                .to_owned()
        }),
        1..6,
    )) {
        // Each line has a letter, so none is blank after cleaning and the
        // line-level steps have nothing to do between them. The junk-line
        // rules judge a line by its neighbours, so they are off here: this
        // property is about the character steps.
        let config = [Step::MetadataPrefix, Step::Boilerplate, Step::DuplicateLines, Step::ForeignLines, Step::EdgeResidue, Step::JunkScore]
            .into_iter()
            .fold(Config::default(), |config, step| config.disable(step));
        let cleaner = cleaner(config);
        let whole = cleaner.clean_str(&lines.join("\n")).text;
        let by_line: String = lines.iter().map(|line| cleaner.clean_str(line).text).collect();
        prop_assert_eq!(whole, by_line);
    }

    #[test]
    fn report_accounts_for_every_difference(text in tricky_text()) {
        let cleaned = clean_str(&text);
        let unchanged = cleaned.text == text;
        prop_assert_eq!(unchanged, !cleaned.report.changed(),
            "a change happened iff the report lists one: {:?}", cleaned.report.changes);
    }

    #[test]
    fn a_report_of_counts_has_the_same_text_and_totals(text in tricky_text()) {
        let full = clean_str(&text);
        let counts = cleaner(Config::default().report_detail(ReportDetail::Counts)).clean_str(&text);
        prop_assert_eq!(&full.text, &counts.text);
        let totals = |report: &rinse::Report| -> Vec<(Step, usize)> {
            report.steps.iter().map(|s| (s.step, s.occurrences)).collect()
        };
        prop_assert_eq!(totals(&full.report), totals(&counts.report));
        // One entry per step that changed something, without excerpts.
        prop_assert_eq!(counts.report.changes.len(), counts.report.steps.len());
        prop_assert!(counts.report.changes.iter().all(|c| c.before.is_empty() && c.after.is_empty()));
        // The same scripts, and the same lines that mix them, without
        // their mix.
        let (scripts, all) = (&counts.report.scripts, &full.report.scripts);
        prop_assert_eq!(&scripts.letters, &all.letters);
        prop_assert_eq!(&scripts.dominant, &all.dominant);
        let lines = |report: &rinse::ScriptReport| -> Vec<usize> {
            report.mixed_lines.iter().map(|l| l.line).collect()
        };
        prop_assert_eq!(lines(scripts), lines(all));
        prop_assert!(scripts.mixed_lines.iter().all(|l| l.scripts.is_empty()));
        prop_assert!(all.mixed_lines.iter().all(|l| l.scripts.len() > 1));
    }
}

/// One entry of the naughty-strings snapshot.
#[derive(serde::Serialize)]
struct NaughtyResult {
    input: String,
    output: String,
    steps: Vec<Step>,
}

#[test]
fn big_list_of_naughty_strings() {
    let cleaner = Cleaner::default();
    let mut results = Vec::new();
    for &input in naughty_strings::BLNS {
        let first = cleaner.clean_str(input);
        let second = cleaner.clean_str(&first.text);
        assert_eq!(second.text, first.text, "not idempotent on {input:?}");
        assert!(second.report.changes.is_empty(), "{input:?}");
        let mut steps: Vec<Step> = first.report.changes.iter().map(|c| c.step).collect();
        steps.dedup();
        results.push(NaughtyResult {
            input: rinse::visible::escape(input).into_owned(),
            output: rinse::visible::escape(&first.text).into_owned(),
            steps,
        });
    }
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../snapshots/properties");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| insta::assert_yaml_snapshot!("naughty_strings", results));
}

/// Real words per language: the words of the sample texts in
/// `tests/data/languages.toml` (texts without spaces, in Chinese, Japanese
/// and Thai, cut into pieces of about three characters), with the
/// punctuation they carry.
fn vocabularies() -> &'static [Vec<String>] {
    static WORDS: std::sync::OnceLock<Vec<Vec<String>>> = std::sync::OnceLock::new();
    WORDS.get_or_init(|| {
        #[derive(serde::Deserialize)]
        struct Languages {
            language: Vec<Language>,
        }
        #[derive(serde::Deserialize)]
        struct Language {
            text: String,
        }
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/languages.toml");
        let languages: Languages = toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        languages
            .language
            .into_iter()
            .map(|language| {
                let mut words: Vec<String> = Vec::new();
                for word in language.text.split_whitespace() {
                    if word.chars().count() > 12 && !word.is_ascii() {
                        words.extend(pieces(word));
                    } else {
                        words.push(word.to_owned());
                    }
                }
                words.sort();
                words.dedup();
                words
            })
            .collect()
    })
}

/// Every word of every language, plus one-letter words and symbols of real
/// text.
fn vocabulary() -> &'static [String] {
    static WORDS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    WORDS.get_or_init(|| {
        let mut words: Vec<String> = vocabularies().concat();
        for extra in [
            "و",
            "ب",
            "в",
            "к",
            "с",
            "у",
            "о",
            "и",
            "а",
            "я",
            "є",
            "ο",
            "η",
            "à",
            "“quoted”",
            "it’s",
            "—",
            "…",
            "€5",
            "№1",
            "👍",
            "«ok»",
            "x²",
            "42",
        ] {
            words.push(extra.to_owned());
        }
        words.sort();
        words.dedup();
        words
    })
}

/// A line of real text in one language: four to twelve of its words.
fn one_language_line() -> impl Strategy<Value = String> {
    (0..vocabularies().len()).prop_flat_map(|language| {
        let words = prop::sample::select(vocabularies()[language].clone());
        let separator = prop::sample::select(vec![" ", " ", " ", ", ", ". ", " — "]);
        prop::collection::vec((words, separator), 4..12).prop_map(|parts| {
            parts
                .into_iter()
                .flat_map(|(word, sep)| [word, sep.to_owned()])
                .collect::<String>()
        })
    })
}

/// `text` cut into pieces of about three characters, only ever before a base
/// character (never before a combining mark or a Thai vowel or tone sign).
fn pieces(text: &str) -> Vec<String> {
    let attaches = |c: char| {
        unicode_normalization::char::canonical_combining_class(c) != 0
            || matches!(c, '\u{E31}' | '\u{E33}'..='\u{E3A}' | '\u{E47}'..='\u{E4E}')
    };
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    for c in text.chars() {
        if current.chars().count() >= 3 && !attaches(c) {
            out.push(std::mem::take(&mut current));
        }
        current.push(c);
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Correct text: real words of one or several languages, separated as text
/// is.
fn script_words() -> impl Strategy<Value = String> {
    let word = prop::sample::select(vocabulary());
    let separator = prop::sample::select(vec![" ", " ", " ", ", ", ". ", "\n", " — "]);
    prop::collection::vec((word, separator), 1..12).prop_map(|parts| {
        parts
            .into_iter()
            .flat_map(|(word, sep)| [word, sep.to_owned()])
            .collect()
    })
}

proptest! {
    #![proptest_config(cases())]

    #[test]
    fn windows_1252_mojibake_comes_back(text in one_language_line()) {
        let cleaner = Cleaner::default();
        let damaged = rinse::damage::mojibake(&text, rinse::Encoding::WINDOWS_1252);
        prop_assert_eq!(cleaner.clean_str(&damaged).text, cleaner.clean_str(&text).text);
    }

    #[test]
    fn c1_mojibake_comes_back(text in one_language_line()) {
        let cleaner = Cleaner::default();
        let damaged = rinse::damage::c1_mojibake(&text);
        prop_assert_eq!(cleaner.clean_str(&damaged).text, cleaner.clean_str(&text).text);
    }

    #[test]
    fn correct_text_is_untouched_by_the_mojibake_step(text in script_words()) {
        let with = clean_str(&text);
        let without = cleaner(Config::default().disable(Step::Mojibake)).clean_str(&text);
        prop_assert_eq!(&with.text, &without.text);
        prop_assert!(with.report.changes_by(Step::Mojibake).next().is_none());
    }
}
