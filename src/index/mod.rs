//! Source sentences → a searchable inverted index.
//!
//! Every source sentence is analysed once ([`crate::terms::Analyzer`]); the index keeps
//! postings per term and each sentence's term list, and ranks candidates for a query with
//! BM25. It knows nothing about verdicts: it only says which sources share which terms.

mod bm25;

use std::collections::HashMap;

use crate::corpus::{Corpus, SentenceId};
use crate::terms::{Analysis, Analyzer};

pub use bm25::Candidate;

/// Term id in the index vocabulary.
pub type TermId = u32;

pub struct Index {
    vocabulary: HashMap<String, TermId>,
    /// Postings per term: (sentence index, term frequency).
    postings: Vec<Vec<(u32, u16)>>,
    /// Each sentence's distinct terms, flattened; `term_offsets[i]..term_offsets[i+1]`.
    sentence_terms: Vec<TermId>,
    term_offsets: Vec<u32>,
    average_length: f32,
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
        let texts: Vec<&str> = corpus.sentences.iter().map(|s| s.text.as_str()).collect();
        let analyses = analyze_parallel(&texts, analyzer);
        let mut index = Index {
            vocabulary: HashMap::new(),
            postings: Vec::new(),
            sentence_terms: Vec::with_capacity(analyses.iter().map(|a| a.len()).sum()),
            term_offsets: Vec::with_capacity(texts.len() + 1),
            average_length: 0.0,
        };
        index.term_offsets.push(0);
        let mut total_length = 0usize;
        for (sentence, keys) in analyses.into_iter().enumerate() {
            total_length += keys.len();
            let mut counts: Vec<(TermId, u16)> = Vec::with_capacity(keys.len());
            for key in keys {
                let next_id = index.vocabulary.len() as TermId;
                let id = *index.vocabulary.entry(key).or_insert(next_id);
                if id == next_id {
                    index.postings.push(Vec::new());
                }
                match counts.iter_mut().find(|(t, _)| *t == id) {
                    Some((_, c)) => *c = c.saturating_add(1),
                    None => counts.push((id, 1)),
                }
            }
            for (id, tf) in counts {
                index.postings[id as usize].push((sentence as u32, tf));
                index.sentence_terms.push(id);
            }
            index.term_offsets.push(index.sentence_terms.len() as u32);
        }
        index.average_length = if texts.is_empty() {
            1.0
        } else {
            (total_length as f32 / texts.len() as f32).max(1.0)
        };
        index
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
        self.term_id(key)
            .map_or(0, |id| self.postings[id as usize].len())
    }

    /// Inverse document frequency (BM25's, never negative). A term no source uses gets the
    /// highest weight a term could have.
    pub fn idf(&self, key: &str) -> f32 {
        let n = self.len() as f32;
        let df = self.document_frequency(key) as f32;
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

    /// The `limit` best sentences for the query's terms by BM25, best first.
    pub fn search(&self, query: &Analysis, limit: usize) -> Vec<Candidate> {
        bm25::search(self, query, limit)
    }

    /// Approximate heap bytes held by the index.
    pub fn heap_bytes(&self) -> usize {
        let postings: usize = self
            .postings
            .iter()
            .map(|p| p.capacity() * std::mem::size_of::<(u32, u16)>() + 24)
            .sum();
        let vocabulary: usize = self
            .vocabulary
            .keys()
            .map(|k| k.capacity() + 24 + 8)
            .sum::<usize>()
            * 2;
        postings
            + vocabulary
            + self.sentence_terms.capacity() * 4
            + self.term_offsets.capacity() * 4
    }
}

fn analyze_parallel(texts: &[&str], analyzer: &Analyzer) -> Vec<Vec<String>> {
    let keys_of = |t: &&str| {
        analyzer
            .analyze(t)
            .terms
            .into_iter()
            .map(|t| t.key)
            .collect::<Vec<_>>()
    };
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    if texts.len() < 2_000 || threads == 1 {
        return texts.iter().map(keys_of).collect();
    }
    let chunk = texts.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = texts
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(keys_of).collect::<Vec<_>>()))
            .collect();
        // A panic in a worker is a bug in the analyzer; surface it rather than lose sentences.
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}
