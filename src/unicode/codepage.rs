//! Single-byte code pages, both ways: the character each byte 0x80–0xFF
//! decodes to, and which byte of a page a character came from.
//!
//! The tables ([`Table`], in `codepage_data.rs`) are generated from Python's
//! codecs by `scripts/tables/codepages.py` and committed; the tests below
//! check them against encoding_rs for every page it also has, against known
//! characters for the DOS pages it lacks (cp437, cp850, cp852, cp855,
//! cp866), and against their own invariants. They hold 29 pages: the
//! windows-125x family, ISO-8859-1/2/4/5/6/7/8/9/13/15/16, KOI8-R/U,
//! MacRoman, KZ-1048 and the DOS pages, so that decoding (the loader reads
//! IBM437/850/852/855 and KZ-1048 with them) and repair share one source.
//!
//! Mojibake is UTF-8 that was decoded through a single-byte code page, so
//! undoing it starts by turning each character back into the byte it was
//! decoded from: a [`CodePage`] is a table read backwards. [`repaired`]
//! lists the pages the `mojibake` step undoes, in the order it tries them;
//! the character table records, for every character, whether one of them
//! has it at a UTF-8 lead or continuation byte.

use std::sync::OnceLock;

use super::codepage_data::TABLES;

/// The bytes 0x80–0xFF of one single-byte code page (bytes below 0x80 are
/// ASCII in every page here).
#[derive(Debug)]
pub struct Table {
    pub(super) name: &'static str,
    /// The character of each byte 0x80–0xFF as a code point; 0 where the
    /// page does not define the byte.
    pub(super) high: [u16; 128],
}

impl Table {
    /// The page's name, as encoding labels write it (`windows-1252`,
    /// `cp437`, `koi8-r`, `macintosh`).
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The character `byte` decodes to; `None` for a byte the page does not
    /// define.
    #[inline]
    pub fn decode(&self, byte: u8) -> Option<char> {
        if byte < 0x80 {
            return Some(char::from(byte));
        }
        match self.high[usize::from(byte - 0x80)] {
            0 => None,
            cp => char::from_u32(u32::from(cp)),
        }
    }
}

// A page is known by its name: the tables have one of each.
impl PartialEq for Table {
    fn eq(&self, other: &Table) -> bool {
        self.name == other.name
    }
}

impl Eq for Table {}

impl std::hash::Hash for Table {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.name.hash(state);
    }
}

/// Every single-byte code page of the tables, sorted by name.
#[allow(dead_code)] // for the tests
pub fn tables() -> &'static [Table] {
    &TABLES
}

/// The code page called `name` (its name exactly as [`Table::name`] gives
/// it), if the tables have it.
pub fn table(name: &str) -> Option<&'static Table> {
    TABLES
        .binary_search_by(|table| table.name.cmp(name))
        .ok()
        .map(|at| &TABLES[at])
}

/// Characters below this have their byte in a direct array.
const DIRECT: usize = 0x2600;

/// How a page treats C1 controls (U+0080–U+009F) when read backwards.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum C1 {
    /// Only where the page itself has them (the ISO-8859 pages).
    AsDefined,
    /// Also at each byte 0x80–0x9F the page leaves undefined, as browsers
    /// decode windows-125x (the "sloppy" decoders).
    Undefined,
    /// At every byte 0x80–0x9F besides the page's own characters:
    /// windows-1252 together with ISO-8859-1, which differ only there.
    All,
}

/// A code page read backwards: which byte 0x80–0xFF a character came from.
pub(crate) struct CodePage {
    table: &'static Table,
    c1: C1,
    /// The byte of each character below [`DIRECT`] (0: none): Latin, Greek,
    /// Cyrillic, Arabic, punctuation, box drawing, found without a search.
    direct: Box<[u8]>,
    /// Every character with its byte, sorted, for the rest (MacRoman's
    /// ligatures and Apple logo).
    to_byte: Vec<(char, u8)>,
}

impl CodePage {
    /// `table` read backwards, with C1 controls as `c1` says.
    pub(crate) fn new(table: &'static Table, c1: C1) -> CodePage {
        let mut to_byte = Vec::with_capacity(160);
        for byte in 0x80..=0xFFu8 {
            if let Some(c) = table.decode(byte) {
                to_byte.push((c, byte));
            }
            let c1_here = match c1 {
                C1::AsDefined => false,
                C1::Undefined => table.decode(byte).is_none(),
                C1::All => true,
            };
            if c1_here && byte < 0xA0 {
                to_byte.push((char::from(byte), byte));
            }
        }
        to_byte.sort_unstable();
        to_byte.dedup_by_key(|&mut (c, _)| c);
        let mut direct = vec![0u8; DIRECT].into_boxed_slice();
        for &(c, byte) in &to_byte {
            if let Some(slot) = direct.get_mut(c as usize) {
                *slot = byte;
            }
        }
        CodePage {
            table,
            c1,
            direct,
            to_byte,
        }
    }

    /// The page's name.
    pub(crate) fn name(&self) -> &'static str {
        self.table.name
    }

    /// How the page reads C1 controls backwards.
    #[allow(dead_code)]
    pub(crate) fn c1(&self) -> C1 {
        self.c1
    }

    /// The byte 0x80–0xFF that decodes to `c` in this page, if one does.
    #[inline]
    pub(crate) fn byte(&self, c: char) -> Option<u8> {
        match self.direct.get(c as usize) {
            Some(&0) => None,
            Some(&byte) => Some(byte),
            None => self
                .to_byte
                .binary_search_by_key(&c, |&(from, _)| from)
                .ok()
                .map(|at| self.to_byte[at].1),
        }
    }
}

/// The names of the code pages the `mojibake` step undoes, in the order it
/// tries them, with how each reads C1 controls.
pub(crate) const REPAIRED: &[(&str, C1)] = &[
    ("windows-1252", C1::All),
    ("windows-1251", C1::Undefined),
    ("windows-1250", C1::Undefined),
    ("iso-8859-2", C1::AsDefined),
    ("windows-1256", C1::Undefined),
    ("windows-1253", C1::Undefined),
    ("windows-1254", C1::Undefined),
    ("windows-1257", C1::Undefined),
    ("macintosh", C1::AsDefined),
    ("cp437", C1::AsDefined),
    ("cp850", C1::AsDefined),
    ("koi8-r", C1::AsDefined),
    ("koi8-u", C1::AsDefined),
    ("iso-8859-15", C1::AsDefined),
];

// Each repaired page has a bit of the character table's page mask.
const _: () = assert!(REPAIRED.len() <= super::class::PAGE_MASK.count_ones() as usize);

/// The code pages the `mojibake` step undoes ([`REPAIRED`]), built once, on
/// first use (a few microseconds).
pub(crate) fn repaired() -> &'static [CodePage] {
    static PAGES: OnceLock<Vec<CodePage>> = OnceLock::new();
    PAGES.get_or_init(|| {
        REPAIRED
            .iter()
            .map(|&(name, c1)| {
                CodePage::new(
                    table(name).expect("every repaired page is in the tables"),
                    c1,
                )
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_sorted_and_have_no_duplicate_character() {
        for pair in TABLES.windows(2) {
            assert!(
                pair[0].name < pair[1].name,
                "{} {}",
                pair[0].name,
                pair[1].name
            );
        }
        for table in tables() {
            let mut seen: Vec<u16> = table.high.iter().copied().filter(|&c| c != 0).collect();
            let defined = seen.len();
            seen.sort_unstable();
            seen.dedup();
            assert_eq!(seen.len(), defined, "{}", table.name);
            // No page decodes a high byte to ASCII.
            assert!(seen.iter().all(|&c| c >= 0x80), "{}", table.name);
        }
    }

    #[test]
    fn pages_encoding_rs_has_agree_with_it() {
        for table in tables() {
            let label = match table.name {
                // encoding_rs decodes ISO-8859-1 and -9 as windows-1252
                // and -1254 (as WHATWG says browsers must).
                "iso-8859-1" | "iso-8859-9" => continue,
                "cp437" | "cp850" | "cp852" | "cp855" | "kz-1048" => continue,
                "cp866" => "ibm866",
                name => name,
            };
            let encoding = encoding_rs::Encoding::for_label(label.as_bytes())
                .unwrap_or_else(|| panic!("encoding_rs has no {label}"));
            for byte in 0x80..=0xFFu8 {
                let Some(ours) = table.decode(byte) else {
                    continue;
                };
                // WHATWG's KOI8-U is KOI8-RU: `ў` and `Ў` where RFC 2319
                // (and Python) have box drawing.
                if table.name == "koi8-u" && matches!(byte, 0xAE | 0xBE) {
                    continue;
                }
                let single = [byte];
                let (theirs, _) = encoding.decode_without_bom_handling(&single);
                assert_eq!(
                    theirs.chars().next(),
                    Some(ours),
                    "{} byte {byte:#04x}",
                    table.name
                );
            }
        }
    }

    #[test]
    fn dos_pages_have_their_known_characters() {
        for (name, byte, c) in [
            ("cp437", 0x80, 'Ç'),
            ("cp437", 0xA9, '⌐'),
            ("cp437", 0xC3, '├'),
            ("cp437", 0xE1, 'ß'),
            ("cp437", 0xFF, '\u{a0}'),
            ("cp850", 0xA9, '®'),
            ("cp850", 0xC6, 'ã'),
            ("cp852", 0xA5, 'ą'),
            ("cp855", 0xE0, 'Я'),
            ("cp866", 0x80, 'А'),
            ("cp866", 0xF0, 'Ё'),
            ("koi8-r", 0xC1, 'а'),
            ("koi8-u", 0xA4, 'є'),
            ("kz-1048", 0x8D, 'Қ'),
            ("kz-1048", 0xAF, 'Ү'),
            ("kz-1048", 0xFF, 'я'),
            ("iso-8859-1", 0x85, '\u{85}'),
            ("macintosh", 0xF0, '\u{f8ff}'),
        ] {
            assert_eq!(
                table(name).unwrap().decode(byte),
                Some(c),
                "{name} {byte:#x}"
            );
        }
        assert_eq!(table("windows-1252").unwrap().decode(0x81), None);
        assert_eq!(table("windows-1252").unwrap().decode(b'a'), Some('a'));
        assert!(table("utf-8").is_none());
    }

    /// The committed tables are what the generator makes from Python's
    /// codecs now (skipped where there is no `python3`).
    #[test]
    fn tables_match_their_generator() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let Ok(output) = std::process::Command::new("python3")
            .arg(root.join("scripts/tables/codepages.py"))
            .output()
        else {
            eprintln!("no python3: generated code pages not checked");
            return;
        };
        assert!(output.status.success());
        let generated = String::from_utf8(output.stdout).unwrap();
        let committed = std::fs::read_to_string(root.join("src/unicode/codepage_data.rs")).unwrap();
        // The first line names the Python version that made the file.
        let body = |text: &str| text.split_once('\n').map(|(_, rest)| rest.to_owned());
        assert!(
            body(&generated) == body(&committed),
            "src/unicode/codepage_data.rs differs from what scripts/tables/codepages.py makes"
        );
    }

    #[test]
    fn bytes_of_each_page() {
        let page = |name: &str| repaired().iter().find(|page| page.name() == name).unwrap();
        assert_eq!(page("windows-1252").byte('Ã'), Some(0xC3));
        assert_eq!(page("windows-1252").byte('\u{81}'), Some(0x81));
        assert_eq!(page("windows-1252").byte('\u{80}'), Some(0x80));
        assert_eq!(page("windows-1252").byte('€'), Some(0x80));
        assert_eq!(page("windows-1251").byte('Р'), Some(0xD0));
        assert_eq!(page("windows-1251").byte('\u{98}'), Some(0x98));
        assert_eq!(page("windows-1251").byte('\u{80}'), None);
        assert_eq!(page("macintosh").byte('√'), Some(0xC3));
        assert_eq!(page("macintosh").byte('\u{f8ff}'), Some(0xF0));
        assert_eq!(page("cp437").byte('├'), Some(0xC3));
        assert_eq!(page("iso-8859-2").byte('\u{85}'), Some(0x85));
        assert_eq!(page("windows-1252").byte('a'), None);
        assert_eq!(page("windows-1250").byte('\u{81}'), Some(0x81));
        for (page, &(name, _)) in repaired().iter().zip(REPAIRED) {
            let table = table(name).unwrap();
            for byte in 0x80..=0xFFu8 {
                if let Some(c) = table.decode(byte) {
                    assert_eq!(page.byte(c), Some(byte), "{} {byte:#x}", page.name());
                }
            }
        }
    }
}
