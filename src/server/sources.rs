//! Where a source sentence stands in its original file, as an LSP location. The files are
//! read lazily, once per loaded corpus, only when a match has to be pointed at.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tower_lsp::lsp_types::{Location, Position, Range};

use super::to_proto::{self, Lines};
use crate::corpus::{Corpus, DocId, Occurrence, SentenceId};
use crate::text::{LineIndex, PositionEncoding};

struct SourceText {
    text: String,
    index: LineIndex,
}

/// Original texts of the corpus files, read on first use.
#[derive(Default)]
pub struct SourceTexts {
    read: Mutex<HashMap<DocId, Option<Arc<SourceText>>>>,
}

impl SourceTexts {
    fn get(&self, corpus: &Corpus, doc: DocId) -> Option<Arc<SourceText>> {
        let mut read = self.read.lock().unwrap_or_else(|p| p.into_inner());
        read.entry(doc)
            .or_insert_with(|| {
                let path = &corpus.documents.get(doc.0 as usize)?.path;
                let text = std::fs::read_to_string(path).ok()?;
                let index = LineIndex::new(&text);
                Some(Arc::new(SourceText { text, index }))
            })
            .clone()
    }

    /// The first place the sentence occurs. If the file can no longer be read, the start of
    /// the line the corpus recorded.
    pub fn location(
        &self,
        corpus: &Corpus,
        sentence: SentenceId,
        encoding: PositionEncoding,
    ) -> Option<Location> {
        let occurrence = corpus
            .sentences
            .get(sentence.0 as usize)?
            .occurrences
            .first()?;
        self.occurrence_location(corpus, occurrence, encoding)
    }

    fn occurrence_location(
        &self,
        corpus: &Corpus,
        occurrence: &Occurrence,
        encoding: PositionEncoding,
    ) -> Option<Location> {
        let doc = corpus.documents.get(occurrence.doc.0 as usize)?;
        let uri = to_proto::file_url(&doc.path)?;
        let range = match self.get(corpus, occurrence.doc) {
            Some(source) => Lines {
                text: &source.text,
                index: &source.index,
                encoding,
            }
            .range(occurrence.byte_range.clone()),
            None => {
                let line = Position::new(occurrence.line.saturating_sub(1), 0);
                Range::new(line, line)
            }
        };
        Some(Location { uri, range })
    }
}
