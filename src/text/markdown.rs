//! Markdown → prose sentences with exact byte ranges.

use super::DraftSentence;

pub fn prose_sentences(markdown: &str) -> Vec<DraftSentence> {
    // placeholder: every line is a paragraph
    let mut out = Vec::new();
    let mut offset = 0;
    for line in markdown.split_inclusive('\n') {
        for r in super::split_sentences(line) {
            let range = offset + r.start..offset + r.end;
            out.push(DraftSentence {
                text: markdown[range.clone()].to_string(),
                byte_range: range,
                block: super::BlockKind::Paragraph,
                quoted: false,
                cited: false,
                suppression: None,
            });
        }
        offset += line.len();
    }
    out
}
