//! The server's own commands, run through `workspace/executeCommand` (see
//! `super::requests::execute_command`). Every command is carried out here, in the server:
//! an editor only has to send the name, none needs client-side code.

pub mod reindex;
pub mod show_sources;

use serde_json::Value;
use tower_lsp::jsonrpc;
use tower_lsp::lsp_types::Url;

/// Re-reads corroborate.toml and the corpus, re-checks the open drafts.
pub const REINDEX: &str = "corroborate.reindex";
/// The verdict and every source of the sentence at a position.
pub const SHOW_SOURCES: &str = "corroborate.showSources";

/// What `executeCommandProvider` announces.
pub const ALL: [&str; 2] = [REINDEX, SHOW_SOURCES];

/// The draft a command argument names: `"file:///…"`, `{"uri": …}` or
/// `{"textDocument": {"uri": …}}`.
pub fn uri_of(argument: &Value) -> jsonrpc::Result<Url> {
    let text = match argument {
        Value::String(s) => Some(s.as_str()),
        Value::Object(_) => argument
            .get("uri")
            .or_else(|| argument.pointer("/textDocument/uri"))
            .and_then(Value::as_str),
        _ => None,
    };
    let text = text.ok_or_else(|| {
        invalid(format!(
            "expected a document URI, \"uri\" or \"textDocument.uri\", got {argument}"
        ))
    })?;
    Url::parse(text).map_err(|e| invalid(format!("not a URI: {text:?} ({e})")))
}

pub fn invalid(message: String) -> jsonrpc::Error {
    jsonrpc::Error::invalid_params(format!("corroborate: {message}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_document_is_named_in_any_of_three_shapes() {
        let want = Url::parse("file:///w/a.md").unwrap();
        assert_eq!(uri_of(&json!("file:///w/a.md")).unwrap(), want);
        assert_eq!(uri_of(&json!({"uri": "file:///w/a.md"})).unwrap(), want);
        assert_eq!(
            uri_of(&json!({"textDocument": {"uri": "file:///w/a.md"}})).unwrap(),
            want
        );
        let err = uri_of(&json!(3)).unwrap_err();
        assert_eq!(err.code, jsonrpc::ErrorCode::InvalidParams);
        assert!(uri_of(&json!("not a uri")).is_err());
    }
}
