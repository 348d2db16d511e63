//! The model and its disk cache together: what the engine's embeddings come from.
//!
//! Texts the cache already holds come back without running the model; the rest go to the
//! model in small batches, each stored as soon as it is done, so a run cut short keeps its
//! work and other callers (the sentence the writer just typed) get the model between two
//! batches of a long corpus.

use std::collections::HashSet;
use std::path::Path;
use std::sync::Mutex;

use super::cache::{default_cache_dir, text_key, EmbeddingCache};
use super::{Encoder, ModelFiles, SemanticError, DIMENSIONS};
use crate::index::Embedding;

/// Turns texts into vectors. The encoder is the real one; tests of the fusion logic use
/// stand-ins that need no model files.
pub trait Embedder: Send + Sync {
    /// Changes whenever the vectors would: names the cache file.
    fn model_id(&self) -> &str;
    fn dimensions(&self) -> usize;
    /// One vector per text, in order.
    fn embed(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, SemanticError>;
}

impl Embedder for Encoder {
    fn model_id(&self) -> &str {
        Encoder::model_id(self)
    }

    fn dimensions(&self) -> usize {
        DIMENSIONS
    }

    fn embed(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, SemanticError> {
        self.encode(texts)
    }
}

/// Texts per call to the model: a few seconds of work on two cores, so progress and
/// cancellation are checked often and a waiting draft sentence is not held up long.
const BATCH: usize = 64;

/// How a call to [`Embeddings::embed_each`] went.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EmbedStats {
    pub from_cache: usize,
    pub computed: usize,
}

impl std::fmt::Debug for Embeddings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Embeddings")
            .field("model", &self.description)
            .finish_non_exhaustive()
    }
}

/// The model with its cache.
pub struct Embeddings {
    embedder: Box<dyn Embedder>,
    cache: Mutex<EmbeddingCache>,
    /// One line for a person: which model, from where, and where its cache is.
    description: String,
    /// Why the cache is off, if it is.
    cache_problem: Option<String>,
}

impl Embeddings {
    /// Finds the installed model (the configured folder, `CORROBORATE_MODEL`, or the user
    /// data folder), loads it, and opens its cache in the user cache folder. Never downloads
    /// anything: without the files this fails and the caller goes on with words alone.
    pub fn load(configured: Option<&Path>) -> Result<Embeddings, SemanticError> {
        let files = ModelFiles::locate(configured)?;
        let encoder = Encoder::load(&files)?;
        let description = format!("{} from {}", encoder.model_id(), files.dir.display());
        Ok(Embeddings::with_default_cache(
            Box::new(encoder),
            description,
        ))
    }

    /// `embedder` with its cache in the user cache folder (`CORROBORATE_CACHE_DIR` to move
    /// it). A cache that cannot be opened is turned off, and said so, not fatal.
    pub fn with_default_cache(embedder: Box<dyn Embedder>, description: String) -> Embeddings {
        let opened = match default_cache_dir() {
            Some(dir) => EmbeddingCache::open(&dir, embedder.model_id(), embedder.dimensions())
                .map_err(|e| e.to_string()),
            None => Err("no user cache folder (HOME and XDG_CACHE_HOME are unset)".to_string()),
        };
        let (cache, cache_problem) = match opened {
            Ok(cache) => (cache, None),
            Err(problem) => (
                EmbeddingCache::disabled(embedder.dimensions()),
                Some(problem),
            ),
        };
        Embeddings {
            embedder,
            cache: Mutex::new(cache),
            description,
            cache_problem,
        }
    }

    pub fn new(embedder: Box<dyn Embedder>, cache: EmbeddingCache, description: String) -> Self {
        Embeddings {
            embedder,
            cache: Mutex::new(cache),
            description,
            cache_problem: None,
        }
    }

    pub fn description(&self) -> &str {
        &self.description
    }

    pub fn model_id(&self) -> &str {
        self.embedder.model_id()
    }

    pub fn dimensions(&self) -> usize {
        self.embedder.dimensions()
    }

    /// Runs the model on `texts`, bypassing the cache (to measure it).
    pub fn embed_uncached(&self, texts: &[&str]) -> Result<Vec<Embedding>, SemanticError> {
        let vectors = self.embedder.embed(texts)?;
        Ok(vectors.iter().map(|v| Embedding::quantise(v)).collect())
    }

    /// Why vectors are not kept on disk, when they are not.
    pub fn cache_problem(&self) -> Option<&str> {
        self.cache_problem.as_deref()
    }

    /// Embeds `texts`, handing each vector to `sink` with its index as soon as it is known:
    /// the cached ones first, then the model's, batch by batch. Stops early, without error,
    /// when `cancelled()` says so between two batches.
    pub fn embed_each(
        &self,
        texts: &[&str],
        sink: &mut dyn FnMut(usize, Embedding),
        cancelled: &dyn Fn() -> bool,
    ) -> Result<EmbedStats, SemanticError> {
        let mut stats = EmbedStats::default();
        let keys: Vec<u64> = texts.iter().map(|t| text_key(t)).collect();
        let wanted: HashSet<u64> = keys.iter().copied().collect();
        let mut cached = self.lock_cache().lookup(&wanted)?;
        let mut todo = Vec::new();
        for (i, key) in keys.iter().enumerate() {
            // Each text takes its own copy: the same text may appear twice.
            match cached.get(key) {
                Some(e) => {
                    sink(i, e.clone());
                    stats.from_cache += 1;
                }
                None => todo.push(i),
            }
        }
        cached.clear();
        for batch in todo.chunks(BATCH) {
            if cancelled() {
                break;
            }
            let batch_texts: Vec<&str> = batch.iter().map(|&i| texts[i]).collect();
            let vectors = self.embedder.embed(&batch_texts)?;
            let embeddings: Vec<Embedding> =
                vectors.iter().map(|v| Embedding::quantise(v)).collect();
            let records: Vec<(u64, &Embedding)> =
                batch.iter().map(|&i| keys[i]).zip(&embeddings).collect();
            // A cache that cannot be written is not worth failing the check for: the vectors
            // are still used; the cache has turned itself off.
            let _ = self.lock_cache().append(&records);
            for (&i, e) in batch.iter().zip(embeddings) {
                sink(i, e);
                stats.computed += 1;
            }
        }
        Ok(stats)
    }

    /// The vectors of `texts`, in order (no cancelling: for a handful of draft sentences).
    pub fn embed_all(&self, texts: &[&str]) -> Result<Vec<Embedding>, SemanticError> {
        let mut out: Vec<Option<Embedding>> = vec![None; texts.len()];
        self.embed_each(texts, &mut |i, e| out[i] = Some(e), &|| false)?;
        Ok(out
            .into_iter()
            .map(|e| e.unwrap_or_else(|| Embedding::quantise(&[])))
            .collect())
    }

    fn lock_cache(&self) -> std::sync::MutexGuard<'_, EmbeddingCache> {
        self.cache.lock().unwrap_or_else(|p| p.into_inner())
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::semantic::test_support::Scratch;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    /// A stand-in model: a bag of letters, so texts sharing letters are close. Counts the
    /// texts it was asked to embed.
    pub(crate) struct Letters {
        pub calls: Arc<AtomicUsize>,
    }

    impl Embedder for Letters {
        fn model_id(&self) -> &str {
            "letters"
        }
        fn dimensions(&self) -> usize {
            26
        }
        fn embed(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, SemanticError> {
            self.calls.fetch_add(texts.len(), Ordering::SeqCst);
            Ok(texts
                .iter()
                .map(|t| {
                    let mut v = vec![0.0f32; 26];
                    for c in t
                        .to_ascii_lowercase()
                        .bytes()
                        .filter(u8::is_ascii_lowercase)
                    {
                        v[(c - b'a') as usize] += 1.0;
                    }
                    v
                })
                .collect())
        }
    }

    #[test]
    fn a_second_run_reads_the_cache_instead_of_the_model() {
        let dir = Scratch::new("embeddings-cache");
        let calls = Arc::new(AtomicUsize::new(0));
        let open = || {
            let letters = Letters {
                calls: calls.clone(),
            };
            let cache = EmbeddingCache::open(&dir.0, letters.model_id(), 26).unwrap();
            Embeddings::new(Box::new(letters), cache, "letters".into())
        };
        let texts = ["alpha", "beta", "alpha", "gamma"];
        let first = open().embed_all(&texts).unwrap();
        assert_eq!(calls.load(Ordering::SeqCst), 4);
        assert_eq!(first[0], first[2]);

        let second = open();
        let mut seen = Vec::new();
        let stats = second
            .embed_each(&texts, &mut |i, e| seen.push((i, e)), &|| false)
            .unwrap();
        assert_eq!(
            stats,
            EmbedStats {
                from_cache: 4,
                computed: 0
            }
        );
        assert_eq!(
            calls.load(Ordering::SeqCst),
            4,
            "the model did not run again"
        );
        seen.sort_by_key(|(i, _)| *i);
        let again: Vec<Embedding> = seen.into_iter().map(|(_, e)| e).collect();
        assert_eq!(again, first);
    }

    #[test]
    fn cancelling_stops_between_batches() {
        let calls = Arc::new(AtomicUsize::new(0));
        let embeddings = Embeddings::new(
            Box::new(Letters {
                calls: calls.clone(),
            }),
            EmbeddingCache::disabled(26),
            "letters".into(),
        );
        let texts: Vec<String> = (0..BATCH * 3).map(|i| format!("text {i}")).collect();
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        let mut got = 0;
        let stats = embeddings
            .embed_each(&texts, &mut |_, _| got += 1, &|| {
                calls.load(Ordering::SeqCst) >= BATCH
            })
            .unwrap();
        assert_eq!(stats.computed, BATCH);
        assert_eq!(got, BATCH);
    }
}
