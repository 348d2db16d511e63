use std::sync::Arc;

use serde::Serialize;
use serde_json::Value;
use tower_lsp::jsonrpc;
use tower_lsp::lsp_types::{Location, Position, Range};

use super::{invalid, uri_of};
use crate::corpus::Corpus;
use crate::engine::CheckedSentence;
use crate::server::api::requests::{hover::status_text, target};
use crate::server::sources::SourceTexts;
use crate::server::state::Server;
use crate::server::to_proto::Lines;
use crate::server::{analysis, describe, from_proto, guard};
use crate::text::{LineIndex, PositionEncoding};

/// A draft sentence, its verdict and the sources behind it.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SentenceSources {
    /// The sentence as the judge read it (markup removed).
    pub text: String,
    pub range: Range,
    /// `supported`, `copied`, `conflicting`, `unsupported` or `skipped`, as diagnostic codes.
    pub verdict: &'static str,
    /// What the diagnostic says, e.g. "Copied: near-verbatim from … — Alexander Gabuev".
    pub message: String,
    /// "source says 2000, draft says 5000", one per difference.
    pub differences: Vec<String>,
    /// Best first; all of them, where hover shows five.
    pub sources: Vec<SourceEntry>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SourceEntry {
    /// The author, else the title, else the file name.
    pub name: String,
    pub author: Option<String>,
    pub affiliation: Option<String>,
    pub kind: Option<String>,
    pub date: Option<String>,
    pub title: Option<String>,
    pub url: Option<String>,
    /// Rounded to two decimals, as hover shows it.
    pub score: f64,
    /// The source sentence, cleaned.
    pub text: String,
    /// The file, relative to its corpus folder.
    pub file: String,
    /// 1-based line in the original file.
    pub line: u32,
    /// The sentence's exact place in the original file (positions in the negotiated
    /// encoding); absent if the file cannot be named as a URI.
    pub location: Option<Location>,
}

/// `corroborate.showSources` {textDocument, position}: the sentence at the position with
/// its verdict and every matching source; `null` where there is no sentence. An error says
/// why when the corpus is not loaded.
pub async fn run(
    server: &Arc<Server>,
    arguments: &[Value],
) -> jsonrpc::Result<Option<SentenceSources>> {
    let argument = arguments
        .first()
        .ok_or_else(|| invalid("expected {textDocument, position}".into()))?;
    let uri = uri_of(argument)?;
    let position: Position = argument
        .get("position")
        .cloned()
        .and_then(|p| serde_json::from_value(p).ok())
        .ok_or_else(|| {
            invalid(format!(
                "expected a position {{line, character}} in {argument}"
            ))
        })?;
    let (snapshot, loaded) = match target(server, &uri) {
        None => return Ok(None),
        Some(Err(status)) => {
            let why = status_text(&status).unwrap_or_else(|| "corroborate: not ready".into());
            return Err(jsonrpc::Error {
                code: jsonrpc::ErrorCode::ServerError(REQUEST_FAILED),
                message: why.into(),
                data: None,
            });
        }
        Some(Ok(t)) => t,
    };
    let encoding = server.documents.encoding();
    guard::blocking(move || {
        guard::debug_panic_point("show_sources");
        let text = &snapshot.text;
        let index = LineIndex::new(text);
        let offset = from_proto::offset(text, &index, position, encoding)?;
        let checked = analysis::check_at(&loaded.engine, &loaded.cache, text, offset)?;
        let lines = Lines {
            text,
            index: &index,
            encoding,
        };
        let corpus = &loaded.engine.corpus;
        Some(SentenceSources {
            text: checked.sentence.text.clone(),
            range: lines.range(checked.sentence.byte_range.clone()),
            verdict: checked.judgement.verdict.as_str(),
            message: describe::message(corpus, &checked),
            differences: checked
                .judgement
                .differences
                .iter()
                .map(|d| d.to_string())
                .collect(),
            sources: entries(&checked, corpus, &loaded.sources, encoding),
        })
    })
    .await
    .map_err(|panic| guard::request_error("show sources", panic))
}

/// LSP's RequestFailed: the request was valid but could not be carried out.
const REQUEST_FAILED: i64 = -32803;

fn entries(
    checked: &CheckedSentence,
    corpus: &Corpus,
    texts: &SourceTexts,
    encoding: PositionEncoding,
) -> Vec<SourceEntry> {
    checked
        .judgement
        .matches
        .iter()
        .enumerate()
        .filter_map(|(nth, m)| {
            let sentence = corpus.sentences.get(m.sentence.0 as usize)?;
            let doc = describe::matched_document(corpus, checked, nth)?;
            let meta = &doc.meta;
            Some(SourceEntry {
                name: doc.display_name().to_string(),
                author: meta.author.clone(),
                affiliation: meta.affiliation.clone(),
                kind: meta.kind.clone(),
                date: meta.date.clone(),
                title: meta.title.clone(),
                url: meta.url.clone(),
                score: (f64::from(m.score) * 100.0).round() / 100.0,
                text: sentence.text.clone(),
                file: doc.rel_path.clone(),
                line: sentence.occurrences.first().map_or(1, |o| o.line),
                location: texts.location(corpus, m.sentence, encoding),
            })
        })
        .collect()
}
