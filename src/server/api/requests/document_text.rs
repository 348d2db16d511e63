use std::sync::Arc;

use serde::{Deserialize, Serialize};
use tower_lsp::jsonrpc;
use tower_lsp::lsp_types::TextDocumentIdentifier;

use crate::server::state::Server;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Params {
    pub text_document: TextDocumentIdentifier,
}

#[derive(Serialize)]
pub struct DocumentText {
    pub version: i32,
    pub text: String,
}

/// `corroborate/documentText`: the server's copy of an open draft. For checking that an
/// editor and the server agree on the text (the incremental-sync tests use it).
pub fn run(server: &Arc<Server>, params: Params) -> jsonrpc::Result<Option<DocumentText>> {
    Ok(server
        .documents
        .snapshot(&params.text_document.uri)
        .map(|s| DocumentText {
            version: s.version,
            text: s.text.to_string(),
        }))
}
