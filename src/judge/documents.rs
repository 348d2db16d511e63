//! What a source's whole document mentions, beyond the one sentence a match quotes.
//!
//! A paraphrase may leave an actor to its context ("the Russian leader" in a piece about
//! Putin), but a document that never names an actor is not the source of a claim about it:
//! that is how a source's claim with a new actor or place appended is told from the claim.

use std::collections::HashSet;

use crate::corpus::{Corpus, DocId, SentenceId};
use crate::index::Index;
use crate::terms::Analyzer;

pub struct SourceDocuments {
    /// Each document's sentences, ascending by id (looked up in the index's postings).
    sentences: Vec<Vec<SentenceId>>,
    /// Each document's sentences in the order the document says them.
    in_order: Vec<Vec<SentenceId>>,
    /// Keys of what each document's metadata names: author, affiliation, title.
    metadata: Vec<HashSet<String>>,
}

impl SourceDocuments {
    pub fn new(corpus: &Corpus, analyzer: &Analyzer) -> Self {
        let metadata = corpus
            .documents
            .iter()
            .map(|d| {
                let m = &d.meta;
                [&m.author, &m.affiliation, &m.attribution, &m.title]
                    .into_iter()
                    .flatten()
                    .flat_map(|text| analyzer.analyze(text).terms)
                    .map(|t| t.key)
                    .collect()
            })
            .collect();
        let in_order = corpus.sentences_by_document();
        let sentences = in_order
            .iter()
            .map(|list| {
                let mut sorted = list.clone();
                sorted.sort_unstable();
                sorted
            })
            .collect();
        SourceDocuments {
            sentences,
            in_order,
            metadata,
        }
    }

    /// Whether document `doc` names the actor or name `key` anywhere: in a sentence or its
    /// metadata, itself or through an actor that belongs to it (Erdogan for Turkey).
    pub fn mentions(&self, doc: DocId, key: &str, index: &Index, analyzer: &Analyzer) -> bool {
        let narrower = key
            .strip_prefix('@')
            .map(|canonical| analyzer.aliases().narrower(canonical))
            .unwrap_or_default();
        let keys =
            std::iter::once(key.to_string()).chain(narrower.into_iter().map(|n| format!("@{n}")));
        let (Some(sentences), Some(metadata)) = (
            self.sentences.get(doc.0 as usize),
            self.metadata.get(doc.0 as usize),
        ) else {
            return false;
        };
        keys.into_iter()
            .any(|k| metadata.contains(&k) || index.any_holds(&k, sentences))
    }

    /// Whether one of the `radius` sentences before or after `sentence` in document `doc`
    /// holds `key`: the context a number or date of a claim may come from ("back then",
    /// said after a sentence naming 2016).
    pub fn near(
        &self,
        doc: DocId,
        sentence: SentenceId,
        radius: usize,
        key: &str,
        index: &Index,
    ) -> bool {
        let Some(list) = self.in_order.get(doc.0 as usize) else {
            return false;
        };
        let Some(at) = list.iter().position(|&s| s == sentence) else {
            return false;
        };
        let mut around: Vec<SentenceId> =
            list[at.saturating_sub(radius)..(at + radius + 1).min(list.len())].to_vec();
        around.sort_unstable();
        index.any_holds(key, &around)
    }
}
