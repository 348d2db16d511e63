use std::sync::Arc;

use tower_lsp::lsp_types::DidChangeTextDocumentParams;

use crate::server::checks::DEBOUNCE;
use crate::server::state::Server;

/// The edits are already applied (in order, by `ordered`); check once the typing pauses.
pub fn run(server: &Arc<Server>, params: DidChangeTextDocumentParams) {
    server
        .checks
        .schedule(server, params.text_document.uri, DEBOUNCE);
}
