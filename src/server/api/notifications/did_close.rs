use std::sync::Arc;

use tower_lsp::lsp_types::DidCloseTextDocumentParams;

use crate::server::state::Server;

/// Stop checking, and take the draft's diagnostics away with it.
pub async fn run(server: &Arc<Server>, params: DidCloseTextDocumentParams) {
    let uri = params.text_document.uri;
    server.checks.cancel(&uri);
    server
        .client
        .publish_diagnostics(uri, Vec::new(), None)
        .await;
}
