//! The first, simple index (one `Vec` of postings per term, a `HashMap` of scores per
//! search), kept for the tests: the fast index must give exactly its results.

use std::collections::HashMap;

use super::{Candidate, TermId};
use crate::corpus::{Corpus, SentenceId};
use crate::terms::{Analysis, Analyzer};

const K1: f32 = 1.2;
const B: f32 = 0.75;

pub struct ReferenceIndex {
    pub vocabulary: HashMap<String, TermId>,
    pub postings: Vec<Vec<(u32, u16)>>,
    sentence_terms: Vec<TermId>,
    term_offsets: Vec<u32>,
    pub average_length: f32,
}

impl ReferenceIndex {
    pub fn build(corpus: &Corpus, analyzer: &Analyzer) -> ReferenceIndex {
        let mut index = ReferenceIndex {
            vocabulary: HashMap::new(),
            postings: Vec::new(),
            sentence_terms: Vec::new(),
            term_offsets: vec![0],
            average_length: 0.0,
        };
        let mut total_length = 0usize;
        for (sentence, s) in corpus.sentences.iter().enumerate() {
            let keys: Vec<String> = analyzer
                .analyze(&s.text)
                .terms
                .into_iter()
                .map(|t| t.key)
                .collect();
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
        let n = corpus.sentences.len();
        index.average_length = if n == 0 {
            1.0
        } else {
            (total_length as f32 / n as f32).max(1.0)
        };
        index
    }

    pub fn len(&self) -> usize {
        self.term_offsets.len() - 1
    }

    pub fn idf(&self, key: &str) -> f32 {
        let n = self.len() as f32;
        let df = self
            .vocabulary
            .get(key)
            .map_or(0, |&id| self.postings[id as usize].len()) as f32;
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
    }

    pub fn terms_of(&self, sentence: SentenceId) -> &[TermId] {
        let i = sentence.0 as usize;
        match (self.term_offsets.get(i), self.term_offsets.get(i + 1)) {
            (Some(&a), Some(&b)) => &self.sentence_terms[a as usize..b as usize],
            _ => &[],
        }
    }

    pub fn search(&self, query: &Analysis, limit: usize) -> Vec<Candidate> {
        let n = self.len();
        if n == 0 || limit == 0 {
            return Vec::new();
        }
        let mut terms: Vec<(u32, f32, u32)> = Vec::new();
        for key in query.keys() {
            if let Some(&id) = self.vocabulary.get(key) {
                match terms.iter_mut().find(|(t, _, _)| *t == id) {
                    Some((_, _, qtf)) => *qtf += 1,
                    None => terms.push((id, self.idf(key), 1)),
                }
            }
        }
        terms.sort_by(|a, b| b.1.total_cmp(&a.1));
        let common = (n / 10).max(50);
        let mut scores: HashMap<u32, f32> = HashMap::new();
        for (id, idf, qtf) in terms {
            let postings = &self.postings[id as usize];
            let only_existing = postings.len() > common && !scores.is_empty();
            for &(sentence, tf) in postings {
                let len = self.terms_of(SentenceId(sentence)).len() as f32;
                let tf = tf as f32;
                let s = idf * qtf as f32 * tf * (K1 + 1.0)
                    / (tf + K1 * (1.0 - B + B * len / self.average_length));
                if only_existing {
                    if let Some(v) = scores.get_mut(&sentence) {
                        *v += s;
                    }
                } else {
                    *scores.entry(sentence).or_insert(0.0) += s;
                }
            }
        }
        let mut ranked: Vec<Candidate> = scores
            .into_iter()
            .map(|(s, bm25)| Candidate {
                sentence: SentenceId(s),
                bm25,
            })
            .collect();
        let cmp = |a: &Candidate, b: &Candidate| {
            b.bm25.total_cmp(&a.bm25).then(a.sentence.cmp(&b.sentence))
        };
        if ranked.len() > limit {
            ranked.select_nth_unstable_by(limit - 1, cmp);
            ranked.truncate(limit);
        }
        ranked.sort_by(cmp);
        ranked
    }
}
