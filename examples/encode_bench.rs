//! Sentence-encoder throughput on the demo corpus's cleaned source sentences.
//!
//!     cargo run --release --example encode_bench [-- CORPUS [BATCH_SIZE...]]
//!
//! Loads the installed model (`corroborate model install`), encodes every source sentence
//! of CORPUS (default ../shared/corpus) once per batch size (default 1 4 8 16 32 64) and
//! prints sentences per second. Threads: candle's matrix products use the rayon pool, sized
//! by RAYON_NUM_THREADS (default: one per core).

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result};
use corroborate::corpus;
use corroborate::semantic::{Encoder, ModelFiles};

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(args.next().unwrap_or_else(|| "../shared/corpus".into()));
    let mut batch_sizes: Vec<usize> = args
        .map(|a| a.parse().context("a batch size"))
        .collect::<Result<_>>()?;
    if batch_sizes.is_empty() {
        batch_sizes = vec![1, 4, 8, 16, 32, 64];
    }

    let (corpus, _) = corpus::load(std::slice::from_ref(&root))
        .with_context(|| format!("loading {}", root.display()))?;
    let texts: Vec<&str> = corpus.sentences.iter().map(|s| s.text.as_str()).collect();
    let words: usize = texts.iter().map(|t| t.split_whitespace().count()).sum();

    let started = Instant::now();
    let files = ModelFiles::locate(None)?;
    let encoder = Encoder::load(&files)?;
    println!(
        "model {} loaded in {} ms; {} sentences, {:.1} words each on average",
        encoder.model_id(),
        started.elapsed().as_millis(),
        texts.len(),
        words as f64 / texts.len().max(1) as f64
    );
    // The model card's example (published: 0.6660, 0.1046, 0.1411), to see the model is right.
    let card = encoder.encode(&[
        "The weather is lovely today.",
        "It's so sunny outside!",
        "He drove to the stadium.",
    ])?;
    let cos = |a: &[f32], b: &[f32]| a.iter().zip(b).map(|(x, y)| x * y).sum::<f32>();
    println!(
        "model card similarities: {:.4} {:.4} {:.4}",
        cos(&card[0], &card[1]),
        cos(&card[0], &card[2]),
        cos(&card[1], &card[2])
    );
    // Warm up the allocator and the thread pool.
    encoder.encode(&texts[..texts.len().min(8)])?;
    for batch_size in batch_sizes {
        let started = Instant::now();
        let vectors = encoder.encode_batched(&texts, batch_size)?;
        let seconds = started.elapsed().as_secs_f64();
        println!(
            "batch {batch_size:>3}: {:>6.1} sentences/s ({:.2} s for {})",
            vectors.len() as f64 / seconds,
            seconds,
            vectors.len()
        );
    }
    Ok(())
}
