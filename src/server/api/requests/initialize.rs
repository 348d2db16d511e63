use std::sync::Arc;

use tower_lsp::lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionProviderCapability, ExecuteCommandOptions,
    HoverProviderCapability, InitializeParams, InitializeResult, OneOf, SaveOptions,
    ServerCapabilities, ServerInfo, TextDocumentSyncCapability, TextDocumentSyncKind,
    TextDocumentSyncOptions, TextDocumentSyncSaveOptions, WorkspaceFoldersServerCapabilities,
    WorkspaceServerCapabilities,
};

use crate::server::api::commands;
use crate::server::from_proto::{self, ClientSupport};
use crate::server::state::{lock, Server};
use crate::server::to_proto;

/// Negotiates the position encoding, notes what the client supports, takes the workspace
/// folders and `initializationOptions`. Loading waits for `initialized`.
pub fn run(server: &Arc<Server>, params: InitializeParams) -> InitializeResult {
    let encoding = from_proto::negotiate_encoding(&params.capabilities);
    server.documents.set_encoding(encoding);
    *lock(&server.support) = ClientSupport::from(&params.capabilities);

    #[allow(deprecated)] // root_uri: older clients send only that
    let folders: Vec<_> = match (&params.workspace_folders, &params.root_uri) {
        (Some(folders), _) if !folders.is_empty() => folders
            .iter()
            .filter_map(|f| from_proto::path(&f.uri))
            .collect(),
        (_, Some(root)) => from_proto::path(root).into_iter().collect(),
        _ => Vec::new(),
    };
    server.workspace.set_folders(folders);
    server.editor().global = params.initialization_options;

    InitializeResult {
        capabilities: ServerCapabilities {
            position_encoding: Some(to_proto::encoding(encoding)),
            text_document_sync: Some(TextDocumentSyncCapability::Options(
                TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::INCREMENTAL),
                    save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                        include_text: Some(false),
                    })),
                    ..Default::default()
                },
            )),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            definition_provider: Some(OneOf::Left(true)),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
                resolve_provider: Some(false),
                work_done_progress_options: Default::default(),
            })),
            execute_command_provider: Some(ExecuteCommandOptions {
                commands: commands::ALL.iter().map(|c| c.to_string()).collect(),
                work_done_progress_options: Default::default(),
            }),
            workspace: Some(WorkspaceServerCapabilities {
                workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                    supported: Some(true),
                    change_notifications: Some(OneOf::Left(true)),
                }),
                file_operations: None,
            }),
            ..Default::default()
        },
        server_info: Some(ServerInfo {
            name: "corroborate".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
        }),
    }
}
