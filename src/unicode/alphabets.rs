//! The alphabet of each language: the non-ASCII letters its text is written
//! with, from the exemplar characters of Unicode CLDR (generated into
//! `alphabets_data.rs` by `scripts/tables/exemplars.py alphabets`), by the
//! ISO 639-3 code the language identifier (whatlang) gives.

use super::alphabets_data::ALPHABETS;

/// The letters of one language, as sorted inclusive code point ranges.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Alphabet(&'static [(u32, u32)]);

impl Alphabet {
    /// Whether the language writes `c`: an ASCII character, or a non-ASCII
    /// letter of its alphabet (in either case).
    pub(crate) fn writes(self, c: char) -> bool {
        let cp = c as u32;
        if cp < 0x80 {
            return true;
        }
        let at = self.0.partition_point(|&(_, last)| last < cp);
        self.0.get(at).is_some_and(|&(first, _)| first <= cp)
    }
}

/// The alphabet of the language with ISO 639-3 code `code` (`swe`, `spa`),
/// if CLDR has one for it.
pub(crate) fn of(code: &str) -> Option<Alphabet> {
    ALPHABETS
        .binary_search_by(|&(name, _)| name.cmp(code))
        .ok()
        .map(|at| Alphabet(ALPHABETS[at].1))
}

/// Whether some language of [`of`] writes `c` (an ASCII character, or a
/// non-ASCII letter of one of the alphabets): `ǂ` and `܆` none does.
pub(crate) fn any_writes(c: char) -> bool {
    ALPHABETS
        .iter()
        .any(|&(_, ranges)| Alphabet(ranges).writes(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alphabets_are_sorted_and_hold_their_letters() {
        for pair in ALPHABETS.windows(2) {
            assert!(pair[0].0 < pair[1].0);
        }
        for &(code, ranges) in &ALPHABETS {
            for pair in ranges.windows(2) {
                assert!(pair[0].1 < pair[1].0, "{code}");
            }
        }
        let swedish = of("swe").unwrap();
        assert!(swedish.writes('å') && swedish.writes('Å') && swedish.writes('a'));
        assert!(!swedish.writes('ü'));
        let spanish = of("spa").unwrap();
        assert!(spanish.writes('á') && !spanish.writes('å'));
        assert!(of("ces").unwrap().writes('č') && !of("ces").unwrap().writes('Ĩ'));
        assert!(of("rus").unwrap().writes('ё'));
        assert!(of("xyz").is_none());
        assert!(any_writes('ő') && any_writes('л') && any_writes('ß'));
        assert!(!any_writes('ǂ') && !any_writes('\u{0706}'));
    }
}
