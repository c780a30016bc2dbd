//! `foreign-lines`: a headline in another language than the article,
//! before its first or after its last paragraph (a teaser in Azerbaijani
//! under an English article), when language identification is sure. A
//! sentence ending in a full stop is kept: it is more often a translation or
//! a quotation. Identification (whatlang, about 0.1 ms a line) runs only on
//! lines that give a reason to suspect them.

use std::collections::HashMap;

use super::stopwords::{FnvBuild, Lang};
use super::text::{ends_sentence, is_paragraph, words_up_to};
use super::Live;
use crate::unicode::boundary::floor_char_boundary;
use crate::unicode::class::{ALPHABETIC, SPACELESS};
use crate::unicode::table::{self, script, script_id};

/// Language identification, the document's language found lazily once per
/// round and each line's identified once per document (by entry).
#[derive(Default)]
pub(crate) struct Languages {
    document: Option<Option<whatlang::Lang>>,
    /// The paragraphs (entries) the document's language was last
    /// identified from, and what it was: a round whose longest paragraphs
    /// are the same reuses it.
    sampled: Option<(Vec<usize>, Option<whatlang::Lang>)>,
    lines: HashMap<usize, Option<(whatlang::Lang, bool, f64)>, FnvBuild>,
}

/// How sure the identifier must be that a line is in another language.
const FOREIGN_CONFIDENCE: f64 = 0.8;
/// How many bytes of the document's longest paragraphs its language is
/// identified from (identification costs time in proportion).
const LANGUAGE_SAMPLE: usize = 300;
/// How many letters a line needs before its language is judged at all.
const FOREIGN_MIN_LETTERS: usize = 20;

/// The languages a line or document is identified among: the common
/// languages of the web. Restricting the candidates keeps rare languages from
/// winning on short text, and halves the time identification takes.
fn detector() -> &'static whatlang::Detector {
    use whatlang::Lang::*;
    static DETECTOR: std::sync::OnceLock<whatlang::Detector> = std::sync::OnceLock::new();
    DETECTOR.get_or_init(|| {
        whatlang::Detector::with_allowlist(vec![
            Eng, Fra, Deu, Spa, Por, Ita, Nld, Tur, Aze, Pol, Ces, Hun, Ron, Swe, Dan, Fin, Rus,
            Ukr, Bul, Ara, Pes, Urd, Heb, Ell, Hin, Cmn, Jpn, Kor, Tha, Vie, Ind,
        ])
    })
}

impl Languages {
    /// Forgets the document's language: lines were removed since. `own` is
    /// the language the page's stop words say, when that is sure enough to
    /// stand for whatlang's identification of the document (a Latin-script
    /// language with a list, or Japanese): whatlang then identifies only the
    /// suspect lines.
    pub(crate) fn next_round(&mut self, own: Lang) {
        use whatlang::Lang as W;
        self.document = match own {
            Lang::En => Some(Some(W::Eng)),
            Lang::De => Some(Some(W::Deu)),
            Lang::Fr => Some(Some(W::Fra)),
            Lang::Es => Some(Some(W::Spa)),
            Lang::It => Some(Some(W::Ita)),
            Lang::Pt => Some(Some(W::Por)),
            Lang::Ja => Some(Some(W::Jpn)),
            // Cyrillic, Arabic and Han letters serve several languages.
            _ => None,
        };
    }

    /// The language of the document, from its longest paragraphs among the
    /// lines `kept` says stay.
    fn document(
        &mut self,
        live: &Live<'_, '_>,
        kept: &dyn Fn(usize) -> bool,
    ) -> Option<whatlang::Lang> {
        if let Some(lang) = self.document {
            return lang;
        }
        let paragraphs = longest_paragraphs(live, kept);
        let entries: Vec<usize> = paragraphs.iter().map(|&k| live.entry(k)).collect();
        if let Some((sampled, lang)) = &self.sampled {
            if *sampled == entries {
                self.document = Some(*lang);
                return *lang;
            }
        }
        let mut sample = String::new();
        for &k in &paragraphs {
            sample.push_str(live.text(k));
            sample.push('\n');
            if sample.len() >= LANGUAGE_SAMPLE {
                break;
            }
        }
        sample.truncate(floor_char_boundary(&sample, LANGUAGE_SAMPLE));
        let lang = detector().detect(&sample).map(|info| info.lang());
        self.document = Some(lang);
        self.sampled = Some((entries, lang));
        lang
    }

    /// Why line `k` is in another language than the document, if the
    /// evidence is strong: the line reads as a headline (no sentence
    /// punctuation at the end), is written in another script than the
    /// document or uses letters found nowhere else in it (`ə ı ğ` under an
    /// English article), and the identifier is sure of a different language.
    pub(crate) fn foreign(
        &mut self,
        live: &Live<'_, '_>,
        kept: &dyn Fn(usize) -> bool,
        k: usize,
    ) -> Option<String> {
        let text = live.text(k);
        if ends_sentence(text) || words_up_to(text, 25) > 25 {
            return None;
        }
        let letters = text.chars().filter(|&c| table::is_alphabetic(c)).count();
        if letters < FOREIGN_MIN_LETTERS || !suspect(live, kept, k) {
            return None;
        }
        let (lang, reliable, confidence) = *self
            .lines
            .entry(live.entry(k))
            .or_insert_with(|| {
                detector().detect(text).map(|info| {
                    let reliable = info.is_reliable()
                        && (info.script() != whatlang::Script::Latin || mostly_latin_letters(text));
                    (info.lang(), reliable, info.confidence())
                })
            })
            .as_ref()?;
        if !reliable || confidence < FOREIGN_CONFIDENCE {
            return None;
        }
        let document = self.document(live, kept)?;
        (lang != document).then(|| {
            format!(
                "a line in {} in a text in {}, outside the article body",
                lang.eng_name(),
                document.eng_name()
            )
        })
    }
}

/// Whether most of `text`'s letters are Latin, a Han, kana, Hangul or Thai
/// letter counting twice: it carries a syllable or a word, as two Latin
/// letters or more do. The identifier counts kana and Han
/// apart, and finds a Latin language in a Japanese line that begins with
/// a command's name (`modprobe - Linux カーネルに対してモジュールの着脱を行う`,
/// French to whatlang).
fn mostly_latin_letters(text: &str) -> bool {
    let (mut latin, mut other) = (0usize, 0usize);
    for c in text.chars() {
        if c.is_ascii() {
            latin += usize::from(c.is_ascii_alphabetic());
            continue;
        }
        let entry = table::entry(c);
        if entry & ALPHABETIC == 0 {
            continue;
        }
        if script_id(entry) == script::LATIN {
            latin += 1;
        } else {
            other += if entry & SPACELESS != 0 { 2 } else { 1 };
        }
    }
    latin > other
}

/// Whether line `k` gives a reason to identify its language: letters no
/// other kept line uses, or mostly Latin letters in a document whose other
/// paragraphs are not. Lines already removed do not count, so that the
/// decision is the same when the output is cleaned again.
fn suspect(live: &Live<'_, '_>, kept: &dyn Fn(usize) -> bool, k: usize) -> bool {
    let text = live.text(k);
    let others = || {
        (0..live.len())
            .filter(move |&j| j != k && kept(j))
            .map(|j| live.text(j))
    };
    let mut unusual: Vec<char> = text
        .chars()
        .filter(|&c| table::is_alphabetic(c) && !c.is_ascii())
        .collect();
    unusual.sort_unstable();
    unusual.dedup();
    if unusual
        .iter()
        .any(|&c| !others().any(|other| other.contains(c)))
    {
        return true;
    }
    let mostly_latin = |text: &str| {
        let latin = text.chars().filter(|c| c.is_ascii_alphabetic()).count();
        latin * 2 > text.chars().filter(|&c| table::is_alphabetic(c)).count()
    };
    // A Latin line in a document whose other paragraphs are not Latin (an
    // English teaser under an Arabic article).
    mostly_latin(text) && !others().any(|other| is_paragraph(other) && mostly_latin(other))
}

/// The (up to) three longest paragraphs among the lines `kept` says stay,
/// longest first, the earlier of two of one length first. One pass in line
/// order: sorting all paragraphs by length would read the lines in random
/// order, a cache miss each on a document of a million lines.
fn longest_paragraphs(live: &Live<'_, '_>, kept: &dyn Fn(usize) -> bool) -> Vec<usize> {
    let mut top: Vec<(usize, usize)> = Vec::with_capacity(4);
    for k in 0..live.len() {
        if !kept(k) {
            continue;
        }
        let text = live.text(k);
        if top.len() == 3 && text.len() <= top[2].0 || !is_paragraph(text) {
            continue;
        }
        let at = top.partition_point(|&(len, _)| len >= text.len());
        top.insert(at, (text.len(), k));
        top.truncate(3);
    }
    top.into_iter().map(|(_, k)| k).collect()
}
