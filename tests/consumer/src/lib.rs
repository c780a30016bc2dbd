//! A stand-in for a project with its own text pipeline: here, a word counter
//! that should give the same answer on damaged text once rinse has cleaned
//! it.

/// The number of words in `text` (runs of alphanumeric characters).
pub fn word_count(text: &str) -> usize {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .count()
}
