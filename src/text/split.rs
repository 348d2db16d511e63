//! Plain prose → sentences. Abbreviations (U.S., e.g., Mr., Jan., No.), decimals,
//! ellipses, quotes and parentheses do not end a sentence.

use std::ops::Range;

/// Byte ranges of the sentences of `text`, trimmed of surrounding whitespace, in order.
pub fn split_sentences(text: &str) -> Vec<Range<usize>> {
    // placeholder: split after . ! ? followed by whitespace
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if matches!(b, b'.' | b'!' | b'?')
            && bytes.get(i + 1).is_none_or(|c| c.is_ascii_whitespace())
        {
            push_trimmed(text, start..i + 1, &mut out);
            start = i + 1;
        }
    }
    push_trimmed(text, start..text.len(), &mut out);
    out
}

fn push_trimmed(text: &str, r: Range<usize>, out: &mut Vec<Range<usize>>) {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push(r.start + lead..r.end - trail);
    }
}
