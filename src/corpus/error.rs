use std::path::PathBuf;

/// A problem that stops the corpus from loading. Always names the file and the reason.
#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    #[error("{path}: corpus folder or file not found")]
    NotFound { path: PathBuf },
    #[error("{path}: {reason}")]
    Unreadable { path: PathBuf, reason: String },
    #[error("{path}: malformed sources.toml: {reason}")]
    BadMetadata { path: PathBuf, reason: String },
}

/// A problem with one file that does not stop the rest from loading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorpusWarning {
    pub path: PathBuf,
    pub reason: String,
}

impl std::fmt::Display for CorpusWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.reason)
    }
}
