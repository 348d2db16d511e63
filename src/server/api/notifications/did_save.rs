use std::sync::Arc;
use std::time::Duration;

use tower_lsp::lsp_types::DidSaveTextDocumentParams;

use super::did_change_watched_files::files_changed;
use crate::server::from_proto;
use crate::server::state::Server;

/// Check a saved draft at once. A saved corroborate.toml or corpus file counts as changed on
/// disk (for clients that do not watch files).
pub fn run(server: &Arc<Server>, params: DidSaveTextDocumentParams) {
    let uri = params.text_document.uri;
    if let Some(path) = from_proto::path(&uri) {
        files_changed(server, &[path]);
    }
    if server.documents.version(&uri).is_some() {
        server.checks.schedule(server, uri, Duration::ZERO);
    }
}
