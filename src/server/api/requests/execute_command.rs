use std::sync::Arc;

use serde_json::Value;
use tower_lsp::jsonrpc;
use tower_lsp::lsp_types::ExecuteCommandParams;

use crate::server::api::commands::{self, invalid};
use crate::server::state::Server;

/// Runs one of [`commands::ALL`]; its answer is the command's result as JSON.
pub async fn run(
    server: &Arc<Server>,
    params: ExecuteCommandParams,
) -> jsonrpc::Result<Option<Value>> {
    let arguments = &params.arguments;
    let result = match params.command.as_str() {
        commands::REINDEX => to_json(commands::reindex::run(server, arguments).await?),
        commands::SHOW_SOURCES => to_json(commands::show_sources::run(server, arguments).await?),
        other => {
            return Err(invalid(format!(
                "unknown command {other:?} (known: {})",
                commands::ALL.join(", ")
            )))
        }
    };
    Ok(Some(result))
}

fn to_json(value: impl serde::Serialize) -> Value {
    // Plain structs of strings and numbers: serializing cannot fail.
    serde_json::to_value(value).unwrap_or(Value::Null)
}
