use std::sync::Arc;
use std::time::Duration;

use tower_lsp::lsp_types::DidChangeConfigurationParams;

use super::initialized::pull_configuration;
use crate::server::settings;
use crate::server::state::Server;
use crate::server::workspace;

/// New editor settings, pushed in the notification or pulled with `workspace/configuration`.
/// Roots whose corpus or matching settings changed re-index; a severity change only
/// re-publishes (verdicts are cached).
pub async fn run(server: &Arc<Server>, params: DidChangeConfigurationParams) {
    if settings::section(&params.settings).is_some() {
        let mut editor = server.editor();
        editor.global = Some(params.settings);
        editor.per_folder.clear();
    }
    if server.support().configuration_pull {
        pull_configuration(server).await;
    }
    for root in server.workspace.roots() {
        workspace::schedule_load(server, root, false, Duration::ZERO);
    }
}
