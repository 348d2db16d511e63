//! The `LanguageServer` trait, each method handed to its file under `api/`.

use std::sync::Arc;

use serde_json::Value;
use tower_lsp::jsonrpc::Result;
use tower_lsp::lsp_types::*;
use tower_lsp::LanguageServer;

use super::api::{notifications, requests};
use super::state::Server;

pub struct Backend(pub Arc<Server>);

impl Backend {
    /// `corroborate/documentText` (a custom request, registered in `super::serve`).
    pub async fn document_text(
        &self,
        params: requests::document_text::Params,
    ) -> Result<Option<requests::document_text::DocumentText>> {
        requests::document_text::run(&self.0, params)
    }
}

#[tower_lsp::async_trait]
impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        Ok(requests::initialize::run(&self.0, params))
    }

    async fn initialized(&self, _: InitializedParams) {
        notifications::initialized::run(&self.0).await;
    }

    async fn shutdown(&self) -> Result<()> {
        requests::shutdown::run(&self.0);
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        notifications::did_open::run(&self.0, params);
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        notifications::did_change::run(&self.0, params);
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        notifications::did_save::run(&self.0, params);
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        notifications::did_close::run(&self.0, params).await;
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        notifications::did_change_configuration::run(&self.0, params).await;
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        notifications::did_change_watched_files::run(&self.0, params);
    }

    async fn did_change_workspace_folders(&self, params: DidChangeWorkspaceFoldersParams) {
        notifications::did_change_workspace_folders::run(&self.0, params).await;
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        requests::hover::run(&self.0, params).await
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        requests::definition::run(&self.0, params).await
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<Value>> {
        requests::execute_command::run(&self.0, params).await
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        requests::code_action::run(&self.0, params).await
    }
}
