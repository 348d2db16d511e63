use std::sync::Arc;

use tower_lsp::lsp_types::DidChangeWatchedFilesParams;

use crate::server::from_proto;
use crate::server::state::Server;
use crate::server::workspace::{self, FILE_EVENT_DELAY};

/// A corpus file or a corroborate.toml changed on disk: re-index the roots that use it
/// (their open drafts are re-checked when it is done).
pub fn run(server: &Arc<Server>, params: DidChangeWatchedFilesParams) {
    let paths: Vec<_> = params
        .changes
        .iter()
        .filter_map(|c| from_proto::path(&c.uri))
        .collect();
    for root in server.workspace.roots() {
        if paths.iter().any(|p| root.depends_on(p)) {
            workspace::schedule_load(server, root, true, FILE_EVENT_DELAY);
        }
    }
}
