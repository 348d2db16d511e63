//! Workspace roots, each with its settings and its loaded corpus (one engine per root).
//!
//! A draft's root is where its settings come from, found as the CLI finds them: the folder of
//! the nearest corroborate.toml above the draft when that lies inside the workspace folder
//! holding the draft (a project nested in the workspace), else that workspace folder; for a
//! draft outside every workspace folder, the folder of its nearest corroborate.toml, else its
//! own folder. Loading runs on the blocking pool; while it runs the previous engine keeps
//! answering.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tower_lsp::lsp_types::MessageType;

use super::analysis::SentenceCache;
use super::guard;
use super::progress::Progress;
use super::semantic;
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
    /// Where corroborate.toml is looked for (this folder and its parents).
    pub folder: PathBuf,
    /// The workspace folder the root lies in (else `folder`): editor settings are those
    /// given for it, their relative corpus paths are relative to it.
    pub base: PathBuf,
    state: Mutex<RootState>,
    /// Bumped by every scheduled load; a load that finds a newer number discards its result.
    loads: AtomicU64,
    /// Held for the whole of a load, so two loads of one root never interleave their status
    /// updates (a re-index waits for the load already running, then reports its own).
    running: tokio::sync::Mutex<()>,
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
    fn new(folder: PathBuf, base: PathBuf) -> Root {
        Root {
            folder,
            base,
            state: Mutex::new(RootState {
                loaded: None,
                status: Status::Waiting,
                resolved: None,
                last_error: None,
            }),
            loads: AtomicU64::new(0),
            running: tokio::sync::Mutex::new(()),
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
    /// The root of the drafts in a directory, found once (see the module doc).
    by_dir: Mutex<HashMap<PathBuf, Arc<Root>>>,
    /// Roots that are not workspace folders: nested projects and folders outside.
    others: Mutex<Vec<Arc<Root>>>,
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
                    let r = Arc::new(Root::new(f.clone(), f));
                    new.push(r.clone());
                    r
                }
            })
            .collect();
        next.sort_by_key(|r| std::cmp::Reverse(r.folder.components().count()));
        next.dedup_by(|a, b| a.folder == b.folder);
        *current = next;
        drop(current);
        self.forget_drafts();
        new
    }

    /// Forgets which root each draft directory belongs to, when a corroborate.toml appeared
    /// or went away or the folders changed; the next check finds them again.
    pub fn forget_drafts(&self) {
        lock(&self.by_dir).clear();
    }

    pub fn folders(&self) -> Vec<PathBuf> {
        lock(&self.folders)
            .iter()
            .map(|r| r.folder.clone())
            .collect()
    }

    pub fn roots(&self) -> Vec<Arc<Root>> {
        let mut all = lock(&self.folders).clone();
        all.extend(lock(&self.others).iter().cloned());
        all
    }

    /// The root for a draft at `path` (`None` for an unsaved draft: the outermost folder),
    /// and whether it was just made.
    pub fn root_for(&self, path: Option<&Path>) -> Option<(Arc<Root>, bool)> {
        let Some(path) = path else {
            return lock(&self.folders).last().map(|r| (r.clone(), false));
        };
        let dir = path.parent()?.to_path_buf();
        if let Some(r) = lock(&self.by_dir).get(&dir) {
            return Some((r.clone(), false));
        }
        let folder = lock(&self.folders)
            .iter()
            .find(|r| path.starts_with(&r.folder))
            .cloned();
        let project = Config::discover(&dir).and_then(|toml| toml.parent().map(Path::to_path_buf));
        let (root, created) = match (folder, project) {
            (Some(f), Some(p)) if p.starts_with(&f.folder) && p != f.folder => {
                let base = f.folder.clone();
                self.other(p, base)
            }
            (Some(f), _) => (f, false),
            (None, Some(p)) => self.other(p.clone(), p),
            (None, None) => self.other(dir.clone(), dir.clone()),
        };
        lock(&self.by_dir).insert(dir, root.clone());
        Some((root, created))
    }

    fn other(&self, folder: PathBuf, base: PathBuf) -> (Arc<Root>, bool) {
        let mut others = lock(&self.others);
        if let Some(r) = others.iter().find(|r| r.folder == folder) {
            return (r.clone(), false);
        }
        let root = Arc::new(Root::new(folder, base));
        others.push(root.clone());
        (root, true)
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

/// Re-reads the root's settings and corpus now and returns when done (the
/// `corroborate.reindex` command). Supersedes any load already scheduled; a load scheduled
/// while this one runs supersedes it in turn (the root then says `Loading`).
pub async fn reload_now(server: &Arc<Server>, root: &Arc<Root>) {
    let ticket = root.loads.fetch_add(1, Ordering::SeqCst) + 1;
    load(server, root, true, ticket).await;
}

async fn load(server: &Arc<Server>, root: &Arc<Root>, force: bool, ticket: u64) {
    let _one_at_a_time = root.running.lock().await;
    let editor = server.editor().for_folder(&root.base).cloned();
    let (folder, base) = (root.folder.clone(), root.base.clone());
    let resolved = match guard::blocking(move || settings::resolve(&folder, &base, editor.as_ref()))
        .await
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

    // The engine holds the corpus, its index and its embeddings: a change of any of them
    // needs a new one; severities and the like do not.
    let same_engine = previous.as_ref().is_some_and(|p| {
        p.config.corpus == config.corpus
            && p.config.match_settings() == config.match_settings()
            && p.config.model == config.model
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
            let engine = Arc::new(engine);
            let model = config.model.clone();
            let loaded = Loaded {
                engine: engine.clone(),
                cache: Arc::default(),
                sources: Arc::default(),
                config,
            };
            set(root, Some(Arc::new(loaded)), Status::Ready);
            semantic::embed_sources(server, root, &engine, model);
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
    recheck_drafts(server, root).await;
    watching::refresh(server).await;
}

/// Checks the root's open drafts again (its engine has new evidence).
pub async fn recheck_drafts(server: &Arc<Server>, root: &Arc<Root>) {
    for uri in server.documents.uris() {
        if server.root_for(&uri).is_some_and(|r| Arc::ptr_eq(&r, root)) {
            server.checks.schedule(server, uri, Duration::ZERO);
        }
    }
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
    fn a_project_nested_in_a_folder_is_its_own_root_as_for_the_cli() {
        let ws_dir =
            std::env::temp_dir().join(format!("corroborate-nested-{}", std::process::id()));
        let project = ws_dir.join("project");
        std::fs::create_dir_all(project.join("drafts")).unwrap();
        std::fs::write(project.join(FILE_NAME), "").unwrap();
        let ws = Workspace::default();
        ws.set_folders(vec![ws_dir.clone()]);
        let (r, created) = ws.root_for(Some(&project.join("drafts/a.md"))).unwrap();
        assert!(created);
        assert_eq!(
            (r.folder.as_path(), r.base.as_path()),
            (project.as_path(), ws_dir.as_path())
        );
        let (top, _) = ws.root_for(Some(&ws_dir.join("b.md"))).unwrap();
        assert_eq!(top.folder, ws_dir);
        // the project file goes away: after forgetting, drafts fall back to the folder
        std::fs::remove_file(project.join(FILE_NAME)).unwrap();
        ws.forget_drafts();
        let (r, _) = ws.root_for(Some(&project.join("drafts/a.md"))).unwrap();
        assert_eq!(r.folder, ws_dir);
        std::fs::remove_dir_all(ws_dir).unwrap();
    }

    #[test]
    fn a_root_depends_on_its_config_and_corpus() {
        let root = Root::new("/w/project".into(), "/w/project".into());
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
