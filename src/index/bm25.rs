//! BM25 ranking over the inverted index, term at a time. Very common terms (in more than
//! a tenth of the sentences) only add to candidates that rarer terms found, which keeps a
//! query fast on a million sentences without changing the top of the ranking much.
//!
//! Scores accumulate in a dense array with one slot per sentence, reused across searches,
//! beside a bitset of the sentences touched so far (small enough to stay in cache while a
//! common term's long postings are checked against it, and read in order at the end to
//! collect the candidates). Terms are added in the same order,
//! one contribution per term and sentence, so each score is the same float sum a map would
//! hold; the best `limit` are kept in a bounded heap under the same total order (score,
//! then sentence), so the ranking is exactly the one sorting every candidate gives.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use super::Index;
use crate::corpus::SentenceId;
use crate::terms::Analysis;

pub const K1: f32 = 1.2;
pub const B: f32 = 0.75;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Candidate {
    pub sentence: SentenceId,
    pub bm25: f32,
}

/// Best first: higher score, then lower sentence index. A total order, so the top
/// `limit` and their order do not depend on the order candidates arrive in.
fn rank(a: &Candidate, b: &Candidate) -> Ordering {
    b.bm25.total_cmp(&a.bm25).then(a.sentence.cmp(&b.sentence))
}

/// A candidate in the heap of the best so far; the heap's top is the worst of them.
struct Kept(Candidate);

impl PartialEq for Kept {
    fn eq(&self, other: &Self) -> bool {
        rank(&self.0, &other.0) == Ordering::Equal
    }
}
impl Eq for Kept {}
impl PartialOrd for Kept {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Kept {
    fn cmp(&self, other: &Self) -> Ordering {
        rank(&self.0, &other.0)
    }
}

/// The length normalisation of a sentence with `len` distinct terms: the part of BM25's
/// denominator that does not depend on the term.
pub fn norm(len: usize, average_length: f32) -> f32 {
    K1 * (1.0 - B + B * len as f32 / average_length)
}

/// A search's working memory: a score per sentence, which sentences hold one, and their
/// list. All zero / empty between searches.
#[derive(Debug, Default)]
pub struct Scratch {
    /// Per sentence: (score so far, length normalisation) side by side, so scoring a
    /// posting touches one cache line.
    cells: Vec<[f32; 2]>,
    /// One bit per sentence: it has a score.
    seen: Vec<u64>,
}

impl Scratch {
    pub fn heap_bytes(&self) -> usize {
        self.cells.capacity() * 8 + self.seen.capacity() * 8
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
    if scratch.cells.len() != n {
        scratch.cells = index.norms.iter().map(|&norm| [0.0, norm]).collect();
    }
    scratch.seen.resize(n.div_ceil(64), 0);
    let Scratch { cells, seen } = &mut scratch;
    let mut touched = 0usize;
    // Every posting names a sentence below n (the build writes them so), and the arrays
    // below all have n slots: the indexing cannot fail.
    let cells = &mut cells[..n];
    for (id, idf, qtf) in terms {
        let (sentences, frequencies) = index.postings(id);
        let weight = idf * qtf as f32;
        if sentences.len() > common && touched > 0 {
            for (&sentence, &tf) in sentences.iter().zip(frequencies) {
                let i = sentence as usize;
                if seen[i >> 6] & (1 << (i & 63)) == 0 {
                    continue;
                }
                let tf = tf as f32;
                let cell = &mut cells[i];
                cell[0] += weight * tf * (K1 + 1.0) / (tf + cell[1]);
            }
        } else {
            for (&sentence, &tf) in sentences.iter().zip(frequencies) {
                let i = sentence as usize;
                let word = &mut seen[i >> 6];
                let bit = 1 << (i & 63);
                if *word & bit == 0 {
                    *word |= bit;
                    touched += 1;
                }
                let tf = tf as f32;
                let cell = &mut cells[i];
                cell[0] += weight * tf * (K1 + 1.0) / (tf + cell[1]);
            }
        }
    }

    // Candidates in sentence order (the bitset's), which reads the scores front to back,
    // and leaves every slot zero for the next search.
    let mut best: BinaryHeap<Kept> = BinaryHeap::with_capacity(limit.min(touched) + 1);
    for (w, word) in seen.iter_mut().enumerate() {
        let mut bits = std::mem::take(word);
        while bits != 0 {
            let i = w * 64 + bits.trailing_zeros() as usize;
            bits &= bits - 1;
            let candidate = Candidate {
                sentence: SentenceId(i as u32),
                bm25: std::mem::take(&mut cells[i][0]),
            };
            if best.len() < limit {
                best.push(Kept(candidate));
            } else if let Some(mut worst) = best.peek_mut() {
                if rank(&candidate, &worst.0) == Ordering::Less {
                    *worst = Kept(candidate);
                }
            }
        }
    }
    if let Ok(mut pool) = index.scratch.lock() {
        pool.push(scratch);
    }
    let mut ranked: Vec<Candidate> = best.into_iter().map(|k| k.0).collect();
    ranked.sort_by(rank);
    ranked
}
