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
use std::sync::{Mutex, OnceLock};

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
///
/// While it fills, vectors wait in a staging list behind a lock (the background work sets a
/// batch at a time); when the last one arrives they are moved into one contiguous matrix,
/// which is what searches read: a scan over a million rows then streams 384 MB of memory in
/// order instead of chasing a million pointers.
pub struct SentenceVectors {
    len: usize,
    staging: Mutex<Staging>,
    filled: AtomicUsize,
    frozen: OnceLock<Matrix>,
}

/// The matrix being filled: rows in place from the first vector on (its size fixes the
/// width), so completing it moves the buffers instead of copying a million small ones.
#[derive(Default)]
struct Staging {
    matrix: Option<Matrix>,
    set: Vec<bool>,
}

/// Row `i` is sentence `i`: `values[i * dims..(i + 1) * dims]`, scaled by `scales[i]`.
struct Matrix {
    dims: usize,
    values: Vec<i8>,
    scales: Vec<f32>,
}

impl Matrix {
    fn zeros(rows: usize, dims: usize) -> Matrix {
        Matrix {
            dims,
            values: vec![0; rows * dims],
            scales: vec![0.0; rows],
        }
    }

    fn row(&self, i: usize) -> &[i8] {
        &self.values[i * self.dims..(i + 1) * self.dims]
    }

    #[inline(always)]
    fn cosine(&self, i: usize, query: &Embedding) -> f32 {
        if query.values.len() != self.dims {
            return 0.0;
        }
        dot(self.row(i), &query.values) as f32 * self.scales[i] * query.scale
    }
}

/// The integer dot product, written so the compiler vectorises it.
#[inline(always)]
fn dot(a: &[i8], b: &[i8]) -> i32 {
    a.iter().zip(b).map(|(&x, &y)| x as i32 * y as i32).sum()
}

/// Below this many rows a scan runs on one thread: spawning costs more than it saves.
const PARALLEL_ROWS: usize = 50_000;

impl SentenceVectors {
    pub fn new(sentences: usize) -> SentenceVectors {
        let vectors = SentenceVectors {
            len: sentences,
            staging: Mutex::new(Staging {
                matrix: None,
                set: vec![false; sentences],
            }),
            filled: AtomicUsize::new(0),
            frozen: OnceLock::new(),
        };
        if sentences == 0 {
            let _ = vectors.frozen.set(Matrix::zeros(0, 0));
        }
        vectors
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Sets the vectors of a batch of sentences; a slot already set keeps its vector, and a
    /// vector of another width than the first (another model's) is left out. The last one
    /// completes the store.
    pub fn set_many(&self, items: impl IntoIterator<Item = (SentenceId, Embedding)>) {
        if self.frozen.get().is_some() {
            return;
        }
        let mut staging = self.staging.lock().unwrap_or_else(|p| p.into_inner());
        let Staging { matrix, set } = &mut *staging;
        for (id, embedding) in items {
            let i = id.0 as usize;
            if set.get(i) != Some(&false) {
                continue;
            }
            let matrix =
                matrix.get_or_insert_with(|| Matrix::zeros(self.len, embedding.dimensions()));
            if embedding.dimensions() != matrix.dims {
                continue;
            }
            let dims = matrix.dims;
            matrix.values[i * dims..(i + 1) * dims].copy_from_slice(&embedding.values);
            matrix.scales[i] = embedding.scale;
            set[i] = true;
            self.filled.fetch_add(1, Ordering::AcqRel);
        }
        if self.filled.load(Ordering::Acquire) == self.len {
            if let Some(matrix) = matrix.take() {
                *set = Vec::new();
                let _ = self.frozen.set(matrix);
            }
        }
    }

    pub fn set(&self, id: SentenceId, embedding: Embedding) {
        self.set_many([(id, embedding)]);
    }

    /// How many sentences have their vector.
    pub fn filled(&self) -> usize {
        self.filled.load(Ordering::Acquire)
    }

    pub fn is_complete(&self) -> bool {
        self.frozen.get().is_some()
    }

    /// The sentences without a vector yet, in id order.
    pub fn missing(&self) -> Vec<SentenceId> {
        if self.is_complete() {
            return Vec::new();
        }
        let staging = self.staging.lock().unwrap_or_else(|p| p.into_inner());
        (0..staging.set.len())
            .filter(|&i| !staging.set[i])
            .map(|i| SentenceId(i as u32))
            .collect()
    }

    /// The cosine of sentence `id` with `query`, once the store is complete.
    pub fn cosine(&self, id: SentenceId, query: &Embedding) -> Option<f32> {
        let matrix = self.frozen.get()?;
        let i = id.0 as usize;
        (i < self.len).then(|| matrix.cosine(i, query))
    }

    /// The `k` sentences closest to `query`, closest first (ties by id); empty until the
    /// store is complete.
    ///
    /// A scan over every row, on every core for a large store: it needs no index that
    /// would have to be rebuilt as vectors arrive, and reads memory in order.
    pub fn nearest(&self, query: &Embedding, k: usize) -> Vec<(SentenceId, f32)> {
        let Some(matrix) = self.frozen.get() else {
            return Vec::new();
        };
        if k == 0 || self.len == 0 {
            return Vec::new();
        }
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        if threads < 2 || self.len < PARALLEL_ROWS {
            return best_of(matrix, query, 0..self.len, k);
        }
        let chunk = self.len.div_ceil(threads);
        let parts: Vec<Vec<(SentenceId, f32)>> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..self.len)
                .step_by(chunk)
                .map(|start| {
                    let end = (start + chunk).min(self.len);
                    scope.spawn(move || best_of(matrix, query, start..end, k))
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                .collect()
        });
        let mut all: Vec<(SentenceId, f32)> = parts.into_iter().flatten().collect();
        all.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        all.truncate(k);
        all
    }

    /// Heap bytes held by the vectors (for benchmarks).
    pub fn heap_bytes(&self) -> usize {
        let bytes = |m: &Matrix| m.values.capacity() + 4 * m.scales.capacity();
        let frozen = self.frozen.get().map_or(0, bytes);
        let staging = self.staging.lock().unwrap_or_else(|p| p.into_inner());
        frozen + staging.matrix.as_ref().map_or(0, bytes) + staging.set.capacity()
    }
}

/// The best `k` rows of `rows`, closest first (ties by id). The scan is the whole cost of a
/// semantic query on a large corpus; with AVX2 (checked at run time: the binary is built for
/// any x86-64) the compiler widens the int8 products 16 at a time, about 3x faster.
fn best_of(
    matrix: &Matrix,
    query: &Embedding,
    rows: std::ops::Range<usize>,
    k: usize,
) -> Vec<(SentenceId, f32)> {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU has AVX2 (checked on the line above), the one requirement of a
        // `target_feature(enable = "avx2")` function; it does nothing else unsafe.
        return unsafe { best_of_avx2(matrix, query, rows, k) };
    }
    best_of_portable(matrix, query, rows, k)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn best_of_avx2(
    matrix: &Matrix,
    query: &Embedding,
    rows: std::ops::Range<usize>,
    k: usize,
) -> Vec<(SentenceId, f32)> {
    best_of_portable(matrix, query, rows, k)
}

#[inline(always)]
fn best_of_portable(
    matrix: &Matrix,
    query: &Embedding,
    rows: std::ops::Range<usize>,
    k: usize,
) -> Vec<(SentenceId, f32)> {
    // A sorted small vector of the best so far: k is about 10.
    let mut best: Vec<(SentenceId, f32)> = Vec::with_capacity(k + 1);
    for i in rows {
        let score = matrix.cosine(i, query);
        if best.len() == k && score <= best[k - 1].1 {
            continue;
        }
        let at = best.partition_point(|&(_, s)| s >= score);
        best.insert(at, (SentenceId(i as u32), score));
        best.truncate(k);
    }
    best
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
    fn nearest_ranks_by_cosine_once_every_sentence_has_a_vector() {
        let store = SentenceVectors::new(4);
        let axis = |i: usize| {
            let mut v = vec![0.0f32; 4];
            v[i] = 1.0;
            v
        };
        let query = Embedding::quantise(&[1.0, 0.2, 0.0, 0.0]);
        store.set(SentenceId(0), Embedding::quantise(&axis(0)));
        store.set_many([
            (SentenceId(1), Embedding::quantise(&[1.0, 1.0, 0.0, 0.0])),
            (SentenceId(3), Embedding::quantise(&axis(2))),
        ]);
        assert!(!store.is_complete());
        assert_eq!(store.missing(), vec![SentenceId(2)]);
        assert!(
            store.nearest(&query, 2).is_empty(),
            "not before it is complete"
        );
        assert_eq!(store.cosine(SentenceId(0), &query), None);

        // A second set of the same slot neither replaces the vector nor counts twice.
        store.set(SentenceId(0), Embedding::quantise(&axis(3)));
        assert_eq!(store.filled(), 3);
        store.set(SentenceId(2), Embedding::quantise(&axis(1)));
        assert!(store.is_complete());
        assert!(store.missing().is_empty());
        let found: Vec<SentenceId> = store
            .nearest(&query, 2)
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        assert_eq!(found, vec![SentenceId(0), SentenceId(1)]);
        assert_eq!(store.nearest(&query, 10).len(), 4);
        assert!(store.nearest(&query, 0).is_empty());
        let exact = Embedding::quantise(&axis(0)).cosine(&query);
        assert_eq!(store.cosine(SentenceId(0), &query), Some(exact));
        assert_eq!(store.cosine(SentenceId(9), &query), None);
        store.set(SentenceId(9), Embedding::quantise(&axis(1)));
        assert_eq!(store.filled(), 4);
    }

    #[test]
    fn the_parallel_scan_finds_what_one_thread_finds() {
        let n = PARALLEL_ROWS + 1234;
        let store = SentenceVectors::new(n);
        store.set_many((0..n).map(|i| {
            (
                SentenceId(i as u32),
                Embedding::quantise(&vector(i as u64, 16)),
            )
        }));
        assert!(store.is_complete());
        let query = Embedding::quantise(&vector(99_999, 16));
        let matrix = store.frozen.get().unwrap();
        assert_eq!(store.nearest(&query, 10), best_of(matrix, &query, 0..n, 10));
        assert_eq!(store.heap_bytes(), n * 16 + n * 4);
        assert_eq!(
            store.nearest(&query, 10),
            best_of_portable(matrix, &query, 0..n, 10),
            "the AVX2 scan agrees with the portable one"
        );
    }

    #[test]
    fn an_empty_store_is_complete_and_finds_nothing() {
        let store = SentenceVectors::new(0);
        assert!(store.is_complete());
        assert!(store.nearest(&Embedding::quantise(&[1.0]), 3).is_empty());
    }
}
