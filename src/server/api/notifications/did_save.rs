use std::sync::Arc;
use std::time::Duration;

use tower_lsp::lsp_types::DidSaveTextDocumentParams;

use crate::server::from_proto;
use crate::server::state::Server;
use crate::server::workspace::{self, FILE_EVENT_DELAY};

/// Check a saved draft at once. A saved corroborate.toml or corpus file (for clients that
/// do not watch files) reloads the roots that depend on it.
pub fn run(server: &Arc<Server>, params: DidSaveTextDocumentParams) {
    let uri = params.text_document.uri;
    if let Some(path) = from_proto::path(&uri) {
        for root in server.workspace.roots() {
            if root.depends_on(&path) {
                workspace::schedule_load(server, root, true, FILE_EVENT_DELAY);
            }
        }
    }
    if server.documents.version(&uri).is_some() {
        server.checks.schedule(server, uri, Duration::ZERO);
    }
}
