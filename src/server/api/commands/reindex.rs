use std::sync::Arc;

use serde::Serialize;
use serde_json::Value;
use tower_lsp::jsonrpc;

use super::uri_of;
use crate::server::state::Server;
use crate::server::workspace::{self, Root, Status};

/// Where one root stands after re-indexing.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Reindexed {
    pub root: String,
    /// `ready`, `noCorpus`, `failed` (the last good corpus, if any, still answers) or
    /// `loading` (a newer load, e.g. from a file event, took over).
    pub status: &'static str,
    /// Why it failed, or that no corpus is configured.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// What the engine now answering holds.
    pub sources: usize,
    pub sentences: usize,
}

/// `corroborate.reindex` [document]: re-reads corroborate.toml and the corpus from disk, for
/// the root of the given draft or, without an argument, for every root, and re-checks the
/// open drafts. Answers once the corpus is loaded, with one [`Reindexed`] per root. For
/// editors that do not watch files and files changed outside the editor.
pub async fn run(server: &Arc<Server>, arguments: &[Value]) -> jsonrpc::Result<Vec<Reindexed>> {
    // A corroborate.toml may have appeared or gone: find every draft's root again.
    server.workspace.forget_drafts();
    let roots = match arguments.first() {
        Some(argument) => {
            let uri = uri_of(argument)?;
            server.root_for(&uri).into_iter().collect()
        }
        None => {
            for uri in server.documents.uris() {
                server.root_for(&uri);
            }
            server.workspace.roots()
        }
    };
    let mut done = Vec::with_capacity(roots.len());
    for root in roots {
        workspace::reload_now(server, &root).await;
        done.push(summary(&root));
    }
    Ok(done)
}

fn summary(root: &Root) -> Reindexed {
    let (loaded, status) = root.state();
    let (status, message) = match status {
        Status::Ready => ("ready", None),
        Status::Waiting | Status::Loading => ("loading", None),
        Status::NoCorpus => ("noCorpus", Some("no corpus configured".to_string())),
        Status::Failed(why) => ("failed", Some(why)),
    };
    let (sources, sentences) = loaded.map_or((0, 0), |l| {
        let corpus = &l.engine.corpus;
        (corpus.documents.len(), corpus.sentences.len())
    });
    Reindexed {
        root: root.folder.display().to_string(),
        status,
        message,
        sources,
        sentences,
    }
}
