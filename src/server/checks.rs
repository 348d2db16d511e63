//! Checking drafts and publishing diagnostics: debounced after edits, at once on open and
//! save, always off the message loop, and never published for an outdated version.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::task::AbortHandle;
use tower_lsp::lsp_types::{Diagnostic, MessageType, Url};

use super::analysis;
use super::diagnostics;
use super::guard;
use super::state::{lock, Server};
use super::to_proto::Lines;
use super::workspace::{Loaded, Status};
use crate::text::{LineIndex, PositionEncoding};

/// Wait after the last keystroke before checking: long enough to skip the words in between,
/// short enough to feel live.
pub const DEBOUNCE: Duration = Duration::from_millis(200);

struct Pending {
    task: AbortHandle,
    cancel: Arc<AtomicBool>,
}

/// The one check in flight per draft; scheduling a new one cancels the old.
#[derive(Default)]
pub struct Checks {
    pending: Mutex<HashMap<Url, Pending>>,
}

impl Checks {
    pub fn schedule(&self, server: &Arc<Server>, uri: Url, delay: Duration) {
        let cancel = Arc::new(AtomicBool::new(false));
        // Spawn under the lock: the check that stays in the map is the one spawned last, so
        // two threads scheduling at once cannot leave an older check running instead.
        let mut pending = lock(&self.pending);
        let task = tokio::spawn(run(server.clone(), uri.clone(), delay, cancel.clone()));
        let old = pending.insert(
            uri,
            Pending {
                task: task.abort_handle(),
                cancel,
            },
        );
        drop(pending);
        if let Some(old) = old {
            old.cancel.store(true, Ordering::Relaxed);
            old.task.abort();
        }
    }

    pub fn cancel(&self, uri: &Url) {
        if let Some(old) = lock(&self.pending).remove(uri) {
            old.cancel.store(true, Ordering::Relaxed);
            old.task.abort();
        }
    }
}

async fn run(server: Arc<Server>, uri: Url, delay: Duration, cancel: Arc<AtomicBool>) {
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
    let Some(snapshot) = server.documents.snapshot(&uri) else {
        return;
    };
    let Some(root) = server.root_for(&uri) else {
        return;
    };
    let (loaded, status) = root.state();
    let Some(loaded) = loaded else {
        // A load in flight re-checks when done. With no corpus at all, clear what an
        // earlier one left.
        if !matches!(status, Status::Waiting | Status::Loading) {
            server
                .client
                .publish_diagnostics(uri, Vec::new(), Some(snapshot.version))
                .await;
        }
        return;
    };
    let encoding = server.documents.encoding();
    let model = server
        .models
        .ready(&loaded.config.model)
        .filter(|_| loaded.engine.semantic_ready());
    let text = snapshot.text.clone();
    let stop = cancel.clone();
    let (work_loaded, work_model) = (loaded.clone(), model.clone());
    let result = guard::blocking(move || {
        guard::debug_panic_point("check");
        let superseded = || stop.load(Ordering::Relaxed);
        // A few new sentences (the one being typed) are embedded before publishing, so their
        // verdict does not flip a moment later; a whole new draft is shown on words first.
        let mut refine_later = false;
        if let Some(model) = &work_model {
            let new = analysis::unembedded(&work_loaded.engine, &text);
            if new.len() <= EMBED_BEFORE_PUBLISHING {
                let _ = work_loaded.engine.embed_sentences(model, &new, &superseded);
            } else {
                refine_later = true;
            }
        }
        diagnose(&work_loaded, &text, encoding, &superseded).map(|d| (d, refine_later))
    })
    .await;
    let refine_later = match result {
        Ok(Some((diagnostics, refine_later))) => {
            if !publish(&server, &uri, snapshot.version, &cancel, diagnostics).await {
                return;
            }
            refine_later
        }
        Ok(None) => return,
        Err(panic) => return failed(&server, &uri, panic).await,
    };
    let Some(model) = model.filter(|_| refine_later) else {
        return;
    };
    let text = snapshot.text.clone();
    let stop = cancel.clone();
    let result = guard::blocking(move || {
        let superseded = || stop.load(Ordering::Relaxed);
        let new = analysis::unembedded(&loaded.engine, &text);
        loaded
            .engine
            .embed_sentences(&model, &new, &superseded)
            .ok()?;
        diagnose(&loaded, &text, encoding, &superseded)
    })
    .await;
    match result {
        Ok(Some(diagnostics)) => {
            publish(&server, &uri, snapshot.version, &cancel, diagnostics).await;
        }
        Ok(None) => {}
        Err(panic) => failed(&server, &uri, panic).await,
    }
}

/// How many sentences without an embedding a check embeds before it publishes (about
/// 25 ms each on two cores).
const EMBED_BEFORE_PUBLISHING: usize = 4;

/// The draft's diagnostics, or `None` once `superseded()` says a newer version made them
/// pointless.
fn diagnose(
    loaded: &Loaded,
    text: &str,
    encoding: PositionEncoding,
    superseded: &dyn Fn() -> bool,
) -> Option<Vec<Diagnostic>> {
    let checked = analysis::check(&loaded.engine, &loaded.cache, text, superseded)?;
    let index = LineIndex::new(text);
    let lines = Lines {
        text,
        index: &index,
        encoding,
    };
    Some(diagnostics::diagnostics(
        &checked,
        &lines,
        &loaded.config.severity,
        &loaded.engine.corpus,
        &loaded.sources,
    ))
}

/// Publishes unless the draft changed or the check was cancelled meanwhile; says whether it
/// did.
async fn publish(
    server: &Server,
    uri: &Url,
    version: i32,
    cancel: &AtomicBool,
    diagnostics: Vec<Diagnostic>,
) -> bool {
    let current = server.documents.version(uri);
    if cancel.load(Ordering::Relaxed) || current != Some(version) {
        return false;
    }
    server
        .client
        .publish_diagnostics(uri.clone(), diagnostics, Some(version))
        .await;
    true
}

async fn failed(server: &Server, uri: &Url, panic: guard::Panicked) {
    server
        .client
        .log_message(
            MessageType::ERROR,
            format!("corroborate: checking {uri} failed: {panic}"),
        )
        .await;
}
