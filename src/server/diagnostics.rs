//! Verdicts → diagnostics: one per sentence that needs attention (or per verdict the
//! settings make visible), each pointing at its sources through `relatedInformation`.

use tower_lsp::lsp_types::{Diagnostic, DiagnosticRelatedInformation, NumberOrString};

use super::describe;
use super::sources::SourceTexts;
use super::to_proto::{self, Lines};
use crate::config::{Severities, Severity};
use crate::corpus::Corpus;
use crate::engine::CheckedSentence;
use crate::judge::Verdict;

pub const SOURCE: &str = "corroborate";

/// How many sources a diagnostic points at; hover lists them all.
const RELATED_LIMIT: usize = 3;

pub fn severity_of(severities: &Severities, verdict: Verdict) -> Severity {
    match verdict {
        Verdict::Supported => severities.supported,
        Verdict::Copied => severities.copied,
        Verdict::Conflicting => severities.conflicting,
        Verdict::Unsupported => severities.unsupported,
        Verdict::Skipped => Severity::Off,
    }
}

pub fn diagnostics(
    checked: &[CheckedSentence],
    lines: &Lines,
    severities: &Severities,
    corpus: &Corpus,
    sources: &SourceTexts,
) -> Vec<Diagnostic> {
    checked
        .iter()
        .filter_map(|c| {
            let severity = to_proto::severity(severity_of(severities, c.judgement.verdict))?;
            Some(Diagnostic {
                range: lines.range(c.sentence.byte_range.clone()),
                severity: Some(severity),
                code: Some(NumberOrString::String(c.judgement.verdict.as_str().into())),
                source: Some(SOURCE.into()),
                message: describe::message(corpus, c),
                related_information: related(c, lines, corpus, sources),
                ..Default::default()
            })
        })
        .collect()
}

fn related(
    checked: &CheckedSentence,
    lines: &Lines,
    corpus: &Corpus,
    sources: &SourceTexts,
) -> Option<Vec<DiagnosticRelatedInformation>> {
    let related: Vec<_> = checked
        .judgement
        .matches
        .iter()
        .take(RELATED_LIMIT)
        .enumerate()
        .filter_map(|(nth, m)| {
            let location = sources.location(corpus, m.sentence, lines.encoding)?;
            let sentence = corpus.sentences.get(m.sentence.0 as usize)?;
            let name = describe::matched_document(corpus, checked, nth)?.display_name();
            Some(DiagnosticRelatedInformation {
                location,
                message: format!(
                    "{name}: “{}” (score {:.2})",
                    describe::shorten(&sentence.text, 160),
                    m.score
                ),
            })
        })
        .collect();
    (!related.is_empty()).then_some(related)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::corpus::{
        DocId, Occurrence, SentenceId, SourceDocument, SourceMeta, SourceSentence,
    };
    use crate::judge::{Difference, DifferenceKind, Judgement, SourceMatch};
    use crate::text::{DraftSentence, LineIndex, PositionEncoding};
    use std::path::PathBuf;

    /// A one-document corpus whose file exists on disk, so locations can be computed.
    pub fn corpus_on_disk(name: &str, source: &str, sentence: &str) -> (Corpus, PathBuf) {
        let dir =
            std::env::temp_dir().join(format!("corroborate-diag-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("source.txt");
        std::fs::write(&path, source).unwrap();
        let start = source.find(sentence).unwrap();
        let line = source[..start].matches('\n').count() as u32 + 1;
        let corpus = Corpus {
            documents: vec![SourceDocument {
                id: DocId(0),
                path: path.clone(),
                rel_path: "source.txt".into(),
                meta: SourceMeta {
                    author: Some("Alexander Gabuev".into()),
                    affiliation: Some("Carnegie Moscow Center".into()),
                    kind: Some("thread".into()),
                    title: Some("Russian calculus".into()),
                    date: Some("2020-11-10".into()),
                    ..Default::default()
                },
            }],
            sentences: vec![SourceSentence {
                id: SentenceId(0),
                text: sentence.into(),
                occurrences: vec![Occurrence {
                    doc: DocId(0),
                    line,
                    column: 1,
                    byte_range: start..start + sentence.len(),
                }],
            }],
        };
        (corpus, dir)
    }

    pub fn checked(text: &str, at: usize, verdict: Verdict, matched: bool) -> CheckedSentence {
        CheckedSentence {
            sentence: DraftSentence::plain(text, at),
            judgement: Judgement {
                verdict,
                reason: String::new(),
                matches: if matched {
                    vec![SourceMatch {
                        sentence: SentenceId(0),
                        score: 0.875,
                    }]
                } else {
                    vec![]
                },
                differences: if verdict == Verdict::Conflicting {
                    vec![Difference {
                        kind: DifferenceKind::Number,
                        source: "2000".into(),
                        draft: "5000".into(),
                    }]
                } else {
                    vec![]
                },
            },
        }
    }

    #[test]
    fn severities_codes_and_related_sources() {
        let source = "1/ intro 😀\n10/ Russia has put its 2000 peacekeepers in NK.\n";
        let sentence = "Russia has put its 2000 peacekeepers in NK.";
        let (corpus, dir) = corpus_on_disk("related", source, sentence);
        let draft = "😀 Russia put 5000 peacekeepers in NK. It rained.";
        let at = draft.find("Russia").unwrap();
        let checked = vec![
            checked(
                "Russia put 5000 peacekeepers in NK.",
                at,
                Verdict::Conflicting,
                true,
            ),
            checked(
                "It rained.",
                draft.find("It").unwrap(),
                Verdict::Supported,
                false,
            ),
        ];
        let index = LineIndex::new(draft);
        let lines = Lines {
            text: draft,
            index: &index,
            encoding: PositionEncoding::Utf16,
        };
        let d = diagnostics(
            &checked,
            &lines,
            &Severities::default(),
            &corpus,
            &SourceTexts::default(),
        );
        assert_eq!(d.len(), 1, "supported is off by default");
        let d = &d[0];
        assert_eq!((d.range.start.character, d.range.end.character), (3, 38));
        assert_eq!(d.code, Some(NumberOrString::String("conflicting".into())));
        assert_eq!(d.source.as_deref(), Some("corroborate"));
        assert!(
            d.message.contains("source says 2000, draft says 5000"),
            "{}",
            d.message
        );
        assert!(d.message.contains("Alexander Gabuev"), "{}", d.message);
        let related = d.related_information.as_ref().unwrap();
        assert_eq!(
            related[0].location.uri.to_file_path().unwrap(),
            dir.join("source.txt")
        );
        // line 2 (0-based 1), after "10/ "
        let r = related[0].location.range;
        assert_eq!(
            (r.start.line, r.start.character, r.end.line, r.end.character),
            (1, 4, 1, 47)
        );
        assert!(
            related[0].message.contains("0.88"),
            "{}",
            related[0].message
        );
        std::fs::remove_dir_all(dir).unwrap();
    }
}
