use std::sync::Arc;

use tower_lsp::jsonrpc;
use tower_lsp::lsp_types::{Hover, HoverContents, HoverParams, MarkupContent, MarkupKind};

use super::target;
use crate::server::state::Server;
use crate::server::to_proto::Lines;
use crate::server::workspace::Status;
use crate::server::{analysis, from_proto, guard, hover};
use crate::text::LineIndex;

/// The verdict on the sentence under the cursor and the sources behind it.
pub async fn run(server: &Arc<Server>, params: HoverParams) -> jsonrpc::Result<Option<Hover>> {
    let uri = params.text_document_position_params.text_document.uri;
    let position = params.text_document_position_params.position;
    let markdown = server.support().markdown_hover;
    let kind = if markdown {
        MarkupKind::Markdown
    } else {
        MarkupKind::PlainText
    };
    let (snapshot, loaded) = match target(server, &uri) {
        None => return Ok(None),
        Some(Err(status)) => return Ok(status_text(&status).map(|text| markup(kind, text, None))),
        Some(Ok(t)) => t,
    };
    let encoding = server.documents.encoding();
    guard::blocking(move || {
        guard::debug_panic_point("hover");
        let text = &snapshot.text;
        let index = LineIndex::new(text);
        let offset = from_proto::offset(text, &index, position, encoding)?;
        let checked = analysis::check_at(&loaded.engine, &loaded.cache, text, offset)?;
        let value = hover::render(&checked, &loaded.engine.corpus, markdown);
        let lines = Lines {
            text,
            index: &index,
            encoding,
        };
        Some(markup(
            kind,
            value,
            Some(lines.range(checked.sentence.byte_range.clone())),
        ))
    })
    .await
    .map_err(|panic| guard::request_error("hover", panic))
}

fn markup(kind: MarkupKind, value: String, range: Option<tower_lsp::lsp_types::Range>) -> Hover {
    Hover {
        contents: HoverContents::Markup(MarkupContent { kind, value }),
        range,
    }
}

/// Why there is no verdict yet (also the error of `corroborate.showSources`).
pub(crate) fn status_text(status: &Status) -> Option<String> {
    match status {
        Status::Waiting | Status::Loading => {
            Some("corroborate: the corpus is still loading".into())
        }
        Status::NoCorpus => Some(
            "corroborate: no corpus configured (`corpus` in corroborate.toml or the settings)"
                .into(),
        ),
        Status::Failed(why) => Some(why.clone()),
        Status::Ready => None,
    }
}
