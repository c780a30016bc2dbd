//! Bytes lost on the way. windows-1252 leaves five bytes undefined (0x81,
//! 0x8D, 0x8F, 0x90, 0x9D): a tool that decoded UTF-8 as windows-1252
//! strictly wrote `?` or U+FFFD for them, or dropped them; another turned
//! every 0xA0 (the page's no-break space) into a plain space, and another
//! stripped every soft hyphen (0xAD, U+00AD), which is invisible. What is left
//! of such a character is its lead byte's character with part of its
//! continuation: `Ù?` for `ف`, `Ä�` for `č`, `à¥` for `ु`. The search
//! cannot decode those and leaves them as they are, so a repaired line
//! still carries mojibake.
//!
//! [`losses`] finds them in a line the repair has already decoded through
//! windows-1252 and marks each lost character by one U+FFFD (the character
//! is gone; its neighbours are repaired), or recovers it when it lost only
//! its last byte and exactly one letter of the line fits there, in the case
//! of the letters beside it (`mayorÃa` is `mayoría`), or when a space stood
//! for 0xA0 and the character read with 0xA0 is a letter of the line's
//! script and language (`Ð ` is `Р`), or, in a line of Chinese whose
//! alphabet is not known, a common ideograph with more mojibake after the
//! space.

use std::ops::Range;

use super::undo::{continues, decode_sequence, is_continuation, lead_len};
use crate::unicode::alphabets;
use crate::unicode::codepage::CodePage;
use crate::unicode::table;

/// One character of a stretch, as windows-1252 sees it.
#[derive(Clone, Copy)]
enum Token {
    /// A character windows-1252 has at this byte (0x80 and above).
    Byte(u8),
    /// `?` or U+FFFD where a continuation byte was due: a lost byte.
    Lost,
    /// A plain space where a continuation byte was due: 0xA0, or a space.
    Space,
}

/// A stretch of a line read back as bytes, decoded with its losses.
struct Stretch {
    range: Range<usize>,
    text: String,
    /// Complete sequences decoded as they are (the search's work): the
    /// line's byte range each came from and its character.
    decoded: Vec<(Range<usize>, char)>,
    /// Characters marked by U+FFFD: a complete sequence in which a `?` or
    /// U+FFFD stood for a byte.
    marked: usize,
    /// Characters whose sequence stops short (a dropped byte; a `?` or
    /// U+FFFD may stand for another of its bytes): marked by U+FFFD, or
    /// read back where one letter fits ([`only_dropped_letter`]).
    truncated: usize,
    /// Of those, the ones with a continuation byte that is neither a letter
    /// nor punctuation of clean text (the `€` of `â€`, the `”` that lost
    /// its last byte).
    cut_tail: usize,
    /// Of those, the ones with a continuation byte (`á»` of `ờ`).
    cut_long: usize,
    /// Of those, the ones not directly followed by a space.
    cut_mid: usize,
    /// Characters read with a space as 0xA0.
    recovered: usize,
    /// Characters that are no part of a sequence and are not punctuation
    /// clean text has.
    stray: usize,
    /// Whether the stretch is a capital alone between small letters that
    /// the line's language is not known to write (see [`keep_with_losses`]).
    glued: bool,
}

/// What the repair of the line decided, and what a character read back
/// must be.
pub(super) struct Line<'a> {
    /// The ranges the repair decoded through windows-1252 alone.
    pub(super) repaired: &'a [Range<usize>],
    /// The ranges it decoded through other chains: no stretch touches them.
    pub(super) other: &'a [Range<usize>],
    /// Whether a character is a letter of the line: of its script and its
    /// language's alphabet (`None`: of its script, and the alphabet is not
    /// known).
    pub(super) letter: &'a dyn Fn(char) -> Option<bool>,
    /// The script family of the line's repaired letters.
    pub(super) script: Option<u8>,
    /// Whether a repair of the line wrote the character.
    pub(super) repaired_writes: &'a dyn Fn(char) -> bool,
    /// Punctuation clean text writes that code pages also have (`’`, `…`).
    pub(super) clean_punctuation: fn(char) -> bool,
    /// Which bytes that tools drop the line still has: a byte it kept was
    /// not dropped anywhere in it.
    pub(super) kept: Kept,
}

/// Which of the bytes that tools drop a line still has, read through
/// windows-1252: a soft hyphen (0xAD, U+00AD) whose stripping would have
/// taken every one, or one of the five undefined bytes (as the C1 control
/// a browser makes of it).
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Kept {
    pub(super) soft_hyphen: bool,
    pub(super) undefined: bool,
}

impl Kept {
    /// What `line` (as it came) still has.
    pub(super) fn in_line(line: &str) -> Kept {
        Kept {
            soft_hyphen: line.contains('\u{AD}'),
            undefined: line.contains(['\u{81}', '\u{8D}', '\u{8F}', '\u{90}', '\u{9D}']),
        }
    }

    /// The bytes a tool may have dropped from the line: the undefined ones
    /// and the soft hyphen, each unless the line kept one.
    fn droppable(self) -> impl Iterator<Item = u8> {
        let undefined: &[u8] = if self.undefined { &[] } else { &UNDEFINED };
        undefined
            .iter()
            .copied()
            .chain((!self.soft_hyphen).then_some(SOFT_HYPHEN))
    }
}

/// Whether `range` lies inside one of `outer`.
pub(super) fn inside(range: &Range<usize>, outer: &[Range<usize>]) -> bool {
    outer
        .iter()
        .any(|o| o.start <= range.start && range.end <= o.end)
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// The stretches of `text` to replace (range and text, in order): those
/// with a lost character, in a line the repair decoded through `page`
/// (windows-1252) as `line` says.
///
/// A lost or dropped byte is one that windows-1252 does not define, and
/// the character it was part of must be one the line writes: `touché”`
/// (`é”` cut short would be a CJK character) and `Voilà?` (no undefined
/// byte follows `E0`) are clean. A stretch may decode a complete sequence
/// the repair left only when it is a letter of the line's script (and of
/// its language, when that is known; a Latin one some language writes,
/// when it is not: not `ɠ`) or punctuation (of clean text, or of
/// the line's script: the Urdu `۔`); it never reaches into
/// a repair through another chain. A sequence cut short with nothing
/// else lost in its stretch ("alone") is marked only in a line whose every
/// letter beyond ASCII is in a repair or a stretch and that has a repair
/// for each such sequence, and a lead byte's character alone only when the
/// line's language does not write it and no repair of the line wrote it
/// (`uÄenci` in Czech, where the `Ä` of `č` lost its second byte): `é` in
/// `été`, `Ã` in Portuguese `NÃO` and `ð` in Icelandic are letters of
/// clean text. In a line whose repairs write another script than Latin
/// (or none), a lead byte's character alone right against an ASCII letter
/// is never marked: `é` of `écrit` beside a repaired `日本語`.
pub(super) fn losses(text: &str, page: &CodePage, line: &Line) -> Vec<(Range<usize>, String)> {
    // A space stands for 0xA0 only where 0xA0 was lost: a line that still
    // has a no-break space kept its 0xA0 bytes, and a line with a sequence
    // cut short elsewhere than before a space lost bytes by dropping them
    // (`×` before a space is `ם` without its second byte there, not `נ`).
    let mut space_due = false;
    let (found, cut_mid) = scan(text, page, line, false, &mut space_due);
    let found = if space_due && cut_mid == 0 && !text.contains('\u{A0}') {
        scan(text, page, line, true, &mut space_due).0
    } else {
        found
    };
    // Sequences cut short alone count only in a line whose every letter
    // beyond ASCII is in a repair or a stretch, and that has a repair for
    // each of them: a clean letter elsewhere (`ö` in Icelandic) says that the line was not
    // damaged whole, and that its other lone leads (`ð` before a word) are
    // letters too.
    let covered = |at: usize| {
        line.repaired
            .iter()
            .chain(line.other)
            .chain(found.iter().map(|(s, _)| &s.range))
            .any(|r| r.contains(&at))
    };
    let lone = found.iter().filter(|(_, alone)| *alone).count();
    if lone == 0 {
        return found
            .into_iter()
            .map(|(stretch, _)| (stretch.range, stretch.text))
            .collect();
    }
    let repairs = line.repaired.len() + found.len() - lone;
    // A capital alone between small letters that the line's language is
    // not known to write (`zloÄini` in Serbian) is no letter of clean text:
    // it needs no repair of its own beside it.
    let unglued = found
        .iter()
        .filter(|(stretch, alone)| *alone && !stretch.glued)
        .count();
    let damaged_whole = unglued <= repairs
        && text
            .char_indices()
            .all(|(at, c)| c.is_ascii() || !table::is_alphabetic(c) || covered(at));
    found
        .into_iter()
        .filter(|(_, alone)| !alone || damaged_whole)
        .map(|(stretch, _)| (stretch.range, stretch.text))
        .collect()
}

/// The stretches of `text` with losses, each with whether it is a lead
/// byte's character cut short alone, and how many sequences were cut short
/// elsewhere than before a space; `spaces`: whether a space where a
/// continuation byte is due may stand for 0xA0. `space_due` is set when
/// there is such a space.
fn scan(
    text: &str,
    page: &CodePage,
    line: &Line,
    spaces: bool,
    space_due: &mut bool,
) -> (Vec<(Stretch, bool)>, usize) {
    let mut found: Vec<(Stretch, bool)> = Vec::new();
    let mut cut_mid = 0;
    let mut tokens: Vec<(Token, Range<usize>, char)> = Vec::new();
    // Continuation bytes the current sequence still waits for.
    let mut due = 0usize;
    // Whether the current stretch has a loss at all: a `?`, U+FFFD or space
    // where a continuation byte was due, or a sequence cut short. Most
    // stretches of a repaired line are whole sequences and are not decoded
    // again.
    let mut lossy = false;
    let mut finish = |tokens: &mut Vec<(Token, Range<usize>, char)>, lossy: bool| {
        if let (true, Some(first), Some(last)) = (lossy, tokens.first(), tokens.last()) {
            let before = text[..first.1.start].chars().next_back();
            let after = text[last.1.end..].chars().next();
            split_and_decode(tokens, line, before, after, &mut found, &mut cut_mid);
        }
        tokens.clear();
    };
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        if due == 0 && bytes[at].is_ascii() {
            // ASCII where no continuation is due ends the stretch: skipped
            // to the next character beyond ASCII in one go.
            finish(&mut tokens, lossy);
            lossy = false;
            at += bytes[at..]
                .iter()
                .position(|b| !b.is_ascii())
                .unwrap_or(bytes.len() - at);
            continue;
        }
        let Some(c) = text[at..].chars().next() else {
            break;
        };
        let range = at..at + c.len_utf8();
        at = range.end;
        if c == ' ' {
            *space_due = true;
        }
        let byte = if c.is_ascii() { None } else { page.byte(c) };
        // `CodePage::byte` gives bytes from 0x80 up.
        let token = match byte {
            Some(byte) => Some(Token::Byte(byte)),
            _ if due > 0 => match c {
                '?' | '\u{FFFD}' => Some(Token::Lost),
                ' ' if spaces => Some(Token::Space),
                _ => None,
            },
            _ => None,
        };
        match token {
            Some(token) => {
                due = match token {
                    Token::Byte(byte) if lead_len(byte) > 0 => {
                        lossy |= due > 0;
                        lead_len(byte) - 1
                    }
                    Token::Byte(_) => due.saturating_sub(1),
                    Token::Lost | Token::Space => {
                        lossy = true;
                        due - 1
                    }
                };
                tokens.push((token, range, c));
            }
            None => {
                finish(&mut tokens, lossy || due > 0);
                lossy = false;
                due = 0;
            }
        }
    }
    finish(&mut tokens, lossy || due > 0);
    (found, cut_mid)
}

/// Decodes `tokens` as one stretch or, where a space or a `?` is no lost
/// byte, as the stretches on each side of it; pushes each with losses onto
/// `found`, with whether its only losses are a sequence cut short alone.
fn split_and_decode(
    tokens: &[(Token, Range<usize>, char)],
    line: &Line,
    before: Option<char>,
    after: Option<char>,
    found: &mut Vec<(Stretch, bool)>,
    cut_mid: &mut usize,
) {
    // A loop, not a recursion: a line of thousands of splits (`é é é …`)
    // must not exhaust the stack.
    let (mut rest, mut before) = (tokens, before);
    while !rest.is_empty() {
        match decode(rest, line, before, after) {
            Ok(stretch) => {
                if let Some(stretch) = stretch {
                    keep_with_losses(stretch, rest, line, (before, after), found, cut_mid);
                }
                return;
            }
            Err(at) => {
                let (left, split) = (&rest[..at], rest[at].2);
                // What stands before the split decodes without one.
                if let Ok(Some(stretch)) = decode(left, line, before, Some(split)) {
                    keep_with_losses(stretch, left, line, (before, Some(split)), found, cut_mid);
                }
                rest = &rest[at + 1..];
                before = Some(split);
            }
        }
    }
}

/// Pushes `stretch` (decoded from `tokens`, between the characters
/// `around`) onto `found` when it has losses and may be replaced.
fn keep_with_losses(
    stretch: Stretch,
    tokens: &[(Token, Range<usize>, char)],
    line: &Line,
    around: (Option<char>, Option<char>),
    found: &mut Vec<(Stretch, bool)>,
    cut_mid: &mut usize,
) {
    *cut_mid += stretch.cut_mid;
    if stretch.marked + stretch.truncated + stretch.recovered == 0 || stretch.stray > 0 {
        return;
    }
    let left_letters = stretch
        .decoded
        .iter()
        .filter(|(range, _)| !inside(range, line.repaired))
        .all(|&(_, c)| match (line.letter)(c) {
            Some(letter) => {
                letter
                    || (line.clean_punctuation)(c)
                    || line
                        .script
                        .is_some_and(|script| super::script_punctuation(c, script))
            }
            // Where the line's alphabet is not known, a Latin letter that
            // no language rinse knows writes is none of its letters: the
            // `É\u{a0}` of a clean `ÉTÉ\u{a0}ÉTERNEL` is no IPA `ɠ`, even
            // beside an `É` cut short.
            None => {
                super::letter_script(c) != Some(table::script::LATIN) || alphabets::any_writes(c)
            }
        });
    let crossing = line.repaired.iter().any(|p| {
        overlaps(p, &stretch.range) && (p.start < stretch.range.start || p.end > stretch.range.end)
    });
    if !left_letters || crossing || line.other.iter().any(|o| overlaps(o, &stretch.range)) {
        return;
    }
    // A stretch whose only loss is a sequence cut short, with no symbol in
    // it (`â€` has one), is "alone" (see `losses`). A lead byte's character
    // alone must moreover be none of the line's letters (`é` in `été` is
    // one; so is one its repairs wrote, even when the language identifier
    // does not know the language, as Icelandic `ð`); a lead with a
    // continuation (`á»` of `ờ`) need not.
    let alone =
        stretch.marked + stretch.recovered + stretch.cut_tail == 0 && stretch.decoded.is_empty();
    let lead = tokens[0].2;
    let bare = stretch.cut_long == 0;
    // A capital alone between small letters (`půjÄit`, where the `Ä` of `č`
    // lost its second byte) is no letter of clean text, even in a language
    // that writes it (the line's language may be guessed wrong: Slovak
    // writes `ä`); but Irish puts `h`, `n` or `t` before a capital vowel
    // (`hÉireann`, `nÓg`).
    let (before, after) = around;
    let irish_prefix =
        matches!(before, Some('h' | 'n' | 't')) && matches!(lead, 'Á' | 'É' | 'Í' | 'Ó' | 'Ú');
    // So is a capital alone that ends a word of small letters
    // (`pokračujÃ.`, `jejÃ zájem`: `í` without its 0xAD, a soft hyphen a
    // tool stripped): no word is so cased.
    let glued_capital = tokens.len() == 1
        && lead.is_uppercase()
        && !irish_prefix
        && before.is_some_and(char::is_lowercase)
        && after.is_none_or(|c| c.is_lowercase() || !table::is_alphabetic(c));
    // A lead byte's character alone right against an ASCII letter, in a
    // line whose repairs write another script than Latin (or whose script
    // is not known), is a letter of that word:
    // `é` of `écrit` in a French line with a repaired `日本語` would be a
    // Han character that lost both its continuation bytes, glued to a Latin
    // word.
    let ascii_letter = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphabetic());
    if alone
        && bare
        && line.script != Some(table::script::LATIN)
        && (ascii_letter(before) || ascii_letter(after))
    {
        return;
    }
    // A capital alone before another capital, or after one and before no
    // small letter (`SÃO`, `IRMÃ`, `ÃRA`; not `UÄvršćuje`), is a letter of
    // a word written in capitals: no small letter lost a byte there.
    let in_capitals = lead.is_uppercase()
        && (after.is_some_and(char::is_uppercase)
            || (before.is_some_and(char::is_uppercase) && !after.is_some_and(char::is_lowercase)));
    if alone && bare && in_capitals {
        return;
    }
    if alone
        && bare
        && !glued_capital
        && !(tokens.len() == 1 && lone_a_tilde(lead, before, after, line))
        && (!table::is_alphabetic(lead)
            || (line.letter)(lead) != Some(false)
            || (line.repaired_writes)(lead))
    {
        return;
    }
    // A glued capital the line's language is not known to write
    // (`raÄunaju` in Serbian) needs no repair beside it in [`losses`]; one
    // it writes may start a word glued to the one before (`lesenÄhnliche`).
    let glued = glued_capital && (line.letter)(lead) != Some(true);
    found.push((Stretch { glued, ..stretch }, alone));
}

/// The stretch of `tokens` decoded: complete sequences as they are, a
/// sequence with a lost byte or cut short as one U+FFFD (one cut short
/// that only one letter of the line fits, as that letter), a space standing
/// for 0xA0 where that gives a letter of the line. `Err` with the index
/// of a space that is a space (the sequence before it is cut short, or
/// reading it as 0xA0 gives no letter of the line: `daß `, `déjà été`), or
/// of a `?` that is a question mark.
fn decode(
    tokens: &[(Token, Range<usize>, char)],
    line: &Line,
    before: Option<char>,
    after: Option<char>,
) -> Result<Option<Stretch>, usize> {
    let (Some(first), Some(last)) = (tokens.first(), tokens.last()) else {
        return Ok(None);
    };
    let mut stretch = Stretch {
        range: first.1.start..last.1.end,
        text: String::new(),
        decoded: Vec::new(),
        marked: 0,
        truncated: 0,
        cut_tail: 0,
        cut_long: 0,
        cut_mid: 0,
        recovered: 0,
        stray: 0,
        glued: false,
    };
    let mut i = 0;
    // Whether the last character pushed is a letter read back where a byte
    // was dropped (a guess no other guess may lean on).
    let mut guessed_last = false;
    while i < tokens.len() {
        let guessed_before = std::mem::take(&mut guessed_last);
        let (token, _, c) = &tokens[i];
        let lead = match *token {
            Token::Byte(byte) if lead_len(byte) > 0 => byte,
            Token::Space => return Err(i),
            _ => {
                if !(line.clean_punctuation)(*c) {
                    stretch.stray += 1;
                }
                stretch.text.push(*c);
                i += 1;
                continue;
            }
        };
        let len = lead_len(lead);
        let mut bytes = [lead, 0, 0, 0];
        // The continuation bytes as they came: `None` where one was lost.
        let mut slots: [Option<u8>; 3] = [None; 3];
        let (mut lost, mut space) = (false, None);
        // `j`: the byte of the sequence due next; `taken`: the tokens after
        // the lead that are part of it. They differ by one when a byte was
        // dropped before one that came (`skipped`).
        let (mut j, mut taken, mut skipped) = (1, 0, false);
        // Where a lead may have lost its second byte ahead of a byte that
        // came: after another sequence of the stretch, or at the start of a
        // word. A lead right after a letter that stays as it is belongs to
        // that word (`Así»`, a clean `í` before a closing mark).
        let may_have_dropped = i > 0 || before.is_none_or(|c| !c.is_alphanumeric());
        while j < len {
            match tokens.get(i + 1 + taken).map(|t| t.0) {
                Some(Token::Byte(byte)) if continues(lead, j, byte) => {
                    bytes[j] = byte;
                    slots[taken] = Some(byte);
                }
                // A continuation byte that UTF-8 does not allow second after
                // this lead but allows third: the second was dropped, and
                // was one windows-1252 leaves undefined (`í¼` is `퍼`, ED 8D
                // BC, without its 8D).
                // (A no-break space only with more mojibake right after it:
                // `í\u{a0}señor` ends a clean word.)
                Some(Token::Byte(byte))
                    if j == 1
                        && len > 2
                        && may_have_dropped
                        && (byte != 0xA0
                            || matches!(
                                tokens.get(i + 2 + taken),
                                Some((Token::Byte(_), _, _))
                            ))
                        && is_continuation(byte)
                        && UNDEFINED.iter().any(|&u| continues(lead, 1, u)) =>
                {
                    skipped = true;
                    slots[taken] = Some(byte);
                    j += 1;
                }
                // A `?` right after a letter the line may write is a
                // question mark (`¿QUÉ?`), not a lost byte (`Ñ?` in
                // Russian is `я`), unless a small letter follows it
                // directly: no question ends inside a word (`oznaÄ?en` is
                // `označen` in a line whose language is taken for Slovak,
                // which writes `ä`); a capital may start the next sentence
                // (`¿QUÉ?No`); nor does a line start with the word `Ã`.
                Some(Token::Lost)
                    if j == 1
                        && tokens[i + 1].2 == '?'
                        && (line.letter)(tokens[i].2) != Some(false)
                        && !(i == 0 && lone_a_tilde(tokens[i].2, before, Some('?'), line))
                        && !tokens
                            .get(i + 2)
                            .map_or(after, |t| Some(t.2))
                            .is_some_and(|c| table::is_alphabetic(c) && !c.is_uppercase()) =>
                {
                    return Err(i + 1);
                }
                Some(Token::Lost) => lost = true,
                Some(Token::Space) if !skipped && continues(lead, j, 0xA0) => {
                    bytes[j] = 0xA0;
                    slots[taken] = Some(0xA0);
                    space = space.or(Some(i + j));
                }
                _ => break,
            }
            j += 1;
            taken += 1;
        }
        let complete = j == len && !skipped;
        // A byte can only have been lost if it was one of the five that
        // windows-1252 does not define, and then the character was one the
        // line writes: `é”` (E9 94) cut short would be a CJK character, so
        // `touché”` is clean; `Ù` cut short is Arabic `ف` (D9 81).
        let present = slots[..taken].iter().copied();
        if (lost || !complete)
            && space.is_none()
            && !could_have_lost(lead, len, present, !complete, line)
        {
            match tokens[i + 1..i + 1 + taken]
                .iter()
                .position(|t| matches!(t.0, Token::Lost))
            {
                // A `?` or U+FFFD that stood for no byte: itself.
                Some(at) => return Err(i + 1 + at),
                // A sequence that was not cut short: left as it is.
                None => {
                    stretch
                        .text
                        .extend(tokens[i..=i + taken].iter().map(|t| t.2));
                    i += 1 + taken;
                    continue;
                }
            }
        }
        match (complete, lost, space) {
            (false, _, None) => {
                // Cut short: the next byte leads another character (or the
                // stretch ends), so the bytes between were dropped. One
                // letter that the dropped byte can have made is taken, else
                // the character is marked.
                // Its neighbours as they came or as a whole sequence
                // decoded them, not a letter guessed right before.
                let previous = if i == 0 {
                    before
                } else if guessed_before {
                    None
                } else {
                    stretch.text.chars().next_back()
                };
                let next = if i + 1 + taken == tokens.len() {
                    after
                } else {
                    None
                };
                let only = (len == 2 && j == 1 && !lost)
                    .then(|| only_dropped_letter(bytes[0], line, (previous, next)))
                    .flatten();
                stretch.text.push(only.unwrap_or('\u{FFFD}'));
                guessed_last = only.is_some();
                stretch.truncated += 1;
                if taken > 0 {
                    stretch.cut_long += 1;
                }
                if tokens[i + 1..i + 1 + taken]
                    .iter()
                    .any(|&(_, _, c)| !table::is_alphabetic(c) && !(line.clean_punctuation)(c))
                {
                    stretch.cut_tail += 1;
                }
                if i + 1 + taken < tokens.len() || after != Some(' ') {
                    stretch.cut_mid += 1;
                }
                i += 1 + taken;
                continue;
            }
            (true, true, None) => {
                stretch.text.push('\u{FFFD}');
                stretch.marked += 1;
            }
            (true, false, None) => {
                let Some(c) = decode_sequence(&bytes[..len]) else {
                    return Ok(None);
                };
                stretch.text.push(c);
                stretch
                    .decoded
                    .push((tokens[i].1.start..tokens[i + len - 1].1.end, c));
            }
            // A letter read with a space as 0xA0 must be one the line's
            // language writes (`Ñ Ð¶` in Kazakh is `с`, a dropped byte and a
            // space, not the old Cyrillic `Ѡ`).
            // Nor does it put a small letter between capitals (`AMANHÃ VOU`
            // is clean Portuguese in capitals, not `AMANHàVOU`; `TÃ u` is
            // `Tàu`). Where the line's alphabet is not known (Chinese, whose
            // language whatlang may not settle), a common ideograph is taken
            // when the space is inside it (`é ˜` is `領`) or more mojibake
            // follows it (`åŠ äº†` is `加了`), not before a word of another
            // script or clean text (`åŽ iPhone` lost the 0x90 of `后`
            // before a real space; `café’ 很好` is clean).
            (true, false, Some(space)) => {
                let previous = stretch.text.chars().next_back().or(before);
                let next = tokens.get(space + 1).map(|t| t.2).or(after);
                let mojibake_follows = space + 1 < i + len
                    || matches!(
                        tokens.get(i + len),
                        Some((Token::Byte(byte), _, _)) if lead_len(*byte) > 0
                    );
                // The character with an undefined byte where the space
                // stands: a small letter of the line there (`ỏ` of `đá» hay`)
                // makes a capital read with 0xA0 after a small letter (`Ỡ`)
                // the wrong reading.
                let small_with_a_lost_byte = || {
                    UNDEFINED.iter().any(|&undefined| {
                        let mut other = bytes;
                        other[space - i] = undefined;
                        decode_sequence(&other[..len])
                            .is_some_and(|o| o.is_lowercase() && (line.letter)(o) == Some(true))
                    })
                };
                match decode_sequence(&bytes[..len]) {
                    Some(c)
                        if reads_back(
                            c,
                            line,
                            (previous, next),
                            mojibake_follows,
                            small_with_a_lost_byte,
                        ) =>
                    {
                        stretch.text.push(c);
                        stretch.recovered += 1;
                    }
                    _ => return Err(space),
                }
            }
            (_, _, Some(space)) => return Err(space),
        }
        i += len;
    }
    Ok(Some(stretch))
}

/// The one letter that a two-byte sequence led by `lead` can have been,
/// when a tool dropped its second byte: one of the five that windows-1252
/// leaves undefined, or 0xAD, the soft hyphen, which is invisible and
/// stripped as such (`mayorÃa` is `mayoría`: `í` is C3 AD), each unless the
/// line kept one ([`Kept`]: a line with an intact `í` did not lose its soft
/// hyphens). Only in Latin letters (C3 to C9: a Cyrillic or Greek line
/// whose language is guessed from text missing just those letters may take
/// the wrong alphabet), and only inside or at the end of a word (`around`:
/// the characters before and after it, the one after `None` where more
/// mojibake follows; the one before must be a letter), where the case of
/// its neighbours tells: only letters the line's language writes count,
/// and of those only the ones in the case of the letters beside it (after
/// a small letter `Á`, `Í` and `Ý` are no candidates), either case after a
/// capital that ends a word (`Họ` or `HỌ`) and after an `h`, `n` or `t`
/// (Irish `na hÁise`). `None` when no letter or more
/// than one is left, or a mark, digit or sign fits too (`uÄenci` in Czech
/// may have lost the 8D of `č` or the 8F of `ď`; at the start of a word,
/// `Ãgy` in Hungarian may be `Így` or `így`): the character is then marked.
fn only_dropped_letter(
    lead: u8,
    line: &Line,
    around: (Option<char>, Option<char>),
) -> Option<char> {
    let (before, after) = around;
    let before = before.filter(|&c| table::is_alphabetic(c))?;
    if !(0xC3..=0xC9).contains(&lead) {
        return None;
    }
    let after = after.filter(|&c| table::is_alphabetic(c));
    let cased = |x: char| x.is_lowercase() || x.is_uppercase();
    // Irish puts `h`, `n` or `t` before a capital vowel (`na hÁise`,
    // `hÉireann`): after those a capital may follow a small letter.
    let irish_prefix = matches!(before, 'h' | 'n' | 't');
    let agrees = |c: char| {
        if !cased(c) || irish_prefix {
            return true;
        }
        match after {
            Some(next) if cased(next) => {
                next.is_lowercase() == c.is_lowercase()
                    && (!cased(before) || before.is_lowercase() == c.is_lowercase())
            }
            // A word's last letter: after a small letter a small one, after
            // a capital either (`Họ`, `HỌ`).
            _ => !before.is_lowercase() || c.is_lowercase(),
        }
    };
    let mut found = None;
    for byte in line.kept.droppable() {
        let Some(c) = decode_sequence(&[lead, byte]) else {
            continue;
        };
        let letter = table::is_alphabetic(c);
        if letter && ((line.letter)(c) != Some(true) || !agrees(c)) {
            continue;
        }
        if !letter || found.is_some() {
            return None;
        }
        found = Some(c);
    }
    found
}

/// The soft hyphen's byte in windows-1252 (U+00AD): invisible, and dropped
/// by tools that strip what they cannot see.
const SOFT_HYPHEN: u8 = 0xAD;

/// Whether `c`, read with a space as 0xA0 between the characters `around`,
/// is taken: a letter of the line, or where the line's alphabet is not
/// known a common ideograph with `mojibake_follows`; never a small letter
/// between capitals, nor a capital right after a small letter where the
/// same bytes with an undefined one lost make a small letter of the line
/// (`small_with_a_lost_byte`): `đá» hay` is `đỏ hay` that lost the last
/// byte of `ỏ` before a real space, not `đỠhay`; `eÅ kola` is `eŠkola`
/// (`Å` with a lost byte is no Czech letter) and `НашаÐ одина` is
/// `НашаРодина` (`Ð` with one is a capital).
fn reads_back(
    c: char,
    line: &Line,
    around: (Option<char>, Option<char>),
    mojibake_follows: bool,
    small_with_a_lost_byte: impl FnOnce() -> bool,
) -> bool {
    let letter = (line.letter)(c).unwrap_or_else(|| common_ideograph(c) && mojibake_follows);
    let (previous, next) = around;
    let small_between_capitals = c.is_lowercase()
        && previous.is_some_and(char::is_uppercase)
        && next.is_some_and(char::is_uppercase);
    let capital_after_small =
        || c.is_uppercase() && previous.is_some_and(char::is_lowercase) && small_with_a_lost_byte();
    letter && !small_between_capitals && !capital_after_small()
}

/// Whether `c` is a common ideograph: one CLDR lists among the exemplar
/// characters of Chinese (simplified) or Japanese, some 3,000 characters
/// (`加`, `造`; not the rare `傠` that `å‚ ` with a space for 0xA0 would
/// give where `参` lost its 0x8F before a real space).
fn common_ideograph(c: char) -> bool {
    ["cmn", "jpn"]
        .iter()
        .any(|code| alphabets::of(code).is_some_and(|alphabet| alphabet.writes(c)))
}

/// Whether `lead` is an `Ã` alone at the start of the line, before a space,
/// a `?` or nothing (`Ã fyrstu`, `Ã? fyrstu`), or a word of its own after
/// a space, before a space, `.`, `,`, `;`, `:` or nothing (`borð Ã
/// skipinu`), in a line whose language writes one of the letters it is
/// left of, or whose repairs wrote one of them (small). No language starts a word with `Ã` but Guarani (`ãga`,
/// "now"), which does not stand alone, and Portuguese ends them with it
/// (`IRMÃ`, `AMANHÃ`): it is what is left of `Á Í Ï Ð Ý` (C3 and 81, 8D,
/// 8F, 90 or 9D), whose second byte windows-1252 leaves undefined (`Í
/// fyrstu`), or of `í` (C3 AD) whose soft hyphen a tool stripped (`í
/// skipinu`). An `Ã` alone elsewhere may be a word quoted in a text about
/// mojibake (`Why does it show Ã?`, `show Ã instead` in an English line),
/// and one glued before a small letter a Guarani word (`Ãga`): they stay.
fn lone_a_tilde(lead: char, before: Option<char>, after: Option<char>, line: &Line) -> bool {
    lead == 'Ã'
        && match before {
            None => after.is_none_or(|c| c == ' ' || c == '?'),
            Some(' ') => {
                after.is_none_or(|c| matches!(c, ' ' | '.' | ',' | ';' | ':'))
                    && ['Á', 'Í', 'Ï', 'Ð', 'Ý', 'í'].into_iter().any(|c| {
                        (line.letter)(c) == Some(true)
                            || c.to_lowercase().any(|small| (line.repaired_writes)(small))
                    })
            }
            Some(_) => false,
        }
}

/// The five bytes windows-1252 does not define: the ones a strict decoder
/// lost.
const UNDEFINED: [u8; 5] = [0x81, 0x8D, 0x8F, 0x90, 0x9D];

/// Whether the sequence led by `lead` (of `len` bytes) whose continuation
/// bytes came as `present` (in order; `None` for a `?` or U+FFFD) and
/// dropped the rest could have been a character of the line: each lost or
/// dropped byte one that windows-1252 does not define, wherever the
/// dropped ones stood, and the character a letter the line may write, or
/// punctuation or a symbol (`”` from `â€`, `、` from `ã€`).
fn could_have_lost(
    lead: u8,
    len: usize,
    present: impl Iterator<Item = Option<u8>>,
    dropped_some: bool,
    line: &Line,
) -> bool {
    let present: Vec<Option<u8>> = present.collect();
    let dropped = len - 1 - present.len();
    // Every way to place the dropped bytes among the present ones: a bit
    // per continuation position, set where a byte was dropped.
    (0u32..1 << (len - 1))
        .filter(|mask| mask.count_ones() as usize == dropped)
        .any(|mask| {
            let mut shape = [None; 3];
            let mut next = present.iter();
            for (at, slot) in shape.iter_mut().enumerate().take(len - 1) {
                if mask & (1 << at) == 0 {
                    *slot = next.next().copied().flatten();
                }
            }
            fits(lead, len, &mut shape, 0, (dropped_some, mask), line)
        })
}

/// Whether filling the `None` slots of `shape` from `at` on with undefined
/// bytes (and, in a slot whose byte was dropped, a bit set in `dropped`'s
/// mask, with 0xAD too: a stripped soft hyphen leaves no `?`) gives a valid
/// sequence whose character the line may write: a letter of its script,
/// and where a byte was dropped with no `?` or U+FFFD to show it (the
/// flag of `dropped`), of its language too (a name's `Á` in a Turkish
/// line is taken where the loss is marked).
fn fits(
    lead: u8,
    len: usize,
    shape: &mut [Option<u8>; 3],
    at: usize,
    dropped: (bool, u32),
    line: &Line,
) -> bool {
    let (dropped_some, dropped_mask) = dropped;
    if at == len - 1 {
        let mut bytes = [lead, 0, 0, 0];
        for (k, slot) in shape.iter().enumerate().take(len - 1) {
            match slot {
                Some(byte) if continues(lead, k + 1, *byte) => bytes[k + 1] = *byte,
                _ => return false,
            }
        }
        // A stripped soft hyphen leaves a letter cut short (`í` of
        // `mayorÃa`); the soft hyphen itself (C2 AD), or a sign, would
        // have been invisible or is left to the undefined bytes.
        let shy_dropped =
            (0..len - 1).any(|k| dropped_mask & (1 << k) != 0 && shape[k] == Some(SOFT_HYPHEN));
        return decode_sequence(&bytes[..len]).is_some_and(|c| {
            if shy_dropped && !table::is_alphabetic(c) {
                return false;
            }
            if table::is_alphabetic(c) {
                if dropped_some {
                    (line.letter)(c) != Some(false)
                } else {
                    super::letter_script(c) == line.script
                }
            } else {
                punctuation_or_symbol(c)
            }
        });
    }
    if shape[at].is_some() {
        return fits(lead, len, shape, at + 1, dropped, line);
    }
    let soft_hyphen =
        (dropped_mask & (1 << at) != 0 && !line.kept.soft_hyphen).then_some(SOFT_HYPHEN);
    let found = UNDEFINED.into_iter().chain(soft_hyphen).any(|byte| {
        shape[at] = Some(byte);
        fits(lead, len, shape, at + 1, dropped, line)
    });
    shape[at] = None;
    found
}

/// Whether `c` is in a block of punctuation or symbols that text writes
/// (`”`, `、`, `™`, `→`, emoji): a lost byte can have been part of one.
/// Other non-letters (a Lao digit, an unassigned code point) cannot.
fn punctuation_or_symbol(c: char) -> bool {
    matches!(c as u32,
        0xA1..=0xBF
        | 0x2010..=0x2027
        | 0x2030..=0x205E
        | 0x20A0..=0x20C0
        | 0x2100..=0x214F
        | 0x2190..=0x2BFF
        | 0x3001..=0x303F
        | 0xFF01..=0xFF0F
        | 0xFF1A..=0xFF20
        | 0x1F000..=0x1FAFF)
}
