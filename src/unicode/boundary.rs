//! Cutting text at a character boundary.

/// The largest character boundary of `text` at or before `at` (`text.len()`
/// when `at` lies beyond it): where to cut `text` to at most `at` bytes
/// without splitting a character. The standard library's
/// `str::floor_char_boundary` is not stable yet.
pub(crate) fn floor_char_boundary(text: &str, at: usize) -> usize {
    if at >= text.len() {
        return text.len();
    }
    // A boundary is at most three bytes back (a character has at most four).
    let mut end = at;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    end
}

#[cfg(test)]
mod tests {
    use super::floor_char_boundary;

    #[test]
    fn never_splits_a_character() {
        let text = "aé€😀";
        let cuts: Vec<usize> = (0..=12).map(|at| floor_char_boundary(text, at)).collect();
        assert_eq!(cuts, [0, 1, 1, 3, 3, 3, 6, 6, 6, 6, 10, 10, 10]);
        assert_eq!(floor_char_boundary("", 5), 0);
    }
}
