use std::collections::HashMap;
use std::sync::Arc;

use tower_lsp::jsonrpc;
use tower_lsp::lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, CodeActionResponse,
    DocumentChanges, OneOf, OptionalVersionedTextDocumentIdentifier, TextDocumentEdit, TextEdit,
    WorkspaceEdit,
};

use super::target;
use crate::server::diagnostics::SOURCE;
use crate::server::state::Server;
use crate::server::to_proto::Lines;
use crate::server::{analysis, code_actions, from_proto, guard};
use crate::text::LineIndex;

/// Fixes for the sentences in the range, as workspace edits against the version they were
/// computed on (a client applies them only to that version).
pub async fn run(
    server: &Arc<Server>,
    params: CodeActionParams,
) -> jsonrpc::Result<Option<CodeActionResponse>> {
    let uri = params.text_document.uri;
    let Some(Ok((snapshot, loaded))) = target(server, &uri) else {
        return Ok(None);
    };
    let encoding = server.documents.encoding();
    let versioned = server.support().document_changes;
    let (range, diagnostics) = (params.range, params.context.diagnostics);
    guard::blocking(move || {
        guard::debug_panic_point("code_action");
        let text = &snapshot.text;
        let index = LineIndex::new(text);
        let start = from_proto::offset(text, &index, range.start, encoding)?;
        let end = from_proto::offset(text, &index, range.end, encoding)?.max(start);
        let checked = analysis::check_range(&loaded.engine, &loaded.cache, text, start..end);
        let lines = Lines {
            text,
            index: &index,
            encoding,
        };
        let actions = code_actions::actions(text, &checked, &loaded.engine.corpus);
        let response = actions
            .into_iter()
            .map(|action| {
                let edits: Vec<TextEdit> = action
                    .edits
                    .iter()
                    .map(|e| TextEdit::new(lines.range(e.range.clone()), e.new_text.clone()))
                    .collect();
                let edit = if versioned {
                    WorkspaceEdit {
                        document_changes: Some(DocumentChanges::Edits(vec![TextDocumentEdit {
                            text_document: OptionalVersionedTextDocumentIdentifier {
                                uri: snapshot.uri.clone(),
                                version: Some(snapshot.version),
                            },
                            edits: edits.into_iter().map(OneOf::Left).collect(),
                        }])),
                        ..Default::default()
                    }
                } else {
                    WorkspaceEdit {
                        changes: Some(HashMap::from([(snapshot.uri.clone(), edits)])),
                        ..Default::default()
                    }
                };
                let sentence = lines.range(action.sentence.clone());
                let fixes: Vec<_> = diagnostics
                    .iter()
                    .filter(|d| d.source.as_deref() == Some(SOURCE))
                    .filter(|d| d.range.start <= sentence.end && sentence.start <= d.range.end)
                    .cloned()
                    .collect();
                CodeActionOrCommand::CodeAction(CodeAction {
                    title: action.title,
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: (!fixes.is_empty()).then_some(fixes),
                    edit: Some(edit),
                    is_preferred: action.preferred.then_some(true),
                    ..Default::default()
                })
            })
            .collect::<Vec<_>>();
        Some(response)
    })
    .await
    .map_err(|panic| guard::request_error("code action", panic))
}
