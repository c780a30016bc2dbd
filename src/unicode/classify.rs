//! The generator of the character table (`table_data.rs`): what every
//! character is to the pipeline, defined once, here.
//!
//! This module is compiled only into the tests. `table_data_is_current`
//! generates the table from the definitions below and the Unicode data of
//! the `unicode-normalization`, `unicode-script` and `unicode-security`
//! crates, and fails when the committed `table_data.rs` differs. Regenerate
//! after changing a definition or upgrading those crates:
//!
//! ```sh
//! RINSE_WRITE_TABLES=1 cargo test --lib unicode::classify
//! ```

use std::collections::HashMap;
use std::fmt::Write;

use unicode_normalization::char::{canonical_combining_class, is_combining_mark};
use unicode_normalization::{is_nfc_quick, is_nfkc_quick, IsNormalized, UnicodeNormalization};
use unicode_script::{Script, UnicodeScript};

use super::class::*;
use super::{codepage, exemplars_data, sets};

/// Scripts with fixed ids (0 is "not a letter of a script"), so that code
/// can name them; the other scripts follow in code point order.
const FIXED_SCRIPTS: &[Script] = &[
    Script::Common,
    Script::Latin,
    Script::Greek,
    Script::Cyrillic,
    Script::Arabic,
    Script::Han,
    Script::Hiragana,
    Script::Katakana,
    Script::Hangul,
    Script::Bopomofo,
];

/// Scripts that one language writes together count as one family (Japanese
/// mixes Han and kana; Korean writes Hanja among Hangul).
fn family(script: Script) -> Script {
    match script {
        Script::Hiragana | Script::Katakana | Script::Hangul | Script::Bopomofo => Script::Han,
        script => script,
    }
}

/// The script of `c` when it is a letter of a particular script.
fn letter_script(c: char) -> Option<Script> {
    if !c.is_alphabetic() {
        return None;
    }
    match c.script() {
        Script::Common | Script::Inherited | Script::Unknown => None,
        script => Some(script),
    }
}

/// Whether `c` is inert under a normalization form: it passes the quick
/// check on its own and has combining class 0, so no neighbour changes it.
fn inert(c: char, quick: fn(std::iter::Once<char>) -> IsNormalized) -> bool {
    quick(std::iter::once(c)) == IsNormalized::Yes && canonical_combining_class(c) == 0
}

/// Symbols that real text rarely glues to a letter but that continuation
/// bytes decode to (the low quotes `‚ „` are not here: German, Czech and
/// Polish open quotations with them): most of Latin-1's U+00A1–U+00BF (not the no-break space,
/// which separates words in correct text of every script), the windows-1252
/// specials, the spacing accents of windows-1250 (`ˇ ˘ ˙ ˛ ˝`), the numero
/// sign of windows-1251, MacRoman's mathematical symbols (`√ ∫ ≈ ∆`), and
/// the rare signs at the start of the Arabic block (roots, per mille, the
/// Afghani sign, the date separator, the poetic verse sign and misra:
/// `؆`–`؋`, `؍`–`؏`), which UTF-8 Arabic read through the wrong one of two
/// sibling pages turns letters into (`ال؎عو؏` for `الخروج`).
/// Guillemets, quotes and dashes are not here: they touch letters in
/// correct text; nor the Arabic comma, semicolon and question mark.
fn is_odd_symbol(c: char) -> bool {
    matches!(c,
        '\u{A1}'..='\u{AA}' | '\u{AC}'..='\u{BA}' | '\u{BC}'..='\u{BF}'
        | '\u{D7}' | '\u{F7}' | '\u{192}' | '\u{2C6}' | '\u{2C7}' | '\u{2D8}'..='\u{2DD}'
        | '\u{2020}' | '\u{2021}' | '\u{2022}' | '\u{2026}' | '\u{2030}'
        | '\u{2039}' | '\u{203A}' | '\u{20AC}' | '\u{2116}' | '\u{2122}'
        // MacRoman's mathematical symbols
        | '\u{2202}' | '\u{2206}' | '\u{220F}' | '\u{2211}' | '\u{221A}' | '\u{221E}'
        | '\u{222B}' | '\u{2248}' | '\u{2260}' | '\u{2264}' | '\u{2265}' | '\u{25CA}'
        | '\u{2044}'
        // the box drawing, blocks and shades of the DOS and KOI8 pages, and
        // their mathematical symbols
        | '\u{2500}'..='\u{25A0}' | '\u{2310}' | '\u{2320}' | '\u{2321}'
        | '\u{2219}' | '\u{2229}' | '\u{2261}' | '\u{207F}' | '\u{20A7}'
        // the rare signs of the Arabic block
        | '\u{606}'..='\u{60B}' | '\u{60D}'..='\u{60F}'
    )
}

/// Scripts whose text puts quotation marks and brackets directly between
/// letters: written without spaces between words (Han, kana, Thai, Lao,
/// Khmer, Myanmar, Tibetan, Yi), or gluing particles to a closing quote
/// (Hangul).
fn is_spaceless(script: Script) -> bool {
    matches!(
        script,
        Script::Han
            | Script::Hiragana
            | Script::Katakana
            | Script::Hangul
            | Script::Bopomofo
            | Script::Thai
            | Script::Lao
            | Script::Khmer
            | Script::Myanmar
            | Script::Tibetan
            | Script::Yi
    )
}

/// Whether `cp` is in one of the sorted inclusive `ranges`.
fn in_sorted(ranges: &[(u32, u32)], cp: u32) -> bool {
    let at = ranges.partition_point(|&(_, last)| last < cp);
    ranges.get(at).is_some_and(|&(first, _)| first <= cp)
}

/// Whether no language writes `c` in running text: a letter or mark in no
/// exemplar set of CLDR, or an unassigned code point.
fn is_rare(c: char) -> bool {
    let cp = c as u32;
    if c.is_ascii()
        || in_sorted(&exemplars_data::COMMON, cp)
        || in_sorted(&exemplars_data::BORROWED, cp)
    {
        return false;
    }
    let unassigned = c.script() == Script::Unknown
        && !matches!(cp, 0xE000..=0xF8FF | 0xF0000..=0xFFFFD | 0x100000..=0x10FFFD);
    unassigned
        || ((c.is_alphabetic() || canonical_combining_class(c) != 0) && !is_unified_ideograph(c))
}

/// Whether `c` is a sign of one script that no language lists among the
/// characters it writes ([`SCRIPT_SIGN`]): not alphabetic, white space, a
/// control or a mark with a combining class (marks of class 0 count: the
/// table's [`MARK`] bit tells them apart); of a script other than Common
/// and Inherited; in no exemplar set of CLDR.
fn is_script_sign(c: char) -> bool {
    let cp = c as u32;
    !c.is_ascii()
        && !c.is_alphabetic()
        && !c.is_whitespace()
        && !c.is_control()
        && canonical_combining_class(c) == 0
        && !matches!(
            c.script(),
            Script::Common | Script::Inherited | Script::Unknown
        )
        && !in_sorted(&exemplars_data::COMMON, cp)
        && !in_sorted(&exemplars_data::BORROWED, cp)
}

/// Whether `c` is one of the ideographs of the CJK Unified Ideographs block
/// (U+4E00–U+9FFF): the exemplars list only the most common few thousand,
/// so the others count as borrowed, not rare (the extensions are rare).
fn is_unified_ideograph(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// Continuation characters that correct text puts right after letters, so
/// they are no evidence of mojibake there (see [`MOJIBAKE_STRONG_CONT`]).
fn follows_letters(c: char) -> bool {
    matches!(
        c,
        '\u{60C}'
            | '\u{61B}'
            | '\u{61F}'
            | 'ё'
            | 'Ё'
            | '«'
            | '»'
            | '\u{2013}'
            | '\u{2014}'
            | '\u{2019}'
            | '\u{201C}'
            | '\u{201D}'
            | '\u{2026}'
    ) || super::scan::own_continuation_script(c) != 0
}

/// Scripts that form conjuncts or join letters with ZWJ and ZWNJ.
fn uses_joiners(script: Script) -> bool {
    matches!(
        script,
        Script::Arabic
            | Script::Syriac
            | Script::Nko
            | Script::Mongolian
            | Script::Devanagari
            | Script::Bengali
            | Script::Gurmukhi
            | Script::Gujarati
            | Script::Oriya
            | Script::Tamil
            | Script::Telugu
            | Script::Kannada
            | Script::Malayalam
            | Script::Sinhala
            | Script::Khmer
            | Script::Myanmar
    )
}

/// The class bits of one character (without its script).
fn class_bits(c: char, lookalikes: &HashMap<char, char>) -> Entry {
    let cp = c as u32;
    let mut bits = 0;
    let mut set = |yes: bool, bit: Entry| {
        if yes {
            bits |= bit;
        }
    };
    set(sets::is_control(c), CONTROL);
    set(sets::is_invisible(c), INVISIBLE);
    set((0xFB00..=0xFB06).contains(&cp), LIGATURE);
    set((0xFF01..=0xFF5E).contains(&cp), FULLWIDTH);
    set(
        matches!(cp, 0xFB50..=0xFDFF | 0xFE70..=0xFEFE) && !inert(c, is_nfkc_quick),
        PRESENTATION_FORM,
    );
    set(cp == 0x0640, TATWEEL);
    set(
        matches!(cp, 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06DC | 0x06DF..=0x06E4 | 0x06E7 | 0x06E8 | 0x06EA..=0x06ED),
        ARABIC_DIACRITIC,
    );
    set(
        matches!(cp, 0x0660..=0x0669 | 0x06F0..=0x06F9),
        ARABIC_DIGIT,
    );
    set(
        matches!(cp, 0x2018..=0x201F | 0x2010..=0x2015 | 0x2026 | 0x2212 | 0x2032 | 0x2033),
        TYPOGRAPHIC,
    );
    set(!inert(c, is_nfc_quick), NOT_NFC_INERT);
    set(!inert(c, is_nfkc_quick), NOT_NFKC_INERT);
    set(sets::is_unicode_space(c), UNICODE_SPACE);
    set(lookalikes.contains_key(&c), LOOKALIKE);
    set(c.is_alphabetic(), ALPHABETIC);
    set(c.is_numeric(), NUMERIC);
    set(c.to_lowercase().ne([c]), LOWERS);
    set(c.is_uppercase(), UPPERCASE);
    set(c.is_lowercase(), LOWERCASE);
    set(canonical_combining_class(c) != 0, COMBINING);
    set(is_odd_symbol(c), ODD_SYMBOL);
    let (mut lead, mut cont) = (false, false);
    for page in codepage::repaired() {
        if let Some(byte) = page.byte(c) {
            lead |= (0xC2..=0xF4).contains(&byte);
            cont |= (0x80..=0xBF).contains(&byte);
        }
    }
    set(is_rare(c), RARE);
    set(is_script_sign(c), SCRIPT_SIGN);
    set(is_combining_mark(c), MARK);
    set(c.is_alphabetic() && is_spaceless(c.script()), SPACELESS);
    set(
        !c.is_ascii()
            && !in_sorted(&exemplars_data::COMMON, cp)
            && (in_sorted(&exemplars_data::BORROWED, cp) || is_unified_ideograph(c)),
        BORROWED,
    );
    for (i, page) in codepage::repaired().iter().enumerate() {
        set(page.byte(c).is_some(), 1 << (PAGE_SHIFT as usize + i));
    }
    set(lead, MOJIBAKE_LEAD);
    set(cont, MOJIBAKE_CONT);
    set(cont && !follows_letters(c), MOJIBAKE_STRONG_CONT);
    let letter_or_mark = c.is_alphabetic() || canonical_combining_class(c) != 0;
    set(letter_or_mark && uses_joiners(c.script()), JOINING_SCRIPT);
    set(
        matches!(cp, 0xE000..=0xF8FF | 0xF0000..=0xFFFFD | 0x100000..=0x10FFFD),
        PRIVATE_USE,
    );
    bits
}

/// Cyrillic and Greek letters that look like an ASCII letter of the same
/// case, from the Unicode confusables data (UTS #39): the letter and the
/// ASCII letter share their confusable skeleton (`і` U+0456 and `i`).
fn lookalikes() -> Vec<(char, char)> {
    let skeleton = |c: char| -> String {
        let mut buf = [0; 4];
        unicode_security::skeleton(c.encode_utf8(&mut buf)).collect()
    };
    let latin: Vec<(char, String)> = ('A'..='Z')
        .chain('a'..='z')
        .map(|l| (l, skeleton(l)))
        .collect();
    let mut pairs = Vec::new();
    for cp in 0x0370..=0x052F {
        let Some(c) = char::from_u32(cp) else {
            continue;
        };
        if !c.is_alphabetic() || !matches!(c.script(), Script::Cyrillic | Script::Greek) {
            continue;
        }
        let shape = skeleton(c);
        let same = latin
            .iter()
            .find(|(l, s)| *s == shape && l.is_uppercase() == c.is_uppercase());
        if let Some(&(l, _)) = same {
            pairs.push((c, l));
        }
    }
    pairs
}

/// Every character (ligature or Arabic presentation form) that a step
/// replaces with its NFKC expansion, with that expansion.
fn compat_expansions(entries: &HashMap<u32, Entry>) -> Vec<(char, String)> {
    let mut out: Vec<(char, String)> = entries
        .iter()
        .filter(|(_, &bits)| bits & (LIGATURE | PRESENTATION_FORM) != 0)
        .map(|(&cp, _)| {
            let c = char::from_u32(cp).expect("entries are characters");
            (c, c.nfkc().collect())
        })
        .collect();
    out.sort();
    out
}

/// How many code points one block of the two-level table covers.
const BLOCK_SHIFT: u32 = 6;
const BLOCK: usize = 1 << BLOCK_SHIFT;
/// Code points below this are looked up in one flat array (every script
/// written in two-byte UTF-8).
const LOW: u32 = 0x800;

/// The generated `table_data.rs`.
pub(super) fn generate() -> String {
    let lookalike_pairs = lookalikes();
    let lookalike_map: HashMap<char, char> = lookalike_pairs.iter().copied().collect();
    let mut scripts: Vec<Script> = FIXED_SCRIPTS.to_vec();
    let mut entries: HashMap<u32, Entry> = HashMap::new();
    let mut all = vec![0 as Entry; 0x11_0000];
    for (cp, slot) in all.iter_mut().enumerate() {
        let Some(c) = char::from_u32(cp as u32) else {
            continue;
        };
        let mut entry = class_bits(c, &lookalike_map);
        if let Some(script) = letter_script(c) {
            let id = match scripts.iter().position(|&s| s == script) {
                Some(id) => id,
                None => {
                    scripts.push(script);
                    scripts.len() - 1
                }
            };
            assert!(id < 256, "more scripts than ids");
            entry |= (id as Entry) << SCRIPT_SHIFT;
        }
        *slot = entry;
        if entry & (LIGATURE | PRESENTATION_FORM) != 0 {
            entries.insert(cp as u32, entry);
        }
    }

    // Distinct entries, and blocks of indices into them.
    let mut values: Vec<Entry> = Vec::new();
    let mut value_index: HashMap<Entry, u16> = HashMap::new();
    let mut blocks: Vec<[u16; BLOCK]> = Vec::new();
    let mut block_index: HashMap<[u16; BLOCK], u16> = HashMap::new();
    let mut stage1: Vec<u16> = Vec::new();
    for chunk in all.chunks(BLOCK) {
        let mut block = [0u16; BLOCK];
        for (slot, &entry) in block.iter_mut().zip(chunk) {
            *slot = *value_index.entry(entry).or_insert_with(|| {
                values.push(entry);
                u16::try_from(values.len() - 1).expect("fewer than 65536 distinct entries")
            });
        }
        let id = *block_index.entry(block).or_insert_with(|| {
            blocks.push(block);
            u16::try_from(blocks.len() - 1).expect("fewer than 65536 distinct blocks")
        });
        stage1.push(id);
    }

    let mut out = String::new();
    out.push_str(
        "// @generated by src/unicode/classify.rs; do not edit.\n\
         // Regenerate: RINSE_WRITE_TABLES=1 cargo test --lib unicode::classify\n\n",
    );
    let _ = writeln!(
        out,
        "/// Code points below this are in [`LOW_ENTRIES`].\npub(super) const LOW: u32 = {LOW:#x};\n"
    );
    let _ = writeln!(
        out,
        "/// How many code points a block of [`BLOCKS`] covers, as a shift.\npub(super) const BLOCK_SHIFT: u32 = {BLOCK_SHIFT};\n"
    );
    write_array(
        &mut out,
        "The entries of the code points below [`LOW`], directly.",
        "LOW_ENTRIES",
        "u64",
        all[..LOW as usize].iter().map(|e| format!("{e:#x}")),
        4,
    );
    write_array(
        &mut out,
        "Every distinct entry.",
        "VALUES",
        "u64",
        values.iter().map(|e| format!("{e:#x}")),
        4,
    );
    write_array(
        &mut out,
        "The block of each run of code points.",
        "INDEX",
        "u16",
        stage1.iter().map(u16::to_string),
        16,
    );
    write_array(
        &mut out,
        "The blocks: indices into [`VALUES`].",
        "BLOCKS",
        "u16",
        blocks.iter().flatten().map(u16::to_string),
        16,
    );
    write_array(
        &mut out,
        "The name of each script id (id 0: not a letter of a script).",
        "SCRIPT_NAMES",
        "&str",
        scripts.iter().enumerate().map(|(id, s)| {
            if id == 0 {
                "\"\"".to_owned()
            } else {
                format!("{:?}", s.full_name())
            }
        }),
        4,
    );
    write_array(
        &mut out,
        "The family of each script id (Hiragana, Katakana, Hangul and Bopomofo are Han's).",
        "SCRIPT_FAMILIES",
        "u8",
        scripts.iter().map(|&s| {
            let family = family(s);
            scripts
                .iter()
                .position(|&t| t == family)
                .expect("families are scripts")
                .to_string()
        }),
        16,
    );
    write_array(
        &mut out,
        "Cyrillic and Greek letters that look like an ASCII letter of the same case, sorted.",
        "LOOKALIKES",
        "(char, char)",
        lookalike_pairs
            .iter()
            .map(|(from, to)| format!("('\\u{{{:x}}}', {to:?})", *from as u32)),
        4,
    );
    write_array(
        &mut out,
        "Ligatures and Arabic presentation forms with their NFKC expansion, sorted.",
        "COMPAT_EXPANSIONS",
        "(char, &str)",
        compat_expansions(&entries).iter().map(|(c, to)| {
            let to: String = to
                .chars()
                .map(|c| format!("\\u{{{:x}}}", c as u32))
                .collect();
            format!("('\\u{{{:x}}}', \"{to}\")", *c as u32)
        }),
        2,
    );
    out
}

/// Writes `static NAME: [TYPE; N] = [...]` with `per_line` items a line.
fn write_array(
    out: &mut String,
    doc: &str,
    name: &str,
    ty: &str,
    items: impl Iterator<Item = String>,
    per_line: usize,
) {
    let items: Vec<String> = items.collect();
    let _ = writeln!(out, "/// {doc}");
    let _ = writeln!(
        out,
        "#[rustfmt::skip]\npub(super) static {name}: [{ty}; {}] = [",
        items.len()
    );
    for line in items.chunks(per_line) {
        let _ = writeln!(out, "    {},", line.join(", "));
    }
    out.push_str("];\n\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_data_is_current() {
        let generated = generate();
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/unicode/table_data.rs");
        if std::env::var_os("RINSE_WRITE_TABLES").is_some() {
            std::fs::write(path, &generated).unwrap();
        }
        let committed = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            committed == generated,
            "src/unicode/table_data.rs is out of date: run \
             RINSE_WRITE_TABLES=1 cargo test --lib unicode::classify"
        );
    }

    #[test]
    fn fixed_script_ids_match_the_table() {
        use super::super::table::{script, script_name};
        for (id, name) in [
            (script::LATIN, "Latin"),
            (script::GREEK, "Greek"),
            (script::CYRILLIC, "Cyrillic"),
            (script::ARABIC, "Arabic"),
            (script::HAN, "Han"),
        ] {
            assert_eq!(script_name(id), name);
        }
    }
}
