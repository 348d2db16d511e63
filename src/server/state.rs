//! The server's shared state: open drafts, workspace roots with their engines, what the
//! editor said, and the work in flight. Locks here are std mutexes held for a few
//! instructions, never across an `.await`.

use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex, MutexGuard};

use tower_lsp::lsp_types::Url;
use tower_lsp::Client;

use super::checks::Checks;
use super::documents::Documents;
use super::from_proto::{self, ClientSupport};
use super::semantic::Models;
use super::settings::EditorSettings;
use super::watching::Watchers;
use super::workspace::{self, Root, Workspace};

pub struct Server {
    pub client: Client,
    pub documents: Arc<Documents>,
    pub workspace: Workspace,
    pub editor: Mutex<EditorSettings>,
    pub support: Mutex<ClientSupport>,
    pub checks: Checks,
    pub watchers: Watchers,
    /// The sentence-embedding models loaded so far.
    pub models: Models,
    /// Set by `shutdown`: the exit code is 0 only after it.
    pub shutdown: Arc<AtomicBool>,
}

impl Server {
    pub fn new(client: Client, documents: Arc<Documents>, shutdown: Arc<AtomicBool>) -> Server {
        Server {
            client,
            documents,
            workspace: Workspace::default(),
            editor: Mutex::default(),
            support: Mutex::default(),
            checks: Checks::default(),
            watchers: Watchers::default(),
            models: Models::default(),
            shutdown,
        }
    }

    pub fn support(&self) -> ClientSupport {
        *lock(&self.support)
    }

    pub fn editor(&self) -> MutexGuard<'_, EditorSettings> {
        lock(&self.editor)
    }

    /// The root a draft belongs to; a root made up for a file outside the workspace folders
    /// starts loading its corpus.
    pub fn root_for(self: &Arc<Self>, uri: &Url) -> Option<Arc<Root>> {
        let path = from_proto::path(uri);
        let (root, created) = self.workspace.root_for(path.as_deref())?;
        if created {
            workspace::schedule_load(self, root.clone(), false, std::time::Duration::ZERO);
        }
        Some(root)
    }
}

/// A poisoned lock only means another thread panicked while holding it; the data behind
/// these locks is replaced whole, never left half-written, so it is still good.
pub fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}
