use std::sync::Arc;

use tower_lsp::jsonrpc;
use tower_lsp::lsp_types::{GotoDefinitionParams, GotoDefinitionResponse};

use super::target;
use crate::server::state::Server;
use crate::server::{analysis, from_proto, guard};
use crate::text::LineIndex;

/// The best source sentence of the sentence under the cursor, in its original file.
pub async fn run(
    server: &Arc<Server>,
    params: GotoDefinitionParams,
) -> jsonrpc::Result<Option<GotoDefinitionResponse>> {
    let uri = params.text_document_position_params.text_document.uri;
    let position = params.text_document_position_params.position;
    let Some(Ok((snapshot, loaded))) = target(server, &uri) else {
        return Ok(None);
    };
    let encoding = server.documents.encoding();
    guard::blocking(move || {
        guard::debug_panic_point("definition");
        let text = &snapshot.text;
        let index = LineIndex::new(text);
        let offset = from_proto::offset(text, &index, position, encoding)?;
        let checked = analysis::check_at(&loaded.engine, &loaded.cache, text, offset)?;
        let best = checked.judgement.matches.first()?;
        let location = loaded
            .sources
            .location(&loaded.engine.corpus, best.sentence, encoding)?;
        Some(GotoDefinitionResponse::Scalar(location))
    })
    .await
    .map_err(|panic| guard::request_error("definition", panic))
}
