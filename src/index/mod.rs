//! Source sentences → a searchable inverted index.
//!
//! Every source sentence is analysed once ([`crate::terms::Analyzer`]); the index keeps
//! postings per term and each sentence's term list, and ranks candidates for a query with
//! BM25. It knows nothing about verdicts: it only says which sources share which terms.
//!
//! Layout: term ids are given in order of first appearance (sentence by sentence, term by
//! term); postings of all terms lie in two flat arrays (sentence, term frequency) sliced by
//! `posting_offsets`, sorted by sentence. Building analyses blocks of sentences on every
//! core, each worker interning keys into its own vocabulary, and then merges the workers'
//! vocabularies in sentence order, so the ids and postings are exactly those a one-thread
//! build gives.

mod bm25;
mod build;
mod vectors;

use std::sync::Mutex;

use crate::corpus::{Corpus, SentenceId};
use crate::terms::{Analysis, Analyzer};

use crate::hash::FxHashMap;
pub use bm25::Candidate;
pub use vectors::{Embedding, SentenceVectors};

/// Term id in the index vocabulary.
pub type TermId = u32;

pub struct Index {
    vocabulary: FxHashMap<String, TermId>,
    /// `posting_offsets[t]..posting_offsets[t + 1]` slices the postings of term `t`.
    posting_offsets: Vec<u32>,
    /// Sentence index of each posting, ascending within a term.
    posting_sentences: Vec<u32>,
    /// Term frequency of each posting, parallel to `posting_sentences`.
    posting_frequencies: Vec<u16>,
    /// Each sentence's distinct terms, flattened; `term_offsets[i]..term_offsets[i+1]`.
    sentence_terms: Vec<TermId>,
    term_offsets: Vec<u32>,
    /// Each sentence's BM25 length normalisation ([`bm25::norm`]), computed once.
    norms: Vec<f32>,
    /// Dense score arrays reused by searches, one per search running at the same time.
    scratch: Mutex<Vec<bm25::Scratch>>,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index")
            .field("sentences", &self.len())
            .field("terms", &self.vocabulary.len())
            .finish()
    }
}

impl Index {
    /// Analyses and indexes every sentence of `corpus`, using all cores.
    pub fn build(corpus: &Corpus, analyzer: &Analyzer) -> Index {
        build::build(corpus, analyzer)
    }

    pub fn len(&self) -> usize {
        self.term_offsets.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn term_id(&self, key: &str) -> Option<TermId> {
        self.vocabulary.get(key).copied()
    }

    /// How many sentences hold the term.
    pub fn document_frequency(&self, key: &str) -> usize {
        self.term_id(key).map_or(0, |id| self.postings(id).0.len())
    }

    /// Whether any of `sentences` (ascending) holds the term: each of the shorter list
    /// looked up in the longer, both sorted.
    pub fn any_holds(&self, key: &str, sentences: &[SentenceId]) -> bool {
        let Some(term) = self.term_id(key) else {
            return false;
        };
        let postings = self.postings(term).0;
        if postings.len() <= sentences.len() {
            postings
                .iter()
                .any(|p| sentences.binary_search(&SentenceId(*p)).is_ok())
        } else {
            sentences
                .iter()
                .any(|s| postings.binary_search(&s.0).is_ok())
        }
    }

    /// Inverse document frequency (BM25's, never negative). A term no source uses gets the
    /// highest weight a term could have.
    pub fn idf(&self, key: &str) -> f32 {
        self.idf_of_frequency(self.document_frequency(key))
    }

    fn idf_of_frequency(&self, df: usize) -> f32 {
        let n = self.len() as f32;
        let df = df as f32;
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
    }

    /// The distinct terms of a source sentence.
    pub fn terms_of(&self, sentence: SentenceId) -> &[TermId] {
        let i = sentence.0 as usize;
        match (self.term_offsets.get(i), self.term_offsets.get(i + 1)) {
            (Some(&a), Some(&b)) => &self.sentence_terms[a as usize..b as usize],
            _ => &[],
        }
    }

    /// The sentences holding a term, ascending, with the term's frequency in each.
    fn postings(&self, term: TermId) -> (&[u32], &[u16]) {
        let t = term as usize;
        match (self.posting_offsets.get(t), self.posting_offsets.get(t + 1)) {
            (Some(&a), Some(&b)) => (
                &self.posting_sentences[a as usize..b as usize],
                &self.posting_frequencies[a as usize..b as usize],
            ),
            _ => (&[], &[]),
        }
    }

    /// The `limit` best sentences for the query's terms by BM25, best first.
    pub fn search(&self, query: &Analysis, limit: usize) -> Vec<Candidate> {
        bm25::search(self, query, limit)
    }

    /// Approximate heap bytes held by the index (the vocabulary's table estimated at one
    /// key, id and control byte per slot, with the table's usual 7/8 load).
    pub fn heap_bytes(&self) -> usize {
        let keys: usize = self.vocabulary.keys().map(String::capacity).sum();
        let slot = std::mem::size_of::<(String, TermId)>() + 1;
        let table = self.vocabulary.capacity() * 8 / 7 * slot;
        let scratch: usize = self
            .scratch
            .lock()
            .map_or(0, |pool| pool.iter().map(bm25::Scratch::heap_bytes).sum());
        keys + table
            + self.posting_offsets.capacity() * 4
            + self.posting_sentences.capacity() * 4
            + self.posting_frequencies.capacity() * 2
            + self.sentence_terms.capacity() * 4
            + self.term_offsets.capacity() * 4
            + self.norms.capacity() * 4
            + scratch
    }
}

#[cfg(test)]
mod reference;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bench::{draft, generate, Vocabulary};
    use crate::terms::AliasTable;

    /// The index must rank exactly as the first, simple implementation did (kept in
    /// `reference`): same ids, same postings, same candidates in the same order.
    #[test]
    fn same_index_and_rankings_as_the_reference_implementation() {
        let vocab = Vocabulary::new(21, 4_000);
        // Enough sentences for several build blocks and for terms above the "common" cut.
        let corpus = generate(&vocab, 21, 9_000).corpus;
        let analyzer = Analyzer::new(AliasTable::default_table());
        let old = reference::ReferenceIndex::build(&corpus, &analyzer);
        // This machine's core count, then many small blocks over three workers so blocks
        // of one worker interleave with another's.
        for index in [
            Index::build(&corpus, &analyzer),
            build::build_with(&corpus, &analyzer, 3, 700),
            build::build_with(&corpus, &analyzer, 1, 700),
        ] {
            same_as_reference(&index, &old, &corpus, &analyzer, &vocab);
        }
    }

    fn same_as_reference(
        index: &Index,
        old: &reference::ReferenceIndex,
        corpus: &Corpus,
        analyzer: &Analyzer,
        vocab: &Vocabulary,
    ) {
        assert_eq!(index.len(), old.len());
        assert_eq!(index.vocabulary.len(), old.vocabulary.len());
        for (key, &id) in &old.vocabulary {
            assert_eq!(index.term_id(key), Some(id), "{key}");
            let (sentences, frequencies) = index.postings(id);
            let expected = &old.postings[id as usize];
            assert_eq!(sentences.len(), expected.len(), "{key}");
            assert!(sentences
                .iter()
                .zip(frequencies)
                .eq(expected.iter().map(|(s, f)| (s, f))));
            assert_eq!(index.idf(key).to_bits(), old.idf(key).to_bits(), "{key}");
        }
        for i in 0..corpus.sentences.len() as u32 {
            assert_eq!(index.terms_of(SentenceId(i)), old.terms_of(SentenceId(i)));
        }
        for i in 0..corpus.sentences.len() {
            let len = old.terms_of(SentenceId(i as u32)).len();
            let norm = bm25::norm(len, old.average_length);
            assert_eq!(index.norms[i].to_bits(), norm.to_bits(), "sentence {i}");
        }

        let d = draft::draft(vocab, corpus, 21, 3_000);
        let mut queries: Vec<String> = crate::text::draft_sentences(&d.markdown)
            .into_iter()
            .map(|s| s.text)
            .collect();
        queries.extend(corpus.sentences.iter().step_by(97).map(|s| s.text.clone()));
        queries.push("Russia".into());
        queries.push("the and of".into());
        let mut compared = 0;
        for q in &queries {
            let analysis = analyzer.analyze(q);
            for limit in [1, 5, 40, 100_000] {
                let got = index.search(&analysis, limit);
                let want = old.search(&analysis, limit);
                assert_eq!(got.len(), want.len(), "{q} (limit {limit})");
                for (g, w) in got.iter().zip(&want) {
                    assert_eq!(g.sentence, w.sentence, "{q} (limit {limit})");
                    assert_eq!(g.bm25.to_bits(), w.bm25.to_bits(), "{q} (limit {limit})");
                }
                compared += got.len();
            }
        }
        assert!(compared > 10_000, "{compared}");
    }

    #[test]
    fn an_empty_corpus_gives_an_empty_index() {
        let analyzer = Analyzer::new(AliasTable::default_table());
        let index = Index::build(&Corpus::default(), &analyzer);
        assert!(index.is_empty());
        assert!(index
            .search(&analyzer.analyze("Russia sent troops"), 10)
            .is_empty());
        assert_eq!(index.terms_of(SentenceId(0)), &[] as &[TermId]);
        assert_eq!(index.document_frequency("troop"), 0);
    }
}
