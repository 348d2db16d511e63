//! Workspace roots, each with its settings and its loaded corpus (one engine per root).
//!
//! A root is a workspace folder the client named, or, for a draft outside all of them, the
//! folder of the nearest corroborate.toml (else the draft's own folder), as the CLI would.
//! Loading runs on the blocking pool; while it runs the previous engine keeps answering.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tower_lsp::lsp_types::MessageType;

use super::analysis::SentenceCache;
use super::guard;
use super::progress::Progress;
use super::settings::{self, Resolved};
use super::sources::SourceTexts;
use super::state::{lock, Server};
use super::watching;
use crate::config::{Config, FILE_NAME};
use crate::engine::Engine;

/// An engine ready to check drafts, with what goes with it: the verdict cache and the
/// source texts (both valid for this engine only) and the settings it was built with.
pub struct Loaded {
    pub engine: Arc<Engine>,
    pub cache: Arc<SentenceCache>,
    pub sources: Arc<SourceTexts>,
    pub config: Config,
}

/// Where a root's corpus stands, for hover to explain an empty answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Status {
    Waiting,
    Loading,
    Ready,
    NoCorpus,
    Failed(String),
}

pub struct Root {
    pub folder: PathBuf,
    state: Mutex<RootState>,
    /// Bumped by every scheduled load; a load that finds a newer number discards its result.
    loads: AtomicU64,
}

struct RootState {
    loaded: Option<Arc<Loaded>>,
    status: Status,
    /// The settings of the last attempt, good or not: what to watch.
    resolved: Option<Resolved>,
    /// The last error shown, so a repeated failure is not shown again on every file event.
    last_error: Option<String>,
}

impl Root {
    fn new(folder: PathBuf) -> Root {
        Root {
            folder,
            state: Mutex::new(RootState {
                loaded: None,
                status: Status::Waiting,
                resolved: None,
                last_error: None,
            }),
            loads: AtomicU64::new(0),
        }
    }

    pub fn loaded(&self) -> Option<Arc<Loaded>> {
        lock(&self.state).loaded.clone()
    }

    /// The engine and the status, read together.
    pub fn state(&self) -> (Option<Arc<Loaded>>, Status) {
        let state = lock(&self.state);
        (state.loaded.clone(), state.status.clone())
    }

    /// The corpus paths and the corroborate.toml this root depends on.
    pub fn inputs(&self) -> (Vec<PathBuf>, Option<PathBuf>) {
        match &lock(&self.state).resolved {
            Some(r) => (r.config.corpus.clone(), r.file.clone()),
            None => (Vec::new(), None),
        }
    }

    /// Whether a change to `path` on disk can change what this root checks against.
    pub fn depends_on(&self, path: &Path) -> bool {
        let (corpus, file) = self.inputs();
        let is_config = path.file_name().is_some_and(|n| n == FILE_NAME)
            && path
                .parent()
                .is_some_and(|dir| self.folder.starts_with(dir));
        is_config || file.as_deref() == Some(path) || corpus.iter().any(|c| path.starts_with(c))
    }
}

#[derive(Default)]
pub struct Workspace {
    /// Folders the client named, deepest matched first.
    folders: Mutex<Vec<Arc<Root>>>,
    /// Roots made up for drafts outside the folders, by the draft's directory.
    outside: Mutex<HashMap<PathBuf, Arc<Root>>>,
}

impl Workspace {
    /// Replaces the client's folders; returns the roots that are new.
    pub fn set_folders(&self, folders: Vec<PathBuf>) -> Vec<Arc<Root>> {
        let mut current = lock(&self.folders);
        let mut new = Vec::new();
        let mut next: Vec<Arc<Root>> = folders
            .into_iter()
            .map(|f| match current.iter().find(|r| r.folder == f) {
                Some(r) => r.clone(),
                None => {
                    let r = Arc::new(Root::new(f));
                    new.push(r.clone());
                    r
                }
            })
            .collect();
        next.sort_by_key(|r| std::cmp::Reverse(r.folder.components().count()));
        next.dedup_by(|a, b| a.folder == b.folder);
        *current = next;
        new
    }

    pub fn folders(&self) -> Vec<PathBuf> {
        lock(&self.folders)
            .iter()
            .map(|r| r.folder.clone())
            .collect()
    }

    pub fn roots(&self) -> Vec<Arc<Root>> {
        let mut all = lock(&self.folders).clone();
        for r in lock(&self.outside).values() {
            if !all.iter().any(|a| Arc::ptr_eq(a, r)) {
                all.push(r.clone());
            }
        }
        all
    }

    /// The root for a draft at `path` (`None` for an unsaved draft: the first folder), and
    /// whether it was just made.
    pub fn root_for(&self, path: Option<&Path>) -> Option<(Arc<Root>, bool)> {
        let folders = lock(&self.folders);
        let Some(path) = path else {
            return folders.last().map(|r| (r.clone(), false));
        };
        if let Some(r) = folders.iter().find(|r| path.starts_with(&r.folder)) {
            return Some((r.clone(), false));
        }
        drop(folders);
        let dir = path.parent()?.to_path_buf();
        let mut outside = lock(&self.outside);
        if let Some(r) = outside.get(&dir) {
            return Some((r.clone(), false));
        }
        let folder = Config::discover(&dir)
            .and_then(|toml| toml.parent().map(Path::to_path_buf))
            .unwrap_or_else(|| dir.clone());
        let existing = outside.values().find(|r| r.folder == folder).cloned();
        let (root, created) = match existing {
            Some(r) => (r, false),
            None => (Arc::new(Root::new(folder)), true),
        };
        outside.insert(dir, root.clone());
        Some((root, created))
    }
}

/// Debounce before a load triggered by file events: a checkout or a save-all sends bursts.
pub const FILE_EVENT_DELAY: Duration = Duration::from_millis(100);

/// Loads (or reloads) the root's settings and corpus after `delay`. `force` re-reads the
/// corpus even if the settings did not change (its files did).
pub fn schedule_load(server: &Arc<Server>, root: Arc<Root>, force: bool, delay: Duration) {
    let ticket = root.loads.fetch_add(1, Ordering::SeqCst) + 1;
    let server = server.clone();
    tokio::spawn(async move {
        if !delay.is_zero() {
            tokio::time::sleep(delay).await;
        }
        if root.loads.load(Ordering::SeqCst) == ticket {
            load(&server, &root, force, ticket).await;
        }
    });
}

async fn load(server: &Arc<Server>, root: &Arc<Root>, force: bool, ticket: u64) {
    let editor = server.editor().for_folder(&root.folder).cloned();
    let folder = root.folder.clone();
    let resolved = match guard::blocking(move || settings::resolve(&folder, editor.as_ref())).await
    {
        Ok(Ok(r)) => r,
        Ok(Err(message)) => return fail(server, root, message).await,
        Err(panic) => return fail(server, root, format!("corroborate settings: {panic}")).await,
    };
    let previous = root.loaded();
    lock(&root.state).resolved = Some(resolved.clone());
    let config = resolved.config;

    if config.corpus.is_empty() {
        set(root, None, Status::NoCorpus);
        let message = format!(
            "corroborate: no corpus configured for {}; set `corpus` in {FILE_NAME} or in the `corroborate.corpus` setting",
            root.folder.display()
        );
        // Not an error (a Markdown project without sources): the log and hover say it,
        // without a pop-up in every such project.
        server.client.log_message(MessageType::INFO, message).await;
        after_change(server, root).await;
        return;
    }

    let same_engine = previous.as_ref().is_some_and(|p| {
        p.config.corpus == config.corpus && p.config.match_settings() == config.match_settings()
    });
    if same_engine && !force {
        if let Some(p) = previous {
            let loaded = Loaded {
                engine: p.engine.clone(),
                cache: p.cache.clone(),
                sources: p.sources.clone(),
                config,
            };
            set(root, Some(Arc::new(loaded)), Status::Ready);
            after_change(server, root).await;
        }
        return;
    }

    lock(&root.state).status = Status::Loading;
    let paths = config
        .corpus
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ");
    let progress = Progress::begin(
        &server.client,
        server.support().work_done_progress,
        "corroborate: indexing the corpus",
        paths.clone(),
    )
    .await;
    let (corpus, match_settings) = (config.corpus.clone(), config.match_settings());
    let outcome = guard::blocking(move || {
        guard::debug_panic_point("load");
        Engine::load(&corpus, match_settings)
    })
    .await;
    if root.loads.load(Ordering::SeqCst) != ticket {
        progress.end("superseded by a newer load".into()).await;
        return;
    }
    match outcome {
        Ok(Ok((engine, warnings))) => {
            let summary = format!(
                "{}, {}",
                count(engine.corpus.documents.len(), "source"),
                count(engine.corpus.sentences.len(), "sentence")
            );
            progress.end(summary).await;
            let loaded = Loaded {
                engine: Arc::new(engine),
                cache: Arc::default(),
                sources: Arc::default(),
                config,
            };
            set(root, Some(Arc::new(loaded)), Status::Ready);
            lock(&root.state).last_error = None;
            if !warnings.is_empty() {
                for w in &warnings {
                    server
                        .client
                        .log_message(MessageType::WARNING, format!("corroborate: {w}"))
                        .await;
                }
                let first = &warnings[0];
                let more = match warnings.len() {
                    1 => String::new(),
                    n => format!(" (and {} more, see the log)", n - 1),
                };
                server
                    .client
                    .show_message(MessageType::WARNING, format!("corroborate: {first}{more}"))
                    .await;
            }
            after_change(server, root).await;
        }
        Ok(Err(error)) => {
            progress.end("failed".into()).await;
            fail(
                server,
                root,
                format!("corroborate: could not load the corpus: {error}"),
            )
            .await;
        }
        Err(panic) => {
            progress.end("failed".into()).await;
            let message = format!("corroborate: loading the corpus ({paths}) failed: {panic}");
            fail(server, root, message).await;
        }
    }
}

fn count(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

fn set(root: &Root, loaded: Option<Arc<Loaded>>, status: Status) {
    let mut state = lock(&root.state);
    state.loaded = loaded;
    state.status = status;
}

/// Says what went wrong (once per distinct error) and keeps the last good engine, if any:
/// a typo in a setting should not wipe the writer's diagnostics.
async fn fail(server: &Arc<Server>, root: &Arc<Root>, message: String) {
    lock(&root.state).status = Status::Failed(message.clone());
    show_once(server, root, MessageType::ERROR, message).await;
    watching::refresh(server).await;
}

async fn show_once(server: &Server, root: &Root, typ: MessageType, message: String) {
    let repeated = {
        let mut state = lock(&root.state);
        let repeated = state.last_error.as_deref() == Some(message.as_str());
        state.last_error = Some(message.clone());
        repeated
    };
    if !repeated {
        server.client.show_message(typ, message).await;
    }
}

/// A root's engine or settings changed: re-check its open drafts, re-watch its files.
async fn after_change(server: &Arc<Server>, root: &Arc<Root>) {
    for uri in server.documents.uris() {
        if server.root_for(&uri).is_some_and(|r| Arc::ptr_eq(&r, root)) {
            server.checks.schedule(server, uri, Duration::ZERO);
        }
    }
    watching::refresh(server).await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drafts_go_to_the_deepest_folder() {
        let ws = Workspace::default();
        let new = ws.set_folders(vec!["/w".into(), "/w/inner".into()]);
        assert_eq!(new.len(), 2);
        let (r, created) = ws.root_for(Some(Path::new("/w/inner/a.md"))).unwrap();
        assert_eq!(
            (r.folder.as_path(), created),
            (Path::new("/w/inner"), false)
        );
        let (r, _) = ws.root_for(Some(Path::new("/w/b.md"))).unwrap();
        assert_eq!(r.folder, Path::new("/w"));
        // unchanged folders keep their roots
        assert!(ws.set_folders(vec!["/w".into()]).is_empty());
    }

    #[test]
    fn a_draft_outside_gets_a_root_once() {
        let ws = Workspace::default();
        let dir = std::env::temp_dir().join(format!("corroborate-outside-{}", std::process::id()));
        let (r, created) = ws.root_for(Some(&dir.join("a.md"))).unwrap();
        assert!(created);
        let (again, created) = ws.root_for(Some(&dir.join("b.md"))).unwrap();
        assert!(!created && Arc::ptr_eq(&r, &again));
        assert_eq!(ws.roots().len(), 1);
    }

    #[test]
    fn a_root_depends_on_its_config_and_corpus() {
        let root = Root::new("/w/project".into());
        assert!(root.depends_on(Path::new("/w/corroborate.toml")));
        assert!(root.depends_on(Path::new("/w/project/corroborate.toml")));
        assert!(!root.depends_on(Path::new("/w/project/sub/corroborate.toml")));
        lock(&root.state).resolved = Some(Resolved {
            config: Config {
                corpus: vec!["/data/corpus".into()],
                ..Default::default()
            },
            file: None,
        });
        assert!(root.depends_on(Path::new("/data/corpus/x/1.txt")));
        assert!(!root.depends_on(Path::new("/data/other.txt")));
    }
}
