//! Sources on disk → clean source sentences.
//!
//! Discovery walks the corpus roots, each file is read, cleaned of scrape residue
//! (`clean`), given metadata (`metadata`), split into sentences that keep their line and
//! column in the original file, and sentences repeated by the same author are merged
//! (`dedup`). Nothing here knows about drafts, scores or the editor.

use std::ops::Range;
use std::path::PathBuf;

mod error;
pub use error::{CorpusError, CorpusWarning};

/// Index of a [`SourceDocument`] in [`Corpus::documents`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DocId(pub u32);

/// Index of a [`SourceSentence`] in [`Corpus::sentences`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SentenceId(pub u32);

/// What is known about who wrote a source and when. Every field but the file is optional:
/// it comes from `sources.toml`, YAML front matter, or is inferred from the text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceMeta {
    pub author: Option<String>,
    pub affiliation: Option<String>,
    /// How the author is known, e.g. "inferred" when the document does not name them.
    pub attribution: Option<String>,
    /// thread, article, report, …
    pub kind: Option<String>,
    pub title: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
}

/// One file of the corpus.
#[derive(Debug, Clone)]
pub struct SourceDocument {
    pub id: DocId,
    /// Absolute (canonical) path on disk.
    pub path: PathBuf,
    /// Path relative to the corpus root it was found under, with `/` separators.
    pub rel_path: String,
    pub meta: SourceMeta,
}

impl SourceDocument {
    /// The name a person sees: the author, else the title, else the file name; never blank.
    pub fn display_name(&self) -> &str {
        self.meta
            .author
            .as_deref()
            .or(self.meta.title.as_deref())
            .unwrap_or(&self.rel_path)
    }
}

/// Where a source sentence stands in its original (uncleaned) file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    pub doc: DocId,
    /// 1-based line in the original file.
    pub line: u32,
    /// 1-based column, counted in characters, in the original file.
    pub column: u32,
    /// Byte range of the sentence in the original file (from its first to its last
    /// character as found there; residue cleaned away inside it is included).
    pub byte_range: Range<usize>,
}

/// A cleaned sentence of a source, with every place it occurs. The same claim by the same
/// author in several documents (a thread scraped twice) is one `SourceSentence` with one
/// occurrence per document, the first one being where it was first seen.
#[derive(Debug, Clone)]
pub struct SourceSentence {
    pub id: SentenceId,
    pub text: String,
    pub occurrences: Vec<Occurrence>,
}

impl SourceSentence {
    pub fn primary(&self) -> &Occurrence {
        &self.occurrences[0]
    }
}

/// All loaded sources.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    pub documents: Vec<SourceDocument>,
    pub sentences: Vec<SourceSentence>,
}

impl Corpus {
    pub fn document(&self, id: DocId) -> &SourceDocument {
        &self.documents[id.0 as usize]
    }
    pub fn sentence(&self, id: SentenceId) -> &SourceSentence {
        &self.sentences[id.0 as usize]
    }
}

/// Loads every source under `roots` (folders searched recursively, or single files).
///
/// A missing root or a malformed `sources.toml` is an error; a single unreadable, binary or
/// non-UTF-8 file among good ones is a warning and the rest loads.
pub fn load(roots: &[PathBuf]) -> Result<(Corpus, Vec<CorpusWarning>), CorpusError> {
    let _ = roots;
    todo!("corpus::load")
}
