//! One small file per LSP method, as ruff's `api/`: `notifications/` change state (edits
//! were already applied in order by [`super::ordered`]; these schedule work), `requests/`
//! answer from snapshots, computing on the blocking pool; `commands/` are the server's own
//! commands, run through `workspace/executeCommand`.

pub mod commands;
pub mod notifications;
pub mod requests;
