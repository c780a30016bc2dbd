//! A small cache of recent answers about a run between two characters,
//! for the questions the `mojibake` step asks again and again: a damaged
//! line repeats its few runs (`â€™`, `Ã©`) between the same letters, and
//! the search weighs the same readings of a run once per chain.
//!
//! Two-way set-associative: each question has a set of two slots (by a
//! hash of the whole question), the answer used last first; a new answer
//! takes the place of the one used less recently, and an answer is only
//! given back for the very question it was stored with. (Direct-mapped,
//! two frequent questions that share a slot evicted each other at every
//! turn: in 3 MB of text with every third line read as windows-1252, a
//! damaged Arabic word and a Cyrillic one did so 30 times each, and of
//! 4,400 runs the fast path weighed, 3,800 were weighed again for it.)
//! Texts longer than [`TEXT`] bytes are never kept.

/// The longest text (in bytes) a question may have to be kept: a word of
/// 15 Greek or Cyrillic letters read through windows-1252 (`ÎµÏ€Î±Î½Î±…`,
/// 60 bytes), which a damaged line of a Latin text repeats as often as
/// its shorter runs (at 48 bytes, 662 of the 5,075 runs the fast path
/// weighed in 3 MB of the e2e mojibake input were too long to keep).
pub(super) const TEXT: usize = 64;

/// How many answers a memo keeps (a power of two): room for the runs of a
/// few hundred damaged lines with their neighbours, about 340 KB.
const SLOTS: usize = 4096;

/// How many slots a question may take (a set): the answer used last is
/// first in its set.
const WAYS: usize = 2;
const _: () = assert!(SLOTS.is_power_of_two() && SLOTS >= 2 * WAYS && WAYS == 2);

/// A question: a text, the characters around it and one more number the
/// answer depends on (the line's script).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) struct Question {
    before: u32,
    after: u32,
    extra: u32,
    len: u32,
    text: [u8; TEXT],
}

impl Question {
    /// The question no one asks (its length is beyond [`TEXT`]).
    const NONE: Question = Question {
        before: 0,
        after: 0,
        extra: 0,
        len: u32::MAX,
        text: [0; TEXT],
    };

    /// `text` between `before` and `after`, with `extra`; `None` when the
    /// text is too long to keep.
    pub(super) fn new(
        before: Option<char>,
        text: &str,
        after: Option<char>,
        extra: u32,
    ) -> Option<Question> {
        // Beyond every character: no character there.
        const ABSENT: u32 = 0x11_0000;
        if text.len() > TEXT {
            return None;
        }
        let mut question = Question {
            before: before.map_or(ABSENT, u32::from),
            after: after.map_or(ABSENT, u32::from),
            extra,
            len: text.len() as u32,
            text: [0; TEXT],
        };
        question.text[..text.len()].copy_from_slice(text.as_bytes());
        Some(question)
    }

    /// The first slot of the question's set in a memo.
    fn slot(&self) -> usize {
        const MUL: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut hash = (u64::from(self.before) << 32 | u64::from(self.after)).wrapping_mul(MUL)
            ^ (u64::from(self.extra) << 32 | u64::from(self.len));
        // Only the words that hold the text.
        let words = (self.len as usize).div_ceil(8);
        for chunk in self.text.chunks_exact(8).take(words) {
            let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
            hash = (hash ^ word).wrapping_mul(MUL);
        }
        let sets = SLOTS / WAYS;
        (hash >> (64 - sets.trailing_zeros())) as usize * WAYS
    }
}

/// The last answers given, one per slot, [`WAYS`] slots a set.
pub(super) struct Memo<A> {
    slots: Box<[(Question, A)]>,
}

impl<A: Copy + Default> Memo<A> {
    /// An empty memo.
    pub(super) fn new() -> Memo<A> {
        Memo {
            slots: vec![(Question::NONE, A::default()); SLOTS].into_boxed_slice(),
        }
    }

    /// The answer to `question`: the one kept, or `answer()`, then kept.
    /// Either way it is first in its set after, and the answer used less
    /// recently of the two is the one a new answer replaces.
    pub(super) fn answer(&mut self, question: Question, answer: impl FnOnce() -> A) -> A {
        let at = question.slot();
        let set = &mut self.slots[at..at + WAYS];
        if set[0].0 == question {
            return set[0].1;
        }
        if set[1].0 != question {
            set[1] = (question, answer());
        }
        set.swap(0, 1);
        set[0].1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_is_given_back_for_its_own_question_only() {
        let mut memo: Memo<i32> = Memo::new();
        let ask = |text: &str, before: char, extra: u32| {
            Question::new(Some(before), text, None, extra).unwrap()
        };
        let mut asked = 0;
        // More questions than slots: every answer is right, kept or not.
        for round in 0..2 {
            for i in 0..3000u32 {
                let text = format!("q{i}");
                let expected = i as i32 * 7;
                let got = memo.answer(ask(&text, 'a', i % 3), || {
                    asked += 1;
                    expected
                });
                assert_eq!(got, expected, "round {round} question {i}");
            }
        }
        assert!(asked < 6000, "some answers were kept");
        // The same text with another neighbour or extra is another question.
        assert_eq!(memo.answer(ask("x", 'a', 0), || 1), 1);
        assert_eq!(memo.answer(ask("x", 'b', 0), || 2), 2);
        assert_eq!(memo.answer(ask("x", 'a', 1), || 3), 3);
        assert_eq!(memo.answer(ask("x", 'a', 0), || 4), 1);
        assert!(Question::new(None, &"é".repeat(TEXT), None, 0).is_none());
    }

    #[test]
    fn questions_spread_over_every_set() {
        // Four questions a set: nearly every set gets one (a hash that
        // kept too few bits, as one once did, reaches a quarter of them).
        let sets = SLOTS / WAYS;
        let mut used = vec![false; sets];
        for i in 0..4 * sets {
            let slot = Question::new(Some(' '), &format!("Ã{i}©"), Some(','), 0)
                .unwrap()
                .slot();
            assert_eq!(slot % WAYS, 0);
            used[slot / WAYS] = true;
        }
        let reached = used.iter().filter(|&&u| u).count();
        assert!(reached > sets * 95 / 100, "{reached} of {sets} sets");
    }

    #[test]
    fn two_questions_of_one_set_are_both_kept() {
        // Two questions that share a set, asked in turn, are answered once
        // each; a third one evicts the one used less recently.
        let question = |i: u32| Question::new(Some(' '), &format!("q{i}"), None, 0).unwrap();
        let first = question(0);
        let mut same_set = (1..).map(question).filter(|q| q.slot() == first.slot());
        let (second, third) = (same_set.next().unwrap(), same_set.next().unwrap());
        let mut memo: Memo<u32> = Memo::new();
        let mut asked = 0;
        for _ in 0..3 {
            for (q, value) in [(first, 1), (second, 2)] {
                let got = memo.answer(q, || {
                    asked += 1;
                    value
                });
                assert_eq!(got, value);
            }
        }
        assert_eq!(asked, 2);
        // `second` was used last: `third` takes `first`'s place.
        assert_eq!(memo.answer(third, || 3), 3);
        assert_eq!(memo.answer(second, || 20), 2);
        assert_eq!(memo.answer(first, || 10), 10);
    }
}
