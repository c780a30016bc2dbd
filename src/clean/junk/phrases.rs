//! The phrase lists of the junk-line rules: data files per language,
//! shipped in the crate and parsed once.

use super::stopwords::FnvBuild;
use crate::unicode::table;
use std::collections::HashSet;
use std::sync::OnceLock;

/// A set of normalized phrases, hashed with FNV-1a (short keys, looked up
/// once or twice per line).
pub(crate) type PhraseSet = HashSet<String, FnvBuild>;

/// The phrase files, by language.
const FILES: &[(&str, &str)] = &[
    ("en", include_str!("phrases/en.txt")),
    ("de", include_str!("phrases/de.txt")),
    ("fr", include_str!("phrases/fr.txt")),
    ("es", include_str!("phrases/es.txt")),
    ("it", include_str!("phrases/it.txt")),
    ("pt", include_str!("phrases/pt.txt")),
    ("ru", include_str!("phrases/ru.txt")),
    ("ar", include_str!("phrases/ar.txt")),
    ("zh", include_str!("phrases/zh.txt")),
    ("ja", include_str!("phrases/ja.txt")),
];

/// All phrases of all languages, normalized with [`normalize`].
#[derive(Clone, Debug, Default)]
pub(crate) struct Phrases {
    pub(crate) lines: PhraseSet,
    pub(crate) contains: Vec<String>,
    pub(crate) prefixes: Vec<String>,
    pub(crate) edge_words: PhraseSet,
    /// Headings of a list of the article (`[heading]`: `Ingredients`).
    pub(crate) headings: PhraseSet,
    /// The `contains` phrases as one automaton (built by [`Phrases::finish`])
    /// over text whose ASCII letters are lowercased (see
    /// [`Phrases::contained_in`]), each phrase also capitalized.
    contains_matcher: Option<aho_corasick::AhoCorasick>,
    /// The `contains` phrase of each pattern of the automaton.
    pattern_phrase: Vec<usize>,
}

impl Phrases {
    /// The shipped lists.
    pub(crate) fn shipped() -> &'static Phrases {
        static PHRASES: OnceLock<Phrases> = OnceLock::new();
        PHRASES.get_or_init(|| {
            let mut phrases = Phrases::default();
            for (_, text) in FILES {
                phrases.parse(text);
            }
            phrases.finish();
            phrases
        })
    }

    /// Builds the automaton for the `contains` phrases: each phrase, and
    /// each capitalized where that is another text to the automaton (a
    /// first letter beyond ASCII that has a capital: `Все права защищены`;
    /// ASCII letters match in either case anyway).
    fn finish(&mut self) {
        let mut patterns: Vec<String> = Vec::new();
        self.pattern_phrase.clear();
        for (index, phrase) in self.contains.iter().enumerate() {
            patterns.push(phrase.clone());
            self.pattern_phrase.push(index);
            let mut chars = phrase.chars();
            if let Some(first) = chars.next().filter(|c| !c.is_ascii()) {
                let capitalized: String = first.to_uppercase().chain(chars).collect();
                if capitalized != *phrase {
                    patterns.push(capitalized);
                    self.pattern_phrase.push(index);
                }
            }
        }
        // No `ascii_case_insensitive`: the text's ASCII letters are
        // lowercased instead, which matches the same and builds the
        // automaton in half the time (it is built at every start).
        self.contains_matcher = aho_corasick::AhoCorasick::builder()
            .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
            .build(&patterns)
            .ok();
    }

    /// Whether `normalized` (a line through [`normalize`]) heads a list of
    /// the article: a `[heading]` phrase, alone (a colon at its end is
    /// trimmed) or followed by a bracket (`Ingredients (serves 4)`,
    /// `材料（2人分）`); not one that goes on after a colon (`Method:
    /// PayPal`).
    pub(crate) fn is_heading(&self, normalized: &str) -> bool {
        if self.headings.contains(normalized) {
            return true;
        }
        let Some(at) = normalized.find(['(', '（']) else {
            return false;
        };
        self.headings.contains(normalized[..at].trim_end())
    }

    /// The first `contains` phrase in `text`, if any: its ASCII letters in
    /// either case, other letters as written or the first one capitalized.
    /// `lowered` is a buffer for the text with its ASCII letters lowercased.
    pub(crate) fn contained_in(&self, text: &str, lowered: &mut String) -> Option<&str> {
        let matcher = self.contains_matcher.as_ref()?;
        lowered.clear();
        lowered.push_str(text);
        lowered.make_ascii_lowercase();
        let found = matcher.find(lowered.as_str())?;
        let phrase = *self.pattern_phrase.get(found.pattern().as_usize())?;
        Some(&self.contains[phrase])
    }

    /// The shipped lists with a user's whole-line phrases added and removed.
    pub(crate) fn edited(add: &[String], remove: &[String]) -> Phrases {
        let mut phrases = Phrases::shipped().clone();
        for phrase in add {
            phrases.lines.insert(normalize(phrase));
        }
        for phrase in remove {
            let phrase = normalize(phrase);
            phrases.lines.remove(&phrase);
            phrases.contains.retain(|p| *p != phrase);
            phrases.prefixes.retain(|p| *p != phrase);
            phrases.edge_words.remove(&phrase);
            phrases.headings.remove(&phrase);
        }
        phrases.finish();
        phrases
    }

    fn parse(&mut self, text: &str) {
        let mut section = "";
        for line in text.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                section = name;
                continue;
            }
            let phrase = normalize(line);
            match section {
                "line" => {
                    self.lines.insert(phrase);
                }
                "contains" => self.contains.push(phrase),
                "prefix" => self.prefixes.push(phrase),
                "edge" => {
                    self.edge_words.insert(phrase);
                }
                "heading" => {
                    self.headings.insert(phrase);
                }
                other => panic!("phrase file: unknown section [{other}]"),
            }
        }
    }
}

/// A line as the phrase lists are written: lowercase, numbers as `{n}`,
/// runs of spaces as one, and punctuation, symbols and spaces at both ends
/// trimmed (`• Leave a review:` is `leave a review`).
pub(crate) fn normalize(line: &str) -> String {
    let mut out = String::new();
    normalize_into(line, &mut out);
    out
}

/// [`normalize`] into `out` (cleared first), so that a caller checking every
/// line reuses one buffer.
pub(crate) fn normalize_into(line: &str, out: &mut String) {
    out.clear();
    let kept = |c: char| table::is_alphanumeric(c) || matches!(c, '(' | ')' | '©' | '{' | '}');
    let trimmed = line.trim_matches(|c: char| !kept(c));
    // Lowercase is about as long; a number grows to `{n}`.
    out.reserve(trimmed.len() + 4);
    if trimmed.is_ascii() {
        // The common case, byte by byte.
        let mut in_number = false;
        let mut in_space = false;
        for b in trimmed.bytes() {
            if b.is_ascii_digit() {
                if !in_number {
                    out.push_str("{n}");
                }
                in_number = true;
                continue;
            }
            in_number = false;
            if b.is_ascii_whitespace() {
                if !in_space {
                    out.push(' ');
                }
                in_space = true;
                continue;
            }
            in_space = false;
            out.push(char::from(b.to_ascii_lowercase()));
        }
        return;
    }
    let mut in_number = false;
    let mut in_space = false;
    for c in trimmed.chars() {
        if table::is_numeric(c) {
            if !in_number {
                out.push_str("{n}");
            }
            in_number = true;
            continue;
        }
        in_number = false;
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
            continue;
        }
        in_space = false;
        table::push_lowercase(c, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_lowercases_trims_and_abstracts_numbers() {
        assert_eq!(normalize("  1 comment "), "{n} comment");
        assert_eq!(normalize("• Leave a review:"), "leave a review");
        assert_eq!(normalize("Comments (12)"), "comments ({n})");
        assert_eq!(normalize("© 2024"), "© {n}");
        assert_eq!(normalize("{n} comments"), "{n} comments");
    }

    #[test]
    fn shipped_lists_have_every_section_for_every_language() {
        let phrases = Phrases::shipped();
        assert!(phrases.lines.contains("leave a review"));
        assert!(phrases.lines.contains("تابعونا على مواقع التواصل الاجتماعي"));
        assert!(phrases.lines.contains("{n} комментариев"));
        assert!(phrases.prefixes.iter().any(|p| p == "читайте также"));
        assert!(phrases.edge_words.contains("news"));
        assert!(phrases.headings.contains("ingredients"));
        assert!(phrases.headings.contains("المكونات"));
    }

    #[test]
    fn a_heading_is_never_residue_itself() {
        // A heading that a rule removed, or made only of navigation words,
        // would announce nothing: the lists must not overlap.
        let phrases = Phrases::shipped();
        let mut wrong = Vec::new();
        for heading in &phrases.headings {
            if phrases.lines.contains(heading) {
                wrong.push(format!("{heading} is a [line] phrase"));
            }
            if phrases.contained_in(heading, &mut String::new()).is_some() {
                wrong.push(format!("{heading} contains a [contains] phrase"));
            }
            if heading.split(' ').all(|w| phrases.edge_words.contains(w)) {
                wrong.push(format!("{heading} is made of [edge] words"));
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn headings_match_alone_or_with_a_bracket() {
        let phrases = Phrases::shipped();
        for line in [
            "Ingredients",
            "INGREDIENTS:",
            "Ingredients (serves 4)",
            "材料（2人分）",
            "Zutaten für 4 Personen:",
        ] {
            let normalized = normalize(line);
            let expected = !line.starts_with("Zutaten für");
            assert_eq!(phrases.is_heading(&normalized), expected, "{line}");
        }
        assert!(!phrases.is_heading(&normalize("Ingredients of a good story")));
        assert!(!phrases.is_heading(&normalize("Ingredients: flour, sugar")));
        assert!(!phrases.is_heading(&normalize("Key points: 12")));
    }

    #[test]
    fn contained_phrases_match_in_any_ascii_case_and_capitalized() {
        let phrases = Phrases::shipped();
        for (line, phrase) in [
            ("This site: We use cookies to improve it", "we use cookies"),
            ("WE USE COOKIES.", "we use cookies"),
            // ASCII letters in any case around and inside letters beyond
            // ASCII, which stay as written.
            (
                "© ÉDITIONS DU SEUIL. TOUS DROITS RéSERVéS",
                "tous droits réservés",
            ),
            ("Ñandú S.A. — All Rights RESERVED", "all rights reserved"),
            ("© 2024 Все права защищены", "все права защищены"),
            ("Все права защищены.", "все права защищены"),
            ("جميع الحقوق محفوظة 2024", "جميع الحقوق محفوظة"),
            ("2024 版权所有", "版权所有"),
        ] {
            assert_eq!(
                phrases.contained_in(line, &mut String::new()),
                Some(phrase),
                "{line}"
            );
        }
        // Beyond ASCII, only the phrase and it capitalized.
        assert_eq!(
            phrases.contained_in("ВСЕ ПРАВА ЗАЩИЩЕНЫ", &mut String::new()),
            None
        );
        assert_eq!(
            phrases.contained_in("We use our own words", &mut String::new()),
            None
        );
        assert_eq!(
            phrases.contained_in("TOUS DROITS RÉSERVÉS", &mut String::new()),
            None
        );
    }

    #[test]
    fn user_edits_add_and_remove_whole_line_phrases() {
        let phrases = Phrases::edited(&["Sponsored by ACME".into()], &["Details".into()]);
        assert!(phrases.lines.contains("sponsored by acme"));
        assert!(!phrases.lines.contains("details"));
    }
}
