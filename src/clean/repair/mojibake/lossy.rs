//! Bytes lost on the way. windows-1252 leaves five bytes undefined (0x81,
//! 0x8D, 0x8F, 0x90, 0x9D): a tool that decoded UTF-8 as windows-1252
//! strictly wrote `?` or U+FFFD for them, or dropped them; another turned
//! every 0xA0 (the page's no-break space) into a plain space. What is left
//! of such a character is its lead byte's character with part of its
//! continuation: `Ù?` for `ف`, `Ä�` for `č`, `à¥` for `ु`. The search
//! cannot decode those and leaves them as they are, so a repaired line
//! still carries mojibake.
//!
//! [`losses`] finds them in a line the repair has already decoded through
//! windows-1252 and marks each lost character by one U+FFFD (the character
//! is gone; its neighbours are repaired), or recovers it when a space stood
//! for 0xA0 and the character read with 0xA0 is a letter of the line's
//! script and language (`Ð ` is `Р`).

use std::ops::Range;

use super::undo::{continues, decode_sequence, lead_len};
use crate::unicode::codepage::CodePage;

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
    /// Characters marked by U+FFFD: a `?` or U+FFFD stood for a byte.
    marked: usize,
    /// Characters marked by U+FFFD: the sequence stops short (dropped byte).
    truncated: usize,
    /// Of those, the ones with a continuation byte that is neither a letter
    /// nor punctuation of clean text (`â€` for `”`; `é»` and `áš` may be
    /// clean).
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
    /// Whether a repair of the line wrote the character.
    pub(super) repaired_writes: &'a dyn Fn(char) -> bool,
    /// Punctuation clean text writes that code pages also have (`’`, `…`).
    pub(super) clean_punctuation: fn(char) -> bool,
}

impl Line<'_> {
    fn inside_repaired(&self, range: &Range<usize>) -> bool {
        self.repaired
            .iter()
            .any(|p| p.start <= range.start && range.end <= p.end)
    }
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// The stretches of `text` to replace (range and text, in order): those
/// with a lost character, in a line the repair decoded through `page`
/// (windows-1252) as `line` says.
///
/// A stretch may decode a complete sequence the repair left only when it
/// is a letter of the line; it never reaches into a repair through another
/// chain. A sequence cut short with nothing else lost is marked only when
/// the stretch decodes something too (`Ø§Ù`), or when its lead is a letter
/// the line does not write and the line has no clean letter beyond ASCII
/// (`uÄenci` in Czech, where the `Ä` of `č` lost its second byte): a lead
/// byte's character alone (`é` in `été`, `Ã` in Portuguese `NÃO`) is a
/// letter of clean text.
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
    // each of them, four for each lead byte's character alone: a clean letter elsewhere (`ö` in
    // Icelandic) says that the line was not damaged whole, and that its
    // other lone leads (`ð` before a word) are letters too.
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
    let bare = found
        .iter()
        .filter(|(s, alone)| *alone && s.cut_long == 0)
        .count();
    let repairs = line.repaired.len() + found.len() - lone;
    let damaged_whole = 4 * bare <= repairs
        && lone <= repairs
        && text
            .char_indices()
            .all(|(at, c)| c.is_ascii() || !c.is_alphabetic() || covered(at));
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
        if let (true, Some(last)) = (lossy, tokens.last()) {
            let after = text[last.1.end..].chars().next();
            split_and_decode(tokens, line, after, &mut found, &mut cut_mid);
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
        let token = match byte {
            Some(byte) if byte >= 0x80 => Some(Token::Byte(byte)),
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

/// Decodes `tokens` as one stretch or, where a space is no 0xA0, as the
/// stretches on each side of it; pushes each with losses onto `found`,
fn split_and_decode(
    tokens: &[(Token, Range<usize>, char)],
    line: &Line,
    after: Option<char>,
    found: &mut Vec<(Stretch, bool)>,
    cut_mid: &mut usize,
) {
    let stretch = match decode(tokens, line, after) {
        Ok(Some(stretch)) => stretch,
        Ok(None) => return,
        Err(space) => {
            split_and_decode(&tokens[..space], line, Some(' '), found, cut_mid);
            split_and_decode(&tokens[space + 1..], line, after, found, cut_mid);
            return;
        }
    };
    *cut_mid += stretch.cut_mid;
    if stretch.marked + stretch.truncated + stretch.recovered == 0 || stretch.stray > 0 {
        return;
    }
    let left_letters = stretch
        .decoded
        .iter()
        .filter(|(range, _)| !line.inside_repaired(range))
        .all(|&(_, c)| (line.letter)(c) == Some(true) || (line.clean_punctuation)(c));
    let crossing = line.repaired.iter().any(|p| {
        overlaps(p, &stretch.range) && (p.start < stretch.range.start || p.end > stretch.range.end)
    });
    if !left_letters || crossing || line.other.iter().any(|o| overlaps(o, &stretch.range)) {
        return;
    }
    // A lead byte's character cut short alone must be none of the line's
    // letters (`é` in `été` is one; so is one its repairs wrote, even when
    // the language identifier does not know the language, as Icelandic
    // `ð`); a lead with a symbol after it that
    // clean text does not write there (`â€`) is mojibake.
    let alone =
        stretch.marked + stretch.recovered + stretch.cut_tail == 0 && stretch.decoded.is_empty();
    // A lead with a letter or clean punctuation after it (`á»` for `ờ`,
    // or `é»`) counts like that too, alone, but needs no such lead.
    let lead = tokens[0].2;
    let bare = stretch.cut_long == 0;
    if alone
        && bare
        && (!lead.is_alphabetic()
            || (line.letter)(lead) != Some(false)
            || (line.repaired_writes)(lead))
    {
        return;
    }
    found.push((stretch, alone));
}

/// The stretch of `tokens` decoded: complete sequences as they are, a
/// sequence with a lost byte or cut short as one U+FFFD, a space standing
/// for 0xA0 where that gives a letter of the line. `Err` with the index
/// of a space that is a space (the sequence before it is cut short, or
/// reading it as 0xA0 gives no letter of the line: `daß `, `déjà été`), or
/// of a `?` that is a question mark.
fn decode(
    tokens: &[(Token, Range<usize>, char)],
    line: &Line,
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
    };
    let mut i = 0;
    while i < tokens.len() {
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
        let (mut lost, mut space) = (false, None);
        let mut j = 1;
        while j < len {
            match tokens.get(i + j).map(|t| t.0) {
                Some(Token::Byte(byte)) if continues(lead, j, byte) => bytes[j] = byte,
                // A `?` right after a letter the line may write is a
                // question mark (`¿QUÉ?`), not a lost byte (`Ñ?` in
                // Russian is `я`).
                Some(Token::Lost)
                    if j == 1
                        && tokens[i + 1].2 == '?'
                        && (line.letter)(tokens[i].2) != Some(false) =>
                {
                    return Err(i + 1);
                }
                Some(Token::Lost) => lost = true,
                Some(Token::Space) if continues(lead, j, 0xA0) => {
                    bytes[j] = 0xA0;
                    space = space.or(Some(i + j));
                }
                _ => break,
            }
            j += 1;
        }
        let complete = j == len;
        match (complete, lost, space) {
            (false, _, None) => {
                // Cut short: the next byte leads another character (or the
                // stretch ends), so the bytes between were dropped.
                stretch.text.push('\u{FFFD}');
                stretch.truncated += 1;
                if j > 1 {
                    stretch.cut_long += 1;
                }
                if tokens[i + 1..i + j]
                    .iter()
                    .any(|&(_, _, c)| !c.is_alphabetic() && !(line.clean_punctuation)(c))
                {
                    stretch.cut_tail += 1;
                }
                if i + j < tokens.len() || after != Some(' ') {
                    stretch.cut_mid += 1;
                }
                i += j;
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
            (true, false, Some(space)) => match decode_sequence(&bytes[..len]) {
                Some(c) if (line.letter)(c) == Some(true) => {
                    stretch.text.push(c);
                    stretch.recovered += 1;
                }
                _ => return Err(space),
            },
            (_, _, Some(space)) => return Err(space),
        }
        i += len;
    }
    Ok(Some(stretch))
}
