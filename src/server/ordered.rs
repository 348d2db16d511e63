//! Document edits in the order the client sent them.
//!
//! tower-lsp hands each message to a concurrent buffer (tower-lsp#284), so two `didChange`
//! handlers may run interleaved. This wrapper sits between the transport and the service:
//! the transport calls `Service::call` once per message, strictly in the order it reads them,
//! from one loop. Edits are applied to the ropes right there, synchronously, before the
//! message reaches any handler; the handlers then only schedule work.
//!
//! It also smooths one interop edge: tower-lsp rejects `"params": null` on `shutdown` and
//! `exit` (Neovim sends it), so those arrive here without params.

use std::sync::Arc;
use std::task::{Context, Poll};

use tokio::sync::Notify;
use tower_lsp::jsonrpc::{Request, Response};
use tower_lsp::lsp_types::{
    DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
};
use tower_service::Service;

use super::documents::Documents;

pub struct OrderedEdits<S> {
    inner: S,
    documents: Arc<Documents>,
    /// Signalled on the `exit` notification, so the process ends without waiting for the
    /// client to close its end of the pipe.
    exit: Arc<Notify>,
}

impl<S> OrderedEdits<S> {
    pub fn new(inner: S, documents: Arc<Documents>, exit: Arc<Notify>) -> Self {
        OrderedEdits {
            inner,
            documents,
            exit,
        }
    }

    fn apply(&self, req: &Request) {
        let params = || req.params().cloned().unwrap_or_default();
        match req.method() {
            "textDocument/didOpen" => {
                if let Ok(p) = serde_json::from_value::<DidOpenTextDocumentParams>(params()) {
                    self.documents.open(p);
                }
            }
            "textDocument/didChange" => {
                if let Ok(p) = serde_json::from_value::<DidChangeTextDocumentParams>(params()) {
                    self.documents.change(p);
                }
            }
            "textDocument/didClose" => {
                if let Ok(p) = serde_json::from_value::<DidCloseTextDocumentParams>(params()) {
                    self.documents.close(&p.text_document.uri);
                }
            }
            "exit" => self.exit.notify_one(),
            _ => {}
        }
    }
}

/// `shutdown` and `exit` take no params; a `null` there is the same as none.
fn without_null_params(req: Request) -> Request {
    let parameterless = matches!(req.method(), "shutdown" | "exit");
    if !(parameterless && req.params().is_some_and(|p| p.is_null())) {
        return req;
    }
    let (method, id, _) = req.into_parts();
    let builder = Request::build(method);
    match id {
        Some(id) => builder.id(id).finish(),
        None => builder.finish(),
    }
}

impl<S> Service<Request> for OrderedEdits<S>
where
    S: Service<Request, Response = Option<Response>>,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = S::Future;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: Request) -> Self::Future {
        self.apply(&req);
        self.inner.call(without_null_params(req))
    }
}
