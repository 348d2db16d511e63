pub mod code_action;
pub mod definition;
pub mod document_text;
pub mod execute_command;
pub mod hover;
pub mod initialize;
pub mod shutdown;

use std::sync::Arc;

use tower_lsp::lsp_types::Url;

use crate::server::documents::Snapshot;
use crate::server::state::Server;
use crate::server::workspace::{Loaded, Status};

/// What a request about a draft works on: the draft as it is now and its root's engine.
/// `Err` carries why there is no engine (for hover to say so).
pub(crate) fn target(
    server: &Arc<Server>,
    uri: &Url,
) -> Option<Result<(Snapshot, Arc<Loaded>), Status>> {
    let snapshot = server.documents.snapshot(uri)?;
    let root = server.root_for(uri)?;
    Some(match root.state() {
        (Some(loaded), _) => Ok((snapshot, loaded)),
        (None, status) => Err(status),
    })
}
