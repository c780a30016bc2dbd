//! The ASCII fast path shared by the scan and the character steps.

/// The length of the longest all-ASCII prefix of `bytes`, found eight bytes
/// at a time.
pub(crate) fn ascii_prefix_len(bytes: &[u8]) -> usize {
    const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
    let mut chunks = bytes.chunks_exact(8);
    let mut len = 0;
    for chunk in &mut chunks {
        let word = u64::from_le_bytes(chunk.try_into().expect("chunks_exact yields 8 bytes"));
        let high = word & HIGH_BITS;
        if high != 0 {
            // The first byte with its high bit set, in memory order (the
            // word was read little-endian): no loop over the bytes before it.
            return len + (high.trailing_zeros() / 8) as usize;
        }
        len += 8;
    }
    len + chunks
        .remainder()
        .iter()
        .take_while(|b| b.is_ascii())
        .count()
}

#[cfg(test)]
mod tests {
    use super::ascii_prefix_len;

    #[test]
    fn finds_the_first_non_ascii_byte_at_every_alignment() {
        for prefix in 0..20 {
            let mut text = "a".repeat(prefix);
            text.push('é');
            text.push_str("tail");
            assert_eq!(ascii_prefix_len(text.as_bytes()), prefix);
        }
    }

    #[test]
    fn all_ascii_is_the_whole_length() {
        for len in 0..20 {
            assert_eq!(ascii_prefix_len("x".repeat(len).as_bytes()), len);
        }
    }
}
