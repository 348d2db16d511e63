//! Sources on disk → clean source sentences.
//!
//! [`load`] is the entry point. `discover` walks the corpus roots; `read` turns a file into
//! text (or a warning); `document` runs one file through the format step (`markdown`,
//! `html`), scrape cleaning (`clean`), metadata (`metadata`) and units and sentences
//! (`segment`), all on `mapped` text that remembers where each byte came from, so
//! every sentence keeps its line and column in the original file; `dedup` merges
//! sentences repeated by the same author. Nothing here knows about drafts, scores or the
//! editor.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

mod classes;
mod clean;
mod dedup;
mod discover;
mod document;
mod error;
mod html;
mod mapped;
mod markdown;
mod metadata;
mod read;
mod segment;

pub use error::{CorpusError, CorpusWarning};

/// Index of a [`SourceDocument`] in [`Corpus::documents`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DocId(pub u32);

/// Index of a [`SourceSentence`] in [`Corpus::sentences`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SentenceId(pub u32);

/// What is known about who wrote a source and when. Every field but the file is optional:
/// it comes from `sources.toml`, YAML front matter, or is inferred from the text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceMeta {
    pub author: Option<String>,
    pub affiliation: Option<String>,
    /// How the author is known, e.g. "inferred" when the document does not name them.
    pub attribution: Option<String>,
    /// thread, article, report, …
    pub kind: Option<String>,
    pub title: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
}

/// One file of the corpus.
#[derive(Debug, Clone)]
pub struct SourceDocument {
    pub id: DocId,
    /// Absolute (canonical) path on disk.
    pub path: PathBuf,
    /// Path relative to the corpus root it was found under, with `/` separators.
    pub rel_path: String,
    pub meta: SourceMeta,
}

impl SourceDocument {
    /// The name a person sees: the author, else the title, else the file name; never blank.
    pub fn display_name(&self) -> &str {
        self.meta
            .author
            .as_deref()
            .or(self.meta.title.as_deref())
            .unwrap_or(&self.rel_path)
    }
}

/// Where a source sentence stands in its original (uncleaned) file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    pub doc: DocId,
    /// 1-based line in the original file.
    pub line: u32,
    /// 1-based column, counted in characters, in the original file.
    pub column: u32,
    /// Byte range of the sentence in the original file (from its first to its last
    /// character as found there; residue cleaned away inside it is included).
    pub byte_range: Range<usize>,
}

/// A cleaned sentence of a source, with every place it occurs. The same claim by the same
/// author in several documents (a thread scraped twice) is one `SourceSentence` with one
/// occurrence per document, the first one being where it was first seen.
#[derive(Debug, Clone)]
pub struct SourceSentence {
    pub id: SentenceId,
    pub text: String,
    pub occurrences: Vec<Occurrence>,
}

impl SourceSentence {
    pub fn primary(&self) -> &Occurrence {
        &self.occurrences[0]
    }
}

/// All loaded sources.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    pub documents: Vec<SourceDocument>,
    pub sentences: Vec<SourceSentence>,
}

impl Corpus {
    pub fn document(&self, id: DocId) -> &SourceDocument {
        &self.documents[id.0 as usize]
    }
    pub fn sentence(&self, id: SentenceId) -> &SourceSentence {
        &self.sentences[id.0 as usize]
    }

    /// Each document's sentences (by [`DocId`]) in the order the document says them; a
    /// sentence carried by several documents is in each of them.
    pub fn sentences_by_document(&self) -> Vec<Vec<SentenceId>> {
        let mut by_document: Vec<Vec<(usize, SentenceId)>> = vec![Vec::new(); self.documents.len()];
        for sentence in &self.sentences {
            for occurrence in &sentence.occurrences {
                if let Some(list) = by_document.get_mut(occurrence.doc.0 as usize) {
                    list.push((occurrence.byte_range.start, sentence.id));
                }
            }
        }
        by_document
            .into_iter()
            .map(|mut list| {
                list.sort_unstable();
                list.dedup_by_key(|(_, id)| *id);
                list.into_iter().map(|(_, id)| id).collect()
            })
            .collect()
    }
}

/// Loads every source under `roots` into clean sentences.
///
/// # What is a source
/// Each root is a folder (searched recursively, in file-name order, hidden files and
/// folders skipped) or a single file. Sources are `.txt`, `.md`/`.markdown` and
/// `.html`/`.htm` files (extension in any case); everything else, `sources.toml` and
/// `corroborate.toml` included, is ignored. A file reached from two roots is loaded once.
///
/// # Metadata
/// Per field, the first of: the file's `[[source]]` entry in a `sources.toml` of its folder
/// (or of a folder above, naming it by relative path; the nearest wins), the front matter of
/// a Markdown source (flat `key: value`) or the `<title>`/`<meta>` of an HTML one, and what
/// the text says: a `By: Name` line near the top (also `By: - November 19, 2020`, a date
/// with no name), a date near the top (stored as `YYYY-MM-DD`), the first heading or first
/// line as title. Bylines are metadata, not sentences.
///
/// # Cleaning
/// Scrape residue goes: thread numbering (`2/`, `1/7`, `3.`, a trailing `1/`), `THREAD`,
/// `END`, reply and like counts (alone on a line or glued to the next word), the lines a
/// thread unroller adds ("Replying to", "Read on Twitter", "• • •", …), image credits,
/// tags and attribute fragments, entities (also `& #39;`), full and truncated links
/// (`mid.ru/en/foreign_pol…`); a handle glued to a link keeps the handle. An emoji `<img>`
/// leaves its emoji. Handles and hashtag words stay. A line is a unit, joined to the next
/// when it stops mid-sentence and the next starts in lowercase (Markdown joins paragraph
/// lines); a unit repeated in a document is dropped; units are split into sentences, and
/// sentences of fewer than three words are dropped.
///
/// # Positions and duplicates
/// Every [`Occurrence`] gives the line, column (characters) and byte range of the sentence
/// in the original file, before cleaning. A sentence said by the same known author in
/// several documents (equal or near-equal words) is one [`SourceSentence`] with one
/// occurrence per document, in load order; different or unknown authors never merge.
///
/// # Errors
/// A root that does not exist is [`CorpusError::NotFound`]; a root that cannot be read is
/// [`CorpusError::Unreadable`]. Everything else is a [`CorpusWarning`] and the rest loads:
/// an unreadable, binary or non-UTF-8 file (skipped), a malformed `sources.toml` (its
/// folder's sources fall back to their own metadata), an entry naming a missing file.
pub fn load(roots: &[PathBuf]) -> Result<(Corpus, Vec<CorpusWarning>), CorpusError> {
    let mut warnings = Vec::new();
    let found = discover::discover(roots, &mut warnings)?;
    let listed = listed_metadata(&found.metadata, &mut warnings);
    let mut corpus = Corpus::default();
    let mut dedup = dedup::Dedup::default();
    for file in found.files {
        let text = match read::read_text(&file.path) {
            Ok(text) => text,
            Err(reason) => {
                warnings.push(CorpusWarning {
                    path: file.path,
                    reason,
                });
                continue;
            }
        };
        let Ok(id) = u32::try_from(corpus.documents.len()) else {
            break;
        };
        let doc = DocId(id);
        let prepared = document::prepare(&text, file.format);
        let mut meta = prepared.inferred;
        metadata::overlay(&mut meta, prepared.declared);
        if let Some(entry) = listed.get(&file.path) {
            metadata::overlay(&mut meta, entry.clone());
        }
        let lines = document::LineStarts::new(&text);
        let scope = dedup.scope(meta.author.as_deref(), doc);
        for (sentence, byte_range) in prepared.sentences {
            let (line, column) = lines.position(&text, byte_range.start);
            let occurrence = Occurrence {
                doc,
                line,
                column,
                byte_range,
            };
            dedup.add(scope, sentence, occurrence);
        }
        corpus.documents.push(SourceDocument {
            id: doc,
            path: file.path,
            rel_path: file.rel_path,
            meta,
        });
    }
    corpus.sentences = dedup.finish();
    Ok((corpus, warnings))
}

/// The `[[source]]` entries of every `sources.toml`, by the canonical path of the file they
/// name. Files are given shallowest first, so a nearer entry replaces one from above.
fn listed_metadata(
    files: &[PathBuf],
    warnings: &mut Vec<CorpusWarning>,
) -> HashMap<PathBuf, SourceMeta> {
    let mut listed = HashMap::new();
    for toml_path in files {
        let warn = |warnings: &mut Vec<CorpusWarning>, reason: String| {
            warnings.push(CorpusWarning {
                path: toml_path.clone(),
                reason,
            })
        };
        let text = match read::read_text(toml_path) {
            Ok(text) => text,
            Err(reason) => {
                warn(
                    warnings,
                    format!("{reason}; its folder's sources use their own metadata"),
                );
                continue;
            }
        };
        let (entries, problems) = match metadata::parse_sources_toml(&text) {
            Ok(parsed) => parsed,
            Err(reason) => {
                warn(
                    warnings,
                    format!("malformed sources.toml ({reason}); its folder's sources use their own metadata"),
                );
                continue;
            }
        };
        for problem in problems {
            warn(warnings, problem);
        }
        let folder = toml_path.parent().unwrap_or(Path::new("."));
        let mut here = HashMap::new();
        for entry in entries {
            let path = metadata::entry_path(folder, &entry.file);
            let Ok(real) = path.canonicalize() else {
                warn(
                    warnings,
                    format!("[[source]] names `{}`, which does not exist", entry.file),
                );
                continue;
            };
            if !real.is_file() || discover::format_of(&real).is_none() {
                warn(
                    warnings,
                    format!(
                        "[[source]] names `{}`, which is not a source file",
                        entry.file
                    ),
                );
                continue;
            }
            if here.insert(real.clone(), ()).is_some() {
                warn(
                    warnings,
                    format!("`{}` is listed twice; the first entry is used", entry.file),
                );
                continue;
            }
            listed.insert(real, entry.meta);
        }
    }
    listed
}
