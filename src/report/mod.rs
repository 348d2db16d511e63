//! Verdicts → what a shell user or a tool reads: compiler-like text and one JSON object.
//!
//! Both formats read the same [`FileReport`]; they decide nothing, they only show what the
//! judge decided and where the sources are.

use std::path::{Path, PathBuf};

use crate::corpus::{Corpus, DocId, SentenceId, SourceDocument, SourceSentence};
use crate::engine::CheckedSentence;
use crate::judge::Verdict;
use crate::text::{LineIndex, PositionEncoding};

pub mod json;
pub mod text;

/// One checked draft, ready to print.
pub struct FileReport<'a> {
    /// The draft's path as the user gave it.
    pub path: &'a Path,
    /// The draft's text.
    pub text: &'a str,
    /// Every sentence of the draft, in order, with its verdict.
    pub sentences: &'a [CheckedSentence],
    /// The corpus the draft was checked against.
    pub sources: &'a Sources<'a>,
}

/// The corpus as a report shows it: every document with a path a person can open.
pub struct Sources<'a> {
    corpus: &'a Corpus,
    /// By [`DocId`]: the corpus root as the user gave it joined with the document's
    /// relative path, so that a terminal or editor opens it from where the command ran.
    open_paths: Vec<String>,
}

impl<'a> Sources<'a> {
    /// `roots` are the corpus roots exactly as given (command line or corroborate.toml).
    pub fn new(corpus: &'a Corpus, roots: &[PathBuf]) -> Sources<'a> {
        // Documents carry canonical paths; roots are canonicalized once to find which
        // root each document was found under.
        let canonical_roots: Vec<(&PathBuf, PathBuf)> = roots
            .iter()
            .filter_map(|root| Some((root, root.canonicalize().ok()?)))
            .collect();
        let open_paths = corpus
            .documents
            .iter()
            .map(|doc| open_path(doc, &canonical_roots))
            .collect();
        Sources { corpus, open_paths }
    }

    pub fn corpus(&self) -> &'a Corpus {
        self.corpus
    }

    pub fn document(&self, id: DocId) -> Option<&'a SourceDocument> {
        self.corpus.documents.get(id.0 as usize)
    }

    pub fn sentence(&self, id: SentenceId) -> Option<&'a SourceSentence> {
        self.corpus.sentences.get(id.0 as usize)
    }

    /// Where to open document `id`; its canonical path if no root claims it.
    pub fn open_path(&self, id: DocId) -> Option<&str> {
        self.open_paths.get(id.0 as usize).map(String::as_str)
    }
}

fn open_path(doc: &SourceDocument, roots: &[(&PathBuf, PathBuf)]) -> String {
    // The root a document was found under is the one its relative path leads back from
    // (with nested roots, a prefix test alone would pick the wrong one); a file root is
    // the document itself.
    let found_under = roots.iter().find_map(|(given, canonical)| {
        if *canonical == doc.path {
            Some((*given).clone())
        } else if canonical.join(&doc.rel_path) == doc.path {
            Some(given.join(&doc.rel_path))
        } else {
            None
        }
    });
    let shown = found_under.unwrap_or_else(|| {
        // A document reached through a symlink has a canonical path outside its root.
        roots
            .iter()
            .map(|(given, _)| given.join(&doc.rel_path))
            .find(|p| p.canonicalize().is_ok_and(|c| c == doc.path))
            .unwrap_or_else(|| doc.path.clone())
    });
    shown.display().to_string()
}

/// How many sentences of a draft got each verdict.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub supported: usize,
    pub copied: usize,
    pub conflicting: usize,
    pub unsupported: usize,
    pub skipped: usize,
}

impl Counts {
    pub fn of(sentences: &[CheckedSentence]) -> Counts {
        let mut counts = Counts::default();
        for s in sentences {
            *match s.judgement.verdict {
                Verdict::Supported => &mut counts.supported,
                Verdict::Copied => &mut counts.copied,
                Verdict::Conflicting => &mut counts.conflicting,
                Verdict::Unsupported => &mut counts.unsupported,
                Verdict::Skipped => &mut counts.skipped,
            } += 1;
        }
        counts
    }

    pub fn needs_attention(&self) -> bool {
        self.copied + self.conflicting + self.unsupported > 0
    }
}

/// 1-based line and 1-based column counted in characters, as compilers print them for
/// people; `offset` is a byte offset into `text`.
pub fn human_position(text: &str, lines: &LineIndex, offset: usize) -> (u32, u32) {
    let pos = lines.position(text, offset, PositionEncoding::Utf8);
    let end = offset.min(text.len());
    let start = end.saturating_sub(pos.character as usize);
    let column = text.get(start..end).map_or(0, |s| s.chars().count());
    (pos.line + 1, column as u32 + 1)
}

/// Round a score for people and tools: two decimals, in f64 so that 0.83 prints as 0.83.
pub fn round_score(score: f32) -> f64 {
    (f64::from(score) * 100.0).round() / 100.0
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::corpus::{Occurrence, SourceMeta};
    use crate::judge::{Difference, DifferenceKind, Judgement, SourceMatch};
    use crate::text::{BlockKind, DraftSentence};

    /// A two-document corpus in the spirit of the demo one: the same sentence in both
    /// scrapes of a thread, plus an anonymous article.
    pub(crate) fn corpus() -> Corpus {
        let doc = |id: u32, rel: &str, meta: SourceMeta| SourceDocument {
            id: DocId(id),
            path: PathBuf::from("/corpus").join(rel),
            rel_path: rel.to_string(),
            meta,
        };
        let thread = SourceMeta {
            author: Some("Alexander Gabuev".into()),
            affiliation: Some("Carnegie Moscow Center".into()),
            attribution: Some("inferred".into()),
            kind: Some("thread".into()),
            title: Some("Russian calculus after the Nagorno-Karabakh ceasefire".into()),
            date: Some("2020-11-10".into()),
            url: None,
        };
        let occurrence = |doc: u32, line: u32| Occurrence {
            doc: DocId(doc),
            line,
            column: 1,
            byte_range: 0..10,
        };
        Corpus {
            documents: vec![
                doc(0, "000_a.txt", thread.clone()),
                doc(1, "001_b.txt", thread),
                doc(2, "sub/004_c.txt", SourceMeta::default()),
            ],
            sentences: vec![
                SourceSentence {
                    id: SentenceId(0),
                    text: "Russia has put its 2000 peacekeepers in NK.".into(),
                    occurrences: vec![occurrence(0, 11), occurrence(1, 12)],
                },
                SourceSentence {
                    id: SentenceId(1),
                    text: "The real winner in this conflict is Russia.".into(),
                    occurrences: vec![Occurrence {
                        doc: DocId(2),
                        line: 9,
                        column: 5,
                        byte_range: 0..10,
                    }],
                },
            ],
        }
    }

    pub(crate) fn checked(
        draft: &str,
        needle: &str,
        verdict: Verdict,
        reason: &str,
        matches: &[(u32, f32)],
        differences: Vec<Difference>,
    ) -> CheckedSentence {
        let start = draft.find(needle).expect("needle in draft");
        CheckedSentence {
            sentence: DraftSentence {
                block: if needle.starts_with('#') {
                    BlockKind::Heading
                } else {
                    BlockKind::Paragraph
                },
                ..DraftSentence::plain(needle, start)
            },
            judgement: Judgement {
                verdict,
                reason: reason.to_string(),
                matches: matches
                    .iter()
                    .map(|&(id, score)| SourceMatch {
                        sentence: SentenceId(id),
                        score,
                    })
                    .collect(),
                differences,
            },
        }
    }

    pub(crate) fn number_difference() -> Vec<Difference> {
        vec![Difference {
            kind: DifferenceKind::Number,
            source: "2000".into(),
            draft: "5000".into(),
        }]
    }

    #[test]
    fn open_path_joins_the_root_as_given() {
        let corpus = corpus();
        let roots = [PathBuf::from("../corpus")];
        let canonical = [(&roots[0], PathBuf::from("/corpus"))];
        assert_eq!(
            open_path(&corpus.documents[0], &canonical),
            "../corpus/000_a.txt"
        );
        assert_eq!(
            open_path(&corpus.documents[2], &canonical),
            "../corpus/sub/004_c.txt"
        );
    }

    #[test]
    fn open_path_picks_the_root_the_document_was_found_under() {
        let corpus = corpus();
        let outer = PathBuf::from("c");
        let inner = PathBuf::from("c/sub");
        let file = PathBuf::from("one.txt");
        let roots = [
            (&inner, PathBuf::from("/corpus/sub")),
            (&outer, PathBuf::from("/corpus")),
            (&file, PathBuf::from("/corpus/000_a.txt")),
        ];
        // "sub/004_c.txt" was found under the outer root: joining the inner one would
        // double "sub"
        assert_eq!(open_path(&corpus.documents[2], &roots), "c/sub/004_c.txt");
        let mut doc = corpus.documents[2].clone();
        doc.rel_path = "004_c.txt".into();
        assert_eq!(open_path(&doc, &roots), "c/sub/004_c.txt");
        // a file root is shown as given, not joined with the file name
        assert_eq!(open_path(&corpus.documents[0], &roots[2..]), "one.txt");
    }

    #[test]
    fn open_path_falls_back_to_the_canonical_path() {
        let corpus = corpus();
        let elsewhere = PathBuf::from("x");
        let roots = [(&elsewhere, PathBuf::from("/nowhere"))];
        assert_eq!(open_path(&corpus.documents[1], &roots), "/corpus/001_b.txt");
    }

    #[test]
    fn human_position_counts_characters_from_one() {
        let text = "# Title\nß🙂 Russia went.\r\nNext.";
        let lines = LineIndex::new(text);
        assert_eq!(human_position(text, &lines, 0), (1, 1));
        let russia = text.find("Russia").unwrap();
        // ß and 🙂 are one character each, then a space
        assert_eq!(human_position(text, &lines, russia), (2, 4));
        let next = text.find("Next").unwrap();
        assert_eq!(human_position(text, &lines, next), (3, 1));
        assert_eq!(human_position(text, &lines, text.len() + 5), (3, 6));
    }

    #[test]
    fn scores_round_to_two_decimals() {
        assert_eq!(round_score(0.834_999), 0.83);
        assert_eq!(round_score(0.835_1), 0.84);
        assert_eq!(serde_json::to_string(&round_score(0.83)).unwrap(), "0.83");
        assert_eq!(round_score(1.0), 1.0);
    }

    #[test]
    fn counts_every_verdict() {
        let draft = "A. B. C. D.";
        let s = |n, v| checked(draft, n, v, "", &[], vec![]);
        let sentences = [
            s("A.", Verdict::Supported),
            s("B.", Verdict::Skipped),
            s("C.", Verdict::Skipped),
            s("D.", Verdict::Supported),
        ];
        let counts = Counts::of(&sentences);
        assert_eq!(counts.supported, 2);
        assert_eq!(counts.skipped, 2);
        assert!(!counts.needs_attention());
        let counts = Counts::of(&[s("A.", Verdict::Copied)]);
        assert!(counts.needs_attention());
    }
}
