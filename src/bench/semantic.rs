//! The sentence-embedding model's share of the benchmark: how fast it embeds, what its
//! vectors cost in memory, how fast a warm cache fills them, how long the nearest-neighbour
//! scan takes, and a draft checked with the model on, all against the largest synthetic
//! index.
//!
//! Embedding a million synthetic sentences would take hours on two cores, so the store is
//! filled with seeded random unit vectors written to a throwaway cache: the cache read, the
//! memory and the scan cost the same for any vectors; only the verdicts are meaningless.

use std::time::{Duration, Instant};

use super::process;
use super::rng::Rng;
use super::run::{millis, thousands, Row};
use crate::engine::Engine;
use crate::index::Embedding;
use crate::semantic::cache::{text_key, EmbeddingCache};
use crate::semantic::{Embedder, Embeddings, SemanticError};

/// Source sentences embedded to measure the model's throughput.
const THROUGHPUT_SENTENCES: usize = 256;
/// Nearest-neighbour queries timed.
const QUERIES: usize = 20;

/// A model that must not run: a warm cache answers everything.
struct NoModel {
    id: String,
    dimensions: usize,
}

impl Embedder for NoModel {
    fn model_id(&self) -> &str {
        &self.id
    }
    fn dimensions(&self) -> usize {
        self.dimensions
    }
    fn embed(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, SemanticError> {
        Err(SemanticError::Encode {
            dir: Default::default(),
            reason: format!("the warm cache lacked {} texts", texts.len()),
        })
    }
}

fn random_unit(rng: &mut Rng, dimensions: usize) -> Embedding {
    let v: Vec<f32> = (0..dimensions).map(|_| rng.unit() as f32 - 0.5).collect();
    Embedding::quantise(&v)
}

/// The rows of the model's benchmark; `draft` is the Markdown draft checked on words alone.
pub fn rows(
    engine: &Engine,
    model: &Embeddings,
    draft: &str,
    seed: u64,
    progress: &mut dyn FnMut(&str),
) -> Vec<Row> {
    let mut rows = Vec::new();
    let n = engine.corpus.sentences.len();
    let dimensions = model.dimensions();

    // 1. Throughput of the model itself, on sentences of realistic length.
    let texts: Vec<&str> = engine
        .corpus
        .sentences
        .iter()
        .take(THROUGHPUT_SENTENCES)
        .map(|s| s.text.as_str())
        .collect();
    progress(&format!(
        "embedding {} sentences with {}",
        texts.len(),
        model.description()
    ));
    let started = Instant::now();
    match model.embed_uncached(&texts) {
        Ok(_) => {
            let elapsed = started.elapsed();
            rows.push(Row::info(
                format!("model: embedding throughput ({} sentences)", texts.len()),
                format!(
                    "{:.0} sentences/s ({:.1} ms per sentence)",
                    texts.len() as f64 / elapsed.as_secs_f64().max(1e-9),
                    elapsed.as_secs_f64() * 1000.0 / texts.len().max(1) as f64
                ),
            ));
        }
        Err(e) => rows.push(Row::info(
            "model: embedding throughput",
            format!("failed: {e}"),
        )),
    }

    // 2. Start-up with a warm cache: every source vector read back from disk.
    let dir = std::env::temp_dir().join(format!("corroborate-bench-cache-{}", std::process::id()));
    let id = format!("bench-{seed}");
    progress(&format!(
        "writing a cache of {} random vectors",
        thousands(n)
    ));
    let written = (|| -> Result<(), SemanticError> {
        let mut cache = EmbeddingCache::open(&dir, &id, dimensions)?;
        let mut rng = Rng::new(seed ^ 0x5eed);
        for chunk in engine.corpus.sentences.chunks(10_000) {
            let vectors: Vec<(u64, Embedding)> = chunk
                .iter()
                .map(|s| (text_key(&s.text), random_unit(&mut rng, dimensions)))
                .collect();
            let records: Vec<(u64, &Embedding)> = vectors.iter().map(|(k, e)| (*k, e)).collect();
            cache.append(&records)?;
        }
        Ok(())
    })();
    if let Err(e) = written {
        rows.push(Row::info(
            "model: warm-cache start-up",
            format!("failed: {e}"),
        ));
        return rows;
    }
    let warm = match EmbeddingCache::open(&dir, &id, dimensions) {
        Ok(cache) => Embeddings::new(
            Box::new(NoModel {
                id: id.clone(),
                dimensions,
            }),
            cache,
            "warm cache".into(),
        ),
        Err(e) => {
            rows.push(Row::info(
                "model: warm-cache start-up",
                format!("failed: {e}"),
            ));
            return rows;
        }
    };
    progress(&format!(
        "filling the vector store of {} sentences from the cache",
        thousands(n)
    ));
    let before = process::resident();
    let started = Instant::now();
    let filled = engine.embed_sources(&warm, &mut |_, _| {}, &|| false);
    let elapsed = started.elapsed();
    let after = process::resident();
    let _ = std::fs::remove_dir_all(&dir);
    match filled {
        Ok(stats) if engine.semantic_ready() => rows.push(Row::info(
            format!(
                "model: source vectors from a warm cache, {} sentences",
                thousands(n)
            ),
            format!(
                "{:.2} s ({} sentences/s; {} from the cache)",
                elapsed.as_secs_f64(),
                thousands((n as f64 / elapsed.as_secs_f64().max(1e-9)) as usize),
                thousands(stats.from_cache)
            ),
        )),
        Ok(_) => rows.push(Row::info(
            "model: warm-cache start-up",
            "incomplete".to_string(),
        )),
        Err(e) => rows.push(Row::info(
            "model: warm-cache start-up",
            format!("failed: {e}"),
        )),
    }
    let per = |bytes: u64| {
        format!(
            "{} B",
            thousands((bytes as f64 / n.max(1) as f64).round() as usize)
        )
    };
    rows.push(Row::info(
        "model: memory per sentence of the vector store, heap_bytes()",
        per(engine.source_vectors().heap_bytes() as u64),
    ));
    if let (Some(before), Some(after)) = (before, after) {
        rows.push(Row::info(
            "model: memory per sentence of the vector store, RSS after − before",
            per(after.saturating_sub(before)),
        ));
    }

    // 3. The scan that finds the nearest sources of one draft sentence.
    let mut rng = Rng::new(seed ^ 0x9e3779b9);
    let mut times: Vec<Duration> = (0..QUERIES)
        .map(|_| {
            let query = random_unit(&mut rng, dimensions);
            let started = Instant::now();
            std::hint::black_box(engine.source_vectors().nearest(&query, 10));
            started.elapsed()
        })
        .collect();
    times.sort();
    rows.push(Row::info(
        format!(
            "model: nearest 10 of {} vectors, one sentence",
            thousands(n)
        ),
        format!("median {} ({QUERIES} queries)", millis(times[QUERIES / 2])),
    ));

    // 4. The draft checked with the model on: its claims embedded by the model, then judged.
    let sentences = crate::text::draft_sentences(draft);
    let claims: Vec<&str> = sentences
        .iter()
        .filter(|s| engine.is_claim(s))
        .map(|s| s.text.as_str())
        .collect();
    progress(&format!("embedding the draft's {} claims", claims.len()));
    let started = Instant::now();
    let embedded = model.embed_uncached(&claims).map(|vectors| {
        for (text, v) in claims.iter().zip(vectors) {
            engine.set_query_vector(text, v);
        }
    });
    let embedding = started.elapsed();
    if let Err(e) = embedded {
        rows.push(Row::info("model: draft check", format!("failed: {e}")));
        return rows;
    }
    let started = Instant::now();
    std::hint::black_box(engine.check_markdown(draft));
    let judging = started.elapsed();
    rows.push(Row::info(
        format!(
            "model: check of the same draft vs {} sentences with the model on",
            thousands(n)
        ),
        format!(
            "{} = embedding {} claims {} + judging {}",
            millis(embedding + judging),
            claims.len(),
            millis(embedding),
            millis(judging)
        ),
    ));
    rows
}
