//! Corpus roots → the source files and `sources.toml` files under them, in a fixed order.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::{CorpusError, CorpusWarning};

/// How a source is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Html,
}

/// The format of a source file by its extension (any case); `None` for files that are not
/// sources (`sources.toml`, `corroborate.toml`, images, …).
pub fn format_of(path: &Path) -> Option<Format> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "txt" => Some(Format::Text),
        "md" | "markdown" => Some(Format::Markdown),
        "html" | "htm" => Some(Format::Html),
        _ => None,
    }
}

pub struct SourceFile {
    /// Canonical path.
    pub path: PathBuf,
    /// Relative to the root it was found under, `/`-separated.
    pub rel_path: String,
    pub format: Format,
}

pub struct Discovered {
    pub files: Vec<SourceFile>,
    /// Canonical paths of the `sources.toml` files that apply, shallowest first.
    pub metadata: Vec<PathBuf>,
}

pub const SOURCES_TOML: &str = "sources.toml";

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|n| n.starts_with('.'))
}

/// Every source under `roots`: folders are walked recursively in file-name order (hidden
/// files and folders skipped), files are taken as given. A file reached twice is listed
/// once. A root that does not exist is an error; an entry that cannot be read is a warning.
pub fn discover(
    roots: &[PathBuf],
    warnings: &mut Vec<CorpusWarning>,
) -> Result<Discovered, CorpusError> {
    let mut files = Vec::new();
    let mut metadata = Vec::new();
    let mut seen = HashSet::new();
    let mut seen_meta = HashSet::new();
    for root in roots {
        let info = std::fs::metadata(root).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => CorpusError::NotFound { path: root.clone() },
            _ => CorpusError::Unreadable {
                path: root.clone(),
                reason: e.to_string(),
            },
        })?;
        let canonical = root.canonicalize().map_err(|e| CorpusError::Unreadable {
            path: root.clone(),
            reason: e.to_string(),
        })?;
        if info.is_file() {
            let Some(format) = format_of(&canonical) else {
                warnings.push(CorpusWarning {
                    path: root.clone(),
                    reason:
                        "not a source file (expected .txt, .md, .markdown, .html or .htm); ignored"
                            .into(),
                });
                continue;
            };
            if let Some(toml) = canonical.parent().map(|p| p.join(SOURCES_TOML)) {
                if toml.is_file() && seen_meta.insert(toml.clone()) {
                    metadata.push(toml);
                }
            }
            let rel_path = canonical
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            if seen.insert(canonical.clone()) {
                files.push(SourceFile {
                    path: canonical,
                    rel_path,
                    format,
                });
            }
            continue;
        }
        let walk = walkdir::WalkDir::new(&canonical)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
        for entry in walk {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) if e.depth() == 0 => {
                    return Err(CorpusError::Unreadable {
                        path: root.clone(),
                        reason: e.to_string(),
                    })
                }
                Err(e) => {
                    warnings.push(CorpusWarning {
                        path: e.path().map_or_else(|| root.clone(), Path::to_path_buf),
                        reason: format!("cannot read: {e}"),
                    });
                    continue;
                }
            };
            if !entry.file_type().is_file() {
                continue;
            }
            let path = entry.path();
            let real = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
            if entry.file_name() == SOURCES_TOML {
                if seen_meta.insert(real.clone()) {
                    metadata.push(real);
                }
                continue;
            }
            let Some(format) = format_of(path) else {
                continue;
            };
            if !seen.insert(real.clone()) {
                continue;
            }
            let rel_path = path
                .strip_prefix(&canonical)
                .unwrap_or(path)
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            files.push(SourceFile {
                path: real,
                rel_path,
                format,
            });
        }
    }
    // a sources.toml nearer to a file is applied after (and so over) one further up
    metadata.sort_by_key(|p| p.components().count());
    Ok(Discovered { files, metadata })
}
