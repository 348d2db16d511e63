use std::path::PathBuf;
use std::sync::Arc;

use tower_lsp::lsp_types::DidChangeWatchedFilesParams;

use crate::config::FILE_NAME;
use crate::server::from_proto;
use crate::server::state::Server;
use crate::server::workspace::{self, FILE_EVENT_DELAY};

/// A corpus file or a corroborate.toml changed on disk: re-index the roots that use it
/// (their open drafts are re-checked when it is done). A corroborate.toml that appears or
/// goes away may also move drafts to another root: they are placed again and re-checked.
pub fn run(server: &Arc<Server>, params: DidChangeWatchedFilesParams) {
    let paths: Vec<_> = params
        .changes
        .iter()
        .filter_map(|c| from_proto::path(&c.uri))
        .collect();
    files_changed(server, &paths);
}

/// The files at `paths` changed on disk (also called for files saved in the editor).
pub fn files_changed(server: &Arc<Server>, paths: &[PathBuf]) {
    for root in server.workspace.roots() {
        if paths.iter().any(|p| root.depends_on(p)) {
            workspace::schedule_load(server, root, true, FILE_EVENT_DELAY);
        }
    }
    if paths
        .iter()
        .any(|p| p.file_name().is_some_and(|n| n == FILE_NAME))
    {
        server.workspace.forget_drafts();
        for uri in server.documents.uris() {
            server.checks.schedule(server, uri, FILE_EVENT_DELAY);
        }
    }
}
