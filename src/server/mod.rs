//! verdicts → LSP: documents held in ropes, handlers, conversions at the edge. Decides
//! nothing about claims: the engine judges, this module shows.
//!
//! - [`ordered`] applies edits to [`documents`] in the order the transport reads them;
//! - [`backend`] hands each LSP method to its file in `api/` (`notifications/` schedule,
//!   `requests/` answer from snapshots on the blocking pool);
//! - [`workspace`] keeps one engine per root, loaded from [`settings`] (editor settings and
//!   corroborate.toml), with [`progress`] while indexing and [`watching`] for re-indexing;
//! - [`checks`] debounces, cancels and version-gates diagnostics; [`analysis`] caches
//!   verdicts per sentence; [`semantic`] loads the optional embedding model and embeds
//!   sources in the background, so verdicts on words alone come first and are refined;
//! - [`diagnostics`], [`hover`], [`code_actions`] ([`citation`]) turn verdicts into what the
//!   editor shows; [`to_proto`] / [`from_proto`] are the only places positions are converted;
//! - [`guard`] turns a panic in any of that work into an error answer.

mod analysis;
mod api;
mod backend;
mod checks;
mod citation;
mod code_actions;
mod describe;
mod diagnostics;
mod documents;
mod from_proto;
mod guard;
mod hover;
mod ordered;
mod progress;
mod semantic;
mod settings;
mod sources;
mod state;
mod to_proto;
mod watching;
mod workspace;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use tokio::io::{AsyncRead, AsyncWrite};
use tokio::sync::Notify;
use tower_lsp::LspService;

/// How long the server waits after the last edit before checking (the latency benchmark
/// subtracts it).
pub use checks::DEBOUNCE;

/// Runs the server on stdin/stdout until `exit` (or the client closes the pipe). Returns the
/// process exit code: 0 after `shutdown`, 1 otherwise, as the protocol asks.
pub fn run_stdio() -> std::io::Result<u8> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let code = runtime.block_on(serve(tokio::io::stdin(), tokio::io::stdout()));
    // Do not wait for blocking work still running (a corpus load): the client asked us to go.
    runtime.shutdown_background();
    Ok(code)
}

/// Serves one client over the given streams.
pub async fn serve<I, O>(input: I, output: O) -> u8
where
    I: AsyncRead + Unpin,
    O: AsyncWrite,
{
    let documents = Arc::new(documents::Documents::default());
    let shutdown = Arc::new(AtomicBool::new(false));
    let exit = Arc::new(Notify::new());
    let (service, socket) = LspService::build({
        let (documents, shutdown) = (documents.clone(), shutdown.clone());
        move |client| backend::Backend(Arc::new(state::Server::new(client, documents, shutdown)))
    })
    .custom_method("corroborate/documentText", backend::Backend::document_text)
    .finish();
    let service = ordered::OrderedEdits::new(service, documents, exit.clone());
    tokio::select! {
        () = tower_lsp::Server::new(input, output, socket).serve(service) => {}
        () = exit.notified() => {}
    }
    if shutdown.load(Ordering::SeqCst) {
        0
    } else {
        1
    }
}
