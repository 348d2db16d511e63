//! Watching the corpus and corroborate.toml through the client
//! (`workspace/didChangeWatchedFiles`, registered dynamically when the client supports it),
//! so the corpus is re-indexed when its files change.

use std::path::Path;
use std::sync::Arc;

use tower_lsp::lsp_types::{
    DidChangeWatchedFilesRegistrationOptions, FileSystemWatcher, GlobPattern, OneOf, Registration,
    RelativePattern, Unregistration,
};

use super::state::Server;
use super::to_proto;
use crate::config::FILE_NAME;

const REGISTRATION_ID: &str = "corroborate/watched-files";

/// What is registered with the client now, to register again only on a change.
#[derive(Default)]
pub struct Watchers {
    registered: tokio::sync::Mutex<Option<Vec<FileSystemWatcher>>>,
}

/// Registers the watchers the roots need now, replacing the previous registration.
pub async fn refresh(server: &Arc<Server>) {
    let support = server.support();
    if !support.watched_files_registration {
        return;
    }
    let mut wanted = vec![FileSystemWatcher {
        glob_pattern: GlobPattern::String(format!("**/{FILE_NAME}")),
        kind: None,
    }];
    for root in server.workspace.roots() {
        let (corpus, file) = root.inputs();
        for path in corpus.iter().chain(file.iter()) {
            if let Some(w) = watcher(path, support.relative_patterns) {
                if !wanted.contains(&w) {
                    wanted.push(w);
                }
            }
        }
    }
    let mut registered = server.watchers.registered.lock().await;
    if registered.as_ref() == Some(&wanted) {
        return;
    }
    if registered.take().is_some() {
        let _ = server
            .client
            .unregister_capability(vec![Unregistration {
                id: REGISTRATION_ID.into(),
                method: "workspace/didChangeWatchedFiles".into(),
            }])
            .await;
    }
    let options = DidChangeWatchedFilesRegistrationOptions {
        watchers: wanted.clone(),
    };
    let registration = Registration {
        id: REGISTRATION_ID.into(),
        method: "workspace/didChangeWatchedFiles".into(),
        register_options: serde_json::to_value(options).ok(),
    };
    if server
        .client
        .register_capability(vec![registration])
        .await
        .is_ok()
    {
        *registered = Some(wanted);
    }
}

/// Everything under a corpus folder, or the one corpus file.
fn watcher(path: &Path, relative: bool) -> Option<FileSystemWatcher> {
    let (base, pattern) = if path.is_file() {
        (
            path.parent()?,
            path.file_name()?.to_string_lossy().into_owned(),
        )
    } else {
        (path, "**/*".to_string())
    };
    let glob_pattern = if relative {
        GlobPattern::Relative(RelativePattern {
            base_uri: OneOf::Right(to_proto::file_url(base)?),
            pattern,
        })
    } else {
        GlobPattern::String(format!(
            "{}/{pattern}",
            base.to_string_lossy().trim_end_matches('/')
        ))
    };
    Some(FileSystemWatcher {
        glob_pattern,
        kind: None,
    })
}
