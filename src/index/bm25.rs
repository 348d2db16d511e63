//! BM25 ranking over the inverted index, term at a time. Very common terms (in more than
//! a tenth of the sentences) only add to candidates that rarer terms found, which keeps a
//! query fast on a million sentences without changing the top of the ranking much.

use std::collections::HashMap;

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
                None => terms.push((id, index.idf(key), 1)),
            }
        }
    }
    terms.sort_by(|a, b| b.1.total_cmp(&a.1));
    let common = (n / 10).max(50);
    let mut scores: HashMap<u32, f32> = HashMap::new();
    for (id, idf, qtf) in terms {
        let postings = &index.postings[id as usize];
        let only_existing = postings.len() > common && !scores.is_empty();
        for &(sentence, tf) in postings {
            let len = index.terms_of(SentenceId(sentence)).len() as f32;
            let tf = tf as f32;
            let s = idf * qtf as f32 * tf * (K1 + 1.0)
                / (tf + K1 * (1.0 - B + B * len / index.average_length));
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
    let cmp =
        |a: &Candidate, b: &Candidate| b.bm25.total_cmp(&a.bm25).then(a.sentence.cmp(&b.sentence));
    if ranked.len() > limit {
        ranked.select_nth_unstable_by(limit - 1, cmp);
        ranked.truncate(limit);
    }
    ranked.sort_by(cmp);
    ranked
}
