use std::sync::atomic::Ordering;
use std::sync::Arc;

use crate::server::state::Server;

/// From here on `exit` ends the process with code 0.
pub fn run(server: &Arc<Server>) {
    server.shutdown.store(true, Ordering::SeqCst);
}
