//! `--format json`: exactly one JSON object, the contract tools rely on (docs/cli.md).
//!
//! The structs below ARE the contract: renaming a field breaks every consumer. Add fields,
//! never rename or remove them.

use std::io::{self, Write};

use serde::Serialize;

use super::{round_score, FileReport, Sources};
use crate::engine::CheckedSentence;
use crate::judge::{Difference, SourceMatch, Verdict};
use crate::text::{BlockKind, LineIndex, Position, PositionEncoding, Suppression};

#[derive(Serialize)]
pub struct Report<'a> {
    pub files: Vec<File<'a>>,
}

#[derive(Serialize)]
pub struct File<'a> {
    /// As given on the command line.
    pub path: String,
    /// Every sentence, in document order, skipped ones included.
    pub sentences: Vec<Sentence<'a>>,
}

#[derive(Serialize)]
pub struct Sentence<'a> {
    /// The sentence as a reader sees it (markup removed).
    pub text: &'a str,
    /// LSP range: 0-based line, UTF-16 column.
    pub range: Range,
    pub byte_range: ByteRange,
    pub block: BlockKind,
    pub verdict: Verdict,
    pub reason: &'a str,
    pub quoted: bool,
    pub cited: bool,
    pub suppression: Option<Suppression>,
    /// Best first.
    pub matches: Vec<Match<'a>>,
    pub differences: &'a [Difference],
}

#[derive(Serialize)]
pub struct Range {
    pub start: Position,
    pub end: Position,
}

#[derive(Serialize)]
pub struct ByteRange {
    pub start: usize,
    pub end: usize,
}

#[derive(Serialize)]
pub struct Match<'a> {
    /// Relative to its corpus root, `/` separators.
    pub source: &'a str,
    /// The corpus root as given joined with `source`: a path to open from where the
    /// command ran.
    pub path: &'a str,
    pub author: Option<&'a str>,
    pub affiliation: Option<&'a str>,
    /// "inferred" when the document does not name its author.
    pub attribution: Option<&'a str>,
    pub kind: Option<&'a str>,
    pub title: Option<&'a str>,
    pub date: Option<&'a str>,
    pub url: Option<&'a str>,
    /// The cleaned source sentence.
    pub text: &'a str,
    /// 1-based line and character column in the original source file.
    pub line: u32,
    pub column: u32,
    /// Two decimals.
    pub score: f64,
    /// The other documents holding the same sentence (the same thread scraped twice).
    pub also_in: Vec<AlsoIn<'a>>,
}

#[derive(Serialize)]
pub struct AlsoIn<'a> {
    pub source: &'a str,
    pub path: &'a str,
    pub line: u32,
    pub column: u32,
}

impl<'a> Report<'a> {
    pub fn new(files: &[FileReport<'a>]) -> Report<'a> {
        Report {
            files: files.iter().map(file).collect(),
        }
    }
}

/// Writes `files` as one JSON object and a newline.
pub fn write(out: &mut impl Write, files: &[FileReport]) -> io::Result<()> {
    serde_json::to_writer(&mut *out, &Report::new(files))?;
    writeln!(out)
}

fn file<'a>(report: &FileReport<'a>) -> File<'a> {
    let lines = LineIndex::new(report.text);
    File {
        path: report.path.display().to_string(),
        sentences: report
            .sentences
            .iter()
            .map(|checked| sentence(report.text, &lines, checked, report.sources))
            .collect(),
    }
}

fn sentence<'a>(
    text: &str,
    lines: &LineIndex,
    checked: &'a CheckedSentence,
    sources: &'a Sources<'a>,
) -> Sentence<'a> {
    let s = &checked.sentence;
    let j = &checked.judgement;
    let position = |offset| lines.position(text, offset, PositionEncoding::Utf16);
    Sentence {
        text: &s.text,
        range: Range {
            start: position(s.byte_range.start),
            end: position(s.byte_range.end),
        },
        byte_range: ByteRange {
            start: s.byte_range.start,
            end: s.byte_range.end,
        },
        block: s.block,
        verdict: j.verdict,
        reason: &j.reason,
        quoted: s.quoted,
        cited: s.cited,
        suppression: s.suppression,
        matches: j
            .matches
            .iter()
            .filter_map(|m| source_match(m, sources))
            .collect(),
        differences: &j.differences,
    }
}

/// `None` for a match the corpus does not know (a bug elsewhere; never panic on it).
fn source_match<'a>(m: &SourceMatch, sources: &'a Sources<'a>) -> Option<Match<'a>> {
    let sentence = sources.sentence(m.sentence)?;
    let (first, others) = sentence.occurrences.split_first()?;
    let doc = sources.document(first.doc)?;
    let meta = &doc.meta;
    Some(Match {
        source: &doc.rel_path,
        path: sources.open_path(first.doc).unwrap_or(&doc.rel_path),
        author: meta.author.as_deref(),
        affiliation: meta.affiliation.as_deref(),
        attribution: meta.attribution.as_deref(),
        kind: meta.kind.as_deref(),
        title: meta.title.as_deref(),
        date: meta.date.as_deref(),
        url: meta.url.as_deref(),
        text: &sentence.text,
        line: first.line,
        column: first.column,
        score: round_score(m.score),
        also_in: others
            .iter()
            .filter_map(|o| {
                let other = sources.document(o.doc)?;
                Some(AlsoIn {
                    source: &other.rel_path,
                    path: sources.open_path(o.doc).unwrap_or(&other.rel_path),
                    line: o.line,
                    column: o.column,
                })
            })
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use serde_json::{json, Value};

    use super::*;
    use crate::report::tests::{checked, corpus, number_difference};

    #[test]
    fn the_contract_with_utf16_ranges_nulls_and_other_occurrences() {
        // 🙂 is 4 bytes, 2 UTF-16 units, 1 character
        let draft = "# Peace\n🙂 Russia sent 5000 peacekeepers. Turkey won.\n";
        let corpus = corpus();
        let sources = Sources::new(&corpus, &[]);
        let sentences = vec![
            checked(draft, "# Peace", Verdict::Skipped, "heading", &[], vec![]),
            checked(
                draft,
                "Russia sent 5000 peacekeepers.",
                Verdict::Conflicting,
                "a number differs",
                &[(0, 0.6149), (1, 0.2), (99, 0.1)],
                number_difference(),
            ),
            checked(
                draft,
                "Turkey won.",
                Verdict::Unsupported,
                "no source",
                &[],
                vec![],
            ),
        ];
        let files = [FileReport {
            path: Path::new("d/a.md"),
            text: draft,
            sentences: &sentences,
            sources: &sources,
        }];
        let mut out = Vec::new();
        write(&mut out, &files).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text.matches('\n').count(), 1, "one object on one line");
        let value: Value = serde_json::from_str(&text).unwrap();

        let file = &value["files"][0];
        assert_eq!(file["path"], "d/a.md");
        let sentences = file["sentences"].as_array().unwrap();
        assert_eq!(sentences.len(), 3);
        assert_eq!(sentences[0]["verdict"], "skipped");
        assert_eq!(sentences[0]["block"], "heading");

        let conflict = &sentences[1];
        assert_eq!(conflict["text"], "Russia sent 5000 peacekeepers.");
        // line 1 (0-based); "🙂 " is 3 UTF-16 units; the sentence is 30 characters
        assert_eq!(
            conflict["range"],
            json!({"start": {"line": 1, "character": 3}, "end": {"line": 1, "character": 33}})
        );
        assert_eq!(conflict["byte_range"], json!({"start": 13, "end": 43}));
        assert_eq!(conflict["verdict"], "conflicting");
        assert_eq!(conflict["reason"], "a number differs");
        assert_eq!(
            conflict["differences"],
            json!([{"kind": "number", "source": "2000", "draft": "5000"}])
        );
        // the unknown sentence 99 is dropped, not a panic
        let matches = conflict["matches"].as_array().unwrap();
        assert_eq!(matches.len(), 2);
        let best = &matches[0];
        assert_eq!(best["source"], "000_a.txt");
        assert_eq!(best["author"], "Alexander Gabuev");
        assert_eq!(best["affiliation"], "Carnegie Moscow Center");
        assert_eq!(best["kind"], "thread");
        assert_eq!(best["date"], "2020-11-10");
        assert_eq!(best["url"], Value::Null);
        assert_eq!(best["text"], "Russia has put its 2000 peacekeepers in NK.");
        assert_eq!(best["line"], 11);
        assert_eq!(best["score"], json!(0.61));
        assert_eq!(
            best["also_in"],
            json!([{"source": "001_b.txt", "path": "/corpus/001_b.txt", "line": 12, "column": 1}])
        );
        // unknown author: null, not the display name
        let anonymous = &matches[1];
        assert_eq!(anonymous["author"], Value::Null);
        assert_eq!(anonymous["title"], Value::Null);
        assert_eq!(anonymous["source"], "sub/004_c.txt");
        assert_eq!(anonymous["line"], 9);
        assert_eq!(anonymous["column"], 5);
        assert_eq!(anonymous["also_in"], json!([]));

        assert_eq!(sentences[2]["matches"], json!([]));
        assert_eq!(sentences[2]["differences"], json!([]));
    }

    #[test]
    fn no_files_is_still_one_object() {
        let mut out = Vec::new();
        write(&mut out, &[]).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "{\"files\":[]}\n");
    }
}
