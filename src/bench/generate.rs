//! A seeded synthetic corpus: documents of 20–200 sentences with authors, dates and the
//! line, column and byte range each sentence would have in its file, built in memory as
//! [`Corpus`] values or written out as a folder the real loader can read.
//!
//! A few documents are re-scrapes of the one before (same author, its opening sentences
//! again): those sentences get two occurrences, as the loader's de-duplication gives them.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::corpus::{
    Corpus, DocId, Occurrence, SentenceId, SourceDocument, SourceMeta, SourceSentence,
};

use super::rng::Rng;
use super::sentence::sentence;
use super::vocabulary::{capitalise, Vocabulary};

pub const MIN_SENTENCES_PER_DOCUMENT: usize = 20;
pub const MAX_SENTENCES_PER_DOCUMENT: usize = 200;
/// Share of documents that re-scrape the document before them.
const RESCRAPE_SHARE: f64 = 0.03;

const FIRST_NAMES: &[&str] = &[
    "Anna", "Sergei", "Maria", "Thomas", "Laurence", "Olesya", "Hikmet", "Nina", "Pavel", "Ruben",
    "Elif", "Giorgi", "Dmitri", "Sophie", "Aram", "Leyla", "Michael", "Kadri",
];
const AFFILIATIONS: &[&str] = &[
    "Carnegie Moscow Center",
    "Caucasus Research Institute",
    "Eurasia Policy Forum",
    "Independent analyst",
    "Regional Studies Centre",
];

/// A generated corpus and where each of its sentences stands in its document's file.
#[derive(Debug, Clone)]
pub struct SyntheticCorpus {
    pub corpus: Corpus,
    /// Per document, its sentences in file order; `true` starts a paragraph.
    pub files: Vec<Vec<(SentenceId, bool)>>,
}

/// Where the next sentence of a file goes: paragraphs of sentences separated by one space,
/// paragraphs by a blank line.
struct Layout {
    line: u32,
    column: u32,
    byte: usize,
    started: bool,
}

impl Layout {
    fn new() -> Layout {
        Layout {
            line: 1,
            column: 1,
            byte: 0,
            started: false,
        }
    }

    /// Places `text`, appending it (and its separator) to `out` when given.
    fn place(
        &mut self,
        doc: DocId,
        text: &str,
        new_paragraph: bool,
        out: Option<&mut String>,
    ) -> Occurrence {
        let separator = match (self.started, new_paragraph) {
            (false, _) => "",
            (true, true) => "\n\n",
            (true, false) => " ",
        };
        if separator == "\n\n" {
            self.line += 2;
            self.column = 1;
        } else {
            self.column += separator.len() as u32;
        }
        self.byte += separator.len();
        if let Some(out) = out {
            out.push_str(separator);
            out.push_str(text);
        }
        let occurrence = Occurrence {
            doc,
            line: self.line,
            column: self.column,
            byte_range: self.byte..self.byte + text.len(),
        };
        self.byte += text.len();
        self.column += text.chars().count() as u32;
        self.started = true;
        occurrence
    }
}

/// `sentences` distinct source sentences (plus re-scraped repeats) from `seed`.
pub fn generate(vocab: &Vocabulary, seed: u64, sentences: usize) -> SyntheticCorpus {
    let mut root = Rng::new(seed).fork(2);
    let mut corpus = Corpus::default();
    let mut files: Vec<Vec<(SentenceId, bool)>> = Vec::new();
    corpus.sentences.reserve(sentences);
    while corpus.sentences.len() < sentences {
        let doc = DocId(corpus.documents.len() as u32);
        let mut rng = root.fork(doc.0 as u64);
        let fresh = rng
            .between(MIN_SENTENCES_PER_DOCUMENT, MAX_SENTENCES_PER_DOCUMENT)
            .min(sentences - corpus.sentences.len());
        let previous = files.last().filter(|_| rng.chance(RESCRAPE_SHARE));
        let mut meta = document_meta(vocab, &mut rng);
        let mut file: Vec<(SentenceId, bool)> = Vec::new();
        let mut layout = Layout::new();
        if let Some(previous) = previous {
            // Same thread scraped again: same author, its opening sentences repeated.
            if let Some(prev_doc) = corpus.documents.last() {
                meta.author = prev_doc.meta.author.clone();
                meta.affiliation = prev_doc.meta.affiliation.clone();
            }
            let repeated = rng.between(5, previous.len() / 2).min(previous.len());
            for &(id, new_paragraph) in &previous[..repeated] {
                let s = &mut corpus.sentences[id.0 as usize];
                let occurrence = layout.place(doc, &s.text, new_paragraph, None);
                s.occurrences.push(occurrence);
                file.push((id, new_paragraph));
            }
        }
        let mut paragraph_left = 0;
        for _ in 0..fresh {
            let new_paragraph = paragraph_left == 0;
            if new_paragraph {
                paragraph_left = rng.between(1, 5);
            }
            paragraph_left -= 1;
            let text = sentence(vocab, &mut rng);
            let id = SentenceId(corpus.sentences.len() as u32);
            let occurrence = layout.place(doc, &text, new_paragraph, None);
            corpus.sentences.push(SourceSentence {
                id,
                text,
                occurrences: vec![occurrence],
            });
            file.push((id, new_paragraph));
        }
        let rel_path = file_name(doc);
        corpus.documents.push(SourceDocument {
            id: doc,
            path: PathBuf::from("/synthetic").join(&rel_path),
            rel_path,
            meta,
        });
        files.push(file);
    }
    SyntheticCorpus { corpus, files }
}

fn file_name(doc: DocId) -> String {
    format!("doc_{:06}.txt", doc.0)
}

fn document_meta(vocab: &Vocabulary, rng: &mut Rng) -> SourceMeta {
    let author = rng.chance(0.7).then(|| {
        format!(
            "{} {}",
            rng.pick(FIRST_NAMES).copied().unwrap_or("Anna"),
            vocab.people.draw(rng)
        )
    });
    let affiliation = author.is_some().then(|| {
        rng.pick(AFFILIATIONS)
            .copied()
            .unwrap_or("Independent analyst")
            .to_string()
    });
    let kind = match rng.below(20) {
        0..=9 => "thread",
        10..=16 => "article",
        _ => "report",
    };
    let title = format!(
        "{} {} and {}",
        capitalise(vocab.adjectives.draw(rng)),
        vocab.nouns.draw(rng),
        vocab.actor(rng).1
    );
    let date = format!(
        "{}-{:02}-{:02}",
        rng.between(2018, 2023),
        rng.between(1, 12),
        rng.between(1, 28)
    );
    SourceMeta {
        author,
        affiliation,
        attribution: None,
        kind: Some(kind.to_string()),
        title: Some(title),
        date: Some(date),
        url: None,
    }
}

/// The text of one document's file, laid out as its occurrences say.
pub fn document_text(synthetic: &SyntheticCorpus, doc: DocId) -> String {
    let mut out = String::new();
    let mut layout = Layout::new();
    if let Some(file) = synthetic.files.get(doc.0 as usize) {
        for &(id, new_paragraph) in file {
            let text = &synthetic.corpus.sentence(id).text;
            layout.place(doc, text, new_paragraph, Some(&mut out));
        }
    }
    out.push('\n');
    out
}

/// Writes every document and a `sources.toml` with their metadata into `dir`, which must be
/// new or empty (so nothing of the user's is overwritten).
pub fn write_corpus(synthetic: &SyntheticCorpus, dir: &Path) -> anyhow::Result<()> {
    use anyhow::Context;
    if dir.exists() {
        let mut entries =
            std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))?;
        if entries.next().is_some() {
            anyhow::bail!(
                "{} is not empty; choose a new or empty folder",
                dir.display()
            );
        }
    }
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let mut sources =
        String::from("# Synthetic corpus written by `corroborate bench --write-corpus`.\n");
    for doc in &synthetic.corpus.documents {
        let path = dir.join(&doc.rel_path);
        std::fs::write(&path, document_text(synthetic, doc.id))
            .with_context(|| format!("writing {}", path.display()))?;
        let _ = writeln!(
            sources,
            "\n[[source]]\nfile = {}",
            toml_string(&doc.rel_path)
        );
        let fields = [
            ("author", &doc.meta.author),
            ("affiliation", &doc.meta.affiliation),
            ("kind", &doc.meta.kind),
            ("title", &doc.meta.title),
            ("date", &doc.meta.date),
        ];
        for (key, value) in fields {
            if let Some(value) = value {
                let _ = writeln!(sources, "{key} = {}", toml_string(value));
            }
        }
    }
    let path = dir.join("sources.toml");
    std::fs::write(&path, sources).with_context(|| format!("writing {}", path.display()))?;
    Ok(())
}

fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> SyntheticCorpus {
        let vocab = Vocabulary::new(11, 3_000);
        generate(&vocab, 11, 3_000)
    }

    #[test]
    fn same_seed_same_corpus() {
        let vocab = Vocabulary::new(11, 3_000);
        let a = generate(&vocab, 11, 500);
        let b = generate(&vocab, 11, 500);
        let c = generate(&vocab, 12, 500);
        let texts = |s: &SyntheticCorpus| {
            s.corpus
                .sentences
                .iter()
                .map(|s| s.text.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(texts(&a), texts(&b));
        assert_ne!(texts(&a), texts(&c));
    }

    #[test]
    fn sizes_and_ids() {
        let s = small();
        assert_eq!(s.corpus.sentences.len(), 3_000);
        for (i, sentence) in s.corpus.sentences.iter().enumerate() {
            assert_eq!(sentence.id.0 as usize, i);
            assert!(!sentence.occurrences.is_empty());
        }
        let docs = s.corpus.documents.len();
        // 3,000 sentences at 20–200 (mean 110) per document: about 27 documents.
        assert!((15..=60).contains(&docs), "{docs} documents");
        for (i, doc) in s.corpus.documents.iter().enumerate() {
            assert_eq!(doc.id.0 as usize, i);
        }
    }

    #[test]
    fn occurrences_point_at_the_sentence_in_the_written_text() {
        let s = small();
        let mut checked = 0;
        for doc in &s.corpus.documents {
            let text = document_text(&s, doc.id);
            let lines: Vec<&str> = text.split('\n').collect();
            for &(id, _) in &s.files[doc.id.0 as usize] {
                let sentence = s.corpus.sentence(id);
                let occurrence = sentence
                    .occurrences
                    .iter()
                    .find(|o| o.doc == doc.id)
                    .expect("an occurrence in each file that holds the sentence");
                assert_eq!(&text[occurrence.byte_range.clone()], sentence.text);
                let line = lines[occurrence.line as usize - 1];
                let from_column: String =
                    line.chars().skip(occurrence.column as usize - 1).collect();
                assert!(from_column.starts_with(&sentence.text));
                checked += 1;
            }
        }
        assert!(checked >= 3_000);
    }

    #[test]
    fn rescrapes_repeat_the_previous_document_under_the_same_author() {
        let vocab = Vocabulary::new(11, 3_000);
        let s = generate(&vocab, 11, 60_000);
        let repeated: Vec<&SourceSentence> = s
            .corpus
            .sentences
            .iter()
            .filter(|x| x.occurrences.len() > 1)
            .collect();
        assert!(
            !repeated.is_empty(),
            "no re-scraped documents in 60k sentences"
        );
        for sentence in repeated {
            let docs: Vec<u32> = sentence.occurrences.iter().map(|o| o.doc.0).collect();
            assert_eq!(docs.len(), 2);
            assert_eq!(docs[1], docs[0] + 1);
            let (a, b) = (
                s.corpus.document(DocId(docs[0])),
                s.corpus.document(DocId(docs[1])),
            );
            assert_eq!(a.meta.author, b.meta.author);
        }
    }

    #[test]
    fn writes_a_folder_and_refuses_a_full_one() {
        let dir =
            std::env::temp_dir().join(format!("corroborate-bench-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let vocab = Vocabulary::new(1, 1_000);
        let s = generate(&vocab, 1, 300);
        write_corpus(&s, &dir).expect("writes into a new folder");
        let sources = std::fs::read_to_string(dir.join("sources.toml")).expect("sources.toml");
        let parsed: toml::Value = toml::from_str(&sources).expect("valid TOML");
        let listed = parsed
            .get("source")
            .and_then(|v| v.as_array())
            .map_or(0, |a| a.len());
        assert_eq!(listed, s.corpus.documents.len());
        let first = std::fs::read_to_string(dir.join("doc_000000.txt")).expect("first document");
        assert!(first.contains(&s.corpus.sentences[0].text));
        assert!(
            write_corpus(&s, &dir).is_err(),
            "overwrote a non-empty folder"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
