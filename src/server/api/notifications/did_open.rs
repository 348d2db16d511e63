use std::sync::Arc;
use std::time::Duration;

use tower_lsp::lsp_types::DidOpenTextDocumentParams;

use crate::server::state::Server;

/// The text is already stored (in order, by `ordered`); check it now.
pub fn run(server: &Arc<Server>, params: DidOpenTextDocumentParams) {
    server
        .checks
        .schedule(server, params.text_document.uri, Duration::ZERO);
}
