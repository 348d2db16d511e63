//! Sentence embeddings of the sources, for finding claims restated in other words.
//!
//! The vectors come from a sentence-embedding model (see [`crate::semantic`]); this module
//! only stores and searches them. Each vector is kept as int8 with one f32 scale (388 bytes
//! for 384 dimensions instead of 1,536): cosines computed from the quantised vectors differ
//! from the exact ones by about 1e-3, far below any threshold the judge uses.
//!
//! The store fills while the editor is already in use (embedding a large corpus takes
//! minutes), so slots are set one by one from a background thread; the judge asks
//! [`SentenceVectors::is_complete`] and uses them only once every sentence has its vector,
//! so a verdict never depends on how far the background work has got.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

use crate::corpus::SentenceId;

/// A unit-length vector, quantised to int8 with one scale.
#[derive(Debug, Clone, PartialEq)]
pub struct Embedding {
    values: Box<[i8]>,
    scale: f32,
}

impl Embedding {
    /// Quantises `vector`, normalising it to unit length first (a zero vector stays zero).
    pub fn quantise(vector: &[f32]) -> Embedding {
        let norm = vector.iter().map(|x| x * x).sum::<f32>().sqrt();
        let unit = |x: f32| if norm > 0.0 { x / norm } else { 0.0 };
        let max = vector.iter().map(|&x| unit(x).abs()).fold(0.0f32, f32::max);
        let scale = if max > 0.0 { max / 127.0 } else { 1.0 };
        let values = vector
            .iter()
            .map(|&x| (unit(x) / scale).round().clamp(-127.0, 127.0) as i8)
            .collect();
        Embedding { values, scale }
    }

    /// Rebuilds an embedding from its stored parts (the disk cache).
    pub fn from_parts(values: Box<[i8]>, scale: f32) -> Embedding {
        Embedding { values, scale }
    }

    pub fn values(&self) -> &[i8] {
        &self.values
    }

    pub fn scale(&self) -> f32 {
        self.scale
    }

    pub fn dimensions(&self) -> usize {
        self.values.len()
    }

    /// Cosine similarity of two unit vectors; 0 when their dimensions differ.
    pub fn cosine(&self, other: &Embedding) -> f32 {
        if self.values.len() != other.values.len() {
            return 0.0;
        }
        let dot: i32 = self
            .values
            .iter()
            .zip(other.values.iter())
            .map(|(&a, &b)| a as i32 * b as i32)
            .sum();
        dot as f32 * self.scale * other.scale
    }
}

/// One vector per source sentence, filled in the background.
pub struct SentenceVectors {
    slots: Vec<OnceLock<Embedding>>,
    filled: AtomicUsize,
}

impl SentenceVectors {
    pub fn new(sentences: usize) -> SentenceVectors {
        SentenceVectors {
            slots: (0..sentences).map(|_| OnceLock::new()).collect(),
            filled: AtomicUsize::new(0),
        }
    }

    pub fn len(&self) -> usize {
        self.slots.len()
    }

    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// Sets the vector of `id`; a second set of the same slot is ignored.
    pub fn set(&self, id: SentenceId, embedding: Embedding) {
        if let Some(slot) = self.slots.get(id.0 as usize) {
            if slot.set(embedding).is_ok() {
                self.filled.fetch_add(1, Ordering::Release);
            }
        }
    }

    pub fn get(&self, id: SentenceId) -> Option<&Embedding> {
        self.slots.get(id.0 as usize)?.get()
    }

    /// How many sentences have their vector.
    pub fn filled(&self) -> usize {
        self.filled.load(Ordering::Acquire)
    }

    pub fn is_complete(&self) -> bool {
        self.filled() == self.slots.len()
    }

    /// The sentences without a vector yet, in id order.
    pub fn missing(&self) -> Vec<SentenceId> {
        (0..self.slots.len())
            .filter(|&i| self.slots[i].get().is_none())
            .map(|i| SentenceId(i as u32))
            .collect()
    }

    /// The `k` sentences closest to `query`, closest first (ties by id).
    ///
    /// A scan over every vector: at 388 bytes a sentence the store is read at memory speed
    /// (a million sentences in tens of milliseconds on one core), and it needs no index
    /// that would have to be rebuilt as vectors arrive.
    pub fn nearest(&self, query: &Embedding, k: usize) -> Vec<(SentenceId, f32)> {
        if k == 0 {
            return Vec::new();
        }
        // A min-heap of the best k so far would save little at k ≈ 10; a sorted small
        // vector keeps it obvious.
        let mut best: Vec<(SentenceId, f32)> = Vec::with_capacity(k + 1);
        for (i, slot) in self.slots.iter().enumerate() {
            let Some(v) = slot.get() else { continue };
            let score = v.cosine(query);
            if best.len() == k && score <= best[k - 1].1 {
                continue;
            }
            let at = best.partition_point(|&(_, s)| s >= score);
            best.insert(at, (SentenceId(i as u32), score));
            best.truncate(k);
        }
        best
    }

    /// Heap bytes held by the vectors (for benchmarks).
    pub fn heap_bytes(&self) -> usize {
        self.slots.len() * std::mem::size_of::<OnceLock<Embedding>>()
            + self
                .slots
                .iter()
                .filter_map(|s| s.get())
                .map(|e| e.values.len())
                .sum::<usize>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exact_cosine(a: &[f32], b: &[f32]) -> f32 {
        let dot: f32 = a.iter().zip(b).map(|(x, y)| x * y).sum();
        let na = a.iter().map(|x| x * x).sum::<f32>().sqrt();
        let nb = b.iter().map(|x| x * x).sum::<f32>().sqrt();
        dot / (na * nb)
    }

    /// Deterministic pseudo-random vectors (no rand crate for a test).
    fn vector(seed: u64, dims: usize) -> Vec<f32> {
        let mut x = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (0..dims)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                (x % 2001) as f32 / 1000.0 - 1.0
            })
            .collect()
    }

    #[test]
    fn quantised_cosine_is_close_to_the_exact_one() {
        for seed in 0..50 {
            let a = vector(seed, 384);
            let b: Vec<f32> = vector(seed + 1000, 384)
                .iter()
                .zip(&a)
                .map(|(n, x)| x + 0.7 * n)
                .collect();
            let exact = exact_cosine(&a, &b);
            let quantised = Embedding::quantise(&a).cosine(&Embedding::quantise(&b));
            assert!(
                (exact - quantised).abs() < 0.01,
                "seed {seed}: exact {exact}, quantised {quantised}"
            );
        }
        let a = Embedding::quantise(&vector(7, 384));
        assert!((a.cosine(&a) - 1.0).abs() < 0.01);
    }

    #[test]
    fn zero_and_mismatched_vectors_do_not_blow_up() {
        let zero = Embedding::quantise(&[0.0; 8]);
        assert_eq!(zero.cosine(&zero), 0.0);
        let short = Embedding::quantise(&[1.0; 4]);
        assert_eq!(short.cosine(&zero), 0.0);
    }

    #[test]
    fn nearest_ranks_by_cosine_and_skips_missing_slots() {
        let store = SentenceVectors::new(4);
        let axis = |i: usize| {
            let mut v = vec![0.0f32; 4];
            v[i] = 1.0;
            v
        };
        store.set(SentenceId(0), Embedding::quantise(&axis(0)));
        store.set(SentenceId(1), Embedding::quantise(&[1.0, 1.0, 0.0, 0.0]));
        store.set(SentenceId(3), Embedding::quantise(&axis(2)));
        assert!(!store.is_complete());
        assert_eq!(store.missing(), vec![SentenceId(2)]);

        let query = Embedding::quantise(&[1.0, 0.2, 0.0, 0.0]);
        let found: Vec<SentenceId> = store
            .nearest(&query, 2)
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        assert_eq!(found, vec![SentenceId(0), SentenceId(1)]);
        assert_eq!(store.nearest(&query, 10).len(), 3);
        assert!(store.nearest(&query, 0).is_empty());

        // A second set of the same slot neither replaces the vector nor counts twice.
        store.set(SentenceId(0), Embedding::quantise(&axis(3)));
        assert_eq!(store.filled(), 3);
        store.set(SentenceId(2), Embedding::quantise(&axis(1)));
        assert!(store.is_complete());
        store.set(SentenceId(9), Embedding::quantise(&axis(1)));
        assert_eq!(store.filled(), 4);
    }
}
