//! BM25 ranking over the inverted index, term at a time. Very common terms (in more than
//! a tenth of the sentences) only add to candidates that rarer terms found, which keeps a
//! query fast on a million sentences without changing the top of the ranking much.
//!
//! Scores accumulate in a dense array with one slot per sentence, reused across searches
//! (a slot is zero until a term touches it; every contribution is positive). Terms are
//! added in the same order, one contribution per term and sentence, so each score is the
//! same float sum whatever the container.

use super::Index;
use crate::corpus::SentenceId;
use crate::terms::Analysis;

const K1: f32 = 1.2;
const B: f32 = 0.75;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Candidate {
    pub sentence: SentenceId,
    pub bm25: f32,
}

/// A search's working memory: a score per sentence and the sentences touched so far.
#[derive(Debug, Default)]
pub struct Scratch {
    scores: Vec<f32>,
    touched: Vec<u32>,
}

impl Scratch {
    pub fn heap_bytes(&self) -> usize {
        self.scores.capacity() * 4 + self.touched.capacity() * 4
    }
}

pub fn search(index: &Index, query: &Analysis, limit: usize) -> Vec<Candidate> {
    let n = index.len();
    if n == 0 || limit == 0 {
        return Vec::new();
    }
    let mut terms: Vec<(u32, f32, u32)> = Vec::new();
    for key in query.keys() {
        if let Some(id) = index.term_id(key) {
            match terms.iter_mut().find(|(t, _, _)| *t == id) {
                Some((_, _, qtf)) => *qtf += 1,
                None => terms.push((id, index.idf_of_frequency(index.postings(id).0.len()), 1)),
            }
        }
    }
    terms.sort_by(|a, b| b.1.total_cmp(&a.1));
    let common = (n / 10).max(50);

    let mut scratch = index
        .scratch
        .lock()
        .ok()
        .and_then(|mut pool| pool.pop())
        .unwrap_or_default();
    scratch.scores.resize(n, 0.0);
    let Scratch { scores, touched } = &mut scratch;
    let offsets = &index.term_offsets;
    let length = |sentence: u32| {
        let i = sentence as usize;
        match (offsets.get(i), offsets.get(i + 1)) {
            (Some(&a), Some(&b)) => (b - a) as f32,
            _ => 0.0,
        }
    };
    for (id, idf, qtf) in terms {
        let (sentences, frequencies) = index.postings(id);
        let only_existing = sentences.len() > common && !touched.is_empty();
        for (&sentence, &tf) in sentences.iter().zip(frequencies) {
            let Some(slot) = scores.get_mut(sentence as usize) else {
                continue;
            };
            if only_existing && *slot == 0.0 {
                continue;
            }
            let len = length(sentence);
            let tf = tf as f32;
            let s = idf * qtf as f32 * tf * (K1 + 1.0)
                / (tf + K1 * (1.0 - B + B * len / index.average_length));
            if *slot == 0.0 {
                touched.push(sentence);
            }
            *slot += s;
        }
    }
    let mut ranked: Vec<Candidate> = touched
        .iter()
        .map(|&s| Candidate {
            sentence: SentenceId(s),
            bm25: scores.get(s as usize).copied().unwrap_or(0.0),
        })
        .collect();
    for &s in touched.iter() {
        if let Some(slot) = scores.get_mut(s as usize) {
            *slot = 0.0;
        }
    }
    touched.clear();
    if let Ok(mut pool) = index.scratch.lock() {
        pool.push(scratch);
    }

    let cmp =
        |a: &Candidate, b: &Candidate| b.bm25.total_cmp(&a.bm25).then(a.sentence.cmp(&b.sentence));
    if ranked.len() > limit {
        ranked.select_nth_unstable_by(limit - 1, cmp);
        ranked.truncate(limit);
    }
    ranked.sort_by(cmp);
    ranked
}
