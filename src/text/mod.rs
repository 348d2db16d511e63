//! Draft → sentences with exact ranges.
//!
//! `markdown` finds the prose of a Markdown draft (paragraphs, list items, blockquotes,
//! emphasis, footnote definitions, link text; not code, front matter, HTML comments or
//! link URLs), `split` cuts prose into sentences, and `line_index` converts byte offsets
//! to editor positions (UTF-8 or UTF-16 columns). Suppression comments
//! (`<!-- corroborate: own -->`, `off`/`on`, `ignore-file`; docs/suppression.md) are read
//! with the Markdown and applied by `suppression`; `citation` tells a cited or quoted
//! sentence. Nothing here knows about sources.

use std::ops::Range;

mod citation;
pub mod line_index;
pub mod markdown;
pub mod split;
mod suppression;

pub use line_index::{LineIndex, Position, PositionEncoding};
pub use split::split_sentences;
pub use suppression::own_analysis_marker;

/// The Markdown block a sentence stands in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    Paragraph,
    ListItem,
    BlockQuote,
    Heading,
    Footnote,
    TableCell,
}

/// Why the writer asked the checker to leave a sentence alone (inline HTML comments, see
/// docs/suppression.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Suppression {
    /// `<!-- corroborate: own -->` after the sentence: the writer's own analysis.
    OwnAnalysis,
    /// Inside `<!-- corroborate off -->` … `<!-- corroborate on -->`, or a file with
    /// `<!-- corroborate: ignore-file -->`.
    Ignored,
}

/// One sentence of a draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftSentence {
    /// The sentence as a reader sees it: Markdown markup (emphasis markers, link URLs,
    /// footnote references) removed, whitespace runs collapsed to one space.
    pub text: String,
    /// Byte range in the draft, from the first to the last character of the sentence
    /// (markup inside included, surrounding emphasis markers excluded).
    pub byte_range: Range<usize>,
    pub block: BlockKind,
    /// The whole sentence stands in quotation marks (or in a blockquote): it quotes.
    pub quoted: bool,
    /// The sentence carries a citation: a footnote reference or a link inside or right
    /// after it.
    pub cited: bool,
    pub suppression: Option<Suppression>,
}

impl DraftSentence {
    /// A plain sentence standing at `start` in a paragraph: not quoted, not cited, not
    /// suppressed. For sentences that come from elsewhere than a Markdown draft (a command
    /// line argument, a test).
    pub fn plain(text: &str, start: usize) -> DraftSentence {
        DraftSentence {
            text: text.to_string(),
            byte_range: start..start + text.len(),
            block: BlockKind::Paragraph,
            quoted: false,
            cited: false,
            suppression: None,
        }
    }
}

/// Every sentence of a Markdown draft, in document order, headings included.
pub fn draft_sentences(markdown: &str) -> Vec<DraftSentence> {
    markdown::prose_sentences(markdown)
}
