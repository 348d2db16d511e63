//! Building the index on every core without changing what a one-thread build gives.
//!
//! Workers take blocks of consecutive sentences, analyse them and intern each key in their
//! own vocabulary (so no lock and no shared map on the hot path), keeping per sentence its
//! distinct worker-local term ids with frequencies. The merge then walks the blocks in
//! sentence order: the first time a worker-local id is met it is looked up (or added) in the
//! global vocabulary, which gives every term the id of its first appearance in the corpus,
//! exactly as a sequential build numbers them. Postings are then laid out in flat arrays
//! sized from the counted document frequencies.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use super::{bm25, Index, TermId};
use crate::corpus::Corpus;
use crate::hash::FxHashMap;
use crate::terms::Analyzer;

/// Sentences per block handed to a worker: small enough to balance the cores, large enough
/// that taking a block costs nothing.
const BLOCK: usize = 4_096;
/// Below this many sentences one thread is faster than starting others.
const PARALLEL_FROM: usize = 2_000;
const UNMAPPED: TermId = TermId::MAX;

/// One block's sentences as worker-local term ids.
struct Block {
    worker: usize,
    /// Distinct terms of each sentence in order of first appearance in it.
    terms: Vec<TermId>,
    frequencies: Vec<u16>,
    /// Distinct terms per sentence.
    counts: Vec<u32>,
    /// Terms of the block's sentences, repeats included (BM25's document length total).
    total_length: usize,
}

/// A worker's vocabulary: key → worker-local id.
#[derive(Default)]
struct Interner {
    ids: FxHashMap<String, TermId>,
}

impl Interner {
    fn id(&mut self, key: String) -> TermId {
        let next = self.ids.len() as TermId;
        *self.ids.entry(key).or_insert(next)
    }

    /// Keys by local id.
    fn into_keys(self) -> Vec<String> {
        let mut keys = vec![String::new(); self.ids.len()];
        for (key, id) in self.ids {
            if let Some(slot) = keys.get_mut(id as usize) {
                *slot = key;
            }
        }
        keys
    }
}

fn analyze_block(
    texts: &[&str],
    analyzer: &Analyzer,
    interner: &mut Interner,
    worker: usize,
) -> Block {
    let mut block = Block {
        worker,
        terms: Vec::with_capacity(texts.len() * 20),
        frequencies: Vec::with_capacity(texts.len() * 20),
        counts: Vec::with_capacity(texts.len()),
        total_length: 0,
    };
    for text in texts {
        let start = block.terms.len();
        let analysis = analyzer.analyze(text);
        block.total_length += analysis.terms.len();
        for term in analysis.terms {
            let id = interner.id(term.key);
            match block.terms[start..].iter().position(|&t| t == id) {
                Some(i) => {
                    let tf = &mut block.frequencies[start + i];
                    *tf = tf.saturating_add(1);
                }
                None => {
                    block.terms.push(id);
                    block.frequencies.push(1);
                }
            }
        }
        block.counts.push((block.terms.len() - start) as u32);
    }
    block
}

pub fn build(corpus: &Corpus, analyzer: &Analyzer) -> Index {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    build_with(corpus, analyzer, threads, BLOCK)
}

/// [`build`] with a given number of threads and block size (for tests on any machine).
pub(super) fn build_with(
    corpus: &Corpus,
    analyzer: &Analyzer,
    threads: usize,
    block: usize,
) -> Index {
    let texts: Vec<&str> = corpus.sentences.iter().map(|s| s.text.as_str()).collect();
    let (blocks, interners) = if texts.len() < PARALLEL_FROM || threads <= 1 {
        let mut interner = Interner::default();
        let block = analyze_block(&texts, analyzer, &mut interner, 0);
        (vec![block], vec![interner])
    } else {
        analyze_parallel(&texts, analyzer, threads, block)
    };
    merge(texts.len(), blocks, interners)
}

fn analyze_parallel(
    texts: &[&str],
    analyzer: &Analyzer,
    threads: usize,
    block: usize,
) -> (Vec<Block>, Vec<Interner>) {
    let chunks: Vec<&[&str]> = texts.chunks(block.max(1)).collect();
    let next = AtomicUsize::new(0);
    let done: Mutex<Vec<Option<Block>>> = Mutex::new((0..chunks.len()).map(|_| None).collect());
    let interners: Vec<Interner> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|worker| {
                let (chunks, next, done) = (&chunks, &next, &done);
                scope.spawn(move || {
                    let mut interner = Interner::default();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(chunk) = chunks.get(i) else { break };
                        let block = analyze_block(chunk, analyzer, &mut interner, worker);
                        let mut done = done.lock().unwrap_or_else(|e| e.into_inner());
                        if let Some(slot) = done.get_mut(i) {
                            *slot = Some(block);
                        }
                    }
                    interner
                })
            })
            .collect();
        // A panic in a worker is a bug in the analyzer; surface it rather than lose sentences.
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    let blocks = done
        .into_inner()
        .unwrap_or_else(|e| e.into_inner())
        .into_iter()
        .flatten()
        .collect();
    (blocks, interners)
}

fn merge(sentences: usize, mut blocks: Vec<Block>, interners: Vec<Interner>) -> Index {
    let mut keys: Vec<Vec<String>> = interners.into_iter().map(Interner::into_keys).collect();
    let mut to_global: Vec<Vec<TermId>> = keys.iter().map(|k| vec![UNMAPPED; k.len()]).collect();
    let mut vocabulary: FxHashMap<String, TermId> = FxHashMap::default();
    let mut document_frequency: Vec<u32> = Vec::new();
    let mut total_length = 0usize;
    // In sentence order: number terms by first appearance, rewrite ids to global ones.
    for block in &mut blocks {
        total_length += block.total_length;
        let (Some(map), Some(names)) =
            (to_global.get_mut(block.worker), keys.get_mut(block.worker))
        else {
            continue;
        };
        for id in &mut block.terms {
            let local = *id as usize;
            let mut global = map.get(local).copied().unwrap_or(UNMAPPED);
            if global == UNMAPPED {
                let key = names.get_mut(local).map(std::mem::take).unwrap_or_default();
                let next = vocabulary.len() as TermId;
                global = *vocabulary.entry(key).or_insert(next);
                if global == next {
                    document_frequency.push(0);
                }
                if let Some(slot) = map.get_mut(local) {
                    *slot = global;
                }
            }
            *id = global;
            document_frequency[global as usize] += 1;
        }
    }
    drop(keys);
    drop(to_global);

    let mut posting_offsets = Vec::with_capacity(document_frequency.len() + 1);
    let mut total = 0u32;
    posting_offsets.push(0);
    for df in &document_frequency {
        total += df;
        posting_offsets.push(total);
    }
    let mut cursor: Vec<u32> = posting_offsets[..posting_offsets.len() - 1].to_vec();
    let mut posting_sentences = vec![0u32; total as usize];
    let mut posting_frequencies = vec![0u16; total as usize];
    let mut sentence_terms: Vec<TermId> = Vec::with_capacity(total as usize);
    let mut term_offsets: Vec<u32> = Vec::with_capacity(sentences + 1);
    term_offsets.push(0);
    let mut sentence = 0u32;
    for block in blocks {
        let mut at = 0usize;
        for count in block.counts {
            let end = at + count as usize;
            for (&term, &tf) in block.terms[at..end].iter().zip(&block.frequencies[at..end]) {
                let slot = &mut cursor[term as usize];
                posting_sentences[*slot as usize] = sentence;
                posting_frequencies[*slot as usize] = tf;
                *slot += 1;
            }
            sentence_terms.extend_from_slice(&block.terms[at..end]);
            term_offsets.push(sentence_terms.len() as u32);
            at = end;
            sentence += 1;
        }
    }
    let average_length = if sentences == 0 {
        1.0
    } else {
        (total_length as f32 / sentences as f32).max(1.0)
    };
    let norms = term_offsets
        .windows(2)
        .map(|w| bm25::norm((w[1] - w[0]) as usize, average_length))
        .collect();
    Index {
        vocabulary,
        posting_offsets,
        posting_sentences,
        posting_frequencies,
        sentence_terms,
        term_offsets,
        norms,
        scratch: Mutex::new(Vec::new()),
    }
}
