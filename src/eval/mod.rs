//! Scores a labelled evaluation set (../shared/eval/dev) the way its README says: every case
//! sentence is found in the output for its draft, and its verdict is compared with the label.

mod score;

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::engine::{CheckedSentence, Engine};
use crate::judge::Verdict;

pub use score::{Outcome, Scorecard};

#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("{path}: {reason}")]
    Io { path: PathBuf, reason: String },
    #[error("{path}:{line}: {reason}")]
    Format {
        path: PathBuf,
        line: usize,
        reason: String,
    },
}

/// One labelled draft sentence.
#[derive(Debug, Clone, Deserialize)]
pub struct Case {
    pub id: String,
    pub text: String,
    pub label: String,
    pub difficulty: Option<String>,
    #[serde(default)]
    pub sources: Vec<CaseSource>,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct CaseSource {
    pub doc: String,
    #[serde(default)]
    pub quote: String,
}

#[derive(Deserialize)]
struct LabelLine {
    id: String,
}

/// The outcome of one case, with what the tool said, for the failure list.
#[derive(Debug, Clone)]
pub struct CaseResult {
    pub case: Case,
    pub draft: String,
    /// `None` when no sentence of the draft holds the case text (a segmentation miss).
    pub verdict: Option<Verdict>,
    pub reason: String,
    /// The best match's documents (relative paths) and text.
    pub best_documents: Vec<String>,
    pub best_text: Option<String>,
    pub outcome: Outcome,
}

fn read(path: &Path) -> Result<String, EvalError> {
    std::fs::read_to_string(path).map_err(|e| EvalError::Io {
        path: path.to_path_buf(),
        reason: e.to_string(),
    })
}

fn jsonl<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<Vec<T>, EvalError> {
    read(path)?
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str(l).map_err(|e| EvalError::Format {
                path: path.to_path_buf(),
                line: i + 1,
                reason: e.to_string(),
            })
        })
        .collect()
}

fn normalise(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(['’', '‘'], "'")
        .replace(['“', '”'], "\"")
}

/// The texts of the set's drafts, in name order (to embed them before [`run`]).
pub fn drafts(set_dir: &Path) -> Result<Vec<String>, EvalError> {
    draft_paths(set_dir)?.iter().map(|p| read(p)).collect()
}

fn draft_paths(set_dir: &Path) -> Result<Vec<PathBuf>, EvalError> {
    let drafts_dir = set_dir.join("drafts");
    let mut names: Vec<PathBuf> = std::fs::read_dir(&drafts_dir)
        .map_err(|e| EvalError::Io {
            path: drafts_dir.clone(),
            reason: e.to_string(),
        })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    names.sort();
    Ok(names)
}

/// Runs every draft of the set at `set_dir` through `engine` and scores each case.
pub fn run(engine: &Engine, set_dir: &Path) -> Result<Vec<CaseResult>, EvalError> {
    let cases: Vec<Case> = jsonl(&set_dir.join("cases.jsonl"))?;
    let names = draft_paths(set_dir)?;
    let mut results = Vec::new();
    for draft_path in names {
        let labels_path = draft_path.with_extension("labels.jsonl");
        let ids: Vec<LabelLine> = jsonl(&labels_path)?;
        let checked = engine.check_markdown(&read(&draft_path)?);
        let draft = draft_path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        for LabelLine { id } in ids {
            let Some(case) = cases.iter().find(|c| c.id == id) else {
                continue;
            };
            results.push(score_case(engine, case, &draft, &checked));
        }
    }
    Ok(results)
}

fn score_case(
    engine: &Engine,
    case: &Case,
    draft: &str,
    checked: &[CheckedSentence],
) -> CaseResult {
    let wanted = normalise(&case.text);
    let found = checked
        .iter()
        .find(|c| normalise(&c.sentence.text) == wanted)
        .or_else(|| {
            checked
                .iter()
                .find(|c| normalise(&c.sentence.text).contains(&wanted))
        });
    let Some(found) = found else {
        return CaseResult {
            case: case.clone(),
            draft: draft.to_string(),
            verdict: None,
            reason: "no sentence of the draft holds this text".into(),
            best_documents: vec![],
            best_text: None,
            outcome: Outcome::Wrong,
        };
    };
    let judgement = &found.judgement;
    let best = judgement
        .matches
        .first()
        .map(|m| engine.corpus.sentence(m.sentence));
    let best_documents: Vec<String> = best
        .map(|s| {
            s.occurrences
                .iter()
                .map(|o| engine.corpus.document(o.doc).rel_path.clone())
                .collect()
        })
        .unwrap_or_default();
    let listed = best_documents.iter().any(|d| {
        case.sources
            .iter()
            .any(|s| d == &s.doc || d.ends_with(&format!("/{}", s.doc)))
    });
    let outcome = score::outcome(&case.label, judgement.verdict, listed);
    CaseResult {
        case: case.clone(),
        draft: draft.to_string(),
        verdict: Some(judgement.verdict),
        reason: match judgement.matches.first() {
            Some(m) => format!("{} ({:.2})", judgement.reason, m.score),
            None => judgement.reason.clone(),
        },
        best_documents,
        best_text: best.map(|s| s.text.clone()),
        outcome,
    }
}
