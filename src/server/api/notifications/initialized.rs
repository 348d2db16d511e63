use std::sync::Arc;
use std::time::Duration;

use tower_lsp::lsp_types::{ConfigurationItem, Registration};

use crate::server::settings::section;
use crate::server::state::Server;
use crate::server::{to_proto, workspace};

/// The client is ready for requests: ask it for settings, ask to hear about their changes,
/// then load every root's corpus.
pub async fn run(server: &Arc<Server>) {
    let support = server.support();
    if support.configuration_pull {
        pull_configuration(server).await;
    }
    if support.configuration_registration {
        let registration = Registration {
            id: "corroborate/configuration".into(),
            method: "workspace/didChangeConfiguration".into(),
            register_options: None,
        };
        let _ = server.client.register_capability(vec![registration]).await;
    }
    for root in server.workspace.roots() {
        workspace::schedule_load(server, root, false, Duration::ZERO);
    }
}

/// `workspace/configuration` for the section `corroborate`, once per folder (scoped) and
/// once unscoped (for drafts outside the folders).
pub async fn pull_configuration(server: &Arc<Server>) {
    let folders = server.workspace.folders();
    let mut items: Vec<ConfigurationItem> = folders
        .iter()
        .map(|f| ConfigurationItem {
            scope_uri: to_proto::file_url(f),
            section: Some("corroborate".into()),
        })
        .collect();
    items.push(ConfigurationItem {
        scope_uri: None,
        section: Some("corroborate".into()),
    });
    let Ok(values) = server.client.configuration(items).await else {
        return;
    };
    let mut editor = server.editor();
    for (folder, value) in folders.iter().zip(&values) {
        if !value.is_null() {
            editor.per_folder.insert(folder.clone(), value.clone());
        }
    }
    // An unscoped answer without our keys keeps what initializationOptions said.
    if let Some(global) = values.get(folders.len()).filter(|v| section(v).is_some()) {
        editor.global = Some(global.clone());
    }
}
