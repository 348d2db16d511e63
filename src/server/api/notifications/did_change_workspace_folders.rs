use std::sync::Arc;
use std::time::Duration;

use tower_lsp::lsp_types::DidChangeWorkspaceFoldersParams;

use super::initialized::pull_configuration;
use crate::server::from_proto;
use crate::server::state::Server;
use crate::server::workspace;

/// Folders added get their own root and engine; drafts move to the deepest folder.
pub async fn run(server: &Arc<Server>, params: DidChangeWorkspaceFoldersParams) {
    let removed: Vec<_> = params
        .event
        .removed
        .iter()
        .filter_map(|f| from_proto::path(&f.uri))
        .collect();
    let mut folders: Vec<_> = server
        .workspace
        .folders()
        .into_iter()
        .filter(|f| !removed.contains(f))
        .collect();
    folders.extend(
        params
            .event
            .added
            .iter()
            .filter_map(|f| from_proto::path(&f.uri)),
    );
    let new = server.workspace.set_folders(folders);
    if server.support().configuration_pull {
        pull_configuration(server).await;
    }
    for root in new {
        workspace::schedule_load(server, root, false, Duration::ZERO);
    }
    for uri in server.documents.uris() {
        server.checks.schedule(server, uri, Duration::ZERO);
    }
}
