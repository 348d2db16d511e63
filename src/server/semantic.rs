//! The optional sentence-embedding model in the server.
//!
//! The model is loaded once per model folder and shared by every root. After a root's
//! corpus is indexed, its sources are embedded on the blocking pool (read back from the
//! disk cache when it has them) while verdicts on words alone are already shown; once every
//! source has its vector, the root's open drafts are checked again. A draft's new sentences
//! are embedded by the check itself (see `checks`). The server says once, in the log, which
//! mode it runs in; a model that was asked for and cannot be used is a pop-up.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use tokio::sync::OnceCell;
use tower_lsp::lsp_types::MessageType;

use super::guard;
use super::progress::Progress;
use super::state::{lock, Server};
use super::workspace::{self, Root};
use crate::config::ModelConfig;
use crate::engine::Engine;
use crate::semantic::model::Origin;
use crate::semantic::{Embeddings, SemanticError};

type Slot = Arc<OnceCell<Option<Arc<Embeddings>>>>;

/// Models by configured folder (`None`: the default one), each loaded at most once.
#[derive(Default)]
pub struct Models {
    slots: Mutex<HashMap<Option<PathBuf>, Slot>>,
    /// What the server has said about its mode, so it says each thing once.
    announced: Mutex<HashSet<String>>,
}

impl Models {
    /// The model `config` names if it is loaded already; never waits for one to load.
    pub fn ready(&self, config: &ModelConfig) -> Option<Arc<Embeddings>> {
        if !config.enabled {
            return None;
        }
        let slot = lock(&self.slots).get(&config.path).cloned()?;
        slot.get().cloned().flatten()
    }
}

/// Says `message` once per server: the mode in the log (it is not a problem, and a pop-up
/// at every start would nag), problems with a configured model as a pop-up.
async fn announce(server: &Server, typ: MessageType, message: String) {
    if !lock(&server.models.announced).insert(message.clone()) {
        return;
    }
    if typ == MessageType::INFO || typ == MessageType::LOG {
        server.client.log_message(typ, message).await;
    } else {
        server.client.show_message(typ, message).await;
    }
}

/// Loads the model `config` names (once per folder) and says which mode that gives.
async fn model_for(server: &Arc<Server>, config: &ModelConfig) -> Option<Arc<Embeddings>> {
    if !config.enabled {
        let message = "corroborate: matching on words alone (the sentence-embedding model is turned off in the settings)";
        announce(server, MessageType::INFO, message.into()).await;
        return None;
    }
    let slot = lock(&server.models.slots)
        .entry(config.path.clone())
        .or_default()
        .clone();
    let path = config.path.clone();
    let loaded = slot
        .get_or_init(|| async move {
            match guard::blocking(move || Embeddings::load(path.as_deref())).await {
                Ok(Ok(model)) => Some(Arc::new(model)),
                Ok(Err(error)) => {
                    let (typ, message) = words_alone(&error);
                    announce(server, typ, message).await;
                    None
                }
                Err(panic) => {
                    let message = format!("corroborate: loading the sentence-embedding model failed: {panic}; matching on words alone");
                    announce(server, MessageType::ERROR, message).await;
                    None
                }
            }
        })
        .await
        .clone();
    if let Some(model) = &loaded {
        let message = format!(
            "corroborate: matching on words and sentence embeddings ({})",
            model.description()
        );
        announce(server, MessageType::INFO, message).await;
        if let Some(problem) = model.cache_problem() {
            let message = format!("corroborate: embeddings are not kept on disk ({problem}); they are computed again at each start");
            announce(server, MessageType::WARNING, message).await;
        }
    }
    loaded
}

/// What to say when the model cannot be used: a missing model in the default place is the
/// normal state of a fresh install (a hint, not a warning); anything else is a warning.
fn words_alone(error: &SemanticError) -> (MessageType, String) {
    match error {
        SemanticError::TurnedOff => (
            MessageType::INFO,
            format!("corroborate: matching on words alone ({error})"),
        ),
        SemanticError::NotFound { origin, .. } if *origin == Origin::Default.as_str() => (
            MessageType::INFO,
            "corroborate: matching on words alone; to also find claims restated in other words, install the sentence-embedding model with `corroborate model install`".into(),
        ),
        _ => (
            MessageType::WARNING,
            format!("corroborate: {error}; matching on words alone"),
        ),
    }
}

/// Embeds the sources of the engine just loaded for `root`, in the background, with
/// progress; checks the root's drafts again when every source has its vector. Gives up
/// when the root moves on to another engine or the server shuts down.
pub fn embed_sources(
    server: &Arc<Server>,
    root: &Arc<Root>,
    engine: &Arc<Engine>,
    config: ModelConfig,
) {
    let (server, root, engine) = (server.clone(), root.clone(), engine.clone());
    tokio::spawn(async move {
        let Some(model) = model_for(&server, &config).await else {
            return;
        };
        if engine.semantic_ready() || engine.source_vectors().is_empty() {
            return;
        }
        let total = engine.source_vectors().len() - engine.source_vectors().filled();
        let progress = Progress::begin(
            &server.client,
            server.support().work_done_progress,
            "corroborate: embedding the sources",
            format!("{total} sentences"),
        )
        .await;
        let (tx, mut rx) = tokio::sync::watch::channel(0usize);
        let started = Instant::now();
        let work = {
            let (engine, root, shutdown) = (engine.clone(), root.clone(), server.shutdown.clone());
            guard::blocking(move || {
                let superseded = || {
                    shutdown.load(Ordering::Relaxed)
                        || root
                            .loaded()
                            .is_none_or(|l| !Arc::ptr_eq(&l.engine, &engine))
                };
                engine.embed_sources(
                    &model,
                    &mut |done, _| {
                        let _ = tx.send(done);
                    },
                    &superseded,
                )
            })
        };
        tokio::pin!(work);
        let outcome = loop {
            tokio::select! {
                outcome = &mut work => break outcome,
                Ok(()) = rx.changed() => {
                    let done = *rx.borrow_and_update();
                    let percent = (done * 100 / total.max(1)) as u32;
                    progress.report(format!("{done} of {total} sentences"), percent).await;
                }
            }
        };
        match outcome {
            Ok(Ok(stats)) if engine.semantic_ready() => {
                let summary = format!(
                    "{} sentences: {} from the cache, {} embedded in {:.1} s",
                    stats.from_cache + stats.computed,
                    stats.from_cache,
                    stats.computed,
                    started.elapsed().as_secs_f64()
                );
                progress.end(summary.clone()).await;
                server
                    .client
                    .log_message(
                        MessageType::INFO,
                        format!(
                            "corroborate: embedded the sources of {}: {summary}",
                            root.folder.display()
                        ),
                    )
                    .await;
                workspace::recheck_drafts(&server, &root).await;
            }
            Ok(Ok(_)) => progress.end("stopped: the corpus changed".into()).await,
            Ok(Err(error)) => {
                progress.end("failed".into()).await;
                let message = format!(
                    "corroborate: embedding the sources failed: {error}; matching on words alone"
                );
                announce(&server, MessageType::WARNING, message).await;
            }
            Err(panic) => {
                progress.end("failed".into()).await;
                let message = format!(
                    "corroborate: embedding the sources failed: {panic}; matching on words alone"
                );
                announce(&server, MessageType::ERROR, message).await;
            }
        }
    });
}
